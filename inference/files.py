"""Which files a command analyses: shared by `medclair analyse` and the import (GUI and `medclair import`)."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from inference.document import IMAGE_SUFFIXES

SUPPORTED_SUFFIXES = (".pdf", ".txt", *sorted(IMAGE_SUFFIXES))


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given (whatever their type, so that a wrong file gets a message) and, inside folders, every
    PDF, text or image file, recursively, in name order."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            )
        else:
            files.append(path)
    return files
