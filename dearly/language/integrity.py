"""Check that a model's files are the ones we pinned, before any of them is loaded.

The wheels come from small publishers: pyproject pins their versions and the Makefile their wheel
hashes, and this checks the files on disk again at load, so a changed file stops the process with
a clear message instead of quietly giving other answers.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path


class ModelFileError(RuntimeError):
    pass


def package_dir(package: str) -> Path:
    """Where an installed package lives, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelFileError(
            f"The package {package!r} is not installed: run `make install` (it is pinned in pyproject.toml)."
        )
    return Path(next(iter(spec.submodule_search_locations)))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_tree(root: Path) -> str:
    """One hash over every file below root: relative names and contents, in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(bytes.fromhex(sha256_file(path)))
    return digest.hexdigest()


def checked(path: Path, expected: str, *, tree: bool = False) -> Path:
    if not path.exists():
        raise ModelFileError(f"Model file missing: {path}. Run `make install`.")
    actual = sha256_tree(path) if tree else sha256_file(path)
    if actual != expected:
        raise ModelFileError(
            f"Model file {path} has sha256 {actual}, expected {expected}: refusing to load it."
        )
    return path
