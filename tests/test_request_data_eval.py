"""The hand-written evaluation set and the evaluation command (export/request_eval.py)."""
from __future__ import annotations

import json
from collections import Counter

from export import request_eval as ev
from export.request_data import ELEMENTS, TYPES, URGENCY_LEVELS


def _gold() -> list[dict]:
    return ev.load_jsonl(ev.GOLD_DEFAULT)


def test_handwritten_set_is_valid():
    gold = _gold()
    assert len(gold) >= 100
    assert len({r["id"] for r in gold}) == len(gold)
    assert len({r["text"] for r in gold}) == len(gold)
    for r in gold:
        assert set(r) == {"id", "text", "request_type", "elements", "allergy", "urgency"}, r["id"]
        assert r["text"].strip()
        assert r["request_type"] in TYPES, r["id"]
        assert set(r["elements"]) <= set(ELEMENTS) and len(set(r["elements"])) == len(r["elements"]), r["id"]
        assert r["allergy"] in (0, 1)
        assert r["urgency"] in URGENCY_LEVELS
        assert (r["urgency"] != "non_precise") == ("urgence" in r["elements"]), r["id"]
        if r["allergy"]:
            assert "allergies" in r["elements"], r["id"]
    types = Counter(r["request_type"] for r in gold)
    assert all(types[t] >= 6 for t in TYPES), types


def test_handwritten_set_holds_the_spec_examples_as_stated():
    by_text = {r["text"]: r for r in _gold()}
    for check in ev.SPEC_CHECKS:
        r = by_text[check.text]
        assert set(check.present) <= set(r["elements"])
        assert not set(check.absent) & set(r["elements"])
        if check.allergy is not None:
            assert r["allergy"] == check.allergy
    # "pas d'allergie connue" is allergy information, not an allergy
    negatives = [r for r in _gold() if "pas d'allergie connue" in r["text"].lower()]
    assert negatives and all("allergies" in r["elements"] for r in negatives)


def test_perfect_predictions_score_one(tmp_path):
    gold = _gold()
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold), encoding="utf-8")
    out, metrics_json = tmp_path / "report.md", tmp_path / "metrics.json"
    assert ev.main(["--pred", str(pred), "--out", str(out), "--json", str(metrics_json)]) == 0
    metrics = json.loads(metrics_json.read_text(encoding="utf-8"))
    assert metrics["type_accuracy"] == 1.0 and metrics["elements_micro_f1"] == 1.0
    assert metrics["allergy_accuracy"] == 1.0 and metrics["urgency_accuracy"] == 1.0
    assert metrics["spec_passed"] == len(ev.SPEC_CHECKS)
    assert metrics["missing"]["f1"] == 1.0 and metrics["missing"]["exact_documents"] == 1.0
    report = out.read_text(encoding="utf-8")
    assert "Type confusion" in report and "SPEC §5 examples | 7/7" in report


def test_a_constant_predictor_is_scored_low_and_without_urgency():
    gold = _gold()
    m = ev.evaluate(gold, predict=lambda text: ev.Prediction("autre", {"motif"}, 0))
    assert m.type_accuracy == Counter(r["request_type"] for r in gold)["autre"] / len(gold)
    assert m.urgency_accuracy is None
    assert m.elements_per_class["motif"]["recall"] == 1.0
    assert m.spec_passed < len(ev.SPEC_CHECKS)
    assert m.missing["exact_documents"] < 0.5  # "autre" requires nothing: every gold missing element is lost
    report = ev.markdown(m)
    assert "n/a (no urgency output)" in report and "FAIL" in report


def test_rules_engine_can_be_evaluated():
    predict = ev.engine_predictor("rules")
    m = ev.evaluate(_gold()[:12], predict=predict)
    assert 0.0 <= m.type_accuracy <= 1.0 and len(m.spec_checks) == len(ev.SPEC_CHECKS)
