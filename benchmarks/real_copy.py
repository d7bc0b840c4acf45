"""Real copy, measured: how often the detector speaks on careful news, how often it is right, and
whether its confidence can be believed.

    python benchmarks/real_copy.py [--sets de-dev de-test en-dev en-test] [--rates derstandard bbc]

* Findings per 1,000 words, per device, on whole shared files of real news nobody here wrote
  (``../shared/data/derstandard-dev.jsonl``, ``bbc-dev.jsonl``; skipped when absent). Careful news
  mostly frames nothing, so these are mostly false alarms.
* On the project's annotated real samples (``corpora/real-de``, ``corpora/real-en``): precision and
  recall of the findings (span overlap, same device) and of the sourcing inventory, and the
  reliability of the confidence: ten bins, the findings in each, their mean confidence, the share that
  is right, and the expected calibration error (ECE). The calibration is fitted on the train splits
  only (``python -m detector.classify.calibrate``).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
SHARED = ROOT.parent / "shared" / "data"
RATES = {"derstandard": ("de", SHARED / "derstandard-dev.jsonl"), "bbc": ("en", SHARED / "bbc-dev.jsonl"),
         "wikinews-en": ("en", SHARED / "wikinews-en.jsonl")}
TARGETS = {"derstandard": 2.5, "bbc": 2.5}
DEVICE_MAX = 0.5


def rates(name: str, detector) -> None:
    from detector.document import ErrorRecord, iter_jsonl

    lang, path = RATES[name]
    if not path.exists():
        print(f"{name}: {path} not found, skipped")
        return
    words = 0
    by_device: Counter[str] = Counter()
    articles = 0
    for doc in iter_jsonl(str(path)):
        if isinstance(doc, ErrorRecord):
            continue
        report = detector.run(doc, lang)
        articles += 1
        words += len(doc.text.split())
        by_device.update(f.device for f in report.findings)
    per_k = {d: 1000 * n / words for d, n in by_device.most_common()}
    total = sum(per_k.values())
    target = TARGETS.get(name)
    verdict = ""
    if target is not None:
        worst = max(per_k.values(), default=0.0)
        verdict = "  (met)" if total <= target and worst <= DEVICE_MAX else f"  (target ≤ {target}, no device > {DEVICE_MAX}: SHORT)"
    print(f"{name}: {articles} articles, {words:,} words: {total:.2f} findings per 1,000 words{verdict}")
    print("  " + ", ".join(f"{d} {v:.2f}" for d, v in per_k.items()))


def sample(name: str, detector) -> None:
    from detector.evaluation import evaluate

    lang, split = name.split("-")
    path = ROOT / "corpora" / f"real-{lang}" / f"{split}.jsonl"
    result = evaluate(str(path), lambda doc: detector.run(doc, lang), mode=detector.mode)
    m = result["micro"]["overlap"]
    inv = result.get("inventory", {}).get("found", {})
    cal = result.get("calibration", {"ece": None, "findings": 0, "bins": []})
    print(f"real-{lang} {split}: {result['articles']} articles | findings P {m['precision']} R {m['recall']} "
          f"F1 {m['f1']} | inventory P {inv.get('precision')} R {inv.get('recall')} | "
          f"ECE {cal['ece']} over {cal['findings']} findings")
    print("  confidence bin   findings   mean confidence   right")
    for b in cal["bins"]:
        print(f"  {b['bin']:>14}   {b['findings']:8}   {b['confidence']:15.3f}   {b['right']:5.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="*", default=["de-dev", "de-test", "en-dev", "en-test"],
                    choices=["de-dev", "de-test", "en-dev", "en-test"])
    ap.add_argument("--rates", nargs="*", default=["derstandard", "bbc"], choices=sorted(RATES))
    args = ap.parse_args()
    from detector.pipeline import Detector

    detector = Detector()
    for name in args.rates:
        rates(name, detector)
    for name in args.sets:
        sample(name, detector)


if __name__ == "__main__":
    main()
