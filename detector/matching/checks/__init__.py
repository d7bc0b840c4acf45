"""Kind ``check``: named built-in checks for what patterns cannot express.

A check is a class registered here by name; its parameters come from the rule
file (``match.params``) and are validated when the rule loads.
"""

from __future__ import annotations

from detector.errors import RuleError
from detector.matching.rule import Rule


def _registry() -> dict[str, type]:
    from detector.matching.checks.attribution import AttributionCheck
    from detector.matching.checks.headline import HeadlineOverstatementCheck
    from detector.matching.checks.passive import PassiveCheck
    from detector.matching.checks.question import QuestionCheck
    from detector.matching.checks.repetition import RepetitionCheck
    from detector.matching.checks.scare_quotes import ScareQuotesCheck

    return {
        "attribution": AttributionCheck,
        "headline_overstatement": HeadlineOverstatementCheck,
        "repetition": RepetitionCheck,
        "rhetorical_question": QuestionCheck,
        "scare_quotes": ScareQuotesCheck,
        "agentless_passive": PassiveCheck,
    }


def CheckMatcher(rule: Rule):  # noqa: N802 - a factory standing in for the matcher class
    name = rule.match["check"]
    registry = _registry()
    if name not in registry:
        raise RuleError(f"match/check: unknown check '{name}' (known: {', '.join(sorted(registry))})",
                        path=rule.path, line=rule.line_of("match"))
    cls = registry[name]
    params = rule.match.get("params", {}) or {}
    unknown = set(params) - set(cls.PARAMS)
    if unknown:
        raise RuleError(f"match/params: unknown parameter '{sorted(unknown)[0]}' for check '{name}' "
                        f"(known: {', '.join(sorted(cls.PARAMS))})", path=rule.path, line=rule.line_of("match"))
    return cls(rule, params)
