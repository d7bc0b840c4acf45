"""What people paste on the first day: one paragraph, one sentence, a huge article, odd paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, check_report

PARAGRAPH = ("Experten sagen, alles sei gelogen. Die Regierung schweigt dazu seit Wochen, und niemand weiß mehr, "
             "was stimmt. Beobachter sprechen von einem Skandal.\n")


def run(*args, stdin: str | None = None, timeout: int = 180):
    return subprocess.run([sys.executable, "-m", "detector.cli", *map(str, args)], input=stdin, capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


def test_a_single_paragraph_has_no_headline(tmp_path):
    p = tmp_path / "one.txt"
    p.write_text(PARAGRAPH, encoding="utf-8")
    r = run("score", p, "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    check_report(report, PARAGRAPH)
    assert report["headline"] is None and report["decisions"]["headline"] == "text"
    unnamed = [f["text"] for f in report["findings"] if f["device"] == "unnamed_source"]
    assert "Experten sagen" in unnamed and "Beobachter sprechen" in unnamed  # sources in the body give findings
    assert "headline_overstatement" not in {f["device"] for f in report["findings"]}


def test_headline_decided_from_the_text_or_forced(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Stadt hat kein Wasser mehr\n\nIn zwei Straßen ist der Druck niedrig, sagte die Sprecherin.\n",
                 encoding="utf-8")
    auto = json.loads(run("score", p, "--format", "json").stdout)
    assert auto["headline"] == {"start": 0, "end": 26} and auto["decisions"]["headline"] == "text"
    none = json.loads(run("score", p, "--format", "json", "--no-headline").stdout)
    assert none["headline"] is None and none["decisions"]["headline"] == "option"
    q = tmp_path / "b.txt"
    q.write_text(PARAGRAPH.strip() + "\n\nZweiter Absatz.\n", encoding="utf-8")
    assert json.loads(run("score", q, "--format", "json").stdout)["headline"] is None  # a long first line, with a full stop
    forced = json.loads(run("score", q, "--format", "json", "--headline").stdout)
    assert forced["headline"]["start"] == 0 and forced["decisions"]["headline"] == "option"


def test_a_short_text_gets_a_language_with_its_confidence():
    r = run("score", "-", "--format", "json", stdin="Experten sagen, alles sei gelogen.\n")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["lang"] == "de" and report["decisions"]["lang"] in ("detected", "guessed")
    assert 0 < report["decisions"]["lang_confidence"] <= 1
    assert "unnamed_source" in {f["device"] for f in report["findings"]}
    # no evidence at all: the configured default, said so
    r = run("score", "-", "--format", "json", stdin="Zack!\n")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["decisions"]["lang"] in ("default", "guessed")


def test_only_text_without_letters_is_refused():
    r = run("score", "-", stdin="12345 !!! 678\n")
    assert r.returncode == 2 and r.stderr.strip() == "framing: error: <stdin>: the text has no letters to score"


def test_short_records_of_a_collection_get_reports(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [
        {"id": "kurz", "body": "Experten sagen, alles sei gelogen."},
        {"id": "short", "body": "Analysts say it is all lies."},
        {"id": "ziffern", "body": "12345"},
    ]), encoding="utf-8")
    out = tmp_path / "out"
    r = run("score", batch, "--output", out)
    assert r.returncode == 0, r.stderr
    index = {rec["id"]: rec for rec in map(json.loads, (out / "index.jsonl").read_text("utf-8").splitlines())}
    assert index["kurz"]["lang"] == "de" and index["short"]["lang"] == "en"
    assert "error" in index["ziffern"]  # the only refusal: no letters, as an error record; the batch goes on


def test_an_article_over_a_million_characters(tmp_path):
    words = ["Experten", "warnen", "laut", "Analysten", "die", "Stadt", "hat", "kein", "Wasser", "mehr", "sagte",
             "Anna", "Keller", "„mit", "Sicherheit“", "vielleicht", "der", "Bericht", "zeigt", "dass"]
    text = "Titel ohne Punkt\n\n" + "\n\n".join(
        " ".join(words[(i * 3 + k) % len(words)] for k in range(45 + i % 25)) + f" {i}." for i in range(2900))
    assert len(text) > 1_000_000
    p = tmp_path / "lang.txt"
    p.write_text(text, encoding="utf-8")
    r = run("score", p, "--lang", "de", "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    check_report(report, text)
    assert report["stats"]["chars"] == len(text) and report["findings"]


def test_user_mistakes_with_paths_are_one_line_errors(tmp_path):
    long_name = str(tmp_path / ("a" * 300 + ".txt"))
    r = run("score", long_name)
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "file name too long" in r.stderr and "internal error" not in r.stderr
    folder = tmp_path / "ordner"
    folder.mkdir()
    r = run("score", folder, "--input-format", "jsonl")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "is a folder, not a JSONL file" in r.stderr and "--input-format folder" in r.stderr
    r = run("score", Path(long_name).with_suffix(".jsonl"))
    assert r.returncode == 2 and "file name too long" in r.stderr
