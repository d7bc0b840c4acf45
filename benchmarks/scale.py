"""Scoring a collection at scale: articles/s and peak memory for 1 and 2 processes and a local Dask cluster.

    python benchmarks/scale.py [--articles 10000] [--work DIR]

Generates synthetic German and English articles from the sentence templates in
``benchmarks/scale-templates.yaml`` (seeded, so every run scores the same collection), then runs

    framing score articles.jsonl --output DIR --jobs 1
    framing score articles.jsonl --output DIR --jobs 2
    framing score articles.jsonl --engine dask --output DIR        (a local cluster, 2 worker processes)

as separate processes, and reports wall time (start-up included), articles per second and peak
resident memory of the whole process tree (parent, pool workers, Dask scheduler and workers),
sampled every 50 ms. A run on a tenth of the articles shows whether memory grows with the input.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]


def generate(path: Path, n: int, seed: int = 7) -> None:
    """``n`` articles of 12–20 sentences, two thirds German, one third English, with outlets."""
    templates = yaml.safe_load((ROOT / "benchmarks" / "scale-templates.yaml").read_text("utf-8"))
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            lang = "en" if i % 3 == 2 else "de"
            t = templates[lang]
            slots = {k: rng.choice(t[k]) for k in ("place", "actor", "person", "topic", "day")}
            slots["number"] = str(rng.randint(2, 90))

            def fill(s: str, slots: dict = slots) -> str:
                s = s.format(**slots)
                return s[0].upper() + s[1:]

            body = " ".join(fill(s) for s in rng.sample(t["sentences"], rng.randint(12, 20)))
            fh.write(json.dumps({"id": f"{lang}-{i:06d}", "lang": lang, "outlet": rng.choice(t["outlets"]),
                                 "headline": fill(rng.choice(t["headlines"])), "body": body}, ensure_ascii=False) + "\n")


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(args: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS of the process tree of one ``framing`` run."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "detector.cli", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(ps))
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"framing {' '.join(args)} failed: {proc.stderr.read()}")
    return elapsed, peak


def _burn(n: int) -> float:
    start = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - start


def machine_parallelism(n: int = 10_000_000) -> float:
    """How much faster 2 processes of a pure-Python loop finish 2 loops than 1 process does: 2.0 on 2 free cores."""
    from concurrent.futures import ProcessPoolExecutor

    one = _burn(n)
    with ProcessPoolExecutor(2) as pool:
        pool.submit(_burn, 1000).result()  # start both workers first
        start = time.perf_counter()
        list(pool.map(_burn, [n, n]))
        two = time.perf_counter() - start
    return 2 * one / two


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--work", type=Path, default=None, help="Folder for the generated input and outputs.")
    a = ap.parse_args()
    work = a.work or Path(tempfile.mkdtemp(prefix="framing-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    full, small = work / "articles.jsonl", work / "articles-small.jsonl"
    generate(full, a.articles)
    generate(small, max(1, a.articles // 10))
    runs = [
        (f"1 process, {a.articles // 10} articles", small, ["--jobs", "1"], "small-1"),
        ("1 process", full, ["--jobs", "1"], "jobs-1"),
        ("2 processes", full, ["--jobs", "2"], "jobs-2"),
        ("local Dask cluster (2 workers)", full, ["--engine", "dask"], "dask"),
    ]
    print(f"{a.articles} generated articles in {full} ({full.stat().st_size / 1e6:.1f} MB)")
    print(f"this machine: {psutil.cpu_count()} CPUs; 2 processes of a pure-Python loop do "
          f"{machine_parallelism():.2f}x the work of 1 in the same time\n")
    print("| run | articles | wall time | articles/s | peak RSS (process tree) |")
    print("|---|---|---|---|---|")
    for label, src, extra, out in runs:
        n = sum(1 for _ in src.open("rb"))
        elapsed, peak = measure(["score", str(src), "--output", str(work / out), *extra])
        print(f"| {label} | {n} | {elapsed:.1f} s | {n / elapsed:.0f} | {peak / 2**20:.0f} MiB |", flush=True)


if __name__ == "__main__":
    main()
