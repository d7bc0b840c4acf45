"""Terminal report (rich): score and breakdown, findings in their sentences, sourcing inventory."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from detector.report.model import Report
from detector.report.render.labels import device_name, labels

_BAND_STYLE = {"low": "green", "moderate": "yellow", "high": "red"}
_SEV_STYLE = {"info": "cyan", "warning": "yellow", "error": "red"}
_KIND_STYLE = {"named": "green", "unnamed": "red", "relayed": "yellow"}
_KIND_WIDTH = 18



def render(report: Report, console: Console) -> None:
    lab = labels(report.lang)
    head = report.headline_text or report.id
    band = report.score.band
    title = Text.assemble((f"{lab['score']}: ", "bold"), (f"{report.score.total}/100", f"bold {_BAND_STYLE[band]}"),
                          f" ({lab['band'][band]})")
    breakdown = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    breakdown.add_column(lab["device"])
    breakdown.add_column(lab["points"], justify="right")
    for device, pts in sorted(report.score.by_device.items(), key=lambda kv: -kv[1]):
        breakdown.add_row(device_name(device, report.lang), f"{pts:.1f}")
    lines = [Text(head, style="bold"), title, breakdown]
    if report.score.framed is not None:
        lines.append(Text(f"{lab['framed']}: {report.score.framed:.2f}", style="dim"))
    console.print(Panel(Group(*lines), title=report.source or report.id,
                        title_align="left"))

    console.print(Text(f"{lab['findings']} ({len(report.findings)})", style="bold underline"))
    if not report.findings:
        console.print(lab["none"])
    for n, f in enumerate(report.findings, 1):
        s, e = report.sentence_around(f.start, f.end)
        line = Text(report.text[s:f.start].replace("\n", " "))
        line.append(report.text[f.start:f.end].replace("\n", " "), style=f"bold reverse {_SEV_STYLE[f.severity]}")
        line.append(report.text[f.end:e].replace("\n", " "))
        header = Text.assemble((f"{n}. ", "bold"), (f"{device_name(f.device, report.lang)}", f"bold {_SEV_STYLE[f.severity]}"),
                               f"  {f.message}", (f"  [{f.rule}, {f.part}, {f.confidence:.2f}]", "dim"))
        body = [header, Text.assemble(("  » ", "dim"), line)]
        for r in f.related:
            body.append(Text.assemble((f"  {lab['evidence']}: ", "italic"), r.text.replace("\n", " ")))
        body.append(Text.assemble((f"  {lab['why']}: ", "bold"), f.explanation))
        body.append(Text.assemble((f"  {lab['suggest']}: ", "bold"), f.suggestion))
        console.print(Group(*body))
        console.print()

    console.print(Text(f"{lab['sources']} ({len(report.sources)})", style="bold underline"))
    if not report.sources:
        console.print(lab["no_sources"])
        return
    for src in report.sources:
        cue = " … ".join(c.text for c in src.cues) if len(src.cues) > 1 else src.cue
        console.print(Text.assemble((f"{lab[src.kind]:<{_KIND_WIDTH}}", _KIND_STYLE[src.kind]),
                                    (src.speaker_label(lab["refers_to"], lab["no_speaker"]), "bold"),
                                    f" – {cue}", (f"  [{lab['forms'].get(src.form, src.form)}, {lab['sentence']} "
                                                  f"{src.sentence}]", "dim")))
        if src.content:
            console.print(Text.assemble(" " * _KIND_WIDTH, ("» ", "dim"), (src.credited_excerpt(), "italic")))
