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


def _match_phrase(words: list[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    for ph in _index(phrases).get(words[i], ()):
        n = len(ph)
        if tuple(words[i:i + n]) == ph:
            return n
    return 0


_NAME_TAGS = frozenset({"NE", "NP0", ""})  # where the grammar step tagged the sentence, the name must be tagged a name


def is_role_word(tok: Token, lex: Lexicon) -> bool:
    """A word for someone by office, trade or role, also as a compound's head ("US-Schauspieler", "Bildungssprecher")."""
    low = tok.lower_.rsplit("-", 1)[-1]
    if lex.is_relay_word(low) or lex.is_org_cue(low)[0]:
        return False  # "die Zeitung Mira", "the newspaper Dagens Næringsliv": an outlet or organisation
    return low in lex.role_forms or lex.is_person_noun(low) or lex.is_source_noun(low) or (
        lex.lang == "de" and len(low) >= 8 and any(low[k:] in lex.role_forms for k in range(3, len(low) - 4)))


def _name_after_role(doc: Doc, i: int, lex: Lexicon, taken: list[bool]) -> int:
    """How many name words follow the role word at ``i`` (0 when none): names the grammar step tagged as
    proper nouns, or, in an untagged sentence, capitalised words that are no lexicon noun."""
    tok = doc[i]
    if not (tok.is_alpha or "-" in tok.text) or (lex.lang == "de" and not tok.text[:1].isupper()):
        return 0
    if i + 1 < len(doc) and (doc[i + 1].text in lex.first_names or doc[i + 1].text in lex.titles):
        return 0  # "Anwalt Peter Zöchbauer": the first name opens the name (see find_entities)
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


def find_entities(doc: Doc, lex: Lexicon) -> list[Entity]:
    """Return non-overlapping entities, left to right."""
    ents: list[Entity] = []
    taken = [False] * len(doc)
    aliases: set[str] = set()

    def add(start: int, end: int, kind: str) -> None:
        if any(taken[start:end]):
            return
        for k in range(start, end):
            taken[k] = True
        ents.append(Entity(start, end, kind))

    # gazetteers first: outlets, institutions, capitals
    words = [t.text for t in doc]
    for i in range(len(doc)):
        for phrases, kind in ((lex.outlets, "outlet"), (lex.institutions, "org"), (lex.metonyms, "place")):
            n = _match_phrase(words, i, phrases)
            if n:
                start = i - 1 if kind == "outlet" and i > 0 and doc[i - 1].text in ("The", "the") else i
                add(start, i + n, kind)
                break

    for i, tok in enumerate(doc):
        if taken[i]:
            continue
        t = tok.text
        # persons: first name or title followed by capitalised words
        first = t in lex.first_names or ("-" in t and all(p in lex.first_names for p in t.split("-")))
        if (first or t in lex.titles) and i + 1 < len(doc) and _is_name_token(doc[i + 1]):
            j = i + 1
            while j < len(doc) and j - i <= 4 and (
                    _is_name_token(doc[j]) or (doc[j].lower_ in _PARTICLES and j + 1 < len(doc)
                                               and _is_name_token(doc[j + 1]))):
                if lex.lang == "de" and j > i + 1 and doc[j].lower_ in lex.source_forms:
                    break
                j += 1
            start = i + 1 if t in lex.titles else i
            add(start, j, "person")
            aliases.add(doc[j - 1].text)
            continue
        # a role or trade word and then a name: "der US-Schauspieler Bryan Cranston", "Trainerin Koch"
        n = _name_after_role(doc, i, lex, taken)
        if n:
            add(i + 1, i + 1 + n, "person")
            aliases.add(doc[i + n].text)
            continue
        # acronyms and names with an acronym part: RUSI, SWP, Ifo-Institut
        if (_ACRONYM.match(t) or _MIXED_ACRONYM.match(t)) and t not in lex.not_acronyms and sum(c.isupper() for c in t) >= 2:
            add(i, i + 1, "org")
            continue
        lower = tok.lower_
        cue, compound = lex.is_org_cue(lower)
        if cue and _is_name_token(tok):
            start, end = i, i + 1
            named = compound or bool(_HYPHEN_NAME.match(t))
            # capitalised words before it belong to the name (Royal United Services Institute,
            # Nationalen Sicherheitsrates, Deutsche Bank)
            while start > 0 and not taken[start - 1]:
                prev = doc[start - 1]
                if prev.text in ("'", "’", "'s", "’s") and start > 1 and _is_name_token(doc[start - 2]) \
                        and not doc[start - 2].is_sent_start:
                    start -= 1  # "Football Supporters' Association": a possessive inside the name
                    continue
                if not _is_name_token(prev) or prev.is_sent_start or prev.lower_ in lex.articles:
                    break
                start -= 1
                named = True
            # a complement: Institut für Sicherheitspolitik, Institute of Physics
            if end + 1 < len(doc) and doc[end].lower_ in ("für", "of", "for", "der", "des") \
                    and _is_name_token(doc[end + 1]):
                end += 2
                while end < len(doc) and _is_name_token(doc[end]) and lex.lang == "en":
                    end += 1
                named = True
            if lex.lang == "en" and not tok.is_sent_start:
                named = True
            if named:
                add(start, end, "org")
            continue

    # surnames seen with a first name are names later on ("Kirby sagte")
    if aliases:
        for i, tok in enumerate(doc):
            if not taken[i] and tok.text in aliases:
                add(i, i + 1, "person")
    ents.sort(key=lambda e: e.start)
    return ents
