"""Entity-level exact-match scoring (seqeval-style: a prediction counts only with the same label, start and end)."""
from __future__ import annotations


def prf(gold: list[set[tuple[int, int, str]]], pred: list[set[tuple[int, int, str]]],
        labels: list[str] | None = None) -> dict:
    """Per-label and micro precision/recall/F1 over documents given as sets of (start, end, label)."""
    seen = sorted({e[2] for doc in gold for e in doc} | {e[2] for doc in pred for e in doc})
    labels = labels or seen
    stats = {label: [0, 0, 0] for label in labels}  # tp, n_pred, n_gold
    for g, p in zip(gold, pred):
        for label in labels:
            gl = {e for e in g if e[2] == label}
            pl = {e for e in p if e[2] == label}
            stats[label][0] += len(gl & pl)
            stats[label][1] += len(pl)
            stats[label][2] += len(gl)
    out = {label: _scores(*s) for label, s in stats.items()}
    out["micro"] = _scores(*[sum(s[i] for s in stats.values()) for i in range(3)])
    return out


def _scores(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": n_gold,
            "predicted": n_pred}
