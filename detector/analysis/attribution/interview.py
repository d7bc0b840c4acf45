"""Interview transcripts: each interviewee's label ("Huber:") credits the turns that follow it.

The interviewer's turns (the outlet's questions: "Frage:", "STANDARD:", a label whose turns are
mostly questions) are not a source; every other label is one, named, with its answers as ``direct``
content (the cue is the colon after the label).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detector.analysis.attribution.types import Attribution, Range

if TYPE_CHECKING:
    from spacy.tokens import Doc


_LABEL_TOKENS = 4  # a label is a name or two ("Garrone", "Frage", "Maria Huber")
_BEFORE_LABEL = frozenset({".", "!", "?", "…", "...", "\"", "“", "”", "»", "«", ")", ":"})


def interview_attributions(doc: Doc, turns: list[Range], token_sentence: list[int]) -> list[Attribution]:
    by_label: dict[str, list[tuple[Range, Range, Range]]] = {}
    for s, e in turns:
        colon = s - 1
        while colon > 0 and doc[colon].text != ":":
            colon -= 1
        start = colon
        while start > 0 and colon - start < _LABEL_TOKENS and "\n" not in doc[start - 1].text_with_ws \
                and not doc[start - 1].is_space and doc[start - 1].text not in _BEFORE_LABEL:
            start -= 1  # back to the line break or the end of the sentence before ("… gesagt. STANDARD: …")
        label = doc[start:colon].text.strip().lower()
        by_label.setdefault(label, []).append(((start, colon), (colon, colon + 1), (s, e)))
    out = []
    for items in by_label.values():
        questions = sum(doc[c[1] - 1].text == "?" or doc[c[1] - 2].text == "?" for _, _, c in items if c[1] - c[0] > 1)
        if questions * 2 >= len(items):
            continue  # the interviewer
        first_label, first_colon, _ = items[0]
        out.append(Attribution(source=first_label, cue=first_colon, kind="named", sentence=token_sentence[first_colon[0]],
                               cue_kind="colon", content=tuple(c for _, _, c in items), form="direct"))
    return out
