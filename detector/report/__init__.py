"""Report: the typed report model, its JSON Schema and the renderers."""

from detector.report.model import Finding, Related, Report, Score, Source

__all__ = ["Finding", "Related", "Report", "Score", "Source"]
