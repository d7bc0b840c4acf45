"""A rule as loaded from its YAML file."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_CONFIDENCE = 0.8  # a rule file without `confidence`


@dataclass
class Rule:
    id: str
    lang: str
    device: str
    family: str
    message: str
    explanation: str
    suggestion: str
    match: dict
    tests: dict
    description: str = ""
    severity: str = "warning"
    confidence: float = DEFAULT_CONFIDENCE
    weight: float = 1.0  # a finding's evidence for the score is its confidence times this (docs/scoring.md)
    enabled: bool = True
    references: list[str] = field(default_factory=list)
    where: dict = field(default_factory=dict)
    scope: str = "match"  # match | sentence
    unless: dict = field(default_factory=dict)
    path: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # top-level key → line in the file
    builtin: bool = True

    def unless_patterns(self, key: str) -> list[list[dict]]:
        """The token patterns of ``unless.<key>`` (followed_by, preceded_by, sentence_has)."""
        return unless_patterns(self.unless.get(key) or [])

    @property
    def voices(self) -> tuple[str, ...]:
        """The voices this rule applies to (:mod:`detector.analysis.voice`): ``where.voice``, else the
        author's own words, and for wording rules also the author's paraphrase of a named source
        (the claim is the source's, the words are the reporter's choice). A device in a source's
        verbatim words, an interviewer's question or a reader prompt is not the outlet's framing;
        a rule that looks there says so (scare quotes look at uncredited quotation marks)."""
        declared = self.where.get("voice")
        if declared:
            return tuple(declared)
        return ("author", "reported") if self.family == "wording" else ("author",)

    @property
    def kind(self) -> str:
        return self.match["kind"]

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)


def unless_patterns(value: list) -> list[list[dict]]:
    """An ``unless`` value is one token pattern or a list of them: always the list."""
    return value if value and isinstance(value[0], list) else [value] if value else []
