"""Check ``scare_quotes``: a short quotation the writer uses to doubt a word, not to report speech.

A quotation counts when it is short (``max_words``), holds no sentence of its own, and nothing
around it makes it a report or a name: no speech verb or colon introducing it, no title or name
cue before it (Roman, Operation, so-called names of outlets …), no named speaker credited in the
sentence (a named minister's quoted word is reported, not framed), and it is not a multi-word
name written in capitals (a newspaper, a book title).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detector.matching.hit import Hit
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from detector.analysis import Analysis

_SENTENCE_END = set(".!?;:")


class ScareQuotesCheck:
    PARAMS = {"max_words": "longest quotation (in words) that can be a scare quote; default 4",
              "name_cues": "words right before a quotation that make it a title or name (Roman, Operation, heißt)",
              "report_cues": "words right before or after a quotation that make it reported speech (sagte, nannte)",
              "doubt_cues": "words before a quotation that mark doubt even in a credited sentence (sogenannt)"}

    def __init__(self, rule: Rule, params: dict) -> None:
        self.max_words = int(params.get("max_words", 4))
        self.name_cues = tuple(w.lower() for w in params.get("name_cues", []))
        self.report_cues = {w.lower() for w in params.get("report_cues", [])}
        self.doubt_cues = {w.lower() for w in params.get("doubt_cues", [])}

    def _is_name_cue(self, word: str) -> bool:
        stems = {word, word[:-1], word[:-2]} if len(word) > 5 else {word}  # Fachdienstes → fachdienst
        return any(st == c or (len(c) > 4 and st.endswith(c)) for c in self.name_cues for st in stems)

    def find(self, analysis: Analysis) -> list[Hit]:
        text = analysis.text
        doc = analysis.doc
        named_sents = analysis.credited("named", "relayed")
        entity_starts = {e.start for e in analysis.entities}
        hits = []
        for qs, qe in analysis.quotes:
            words = self._term_words(text[qs + 1:qe - 1].strip())
            if not words:
                continue
            span = doc.char_span(qs, qe, alignment_mode="expand")
            if span is None or not len(span):
                continue
            doubt = self._doubted(text, qs)
            if not doubt and self._introduced(analysis, span.start, len(words)):
                continue
            if self._reported_after(doc, span.end):
                continue
            if qs in entity_starts or (span.start + 1 < len(doc) and doc[span.start + 1].idx in entity_starts):
                continue
            sent = analysis.token_sentence[span.start]
            if sent in named_sents and not doubt:
                continue
            hits.append(Hit(qs, qe))
        return hits

    def _term_words(self, inner: str) -> list[str]:
        """The words of a quotation shaped like a doubted term: a few words (``max_words``), no sentence or
        clause of their own, some letters, no name or title in capitals, no figure; else none."""
        words = inner.split()
        if not words or len(words) > self.max_words or any(ch in _SENTENCE_END for ch in inner) \
                or "," in inner or not any(ch.isalpha() for ch in inner):
            return []
        if len(words) >= 2 and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
            return []  # a name or title (Hohenrainer Anzeiger, Die Blechtrommel)
        if any(ch.isdigit() for ch in inner):
            return []  # a product, mission or model name (Kestrel-2)
        return words

    def _doubted(self, text: str, qs: int) -> bool:
        """A doubt cue among the three words before the quotation that opens at ``qs`` (sogenannt)."""
        window = text[max(0, qs - 30):qs].lower().split()
        return any(w.startswith(tuple(self.doubt_cues)) for w in window[-3:]) if self.doubt_cues else False

    def _introduced(self, analysis: Analysis, first: int, n_words: int) -> bool:
        """Does the text before the quotation (from token ``first``) make it reported speech or a name: a
        colon or comma, a report cue earlier in the clause, a name cue, an author's name in the genitive?"""
        doc = analysis.doc
        sent_start = analysis.sentences[analysis.token_sentence[first]].start
        before = [t for t in doc[max(sent_start, first - 3):first] if not t.is_space]
        clause = [t for t in doc[max(sent_start, first - 15):first] if not t.is_space]
        prev = before[-1].lower_ if before else ""
        if prev in (":", ","):
            return True
        if any(t.lower_ in self.report_cues for t in clause):
            return True  # "nannte die Umfrage „Panikmache“", "sprach von einem „Anfang“": a partial quote
        if any(self._is_name_cue(t.lower_) for t in before[-2:]):
            return True
        if before and before[-1].text[:1].isupper() and before[-1].lower_.endswith("s") \
                and before[-1].i not in (sent_start,) and n_words == 1:
            return True  # "Verdis „Nabucco“": a work after its author's name
        return False

    def _reported_after(self, doc, end: int) -> bool:
        """A report cue right after the quotation that ends before token ``end``, or after a comma there."""
        after = [t for t in doc[end:end + 2] if not t.is_space]
        return bool(after) and (after[0].lower_ in self.report_cues or after[0].text in (",",) and len(after) > 1
                                and after[1].lower_ in self.report_cues)
