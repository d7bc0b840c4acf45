#!/usr/bin/env python3
"""Who says what, measured: speaker, cue and content of the report's sourcing inventory against gold.

    python benchmarks/attribution.py                       # German gold (train, dev) and the English sample
    python benchmarks/attribution.py --sets de-dev         # one set
    python benchmarks/attribution.py --json out.json       # figures as JSON too

Gold: the German news quotation dataset (``../shared/data/quotes-de``, train and dev; its test split is
held back and never read here) and the project's annotated English Wikinews sample
(``corpora/real-en``, dev and test) and German derStandard sample (``corpora/real-de``, dev). The
measure is token overlap per role (:mod:`detector.evaluation.attribution` documents it), a table per
form, and the false-alarm rate: findings per 1,000 words on the same articles (careful news, so
nearly every finding is a false alarm; the real-copy issue asks for at most 2.5). A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from detector.document import Document  # noqa: E402
from detector.evaluation.attribution import FORMS, ROLES, AttributionScore, gold_attributions, report_attributions  # noqa: E402
from detector.pipeline import Detector  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
SETS = {
    "de-train": ("de", SHARED / "quotes-de" / "train.jsonl"),
    "de-dev": ("de", SHARED / "quotes-de" / "dev.jsonl"),
    "real-de-dev": ("de", ROOT / "corpora" / "real-de" / "dev.jsonl"),
    "real-en-dev": ("en", ROOT / "corpora" / "real-en" / "dev.jsonl"),
    "real-en-test": ("en", ROOT / "corpora" / "real-en" / "test.jsonl"),
}
TARGETS = {"de-dev": {"speaker": 0.80, "cue": 0.80, "content": 0.75},
           "real-en-test": {"speaker": 0.75, "content": 0.70}}


def measure(name: str, detector: Detector) -> dict:
    lang, path = SETS[name]
    score = AttributionScore()
    findings = words = 0
    devices: dict[str, int] = {}
    started = time.perf_counter()
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        doc = Document.from_parts(rec["headline"], rec["body"], id=rec["id"], lang=lang)
        report = detector.run(doc, lang).to_dict()
        score.add(doc.text, gold_attributions(rec), report_attributions(report))
        findings += len(report["findings"])
        for f in report["findings"]:
            devices[f["device"]] = devices.get(f["device"], 0) + 1
        words += len(doc.text.split())
    out = score.to_dict()
    out["seconds"] = round(time.perf_counter() - started, 1)
    out["findings_per_1000_words"] = round(1000 * findings / max(words, 1), 2)
    out["by_device_per_1000_words"] = {d: round(1000 * n / words, 2) for d, n in sorted(devices.items(), key=lambda x: -x[1])}
    return out


def show(name: str, fig: dict) -> None:
    print(f"\n{name}: {fig['documents']} articles, {fig['gold_attributions']} gold and "
          f"{fig['predicted_attributions']} predicted attributions ({fig['seconds']} s)")
    print(f"  {'role':8} {'precision':>9} {'recall':>7} {'F1':>6}   target")
    for role in ROLES:
        r = fig["roles"][role]
        target = TARGETS.get(name, {}).get(role)
        mark = "" if target is None else (f"≥ {target:.2f} " + ("met" if r["f1"] >= target else "SHORT"))
        print(f"  {role:8} {r['precision'] or 0:9.3f} {r['recall'] or 0:7.3f} {r['f1'] or 0:6.3f}   {mark}")
    print(f"  {'form':14} {'gold':>5} {'content recall':>15} {'same form':>10}")
    for form in FORMS:
        f = fig["forms"][form]
        if f["attributions"]:
            print(f"  {form:14} {f['attributions']:5d} {f['content_recall'] or 0:15.3f} {f['same_form'] or 0:10.3f}")
    devices = ", ".join(f"{d} {v}" for d, v in list(fig["by_device_per_1000_words"].items())[:6])
    print(f"  false alarms: {fig['findings_per_1000_words']} findings per 1,000 words ({devices})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", nargs="*", default=["de-train", "de-dev", "real-de-dev", "real-en-dev", "real-en-test"],
                    choices=sorted(SETS))
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    detector = Detector()
    figures = {}
    for name in args.sets:
        if not SETS[name][1].exists():
            print(f"{name}: {SETS[name][1]} not found, skipped", file=sys.stderr)
            continue
        figures[name] = measure(name, detector)
        show(name, figures[name])
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
