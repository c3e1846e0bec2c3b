"""The Analysis record (SPEC §6): one object flows from the engine to the GUI, the store and the CLI.

Every offset is a character offset into ``Analysis.text`` so that ``text[start:end]`` is what was found.
The record serialises to a stable JSON shape versioned by ``SCHEMA_VERSION``; every field is present even
when empty so that consumers never have to guess.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Span:
    """A piece of the document's text, used as evidence."""

    start: int
    end: int
    text: str


@dataclass
class Code:
    system: str  # "ATC" or "CIM-10"
    value: str


@dataclass
class Entity:
    label: str  # MEDICAMENT, PATHOLOGIE, SYMPTOME, ALLERGENE, EXAMEN, ANATOMIE, POSOLOGIE
    text: str
    start: int
    end: int
    page: int = 1
    score: float = 1.0
    negated: bool = False
    hypothesis: bool = False
    family: bool = False
    history: bool = False
    code: Code | None = None
    source: str = "rules"  # "model", "lexicon" or "rules": where the entity came from


@dataclass
class LabResult:
    test: str
    value: float
    unit: str
    low: float | None
    high: float | None
    flag: str  # "H", "L" or "N"
    start: int
    end: int


@dataclass
class Relation:
    """A drug linked to the condition the text says it treats ("metformine pour un diabète")."""

    kind: str  # "traite"
    drug: Span
    condition: Span


@dataclass
class PersonalData:
    """A piece of personal data in `text` (de-identification): what every view masks."""

    label: str
    start: int
    end: int
    text: str
    score: float = 1.0  # 1.0 for a checked rule (NIR key, e-mail); lower for context, lexicon or model guesses
    source: str = "rules"  # or "model" (inference/deid_model.py)


@dataclass
class Question:
    element: str
    text: str


@dataclass
class Alert:
    kind: str
    text: str
    evidence: list[Span] = field(default_factory=list)


@dataclass
class DocumentInfo:
    sha256: str
    filename: str
    pages: int
    ocr_pages: list[int] = field(default_factory=list)
    chars: int = 0


@dataclass
class RequestType:
    code: str
    label: str
    score: float


@dataclass
class AllergyMention:
    value: bool
    score: float


@dataclass
class Urgency:
    level: str  # "urgent", "rapide", "programme" or "non_precise"
    score: float


@dataclass
class Elements:
    present: dict[str, list[Span]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


@dataclass
class Analysis:
    document: DocumentInfo
    text: str
    request_type: RequestType
    allergy_mentioned: AllergyMention
    urgency: Urgency = field(default_factory=lambda: Urgency("non_precise", 0.0))
    entities: list[Entity] = field(default_factory=list)
    lab_results: list[LabResult] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    elements: Elements = field(default_factory=Elements)
    questions: list[Question] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    summary: str = ""
    warnings: list[str] = field(default_factory=list)  # what the user should know about this analysis (French)
    deidentified_text: str = ""
    # None in a record stored before the field existed: its readers then ask the rules again
    personal_data: list[PersonalData] | None = None
    models: dict[str, str] = field(default_factory=dict)
    timings_ms: dict[str, float] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        record = _plain(self)
        for entity in record["entities"]:
            if entity["code"] is None:
                del entity["code"]
        ordered = {"schema_version": record.pop("schema_version")}
        ordered.update(record)
        return ordered

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> "Analysis":
        elements = record.get("elements", {})
        return cls(
            schema_version=record.get("schema_version", SCHEMA_VERSION),
            document=DocumentInfo(**record["document"]),
            text=record["text"],
            request_type=RequestType(**record["request_type"]),
            allergy_mentioned=AllergyMention(**record["allergy_mentioned"]),
            urgency=Urgency(**record.get("urgency", {"level": "non_precise", "score": 0.0})),
            entities=[
                Entity(**{**e, "code": Code(**e["code"]) if e.get("code") else None})
                for e in record.get("entities", [])
            ],
            lab_results=[LabResult(**r) for r in record.get("lab_results", [])],
            relations=[
                Relation(r["kind"], Span(**r["drug"]), Span(**r["condition"])) for r in record.get("relations", [])
            ],
            elements=Elements(
                present={k: [Span(**s) for s in v] for k, v in elements.get("present", {}).items()},
                missing=list(elements.get("missing", [])),
            ),
            questions=[Question(**q) for q in record.get("questions", [])],
            alerts=[
                Alert(kind=a["kind"], text=a["text"], evidence=[Span(**s) for s in a.get("evidence", [])])
                for a in record.get("alerts", [])
            ],
            summary=record.get("summary", ""),
            warnings=list(record.get("warnings", [])),
            deidentified_text=record.get("deidentified_text", ""),
            personal_data=None if record.get("personal_data") is None
            else [PersonalData(**item) for item in record["personal_data"]],
            models=dict(record.get("models", {})),
            timings_ms=dict(record.get("timings_ms", {})),
        )

    @classmethod
    def from_json(cls, data: str) -> "Analysis":
        return cls.from_dict(json.loads(data))


def _plain(value: Any) -> Any:
    """Like dataclasses.asdict without its deep copies: the record's leaves are immutable already."""
    if is_dataclass(value):
        return {item.name: _plain(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
