"""Request understanding heads (type, elements present, allergy, urgency) reading an encoder pass.

The heads pool the token outputs of an encoder pass (`inference.encoder.Encoder.run`, cached per document) over
the document (mean and max over tokens of `last_hidden_state`; optionally of the entity label probabilities) and
apply small numpy heads stored in `heads.npz` (standardisation, an optional shared hidden layer, one linear layer
per head). The encoder is the one named in request.json. The shipped heads read the entity model's pass, so request
understanding costs a few matrix products on top of it (SPEC §9). Heads may read an encoder of their own instead
(`export-onnx --task feature-extraction`, e.g. base e5's bottom layers over the first tokens; the engine then
prepares both passes): alone they had the type right more often (see the request model card), but fused with the
rules no better on a fresh hand-written set, for a second pass of about 35 ms, so they are not shipped.

Folder layout (written by `python -m export.request_model export`): `heads.npz`, `request.json` (labels,
feature blocks, thresholds, the encoder it was trained on), MODEL_CARD.md, and the encoder's folder.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .encoder import Encoder, EncoderRun
from .resources import file_sha256

HEADS = ("type", "elements", "allergy", "urgency")


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))


def pool_blocks(run: EncoderRun, hidden: str = "last_hidden_state", logits: str = "logits") -> dict[str, np.ndarray]:
    """Document-level feature blocks from one encoder pass (tokens of all windows, specials excluded).

    `hmean`/`hmax`: mean and max over tokens of the hidden state; `pmean`/`pmax`: same over the softmax of the
    token-classification logits, when the graph has them. An empty document gives zeros."""
    if hidden not in run.outputs:
        raise ValueError(f"the encoder pass has no {hidden!r} output: export the encoder with its hidden state")
    h = run.outputs[hidden]
    blocks = {}
    if h.ndim != 2 or h.shape[0] == 0:
        width = h.shape[-1] if h.ndim == 2 else 0
        blocks["hmean"] = blocks["hmax"] = np.zeros(width, dtype=np.float32)
    else:
        blocks["hmean"], blocks["hmax"] = h.mean(0), h.max(0)
    lg = run.outputs.get(logits)
    if lg is not None and lg.ndim == 2:
        if lg.shape[0]:
            p = _softmax(lg.astype(np.float32))
            blocks["pmean"], blocks["pmax"] = p.mean(0), p.max(0)
        else:
            blocks["pmean"] = blocks["pmax"] = np.zeros(lg.shape[1], dtype=np.float32)
    return {k: v.astype(np.float32) for k, v in blocks.items()}


def features(run: EncoderRun, blocks: list[str]) -> np.ndarray:
    pooled = pool_blocks(run)
    missing = [b for b in blocks if b not in pooled]
    if missing:
        raise ValueError(f"the encoder pass cannot give feature blocks {missing}")
    return np.concatenate([pooled[b] for b in blocks])


@dataclass
class RequestPrediction:
    type_probs: dict[str, float]
    element_probs: dict[str, float]
    allergy_prob: float
    urgency_probs: dict[str, float]
    element_thresholds: dict[str, float] = field(default_factory=dict, repr=False)
    allergy_threshold: float = 0.5

    @property
    def request_type(self) -> str:
        return max(self.type_probs, key=self.type_probs.get)

    @property
    def elements(self) -> set[str]:
        return {e for e, p in self.element_probs.items() if p >= self.element_thresholds.get(e, 0.5)}

    @property
    def allergy(self) -> bool:
        return self.allergy_prob >= self.allergy_threshold

    @property
    def urgency(self) -> str:
        return max(self.urgency_probs, key=self.urgency_probs.get)


class StaleHeads(ValueError):
    """The heads' encoder was replaced (e.g. a retrained entity model): their features would mean nothing."""


class RequestModel:
    """`RequestModel.load(folder, encoder=ner.encoder).predict(run_or_text) -> RequestPrediction`."""

    def __init__(self, config: dict, weights: dict[str, np.ndarray], encoder: Encoder | None = None):
        self.config = config
        self.w = weights
        self.encoder = encoder
        self.types: list[str] = config["types"]
        self.elements: list[str] = config["elements"]
        self.urgency_levels: list[str] = config["urgency_levels"]
        self.blocks: list[str] = config["feature_blocks"]
        self.thresholds: dict[str, float] = config.get("element_thresholds", {})
        self.allergy_threshold: float = config.get("allergy_threshold", 0.5)

    @classmethod
    def load(cls, folder: str | Path, encoder: Encoder | None = None, threads: int | None = None,
             loaded: dict[Path, tuple[Encoder, str]] | None = None) -> "RequestModel":
        """`encoder`: the one to use; else the folder named by `encoder` in request.json, relative to `folder`
        (the encoder the heads were trained on). `loaded` maps resolved folders to encoders already loaded and
        their model's sha256, so the engine's entity model and these heads share one session and one pass per
        document, and the model file is not hashed twice."""
        folder = Path(folder)
        config = json.loads((folder / "request.json").read_text(encoding="utf-8"))
        with np.load(folder / "heads.npz") as npz:
            weights = {k: npz[k].astype(np.float32) for k in npz.files}
        if encoder is None and config.get("encoder"):
            target = (folder / config["encoder"]).resolve()
            shared, digest = (loaded or {}).get(target, (None, None))
            expected = config.get("encoder_sha256")
            if expected and (digest or file_sha256(target / "model.onnx")) != expected:
                raise StaleHeads(f"{folder}: heads trained on encoder {expected[:12]}, but {target} holds another "
                                 "model; rebuild them (python -m export.request_model features/train/export)")
            encoder = shared or Encoder.load(target, threads=threads)
        return cls(config, weights, encoder)

    def logits(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """Raw head outputs for feature rows x [N, F]."""
        w = self.w
        z = (x - w["mean"]) / w["scale"]
        if "hidden_w" in w:
            z = np.maximum(z @ w["hidden_w"] + w["hidden_b"], 0.0)
        return {h: z @ w[f"{h}_w"] + w[f"{h}_b"] for h in HEADS}

    def predict_features(self, x: np.ndarray) -> list[RequestPrediction]:
        out = self.logits(np.atleast_2d(x).astype(np.float32))
        tp, ep = _softmax(out["type"]), _sigmoid(out["elements"])
        ap, up = _sigmoid(out["allergy"][:, 0]), _softmax(out["urgency"])
        return [RequestPrediction(
            type_probs={t: float(p) for t, p in zip(self.types, tp[i])},
            element_probs={e: float(p) for e, p in zip(self.elements, ep[i])},
            allergy_prob=float(ap[i]),
            urgency_probs={u: float(p) for u, p in zip(self.urgency_levels, up[i])},
            element_thresholds=self.thresholds, allergy_threshold=self.allergy_threshold) for i in range(len(tp))]

    def predict(self, source: EncoderRun | str) -> RequestPrediction:
        """From a document's text or an encoder pass over it. With an encoder loaded, the pass is always this
        encoder's: `encoder.run` returns its cached pass of the same text (free when the encoder is shared), and
        a pass made by another encoder is never read by heads that were not trained on it."""
        if self.encoder is not None:
            source = self.encoder.run(source if isinstance(source, str) else source.text)
        elif isinstance(source, str):
            raise ValueError("no encoder loaded: pass an EncoderRun or load with an encoder")
        x = features(source, self.blocks)
        if x.shape[0] != self.w["mean"].shape[0]:
            raise ValueError(f"feature width {x.shape[0]} != {self.w['mean'].shape[0]}: "
                             "heads trained on another encoder")
        return self.predict_features(x)[0]
