"""Score learners' answers against an answer key, by overlap; summarise a class.

Answers are YAML or JSON (a list of ``{device, quote}``, optionally ``sentence``; or a mapping
with ``name`` and ``answers``), or the article text with ``[[words]]{device}`` marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from detector.document import decode, read_bytes
from detector.errors import InputError
from detector.exercises.answer_key import AnswerKey
from detector.exercises.locate import find_all, locate
from detector.exercises.yamlio import line_of, load_json_with_nodes, load_with_nodes
from detector.markup import MarkupError, parse_markup
from detector.taxonomy import devices

STRUCTURED = (".yaml", ".yml", ".json")
ANSWER_SUFFIXES = (*STRUCTURED, ".txt", ".md")
_LABEL = re.compile(r"\]\](\{([^}\n]*)\})?")


@dataclass
class Answer:
    device: str
    quote: str
    line: int | None = None
    start: int | None = None
    end: int | None = None
    sentence: int | None = None


@dataclass
class Mark:
    """One learner answer that did not find a key finding."""

    answer: Answer
    status: str  # wrong | mislabelled | not_in_text
    expected: str | None = None  # the key's device, for mislabelled


@dataclass
class Result:
    learner: str
    key: AnswerKey
    found: list[int] = field(default_factory=list)  # indices into key.findings
    missed: list[int] = field(default_factory=list)
    wrong: list[Mark] = field(default_factory=list)
    source: str = ""

    @property
    def total(self) -> int:
        return len(self.key.findings)

    @property
    def percent(self) -> int:
        return round(100 * len(self.found) / self.total) if self.total else 100

    def by_device(self) -> dict[str, dict[str, int]]:
        """Device → {in_key, found, missed, wrong}, for the key's devices and every device marked."""
        rows: dict[str, dict[str, int]] = {}

        def row(d: str) -> dict[str, int]:
            return rows.setdefault(d, {"in_key": 0, "found": 0, "missed": 0, "wrong": 0})

        for f in self.key.findings:
            row(f.device)["in_key"] += 1
        for i in self.found:
            row(self.key.findings[i].device)["found"] += 1
        for i in self.missed:
            row(self.key.findings[i].device)["missed"] += 1
        for m in self.wrong:
            row(m.answer.device)["wrong"] += 1
        order = list(devices())
        return dict(sorted(rows.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))

    def to_dict(self) -> dict:
        k = self.key.findings
        return {"learner": self.learner, "file": self.source, "found": len(self.found), "total": self.total,
                "percent": self.percent, "wrong": len(self.wrong), "by_device": self.by_device(),
                "found_findings": [k[i].to_dict() for i in self.found],
                "missed_findings": [k[i].to_dict() for i in self.missed],
                "wrong_marks": [{"device": m.answer.device, "quote": m.answer.quote, "status": m.status,
                                 "expected": m.expected} for m in self.wrong]}


# --- reading answers ---------------------------------------------------------------------------

def load_answers(path: str | Path, key: AnswerKey) -> tuple[str, list[Answer]]:
    """A learner's name (file stem unless given) and answers, located in the key's text where possible."""
    name = str(path)
    text = decode(read_bytes(name), name)
    if Path(name).suffix.lower() in STRUCTURED:
        learner, answers = _structured(text, name)
        for a in answers:
            span = locate(key.text, a.quote, within=_sentence_range(key, a))
            if span:
                a.start, a.end = span
        return learner or Path(name).stem, answers
    return Path(name).stem, _marked(text, name, key)


def _sentence_range(key: AnswerKey, a: Answer) -> tuple[int, int] | None:
    return next(((s.start, s.end) for s in key.sentences if s.number == a.sentence), None)


def _structured(text: str, name: str) -> tuple[str | None, list[Answer]]:
    if name.lower().endswith(".json"):
        data, node = load_json_with_nodes(text, name)
    else:
        data, node = load_with_nodes(text, name)
    learner = None
    path: tuple = ()
    items = data
    if isinstance(data, dict):
        unknown = sorted(set(data) - {"name", "answers"})
        if unknown or "answers" not in data:
            raise InputError("expected a list of answers, or a mapping with 'answers' (and 'name')", path=name,
                             line=line_of(node, unknown[0]) if unknown else line_of(node))
        learner = str(data["name"]) if data.get("name") else None
        items = data["answers"] or []
        path = ("answers",)
    if not isinstance(items, list):
        raise InputError("expected a list of answers, each with 'device' and 'quote'", path=name,
                         line=line_of(node, *path))
    answers = []
    for i, item in enumerate(items):
        where = line_of(node, *path, i)
        if not isinstance(item, dict):
            raise InputError("an answer must have 'device' and 'quote'", path=name, line=where)
        unknown = sorted(set(item) - {"device", "quote", "sentence"})
        if unknown:
            raise InputError(f"unknown field '{unknown[0]}' (expected device, quote, sentence)", path=name,
                             line=line_of(node, *path, i, unknown[0]))
        device = item.get("device")
        if device not in devices():
            raise InputError(f"unknown device '{device}' (valid: {', '.join(devices())})", path=name,
                             line=line_of(node, *path, i, "device"))
        quote = item.get("quote")
        if not isinstance(quote, str | int | float) or not str(quote).strip():
            raise InputError("'quote' must be the words you found", path=name, line=line_of(node, *path, i, "quote"))
        sentence = item.get("sentence")
        if sentence is not None and (not isinstance(sentence, int) or isinstance(sentence, bool)):
            raise InputError("'sentence' must be a number", path=name, line=line_of(node, *path, i, "sentence"))
        answers.append(Answer(device, str(quote), where, sentence=sentence))
    return learner, answers


def _marked(text: str, name: str, key: AnswerKey) -> list[Answer]:
    for m in _LABEL.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        if m.group(1) is None:
            raise InputError("a mark needs a device: [[words]]{device}", path=name, line=line)
        if m.group(2) not in devices():
            raise InputError(f"unknown device '{m.group(2)}' (valid: {', '.join(devices())})", path=name, line=line)
    try:
        clean, spans = parse_markup(text)
    except MarkupError as e:
        raise InputError(str(e).split(": ", 1)[1], path=name, line=e.line) from None
    if not spans:
        raise InputError("no marks found; mark words like [[these words]]{unnamed_source}", path=name)
    same = clean.strip() == key.text.strip()
    shift = key.text.find(clean.strip()) - clean.find(clean.strip()) if same else 0
    answers = []
    for s in spans:
        a = Answer(s.label or "", s.text, clean.count("\n", 0, s.start) + 1)
        if same:
            a.start, a.end = s.start + shift, s.end + shift
        else:
            span = locate(key.text, s.text, near=s.start)
            if span:
                a.start, a.end = span
        answers.append(a)
    return answers


def answer_files(path: str) -> list[Path]:
    """The answer files of a folder (sorted), or the file itself."""
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in ANSWER_SUFFIXES)
        if not files:
            raise InputError(f"no answer files ({', '.join(ANSWER_SUFFIXES)}) in the folder", path=path)
        return files
    if not p.exists():
        raise InputError("no such file or folder", path=path)
    return [p]


# --- scoring -------------------------------------------------------------------------------------

def _ranges(key: AnswerKey, i: int) -> list[tuple[int, int]]:
    """Where a key finding may be quoted: its own span, and the body sentence that qualifies a headline."""
    f = key.findings[i]
    out = [(f.start, f.end)]
    if f.evidence:
        hits = find_all(key.text, f.evidence)
        out.extend(hits[:1])
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(key: AnswerKey, answers: list[Answer], learner: str = "learner", source: str = "") -> Result:
    """Match answers to key findings by overlap: found, missed, wrongly marked (or mislabelled)."""
    result = Result(learner, key, source=source)
    found: set[int] = set()
    for a in answers:
        if a.start is None or a.end is None:
            result.wrong.append(Mark(a, "not_in_text"))
            continue
        span = (a.start, a.end)
        overlaps = []  # (characters in common, finding): the evidence sentence counts for its own device only
        for i, f in enumerate(key.findings):
            ranges = _ranges(key, i) if f.device == a.device else [(f.start, f.end)]
            best = max(_overlap(span, r) for r in ranges)
            if best:
                overlaps.append((best, i))
        same = sorted(((o, i) for o, i in overlaps if key.findings[i].device == a.device),
                      key=lambda oi: (oi[1] in found, -oi[0]))
        if same:
            found.add(same[0][1])  # a second answer for a finding already found is no mistake
        elif overlaps:
            best_i = max(overlaps)[1]
            result.wrong.append(Mark(a, "mislabelled", key.findings[best_i].device))
        else:
            result.wrong.append(Mark(a, "wrong"))
    result.found = sorted(found)
    result.missed = [i for i in range(len(key.findings)) if i not in found]
    return result


def class_summary(results: list[Result]) -> list[dict]:
    """Per device: findings in the key, how often the class found and missed them, wrong marks, found rate."""
    rows: dict[str, dict] = {}
    for r in results:
        for device, c in r.by_device().items():
            row = rows.setdefault(device, {"device": device, "in_key": c["in_key"], "found": 0, "missed": 0, "wrong": 0})
            for k in ("found", "missed", "wrong"):
                row[k] += c[k]
    for row in rows.values():
        possible = row["found"] + row["missed"]
        row["found_rate"] = round(100 * row["found"] / possible) if possible else None
    order = list(devices())
    return sorted(rows.values(), key=lambda r: order.index(r["device"]) if r["device"] in order else 99)
