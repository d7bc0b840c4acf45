"""Throughput of full scoring relative to spaCy's bare tokenizer, on the same real text in the same run.

    python benchmarks/throughput.py [--limit N] [--grammar on|off|both] [--no-startup]

Text: real news, each article once (no repetition, so no word cache flatters either side). German:
``../shared/data/derstandard-dev.jsonl`` when it is there, else the project's real German sample
(``corpora/real-de``); English: ``../shared/data/bbc-dev.jsonl``, else ``corpora/real-en``. A file
can be given with ``--de``/``--en``.

For each language it prints one pass of ``spacy.blank(lang)`` tokenisation (a fresh pipeline, so its
word cache starts empty, as for new text) and one pass of full scoring (every rule, the grammar step,
the classifier), the ratio, tokens/s and articles/s, and the resident memory after the first half
and after the whole stream (flat memory: the second figure is not much above the first), and the
share of each pipeline stage (the pipeline's own timers, as ``framing score --profile`` shows). With
``--grammar both`` it also scores without the grammar step (its ``annotate`` made a no-op), which is
what the step costs. Last, the wall time of one ``framing score`` of one article, start-up included.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
SHARED = ROOT.parent / "shared" / "data"
DEFAULT = {"de": [SHARED / "derstandard-dev.jsonl", ROOT / "corpora" / "real-de" / "index.jsonl"],
           "en": [SHARED / "bbc-dev.jsonl", ROOT / "corpora" / "real-en" / "index.jsonl"]}


def real_texts(lang: str, path: Path | None, limit: int | None) -> tuple[Path, list[str]]:
    """Articles of the first file that exists (``headline`` + ``body`` or ``text``), each once."""
    path = path or next(p for p in DEFAULT[lang] if p.exists())
    texts, seen = [], set()
    for line in path.read_text("utf-8").splitlines():
        rec = json.loads(line)
        text = rec["headline"] + "\n\n" + rec["body"] if "body" in rec else rec.get("text", "")
        if text and text not in seen:
            seen.add(text)
            texts.append(text)
    return path, texts[:limit] if limit else texts


def rss_mib() -> float:
    """Resident memory of this process now (Linux)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def tokenizer_pass(lang: str, texts: list[str]) -> tuple[float, int]:
    import spacy

    nlp = spacy.blank(lang)  # a fresh pipeline: its word cache is empty, as for new text
    t = time.perf_counter()
    tokens = sum(len(nlp.make_doc(text)) for text in texts)
    return time.perf_counter() - t, tokens


def scoring_pass(lang: str, texts: list[str], grammar_on: bool) -> dict:
    from detector import analyze
    from detector.analysis.grammar import grammar
    from detector.pipeline import Detector
    from detector.timing import collect

    g = grammar(lang)
    saved = g.annotate
    if not grammar_on:
        g.annotate = lambda *a, **k: None  # what scoring costs without the grammar step
    try:
        det = Detector()
        analyze("Warm-up.\n\nDer Text ist kurz." if lang == "de" else "Warm-up.\n\nThe text is short.",
                lang=lang, detector=det)
        half = len(texts) // 2
        times: dict[str, float] = {}
        t = time.perf_counter()
        with collect(times):
            for text in texts[:half]:
                analyze(text, lang=lang, detector=det)
            mem_half = rss_mib()
            for text in texts[half:]:
                analyze(text, lang=lang, detector=det)
        elapsed = time.perf_counter() - t
        return {"seconds": elapsed, "rss_half_mib": mem_half, "rss_end_mib": rss_mib(), "stages": times}
    finally:
        g.annotate = saved


def one_article_wall_time(text: str, fmt: str, runs: int = 7) -> tuple[float, float]:
    """Median and fastest wall time of ``framing score ARTICLE --format FMT``, start-up included."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text)
    cmd = [sys.executable, "-m", "detector.cli", "score", fh.name, "--format", fmt]
    subprocess.run(cmd, capture_output=True)  # the first run builds the lemma and rule caches
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - t)
    os.unlink(fh.name)
    return statistics.median(times), min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--de", type=Path, help="German JSONL (headline/body or text)")
    ap.add_argument("--en", type=Path, help="English JSONL")
    ap.add_argument("--limit", type=int, help="at most this many articles per language")
    ap.add_argument("--grammar", choices=["on", "off", "both"], default="both")
    ap.add_argument("--no-startup", action="store_true", help="skip the one-article command timing")
    args = ap.parse_args()
    first_de = None
    for lang in ("de", "en"):
        path, texts = real_texts(lang, getattr(args, lang), args.limit)
        first_de = first_de or texts[0]
        tok_s, tokens = tokenizer_pass(lang, texts)
        print(f"{lang}: {len(texts)} articles of {path.name}, {tokens:,} tokens | bare tokenizer (one pass) "
              f"{tokens / tok_s:,.0f} tok/s")
        modes = {"on": [True], "off": [False], "both": [True, False]}[args.grammar]
        for on in modes:
            r = scoring_pass(lang, texts, on)
            label = "full scoring" if on else "without the grammar step"
            print(f"  {label:25} {tokens / r['seconds']:9,.0f} tok/s, {len(texts) / r['seconds']:6.1f} articles/s"
                  f" | ratio {tok_s / r['seconds']:.3f}x | memory {r['rss_half_mib']:.0f} MiB at half,"
                  f" {r['rss_end_mib']:.0f} MiB at the end")
            stages = sorted(r["stages"].items(), key=lambda kv: -kv[1])
            rest = r["seconds"] - sum(r["stages"].values())
            print("    stages: " + ", ".join(f"{name} {100 * sec / r['seconds']:.0f}%" for name, sec in stages)
                  + f", unstaged {100 * rest / r['seconds']:.0f}%")
    if not args.no_startup:
        for fmt in ("terminal", "json"):
            median, fastest = one_article_wall_time(first_de, fmt)
            print(f"one `framing score --format {fmt}` of one German article (start-up included): "
                  f"median {median:.2f} s, fastest {fastest:.2f} s")


if __name__ == "__main__":
    main()
