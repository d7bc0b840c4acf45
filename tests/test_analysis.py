"""Analysis: language, quotations, names and attributions on text written for these tests."""

from __future__ import annotations

import pytest

from detector.analysis import analyse
from detector.analysis.quotes import find_quotes
from detector.document import Document
from detector.errors import LanguageError


def sources(text, lang):
    a = analyse(Document.from_text(text, headline=False), lang)
    return [(a.text[slice(*a.char_span(*x.source))], x.kind) for x in a.attributions]


def test_language_detection_and_refusal():
    assert analyse(Document.from_text("Die Regierung hat am Montag einen Plan vorgelegt, der viel kostet.")).lang == "de"
    assert analyse(Document.from_text("The government presented a plan on Monday that will cost a lot.")).lang == "en"
    with pytest.raises(LanguageError, match="French"):
        analyse(Document.from_text("Le gouvernement a présenté lundi un plan qui coûtera cher aux familles."))


def test_quotes_mixed_marks():
    text = "Er sagte „Ja“ und dann \"Nein\" und «Vielleicht»."
    spans = [text[s:e] for s, e in find_quotes(text)]
    assert spans == ["„Ja“", "\"Nein\"", "«Vielleicht»"]


def test_unclosed_quote_ends_at_paragraph():
    text = "„Das stimmt nicht, sagte sie.\n\nNeuer Absatz."
    assert find_quotes(text) == [(0, text.index("\n"))]


@pytest.mark.parametrize("text,expected", [
    ("Die Ökonomin Maria Roth von der Universität Mannheim sagte, das Wachstum sinke.", "named"),
    ("Das Wachstum sinke, sagte ein Sprecher des Bundesfinanzministeriums.", "named"),
    ("Das Wachstum sinke, sagten Finanzexperten am Montag.", "unnamed"),
    ("Nach Angaben von Insidern ist der Verkauf beschlossen.", "unnamed"),
    ("Wie die Süddeutsche Zeitung berichtet, ist der Verkauf beschlossen.", "relayed"),
])
def test_german_sources(text, expected):
    assert expected in [k for _, k in sources(text, "de")]


@pytest.mark.parametrize("text,expected", [
    ("Inflation will fall, said Priya Nair, an economist at the IMF.", "named"),
    ("Inflation will fall, several economists said on Monday.", "unnamed"),
    ("According to a report in the Wall Street Journal, the firm is for sale.", "relayed"),
])
def test_english_sources(text, expected):
    assert expected in [k for _, k in sources(text, "en")]
