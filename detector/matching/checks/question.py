"""Check ``rhetorical_question``: a question in the writer's own voice that answers itself.

A sentence ending in ``?`` counts unless it is quoted, or belongs to an interview turn (a
paragraph opened by a label such as ``Frage:``, ``Q:`` or a speaker's name in capitals followed
by a colon), or the document is an interview or script (``min_turns`` such labels).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from detector.matching.kinds import Hit
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from detector.analysis import Analysis

_CAPS_LABEL = re.compile(r"^\s*[A-ZÄÖÜ][A-ZÄÖÜ .\-]{1,30}:")


class QuestionCheck:
    PARAMS = {"turn_labels": "words that open an interview turn when followed by a colon (Frage, Antwort, Q, A)",
              "min_turns": "labelled turns that make the whole document an interview; default 2"}

    def __init__(self, rule: Rule, params: dict) -> None:
        labels = [re.escape(w) for w in params.get("turn_labels", [])]
        self.turn = re.compile(r"^\s*(?:" + "|".join(labels) + r")\s*:", re.IGNORECASE) if labels else None
        self.min_turns = int(params.get("min_turns", 2))

    def _is_turn(self, paragraph: str) -> bool:
        return bool(_CAPS_LABEL.match(paragraph) or (self.turn and self.turn.match(paragraph)))

    def find(self, analysis: Analysis) -> list[Hit]:
        text = analysis.text
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        turns = [p for p in paragraphs if self._is_turn(text[p[0]:p[1]])]
        if len(turns) >= self.min_turns:
            return []  # an interview or a script: its questions are the format, not framing
        hits = []
        for sent in analysis.sentences:
            toks = [t for t in sent if not t.is_space]
            if not toks:
                continue
            last = toks[-1]
            end_tok = last
            if last.text in ("“", "”", "\"", "»", "«", "‘", "’") and len(toks) > 1:
                end_tok = toks[-2]
            if "?" not in end_tok.text:
                continue
            if all(analysis.in_quote[t.i] for t in toks if not t.is_punct) or analysis.in_quote[end_tok.i]:
                continue
            s = toks[0].idx
            para = next((p for p in paragraphs if p[0] <= s < p[1]), None)
            if para and self._is_turn(text[para[0]:para[1]]):
                continue
            hits.append(Hit(s, end_tok.idx + len(end_tok.text)))
        return hits
