"""Evaluation of request understanding on the hand-written set (issue 4): type, elements, allergy, urgency.

    python -m export.request_eval --engine rules                  # the current engine (inference.Engine)
    python -m export.request_eval --pred predictions.jsonl        # {"id", "request_type", "elements", "allergy"...}
    python -m export.request_eval --engine rules --gold other.jsonl --out report.md --json metrics.json
    python -m export.request_eval --engine rules --dev             # the development sets (export/data), for tuning

From Python: `evaluate(gold, predict)` where `predict(text) -> Prediction`; `markdown(metrics)` renders the report.
The SPEC §5 examples are checked by their text, as the SPEC states them.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from export.request_data import ELEMENTS, TYPES, URGENCY_LEVELS

GOLD_DEFAULT = Path(__file__).resolve().parent.parent / "resources" / "eval" / "requests_handwritten.jsonl"
RULES_DEFAULT = Path(__file__).resolve().parent.parent / "resources" / "rules" / "completeness.yaml"
# Hand-written development sets: tune on these (and on generated documents), never on GOLD_DEFAULT.
DEV_SETS = sorted((Path(__file__).resolve().parent / "data").glob("requests_dev_handwritten*.jsonl"))


@dataclass
class Prediction:
    request_type: str
    elements: set[str]
    allergy: int
    urgency: str | None = None  # None when the predictor has no urgency output


@dataclass(frozen=True)
class SpecCheck:
    text: str
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    allergy: int | None = None


# SPEC §5, as the user stated them.
SPEC_CHECKS = [
    SpecCheck("Patient se plaignant de douleur thoracique, pense à une crise cardiaque.",
              present=("symptomes",), absent=("diagnostic", "traitement_en_cours")),
    SpecCheck("Consultation pour renouvellement de médicaments pour l'asthme.",
              present=("traitement_en_cours",), absent=("symptomes", "diagnostic")),
    SpecCheck("Le patient rapporte une réaction allergique sévère aux arachides.", allergy=1),
    SpecCheck("Consultation demandée pour douleurs chroniques au dos.", allergy=0),
    SpecCheck("La patiente demande un renouvellement de son ordonnance pour l'asthme.", allergy=0),
    SpecCheck("Mention d'une allergie au latex dans le dossier du patient.", allergy=1),
    SpecCheck("Un nouveau patient mentionne une allergie aux noix.", allergy=1),
]


@dataclass
class Metrics:
    n: int
    type_accuracy: float
    type_macro_f1: float
    type_per_class: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]
    elements_micro_f1: float
    elements_macro_f1: float
    elements_per_class: dict[str, dict[str, float]]
    allergy_accuracy: float
    urgency_accuracy: float | None
    urgency_confusion: dict[str, dict[str, int]] | None
    spec_checks: list[dict]
    errors: list[dict] = field(default_factory=list)
    missing: dict[str, float] | None = None  # flags of missing elements (base rules of completeness.yaml)

    @property
    def spec_passed(self) -> int:
        return sum(1 for c in self.spec_checks if c["ok"])

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["spec_passed"] = self.spec_passed
        return d


def load_jsonl(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": tp + fn}


def required_elements(rules_path: Path = RULES_DEFAULT) -> dict[str, set[str]] | None:
    """Per type, the elements that must be present (type list + clinical core), from the completeness rules."""
    import yaml

    if not Path(rules_path).exists():
        return None
    rules = yaml.safe_load(Path(rules_path).read_text(encoding="utf-8"))
    core, exempt = set(rules.get("clinical_core", [])), set(rules.get("exempt_from_core", []))
    return {t: set(rules["required"].get(t, [])) | (set() if t in exempt else core) for t in TYPES}


def missing_flags(gold: list[dict], preds: list[Prediction], required: dict[str, set[str]]) -> dict[str, float]:
    """The product's output: which required elements are flagged missing (a wrong type changes the list)."""
    tp = fp = fn = exact = 0
    for r, p in zip(gold, preds):
        g = required[r["request_type"]] - set(r["elements"])
        q = required.get(p.request_type, set()) - p.elements
        tp, fp, fn, exact = tp + len(g & q), fp + len(q - g), fn + len(g - q), exact + (g == q)
    return {**_prf(tp, fp, fn), "exact_documents": exact / len(gold) if gold else 0.0}


def evaluate(gold: list[dict], predict: Callable[[str], Prediction] | None = None,
             predictions: dict[str, Prediction] | None = None, rules_path: Path = RULES_DEFAULT) -> Metrics:
    """Scores `predict(text)` (or precomputed `predictions` by id) against the gold records."""
    preds: list[Prediction] = []
    for record in gold:
        if predictions is not None:
            preds.append(predictions[record["id"]])
        else:
            preds.append(predict(record["text"]))
    n = len(gold)
    labels = list(TYPES)
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for record, pred in zip(gold, preds):
        confusion[record["request_type"]][pred.request_type if pred.request_type in labels else "autre"] += 1
    type_per_class = {}
    for t in labels:
        tp = confusion[t][t]
        fp = sum(confusion[g][t] for g in labels if g != t)
        fn = sum(confusion[t][p] for p in labels if p != t)
        type_per_class[t] = _prf(tp, fp, fn)
    type_acc = sum(confusion[t][t] for t in labels) / n if n else 0.0
    present_classes = [t for t in labels if type_per_class[t]["support"]]
    type_macro = sum(type_per_class[t]["f1"] for t in present_classes) / max(len(present_classes), 1)

    counts = {e: [0, 0, 0] for e in ELEMENTS}
    for record, pred in zip(gold, preds):
        g = set(record["elements"])
        for e in ELEMENTS:
            counts[e][0] += e in g and e in pred.elements
            counts[e][1] += e not in g and e in pred.elements
            counts[e][2] += e in g and e not in pred.elements
    el_per = {e: _prf(*counts[e]) for e in ELEMENTS}
    micro = _prf(*(sum(c[i] for c in counts.values()) for i in range(3)))["f1"]
    macro_classes = [e for e in ELEMENTS if el_per[e]["support"]]
    macro = sum(el_per[e]["f1"] for e in macro_classes) / max(len(macro_classes), 1)

    allergy_acc = sum(int(r["allergy"]) == int(p.allergy) for r, p in zip(gold, preds)) / n if n else 0.0
    urgency_acc = urgency_conf = None
    if preds and all(p.urgency is not None for p in preds):
        urgency_conf = {g: {p: 0 for p in URGENCY_LEVELS} for g in URGENCY_LEVELS}
        for r, p in zip(gold, preds):
            urgency_conf[r["urgency"]][p.urgency if p.urgency in URGENCY_LEVELS else "non_precise"] += 1
        urgency_acc = sum(urgency_conf[u][u] for u in URGENCY_LEVELS) / n

    by_text = {r["text"]: p for r, p in zip(gold, preds)}
    checks = []
    for check in SPEC_CHECKS:
        pred = by_text.get(check.text) or (predict(check.text) if predict else None)
        if pred is None:
            checks.append({"text": check.text, "ok": False, "why": "no prediction"})
            continue
        why = [f"{e} should be present" for e in check.present if e not in pred.elements]
        why += [f"{e} should be missing" for e in check.absent if e in pred.elements]
        if check.allergy is not None and int(pred.allergy) != check.allergy:
            why.append(f"allergy should be {check.allergy}")
        checks.append({"text": check.text, "ok": not why, "why": "; ".join(why)})

    errors = []
    for r, p in zip(gold, preds):
        g = set(r["elements"])
        wrong = {"type": (r["request_type"], p.request_type) if r["request_type"] != p.request_type else None,
                 "missed": sorted(g - p.elements), "extra": sorted(p.elements - g),
                 "allergy": (r["allergy"], p.allergy) if int(r["allergy"]) != int(p.allergy) else None}
        if wrong["type"] or wrong["missed"] or wrong["extra"] or wrong["allergy"]:
            errors.append({"id": r["id"], **wrong})
    required = required_elements(rules_path)
    missing = missing_flags(gold, preds, required) if required else None
    return Metrics(n, type_acc, type_macro, type_per_class, confusion, micro, macro, el_per, allergy_acc,
                   urgency_acc, urgency_conf, checks, errors, missing)


def markdown(m: Metrics, title: str = "Request understanding — hand-written set", max_errors: int = 30) -> str:
    urgency = "n/a (no urgency output)" if m.urgency_accuracy is None else f"{m.urgency_accuracy:.3f}"
    out = [f"# {title}", "", f"{m.n} documents.", "", "| metric | value |", "|---|---|",
           f"| type accuracy | {m.type_accuracy:.3f} |", f"| type macro-F1 | {m.type_macro_f1:.3f} |",
           f"| elements micro-F1 | {m.elements_micro_f1:.3f} |", f"| elements macro-F1 | {m.elements_macro_f1:.3f} |",
           f"| allergy accuracy | {m.allergy_accuracy:.3f} |",
           f"| urgency accuracy | {urgency} |",
           f"| SPEC §5 examples | {m.spec_passed}/{len(m.spec_checks)} |"]
    if m.missing:
        out += [f"| missing-element flags P / R / F1 | {m.missing['precision']:.3f} / {m.missing['recall']:.3f} / "
                f"{m.missing['f1']:.3f} |",
                f"| documents with exactly the right missing list | {m.missing['exact_documents']:.3f} |"]
    out.append("")
    out += ["## Request type per class", "", "| type | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for t, v in m.type_per_class.items():
        out.append(f"| {t} | {v['precision']:.2f} | {v['recall']:.2f} | {v['f1']:.2f} | {v['support']} |")
    short = {t: t[:6] for t in TYPES}
    out += ["", "## Type confusion (rows: gold, columns: predicted)", "",
            "| gold \\ pred | " + " | ".join(short[t] for t in TYPES) + " |", "|---" * (len(TYPES) + 1) + "|"]
    for g in TYPES:
        out.append(f"| {g} | " + " | ".join(str(m.confusion[g][p] or ".") for p in TYPES) + " |")
    out += ["", "## Elements", "", "| element | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for e, v in m.elements_per_class.items():
        out.append(f"| {e} | {v['precision']:.2f} | {v['recall']:.2f} | {v['f1']:.2f} | {v['support']} |")
    if m.urgency_confusion:
        out += ["", "## Urgency confusion (rows: gold, columns: predicted)", "",
                "| gold \\ pred | " + " | ".join(URGENCY_LEVELS) + " |", "|---" * (len(URGENCY_LEVELS) + 1) + "|"]
        for g in URGENCY_LEVELS:
            out.append(f"| {g} | " + " | ".join(str(m.urgency_confusion[g][p]) for p in URGENCY_LEVELS) + " |")
    out += ["", "## SPEC §5 examples", ""]
    for c in m.spec_checks:
        out.append(f"- {'OK ' if c['ok'] else 'FAIL'} « {c['text']} »" + (f" — {c['why']}" if c["why"] else ""))
    if m.errors and max_errors:
        out += ["", f"## Errors (first {min(max_errors, len(m.errors))} of {len(m.errors)})", "",
                "| id | type (gold→pred) | missed | extra | allergy (gold→pred) |", "|---|---|---|---|---|"]
        for e in m.errors[:max_errors]:
            t = f"{e['type'][0]}→{e['type'][1]}" if e["type"] else ""
            a = f"{e['allergy'][0]}→{e['allergy'][1]}" if e["allergy"] else ""
            out.append(f"| {e['id']} | {t} | {', '.join(e['missed'])} | {', '.join(e['extra'])} | {a} |")
    return "\n".join(out) + "\n"


def engine_predictor(name: str) -> Callable[[str], Prediction]:
    """`rules`: the current `inference.Engine` (rule-based or with whatever models it loads)."""
    if name != "rules":
        raise SystemExit(f"unknown engine {name!r} (known: rules)")
    from inference import Engine

    engine = Engine.load(ocr=False)

    def predict(text: str) -> Prediction:
        a = engine.analyse_text(text)
        return Prediction(
            a.request_type.code, set(a.elements.present), int(bool(a.allergy_mentioned.value)), a.urgency.level
        )

    return predict


def predictions_from_jsonl(path: Path) -> dict[str, Prediction]:
    return {r["id"]: Prediction(r["request_type"], set(r["elements"]), int(r["allergy"]), r.get("urgency"))
            for r in load_jsonl(path)}


def main(argv: Iterable[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m export.request_eval", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--engine", choices=["rules"], help="run the inference engine on each text")
    src.add_argument("--pred", type=Path, help="JSONL of predictions keyed by id")
    gold_src = p.add_mutually_exclusive_group()
    gold_src.add_argument("--gold", type=Path, nargs="+", default=[GOLD_DEFAULT], help="gold JSONL file(s)")
    gold_src.add_argument("--dev", action="store_true", help="score the hand-written development sets instead")
    p.add_argument("--out", type=Path, help="write the markdown report here too")
    p.add_argument("--json", type=Path, help="write the metrics as JSON")
    p.add_argument("--errors", type=int, default=30, help="how many wrong documents to list")
    args = p.parse_args(list(argv) if argv is not None else None)
    paths = DEV_SETS if args.dev else args.gold
    gold = [record for path in paths for record in load_jsonl(path)]
    if args.engine:
        metrics = evaluate(gold, predict=engine_predictor(args.engine))
    else:
        metrics = evaluate(gold, predictions=predictions_from_jsonl(args.pred))
    title = "Request understanding — " + ("hand-written set" if paths == [GOLD_DEFAULT]
                                          else ", ".join(path.name for path in paths))
    report = markdown(metrics, title=title, max_errors=args.errors)
    sys.stdout.write(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(metrics.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
