"""Attribution: who is credited with each claim, and is that source named?

For every attribution cue in a sentence (a verb of saying or thinking, "laut X",
"X zufolge", "nach Angaben", "according to", an impersonal "heißt es") we look
for the source's head: an unnamed-source noun (Analysten, Sicherheitsexperten,
people familiar), a recognised name, or a pronoun. Heads inside a prepositional
object ("zwischen Moskau und Pjöngjang") are not subjects and are skipped. The
source phrase grows around its head to take in articles, adjectives and named
complements ("Experten des Ifo-Instituts", ", Sprecher des … Rates"). Then:

* ``relayed`` — credited through an outlet or report (von The Guardian befragt,
  Berichten zufolge, wie der Spiegel berichtet);
* ``named`` — the phrase holds a person, organisation or government;
* ``unnamed`` — everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from detector.analysis.lexicon import Lexicon
from detector.analysis.names import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_MAX_LEFT = 14
_EN_FUNCTION_WORDS = frozenset({"and", "or", "but", "is", "are", "was", "were", "has", "have", "had"})
_MAX_RIGHT = 8


@dataclass(frozen=True)
class Attribution:
    source: tuple[int, int]  # token range of the source phrase
    cue: tuple[int, int]  # token range of the cue
    kind: str  # named | unnamed | relayed
    sentence: int
    cue_kind: str  # verb | preposition | impersonal

    @property
    def span(self) -> tuple[int, int]:
        """Source plus cue when they touch (argumentieren Analysten, laut Experten)."""
        s, e = self.source
        cs, ce = self.cue
        if self.cue_kind in ("preposition", "impersonal") or ce == s or e == cs:
            return min(s, cs), max(e, ce)
        return s, e


class _Sentence:
    """Per-sentence helpers over token indexes."""

    def __init__(self, doc: Doc, sent: Span, lex: Lexicon, ent_at: dict[int, Entity]) -> None:
        self.doc, self.lex, self.ent_at = doc, lex, ent_at
        self.start, self.end = sent.start, sent.end

    def head_at(self, i: int) -> tuple[int, int] | None:
        """Token range of a source head starting or standing at ``i``, if any."""
        doc, lex = self.doc, self.lex
        if i in self.ent_at:
            e = self.ent_at[i]
            return e.start, e.end
        tok = doc[i]
        for ph in lex.source_phrases:
            n = len(ph)
            if tuple(t.lower_ for t in doc[i:i + n]) == ph and i + n <= self.end:
                return i, i + n
        if tok.is_alpha and (lex.lang == "en" or tok.text[:1].isupper()) \
                and lex.is_source_noun(tok.lower_):
            return i, i + 1
        if tok.lower_ in lex.pronouns:
            return i, i + 1
        return None

    def is_prep_object(self, i: int) -> bool:
        """Does the noun phrase ending at ``i`` hang off a preposition (or a conjunct of one)?"""
        lex, doc = self.lex, self.doc
        k = i - 1
        steps = 0
        while k >= self.start and steps < 5:
            low = doc[k].lower_
            if low in lex.prepositions and low not in lex.source_prepositions:
                return True
            if low in ("und", "and", "oder", "or"):
                return self.is_prep_object(k - 1) if k - 1 >= self.start else False
            if doc[k].is_punct or low in lex.subordinators:
                return False
            if low in lex.articles or (doc[k].is_alpha and (doc[k].is_lower or doc[k].is_title)):
                k -= 1
                steps += 1
                continue
            return False
        return False

    def grow(self, hs: int, he: int) -> tuple[int, int]:
        """Extend a head to its phrase: articles, adjectives, names, complements, appositions."""
        doc, lex = self.doc, self.lex
        s, e = hs, he
        # left: articles and adjectives (and, in German, capitalised words such as "I Think Tank")
        while s - 1 >= self.start:
            prev = doc[s - 1]
            low = prev.lower_
            if low in lex.articles:
                s -= 1
            elif prev.is_alpha and lex.lang == "de" and prev.is_lower and low.endswith(("e", "en", "er", "es", "em")) \
                    and low not in lex.prepositions and low not in lex.subordinators and low not in lex.speech_verbs \
                    and prev.lemma_ not in lex.speech_verbs and s - 1 != self.start:
                s -= 1
            elif prev.is_alpha and lex.lang == "en" and prev.is_lower and s - 1 > self.start \
                    and low not in lex.prepositions and low not in lex.subordinators \
                    and prev.lemma_ not in lex.speech_verbs and low not in _EN_FUNCTION_WORDS \
                    and he - s < 3:
                s -= 1
            elif prev.is_alpha and prev.is_title and (s - 1 == self.start or doc[s - 2].is_space) \
                    and (len(prev.text) <= 2 or lex.lang == "en") and (s - 1) not in self.ent_at \
                    and low not in lex.subordinators and low not in lex.pronouns and low not in lex.prepositions:
                s -= 1  # sentence-initial stray word ("I Think Tank …")
            elif prev.is_alpha and lex.lang == "de" and prev.text[:1].isupper() and (s - 1) in self.ent_at:
                break
            else:
                break
        # right: following names or capitalised nouns directly after the head ("Tank Asiaten", "Experte Jan Hofer")
        while e < self.end and (e in self.ent_at or (lex.lang == "de" and doc[e].is_alpha
                                                      and doc[e].text[:1].isupper() and e - he < 2
                                                      and doc[e].lower_ not in lex.pronouns)):
            e = self.ent_at[e].end if e in self.ent_at else e + 1
        # English "familiar with the matter", "close to the talks"
        if lex.lang == "en" and e < self.end and doc[e].lower_ in ("familiar", "close", "with", "briefed"):
            k = e
            while k < self.end and k - e < 6 and not doc[k].is_punct and doc[k].lower_ not in lex.speech_verbs \
                    and doc[k].lemma_ not in lex.speech_verbs:
                k += 1
            e = k
        # named complement: des Ifo-Instituts, vom Institut für …, at the Brookings Institution
        e = self._complement(e)
        # apposition: ", Sprecher des Nationalen Sicherheitsrates," / ", a senior fellow at RUSI,"
        if e < self.end and doc[e].text == "," and e + 1 in self.ent_at and self.ent_at[e + 1].kind == "person":
            e = self.ent_at[e + 1].end  # "the spokeswoman, Anna Keller"
        elif e < self.end and doc[e].text == ",":
            k = e + 1
            stop = min(self.end, k + 10)
            has_role = False
            while k < stop and doc[k].text not in (",", ".", ";", ":") and not doc[k].is_quote:
                if doc[k].lower_ in lex.role_forms or lex.is_source_noun(doc[k].lower_):
                    has_role = True
                k += 1
            if has_role and any(j in self.ent_at for j in range(e + 1, k)):
                e = k
        return s, e

    def _complement(self, e: int) -> int:
        doc, lex = self.doc, self.lex
        if e < self.end and doc[e].lower_ in lex.complement_preps:
            k = e + 1
            while k < self.end and k - e <= 4 and (doc[k].lower_ in lex.articles or (
                    doc[k].is_alpha and doc[k].is_lower and lex.lang == "de")):
                k += 1
            if k < self.end and k in self.ent_at:
                return self._complement(self.ent_at[k].end)
            if lex.lang == "de" and k < self.end and doc[k].is_alpha and doc[k].text[:1].isupper() \
                    and doc[e].lower_ in ("des", "der") and k + 1 < self.end and doc[k + 1].text == "," \
                    and k + 2 in self.ent_at and self.ent_at[k + 2].kind == "person":
                return k + 1  # "die Sprecherin der Stadtwerke, Anna Keller": the apposition names her
        return e

    def nearest_head(self, lo: int, hi: int, leftwards: bool, skip_prep: bool = True) -> tuple[int, int] | None:
        rng = range(hi - 1, lo - 1, -1) if leftwards else range(lo, hi)
        for i in rng:
            if self.doc[i].is_quote:
                return None
            h = self.head_at(i)
            if h and not (skip_prep and self.is_prep_object(h[0])):
                if self.ent_at.get(h[0]) and self.ent_at[h[0]].start != h[0]:
                    continue
                return h
        return None


def find_attributions(doc: Doc, lex: Lexicon, entities: list[Entity]) -> list[Attribution]:
    """All attributions in ``doc``, one per distinct source phrase."""
    ent_at: dict[int, Entity] = {}
    for e in entities:
        for k in range(e.start, e.end):
            ent_at[k] = e
    ent_start = {e.start: e for e in entities}
    found: dict[tuple[int, int], Attribution] = {}
    persons_seen = False
    for si, sent in enumerate(doc.sents):
        s = _Sentence(doc, sent, lex, ent_start)
        for cue, cue_kind, head in _cues(s):
            if head is None:
                continue
            hs, he = head
            if doc[hs].lower_ in lex.pronouns:
                if not persons_seen:
                    continue
                src = (hs, he)
            else:
                src = s.grow(hs, he)
            kind = _classify(doc, lex, src, cue, ent_at)
            att = Attribution(src, cue, kind, si, cue_kind)
            if src not in found:
                found[src] = att
        if any(e.kind == "person" and sent.start <= e.start < sent.end for e in entities):
            persons_seen = True
    return sorted(found.values(), key=lambda a: a.source)


def _cues(s: _Sentence):
    """Yield (cue range, cue kind, source head range or None) for one sentence."""
    doc, lex = s.doc, s.lex
    i = s.start
    while i < s.end:
        tok = doc[i]
        low = tok.lower_
        # impersonal: "heißt es", "it is said"
        n = _match_lower(doc, i, s.end, lex.impersonal)
        if n:
            cue = (i, i + n)
            head = _impersonal_source(s, i)
            yield (cue, "impersonal", head or cue)
            i += n
            continue
        # prepositional: "nach Angaben von X", "according to X", "laut X"
        n = _match_lower(doc, i, s.end, lex.source_prep_phrases)
        if n or low in lex.source_prepositions and low != "zufolge":
            n = n or 1
            k = i + n
            if k < s.end and doc[k].lower_ in ("von", "des", "der", "of"):
                k += 1
            head = _prep_object(s, k)
            if head is None and k < s.end:
                head = _relay_head(s, k) or _name_head(s, k)
            yield ((i, i + n), "preposition", head)
            i += n
            continue
        if low == "zufolge":
            head = s.nearest_head(max(s.start, i - _MAX_RIGHT), i, leftwards=True, skip_prep=False)
            if head is None:
                head = _relay_head(s, i - 1, leftwards=True)
            yield ((i, i + 1), "preposition", head)
            i += 1
            continue
        # verbs of saying
        if tok.is_alpha and _is_speech_verb(s, i):
            right = s.nearest_head(i + 1, min(s.end, i + 4), leftwards=False)
            if right and any(doc[k].is_punct for k in range(i + 1, right[0])):
                right = None
            head = right or s.nearest_head(max(s.start, i - _MAX_LEFT), i, leftwards=True) \
                or s.nearest_head(i + 1, min(s.end, i + _MAX_RIGHT), leftwards=False)
            yield ((i, i + 1), "verb", head)
        i += 1


def _is_speech_verb(s: _Sentence, i: int) -> bool:
    doc, lex = s.doc, s.lex
    tok = doc[i]
    lemma = tok.lemma_
    if lex.lang == "de" and tok.text[:1].isupper() and not tok.is_sent_start:
        return False  # a capitalised word mid-sentence is a noun (Sprecher, Bericht)
    verbs = lex.speech_verbs
    candidates = {lemma, tok.lower_}
    ok = False
    for c in candidates:
        if c in verbs:
            ok = True
            base = c
            break
        # separable verbs: "fügt … hinzu" → stem fügen + particle hinzu later in the clause
        for full, particle in lex.separable.items():
            stem = full[len(particle):]
            if c == stem and any(doc[k].lower_ == particle for k in range(i + 1, s.end)):
                ok, base = True, full
                break
        if ok:
            break
    if not ok:
        return False
    if base in lex.weak_speech_verbs:
        window = [doc[k].lower_ for k in range(i + 1, min(s.end, i + 7))]
        return any(w in ("dass", "that", ":") for w in window)
    return True


def _match_lower(doc: Doc, i: int, end: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    first = doc[i].lower_
    for ph in phrases:
        n = len(ph)
        if ph[0] == first and i + n <= end and tuple(t.lower_ for t in doc[i:i + n]) == ph:
            return n
    return 0


def _impersonal_source(s: _Sentence, i: int) -> tuple[int, int] | None:
    """ "aus Regierungskreisen hieß es", "in Brüssel heißt es": the circle or place before the cue."""
    doc = s.doc
    for k in range(i - 1, max(s.start, i - 5) - 1, -1):
        if doc[k].lower_ in ("aus", "in", "from", "among") and k < i - 1:
            return k, i
    return None


def _prep_object(s: _Sentence, k: int) -> tuple[int, int] | None:
    """The object of "laut"/"according to": up to its source noun, else its first name.

    "laut einem von The Guardian befragten Experten" → the whole phrase (head Experten).
    """
    first = None
    i = k
    while i < min(s.end, k + _MAX_RIGHT + 4):
        tok = s.doc[i]
        if tok.is_punct or tok.is_quote:
            break
        h = s.head_at(i)
        if h:
            if i not in s.ent_at and s.doc[i].lower_ not in s.lex.pronouns:
                return k, h[1]
            if first is None:
                first = (k, h[1])
            i = h[1]
            continue
        if first is not None and not (tok.lower_ in s.lex.articles or tok.is_lower):
            break
        i += 1
    return first


def _relay_head(s: _Sentence, i: int, leftwards: bool = False) -> tuple[int, int] | None:
    rng = range(i, max(s.start, i - 4) - 1, -1) if leftwards else range(i, min(s.end, i + 4))
    def is_relay(k: int) -> bool:
        low = s.doc[k].lower_
        return low in s.lex.relay_forms or low.endswith(("bericht", "berichten", "berichte", "reports"))

    for k in rng:
        if is_relay(k) or s.lex.is_source_noun(s.doc[k].lower_):
            start, end = k, k + 1
            while end < s.end and is_relay(end):
                end += 1
            while start - 1 >= s.start and is_relay(start - 1):
                start -= 1
            return start, end
    return None


def _name_head(s: _Sentence, i: int) -> tuple[int, int] | None:
    doc = s.doc
    if doc[i].text[:1].isupper() and doc[i].is_alpha:
        k = i
        while k < s.end and doc[k].text[:1].isupper() and doc[k].is_alpha:
            k += 1
        return i, k
    return None


def _classify(doc: Doc, lex: Lexicon, src: tuple[int, int], cue: tuple[int, int],
              ent_at: dict[int, Entity]) -> str:
    s, e = src
    kinds = {ent_at[k].kind for k in range(s, e) if k in ent_at}
    words = [doc[k].lower_ for k in range(s, e)]
    relay_word = any(w in lex.relay_forms or w.endswith(("bericht", "berichten", "berichte"))
                     or any(w.endswith(f) for f in lex.relay_forms if len(f) >= 6) for w in words)
    if "outlet" in kinds or (relay_word and not kinds - {"outlet"}):
        return "relayed"
    if kinds or (e - s == 1 and doc[s].lower_ in lex.pronouns):
        return "named"
    if e - s == 1 and doc[s].text[:1].isupper() and not lex.is_source_noun(doc[s].lower_) \
            and lex.lang == "en":
        return "named"
    return "unnamed"
