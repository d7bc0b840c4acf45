"""The trained classifier: its JSON model file, deterministic training, and its findings in reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from detector.classify.model import dumps, load_model, model_from_dict
from detector.classify.train import train
from detector.document import Document
from tests.conftest import ROOT, check_report


def _records(lang: str, split: str, n: int) -> list[dict]:
    lines = (ROOT / "corpora" / lang / f"{split}.jsonl").read_text("utf-8").splitlines()
    return [json.loads(x) for x in lines[:n]]


@pytest.fixture(scope="session")
def small_model(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("model") / "small.json"
    figs = train(ROOT / "corpora", out, limit=6, echo=lambda _s: None)
    return out, figs


def test_training_is_deterministic(small_model, tmp_path):
    first, _ = small_model
    again = tmp_path / "again.json"
    train(ROOT / "corpora", again, limit=6, echo=lambda _s: None)
    assert first.read_bytes() == again.read_bytes()


def test_training_reports_dev_figures(small_model):
    _, figs = small_model
    for lang in ("de", "en"):
        dev = figs["langs"][lang]["dev"]
        assert set(dev) == {"rules", "classifier", "both"}
        assert 0 <= dev["both"]["spans"]["micro"]["f1"] <= 1 and 0 <= dev["both"]["auc_total"] <= 1
    for bands in figs["bands"].values():
        assert bands["low"] == 0 < bands["moderate"] < bands["high"] <= 100


def test_model_file_round_trip(small_model):
    path, _ = small_model
    text = path.read_text("utf-8")
    data = json.loads(text)
    assert dumps(data) == text  # what is loaded serialises back to the same bytes
    model = load_model(path)
    again = model_from_dict(json.loads(dumps(data)), "copy")
    for lang, lm in model.langs.items():
        other = again.langs[lang]
        assert lm.devices == other.devices and lm.vectorizer.vocab == other.vectorizer.vocab
        assert (lm.coef == other.coef).all() and (lm.threshold == other.threshold).all()


def test_user_model_gives_the_same_reports_as_in_memory(small_model):
    from detector.pipeline import Detector

    path, _ = small_model
    rec = _records("de", "dev", 1)[0]
    doc = Document.from_parts(rec["headline"], rec["body"], id=rec["id"], lang="de")
    a = Detector(mode="both", model=path).run(doc, "de").to_dict()
    b = Detector(mode="both", model=str(path)).run(doc, "de").to_dict()
    assert a == b


@pytest.mark.parametrize("content", [
    b"{not json",
    b'{"hello": "world"}',
    b"\xff\xfe\x00garbage",
    b'{"format": "framing-detector-model", "version": 1, "features": {"word_ngrams": [1, 2], '
    b'"char_ngrams": [3, 5]}, "langs": {"de": {"vocab": ["a"], "idf": ["x"]}}}',
])
def test_corrupt_or_foreign_model_is_one_line_exit_2(tmp_path, content):
    bad = tmp_path / "bad-model.json"
    bad.write_bytes(content)
    article = tmp_path / "a.txt"
    article.write_text("Experten warnen\n\nExperten warnen vor dem Winter.\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "detector.cli", "score", str(article), "--model", str(bad)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad-model.json" in lines[0] and "Traceback" not in r.stderr


def test_truncated_shipped_model_is_refused(tmp_path):
    from detector.classify.model import default_model_path
    from detector.errors import ModelError

    bad = tmp_path / "cut.json"
    bad.write_bytes(default_model_path().read_bytes()[:5000])
    with pytest.raises(ModelError, match="cut.json"):
        load_model(bad)
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "missing.json")


@pytest.fixture(scope="module")
def dev_reports():
    """Reports of a few dev articles in each mode (the shipped model)."""
    from detector.pipeline import Detector

    detectors = {m: Detector(mode=m) for m in ("rules", "classifier", "both")}
    out = []
    for lang in ("de", "en"):
        for rec in _records(lang, "dev", 6):
            doc = Document.from_parts(rec["headline"], rec["body"], id=rec["id"], lang=lang)
            out.append((doc, {m: d.run(doc, lang) for m, d in detectors.items()}))
    return out


def test_classifier_findings_carry_origin_and_confidence(dev_reports):
    seen = 0
    for doc, reports in dev_reports:
        for mode in ("classifier", "both"):
            report = reports[mode]
            check_report(report.to_dict(), doc.text)
            for f in report.findings:
                if f.origin == "classifier":
                    seen += 1
                    assert f.rule == "classifier" and 0 < f.confidence <= 1
                    assert f.message and f.explanation and f.suggestion
                else:
                    assert mode == "both" and f.origin == "rule"
            assert report.score.framed is not None and 0 <= report.score.framed <= 1
        assert reports["rules"].score.framed is None
        assert all(f.origin == "rule" for f in reports["rules"].findings)
    assert seen > 0


def test_rule_findings_stand_and_no_duplicate_where_a_rule_covers(dev_reports):
    raised = 0
    for _doc, reports in dev_reports:
        # the evidence (before calibration): the classifier raises a rule finding it agrees with
        rule_only = {(f.device, f.start, f.end): f.strength for f in reports["rules"].findings}
        both = reports["both"].findings
        kept = {(f.device, f.start, f.end): f.strength for f in both if f.origin == "rule"}
        # every rule finding stands; a rule that needs a framing context may stand only in "both" mode,
        # where the classifier's probability of framing is that context (scoring.in_framing_context)
        assert rule_only.keys() <= kept.keys()
        assert all(kept[k] >= rule_only[k] for k in rule_only)
        raised += sum(kept[k] > rule_only[k] for k in rule_only)
        for c in (f for f in both if f.origin == "classifier"):
            assert not any(r.device == c.device and r.start < c.end and c.start < r.end
                           for r in both if r.origin == "rule")
    assert raised > 0


def test_unknown_mode_is_a_usage_error():
    from detector.errors import FramingError
    from detector.pipeline import Detector

    with pytest.raises(FramingError, match="mode"):
        Detector(mode="magic")


def test_prediction_matches_the_training_matrix():
    """The numpy prediction path and the sparse matrix the models were fitted on agree (empty rows too)."""
    from collections import Counter

    import numpy as np

    from detector.classify.features import Sentence

    lm = load_model().langs["de"]
    items = [Sentence(0, 0, 1, "body", Counter(), Counter()),
             Sentence(1, 0, 1, "body", Counter({"w:der": 2, "p:body": 1}), Counter({"der": 2})),
             Sentence(2, 0, 1, "body", Counter({"unknown": 1}), Counter({"qqqq": 1})),
             Sentence(3, 0, 1, "lede", Counter({"w:die": 1, "q:none": 1}), Counter({"die": 1, "dieser": 1})),
             Sentence(4, 0, 1, "body", Counter(), Counter())]
    x = lm.vectorizer.transform(items).toarray()
    expected = 1 / (1 + np.exp(-(x @ lm.coef.T + lm.intercept)))
    assert np.allclose(lm.probabilities(items), expected)


def test_evaluate_errors_lists_sentences_only_the_classifier_flags():
    r = subprocess.run([sys.executable, "-m", "detector.cli", "evaluate", str(ROOT / "corpora/de/dev.jsonl"),
                        "--mode", "classifier", "--errors", "--format", "json"], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    only = [e for e in json.loads(r.stdout)["errors"] if e["type"] == "classifier_only"]
    assert only and all(e["rule"] == "classifier" and isinstance(e["correct"], bool) for e in only)


def test_unknown_mode_on_the_command_line_is_one_line_exit_2(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Experten warnen\n\nExperten warnen vor dem Winter.\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "detector.cli", "score", str(article), "--mode", "magic"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "--mode" in r.stderr


def test_mode_reaches_the_workers_of_a_collection(tmp_path):
    corpus = tmp_path / "three.jsonl"
    corpus.write_text("\n".join((ROOT / "corpora/en/dev.jsonl").read_text("utf-8").splitlines()[:3]) + "\n", encoding="utf-8")
    for mode, has_framed in (("rules", False), ("both", True)):
        r = subprocess.run([sys.executable, "-m", "detector.cli", "score", str(corpus), "--format", "jsonl", "--jobs", "2",
                            "--mode", mode], capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        lines = [json.loads(x) for x in r.stdout.splitlines()]
        assert len(lines) == 3 and all(("framed" in x["score"]) == has_framed for x in lines)


def test_coefficients_round_trip_through_base64_and_old_lists_still_load():
    import numpy as np

    from detector.classify.model import _matrix, encode_matrix
    from detector.errors import ModelError

    m = np.array([[0.5, -1.25, 3.0], [0.0, 2.5, -0.125]])
    assert np.array_equal(_matrix("m.json", "coef", encode_matrix(m), 2, 3), m)
    assert np.array_equal(_matrix("m.json", "coef", m.tolist(), 2, 3), m)  # version 1 files
    with pytest.raises(ModelError, match="m.json"):
        _matrix("m.json", "coef", encode_matrix(m), 3, 2)  # the shape must fit the vocabulary
    with pytest.raises(ModelError, match="base64"):
        _matrix("m.json", "coef", {"dtype": "float32", "shape": [2, 3], "base64": "not base64!"}, 2, 3)
