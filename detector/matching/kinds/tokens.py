"""Kind ``tokens``: spaCy Matcher token patterns (validated when the rule loads).

Tokens carry ORTH/LOWER, a case-insensitive LEMMA, sentence starts and the
lexical flags (IS_TITLE, LIKE_NUM, …); there are no part-of-speech tags. An
optional ``span: [i, j]`` narrows each match to its tokens ``i`` to ``j - 1``.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from detector.analysis.nlp import pipeline
from detector.errors import RuleError
from detector.matching.kinds import Hit
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from detector.analysis import Analysis


class _SharedMatcher:
    """One spaCy Matcher per language for every token pattern of every rule.

    Running one matcher over a document costs little more than running one pattern set, so all
    rules share it: it runs once per document and each rule reads the matches under its own key.
    """

    def __init__(self, lang: str) -> None:
        from spacy.matcher import Matcher

        self.matcher = Matcher(pipeline(lang).vocab, validate=True)
        self.count = 0
        self._doc = None
        self._found: dict[int, list[tuple[int, int, int]]] = {}

    def add(self, key: str, patterns: list[list[dict]], greedy: str | None) -> int:
        self.count += 1
        unique = f"{key}#{self.count}"  # a user rule may reuse a built-in rule's id
        self.matcher.add(unique, patterns, greedy=greedy)
        self._doc = None
        return self.matcher.vocab.strings[unique]

    def matches(self, doc, key: int) -> list[tuple[int, int, int]]:
        if doc is not self._doc:
            found: dict[int, list[tuple[int, int, int]]] = {}
            for m in self.matcher(doc):
                found.setdefault(m[0], []).append(m)
            self._doc, self._found = doc, found
        return self._found.get(key, [])


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
    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.span = rule.match.get("span")
        self.matcher = build_matcher(rule.lang, rule.id, rule.match["patterns"], rule, "match/patterns")

    def find(self, analysis: Analysis) -> list[Hit]:
        doc = analysis.doc
        hits = []
        for _, s, e in self.matcher(doc):
            if self.span:
                i, j = self.span
                n = e - s
                i, j = (i % n if i < 0 else i), (j if j > 0 else n + j)
                s, e = s + min(i, n - 1), s + max(min(j, n), min(i, n - 1) + 1)
            hits.append(Hit(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)))
        return hits
