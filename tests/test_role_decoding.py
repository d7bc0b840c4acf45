"""The role labeller decodes a document's sequences together; labels must be those of one at a time."""

from __future__ import annotations

import numpy as np

from detector.analysis.attribution.model import batch_viterbi, viterbi


def test_batch_viterbi_is_viterbi_of_each_sequence():
    rng = np.random.default_rng(7)
    trans = rng.normal(size=(4, 4)).astype(np.float32)
    for _ in range(50):
        lengths = rng.integers(0, 40, size=rng.integers(1, 7)).tolist()
        emit = rng.normal(size=(sum(lengths), 4)).astype(np.float32)
        emit[rng.random(emit.shape) < 0.2] = 0  # ties happen (tokens with no known feature)
        expected, start = [], 0
        for n in lengths:
            expected.append(viterbi(emit[start:start + n], trans) if n else [])
            start += n
        assert batch_viterbi(emit, lengths, trans) == expected
