"""The model file: plain JSON (vocabulary, idf, coefficients, thresholds), validated on load.

Nothing here unpickles: a model is numbers and strings, so a file a user hands over can be
loaded safely. A missing, corrupted or foreign file raises :class:`~detector.errors.ModelError`
naming the file.
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from detector.classify.features import CHAR_NGRAMS, WORD_NGRAMS, Vectorizer
from detector.errors import ModelError
from detector.taxonomy import devices

FORMAT = "framing-detector-model"
VERSION = 2  # 2: the coefficient matrix as base64 float32 (1: nested lists; still read)
READABLE = (1, 2)
DEFAULT_NAME = "classifier.json"


def default_model_path() -> Path:
    """The model shipped inside the package (``detector/models/classifier.json``)."""
    return Path(str(resources.files("detector").joinpath("models", DEFAULT_NAME)))


@dataclass
class ArticleModel:
    """Logistic regression over standardised article features → P(framed)."""

    features: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, values: dict[str, float]) -> float:
        x = np.array([values.get(f, 0.0) for f in self.features])
        z = float(((x - self.mean) / self.scale) @ self.coef + self.intercept)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass
class LangModel:
    """One language: vectorizer, per-device linear models with thresholds, the article model."""

    vectorizer: Vectorizer
    devices: list[str]
    coef: np.ndarray  # devices × vocabulary
    intercept: np.ndarray
    threshold: np.ndarray  # flags a sentence (classifier mode; confirms a rule finding)
    add_threshold: np.ndarray  # adds a finding beside the rules (both mode)
    article: ArticleModel

    def __post_init__(self) -> None:
        self._coef_t = np.ascontiguousarray(self.coef.T)  # vocabulary × devices, for sparse @ dense

    def probabilities(self, items: list) -> np.ndarray:
        """Sentences (:class:`~detector.classify.features.Sentence`) → sentences × devices probabilities."""
        row, col, val = self.vectorizer.weights(items)
        n, d = len(items), len(self.devices)
        keys = (row[:, None] * d + np.arange(d)).ravel()
        z = np.bincount(keys, weights=(self._coef_t[col] * val[:, None]).ravel(), minlength=n * d).reshape(n, d)
        z = z.astype(np.float64)  # bincount of nothing is integer
        z += self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


@dataclass
class Model:
    langs: dict[str, LangModel]
    bands: dict[str, dict[str, float]] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    path: str = ""


def _fail(path: str, why: str) -> ModelError:
    return ModelError(f"not a valid framing-detector model: {why}", path=path)


def _floats(path: str, where: str, value, n: int | None = None) -> np.ndarray:
    try:
        if not isinstance(value, list):
            raise TypeError
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        arr = None
    if arr is None or arr.ndim != 1:
        raise _fail(path, f"{where} must be a list of numbers")
    if n is not None and len(arr) != n:
        raise _fail(path, f"{where} has {len(arr)} values, expected {n}")
    if not np.all(np.isfinite(arr)):
        raise _fail(path, f"{where} has a value that is not finite")
    return arr


def encode_matrix(matrix: np.ndarray) -> dict:
    """A matrix as JSON: little-endian float32 bytes in base64 (parsed ~10× faster than number lists)."""
    data = np.ascontiguousarray(matrix, dtype="<f4")
    return {"dtype": "float32", "shape": list(data.shape), "base64": base64.b64encode(data.tobytes()).decode("ascii")}


def _matrix(path: str, where: str, value, rows: int, cols: int) -> np.ndarray:
    """A rows × cols matrix from :func:`encode_matrix`'s form, or (version 1) one list per row."""
    if isinstance(value, dict):
        if value.get("dtype") != "float32" or value.get("shape") != [rows, cols] or not isinstance(value.get("base64"), str):
            raise _fail(path, f"{where} must be float32 of shape [{rows}, {cols}] in base64")
        try:
            raw = base64.b64decode(value["base64"], validate=True)
        except ValueError:
            raise _fail(path, f"{where} is not valid base64") from None
        if len(raw) != rows * cols * 4:
            raise _fail(path, f"{where} has {len(raw) // 4} values, expected {rows * cols}")
        return np.frombuffer(raw, dtype="<f4").astype(np.float64).reshape(rows, cols)
    if not isinstance(value, list) or len(value) != rows:
        raise _fail(path, f"{where} must have one row per device")
    try:
        return np.array(value, dtype=np.float64).reshape(rows, cols)
    except (TypeError, ValueError):
        raise _fail(path, f"{where} must be one list of {cols} numbers per device") from None


def _lang_model(path: str, lang: str, d: dict) -> LangModel:
    if not isinstance(d, dict):
        raise _fail(path, f"langs.{lang} must be an object")
    for key in ("vocab", "idf", "devices", "coef", "intercept", "threshold", "add_threshold", "article"):
        if key not in d:
            raise _fail(path, f"langs.{lang} lacks '{key}'")
    vocab = d["vocab"]
    if not isinstance(vocab, list) or not all(isinstance(v, str) for v in vocab) or len(set(vocab)) != len(vocab):
        raise _fail(path, f"langs.{lang}.vocab must be a list of distinct strings")
    idf = _floats(path, f"langs.{lang}.idf", d["idf"], len(vocab))
    devs = d["devices"]
    known = devices()
    if not isinstance(devs, list) or not all(isinstance(x, str) and x in known for x in devs):
        raise _fail(path, f"langs.{lang}.devices must list known device ids")
    matrix = _matrix(path, f"langs.{lang}.coef", d["coef"], len(devs), len(vocab))
    if not np.all(np.isfinite(matrix)):
        raise _fail(path, f"langs.{lang}.coef has a value that is not finite")
    art = d["article"]
    if not isinstance(art, dict) or not all(k in art for k in ("features", "mean", "scale", "coef", "intercept")):
        raise _fail(path, f"langs.{lang}.article must have features, mean, scale, coef and intercept")
    names = art["features"]
    if not isinstance(names, list) or not all(isinstance(x, str) for x in names):
        raise _fail(path, f"langs.{lang}.article.features must be a list of strings")
    scale = _floats(path, f"langs.{lang}.article.scale", art["scale"], len(names))
    if np.any(scale <= 0):
        raise _fail(path, f"langs.{lang}.article.scale must be positive")
    article = ArticleModel(names, _floats(path, f"langs.{lang}.article.mean", art["mean"], len(names)), scale,
                           _floats(path, f"langs.{lang}.article.coef", art["coef"], len(names)),
                           float(_floats(path, f"langs.{lang}.article.intercept", [art["intercept"]])[0]))
    return LangModel(
        vectorizer=Vectorizer(vocab, list(idf)), devices=list(devs),
        coef=matrix,
        intercept=_floats(path, f"langs.{lang}.intercept", d["intercept"], len(devs)),
        threshold=_floats(path, f"langs.{lang}.threshold", d["threshold"], len(devs)),
        add_threshold=_floats(path, f"langs.{lang}.add_threshold", d["add_threshold"], len(devs)), article=article)


def model_from_dict(data, path: str) -> Model:
    """Validate a decoded model file and build the :class:`Model`."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(path, f"'format' is not '{FORMAT}'")
    if data.get("version") not in READABLE:
        raise ModelError(f"model version {data.get('version')!r} is not supported (expected {VERSION}); "
                         "retrain with `framing train`", path=path)
    feats = data.get("features", {})
    if feats.get("word_ngrams") != list(WORD_NGRAMS) or feats.get("char_ngrams") != list(CHAR_NGRAMS):
        raise _fail(path, "its n-gram settings differ from this version's feature extractor")
    langs = data.get("langs")
    if not isinstance(langs, dict) or not langs:
        raise _fail(path, "'langs' must map language codes to models")
    bands = data.get("bands", {})
    if not isinstance(bands, dict) or not all(isinstance(b, dict) for b in bands.values()):
        raise _fail(path, "'bands' must map modes to band thresholds")
    return Model(langs={lang: _lang_model(path, lang, d) for lang, d in sorted(langs.items())},
                 bands={m: {k: float(v) for k, v in b.items()} for m, b in bands.items()},
                 meta=data.get("meta", {}), path=path)


@cache
def _load(path: str, mtime: float) -> Model:
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ModelError("model file not found", path=path) from None
    except OSError as e:
        raise ModelError(f"cannot read model file: {e.strerror}", path=path) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _fail(path, "not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise ModelError(f"not a valid framing-detector model: invalid JSON ({e.msg})", path=path, line=e.lineno) from None
    return model_from_dict(data, path)


def load_model(path: str | Path | None = None) -> Model:
    """Load (and cache) a model file; ``None`` is the shipped model."""
    p = Path(path) if path is not None else default_model_path()
    try:
        mtime = p.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _load(str(p), mtime)


def dumps(data: dict) -> str:
    """Serialise a model dict deterministically (sorted keys, fixed float rounding, one line per list)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
