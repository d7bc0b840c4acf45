"""The article that started the project: the devices it must show and the names it must leave alone."""

from __future__ import annotations

import pytest

from detector import analyze
from tests.conftest import SHARED, check_report

SEED = SHARED / "examples" / "seed-de.txt"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/examples/seed-de.txt not present")


@pytest.fixture(scope="module")
def seed():
    text = SEED.read_text("utf-8")
    report = analyze(text).to_dict()
    check_report(report, text)
    return text, report


def _found(report, device):
    return [f for f in report["findings"] if f["device"] == device]


def test_language_is_german(seed):
    assert seed[1]["lang"] == "de"


def test_headline_overstatement_points_at_the_qualifying_sentence(seed):
    text, report = seed
    (f,) = _found(report, "headline_overstatement")
    assert f["part"] == "headline" and "keine Munition mehr" in f["text"]
    assert any("122-mm" in r["text"] for r in f["related"])


def test_unnamed_sources(seed):
    texts = [f["text"] for f in _found(seed[1], "unnamed_source")]
    assert any("I Think Tank Asiaten" in t for t in texts)
    assert any("argumentieren Analysten" in t for t in texts)


def test_relayed_expert(seed):
    texts = [f["text"] for f in _found(seed[1], "secondhand_source")]
    assert any("von The Guardian befragten Experten" in t for t in texts)
    relayed = [s for s in seed[1]["sources"] if s["kind"] == "relayed"]
    assert any("Guardian" in s["text"] for s in relayed)


def test_certainty_in_the_authors_voice_but_not_in_kirbys_quotation(seed):
    assert any(f["text"] == "mit Sicherheit" for f in _found(seed[1], "certainty_booster"))
    # "Unsere Informationen deuten darauf hin" opens Kirby's quotation: his evidence claim, credited to him
    assert not any(f["text"].startswith("Unsere Informationen") for f in seed[1]["findings"])


def test_named_sources_listed_and_not_flagged(seed):
    _, report = seed
    named = [s["text"] for s in report["sources"] if s["kind"] == "named"]
    assert any(t.startswith("John Kirby") for t in named)
    assert any(t.startswith("Jack Watling") for t in named)
    for f in report["findings"]:
        if f["family"] == "sourcing":
            assert "Kirby" not in f["text"] and "Watling" not in f["text"]


def test_named_sources_are_credited_with_their_quotations(seed):
    """Who says what: the quotations are Kirby's and Watling's words, not the author's."""
    _, report = seed
    by_name = {s["text"].split(",")[0]: s for s in report["sources"] if s.get("text")}
    kirby, watling = by_name["John Kirby"], by_name["Jack Watling"]
    assert kirby["form"] == watling["form"] == "direct"
    assert any(c["text"].startswith('"Unsere Informationen deuten darauf hin') for c in kirby["content"])
    assert any("122-mm-Artilleriegeschosse" in c["text"] for c in watling["content"])
    assert kirby["cue_start"] < kirby["start"]  # "er hat Reportern erzählt John Kirby": the cue before the name
