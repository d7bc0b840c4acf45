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

from detector.exercises.sentences import Sentence, number_sentences  # noqa: E402

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


def _quizzable(sentence: str, lang: str, headline: bool = False) -> bool:
    """Long enough to judge, short enough to read, and a whole sentence."""
    return MIN_WORDS <= len(sentence.split()) <= MAX_WORDS and well_formed(sentence, lang, headline)


def _article_items(doc: dict) -> list[dict]:
    """Whole-article questions for the devices of a framed article that need context."""
    gold = doc["annotations"]
    present = sorted({a["device"] for a in gold})
    return [{"id": f"{doc['id']}#{device}", "kind": "article", "text": doc["headline"], "body": doc["body"],
             "spans": [[a["start"], a["end"], a["device"]] for a in gold if a["device"] == device],
             "gold": present, "target": device, "trap": None, "reason": None}
            for device in CONTEXT & set(present)]


def _sentence_item(doc: dict, text: str, s: Sentence, lang: str) -> dict | None:
    """The question on one sentence of a framed article, or ``None`` when it makes no fair question
    (no gold span wholly inside, one crossing its edge, not quizzable, or not exactly one answer)."""
    gold = doc["annotations"]
    inside = [a for a in gold if a["start"] >= s.start and a["end"] <= s.end]
    crossing = [a for a in gold if a["start"] < s.end and a["end"] > s.start and a not in inside]
    if not inside or crossing or not _quizzable(text[s.start:s.end], lang, s.number == 0):
        return None
    devices = sorted({a["device"] for a in inside})
    targets = [d for d in devices if d not in CONTEXT]
    if len(targets) != 1:  # one answer per sentence keeps the question fair
        return None
    spans = [[a["start"] - s.start, a["end"] - s.start, a["device"]] for a in inside if a["device"] == targets[0]]
    return {"id": f"{doc['id']}#{s.number}", "kind": "sentence", "text": text[s.start:s.end],
            "spans": spans, "gold": devices, "target": targets[0], "trap": None, "reason": None}


def _trap_item(doc: dict, text: str, s: Sentence, lang: str, traps: list[dict]) -> dict | None:
    """A body sentence of a neutral article that has the first matching trap cue (answer "none"), or ``None``."""
    sentence = text[s.start:s.end]
    if s.number == 0 or not _quizzable(sentence, lang):
        return None
    trap = next((t for t in traps if re.search(t["cue"], sentence)), None)
    if trap is None:
        return None
    return {"id": f"{doc['id']}#{s.number}", "kind": "sentence", "text": sentence, "spans": [], "gold": [],
            "target": "none", "trap": trap["device"], "reason": trap["reason"]}


def _candidates(lang: str, traps: list[dict]) -> tuple[dict[str, list[dict]], dict[str, list[dict]], list[dict]]:
    """Every question the corpora offer: sentences by device, whole articles by device, trap sentences."""
    by_device: dict[str, list[dict]] = {}
    articles: dict[str, list[dict]] = {}
    trap_items: list[dict] = []
    for doc in _docs(lang):
        text = doc["headline"] + "\n\n" + doc["body"]
        sentences = number_sentences(text, lang, (0, len(doc["headline"])))
        if doc["kind"] == "framed":
            for item in _article_items(doc):
                articles.setdefault(item["target"], []).append(item)
            for item in filter(None, (_sentence_item(doc, text, s, lang) for s in sentences)):
                by_device.setdefault(item["target"], []).append(item)
        else:
            trap_items += filter(None, (_trap_item(doc, text, s, lang, traps) for s in sentences))
    return by_device, articles, trap_items


def _draw(pool: list[dict], n: int, rng: random.Random) -> list[dict]:
    """``n`` items of ``pool`` at random (shuffling it in place)."""
    rng.shuffle(pool)
    return pool[:n]


def _per_group(groups: dict[str, list[dict]], n: int, rng: random.Random) -> list[dict]:
    """``n`` items of each group drawn at random, group by group in name order, each group's by id."""
    items: list[dict] = []
    for key in sorted(groups):
        items.extend(sorted(_draw(groups[key], n, rng), key=lambda x: x["id"]))
    return items


def _traps(trap_items: list[dict], rng: random.Random) -> list[dict]:
    """About ``TRAPS`` trap sentences, an equal share per trap device, in id order."""
    by_trap: dict[str, list[dict]] = {}
    for t in trap_items:
        by_trap.setdefault(t["trap"], []).append(t)
    per_trap = max(1, TRAPS // max(1, len(by_trap)))
    chosen = []
    for device in sorted(by_trap):
        chosen.extend(_draw(by_trap[device], per_trap, rng))
    return sorted(chosen, key=lambda x: x["id"])


def build(lang: str, traps: list[dict]) -> list[dict]:
    """The quiz items of one language: sentence questions per device, article questions, trap sentences."""
    rng = random.Random(f"quiz-{lang}")
    by_device, articles, trap_items = _candidates(lang, traps)
    items = _per_group(by_device, PER_DEVICE, rng) + _per_group(articles, ARTICLES, rng)
    return items + _traps(trap_items, rng)


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
