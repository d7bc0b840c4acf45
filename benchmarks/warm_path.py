"""Latency of the warm path: one long-running `framing score -` reading JSON Lines on stdin.

    python benchmarks/warm_path.py [--lang de|en] [--n 40] [--words 420-580]

An editor plug-in or a newsroom tool keeps one process open and writes one article per line:

    framing score - --input-format jsonl --format jsonl

and reads one report per line back (a report is flushed as soon as it is written; a broken request
yields an error record on its line, and the process goes on). Start-up (importing spaCy, loading rules
and models) is paid once. This script starts that process, sends real articles of about 500 words one
at a time (the shared derStandard or BBC file, else the project's real samples), waits for each report,
and prints the first request's time (start-up included) and the median and 90th percentile of the rest.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from throughput import DEFAULT  # the same real text as the throughput benchmark


def articles(lang: str, n: int, lo: int, hi: int) -> list[dict]:
    """Up to ``n`` articles whose body has ``lo``–``hi`` words, as request lines."""
    path = next(p for p in DEFAULT[lang] if p.exists())
    out = []
    for line in path.read_text("utf-8").splitlines():
        rec = json.loads(line)
        body = rec.get("body") or rec.get("text", "")
        if lo <= len(body.split()) <= hi:
            out.append({"id": str(len(out)), "headline": rec.get("headline"), "body": body, "lang": lang})
        if len(out) >= n:
            break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=["de", "en"], default="de")
    ap.add_argument("--n", type=int, default=40, help="articles to send (default 40)")
    ap.add_argument("--words", default="420-580", help="body length range in words (default 420-580)")
    args = ap.parse_args()
    lo, hi = (int(x) for x in args.words.split("-"))
    requests = articles(args.lang, args.n, lo, hi)
    if len(requests) < 2:
        print("not enough articles of that length", file=sys.stderr)
        return 2
    proc = subprocess.Popen(["framing", "score", "-", "--input-format", "jsonl", "--format", "jsonl"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    times = []
    try:
        for req in requests:
            start = time.perf_counter()
            proc.stdin.write(json.dumps(req, ensure_ascii=False) + "\n")
            proc.stdin.flush()
            report = json.loads(proc.stdout.readline())
            times.append(time.perf_counter() - start)
            if "error" in report:
                print(f"request {req['id']}: {report['error']}", file=sys.stderr)
    finally:
        proc.stdin.close()
        proc.wait()
    rest = sorted(times[1:])
    print(f"{args.lang}: {len(requests)} articles of {lo}-{hi} words | first (start-up included) "
          f"{times[0]:.2f} s | then median {1000 * statistics.median(rest):.0f} ms, "
          f"90th percentile {1000 * rest[int(0.9 * (len(rest) - 1))]:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
