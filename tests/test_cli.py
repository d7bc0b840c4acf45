"""The `framing` command as a user runs it: formats, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import check_report

ARTICLE = ("Experten: Die Stadt hat kein Wasser mehr\n\n"
           "In zwei Straßen des Nordviertels könnte der Wasserdruck am Abend sinken, argumentieren Beobachter. "
           "Der Versorger sei zweifellos überfordert, heißt es. Die Sprecherin der Stadtwerke, Anna Keller, "
           "sagte, es gebe keine Verletzten.\n")


def run(*args, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "detector.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture()
def article(tmp_path) -> Path:
    p = tmp_path / "artikel.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_json_report(article):
    r = run("score", str(article), "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    check_report(report, ARTICLE)
    assert report["lang"] == "de" and report["id"] == "artikel"
    assert {"headline_overstatement", "unnamed_source"} <= {f["device"] for f in report["findings"]}


def test_terminal_report(article):
    r = run("score", str(article))
    assert r.returncode == 0 and "Framing-Score" in r.stdout and "Quelleninventar" in r.stdout


def test_stdin_and_fail_on(article):
    r = run("score", "-", "--format", "json", "--fail-on", "warning", stdin=ARTICLE)
    assert r.returncode == 1 and json.loads(r.stdout)["id"] == "stdin"
    r = run("score", "-", "--format", "json", "--fail-on-score", "100", stdin=ARTICLE)
    assert r.returncode == 0


def test_jsonl_batch_keeps_every_document(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text(json.dumps({"id": "a", "headline": "Experten warnen", "body": "Experten warnen vor dem Winter."})
                 + "\nnot json\n" + json.dumps({"id": "fr", "body": "Le gouvernement a présenté un plan pour les retraites."})
                 + "\n", encoding="utf-8")
    r = run("score", str(p), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a", "batch:2", "fr"]
    assert "error" in lines[1] and lines[2]["error"]["kind"] == "language"


@pytest.mark.parametrize("args,needle", [
    (["score", "nope.txt"], "nope.txt: no such file"),
    (["score", "x.txt", "--lang", "fr"], "--lang must be de or en"),
    (["rules", "show", "no.such.rule"], "no rule with id"),
])
def test_errors_are_one_line_exit_2(args, needle):
    r = run(*args)
    assert r.returncode == 2
    assert needle in r.stderr and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_bad_user_rule_exit_2(tmp_path, article):
    (tmp_path / "bad.yaml").write_text("id: de.x\nlang: de\ndevice: nope\n", encoding="utf-8")
    r = run("score", str(article), "--rules", str(tmp_path))
    assert r.returncode == 2 and "bad.yaml" in r.stderr and "Traceback" not in r.stderr


def test_rules_test_json():
    r = run("rules", "test", "--format", "json")
    assert r.returncode == 0, r.stdout[-2000:]
    data = json.loads(r.stdout)
    assert data["failed"] == 0 and data["cases"] > 20


def test_config_disables_device(tmp_path, article):
    cfg = tmp_path / "framing.toml"
    cfg.write_text('disable = ["device:headline_overstatement"]\n', encoding="utf-8")
    r = run("score", str(article), "--format", "json", "--config", str(cfg))
    assert r.returncode == 0, r.stderr
    assert "headline_overstatement" not in {f["device"] for f in json.loads(r.stdout)["findings"]}


@pytest.mark.parametrize("fmt,needle", [("html", "<!DOCTYPE html>"), ("markdown", "Framing-Score"), ("line", ":1:")])
def test_text_report_formats(article, tmp_path, fmt, needle):
    r = run("score", str(article), "--format", fmt)
    assert r.returncode == 0, r.stderr
    assert needle in r.stdout
    out = tmp_path / f"report.{fmt}"
    r = run("score", str(article), "--format", fmt, "--output", str(out))
    assert r.returncode == 0 and r.stdout == "" and needle in out.read_text("utf-8")


def test_line_format_for_a_batch_and_html_needs_a_folder(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text("".join(json.dumps({"id": i, "headline": "Experten warnen", "body": "Experten warnen vor dem Winter."}) + "\n"
                         for i in ("a", "b")) + "not json\n", encoding="utf-8")
    r = run("score", str(p), "--format", "line")
    assert r.returncode == 0, r.stderr
    assert r.stdout and all(x.startswith(f"{p}:") for x in r.stdout.splitlines())
    assert "batch:3" in r.stderr  # the broken line is reported, the batch went on
    r = run("score", str(p), "--format", "html")
    assert r.returncode == 2 and "--output DIR" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_profile_shows_where_the_time_went(article):
    r = run("score", str(article), "--format", "json", "--profile")
    assert r.returncode == 0, r.stderr
    json.loads(r.stdout)  # the report is untouched: the profile goes to stderr
    lines = r.stderr.splitlines()
    assert lines[0].startswith("framing: profile,")
    stages = {line.split()[0] for line in lines[1:]}
    assert {"start-up", "tokenise", "grammar", "attribution", "rules", "classifier", "render"} <= stages


def test_suggestions_use_the_articles_own_words(tmp_path):
    """A headline suggestion quotes the body sentence that qualifies it; none borrows another article's example."""
    p = tmp_path / "wasser.txt"
    p.write_text("Stadt hat kein Wasser mehr\n\nIn zwei Straßen des Nordviertels ist der Wasserdruck bis Freitag "
                 "niedrig, teilten die Stadtwerke mit. Die übrigen Haushalte sind nicht betroffen.\n", encoding="utf-8")
    r = run("score", str(p), "--format", "json")
    assert r.returncode == 0, r.stderr
    findings = json.loads(r.stdout)["findings"]
    head = next(f for f in findings if f["device"] == "headline_overstatement")
    assert "„In zwei Straßen des Nordviertels ist der Wasserdruck bis Freitag niedrig" in head["suggestion"]
    assert not any("Granaten" in f["suggestion"] or "122" in f["suggestion"] for f in findings)


def test_min_confidence_leaves_out_findings_below_it(article, tmp_path):
    every = json.loads(run("score", str(article), "--format", "json").stdout)["findings"]
    assert every and all(0 <= f["confidence"] <= 1 for f in every)
    cut = sorted(f["confidence"] for f in every)[len(every) // 2]
    kept = json.loads(run("score", str(article), "--format", "json", "--min-confidence", str(cut)).stdout)["findings"]
    assert kept and len(kept) < len(every) and all(f["confidence"] >= cut for f in kept)
    (tmp_path / "framing.toml").write_text(f"min_confidence = {cut}\n", encoding="utf-8")
    from_config = run("score", str(article), "--format", "json", "--config", str(tmp_path / "framing.toml"))
    assert json.loads(from_config.stdout)["findings"] == kept
    bad = run("score", str(article), "--min-confidence", "1.5")
    assert bad.returncode == 2 and bad.stderr.count("\n") <= 3


def test_fail_threshold_is_one_policy_for_single_articles_and_collections():
    from detector.policy import FailThreshold, exit_code
    from detector.report.model import SEVERITIES

    warning = SEVERITIES.index("warning")
    assert FailThreshold("warning").reached(warning, 10)
    assert not FailThreshold("error").reached(warning, 10)
    assert FailThreshold(score=40).reached(0, 40) and not FailThreshold(score=40).reached(0, 39)
    assert not FailThreshold("info", 0).reached(warning, None)  # an error record has no report: it fails nothing
    assert (exit_code(True), exit_code(False)) == (1, 0)
