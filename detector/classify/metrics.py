"""Figures for training and the model card: span-overlap P/R/F1 per device, ROC AUC."""

from __future__ import annotations

from collections import Counter


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "pred": n_pred, "gold": n_gold}


def span_scores(pairs: list[tuple[list[dict], list[tuple[str, int, int]]]]) -> dict[str, dict]:
    """Per device and ``micro``: a prediction is right if it overlaps a gold span of its device,
    a gold span is found if a prediction of its device overlaps it."""
    c: dict[str, Counter] = {}
    for gold, pred in pairs:
        for dev, s, e in pred:
            k = c.setdefault(dev, Counter())
            k["pred"] += 1
            k["tp_pred"] += any(g["device"] == dev and g["start"] < e and s < g["end"] for g in gold)
        for g in gold:
            k = c.setdefault(g["device"], Counter())
            k["gold"] += 1
            k["tp_gold"] += any(dev == g["device"] and g["start"] < e and s < g["end"] for dev, s, e in pred)
    total: Counter = Counter()
    out = {}
    for dev in sorted(c):
        total.update(c[dev])
        out[dev] = prf(c[dev]["tp_pred"], c[dev]["pred"], c[dev]["tp_gold"], c[dev]["gold"])
    out["micro"] = prf(total["tp_pred"], total["pred"], total["tp_gold"], total["gold"])
    return out


def auc(labels: list[int], scores: list[float]) -> float:
    """ROC AUC (ties count half); 0.5 when one class is missing."""
    pos = [s for y, s in zip(labels, scores, strict=True) if y]
    neg = [s for y, s in zip(labels, scores, strict=True) if not y]
    if not pos or not neg:
        return 0.5
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return round(wins / (len(pos) * len(neg)), 4)
