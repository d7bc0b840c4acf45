"""Markdown report for tickets and wikis: score, breakdown, findings with quotes, sourcing inventory.

Document text is escaped so that it renders as the text it is: inline Markdown syntax characters
are backslash-escaped (and those that start a block when at the start of a line), ``& < >`` become
entities, so no link, emphasis, list or HTML tag can come from it.
"""

from __future__ import annotations

import re

from detector.languages import SUPPORTED
from detector.report.model import Report
from detector.report.render.labels import device_name, family_name, labels

_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([#+\-*=])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text: str) -> str:
    """``text`` as literal Markdown inline text on one line (whitespace runs become one space)."""
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)  # no list, heading, quote
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def _quote(text: str) -> str:
    return "> " + escape(text)


def render(report: Report, path: str | None = None) -> str:
    lang = report.lang if report.lang in SUPPORTED else "en"
    lab = labels(lang)
    sc = report.score
    name = path or report.source or report.id
    out = [f"## {lab['report_title']}: {escape(report.headline_text or report.id)}", ""]
    out.append(f"**{lab['score']}: {sc.total}/100 ({lab['band'][sc.band]})** · {lab['document']}: "
               f"{escape(name)} · {lab['language']}: {lab['language_name']}")
    out.append("")
    if sc.by_device:
        fam_of = {f.device: f.family for f in report.findings}
        out += [f"| {lab['device']} | {lab['family']} | {lab['points']} |", "|---|---|---:|"]
        for device, pts in sorted(sc.by_device.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"| {device_name(device, lang)} (`{device}`) | {family_name(fam_of.get(device, ''), lang)} | {pts:.1f} |")
        out.append(f"| **{lab['total']}** | | **{sc.total}** |")
        out.append("")

    out += [f"### {lab['findings']} ({len(report.findings)})", ""]
    if not report.findings:
        out += [lab["none"], ""]
    for n, f in enumerate(report.findings, 1):
        out.append(f"**{n}. {device_name(f.device, lang)}** (`{f.device}`) · {lab['severities'].get(f.severity, f.severity)} · "
                   f"{lab['parts'].get(f.part, f.part)}, {lab['sentence']} {f.sentence} · `{f.rule}`")
        out += ["", _quote(f.text), "", escape(f.message), "",
                f"- **{lab['why']}:** {escape(f.explanation)}", f"- **{lab['suggestion']}:** {escape(f.suggestion)}"]
        for r in f.related:
            out.append(f"- **{lab['evidence']} ({lab['roles'].get(r.role, r.role)}):** {escape(r.text)}")
        out.append("")

    if report.headline:
        over = report.headline_comparisons
        out += [f"### {lab['comparison']}", "", f"**{lab['comparison_claim']}:**", "", _quote(report.headline_text), ""]
        if not over:
            out += [lab["comparison_none"], ""]
        related = [r for f in over for r in f.related]
        if related:
            out += [f"**{lab['comparison_body']}:**", ""]
            out += [_quote(r.text) + "\n" for r in related]

    counts = " · ".join(f"{lab[k]}: {sum(1 for s in report.sources if s.kind == k)}" for k in ("named", "unnamed", "relayed"))
    out += [f"### {lab['sources']} ({len(report.sources)})", "", counts, ""]
    if report.sources:
        out += [f"| {lab['kind']} | {lab['source']} | {lab['cue']} | {lab['form']} | {lab['content']} | {lab['sentence']} |",
                "|---|---|---|---|---|---:|"]
        for s in report.sources:
            out.append(f"| {lab.get(s.kind, s.kind)} | {escape(s.speaker_label(lab['refers_to'], lab['no_speaker']))} "
                       f"| {escape(s.cue)} | {lab['forms'].get(s.form, s.form)} | {escape(s.credited_excerpt())} | {s.sentence} |")
        out.append("")
    else:
        out += [lab["no_sources"], ""]
    return "\n".join(out).rstrip("\n") + "\n"
