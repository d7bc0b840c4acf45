"""The answer key: the article and its findings, as YAML a teacher can edit.

Built from a :class:`~detector.report.model.Report`; loading validates it and reports
``file:line`` errors. A teacher may delete findings or add ones with just ``device`` and
``quote`` (and ``sentence`` when the words occur more than once): offsets are filled in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from detector.document import Document, decode, read_bytes
from detector.errors import InputError
from detector.exercises.locate import locate
from detector.exercises.sentences import Sentence, number_sentences, sentence_at
from detector.exercises.texts import LANGS, explanations
from detector.exercises.yamlio import line_of, load_with_nodes
from detector.report.model import Report
from detector.taxonomy import devices

KIND = "framing-answer-key"
FINDING_FIELDS = {"device", "quote", "start", "end", "sentence", "explanation", "evidence"}
TOP_FIELDS = {"kind", "version", "lang", "id", "source", "headline", "text", "findings"}

Fail = Callable[..., InputError]  # message, *keys → the error, with the line of the node the keys reach


@dataclass
class KeyFinding:
    device: str
    quote: str
    start: int
    end: int
    sentence: int
    explanation: str
    evidence: str | None = None

    def to_dict(self) -> dict:
        d = {"device": self.device, "quote": self.quote, "start": self.start, "end": self.end,
             "sentence": self.sentence, "explanation": self.explanation}
        if self.evidence:
            d["evidence"] = self.evidence
        return d


@dataclass
class AnswerKey:
    lang: str
    text: str
    headline: tuple[int, int] | None
    findings: list[KeyFinding]
    sentences: list[Sentence] = field(default_factory=list)
    id: str = "article"
    source: str | None = None

    @property
    def headline_text(self) -> str:
        return self.text[self.headline[0]:self.headline[1]] if self.headline else ""

    def devices(self) -> list[str]:
        """Devices in the key, in order of first appearance."""
        seen: dict[str, None] = {}
        for f in self.findings:
            seen.setdefault(f.device, None)
        return list(seen)

    def sentence_text(self, number: int) -> str:
        for s in self.sentences:
            if s.number == number:
                return self.text[s.start:s.end]
        return ""


def from_report(report: Report) -> AnswerKey:
    """The key for a detector report: one finding per device and span, with learner explanations."""
    sentences = number_sentences(report.text, report.lang, report.headline)
    texts = explanations(report.lang)
    seen: set[tuple[str, int, int]] = set()
    findings = []
    for f in sorted(report.findings, key=lambda f: (f.start, f.end, f.device)):
        if (f.device, f.start, f.end) in seen:
            continue
        seen.add((f.device, f.start, f.end))
        evidence = next((r.text for r in f.related if r.role in ("qualifies", "evidence")), None)
        findings.append(KeyFinding(f.device, report.text[f.start:f.end], f.start, f.end,
                                   sentence_at(sentences, f.start), texts[f.device]["explanation"], evidence))
    return AnswerKey(report.lang, report.text, report.headline, findings, sentences, report.id, report.source)


class _Literal(str):
    pass


def _literal(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Literal, _literal)


def dump(key: AnswerKey) -> str:
    """The key as commented YAML."""
    if key.lang == "de":
        head = ("# Lösung (Antwortschlüssel) für `framing exercise check`. Du kannst sie bearbeiten:\n"
                "# Befunde löschen oder neue ergänzen (device und quote genügen; sentence, wenn die Wörter\n"
                "# mehrmals vorkommen). start/end werden beim Laden geprüft und bei Bedarf neu gesucht.\n")
    else:
        head = ("# Answer key for `framing exercise check`. You may edit it: delete findings or add new ones\n"
                "# (device and quote are enough; add sentence when the words occur more than once).\n"
                "# start/end are checked on loading and looked up again when needed.\n")
    doc = {"kind": KIND, "version": 1, "lang": key.lang, "id": key.id, "source": key.source,
           "headline": key.headline is not None,
           "text": _Literal(key.text) if "\n" in key.text else key.text,
           "findings": [f.to_dict() for f in key.findings]}
    body = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return head + body


def load(path: str | Path) -> AnswerKey:
    """Read and validate a key file; errors name the file and line."""
    name = str(path)
    text = decode(read_bytes(name), name)
    return parse(text, name)


def parse(content: str, name: str = "key.yaml") -> AnswerKey:
    """An answer key from its YAML text; errors name ``name`` and the line."""
    data, node = load_with_nodes(content, name)

    def fail(message: str, *keys: str | int) -> InputError:
        return InputError(message, path=name, line=line_of(node, *keys))

    lang, text = _lang_and_text(data, fail)
    head_range = Document.from_text(text, headline=bool(data.get("headline", True))).headline
    sentences = number_sentences(text, lang, head_range)
    items = data.get("findings") or []
    if not isinstance(items, list):
        raise fail("'findings' must be a list", "findings")
    texts = explanations(lang)
    findings = [_finding(item, i, text, sentences, texts, fail) for i, item in enumerate(items)]
    findings.sort(key=lambda f: (f.start, f.end, f.device))
    return AnswerKey(lang, text, head_range, findings, sentences, str(data.get("id") or Path(name).stem),
                     data.get("source"))


def _lang_and_text(data: object, fail: Fail) -> tuple[str, str]:
    """Check the key's top level (kind, fields, lang, text); its language and article text."""
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise fail(f"not an answer key (expected 'kind: {KIND}'; make one with `framing exercise make`)")
    unknown = sorted(set(data) - TOP_FIELDS)
    if unknown:
        raise fail(f"unknown field '{unknown[0]}' (expected: {', '.join(sorted(TOP_FIELDS))})", unknown[0])
    lang = data.get("lang")
    if lang not in LANGS:
        raise fail(f"'lang' must be one of {', '.join(LANGS)}", "lang")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise fail("'text' must be the article's text", "text")
    return lang, text


def _finding(item: Any, i: int, text: str, sentences: list[Sentence], texts: dict[str, dict[str, str]],
             fail: Fail) -> KeyFinding:
    """Finding ``i`` of the key, checked, at the span its quote has in ``text``."""
    device, quote = _device_and_quote(item, i, fail)
    span = _span(item, quote, text, sentences)
    if span is None:
        raise fail(f"quote not found in the text: '{quote}'", "findings", i, "quote")
    explanation = item.get("explanation") or texts[device]["explanation"]
    evidence = item.get("evidence") if isinstance(item.get("evidence"), str) else None
    return KeyFinding(device, text[span[0]:span[1]], span[0], span[1], sentence_at(sentences, span[0]),
                      str(explanation), evidence)


def _device_and_quote(item: object, i: int, fail: Fail) -> tuple[str, str]:
    """Check the fields of finding ``i``; its device and quote."""
    if not isinstance(item, dict):
        raise fail("a finding must be a mapping with 'device' and 'quote'", "findings", i)
    unknown = sorted(set(item) - FINDING_FIELDS)
    if unknown:
        raise fail(f"unknown field '{unknown[0]}' (expected: {', '.join(sorted(FINDING_FIELDS))})",
                   "findings", i, unknown[0])
    device = item.get("device")
    if device not in devices():
        raise fail(f"unknown device '{device}' (valid: {', '.join(devices())})", "findings", i, "device")
    quote = item.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        raise fail("'quote' must be the words of the article", "findings", i, "quote")
    for k in ("start", "end", "sentence"):
        if k in item and (not isinstance(item[k], int) or isinstance(item[k], bool) or item[k] < 0):
            raise fail(f"'{k}' must be a number ≥ 0", "findings", i, k)
    return device, quote


def _span(item: dict, quote: str, text: str, sentences: list[Sentence]) -> tuple[int, int] | None:
    """Where the quote stands: the finding's start and end when they hold it, else the place
    :func:`locate` finds (near ``start``, within ``sentence`` when given); ``None`` when it is nowhere."""
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and text[start:end] == quote:
        return start, end
    within = _sentence_range(sentences, item.get("sentence"))
    return locate(text, quote, near=start, within=within)


def _sentence_range(sentences: list[Sentence], number: object) -> tuple[int, int] | None:
    if not isinstance(number, int):
        return None
    return next(((s.start, s.end) for s in sentences if s.number == number), None)
