"""Analyse: :class:`~detector.document.Document` → :class:`Analysis`.

Everything rules read is computed here once: the spaCy ``Doc`` (tokens,
sentences, lemmas), quotation spans, named entities and attributions, and the
part of the article (headline, lede, body) of every sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detector.analysis.attribution import Attribution, find_attributions
from detector.analysis.language import LANG_NAMES, SUPPORTED, detect_language
from detector.analysis.lexicon import Lexicon, lexicon
from detector.analysis.names import Entity, find_entities
from detector.analysis.nlp import make_doc
from detector.analysis.quotes import find_quotes
from detector.document import Document
from detector.errors import LanguageError

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["Analysis", "Attribution", "Entity", "analyse", "resolve_language"]


@dataclass
class Analysis:
    document: Document
    lang: str
    doc: Doc
    lexicon: Lexicon
    sentences: list[Span]
    quotes: list[tuple[int, int]]
    in_quote: list[bool]  # per token
    entities: list[Entity]
    attributions: list[Attribution]
    reported: dict[int, str] = field(default_factory=dict)  # sentence → kind of the source it reports (Konjunktiv I)
    sentence_part: list[str] = field(default_factory=list)  # headline | lede | body per sentence
    token_sentence: list[int] = field(default_factory=list)
    _credited: dict[tuple[str, ...], set[int]] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.document.text

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Token range → character range."""
        return self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)

    def part_of_char(self, pos: int) -> str:
        h = self.document.headline
        if h and h[0] <= pos < h[1] + 1:
            return "headline"
        sent = self.sentence_of_char(pos)
        return self.sentence_part[sent] if sent is not None else "body"

    def part_of_token(self, i: int) -> str:
        """Like :meth:`part_of_char` for the character where token ``i`` starts."""
        h = self.document.headline
        if h and h[0] <= self.doc[i].idx < h[1] + 1:
            return "headline"
        return self.sentence_part[self.token_sentence[i]]

    def credited(self, *kinds: str) -> set[int]:
        """Sentences holding an attribution of one of ``kinds`` (named, unnamed, relayed)."""
        key = tuple(sorted(kinds))
        if key not in self._credited:
            self._credited[key] = {a.sentence for a in self.attributions if a.kind in kinds}
        return self._credited[key]

    def sentence_of_char(self, pos: int) -> int | None:
        tok = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        if tok is None or len(tok) == 0:
            return None
        return self.token_sentence[tok[0].i]


def resolve_language(document: Document, lang: str | None = None) -> str:
    """Forced, given or detected language; unsupported ones raise :class:`LanguageError`."""
    chosen = lang or document.lang
    if chosen:
        chosen = chosen.lower().split("-")[0]
        if chosen not in SUPPORTED:
            raise LanguageError(f"language '{chosen}' is not supported (supported: de, en)",
                                path=document.source or document.id)
        return chosen
    detected, _share = detect_language(document.text)
    if detected is None:
        raise LanguageError("cannot tell the language (too little text); use --lang de|en",
                            path=document.source or document.id)
    if detected not in SUPPORTED:
        name = LANG_NAMES.get(detected, detected)
        raise LanguageError(f"the text looks {name} ({detected}); only German and English are "
                            "supported (force with --lang de|en)", path=document.source or document.id)
    return detected


_TURN = re.compile(r"(?m)^[ \t]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß.\- ]{0,30}:[ \t]+(?=\S)")


def interview_turns(document: Document, min_turns: int = 2) -> list[tuple[int, int]]:
    """Character ranges of labelled turns ("Frage: …", "WELSCH: …") when the body is an interview."""
    start = document.headline[1] if document.headline else 0
    turns = []
    labels: dict[str, int] = {}
    for m in _TURN.finditer(document.text, start):
        end = document.text.find("\n", m.end())
        turns.append((m.end(), end if end != -1 else len(document.text)))
        label = m.group().strip().rstrip(":").lower()
        labels[label] = labels.get(label, 0) + 1
    # an interview alternates speakers, so some label comes back; "Fazit:" and "Tipp:" do not
    return turns if len(turns) >= min_turns and max(labels.values(), default=0) >= 2 else []


def reported_speech(sentences: list, attributions: list[Attribution], lex: Lexicon) -> dict[int, str]:
    """Sentences that go on reporting an earlier source in Konjunktiv I, with no cue of their own.

    "Der Minister sagte, die Reform sei nötig. Die Opposition habe versagt." — the second sentence
    is still the minister's; its claims are credited to him, not made by the writer.
    """
    if not lex.subjunctive:
        return {}
    kind_of = {}
    for a in attributions:
        kind_of.setdefault(a.sentence, a.kind)
    out: dict[int, str] = {}
    for si, sent in enumerate(sentences):
        if si in kind_of or si == 0:
            continue
        prev = kind_of.get(si - 1) or out.get(si - 1)
        if prev and any(t.lower_ in lex.subjunctive for t in sent):
            out[si] = prev
    return out


def analyse(document: Document, lang: str | None = None) -> Analysis:
    """Run the analysis stage on one document."""
    lang = resolve_language(document, lang)
    doc = make_doc(document.text, lang)
    lex = lexicon(lang)
    quotes = find_quotes(document.text)
    in_quote = [False] * len(doc)
    qi = 0
    for tok in doc:
        while qi < len(quotes) and quotes[qi][1] <= tok.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi][0] <= tok.idx < quotes[qi][1]:
            in_quote[tok.i] = True
    for s, e in interview_turns(document):  # an interview's turns are speech, like quotations
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            for k in range(span.start, span.end):
                in_quote[k] = True
    sentences = list(doc.sents)
    entities = find_entities(doc, lex)
    attributions = find_attributions(doc, lex, entities)
    token_sentence = [0] * len(doc)
    parts = []
    head = document.headline
    lede_seen = 0
    for si, sent in enumerate(sentences):
        for k in range(sent.start, sent.end):
            token_sentence[k] = si
        if head and sent.start_char < head[1]:
            parts.append("headline")
        elif lede_seen < 2 and sent.text.strip():
            parts.append("lede")
            lede_seen += 1
        else:
            parts.append("body")
    return Analysis(document=document, lang=lang, doc=doc, lexicon=lex, sentences=sentences,
                    quotes=quotes, in_quote=in_quote, entities=entities, attributions=attributions,
                    reported=reported_speech(sentences, attributions, lex),
                    sentence_part=parts, token_sentence=token_sentence)
