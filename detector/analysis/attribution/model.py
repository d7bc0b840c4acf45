"""The role labeller: a linear-chain CRF over :mod:`.features`, stored as JSON, decoded with numpy.

Each token gets one label: ``O`` (none), ``C`` (cue), ``S`` (speaker) or ``Q`` (content: what the
speaker is credited with). The weights were trained by CRFsuite (:mod:`.train`) and exported as
plain numbers; nothing here unpickles or runs a native model file, so a model is data.
The model card (``detector/models/roles-<lang>.md``) gives its training data and its figures.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import chain, repeat
from pathlib import Path

import numpy as np

from detector.analysis.attribution.features import Sequence
from detector.errors import ModelError

FORMAT = "framing-detector-roles"
VERSION = 1
LABELS = ("O", "C", "S", "Q")


@dataclass
class RoleModel:
    lang: str
    labels: tuple[str, ...]
    index: dict[str, int]  # feature string → row
    weights: np.ndarray  # features × labels
    transitions: np.ndarray  # labels × labels (from, to)
    cue_rate: dict[str, float]
    meta: dict

    def predict(self, seq: Sequence) -> list[str]:
        """Most likely label sequence (Viterbi) for one paragraph."""
        return self.predict_all([seq])[0]

    def predict_all(self, seqs: list[Sequence]) -> list[list[str]]:
        """The labels of every sequence of a document, as :meth:`predict` gives them one by one: emissions in
        one pass over all tokens, Viterbi over all sequences at once (the same float32 sums and maxima)."""
        lengths = [len(seq.tokens) for seq in seqs]
        emit = self.emissions([f for seq in seqs for f in seq.features])
        paths = batch_viterbi(emit, lengths, self.transitions)
        return [[self.labels[k] for k in path] for path in paths]

    def emissions(self, features: list[list[str]]) -> np.ndarray:
        """Tokens × labels: the sum of the weights of each token's known features, in their order."""
        n = len(features)
        emit = np.zeros((n, len(self.labels)), dtype=np.float32)
        if n == 0:
            return emit
        flat = list(chain.from_iterable(features))  # every feature of every token, token after token
        rows = np.fromiter(map(self.index.get, flat, repeat(-1, len(flat))), dtype=np.int64, count=len(flat))
        known = rows >= 0  # features the model has a row for
        token = np.repeat(np.arange(n), np.fromiter(map(len, features), dtype=np.int64, count=n))[known]
        counts = np.bincount(token, minlength=n)  # known features per token
        if known.any():
            starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
            some = counts > 0
            emit[some] = np.add.reduceat(self.weights[rows[known]], starts[some], axis=0)
        return emit

    def to_dict(self) -> dict:
        names = sorted(self.index, key=self.index.get)
        return {"format": FORMAT, "version": VERSION, "lang": self.lang, "labels": list(self.labels),
                "features": names, "weights": base64.b64encode(self.weights.astype("<f4").tobytes()).decode("ascii"),
                "transitions": self.transitions.round(6).tolist(), "cue_rate": self.cue_rate, "meta": self.meta}


def viterbi(emit: np.ndarray, trans: np.ndarray) -> list[int]:
    """Best path through ``emit`` (tokens × labels) with ``trans`` (from × to) added between steps."""
    n, k = emit.shape
    score = emit[0].copy()
    back = np.zeros((n, k), dtype=np.int32)
    for t in range(1, n):
        cand = score[:, None] + trans  # from × to
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + emit[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def batch_viterbi(emit: np.ndarray, lengths: list[int], trans: np.ndarray) -> list[list[int]]:
    """:func:`viterbi` of consecutive sequences of ``emit`` (tokens × labels), ``lengths`` tokens each, stepped
    together, longest first: at step ``t`` only the sequences longer than ``t`` (a prefix) move on."""
    order = sorted((b for b, n in enumerate(lengths) if n), key=lambda b: -lengths[b])
    paths: list[list[int]] = [[] for _ in lengths]
    if not order:
        return paths
    offsets = np.concatenate(([0], np.cumsum(lengths))).tolist()
    size = [lengths[b] for b in order]
    padded = np.zeros((len(order), size[0], emit.shape[1]), dtype=emit.dtype)
    for j, b in enumerate(order):
        padded[j, :size[j]] = emit[offsets[b]:offsets[b + 1]]
    score = padded[:, 0].copy()
    back = np.zeros(padded.shape, dtype=np.intp)
    cand = np.empty((len(order), *trans.shape), dtype=np.result_type(score, trans))  # sequence × from × to
    going, t = len(order), 1
    while t < size[0]:
        while size[going - 1] <= t:
            going -= 1
        # steps t … end - 1 move the same sequences: their views and buffers serve every step
        end, now, cand_now, back_now, emit_now = size[going - 1], score[:going], cand[:going], back[:going], padded[:going]
        for u in range(t, end):
            np.add(now[:, :, None], trans, out=cand_now)
            cand_now.argmax(axis=1, out=back_now[:, u])
            np.add(cand_now.max(axis=1), emit_now[:, u], out=now)
        t = end
    for j, b in enumerate(order):
        steps = back[j, :size[j]].tolist()
        path = [int(score[j].argmax())]
        for t in range(size[j] - 1, 0, -1):
            path.append(steps[t][path[-1]])
        paths[b] = path[::-1]
    return paths


def from_dict(data: dict, source: str) -> RoleModel:
    try:
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ModelError(f"not a role model of format {FORMAT} version {VERSION}", path=source)
        labels = tuple(data["labels"])
        names = data["features"]
        weights = np.frombuffer(base64.b64decode(data["weights"]), dtype="<f4").reshape(len(names), len(labels))
        trans = np.asarray(data["transitions"], dtype=np.float32).reshape(len(labels), len(labels))
        return RoleModel(lang=data["lang"], labels=labels, index={f: i for i, f in enumerate(names)}, weights=weights,
                         transitions=trans, cue_rate={k: float(v) for k, v in data["cue_rate"].items()},
                         meta=data.get("meta", {}))
    except ModelError:
        raise
    except (KeyError, TypeError, ValueError) as e:
        raise ModelError(f"malformed role model ({e})", path=source) from None


def model_path(lang: str) -> Path:
    return Path(str(resources.files("detector").joinpath("models", f"roles-{lang}.json")))


@cache
def role_model(lang: str) -> RoleModel | None:
    """The shipped role model of ``lang``, or ``None`` when the package has none for it."""
    path = model_path(lang)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ModelError(f"cannot read the role model ({e})", path=str(path)) from None
    return from_dict(data, str(path))
