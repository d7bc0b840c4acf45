"""The corpora validate: known devices, exact offsets, no duplicates, kinds and splits present."""

from __future__ import annotations

from detector.corpus import check, load_jsonl, validate_record
from tests.conftest import ROOT


def test_sources_validate():
    assert check(ROOT / "corpora") == []


def test_built_jsonl_validate_and_match_sources():
    files = sorted((ROOT / "corpora").glob("*/*.jsonl"))
    assert files
    for f in files:
        for rec in load_jsonl(f):
            assert validate_record(rec) == [], f
            assert f.stem == rec["split"] and f.parent.name == rec["lang"]
