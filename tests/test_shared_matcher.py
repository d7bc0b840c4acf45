"""The shared token matcher routes patterns for speed; it must find exactly what spaCy's Matcher finds."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from detector.analysis.nlp import make_doc, pipeline
from detector.matching.kinds.tokens import _SharedMatcher

TEXTS = {
    "en": ["Everyone knows that all of them have never, ever agreed. Nobody at all knows it.",
           "All in all, it is clear: everyone agrees, and some say no one ever knew. Everyone knows."],
    "de": ["Alle wissen es längst, und niemand glaubt noch daran. Keiner weiß es, alle wissen es.",
           "Immer mehr Menschen sagen, dass alle es wissen. Es ist völlig klar, dass niemand es weiß."],
}
PATTERNS = {
    "en": [
        [{"LOWER": "everyone"}, {"LOWER": {"IN": ["knows", "agrees"]}}],  # fixed words: phrase matcher
        [{"LOWER": {"IN": ["all", "nobody", "no"]}}, {"LOWER": {"IN": ["of", "at", "one"]}}],
        [{"LOWER": {"IN": ["never", "ever"]}}, {"IS_PUNCT": True, "OP": "?"}, {"LOWER": "ever", "OP": "?"}],
        [{"LOWER": {"IN": ["all", "everyone"]}}, {"IS_ALPHA": True, "OP": "+"}, {"LOWER": "agreed"}],
        [{"IS_SENT_START": True, "LOWER": {"IN": ["all", "nobody"]}}],
        [{"LEMMA": {"IN": ["know", "agree"]}}],
    ],
    "de": [
        [{"LOWER": {"IN": ["alle", "niemand", "keiner"]}}, {"LOWER": {"IN": ["wissen", "glaubt", "weiß"]}}],
        [{"LOWER": "immer"}, {"LOWER": "mehr"}, {"IS_ALPHA": True, "OP": "?"}],
        [{"LOWER": {"IN": ["völlig", "längst"]}}, {"IS_ALPHA": True, "OP": "*"}],
        [{"LEMMA": {"IN": ["wissen", "glauben"]}}, {"LOWER": "es"}],
    ],
}


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("greedy", [None, "LONGEST", "FIRST"])
def test_same_matches_as_spacy(lang, greedy):
    shared = _SharedMatcher(lang)
    plain = Matcher(pipeline(lang).vocab, validate=True)
    keys = []
    for i, pattern in enumerate(PATTERNS[lang]):
        keys.append(shared.add(f"rule{i}", [pattern], greedy))
        plain.add(f"plain{i}", [pattern], greedy=greedy)
    for text in TEXTS[lang]:
        doc = make_doc(text, lang)
        expected: dict[int, set] = {}
        for m, s, e in plain(doc):
            expected.setdefault(int(plain.vocab.strings[m].removeprefix("plain")), set()).add((s, e))
        for i, key in enumerate(keys):
            found = {(s, e) for _, s, e in shared.matches(doc, key)}
            assert found == expected.get(i, set()), (text, PATTERNS[lang][i])
        assert any(shared.matches(doc, k) for k in keys)  # the texts exercise the patterns


def test_one_rule_mixing_fixed_and_general_patterns_is_filtered_as_one():
    shared = _SharedMatcher("en")
    patterns = [[{"LOWER": "all"}, {"LOWER": "of"}],
                [{"LOWER": "all"}, {"LOWER": "of"}, {"LOWER": "them", "OP": "?"}]]
    key = shared.add("mixed", patterns, "LONGEST")
    doc = make_doc("All of them left.", "en")
    assert [(s, e) for _, s, e in shared.matches(doc, key)] == [(0, 3)]


def _shared_matchers(lang: str) -> list[_SharedMatcher]:
    from detector.pipeline import Detector

    found = {}
    for cr in Detector(mode="rules").ruleset.compiled(lang):
        for _, patterns in getattr(cr.matcher, "groups", []):
            found[id(patterns.shared)] = patterns.shared
    return list(found.values())


def _test_texts(lang: str) -> list[str]:
    from detector.pipeline import Detector

    texts = []
    for rule in Detector(mode="rules").ruleset.rules:
        if rule.lang == lang:
            for key in ("match", "ok"):
                texts += [str(t).replace("[[", "").replace("]]", "") for t in rule.tests.get(key, [])]
    return texts


@pytest.mark.parametrize("lang", ["en", "de"])
def test_anchored_matchers_find_what_all_patterns_find(lang):
    """Each document runs only the patterns its words allow: the same matches as every pattern at once,
    over the built-in rules and their test sentences (tagged, for the grammar-keyed patterns)."""
    from detector.analysis.grammar import grammar

    texts = _test_texts(lang)
    docs = [make_doc(" ".join(texts[k:k + 8]), lang) for k in range(0, len(texts), 8)]
    for doc in docs:
        grammar(lang).annotate(doc, everything=True)
    checked = 0
    for shared in _shared_matchers(lang):
        for anchored in (shared.matcher, shared.prefilter, shared.grammar_matcher):
            for doc in docs:
                expected = sorted(anchored.full(doc))
                assert sorted(anchored(doc)) == expected
                checked += bool(expected)
    assert checked > 10


def test_anchored_matcher_skips_patterns_whose_words_are_missing():
    from detector.matching.kinds.anchored import AnchoredMatcher, requirements

    pattern = [{"LOWER": "immer"}, {"IS_ALPHA": True, "OP": "?"}, {"LEMMA": {"IN": ["wissen", "glauben"]}}]
    assert [attr for attr, _ in requirements(pattern)] == ["LOWER", "LEMMA"]
    matcher = AnchoredMatcher(pipeline("de").vocab)
    matcher.add("a", [pattern])
    matcher.add("b", [[{"IS_TITLE": True}]])  # no word required: always allowed
    doc = make_doc("Sie glauben es nie.", "de")
    assert matcher.allowed(doc) == (1,)
    assert sorted(matcher(doc)) == sorted(matcher.full(doc))
