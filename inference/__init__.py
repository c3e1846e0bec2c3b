"""MedClair's analysis engine: a document in, an `Analysis` record out. No Qt, no database, no torch."""
from inference.analysis import Analysis
from inference.document import UnreadableDocument
from inference.pipeline import Engine

__all__ = ["Analysis", "Engine", "UnreadableDocument"]
