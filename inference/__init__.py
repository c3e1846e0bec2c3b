"""MedClair's analysis engine: a document in, an `Analysis` record out. No Qt, no database, no torch."""
import os

# onnxruntime 1.32 otherwise keeps a device id and a telemetry queue under ~/.cache/Microsoft: nothing about the
# workstation may be recorded for a third party, even offline. Must be set before onnxruntime is imported.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from inference.analysis import Analysis  # noqa: E402
from inference.document import UnreadableDocument  # noqa: E402

__all__ = ["Analysis", "Engine", "UnreadableDocument"]


def __getattr__(name: str):
    """`Engine` on first use: importing it compiles every rule, and a batch import starts its first model passes
    before that (inference/first_passes.py)."""
    if name == "Engine":
        from inference.pipeline import Engine
        return Engine
    raise AttributeError(f"module 'inference' has no attribute {name!r}")
