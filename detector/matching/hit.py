"""What every matcher returns: a hit (character offsets, related spans, confidence, message), and the
interface every rule kind and check compiles to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from detector.analysis import Analysis
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
