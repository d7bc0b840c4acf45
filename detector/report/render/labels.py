"""Interface words of the renderers, in the article's language."""

LABELS = {
    "de": {"score": "Framing-Score", "band": {"low": "niedrig", "moderate": "mittel", "high": "hoch"},
           "findings": "Befunde", "sources": "Quelleninventar", "device": "Mittel", "points": "Punkte",
           "why": "Warum es zählt", "ask": "Nachfragen", "named": "genannt", "unnamed": "ungenannt",
           "relayed": "aus zweiter Hand", "none": "Keine Befunde.", "no_sources": "Keine Zuschreibungen gefunden.",
           "headline": "Schlagzeile", "evidence": "Im Text", "sentence": "Satz", "kind": "Art", "source": "Quelle",
           "framed": "Modell: Wahrscheinlichkeit einer framenden Darstellung"},
    "en": {"score": "Framing score", "band": {"low": "low", "moderate": "moderate", "high": "high"},
           "findings": "Findings", "sources": "Sourcing inventory", "device": "Device", "points": "Points",
           "why": "Why it matters", "ask": "Ask", "named": "named", "unnamed": "unnamed",
           "relayed": "relayed", "none": "No findings.", "no_sources": "No attributions found.",
           "headline": "Headline", "evidence": "In the body", "sentence": "Sentence", "kind": "Kind",
           "source": "Source", "framed": "Model: probability the article frames its subject"},
}
