"""Learner-facing texts: device explanations and interface words, per language, from data files."""

from __future__ import annotations

from functools import cache
from importlib import resources

from detector.errors import FramingError
from detector.exercises.yamlio import line_of, load_with_nodes
from detector.languages import SUPPORTED
from detector.markup import parse_markup
from detector.taxonomy import devices

LANGS = SUPPORTED
FIELDS = ("name", "explanation", "why", "example", "neutral", "ask", "task_one", "task", "task_all")


def _read(rel: str) -> tuple[str, str]:
    path = f"detector/{rel}"
    return resources.files("detector").joinpath(rel).read_text("utf-8"), path


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise FramingError(f"--lang must be de or en, not '{lang}'")
    return lang


@cache
def explanations(lang: str) -> dict[str, dict[str, str]]:
    """Device id → {name, explanation, why, example, neutral, ask, task_one, task, task_all}; validated."""
    text, path = _read(f"data/explanations/{check_lang(lang)}.yaml")
    data, node = load_with_nodes(text, path)
    entries = (data or {}).get("devices") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise FramingError("expected a mapping 'devices'", path=path, line=line_of(node))
    missing = [d for d in devices() if d not in entries]
    if missing:
        raise FramingError(f"no explanation for {', '.join(missing)}", path=path, line=line_of(node, "devices"))
    for device, entry in entries.items():
        if device not in devices():
            raise FramingError(f"unknown device '{device}'", path=path, line=line_of(node, "devices", device))
        for f in FIELDS:
            if not isinstance(entry, dict) or not isinstance(entry.get(f), str) or not entry[f].strip():
                raise FramingError(f"device '{device}' needs a non-empty '{f}'", path=path,
                                   line=line_of(node, "devices", device))
    return entries


@cache
def ui(lang: str) -> dict:
    """Interface words (worksheet headings, check and quiz messages)."""
    text, path = _read(f"data/exercises/{check_lang(lang)}.yaml")
    data, _ = load_with_nodes(text, path)
    return data


def device_name(device: str, lang: str) -> str:
    entry = explanations(lang).get(device)
    return entry["name"] if entry else device


def example_parts(device: str, lang: str) -> list[tuple[str, bool]]:
    """The example as (text, is_device) pieces, from its ``[[...]]`` marks."""
    clean, spans = parse_markup(explanations(lang)[device]["example"])
    parts: list[tuple[str, bool]] = []
    pos = 0
    for s in spans:
        if s.start < pos:
            continue
        if s.start > pos:
            parts.append((clean[pos:s.start], False))
        parts.append((clean[s.start:s.end], True))
        pos = s.end
    if pos < len(clean):
        parts.append((clean[pos:], False))
    return parts


def task_text(device: str, lang: str, n: int | None) -> str:
    """The worksheet task for ``device``: ``n`` findings to look for, or all (``None``)."""
    entry = explanations(lang)[device]
    if n is None:
        return entry["task_all"]
    return entry["task_one"] if n == 1 else entry["task"].format(n=n)
