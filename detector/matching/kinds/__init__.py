"""Rule kinds: each compiles a rule's ``match`` block into a matcher with one interface.

``compile(rule) -> Matcher``; ``Matcher.find(analysis) -> list[Hit]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from detector.analysis import Analysis
    from detector.matching.rule import Rule
    from detector.report.model import Related


@dataclass
class Hit:
    start: int  # character offsets into the document text
    end: int
    related: list[Related] = field(default_factory=list)
    confidence: float | None = None
    message: str | None = None


class Matcher(Protocol):
    def find(self, analysis: Analysis) -> list[Hit]: ...


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
