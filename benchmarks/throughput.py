"""Throughput of full scoring relative to spaCy's bare tokenizer, on the same text in the same run.

    python benchmarks/throughput.py [--repeat 3]

Prints articles/s and tokens/s for `spacy.blank(lang)` tokenisation alone and for
`detector.analyze` (read → analyse → match → score), the ratio between them, and
the wall time of one `framing score` run of one article (start-up included).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing


def corpus_texts(lang: str) -> list[str]:
    texts = []
    for f in sorted((ROOT / "corpora" / lang).glob("*.jsonl")):
        for line in f.read_text("utf-8").splitlines():
            rec = json.loads(line)
            texts.append(rec["headline"] + "\n\n" + rec["body"])
    return texts


def measure(lang: str, repeat: int) -> dict:
    import spacy

    from detector import analyze
    from detector.pipeline import Detector

    texts = corpus_texts(lang)
    cold_tok = float("inf")
    for _ in range(max(repeat, 3)):  # first passes, each with a new pipeline whose word cache is empty
        nlp = spacy.blank(lang)
        t = time.perf_counter()
        for text in texts:
            nlp.make_doc(text)
        cold_tok = min(cold_tok, time.perf_counter() - t)
    det = Detector()
    analyze(texts[0], lang=lang, detector=det)  # warm up: rules compiled, lemma cache built
    tokens = sum(len(nlp.make_doc(t)) for t in texts)
    best_tok = best_full = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for text in texts:
            nlp.make_doc(text)
        best_tok = min(best_tok, time.perf_counter() - t)
        t = time.perf_counter()
        for text in texts:
            analyze(text, lang=lang, detector=det)
        best_full = min(best_full, time.perf_counter() - t)
    return {"lang": lang, "articles": len(texts), "tokens": tokens,
            "tokenizer_tokens_per_s": round(tokens / best_tok), "full_tokens_per_s": round(tokens / best_full),
            "full_articles_per_s": round(len(texts) / best_full, 1), "ratio": round(best_tok / best_full, 3),
            "tokenizer_cold_tokens_per_s": round(tokens / cold_tok), "ratio_cold": round(cold_tok / best_full, 3)}


def one_article_wall_time(fmt: str, runs: int = 7) -> tuple[float, float]:
    """Median and fastest wall time of ``framing score ARTICLE --format FMT``, start-up included."""
    text = corpus_texts("de")[0]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text)
    cmd = [sys.executable, "-m", "detector.cli", "score", fh.name, "--format", fmt]
    subprocess.run(cmd, capture_output=True, check=True)  # the first run builds the lemma and rule caches
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    for lang in ("de", "en"):
        r = measure(lang, args.repeat)
        print(f"{lang}: {r['articles']} articles, {r['tokens']} tokens | bare tokenizer {r['tokenizer_tokens_per_s']:,} tok/s"
              f" | full scoring {r['full_tokens_per_s']:,} tok/s, {r['full_articles_per_s']} articles/s"
              f" | ratio {r['ratio']:.3f}x (to the tokenizer's first, cold pass: {r['tokenizer_cold_tokens_per_s']:,} tok/s,"
              f" {r['ratio_cold']:.3f}x)")
    for fmt in ("terminal", "json"):
        median, fastest = one_article_wall_time(fmt)
        print(f"one `framing score --format {fmt}` of one article (start-up included): median {median:.2f} s, "
              f"fastest {fastest:.2f} s")


if __name__ == "__main__":
    main()
