"""The whole export path on a tiny random BERT made here: base --from, ONNX export, int8, parity, runtime.

Needs the training stack (torch, transformers, optimum): skipped in the runtime-only environment.
"""
from __future__ import annotations

import json
import string
import unicodedata
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="the export path needs torch (pip install -r requirements/train.txt)")
pytest.importorskip("optimum.exporters.onnx", reason="the export path needs optimum-onnx")

from export import spm  # noqa: E402
from export.__main__ import main as factory  # noqa: E402
from export.data import LABELS  # noqa: E402
from export.probe_texts import SENTENCES  # noqa: E402
from export.train import bio_labels  # noqa: E402

WORDS = ["▁fièvre", "▁toux", "▁amoxicilline", "▁patient", "▁depuis", "▁jours", "▁de", "▁la", "▁et", "▁mg"]
TEXT = ("Le patient présente une fièvre et une toux depuis trois jours. Traitement : amoxicilline 1 g "
        "matin et soir pendant 7 jours. ") * 6


def tiny_encoder(folder: Path) -> None:
    from transformers import BertConfig, BertModel

    chars = sorted(set(string.ascii_letters + string.digits + string.punctuation
                       + unicodedata.normalize("NFKC", "".join(SENTENCES))) - {" "})
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "▁"] + WORDS + chars + ["<mask>"]
    scores = [0.0] * 4 + [-2.0] + [-3.0] * len(WORDS) + [-8.0] * len(chars) + [0.0]
    specials = {"bos": 0, "pad": 1, "eos": 2, "unk": 3}
    tok = spm.wrap(spm.build(pieces, scores, specials, {}), pieces, specials, 126)
    config = BertConfig(vocab_size=len(pieces), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=128, pad_token_id=1)
    BertModel(config, add_pooling_layer=False).save_pretrained(folder)
    tok.save_pretrained(folder)


def tiny_token_classifier(encoder: Path, folder: Path) -> None:
    """A randomly initialised BIO token head over `encoder`, saved the way `train` saves its checkpoints."""
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    id2label = bio_labels(LABELS)
    model = AutoModelForTokenClassification.from_pretrained(
        encoder, num_labels=len(id2label), id2label=dict(enumerate(id2label)),
        label2id={label: i for i, label in enumerate(id2label)})
    model.save_pretrained(folder)
    AutoTokenizer.from_pretrained(encoder).save_pretrained(folder)
    (folder / "labels.json").write_text(json.dumps({"id2label": id2label}))


def test_export_path_on_tiny_model(tmp_path: Path) -> None:
    import torch

    from inference.analysis import Entity
    from inference.ner_model import NerModel

    torch.manual_seed(0)
    tiny_encoder(tmp_path / "tiny")
    factory(["base", "--from", str(tmp_path / "tiny"), "--out", str(tmp_path / "base")])
    assert json.loads((tmp_path / "base" / "record_base.json").read_text())["metrics"][
        "unk_tokens_on_probe_sentences"] == 0

    tiny_token_classifier(tmp_path / "base", tmp_path / "ft")
    id2label = bio_labels(LABELS)

    factory(["export-onnx", "--model", str(tmp_path / "ft"), "--out", str(tmp_path / "fp32"), "--window", "24",
             "--overlap", "8"])
    factory(["quantize", "--src", str(tmp_path / "fp32"), "--out", str(tmp_path / "int8")])
    assert (tmp_path / "int8" / "model.onnx").stat().st_size < (tmp_path / "fp32" / "model.onnx").stat().st_size

    dev = tmp_path / "dev.jsonl"
    start = TEXT.index("amoxicilline")
    dev.write_text(json.dumps({"text": TEXT, "entities": [
        {"start": start, "end": start + 12, "label": "MEDICAMENT", "text": "amoxicilline"}]}) + "\n")
    # fp32 ONNX must agree with PyTorch exactly on predictions (same ids, same windows)
    factory(["parity", "--model", str(tmp_path / "fp32"), "--torch", str(tmp_path / "ft"), "--data", str(dev),
             "--min-agreement", "0.99", "--max-f1-drop", "0"])
    parity = json.loads((tmp_path / "fp32" / "record_parity.json").read_text())["metrics"]
    assert parity["max_abs_logit_diff"] < 1e-3
    factory(["parity", "--model", str(tmp_path / "int8"), "--torch", str(tmp_path / "ft"), "--data", str(dev),
             "--min-agreement", "0", "--max-f1-drop", "100"])

    ner = NerModel.load(tmp_path / "int8")
    run = ner.encoder.run(TEXT)
    assert run.windows > 1, "the text must be longer than one window to exercise the merge"
    assert run.outputs["logits"].shape == (len(run.ids), len(id2label))
    assert run.outputs["last_hidden_state"].shape == (len(run.ids), 32)
    entities = ner.find_entities(TEXT)
    assert all(isinstance(e, Entity) and e.source == "model" for e in entities)
    assert all(TEXT[e.start:e.end] == e.text and e.label in LABELS and 0 <= e.score <= 1 for e in entities)


def test_a_base_encoder_cut_to_its_bottom_layers_exports_for_the_request_heads(tmp_path: Path) -> None:
    """`export-onnx --task feature-extraction --layers 1`: a base checkpoint, cut, read with its prefix and only
    its first tokens; the request heads' features come from it like from the entity model's pass."""
    import numpy as np

    from inference.encoder import Encoder
    from inference.request_model import pool_blocks

    tiny_encoder(tmp_path / "tiny")
    factory(["base", "--from", str(tmp_path / "tiny"), "--out", str(tmp_path / "base")])
    factory(["export-onnx", "--model", str(tmp_path / "base"), "--task", "feature-extraction", "--layers", "1",
             "--out", str(tmp_path / "fp32"), "--window", "24", "--overlap", "0", "--text-prefix", "query: ",
             "--max-tokens", "22"])
    factory(["quantize", "--src", str(tmp_path / "fp32"), "--out", str(tmp_path / "int8")])
    assert not (tmp_path / "int8" / "labels.json").exists()
    encoder = Encoder.load(tmp_path / "int8")
    assert encoder.output_names == ["last_hidden_state"]
    run = encoder.run(TEXT)
    assert len(run.ids) == 22 and run.windows == 1 and run.outputs["last_hidden_state"].shape == (22, 32)
    blocks = pool_blocks(run)
    assert set(blocks) == {"hmean", "hmax"} and np.isfinite(blocks["hmean"]).all()
