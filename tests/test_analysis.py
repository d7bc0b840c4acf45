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
    ("Wie Medien berichten, ist der Verkauf beschlossen.", "relayed"),
    ("Wie die Süddeutsche Zeitung berichtet, ist der Verkauf beschlossen.", "named"),  # the outlet's own report
    ("Der junge Familienvater erklärt, er könne nicht zurück.", "named"),  # a person the story introduced
    ("Seine Eltern sagten, er habe sich gefreut.", "named"),
])
def test_german_sources(text, expected):
    assert expected in [k for _, k in sources(text, "de")]


@pytest.mark.parametrize("text,expected", [
    ("Inflation will fall, said Priya Nair, an economist at the IMF.", "named"),
    ("Inflation will fall, several economists said on Monday.", "unnamed"),
    ("According to media reports, the firm is for sale.", "relayed"),
    ("According to a report in the Wall Street Journal, the firm is for sale.", "named"),  # a named outlet's own report
])
def test_english_sources(text, expected):
    assert expected in [k for _, k in sources(text, "en")]


@pytest.mark.parametrize("text,speakers", [
    ("Teachers who leave state schools early will have to repay the bonus.", set()),  # "state" is a noun here
    ("People waited for the word \"warning\" and ignored everything before it.", set()),
    # whom the reported clause is about is not its speaker; the one who speaks may be found
    ("Its president, Ana Ruiz, said doctors would stop taking new patients in January.", {"Ana Ruiz"}),
    ("The association welcomed the cap but said its members faced rising costs.", {"The association"}),
    ("Its secretary, Tom Hale, said the union would advise members to reject the offer.", {"Tom Hale"}),
])
def test_english_words_that_only_look_like_attributions(text, speakers):
    assert {s for s, _ in sources(text, "en")} <= speakers


@pytest.mark.parametrize("text,source", [
    ("The plan will fail, said analysts.", "analysts"),
    ("Officials state that the plan will fail.", "Officials"),
    ("The report, insiders claim, is wrong.", "insiders"),
    ("Experts fear the worst.", "Experts"),
    ("The plan will fail, said officials at the ministry.", "officials"),
])
def test_english_unnamed_sources_around_ambiguous_verbs(text, source):
    assert (source, "unnamed") in [(s.split()[0], k) for s, k in sources(text, "en")]


@pytest.mark.parametrize("text,expected", [
    ("Hebammen aus der Region warnen, dass die Geburtsstation schließt.", [("Hebammen", "unnamed")]),
    ("Insider aus der Branche sprechen von einem Desaster.", [("Insider", "unnamed")]),
    ("Der Landwirt Hans Maier sagte, die Ernte falle aus.", [("Hans Maier sagte", "named")]),
    ("Die Kosten steigen, heißt es in einem Bericht der Lokalpresse.", [("heißt es in einem Bericht der Lokalpresse", "relayed")]),
    ("Die Kosten steigen, heißt es in der Begründung des Bescheids.", [("heißt es in der Begründung des Bescheids", "named")]),
    ("Der Plan sei tot, hieß es aus Koalitionskreisen.", [("hieß es aus Koalitionskreisen", "unnamed")]),
    ("Bis Donnerstag heißt es in Medyka: Warten.", []),
    ("Es heißt, der Plan sei tot.", [("Es heißt", "relayed")]),  # hearsay with no source at all
    ("Die Landwirte protestierten am Montag vor dem Landtag.", []),
    ("Mutter Sandra K. sagt, ihr Sohn esse nur noch Nudeln.", [("Mutter Sandra", "named")]),
    ("Der Forscher Jens-Uwe Harms sagte, ohne Sand gehe es nicht.", [("Jens-Uwe Harms sagte", "named")]),
    ("Nach Angaben des Vorstandssprechers der Volksbank schließen 42 Filialen.", [("Nach Angaben des Vorstandssprechers", "named")]),
    ("Anwohner, die ihren Namen nicht nennen wollen, sprechen von Betrug.",
     [("Anwohner, die ihren Namen nicht nennen wollen, sprechen", "unnamed")]),
])
def test_german_people_and_impersonal_sources(text, expected):
    a = analyse(Document.from_text(text, headline=False), "de")
    assert [(a.text[slice(*a.char_span(*x.span))], x.kind) for x in a.attributions] == expected


def test_english_hearsay_without_a_source_is_relayed():
    assert sources("It is said that the firm hired forty staff.", "en") == [("It is said", "relayed")]


def test_english_passive_addressee_is_not_a_source():
    assert sources("All parents have been told about the closure.", "en") == []
    assert ("A sergeant", "unnamed") in [(" ".join(s.split()[:2]), k) for s, k in
                                         sources("A sergeant with two decades on the job told me that crews are exhausted.", "en")]


@pytest.mark.parametrize("text,expected", [
    ("Dr Hamish Lowe, a building physicist at the University of Strathclyde, said heat pumps could fail.",
     ("Dr Hamish Lowe", "named")),  # the subject before an appositive
    ("The fans will protest, according to the Football Supporters' Association.",
     ("according to the Football Supporters' Association", "named")),  # a possessive inside a name
])
def test_english_names_around_appositives_and_possessives(text, expected):
    a = analyse(Document.from_text(text, headline=False), "en")
    assert expected in [(a.text[slice(*a.char_span(*x.span))], x.kind) for x in a.attributions]


def _attributions(text, lang):
    a = analyse(Document.from_text(text, headline=False), lang)
    span = lambda r: a.text[slice(*a.char_span(*r))]  # noqa: E731
    return [(span(x.source), x.kind, [span(c) for c in x.all_cues], [span(c) for c in x.content]) for x in a.attributions]


def test_grammar_decides_separable_cues_titles_and_reported_speech():
    # a separable verb of cognition: the particle (tagged PTKVZ) belongs to the cue
    (src, kind, cues, content), = _attributions("Die Forscher gehen davon aus, dass der Wert weiter steigt.", "de")
    assert (src, kind) == ("Die Forscher", "unnamed") and "gehen davon aus" in cues
    assert content == ["dass der Wert weiter steigt"]
    # a proper noun after a role noun: the name completes a named source
    assert _attributions("Das bestätigte der Ökonom Jonas Weidinger am Dienstag.", "de")[0][:2] == (
        "der Ökonom Jonas Weidinger", "named")
    # Konjunktiv I goes on reporting the last speaker, sentence after sentence
    (src, kind, _, content), = _attributions(
        "Die Bürgermeisterin äußerte sich am Montag. Die Lage sei ernst. Man müsse sparen.", "de")
    assert src == "Die Bürgermeisterin" and content == ["Die Lage sei ernst.", "Man müsse sparen."]
    # the name May against the modal may and the month
    assert _attributions("May said the deal would pass.", "en")[0][:2] == ("May", "named")
    assert [a[0] for a in _attributions("Prices may rise in May, the bank said.", "en")] == ["the bank"]
