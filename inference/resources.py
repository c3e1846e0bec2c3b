"""Where the shipped resources live: `resources/` beside the packages, or MEDCLAIR_RESOURCES."""
from __future__ import annotations

import os
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("MEDCLAIR_RESOURCES")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "resources"
