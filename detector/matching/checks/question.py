"""Check ``rhetorical_question``: a question in the writer's own voice that suggests its own answer.

Which questions are the writer's is the voice layer's decision (:mod:`detector.analysis.voice`):
an interviewer's questions, a speaker's quoted questions and reader prompts ("Was meinen Sie?") are
not in the author's voice, so the rule's ``where: voice`` leaves them out. This check adds the tests
of the definition: the question carries a sign that it suggests its answer (``markers``: "noch",
"eigentlich", "ernsthaft", "really"; ``openings``: "Wer glaubt", "Wie lange", "Is it any wonder"),
whereas a question that introduces a topic ("Tragen Fledertiere das Virus in sich?") has none; and
a question the text takes up (the next sentence answers or discusses it: "Warum? Weil …",
"… integrieren? Diese Frage …") is asked, not suggested. Headlines are left to the headline rules
(a teaser that states the article's open question is not rhetorical).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detector.matching.hit import Hit
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from detector.analysis import Analysis

_CLOSING = ("“", "”", "\"", "»", "«", "‘", "’")


class QuestionCheck:
    PARAMS = {"taken_up_by": "words that open a sentence answering or discussing the question before it (Weil, Die Antwort)",
              "markers": "words that make a question suggest its answer (noch, eigentlich, ernsthaft / really, exactly)",
              "openings": "question openings that suggest the answer (Wer glaubt, Wie lange / Is it any wonder, Since when)"}

    def __init__(self, rule: Rule, params: dict) -> None:
        self.openers = tuple(tuple(w.lower().split()) for w in params.get("taken_up_by", []))
        self.markers = frozenset(w.lower() for w in params.get("markers", []))
        self.openings = tuple(tuple(w.lower().split()) for w in params.get("openings", []))

    def _suggestive(self, words: list[str]) -> bool:
        if not self.markers and not self.openings:
            return True
        if any(w in self.markers for w in words):
            return True
        start = words[1:] if words and words[0] in ("und", "aber", "doch", "and", "but", "so") else words
        return any(tuple(start[:len(o)]) == o for o in self.openings)

    def _taken_up(self, words: list[str]) -> bool:
        return any(tuple(words[:len(o)]) == o for o in self.openers)

    def find(self, analysis: Analysis) -> list[Hit]:
        sents = analysis.sentences
        hits = []
        for si, sent in enumerate(sents):
            toks = [t for t in sent if not t.is_space]
            if not toks or analysis.sentence_part[si] == "headline":
                continue
            end_tok = toks[-2] if toks[-1].text in _CLOSING and len(toks) > 1 else toks[-1]
            if "?" not in end_tok.text:
                continue
            if not self._suggestive([t.lower_ for t in toks if not t.is_punct]):
                continue
            nxt = next((s for s in sents[si + 1:si + 2] if s.text.strip()), None)
            if nxt is not None and self._taken_up([t.lower_ for t in nxt if not t.is_space and not t.is_punct]):
                continue
            hits.append(Hit(toks[0].idx, end_tok.idx + len(end_tok.text)))
        return hits
