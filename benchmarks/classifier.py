"""Cost of the classifier: scoring time per mode relative to rules alone, and training time.

    python benchmarks/classifier.py [--repeat 5] [--train]

Scores every corpus article with ``Detector(mode=...)`` for rules, classifier and both (best of
``--repeat`` interleaved runs, model loading excluded; CPU time of this process, so that other
load on a shared machine skews the ratio less) and prints the ratio to rules alone; the
issue's bar is 1.5x. ``--train`` also times one `framing train` run into a temporary file
(the bar: under two minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing


def documents():
    from detector.document import Document

    docs = []
    for lang in ("de", "en"):
        for f in sorted((ROOT / "corpora" / lang).glob("*.jsonl")):
            for line in f.read_text("utf-8").splitlines():
                rec = json.loads(line)
                docs.append((Document.from_parts(rec["headline"], rec["body"], id=rec["id"], lang=lang), lang))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--train", action="store_true", help="Also time `framing train`.")
    args = ap.parse_args()
    from detector.pipeline import Detector

    docs = documents()
    detectors = {m: Detector(mode=m) for m in ("rules", "classifier", "both")}
    for det in detectors.values():  # warm up: rules compiled, caches filled
        for doc, lang in docs[:5]:
            det.run(doc, lang)
    best = dict.fromkeys(detectors, float("inf"))
    for _ in range(args.repeat):
        for mode, det in detectors.items():
            t = time.process_time()
            for doc, lang in docs:
                det.run(doc, lang)
            best[mode] = min(best[mode], time.process_time() - t)
    for mode, secs in best.items():
        print(f"{mode:10} {len(docs) / secs:6.1f} articles/s   {secs / best['rules']:.2f}x rules alone")
    if args.train:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "detector.cli", "train", "--corpora", str(ROOT / "corpora"),
                            "-o", str(Path(tmp) / "m.json")], check=True, capture_output=True, cwd=ROOT)
            print(f"framing train: {time.perf_counter() - t:.1f} s (wall, start-up included)")


if __name__ == "__main__":
    main()
