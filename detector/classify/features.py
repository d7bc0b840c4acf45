"""Sentence features: word and character n-grams, rule hits, position and quotation.

Features are strings (``w:``, ``c:``, ``r:``, ``p:``, ``q:``, ``e:``) counted per sentence;
:class:`Vectorizer` maps them to tf-idf weighted, L2-normalised index/value arrays with a
fixed vocabulary, identically at training and prediction time.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from detector.report.model import Finding

if TYPE_CHECKING:
    from detector.analysis import Analysis

WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (3, 5)
BLOCKS = ("w", "c")  # tf-idf blocks, each L2-normalised; every other prefix is a binary flag


@dataclass
class Sentence:
    """One sentence of an article: its index, stripped character range, part and raw feature counts."""

    index: int
    start: int
    end: int
    part: str
    counts: Counter


@lru_cache(maxsize=200_000)
def _char_grams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    lo, hi = CHAR_NGRAMS
    if len(padded) <= lo:
        return ("c:" + padded,)
    return tuple("c:" + padded[i:i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1))


def sentences(analysis: Analysis, rule_findings: list[Finding]) -> list[Sentence]:
    """Every non-empty sentence of the analysis with its feature counts."""
    text = analysis.text
    by_sentence: dict[int, set[str]] = {}
    for f in rule_findings:
        by_sentence.setdefault(f.sentence, set()).add(f.device)
    # one pass over the tokens (spaCy token objects are costly to create)
    forms: list[str | None] = []
    alpha: list[str | None] = []  # the lower-case form of alphabetic tokens, for character n-grams
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
        counts: Counter = Counter()
        words = [w for w in forms[a:b] if w is not None]
        counts.update("w:" + w for w in words)
        counts.update("w:" + words[k] + " " + words[k + 1] for k in range(len(words) - 1))
        for w in alpha[a:b]:
            if w is not None:
                counts.update(_char_grams(w))
        for device in by_sentence.get(si, ()):
            counts["r:" + device] = 1
        part = analysis.sentence_part[si]
        counts["p:" + part] = 1
        quoted = sum(in_quote[a:b])
        counts["q:" + ("all" if quoted == b - a else "some" if quoted else "none")] = 1
        last = text[e - 1]
        if last in "?!":
            counts["e:" + last] = 1
        out.append(Sentence(si, s, e, part, counts))
    return out


class Vectorizer:
    """Feature strings → a sparse matrix: tf-idf (sublinear tf) for the n-gram blocks, each block
    L2-normalised per row, 1.0 for flags. Training and prediction share this one code path."""

    def __init__(self, vocab: list[str], idf: list[float]) -> None:
        self.vocab = vocab
        self.index = {f: i for i, f in enumerate(vocab)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.block = np.array([BLOCKS.index(f[0]) if f[0] in BLOCKS else len(BLOCKS) for f in vocab], dtype=np.int64)

    def transform(self, items: list[Counter]):
        from scipy.sparse import csr_matrix

        rows: list[int] = []
        cols: list[int] = []
        tfs: list[int] = []
        index = self.index
        for r, counts in enumerate(items):
            for feat, c in counts.items():
                i = index.get(feat)
                if i is not None:
                    rows.append(r)
                    cols.append(i)
                    tfs.append(c)
        row = np.asarray(rows, dtype=np.int64)
        col = np.asarray(cols, dtype=np.int64)
        tf = np.asarray(tfs, dtype=np.float64)
        block = self.block[col] if len(col) else np.zeros(0, dtype=np.int64)
        weighted = block < len(BLOCKS)
        val = np.where(weighted, (1.0 + np.log(np.maximum(tf, 1.0))) * self.idf[col] if len(col) else tf, 1.0)
        key = row * (len(BLOCKS) + 1) + block
        norms = np.sqrt(np.bincount(key, weights=val * val, minlength=len(items) * (len(BLOCKS) + 1)))
        val = np.where(weighted, val / np.where(norms[key] > 0, norms[key], 1.0), val)
        m = csr_matrix((val, (row, col)), shape=(len(items), len(self.vocab)))
        m.sort_indices()
        return m


def fit_vocabulary(items: list[Counter], min_df: int = 2, max_word: int = 4000,
                   max_char: int = 6000) -> tuple[list[str], list[float]]:
    """Vocabulary by document frequency (ties broken by the string, so the result is deterministic)."""
    df: Counter = Counter()
    for counts in items:
        df.update(counts.keys())
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
