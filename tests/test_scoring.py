"""The score: explained exactly by its breakdown, normalised for length, banded by dev-calibrated thresholds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from detector.classify.model import load_model
from detector.report.model import Finding
from detector.scoring import band_of, score
from detector.scoring import settings as score_settings
from detector.taxonomy import devices, family_of

DEVICES = sorted(devices())


def finding(device: str, confidence: float = 0.9, severity: str = "warning") -> Finding:
    return Finding(device=device, family=family_of(device), rule="t", start=0, end=1, text="x", part="body",
                   sentence=0, severity=severity, confidence=confidence, origin="rule", message="", explanation="",
                   suggestion="")


findings_st = st.lists(st.builds(finding, st.sampled_from(DEVICES), st.floats(0.05, 1.0),
                                 st.sampled_from(["info", "warning", "error"])), max_size=40)


@settings(max_examples=200, deadline=None)
@given(findings_st, st.integers(1, 5000), st.none() | st.floats(0, 1))
def test_breakdown_explains_the_total(fs, words, framed):
    sc = score(fs, words, framed=framed)
    assert 0 <= sc.total <= 100
    assert sc.total == min(100, round(sum(sc.by_device.values())))
    per_family: dict[str, float] = {}
    for d, pts in sc.by_device.items():
        per_family[family_of(d)] = per_family.get(family_of(d), 0) + pts
    assert per_family.keys() == sc.by_family.keys()
    assert all(abs(per_family[f] - sc.by_family[f]) <= 0.05 * len(sc.by_device) + 1e-9 for f in per_family)
    assert set(sc.by_device) <= {f.device for f in fs}


@settings(max_examples=100, deadline=None)
@given(findings_st, st.integers(1, 3000))
def test_longer_article_same_findings_never_scores_higher(fs, words):
    assert score(fs, words * 3).total <= score(fs, words).total


@settings(max_examples=100, deadline=None)
@given(findings_st, st.integers(1, 3000), st.floats(0, 1))
def test_article_model_only_damps(fs, words, framed):
    assert score(fs, words, framed=0.0).total <= score(fs, words, framed=framed).total <= score(fs, words).total + 1


def _bands_of_every_mode() -> list[dict]:
    return [score_settings()["bands"], *load_model().bands.values()]


def test_long_neutral_article_with_a_few_hedges_stays_low():
    hedges = [finding("speculation", 0.6, "info"), finding("vague_quantifier", 0.6, "info"),
              finding("speculation", 0.5, "info")]
    for bands in _bands_of_every_mode():
        assert band_of(score(hedges, 1500, framed=0.1).total, bands) == "low"
        assert band_of(score(hedges, 1500).total, bands) == "low"


def test_short_tabloid_piece_scores_high():
    loud = [finding(d) for d in ("clickbait", "loaded_language", "fear_appeal", "rhetorical_question",
                                 "unnamed_source", "absolute_claim", "labeling", "headline_overstatement")
            for _ in range(2)]
    for bands in _bands_of_every_mode():
        assert band_of(score(loud, 180, framed=0.95).total, bands) == "high"
        assert band_of(score(loud, 180).total, bands) == "high"


def test_band_thresholds_are_lower_bounds():
    for bands in _bands_of_every_mode():
        assert bands["low"] == 0 < bands["moderate"] < bands["high"] <= 100
        assert band_of(0, bands) == "low"
        assert band_of(bands["moderate"] - 1, bands) == "low"
        assert band_of(bands["moderate"], bands) == "moderate"
        assert band_of(bands["high"] - 1, bands) == "moderate"
        assert band_of(bands["high"], bands) == "high"
        assert band_of(100, bands) == "high"


def test_detector_bands_follow_its_mode():
    from detector.document import Document
    from detector.pipeline import Detector

    doc = Document.from_text("Schock: Alle Experten sind sich einig\n\nNiemand kann das noch leugnen. "
                             "Wer glaubt da noch an Zufall?\n", lang="de")
    model = load_model()
    for mode in ("classifier", "both"):
        sc = Detector(mode=mode).run(doc, "de").score
        assert sc.band == band_of(sc.total, model.bands[mode])
    sc = Detector(mode="rules").run(doc, "de").score
    assert sc.band == band_of(sc.total)


def test_calibrated_confidence_is_shown_and_the_evidence_is_scored():
    """The report's confidence is the calibrated one (of the device's findings on real copy, how many were
    right); the score still counts the evidence the rules and the classifier found."""
    from detector import analyze
    from detector.classify.calibration import calibration_table
    from detector.pipeline import Detector

    text = "Stadt hat kein Wasser mehr\n\nDas Wasser sei knapp, argumentieren Analysten.\n"
    shown = analyze(text, lang="de")
    raw = analyze(text, lang="de", detector=Detector(calibrate=False))
    table = calibration_table()["de"]
    for f in shown.findings:
        assert f.confidence == table["devices"].get(f.device, table["default"])
    assert shown.score.total == raw.score.total
    assert [f.device for f in shown.findings] == [f.device for f in raw.findings]


def test_a_rules_weight_scales_its_findings_share_of_the_score(tmp_path):
    from detector.config import Config
    from detector.document import Document
    from detector.pipeline import Detector

    text = "Experten sagen, die Lage sei ernst. Beobachter sprechen von einer Krise. Kritiker warnen vor Folgen."
    doc = Document.from_text(text)

    def total(weight: float) -> tuple[int, int]:
        cfg = Config(rule={"de.sourcing.unnamed-source": {"weight": weight}})
        report = Detector(config=cfg, mode="rules").run(doc, "de")
        return report.score.total, len(report.findings)

    base, n = total(1.0)
    assert n >= 2 and base > 0
    double, n2 = total(2.0)
    zero, n0 = total(0.0)
    assert double > base > zero and n2 == n0 == n  # the findings stay in the report; only their points change
