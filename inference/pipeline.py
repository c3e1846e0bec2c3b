"""The engine: composes the named components into document -> Analysis (SPEC §2).

Everything slow (rules, lexicons, models) is loaded once in `Engine.load`; `analyse` is then cheap and
thread-safe for reading, so a batch or a GUI worker reuses one engine.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from inference.allergy import detect_allergy_mention
from inference.analysis import Analysis, DocumentInfo, Elements, Entity
from inference.completeness import CompletenessRules, find_missing_elements
from inference.document import Document, read_document
from inference.elements import find_patient_facts, find_present_elements
from inference.questions import QuestionTemplates
from inference.request_type import classify_request_type
from inference.resources import resources_dir


@dataclass
class Engine:
    rules: CompletenessRules
    questions: QuestionTemplates
    models: dict[str, str]

    @classmethod
    def load(cls, resources: Path | None = None) -> "Engine":
        root = Path(resources) if resources else resources_dir()
        return cls(
            rules=CompletenessRules.load(root / "rules" / "completeness.yaml"),
            questions=QuestionTemplates.load(root / "rules" / "questions.yaml"),
            models={"request_type": "rules-v1", "elements": "rules-v1"},
        )

    def analyse(self, path: Path | str) -> Analysis:
        """Read and analyse one file; raises UnreadableDocument with a French message when it cannot be read."""
        timings: dict[str, float] = {}
        with _timed(timings, "read"):
            document = read_document(path)
        return self.analyse_document(document, timings)

    def analyse_text(self, text: str, filename: str = "texte.txt") -> Analysis:
        """Analyse text given directly (evaluation sets, pasted text)."""
        import hashlib

        data = text.encode("utf-8")
        document = Document(filename, hashlib.sha256(data).hexdigest(), data, text)
        return self.analyse_document(document, {})

    def analyse_document(self, document: Document, timings: dict[str, float]) -> Analysis:
        text = document.text
        entities: list[Entity] = []
        with _timed(timings, "classify"):
            request_type = classify_request_type(text)
            allergy = detect_allergy_mention(text)
        with _timed(timings, "elements"):
            present = find_present_elements(text, entities, [])
            facts = find_patient_facts(text)
            missing = find_missing_elements(self.rules, request_type.code, present, entities, {}, facts, text)
            questions = self.questions.draft_questions(missing)
        return Analysis(
            document=DocumentInfo(
                sha256=document.sha256,
                filename=document.filename,
                pages=max(len(document.pages), 1),
                ocr_pages=document.ocr_pages,
                chars=len(text),
            ),
            text=text,
            request_type=request_type,
            allergy_mentioned=allergy,
            entities=entities,
            elements=Elements(present=present, missing=_unique(item.element for item in missing)),
            questions=questions,
            models=dict(self.models),
            timings_ms=timings,
        )


def _unique(items: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(items))


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[stage] = round(timings.get(stage, 0.0) + (time.perf_counter() - start) * 1000, 3)
