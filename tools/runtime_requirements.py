"""The part of requirements.lock that some workspace packages need at run time, hashes kept.

    python tools/runtime_requirements.py civicpulse-scoring < requirements.lock > runtime.lock

The lock pins everything, dev tools included. An image needs only what its service reaches
through the `Requires-Dist` of the installed distributions (markers and extras evaluated for
this interpreter), so run this where the whole lock and the workspace packages are installed:
an image's build stage, or `.venv`. Nothing is resolved again: every entry comes from the lock,
verbatim, and a requirement the lock lacks is an error.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, distribution

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==")


def runtime_closure(roots: Iterable[str]) -> set[str]:
    """Canonical names of the roots and of every distribution they require, transitively."""
    visited: set[tuple[str, frozenset[str]]] = set()
    todo = [(canonicalize_name(root), frozenset[str]()) for root in roots]
    while todo:
        name, extras = todo.pop()
        if (name, extras) in visited:
            continue
        visited.add((name, extras))
        try:
            requires = distribution(name).requires or []
        except PackageNotFoundError:
            raise SystemExit(f"{name} is not installed here: install the whole lock and the workspace first") from None
        for line in requires:
            requirement = Requirement(line)
            wanted = requirement.marker is None or any(requirement.marker.evaluate({"extra": e}) for e in extras or {""})
            if wanted:
                todo.append((canonicalize_name(requirement.name), frozenset(requirement.extras)))
    return {name for name, _ in visited}


def lock_entries(lock: str) -> dict[str, str]:
    """Canonical name -> its whole entry (the pin, its hashes and its `# via` lines)."""
    entries: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lock.splitlines():
        if match := ENTRY.match(line):
            current = entries[canonicalize_name(match.group(1))] = [line]
        elif current is not None and line.startswith((" ", "\t")):
            current.append(line)
        else:
            current = None
    return {name: "\n".join(lines) for name, lines in entries.items()}


def runtime_lock(lock: str, roots: Iterable[str], workspace_prefix: str = "civicpulse-") -> str:
    roots = list(roots)
    entries = lock_entries(lock)
    needed = sorted(n for n in runtime_closure(roots) if not n.startswith(workspace_prefix))
    missing = [n for n in needed if n not in entries]
    if missing:
        raise SystemExit(f"requirements.lock has no entry for {', '.join(missing)}: run `make lock`")
    header = f"# Run-time part of requirements.lock for {', '.join(roots)} (tools/runtime_requirements.py).\n"
    return header + "\n".join(entries[n] for n in needed) + "\n"


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    sys.stdout.write(runtime_lock(sys.stdin.read(), sys.argv[1:]))
