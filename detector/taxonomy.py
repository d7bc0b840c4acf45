"""The device taxonomy (ids and families), loaded from ``data/devices.yaml``."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def devices() -> dict[str, dict]:
    """Device id → {family, semeval, and optionally compares}."""
    text = resources.files("detector").joinpath("data/devices.yaml").read_text("utf-8")
    return yaml.safe_load(text)["devices"]


def family_of(device: str) -> str:
    return devices()[device]["family"]


def compares_headline(device: str) -> bool:
    """Do findings of ``device`` set the headline against its body (``compares: headline``)?"""
    return devices().get(device, {}).get("compares") == "headline"


def families() -> list[str]:
    return sorted({d["family"] for d in devices().values()})
