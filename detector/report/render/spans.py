"""Positions for renderers: 1-based line/column of an offset, and the article cut into segments.

A segment is a stretch of text over which the set of covering findings does not change, so
overlapping findings can each be drawn (nested, one lane each) without losing any of them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


class LineIndex:
    """Maps character offsets of one text to 1-based (line, column); lines end at ``\\n``."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def assign_lanes(spans: Sequence[tuple[int, int]]) -> list[int]:
    """Give each span the lowest lane not used by a span it overlaps (interval colouring).

    Spans are processed longest-first at equal start, so an enclosing span gets the lower lane
    and is drawn outside the spans it contains.
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1], i))
    lanes = [0] * len(spans)
    active: list[int] = []  # indices of spans still open
    for i in order:
        start = spans[i][0]
        active = [j for j in active if spans[j][1] > start]
        used = {lanes[j] for j in active}
        lane = 0
        while lane in used:
            lane += 1
        lanes[i] = lane
        active.append(i)
    return lanes


@dataclass
class Segment:
    """``text[start:end]``, the findings covering it (outermost first) and what starts here."""

    start: int
    end: int
    text: str
    cover: list[int] = field(default_factory=list)   # finding indices, outermost first
    starts: list[int] = field(default_factory=list)  # finding indices whose first segment this is
    related: list[str] = field(default_factory=list)  # ids of related passages covering it
    related_starts: list[str] = field(default_factory=list)
    said: int | None = None  # index of the source credited with this text (innermost), if any
    said_start: bool = False  # the first segment of a credited passage


def segments(text: str, spans: Sequence[tuple[int, int]], lo: int = 0, hi: int | None = None,
             related: Sequence[tuple[str, int, int]] = (), lanes: Sequence[int] | None = None,
             said: Sequence[tuple[int, int, int]] = ()) -> list[Segment]:
    """Cut ``text[lo:hi]`` at every boundary of ``spans`` (findings), ``related`` (id, start, end) and
    ``said`` (source index, start, end: passages credited to a source).

    ``lanes`` (from :func:`assign_lanes` over all spans) may be passed when cutting many ranges.
    """
    hi = len(text) if hi is None else hi
    lanes = assign_lanes(spans) if lanes is None else lanes
    here = [i for i, (s, e) in enumerate(spans) if s < hi and e > lo and s < e]
    rel_here = [(rid, s, e) for rid, s, e in related if s < hi and e > lo and s < e]
    cuts = {lo, hi}
    for i in here:
        cuts.update(x for x in spans[i] if lo < x < hi)
    for _, s, e in rel_here:
        cuts.update(x for x in (s, e) if lo < x < hi)
    said_here = [(k, s, e) for k, s, e in said if s < hi and e > lo and s < e]
    for _, s, e in said_here:
        cuts.update(x for x in (s, e) if lo < x < hi)
    bounds = sorted(cuts)
    out = []
    seen: set[int] = set()
    seen_rel: set[str] = set()
    for a, b in zip(bounds, bounds[1:], strict=False):
        cover = [i for i in here if spans[i][0] <= a and b <= spans[i][1]]
        cover.sort(key=lambda i: (lanes[i], i))
        starts = [i for i in cover if i not in seen]
        seen.update(cover)
        rel = [rid for rid, s, e in rel_here if s <= a and b <= e]
        rel_starts = [r for r in rel if r not in seen_rel]
        seen_rel.update(rel)
        inner = [(e - s, k, s) for k, s, e in said_here if s <= a and b <= e]
        said_by = min(inner)[1] if inner else None
        said_start = said_by is not None and any(k == said_by and s == a for _, k, s in inner)
        out.append(Segment(a, b, text[a:b], cover, starts, rel, rel_starts, said_by, said_start))
    return out


def paragraphs(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Ranges of the paragraphs (separated by blank lines) within ``text[lo:hi]``, without outer whitespace."""
    out = []
    pos = lo
    for m in [*_BLANK_LINE.finditer(text, lo, hi), None]:
        end = m.start() if m else hi
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
        if m:
            pos = m.end()
    return out
