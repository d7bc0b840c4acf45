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
            inner = text[qs + 1:qe - 1].strip()
            words = inner.split()
            if not words or len(words) > self.max_words or any(ch in _SENTENCE_END for ch in inner) \
                    or "," in inner or not any(ch.isalpha() for ch in inner):
                continue
            if len(words) >= 2 and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
                continue  # a name or title (Hohenrainer Anzeiger, Die Blechtrommel)
            if any(ch.isdigit() for ch in inner):
                continue  # a product, mission or model name (Kestrel-2)
            span = doc.char_span(qs, qe, alignment_mode="expand")
            if span is None or not len(span):
                continue
            sent_start = analysis.sentences[analysis.token_sentence[span.start]].start
            before = [t for t in doc[max(sent_start, span.start - 3):span.start] if not t.is_space]
            clause = [t for t in doc[max(sent_start, span.start - 15):span.start] if not t.is_space]
            after = [t for t in doc[span.end:span.end + 2] if not t.is_space]
            prev = before[-1].lower_ if before else ""
            window = text[max(0, qs - 30):qs].lower().split()
            doubt = any(w.startswith(tuple(self.doubt_cues)) for w in window[-3:]) if self.doubt_cues else False
            if prev in (":", ",") and not doubt:
                continue
            if not doubt and any(t.lower_ in self.report_cues for t in clause):
                continue  # "nannte die Umfrage „Panikmache“", "sprach von einem „Anfang“": a partial quote
            if after and (after[0].lower_ in self.report_cues or after[0].text in (",",) and len(after) > 1
                          and after[1].lower_ in self.report_cues):
                continue
            if not doubt and any(self._is_name_cue(t.lower_) for t in before[-2:]):
                continue
            if not doubt and before and before[-1].text[:1].isupper() and before[-1].lower_.endswith("s") \
                    and before[-1].i not in (sent_start,) and len(words) == 1:
                continue  # "Verdis „Nabucco“": a work after its author's name
            if qs in entity_starts or (span.start + 1 < len(doc) and doc[span.start + 1].idx in entity_starts):
                continue
            sent = analysis.token_sentence[span.start]
            if sent in named_sents and not doubt:
                continue
            hits.append(Hit(qs, qe))
        return hits
