"""Named persons, organisations, outlets and places, recognised without an NER model.

German capitalises every noun, so capitalisation alone says little ("Experten"
is not a name). Evidence used instead: a first-name list, titles, surnames seen
earlier in the document, outlet/institution/capital gazetteers, acronyms, and
organisation words that are made specific (a capitalised adjective, a
hyphenated or compound first part, or a "für/of …" complement).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detector.analysis.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9&]{1,7}$")
_MIXED_ACRONYM = re.compile(r"^[A-ZÄÖÜ][a-zäöü]?[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,3}$")  # EuGH, BaFin, VfB
_HYPHEN_NAME = re.compile(r"^(?:[A-ZÄÖÜ][\wäöüß]*|[A-ZÄÖÜ]{2,})-[\wÄÖÜäöüß-]+$")
_PARTICLES = {"von", "van", "de", "der", "den", "da", "du", "al", "bin", "ibn", "le", "la", "zu", "ten"}


@dataclass(frozen=True)
class Entity:
    start: int  # token index
    end: int
    kind: str  # person | org | outlet | place


def _is_name_token(tok: Token) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and (t.replace("-", "").replace("'", "").isalpha()) and len(t) > 1


_INDEX: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _index(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by their first word (longest first), built once per phrase list."""
    key = id(phrases)
    if key not in _INDEX:
        idx: dict[str, list[tuple[str, ...]]] = {}
        for ph in phrases:
            idx.setdefault(ph[0], []).append(ph)
        _INDEX[key] = idx
    return _INDEX[key]


def _match_phrase(words: list[str], i: int, index: dict[str, list[tuple[str, ...]]]) -> int:
    """How many words of a phrase in ``index`` (see :func:`_index`) start at word ``i``; 0 when none does."""
    for ph in index.get(words[i], ()):
        n = len(ph)
        if tuple(words[i:i + n]) == ph:
            return n
    return 0


_NAME_TAGS = frozenset({"NE", "NP0", ""})  # where the grammar step tagged the sentence, the name must be tagged a name




def is_role_word(tok: Token, lex: Lexicon) -> bool:
    """A word for someone by office, trade or role, also as a compound's head ("US-Schauspieler", "Bildungssprecher");
    memoised per lower-case form (a German compound is tested at every split)."""
    lower = tok.lower_
    memo = lex.memo("role_word")
    hit = memo.get(lower)
    if hit is None:
        hit = memo[lower] = _is_role_form(lower, lex)
    return hit


def _is_role_form(lower: str, lex: Lexicon) -> bool:
    """:func:`is_role_word` of a lower-case form."""
    low = lower.rsplit("-", 1)[-1]
    if lex.is_relay_word(low) or lex.is_org_cue(low)[0]:
        return False  # "die Zeitung Mira", "the newspaper Dagens Næringsliv": an outlet or organisation
    return low in lex.role_forms or lex.is_person_noun(low) or lex.is_source_noun(low) or (
        lex.lang == "de" and len(low) >= 8 and any(low[k:] in lex.role_forms for k in range(3, len(low) - 4)))


def _name_after_role(doc: Doc, tok: Token, lex: Lexicon, taken: list[bool]) -> int:
    """How many name words follow the role word ``tok`` (0 when none): names the grammar step tagged as
    proper nouns, or, in an untagged sentence, capitalised words that are no lexicon noun."""
    i = tok.i
    if not (tok.is_alpha or "-" in tok.text) or (lex.lang == "de" and not tok.text[:1].isupper()):
        return 0
    if i + 1 < len(doc) and (doc[i + 1].text in lex.first_names or doc[i + 1].text in lex.titles):
        return 0  # "Anwalt Peter Zöchbauer": the first name opens the name (see _person_after_first_name)
    if not is_role_word(tok, lex):  # any common noun before two words the grammar step tagged as names
        ok = tok.tag_ == "NN" and i + 2 < len(doc) and all(  # German only: English names follow many nouns
            doc[k].tag_ == "NE" and _is_name_token(doc[k]) and not taken[k] for k in (i + 1, i + 2))
        if not ok:
            return 0
    j = i + 1
    while j < len(doc) and j - i <= 3 and not taken[j] and _is_name_token(doc[j]) and doc[j].tag_ in _NAME_TAGS \
            and doc[j].lower_ not in lex.source_forms and not doc[j].is_sent_start:
        j += 1
    n = j - i - 1
    if n == 1 and doc[i + 1].text.endswith("s") and lex.lang == "de" and (
            not doc[i + 1].tag_ or (i > 0 and doc[i - 1].lower_ in lex.articles)):
        return 0  # "der Präsident Frankreichs": a genitive, not a name
    return n


class _Found:
    """The entities found so far and the tokens they take: a later reading never overlaps an earlier one."""

    def __init__(self, n_tokens: int) -> None:
        self.entities: list[Entity] = []
        self.taken = [False] * n_tokens
        self.aliases: set[str] = set()  # surnames seen with a first name or a role word

    def add(self, start: int, end: int, kind: str) -> None:
        """Tokens ``start``..``end`` as an entity of ``kind``, unless an earlier entity holds any of them."""
        if any(self.taken[start:end]):
            return
        for k in range(start, end):
            self.taken[k] = True
        self.entities.append(Entity(start, end, kind))


def find_entities(doc: Doc, lex: Lexicon) -> list[Entity]:
    """Return non-overlapping entities, left to right."""
    found = _Found(len(doc))
    _add_gazetteer_names(doc, lex, found)
    for i, tok in enumerate(doc):
        if not found.taken[i]:
            _add_entity_at(doc, tok, lex, found)
    _add_aliases(doc, found)
    found.entities.sort(key=lambda e: e.start)
    return found.entities


def _add_gazetteer_names(doc: Doc, lex: Lexicon, found: _Found) -> None:
    """Gazetteers first: outlets, institutions, capitals, before any weaker evidence claims their words."""
    words = [t.text for t in doc]
    gazetteers = [(_index(phrases), kind)
                  for phrases, kind in ((lex.outlets, "outlet"), (lex.institutions, "org"), (lex.metonyms, "place"))]
    for i in range(len(doc)):
        for index, kind in gazetteers:
            n = _match_phrase(words, i, index)
            if n:
                start = i - 1 if kind == "outlet" and i > 0 and doc[i - 1].text in ("The", "the") else i
                found.add(start, i + n, kind)
                break


def _add_entity_at(doc: Doc, tok: Token, lex: Lexicon, found: _Found) -> None:
    """The entity that ``tok`` opens or introduces, by the first evidence that holds: a first name or
    title, a role word, an acronym, an organisation word made specific."""
    i, t = tok.i, tok.text
    # persons: first name or title followed by capitalised words
    end = _person_after_first_name(doc, tok, lex)
    if end:
        start = i + 1 if t in lex.titles else i
        found.add(start, end, "person")
        found.aliases.update(_surname_forms(doc[end - 1].text, lex))
        return
    # a role or trade word and then a name: "der US-Schauspieler Bryan Cranston", "Trainerin Koch"
    n = _name_after_role(doc, tok, lex, found.taken)
    if n:
        found.add(i + 1, i + 1 + n, "person")
        found.aliases.update(_surname_forms(doc[i + n].text, lex))
        return
    # acronyms and names with an acronym part: RUSI, SWP, Ifo-Institut
    if (_ACRONYM.match(t) or _MIXED_ACRONYM.match(t)) and t not in lex.not_acronyms and sum(c.isupper() for c in t) >= 2:
        found.add(i, i + 1, "org")
        return
    span = _organisation_at(doc, tok, lex, found.taken)
    if span:
        found.add(*span, "org")


def _person_after_first_name(doc: Doc, tok: Token, lex: Lexicon) -> int:
    """Where the person's name ends when ``tok`` is a first name or a title followed by capitalised
    words, particles among them (von, van, bin); 0 when it is none."""
    i, t = tok.i, tok.text
    first = t in lex.first_names or ("-" in t and all(p in lex.first_names for p in t.split("-")))
    if not ((first or t in lex.titles) and i + 1 < len(doc) and _is_name_token(doc[i + 1])):
        return 0
    j = i + 1
    while j < len(doc) and j - i <= 4 and _name_goes_on(doc, j):
        if lex.lang == "de" and j > i + 1 and doc[j].lower_ in lex.source_forms:
            break
        j += 1
    return j


def _name_goes_on(doc: Doc, j: int) -> bool:
    """Is token ``j`` part of a person's name: a capitalised word, or a particle before one ("von", "bin")?"""
    return _is_name_token(doc[j]) or (doc[j].lower_ in _PARTICLES and j + 1 < len(doc) and _is_name_token(doc[j + 1]))


def _organisation_at(doc: Doc, tok: Token, lex: Lexicon, taken: list[bool]) -> tuple[int, int] | None:
    """The token range of the organisation whose organisation word ("Institut", "Bank") is ``tok``,
    when the word is made specific; ``None`` for a bare organisation word ("die Bank")."""
    i = tok.i
    cue, compound = lex.is_org_cue(tok.lower_)
    if not (cue and _is_name_token(tok)):
        return None
    start, widened = _name_words_before(doc, i, lex, taken)
    end = _complement_end(doc, i + 1, lex)
    # specific: a compound or hyphenated word (Verfassungsgericht, Ifo-Institut), capitalised words before
    # it, a complement after it; in English any capitalised organisation word inside a sentence
    named = compound or bool(_HYPHEN_NAME.match(tok.text)) or widened or end > i + 1 or (
        lex.lang == "en" and not tok.is_sent_start)
    return (start, end) if named else None


def _name_words_before(doc: Doc, i: int, lex: Lexicon, taken: list[bool]) -> tuple[int, bool]:
    """Where the name of the organisation word ``i`` starts, and whether a capitalised word before it
    belongs to the name (Royal United Services Institute, Nationalen Sicherheitsrates, Deutsche Bank)."""
    start = i
    widened = False
    while start > 0 and not taken[start - 1]:
        prev = doc[start - 1]
        if prev.text in ("'", "’", "'s", "’s") and start > 1 and _is_name_token(doc[start - 2]) \
                and not doc[start - 2].is_sent_start:
            start -= 1  # "Football Supporters' Association": a possessive inside the name
            continue
        if not _is_name_token(prev) or prev.is_sent_start or prev.lower_ in lex.articles:
            break
        start -= 1
        widened = True
    return start, widened


def _complement_end(doc: Doc, end: int, lex: Lexicon) -> int:
    """Where an organisation's name ends that is followed by a complement (Institut für Sicherheitspolitik,
    Institute of Physics); ``end`` as it is when there is none."""
    if end + 1 < len(doc) and doc[end].lower_ in ("für", "of", "for", "der", "des") \
            and _is_name_token(doc[end + 1]):
        end += 2
        while end < len(doc) and _is_name_token(doc[end]) and lex.lang == "en":
            end += 1
    return end


def _surname_forms(surname: str, lex: Lexicon) -> set[str]:
    """The forms a surname takes later on: itself and, in German, its genitive or the name a genitive stands
    for ("Arabella Kiesbauers neues Format … sagt Kiesbauer")."""
    forms = {surname}
    if lex.lang == "de" and len(surname) > 3 and surname.isalpha():
        forms.add(surname[:-1] if surname.endswith("s") and not surname.endswith("ss") else surname + "s")
    return forms


def _add_aliases(doc: Doc, found: _Found) -> None:
    """Surnames seen with a first name are names later on ("Kirby sagte")."""
    if found.aliases:
        for i, tok in enumerate(doc):
            if not found.taken[i] and tok.text in found.aliases:
                found.add(i, i + 1, "person")
