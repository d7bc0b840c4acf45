"""Interface words of the renderers, in the article's language."""

from functools import cache
from importlib import resources

from detector import yamlio as fast_yaml

LABELS = {
    "de": {"score": "Framing-Score", "band": {"low": "niedrig", "moderate": "mittel", "high": "hoch"},
           "findings": "Befunde", "sources": "Quelleninventar", "device": "Mittel", "points": "Punkte",
           "why": "Warum es zählt", "ask": "Nachfragen", "suggest": "Vorschlag", "named": "genannt", "unnamed": "ungenannt",
           "relayed": "aus zweiter Hand", "none": "Keine Befunde.", "no_sources": "Keine Zuschreibungen gefunden.",
           "headline": "Schlagzeile", "evidence": "Im Text", "sentence": "Satz", "kind": "Art", "source": "Quelle",
           "framed": "Modell: Wahrscheinlichkeit einer framenden Darstellung"},
    "en": {"score": "Framing score", "band": {"low": "low", "moderate": "moderate", "high": "high"},
           "findings": "Findings", "sources": "Sourcing inventory", "device": "Device", "points": "Points",
           "why": "Why it matters", "ask": "Ask", "suggest": "Suggestion", "named": "named", "unnamed": "unnamed",
           "relayed": "relayed", "none": "No findings.", "no_sources": "No attributions found.",
           "headline": "Headline", "evidence": "In the body", "sentence": "Sentence", "kind": "Kind",
           "source": "Source", "framed": "Model: probability the article frames its subject"},
}


@cache
def _ui() -> dict:
    text = resources.files("detector.report.render").joinpath("labels.yaml").read_text("utf-8")
    return fast_yaml.safe_load(text)


def labels(lang: str) -> dict:
    """All interface words for ``lang`` (de or en; anything else falls back to en)."""
    lang = lang if lang in LABELS else "en"
    return {**LABELS[lang], **_ui()[lang]["words"]}


@cache
def _device_names(lang: str) -> dict[str, str]:
    text = resources.files("detector").joinpath(f"data/explanations/{lang}.yaml").read_text("utf-8")
    return {d: e["name"] for d, e in (fast_yaml.safe_load(text).get("devices") or {}).items() if isinstance(e, dict) and "name" in e}


def device_name(device: str, lang: str) -> str:
    """The display name of a device in ``lang`` (from data/explanations); its id when it has none."""
    return _device_names("de" if lang == "de" else "en").get(device, device)


def family_name(family: str, lang: str) -> str:
    return _ui()["de" if lang == "de" else "en"]["families"].get(family, family)
