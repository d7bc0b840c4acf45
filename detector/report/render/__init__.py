"""Renderers: a :class:`~detector.report.model.Report` → text. They never recompute findings."""
