"""Where the shipped resources live: `resources/` beside the packages, or MEDCLAIR_RESOURCES."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import yaml


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


def read_word_list(path: Path) -> list[str]:
    """The entries of a one-per-line word list (`#` starts a comment); none when the file is absent."""
    if not path.is_file():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def read_yaml(path: Path):
    """A YAML file's data, read by libyaml when PyYAML has it (about ten times faster than the pure-Python reader:
    rules and reference ranges load at every start). Raises OSError or yaml.YAMLError."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
