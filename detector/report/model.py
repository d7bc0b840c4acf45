"""The report: the one typed object every output is rendered from."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field

SCHEMA_VERSION = "1"
SEVERITIES = ("info", "warning", "error")


@dataclass
class Related:
    """A passage that explains a finding (e.g. the body sentence that qualifies a headline)."""

    start: int
    end: int
    text: str
    role: str = "evidence"


@dataclass
class Finding:
    device: str
    family: str
    rule: str
    start: int
    end: int
    text: str
    part: str
    sentence: int
    severity: str
    confidence: float
    origin: str
    message: str
    explanation: str
    suggestion: str
    related: list[Related] = field(default_factory=list)
    # the evidence weight the score counts (the rule's confidence, raised by the classifier), kept when
    # ``confidence`` is calibrated for readers; not part of the report
    strength: float | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("strength")
        if not self.related:
            d.pop("related")
        return d


@dataclass
class Passage:
    """A stretch of the document: credited content, a cue part, a resolved mention."""

    start: int
    end: int
    text: str


@dataclass
class Source:
    """One attribution of the sourcing inventory: who (``text``), by which words (``cue``), is
    credited with what (``content``), in which ``form``. No speaker ("es heißt"): ``text``,
    ``start`` and ``end`` are ``None`` and left out of the JSON."""

    text: str | None
    kind: str  # named | unnamed | relayed
    start: int | None
    end: int | None
    cue: str = ""
    sentence: int = 0
    cue_start: int | None = None
    cue_end: int | None = None
    cues: list[Passage] = field(default_factory=list)  # every part of a cue in several parts ("teilte … mit")
    form: str = "indirect"  # direct | indirect | free_indirect | reported
    content: list[Passage] = field(default_factory=list)
    resolved: Passage | None = None
    layer: str = "rules"  # rules | model: which layer of the attribution analysis found it

    def speaker_label(self, refers_to: str, no_speaker: str) -> str:
        """The speaker as a reader sees it: "er (meint Jack Watling)", or a placeholder when no one is named."""
        if self.text is None:
            return no_speaker
        who = " ".join(self.text.split())
        return f"{who} ({refers_to} {' '.join(self.resolved.text.split())})" if self.resolved else who

    def credited_excerpt(self, width: int = 160) -> str:
        """What the source is credited with, on one line, shortened in the middle of a word at most once."""
        text = " … ".join(" ".join(c.text.split()) for c in self.content)
        return text if len(text) <= width else text[:width - 1].rstrip() + "…"

    def to_dict(self) -> dict:
        d = asdict(self)
        for key in ("text", "start", "end", "cue_start", "cue_end", "resolved"):
            if d[key] is None:
                d.pop(key)
        if len(self.cues) < 2:
            d.pop("cues")
        return d


@dataclass
class Score:
    total: int
    band: str
    by_device: dict[str, float]
    by_family: dict[str, float]
    framed: float | None = None  # the article model's P(framed), when the classifier ran

    def to_dict(self) -> dict:
        d = asdict(self)
        if self.framed is None:
            d.pop("framed")
        return d


@dataclass
class Report:
    id: str
    lang: str
    text: str
    headline: tuple[int, int] | None
    score: Score
    findings: list[Finding]
    sources: list[Source]
    stats: dict[str, int]
    meta: dict = field(default_factory=dict)
    source: str | None = None
    decisions: dict = field(default_factory=dict)  # how the headline and the language were decided
    schema_version: str = SCHEMA_VERSION
    # character spans of the analysis's sentences, for renderers that show a finding in its sentence; kept
    # in memory, not part of the JSON report (a report read back from JSON shows the finding alone)
    sentences: list[tuple[int, int]] = field(default_factory=list, repr=False, compare=False)

    def to_dict(self) -> dict:
        d = {
            "schema_version": self.schema_version,
            "id": self.id,
            "lang": self.lang,
            "headline": {"start": self.headline[0], "end": self.headline[1]} if self.headline else None,
            "score": self.score.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "sources": [s.to_dict() for s in self.sources],
            "stats": dict(self.stats),
        }
        if self.decisions:
            d["decisions"] = dict(self.decisions)
        if self.meta:
            d["meta"] = self.meta
        return d

    @property
    def headline_comparisons(self) -> list[Finding]:
        """The findings that set the headline against its body (the reports' comparison section)."""
        from detector.taxonomy import compares_headline  # the taxonomy file is read only when a report renders

        return [f for f in self.findings if compares_headline(f.device)]

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """From the start of the sentence that holds ``start`` to the end of the one that holds ``end``
        (``start``, ``end`` themselves when the report has no sentences)."""
        starts = [s for s, _ in self.sentences]
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, max(start, end - 1)) - 1
        if first < 0:
            return start, end
        return min(start, self.sentences[first][0]), max(end, self.sentences[last][1])

    @property
    def headline_text(self) -> str:
        return self.text[self.headline[0]:self.headline[1]] if self.headline else ""

    def max_severity(self) -> int:
        return max((SEVERITIES.index(f.severity) for f in self.findings), default=-1)
