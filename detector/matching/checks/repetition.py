"""Check ``repetition``: the headline or a sentence repeated verbatim for emphasis."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from detector.matching.kinds import Hit
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from detector.analysis import Analysis

_NON_WORD = re.compile(r"[\W_]+")


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


class RepetitionCheck:
    PARAMS = {"min_words": "shortest sentence (in words) whose repetition counts; default 4",
              "headline": "flag the headline repeated in the body; default true",
              "sentences": "flag any body sentence repeated verbatim; default true"}

    def __init__(self, rule: Rule, params: dict) -> None:
        self.min_words = int(params.get("min_words", 4))
        self.headline = bool(params.get("headline", True))
        self.sentences = bool(params.get("sentences", True))

    def find(self, analysis: Analysis) -> list[Hit]:
        seen: dict[str, int] = {}
        hits = []
        head = analysis.document.headline
        if self.headline and head:
            norm = _norm(analysis.document.headline_text)
            if len(norm.split()) >= self.min_words:
                seen[norm] = head[0]
        for sent in analysis.sentences:
            if head and sent.start_char < head[1]:
                continue
            text = sent.text.strip()
            norm = _norm(text)
            if len(norm.split()) < self.min_words:
                continue
            if norm in seen and (self.sentences or seen[norm] == (head[0] if head else -1)):
                start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                end = start + len(text.rstrip(".!"))
                hits.append(Hit(start, end))
            else:
                seen.setdefault(norm, sent.start_char)
        return hits
