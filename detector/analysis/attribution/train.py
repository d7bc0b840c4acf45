"""Train the role labeller from gold attributions and write ``detector/models/roles-<lang>.json``.

    python -m detector.analysis.attribution.train de ../shared/data/quotes-de/train.jsonl \\
        --dev ../shared/data/quotes-de/dev.jsonl
    python -m detector.analysis.attribution.train en corpora/real-en/train.jsonl --dev corpora/real-en/dev.jsonl

Gold files hold ``quotes`` (the German news quotation dataset) or ``sources`` (the project's
real-copy samples); see :func:`detector.evaluation.attribution.gold_attributions`. Training needs
CRFsuite (``pip install ".[train]"``); the result is plain JSON, read without it. Deterministic:
the same gold gives the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from detector.analysis.attribution.features import document_sequences
from detector.analysis.attribution.model import FORMAT, LABELS, VERSION, RoleModel, from_dict, model_path
from detector.evaluation.attribution import gold_attributions
from detector.languages import SUPPORTED

PRIORITY = ("Q", "S", "C")  # later labels win where gold roles overlap


def _records(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).open(encoding="utf-8") if line.strip()]


def _text(rec: dict) -> str:
    return rec["headline"] + "\n\n" + rec["body"] if rec.get("headline") else rec["body"]


def gold_labels(doc, rec: dict) -> list[str]:
    """One label per token from the record's gold attributions."""
    labels = ["O"] * len(doc)
    attrs = gold_attributions(rec)
    for label, role in zip(PRIORITY, ("content", "speaker", "cue"), strict=True):
        for a in attrs:
            for s, e in getattr(a, role):
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    if not t.is_space:
                        labels[t.i] = label
    return labels


def prepared(lang: str, records: list[dict]):
    """(record, analysed Doc inputs) for every record, through the same analysis as at run time."""
    from detector.analysis import prepare_attribution_inputs
    from detector.analysis.nlp import make_doc

    for rec in records:
        text = _text(rec)
        doc = make_doc(text, lang)
        yield rec, text, doc, prepare_attribution_inputs(doc, text, lang)


def cue_rates(lang: str, items) -> dict[str, float]:
    """Per lemma: how often it is (part of) a gold cue; lemmas seen as a cue at least twice."""
    seen: Counter = Counter()
    cue: Counter = Counter()
    for rec, _, doc, _inputs in items:
        labels = gold_labels(doc, rec)
        for t in doc:
            lemma = t.lemma_.lower()
            seen[lemma] += 1
            if labels[t.i] == "C":
                cue[lemma] += 1
    return {w: round(cue[w] / seen[w], 4) for w in sorted(cue) if cue[w] >= 2}


def train(lang: str, train_paths: list[str], *, c1: float = 0.05, c2: float = 0.05, iterations: int = 200) -> RoleModel:
    import pycrfsuite

    from detector.analysis.lexicon import lexicon

    lex = lexicon(lang)
    items = list(prepared(lang, [r for path in train_paths for r in _records(path)]))
    rates = cue_rates(lang, items)
    trainer = pycrfsuite.Trainer(verbose=False)
    for rec, _, doc, (in_quote, entity_kind) in items:
        labels = gold_labels(doc, rec)
        for seq in document_sequences(doc, in_quote, entity_kind, lex, rates):
            trainer.append(seq.features, [labels[i] for i in seq.tokens])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    path = Path("/tmp") / f"framing-roles-{lang}-{int(time.time())}.crfsuite"
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    info = tagger.info()
    labels = list(LABELS)
    names = sorted({attr for attr, _ in info.state_features})
    index = {f: i for i, f in enumerate(names)}
    weights = np.zeros((len(names), len(labels)), dtype=np.float32)
    for (attr, label), w in info.state_features.items():
        weights[index[attr], labels.index(label)] = w
    trans = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (a, b), w in info.transitions.items():
        trans[labels.index(a), labels.index(b)] = w
    tagger.close()
    path.unlink(missing_ok=True)
    meta = {"trained_on": [Path(p).name if "shared" in p else p for p in train_paths], "documents": len(items),
            "c1": c1, "c2": c2, "iterations": iterations}
    return RoleModel(lang=lang, labels=tuple(labels), index=index, weights=weights, transitions=trans,
                     cue_rate=rates, meta=meta)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m detector.analysis.attribution.train", description=__doc__.split("\n")[0])
    ap.add_argument("lang", choices=list(SUPPORTED))
    ap.add_argument("train", nargs="+", help="gold JSONL files to train on")
    ap.add_argument("--dev", help="gold JSONL to report figures on (not trained on)")
    ap.add_argument("--out", help="model file (default: the package's roles-<lang>.json)")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    args = ap.parse_args(argv)
    started = time.time()
    model = train(args.lang, args.train, c1=args.c1, c2=args.c2)
    out = Path(args.out) if args.out else model_path(args.lang)
    data = model.to_dict()
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    from_dict(json.loads(out.read_text("utf-8")), str(out))  # what was written reads back
    print(f"{out}: {len(model.index)} features, {len(model.cue_rate)} cue lemmas, "
          f"{time.time() - started:.0f} s ({FORMAT} v{VERSION})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
