"""Build the quiz bank shipped in the package: detector/data/quiz/{de,en}.json.

Reads corpora/{lang}/{train,dev}.jsonl (never test): sentences of framed articles with their gold
devices, whole articles for devices that need context (headline_overstatement, repetition), and
trap sentences from neutral articles (answer "none"; cues in scripts/quiz_traps.yaml).
Deterministic: run it again after the corpora change, and commit the output.

    python scripts/build_quiz_bank.py
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from detector.exercises.sentences import number_sentences  # noqa: E402

SPLITS = ("train", "dev")  # never test
CONTEXT = {"headline_overstatement", "repetition"}  # need the whole article
PER_DEVICE = 20
TRAPS = 60
ARTICLES = 15
MIN_WORDS, MAX_WORDS = 6, 45


def _docs(lang: str):
    for split in SPLITS:
        for line in (ROOT / "corpora" / lang / f"{split}.jsonl").read_text("utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def well_formed(sentence: str, lang: str, headline: bool = False) -> bool:
    """A whole sentence: starts like one, ends like one (headlines need not), quotation marks balanced."""
    if not sentence or not (sentence[0].isupper() or sentence[0].isdigit() or sentence[0] in '„"“'):
        return False
    if not headline and sentence.rstrip('“”"')[-1:] not in ".!?":
        return False
    opening, closing = ("„", "“") if lang == "de" else ("“", "”")
    return sentence.count(opening) == sentence.count(closing) and sentence.count('"') % 2 == 0


def build(lang: str, traps: list[dict]) -> list[dict]:
    rng = random.Random(f"quiz-{lang}")
    by_device: dict[str, list[dict]] = {}
    trap_items: list[dict] = []
    articles: dict[str, list[dict]] = {}
    for doc in _docs(lang):
        headline, body = doc["headline"], doc["body"]
        text = headline + "\n\n" + body
        sentences = number_sentences(text, lang, (0, len(headline)))
        gold = doc["annotations"]
        if doc["kind"] == "framed":
            present = sorted({a["device"] for a in gold})
            for device in CONTEXT & set(present):
                spans = [[a["start"], a["end"], a["device"]] for a in gold if a["device"] == device]
                articles.setdefault(device, []).append({
                    "id": f"{doc['id']}#{device}", "kind": "article", "text": headline, "body": body,
                    "spans": spans, "gold": present, "target": device, "trap": None, "reason": None})
            for s in sentences:
                inside = [a for a in gold if a["start"] >= s.start and a["end"] <= s.end]
                crossing = [a for a in gold if a["start"] < s.end and a["end"] > s.start and a not in inside]
                words = len(text[s.start:s.end].split())
                if not inside or crossing or not MIN_WORDS <= words <= MAX_WORDS \
                        or not well_formed(text[s.start:s.end], lang, s.number == 0):
                    continue
                devices = sorted({a["device"] for a in inside})
                targets = [d for d in devices if d not in CONTEXT]
                if len(targets) != 1:  # one answer per sentence keeps the question fair
                    continue
                spans = [[a["start"] - s.start, a["end"] - s.start, a["device"]] for a in inside if a["device"] == targets[0]]
                by_device.setdefault(targets[0], []).append({
                    "id": f"{doc['id']}#{s.number}", "kind": "sentence", "text": text[s.start:s.end],
                    "spans": spans, "gold": devices, "target": targets[0], "trap": None, "reason": None})
        else:
            for s in sentences:
                sentence = text[s.start:s.end]
                if s.number == 0 or not MIN_WORDS <= len(sentence.split()) <= MAX_WORDS or not well_formed(sentence, lang):
                    continue
                for trap in traps:
                    if re.search(trap["cue"], sentence):
                        trap_items.append({"id": f"{doc['id']}#{s.number}", "kind": "sentence", "text": sentence,
                                           "spans": [], "gold": [], "target": "none", "trap": trap["device"],
                                           "reason": trap["reason"]})
                        break
    items: list[dict] = []
    for device in sorted(by_device):
        pool = by_device[device]
        rng.shuffle(pool)
        items.extend(sorted(pool[:PER_DEVICE], key=lambda x: x["id"]))
    for device in sorted(articles):
        pool = articles[device]
        rng.shuffle(pool)
        items.extend(sorted(pool[:ARTICLES], key=lambda x: x["id"]))
    by_trap: dict[str, list[dict]] = {}
    for t in trap_items:
        by_trap.setdefault(t["trap"], []).append(t)
    per_trap = max(1, TRAPS // max(1, len(by_trap)))
    chosen = []
    for device in sorted(by_trap):
        pool = by_trap[device]
        rng.shuffle(pool)
        chosen.extend(pool[:per_trap])
    items.extend(sorted(chosen, key=lambda x: x["id"]))
    return items


def cues() -> dict[str, list[dict]]:
    return yaml.safe_load((ROOT / "scripts" / "quiz_traps.yaml").read_text("utf-8"))


def main() -> None:
    out_dir = ROOT / "detector" / "data" / "quiz"
    out_dir.mkdir(parents=True, exist_ok=True)
    for lang in ("de", "en"):
        items = build(lang, cues()[lang])
        bank = {"lang": lang, "source": "corpora/{lang}/{train,dev}.jsonl (built by scripts/build_quiz_bank.py)",
                "items": items}
        path = out_dir / f"{lang}.json"
        lines = ",\n".join(json.dumps(it, ensure_ascii=False) for it in items)  # one item a line: readable diffs
        head = json.dumps({k: v for k, v in bank.items() if k != "items"}, ensure_ascii=False)[:-1]
        path.write_text(f'{head}, "items": [\n{lines}\n]}}\n', encoding="utf-8")
        kinds = {}
        for it in items:
            k = it["target"] if it["trap"] is None else f"trap:{it['trap']}"
            kinds[k] = kinds.get(k, 0) + 1
        print(f"{path.relative_to(ROOT)}: {len(items)} items {kinds}")


if __name__ == "__main__":
    main()
