"""A spaCy Matcher that runs, per document, only the patterns the document's words allow.

spaCy's Matcher starts every pattern at every token, a cost that grows with the number of patterns
whatever the text. Most patterns need some token to have one of a few words (a ``LOWER``, ``LEMMA`` or
``ORTH`` value or ``IN`` list on a token without an operator): where a document has none of them, the
pattern cannot match. :class:`AnchoredMatcher` gives each document a Matcher of only the patterns whose
required words it all holds (built once per such set, the last few kept), so it finds exactly what one
Matcher of all patterns finds.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

_WORD_ATTRS = {"LOWER": "LOWER", "LEMMA": "LEMMA", "ORTH": "ORTH", "TEXT": "ORTH"}  # pattern key → token attribute
_KEEP = 32  # subset matchers kept (a repeated text, or texts that allow the same patterns)
_FULL_SHARE = 0.7  # with this share of the patterns allowed, the Matcher of all patterns runs


Requirement = tuple[str, frozenset[int]]  # a token attribute and the words (string hashes) one token must have


def requirements(pattern: list[dict]) -> list[Requirement]:
    """What a document must hold for ``pattern`` to match there: for every token spec without an operator,
    each word key with a value or an ``IN`` list of strings (as the hashes spaCy compares)."""
    out = []
    for spec in pattern:
        if "OP" in spec:
            continue
        for key, value in spec.items():
            words = _words(value)
            if key in _WORD_ATTRS and words is not None:
                out.append((_WORD_ATTRS[key], words))
    return out


def _words(value) -> frozenset[int] | None:
    from spacy.strings import get_string_id  # a hash, or a symbol id ("number")

    if isinstance(value, str):
        return frozenset((get_string_id(value),))
    if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) \
            and all(isinstance(v, str) for v in value["IN"]):
        return frozenset(get_string_id(v) for v in value["IN"])
    return None


class AnchoredMatcher:
    """Token patterns under match keys, called on a Doc like a spaCy Matcher (no ``greedy`` filter; its
    matches are the same set, not necessarily in the same order)."""

    def __init__(self, vocab: Vocab, validate: bool = True) -> None:
        from spacy.matcher import Matcher

        self.vocab = vocab
        self.full = Matcher(vocab, validate=validate)  # every pattern: validates them, and runs when most are allowed
        self.patterns: list[tuple[str, list[dict], list[Requirement]]] = []
        self._subsets: OrderedDict[tuple[int, ...], object] = OrderedDict()

    def __len__(self) -> int:
        return len(self.patterns)

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        """Add patterns under ``key`` (spaCy validates them first: an invalid one adds nothing)."""
        self.full.add(key, patterns)
        self.patterns += [(key, p, requirements(p)) for p in patterns]
        self._subsets.clear()

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        allowed = self.allowed(doc)
        if not allowed:
            return []
        if len(allowed) >= _FULL_SHARE * len(self.patterns):
            return self.full(doc)
        return self._subset(allowed)(doc)

    def allowed(self, doc: Doc) -> tuple[int, ...]:
        """The indexes of the patterns whose required words ``doc`` holds (its words read as they are now)."""
        held: dict[str, set[int]] = {}
        out = []
        for k, (_, _, needs) in enumerate(self.patterns):
            ok = True
            for attr, words in needs:
                if attr not in held:
                    held[attr] = set(doc.to_array(attr).tolist())
                if words.isdisjoint(held[attr]):
                    ok = False
                    break
            if ok:
                out.append(k)
        return tuple(out)

    def _subset(self, allowed: tuple[int, ...]):
        """A Matcher of the patterns ``allowed``, in their order and under their keys (kept for reuse)."""
        matcher = self._subsets.get(allowed)
        if matcher is not None:
            self._subsets.move_to_end(allowed)
            return matcher
        from spacy.matcher import Matcher

        matcher = Matcher(self.vocab, validate=False)  # validated when added
        by_key: dict[str, list[list[dict]]] = {}
        for k in allowed:
            key, pattern, _ = self.patterns[k]
            by_key.setdefault(key, []).append(pattern)
        for key, patterns in by_key.items():
            matcher.add(key, patterns)
        self._subsets[allowed] = matcher
        if len(self._subsets) > _KEEP:
            self._subsets.popitem(last=False)
        return matcher
