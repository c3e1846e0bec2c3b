"""`prune` on a tiny random BERT token classifier: the cut, one short distillation epoch, a loadable checkpoint.

Needs the training stack (torch, transformers, optimum): skipped in the runtime-only environment.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="the export path needs torch (pip install -r requirements/train.txt)")
pytest.importorskip("optimum.exporters.onnx", reason="the export path needs optimum-onnx")

from export.__main__ import main as factory  # noqa: E402
from export.data import LABELS  # noqa: E402
from export.train import bio_labels  # noqa: E402
from tests.test_export_tiny import tiny_encoder, tiny_token_classifier  # noqa: E402

SENTENCES = [("Le patient a de la fièvre depuis trois jours.", "fièvre", "SYMPTOME"),
             ("Traitement : amoxicilline 1 g matin et soir.", "amoxicilline", "MEDICAMENT"),
             ("Une toux persiste depuis la semaine dernière.", "toux", "SYMPTOME"),
             ("Elle prend de la amoxicilline depuis deux jours.", "amoxicilline", "MEDICAMENT"),
             ("Fièvre et toux chez un patient de 40 ans.", "toux", "SYMPTOME"),
             ("Pas de fièvre ce matin.", "fièvre", "SYMPTOME")]


def rows(sentences) -> str:
    out = []
    for text, word, label in sentences:
        start = text.index(word)
        out.append(json.dumps({"text": text, "source": "quaero", "entities": [
            {"start": start, "end": start + len(word), "text": word, "label": label}]}, ensure_ascii=False))
    return "\n".join(out) + "\n"


def test_prune_tiny_token_classifier(tmp_path: Path) -> None:
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    torch.manual_seed(0)
    tiny_encoder(tmp_path / "tiny")
    tiny_token_classifier(tmp_path / "tiny", tmp_path / "ft")
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.jsonl").write_text(rows(SENTENCES), encoding="utf-8")
    (data / "dev.jsonl").write_text(rows(SENTENCES[:3]), encoding="utf-8")
    (data / "labels.json").write_text(json.dumps(LABELS))

    out = tmp_path / "pruned"
    factory(["prune", "--teacher", str(tmp_path / "ft"), "--data", str(data), "--out", str(out),
             "--work", str(tmp_path / "runs"), "--ffn", "16", "--heads", "1", "--layers", "1", "--epochs", "1",
             "--batch", "4", "--importance-examples", "6", "--threads", "1"])

    student = AutoModelForTokenClassification.from_pretrained(out, local_files_only=True)
    assert student.config.intermediate_size == 16 and student.config.num_hidden_layers == 1
    layer = student.bert.encoder.layer[0]
    assert layer.intermediate.dense.weight.shape == (16, 32) and layer.output.dense.weight.shape == (32, 16)
    assert layer.attention.self.num_attention_heads == 1 and layer.attention.self.query.weight.shape == (16, 32)
    assert json.loads((out / "labels.json").read_text())["id2label"] == bio_labels(LABELS)
    assert AutoTokenizer.from_pretrained(out, local_files_only=True)("fièvre")["input_ids"]
    record = json.loads((out / "record_prune.json").read_text())["metrics"]
    assert record["shape"] == {"layers": 1, "intermediate_size": 16, "heads_per_layer": 1}
    assert record["train_steps"] == 2 and len(record["dev_f1_by_epoch"]) == 1
    assert record["parameters"]["student"] < record["parameters"]["teacher"]
