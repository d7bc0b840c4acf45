"""Language identification by a vote of frequent function words.

Fast (no model to load) and honest about other languages: a French article is
named French and refused, not scored as if it were German.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources

from detector import yamlio as fast_yaml

_WORD = re.compile(r"\b[^\W\d_]+\b")  # whole words of letters: "E0E0E" holds no word "e"


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    text = resources.files("detector.analysis").joinpath("lexicons/stopwords.yaml").read_text("utf-8")
    return {lang: frozenset(words) for lang, words in fast_yaml.safe_load(text).items()}


def language_votes(text: str, sample: int = 20000) -> tuple[Counter[str], int]:
    """Function-word hits per language in the first ``sample`` characters, and the number of words."""
    words = [w.lower() for w in _WORD.findall(text[:sample])]
    votes: Counter[str] = Counter()
    for lang, stops in _stopwords().items():
        votes[lang] = sum(1 for w in words if w in stops)
    return votes, len(words)


def distinct_hits(text: str, lang: str, sample: int = 20000) -> int:
    """How many different function words of ``lang`` the text holds ("e e e" is one: no evidence of Italian)."""
    stops = _stopwords().get(lang, frozenset())
    return len({w for w in (m.lower() for m in _WORD.findall(text[:sample])) if w in stops})


def verdict(votes: Counter[str], words: int) -> tuple[str | None, float]:
    """The winning language of :func:`language_votes` and its share of the stop-word hits, or
    ``(None, 0.0)`` when the text has too few words to tell."""
    if not words:
        return None, 0.0
    (best, hits), = votes.most_common(1)
    if hits == 0 or (hits < 2 and words > 3):
        return None, 0.0
    return best, hits / max(1, sum(votes.values()))
