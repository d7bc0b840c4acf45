"""Kind ``tokens``: spaCy Matcher token patterns (validated when the rule loads).

Tokens carry ORTH/LOWER, a case-insensitive LEMMA, sentence starts and the
lexical flags (IS_TITLE, LIKE_NUM, …); there are no part-of-speech tags. An
optional ``span: [i, j]`` narrows each match to its tokens ``i`` to ``j - 1``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detector.analysis.nlp import pipeline
from detector.errors import RuleError
from detector.matching.kinds import Hit
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from detector.analysis import Analysis


def build_matcher(lang: str, key: str, patterns: list[list[dict]], rule: Rule, where: str,
                  greedy: str | None = "LONGEST"):
    """A spaCy Matcher for the patterns, or a RuleError naming the rule file."""
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher

    matcher = Matcher(pipeline(lang).vocab, validate=True)
    try:
        matcher.add(key, [_lower_lemmas(p) for p in patterns], greedy=greedy)
    except (MatchPatternError, ValueError, TypeError) as e:
        detail = " ".join(str(e).split())[:300]
        raise RuleError(f"{where}: invalid token pattern: {detail}", path=rule.path,
                        line=rule.line_of("match" if where.startswith("match") else "unless")) from None
    return matcher


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
