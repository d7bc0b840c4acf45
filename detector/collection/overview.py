"""The overview of a scored collection: ``index.html`` and ``overview.csv``, streamed from ``index.jsonl``.

Nothing here holds more than one article at a time: counts are aggregated as the index is read,
and the HTML table is rendered from a generator.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

BINS = 10  # score distribution: 0–9, 10–19, …, 90–100
CSV_COLUMNS = ("id", "title", "source", "lang", "score", "band", "findings", "top_devices", "report", "error")


def iter_index(path: Path) -> Iterator[dict]:
    """Complete entries of an index file, in order (a torn last line is ignored)."""
    if not path.exists():
        return
    with path.open("r", encoding="utf-8") as fh:
        for line in fh:
            if not line.endswith("\n"):
                break
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                break


@dataclass
class Aggregate:
    """Counts over a collection, updated one entry at a time."""

    articles: int = 0
    errors: int = 0
    score_sum: int = 0
    bins: list[int] = field(default_factory=lambda: [0] * BINS)
    bands: dict[str, int] = field(default_factory=dict)
    groups: dict[str, dict] = field(default_factory=dict)  # group → {"articles": n, "devices": {device: [articles, findings]}}

    def add(self, entry: dict) -> None:
        if entry.get("error"):
            self.errors += 1
            return
        self.articles += 1
        score = int(entry["score"])
        self.score_sum += score
        self.bins[min(score * BINS // 100, BINS - 1)] += 1
        self.bands[entry["band"]] = self.bands.get(entry["band"], 0) + 1
        group = self.groups.setdefault(entry["group"], {"articles": 0, "devices": {}})
        group["articles"] += 1
        for device, n in entry.get("devices", {}).items():
            counts = group["devices"].setdefault(device, [0, 0])
            counts[0] += 1
            counts[1] += n

    def devices(self) -> list[str]:
        """Devices seen anywhere, most frequent first."""
        totals: dict[str, int] = {}
        for g in self.groups.values():
            for d, (arts, _) in g["devices"].items():
                totals[d] = totals.get(d, 0) + arts
        return sorted(totals, key=lambda d: (-totals[d], d))

    def bin_label(self, i: int) -> str:
        lo = i * 100 // BINS
        return f"{lo}–{100 if i == BINS - 1 else lo + 100 // BINS - 1}"


def aggregate(index: Path) -> Aggregate:
    agg = Aggregate()
    for entry in iter_index(index):
        agg.add(entry)
    return agg


def _csv_row(entry: dict) -> dict:
    if entry.get("error"):
        return {"id": entry["id"], "error": entry["error"]}
    return {"id": entry["id"], "title": entry.get("title", ""), "source": entry.get("group", ""), "lang": entry.get("lang", ""),
            "score": entry["score"], "band": entry["band"], "findings": entry.get("findings", 0),
            "top_devices": " ".join(entry.get("top", [])), "report": f"reports/{entry['file']}" if entry.get("file") else "",
            "error": ""}


def _spreadsheet_safe(value):
    """Cells starting with = + - @ are formulas to a spreadsheet: quote them as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(index: Path, out: Path, devices: list[str]) -> None:
    """One row per article (errors included) with the count of findings per device."""
    from detector.taxonomy import devices as taxonomy

    columns = list(CSV_COLUMNS) + [d for d in taxonomy() if d in devices] + [d for d in devices if d not in taxonomy()]
    tmp = out.with_suffix(".csv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, restval="")
        writer.writeheader()
        for entry in iter_index(index):
            row = _csv_row(entry)
            for d in devices:
                if not entry.get("error"):
                    row[d] = entry.get("devices", {}).get(d, 0)
            writer.writerow({k: _spreadsheet_safe(v) for k, v in row.items()})
    tmp.replace(out)


def write_groups_csv(agg: Aggregate, out: Path) -> None:
    """Device frequencies per source (or language): articles with the device and findings of it."""
    tmp = out.with_suffix(".csv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "articles", "device", "articles_with_device", "share", "findings"])
        for name in sorted(agg.groups):
            g = agg.groups[name]
            for device, (arts, n) in sorted(g["devices"].items(), key=lambda kv: (-kv[1][0], kv[0])):
                writer.writerow([_spreadsheet_safe(name), g["articles"], device, arts, round(arts / g["articles"], 4), n])
    tmp.replace(out)


def _chart(agg: Aggregate) -> dict:
    """Geometry of the score histogram, for the inline SVG."""
    width, height, pad = 560, 200, 28
    peak = max(agg.bins) or 1
    bar_w = (width - 2 * pad) / BINS
    bars = []
    for i, n in enumerate(agg.bins):
        h = (height - 2 * pad) * n / peak
        bars.append({"x": round(pad + i * bar_w + 2, 1), "y": round(height - pad - h, 1), "w": round(bar_w - 4, 1),
                     "h": round(h, 1), "n": n, "label": agg.bin_label(i), "cx": round(pad + (i + 0.5) * bar_w, 1)})
    return {"width": width, "height": height, "pad": pad, "bars": bars}


def _rows(index: Path, reports_href: str) -> Iterator[dict]:
    for entry in iter_index(index):
        row = dict(entry)
        row["href"] = f"{reports_href}/{entry['file']}" if entry.get("file") else None
        yield row


def write_html(index: Path, out: Path, agg: Aggregate, *, title: str, reports_href: str = "reports") -> None:
    """``index.html``: self-contained (inline CSS, JS and SVG), every text autoescaped."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("detector.collection", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.get_template("overview.html.j2")
    devices = agg.devices()
    groups = [{"name": name, "articles": g["articles"],
               "cells": [g["devices"].get(d, [0, 0]) for d in devices]} for name, g in sorted(agg.groups.items())]
    tmp = out.with_suffix(".html.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for chunk in template.generate(title=title, agg=agg, chart=_chart(agg), devices=devices, groups=groups,
                                       rows=_rows(index, reports_href),
                                       mean=round(agg.score_sum / agg.articles, 1) if agg.articles else None):
            fh.write(chunk)
    tmp.replace(out)


def write_overview(out_dir: Path, *, title: str) -> Aggregate:
    """(Re)write ``index.html``, ``overview.csv`` and ``overview-sources.csv`` from ``index.jsonl``."""
    index = out_dir / "index.jsonl"
    agg = aggregate(index)
    write_csv(index, out_dir / "overview.csv", agg.devices())
    write_groups_csv(agg, out_dir / "overview-sources.csv")
    write_html(index, out_dir / "index.html", agg, title=title)
    return agg

