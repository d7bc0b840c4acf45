"""The grammar step against a hand-tagged check set of the project's own sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from detector.analysis.grammar import grammar
from detector.analysis.nlp import make_doc

CHECK = yaml.safe_load((Path(__file__).parent / "data" / "grammar-check.yaml").read_text("utf-8"))
MOODS = {"KI": ("Sub", "Pres"), "KII": ("Sub", "Past")}


def decisions(lang: str):
    """(sentence, word, expected, got) for every decisive tag and mood of the check set."""
    for item in CHECK[lang]:
        doc = make_doc(item["text"], lang)
        grammar(lang).annotate(doc, everything=True)
        seen: dict[str, int] = {}
        tokens = {}
        for tok in doc:
            seen[tok.text] = seen.get(tok.text, 0) + 1
            tokens[tok.text if seen[tok.text] == 1 else f"{tok.text}#{seen[tok.text]}"] = tok
        for word, expected in item["tags"].items():
            tok = tokens[word]
            tag, *mood = expected.split()
            yield item["text"], word, tag, tok.tag_
            if mood:
                got_mood = next((m for m, (md, tense) in MOODS.items()
                                 if md in tok.morph.get("Mood") and tense in tok.morph.get("Tense")), "Ind")
                yield item["text"], word, mood[0], got_mood


@pytest.mark.parametrize("lang", ["de", "en"])
def test_grammar_step_gets_the_decisive_tags_right(lang):
    checks = list(decisions(lang))
    wrong = [(s, w, e, g) for s, w, e, g in checks if g not in e.split("|")]
    accuracy = 1 - len(wrong) / len(checks)
    assert len(checks) >= 80
    assert accuracy >= 0.95, f"{accuracy:.3f} of {len(checks)}; wrong: {wrong}"


def test_check_set_names_only_words_of_its_sentences():
    for lang, items in CHECK.items():
        for item in items:
            words = {t.text for t in make_doc(item["text"], lang)}
            assert {w.split("#")[0] for w in item["tags"]} <= words, item["text"]
