"""`train` and `prune` on a tiny random BERT: fine-tuning, the cut, one short distillation epoch, loadable
checkpoints with their records.

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


def write_data(folder: Path) -> Path:
    """The layout `python -m export data` writes: train/dev JSONL and labels.json."""
    folder.mkdir()
    (folder / "train.jsonl").write_text(rows(SENTENCES), encoding="utf-8")
    (folder / "dev.jsonl").write_text(rows(SENTENCES[:3]), encoding="utf-8")
    (folder / "labels.json").write_text(json.dumps(LABELS))
    return folder


def test_train_tiny_token_classifier(tmp_path: Path) -> None:
    from transformers import AutoModelForTokenClassification

    tiny_encoder(tmp_path / "tiny")
    data = write_data(tmp_path / "data")
    out = tmp_path / "trained"
    factory(["train", "--base", str(tmp_path / "tiny"), "--data", str(data), "--out", str(out),
             "--work", str(tmp_path / "runs"), "--layers", "0", "--epochs", "1", "--batch", "4", "--threads", "1"])

    model = AutoModelForTokenClassification.from_pretrained(out, local_files_only=True)
    assert [model.config.id2label[i] for i in range(model.config.num_labels)] == bio_labels(LABELS)
    assert json.loads((out / "labels.json").read_text())["id2label"] == bio_labels(LABELS)
    record = json.loads((out / "record_train.json").read_text())
    assert record["inputs"]["base"]["path"] == str(tmp_path / "tiny") and "sha256" in record["inputs"]["train"]
    assert record["metrics"]["examples"] == {"train": 6, "dev": 3} and len(record["metrics"]["dev_f1_by_epoch"]) == 1


def test_prune_tiny_token_classifier(tmp_path: Path) -> None:
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    torch.manual_seed(0)
    tiny_encoder(tmp_path / "tiny")
    tiny_token_classifier(tmp_path / "tiny", tmp_path / "ft")
    data = write_data(tmp_path / "data")

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
