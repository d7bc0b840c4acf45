"""HTML report: one self-contained page (no network, no external assets), rendered with Jinja2.

The article is shown with every finding highlighted in place: the text is cut at every finding
boundary and each finding keeps its own underline lane, so overlapping findings stay visible.
Colour (per device), line style (per family) and a numbered marker identify each finding; the
explanation and suggestion appear on hover, focus, click or tap. Document text is only ever
passed to the template as data, and the template autoescapes it; the page's own CSS and script
are allowed by hash in a Content-Security-Policy, so nothing injected could run even if it slipped
through.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from detector.languages import SUPPORTED
from detector.report.model import Report
from detector.report.render.labels import device_name, family_name, labels
from detector.report.render.spans import assign_lanes, paragraphs, segments
from detector.taxonomy import devices, families
from detector.version import __version__

LINE_STYLES = ("dashed", "solid", "double", "dotted")  # by family, in taxonomy.families() order
KIND_ORDER = ("named", "unnamed", "relayed")


@cache
def _env() -> Environment:
    return Environment(loader=PackageLoader("detector.report.render", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _csp_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def _device_class(device: str) -> str:
    ids = list(devices())
    return f"dev-{ids.index(device)}" if device in ids else "dev-x"


def _family_class(family: str) -> str:
    fams = families()
    return f"fam-{fams.index(family)}" if family in fams else "fam-x"


def _findings(report: Report, lang: str, lab: dict) -> list[dict]:
    out = []
    for n, f in enumerate(report.findings, 1):
        out.append({
            "n": n, "device": f.device, "name": device_name(f.device, lang), "family": family_name(f.family, lang),
            "cls": f"{_device_class(f.device)} {_family_class(f.family)}", "text": f.text, "message": f.message,
            "explanation": f.explanation, "suggestion": f.suggestion, "rule": f.rule, "origin": f.origin,
            "part": lab["parts"].get(f.part, f.part), "severity": f.severity,
            "severity_label": lab["severities"].get(f.severity, f.severity), "confidence": f"{f.confidence:.2f}",
            "sentence": f.sentence,
            "related": [{"id": f"rel-{n}-{k}", "text": r.text, "role": lab["roles"].get(r.role, r.role)}
                        for k, r in enumerate(f.related, 1)],
        })
    return out


def _article(report: Report, views: list[dict]) -> list[dict]:
    """Paragraphs (headline first) of segments, each with its stack of highlights and markers."""
    spans = [(f.start, f.end) for f in report.findings]
    related = [(f"rel-{n}-{k}", r.start, r.end) for n, f in enumerate(report.findings, 1)
               for k, r in enumerate(f.related, 1)]
    lanes = assign_lanes(spans)
    said = [(k, c.start, c.end) for k, src in enumerate(report.sources) for c in src.content]
    text = report.text
    blocks = []
    if report.headline:
        blocks.append(("headline", report.headline[0], report.headline[1]))
        body_from = report.headline[1]
    else:
        body_from = 0
    blocks += [("p", a, b) for a, b in paragraphs(text, body_from, len(text))]
    out = []
    started: set = set()  # a finding or passage across paragraphs gets one marker and one anchor
    for kind, a, b in blocks:
        segs = []
        for s in segments(text, spans, a, b, related, lanes, said):
            starts = [i for i in s.starts if i not in started]
            rel_starts = [r for r in s.related_starts if r not in started]
            started.update(starts, rel_starts)
            segs.append({
                "text": s.text,
                "stack": [{"n": i + 1, "cls": views[i]["cls"], "lane": min(lanes[i], 5)} for i in s.cover],
                "markers": [views[i] for i in starts], "rel": s.related, "rel_starts": rel_starts,
                "said": s.said, "said_start": s.said_start,
            })
        out.append({"kind": kind, "segments": segs})
    return out


def _score(report: Report, lang: str) -> dict:
    sc = report.score
    items = sorted(sc.by_device.items(), key=lambda kv: (-kv[1], kv[0]))
    scale = max([100.0, *sc.by_device.values()])
    bars, x = [], 0.0
    fam_of = {d: v["family"] for d, v in devices().items()}
    for device, pts in items:
        width = 100.0 * pts / scale
        bars.append({"device": device, "name": device_name(device, lang), "points": f"{pts:.1f}",
                     "family": family_name(fam_of.get(device, ""), lang), "cls": _device_class(device),
                     "x": f"{x:.2f}", "width": f"{width:.2f}", "rel": f"{100.0 * pts / max(items[0][1], 1e-9):.2f}"})
        x += width
    fams = [{"name": family_name(fam, lang), "points": f"{pts:.1f}"}
            for fam, pts in sorted(sc.by_family.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"total": sc.total, "band": sc.band, "bars": bars, "families": fams,
            "fill": f"{min(100.0, x):.2f}"}


def _legend(views: list[dict]) -> list[dict]:
    seen: dict[str, dict] = {}
    for v in views:
        item = seen.setdefault(v["device"], {"device": v["device"], "name": v["name"], "family": v["family"],
                                             "cls": v["cls"], "numbers": []})
        item["numbers"].append(v["n"])
    return list(seen.values())


def _sources(report: Report, lab: dict) -> tuple[list[dict], dict[str, int]]:
    rows = [{"n": k, "kind": s.kind, "speaker": s.speaker_label(lab["refers_to"], lab["no_speaker"]),
             "cue": " … ".join(c.text for c in s.cues) if len(s.cues) > 1 else s.cue,
             "form": lab["forms"].get(s.form, s.form), "sentence": s.sentence, "layer": lab["layers"].get(s.layer, s.layer),
             "excerpt": s.credited_excerpt(), "has_content": bool(s.content)} for k, s in enumerate(report.sources)]
    counts = {k: sum(1 for s in report.sources if s.kind == k) for k in KIND_ORDER}
    return rows, counts


def render(report: Report, path: str | None = None) -> str:
    """The report as one HTML page. ``path`` names the document (default: its source or id)."""
    lang = report.lang if report.lang in SUPPORTED else "en"
    lab = labels(lang)
    views = _findings(report, lang, lab)
    env = _env()
    css = env.get_template("report.css.j2").render(
        palette_size=len(devices()), line_styles=list(enumerate(LINE_STYLES[:len(families())])))
    js = env.get_template("report.js").render()
    sources, counts = _sources(report, lab)
    comparing = {id(f) for f in report.headline_comparisons}
    ctx = {
        "lab": lab, "lang": lang, "name": path or report.source or report.id, "id": report.id,
        "title": report.headline_text or report.id, "score": _score(report, lang), "findings": views,
        "legend": _legend(views), "article": _article(report, views), "sources": sources, "counts": counts,
        "kinds": KIND_ORDER, "headline": report.headline_text,
        "overstatements": [v for v, f in zip(views, report.findings, strict=True) if id(f) in comparing],
        "stats": report.stats, "schema_version": report.schema_version, "version": __version__,
        "css": Markup(css), "js": Markup(js),  # the page's own assets, never document text
        "csp": f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; img-src data:; "
               "base-uri 'none'; form-action 'none'",
    }
    return env.get_template("report.html.j2").render(**ctx)
