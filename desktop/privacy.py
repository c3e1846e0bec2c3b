"""What a role without access to identities (the secretary, SPEC §8) is shown of a document.

The stored analysis keeps everything; this view replaces the file name by a neutral label, the text by its
de-identified form, and masks personal data in every string the window shows (evidence, entities, alerts,
questions, summary). The masking itself is the engine's (inference/privacy.py), shared with the command line.
"""
from __future__ import annotations

from inference import privacy
from inference.analysis import Analysis


def neutral_name(doc_id: int) -> str:
    """Shown instead of the file name, which often carries the patient's name."""
    return f"Document n°{doc_id}"


def masked_analysis(analysis: Analysis, doc_id: int) -> Analysis:
    """A copy of `analysis` fit for a role that may not see identities. Offsets are kept (they key the page
    highlights); `text` becomes the de-identified text, so they no longer index it."""
    return privacy.masked_analysis(analysis, neutral_name(doc_id))
