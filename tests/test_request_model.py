"""Request heads on a tiny real ONNX encoder made here: pooling over windows, prediction API, factory commands.

The encoder is a genuine onnxruntime graph (embedding lookup → tanh → `last_hidden_state`, linear → `logits`)
with a word-level tokenizer, so the runtime path is the real one; training runs only on a few generated
documents (torch is needed for `train` and is skipped in the runtime-only environment).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

onnx = pytest.importorskip("onnx", reason="building the tiny encoder needs the onnx package")

from export.request_data import ELEMENTS, TYPES, URGENCY_LEVELS, Generator  # noqa: E402
from inference.encoder import Encoder  # noqa: E402
from inference.request_model import RequestModel, pool_blocks  # noqa: E402

HIDDEN, LABELS = 8, 3
VOCAB = ["<s>", "<pad>", "</s>", "<unk>"]
TEXT = ("Cher confrère, je vous adresse Mme Durand, 54 ans, pour une toux depuis trois semaines. "
        "Allergie à la pénicilline. Merci de la voir rapidement. ") * 3


def tiny_encoder(folder: Path, words: list[str], window: int = 16, overlap: int = 4, seed: int = 0) -> None:
    from onnx import TensorProto, helper, numpy_helper
    from tokenizers import Tokenizer, models, pre_tokenizers

    folder.mkdir(parents=True, exist_ok=True)
    vocab = {w: i for i, w in enumerate(VOCAB + sorted(set(words) - set(VOCAB)))}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.save(str(folder / "tokenizer.json"))
    rng = np.random.default_rng(seed)
    emb = numpy_helper.from_array(rng.normal(size=(len(vocab), HIDDEN)).astype(np.float32), "emb")
    head = numpy_helper.from_array(rng.normal(size=(HIDDEN, LABELS)).astype(np.float32), "head")
    nodes = [helper.make_node("Gather", ["emb", "input_ids"], ["e"]),
             helper.make_node("Tanh", ["e"], ["last_hidden_state"]),
             helper.make_node("MatMul", ["last_hidden_state", "head"], ["logits"])]
    graph = helper.make_graph(
        nodes, "tiny",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "t"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "t"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["b", "t", LABELS]),
         helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["b", "t", HIDDEN])],
        initializer=[emb, head])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(folder / "model.onnx"))
    (folder / "encoder.json").write_text(json.dumps({"bos_id": 0, "eos_id": 2, "pad_id": 1, "window": window,
                                                     "overlap": overlap}))


def words_of(texts: list[str]) -> list[str]:
    from tokenizers import pre_tokenizers

    pre = pre_tokenizers.Whitespace()
    return [w for t in texts for w, _ in pre.pre_tokenize_str(t)]


def random_heads(folder: Path, width: int, blocks: list[str], seed: int = 1) -> None:
    from export.request_model import _config, save

    rng = np.random.default_rng(seed)
    w = {"mean": np.zeros(width, np.float32), "scale": np.ones(width, np.float32),
         "hidden_w": rng.normal(size=(width, 6)).astype(np.float32), "hidden_b": np.zeros(6, np.float32)}
    for name, n in (("type", len(TYPES)), ("elements", len(ELEMENTS)), ("allergy", 1),
                    ("urgency", len(URGENCY_LEVELS))):
        w[f"{name}_w"] = rng.normal(size=(6, n)).astype(np.float32)
        w[f"{name}_b"] = np.zeros(n, np.float32)
    save(folder, _config(blocks, "unknown", None, {}), w)


def test_pooling_reads_every_token_of_every_window_once(tmp_path: Path) -> None:
    tiny_encoder(tmp_path / "enc", words_of([TEXT]))
    encoder = Encoder.load(tmp_path / "enc", threads=1)
    run = encoder.run(TEXT)
    assert run.windows > 1
    hidden = run.outputs["last_hidden_state"]
    assert hidden.shape == (len(run.ids), HIDDEN)
    # a token's hidden state depends on its id only in this graph: the merge must give exactly the embedding rows
    table = encoder.session.run(["last_hidden_state"], {"input_ids": np.array([run.ids]),
                                                        "attention_mask": np.ones((1, len(run.ids)), np.int64)})[0][0]
    np.testing.assert_allclose(hidden, table, atol=1e-6)
    blocks = pool_blocks(run)
    np.testing.assert_allclose(blocks["hmean"], table.mean(0), atol=1e-6)
    np.testing.assert_allclose(blocks["hmax"], table.max(0), atol=1e-6)
    assert blocks["pmean"].shape == (LABELS,) and abs(blocks["pmean"].sum() - 1) < 1e-5
    empty = pool_blocks(encoder.run("   "))
    assert not empty["hmean"].any() and empty["hmax"].shape == (HIDDEN,)


def test_prediction_api_from_text_or_shared_pass(tmp_path: Path) -> None:
    tiny_encoder(tmp_path / "enc", words_of([TEXT]))
    encoder = Encoder.load(tmp_path / "enc", threads=1)
    random_heads(tmp_path / "heads", 2 * HIDDEN + 2 * LABELS, ["hmean", "hmax", "pmean", "pmax"])
    model = RequestModel.load(tmp_path / "heads", encoder=encoder)
    run = encoder.run(TEXT)
    from_run, from_text = model.predict(run), model.predict(TEXT)
    assert from_run.type_probs == from_text.type_probs
    assert list(from_run.type_probs) == TYPES and abs(sum(from_run.type_probs.values()) - 1) < 1e-5
    assert list(from_run.element_probs) == ELEMENTS
    assert all(0 <= p <= 1 for p in from_run.element_probs.values()) and 0 <= from_run.allergy_prob <= 1
    assert list(from_run.urgency_probs) == URGENCY_LEVELS
    assert from_run.request_type in TYPES and from_run.urgency in URGENCY_LEVELS
    assert from_run.elements <= set(ELEMENTS)
    assert model.predict("").request_type in TYPES
    # a pass made by another encoder is replaced by this model's own pass of the same text
    tiny_encoder(tmp_path / "enc2", words_of([TEXT]), seed=9)
    foreign = Encoder.load(tmp_path / "enc2", threads=1).run(TEXT)
    assert model.predict(foreign).type_probs == from_text.type_probs
    heads_only = RequestModel(model.config, model.w)
    assert heads_only.predict(foreign).type_probs != from_text.type_probs

    random_heads(tmp_path / "other", 3, ["hmean"])
    with pytest.raises(ValueError, match="another encoder"):
        RequestModel.load(tmp_path / "other", encoder=encoder).predict(run)


def test_factory_features_train_evaluate_export(tmp_path: Path) -> None:
    pytest.importorskip("torch", reason="training the heads needs torch")
    from export.request_model import main as factory

    gen = Generator(seed=5)
    rows = list(gen.examples(40))
    for name, part in (("train", rows[:30]), ("dev", rows[30:])):
        with (tmp_path / f"{name}.jsonl").open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in part)
    shipped = tmp_path / "resources" / "models"
    tiny_encoder(shipped / "enc", words_of([r["text"] for r in rows]), window=64, overlap=16)
    for name in ("train", "dev"):
        factory(["features", "--encoder", str(shipped / "enc"), "--data", str(tmp_path / f"{name}.jsonl"),
                 "--out", str(tmp_path / "f" / f"{name}.npz")])
    assert json.loads((tmp_path / "f" / "record_features_train.json").read_text())["metrics"]["documents"] == 30
    factory(["train", "--train", str(tmp_path / "f" / "train.npz"), "--dev", str(tmp_path / "f" / "dev.npz"),
             "--out", str(tmp_path / "heads"), "--blocks", "hmean,hmax,pmax", "--hidden", "16", "--epochs", "3",
             "--tune-thresholds"])
    factory(["train", "--train", str(tmp_path / "f" / "train.npz"), f"{tmp_path / 'f' / 'dev.npz'}:2",
             "--dev", str(tmp_path / "f" / "dev.npz"), "--out", str(tmp_path / "heads-mixed"), "--hidden", "0",
             "--epochs", "1"])
    mixed = json.loads((tmp_path / "heads-mixed" / "record_train.json").read_text())
    assert mixed["metrics"]["examples"]["train"] == 30 + 2 * 10  # the second file counts twice
    config = json.loads((tmp_path / "heads" / "request.json").read_text())
    assert config["feature_blocks"] == ["hmean", "hmax", "pmax"] and set(config["element_thresholds"]) == set(ELEMENTS)
    factory(["evaluate", "--model", str(tmp_path / "heads"), "--gold", str(tmp_path / "dev.jsonl"), "--name", "dev",
             "--features", str(tmp_path / "f" / "dev.npz"), "--pred", str(tmp_path / "pred.jsonl")])
    metrics = json.loads((tmp_path / "heads" / "eval_dev.json").read_text())
    assert metrics["n"] == 10 and 0 <= metrics["type_accuracy"] <= 1
    assert len((tmp_path / "pred.jsonl").read_text().splitlines()) == 10

    factory(["export", "--model", str(tmp_path / "heads"), "--out", str(shipped / "request"),
             "--encoder-path", "../enc"])
    model = RequestModel.load(shipped / "request", threads=1)  # loads its encoder from request.json
    cached = np.load(tmp_path / "f" / "dev.npz")
    x = np.concatenate([cached["x_hmean"], cached["x_hmax"], cached["x_pmax"]], axis=1)
    assert model.predict(rows[30]["text"]).type_probs == model.predict_features(x[:1])[0].type_probs

    tiny_encoder(shipped / "enc2", words_of([r["text"] for r in rows]), seed=9)
    with pytest.raises(SystemExit, match="not the encoder"):
        factory(["export", "--model", str(tmp_path / "heads"), "--out", str(shipped / "request2"),
                 "--encoder-path", "../enc2"])


SHIPPED = Path(__file__).resolve().parent.parent / "resources" / "models" / "request"


def _shipped_heads_match_encoder() -> bool:
    from export.record import sha256

    if not (SHIPPED / "request.json").exists():
        return False
    config = json.loads((SHIPPED / "request.json").read_text())
    onnx_file = (SHIPPED / config.get("encoder", "") / "model.onnx").resolve()
    return onnx_file.exists() and sha256(onnx_file) == config["encoder_sha256"]


@pytest.mark.skipif(not _shipped_heads_match_encoder(), reason="no shipped request heads bound to the shipped encoder")
def test_shipped_heads_on_the_users_allergy_examples() -> None:
    model = RequestModel.load(SHIPPED, threads=1)
    examples = {"Le patient rapporte une réaction allergique sévère aux arachides.": True,
                "Consultation demandée pour douleurs chroniques au dos.": False,
                "La patiente demande un renouvellement de son ordonnance pour l'asthme.": False,
                "Mention d'une allergie au latex dans le dossier du patient.": True,
                "Un nouveau patient mentionne une allergie aux noix.": True}
    assert {text: model.predict(text).allergy for text in examples} == examples


@pytest.mark.skipif(not _shipped_heads_match_encoder(), reason="no shipped request heads bound to the shipped encoder")
def test_engine_reads_each_document_once_for_entities_and_request() -> None:
    """The heads name the entity model's folder: the engine must not load that encoder a second time (memory) nor
    run a second pass over the document (latency)."""
    from inference.pipeline import Engine

    engine = Engine.load(ocr=False)
    assert engine.request_model.encoder is engine.ner.encoder


def test_an_encoder_reads_its_prefix_and_only_its_first_tokens(tmp_path: Path) -> None:
    """e5 was trained on "query: " + text; the request encoder reads the first tokens only (the purpose of a letter
    is stated early), and offsets still point into the text itself."""
    folder = tmp_path / "enc"
    tiny_encoder(folder, words_of([TEXT, "query :"]), window=16, overlap=4)
    config = json.loads((folder / "encoder.json").read_text())
    (folder / "encoder.json").write_text(json.dumps({**config, "text_prefix": "query : ", "max_tokens": 10}))
    run = Encoder.load(folder).run(TEXT)
    assert len(run.ids) == 10 and run.windows == 1
    assert run.offsets[0][1] <= 0 and run.offsets[1][1] <= 0  # "query", ":" lie before the text
    assert [TEXT[a:b] for a, b in run.offsets[2:5]] == ["Cher", "confrère", ","]


@pytest.mark.skipif(not _shipped_heads_match_encoder(), reason="no shipped request heads bound to the shipped encoder")
def test_engine_ignores_heads_trained_on_another_encoder(tmp_path: Path) -> None:
    """A retrained entity model without rebuilt heads must not feed them features they never saw: rules only."""
    import shutil

    from inference.pipeline import Engine

    resources = tmp_path / "resources"
    shutil.copytree(SHIPPED.parent.parent, resources)
    config_path = resources / "models" / "request" / "request.json"
    config = json.loads(config_path.read_text())
    config["encoder_sha256"] = "0" * 64
    config_path.write_text(json.dumps(config))
    engine = Engine.load(resources=resources, ocr=False)
    assert engine.request_model is None and engine.models["request_type"] == "rules-v1"
    assert engine.analyse_text("Pouvez-vous renouveler son Kardégic 75 mg ?").request_type.code == "renouvellement"
