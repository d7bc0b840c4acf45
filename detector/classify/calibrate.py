"""Calibrated confidence: of the findings shown with confidence p, about p are right.

Rule confidences are authors' guesses and the classifier, trained on the project's own corpora, is
sure of itself on copy it has not seen. The calibration measures, on an annotated sample of real
news (the train split of ``corpora/real-<lang>``), how often a finding of each device is right, and
gives every finding of that device that share as its confidence: a device's own rate, drawn toward
the language's overall rate where the device has few findings (a Beta prior of ``PRIOR`` findings).

    python -m detector.classify.calibrate de corpora/real-de/train.jsonl
    python -m detector.classify.calibrate en corpora/real-en/train.jsonl

This module fits the table; it is data (``detector/models/calibration.json``) and
:func:`detector.classify.calibration.calibrated` applies it when scoring.
"""

from __future__ import annotations

import argparse
import json
import sys

from detector.classify.calibration import FORMAT, VERSION, table_path
from detector.languages import SUPPORTED

PRIOR = 4.0  # findings' worth of the language's overall rate behind each device's own rate


def fit(pairs: list[tuple[str, bool]]) -> dict:
    """Per-device rate of right findings, smoothed toward the overall rate."""
    total = len(pairs)
    overall = sum(ok for _, ok in pairs) / total if total else 0.5
    devices: dict[str, list[bool]] = {}
    for device, ok in pairs:
        devices.setdefault(device, []).append(ok)
    return {"default": round(overall, 3), "findings": total,
            "devices": {d: round((sum(oks) + PRIOR * overall) / (len(oks) + PRIOR), 3) for d, oks in sorted(devices.items())},
            "counts": {d: [sum(oks), len(oks)] for d, oks in sorted(devices.items())}}


def findings_and_truth(path: str, lang: str) -> list[tuple[str, bool]]:
    """(device, right) for every finding of the uncalibrated detector on an annotated JSONL file."""
    from detector.document import ErrorRecord, iter_jsonl
    from detector.pipeline import Detector

    detector = Detector(calibrate=False)
    out = []
    for doc in iter_jsonl(path):
        if isinstance(doc, ErrorRecord):
            continue
        gold = [(a["device"], a["start"], a["end"]) for a in doc.meta.get("annotations", [])]
        for f in detector.run(doc, lang).findings:
            out.append((f.device, any(d == f.device and s < f.end and f.start < e for d, s, e in gold)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Fit the confidence calibration of one language on annotated real copy.")
    ap.add_argument("lang", choices=list(SUPPORTED))
    ap.add_argument("gold", nargs="+", help="annotated JSONL files (the real sample's train split)")
    args = ap.parse_args(argv)
    pairs = [p for path in args.gold for p in findings_and_truth(path, args.lang)]
    path = table_path()
    data = json.loads(path.read_text("utf-8")) if path.exists() else {"format": FORMAT, "version": VERSION, "languages": {}}
    data["languages"][args.lang] = fit(pairs) | {"fitted_on": [str(p) for p in args.gold]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    table = data["languages"][args.lang]
    print(f"{path}: {args.lang}, {table['findings']} findings, overall rate right {table['default']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
