"""The spaCy component writes findings to doc.spans["framing"]."""

from __future__ import annotations

import spacy

import detector.component  # noqa: F401 - registers the factory when not installed


def test_add_pipe():
    nlp = spacy.blank("de")
    nlp.add_pipe("framing_detector")
    doc = nlp("Stadt hat kein Wasser mehr\n\nDas Wasser sei knapp, argumentieren Analysten.")
    labels = {(s.text, s.label_) for s in doc.spans["framing"]}
    assert ("argumentieren Analysten", "unnamed_source") in labels
    assert doc.user_data["framing_report"]["lang"] == "de"
