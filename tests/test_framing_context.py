"""Framing context: tabloid devices count where the document frames, not as a lone word in careful copy."""

from __future__ import annotations

from detector import analyze

CAREFUL = ("Stadt prüft Leitungen im Nordviertel\n\n"
           "Die Stadtwerke prüfen am Montag die Leitungen im Nordviertel, sagte Sprecherin Anna Keller. "
           "Der Film über den Streit, ein Liebesdrama, läuft ab Freitag im Kino. Es gab keine Verletzten.")
FRAMED = ("Wasser-Wahnsinn: Stadt lässt Bürger im Stich!\n\n"
          "Die Stadtwerke haben wieder versagt, und niemand übernimmt Verantwortung. Experten warnen, "
          "es drohe eine Katastrophe für uns alle. Wer glaubt da noch an die Versprechen der Bürokraten? "
          "Der Skandal ist ein Desaster mit Ansage, und zweifellos wird es noch schlimmer.")


def _devices(text: str) -> set[str]:
    return {f.device for f in analyze(text, lang="de").findings}


def test_a_lone_charged_word_in_careful_copy_is_not_a_finding():
    assert "loaded_language" not in _devices(CAREFUL)


def test_charged_words_count_where_the_article_frames():
    found = _devices(FRAMED)
    assert "loaded_language" in found and len(found - {"unnamed_source"}) >= 4


def test_the_condition_is_declared_in_the_rule_files():
    from detector.pipeline import Detector

    rules = {r.id: r for r in Detector(mode="rules").ruleset.rules}
    assert rules["de.wording.loaded-language"].where.get("framing_context") == 3
    assert "framing_context" not in rules["de.claims.speculation"].where  # speculation occurs alone in careful copy
