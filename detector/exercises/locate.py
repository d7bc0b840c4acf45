"""Find a quoted passage in an article, forgiving case, spacing, quote marks and dashes."""

from __future__ import annotations

_FOLD = {"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "‚": "'", "‘": "'", "’": "'", "–": "-", "—": "-"}
_EDGE = " \t\n.,;:!?…"


def _normalise(text: str) -> tuple[str, list[int]]:
    """Folded text and, per folded character, its offset in ``text``."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        low = ch.lower()
        out.append(_FOLD.get(ch, low if len(low) == 1 else ch))
        where.append(i)
    return "".join(out), where


def find_all(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place ``quote`` occurs in ``text`` (exact first, then folded, then without edge punctuation)."""
    quote = quote.strip()
    if not quote:
        return []
    hits = _exact(text, quote)
    if hits:
        return hits
    norm, where = _normalise(text)
    for q in (quote, quote.strip(_EDGE)):
        nq, _ = _normalise(q)
        nq = nq.strip()
        if not nq:
            continue
        hits = []
        i = norm.find(nq)
        while i != -1:
            hits.append((where[i], where[i + len(nq) - 1] + 1))
            i = norm.find(nq, i + 1)
        if hits:
            return hits
    return []


def _exact(text: str, quote: str) -> list[tuple[int, int]]:
    hits = []
    i = text.find(quote)
    while i != -1:
        hits.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return hits


def locate(text: str, quote: str, near: int | None = None,
           within: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """The occurrence of ``quote`` inside ``within`` if given, else nearest to ``near``, else the first."""
    hits = find_all(text, quote)
    if within is not None:
        inside = [h for h in hits if h[0] < within[1] and h[1] > within[0]]
        hits = inside or hits
    if not hits:
        return None
    if near is None:
        return hits[0]
    return min(hits, key=lambda h: abs(h[0] - near))
