"""Analysis: language, quotations and the grammar's attribution decisions on text written for these tests
(who says what, case by case: detector/analysis/attribution/cases.yaml and tests/test_attribution_cases.py)."""

from __future__ import annotations

import pytest

from detector.analysis import analyse
from detector.analysis.quotes import find_quotes
from detector.document import Document
from detector.errors import LanguageError


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


def _persons(text: str, lang: str) -> list[str]:
    a = analyse(Document.from_text(text), lang)
    return [a.doc[e.start:e.end].text for e in a.entities if e.kind == "person"]


def test_a_role_or_trade_before_tagged_names_makes_a_person():
    # no first name from the list: the role word and the grammar step's proper-noun tags decide
    assert "Anselm Kowalczyk" in _persons("Der Bühnenbildner Anselm Kowalczyk sagte, das Stück sei fertig.", "de")
    assert "Wiebke Grootveld" in _persons("Das sei gelöst, sagte Bildungssprecherin Wiebke Grootveld.", "de")
    # near misses: a genitive after an office, an outlet before its name, a first name that opens the name
    assert _persons("Der Präsident Frankreichs sagte, es sei gut.", "de") == []
    assert _persons("The business newspaper Dagens Naeringsliv reported the stop.", "en") == []
    assert _persons("Anwalt Peter Zöchbauer kündigte Berufung an.", "de") == ["Peter Zöchbauer"]


def test_paragraph_numbers_are_one_owner_for_voice_attribution_and_role_features():
    from detector.analysis.nlp import make_doc, paragraphs

    doc = make_doc("Titel der Meldung\n\nErster Satz. Zweiter Satz.\nDritter Satz.\n\n\nVierter Satz.", "de")
    texts = [s.text.strip() for s in doc.sents]
    numbers = dict(zip(texts, paragraphs(doc), strict=True))
    assert numbers["Titel der Meldung"] == 0
    assert numbers["Erster Satz."] == numbers["Zweiter Satz."] == 1
    assert numbers["Dritter Satz."] == 2 and numbers["Vierter Satz."] == 3
    assert paragraphs(doc) is paragraphs(doc)  # computed once per document


def test_inventory_shows_the_preposition_as_cue_and_the_noun_of_saying_with_the_speaker():
    """The published German gold's convention: "nach" is the cue, "Angaben der Feuerwehr" the speaker mention;
    the kind is still decided by the owner (a named body: named)."""
    from detector import analyze

    text = ("Nach Angaben der Feuerwehr brannte die Halle vollständig ab. Seiner Ansicht nach war das vermeidbar, "
            "wie die Lokalzeitung berichtet.")
    sources = analyze(text, lang="de", headline=False).to_dict()["sources"]
    first = next(s for s in sources if s["cue"] == "Nach")
    assert first["text"] == "Angaben der Feuerwehr" and first["kind"] == "named"
    assert text[first["start"]:first["end"]] == first["text"]
    second = next(s for s in sources if s["cue"] == "nach")
    assert second["text"] == "Seiner Ansicht"
    relay = next(s for s in sources if s["cue"] == "berichtet")
    assert [c["text"] for c in relay["cues"]] == ["wie", "berichtet"]


def test_a_quotation_whose_next_paragraph_runs_on_is_two_quotations():
    """British copy opens each paragraph of a long quotation anew without closing the last; run together,
    a straight mark after a sentence's end opens the next part instead of closing the first."""
    from detector.analysis.quotes import find_quotes

    text = 'He said: "Prices rose in May. "We expect more of the same. Orders are up."\n\nThe rest.'
    assert [text[s:e] for s, e in find_quotes(text)] == ['"Prices rose in May.',
                                                        '"We expect more of the same. Orders are up."']
    plain = 'She called it "cheap". "Fine," he said.'
    assert [plain[s:e] for s, e in find_quotes(plain)] == ['"cheap"', '"Fine,"']

