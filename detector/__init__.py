"""framing-detector: finds the devices by which news text frames its readers.

>>> from detector import analyze
>>> report = analyze("Experten warnen vor dem Winter\n\nDas sagen Experten.", lang="de")
>>> report.to_dict()["score"]["band"] in {"low", "moderate", "high"}
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from detector.version import __version__

__all__ = ["Detector", "Report", "__version__", "analyze"]

if TYPE_CHECKING:
    from detector.pipeline import Detector, analyze
    from detector.report.model import Report


def __getattr__(name: str) -> Any:  # lazy: `import detector` stays cheap
    if name in ("analyze", "Detector"):
        from detector import pipeline

        return getattr(pipeline, name)
    if name == "Report":
        from detector.report.model import Report

        return Report
    raise AttributeError(name)
