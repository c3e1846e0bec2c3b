"""Exports of stored analyses (JSON lines or CSV), de-identified unless a clinician asks otherwise.

A de-identified record keeps what the analysis found (type, elements, questions, labs, medical entities) and the
de-identified text, but never the original text, the file name or evidence spans, which can hold identities.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from inference.analysis import Analysis
from desktop.store import DocumentRow, Store


def deidentified_record(row: DocumentRow, analysis: Analysis) -> dict:
    return {
        "sha256": row.sha256,
        "imported_at": row.imported_at,
        "request_type": {"code": analysis.request_type.code, "score": analysis.request_type.score},
        "allergy_mentioned": analysis.allergy_mentioned.value,
        "elements_present": sorted(analysis.elements.present),
        "elements_missing": list(analysis.elements.missing),
        "questions": [{"element": q.element, "text": q.text} for q in analysis.questions],
        "alerts": [alert.kind for alert in analysis.alerts],
        "entities": [
            {"label": e.label, "text": e.text, "negated": e.negated, "hypothesis": e.hypothesis,
             "family": e.family, "history": e.history}
            for e in analysis.entities
        ],
        "lab_results": [
            {"test": r.test, "value": r.value, "unit": r.unit, "low": r.low, "high": r.high, "flag": r.flag}
            for r in analysis.lab_results
        ],
        "deidentified_text": analysis.deidentified_text,
        "models": analysis.models,
    }


def identified_record(row: DocumentRow, analysis: Analysis) -> dict:
    return {"imported_at": row.imported_at, "imported_by": row.imported_by, **analysis.to_dict()}


CSV_FIELDS = ["sha256", "imported_at", "request_type", "request_score", "missing", "questions", "alerts"]


def write_export(path: Path, items: list[tuple[DocumentRow, Analysis]], identified: bool) -> int:
    """Write `items` to `path` (.csv gives CSV, anything else JSON lines); returns the number of records."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        fields = (["filename"] if identified else []) + CSV_FIELDS
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, delimiter=";")
            writer.writeheader()
            for row, analysis in items:
                record = {
                    "sha256": row.sha256,
                    "imported_at": row.imported_at,
                    "request_type": analysis.request_type.code,
                    "request_score": analysis.request_type.score,
                    "missing": ", ".join(analysis.elements.missing),
                    "questions": " | ".join(q.text for q in analysis.questions),
                    "alerts": " | ".join(a.kind for a in analysis.alerts),
                }
                if identified:
                    record["filename"] = row.filename
                writer.writerow(record)
    else:
        build = identified_record if identified else deidentified_record
        with path.open("w", encoding="utf-8") as handle:
            for row, analysis in items:
                handle.write(json.dumps(build(row, analysis), ensure_ascii=False) + "\n")
    return len(items)


def write_annotations(path: Path, store: Store, identified: bool) -> int:
    """Every correction as a JSON line for the model factory (`export/`): the document's sha256, the kind, the
    correction, who and when; with `identified`, the document's text too so that offsets can be used."""
    texts: dict[int, str] = {}
    count = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for annotation in store.annotations():
            row = store.get_row(annotation.document_id)
            record = {
                "sha256": row.sha256,
                "kind": annotation.kind,
                "correction": annotation.payload,
                "by": annotation.username,
                "at": annotation.created_at,
            }
            if identified:
                if annotation.document_id not in texts:
                    texts[annotation.document_id] = store.get_analysis(annotation.document_id).text
                record["text"] = texts[annotation.document_id]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
