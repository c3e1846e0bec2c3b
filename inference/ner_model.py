"""Medical named entities from the fine-tuned token-classification model (onnxruntime + tokenizers, no torch).

Decoding: each token gets its BIO label from the most probable *valid* sequence (Viterbi: I-X only after B-X or
I-X), computed over the runs of tokens whose most probable label is not O (outside them the best label is O and
stays so; this keeps the cost to the entity-bearing tokens). Over QUAERO dev this gains 0.6 F1 points against
plain argmax, mostly on type switches inside a mention ("B-PATHOLOGIE I-SYMPTOME"). Words are runs of letters/digits or single punctuation
marks; a word takes the label of the first token that overlaps it (a piece that began in an earlier word turns
B- into I-); consecutive words with B/I of one type form an entity whose span runs from the first word's start to the last
word's end, so offsets always fall on word boundaries of the document text. The score is the mean probability of
the words' labels.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .analysis import Entity
from .encoder import Encoder

WORD = re.compile(r"\w+|[^\w\s]")
EDGE_PUNCT = ".,;:!?"
# A mention never ends on a function word ("syndromes d'", "dextrane de"): the model sometimes runs one word
# too far. Lowercase only, so that "vitamine D" keeps its letter. (+0.4 F1 points on each half of QUAERO dev.)
_FUNCTION_WORD_TAIL = re.compile(
    r"(?:[\s'’-]+(?:aux|au|avec|chez|dans|des|de|du|d|en|et|les|la|le|l|ou|par|pour|que|qui|sans|sur|une|un|à))+"
    r"[\s'’]*$")


@dataclass
class Span:
    label: str
    start: int
    end: int
    score: float


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)


@lru_cache(maxsize=8)
def valid_transitions(id2label: tuple[str, ...]) -> np.ndarray:
    """[L, L] log-penalties: 0 where label j may follow label i in BIO, -inf-like where it may not."""
    allowed = np.ones((len(id2label), len(id2label)), dtype=bool)
    for j, label in enumerate(id2label):
        if label.startswith("I-"):
            allowed[:, j] = [prev[2:] == label[2:] and prev != "O" for prev in id2label]
    return np.where(allowed, 0.0, -1e9)


def best_labels(probs: np.ndarray, id2label: list[str]) -> np.ndarray:
    """The most probable valid BIO path, per run of tokens not predicted O (each run starts after an O)."""
    best = probs.argmax(-1)
    outside = id2label.index("O")
    trans = valid_transitions(tuple(id2label))
    start_penalty = trans[outside]
    logp = np.log(probs + 1e-12)
    t, n = 0, len(best)
    while t < n:
        if best[t] == outside:
            t += 1
            continue
        end = t
        while end < n and best[end] != outside:
            end += 1
        score, back = logp[t] + start_penalty, []
        for k in range(t + 1, end):
            cand = score[:, None] + trans
            back.append(cand.argmax(0))
            score = cand.max(0) + logp[k]
        path = [int(score.argmax())]
        for pointers in reversed(back):
            path.append(int(pointers[path[-1]]))
        best[t:end] = path[::-1]
        t = end
    return best


def decode(text: str, offsets: list[tuple[int, int]], probs: np.ndarray, id2label: list[str]) -> list[Span]:
    """Token probabilities [T, L] with character offsets (specials have (0, 0)) → entity spans on word bounds."""
    best = best_labels(probs, id2label)
    token_labels = [id2label[index] for index in best.tolist()]
    token_scores = probs[np.arange(len(best)), best].tolist()
    words = [(m.start(), m.end()) for m in WORD.finditer(text)]
    word_label: dict[int, tuple[str, float]] = {}
    starts = [w[0] for w in words]
    for t, (a, b) in enumerate(offsets):
        while a < b and text[a].isspace():
            a += 1
        if a >= b:
            continue
        label, score = token_labels[t], token_scores[t]
        w = max(bisect.bisect_right(starts, a) - 1, 0)
        while w < len(words) and words[w][0] < b:
            if words[w][1] > a and w not in word_label:
                # a piece that started in an earlier word continues its entity here
                inside = words[w][0] > a and label.startswith("B-")
                word_label[w] = ("I-" + label[2:] if inside else label, score)
            w += 1
    spans: list[Span] = []
    current: list | None = None
    for w, (ws, we) in enumerate(words):
        label, score = word_label.get(w, ("O", 1.0))
        kind, _, typ = label.partition("-")
        if kind == "O" or not typ:
            current = None
            continue
        if kind == "I" and current is not None and current[0] == typ:
            current[2] = we
            current[3].append(score)
            continue
        current = [typ, ws, we, [score]]
        spans.append(current)  # type: ignore[arg-type]
    out = []
    for typ, start, end, scores in spans:  # type: ignore[misc]
        # a piece such as "2." can drag sentence punctuation into the entity: trim it
        while end > start and (text[end - 1] in EDGE_PUNCT or text[end - 1].isspace()):
            end -= 1
        while start < end and (text[start] in EDGE_PUNCT or text[start].isspace()):
            start += 1
        tail = _FUNCTION_WORD_TAIL.search(text, start, end)
        if tail and tail.start() > start:
            end = tail.start()
        if end > start:
            out.append(Span(typ, start, end, float(np.mean(scores))))
    return out


# Spans whose mean label probability is lower are mostly words QUAERO does not annotate ("fonctionnelles",
# "Reptiles"). 0.55 was the best cut on one half of QUAERO dev and on the other (+0.4 and +0.9 F1 points).
MIN_SPAN_SCORE = 0.55


class NerModel:
    """`NerModel.load(folder).find_entities(text)`; `encoder` can be shared with other heads."""

    def __init__(self, encoder: Encoder, id2label: list[str], output: str = "logits"):
        self.encoder = encoder
        self.id2label = id2label
        self.output = output

    @classmethod
    def load(cls, folder: str | Path, threads: int | None = None) -> "NerModel":
        folder = Path(folder)
        meta = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        id2label = meta["id2label"] if isinstance(meta, dict) else meta
        return cls(Encoder.load(folder, threads=threads), id2label)

    def spans(self, text: str) -> list[Span]:
        if not text.strip():
            return []
        run = self.encoder.run(text, outputs=[self.output])
        spans = decode(text, run.offsets, softmax(run.outputs[self.output]), self.id2label)
        return [span for span in spans if span.score >= MIN_SPAN_SCORE]

    def find_entities(self, text: str) -> list[Entity]:
        return [Entity(label=s.label, text=text[s.start:s.end], start=s.start, end=s.end, score=round(s.score, 4),
                       source="model") for s in self.spans(text)]
