"""Broken rule files give one line naming the file and the line; no rule can hang the tool."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from detector.errors import RuleError
from detector.matching.engine import compile_rules
from detector.matching.loader import load_rule_file, load_rules

GOOD = """\
id: de.test.example
lang: de
device: unnamed_source
message: "m"
explanation: "e"
suggestion: "s"
match:
  kind: terms
  terms: [Insider]
tests:
  match: ["[[Insider]] sagen das."]
  ok: ["Niemand sagt das."]
"""


def write(tmp_path: Path, text: str, name: str = "r.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_good_rule_loads(tmp_path):
    rule = load_rule_file(write(tmp_path, GOOD))
    assert rule.id == "de.test.example" and rule.family == "sourcing"


def test_unknown_key_names_file_and_line(tmp_path):
    p = write(tmp_path, GOOD.replace("device: unnamed_source\n", "device: unnamed_source\nseverty: error\n"))
    with pytest.raises(RuleError) as e:
        load_rule_file(p)
    assert e.value.path == str(p) and e.value.line == 4 and "severty" in e.value.message


def test_invalid_yaml_names_line(tmp_path):
    p = write(tmp_path, GOOD.replace('message: "m"', 'message: "m'))
    with pytest.raises(RuleError) as e:
        load_rule_file(p)
    assert e.value.line is not None and "YAML" in e.value.message


def test_unknown_device(tmp_path):
    with pytest.raises(RuleError, match="unknown device"):
        load_rule_file(write(tmp_path, GOOD.replace("device: unnamed_source", "device: gaslighting")))


def test_invalid_token_pattern(tmp_path):
    bad = GOOD.replace("  kind: terms\n  terms: [Insider]", "  kind: tokens\n  patterns: [[{LOWER: {IN: 3}}]]")
    rule = load_rule_file(write(tmp_path, bad))
    with pytest.raises(RuleError, match="invalid token pattern"):
        compile_rules([rule])


def test_regex_predicate_in_token_pattern_refused(tmp_path):
    bad = GOOD.replace("  kind: terms\n  terms: [Insider]", "  kind: tokens\n  patterns: [[{LOWER: {REGEX: '(a+)+$'}}]]")
    with pytest.raises(RuleError, match="REGEX"):
        load_rule_file(write(tmp_path, bad))


def test_invalid_regex(tmp_path):
    bad = GOOD.replace("  kind: terms\n  terms: [Insider]", "  kind: regex\n  pattern: '(a)\\1'")
    rule = load_rule_file(write(tmp_path, bad))
    with pytest.raises(RuleError, match="regular expression"):
        compile_rules([rule])


def test_catastrophic_regex_runs_in_linear_time(tmp_path):
    from detector import analyze
    from detector.pipeline import Detector

    evil = GOOD.replace("  kind: terms\n  terms: [Insider]", "  kind: regex\n  pattern: '(a+)+$'").replace(
        "[[Insider]] sagen das.", "[[aaaa]]").replace("id: de.test.example", "id: de.test.evil")
    write(tmp_path, evil)
    det = Detector(rules=[tmp_path])
    text = "Überschrift hier\n\nDie " + "a" * 50_000 + "b und der Rest des Textes folgt hier."
    t = time.perf_counter()
    analyze(text, lang="de", detector=det)
    assert time.perf_counter() - t < 10


def test_duplicate_ids_are_an_error(tmp_path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(RuleError, match="duplicate rule id"):
        load_rules([tmp_path])


def test_user_rule_overrides_builtin_by_id(tmp_path):
    from detector.pipeline import Detector

    override = GOOD.replace("id: de.test.example", "id: de.claims.certainty-booster").replace(
        "device: unnamed_source", "device: certainty_booster").replace("enabled", "x")
    write(tmp_path, override + "enabled: false\n")
    det = Detector(rules=[tmp_path])
    rule = next(r for r in det.ruleset.rules if r.id == "de.claims.certainty-booster")
    assert not rule.builtin and not rule.enabled


def test_lexicon_entry_that_only_counts_as_a_compound_head():
    from detector.analysis import analyse
    from detector.document import Document
    from detector.matching.engine import run_rules
    from detector.pipeline import default_detector

    rules = default_detector().ruleset.compiled("de")

    def found(text):  # the rule layer: a lone label in a short text is then left out by the framing context
        return [(f.device, f.text) for f in run_rules(rules, analyse(Document.from_text(text, lang="de"), "de"))]

    assert ("labeling", "Windkraft-Lobby") in found("Wald in Gefahr\n\nDie Windkraft-Lobby hat sich durchgesetzt.")
    assert found("Neues Hotel\n\nIn der Lobby des Hotels steht ein Flügel, sagte Direktorin Eva Brandt.") == []


def test_unless_takes_a_list_of_patterns_and_checks_each(tmp_path):
    listed = GOOD.replace("match:\n  kind: terms", "unless:\n  sentence_has:\n    - [{LOWER: laut}]\n"
                          "    - [{LIKE_NUM: true}, {LOWER: von}, {LIKE_NUM: true}]\nmatch:\n  kind: terms")
    rule = load_rule_file(write(tmp_path, listed))
    [compiled] = compile_rules([rule])
    from detector import analyze
    from detector.pipeline import Detector

    det = Detector(rules=[tmp_path], builtin=False, mode="rules")
    assert [f.text for f in analyze("Titel\n\nInsider sagen das.", lang="de", detector=det).findings] == ["Insider"]
    assert analyze("Titel\n\nInsider sagen das, 3 von 40 im Betrieb.", lang="de", detector=det).findings == []
    assert compiled.sentence_has is not None
    bad = listed.replace("    - [{LOWER: laut}]", "    - [{LOWER: {REGEX: 'a+'}}]")
    with pytest.raises(RuleError, match="REGEX") as e:
        load_rule_file(write(tmp_path, bad, "bad.yaml"))
    assert e.value.line is not None


def test_a_focused_pattern_must_match_whole_but_finds_only_its_span(tmp_path):
    focused = GOOD.replace(
        "  kind: terms\n  terms: [Insider]",
        "  kind: tokens\n  patterns:\n"
        "    - {tokens: [{LOWER: insider}, {LOWER: sagen}, {IS_PUNCT: true}], span: [0, 2]}\n"
        "    - [{LOWER: kenner}]").replace('match: ["[[Insider]] sagen das."]', 'match: ["[[Insider sagen]], es sei so."]')
    write(tmp_path, focused)
    from detector import analyze
    from detector.pipeline import Detector

    det = Detector(rules=[tmp_path], builtin=False, mode="rules")
    found = [f.text for f in analyze("Titel\n\nInsider sagen, es sei so. Kenner wissen es.", lang="de",
                                     detector=det).findings]
    assert found == ["Insider sagen", "Kenner"]  # the comma had to follow, and is not part of the finding
    assert analyze("Titel\n\nInsider sagen das.", lang="de", detector=det).findings == []
    bad = focused.replace(", span: [0, 2]}", "}")
    with pytest.raises(RuleError) as e:
        load_rule_file(write(tmp_path, bad, "bad.yaml"))
    assert e.value.line is not None
