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


def interview_attributions(doc: Doc, labelled: list[tuple[Range, Range]],
                           token_sentence: list[int]) -> list[Attribution]:
    """The interviewee's turns, grouped by label (the label ranges are those the turn finder matched, in
    :func:`detector.analysis.voice.interview_turns`; the colon follows each label)."""
    by_label: dict[str, list[tuple[Range, Range, Range]]] = {}
    for (start, colon), turn in labelled:
        label = doc[start:colon].text.strip().lower()
        by_label.setdefault(label, []).append(((start, colon), (colon, colon + 1), turn))
    out = []
    for items in by_label.values():
        questions = sum(doc[c[1] - 1].text == "?" or doc[c[1] - 2].text == "?" for _, _, c in items if c[1] - c[0] > 1)
        if questions * 2 >= len(items):
            continue  # the interviewer
        first_label, first_colon, _ = items[0]
        out.append(Attribution(source=first_label, cue=first_colon, kind="named", sentence=token_sentence[first_colon[0]],
                               cue_kind="colon", content=tuple(c for _, _, c in items), form="direct"))
    return out
