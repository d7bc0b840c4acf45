"""Numbered sentences of an article, as worksheets show them and answer keys cite them.

The headline is sentence 0 (shown as the headline); body sentences are numbered from 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from detector.analysis import analyse
from detector.document import Document


@dataclass(frozen=True)
class Sentence:
    number: int  # 0 = headline
    start: int
    end: int
    new_paragraph: bool  # a blank line comes before it


def number_sentences(text: str, lang: str, headline: tuple[int, int] | None) -> list[Sentence]:
    """Split ``text`` into sentences with the detector's own analysis (so offsets agree with its findings)."""
    document = Document.from_text(text, lang=lang, headline=headline is not None)
    if headline is not None:
        document.headline = headline
    analysis = analyse(document, lang)
    out: list[Sentence] = []
    if headline is not None:
        out.append(Sentence(0, headline[0], headline[1], False))
    number = 0
    prev_end = headline[1] if headline else 0
    for span in analysis.sentences:
        start, end = span.start_char, span.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if start >= end or (headline is not None and start < headline[1]):
            continue
        number += 1
        gap = text[prev_end:start]
        out.append(Sentence(number, start, end, number > 1 and "\n" in gap and gap.count("\n") >= 2))
        prev_end = end
    return out


def sentence_at(sentences: list[Sentence], pos: int) -> int:
    """Number of the sentence containing character ``pos`` (the nearest one before it otherwise)."""
    best = sentences[0].number if sentences else 0
    for s in sentences:
        if s.start <= pos:
            best = s.number
        if s.start <= pos < s.end:
            return s.number
    return best
