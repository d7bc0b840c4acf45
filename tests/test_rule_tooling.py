"""Tooling for rule authors: generated reference pages stay in step, scaffolds are valid and pass."""

from __future__ import annotations

from pathlib import Path

from detector.matching import docs
from detector.matching.loader import load_rules
from detector.matching.testing import test_rule as run_inline_tests
from detector.pipeline import Detector
from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[1]


def test_committed_rule_pages_match_the_rule_files():
    pages = docs.generate(Detector().ruleset.rules)
    assert docs.stale(pages, ROOT / "docs" / "rules") == [], "run `framing rules docs` and commit docs/rules"


def test_every_rule_page_has_what_why_example_instead():
    pages = docs.generate(Detector().ruleset.rules)
    for name, text in pages.items():
        if name.startswith(("de.", "en.")):
            assert text.count("\n## ") >= 4, name
            assert "**" in text, f"{name}: the example should show the matched words"


def test_docs_check_reports_a_stale_folder(tmp_path):
    r = run("rules", "docs", "--out", str(tmp_path), "--check")
    assert r.returncode == 1 and "out of date" in r.stdout
    assert run("rules", "docs", "--out", str(tmp_path)).returncode == 0
    assert run("rules", "docs", "--out", str(tmp_path), "--check").returncode == 0


def test_new_rule_scaffold_loads_and_passes_its_tests(tmp_path):
    for kind in ("terms", "tokens", "regex"):
        r = run("rules", "new", f"de.test.beispiel-{kind}", "--device", "loaded_language", "--kind", kind,
                "--dir", str(tmp_path))
        assert r.returncode == 0, r.stderr
    r = run("rules", "new", "en.test.example", "--device", "labeling", "--dir", str(tmp_path))
    assert r.returncode == 0, r.stderr
    rules = load_rules([tmp_path])
    assert len(rules) == 4
    for rule in rules:
        assert all(res.passed for res in run_inline_tests(rule)), rule.id


def test_new_rule_refuses_bad_input_and_overwrites(tmp_path):
    r = run("rules", "new", "Bad Id", "--device", "labeling", "--dir", str(tmp_path))
    assert r.returncode == 2 and "rule id" in r.stderr
    r = run("rules", "new", "de.x.y", "--device", "nope", "--dir", str(tmp_path))
    assert r.returncode == 2 and "unknown device" in r.stderr
    assert run("rules", "new", "de.x.y", "--device", "labeling", "--dir", str(tmp_path)).returncode == 0
    r = run("rules", "new", "de.x.y", "--device", "labeling", "--dir", str(tmp_path))
    assert r.returncode == 2 and "exists" in r.stderr
