from __future__ import annotations

from pathlib import Path

import pytest

from detector.report.validate import validate_report

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def detector():
    from detector.pipeline import Detector

    return Detector()


def check_report(report: dict, text: str) -> None:
    """Every produced report: schema-valid and offsets exact."""
    validate_report(report)
    for f in report["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
        for r in f.get("related", []):
            assert text[r["start"]:r["end"]] == r["text"]
    for s in report["sources"]:
        if "text" in s:
            assert text[s["start"]:s["end"]] == s["text"]
        if "cue_start" in s:
            assert text[s["cue_start"]:s["cue_end"]] == s["cue"]
        for part in s.get("content", []) + s.get("cues", []) + ([s["resolved"]] if "resolved" in s else []):
            assert text[part["start"]:part["end"]] == part["text"]
    assert report["score"]["total"] == min(100, round(sum(report["score"]["by_device"].values())))
