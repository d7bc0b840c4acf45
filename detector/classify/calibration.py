"""The shipped confidence calibration, applied to every finding when scoring.

The table (``detector/models/calibration.json``) gives each device of a language the share of its
findings that were right on annotated real news; :mod:`detector.classify.calibrate` fits it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

FORMAT = "framing-detector-calibration"
VERSION = 1


def table_path() -> Path:
    return Path(str(resources.files("detector").joinpath("models", "calibration.json")))


@cache
def calibration_table() -> dict:
    """The shipped table: ``{lang: {"default": p, "devices": {device: p}}}`` (empty when absent)."""
    path = table_path()
    if not path.exists():
        return {}
    data = json.loads(path.read_text("utf-8"))
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        return {}
    return data.get("languages", {})


def calibrated(lang: str, device: str, raw: float) -> float:
    """The calibrated confidence of a finding of ``device`` (``raw`` where the language has no table)."""
    table = calibration_table().get(lang)
    if not table:
        return raw
    return table["devices"].get(device, table["default"])
