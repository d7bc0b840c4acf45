"""Every case of detector/analysis/attribution/cases.yaml: who says what, as data beside the lexicons."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from detector.analysis import analyse
from detector.document import Document

CASES = yaml.safe_load(resources.files("detector.analysis.attribution").joinpath("cases.yaml").read_text("utf-8"))
ALL = [(lang, case) for lang, cases in CASES.items() for case in cases]


def found(text: str, lang: str) -> list[dict]:
    a = analyse(Document.from_text(text, headline=False), lang)
    span = lambda r: a.text[slice(*a.char_span(*r))]  # noqa: E731
    return [{"source": span(x.source), "phrase": span(x.span), "kind": x.kind, "cues": [span(c) for c in x.all_cues],
             "content": [span(c) for c in x.content]} for x in a.attributions]


def fits(want: dict, got: dict) -> bool:
    return (want["kind"] == got["kind"]
            and ("source" not in want or want["source"] == got["source"])
            and ("source_starts" not in want or got["source"].startswith(want["source_starts"]))
            and ("phrase" not in want or want["phrase"] == got["phrase"])
            and ("cue" not in want or want["cue"] in got["cues"])
            and ("content" not in want or want["content"] == got["content"]))


@pytest.mark.parametrize("lang,case", ALL, ids=[f"{lang}:{case['text'][:50]}" for lang, case in ALL])
def test_attribution_case(lang, case):
    got = found(case["text"], lang)
    if "speakers_only" in case:
        assert {g["source"] for g in got} <= set(case["speakers_only"]), got
    for want in case.get("expect", []):
        assert any(fits(want, g) for g in got), (want, got)
    if case.get("exact"):
        assert len(got) == len(case["expect"]) and all(fits(w, g) for w, g in zip(case["expect"], got, strict=True)), got


def test_case_file_is_well_formed():
    keys = {"text", "expect", "exact", "speakers_only"}
    want_keys = {"kind", "source", "source_starts", "phrase", "cue", "content"}
    for lang, case in ALL:
        assert lang in ("de", "en") and set(case) <= keys and case["text"].strip()
        for want in case.get("expect", []):
            assert set(want) <= want_keys and want["kind"] in ("named", "unnamed", "relayed"), want
