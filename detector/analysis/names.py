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
        # acronyms and names with an acronym part: RUSI, SWP, Ifo-Institut
        if _ACRONYM.match(t) and t not in lex.not_acronyms and sum(c.isupper() for c in t) >= 2:
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
