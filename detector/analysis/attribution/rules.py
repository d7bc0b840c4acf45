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
from detector.analysis.lexicon import Lexicon
from detector.analysis.names import Entity, is_role_word
from detector.analysis.nlp import lowers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_MAX_LEFT = 14
_MAX_RIGHT = 8
_NP_START = frozenset({"ART", "PPOSAT", "PDAT", "PIAT", "ADJA", "NN", "NE", "AT0", "DPS", "DT0", "AJ0", "NN1", "NN2", "NP0"})
_NP_BODY = frozenset({"ADJA", "NN", "NE", "CARD", "TRUNC", "AJ0", "NN1", "NN2", "NP0", "CRD", "ORD"})
_NP_HEAD = frozenset({"NN", "NE", "NN1", "NN2", "NP0"})
_EN_FINITE = frozenset({"VVD", "VVZ", "VVB"})
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
        if tok.lower_ in lex.pronouns:
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
            np = self.noun_phrase(i + 1)
            if np and self.lex.lang == "en" and np[1] < self.end and not doc[np[1]].is_punct \
                    and doc[np[1]].lower_ not in self.lex.after_inverted_source:
                return None  # "…, said doctors would stop …": whom the report is about, not who reports
            return np
        if self.lex.lang == "en" and doc[i].tag_ in _EN_FINITE:  # "…, the utility said"
            k = i - 1
            while k >= self.start and doc[k].tag_ in _NP_START | _NP_BODY:
                k -= 1
            if k < i - 1 and (k < self.start or doc[k].text in (",", ":") or doc[k].is_quote):
                np = self.noun_phrase(k + 1)
                if np and np[1] == i:
                    return np
        if doc[i].tag_.endswith("FIN") or doc[i].tag_ in _EN_FINITE:
            k = self.start
            while k < i and (doc[k].is_space or doc[k].is_punct):
                k += 1
            np = self.noun_phrase(k)
            if np and np[1] == i and doc[k].lower_ not in self.lex.object_articles:
                after = self.noun_phrase(i + 1) if self.lex.lang == "de" and i + 1 < self.end else None
                if after and doc[i + 1].lower_ in self.lex.subject_articles \
                        and _speaker_like(self, after) and not _speaker_like(self, np):
                    return after  # "Das Urteil befand die Richterin für angemessen": the thing is the object
                return np
        if self.lex.lang == "de" and doc[i].tag_:
            return self._german_subject(i)
        return None

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
            if not aux or doc[aux[0]].lemma_ == "werden":
                return None  # no auxiliary; or a passive ("wurde nicht angekündigt"): its subject is not the speaker
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
        first = self.noun_phrase(lo)
        if first and doc[lo].lower_ not in self.lex.object_articles and (first[1] == verb or all(
                doc[k].tag_ == "ADV" for k in range(first[1], verb))):
            return first  # "Die Partei hat … gefordert", "Die Organisation hingegen beschuldigte …"
        if first and doc[lo].lower_ not in self.lex.object_articles and first[1] < self.end \
                and doc[first[1]].tag_.endswith("FIN") and verb > first[1] and (
                doc[verb - 1].lower_ in ("und", "aber", "doch") or all(
                doc[k].tag_ == "ADV" for k in range(max(first[1], verb - 3), verb - 1))
                and doc[next((k for k in range(verb - 1, first[1], -1) if doc[k].tag_ != "ADV"), verb - 1)].lower_
                in ("und", "aber", "doch")):
            return first  # "Nintendo geht dabei streng vor und fordert …": the subject of both verbs
        if verb > lo and (first is None or first[1] < verb or doc[lo].lower_ in self.lex.object_articles):
            return self._nominative(verb + 1, min(self.end, verb + 4))  # "Dann forderte die Partei …"
        return None

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
        doc, lex = self.doc, self.lex
        s, e = hs, he
        # left: articles and adjectives (and, in German, capitalised words such as "I Think Tank")
        while s - 1 >= self.start:
            prev = doc[s - 1]
            low = prev.lower_
            if low in lex.articles or (low in lex.possessives and prev.pos_ in ("DET", "")):
                s -= 1
            elif prev.is_alpha and lex.lang == "de" and prev.is_lower and low.endswith(("e", "en", "er", "es", "em")) \
                    and low not in lex.prepositions and low not in lex.subordinators and low not in lex.speech_verbs \
                    and prev.lemma_ not in lex.speech_verbs and prev.pos_ not in ("VERB", "AUX") and s - 1 != self.start:
                s -= 1  # "ungenannte", "befragten" (not a verb the grammar step tagged: "verlangen die Anwohner")
            elif prev.is_alpha and lex.lang == "en" and prev.is_lower and s - 1 > self.start \
                    and low not in lex.prepositions and low not in lex.subordinators \
                    and prev.lemma_ not in lex.speech_verbs and low not in lex.phrase_stop_words \
                    and prev.pos_ not in ("VERB", "AUX") and he - s < 3:
                s -= 1
            elif prev.is_alpha and prev.is_title and (s - 1 == self.start or doc[s - 2].is_space) \
                    and (len(prev.text) <= 2 or lex.lang == "en") and (s - 1) not in self.ent_at \
                    and low not in lex.subordinators and low not in lex.pronouns and low not in lex.prepositions:
                s -= 1  # sentence-initial stray word ("I Think Tank …")
            elif lex.lang == "en" and (s - 1) in self.ent_at and self.ent_at[s - 1].start > self.start and (
                    doc[self.ent_at[s - 1].start - 1].lower_ in lex.articles or doc[self.ent_at[s - 1].start - 1].is_lower):
                s = self.ent_at[s - 1].start  # "a senior TfL source": a name used as a modifier of the head
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
        # an outlet that carries the source: "a person quoted by the Financial Times", "an official who spoke to AP"
        if lex.lang == "en" and e + 2 < self.end and doc[e].lower_ in lex.relay_participles:
            k = e + 1 + (doc[e + 1].lower_ in ("to", "by", "with"))
            while k < self.end and k not in self.ent_at and doc[k].lower_ in lex.articles:
                k += 1
            if k in self.ent_at and self.ent_at[k].kind == "outlet":
                e = self.ent_at[k].end
        elif lex.lang == "en" and e + 3 < self.end and doc[e].lower_ == "who" and doc[e + 1].lower_ in lex.relay_participles:
            k = e + 2 + (doc[e + 2].lower_ in ("to", "by", "with"))
            while k < self.end and k not in self.ent_at and doc[k].lower_ in lex.articles:
                k += 1
            if k in self.ent_at and self.ent_at[k].kind == "outlet":
                e = self.ent_at[k].end
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
            if cue_kind == "wie":  # "Wie ein Lokalblatt berichtet": head is (relay head, whole phrase)
                (hs, he), phrase = head
                by_name = all(doc[k].tag_ in ("NE", "NP0") for k in range(hs, he)) and not any(k in ent_at for k in range(hs, he))
                src = s.grow(hs, he) if doc[hs].lower_ not in lex.articles and not by_name else (hs, he)
                # "wie Medien berichten": relayed; "wie die Nachrichtenagentur Anadolu meldete": the outlet itself;
                # "wie Technology Review berichtet": a name no gazetteer knows, the grammar step's proper noun
                kind = "named" if by_name else classify(doc, lex, (phrase[0] + 1, phrase[1]), cue, ent_at)
                att = Attribution(src, cue, kind, si, "verb", phrase=phrase)
                found.setdefault(src, att)
                continue
            if cue_kind == "colon":  # "Ihr Fazit: …" (a possessive: the one named before), "Das Urteil der Jury: …"
                kind = "named" if head[1] - head[0] == 1 and doc[head[0]].lower_ in lex.possessives else \
                    classify(doc, lex, head, cue, ent_at)  # the owner alone: "der" here is a genitive
                src = head if kind == "named" and head[1] - head[0] == 1 else s.grow(*head)
                found.setdefault(src, Attribution(src, cue, kind, si, "colon"))
                continue
            if cue_kind == "hearsay":  # "Er soll Geld angenommen haben": relayed, unless a named source goes on
                recent = [a for a in found.values() if a.sentence in (si, si - 1)]
                continues = any(a.kind == "named" for a in recent)
                if doc[cue[0]].lower_ in lex.back_references and not recent:
                    continue  # "demnach" with no report before it: "therefore"
                found.setdefault(cue, Attribution(cue, cue, "named" if continues else "relayed", si, "hearsay"))
                continue
            if cue_kind == "relay":  # ", so der Bericht"
                found.setdefault(head, Attribution(head, cue, "relayed", si, "preposition"))
                continue
            hs, he = head
            act = cue_kind in ("verb", "subject", "relative") and cue[1] - cue[0] == 1 and _is_act_verb(s, cue[0]) \
                and not _is_plain_speech_verb(s, cue[0])
            if act and not (_act_source(s, (hs, he), cue[0], cue_kind) and _act_content(s, (hs, he), cue[0])):
                continue  # "Rentnern droht ein harter Winter", "Die Landwirte protestierten am Montag": no act reported
            # an opinion with no clause ("Einige Zuschauer hielten ihn für einen Fan") is a stance the text reports,
            # not a source it relies on: in the inventory like a speech act, never a finding by itself
            opinion = not act and cue_kind in ("verb", "subject", "relative") and _opinion_only(s, cue[0])
            before = [doc[k] for k in range(max(s.start, hs - 3), hs)]
            nxt = doc[he].lower_ if he < s.end else ""
            counted = any(b.like_num and b.lower_ != "one" for b in before) and cue_kind != "relative"  # "one analyst": a
            if counted or any(b.lower_ in lex.negations for b in before) or nxt in ("'s", "’s", "states", "countries"):
                continue  # "140 Menschen", "38 bayerischen Landkreisen", "kein einziger Bürger": not a source
            joined = False
            if cue_kind == "subject":  # a noun phrase by grammar: named unless the lexicons call it a source noun
                att = Attribution((hs, he), cue, classify_model_speaker(doc, lex, (hs, he), ent_at), si,
                                  "act" if act or opinion else "verb")
                found.setdefault((hs, he), att)
                continue
            if doc[hs].lower_ in lex.pronouns:
                if not persons_seen:
                    continue
                src = (hs, he)
            elif cue_kind == "relative":
                if any(a.source[0] == hs for a in found.values()):
                    continue  # "Beobachter, die … spekulieren, erwarten …": already credited by the relative clause
                src, joined, cue_kind = (hs, cue[0]), True, "verb"
            elif cue_kind == "impersonal":
                src = (hs, he)  # the phrase before or after "heißt es" as found
            elif cue_kind == "preposition" and cue[0] <= hs and he <= cue[1]:
                src = (hs, cue[1])  # "nach ersten Meldungen", "ihrer Meinung nach": the phrase's own words
            elif cue_kind == "preposition" and he == cue[0] and he - hs == 1 and (
                    doc[hs].lower_ in lex.source_prep_nouns or lex.is_prep_noun_compound(doc[hs].lower_)):
                src = (hs, he)  # "Zeugenangaben zufolge": the compound alone
            else:
                src = s.grow(hs, he)
            if cue_kind == "impersonal" and not _has_entity(src, ent_at):
                if src == cue:
                    # "Es heißt, …": hearsay with no source, unless it goes on reporting a source named in this
                    # sentence or the one before ("…, teilte die Firma mit. Der Umsatz steige, hieß es.")
                    continues = any(a.kind == "named" and a.sentence in (si, si - 1) for a in found.values())
                    kind = "named" if continues else "relayed"
                elif any(lex.is_circle(doc[k].lower_) for k in range(*src)):
                    kind = "unnamed"  # "erklärte man in Regierungskreisen", "hieß es aus Parteikreisen"
                elif any(lex.is_relay_word(doc[k].lower_) for k in range(*src)):
                    # "heißt es in einem Bericht der Lokalpresse" (relayed); "heißt es in der Aussendung": that document
                    first = next(k for k in range(*src) if lex.is_relay_word(doc[k].lower_))
                    kind = "named" if first > src[0] and doc[first - 1].lower_ in lex.definite else "relayed"
                elif src[0] >= cue[1] and not _has_source_noun(s, src):
                    kind = "named"  # "heißt es in der Begründung des Bescheids": a specific document
                else:
                    kind = "unnamed"
            else:  # a relative clause between antecedent and verb says what they speculate, not who they are
                kind = classify(doc, lex, (hs, he) if joined else src, cue, ent_at)
            if kind == "unnamed" and cue_kind == "preposition" and not _has_source_noun(s, src):
                kind = "named"  # "laut Anklageschrift", "nach Angaben Weigands": a specific document or person
            if cue_kind == "preposition" and _quoted_title(doc, src):
                kind = "named"  # "laut „Radio Nordwest“": a title in quotation marks names the outlet
            if anonymous(doc, lex, src):
                kind = "unnamed"
                opinion = False  # "ein Mitglied, das ungenannt bleiben möchte, hält …": sourcing, opinion or not
            att = Attribution(src, cue, kind, si, "act" if act or opinion else cue_kind, joined)
            if src not in found:
                found[src] = att
        if any(e.kind == "person" and sent.start <= e.start < sent.end for e in entities) or any(
                t.is_alpha and (lex.lang == "en" or t.text[:1].isupper()) and is_role_word(t, lex) for t in sent):
            persons_seen = True  # someone "er" / "sie" / "he" can point back to: a name, an office or a trade
    return sorted(found.values(), key=lambda a: a.source)


def _en_proper(tok) -> bool:
    """An English proper noun by tag, or a capitalised noun inside the sentence ("Labour", tagged as "labour")."""
    return tok.tag_ == "NP0" or (tok.tag_.startswith("NN") and tok.is_title and not tok.is_sent_start)


def _quoted_title(doc: Doc, src: tuple[int, int]) -> bool:
    """A capitalised title in quotation marks ("„Radio Nordwest“", "“BBC News”")."""
    s, e = src
    return e - s >= 3 and doc[s].is_quote and doc[e - 1].is_quote and doc[s + 1].text[:1].isupper()


def _cues(s: _Sentence):
    """Yield (cue range, cue kind, source head range or None) for one sentence: at each token the first
    finder of :data:`_CUE_FINDERS` that recognises a cue there decides (and where to go on)."""
    i = s.start
    while i < s.end:
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
    if j + 1 < s.end and doc[j].lower_ in ("von", "des", "der"):
        head = _prep_object(s, j + 1) or _relay_head(s, j + 1) or _name_head(s, j + 1) or mod
    return ((cue, "preposition", head), cue[1]) if head is not None else None


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
    doc, lex = s.doc, s.lex
    tok = doc[i]
    if not (tok.is_alpha and _is_speech_verb(s, i) and not (i > s.start and doc[i - 1].lower_ in ("to", "zu"))
            and not (lex.lang == "en" and _english_not_a_cue(s, i))):
        return None
    right = s.nearest_head(i + 1, min(s.end, i + 4), leftwards=False)
    inverting = lex.inverting_verbs is None or tok.lemma_ in lex.inverting_verbs \
        or tok.lower_ in lex.inverting_verbs
    if right and not inverting:
        right = None  # "told analysts", "urged residents": the addressee, not the source
    if right and lex.lang == "en" and i > s.start and not (doc[i - 1].is_punct or doc[i - 1].is_quote):
        right = None  # "Opponents say only judges, …": English inverts only after the quotation or clause
    if right and lex.lang == "en" and right[1] < s.end and not doc[right[1]].is_punct \
            and doc[right[1]].lower_ not in lex.after_inverted_source:
        right = None  # "said 41 employees would …": inversion ends the clause ("…, said the official.")
    if right and any(doc[k].is_punct for k in range(i + 1, right[0])):
        right = None
    subject_before = False
    if doc[i].tag_.endswith("FIN"):
        subject = s.grammar_subject(i)
        # ends at the verb, or at the comma closing an apposition ("Michael Knipper, Vorsitzender …, kritisierte")
        before_verb = subject is not None and (subject[1] == i or (subject[1] == i - 1 and doc[i - 1].text == ","))
        if before_verb and not (
                right and _speaker_like(s, right) and not _speaker_like(s, subject)
                and doc[right[0]].lower_ in lex.subject_articles):
            right = None  # "China wirft türkischen Diplomaten vor", "Wir fordern die Anwohner auf": the subject
            subject_before = True  # before the verb speaks, whoever stands after it
        # else "Das Urteil befand die Richterin für angemessen": a thing before the verb is its object
    wie = _wie_relay(s, i)
    if wie:
        return ((i, i + 1), "wie", wie), i + 1
    antecedent = _relative_antecedent(s, i) if not right else None
    if antecedent:
        return ((i, i + 1), "relative", antecedent), i + 1
    lo = max(s.start, i - _MAX_LEFT)
    # stop at a clause boundary, but not at the comma opening a relative clause around the cue
    # ("Analysten, die … spekulieren" credits the analysts)
    bounds = [k for k in range(lo, i) if doc[k].text in (",", ";", ":")
              and not (k + 1 < i and doc[k + 1].lower_ in lex.relative_openers)
              and not (doc[k].text == "," and k + 1 < i and doc[k + 1].lower_ in ("a", "an"))]
    if bounds and bounds[-1] == i - 1 and doc[i - 1].text == "," and any(
            doc[k].text == "," and doc[k + 1].lower_ in ("a", "an") for k in range(lo, i - 2)):
        bounds.pop()  # "Dana Reed, a physicist at the university, said": the appositive's closing comma
    lo = max([lo] + [k + 1 for k in bounds])
    if not right and lex.lang == "en" and i - 1 >= lo and _en_proper(doc[i - 1]):
        k = i - 1
        while k - 1 >= lo and _en_proper(doc[k - 1]):
            k -= 1
        if k - 1 < s.start or doc[k - 1].lower_ not in lex.prepositions:  # not "Traders in London say"
            lo = k  # "… and Labour says …": the proper noun before the verb is its subject; look no further left
    head = right or s.nearest_head(lo, i, leftwards=True)
    if head is not None and not right and any(
            doc[k].lower_ in lex.source_prepositions for k in range(max(lo, head[0] - 2), head[0])):
        head = None  # "Laut BBC News sagte der Minister": the outlet is the preposition's, not the verb's
    if head is None and inverting and not subject_before and not (lex.lang == "en" and i > s.start and not (
            doc[i - 1].is_punct or doc[i - 1].is_quote)):
        # English inverts only after the quotation or clause ("…," said the official; "The
        # centre said the rules penalised people": no source after the verb)
        head = s.nearest_head(i + 1, min(s.end, i + _MAX_RIGHT), leftwards=False)
        if head is not None and any(doc[k].is_punct for k in range(i + 1, head[0])):
            head = None  # "erklärte, die Soldaten hätten …": after the comma the content begins
        if head is not None and lex.lang == "en" and head[1] < s.end and doc[head[1]].is_lower \
                and doc[head[1]].lower_ not in lex.after_inverted_source:
            head = None  # "said doctors would stop …": who the report is about, not who reports
    if head is None:
        subject = s.grammar_subject(i)
        if subject is not None:
            return ((i, i + 1), "subject", subject), i + 1
    return ((i, i + 1), "verb", head), i + 1


_CUE_FINDERS = (_impersonal_cue, _hearsay_cue, _relay_cue, _stance_cue, _verdict_cue, _post_cue, _preposition_cue,
                _prep_noun_cue, _postposed_nach_cue, _zufolge_cue, _verb_cue)


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
        if t.lower_ in lex.pronouns or t.tag_ == "NE" or (t.tag_ == "PPER" and t.lower_ not in lex.impersonal_subjects) \
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
    doc, lex = s.doc, s.lex
    tok = doc[i]
    if i == s.start and i + 1 < s.end and doc[i + 1].text in ("Sie", "du", "ihr") and doc[s.end - 1].text != "?":
        return False  # "Schreiben Sie uns: …": an imperative to the reader, no one is credited
    lemma = tok.lemma_
    if lex.lang == "de" and tok.text[:1].isupper() and not tok.is_sent_start:
        return False  # a capitalised word mid-sentence is a noun (Sprecher, Bericht)
    if tok.lower_ in lex.noun_like_speech_forms and not _verb_context(s, i):
        return False  # "in state schools", "the word warning": a noun
    verbs = lex.speech_verbs
    candidates = {lemma, tok.lower_}
    ok = False
    for c in candidates:
        if c in verbs:
            ok = True
            base = c
            break
        # separable verbs: "fügt … hinzu" → stem fügen + particle hinzu later in the clause; where the
        # grammar step tagged the sentence the particle must be one (PTKVZ), not "an unsere Tür"
        rest = lowers(doc)[i + 1:s.end]
        tagged = bool(tok.tag_)
        for full, particle in lex.separable_by_stem.get(c, ()):
            if full in verbs and i > s.start and doc[i - 1].lower_ == particle and particle.isalpha() \
                    and len(particle) > 3:
                ok, base = True, full  # "wie das Ministerium heute bekannt gab": particle and verb written apart
                break
            if full in verbs and particle in rest and (not tagged or any(
                    _separated_particle(s, k, particle) for k in range(i + 1, s.end))):
                ok, base = True, full
                break
        if ok:
            break
    if not ok:
        return False
    if i + 1 < s.end and (lex.particle_other_sense or {}).get(base) == doc[i + 1].lower_:
        return False  # "the sums do not add up"
    if base in lex.reflexive_other_sense and any(
            doc[k].lower_ in lex.reflexive_pronouns for k in range(s._clause_start(i), s.clause_end(i + 1))):
        return False  # "ein Verletzter befinde sich im Krankenhaus", "während sich der Präsident … befand": located
    if base in lex.weak_speech_verbs:  # "sprechen von", "rechnen mit", "sehen, dass": a claim follows
        following = lowers(doc)[i + 1:min(s.end, i + 7)]
        clause = following[:next((k for k, w in enumerate(following) if w in (",", ".", ";")), len(following))]
        return any(w in ("dass", "that", ":") for w in following) or (
            lex.lang == "de" and bool(following) and (following[0] in ("von", "mit") or (
                base == "sprechen" and "von" in clause))) or _german_opinion(s, i, base) or (
            base in lex.naming_verbs and sum(w in lex.articles for w in clause) >= 2)  # "nannte das Urteil einen Skandal"
    return True


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
