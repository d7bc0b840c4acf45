"""Validate a report dict against the published JSON Schema (``report/schema.json``)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def report_schema() -> dict:
    return json.loads(resources.files("detector.report").joinpath("schema.json").read_text("utf-8"))


def validate_report(report: dict) -> None:
    """Raise ``jsonschema.ValidationError`` when ``report`` breaks the contract."""
    from jsonschema import Draft202012Validator

    Draft202012Validator(report_schema()).validate(report)
