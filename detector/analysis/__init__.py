"""Analyse: :class:`~detector.document.Document` → :class:`Analysis`.

Everything rules read is computed here once: the spaCy ``Doc`` (tokens, sentences, lemmas, and
for the sentences where grammar decides something, part of speech and morphology), quotation
spans, named entities, attributions (who is credited with what), the voice of every token (the
author's, a source's, an interview turn, a reader prompt) and the part of the article (headline,
lede, body) of every sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detector.analysis.attribution import Attribution, attribute
from detector.analysis.lexicon import Lexicon, lexicon
from detector.analysis.names import Entity, find_entities
from detector.analysis.nlp import column, doc_from_tokens, flags, lowers, make_doc
from detector.analysis.quotes import find_quotes
from detector.analysis.voice import Voice, find_voice, interview_turns
from detector.document import Document
from detector.errors import LanguageError
from detector.languages import NAMES as LANG_NAMES
from detector.languages import SUPPORTED
from detector.timing import stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["Analysis", "Attribution", "Entity", "LanguageDecision", "analyse", "decide_language", "resolve_language"]


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
    voice: Voice | None = None  # whose words each token is
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
        """Sentences holding an attribution of one of ``kinds`` (named, unnamed, relayed) that the rules
        layer found (the role labeller's own attributions inform the voice, not the rules' decisions)."""
        key = tuple(sorted(kinds))
        if key not in self._credited:
            self._credited[key] = {a.sentence for a in self.attributions if a.kind in kinds and a.layer == "rules"}
        return self._credited[key]

    def in_reported_claim_of(self, start: int, end: int, *kinds: str) -> bool:
        """Do tokens ``start``–``end`` stand inside content the rules layer credits to an attribution of one of
        ``kinds``, clear of its cue, in a stretch the grammar marks as reported speech (Konjunktiv I: "Ärzte
        sagten, die Frau sei vermutlich …")? Then the words are the source's even where the voice stays the
        author's (an unnamed source's claim); an indicative paraphrase ("…, dass weitere Versorger dürften
        nachziehen") is worded by the author, and so is "Es wird spekuliert", the cue itself."""
        from detector.analysis.grammar import is_subjunctive_i

        for a in self.attributions:
            if a.kind not in kinds or a.layer != "rules" or any(s < end and start < e for s, e in a.all_cues):
                continue
            span = next(((s, e) for s, e in a.content if s <= start and end <= e), None)
            if span is not None and any(is_subjunctive_i(self.doc[k]) for k in range(*span)):
                return True
        return False

    def credited_to(self, token: int, *kinds: str) -> bool:
        """Is this token content credited to an attribution of one of ``kinds``?"""
        if self.voice is None or token not in self.voice.speaker:
            return False
        return self.attributions[self.voice.speaker[token]].kind in kinds

    def sentence_of_char(self, pos: int) -> int | None:
        tok = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        if tok is None or len(tok) == 0:
            return None
        return self.token_sentence[tok[0].i]


@dataclass(frozen=True)
class LanguageDecision:
    """The language a document is analysed in, and how it was decided: ``given`` (``--lang`` or the
    JSONL field), ``detected`` (clear function-word evidence), ``guessed`` (little text: the best of
    the supported languages), or ``default`` (no evidence at all: the configured default)."""

    lang: str
    by: str
    confidence: float


def decide_language(document: Document, lang: str | None = None, default: str = "de") -> LanguageDecision:
    """Forced, given, detected or guessed language. Refused: a clearly unsupported language, and text
    without a letter (:class:`LanguageError`)."""
    from detector.analysis.language import distinct_hits, language_votes, verdict

    path = document.source or document.id
    chosen = lang or document.lang
    if chosen:
        chosen = chosen.lower().split("-")[0]
        if chosen not in SUPPORTED:
            raise LanguageError(f"language '{chosen}' is not supported (supported: {', '.join(SUPPORTED)})", path=path)
        return LanguageDecision(chosen, "given", 1.0)
    if not any(ch.isalpha() for ch in document.text):
        raise LanguageError("the text has no letters to score", path=path)
    votes, words = language_votes(document.text)
    detected, share = verdict(votes, words)
    if detected is not None and (detected in SUPPORTED or (
            votes[detected] >= 3 and words >= 5 and distinct_hits(document.text, detected) >= 2)):
        if detected not in SUPPORTED:  # clear evidence of another language ("w" alone is no Polish text, "e e e" no Italian)
            name = LANG_NAMES.get(detected, detected)
            raise LanguageError(f"the text looks {name} ({detected}); only German and English are "
                                "supported (force with --lang de|en)", path=path)
        return LanguageDecision(detected, "detected", round(share, 3))
    supported = {k: votes[k] for k in SUPPORTED}
    best = max(supported, key=lambda k: (supported[k], k == default))
    total = sum(votes.values())
    if supported[best] == 0:
        return LanguageDecision(default, "default", 0.0)
    return LanguageDecision(best, "guessed", round(supported[best] / total, 3))


def resolve_language(document: Document, lang: str | None = None, default: str = "de") -> str:
    """Forced, given, detected or guessed language (see :func:`decide_language`)."""
    return decide_language(document, lang, default).lang


def quote_mask(doc: Doc, quotes: list[tuple[int, int]]) -> list[bool]:
    """Per token: does it stand inside a quotation (marks included)?"""
    in_quote = [False] * len(doc)
    qi = 0
    for i, start in enumerate(doc.to_array("IDX").tolist()):
        while qi < len(quotes) and quotes[qi][1] <= start:
            qi += 1
        if qi < len(quotes) and quotes[qi][0] <= start < quotes[qi][1]:
            in_quote[i] = True
    return in_quote


def grammar_wanted(doc: Doc, lex: Lexicon) -> list[int]:
    """Tokens whose sentence the grammar step must tag for the attribution analysis: verbs of speech and
    of speech acts, stems of separable ones ("gehen … davon aus": is "aus" a particle?), source
    prepositions, quotation marks and the openers of a complement clause ("schloss … aus, dass": a form
    whose lookup lemma is a noun; the grammar's own triggers are added by it)."""
    verbs, acts, preps, stems = lex.speech_verbs, lex.speech_act_verbs, lex.source_prepositions, lex.separable_by_stem
    lower, lemma, (quote,) = lowers(doc), column(doc, "LEMMA"), flags(doc, "IS_QUOTE")
    sent_end = _sentence_ends(doc)
    prep_nouns = tuple(lex.source_prep_nouns)
    out = []
    for i, (low, lm) in enumerate(zip(lower, lemma, strict=True)):
        if quote[i] or low in preps or lm in verbs or low in verbs or lm in acts \
                or low in lex.clause_openers:  # "…, dass": where indirect speech is, whatever the verb's form
            out.append(i)
        elif low in lex.source_prep_heads and any(
                lower[k].endswith(prep_nouns) for k in range(i + 1, min(sent_end[i], i + 3))):
            out.append(i)  # "nach Angaben der Polizei", "nach seiner Einschätzung"
        elif lm in stems:
            particles = {p for _, p in stems[lm]}
            if any(lower[k] in particles for k in range(i + 1, sent_end[i])):
                out.append(i)
    return out


def _sentence_ends(doc: Doc) -> list[int]:
    """Per token: where its sentence ends (``token.sent.end`` without building a Span per token)."""
    ends = [0] * len(doc)
    for sent in doc.sents:
        ends[sent.start:sent.end] = [sent.end] * (sent.end - sent.start)
    return ends


def prepare_attribution_inputs(doc: Doc, text: str, lang: str) -> tuple[list[bool], dict[int, str]]:
    """Grammar, quotation mask and entity kinds: what the role labeller reads (run time and training)."""
    from detector.analysis.grammar import grammar

    lex = lexicon(lang)
    grammar(lang).annotate(doc, grammar_wanted(doc, lex))
    in_quote = quote_mask(doc, find_quotes(text))
    kinds: dict[int, str] = {}
    for e in find_entities(doc, lex):
        for k in range(e.start, e.end):
            kinds[k] = e.kind
    return in_quote, kinds


def analyse(document: Document, lang: str | None = None, upstream: Doc | None = None,
            default_lang: str = "de") -> Analysis:
    """Run the analysis stage on one document. ``upstream``: a spaCy Doc of the same text from a user's
    pipeline; the analysis keeps its tokens, and its tags, morphology and lemmas (where it has them) are
    used instead of the grammar step's."""
    with stage("language"):
        lang = decide_language(document, lang, default_lang).lang
    with stage("tokenise"):  # a user's Doc keeps its tokens
        doc = make_doc(document.text, lang) if upstream is None else doc_from_tokens(upstream, lang)
    lex = lexicon(lang)
    from detector.analysis.grammar import adopt, grammar

    if upstream is not None:
        adopt(doc, upstream)
    head = [0] if document.headline else []  # the headline's grammar: does it state a claim (a finite verb)?
    grammar(lang).annotate(doc, grammar_wanted(doc, lex) + head)
    with stage("names"):
        quotes = find_quotes(document.text)
        in_quote = quote_mask(doc, quotes)
        sentences = list(doc.sents)
        entities = find_entities(doc, lex)
        token_sentence = [0] * len(doc)
        for si, sent in enumerate(sentences):
            for k in range(sent.start, sent.end):
                token_sentence[k] = si
        labelled = _turn_ranges(doc, document)
        turns = [turn for _, turn in labelled]
    with stage("attribution"):
        attributions = attribute(doc, lex, entities, in_quote, lang, labelled, token_sentence)
    with stage("voice"):
        voice = find_voice(doc, lex, in_quote, attributions, turns)
    parts = []
    head = document.headline
    lede_seen = 0
    for sent in sentences:
        if head and sent.start_char < head[1]:
            parts.append("headline")
        elif lede_seen < 2 and sent.text.strip():
            parts.append("lede")
            lede_seen += 1
        else:
            parts.append("body")
    return Analysis(document=document, lang=lang, doc=doc, lexicon=lex, sentences=sentences,
                    quotes=quotes, in_quote=in_quote, entities=entities, attributions=attributions, voice=voice,
                    sentence_part=parts, token_sentence=token_sentence)


def _turn_ranges(doc: Doc, document: Document) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Interview turns as token ranges, each with its label's (the name before the colon)."""
    out = []
    start = document.headline[1] if document.headline else 0
    for (ls, le), (s, e) in interview_turns(document.text, start):
        label = doc.char_span(ls, le, alignment_mode="expand")
        span = doc.char_span(s, e, alignment_mode="expand")
        if label is not None and len(label) and span is not None and len(span):
            out.append(((label.start, label.end), (span.start, span.end)))
    return out
