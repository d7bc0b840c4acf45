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

from functools import cache
from typing import TYPE_CHECKING

from detector.analysis.attribution.kind import anonymous, classify, classify_model_speaker
from detector.analysis.attribution.types import Attribution
from detector.analysis.grammar import is_subjunctive_i
from detector.analysis.lexicon import Lexicon
from detector.analysis.names import Entity, is_role_word
from detector.analysis.nlp import column, lowers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_MAX_LEFT = 14
_MAX_RIGHT = 8
_NP_START = frozenset({"ART", "PPOSAT", "PDAT", "PIAT", "ADJA", "NN", "NE", "AT0", "DPS", "DT0", "AJ0", "NN1", "NN2", "NP0"})
_NP_BODY = frozenset({"ADJA", "NN", "NE", "CARD", "TRUNC", "AJ0", "NN1", "NN2", "NP0", "CRD", "ORD"})
_NP_HEAD = frozenset({"NN", "NE", "NN1", "NN2", "NP0"})
_EN_FINITE = frozenset({"VVD", "VVZ", "VVB"})
_EN_CLAUSE_VERBS = frozenset({"VM0", "VVZ", "VVD", "VBZ", "VBD", "VHZ", "VHD", "VDZ", "VDD"})  # finite or modal
_EN_SUBJECT_START = _NP_START | {"PNP", "CRD"}  # a subject opens a noun phrase, or is a pronoun or a figure
_NOT_NOUN = frozenset({"ADJ", "VERB", "ADV", "ADP"})  # a lexicon noun the grammar step tagged otherwise ("the local paper")


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
        n = _match_lower(doc, i, self.end, lex.source_phrases)
        if n:
            return i, i + n
        if tok.is_alpha and (lex.lang == "en" or tok.text[:1].isupper()) and tok.pos_ not in _NOT_NOUN \
                and (lex.is_source_noun(tok.lower_) or lex.is_person_noun(tok.lower_)):
            if lex.lang == "en" and tok.is_title and i > self.start and i + 1 < self.end \
                    and doc[i + 1].is_title and doc[i + 1].is_alpha:
                return None  # "the Official Journal": part of a name
            if lex.lang == "en" and i + 1 < self.end and doc[i + 1].tag_ in ("NN1", "NN2"):
                return None  # "the club's official statistics", "expert opinion": a modifier, not the head
            return i, i + 1
        if lex.is_pronoun(tok):
            return i, i + 1
        return None

    def noun_phrase(self, k: int) -> tuple[int, int] | None:
        """The noun phrase starting at ``k`` by part of speech (the grammar step), if the sentence is tagged:
        determiner, adjectives, nouns or names, and a genitive attachment ("die Sprecherin der Stadtwerke")."""
        doc = self.doc
        if k >= self.end or doc[k].tag_ not in _NP_START:
            return None
        j = k + 1
        while j < self.end and doc[j].tag_ in _NP_BODY and not (
                doc[j].tag_ in ("CARD", "ADJA", "CRD", "AJ0") and doc[j - 1].tag_ in _NP_HEAD):
            j += 1  # a number or adjective after the head starts a new phrase ("des Bürgermeisters 49 Menschen")
        if not any(doc[m].tag_ in _NP_HEAD for m in range(k, j)):
            return None
        if j + 1 < self.end and doc[j].lower_ in ("des", "der", "of") and doc[j + 1].tag_ in _NP_BODY:
            j += 1
            while j < self.end and doc[j].tag_ in _NP_BODY:
                j += 1
        if j < self.end and doc[j].text == "(":  # "Kristina Schröder (CDU)", "der Fahrer (34)": a parenthesis
            close = next((m for m in range(j + 1, min(self.end, j + 6)) if doc[m].text == ")"), None)
            if close is not None and not any(doc[m].tag_.startswith("V") for m in range(j + 1, close)):
                j = close + 1
        return k, j

    def oblique(self, np: tuple[int, int]) -> bool:
        """Can this noun phrase not be a subject by its article? An object article ("den Plan", "einem
        Bericht"), or "der"/"einer" before a feminine noun ("Der Zeitung sagte Weber …": a dative; a
        feminine subject takes "die"), the noun known by its ending (lexicon ``feminine_suffixes``)."""
        doc, lex = self.doc, self.lex
        first = doc[np[0]].lower_
        if first in lex.object_articles:
            return True
        if first not in lex.feminine_oblique_articles:
            return False
        core = self.before_genitive(np)
        head = next((doc[k].lower_ for k in range(core[0] + 1, core[1]) if doc[k].tag_ == "NN"), "")
        return head.endswith(lex.feminine_suffixes)  # the first noun: "Der Nachrichtenagentur AFP"

    def before_genitive(self, span: tuple[int, int]) -> tuple[int, int]:
        """A noun phrase without its genitive attachment ("die Zahl" of "die Zahl der Flüchtlinge")."""
        for k in range(span[0] + 1, span[1]):
            if self.doc[k].lower_ in self.lex.genitive_words:
                return span[0], k
        return span

    def grammar_subject(self, i: int) -> tuple[int, int] | None:
        """The subject of a cue verb where no lexicon head stands: the noun phrase right after a
        post-posed verb ("…, teilten die Stadtwerke mit") or before a verb in second position at the
        start of the sentence ("Die Opposition kritisierte, dass …")."""
        doc = self.doc
        prev = doc[i - 1] if i > self.start else None
        if prev is not None and prev.text == "," and self.lex.lang == "de" and doc[i].tag_.endswith("FIN"):
            apposition = self._apposition_subject(i)
            if apposition is not None:
                return apposition
        if prev is not None and (prev.text in (",", ":") or prev.is_quote):
            return self._inverted_subject(i)
        if self.lex.lang == "en" and doc[i].tag_ in _EN_FINITE:
            before = self._english_clause_subject(i)
            if before is not None:
                return before
        if doc[i].tag_.endswith("FIN") or doc[i].tag_ in _EN_FINITE:
            first = self._sentence_initial_subject(i)
            if first is not None:
                return first
        if self.lex.lang == "de" and doc[i].tag_:
            return self._german_subject(i)
        return None

    def _inverted_subject(self, i: int) -> tuple[int, int] | None:
        """The noun phrase right after a verb post-posed to a clause or quotation ("…, teilten die
        Stadtwerke mit"), past a pronoun it was said to ("…, sagte ihm die Bürgermeisterin")."""
        k = i + 1
        while k < self.end and self.doc[k].lower_ in self.lex.oblique_pronouns and self.doc[k].lower_ != "sich":
            k += 1
        np = self.noun_phrase(k)
        if np and _english_clause_goes_on(self, np):
            return None  # "…, said doctors would stop …": whom the report is about, not who reports
        return np

    def _english_clause_subject(self, i: int) -> tuple[int, int] | None:
        """ "…, the utility said": the noun phrase that fills an English clause up to its finite verb."""
        doc = self.doc
        k = i - 1
        while k >= self.start and doc[k].tag_ in _NP_START | _NP_BODY:
            k -= 1
        if k < i - 1 and (k < self.start or doc[k].text in (",", ":") or doc[k].is_quote):
            np = self.noun_phrase(k + 1)
            if np and np[1] == i:
                return np
        return None

    def _sentence_initial_subject(self, i: int) -> tuple[int, int] | None:
        """The noun phrase opening the sentence right before its finite verb ("Die Opposition
        kritisierte"), unless it is the object and the speaker stands after the verb."""
        doc = self.doc
        k = self.start
        while k < i and (doc[k].is_space or doc[k].is_punct):
            k += 1
        np = self.noun_phrase(k)
        if not np or np[1] != i or self.oblique(np):
            return None
        after = self.noun_phrase(i + 1) if self.lex.lang == "de" and i + 1 < self.end else None
        if after and doc[i + 1].lower_ in self.lex.subject_articles \
                and _speaker_like(self, self.before_genitive(after)) and not _speaker_like(self, np):
            return after  # "Das Urteil befand die Richterin für angemessen": the thing is the object
            # (not "Das Rote Kreuz schätzt die Zahl der Flüchtlinge": a number, whoever it counts)
        return np

    def _apposition_subject(self, i: int) -> tuple[int, int] | None:
        """ "Der Vorsitzende des Verbands, Michael Knipper, kritisierte …": a finite verb right after the
        closing comma of an apposition; its subject is everything before that comma, if it holds no verb
        (else the verb is post-posed after a clause: "Das sei gut, sagte der Minister")."""
        doc = self.doc
        first = self.start
        while first < i and (doc[first].is_space or doc[first].is_punct):
            first += 1
        span = range(first, i - 1)
        if len(span) < 3 or not doc[first].text[:1].isupper() or sum(doc[k].text == "," for k in span) != 1:
            return None
        if any(not doc[k].tag_ or doc[k].tag_.startswith("V") or doc[k].tag_ in ("KOUS", "PRELS", "PWS", "PWAV", "KON")
               or doc[k].text in (";", ":", "–") for k in span) or sum(doc[k].is_quote for k in span) % 2:
            return None  # a quoted name inside ("der Organisation „Inca“") is part of the apposition
        comma = next(k for k in span if doc[k].text == ",")
        if doc[first].tag_ not in _NP_START or comma + 1 >= i - 1 or doc[comma + 1].tag_ not in _NP_START:
            return None  # "Nach dem Spiel, am Abend, sagte …": adverbials, not a name and its apposition
        return first, i - 1

    def _german_subject(self, i: int) -> tuple[int, int] | None:
        """The subject of a German cue verb by the clause it stands in (grammar step tags):
        verb-final after a subordinator ("weil Fonteno … bestätigte": the phrase after it); a verb
        in second position after another first part ("Im September dementierte Reischl": the phrase
        after the verb); a participle with its auxiliary ("Koch hatte … aufgefordert", "Dann hat die
        Partei … gefordert"): the same, read at the auxiliary."""
        doc = self.doc
        lo = i
        while lo > self.start and doc[lo - 1].text not in (",", ";", ":", "–", "(") and not doc[lo - 1].is_quote:
            lo -= 1
        verb = i
        final = i + 1 < self.end and doc[i + 1].tag_ in ("VAFIN", "VMFIN")  # "… gefordert hatte": verb-final
        if doc[i].tag_ == "VVPP":  # the finite auxiliary of the clause carries the position
            aux = [k for k in range(lo, self.end) if doc[k].tag_ in ("VAFIN", "VMFIN") and doc[k].sent.start == self.start]
            aux = [k for k in aux if k < i] or ([i + 1] if final else [])
            if not aux or doc[aux[0]].lemma_ == "werden" or any(
                    doc[k].lower_ in self.lex.passive_auxiliaries for k in range(i + 1, self.clause_end(i))):
                return None  # no auxiliary; or a passive ("wurde nicht angekündigt", "sei gelobt worden"): its
                # subject is not the speaker
            verb = aux[0]
        elif not doc[i].tag_.endswith("FIN"):
            return None
        v2_als = doc[lo].lower_ == "als" and i + 1 < self.end and not doc[i + 1].is_punct and verb == i
        if (doc[lo].tag_ in ("KOUS", "PRELS") or doc[lo].lower_ in self.lex.subordinators) and not v2_als:
            return self._nominative(lo + 1, min(verb, i)) if doc[lo].tag_ != "PRELS" else None
        if final or verb > i:
            return None  # a verb-final clause whose opener the grammar did not mark ("die … gefordert hatte")
        if doc[lo].tag_ == "PPER" and lo + 1 == verb:
            return lo, lo + 1  # "Wir schreiben …"
        after_particle = self._after_focus_adverb(lo, verb)
        if after_particle is not None:
            return after_particle  # "Auch viele Außenminister erklärten …": the particle belongs to the subject
        first = self.noun_phrase(lo)
        oblique = first is not None and self.oblique(first)
        if first and not oblique and (first[1] == verb or all(
                doc[k].tag_ == "ADV" for k in range(first[1], verb))):
            return first  # "Die Partei hat … gefordert", "Die Organisation hingegen beschuldigte …"
        if first and not oblique and first[1] < self.end \
                and doc[first[1]].tag_.endswith("FIN") and verb > first[1] and (
                doc[verb - 1].lower_ in ("und", "aber", "doch") or all(
                doc[k].tag_ == "ADV" for k in range(max(first[1], verb - 3), verb - 1))
                and doc[next((k for k in range(verb - 1, first[1], -1) if doc[k].tag_ != "ADV"), verb - 1)].lower_
                in ("und", "aber", "doch")):
            return first  # "Nintendo geht dabei streng vor und fordert …": the subject of both verbs
        if verb > lo and (first is None or first[1] < verb or oblique):
            return self._nominative(verb + 1, min(self.end, verb + 4))  # "Dann forderte die Partei …", "Der
            # Zeitung sagte Weber …"
        return None

    def _after_focus_adverb(self, lo: int, verb: int) -> tuple[int, int] | None:
        """The noun phrase between adverbs opening the clause and its finite verb ("Auch viele Minister
        erklärten", "Selbst die Regierung räumte … ein"), if one that can speak fills that space exactly; else
        None ("Dann forderte die Partei": the verb follows the adverb)."""
        doc = self.doc
        k = lo
        while k < verb and doc[k].tag_ == "ADV":
            k += 1
        if k == lo or k >= verb or doc[k].lower_ in self.lex.object_articles:
            return None
        np = self.noun_phrase(k)
        return np if np and np[1] == verb and _speaker_like(self, np) else None  # not "Erst vergangene Woche …"

    def _nominative(self, k: int, hi: int) -> tuple[int, int] | None:
        doc = self.doc
        while k < hi and doc[k].tag_ in ("ADV", "PTKNEG", "PRF") or (k < hi and doc[k].lower_ in self.lex.oblique_pronouns):
            k += 1
        if k + 1 < hi and doc[k].lower_ == "es" and self.noun_phrase(k + 1):
            k += 1  # "bezeichnete es Gabriel als …": "es" is the object, the name after it the subject
        if k < hi and doc[k].tag_ == "PPER" and doc[k].lower_ not in self.lex.oblique_pronouns:
            return k, k + 1
        np = self.noun_phrase(k) if k < hi else None
        if np and doc[k].lower_ not in self.lex.object_articles:
            return np
        return None

    def _clause_start(self, k: int) -> int:
        """The first token of the clause ``k`` stands in (after the last comma, semicolon or colon)."""
        while k > self.start and self.doc[k - 1].text not in (",", ";", ":"):
            k -= 1
        return k

    def clause_end(self, k: int) -> int:
        """The first punctuation token at or after ``k`` (the sentence end if none)."""
        while k < self.end and not self.doc[k].is_punct:
            k += 1
        return k

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
                if i + 1 < self.end and doc[i + 1].tag_.endswith("FIN") and any(
                        doc[m].tag_.endswith("FIN") for m in range(self._clause_start(k), k)):
                    return False  # "… spielten im Hof und die Eltern sagten": a new main clause's subject
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
        s = self._grow_left(hs, he)
        e = self._following_names(he)
        if self.lex.lang == "en":
            e = self._familiar_with(e)
        # named complement: des Ifo-Instituts, vom Institut für …, at the Brookings Institution
        e = self._complement(e)
        if self.lex.lang == "en":
            e = self._carrying_outlet(e)
        return s, self._apposition(e)

    def _grow_left(self, hs: int, he: int) -> int:
        """Where the phrase of the head ``hs``–``he`` starts: articles and adjectives before it (and, in
        German, capitalised words such as "I Think Tank")."""
        s = hs
        while s - 1 >= self.start:
            nxt = self._left_extension(s, he)
            if nxt is None:
                break
            s = nxt
        return s

    def _left_extension(self, s: int, he: int) -> int | None:
        """The new start if the word before ``s`` belongs to the phrase ending at ``he``, else None (a German
        capitalised name before the head, for one, starts a phrase of its own)."""
        doc, lex = self.doc, self.lex
        prev = doc[s - 1]
        low = prev.lower_
        if low in lex.articles or (low in lex.possessives and prev.pos_ in ("DET", "")):
            return s - 1
        if self._german_attribute(s - 1) or self._english_modifier(s - 1, he) or self._stray_initial_word(s - 1):
            return s - 1
        ent = self.ent_at.get(s - 1)
        if lex.lang == "en" and ent is not None and ent.start > self.start and (
                doc[ent.start - 1].lower_ in lex.articles or doc[ent.start - 1].is_lower):
            return ent.start  # "a senior TfL source": a name used as a modifier of the head
        return None

    def _german_attribute(self, k: int) -> bool:
        """A German inflected lower-case word before the head: "ungenannte", "befragten" (not a verb the
        grammar step tagged: "verlangen die Anwohner")."""
        tok, lex = self.doc[k], self.lex
        low = tok.lower_
        return tok.is_alpha and lex.lang == "de" and tok.is_lower and low.endswith(("e", "en", "er", "es", "em")) \
            and low not in lex.prepositions and low not in lex.subordinators and low not in lex.speech_verbs \
            and tok.lemma_ not in lex.speech_verbs and tok.pos_ not in ("VERB", "AUX") and k != self.start

    def _english_modifier(self, k: int, he: int) -> bool:
        """An English lower-case modifier before a head in a short phrase (not a preposition, a verb or a
        stop word)."""
        tok, lex = self.doc[k], self.lex
        low = tok.lower_
        return tok.is_alpha and lex.lang == "en" and tok.is_lower and k > self.start \
            and low not in lex.prepositions and low not in lex.subordinators \
            and tok.lemma_ not in lex.speech_verbs and low not in lex.phrase_stop_words \
            and tok.pos_ not in ("VERB", "AUX") and he - (k + 1) < 3

    def _stray_initial_word(self, k: int) -> bool:
        """A sentence-initial stray word ("I Think Tank …"): a short title-case word (any in English) at the
        start of the sentence or after a line break, not a name, subordinator, pronoun or preposition."""
        doc, lex = self.doc, self.lex
        tok = doc[k]
        low = tok.lower_
        return tok.is_alpha and tok.is_title and (k == self.start or doc[k - 1].is_space) \
            and (len(tok.text) <= 2 or lex.lang == "en") and k not in self.ent_at \
            and low not in lex.subordinators and low not in lex.pronouns and low not in lex.prepositions

    def _following_names(self, he: int) -> int:
        """The end of the names or capitalised nouns directly after the head ("Tank Asiaten", "Experte Jan
        Hofer")."""
        doc, lex = self.doc, self.lex
        e = he
        while e < self.end and (e in self.ent_at or (lex.lang == "de" and doc[e].is_alpha
                                                      and doc[e].text[:1].isupper() and e - he < 2
                                                      and doc[e].lower_ not in lex.pronouns)):
            e = self.ent_at[e].end if e in self.ent_at else e + 1
        return e

    def _familiar_with(self, e: int) -> int:
        """English "familiar with the matter", "close to the talks": up to six words that say who the
        source is, until punctuation or a verb of saying."""
        doc, lex = self.doc, self.lex
        if e >= self.end or doc[e].lower_ not in ("familiar", "close", "with", "briefed"):
            return e
        k = e
        while k < self.end and k - e < 6 and not doc[k].is_punct and doc[k].lower_ not in lex.speech_verbs \
                and doc[k].lemma_ not in lex.speech_verbs:
            k += 1
        return k

    def _carrying_outlet(self, e: int) -> int:
        """An outlet that carries the source: "a person quoted by the Financial Times", "an official who
        spoke to AP"."""
        doc, lex = self.doc, self.lex
        if e + 2 < self.end and doc[e].lower_ in lex.relay_participles:
            k = e + 1
        elif e + 3 < self.end and doc[e].lower_ == "who" and doc[e + 1].lower_ in lex.relay_participles:
            k = e + 2
        else:
            return e
        k += doc[k].lower_ in ("to", "by", "with")
        while k < self.end and k not in self.ent_at and doc[k].lower_ in lex.articles:
            k += 1
        if k in self.ent_at and self.ent_at[k].kind == "outlet":
            return self.ent_at[k].end
        return e

    def _apposition(self, e: int) -> int:
        """An apposition after the phrase: ", Sprecher des Nationalen Sicherheitsrates," / ", a senior fellow
        at RUSI," (a role and a name within ten words), or a person's name ("the spokeswoman, Anna Keller")."""
        doc, lex = self.doc, self.lex
        if e >= self.end or doc[e].text != ",":
            return e
        if e + 1 in self.ent_at and self.ent_at[e + 1].kind == "person":
            return self.ent_at[e + 1].end  # "the spokeswoman, Anna Keller"
        k = e + 1
        stop = min(self.end, k + 10)
        has_role = False
        while k < stop and doc[k].text not in (",", ".", ";", ":") and not doc[k].is_quote:
            if doc[k].lower_ in lex.role_forms or lex.is_source_noun(doc[k].lower_):
                has_role = True
            k += 1
        if has_role and any(j in self.ent_at for j in range(e + 1, k)):
            return k
        return e

    def _complement(self, e: int) -> int:
        doc, lex = self.doc, self.lex
        if e < self.end and doc[e].lower_ in lex.complement_preps:
            k = e + 1
            while k < self.end and k - e <= 4 and k not in self.ent_at and (doc[k].lower_ in lex.articles or (
                    doc[k].is_alpha and doc[k].is_lower and lex.lang == "de")):
                k += 1
            if k < self.end and k in self.ent_at:
                return self._complement(self.ent_at[k].end)
            if lex.lang == "de" and k < self.end and doc[k].is_alpha and doc[k].text[:1].isupper() \
                    and doc[e].lower_ in ("des", "der") and k + 1 < self.end and doc[k + 1].text == "," \
                    and k + 2 in self.ent_at and self.ent_at[k + 2].kind == "person":
                return k + 1  # "die Sprecherin der Stadtwerke, Anna Keller": the apposition names her
        return e

    def _short_quote(self, i: int) -> bool:
        """Is the quotation mark at ``i`` one end of a quotation of at most three words?"""
        doc = self.doc
        for step in (-1, 1):
            k = i + step
            n = 0
            while self.start <= k < self.end and n <= 3:
                if doc[k].is_quote:
                    return 0 < n <= 3
                n += 1
                k += step
        return False

    def nearest_head(self, lo: int, hi: int, leftwards: bool, skip_prep: bool = True) -> tuple[int, int] | None:
        rng = range(hi - 1, lo - 1, -1) if leftwards else range(lo, hi)
        for i in rng:
            if self.doc[i].is_quote:
                if self._short_quote(i):
                    continue  # the "experts" on TV: a scare-quoted word does not end the phrase
                return None
            h = self.head_at(i)
            if h and not (skip_prep and self.is_prep_object(h[0])):
                if self.ent_at.get(h[0]) and self.ent_at[h[0]].start != h[0]:
                    continue
                return h
        return None


def find_attributions(doc: Doc, lex: Lexicon, entities: list[Entity]) -> list[Attribution]:
    """All attributions in ``doc``, one per distinct source phrase."""
    inventory = _Inventory(doc, lex, entities)
    ent_start = {e.start: e for e in entities}
    gate = _cue_gate(doc, lex)
    for si, sent in enumerate(doc.sents):
        s = _Sentence(doc, sent, lex, ent_start)
        for cue, cue_kind, head in _cues(s, gate):
            if head is not None:
                inventory.add(s, si, cue, cue_kind, head)
        inventory.note_persons(sent)
    return sorted(inventory.found.values(), key=lambda a: a.source)


_VERB_CUES = ("verb", "subject", "relative")  # cue kinds of a verb of saying, thinking or a speech act


class _Inventory:
    """The attributions of one document as the rules find them, sentence by sentence, one per distinct
    source phrase (the first found keeps it). Later cues read what came before: a named source going on
    ("…, teilte die Firma mit. Der Umsatz steige, hieß es."), someone a pronoun can point back to."""

    def __init__(self, doc: Doc, lex: Lexicon, entities: list[Entity]) -> None:
        self.doc, self.lex, self.entities = doc, lex, entities
        self.ent_at: dict[int, Entity] = {}  # every token of an entity
        for e in entities:
            for k in range(e.start, e.end):
                self.ent_at[k] = e
        self.found: dict[tuple[int, int], Attribution] = {}
        self.persons_seen = False

    def add(self, s: _Sentence, si: int, cue: tuple[int, int], cue_kind: str, head) -> None:
        """Credit the source of one cue of sentence ``si``, unless it is no source or its phrase is credited."""
        att = self._attribution(s, si, cue, cue_kind, head)
        if att is not None:
            self.found.setdefault(att.source, att)

    def note_persons(self, sent: Span) -> None:
        """After a sentence: does it hold someone "er" / "sie" / "he" can point back to, a name, an office or
        a trade? Till one is seen, a pronoun is no source."""
        if self.persons_seen:
            return
        lex = self.lex
        self.persons_seen = any(e.kind == "person" and sent.start <= e.start < sent.end for e in self.entities) or any(
            t.is_alpha and (lex.lang == "en" or t.text[:1].isupper()) and is_role_word(t, lex) for t in sent)

    def _attribution(self, s: _Sentence, si: int, cue: tuple[int, int], cue_kind: str, head) -> Attribution | None:
        """The attribution one cue makes, by the kind of cue; None where it credits no source."""
        if cue_kind == "wie":  # "Wie ein Lokalblatt berichtet": head is (relay head, whole phrase)
            return self._wie(s, si, cue, head)
        if cue_kind == "colon":
            return self._verdict(s, si, cue, head)
        if cue_kind == "hearsay":
            return self._hearsay(si, cue)
        if cue_kind == "relay":  # ", so der Bericht"
            return Attribution(head, cue, "relayed", si, "preposition")
        return self._credited(s, si, cue, cue_kind, head)

    def _wie(self, s: _Sentence, si: int, cue: tuple[int, int], head) -> Attribution:
        """ "wie Medien berichten": relayed; "wie die Nachrichtenagentur Anadolu meldete": the outlet itself;
        "wie Technology Review berichtet": a name no gazetteer knows, the grammar step's proper noun."""
        doc, lex = self.doc, self.lex
        (hs, he), phrase = head
        by_name = all(doc[k].tag_ in ("NE", "NP0") for k in range(hs, he)) and not _has_entity((hs, he), self.ent_at)
        src = s.grow(hs, he) if doc[hs].lower_ not in lex.articles and not by_name else (hs, he)
        kind = "named" if by_name else classify(doc, lex, (phrase[0] + 1, phrase[1]), cue, self.ent_at)
        return Attribution(src, cue, kind, si, "verb", phrase=phrase)

    def _verdict(self, s: _Sentence, si: int, cue: tuple[int, int], head: tuple[int, int]) -> Attribution:
        """ "Ihr Fazit: …" (a possessive: the one named before), "Das Urteil der Jury: …"."""
        doc, lex = self.doc, self.lex
        kind = "named" if head[1] - head[0] == 1 and doc[head[0]].lower_ in lex.possessives else \
            classify(doc, lex, head, cue, self.ent_at)  # the owner alone: "der" here is a genitive
        src = head if kind == "named" and head[1] - head[0] == 1 else s.grow(*head)
        return Attribution(src, cue, kind, si, "colon")

    def _recent(self, si: int) -> list[Attribution]:
        """The attributions found so far in sentence ``si`` and the one before it."""
        return [a for a in self.found.values() if a.sentence in (si, si - 1)]

    def _hearsay(self, si: int, cue: tuple[int, int]) -> Attribution | None:
        """ "Er soll Geld angenommen haben": relayed, unless a named source goes on."""
        recent = self._recent(si)
        if self.doc[cue[0]].lower_ in self.lex.back_references and not recent:
            return None  # "demnach" with no report before it: "therefore"
        continues = any(a.kind == "named" for a in recent)
        return Attribution(cue, cue, "named" if continues else "relayed", si, "hearsay")

    def _credited(self, s: _Sentence, si: int, cue: tuple[int, int], cue_kind: str,
                  head: tuple[int, int]) -> Attribution | None:
        """The source a verb, a preposition, an impersonal phrase or the grammar's subject credits; None for a
        speech act that reports nothing and for a phrase that is no source."""
        doc, lex = self.doc, self.lex
        hs, he = head
        act = _speech_act_cue(s, cue, cue_kind)
        if act and not (_act_source(s, (hs, he), cue[0], cue_kind) and _act_content(s, (hs, he), cue[0])):
            return None  # "Rentnern droht ein harter Winter", "Die Landwirte protestierten am Montag": no act reported
        # an opinion with no clause ("Einige Zuschauer hielten ihn für einen Fan") is a stance the text reports,
        # not a source it relies on: in the inventory like a speech act, never a finding by itself
        opinion = not act and cue_kind in _VERB_CUES and _opinion_only(s, cue[0])
        if _counted_or_denied(s, (hs, he), cue_kind):
            return None  # "140 Menschen", "38 bayerischen Landkreisen", "kein einziger Bürger": not a source
        if cue_kind == "subject":  # a noun phrase by grammar: named unless the lexicons call it a source noun
            return Attribution((hs, he), cue, classify_model_speaker(doc, lex, (hs, he), self.ent_at), si,
                               "act" if act or opinion else "verb")
        span = self._source_span(s, cue, cue_kind, (hs, he))
        if span is None:
            return None
        src, joined = span
        if joined:
            cue_kind = "verb"
        # a relative clause between antecedent and verb says what they speculate, not who they are
        kind = self._kind(s, si, src, (hs, he) if joined else src, cue, cue_kind)
        if anonymous(doc, lex, src):
            kind = "unnamed"
            opinion = False  # "ein Mitglied, das ungenannt bleiben möchte, hält …": sourcing, opinion or not
        return Attribution(src, cue, kind, si, "act" if act or opinion else cue_kind, joined)

    def _source_span(self, s: _Sentence, cue: tuple[int, int], cue_kind: str,
                     head: tuple[int, int]) -> tuple[tuple[int, int], bool] | None:
        """(source phrase, joined) for a head: a pronoun alone, once someone was named it can point back to; a
        relative clause's antecedent up to its verb, read as one phrase with it (joined); a prepositional or
        impersonal cue's own phrase; else the head grown to its phrase. None: nothing to credit."""
        doc, lex = self.doc, self.lex
        hs, he = head
        if lex.is_pronoun(doc[hs]):
            return ((hs, he), False) if self.persons_seen else None
        if cue_kind == "relative":
            if any(a.source[0] == hs for a in self.found.values()):
                return None  # "Beobachter, die … spekulieren, erwarten …": already credited by the relative clause
            return (hs, cue[0]), True
        if cue_kind == "impersonal":
            return (hs, he), False  # the phrase before or after "heißt es" as found
        if cue_kind == "preposition" and cue[0] <= hs and he <= cue[1]:
            return (hs, cue[1]), False  # "nach ersten Meldungen", "ihrer Meinung nach": the phrase's own words
        if cue_kind == "preposition" and he == cue[0] and he - hs == 1 and (
                doc[hs].lower_ in lex.source_prep_nouns or lex.is_prep_noun_compound(doc[hs].lower_)):
            return (hs, he), False  # "Zeugenangaben zufolge": the compound alone
        return s.grow(hs, he), False

    def _kind(self, s: _Sentence, si: int, src: tuple[int, int], classified: tuple[int, int],
              cue: tuple[int, int], cue_kind: str) -> str:
        """named, unnamed or relayed for the source phrase ``src``; :func:`classify` reads ``classified``."""
        doc = self.doc
        if cue_kind == "impersonal" and not _has_entity(src, self.ent_at):
            kind = self._impersonal_kind(s, si, src, cue)
        else:
            kind = classify(doc, self.lex, classified, cue, self.ent_at)
        if kind == "unnamed" and cue_kind == "preposition" and not _has_source_noun(s, src):
            kind = "named"  # "laut Anklageschrift", "nach Angaben Weigands": a specific document or person
        if cue_kind == "preposition" and _quoted_title(doc, src):
            kind = "named"  # "laut „Radio Nordwest“": a title in quotation marks names the outlet
        return kind

    def _impersonal_kind(self, s: _Sentence, si: int, src: tuple[int, int], cue: tuple[int, int]) -> str:
        """The kind of an impersonal cue's phrase with no name in it ("heißt es", "hieß es aus Parteikreisen")."""
        doc, lex = self.doc, self.lex
        if src == cue:
            # "Es heißt, …": hearsay with no source, unless it goes on reporting a source named in this
            # sentence or the one before ("…, teilte die Firma mit. Der Umsatz steige, hieß es.")
            continues = any(a.kind == "named" for a in self._recent(si))
            return "named" if continues else "relayed"
        if any(lex.is_circle(doc[k].lower_) for k in range(*src)):
            return "unnamed"  # "erklärte man in Regierungskreisen", "hieß es aus Parteikreisen"
        first = next((k for k in range(*src) if lex.is_relay_word(doc[k].lower_)), None)
        if first is not None:
            # "heißt es in einem Bericht der Lokalpresse" (relayed); "heißt es in der Aussendung": that document
            return "named" if first > src[0] and doc[first - 1].lower_ in lex.definite else "relayed"
        if src[0] >= cue[1] and not _has_source_noun(s, src):
            return "named"  # "heißt es in der Begründung des Bescheids": a specific document
        return "unnamed"


def _speech_act_cue(s: _Sentence, cue: tuple[int, int], cue_kind: str) -> bool:
    """Is the cue a verb of a speech act alone ("forderte", "kritisierte"), not a plain verb of saying? Then
    the act must have a speaker and content to be credited."""
    return cue_kind in _VERB_CUES and cue[1] - cue[0] == 1 and _is_act_verb(s, cue[0]) \
        and not _is_plain_speech_verb(s, cue[0])


def _counted_or_denied(s: _Sentence, head: tuple[int, int], cue_kind: str) -> bool:
    """Is the phrase of ``head`` counted or negated ("140 Menschen", "38 bayerischen Landkreisen", "kein
    einziger Bürger"), or does "'s", "states" or "countries" follow its head (a possessor, a modifier)? Then
    it is no source."""
    doc = s.doc
    hs, he = head
    before = [doc[k] for k in range(max(s.start, hs - 3), hs)]
    nxt = doc[he].lower_ if he < s.end else ""
    counted = any(b.like_num and b.lower_ != "one" for b in before) and cue_kind != "relative"  # "one analyst": a
    return counted or any(b.lower_ in s.lex.negations for b in before) or nxt in ("'s", "’s", "states", "countries")


def _en_proper(tok) -> bool:
    """An English proper noun by tag, or a capitalised noun inside the sentence ("Labour", tagged as "labour")."""
    return tok.tag_ == "NP0" or (tok.tag_.startswith("NN") and tok.is_title and not tok.is_sent_start)


def _quoted_title(doc: Doc, src: tuple[int, int]) -> bool:
    """A capitalised title in quotation marks ("„Radio Nordwest“", "“BBC News”")."""
    s, e = src
    return e - s >= 3 and doc[s].is_quote and doc[e - 1].is_quote and doc[s + 1].text[:1].isupper()


def _cues(s: _Sentence, gate: list[bool]):
    """Yield (cue range, cue kind, source head range or None) for one sentence: at each token the first
    finder of :data:`_CUE_FINDERS` that recognises a cue there decides (and where to go on); a token
    ``gate`` (:func:`_cue_gate`) rules out is passed over unread."""
    i = s.start
    while i < s.end:
        if not gate[i]:
            i += 1
            continue
        for finder in _CUE_FINDERS:
            hit = finder(s, i)
            if hit is not None:
                item, i = hit
                if item is not None:
                    yield item
                break
        else:
            i += 1


def _impersonal_cue(s: _Sentence, i: int):
    """ "heißt es", "it is said" (not "heißen" as "to mean", not a saying before a colon)."""
    doc, lex = s.doc, s.lex
    n = _match_lower(doc, i, s.end, lex.impersonal)
    indefinite = not n and i + 1 < s.end and doc[i + 1].lower_ in lex.indefinite_subjects \
        and doc[i].tag_.endswith("FIN") and i > s.start and (doc[i - 1].text == "," or doc[i - 1].is_quote) \
        and _is_plain_speech_verb(s, i)
    if indefinite:
        n = 2  # "…, erklärte man in Regierungskreisen": "man" with a place it speaks from is as impersonal as "hieß es"
    if not n:
        return None
    if _heissen_means(s, i, n):
        return None, i + n  # "Was heißt es, wenn …", "Es heißt zwar das Gleiche": "heißen" as "to mean"
    cue = (i, i + n)
    head = _impersonal_source(s, i, n)
    if indefinite and head is None:
        return None  # "…, erklärt man": the company or office just named, most often
    colon = any(doc[k].text == ":" for k in range(i + n, min(s.end, i + n + 4)))
    if head is None and (colon or doc[i].lower_ in ("hört", "hörte")):
        return None, i + n  # "Bis Donnerstag heißt es in X: Warten", "Diesen Satz hört man gern": no source
    return (cue, "impersonal", head or cue), i + n


def _hearsay_cue(s: _Sentence, i: int):
    """Hearsay by form with no speaker: an agentless passive of speculation ("Über einen Wechsel wurde seit
    Wochen spekuliert"; inventory only, the claim may be established), reportative "soll … angenommen
    haben" about a past act, a back reference to a report ("Demnach …") and a speakerless report phrase
    ("wurde bekannt, dass")."""
    tok, lex = s.doc[i], s.lex
    if lex.lang != "de":
        return None
    if tok.tag_ == "VVPP" and tok.lemma_ in lex.hearsay_participles and _agentless_passive(s, i):
        return ((i, i + 1), "hearsay", (i, i + 1)), i + 1
    if tok.lower_ in lex.reportative_modals and _perfect_infinitive_follows(s, i):
        return ((i, i + 1), "hearsay", (i, i + 1)), i + 1
    if tok.lower_ in lex.back_references:
        return ((i, i + 1), "hearsay", (i, i + 1)), i + 1
    n = _match_lower(s.doc, i, s.end, lex.hearsay_phrases)
    if n:
        return ((i, i + n), "hearsay", (i, i + n)), i + n
    return None


def _relay_cue(s: _Sentence, i: int):
    """ ", so der Bericht": relayed."""
    n = _match_lower(s.doc, i, s.end, s.lex.relay_cues)
    return (((i, i + n), "relay", (i, i + n)), i + n) if n else None


def _stance_cue(s: _Sentence, i: int):
    """ "Experten sind sich einig", "Kenner sind sich sicher"."""
    n = _match_lower(s.doc, i, s.end, s.lex.stance_phrases)
    if not n:
        return None
    return ((i, i + n), "verb", s.nearest_head(max(s.start, i - 4), i, leftwards=True)), i + n


def _verdict_cue(s: _Sentence, i: int):
    """A verdict before a colon: "Ihr Fazit: …", "Die Forderung der Gewerkschaft: …"."""
    tok = s.doc[i]
    if tok.lower_ not in s.lex.verdict_forms or not tok.is_alpha:
        return None
    owner = _verdict_owner(s, i)
    return (owner, i + 1) if owner is not None else None


def _post_cue(s: _Sentence, i: int):
    """Post-posed "…, so der Ökonom Thomas Binder.", "…, so Thiem.": "so" after the clause, then the source."""
    doc = s.doc
    if doc[i].lower_ not in s.lex.post_cues or i == s.start or doc[i - 1].text != "," or i + 1 >= s.end:
        return None
    head = _post_cue_source(s, i + 1)
    return (((i, i + 1), "verb", head), i + 1) if head is not None else None


def _preposition_cue(s: _Sentence, i: int):
    """ "nach Angaben von X", "according to X", "laut X" (not "laut" as an adjective: "es sei laut.")."""
    doc, lex = s.doc, s.lex
    low = doc[i].lower_
    n = _match_lower(doc, i, s.end, lex.source_prep_phrases)
    if not (n or low in lex.source_prepositions and low != "zufolge" and not used_as_adjective(doc, i, s.end)):
        return None
    n = n or 1
    k = i + n
    if k < s.end and doc[k].lower_ in ("von", "des", "der", "of"):
        k += 1
    if k < s.end and doc[k].is_quote:  # "laut „Reuters“": a name in quotation marks
        close = next((m for m in range(k + 1, min(s.end, k + 8)) if doc[m].is_quote), None)
        if close is not None and close > k + 1 and doc[k + 1].text[:1].isupper():
            return ((i, i + n), "preposition", (k, close + 1)), i + n
    head = _prep_object(s, k)
    if head is None and k < s.end:
        head = _relay_head(s, k) or _name_head(s, k)
    return ((i, i + n), "preposition", head), i + n


def used_as_adjective(doc: Doc, i: int, end: int) -> bool:
    """Is the source preposition at ``i`` an adjective here ("es sei laut.": tagged so, or nothing follows)?"""
    return i + 1 >= end or (doc[i + 1].is_punct and not doc[i + 1].is_quote) or doc[i].tag_ in ("ADJD", "AJ0", "AV0")


def _prep_noun_cue(s: _Sentence, i: int):
    """ "nach palästinensischen Angaben", "nach seiner Einschätzung", "nach Berechnung der Statistik
    Austria", "nach Armeeangaben": the noun of the source phrase with a word before it, alone, or as a
    compound's head."""
    doc, lex = s.doc, s.lex
    if doc[i].lower_ not in lex.source_prep_heads or i + 1 >= s.end or not doc[i + 1].text.replace("-", "").isalpha():
        return None
    k, nouns = i + 1, lex.source_prep_nouns
    cue = mod = None
    if doc[k].lower_ in nouns:
        cue = (i, k + 1)
    elif k + 1 < s.end and doc[k + 1].lower_ in nouns:
        cue, mod = (i, k + 2), (k, k + 1)
    elif k + 1 < s.end and doc[k].is_lower and lex.is_prep_noun_compound(doc[k + 1].lower_):
        cue, mod = (i, k + 2), (k, k + 2)  # "nach israelischen Armeeangaben"
    elif k + 2 < s.end and doc[k + 2].lower_ in nouns and doc[k].is_lower and doc[k + 1].is_lower:
        cue, mod = (i, k + 3), (k, k + 2)  # "nach bisher unbestätigten Berichten"
    elif lex.is_prep_noun_compound(doc[k].lower_):
        cue, mod = (i, k + 1), (k, k + 1)
    if cue is None:
        return None
    j = cue[1]
    head = mod
    if mod == (k, k + 1) and doc[k].lower_ in lex.own_words:
        head = _own_subject(s) or mod  # "kann sich nach eigenen Angaben vorstellen": the subject's own words
    if j + 1 < s.end and doc[j].lower_ in ("von", "des", "der"):
        head = _prep_object(s, j + 1) or _relay_head(s, j + 1) or _name_head(s, j + 1) or mod
    return ((cue, "preposition", head), cue[1]) if head is not None else None


def _own_subject(s: _Sentence) -> tuple[int, int] | None:
    """Whose "eigenen Angaben" they are: the subject of the sentence's first finite verb, opening the sentence
    before it ("Der Schauspieler X kann sich nach eigenen Angaben …") or right after it ("Nach eigenen Angaben
    hat die Firma …")."""
    doc = s.doc
    verb = next((k for k in range(s.start, s.end) if doc[k].tag_.endswith("FIN")), None)
    if verb is None:
        return None
    subject = s._sentence_initial_subject(verb) or s._nominative(verb + 1, min(s.end, verb + 4))
    return subject if subject and _speaker_like(s, subject) else None


def _postposed_nach_cue(s: _Sentence, i: int):
    """ "ihrer Meinung nach", "eigenen Angaben nach": the same phrase with "nach" after it."""
    doc, lex = s.doc, s.lex
    if doc[i].lower_ not in lex.source_prep_heads or i - 1 <= s.start or doc[i - 1].lower_ not in lex.source_prep_nouns:
        return None
    k = i - 2
    if doc[k].lower_ in lex.possessives or doc[k].lower_ in ("eigenen", "eigener"):
        return ((k, i + 1), "preposition", (k, k + 1)), i + 1
    return None


def _zufolge_cue(s: _Sentence, i: int):
    """ "X zufolge": "den Angaben zufolge" points back to the source just reported; "Zeugenangaben zufolge"
    names its source in the compound; else the head before "zufolge"."""
    doc, lex = s.doc, s.lex
    if doc[i].lower_ != "zufolge":
        return None
    if i - 1 > s.start and doc[i - 1].lower_ in lex.source_prep_nouns and doc[i - 2].lower_ in lex.definite:
        return ((i - 2, i + 1), "preposition", (i - 2, i)), i + 1
    if i > s.start and lex.is_prep_noun_compound(doc[i - 1].lower_):
        return ((i, i + 1), "preposition", (i - 1, i)), i + 1
    head = s.nearest_head(max(s.start, i - _MAX_RIGHT), i, leftwards=True, skip_prep=False)
    if head is None:
        head = _relay_head(s, i - 1, leftwards=True)
    return ((i, i + 1), "preposition", head), i + 1


def _verb_cue(s: _Sentence, i: int):
    """A verb of saying, thinking or a speech act, and its source: before it, after it (inverted), the
    antecedent of a relative clause, a "wie X berichtet" relay, or the grammar's subject."""
    if not _may_be_verb_cue(s, i):
        return None
    tok, lex = s.doc[i], s.lex
    inverting = lex.inverting_verbs is None or tok.lemma_ in lex.inverting_verbs \
        or tok.lower_ in lex.inverting_verbs
    right = _inverted_source(s, i) if inverting else None  # not inverting: "told analysts", "urged residents"
    subject_before = tok.tag_.endswith("FIN") and _subject_before_verb(s, i, right)
    if subject_before:
        right = None  # "China wirft türkischen Diplomaten vor", "Wir fordern die Anwohner auf": the subject
        # before the verb speaks, whoever stands after it
    wie = _wie_relay(s, i)
    if wie:
        return ((i, i + 1), "wie", wie), i + 1
    prep = lex.source_object_verbs.get(_speech_base(s, i) or "")
    if prep is not None and s.doc[s._clause_start(i)].lower_ not in lex.relay_conjunctions:
        document = _source_object(s, i, prep)  # "geht aus dem Bericht hervor" (not "aus der Wahl"); a "wie"
        return (((i, i + 1), "verb", document) if document else None), i + 1  # clause is read as any other
    antecedent = _relative_antecedent(s, i) if not right else None
    if antecedent:
        return ((i, i + 1), "relative", antecedent), i + 1
    head = right or _source_before_verb(s, i)
    if head is None and inverting and not subject_before and not _english_uninverted(s, i):
        head = _source_after_verb(s, i)
    if head is None:
        subject = s.grammar_subject(i)
        if subject is not None:
            return ((i, i + 1), "subject", subject), i + 1
    return ((i, i + 1), "verb", head), i + 1


def _source_object(s: _Sentence, i: int, prep: str) -> tuple[int, int] | None:
    """ "Das geht aus einem Bericht der Polizei hervor": the source of a verb of the lexicon's
    ``source_object_verbs`` is the object of its preposition ``prep`` in the clause, not its subject."""
    doc = s.doc
    k = next((k for k in range(s._clause_start(i), s.clause_end(i + 1)) if doc[k].lower_ == prep), None)
    obj = _prep_object(s, k + 1) if k is not None else None
    if obj is not None and obj[0] < i < obj[1]:
        obj = obj[0], i  # "wie aus der Polizeistatistik hervorgeht": the object ends before the verb
    if obj is None or not any(j in s.ent_at or (s.lex.is_document_word(doc[j].lower_) and doc[obj[0]].lower_ in
                                                s.lex.definite_singular) for j in range(*obj)):
        return None  # "Der Sieger geht aus der Wahl hervor", "aus der sie hervorging": nothing that states
        # anything; "aus einer Studie": which one, the rules do not say
    return obj


def _may_be_verb_cue(s: _Sentence, i: int) -> bool:
    """Is the word at ``i`` a verb of saying, thinking or a speech act in a form that credits a source (not
    an infinitive with "to"/"zu", not an English passive or bare participle)?"""
    doc = s.doc
    if not doc[i].is_alpha or not _is_speech_verb(s, i):
        return False
    if i > s.start and doc[i - 1].lower_ in ("to", "zu"):
        return False
    if s.lex.lang == "de" and doc[i].tag_ == "VVPP" and any(
            doc[k].lower_ in s.lex.passive_auxiliaries for k in range(s._clause_start(i), s.clause_end(i + 1))):
        return False  # "Erwartet werden zwei Millionen Besucher", "wurde einigen Nutzern geantwortet": a passive's
        # subject or object is whom it is about, not who speaks
    if doc[i].tag_ == "VVPP" and i + 1 < s.end and doc[i + 1].lower_ in s.lex.stative_auxiliaries \
            and s._clause_start(i) == i:
        return False  # "Gemeint sind Nachtzulagen", "Gefordert ist jetzt die Politik": a stative passive
    return not (s.lex.lang == "en" and _english_not_a_cue(s, i))


def _english_uninverted(s: _Sentence, i: int) -> bool:
    """Does an English verb stand where it cannot invert? English inverts only after the quotation or
    clause ("…," said the official), not inside one ("Opponents say only judges, …")."""
    doc = s.doc
    return s.lex.lang == "en" and i > s.start and not (doc[i - 1].is_punct or doc[i - 1].is_quote)


def _english_clause_goes_on(s: _Sentence, span: tuple[int, int]) -> bool:
    """Does an English clause go on after the phrase after the verb ("said 41 employees would …")? Then the
    phrase is whom the report is about: inversion ends the clause ("…, said the official.")."""
    doc = s.doc
    return s.lex.lang == "en" and span[1] < s.end and not doc[span[1]].is_punct \
        and doc[span[1]].lower_ not in s.lex.after_inverted_source


def _inverted_source(s: _Sentence, i: int) -> tuple[int, int] | None:
    """The source head right after an inverting verb, in its clause ("sagte der Minister")."""
    right = s.nearest_head(i + 1, min(s.end, i + 4), leftwards=False)
    if right is None or _english_uninverted(s, i) or _english_clause_goes_on(s, right):
        return None
    if any(s.doc[k].is_punct for k in range(i + 1, right[0])):
        return None
    return right


def _subject_before_verb(s: _Sentence, i: int, right: tuple[int, int] | None) -> bool:
    """Does the grammar's subject of the finite verb at ``i`` stand before it and speak, whoever stands
    after the verb? Not where a thing stands before the verb and a speaker with a subject article after it:
    "Das Urteil befand die Richterin für angemessen" (the thing is the object)."""
    doc = s.doc
    subject = s.grammar_subject(i)
    # ends at the verb, or at the comma closing an apposition ("Michael Knipper, Vorsitzender …, kritisierte")
    before_verb = subject is not None and (subject[1] == i or (subject[1] == i - 1 and doc[i - 1].text == ","))
    return before_verb and not (
        right and _speaker_like(s, right) and not _speaker_like(s, subject)
        and doc[right[0]].lower_ in s.lex.subject_articles)


def _source_before_verb(s: _Sentence, i: int) -> tuple[int, int] | None:
    """The nearest source head before the verb at ``i`` within its clause, unless a source preposition
    governs it ("Laut BBC News sagte der Minister")."""
    doc = s.doc
    lo = _clause_opening(s, i)
    if s.lex.lang == "en":
        lo = _english_proper_subject(s, i, lo)
    head = s.nearest_head(lo, i, leftwards=True)
    if head is not None and any(
            doc[k].lower_ in s.lex.source_prepositions for k in range(max(lo, head[0] - 2), head[0])):
        return None  # "Laut BBC News sagte der Minister": the outlet is the preposition's, not the verb's
    np = s.noun_phrase(lo) if head is not None and s.lex.lang == "de" else None
    if np and np[0] <= head[0] and head[1] <= np[1] and s.oblique(np):
        return None  # "Der Nachrichtenagentur dpa sagte die Ministerin": whom she told, not who spoke
    return head


def _clause_opening(s: _Sentence, i: int) -> int:
    """Where the search for a source before the verb at ``i`` stops: at most :data:`_MAX_LEFT` tokens back,
    at a clause boundary or an opening parenthesis ("… aufgetreten (die Zeitung berichtete)")."""
    doc, lex = s.doc, s.lex
    lo = max(s.start, i - _MAX_LEFT)
    # stop at a clause boundary, but not at the comma opening a relative clause around the cue
    # ("Analysten, die … spekulieren" credits the analysts)
    bounds = [k for k in range(lo, i) if doc[k].text == "(" or (
              doc[k].text in (",", ";", ":")
              and not (k + 1 < i and doc[k + 1].lower_ in lex.relative_openers)
              and not (doc[k].text == "," and k + 1 < i and doc[k + 1].lower_ in ("a", "an")))]
    if bounds and bounds[-1] == i - 1 and doc[i - 1].text == "," and any(
            doc[k].text == "," and doc[k + 1].lower_ in ("a", "an") for k in range(lo, i - 2)):
        bounds.pop()  # "Dana Reed, a physicist at the university, said": the appositive's closing comma
    return max([lo] + [k + 1 for k in bounds])


def _english_proper_subject(s: _Sentence, i: int, lo: int) -> int:
    """ "… and Labour says …": the proper noun right before an English verb is its subject, so the search
    looks no further left than it (not in "Traders in London say"); else ``lo``."""
    doc = s.doc
    if i - 1 < lo or not _en_proper(doc[i - 1]):
        return lo
    k = i - 1
    while k - 1 >= lo and _en_proper(doc[k - 1]):
        k -= 1
    if k - 1 < s.start or doc[k - 1].lower_ not in s.lex.prepositions:  # not "Traders in London say"
        return k
    return lo


def _source_after_verb(s: _Sentence, i: int) -> tuple[int, int] | None:
    """The source head after an inverting verb with none before it, further on in its clause ("…," said
    the official; "The centre said the rules penalised people": no source after the verb)."""
    doc = s.doc
    head = s.nearest_head(i + 1, min(s.end, i + _MAX_RIGHT), leftwards=False)
    if head is not None and any(doc[k].is_punct for k in range(i + 1, head[0])):
        return None  # "erklärte, die Soldaten hätten …": after the comma the content begins
    if head is not None and s.lex.lang == "en" and head[1] < s.end and doc[head[1]].is_lower \
            and doc[head[1]].lower_ not in s.lex.after_inverted_source:
        return None  # "said doctors would stop …": who the report is about, not who reports
    return head


def _passive_quote_cue(s: _Sentence, i: int):
    """ "Die Ministerin wird mit den Worten zitiert: …": the passive of a quoting verb credits its subject
    (before the auxiliary, or right after it: "In der Erklärung wird der Minister … zitiert") with the
    words that follow, where a colon, a quotation or "mit … Worten" marks them."""
    doc, lex = s.doc, s.lex
    tok = doc[i]
    if tok.tag_ != "VVPP" or tok.lemma_ not in lex.quoting_verbs:
        return None
    lo = s._clause_start(i)
    aux = next((k for k in range(lo, i) if doc[k].lower_ in lex.passive_auxiliaries), None)
    if aux is None:
        return None
    marked = i + 1 < s.end and (doc[i + 1].text == ":" or doc[i + 1].is_quote) or any(
        doc[k].lower_ in lex.quoting_nouns for k in range(aux, i))
    if not marked:
        return None
    subject = (lo, aux) if aux == lo + 1 and lex.is_pronoun(doc[lo]) else s.noun_phrase(lo) if aux > lo else None
    if subject is None or subject[1] != aux:
        subject = s._nominative(aux + 1, i)
    if subject is None or not _speaker_like(s, subject):
        return None
    return ((i, i + 1), "verb", subject), i + 1


def _with_words_cue(s: _Sentence, i: int):
    """ "versuchte mit den Worten zu beruhigen: …": "mit … Worten" before a quotation or a colon credits the
    sentence's subject. A clause with a quoting verb is that verb's (:func:`_quoting_verb_cue`, "zitiert den
    Minister mit folgenden Worten"; :func:`_passive_quote_cue`, "wird mit den Worten zitiert"), and one with
    another verb of saying is :func:`_verb_cue`'s ("kommentierte … mit den Worten")."""
    doc, lex = s.doc, s.lex
    if doc[i].lower_ != "mit" or not lex.quoting_nouns:
        return None
    noun = next((k for k in range(i + 1, min(s.end, i + 4)) if doc[k].lower_ in lex.quoting_nouns), None)
    if noun is None or not any(doc[k].text == ":" or doc[k].is_quote for k in range(noun + 1, min(s.end, noun + 5))):
        return None
    clause = range(s._clause_start(i), s.clause_end(noun + 1))
    if any(doc[k].lemma_ in lex.quoting_verbs or (k < i and _is_speech_verb(s, k)) for k in clause):
        return None  # the verb's ("kommentierte … mit den Worten"; "wird … zitiert": :func:`_passive_quote_cue`)
    speaker = _own_subject(s)
    if speaker is None:
        return None
    return ((i, noun + 1), "verb", speaker), noun + 1


def _quoting_verb_cue(s: _Sentence, i: int):
    """ "Die Agentur zitiert dazu den Minister mit folgenden Worten: …", "Die Zeitung zitiert den Minister: …": a
    quoting verb before a quotation or a colon credits the one it quotes (its object), not the one who quotes."""
    doc, lex = s.doc, s.lex
    if doc[i].tag_ != "VVFIN" or doc[i].lemma_ not in lex.quoting_verbs:
        return None
    hi = s.clause_end(i + 1)
    if hi >= s.end or not (doc[hi].text == ":" or doc[hi].is_quote):
        return None
    words = next((k for k in range(i + 1, hi) if doc[k].lower_ in lex.quoting_nouns), hi)
    k = i + 1
    while k < words and doc[k].tag_ in ("ADV", "PAV", "PROAV"):
        k += 1  # "zitiert dazu den Minister"
    quoted = s.noun_phrase(k)
    if quoted is None or quoted[1] > words or not _speaker_like(s, quoted):
        return None
    return ((i, i + 1), "verb", quoted), words


def _cue_gate(doc: Doc, lex: Lexicon) -> list[bool]:
    """Per token: can any finder of :data:`_CUE_FINDERS` recognise a cue there? Each finder needs its word
    (lower-case form or lemma, as the grammar step left it) in a lexicon list, or for an impersonal "…,
    erklärte man" the next word among ``indefinite_subjects``: one set look-up per token instead of every
    finder reading Token objects (most tokens start no cue)."""
    by_lower, by_lemma = _gate_words(lex)
    low, lemma = column(doc, "LOWER"), column(doc, "LEMMA")
    indefinite = lex.indefinite_subjects
    nxt = low[1:] + [""] if low else []  # each token's next word ("" after the last)
    return [w in by_lower or lm in by_lemma or n in indefinite for w, lm, n in zip(low, lemma, nxt, strict=True)]


def _gate_words(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The words (lower-case forms, lemmas) a cue finder can start at, once per lexicon."""
    memo = lex.memo("attribution.cue_gate", 2)
    if "gate" not in memo:
        firsts = {ph[0] for phrases in (lex.impersonal, lex.hearsay_phrases, lex.relay_cues, lex.stance_phrases,
                                        lex.source_prep_phrases) for ph in phrases}
        verbs = lex.speech_verbs | lex.speech_act_verbs | set(lex.separable_by_stem)
        by_lower = firsts | lex.reportative_modals | lex.back_references | lex.verdict_forms | lex.post_cues \
            | lex.source_prepositions | lex.source_prep_heads | {"zufolge", "mit"} | verbs
        by_lemma = lex.hearsay_participles | lex.quoting_verbs | verbs
        memo["gate"] = frozenset(by_lower), frozenset(by_lemma)
    return memo["gate"]


_CUE_FINDERS = (_impersonal_cue, _hearsay_cue, _relay_cue, _stance_cue, _verdict_cue, _post_cue, _preposition_cue,
                _prep_noun_cue, _postposed_nach_cue, _zufolge_cue, _passive_quote_cue, _quoting_verb_cue, _with_words_cue,
                _verb_cue)


def _act_base(s: _Sentence, i: int) -> str | None:
    """The speech-act verb (lemma) a token is, separable ones with their particle ("sicherte … zu"), if any."""
    doc, lex = s.doc, s.lex
    tok = doc[i]
    for c in (tok.lemma_, tok.lower_):
        if c in lex.speech_act_verbs and c not in lex.separable:
            return c
        for full, particle in lex.separable_by_stem.get(c, ()):
            if full in lex.speech_act_verbs and any(
                    _separated_particle(s, k, particle) for k in range(i + 1, s.end)):
                return full
    return None


def _separated_particle(s: _Sentence, k: int, particle: str) -> bool:
    """Is token ``k`` the separated particle of a verb ("teilte … mit"; "gab … bekannt", which the tagger
    reads as an adverbial adjective, at the end of its clause)?"""
    tok = s.doc[k]
    if tok.lower_ != particle:
        return False
    return tok.tag_ == "PTKVZ" or (tok.tag_ == "ADJD" and (k + 1 >= s.end or s.doc[k + 1].is_punct))


def _is_act_verb(s: _Sentence, i: int) -> bool:
    """A verb of a speech act ("forderte", "sicherte … zu", "hat … bezeichnet") that the grammar step tagged
    as a full verb: credited in the sourcing inventory (cue kind ``act``), never a finding by itself."""
    tok = s.doc[i]
    return tok.tag_.startswith("VV") and tok.tag_ != "VVIMP" and s.lex.lang == "de" and _act_base(s, i) is not None


def _act_source(s: _Sentence, src: tuple[int, int], cue: int, cue_kind: str) -> bool:
    """Does this phrase perform the speech act? It is the verb's subject (by the grammar step, where it
    finds one) and a name, a pronoun, an office or trade, a source noun or an organisation: not a thing
    ("ein harter Winter droht") and not the one addressed ("Rentnern droht …")."""
    doc = s.doc
    if cue_kind != "subject":
        subject = s.grammar_subject(cue)
        if subject is None or not (subject[0] < src[1] and src[0] < subject[1]):
            return False
    if any(_dative_plural(doc[k]) for k in range(*src)):
        return False
    return _speaker_like(s, src)


def _speaker_like(s: _Sentence, span: tuple[int, int]) -> bool:
    """Can this phrase speak? It holds a name, a pronoun, an office or trade, or an organisation."""
    doc, lex = s.doc, s.lex
    for k in range(*span):
        t = doc[k]
        if lex.is_pronoun(t) or t.tag_ == "NE" or (t.tag_ == "PPER" and t.lower_ not in lex.impersonal_subjects) \
                or any(e.start <= k < e.end for e in s.ent_at.values()):
            return True
        if t.is_alpha and t.text[:1].isupper() and (is_role_word(t, lex) or lex.is_person_noun(t.lower_)
                                                     or lex.is_source_noun(t.lower_) or lex.is_org_cue(t.lower_)[0]):
            return True
    return False


def _verdict_owner(s: _Sentence, i: int):
    """(cue, "colon", owner) for a verdict noun at ``i`` before a colon whose owner the text gives: a
    possessive before it ("Ihr Fazit:") or a complement after it ("Das Urteil der Jury:"); else None."""
    doc, lex = s.doc, s.lex
    colon = next((k for k in range(i + 1, min(s.end, i + 8)) if doc[k].text in (":", ",", ";")), None)
    if colon is None or doc[colon].text != ":" or s.end - colon < 4:
        return None
    if i > s.start and doc[i - 1].lower_ in lex.possessives and colon == i + 1:
        return (i, colon + 1), "colon", (i - 1, i)
    if colon > i + 2 and doc[i + 1].lower_ in ("der", "des", "von", "vom", "of"):
        head = s.nearest_head(i + 2, colon, leftwards=False, skip_prep=False)
        if head is not None:
            return (i, i + 1), "colon", head
    return None


def _agentless_passive(s: _Sentence, i: int) -> bool:
    """Is the participle at ``i`` a passive (an auxiliary of "werden" in its clause) with no agent
    ("von"/"durch" + a phrase) and no subject clause credited elsewhere?"""
    doc = s.doc
    words = [doc[k].lower_ for k in range(s._clause_start(i), s.clause_end(i + 1))]
    return any(w in s.lex.passive_auxiliaries for w in words) and not any(w in ("von", "vom", "durch") for w in words)


def _perfect_infinitive_follows(s: _Sentence, i: int) -> bool:
    """Does the clause of "soll" at ``i`` end in a perfect infinitive ("… angenommen haben", "… gewesen sein",
    "… gestohlen worden sein")? Then "soll" reports hearsay about a past act, not a plan."""
    doc = s.doc
    words = [doc[k] for k in range(i + 1, s.clause_end(i + 1)) if not doc[k].is_space]
    if len(words) < 2:
        return False
    last, before = words[-1].lower_, words[-2]
    if last in ("haben", "gehabt"):
        return before.is_alpha and before.is_lower  # a participle, not "die Möglichkeit haben"
    return last == "sein" and before.lower_ in ("gewesen", "worden")


def _heissen_means(s: _Sentence, i: int, n: int) -> bool:
    """Is this "heißt es" the verb "to mean" rather than hearsay: after "was" ("Was heißt es, wenn …"),
    before an object ("Es heißt zwar das Gleiche") or an infinitive ("heißt es nun warten")?"""
    doc = s.doc
    words = {doc[k].lower_ for k in range(i, i + n)}
    if not words & {"heißt", "hieß"}:
        return False
    if doc[s.start].lower_ == "was" or (i > s.start and doc[i - 1].lower_ == "was"):
        return True
    k = i + n
    while k < s.end and doc[k].lower_ in s.lex.means_adverbs:
        k += 1
    if k < s.end and doc[k].lower_ in s.lex.means_objects and not (k + 1 < s.end and doc[k + 1].tag_.startswith("V")):
        return True
    end = s.clause_end(k)
    return end > k and doc[end - 1].tag_ == "VVINF" and doc[end - 1].lower_ != "sein"


def _act_content(s: _Sentence, src: tuple[int, int], cue: int) -> bool:
    """Does the speech act have content: a clause or quotation after it, or an object in its clause that
    no preposition governs ("forderte Neuwahlen", "hat eine Zustimmung ausgeschlossen"; not "protestierten
    am Montag vor dem Landtag")?"""
    doc = s.doc
    lo = cue
    while lo > s.start and doc[lo - 1].text not in (",", ";", ":") and not doc[lo - 1].is_quote:
        lo -= 1
    hi = cue + 1
    while hi < s.end and doc[hi].text not in (",", ";", ":") and not doc[hi].is_quote:
        hi += 1
    if hi < s.end - 1:
        return True  # a clause, a quotation or a list follows ("forderte, dass …", "kritisierte: …")
    governed = False
    for k in range(lo, hi):
        if src[0] <= k < src[1]:
            governed = False
            continue
        tag = doc[k].tag_
        if tag in ("APPR", "APPRART", "APPO", "KOKOM"):
            governed = True
        elif tag in ("NN", "NE", "PPER", "PDS", "PIS") and k != cue:
            if not governed and doc[k].lower_ not in ("es", "sich"):
                return True
            governed = False
    return False


def _dative_plural(tok) -> bool:
    """A common noun with the dative plural -n its lemma lacks ("Rentnern", "Kindern"): whom an act concerns."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    return tok.tag_ == "NN" and low.endswith("n") and low == lemma + "n" and not lemma.endswith(("e", "n"))


def _is_speech_verb(s: _Sentence, i: int) -> bool:
    return _is_act_verb(s, i) or _is_plain_speech_verb(s, i)


def _is_plain_speech_verb(s: _Sentence, i: int) -> bool:
    """Is the word at ``i`` a verb of saying or thinking (the lexicon's, separable ones with their particle)
    used in its sense of saying here? A weak one ("sprechen", "sehen") only where a claim follows."""
    if _not_a_verb_here(s, i):
        return False
    base = _speech_base(s, i)
    if base is None or _other_sense(s, i, base):
        return False
    if base in s.lex.quote_only_verbs:  # "Er fuhr fort: …" (not "fuhr mit den Angriffen fort")
        return _quotation_follows(s, i)
    if base in s.lex.weak_speech_verbs:  # "sprechen von", "rechnen mit", "sehen, dass": a claim follows
        return _claim_follows(s, i, base)
    return True


def _not_a_verb_here(s: _Sentence, i: int) -> bool:
    """Is the word at ``i`` no verb of saying whatever its form: an imperative to the reader, or a noun?"""
    doc, lex = s.doc, s.lex
    tok = doc[i]
    if i == s.start and i + 1 < s.end and doc[i + 1].text in ("Sie", "du", "ihr") and doc[s.end - 1].text != "?":
        return True  # "Schreiben Sie uns: …": an imperative to the reader, no one is credited
    if lex.lang == "de" and tok.text[:1].isupper() and not tok.is_sent_start:
        return True  # a capitalised word mid-sentence is a noun (Sprecher, Bericht)
    return tok.lower_ in lex.noun_like_speech_forms and not _verb_context(s, i)  # "in state schools", "the word warning": a noun


def _speech_base(s: _Sentence, i: int) -> str | None:
    """The verb of saying (lexicon form) the word at ``i`` is, by its lemma or its own form, or by its stem
    with a separable particle; None if it is none."""
    tok = s.doc[i]
    for c in {tok.lemma_, tok.lower_}:
        if c in s.lex.speech_verbs:
            return c
        full = _separable_speech_verb(s, i, c)
        if full is not None:
            return full
    return None


def _separable_speech_verb(s: _Sentence, i: int, stem: str) -> str | None:
    """The separable verb of saying whose stem is at ``i``: "fügt … hinzu" → stem fügen + particle hinzu
    later in the clause; where the grammar step tagged the sentence the particle must be one (PTKVZ), not
    "an unsere Tür"."""
    doc, lex = s.doc, s.lex
    pairs = lex.separable_by_stem.get(stem, ())
    if not pairs:
        return None  # most words: no stem of a separable verb, and no need to read the rest of the sentence
    verbs = lex.speech_verbs
    rest = lowers(doc)[i + 1:s.end]
    tagged = bool(doc[i].tag_)
    for full, particle in pairs:
        if full in verbs and i > s.start and doc[i - 1].lower_ == particle and particle.isalpha() \
                and len(particle) > 3:
            return full  # "wie das Ministerium heute bekannt gab": particle and verb written apart
        if full in verbs and particle in rest and (not tagged or any(
                _separated_particle(s, k, particle) for k in range(i + 1, s.end))):
            return full
    return None


def _other_sense(s: _Sentence, i: int, base: str) -> bool:
    """Is the verb used in another sense than saying: by the particle after it ("the sums do not add up"), or
    by a reflexive pronoun in its clause ("ein Verletzter befinde sich im Krankenhaus", "während sich der
    Präsident … befand": located)?"""
    doc, lex = s.doc, s.lex
    if i + 1 < s.end and doc[i + 1].lower_ in (lex.particle_other_sense or {}).get(base, ()):
        return True  # "the sums do not add up"
    if base in lex.object_other_sense and _object_means_other(s, i, lex.object_other_sense[base]):
        return True  # "passengers could claim compensation", "räumt … hohe Priorität ein"
    return base in lex.reflexive_other_sense and any(
        doc[k].lower_ in lex.reflexive_pronouns for k in range(s._clause_start(i), s.clause_end(i + 1)))


def _object_means_other(s: _Sentence, i: int, objects: frozenset[str]) -> bool:
    """Does one of ``objects`` (or a currency sign) follow the verb at ``i`` within six words of its clause,
    before any clause opener ("claim between 150 and 300 euros", "claim £150"; not "claimed that …", not
    "claim a third government would …")?"""
    doc, lex = s.doc, s.lex
    for k in range(i + 1, min(s.clause_end(i + 1), i + 7)):
        if doc[k].lower_ in lex.clause_openers:
            return False
        if doc[k].lower_ in objects or doc[k].is_currency:
            return True
    return False


def _quotation_follows(s: _Sentence, i: int) -> bool:
    """Does the verb's clause end in a colon or open a quotation ("fuhr fort: „…“")?"""
    end = s.clause_end(i + 1)
    return end < s.end and (s.doc[end].text == ":" or s.doc[end].is_quote)


def _claim_follows(s: _Sentence, i: int, base: str) -> bool:
    """Does a claim follow a weak verb of saying: "dass", "that" or a colon, German "von"/"mit" ("sprechen
    von", "rechnen mit"), an opinion, or a naming ("nannte das Urteil einen Skandal")?"""
    lex = s.lex
    following = lowers(s.doc)[i + 1:min(s.end, i + 7)]
    clause = following[:next((k for k, w in enumerate(following) if w in (",", ".", ";")), len(following))]
    return any(w in ("dass", "that", ":") for w in following) or _clause_after_clause(s, i) or _post_posed(s, i) or (
        lex.lang == "de" and bool(following) and (following[0] in ("von", "mit") or (
            base == "sprechen" and "von" in clause))) or _german_opinion(s, i, base) or (
        base in lex.naming_verbs and sum(w in lex.articles for w in clause) >= 2) or (  # "nannte das Urteil einen Skandal"
        _english_bare_clause(s, i, len(clause))) or _spoken_of_before(s, i, base)


def _spoken_of_before(s: _Sentence, i: int, base: str) -> bool:
    """ "Die Partei hatte von 82 verschwundenen Karten gesprochen": "sprechen von" with the participle at the
    clause end, "von" before it in its clause (not "hat über die Folgen von … gesprochen": a talk on a topic)."""
    doc = s.doc
    clause = [doc[k].lower_ for k in range(s._clause_start(i), i)]
    return s.lex.lang == "de" and base == "sprechen" and doc[i].tag_ == "VVPP" and "von" in clause \
        and "über" not in clause


def _post_posed(s: _Sentence, i: int) -> bool:
    """Does the finite verb stand right after the comma that closes the claim, its speaker after it
    ("Wahrscheinlich ja, glaubt die Polizei", "Die Lage werde sich bessern, hofft der Bürgermeister"; not
    "Der Entwurf, der …, sieht eine Verlängerung vor")?"""
    doc = s.doc
    if not (s.lex.lang == "de" and i - 1 > s.start and doc[i - 1].text == "," and doc[i].tag_.endswith("FIN")
            and sum(doc[k].is_alpha for k in range(s.start, i - 1)) >= 2):
        return False
    subject = s.noun_phrase(i + 1)  # the speaker follows the verb ("glaubt die Polizei"), not its object
    return subject is not None and _speaker_like(s, subject) and not s.oblique(subject)


def _clause_after_clause(s: _Sentence, i: int) -> bool:
    """Does a "dass"/"that" clause or a colon follow the verb's own clause, however long that clause is
    ("ging die Anwältin noch davon aus, dass …")?"""
    end = s.clause_end(i + 1)
    low = lowers(s.doc)
    return end < s.end and (low[end] == ":" or (low[end] == "," and end + 1 < s.end and low[end + 1] in ("dass", "that"))
                            or _reported_clause_at(s, end))


def _reported_clause_at(s: _Sentence, comma: int) -> bool:
    """German: does a clause in Konjunktiv I open right after this comma ("glaubten, er sei verstorben";
    "hofft, die Lage werde sich bessern"): reported speech without "dass"?"""
    if s.lex.lang != "de" or s.doc[comma].text != ",":
        return False
    hi = min(s.clause_end(comma + 1), comma + 6)
    return any(is_subjunctive_i(s.doc[k]) for k in range(comma + 1, hi))


def _english_bare_clause(s: _Sentence, i: int, n: int) -> bool:
    return s.lex.lang == "en" and english_clause_at(s.doc, i + 1, min(s.end, i + 1 + n))


def english_clause_at(doc: Doc, start: int, end: int) -> bool:
    """Does an English clause without "that" open at ``start``: a subject, then a finite or modal verb before
    ``end`` ("analysts think [Motorola may save the launch]")? Not an object ("think so", "expect growth to")."""
    tags = [doc[k].tag_ for k in range(start, end)]
    return bool(tags) and tags[0] in _EN_SUBJECT_START and any(t in _EN_CLAUSE_VERBS for t in tags[1:])


def _opinion_only(s: _Sentence, i: int) -> bool:
    """A verb of thinking credited only as an opinion, with no clause or colon after it ("hält … für richtig")."""
    tok, lex = s.doc[i], s.lex
    base = next((c for c in (tok.lemma_, tok.lower_) if c in lex.weak_speech_verbs), None)
    if base is None:
        return False
    following = lowers(s.doc)[i + 1:min(s.end, i + 7)]
    return not any(w in lex.clause_openers or w == ":" for w in following) and _german_opinion(s, i, base)


def _german_opinion(s: _Sentence, i: int, base: str) -> bool:
    """A verb of thinking used for an opinion or a hope, with no clause after it: "hofft auf …", "hält
    die Entscheidung für richtig", "findet das Ergebnis faszinierend" (not "findet … statt", "sieht … aus")."""
    if s.lex.lang != "de" or not s.doc[i].tag_:
        return False
    doc = s.doc
    end = s.clause_end(i + 1)
    clause = range(i + 1, end)
    if any(doc[k].tag_ == "PTKVZ" for k in clause):
        return False  # a separable verb of another meaning
    words = [doc[k].lower_ for k in clause]
    if base == "hoffen":
        return "auf" in words[:4]
    if base == "halten":
        return "für" in words and doc[end - 1].tag_ in ("ADJD", "ADJA", "NN")
    if base in ("finden", "sehen"):
        return end - 1 > i + 1 and doc[end - 1].tag_ in ("ADJD", "VVPP")  # "… gelungen", "… bestätigt"
    return False




def _english_not_a_cue(s: _Sentence, i: int) -> bool:
    """An English verb of saying that credits no one by its form: a passive ("was told", "are accused of":
    its subject is whom it is about) or a bare participle ("a photographer … taking pictures revealing the
    truth"; "is saying" and "quoted X as saying" stay cues)."""
    doc, tok = s.doc, s.doc[i]
    prev = doc[i - 1].lower_ if i > s.start else ""
    if prev in s.lex.passive_auxiliaries:  # "parents have been told": whom it is about, not who said it
        return True
    if prev in s.lex.be_present and (tok.tag_ == "VVN" or (not tok.tag_ and not tok.lower_.endswith("ing"))):
        return True
    if tok.tag_ == "VVN" and not any(doc[k].lower_ in s.lex.have_forms for k in range(max(s.start, i - 3), i)):
        return True  # "to be more informed", "the figures published": a participle without "has"
    if tok.lower_.endswith("ing") and tok.tag_ in ("NN1", "NN2", "AJ0"):
        return True  # "the virus writing group", "a speaking tour": the -ing form as a noun or an adjective
    return tok.tag_ == "VVG" and prev not in s.lex.passive_auxiliaries and prev not in s.lex.be_present and prev != "as"



def _verb_context(s: _Sentence, i: int) -> bool:
    """Whether a word that may be a noun stands where a verb does: after a pronoun, "who", an
    auxiliary or a noun that can be a source ("insiders claim"), or before "that" or a colon."""
    low = lowers(s.doc)
    if i > s.start and (low[i - 1] in s.lex.verb_signals or s.lex.is_source_noun(low[i - 1])):
        return True
    return i + 1 < s.end and low[i + 1] in ("that", ":")


@cache
def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases:
        index.setdefault(ph[0], []).append(ph)
    return {k: tuple(v) for k, v in index.items()}


def _match_lower(doc: Doc, i: int, end: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    low = lowers(doc)
    first = low[i]
    for ph in _by_first(phrases).get(first, ()):
        n = len(ph)
        if i + n <= end and tuple(low[i:i + n]) == ph:
            return n
    return 0


def _impersonal_source(s: _Sentence, i: int, n: int = 0) -> tuple[int, int] | None:
    """ "aus Regierungskreisen hieß es", "in Brüssel heißt es": the circle or place before the cue;
    "heißt es in einem Bericht der Lokalpresse", "hieß es aus dem Ministerium": the phrase after it."""
    doc = s.doc
    for k in range(i - 1, max(s.start, i - 9) - 1, -1):
        if doc[k].is_punct:
            break  # "Zählungen aus dem Jahr 2019, heißt es": another clause
        if doc[k].lower_ in ("aus", "in", "from", "among") and k < i - 1:
            return k, i
    j = i + n
    while n and j + 1 < s.end and doc[j].lower_ in s.lex.between_impersonal:
        j += 1  # "hieß es zudem aus Bankenkreisen"
    if n and j + 1 < s.end and doc[j].lower_ in s.lex.after_impersonal:
        end = j + 1
        while end < s.end and end - j <= 6 and not doc[end].is_punct:
            end += 1
        if end < s.end and doc[end].text == ":":
            return None  # "Bis Donnerstag heißt es in Medyka: Warten": a saying, not a source
        return j, end
    return None




def _before_addressee(s: _Sentence, k: int, end: int) -> int:
    """Where a source phrase after "so" ends: before an adverb or the preposition of whom it was said to
    ("so Suttner wörtlich", "so Banke gegenüber dem Spiegel"), else ``end``. The rest stays, since it can
    decide the kind ("so der Bischof in einer Aussendung": his own statement)."""
    doc, lex = s.doc, s.lex
    for j in range(k + 1, end):
        if doc[j].tag_ in ("ADV", "ADJD") or doc[j].lower_ in lex.addressee_prepositions:
            return j
    return end


def _post_cue_source(s: _Sentence, k: int) -> tuple[int, int] | None:
    """The source after a post-posed "so": a name or a noun phrase with a name or a source noun that runs
    to the end of the sentence ("…, so der designierte Klubchef Dominik Nepp."); else none ("…, so dass")."""
    doc = s.doc
    end = k
    while end < s.end and not (doc[end].is_punct and doc[end].text not in ("-", "–") and not doc[end].text == "."
                               and doc[end].text != ",") and doc[end].text != ".":
        if doc[end].text == ",":
            break
        end += 1
    if end == k or end - k > 10 or (end < s.end and doc[end].text not in (".", ",", "!", "?", ":")):
        return None
    end = _before_addressee(s, k, end)
    words = [doc[j] for j in range(k, end) if not doc[j].is_space]
    if not words:
        return None
    if words[0].lower_ in s.lex.subordinators or words[0].is_lower and words[0].lower_ not in s.lex.articles \
            and words[0].lower_ not in s.lex.possessives:
        return None  # "…, so dass", "…, so schnell wie möglich"
    named = any(j in s.ent_at for j in range(k, end)) or any(w.pos_ == "PROPN" for w in words) or (
        len(words) <= 3 and all(w.is_title and w.is_alpha for w in words)) or any(  # "…, so Thiem."
        w.is_alpha and w.text[:1].isupper() and sum(c.isupper() for c in w.text) >= 2 for w in words)  # "so der EuGH"
    noun = any(s.lex.is_source_noun(w.lower_) or s.lex.is_person_noun(w.lower_) or w.lower_ in s.lex.role_forms
               for w in words)
    return (k, end) if named or noun else None


def _prep_object(s: _Sentence, k: int) -> tuple[int, int] | None:
    """The object of "laut"/"according to": up to its source noun, else its first name.

    "laut einem von The Guardian befragten Experten" → the whole phrase (head Experten).
    """
    if k >= s.end:
        return None  # the preposition ends the sentence
    if s.doc[k].tag_:  # tagged: the object is the noun phrase right after the preposition
        np = s.noun_phrase(k) or (s.noun_phrase(k + 1) if k + 1 < s.end and s.doc[k].tag_ in ("APPR", "ART") else None)
        if np and not any(s.head_at(j) for j in range(*np)):
            return np  # "laut vorläufigem Endergebnis", "laut Anklageschrift": a document, no source head in it
    first = None
    i = k
    while i < min(s.end, k + _MAX_RIGHT + 4):
        tok = s.doc[i]
        if tok.is_punct or tok.is_quote or tok.pos_ in ("VERB", "AUX"):
            break  # "Laut der Agentur AFP waren über hundert Polizisten …": the object ends before the verb
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
        return s.lex.is_relay_word(low)

    for k in rng:
        if s.doc[k].pos_ in _NOT_NOUN:
            continue  # "the club's official statistics": an adjective, whatever the lexicon says
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


def _wie_relay(s: _Sentence, i: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "Wie ein Lokalblatt berichtet", "wie von Medien berichtet", "Wie berichtet das Portal X":
    a report or outlet credited in a "wie" clause → (its head, the whole phrase from "wie")."""
    doc, lex = s.doc, s.lex
    w = next((k for k in range(i - 1, max(s.start, i - 13) - 1, -1)
              if doc[k].lower_ in lex.relay_conjunctions or doc[k].text in (",", ";", ":", ".")), None)
    if w is None or doc[w].lower_ not in lex.relay_conjunctions:
        return None
    if w + 1 == i:  # machine-translated order: "Wie berichtet das Portal X, …"
        k = i + 1
        while k < s.end and doc[k].text not in (",", ".", ";", ":") and k - i <= 8:
            k += 1
        span = range(i + 1, k)
        end = k
    else:
        span = range(w + 1, i)
        end = i + 1
        if end < s.end and doc[end].lower_ in ("hervor", "hin"):
            end += 1
    for k in span:
        ent = s.ent_at.get(k)
        if lex.is_relay_word(doc[k].lower_) or (ent is not None and ent.kind == "outlet"):
            return (k, ent.end if ent else k + 1), (w, end)
    names = [k for k in span if doc[k].tag_ in ("NE", "NP0") and doc[k].text[:1].isupper()]
    if names and all(doc[k].tag_ in ("NE", "NP0", "ART", "AT0") for k in span) and names == list(range(names[0], names[-1] + 1)):
        return (names[0], names[-1] + 1), (w, end)  # "wie Technology Review berichtet": a name the grammar step tags
    return None


def _has_source_noun(s: _Sentence, src: tuple[int, int]) -> bool:
    doc, lex = s.doc, s.lex
    if any(_match_lower(doc, k, len(doc), lex.source_phrases) for k in range(*src)):
        return True
    return any(lex.is_source_noun(doc[k].lower_) or lex.is_relay_word(doc[k].lower_) for k in range(*src))


def _has_entity(src: tuple[int, int], ent_at: dict[int, Entity]) -> bool:
    return any(k in ent_at for k in range(*src))


def _relative_antecedent(s: _Sentence, i: int) -> tuple[int, int] | None:
    """ "Ein Diplomat, der bei der Sitzung war, schildert …": the indefinite noun before the clause.

    Only indefinite or bare nouns count: "Die Ministerin, die …, sagte" refers back to a named person.
    """
    doc, lex = s.doc, s.lex
    if lex.lang == "en" and i - 1 > s.start and doc[i - 1].text != ",":
        return _who_antecedent(s, i)
    if i - 1 <= s.start or doc[i - 1].text != ",":
        return None
    k = i - 2
    while k > s.start and doc[k].text not in (",", ".", ";", ":") and not doc[k].is_quote:
        k -= 1
    if k <= s.start or doc[k].text != "," or k + 1 >= i - 1 or doc[k + 1].lower_ not in lex.relative_openers:
        return None
    noun = k - 1
    tok = doc[noun]
    if not tok.is_alpha or (lex.lang == "de" and not tok.text[:1].isupper()) or noun in s.ent_at or tok.pos_ == "PROPN":
        return None  # "Der Landwirt Wolodymyr Sadowyj, dessen Felder …, sagte": a name, not an indefinite noun
    if any(j in s.ent_at for j in range(max(s.start, noun - 6), noun)):
        return None  # "Councillor Niamh Rourke of the Social Democrats, who …": the named person
    if lex.lang == "de" and any(doc[j].tag_.startswith("V") for j in range(s._clause_start(noun), noun)):
        return None  # "… töteten sie Zivilisten, die flohen, teilten die UN mit": an object, its clause has a verb
    if lex.lang == "en" and tok.is_title and noun != s.start:
        return None  # a proper name before the clause
    if lex.lang == "en" and (doc[k + 1].lower_ == "which" or not (
            lex.is_source_noun(tok.lower_) or lex.is_person_noun(tok.lower_))):
        return None  # "rapid growth, which has led to …, says our correspondent": no speaker before "which"
    start = noun
    while start - 1 >= s.start and doc[start - 1].is_alpha and (doc[start - 1].is_lower or start - 1 == s.start) \
            and doc[start - 1].lower_ not in lex.subordinators and doc[start - 1].lower_ not in lex.prepositions:
        start -= 1
    words = {doc[j].lower_ for j in range(start, noun)}
    if words & lex.definite:
        return None
    return start, noun + 1


def _who_antecedent(s: _Sentence, i: int) -> tuple[int, int] | None:
    """ "Two engineers who worked on the project told me": the noun before an unpunctuated "who"."""
    doc, lex = s.doc, s.lex
    for k in range(i - 1, max(s.start, i - 12), -1):
        if doc[k].is_punct or doc[k].is_quote:
            return None
        if doc[k].lower_ == "who" and k - 1 >= s.start:
            noun = k - 1
            if not doc[noun].is_alpha or noun in s.ent_at or doc[noun].lower_ in lex.pronouns:
                return None
            start = noun
            while start - 1 >= s.start and doc[start - 1].is_alpha and doc[start - 1].is_lower \
                    and doc[start - 1].lower_ not in lex.prepositions and doc[start - 1].lower_ not in lex.subordinators \
                    and doc[start - 1].pos_ not in ("VERB", "AUX") and noun - start < 3:
                start -= 1
            if any(doc[j].lower_ in lex.definite for j in range(start, noun)) or start == noun and not doc[noun].text.endswith("s"):
                return None  # "the engineer who …" points back; a bare singular is not a source phrase
            if k + 1 < i and doc[k + 1].lower_ in lex.subject_pronouns:
                return None  # "women who he said are …": "he" says it, the women are what he says about
            if start - 1 >= s.start and doc[start - 1].pos_ in ("VERB", "AUX"):
                return None  # "criticised a union leader who said …": the object of another verb, not a source
            return start, noun + 1
    return None
