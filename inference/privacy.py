"""Masked copies of an Analysis: what a role without access to identities sees (SPEC §8) and what
`medclair analyse --deidentify` prints.

Free strings such as the summary quote the text, so they are masked twice: by the findings of the whole text
(a surname found once is masked wherever it recurs) and by their own findings. Two views exist:
`masked_analysis` keeps the offsets (the GUI keys its page highlights on them) and shows the de-identified text;
`deidentified_analysis` rewrites the offsets so that they index its masked text, and every span's text is
exactly `text[start:end]`.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from pathlib import PurePath

from inference.analysis import Analysis, PersonalData, Span
from inference.deidentification import PLACEHOLDERS, deidentify, find_personal_data

_TITLES = {"m", "mme", "mlle", "mr", "dr", "pr", "madame", "monsieur", "mademoiselle", "docteur", "professeur"}


def personal_data_of(analysis: Analysis) -> list[PersonalData]:
    """What the engine found (rules and model); for a record stored before it kept that, the rules again."""
    if analysis.personal_data is None:
        return find_personal_data(analysis.text)
    return [PersonalData(**vars(item)) for item in analysis.personal_data]


def _placeholder(label: str) -> str:
    return PLACEHOLDERS.get(label, "[NOM]")


class Masker:
    """Masks personal data in spans of `text` and in strings that quote it."""

    def __init__(self, text: str, found: list[PersonalData] | None = None):
        self.text = text
        self.found = find_personal_data(text) if found is None else found
        surfaces = {item.text: item.label for item in self.found if item.text.strip()}
        for item in self.found:
            if item.label == "PERSONNE":
                for word in re.findall(r"[^\W\d_][\w'-]+", item.text):
                    if word.lower().rstrip(".") not in _TITLES:
                        surfaces.setdefault(word, "PERSONNE")
        ordered = sorted(surfaces, key=len, reverse=True)
        self._labels = {key.lower(): label for key, label in surfaces.items()}
        self._placeholders = {key: _placeholder(label) for key, label in self._labels.items()}
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

    def recurrences(self) -> list[PersonalData]:
        """Where a surface found once (a surname, a first name of a named person) recurs in the text."""
        if self._pattern is None:
            return []
        return [
            PersonalData(self._labels.get(m.group(0).lower(), "PERSONNE"), m.start(), m.end(), m.group(0))
            for m in self._pattern.finditer(self.text)
        ]

    def filename(self, name: str) -> str:
        """A file name with the personal data it carries masked ("DURAND_Jeanne.pdf" → "[NOM] [NOM].pdf")."""
        path = PurePath(name)
        stem = path.stem.replace("_", " ")
        masked = self.free(stem)
        return name if masked == stem else masked + path.suffix


def _mask_fields(result: Analysis, masker: Masker, span: Callable[[Span], None],
                 entity_text: Callable[[int, int], str]) -> None:
    """Mask the strings of `result` that may quote the document: spans through `span`, free strings by the
    masker (the warnings, the engine's own sentences, are left to the caller)."""
    for spans in result.elements.present.values():
        for item in spans:
            span(item)
    for datum in result.personal_data or []:
        span(datum)  # type: ignore[arg-type]  (a span of text too; its text becomes its placeholder)
    for entity in result.entities:
        entity.text = entity_text(entity.start, entity.end)
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


def masked_analysis(analysis: Analysis, filename: str) -> Analysis:
    """A copy of `analysis` fit for a role that may not see identities, shown under `filename`. Offsets are kept
    (they key the page highlights); `text` becomes the de-identified text, so they no longer index it."""
    masker = Masker(analysis.text, personal_data_of(analysis))
    result = Analysis.from_dict(analysis.to_dict())

    def span(item: Span) -> None:
        item.text = masker.span(item.start, item.end)

    result.document.filename = filename
    result.text = analysis.deidentified_text or deidentify(analysis.text, masker.found)
    result.deidentified_text = result.text
    _mask_fields(result, masker, span, masker.span)
    return result


class _OffsetMap:
    """Maps offsets of a text to offsets of its copy where some non-overlapping pieces were replaced."""

    def __init__(self, text: str, pieces: list[tuple[int, int, str]]):
        parts, last, shift = [], 0, 0
        self._starts: list[int] = []
        self._pieces: list[tuple[int, int, int, int]] = []  # old start, old end, new start, new end
        for start, end, replacement in pieces:
            parts += [text[last:start], replacement]
            new_start = start + shift
            shift += len(replacement) - (end - start)
            self._starts.append(start)
            self._pieces.append((start, end, new_start, end + shift))
            last = end
        parts.append(text[last:])
        self.text = "".join(parts)

    def __call__(self, offset: int, end: bool) -> int:
        """`offset` in the new text; inside a replaced piece it moves to the piece's start (or end, for an end)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return offset
        old_start, old_end, new_start, new_end = self._pieces[index]
        if offset >= old_end:
            return offset + new_end - old_end
        if offset == old_start:
            return new_start
        return new_end if end else new_start


def _cover(masker: Masker, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The pieces to mask, without overlaps: the text's findings, their recurrences, then what each span's own
    text shows when read alone (a span may look like personal data only out of context; recall comes first)."""
    candidates = list(masker.found) + masker.recurrences()
    for start, end in spans:
        candidates += [PersonalData(item.label, item.start + start, item.end + start, item.text)
                       for item in find_personal_data(masker.text[start:end])]
    kept: list[tuple[int, int, str]] = []
    for item in candidates:
        if item.end <= item.start:
            continue
        index = bisect.bisect_left(kept, (item.start,))
        before = kept[index - 1] if index > 0 else None
        after = kept[index] if index < len(kept) else None
        if (before and before[1] > item.start) or (after and after[0] < item.end):
            continue
        kept.insert(index, (item.start, item.end, _placeholder(item.label)))
    return kept


def deidentified_analysis(analysis: Analysis) -> Analysis:
    """A copy of `analysis` with every personal datum masked in every string, the file name included. Offsets
    index the masked `text` (also in `deidentified_text`): each span's text is `text[start:end]`; a span that
    touched a masked piece covers its whole placeholder."""
    masker = Masker(analysis.text, personal_data_of(analysis))
    result = Analysis.from_dict(analysis.to_dict())
    evidence = [(item.start, item.end) for spans in result.elements.present.values() for item in spans]
    evidence += [(entity.start, entity.end) for entity in result.entities]
    evidence += [(item.start, item.end) for relation in result.relations for item in (relation.drug, relation.condition)]
    evidence += [(item.start, item.end) for alert in result.alerts for item in alert.evidence]
    moved = _OffsetMap(analysis.text, _cover(masker, evidence))

    def remap(start: int, end: int) -> tuple[int, int]:
        return moved(start, end=False), moved(end, end=True)

    def span(item: Span) -> None:
        item.start, item.end = remap(item.start, item.end)
        item.text = moved.text[item.start:item.end]

    for entity in result.entities:
        entity.start, entity.end = remap(entity.start, entity.end)
    for lab in result.lab_results:
        lab.start, lab.end = remap(lab.start, lab.end)
    _mask_fields(result, masker, span, lambda start, end: moved.text[start:end])
    result.warnings = [masker.free(warning) for warning in result.warnings]
    result.document.filename = masker.filename(analysis.document.filename)
    result.text = result.deidentified_text = moved.text
    return result
