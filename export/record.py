"""Written record of each factory command: arguments, inputs, outputs, metrics, versions, timing."""
from __future__ import annotations

import json
import platform
import sys
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from inference.resources import file_sha256 as sha256

PACKAGES = ("torch", "transformers", "optimum", "optimum-onnx", "onnxruntime", "onnx", "tokenizers", "datasets",
            "accelerate", "numpy")


def _versions() -> dict[str, str]:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


class Record:
    """Collects what a command did and writes `<folder>/record_<command>.json` at the end."""

    def __init__(self, command: str, args: dict):
        self.data = {"command": command, "argv": sys.argv[1:], "args": {k: str(v) for k, v in args.items()},
                     "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                     "python": platform.python_version(), "packages": _versions(),
                     "inputs": {}, "outputs": {}, "metrics": {}}
        self._t0 = time.perf_counter()

    def input(self, name: str, path: Path | str, hash_file: bool = False) -> None:
        path = Path(path)
        entry = {"path": str(path)}
        if hash_file and path.is_file():
            entry["sha256"] = sha256(path)
        self.data["inputs"][name] = entry

    def output(self, name: str, path: Path | str) -> None:
        path = Path(path)
        entry = {"path": str(path)}
        if path.is_file():
            entry["bytes"] = path.stat().st_size
            entry["sha256"] = sha256(path)
        self.data["outputs"][name] = entry

    def metric(self, name: str, value) -> None:
        self.data["metrics"][name] = value

    def write(self, folder: Path | str) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.data["seconds"] = round(time.perf_counter() - self._t0, 2)
        path = folder / f"record_{self.data['command']}.json"
        path.write_text(json.dumps(self.data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return path
