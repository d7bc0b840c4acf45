"""Renderers: a :class:`~detector.report.model.Report` → text. They never recompute findings.

Each text format is a module of this package with a ``render(report, path=None) -> str`` function;
:func:`render_report` dispatches by format name, so a new format is a new module, nothing else.
"""

from __future__ import annotations

import importlib
import json

from detector.report.model import Report

TEXT_FORMATS = ("json", "jsonl", "html", "markdown", "line")


def render_report(report: Report, fmt: str, path: str | None = None) -> str:
    """Render one report as ``fmt`` (json, jsonl, or a renderer module's name)."""
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(report.to_dict(), ensure_ascii=False) + "\n"
    module = importlib.import_module(f"detector.report.render.{fmt}")
    return module.render(report, path=path)
