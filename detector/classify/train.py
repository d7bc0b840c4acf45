"""``framing train``: corpora → the JSON model, deterministically, with its dev figures.

Per language: sentence features from the train split, one logistic regression per device
(one-vs-rest, balanced classes), thresholds chosen on out-of-fold predictions of the train
split (the stricter thresholds for findings beside the rules on those and on dev), an article
framed/neutral model stacked on out-of-fold sentence probabilities, and score bands chosen on
the dev split. The test split is only read with ``--test`` and only
reported, never used to choose anything.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from detector.analysis import Analysis, analyse
from detector.classify import features as feats
from detector.classify.metrics import auc, span_scores
from detector.classify.model import FORMAT, VERSION, Model, dumps, encode_matrix, model_from_dict
from detector.classify.predict import article_features, classify
from detector.document import Document
from detector.errors import FramingError
from detector.languages import SUPPORTED
from detector.report.model import Finding
from detector.scoring import score
from detector.taxonomy import devices

SEED = 0
FOLDS = 5
MIN_POSITIVES = 4
RULE_DROPOUT = 0.0  # chosen on dev: 0.5 and 0.8 (tried) lowered micro-F1 of both modes there
NEVER = 1.01  # an add_threshold no probability reaches
# A finding the classifier adds beside the rules must be about as trustworthy as a rule finding on text
# the rules were not written for: the English rules were right 71% of the time on the 40 train articles
# added after they were written (`framing evaluate` on en-train-041…080, rules alone, measured before
# the rules were revised on those articles).
ADD_MIN_PRECISION = 0.7
ADD_MIN_COUNT = 3
KINDS = ("logreg", "svm", "sgd", "cnb")
LR_C = 4.0
DIGITS = 4


@dataclass
class Article:
    record: dict
    analysis: Analysis
    rule_findings: list[Finding]
    sents: list[feats.Sentence]
    words: int
    labels: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))

    @property
    def framed(self) -> int:
        return int(self.record.get("kind") == "framed")


def read_split(corpora: Path, lang: str, split: str) -> list[dict]:
    """A split of the project's corpora, with the same split of the annotated real-copy sample
    (``real-<lang>/``, careful news: the sentences that frame nothing the model must learn from) for
    train and dev; the test splits stay apart, measured only."""
    recs = _read_jsonl(corpora / lang / f"{split}.jsonl")
    real = corpora / f"real-{lang}" / f"{split}.jsonl"
    if split in ("train", "dev") and real.exists():
        recs += _read_jsonl(real)
    return recs


def _negatives(path: Path, lang: str) -> list[dict]:
    """Careful news of ``lang`` with no device annotated: articles that frame nothing (kind ``real``)."""
    out = []
    for rec in _read_jsonl(Path(path)):
        if rec.get("lang", lang) == lang:
            out.append({"id": rec["id"], "lang": lang, "kind": "real", "split": "train", "headline": rec.get("headline", ""),
                        "body": rec["body"], "annotations": []})
    return out


def _read_jsonl(path: Path) -> list[dict]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise FramingError("corpus split not found", path=str(path)) from None
    out = []
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise FramingError(f"invalid JSON ({e.msg})", path=str(path), line=n) from None
    return out


def prepare(records: list[dict], lang: str, compiled, device_ids: list[str]) -> list[Article]:
    """Analyse each article, run the rules, cut sentences and label them with the gold devices."""
    from detector.matching.engine import run_rules

    out = []
    for rec in records:
        doc = Document.from_parts(rec.get("headline"), rec["body"], id=rec["id"], lang=lang)
        analysis = analyse(doc, lang)
        findings = run_rules(compiled, analysis)
        sents = feats.sentences(analysis, findings)
        y = np.zeros((len(sents), len(device_ids)), dtype=np.int8)
        col = {d: j for j, d in enumerate(device_ids)}
        for k, s in enumerate(sents):
            for a in rec.get("annotations", []):
                if a["device"] in col and a["start"] < s.end and s.start < a["end"]:
                    y[k, col[a["device"]]] = 1
        words = sum(1 for t in analysis.doc if t.is_alpha)
        out.append(Article(rec, analysis, findings, sents, words, y))
    return out


def estimator(kind: str, c: float = LR_C):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.naive_bayes import ComplementNB
    from sklearn.svm import LinearSVC

    if kind == "logreg":
        return LogisticRegression(C=c, class_weight="balanced", solver="liblinear", random_state=SEED, max_iter=1000)
    if kind == "sgd":
        return SGDClassifier(loss="log_loss", alpha=1e-4, class_weight="balanced", random_state=SEED, max_iter=50,
                             tol=None)
    if kind == "svm":
        return CalibratedClassifierCV(LinearSVC(C=0.5, class_weight="balanced", random_state=SEED), cv=3,
                                      method="sigmoid")
    if kind == "cnb":
        return ComplementNB(alpha=0.3)
    raise ValueError(kind)


def _fit_predict(kind: str, x_tr, y_tr: np.ndarray, x_te) -> np.ndarray:
    out = np.zeros((x_te.shape[0], y_tr.shape[1]))
    for j in range(y_tr.shape[1]):
        if y_tr[:, j].sum() == 0:
            continue
        est = estimator(kind).fit(x_tr, y_tr[:, j])
        out[:, j] = est.predict_proba(x_te)[:, 1]
    return out


def _stack(arts: list[Article]) -> tuple[list, np.ndarray, np.ndarray]:
    counts = [s for a in arts for s in a.sents]
    y = np.vstack([a.labels for a in arts]) if arts else np.zeros((0, 0))
    groups = np.concatenate([[i] * len(a.sents) for i, a in enumerate(arts)]).astype(int)
    return counts, y, groups


def _drop_rule_hits(items: list[feats.Sentence]) -> list[feats.Sentence]:
    """Training copies whose rule-hit flags are each dropped with probability ``RULE_DROPOUT``
    (fixed seed): the rules were written on the train split and find nearly all of it, so without
    this the models would learn to trust a rule hit and miss what no rule anticipates."""
    rng = np.random.default_rng(SEED)
    out = []
    for it in items:
        counts = Counter({k: v for k, v in it.counts.items() if not (k.startswith("r:") and rng.random() < RULE_DROPOUT)})
        out.append(replace(it, counts=counts))
    return out


def _best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The probability cut with the best F1 on out-of-fold predictions (never below 0.3)."""
    best, best_t = -1.0, 0.5
    for t in np.round(np.arange(0.3, 0.96, 0.05), 2):
        pred = p >= t
        tp = int((pred & (y == 1)).sum())
        f1 = 2 * tp / (pred.sum() + y.sum()) if pred.sum() + y.sum() else 0.0
        if f1 > best + 1e-9:
            best, best_t = f1, float(t)
    return best_t


def _add_threshold(j: int, device: str, evidence: list[tuple[list[Article], np.ndarray]]) -> float:
    """The lowest cut from which a sentence no rule of ``device`` covers becomes a finding beside the
    rules: the sentences added there must have been right (overlapping a gold span of the device) at
    least ``ADD_MIN_PRECISION`` of the time, over at least ``ADD_MIN_COUNT`` additions, counted on
    out-of-fold train predictions and on dev; no such cut: ``NEVER`` (the classifier only confirms)."""
    candidates: list[tuple[float, bool]] = []  # (probability, right) of each sentence no rule covers
    for arts, probs in evidence:
        start = 0
        for a in arts:
            p = probs[start:start + len(a.sents), j]
            start += len(a.sents)
            rules = [(f.start, f.end) for f in a.rule_findings if f.device == device]
            gold = [(g["start"], g["end"]) for g in a.record.get("annotations", []) if g["device"] == device]
            for s, ps in zip(a.sents, p, strict=True):
                if not any(rs < s.end and s.start < re for rs, re in rules):
                    candidates.append((ps, any(gs < s.end and s.start < ge for gs, ge in gold)))
    for t in np.round(np.arange(0.3, 0.96, 0.05), 2):
        added = [ok for ps, ok in candidates if ps >= t]
        if len(added) >= ADD_MIN_COUNT and sum(added) >= ADD_MIN_PRECISION * len(added):
            return float(t)
    return NEVER


def _r(a) -> list[float]:
    return [round(float(v), DIGITS) for v in np.asarray(a).ravel()]


def fit_language(train: list[Article], kind: str = "logreg", dev: list[Article] | None = None) -> dict:
    """Fit one language's model dict (vocabulary, device models, thresholds, article model); ``dev``
    takes part in choosing the add thresholds (see :func:`_add_threshold`)."""
    from sklearn.linear_model import LogisticRegression

    all_devices = sorted(devices())
    counts, y_all, groups = _stack(train)
    keep = [j for j, d in enumerate(all_devices) if y_all[:, j].sum() >= MIN_POSITIVES]
    devs = [all_devices[j] for j in keep]
    y = y_all[:, keep]
    vocab, idf = feats.fit_vocabulary(counts)
    vec = feats.Vectorizer(vocab, idf)
    x_all = vec.transform(counts)
    x = vec.transform(_drop_rule_hits(counts)) if RULE_DROPOUT else x_all  # what the models are fitted on
    # out-of-fold sentence probabilities: whole articles per fold, assigned round-robin (deterministic)
    oof = np.zeros(y.shape)
    fold_of = groups % FOLDS
    for k in range(FOLDS):
        tr, te = fold_of != k, fold_of == k
        oof[te] = _fit_predict(kind, x[tr], y[tr], x_all[te])
    thresholds = [_best_threshold(oof[:, j], y[:, j]) for j in range(len(devs))]
    coef = np.zeros((len(devs), len(vocab)))
    intercept = np.zeros(len(devs))
    dev_counts = _stack(dev)[0] if dev else []
    x_dev = vec.transform(dev_counts) if dev_counts else None
    dev_probs = np.zeros((len(dev_counts), len(devs)))
    for j in range(len(devs)):
        est = estimator(kind).fit(x, y[:, j])
        coef[j], intercept[j] = est.coef_.ravel(), float(np.ravel(est.intercept_)[0])
        if x_dev is not None:
            dev_probs[:, j] = est.predict_proba(x_dev)[:, 1]
    evidence = [(train, oof)] + ([(dev, dev_probs)] if dev else [])
    add_thresholds = [max(thresholds[j], _add_threshold(j, d, evidence)) for j, d in enumerate(devs)]
    # article model on out-of-fold evidence
    rows, start = [], 0
    for a in train:
        n = len(a.sents)
        rows.append(article_features(devs, oof[start:start + n], np.asarray(thresholds), a.rule_findings))
        start += n
    names = sorted({k for r in rows for k in r})
    xa = np.array([[r.get(f, 0.0) for f in names] for r in rows])
    mean, scale = xa.mean(axis=0), xa.std(axis=0)
    scale[scale < 1e-6] = 1.0
    art = LogisticRegression(C=0.3, solver="liblinear", random_state=SEED).fit(
        (xa - mean) / scale, [a.framed for a in train])
    return {"vocab": vocab, "idf": idf, "devices": devs, "coef": encode_matrix(coef),
            "intercept": _r(intercept), "threshold": _r(thresholds),
            "add_threshold": _r(add_thresholds),
            "article": {"features": names, "mean": _r(mean), "scale": _r(scale), "coef": _r(art.coef_),
                        "intercept": round(float(art.intercept_[0]), DIGITS)}}


def run_modes(arts: list[Article], model: Model) -> dict[str, list]:
    """Per mode: (gold, predicted spans, total, words, probability) for every article."""
    out: dict[str, list] = {"rules": [], "classifier": [], "both": []}
    for a in arts:
        gold = a.record.get("annotations", [])
        rule_total = score(a.rule_findings, a.words).total
        out["rules"].append((gold, [(f.device, f.start, f.end) for f in a.rule_findings], rule_total, a.framed, None))
        for mode, keep in (("classifier", False), ("both", True)):
            res = classify(a.analysis, a.rule_findings, model, keep_rules=keep)
            total = score(res.findings, a.words, framed=res.probability).total
            out[mode].append((gold, [(f.device, f.start, f.end) for f in res.findings], total, a.framed,
                              res.probability))
    return out


def figures(rows: list) -> dict:
    spans = span_scores([(g, p) for g, p, *_ in rows])
    labels = [r[3] for r in rows]
    fig = {"spans": spans, "auc_total": auc(labels, [r[2] for r in rows])}
    if rows and rows[0][4] is not None:
        fig["auc_probability"] = auc(labels, [r[4] for r in rows])
    return fig


def choose_bands(rows: list) -> dict[str, float]:
    """Band lower bounds from dev totals. ``moderate`` lies midway in the gap between the total that
    90 % of the neutral articles stay below and the total that 90 % of the framed ones reach (just
    above the neutral one if there is no gap); ``high`` is where 75 % of the framed articles still
    reach it (at least one point above ``moderate``)."""
    neutral = sorted(r[2] for r in rows if not r[3])
    framed = sorted(r[2] for r in rows if r[3])
    if not neutral or not framed:
        return {"low": 0, "moderate": 25, "high": 50}
    neutral_top = neutral[int(np.ceil(0.9 * len(neutral))) - 1]
    framed_low = framed[int(np.floor(0.1 * len(framed)))]
    moderate = neutral_top + 1 if framed_low <= neutral_top + 1 else int(np.ceil((neutral_top + framed_low) / 2))
    moderate = int(min(99, moderate))
    high = int(max(moderate + 1, min(100, framed[int(np.floor(0.25 * len(framed)))])))
    return {"low": 0, "moderate": moderate, "high": high}


def band_shares(rows: list, bands: dict[str, float]) -> dict[str, dict[str, float]]:
    """Share of neutral and framed dev articles in each band (the figures behind the thresholds)."""
    from detector.scoring import band_of

    out: dict[str, dict[str, float]] = {}
    for kind, flag in (("neutral", 0), ("framed", 1)):
        sel = [band_of(r[2], bands) for r in rows if r[3] == flag]
        out[kind] = {b: round(sel.count(b) / len(sel), 3) if sel else 0.0 for b in ("low", "moderate", "high")}
    return out


def compare(train: list[Article], dev: list[Article], langs: dict) -> list[dict]:
    """Each model kind on the same features: macro average precision over devices on dev sentences."""
    from sklearn.metrics import average_precision_score

    rows = []
    for kind in KINDS:
        t = time.perf_counter()
        aps = []
        for lang, d in langs.items():
            vec = feats.Vectorizer(d["vocab"], d["idf"])
            all_devices = sorted(devices())
            cols = [all_devices.index(x) for x in d["devices"]]
            tr = [a for a in train if a.analysis.lang == lang]
            te = [a for a in dev if a.analysis.lang == lang]
            c_tr, y_tr, _ = _stack(tr)
            c_te, y_te, _ = _stack(te)
            p = _fit_predict(kind, vec.transform(c_tr), y_tr[:, cols], vec.transform(c_te))
            for j, col in enumerate(cols):
                if y_te[:, col].sum():
                    aps.append(average_precision_score(y_te[:, col], p[:, j]))
        rows.append({"kind": kind, "macro_ap": round(float(np.mean(aps)), 3), "seconds": round(time.perf_counter() - t, 1)})
    return rows


def train(corpora: Path, output: Path, *, langs: tuple[str, ...] = SUPPORTED, kind: str = "logreg",
          with_test: bool = False, do_compare: bool = False, limit: int | None = None, rules=None,
          card: Path | None = None, echo=print, negatives: list[Path] = ()) -> dict:
    """Train, evaluate on dev (and test if asked), write the model (and the model card); return the figures."""
    from detector.config import Config
    from detector.matching.ruleset import RuleSet, assemble

    t0 = time.perf_counter()
    ruleset = RuleSet(assemble(rules, Config(), builtin=True))
    data: dict[str, dict[str, list[Article]]] = {}
    counts: dict[str, dict[str, int]] = {}
    for lang in langs:
        data[lang] = {}
        for split in ("train", "dev") + (("test",) if with_test else ()):
            recs = read_split(corpora, lang, split)
            if split == "train":
                recs += [r for path in negatives for r in _negatives(path, lang)]
            if limit:
                recs = recs[:limit]
            data[lang][split] = prepare(recs, lang, ruleset.compiled(lang), sorted(devices()))
        counts[lang] = {s: len(v) for s, v in data[lang].items()}
    lang_dicts = {lang: fit_language(data[lang]["train"], kind, data[lang]["dev"]) for lang in langs}
    train_counts = {lang: {k: n for k, n in c.items() if k != "test"} for lang, c in counts.items()}
    model_dict = {"format": FORMAT, "version": VERSION,
                  "features": {"word_ngrams": list(feats.WORD_NGRAMS), "char_ngrams": list(feats.CHAR_NGRAMS),
                               "min_df": 2, "weighting": "sublinear tf-idf, L2 per block; flags 1.0"},
                  "meta": {"kind": kind, "seed": SEED, "folds": FOLDS, "articles": train_counts,
                           "negatives": [Path(p).name if "shared" in str(p) else str(p) for p in negatives]},
                  "langs": lang_dicts}
    model = model_from_dict(json.loads(dumps(model_dict)), str(output))
    figs: dict = {"langs": {}, "articles": counts, "min_positives": MIN_POSITIVES}
    bands: dict[str, dict] = {}
    dev_rows: dict[str, list] = {"rules": [], "classifier": [], "both": []}
    for lang in langs:
        figs["langs"][lang] = {}
        for split in ("dev", "test") if with_test else ("dev",):
            rows = run_modes(data[lang][split], model)
            figs["langs"][lang][split] = {mode: figures(r) for mode, r in rows.items()}
            if split == "dev":
                for mode, r in rows.items():
                    dev_rows[mode].extend(r)
    figs["band_shares"] = {}
    for mode, rows in dev_rows.items():
        bands[mode] = choose_bands(rows)
        figs["band_shares"][mode] = band_shares(rows, bands[mode])
    model_dict["bands"] = {m: bands[m] for m in ("classifier", "both")}
    figs["bands"] = bands
    if do_compare:
        figs["compare"] = compare([a for lang in langs for a in data[lang]["train"]],
                                  [a for lang in langs for a in data[lang]["dev"]], lang_dicts)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(dumps(model_dict), encoding="utf-8")
    figs["seconds"] = round(time.perf_counter() - t0, 1)
    figs["bytes"] = output.stat().st_size
    echo(summary(figs))
    if card is not None:
        from detector.classify.card import write_card

        write_card(card, figs, model_dict)
    return figs


def summary(figs: dict) -> str:
    lines = []
    for lang, splits in figs["langs"].items():
        for split, modes in splits.items():
            for mode, f in modes.items():
                m = f["spans"]["micro"]
                extra = f"  AUC(P framed) {f['auc_probability']:.3f}" if "auc_probability" in f else ""
                lines.append(f"{lang} {split:4} {mode:10}  micro P {m['p']:.3f} R {m['r']:.3f} F1 {m['f1']:.3f}"
                             f"  AUC(total) {f['auc_total']:.3f}{extra}")
    for mode, b in figs["bands"].items():
        sh = figs["band_shares"][mode]
        lines.append(f"bands on dev ({mode}): moderate >= {b['moderate']}, high >= {b['high']}; low/moderate/high: "
                     f"neutral {sh['neutral']['low']:.0%}/{sh['neutral']['moderate']:.0%}/{sh['neutral']['high']:.0%}, "
                     f"framed {sh['framed']['low']:.0%}/{sh['framed']['moderate']:.0%}/{sh['framed']['high']:.0%}")
    for row in figs.get("compare", []):
        lines.append(f"compare {row['kind']:7} macro AP on dev sentences {row['macro_ap']:.3f} ({row['seconds']} s)")
    lines.append(f"trained in {figs['seconds']} s, model {figs['bytes'] / 1e6:.2f} MB")
    return "\n".join(lines)


def _write_rule_bands(bands: dict[str, float]) -> None:
    """Put the dev-calibrated rules-mode bands into ``data/scoring.yaml`` (its ``bands:`` line only)."""
    import re
    from importlib import resources

    path = Path(str(resources.files("detector").joinpath("data/scoring.yaml")))
    text = path.read_text("utf-8")
    line = f"bands: {{low: 0, moderate: {bands['moderate']}, high: {bands['high']}}}"
    new = re.sub(r"^bands: \{[^}\n]*\}", line, text, count=1, flags=re.M)
    if new != text:
        path.write_text(new, encoding="utf-8")


def train_cli(corpora: Path, output: Path | None, *, with_test: bool = False, card: bool = True,
              negatives: list[Path] = ()) -> dict:
    """``framing train``: to the shipped model by default, which also rewrites its card and the rules-mode bands."""
    from detector.classify.model import default_model_path

    shipped = output is None or output.resolve() == default_model_path().resolve()
    target = default_model_path() if output is None else output
    figs = train(corpora, target, with_test=with_test, do_compare=True, negatives=list(negatives),
                 card=target.parent / "README.md" if shipped and card else None)
    if shipped:
        _write_rule_bands(figs["bands"]["rules"])
    print(f"wrote {target}")
    return figs
