"""Where the shipped resources live: `resources/` beside the packages, or MEDCLAIR_RESOURCES."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("MEDCLAIR_RESOURCES")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "resources"


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in blocks (model files are tens of MB)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
