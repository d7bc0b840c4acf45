"""Load the analysis lexicons (``lexicons/*.yaml``) into fast lookup sets."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from detector import yamlio as fast_yaml

# German noun endings for plural and case; enough to match lemmas to forms
_DE_ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ern", "nen", "innen", "in")
_EN_ENDINGS = ("", "s", "es")


def _load(name: str) -> dict:
    text = resources.files("detector.analysis").joinpath(f"lexicons/{name}.yaml").read_text("utf-8")
    return fast_yaml.safe_load(text)


def _umlaut(low: str) -> str | None:
    """The word with its last a / o / u / au umlauted, or None if it has none (or ends in -in, a feminine)."""
    if low.endswith("in"):
        return None
    for k in range(len(low) - 1, -1, -1):
        if low[k] in "aou":
            if low[k] == "u" and k > 0 and low[k - 1] == "a":
                return low[:k - 1] + "äu" + low[k + 1:]
            return low[:k] + {"a": "ä", "o": "ö", "u": "ü"}[low[k]] + low[k + 1:]
    return None


def noun_forms(lemma: str, lang: str) -> set[str]:
    """Lower-cased inflected forms of a noun lemma (over-generating is harmless here)."""
    low = lemma.lower()
    forms = {low + e for e in (_DE_ENDINGS if lang == "de" else _EN_ENDINGS)}
    if lang == "de":
        if low.endswith(("nder", "cher", "iger", "ener")):
            forms.add(low[:-2] + "en")  # adjectival nouns: Vorsitzender → Vorsitzenden (not Versager → Versagen)
        if low.endswith("mann"):
            forms.add(low[:-4] + "leute")
        umlauted = _umlaut(low)
        if umlauted:  # plurals with umlaut: Arzt → Ärzte, Anwalt → Anwälte, Kraft → Kräfte
            forms |= {umlauted + e for e in ("e", "en", "er", "ern")}
    else:
        if low.endswith("y"):
            forms.add(low[:-1] + "ies")
        if low.endswith("person"):
            forms.add(low[:-6] + "people")
    return forms


def _phrases(items: list[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(p.lower().split()) for p in items}, key=len, reverse=True)


_MEMO_LIMIT = 50_000  # memoised words per memo before it starts afresh (memory stays flat)


@dataclass(frozen=True)
class Lexicon:
    lang: str
    source_forms: frozenset[str]
    source_phrases: tuple[tuple[str, ...], ...]
    speech_verbs: frozenset[str]
    weak_speech_verbs: frozenset[str]
    separable: dict
    source_prepositions: frozenset[str]
    source_prep_phrases: tuple[tuple[str, ...], ...]
    impersonal: tuple[tuple[str, ...], ...]
    relay_forms: frozenset[str]
    org_cue_forms: frozenset[str]
    role_forms: frozenset[str]
    titles: frozenset[str]
    pronouns: frozenset[str]
    articles: frozenset[str]
    prepositions: frozenset[str]
    complement_preps: frozenset[str]
    subordinators: frozenset[str]
    first_names: frozenset[str]
    outlets: tuple[tuple[str, ...], ...]
    institutions: tuple[tuple[str, ...], ...]
    metonyms: tuple[tuple[str, ...], ...]
    not_acronyms: frozenset[str]
    negations: frozenset[str] = frozenset()
    subjunctive: frozenset[str] = frozenset()
    person_forms: frozenset[str] = frozenset()
    inverting_verbs: frozenset[str] | None = None  # None: every speech verb may take its source after it
    not_source_forms: frozenset[str] = frozenset()
    relay_suffixes: tuple[str, ...] = ()
    relay_cues: tuple[tuple[str, ...], ...] = ()
    stance_phrases: tuple[tuple[str, ...], ...] = ()
    verdict_forms: frozenset[str] = frozenset()
    reportative_modals: frozenset[str] = frozenset()
    hearsay_participles: frozenset[str] = frozenset()
    hearsay_phrases: tuple[tuple[str, ...], ...] = ()
    back_references: frozenset[str] = frozenset()
    indefinite_subjects: frozenset[str] = frozenset()
    anonymous_heads: frozenset[str] = frozenset()
    subject_pronouns: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    particle_other_sense: dict[str, frozenset[str]] | None = None
    object_other_sense: dict[str, frozenset[str]] = field(default_factory=dict)
    clause_openers: frozenset[str] = frozenset()
    passive_auxiliaries: frozenset[str] = frozenset()
    quoting_verbs: frozenset[str] = frozenset()
    stative_auxiliaries: frozenset[str] = frozenset()
    quote_only_verbs: frozenset[str] = frozenset()
    quoting_nouns: frozenset[str] = frozenset()
    own_words: frozenset[str] = frozenset()
    source_object_verbs: dict[str, str] = field(default_factory=dict)
    demonstrative_pronouns: frozenset[str] = frozenset()
    be_present: frozenset[str] = frozenset()
    have_forms: frozenset[str] = frozenset()
    impersonal_subjects: frozenset[str] = frozenset()
    genitive_words: frozenset[str] = frozenset()
    clause_words: frozenset[str] = frozenset()
    role_prep_nouns: frozenset[str] = frozenset()
    envoy_suffixes: frozenset[str] = frozenset()
    locative_prepositions: frozenset[str] = frozenset()
    object_articles: frozenset[str] = frozenset()
    addressee_articles: frozenset[str] = frozenset()
    addressee_prepositions: frozenset[str] = frozenset()
    feminine_oblique_articles: frozenset[str] = frozenset()
    feminine_suffixes: tuple[str, ...] = ()
    oblique_pronouns: frozenset[str] = frozenset()
    means_objects: frozenset[str] = frozenset()
    means_adverbs: frozenset[str] = frozenset()
    after_impersonal: frozenset[str] = frozenset()
    between_impersonal: frozenset[str] = frozenset()
    phrase_stop_words: frozenset[str] = frozenset()
    relay_participles: frozenset[str] = frozenset()
    after_inverted_source: frozenset[str] = frozenset()
    relative_openers: frozenset[str] = frozenset()
    definite: frozenset[str] = frozenset()
    anonymity: frozenset[str] = frozenset()
    hearsay_words: frozenset[str] = frozenset()
    subjunctive_idioms: tuple[tuple[str, ...], ...] = ()
    statement_suffixes: tuple[str, ...] = ()  # a party's own statement: first-hand, not a relay
    document_suffixes: tuple[str, ...] = ()
    post_cues: frozenset[str] = frozenset()  # "…, so X": a cue after the clause, its source behind it
    source_prep_heads: frozenset[str] = frozenset()  # "nach" in "nach seiner Einschätzung"
    source_prep_nouns: frozenset[str] = frozenset()  # "angaben" (also as a compound head: "Armeeangaben")
    institution_forms: frozenset[str] = frozenset()
    spokes_forms: frozenset[str] = frozenset()
    spokes_suffixes: tuple[str, ...] = ()
    noun_like_speech_forms: frozenset[str] = frozenset()
    reflexive_other_sense: frozenset[str] = frozenset()
    reflexive_pronouns: frozenset[str] = frozenset()
    subject_articles: frozenset[str] = frozenset()
    relay_conjunctions: frozenset[str] = frozenset()
    verb_signals: frozenset[str] = frozenset()
    reader_address: frozenset[str] = frozenset()
    circle_forms: frozenset[str] = frozenset()
    speech_act_verbs: frozenset[str] = frozenset()
    definite_singular: frozenset[str] = frozenset()
    outlet_staff_forms: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    possessives: frozenset[str] = frozenset()
    _memos: dict[str, dict] = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, name: str, limit: int = _MEMO_LIMIT) -> dict:
        """A memo of word-level results named ``name`` for this lexicon; it starts afresh when it holds
        ``limit`` entries (by default :data:`_MEMO_LIMIT` words), so a long stream keeps memory flat."""
        memo = self._memos.get(name)
        if memo is None or len(memo) >= limit:
            memo = self._memos[name] = {}
        return memo

    def is_source_noun(self, lower: str, compounds: bool = True) -> bool:
        """Is this (lower-cased) word an unnamed-source noun, also as a compound head?"""
        if lower in self.not_source_forms:
            return False
        if lower in self.source_forms:
            return True
        if compounds and self.lang == "de" and len(lower) >= 7:
            return any(lower[k:] in self.source_forms for k in range(3, len(lower) - 3))
        return False

    @cached_property
    def separable_by_stem(self) -> dict[str, list[tuple[str, str]]]:
        """Separable verbs by their stem (fügen: [(hinzufügen, hinzu)]), for "fügt … hinzu"."""
        index: dict[str, list[tuple[str, str]]] = {}
        for full, particle in self.separable.items():
            index.setdefault(full[len(particle):], []).append((full, particle))
        return index

    def is_circle(self, lower: str) -> bool:
        """A circle around an institution (Kreise, Umfeld, circles): unnamed even with the institution named."""
        if lower in self.circle_forms:
            return True
        return self.lang == "de" and len(lower) >= 8 and any(lower[k:] in self.circle_forms for k in range(3, len(lower) - 4))

    def is_pronoun(self, tok) -> bool:
        """A pronoun that can stand for a speaker named before: a personal one ("er", "sie"), or a demonstrative
        standing alone ("Diese bestätigte": tagged PDS, not the determiner of "Diese Zahl")."""
        return tok.lower_ in self.pronouns or (tok.lower_ in self.demonstrative_pronouns and tok.tag_ == "PDS")

    def is_person_noun(self, lower: str) -> bool:
        """A word for a person by trade or circumstance (farmer, Hebamme), also as a German compound head
        (Verkehrsplaner): a source when it speaks, unnamed unless the article has introduced them."""
        if lower in self.person_forms:
            return True
        if self.lang == "de" and len(lower) >= 8:
            return any(lower[k:] in self.person_forms for k in range(4, len(lower) - 4))
        return False

    def is_prep_noun_compound(self, lower: str) -> bool:
        """A compound with a source-phrase noun as its head ("zeugenangaben", "polizeiangaben")."""
        return any(lower.endswith(n) and len(lower) > len(n) + 2 for n in self.source_prep_nouns)

    def is_statement_word(self, lower: str) -> bool:
        """Does this word name a party's own statement (Aussendung, Pressemitteilung, statement)?"""
        return lower.rsplit("-", 1)[-1].endswith(self.statement_suffixes) if self.statement_suffixes else False

    def is_document_word(self, lower: str) -> bool:
        """A word for a text that states something (a statement, a report, a study, a letter, an answer), also
        as a compound's head ("Regierungsantwort")."""
        return self.is_statement_word(lower) or self.is_relay_word(lower) or (
            lower.rsplit("-", 1)[-1].endswith(self.document_suffixes) if self.document_suffixes else False)

    def is_relay_word(self, lower: str) -> bool:
        """Does this word name a report or an outlet (Bericht, Medienberichten, Lokalradio, Rundschau)?"""
        if self.is_statement_word(lower):
            return False  # "Aussendung" ends like "Sendung" but is the party's own word
        if lower in self.relay_forms:
            return True
        last = lower.rsplit("-", 1)[-1]
        return last.endswith(self.relay_suffixes) if self.relay_suffixes else False

    def is_org_cue(self, lower: str) -> tuple[bool, bool]:
        """(is an organisation word, is a compound with a specific first part); memoised per form."""
        if lower in self.org_cue_forms:
            return True, False
        if self.lang != "de" or len(lower) < 6:
            return False, False
        memo = self.memo("org_compound")
        hit = memo.get(lower)
        if hit is None:
            hit = memo[lower] = any(lower[k:] in self.org_cue_forms for k in range(3, len(lower) - 5))
        return hit, hit


@cache
def lexicon(lang: str) -> Lexicon:
    lx = _load(lang)
    names = _load("names")

    def lowered(key: str) -> frozenset[str]:
        """The lexicon list ``key`` (empty where the language has none), lower-cased."""
        return frozenset(str(w).lower() for w in lx.get(key, []))

    def forms(words: list[str]) -> frozenset[str]:
        out: set[str] = set()
        for w in words:
            out |= noun_forms(w, lang)
        return frozenset(out)

    return Lexicon(
        lang=lang,
        source_forms=forms(lx["source_nouns"]),
        person_forms=forms(lx.get("person_nouns", [])),
        source_phrases=tuple(_phrases(lx["source_phrases"])),
        speech_verbs=frozenset(v.lower() for v in lx["speech_verbs"]),
        weak_speech_verbs=lowered("weak_speech_verbs"),
        separable={k.lower(): v.lower() for k, v in (lx.get("separable") or {}).items()},
        source_prepositions=frozenset(lx["source_prepositions"]),
        source_prep_phrases=tuple(_phrases(lx["source_prep_phrases"])),
        impersonal=tuple(_phrases(lx["impersonal"])),
        relay_forms=forms(lx["relay_nouns"]),
        org_cue_forms=frozenset(f for f in forms(lx["org_cues"]) if len(f) > 2),
        role_forms=forms(lx["role_nouns"]),
        titles=frozenset(lx["titles"]),
        pronouns=frozenset(lx["pronouns"]),
        articles=frozenset(lx["articles"]),
        prepositions=frozenset(lx["prepositions"]),
        complement_preps=frozenset(lx["named_complement_preps"]),
        subordinators=frozenset(lx["subordinators"]),
        first_names=frozenset(names["first_names"]),
        outlets=tuple(sorted({tuple(o.split()) for o in names["outlets"]}, key=len, reverse=True)),
        institutions=tuple(sorted({tuple(o.split()) for o in names["institutions"]}, key=len, reverse=True)),
        metonyms=tuple(sorted({tuple(o.split()) for o in names["metonyms"]}, key=len, reverse=True)),
        not_acronyms=frozenset(names["not_acronyms"]),
        negations=frozenset(lx.get("negations", [])),
        subjunctive=frozenset(lx.get("subjunctive", [])),
        inverting_verbs=frozenset(lx["inverting_verbs"]) if "inverting_verbs" in lx else None,
        not_source_forms=forms(lx.get("not_source_nouns", [])),
        relay_suffixes=tuple(s.lower() for s in lx.get("relay_suffixes", [])),
        relay_cues=tuple(_phrases(lx.get("relay_cues", []))),
        stance_phrases=tuple(_phrases(lx.get("stance_phrases", []))),
        verdict_forms=lowered("verdict_nouns"),
        reportative_modals=lowered("reportative_modals"),
        hearsay_participles=lowered("hearsay_participles"),
        hearsay_phrases=tuple(_phrases(lx.get("hearsay_phrases", []))),
        back_references=lowered("back_references"),
        indefinite_subjects=lowered("indefinite_subjects"),
        anonymous_heads=lowered("anonymous_heads"),
        subject_pronouns=lowered("subject_pronouns"),
        naming_verbs=lowered("naming_verbs"),
        particle_other_sense={str(k).lower(): frozenset(str(w).lower() for w in (v if isinstance(v, list) else [v]))
                              for k, v in (lx.get("particle_other_sense") or {}).items()},
        object_other_sense={str(k).lower(): frozenset(str(w).lower() for w in v)
                            for k, v in (lx.get("object_other_sense") or {}).items()},
        clause_openers=lowered("clause_openers"),
        passive_auxiliaries=lowered("passive_auxiliaries"),
        quoting_verbs=lowered("quoting_verbs"),
        stative_auxiliaries=lowered("stative_auxiliaries"),
        quote_only_verbs=lowered("quote_only_verbs"),
        quoting_nouns=lowered("quoting_nouns"),
        own_words=lowered("own_words"),
        source_object_verbs={str(k).lower(): str(v).lower() for k, v in (lx.get("source_object_verbs") or {}).items()},
        demonstrative_pronouns=lowered("demonstrative_pronouns"),
        be_present=lowered("be_present"),
        have_forms=lowered("have_forms"),
        impersonal_subjects=lowered("impersonal_subjects"),
        genitive_words=lowered("genitive_words"),
        clause_words=lowered("clause_words"),
        role_prep_nouns=lowered("role_prep_nouns"),
        envoy_suffixes=lowered("envoy_suffixes"),
        locative_prepositions=lowered("locative_prepositions"),
        object_articles=lowered("object_articles"),
        addressee_articles=lowered("addressee_articles"),
        addressee_prepositions=lowered("addressee_prepositions"),
        feminine_oblique_articles=lowered("feminine_oblique_articles"),
        feminine_suffixes=tuple(str(w).lower() for w in lx.get("feminine_suffixes", [])),
        oblique_pronouns=lowered("oblique_pronouns"),
        means_objects=lowered("means_objects"),
        means_adverbs=lowered("means_adverbs"),
        after_impersonal=lowered("after_impersonal"),
        between_impersonal=lowered("between_impersonal"),
        phrase_stop_words=lowered("phrase_stop_words"),
        relay_participles=lowered("relay_participles"),
        after_inverted_source=lowered("after_inverted_source"),
        relative_openers=frozenset(lx.get("relative_openers", [])),
        definite=frozenset(lx.get("definite", [])),
        anonymity=lowered("anonymity"),
        hearsay_words=lowered("hearsay_words"),
        subjunctive_idioms=tuple(tuple(p.lower().split()) for p in lx.get("subjunctive_idioms", [])),
        post_cues=lowered("post_cues"),
        statement_suffixes=tuple(w.lower() for w in lx.get("statement_words", [])),
        document_suffixes=tuple(w.lower() for w in lx.get("document_words", [])),
        source_prep_heads=lowered("source_prep_heads"),
        source_prep_nouns=lowered("source_prep_nouns"),
        institution_forms=forms(lx.get("institution_nouns", [])),
        spokes_forms=forms(lx.get("spokespeople", [])),
        spokes_suffixes=tuple(sorted({f for w in lx.get("spokespeople", []) if len(w) >= 7
                                      for f in noun_forms(w, lang)})),
        noun_like_speech_forms=lowered("noun_like_speech_forms"),
        reflexive_other_sense=lowered("reflexive_other_sense"),
        reflexive_pronouns=lowered("reflexive_pronouns"),
        subject_articles=lowered("subject_articles"),
        relay_conjunctions=lowered("relay_conjunctions"),
        verb_signals=lowered("verb_signals"),
        reader_address=frozenset(lx.get("reader_address", [])),
        circle_forms=forms(lx.get("circle_nouns", [])),
        speech_act_verbs=lowered("speech_act_verbs"),
        definite_singular=frozenset(lx.get("definite_singular", [])),
        outlet_staff_forms=forms(lx.get("outlet_staff", [])),
        first_person=lowered("first_person"),
        possessives=lowered("possessives"),
    )
