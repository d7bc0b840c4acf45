"""Property test: arbitrary text never raises and every offset holds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detector import analyze
from detector.errors import FramingError
from tests.conftest import check_report

PIECES = st.sampled_from([
    "Experten warnen", "„", "“", "\"", "«", "»", "‚", "‘", "\u0301", "😀", "שלום", "مرحبا", "\x00", "\x07",
    "\n", "\n\n", " ", "keine Munition mehr", "argumentieren Analysten", "?", "mit Sicherheit", "Laut",
    "analysts argue", "reportedly", "John Kirby", "-", ".", "Die", "the",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["de", "en"]))
def test_arbitrary_text(text, lang):
    try:
        report = analyze(text, lang=lang).to_dict()
    except FramingError:
        return
    check_report(report, text)


def test_one_very_long_line():
    text = "Titel\n\n" + ("Experten warnen laut Analysten „mit Sicherheit“ " * 5000)[:200_000]
    report = analyze(text, lang="de").to_dict()
    check_report(report, text)
