"""Score: findings → a 0–100 total with its breakdown. Pure, no I/O beyond its settings file.

Each device adds at most its weight; its points saturate as findings accumulate
and are normalised for article length. ``total`` is the sum of ``by_device``
(capped at 100), so the breakdown explains the total exactly.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources

from detector import yamlio as fast_yaml
from detector.report.model import Finding, Score
from detector.taxonomy import family_of


@cache
def settings() -> dict:
    return fast_yaml.safe_load(resources.files("detector").joinpath("data/scoring.yaml").read_text("utf-8"))


def band_of(total: float, bands: dict[str, float] | None = None) -> str:
    bands = bands or settings()["bands"]
    name = "low"
    for band, lower in sorted(bands.items(), key=lambda kv: kv[1]):
        if total >= lower:
            name = band
    return name


def score(findings: list[Finding], words: int, weights: dict[str, float] | None = None, *,
          bands: dict[str, float] | None = None, framed: float | None = None) -> Score:
    """``bands`` overrides the settings' band thresholds (the model's, calibrated for its mode);
    ``framed`` is the article model's probability, reported beside the total."""
    cfg = settings()
    family_weights = cfg.get("family_weights", {})
    device_weights = {d: w * family_weights.get(family_of(d), 1.0) for d, w in cfg["device_weights"].items()}
    device_weights.update(weights or {})
    length = max(1.0, words / cfg["reference_words"])
    # the article model's verdict scales every device's points: a hedge in an article that reads
    # neutral as a whole counts less than the same hedge in one that reads framed
    factor = 1.0 if framed is None else 1.0 - cfg.get("article_weight", 0.0) * (1.0 - framed)
    strength: dict[str, float] = {}
    for f in findings:
        weight = f.strength if f.strength is not None else f.confidence
        strength[f.device] = strength.get(f.device, 0.0) + weight * cfg["severity_factor"][f.severity]
    by_device: dict[str, float] = {}
    for device, s in sorted(strength.items()):
        points = factor * device_weights.get(device, 10) * (1 - math.exp(-s / (cfg["saturation"] * length)))
        if points > 0:
            by_device[device] = round(points, 1)
    by_family: dict[str, float] = {}
    for device, pts in by_device.items():
        fam = family_of(device)
        by_family[fam] = round(by_family.get(fam, 0.0) + pts, 1)
    total = min(100, round(sum(by_device.values())))
    return Score(total=total, band=band_of(total, bands), by_device=by_device, by_family=by_family,
                 framed=None if framed is None else round(framed, 3))
