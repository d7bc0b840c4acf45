"""Sentence features: word and character n-grams, rule hits, position and quotation.

Features are strings: ``w:`` word uni-/bigrams, ``c:`` character n-grams within words, and the
flags ``r:`` (device of a rule hit in the sentence), ``p:`` (headline, lede, body), ``q:``
(inside quotation: all, some, none) and ``e:`` (final ``?`` or ``!``). A :class:`Sentence`
keeps its word and flag counts and the counts of its alphabetic words; :class:`Vectorizer`
turns sentences into tf-idf weighted, per-block L2-normalised (row, column, value) triples,
the one code path for training and prediction.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np

from detector.report.model import Finding

if TYPE_CHECKING:
    from detector.analysis import Analysis

WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (3, 5)
BLOCKS = ("w", "c")  # tf-idf blocks, each L2-normalised; every other prefix is a binary flag
_CACHE_LIMIT = 200_000


@dataclass
class Sentence:
    """One sentence of an article: index, stripped character range, part, and its raw counts
    (``counts``: word n-grams and flags; ``words``: alphabetic words, lower case, for character n-grams)."""

    index: int
    start: int
    end: int
    part: str
    counts: Counter
    words: Counter

    def features(self) -> Counter:
        """Every feature string with its count (training: vocabulary and document frequencies)."""
        out = Counter(self.counts)
        for w, c in self.words.items():
            for g, k in Counter(char_grams(w)).items():
                out[g] += k * c
        return out


@lru_cache(maxsize=_CACHE_LIMIT)
def char_grams(word: str) -> tuple[str, ...]:
    """The character n-gram features (``c:`` and the n-gram) of a word, with repeats."""
    return tuple("c:" + g for g in raw_char_grams(word))


def raw_char_grams(word: str) -> list[str]:
    """The character n-grams of a word padded with a space each side (the whole padded word when it is
    shorter than the shortest n-gram), with repeats: :func:`char_grams` without the ``c:`` prefix."""
    padded = f" {word} "
    lo, hi = CHAR_NGRAMS
    if len(padded) <= lo:
        return [padded]
    return [padded[i:i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1)]


def sentences(analysis: Analysis, rule_findings: list[Finding]) -> list[Sentence]:
    """Every non-empty sentence of the analysis with its feature counts."""
    text = analysis.text
    by_sentence: dict[int, set[str]] = {}
    for f in rule_findings:
        by_sentence.setdefault(f.sentence, set()).add(f.device)
    # one pass over the tokens (spaCy token objects are costly to create)
    forms: list[str | None] = []
    alpha: list[str | None] = []
    for t in analysis.doc:
        lower = t.lower_
        forms.append(None if t.is_space else "#num" if t.like_num else lower)
        alpha.append(lower if t.is_alpha else None)
    in_quote = analysis.in_quote
    out = []
    for si, sent in enumerate(analysis.sentences):
        s, e = sent.start_char, sent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        a, b = sent.start, sent.end
        words = [w for w in forms[a:b] if w is not None]
        feats = ["w:" + w for w in words]
        feats += ["w:" + words[k] + " " + words[k + 1] for k in range(len(words) - 1)]
        counts = Counter(feats)
        for device in by_sentence.get(si, ()):
            counts["r:" + device] = 1
        part = analysis.sentence_part[si]
        counts["p:" + part] = 1
        quoted = sum(in_quote[a:b])
        counts["q:" + ("all" if quoted == b - a else "some" if quoted else "none")] = 1
        last = text[e - 1]
        if last in "?!":
            counts["e:" + last] = 1
        out.append(Sentence(si, s, e, part, counts, Counter(w for w in alpha[a:b] if w is not None)))
    return out


class Vectorizer:
    """Sentences → (row, column, value): tf-idf with sublinear tf for the n-gram blocks, each block
    L2-normalised per row, 1.0 for flags."""

    def __init__(self, vocab: list[str], idf: list[float]) -> None:
        self.vocab = vocab
        self.index = {f: i for i, f in enumerate(vocab)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.block = np.array([BLOCKS.index(f[0]) if f[0] in BLOCKS else len(BLOCKS) for f in vocab], dtype=np.int64)
        self._char_index = {f[2:]: i for f, i in self.index.items() if f.startswith("c:")}  # n-gram → column
        self._word_cache: dict[str, list[int]] = {}

    def _grams_of(self, word: str) -> list[int]:
        """Known character n-gram columns of a word, one entry per occurrence (cached per word)."""
        hit = self._word_cache.get(word)
        if hit is None:
            hit = [i for i in map(self._char_index.get, raw_char_grams(word)) if i is not None]
            if len(self._word_cache) >= _CACHE_LIMIT:
                self._word_cache.clear()
            self._word_cache[word] = hit
        return hit

    def _char_counts(self, items: list[Sentence]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, count) of the character n-grams of every sentence, one entry per (row, column), in
        (row, column) order. Counts are sums of small integers, exact in any order."""
        word_rows: list[int] = []  # per word of every sentence: its row, count, and number of known n-grams
        word_counts: list[int] = []
        lengths: list[int] = []
        cols: list[int] = []  # the known n-gram columns of every word, one after the other
        grams_of = self._grams_of
        for r, item in enumerate(items):
            for w, c in item.words.items():
                g = grams_of(w)
                word_rows.append(r)
                word_counts.append(c)
                lengths.append(len(g))
                cols += g
        if not cols:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
        n_vocab = max(1, len(self.vocab))
        rows = np.repeat(np.asarray(word_rows, dtype=np.int64), lengths)
        keys = rows * n_vocab + np.asarray(cols, dtype=np.int64)
        vals = np.repeat(np.asarray(word_counts, dtype=np.float64), lengths)
        uniq, inverse = np.unique(keys, return_inverse=True)
        return uniq // n_vocab, uniq % n_vocab, np.bincount(inverse, weights=vals, minlength=len(uniq))

    def weights(self, items: list[Sentence]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, value) of every known feature of every sentence (in no particular order)."""
        rows: list[int] = []
        cols: list[int] = []
        tfs: list[int] = []
        index = self.index
        for r, item in enumerate(items):
            found = list(map(index.get, item.counts.keys(), repeat(-1)))
            cols.extend(found)
            tfs.extend(item.counts.values())
            rows.extend(repeat(r, len(found)))
        col = np.asarray(cols, dtype=np.int64)
        known = col >= 0
        c_row, c_col, c_tf = self._char_counts(items)
        row = np.concatenate([np.asarray(rows, dtype=np.int64)[known], c_row])
        col = np.concatenate([col[known], c_col])
        tf = np.concatenate([np.asarray(tfs, dtype=np.float64)[known], c_tf])
        block = self.block[col]
        weighted = block < len(BLOCKS)
        val = np.where(weighted, (1.0 + np.log(np.maximum(tf, 1.0))) * self.idf[col], 1.0)
        key = row * (len(BLOCKS) + 1) + block
        norms = np.sqrt(np.bincount(key, weights=val * val, minlength=len(items) * (len(BLOCKS) + 1)))
        val = np.where(weighted, val / np.where(norms[key] > 0, norms[key], 1.0), val)
        return row, col, val

    def transform(self, items: list[Sentence]):
        """The sentences as a scipy CSR matrix (training)."""
        from scipy.sparse import csr_matrix

        row, col, val = self.weights(items)
        return csr_matrix((val, (row, col)), shape=(len(items), len(self.vocab)))


def fit_vocabulary(items: list[Sentence], min_df: int = 2, max_word: int = 4000,
                   max_char: int = 6000) -> tuple[list[str], list[float]]:
    """Vocabulary by document frequency (ties broken by the string, so the result is deterministic)."""
    df: Counter = Counter()
    for item in items:
        df.update(item.features().keys())
    n = len(items)
    limits = {"w": max_word, "c": max_char}
    chosen: list[str] = []
    taken: Counter = Counter()
    for feat, d in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])):
        block = feat[0]
        if block in limits:
            if d < min_df or taken[block] >= limits[block]:
                continue
            taken[block] += 1
        chosen.append(feat)
    chosen.sort()
    idf = [round(math.log((1 + n) / (1 + df[f])) + 1.0, 6) for f in chosen]
    return chosen, idf
