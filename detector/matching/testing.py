"""Run rules' inline tests: ``match`` cases (expected spans marked ``[[…]]``) and ``ok`` cases.

A case with a line break has a headline (its first line); a one-line case is all body. A case tests
what the rule's pattern or check finds in a sentence; a document-level condition (``where:
framing_context``, the other framing findings of the whole article) is not part of it and is tested
with whole documents (:mod:`detector.matching.context`, tests/test_framing_context.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from detector.analysis import analyse
from detector.document import Document
from detector.markup import MarkupError, parse_markup
from detector.matching.engine import compile_rules, run_rules
from detector.matching.rule import Rule


@dataclass
class CaseResult:
    rule: str
    kind: str  # match | ok
    index: int
    text: str
    missed: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> bool:
        return not (self.missed or self.unexpected or self.error)

    def to_dict(self) -> dict:
        return {"rule": self.rule, "case": f"{self.kind}[{self.index}]", "text": self.text,
                "passed": self.passed, "missed": self.missed, "unexpected": self.unexpected,
                "error": self.error}


def run_case(rule: Rule, compiled, marked: str, kind: str, index: int) -> CaseResult:
    try:
        text, spans = parse_markup(marked)
    except MarkupError as e:
        return CaseResult(rule.id, kind, index, marked, error=f"bad markup: {e}")
    doc = Document.from_text(text, id=f"{rule.id}:{kind}[{index}]", lang=rule.lang,
                             headline="\n" in text.strip())
    findings = run_rules(compiled, analyse(doc, rule.lang))
    got = {(f.start, f.end) for f in findings}
    result = CaseResult(rule.id, kind, index, text)
    if kind == "match":
        want = {(s.start, s.end) for s in spans}
        if not want:
            result.error = "a match case must mark its expected span with [[…]]"
        result.missed = [text[s:e] for s, e in sorted(want - got)]
        result.unexpected = [text[s:e] for s, e in sorted(got - want)]
    else:
        result.unexpected = [text[s:e] for s, e in sorted(got)]
    return result


def test_rule(rule: Rule) -> list[CaseResult]:
    """All inline cases of one rule, run with that rule alone."""
    from dataclasses import replace

    compiled = compile_rules([replace(rule, enabled=True)])
    results = []
    for kind in ("match", "ok"):
        for i, case in enumerate(rule.tests.get(kind, [])):
            results.append(run_case(rule, compiled, case, kind, i))
    return results
