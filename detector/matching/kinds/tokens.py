"""Kind ``tokens``: spaCy Matcher token patterns (validated when the rule loads).

Tokens carry ORTH/LOWER, a case-insensitive LEMMA, sentence starts, the lexical flags (IS_TITLE,
LIKE_NUM, …) and, from the grammar step, ``POS`` (Universal POS), ``TAG`` (STTS for German, CLAWS5
for English) and ``MORPH`` ("Mood=Sub", "VerbForm=Part"). The grammar step runs only where it
decides something: a pattern with grammar keys first matches without them (its *prefilter*), and
only the sentences it finds are tagged before the pattern itself is matched. An optional
``span: [i, j]`` narrows each match to its tokens ``i`` to ``j - 1``.
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from detector.analysis.nlp import pipeline
from detector.errors import RuleError
from detector.matching.hit import Hit
from detector.matching.kinds.anchored import AnchoredMatcher
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from detector.analysis import Analysis


class _SharedMatcher:
    """One spaCy Matcher per language for every token pattern of every rule.

    Running one matcher over a document costs little more than running one pattern set, so all
    rules share it: it runs once per document and each rule reads the matches under its own key.
    spaCy's Matcher tries every pattern at every token, so a pattern that is only a fixed
    sequence of words (each ``LOWER`` or each ``LEMMA``, a value or an ``IN`` list, no operators)
    goes to a PhraseMatcher instead, as every sequence it stands for: a hash look-up per token,
    whatever the number of patterns; the other patterns run only where a document holds the words
    they need (:class:`~detector.matching.kinds.anchored.AnchoredMatcher`). The ``greedy`` filter is
    applied here, over all matchers (it reads the set of matches, not their order).
    """

    def __init__(self, lang: str) -> None:
        from spacy.matcher import PhraseMatcher

        vocab = pipeline(lang).vocab
        self.lang = lang
        self.matcher = AnchoredMatcher(vocab)
        self.prefilter = AnchoredMatcher(vocab)  # grammar-keyed patterns without their grammar keys
        self.grammar_matcher = AnchoredMatcher(vocab)  # grammar-keyed patterns, run where the prefilter found some
        self.phrases = {attr: PhraseMatcher(vocab, attr=attr) for attr in _PHRASE_ATTRS}
        self._used: set[str] = set()  # which of "tokens", "LOWER", "LEMMA" hold patterns
        self._greedy: dict[int, str] = {}
        self.count = 0
        self._doc = None
        self._found: dict[int, list[tuple[int, int, int]]] = {}

    def add(self, key: str, patterns: list[list[dict]], greedy: str | None) -> int:
        from spacy.tokens import Doc

        self.count += 1
        unique = f"{key}#{self.count}"  # a user rule may reuse a built-in rule's id
        general = []
        phrases: dict[str, list[Doc]] = {}
        for pattern in patterns:
            fixed = _fixed_sequences(pattern)
            if fixed is None:
                general.append(pattern)
                continue
            attr, sequences = fixed
            vocab = self.matcher.vocab
            phrases.setdefault(attr, []).extend(
                Doc(vocab, words=list(seq), lemmas=list(seq) if attr == "LEMMA" else None) for seq in sequences)
        keyed = [p for p in general if _has_grammar(p)]
        general = [q for p in general if not _has_grammar(p) for q in _expand_first(p)]  # same matches, found faster
        if keyed:  # validated first: nothing is added if a pattern is invalid
            self.grammar_matcher.add(unique, keyed)
            self.prefilter.add(unique, [_without_grammar(p) for p in keyed])
            self._used.add("grammar")
        if general:
            self.matcher.add(unique, general)
            self._used.add("tokens")
        for attr, docs in phrases.items():
            self.phrases[attr].add(unique, docs)
            self._used.add(attr)
        match_id = self.matcher.vocab.strings[unique]
        if greedy:
            self._greedy[match_id] = greedy
        self._doc = None
        return match_id

    def matches(self, doc, key: int) -> list[tuple[int, int, int]]:
        if doc is not self._doc:
            self._doc, self._found = doc, self._match_all(doc)
        return self._found.get(key, [])

    def _match_all(self, doc) -> dict[int, list[tuple[int, int, int]]]:
        """Every rule's matches in ``doc`` by match id, from each matcher that holds patterns, with the
        rules' ``greedy`` filters applied."""
        found: dict[int, list[tuple[int, int, int]]] = {}
        if "grammar" in self._used:
            _file_by_id(found, self._grammar_matches(doc))
        if "tokens" in self._used:
            _file_by_id(found, self.matcher(doc))
        for attr, phrase_matcher in self.phrases.items():
            if attr in self._used:
                _file_by_id(found, phrase_matcher(doc))
        for k, greedy in self._greedy.items():
            if k in found:
                found[k] = _filter(found[k], greedy)
        return found

    def _grammar_matches(self, doc) -> list[tuple[int, int, int]]:
        """Matches of the grammar-keyed patterns: the sentences their prefilter finds are tagged first,
        then the patterns that read the tags are matched; none where the prefilter finds nothing."""
        from detector.analysis.grammar import grammar

        wanted = {k for _, s, e in self.prefilter(doc) for k in range(s, e)}
        if not wanted:
            return []
        grammar(self.lang).annotate(doc, wanted)
        return self.grammar_matcher(doc) if doc.has_annotation("TAG") else []


def _file_by_id(found: dict[int, list[tuple[int, int, int]]], matches) -> None:
    """Add matches to ``found`` under their match id, in the order they come."""
    for m in matches:
        found.setdefault(m[0], []).append(m)


_PHRASE_ATTRS = ("LOWER", "LEMMA")
_GRAMMAR_ATTRS = ("POS", "TAG", "MORPH")


def _has_grammar(pattern: list[dict]) -> bool:
    return any(attr in spec for spec in pattern for attr in _GRAMMAR_ATTRS)


def _without_grammar(pattern: list[dict]) -> list[dict]:
    """The pattern with its grammar keys left out: where it could match once the grammar step has run."""
    return [{k: v for k, v in spec.items() if k not in _GRAMMAR_ATTRS} for spec in pattern]
_MAX_SEQUENCES = 256


def _fixed_sequences(pattern: list[dict]) -> tuple[str, list[tuple[str, ...]]] | None:
    """The attribute and every word sequence of a pattern that is only fixed words, else ``None``."""
    if not pattern:
        return None
    attrs = {attr for spec in pattern for attr in spec}
    if len(attrs) != 1 or not attrs <= set(_PHRASE_ATTRS):
        return None
    attr = attrs.pop()
    options = []
    total = 1
    for spec in pattern:
        words = [spec[attr]] if isinstance(spec[attr], str) else _in_list(spec[attr])
        if not words or not all(w and " " not in w for w in words):
            return None
        total *= len(words)
        if total > _MAX_SEQUENCES:
            return None
        options.append(words)
    return attr, list(itertools.product(*options))


_MAX_FIRST_VALUES = 8


def _expand_first(pattern: list[dict]) -> list[list[dict]]:
    """A pattern that starts with a short ``IN`` list, as one pattern per value of that list.

    spaCy's Matcher evaluates an ``IN`` list as a Python predicate at every token where a pattern
    could start, while a plain value is compared in C; later tokens are only tried where a match
    has begun, so they keep their lists. Long lists stay lists: each extra pattern costs too
    (measured: up to 8 values is faster, 64 is not).
    """
    first = pattern[0] if pattern else {}
    sets = [a for a, v in first.items() if isinstance(v, dict)]
    if "OP" in first or len(sets) != 1 or sets[0] not in _PHRASE_ATTRS:
        return [pattern]
    values = _in_list(first[sets[0]])
    if not values or len(values) > _MAX_FIRST_VALUES:
        return [pattern]
    return [[{**first, sets[0]: v}, *pattern[1:]] for v in values]


def _in_list(value) -> list[str] | None:
    """The distinct words of ``{"IN": [words]}``; ``None`` for any other predicate."""
    if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) \
            and all(isinstance(v, str) for v in value["IN"]):
        return list(dict.fromkeys(value["IN"]))
    return None


def _filter(matches: list[tuple[int, int, int]], greedy: str) -> list[tuple[int, int, int]]:
    """spaCy's ``greedy`` filter: non-overlapping matches, the longest (or first) ones first."""
    if greedy == "FIRST":
        ordered = sorted(matches, key=lambda m: (m[1], -m[2]))
    else:
        ordered = sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
    taken: set[int] = set()
    out = []
    for m in ordered:
        span = range(m[1], m[2])
        if not taken.intersection(span):
            out.append(m)
            taken.update(span)
    return out


_CURRENT: ContextVar[dict[str, _SharedMatcher] | None] = ContextVar("shared_matchers", default=None)


@contextmanager
def shared_matchers():
    """Rules compiled inside this block share one matcher per language (see :class:`_SharedMatcher`)."""
    token = _CURRENT.set({})
    try:
        yield
    finally:
        _CURRENT.reset(token)


class SharedPatterns:
    """A rule's view of the shared matcher; called on a Doc like a spaCy Matcher."""

    def __init__(self, shared: _SharedMatcher, key: int) -> None:
        self.shared, self.key = shared, key

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        return self.shared.matches(doc, self.key)


def build_matcher(lang: str, key: str, patterns: list[list[dict]], rule: Rule, where: str,
                  greedy: str | None = "LONGEST") -> SharedPatterns:
    """The rule's patterns in the language's shared matcher, or a RuleError naming the rule file."""
    from spacy.errors import MatchPatternError

    lowered = [_lower_lemmas(p) for p in patterns]
    pool = _CURRENT.get()
    shared = pool.setdefault(lang, _SharedMatcher(lang)) if pool is not None else _SharedMatcher(lang)
    try:  # spaCy validates every pattern before it adds any, so a bad rule leaves the matcher as it was
        return SharedPatterns(shared, shared.add(key, lowered, greedy))
    except (MatchPatternError, ValueError, TypeError) as e:
        detail = " ".join(str(e).split())[:300]
        raise RuleError(f"{where}: invalid token pattern: {detail}", path=rule.path,
                        line=rule.line_of("match" if where.startswith("match") else "unless")) from None


def _lower_lemmas(pattern: list[dict]) -> list[dict]:
    """Lemmas are stored lower-cased, so patterns are compared lower-cased too."""
    out = []
    for spec in pattern:
        spec = dict(spec)
        for attr in ("LEMMA", "LOWER"):
            v = spec.get(attr)
            if isinstance(v, str):
                spec[attr] = v.lower()
            elif isinstance(v, dict):
                spec[attr] = {k: _lower_list(vals) for k, vals in v.items()}
        out.append(spec)
    return out


def _lower_list(vals):
    if not isinstance(vals, list):
        return vals
    return [x.lower() if isinstance(x, str) else x for x in vals]


class TokensMatcher:
    """A rule's token patterns. A pattern may be focused (``{tokens: [...], span: [i, j]}``): it must match
    as a whole, but its finding is only tokens ``i`` to ``j - 1`` ("liegt nahe" before a comma, not the
    comma); a rule-level ``span`` focuses every plain pattern."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        plain = [p for p in rule.match["patterns"] if not isinstance(p, dict)]
        focused: dict[tuple[int, int], list[list[dict]]] = {}
        for p in rule.match["patterns"]:
            if isinstance(p, dict):
                focused.setdefault(tuple(p["span"]), []).append(p["tokens"])
        span = rule.match.get("span")
        self.groups = [(tuple(span) if span else None,
                        build_matcher(rule.lang, rule.id, plain, rule, "match/patterns"))] if plain else []
        self.groups += [(sp, build_matcher(rule.lang, f"{rule.id}@{sp[0]}:{sp[1]}", pats, rule, "match/patterns"))
                        for sp, pats in focused.items()]

    def find(self, analysis: Analysis) -> list[Hit]:
        doc = analysis.doc
        hits = []
        for span, matcher in self.groups:
            for _, s, e in matcher(doc):
                if span:
                    s, e = _focus(s, e, span)
                hits.append(Hit(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)))
        return hits


def _focus(s: int, e: int, span: tuple[int, int]) -> tuple[int, int]:
    """Tokens ``i`` to ``j - 1`` of the match ``s``–``e`` (negative: from its end), at least one token."""
    i, j = span
    n = e - s
    i, j = (i % n if i < 0 else i), (j if j > 0 else n + j)
    return s + min(i, n - 1), s + max(min(j, n), min(i, n - 1) + 1)
