"""What a role without access to identities (the secretary, SPEC §8) is shown of a document.

The stored analysis keeps everything; this view replaces the file name by a neutral label, the text by its
de-identified form, and masks personal data in every string the window shows (evidence, entities, alerts,
questions, summary). Free strings such as the summary quote the text, so they are masked twice: by the
findings of the whole text (a surname found once is masked wherever it recurs) and by their own findings.
"""
from __future__ import annotations

import re

from inference.analysis import Analysis, Span
from inference.deidentification import PLACEHOLDERS, PersonalData, deidentify, find_personal_data

_TITLES = {"m", "mme", "mlle", "mr", "dr", "pr", "madame", "monsieur", "mademoiselle", "docteur", "professeur"}


def neutral_name(doc_id: int) -> str:
    """Shown instead of the file name, which often carries the patient's name."""
    return f"Document n°{doc_id}"


def _placeholder(label: str) -> str:
    return PLACEHOLDERS.get(label, "[NOM]")


class Masker:
    """Masks personal data in spans of `text` and in strings that quote it."""

    def __init__(self, text: str, found: list[PersonalData] | None = None):
        self.text = text
        self.found = find_personal_data(text) if found is None else found
        surfaces = {item.text: _placeholder(item.label) for item in self.found if item.text.strip()}
        for item in self.found:
            if item.label == "PERSONNE":
                for word in re.findall(r"[^\W\d_][\w'-]+", item.text):
                    if word.lower().rstrip(".") not in _TITLES:
                        surfaces.setdefault(word, "[NOM]")
        ordered = sorted(surfaces, key=len, reverse=True)
        self._placeholders = {key.lower(): value for key, value in surfaces.items()}
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(s) for s in ordered) + r")(?!\w)", re.IGNORECASE)
            if ordered else None
        )

    def free(self, value: str) -> str:
        if not value:
            return value
        if self._pattern is not None:
            value = self._pattern.sub(lambda m: self._placeholders.get(m.group(0).lower(), "[NOM]"), value)
        return deidentify(value)

    def span(self, start: int, end: int) -> str:
        """text[start:end] with the findings that overlap it replaced by their placeholder."""
        parts, last = [], start
        for item in self.found:
            if item.end <= start or item.start >= end:
                continue
            parts.append(self.text[last:max(last, item.start)])
            parts.append(_placeholder(item.label))
            last = max(last, item.end)
        if last < end:
            parts.append(self.text[last:end])
        return self.free("".join(parts))


def masked_analysis(analysis: Analysis, doc_id: int) -> Analysis:
    """A copy of `analysis` fit for a role that may not see identities. Offsets are kept (they key the page
    highlights); `text` becomes the de-identified text, so they no longer index it."""
    masker = Masker(analysis.text)
    result = Analysis.from_dict(analysis.to_dict())

    def span(item: Span) -> None:
        item.text = masker.span(item.start, item.end)

    result.document.filename = neutral_name(doc_id)
    result.text = analysis.deidentified_text or deidentify(analysis.text, masker.found)
    result.deidentified_text = result.text
    for spans in result.elements.present.values():
        for item in spans:
            span(item)
    for entity in result.entities:
        entity.text = masker.span(entity.start, entity.end)
    for relation in result.relations:
        span(relation.drug)
        span(relation.condition)
    for alert in result.alerts:
        alert.text = masker.free(alert.text)
        for item in alert.evidence:
            span(item)
    for question in result.questions:
        question.text = masker.free(question.text)
    for lab in result.lab_results:
        lab.test = masker.free(lab.test)
    result.summary = masker.free(result.summary)
    return result
