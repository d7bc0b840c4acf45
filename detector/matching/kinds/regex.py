"""Kind ``regex``: a last resort, compiled with RE2 so that no rule can hang the tool.

RE2 runs in time linear in the text; back-references and look-around are not
available. A named group ``span`` narrows the finding to that group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detector.errors import RuleError
from detector.matching.hit import Hit
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from detector.analysis import Analysis


def compile_re2(pattern: str, ignorecase: bool, rule: Rule):
    import re2

    options = re2.Options()
    options.case_sensitive = not ignorecase
    options.max_mem = 8 << 20
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as e:
        detail = e.args[0].decode() if e.args and isinstance(e.args[0], bytes) else str(e)
        raise RuleError(f"match/pattern: invalid regular expression ({detail}); RE2 syntax has no "
                        "back-references or look-around", path=rule.path, line=rule.line_of("match")) from None


class RegexMatcher:
    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.regex = compile_re2(rule.match["pattern"], rule.match.get("ignorecase", True), rule)
        self.group = self.regex.groupindex.get("span", 0)

    def find(self, analysis: Analysis) -> list[Hit]:
        hits = []
        for m in self.regex.finditer(analysis.text):
            s, e = m.span(self.group)
            if s >= 0 and e > s:
                hits.append(Hit(s, e))
        return hits
