"""What keeps ``framing score`` quick to start must not change what it finds or reports."""

from __future__ import annotations

import subprocess
import sys

import pytest

from detector.errors import RuleError
from detector.matching.lexicons import load_lexicon
from detector.matching.loader import load_rule_file

RULE = """\
id: en.test.cache-rule
lang: en
device: vague_evidence
message: Evidence is claimed, not shown.
explanation: A claim of evidence without the evidence.
suggestion: Which documents?
match:
  kind: terms
  terms: [studies show]
tests:
  match: ["[[Studies show]] it works."]
  ok: ["The Lancet study shows it works."]
"""


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(folder))
    return folder / "checked"


def test_a_checked_rule_is_cached_and_loads_the_same(tmp_path, cache):
    path = tmp_path / "rule.yaml"
    path.write_text(RULE, encoding="utf-8")
    first = load_rule_file(path)
    assert len(list(cache.glob("rule-*.json"))) == 1
    again = load_rule_file(path)  # from the cache
    assert again == first
    assert again.line_of("match") == 7  # line numbers survive the cache


def test_an_edited_rule_is_checked_again_even_at_the_same_size(tmp_path, cache):
    path = tmp_path / "rule.yaml"
    path.write_text(RULE, encoding="utf-8")
    load_rule_file(path)
    broken = RULE.replace("device: vague_evidence", "device: vague_evidenc_")  # same length
    assert len(broken) == len(RULE)
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RuleError, match="unknown device") as err:
        load_rule_file(path)
    assert err.value.line == 3


def test_a_damaged_cache_entry_is_ignored(tmp_path, cache):
    path = tmp_path / "rule.yaml"
    path.write_text(RULE, encoding="utf-8")
    first = load_rule_file(path)
    for entry in cache.glob("rule-*.json"):
        entry.write_text('{"data": {"id": 1}', encoding="utf-8")
    assert load_rule_file(path) == first
    for entry in cache.glob("rule-*.json"):
        entry.write_text('{"data": {"id": "x"}, "lines": {}}', encoding="utf-8")  # valid JSON, wrong shape
    assert load_rule_file(path) == first


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(blocker))
    path = tmp_path / "rule.yaml"
    path.write_text(RULE, encoding="utf-8")
    assert load_rule_file(path).id == "en.test.cache-rule"


def test_lexicons_are_cached_with_their_notes(tmp_path, cache):
    path = tmp_path / "words.yaml"
    path.write_text("name: words\nlang: en\nentries:\n  - brazen\n  - {term: regime, compounds: false, note: in "
                    "'sanctions regime' technical}\n", encoding="utf-8")
    first = load_lexicon.__wrapped__(path)
    assert list(cache.glob("lexicon-*.json"))
    again = load_lexicon.__wrapped__(path)
    assert again == first
    assert again.entries[1].compounds is False and "technical" in again.entries[1].note


def test_spacy_is_imported_without_its_command_line_and_still_complete():
    code = (
        "import sys\n"
        "from detector.analysis.spacy_import import import_spacy_light\n"
        "spacy = import_spacy_light()\n"
        "assert 'weasel' not in sys.modules and 'spacy.cli' not in sys.modules, 'CLI imported'\n"
        "assert spacy.blank('de')('Ein Satz.')[0].text == 'Ein'\n"
        "import spacy.cli\n"
        "assert hasattr(spacy.cli, 'app'), 'the real spacy.cli loads on demand'\n"
        "assert callable(spacy.info)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
