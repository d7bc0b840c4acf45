"""Quotation spans: „…“ “…” "…" «…» »…« ‚…‘ ‹…›, tolerant of mismatched marks.

Machine-translated copy mixes marks freely („…" or "…„), so a closing mark is
any mark that can close the open quotation. An unclosed quotation ends at the
end of its paragraph, or where a straight mark after a sentence's end opens its
next part ('"… imports. "We are …"'). Spans include the marks.
"""

from __future__ import annotations

# mark → the marks that may close a quotation it opened
_DOUBLE_OPEN = {"„": "“”\"„", "“": "”“\"„", "”": "”“\"", "\"": "\"“”„", "«": "»«", "»": "«»"}
_SINGLE_OPEN = {"‚": "‘’'", "‹": "›‹", "›": "‹›", "‘": "’‘"}
_PARAGRAPH = "\n\n"


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every top-level quotation, marks included."""
    spans: list[tuple[int, int]] = []
    start = -1
    closers = ""
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if start >= 0:
            if ch == "\"" and _reopens(text, i):  # '"… imports. "We are …"': the next paragraph of the quotation
                spans.append((start, _rstrip_end(text, i)))
                start, closers = i, _DOUBLE_OPEN[ch]
            elif ch in closers:
                spans.append((start, i + 1))
                start = -1
            elif ch == "\n" and text.startswith(_PARAGRAPH, i):
                spans.append((start, _rstrip_end(text, i)))
                start = -1
        elif ch in _DOUBLE_OPEN and _opens(text, i):
            start, closers = i, _DOUBLE_OPEN[ch]
        elif ch in _SINGLE_OPEN and _opens(text, i) and not _is_apostrophe(text, i):
            start, closers = i, _SINGLE_OPEN[ch]
        i += 1
    if start >= 0:
        spans.append((start, _rstrip_end(text, n)))
    return [(s, e) for s, e in spans if e - s > 1]


def _reopens(text: str, i: int) -> bool:
    """Does a straight mark inside an open quotation start a new one? It stands after a sentence's end and a
    space and before a word, as when the quotation's next paragraph begins without the last being closed
    (British style, paragraphs run together)."""
    return i >= 2 and text[i - 1] == " " and text[i - 2] in ".!?" and _opens(text, i)


def _opens(text: str, i: int) -> bool:
    """A mark opens when text follows it (not a lone mark before a space)."""
    return i + 1 < len(text) and not text[i + 1].isspace()


def _is_apostrophe(text: str, i: int) -> bool:
    return i > 0 and text[i - 1].isalnum()


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) within one of the quotation spans?"""
    return any(s <= start and end <= e for s, e in spans)
