"""Measure "who says what" against gold attributions: speaker, cue and content, per form.

The measure is **token overlap**, pooled over a split (micro-averaged). A document's words are its
``\\w+`` tokens (punctuation and white space do not count, so a quotation mark or a comma at a span's
edge changes nothing). For one role (speaker, cue or content) a word is *gold* when it overlaps a
gold span of that role and *predicted* when it overlaps a predicted span of that role; precision is
the share of predicted words that are gold, recall the share of gold words that are predicted.
Repeated mentions of the same words count once per document. This is the usual soft measure of
quotation-attribution work (partial credit for a span found with other boundaries), computed on
words rather than characters so that long and short words weigh the same.

Per form, gold attributions are grouped by their form (direct, indirect, free indirect, reported;
the German gold's ``IndirectFreeIndirect`` and ``FreeIndirect`` are both ``free_indirect``) and
the recall of their content words is given, with the share of them whose predicted attribution
has the same form.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

ROLES = ("speaker", "cue", "content")
FORMS = ("direct", "indirect", "free_indirect", "reported")
GOLD_FORMS = {"Direct": "direct", "Indirect": "indirect", "IndirectFreeIndirect": "free_indirect",
              "FreeIndirect": "free_indirect", "Reported": "reported"}
_WORD = re.compile(r"\w+")

Span = tuple[int, int]


@dataclass
class Attr:
    """One attribution, gold or predicted, as character spans."""

    speaker: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)
    form: str | None = None


def gold_attributions(record: dict) -> list[Attr]:
    """The gold of a ``quotes-de`` record or of a real-copy sample record (``sources``)."""
    out = []
    for q in record.get("quotes", []):
        out.append(Attr(speaker=[tuple(s) for s in q.get("speaker", [])], cue=[tuple(s) for s in q.get("cue", [])],
                        content=[tuple(s) for s in q.get("quote", [])], form=GOLD_FORMS.get(q.get("type"))))
    for s in record.get("sources", []):
        out.append(Attr(speaker=[(s["start"], s["end"])] if "start" in s else [],
                        cue=[(c["start"], c["end"]) for c in s.get("cue", [])],
                        content=[(c["start"], c["end"]) for c in s.get("content", [])], form=s.get("form")))
    return out


def report_attributions(report: dict) -> list[Attr]:
    """The ``sources`` of a JSON report as attributions."""
    out = []
    for s in report.get("sources", []):
        cues = [(c["start"], c["end"]) for c in s.get("cues", [])] or (
            [(s["cue_start"], s["cue_end"])] if s.get("cue_start") is not None else [])
        out.append(Attr(speaker=[(s["start"], s["end"])] if s.get("start") is not None else [], cue=cues,
                        content=[(c["start"], c["end"]) for c in s.get("content", [])], form=s.get("form")))
    return out


def _words(text: str) -> list[Span]:
    return [m.span() for m in _WORD.finditer(text)]


def _covered(words: list[Span], spans: Iterable[Span]) -> set[int]:
    """Indexes of the words that overlap any span (spans sorted; two pointers)."""
    out: set[int] = set()
    spans = sorted(spans)
    if not spans:
        return out
    import bisect

    starts = [w[0] for w in words]
    for s, e in spans:
        k = max(0, bisect.bisect_right(starts, s) - 1)
        while k < len(words) and words[k][0] < e:
            if words[k][1] > s:
                out.add(k)
            k += 1
    return out


@dataclass
class RoleCounts:
    gold: int = 0
    predicted: int = 0
    both: int = 0

    def figures(self) -> dict:
        p = self.both / self.predicted if self.predicted else None
        r = self.both / self.gold if self.gold else None
        f = 2 * p * r / (p + r) if p and r else 0.0
        return {"precision": _r(p), "recall": _r(r), "f1": _r(f), "gold_words": self.gold,
                "predicted_words": self.predicted}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass
class AttributionScore:
    """Accumulates documents; :meth:`to_dict` gives the figures."""

    roles: dict[str, RoleCounts] = field(default_factory=lambda: {r: RoleCounts() for r in ROLES})
    forms: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))
    documents: int = 0
    gold_attributions: int = 0
    predicted_attributions: int = 0

    def add(self, text: str, gold: list[Attr], pred: list[Attr]) -> None:
        words = _words(text)
        self.documents += 1
        self.gold_attributions += len(gold)
        self.predicted_attributions += len(pred)
        for role in ROLES:
            g = _covered(words, [s for a in gold for s in getattr(a, role)])
            p = _covered(words, [s for a in pred for s in getattr(a, role)])
            c = self.roles[role]
            c.gold += len(g)
            c.predicted += len(p)
            c.both += len(g & p)
        # per form: content recall, and whether the predicted attribution covering it has the same form
        pred_words = [(_covered(words, a.content), a.form) for a in pred]
        all_pred = set().union(*(w for w, _ in pred_words)) if pred_words else set()
        for a in gold:
            if a.form is None:
                continue
            g = _covered(words, a.content)
            if not g:
                continue
            row = self.forms[a.form]
            row[0] += 1
            row[1] += len(g)
            row[2] += len(g & all_pred)
            best = max(pred_words, key=lambda pw: len(pw[0] & g), default=None)
            if best is not None and best[0] & g and best[1] == a.form:
                row[3] += 1

    def to_dict(self) -> dict:
        forms = {}
        for form in FORMS:
            n, gw, found, same = self.forms.get(form, [0, 0, 0, 0])
            forms[form] = {"attributions": n, "content_words": gw, "content_recall": _r(found / gw) if gw else None,
                           "same_form": _r(same / n) if n else None}
        return {"documents": self.documents, "gold_attributions": self.gold_attributions,
                "predicted_attributions": self.predicted_attributions,
                "roles": {r: c.figures() for r, c in self.roles.items()}, "forms": forms}


def _anchor(src: dict) -> tuple[int, int] | None:
    """Where a source stands: its speaker mention, else its (first) cue."""
    if src.get("start") is not None and src.get("end") is not None:
        return src["start"], src["end"]
    if src.get("cue_start") is not None:
        return src["cue_start"], src["cue_end"]
    cues = src.get("cue")
    if isinstance(cues, list) and cues:
        return cues[0]["start"], cues[0]["end"]
    return None


@dataclass
class InventoryCounts:
    """The sourcing inventory against gold sources: found (any kind) and found with the right kind."""

    gold: int = 0
    predicted: int = 0
    gold_found: int = 0
    pred_right: int = 0
    gold_found_kind: int = 0
    pred_right_kind: int = 0

    def add(self, gold: list[dict], pred: list[dict]) -> None:
        g = [(a, s["kind"]) for s in gold if (a := _anchor(s))]
        p = [(a, s["kind"]) for s in pred if (a := _anchor(s))]
        self.gold += len(g)
        self.predicted += len(p)
        self.gold_found += sum(any(_ov(x, y) for y, _ in p) for x, _ in g)
        self.pred_right += sum(any(_ov(x, y) for y, _ in g) for x, _ in p)
        self.gold_found_kind += sum(any(_ov(x, y) and k == kk for y, kk in p) for x, k in g)
        self.pred_right_kind += sum(any(_ov(x, y) and k == kk for y, kk in g) for x, k in p)

    def figures(self) -> dict:
        def pr(right, n, found, m):
            p = right / n if n else None
            r = found / m if m else None
            return {"precision": _r(p), "recall": _r(r), "f1": _r(2 * p * r / (p + r)) if p and r else 0.0}
        return {"gold": self.gold, "predicted": self.predicted,
                "found": pr(self.pred_right, self.predicted, self.gold_found, self.gold),
                "found_with_kind": pr(self.pred_right_kind, self.predicted, self.gold_found_kind, self.gold)}


def _ov(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
