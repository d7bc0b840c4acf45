"""A rule's ``match`` block → its matcher: the generic kinds (:mod:`detector.matching.kinds`) or a
check (:mod:`detector.matching.checks`). ``compile_rule(rule) -> Matcher``; ``Matcher.find(analysis) -> list[Hit]``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from detector.matching.hit import Matcher
    from detector.matching.rule import Rule


def compile_rule(rule: Rule) -> Matcher:
    """Compile a rule with the module of its kind (raises RuleError on bad patterns)."""
    kind = rule.kind
    if kind == "terms":
        from detector.matching.kinds.terms import TermsMatcher

        return TermsMatcher(rule)
    if kind == "tokens":
        from detector.matching.kinds.tokens import TokensMatcher

        return TokensMatcher(rule)
    if kind == "regex":
        from detector.matching.kinds.regex import RegexMatcher

        return RegexMatcher(rule)
    from detector.matching.checks import CheckMatcher

    return CheckMatcher(rule)
