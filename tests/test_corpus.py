"""The corpora validate: known devices, exact offsets, no duplicates, kinds and splits present."""

from __future__ import annotations

from detector.corpus import check, load_jsonl, validate_record
from tests.conftest import ROOT


def test_sources_validate():
    assert check(ROOT / "corpora") == []


def test_built_jsonl_validate_and_match_sources():
    files = sorted(f for lang in ("de", "en") for f in (ROOT / "corpora" / lang).glob("*.jsonl"))
    assert files
    for f in files:
        for rec in load_jsonl(f):
            assert validate_record(rec) == [], f
            assert f.stem == rec["split"] and f.parent.name == rec["lang"]


def test_real_copy_samples_have_exact_offsets_and_known_labels():
    """The annotated real-copy samples (their own licence and layout): every span indexes its text."""
    import json

    from detector.taxonomy import devices

    for lang in ("de", "en"):
        for split in ("train", "dev", "test"):
            path = ROOT / "corpora" / f"real-{lang}" / f"{split}.jsonl"
            for line in path.read_text("utf-8").splitlines():
                rec = json.loads(line)
                text = rec["headline"] + "\n\n" + rec["body"]
                assert rec["split"] == split and rec["lang"] == lang
                for a in rec["annotations"]:
                    assert a["device"] in devices() and text[a["start"]:a["end"]] == a["text"], rec["id"]
                for s in rec["sources"]:
                    assert s["kind"] in ("named", "unnamed", "relayed") and s["form"] in (
                        "direct", "indirect", "free_indirect", "reported"), rec["id"]
                    parts = s.get("cue", []) + s["content"] + ([s] if "start" in s else [])
                    assert all(text[p["start"]:p["end"]] == p["text"] for p in parts), rec["id"]
