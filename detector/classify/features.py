"""Sentence features: word and character n-grams, rule hits, position and quotation.

Features are strings (``w:``, ``c:``, ``r:``, ``p:``, ``q:``, ``e:``) counted per sentence;
:class:`Vectorizer` maps them to tf-idf weighted, L2-normalised index/value arrays with a
fixed vocabulary, identically at training and prediction time.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
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


def _token_form(tok) -> str:
    return "#num" if tok.like_num else tok.lower_


def _char_grams(word: str, counts: Counter) -> None:
    padded = f" {word} "
    lo, hi = CHAR_NGRAMS
    if len(padded) <= lo:
        counts["c:" + padded] += 1
        return
    for n in range(lo, hi + 1):
        for i in range(len(padded) - n + 1):
            counts["c:" + padded[i:i + n]] += 1


def sentences(analysis: Analysis, rule_findings: list[Finding]) -> list[Sentence]:
    """Every non-empty sentence of the analysis with its feature counts."""
    text = analysis.text
    by_sentence: dict[int, set[str]] = {}
    for f in rule_findings:
        by_sentence.setdefault(f.sentence, set()).add(f.device)
    out = []
    for si, sent in enumerate(analysis.sentences):
        s, e = sent.start_char, sent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        counts: Counter = Counter()
        forms = [_token_form(t) for t in sent if not t.is_space]
        for n in range(WORD_NGRAMS[0], WORD_NGRAMS[1] + 1):
            for i in range(len(forms) - n + 1):
                counts["w:" + " ".join(forms[i:i + n])] += 1
        for t in sent:
            if t.is_alpha:
                _char_grams(t.lower_, counts)
        for device in by_sentence.get(si, ()):
            counts["r:" + device] = 1
        part = analysis.sentence_part[si]
        counts["p:" + part] = 1
        toks = range(sent.start, sent.end)
        quoted = sum(analysis.in_quote[k] for k in toks)
        counts["q:" + ("all" if quoted == len(toks) else "some" if quoted else "none")] = 1
        last = text[e - 1]
        if last in "?!":
            counts["e:" + last] = 1
        out.append(Sentence(si, s, e, part, counts))
    return out


class Vectorizer:
    """Feature strings → indices; tf-idf (sublinear tf) for the n-gram blocks, 1.0 for flags."""

    def __init__(self, vocab: list[str], idf: list[float]) -> None:
        self.vocab = vocab
        self.index = {f: i for i, f in enumerate(vocab)}
        self.idf = np.asarray(idf, dtype=np.float64)

    def transform_one(self, counts: Counter) -> tuple[np.ndarray, np.ndarray]:
        idx: list[int] = []
        val: list[float] = []
        norms = dict.fromkeys(BLOCKS, 0.0)
        blocks: list[str] = []
        for feat, c in counts.items():
            i = self.index.get(feat)
            if i is None:
                continue
            block = feat[0]
            if block in norms:
                v = (1.0 + math.log(c)) * self.idf[i]
                norms[block] += v * v
            else:
                v = 1.0
            idx.append(i)
            val.append(v)
            blocks.append(block)
        for k, b in enumerate(blocks):
            if b in norms and norms[b] > 0:
                val[k] /= math.sqrt(norms[b])
        order = np.argsort(idx, kind="stable")
        return np.asarray(idx, dtype=np.int64)[order], np.asarray(val, dtype=np.float64)[order]

    def transform(self, items: list[Counter]):
        """A scipy CSR matrix (training side; prediction uses :meth:`transform_one`)."""
        from scipy.sparse import csr_matrix

        indptr = [0]
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        for counts in items:
            i, v = self.transform_one(counts)
            indices.append(i)
            data.append(v)
            indptr.append(indptr[-1] + len(i))
        ind = np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64)
        dat = np.concatenate(data) if data else np.zeros(0)
        return csr_matrix((dat, ind, np.asarray(indptr)), shape=(len(items), len(self.vocab)))


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
