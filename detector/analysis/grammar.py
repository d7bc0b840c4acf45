"""The grammar step: part of speech, lemma and morphology from the Hanover Tagger (HanTa).

HanTa ships trained German and English models inside its package (nothing is downloaded). It is
pure Python, so it runs only on the sentences where grammar decides something (a sentence holding a
trigger form of ``lexicons/grammar.yaml``, or one the caller asks for), and its per-word work is
memoised. What it finds is set as spaCy's own token attributes, the only way the rest of the code
sees it:

* ``tag_``: STTS for German, CLAWS5 for English; ``pos_``: Universal POS;
* ``lemma_``: HanTa's lemma for verbs (participles, separable and subjunctive forms), the lookup
  lemma elsewhere;
* ``morph``: ``VerbForm``, ``Mood=Sub|Tense=Pres`` for Konjunktiv I and ``Mood=Sub|Tense=Past`` for
  Konjunktiv II (the mapping is data: ``grammar.yaml``), and what the tag implies.

A Doc that already carries tags from an upstream pipeline (a user's own German model) keeps them:
only the Konjunktiv mapping is added where the Doc has no morphology. Unknown capitalised words
after the first of a sentence (names and compounds, a fifth of German news tokens) are not analysed
letter by letter, which is HanTa's slowest path: they are offered as common noun or proper noun,
a compound of a known noun leaning to common noun, and the tag sequence decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from detector import yamlio
from detector.analysis.nlp import column, lowers
from detector.timing import stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_TAGGED = "framing.grammar"  # doc.user_data: starts of the sentences the grammar step has tagged


@dataclass(frozen=True)
class GrammarData:
    lang: str
    model: str
    tags: dict[str, tuple[str, str, str]]
    lemma_tags: frozenset[str]
    mood_present: frozenset[str]
    mood_past: frozenset[str]
    stem_e: bool
    first_person: frozenset[str]
    first_person_window: int
    spelling: tuple[tuple[str, str], ...]
    triggers: frozenset[str]


@cache
def grammar_data(lang: str) -> GrammarData:
    raw = yamlio.safe_load(resources.files("detector.analysis").joinpath("lexicons/grammar.yaml").read_text("utf-8"))
    d = raw[lang]
    mood = d.get("mood") or {}
    return GrammarData(
        lang=lang, model=d["model"], tags={k: tuple(v) for k, v in d["tags"].items()},
        lemma_tags=frozenset(d.get("lemma_tags", [])), mood_present=frozenset(mood.get("present", [])),
        mood_past=frozenset(mood.get("past", [])), stem_e=bool(mood.get("stem_e")),
        first_person=frozenset(mood.get("first_person", [])), first_person_window=int(mood.get("first_person_window", 0)),
        spelling=tuple((d.get("spelling") or {}).items()), triggers=frozenset(d.get("triggers", [])))


def _hanta_tagger(data: GrammarData):
    from detector.analysis.hanta import Tagger  # imports HanTa: only when a sentence is tagged

    return Tagger(str(resources.files("HanTa").joinpath(data.model)), data.spelling)


class Grammar:
    """The grammar step for one language; :func:`grammar` gives the shared instance."""

    def __init__(self, lang: str) -> None:
        self.data = grammar_data(lang)
        self._tagger = None

    @property
    def tagger(self):
        if self._tagger is None:
            self._tagger = _hanta_tagger(self.data)
        return self._tagger

    def annotate(self, doc: Doc, wanted: Iterable[int] = (), everything: bool = False) -> None:
        """Tag the sentences of ``doc`` that hold a trigger form or a wanted token index (all with
        ``everything``); sentences tagged before are left as they are."""
        with stage("grammar"):
            if doc.has_annotation("TAG") and _TAGGED not in doc.user_data:
                self._upstream(doc)
                return
            done: set[int] = doc.user_data.setdefault(_TAGGED, set())
            marked = _marks(len(doc), () if everything else wanted)
            triggered = self._triggered(doc)
            for sent in doc.sents:
                start, end = sent.start, sent.end
                if start not in done and (everything or 1 in marked[start:end] or triggered(start, end)):
                    self._tag(sent)
                    done.add(start)

    def _triggered(self, doc: Doc):
        """A test of a token range: does it hold a trigger form (or, where the language has them, a form
        that may be Konjunktiv I by its shape)? Reads per-document lists, not Token objects."""
        triggers = self.data.triggers | self.data.mood_present
        lower = lowers(doc)
        stem_e = _stem_e_forms(lower, column(doc, "LEMMA")) if self.data.stem_e else None

        def triggered(start: int, end: int) -> bool:
            return not triggers.isdisjoint(lower[start:end]) or (stem_e is not None and any(stem_e[start:end]))
        return triggered

    def is_tagged(self, doc: Doc, token: Token) -> bool:
        """Has the grammar step (or an upstream tagger) decided this token's tag?"""
        return bool(token.tag_)

    def _tag(self, sent) -> None:
        toks = [t for t in sent if not t.is_space]
        if not toks:
            return
        tagger = self.tagger
        words = [t.text for t in toks]
        ids = tagger.tag_sent_viterbi(words, casesensitive=True)
        mapping = self.data.tags
        for k, (tok, tid) in enumerate(zip(toks, ids, strict=True)):
            hanta = tagger.int2tag[tid]
            tag, upos, feats = mapping.get(hanta, (hanta, "X", ""))
            tok.tag_ = tag
            tok.pos_ = upos
            if hanta in self.data.lemma_tags:
                lemma = tagger.lemma(tok.text, tid)
                if lemma:
                    tok.lemma_ = lemma.lower() if self.data.lang == "de" and upos in ("VERB", "AUX") else lemma
            mood = self._mood(toks, k) if feats.startswith("VerbForm=Fin") or "VerbForm=Fin" in feats else ""
            tok.set_morph("|".join(sorted(f for f in (feats, mood) if f)) if mood else feats)

    def _mood(self, toks: list[Token], k: int) -> str:
        """``Mood=Sub|Tense=Pres`` (Konjunktiv I) or ``Mood=Sub|Tense=Past`` (Konjunktiv II) by form."""
        d = self.data
        form = toks[k].lower_
        if form in d.mood_past:
            return "Mood=Sub|Tense=Past"
        first = any(toks[j].lower_ in d.first_person for j in range(max(0, k - d.first_person_window), k)) or (
            k + 1 < len(toks) and toks[k + 1].lower_ in d.first_person)
        if form in d.mood_present and not (first and form.endswith("e") and form not in ("sei", "seien")):
            return "Mood=Sub|Tense=Pres"
        if d.stem_e and not first and form.endswith("e") and len(form) > 3:
            lemma = toks[k].lemma_.lower()
            stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith(("eln", "ern")) else None
            if stem and stem + "e" == form:
                return "Mood=Sub|Tense=Pres"
        return ""

    def _upstream(self, doc: Doc) -> None:
        """A Doc tagged upstream keeps its annotation; add the Konjunktiv mapping where it has no morphology."""
        if doc.has_annotation("MORPH") or not self.data.mood_present:
            return
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            for k, tok in enumerate(toks):
                if tok.tag_.endswith("FIN"):
                    mood = self._mood(toks, k)
                    if mood:
                        tok.set_morph(mood)


def _stem_e_forms(lower: list[str], lemma: list[str]) -> list[bool]:
    """Per token: a form that may be Konjunktiv I by its shape, the stem of its lemma + "e" ("gebe", "plane")."""
    return [len(low) > 3 and low.endswith("e") and lm.endswith("en") and lm[:-1] == low
            for low, lm in zip(lower, lemma, strict=True)]


def _marks(n: int, wanted: Iterable[int]) -> bytearray:
    """Per token of a Doc of ``n`` tokens: 1 where its index is among ``wanted`` (other indexes left out)."""
    marked = bytearray(n)
    for i in wanted:
        if 0 <= i < n:
            marked[i] = 1
    return marked


@cache
def grammar(lang: str) -> Grammar:
    return Grammar(lang)


def _aligned(doc: Doc, other: Doc):
    """Pairs of tokens of two Docs of the same text that cover the same characters."""
    if doc.text != other.text:
        return
    theirs = {(t.idx, len(t.text)): t for t in other}
    for tok in doc:
        mate = theirs.get((tok.idx, len(tok.text)))
        if mate is not None:
            yield tok, mate


def adopt(doc: Doc, upstream: Doc) -> None:
    """Take the part of speech, tags, morphology and lemmas of a Doc an upstream pipeline annotated (a
    user's own model) into the analysis ``doc``; the grammar step then uses them instead of tagging."""
    if not upstream.has_annotation("TAG"):
        return
    for tok, mate in _aligned(doc, upstream):
        tok.tag_, tok.pos_ = mate.tag_, mate.pos_
        if mate.has_morph():
            tok.set_morph(str(mate.morph))
        if mate.lemma_:
            tok.lemma_ = mate.lemma_


def hand_back(doc: Doc, target: Doc) -> None:
    """Leave on the user's ``target`` Doc the tags the grammar step set on the analysis ``doc``, where the
    target has none of its own (an upstream pipeline's annotation is never overwritten)."""
    if target.has_annotation("TAG"):
        return
    for tok, mate in _aligned(doc, target):
        if tok.tag_:
            mate.tag_, mate.pos_ = tok.tag_, tok.pos_
            if tok.has_morph():
                mate.set_morph(str(tok.morph))
            if not mate.lemma_:
                mate.lemma_ = tok.lemma_


def is_subjunctive_i(token: Token) -> bool:
    """Konjunktiv I (the mood of reported speech), as the grammar step or an upstream tagger set it."""
    return "Sub" in token.morph.get("Mood") and "Pres" in token.morph.get("Tense")
