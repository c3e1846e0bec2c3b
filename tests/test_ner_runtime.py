"""The NER runtime without torch: window split/merge, word-level decoding with exact offsets, shipped model."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from inference.encoder import window_bounds
from inference.ner_model import NerModel, decode

SHIPPED = Path(__file__).resolve().parent.parent / "resources" / "models" / "ner"
ID2LABEL = ["O", "B-MEDICAMENT", "I-MEDICAMENT", "B-POSOLOGIE", "I-POSOLOGIE"]


@pytest.mark.parametrize("n", [1, 10, 254, 255, 600, 1001])
def test_windows_cover_every_token_once(n: int) -> None:
    bounds = window_bounds(n, 254, 64)
    kept = [t for start, end, keep_from, keep_to in bounds for t in range(keep_from, keep_to)]
    assert kept == list(range(n))
    for start, end, keep_from, keep_to in bounds:
        assert end - start <= 254 and start <= keep_from <= keep_to <= end
    # every window has the same size (no padding in the batch) and shares at least the overlap with the next
    assert len({end - start for start, end, _, _ in bounds}) == 1
    assert all(bounds[k][1] - bounds[k + 1][0] >= 64 for k in range(len(bounds) - 1))


def one_hot(labels: list[str], p: float = 0.9) -> np.ndarray:
    probs = np.full((len(labels), len(ID2LABEL)), (1 - p) / (len(ID2LABEL) - 1))
    for i, label in enumerate(labels):
        probs[i, ID2LABEL.index(label)] = p
    return probs


def test_decode_aggregates_subwords_to_words_with_exact_offsets() -> None:
    text = "Sous amoxicilline 1 g x3/j."
    # pieces: ▁Sous ▁amo xic illine ▁1 ▁g ▁x 3/ j .  (offsets include the leading space, as tokenizers gives them)
    offsets = [(0, 0), (0, 4), (4, 8), (8, 11), (11, 17), (17, 19), (19, 21), (21, 23), (23, 25), (25, 26),
               (26, 27), (0, 0)]
    labels = ["O", "O", "B-MEDICAMENT", "O", "I-MEDICAMENT", "B-POSOLOGIE", "I-POSOLOGIE", "I-POSOLOGIE",
              "I-POSOLOGIE", "I-POSOLOGIE", "O", "O"]
    spans = decode(text, offsets, one_hot(labels), ID2LABEL)
    # the word label comes from its first piece: "xic" saying O does not cut "amoxicilline"
    assert [(s.label, text[s.start:s.end]) for s in spans] == [("MEDICAMENT", "amoxicilline"),
                                                                ("POSOLOGIE", "1 g x3/j")]
    assert all(0.89 < s.score < 0.91 for s in spans)


def mixed(rows: list[dict[str, float]], id2label: list[str] = ID2LABEL) -> np.ndarray:
    """Token probabilities from {label: p} rows, the rest spread evenly."""
    probs = np.zeros((len(rows), len(id2label)))
    for i, row in enumerate(rows):
        rest = (1 - sum(row.values())) / (len(id2label) - len(row))
        probs[i] = [row.get(label, rest) for label in id2label]
    return probs


def test_decode_reads_a_stray_inside_label_as_the_start_of_its_entity() -> None:
    text = "paracétamol puis ibuprofène"
    offsets = [(0, 11), (11, 16), (16, 27)]
    probs = mixed([{"I-MEDICAMENT": 0.6, "B-MEDICAMENT": 0.3}, {"O": 0.9},
                   {"I-MEDICAMENT": 0.6, "B-MEDICAMENT": 0.3}])
    spans = decode(text, offsets, probs, ID2LABEL)
    assert [(s.label, text[s.start:s.end]) for s in spans] == [("MEDICAMENT", "paracétamol"),
                                                                ("MEDICAMENT", "ibuprofène")]


def test_decode_keeps_one_label_through_a_mention() -> None:
    text = "Doliprane codéiné"
    offsets = [(0, 9), (9, 17)]
    # argmax alone would say MEDICAMENT then a stray POSOLOGIE: the best valid path is one drug
    probs = mixed([{"B-MEDICAMENT": 0.9}, {"I-POSOLOGIE": 0.5, "I-MEDICAMENT": 0.4}])
    spans = decode(text, offsets, probs, ID2LABEL)
    assert [(s.label, text[s.start:s.end]) for s in spans] == [("MEDICAMENT", "Doliprane codéiné")]


@pytest.mark.skipif(not (SHIPPED / "model.onnx").exists(), reason="no shipped NER model")
def test_shipped_model_finds_entities_in_a_long_letter() -> None:
    model = NerModel.load(SHIPPED)
    sentence = ("Cher confrère, je vous adresse Mme Martin pour une toux sèche depuis trois semaines. "
                "Traitement : amoxicilline 1 g trois fois par jour. Allergie à la pénicilline. ")
    text = sentence * 12  # longer than one window
    run = model.encoder.run(text)
    assert run.windows > 1
    entities = model.find_entities(text)
    assert all(text[e.start:e.end] == e.text and e.source == "model" for e in entities)
    found = {(e.label, e.text) for e in entities}
    assert ("MEDICAMENT", "amoxicilline") in found
    assert ("ALLERGENE", "pénicilline") in found


def test_decode_trims_sentence_punctuation_carried_by_a_piece() -> None:
    text = "ATCD : diabète de type 2. Suivi."
    # "▁2." is one piece covering "2" and "."
    offsets = [(0, 4), (4, 6), (6, 14), (14, 17), (17, 22), (22, 25), (25, 31), (31, 32)]
    labels = ["O", "O", "B-MEDICAMENT", "I-MEDICAMENT", "I-MEDICAMENT", "I-MEDICAMENT", "O", "O"]
    spans = decode(text, offsets, one_hot(labels), ID2LABEL)
    assert [text[s.start:s.end] for s in spans] == ["diabète de type 2"]


def test_decode_never_ends_a_mention_on_a_function_word() -> None:
    text = "Syndromes de Cushing et vitamine D"
    words = [(0, 9), (9, 12), (12, 20), (20, 23), (23, 32), (32, 34)]
    labels = ["B-MEDICAMENT", "I-MEDICAMENT", "O", "O", "B-MEDICAMENT", "I-MEDICAMENT"]
    spans = decode(text, words, one_hot(labels), ID2LABEL)
    assert [text[s.start:s.end] for s in spans] == ["Syndromes", "vitamine D"]


CLINIC_LABELS = ["O", "B-PATHOLOGIE", "I-PATHOLOGIE", "B-SYMPTOME", "I-SYMPTOME", "B-MEDICAMENT", "I-MEDICAMENT",
                 "B-EXAMEN", "I-EXAMEN"]


def one_token_per_word(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]


def test_decode_adds_up_symptom_and_disease_to_find_one_mention() -> None:
    text = "douleur thoracique atypique"
    # on "atypique" O is the single most probable label, but disease-or-symptom together is more probable
    probs = mixed([{"B-SYMPTOME": 0.7, "B-PATHOLOGIE": 0.2}, {"I-SYMPTOME": 0.5, "I-PATHOLOGIE": 0.4},
                        {"O": 0.38, "I-PATHOLOGIE": 0.31, "I-SYMPTOME": 0.31}], CLINIC_LABELS)
    spans = decode(text, one_token_per_word(text), probs, CLINIC_LABELS)
    assert [(s.label, text[s.start:s.end]) for s in spans] == [("SYMPTOME", "douleur thoracique atypique")]
    assert spans[0].score == pytest.approx((0.9 + 0.9 + 0.62) / 3)


def test_decode_keeps_hyphen_compounds_whole() -> None:
    text = "reflux vésico-urétéral, anastomose porto-cave et Cyanobacterium- like"
    labels = {"reflux": "B-PATHOLOGIE", "vésico": "I-PATHOLOGIE", "anastomose": "B-EXAMEN", "porto": "I-EXAMEN",
              "Cyanobacterium": "B-PATHOLOGIE"}
    offsets = one_token_per_word(text)
    tokens = [text[a:b] for a, b in offsets]
    # the model stops inside the compounds ("reflux vésico", "anastomose porto-") and keeps a dangling hyphen
    tokens_labels = [labels.get(t, "O") for t in tokens]
    tokens_labels[tokens.index("-", tokens.index("porto"))] = "I-EXAMEN"
    tokens_labels[tokens.index("-", tokens.index("Cyanobacterium"))] = "I-PATHOLOGIE"
    probs = mixed([{label: 0.9} for label in tokens_labels], CLINIC_LABELS)
    spans = decode(text, offsets, probs, CLINIC_LABELS)
    assert [(s.label, text[s.start:s.end]) for s in spans] == [("PATHOLOGIE", "reflux vésico-urétéral"),
                                                                ("EXAMEN", "anastomose porto-cave"),
                                                                ("PATHOLOGIE", "Cyanobacterium")]


def test_model_drops_weak_mentions_with_a_cut_per_label(tmp_path: Path) -> None:
    onnx = pytest.importorskip("onnx", reason="building the tiny model needs the onnx package")
    from onnx import TensorProto, helper, numpy_helper
    from tokenizers import Tokenizer, models, pre_tokenizers

    from inference.ner_model import MIN_SPAN_SCORE, MIN_SPAN_SCORE_BY_LABEL

    # one probability row per word: a genuine onnxruntime graph that looks the word's logits up
    between = {label: (MIN_SPAN_SCORE + cut) / 2 for label, cut in MIN_SPAN_SCORE_BY_LABEL.items()}
    weak_disease = between["PATHOLOGIE"]  # under the PATHOLOGIE cut, over the general one
    rows = {"<s>": {"O": 0.99}, "<pad>": {"O": 0.99}, "</s>": {"O": 0.99}, "<unk>": {"O": 0.99},
            "fièvre": {"B-PATHOLOGIE": weak_disease}, "scanner": {"B-EXAMEN": weak_disease},
            "Doliprane": {"B-MEDICAMENT": between["MEDICAMENT"]}, "puis": {"O": 0.99}, "et": {"O": 0.99}}
    vocab = {word: i for i, word in enumerate(rows)}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.save(str(tmp_path / "tokenizer.json"))
    table = np.log(mixed(list(rows.values()), CLINIC_LABELS)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "input_ids"], ["logits"]),
         helper.make_node("Identity", ["logits"], ["last_hidden_state"])], "lookup",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "t"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "t"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["b", "t", len(CLINIC_LABELS)]),
         helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["b", "t", len(CLINIC_LABELS)])],
        initializer=[numpy_helper.from_array(table, "table")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(tmp_path / "model.onnx"))
    (tmp_path / "encoder.json").write_text(json.dumps({"bos_id": 0, "eos_id": 2, "pad_id": 1, "window": 16,
                                                       "overlap": 4}))
    (tmp_path / "labels.json").write_text(json.dumps({"id2label": CLINIC_LABELS}))
    text = "fièvre puis scanner et Doliprane"
    entities = NerModel.load(tmp_path, threads=1).find_entities(text)
    assert [(e.label, e.text) for e in entities] == [("EXAMEN", "scanner"), ("MEDICAMENT", "Doliprane")]
