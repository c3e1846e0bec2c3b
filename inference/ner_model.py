"""Medical named entities from the fine-tuned token-classification model (onnxruntime + tokenizers, no torch).

Decoding: each token gets its BIO label from the most probable *valid* sequence (Viterbi: I-X only after B-X or
I-X), computed over the runs of tokens whose most probable label is not O (outside them the best label is O and
stays so; this keeps the cost to the entity-bearing tokens). Over QUAERO dev this gains 0.6 F1 points against
plain argmax, mostly on type switches inside a mention ("B-PATHOLOGIE I-SYMPTOME"). Sibling labels (PATHOLOGIE and
SYMPTOME, MEDICAMENT and ALLERGENE) are pooled for that path: their probabilities add up to decide where a mention
is, then the mention takes the sibling with the most probability over its tokens (+0.3 and +0.5 F1 points with the
cuts below on the two halves of QUAERO dev split by document; every choice here was made on one half and helps on
the other). Words are runs of letters/digits or single punctuation marks; a word takes the label of the first token
that overlaps it (a piece that began in an earlier word turns B- into I-); consecutive words with B/I of one type
form an entity whose span runs from the first word's start to the last word's end, so offsets always fall on word
boundaries of the document text. The score is the mean probability of the words' (pooled) labels.
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


# Labels that name the same kind of mention: a disease the model half calls a symptom is still one mention.
SIBLINGS = {"SYMPTOME": "PATHOLOGIE", "ALLERGENE": "MEDICAMENT"}


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


@dataclass(frozen=True)
class SiblingGroups:
    """Labels pooled by sibling group: `pool` [L, G] adds each label into its group's label; per group label,
    whether it begins a mention, the index of its I- label, and its members' (B index, I index)."""
    pool: np.ndarray
    labels: tuple[str, ...]
    begins: np.ndarray
    inside: tuple[int, ...]
    members: tuple[tuple[tuple[int, int], ...], ...]


def _group_of(label: str) -> str:
    return label if label == "O" else label[:2] + SIBLINGS.get(label[2:], label[2:])


@lru_cache(maxsize=8)
def sibling_groups(id2label: tuple[str, ...]) -> SiblingGroups:
    labels = tuple(dict.fromkeys(_group_of(label) for label in id2label))
    pool = np.zeros((len(id2label), len(labels)))
    for j, label in enumerate(id2label):
        pool[j, labels.index(_group_of(label))] = 1.0
    members = tuple(tuple((j, id2label.index("I-" + label[2:])) for j, label in enumerate(id2label)
                          if label.startswith("B-") and "I-" + label[2:] in id2label and _group_of(label) == group)
                    for group in labels)
    inside = tuple(labels.index("I-" + g[2:]) if "I-" + g[2:] in labels else -1 for g in labels)
    begins = np.array([g.startswith("B-") for g in labels])
    return SiblingGroups(pool, labels, begins, inside, members)


def viterbi_runs(logp: np.ndarray, labels: tuple[str, ...]) -> np.ndarray:
    """The most probable valid BIO path, per run of tokens not predicted O (each run starts after an O)."""
    best = logp.argmax(-1)
    outside = labels.index("O")
    trans = valid_transitions(labels)
    start_penalty = trans[outside]
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


def best_labels(probs: np.ndarray, id2label: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Label ids [T] and scores [T]: the best valid path over sibling-pooled labels, each mention then taking the
    sibling with the most probability over its tokens; a token's score is its pooled label's probability."""
    groups = sibling_groups(tuple(id2label))
    pooled = probs @ groups.pool
    path = viterbi_runs(np.log(pooled + 1e-12), groups.labels)
    scores = pooled[np.arange(len(path)), path]
    best = np.full(len(path), id2label.index("O"))
    n = len(path)
    for t in np.flatnonzero(groups.begins[path]).tolist():  # every mention starts with B- (valid path)
        inside, options = groups.inside[path[t]], groups.members[path[t]]
        end = t + 1
        while end < n and path[end] == inside:
            end += 1
        if len(options) > 1:
            mass = probs[t:end].sum(0)
            options = (max(options, key=lambda o: mass[o[0]] + mass[o[1]]),)
        if options:
            best[t], best[t + 1:end] = options[0]
    return best, scores


def whole_compound(text: str, start: int, end: int) -> tuple[int, int]:
    """A hyphen compound is one word for a mention: an edge inside "vésico-rénal" or "porto-cave" moves out to the
    whole compound, and a hyphen left dangling at an edge is dropped (+0.27 and +0.02 F1 points)."""
    n = len(text)

    def joins(i: int) -> bool:  # a hyphen between two letters or digits
        return 0 < i < n - 1 and text[i] == "-" and text[i - 1].isalnum() and text[i + 1].isalnum()

    if end < n and (joins(end) or joins(end - 1)):
        while end < n and (text[end].isalnum() or joins(end)):
            end += 1
    if start > 0 and (joins(start) or joins(start - 1)):
        while start > 0 and (text[start - 1].isalnum() or joins(start - 1)):
            start -= 1
    while end > start and (text[end - 1] == "-" or text[end - 1].isspace()):
        end -= 1
    while start < end and (text[start] == "-" or text[start].isspace()):
        start += 1
    return start, end


def decode(text: str, offsets: list[tuple[int, int]], probs: np.ndarray, id2label: list[str]) -> list[Span]:
    """Token probabilities [T, L] with character offsets (specials have (0, 0)) → entity spans on word bounds."""
    best, best_scores = best_labels(probs, id2label)
    token_labels = [id2label[index] for index in best.tolist()]
    token_scores = best_scores.tolist()
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
        start, end = whole_compound(text, start, end)
        if end > start and not (out and start < out[-1].end):  # a compound already taken by the mention before
            out.append(Span(typ, start, end, sum(scores) / len(scores)))
    return out


# Spans whose mean label probability is lower are mostly words QUAERO does not annotate ("fonctionnelles",
# "Reptiles"). Chosen on each half of QUAERO dev and helping on the other: 0.7 overall (+0.25 and +0.37 F1 points),
# 0.8 for PATHOLOGIE and 0.5 for MEDICAMENT (together +0.55 and +0.27). The engine keeps only model entities above
# its own, higher cut.
MIN_SPAN_SCORE = 0.7
MIN_SPAN_SCORE_BY_LABEL = {"PATHOLOGIE": 0.8, "MEDICAMENT": 0.5}


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
        return [span for span in spans if span.score >= MIN_SPAN_SCORE_BY_LABEL.get(span.label, MIN_SPAN_SCORE)]

    def find_entities(self, text: str) -> list[Entity]:
        return [Entity(label=s.label, text=text[s.start:s.end], start=s.start, end=s.end, score=round(s.score, 4),
                       source="model") for s in self.spans(text)]
