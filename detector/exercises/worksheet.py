"""Worksheets and answer-key sheets (HTML or Markdown) from an :class:`AnswerKey`.

Levels differ in how many devices are asked about and how much help is given:
easy (up to 3 devices, counts and sentence hints, glossary with examples), medium (up to 5,
counts, glossary with examples), hard (every device in the key, no counts, the full glossary
without examples, and an open task).
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from detector.exercises.answer_key import AnswerKey
from detector.exercises.locate import find_all
from detector.exercises.texts import example_parts, explanations, task_text, ui
from detector.taxonomy import devices, family_of

LEVELS = ("easy", "medium", "hard")
FORMATS = ("html", "markdown")


@dataclass(frozen=True)
class Level:
    max_devices: int | None
    counts: bool
    hints: bool
    examples: bool
    full_glossary: bool


LEVEL = {
    "easy": Level(3, counts=True, hints=True, examples=True, full_glossary=False),
    "medium": Level(5, counts=True, hints=False, examples=True, full_glossary=False),
    "hard": Level(None, counts=False, hints=False, examples=False, full_glossary=True),
}

_MD_SPECIAL = set("\\`*_{}[]<>#|!~")


def md_escape(text: str) -> str:
    """Escape Markdown (and inline HTML) characters so document text stays text."""
    out = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))
    return out.replace("\n", " ")


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _env() -> Environment:
    env = Environment(loader=PackageLoader("detector.exercises", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = md_escape
    env.filters["sup"] = lambda n: str(n).translate(_SUPERSCRIPT)
    env.filters["css"] = lambda family: family.replace(" ", "-")
    return env


def _where(numbers: list[int], t: dict) -> str:
    parts = [t["headline_word"]] if 0 in numbers else []
    body = [str(n) for n in numbers if n != 0]
    if len(body) == 1:
        parts.append(t["hint_one"].format(n=body[0]))
    elif body:
        listed = ", ".join(body[:-1]) + f" {t['and']} " + body[-1]
        parts.append(t["hint_many"].format(list=listed))
    return f" {t['and']} ".join(parts)


def tasks(key: AnswerKey, level: str) -> list[dict]:
    """The tasks of a worksheet: one per device asked about, with a count and a hint as the level allows."""
    cfg = LEVEL[level]
    t = ui(key.lang)
    asked = key.devices()[:cfg.max_devices] if cfg.max_devices else key.devices()
    out = []
    for device in asked:
        found = [f for f in key.findings if f.device == device]
        text = task_text(device, key.lang, len(found) if cfg.counts else None)
        hint = None
        if cfg.hints:
            numbers = sorted({f.sentence for f in found})
            hint = t["look_in"].format(where=_where(numbers, t))
        out.append({"device": device, "text": text, "hint": hint})
    return out


def _glossary(key: AnswerKey, level: str, asked: list[str]) -> list[dict]:
    cfg = LEVEL[level]
    texts = explanations(key.lang)
    chosen = list(devices()) if cfg.full_glossary else asked
    return [{"device": d, "family": family_of(d), "name": texts[d]["name"], "explanation": texts[d]["explanation"],
             "why": texts[d]["why"], "ask": texts[d]["ask"], "neutral": texts[d]["neutral"],
             "example": example_parts(d, key.lang) if cfg.examples else None} for d in chosen]


def _sentences(key: AnswerKey, marked: bool) -> list[dict]:
    """Sentences with their text split into segments; in the key, segments carry the findings covering them."""
    evidence = [hit[0] for f in key.findings if f.evidence and (hit := find_all(key.text, f.evidence))] if marked else []
    out = []
    for s in key.sentences:
        cuts = {s.start, s.end}
        inside = []
        if marked:
            for n, f in enumerate(key.findings, 1):
                if f.start < s.end and f.end > s.start:
                    inside.append((n, f))
                    cuts.update(p for p in (f.start, f.end) if s.start < p < s.end)
            cuts.update(p for e in evidence for p in e if s.start < p < s.end)
        points = sorted(cuts)
        segments = []
        for a, b in zip(points, points[1:], strict=False):
            covering = [(n, f) for n, f in inside if f.start <= a and f.end >= b]
            ending = [n for n, f in inside if min(f.end, s.end) == b]
            segments.append({"text": key.text[a:b], "devices": [f.device for _, f in covering],
                             "family": family_of(covering[0][1].device) if covering else None,
                             "ends": ending, "evidence": any(e[0] <= a and e[1] >= b for e in evidence)})
        out.append({"number": s.number, "new_paragraph": s.new_paragraph, "segments": segments,
                    "text": key.text[s.start:s.end]})
    return out


def context(key: AnswerKey, level: str, *, answer_key: bool) -> dict:
    texts = explanations(key.lang)
    task_list = tasks(key, level)
    asked = [x["device"] for x in task_list]
    sentences = _sentences(key, marked=answer_key)
    findings = [{"n": n, "device": f.device, "name": texts[f.device]["name"], "family": family_of(f.device),
                 "quote": f.quote, "sentence": f.sentence, "explanation": f.explanation, "ask": texts[f.device]["ask"],
                 "evidence": f.evidence} for n, f in enumerate(key.findings, 1)]
    return {"lang": key.lang, "t": ui(key.lang), "level": level, "title": key.headline_text or key.id,
            "headline": [s for s in sentences if s["number"] == 0],
            "body": [s for s in sentences if s["number"] != 0],
            "tasks": task_list, "glossary": _glossary(key, level, asked), "findings": findings,
            "extra_task": level == "hard", "empty": not key.findings, "answer_key": answer_key}


def render(key: AnswerKey, level: str = "medium", fmt: str = "html", *, answer_key: bool = False) -> str:
    """The worksheet (or, with ``answer_key``, the key sheet with every finding highlighted and explained)."""
    name = ("key" if answer_key else "worksheet") + (".html.j2" if fmt == "html" else ".md.j2")
    return _env().get_template(name).render(**context(key, level, answer_key=answer_key))
