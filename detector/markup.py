"""Inline span markup shared by corpora, rule tests and learners' answers.

``[[argumentieren Analysten]]{unnamed_source}`` marks a span with a label;
``[[argumentieren Analysten]]`` marks one without (rule tests). Spans may nest.
:func:`parse_markup` returns the clean text and the spans with offsets into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLOSE = re.compile(r"\]\](?:\{([A-Za-z_][A-Za-z0-9_]*)\})?")


class MarkupError(ValueError):
    """Unbalanced or malformed markup; ``line`` is 1-based in the marked text."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class MarkedSpan:
    start: int
    end: int
    label: str | None
    text: str


def parse_markup(marked: str) -> tuple[str, list[MarkedSpan]]:
    """Strip ``[[…]]{label}`` markup; return clean text and spans (sorted by start)."""
    out: list[str] = []
    length = 0
    stack: list[tuple[int, int]] = []  # (clean offset, marked offset)
    spans: list[MarkedSpan] = []
    i = 0
    while i < len(marked):
        if marked.startswith("[[", i):
            stack.append((length, i))
            i += 2
            continue
        if marked.startswith("]]", i):
            if not stack:
                raise MarkupError("']]' without an opening '[['", marked.count("\n", 0, i) + 1)
            m = _CLOSE.match(marked, i)
            assert m is not None
            start, _ = stack.pop()
            clean = "".join(out)
            spans.append(MarkedSpan(start, length, m.group(1), clean[start:length]))
            i = m.end()
            continue
        out.append(marked[i])
        length += 1
        i += 1
    if stack:
        raise MarkupError("'[[' is never closed", marked.count("\n", 0, stack[-1][1]) + 1)
    spans.sort(key=lambda s: (s.start, -s.end))
    return "".join(out), spans


def render_markup(text: str, spans: list[tuple[int, int, str | None]]) -> str:
    """Inverse of :func:`parse_markup` for properly nested spans."""
    opens: dict[int, list[tuple[int, str | None]]] = {}
    closes: dict[int, list[tuple[int, str | None]]] = {}
    for start, end, label in spans:
        opens.setdefault(start, []).append((end, label))
        closes.setdefault(end, []).append((start, label))
    parts: list[str] = []
    for i in range(len(text) + 1):
        for _start, label in sorted(closes.get(i, []), key=lambda x: -x[0]):
            parts.append("]]" + (f"{{{label}}}" if label else ""))
        for _ in sorted(opens.get(i, []), key=lambda x: -x[0]):
            parts.append("[[")
        if i < len(text):
            parts.append(text[i])
    return "".join(parts)
