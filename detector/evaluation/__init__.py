"""Measure the detector on an annotated corpus: span P/R/F1 per device, article-level figures.

Matching is per device. Where the corpus has gold ``sources`` (the real-copy samples), the sourcing
inventory is measured too: a gold source is found when a reported source overlaps it (speaker
mention, or cue where no one is named), with and without the same kind.
Matching of findings is per device. *Overlap*: a predicted span counts as correct when it shares at least one
character with a gold span of the same device; a gold span counts as found when a prediction of
its device overlaps it (so precision and recall each count their own side). *Exact*: start and end
must be equal. Articles are also judged whole: findings per neutral article, whether the headline
overstatement verdict is right, and the ROC AUC of ``score.total`` between framed and neutral.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from detector.document import Document, ErrorRecord, iter_jsonl
from detector.errors import InputError
from detector.evaluation.attribution import InventoryCounts
from detector.report.model import Finding, Report
from detector.taxonomy import devices as taxonomy_devices

Span = tuple[int, int]


@dataclass
class Counts:
    """Span counts for one device (or all devices together)."""

    gold: int = 0
    predicted: int = 0
    overlap_pred_ok: int = 0  # predictions overlapping a gold span
    overlap_gold_found: int = 0  # gold spans overlapped by a prediction
    exact: int = 0  # predictions equal to a gold span

    def add(self, other: Counts) -> None:
        for name in ("gold", "predicted", "overlap_pred_ok", "overlap_gold_found", "exact"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict:
        return {"gold": self.gold, "predicted": self.predicted,
                "overlap": prf(self.overlap_pred_ok, self.predicted, self.overlap_gold_found, self.gold),
                "exact": prf(self.exact, self.predicted, self.exact, self.gold)}


def prf(pred_ok: int, predicted: int, gold_found: int, gold: int) -> dict:
    """Precision, recall and F1; ``None`` where a ratio has nothing to divide by."""
    p = pred_ok / predicted if predicted else None
    r = gold_found / gold if gold else None
    if p is None and r is None:
        f = None
    elif p is None or r is None or p + r == 0:
        f = 0.0
    else:
        f = 2 * p * r / (p + r)
    return {"precision": _round(p), "recall": _round(r), "f1": _round(f)}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_spans(gold: list[Span], pred: list[Span]) -> tuple[Counts, list[Span], list[Span]]:
    """Counts for one device in one article, plus the unmatched predictions and gold spans."""
    c = Counts(gold=len(gold), predicted=len(pred))
    false_pos = [p for p in pred if not any(_overlaps(p, g) for g in gold)]
    false_neg = [g for g in gold if not any(_overlaps(g, p) for p in pred)]
    c.overlap_pred_ok = len(pred) - len(false_pos)
    c.overlap_gold_found = len(gold) - len(false_neg)
    gold_set = set(gold)
    c.exact = sum(1 for p in pred if p in gold_set)
    return c, false_pos, false_neg


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding a span, for error listings."""
    left = max(text.rfind(ch, 0, start) for ch in ".!?\n") + 1
    rights = [i for i in (text.find(ch, end) for ch in ".!?\n") if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()


def roc_auc(framed: list[float], neutral: list[float]) -> float | None:
    """Probability that a framed article outscores a neutral one (ties count half)."""
    if not framed or not neutral:
        return None
    wins = sum((f > n) + 0.5 * (f == n) for f in framed for n in neutral)
    return round(wins / (len(framed) * len(neutral)), 4)


def _gold_spans(document: Document) -> dict[str, list[Span]]:
    """The corpus's gold spans of an article, by device."""
    gold_by: dict[str, list[Span]] = {}
    for a in document.meta.get("annotations", []):
        gold_by.setdefault(a["device"], []).append((a["start"], a["end"]))
    return gold_by


def _predicted_spans(report: Report) -> dict[str, list[tuple[Span, str]]]:
    """The detector's spans of an article, each with its rule, by device."""
    pred_by: dict[str, list[tuple[Span, str]]] = {}
    for f in report.findings:
        pred_by.setdefault(f.device, []).append(((f.start, f.end), f.rule))
    return pred_by


def _hits_gold(finding: Finding, gold_by: dict[str, list[Span]]) -> bool:
    """Whether a finding overlaps a gold span of its device."""
    return any(_overlaps((finding.start, finding.end), g) for g in gold_by.get(finding.device, []))


@dataclass
class Evaluation:
    """Accumulates per-article results; :meth:`to_dict` gives every figure."""

    source: str
    mode: str = "rules"
    keep_errors: bool = False
    devices: dict[str, Counts] = field(default_factory=dict)
    articles: int = 0
    neutral: int = 0
    neutral_findings: int = 0
    framed_scores: list[float] = field(default_factory=list)
    neutral_scores: list[float] = field(default_factory=list)
    headline: dict[str, int] = field(default_factory=lambda: {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
    errors: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    inventory: InventoryCounts | None = None  # when the corpus has gold sources (the real-copy samples)
    confidences: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, right) per finding

    def add(self, document: Document, report: Report) -> None:
        gold_by = _gold_spans(document)
        pred_by = _predicted_spans(report)
        self._count_article(document.meta.get("kind"), report)
        self.confidences += [(f.confidence, _hits_gold(f, gold_by)) for f in report.findings]
        for device in sorted(set(gold_by) | set(pred_by)):
            self._match_device(document, device, gold_by.get(device, []), pred_by.get(device, []))
        if self.keep_errors:
            self._note_classifier_only(document, report, gold_by)
        if "sources" in document.meta:
            self.inventory = self.inventory or InventoryCounts()
            self.inventory.add(document.meta["sources"], [s.to_dict() for s in report.sources])
        if document.headline is not None:
            self._judge_headline("headline_overstatement" in gold_by, "headline_overstatement" in pred_by)

    def _count_article(self, kind: str | None, report: Report) -> None:
        """The article-level tallies: articles, findings on neutral ones, scores by kind."""
        self.articles += 1
        if kind == "neutral":
            self.neutral += 1
            self.neutral_findings += len(report.findings)
            self.neutral_scores.append(report.score.total)
        elif kind == "framed":
            self.framed_scores.append(report.score.total)

    def _match_device(self, document: Document, device: str, gold: list[Span], preds: list[tuple[Span, str]]) -> None:
        """Count one device's spans in one article; with ``keep_errors``, list its misses and false alarms."""
        counts, fps, fns = match_spans(gold, [p for p, _ in preds])
        self.devices.setdefault(device, Counts()).add(counts)
        if not self.keep_errors:
            return
        rule_of = {p: r for p, r in preds}
        for kind_, spans in (("false_positive", fps), ("false_negative", fns)):
            for s, e in spans:
                self.errors.append({"id": document.id, "type": kind_, "device": device, "start": s, "end": e,
                                    "text": document.text[s:e], "rule": rule_of.get((s, e)),
                                    "sentence": sentence_around(document.text, s, e)})

    def _note_classifier_only(self, document: Document, report: Report, gold_by: dict[str, list[Span]]) -> None:
        """List the sentences only the classifier flags: where a rule is missing (or wrong)."""
        for f in report.findings:
            if f.origin == "classifier":
                self.errors.append({"id": document.id, "type": "classifier_only", "device": f.device,
                                    "start": f.start, "end": f.end, "text": f.text, "rule": f.rule,
                                    "sentence": f.text, "correct": _hits_gold(f, gold_by), "confidence": f.confidence})

    def _judge_headline(self, gold: bool, predicted: bool) -> None:
        """Tally the headline-overstatement verdict as a true/false positive/negative."""
        self.headline[("t" if gold == predicted else "f") + ("p" if predicted else "n")] += 1

    def add_failure(self, record: ErrorRecord) -> None:
        self.failed.append(record.to_dict())

    def to_dict(self) -> dict:
        total = Counts()
        per_device = {}
        known = list(taxonomy_devices())
        for device in sorted(self.devices, key=lambda d: known.index(d) if d in known else len(known)):
            total.add(self.devices[device])
            per_device[device] = self.devices[device].figures()
        f1s = [d["overlap"]["f1"] for d in per_device.values() if d["gold"] and d["overlap"]["f1"] is not None]
        h = self.headline
        judged = sum(h.values())
        out = {
            "source": self.source,
            "mode": self.mode,
            "articles": self.articles,
            "framed": len(self.framed_scores),
            "neutral": self.neutral,
            "failed": len(self.failed),
            "micro": total.figures(),
            "macro_f1_overlap": _round(sum(f1s) / len(f1s)) if f1s else None,
            "devices": per_device,
            "findings_per_neutral": _round(self.neutral_findings / self.neutral) if self.neutral else None,
            "headline_accuracy": _round((h["tp"] + h["tn"]) / judged) if judged else None,
            "headline": dict(h),
            "roc_auc": roc_auc(self.framed_scores, self.neutral_scores),
        }
        if self.inventory is not None:
            out["inventory"] = self.inventory.figures()
        if self.confidences:
            out["calibration"] = calibration(self.confidences)
        if self.keep_errors:
            out["errors"] = self.errors
        if self.failed:
            out["failures"] = self.failed
        return out


def calibration(pairs: list[tuple[float, bool]], bins: int = 10) -> dict:
    """Reliability of the findings' confidence: per bin of confidence (ten of width 0.1), how many
    findings, their mean confidence and the share that is right; the expected calibration error is the
    finding-weighted mean gap between the two (0: of findings shown with confidence p, p are right)."""
    table = []
    gap = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in pairs if lo <= c < hi or (b == bins - 1 and c == hi)]
        if not inside:
            continue
        conf = sum(c for c, _ in inside) / len(inside)
        right = sum(ok for _, ok in inside) / len(inside)
        gap += len(inside) * abs(conf - right)
        table.append({"bin": f"{lo:.1f}-{hi:.1f}", "findings": len(inside), "confidence": _round(conf),
                      "right": _round(right)})
    return {"ece": _round(gap / len(pairs)), "findings": len(pairs), "bins": table}


def evaluate(path: str, run: Callable[[Document], Report], *, mode: str = "rules", errors: bool = False,
             progress: Callable[[], None] | None = None) -> dict:
    """Run ``run`` over every article of an annotated JSONL file and return all figures."""
    ev = Evaluation(source=path, mode=mode, keep_errors=errors)
    seen_annotations = False
    for item in iter_jsonl(path):
        if isinstance(item, ErrorRecord):
            ev.add_failure(item)
            continue
        anns = item.meta.get("annotations")
        if anns is None:
            raise InputError(f"{item.source}: article '{item.id}' has no 'annotations' field; "
                             "evaluate needs an annotated corpus", path=None)
        seen_annotations = True
        _check_annotations(item, anns)
        ev.add(item, run(item))
        if progress:
            progress()
    if not seen_annotations:
        raise InputError("no annotated articles found", path=path)
    return ev.to_dict()


def _check_annotations(doc: Document, anns: Iterable) -> None:
    known = taxonomy_devices()
    for a in anns:
        ok = (isinstance(a, dict) and a.get("device") in known and isinstance(a.get("start"), int)
              and isinstance(a.get("end"), int) and 0 <= a["start"] < a["end"] <= len(doc.text))
        if not ok:
            raise InputError(f"{doc.source}: bad annotation {json.dumps(a, ensure_ascii=False)} "
                             "(needs a known device and 0 <= start < end <= len(text))")


BASELINE_KEYS = {  # figure → direction in which it may not get worse
    "micro_f1_overlap": "min", "macro_f1_overlap": "min", "roc_auc": "min",
    "headline_accuracy": "min", "findings_per_neutral": "max",
}


def headline_figures(result: dict) -> dict[str, float | None]:
    """The figures a baseline records, flat."""
    return {"micro_f1_overlap": result["micro"]["overlap"]["f1"], "macro_f1_overlap": result["macro_f1_overlap"],
            "roc_auc": result["roc_auc"], "headline_accuracy": result["headline_accuracy"],
            "findings_per_neutral": result["findings_per_neutral"]}


def compare_to_baseline(result: dict, floor: dict) -> list[str]:
    """Every figure that fell below (or, for findings per neutral article, rose above) the baseline."""
    now = headline_figures(result)
    problems = []
    for key, direction in BASELINE_KEYS.items():
        if key not in floor or now.get(key) is None:
            continue
        worse = now[key] < floor[key] - 1e-9 if direction == "min" else now[key] > floor[key] + 1e-9
        if worse:
            problems.append(f"{key} {now[key]} is {'below' if direction == 'min' else 'above'} the baseline {floor[key]}")
    for device, minimum in floor.get("devices", {}).items():
        f1 = (result["devices"].get(device) or {}).get("overlap", {}).get("f1")
        if f1 is None or f1 < minimum - 1e-9:
            problems.append(f"{device} F1 {f1} is below the baseline {minimum}")
    return problems


def load_baseline(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InputError("no such baseline file", path=str(path)) from e
    except json.JSONDecodeError as e:
        raise InputError(f"malformed JSON at line {e.lineno}: {e.msg}", path=str(path)) from e
