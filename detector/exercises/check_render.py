"""Show check results: one learner in detail, a class as tables (terminal), and the class table as CSV."""

from __future__ import annotations

import csv
import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from detector.exercises.check import Result, class_summary
from detector.exercises.texts import device_name, explanations, ui


def _q(result: Result, text: str) -> str:
    left, right = ui(result.key.lang)["quotes"]
    return f"{left}{text}{right}"


def _where(result: Result, sentence: int) -> str:
    t = ui(result.key.lang)
    return t["headline"] if sentence == 0 else f"{t['sentence']} {sentence}"


def render_result(result: Result, console: Console) -> None:
    """Per device: what was found, missed and wrongly marked, each with the explanation; then the total."""
    lang = result.key.lang
    t, c, texts = ui(lang), ui(lang)["check"], explanations(lang)
    console.print(Text(f"{c['title']}: {result.learner}", style="bold underline"))
    table = Table(t["device"], c["in_key"], c["found"], c["missed"], c["wrong"], box=None, header_style="bold")
    for device, row in result.by_device().items():
        table.add_row(device_name(device, lang), str(row["in_key"]), Text(str(row["found"]), style="green"),
                      Text(str(row["missed"]), style="yellow"), Text(str(row["wrong"]), style="red"))
    console.print(table)
    key = result.key
    for device in result.by_device():
        found = [key.findings[i] for i in result.found if key.findings[i].device == device]
        missed = [key.findings[i] for i in result.missed if key.findings[i].device == device]
        wrong = [m for m in result.wrong if m.answer.device == device]
        console.print()
        console.print(Text(device_name(device, lang), style="bold"))
        console.print(Text(texts[device]["explanation"], style="dim"))
        for f in found:
            console.print(Text.assemble(("  ✓ ", "bold green"), (f"{c['found']}: ", "green"),
                                        f"{_where(result, f.sentence)}: {_q(result, f.quote)}"))
        for f in missed:
            console.print(Text.assemble(("  ✗ ", "bold yellow"), (f"{c['missed']}: ", "yellow"),
                                        f"{_where(result, f.sentence)}: {_q(result, f.quote)}"))
            if f.explanation != texts[device]["explanation"]:  # the teacher's own words
                console.print(Text(f"    {f.explanation}", style="dim"))
            if f.evidence:
                console.print(Text(f"    {t['evidence']}: {_q(result, f.evidence)}", style="dim"))
        for m in wrong:
            line = Text.assemble(("  ! ", "bold red"), (f"{c['wrong']}: ", "red"), _q(result, m.answer.quote))
            if m.status == "mislabelled":
                line.append(" – " + c["mislabelled"].format(given=device_name(device, lang),
                                                            expected=device_name(m.expected, lang)))
                console.print(line)
                console.print(Text(f"    {device_name(m.expected, lang)}: {texts[m.expected]['explanation']}", style="dim"))
            else:
                if m.status == "not_in_text":
                    line.append(" – " + c["not_in_text"])
                console.print(line)
    console.print()
    console.print(Text(c["total"].format(found=len(result.found), total=result.total, percent=result.percent,
                                         wrong=len(result.wrong)), style="bold"))


def render_class(results: list[Result], console: Console) -> None:
    """A learners table and the per-device class summary."""
    lang = results[0].key.lang
    t, c = ui(lang), ui(lang)["check"]
    console.print(Text(c["learners"], style="bold underline"))
    people = Table(c["learner"], c["found"], c["wrong"], "%", box=None, header_style="bold")
    for r in results:
        people.add_row(r.learner, f"{len(r.found)}/{r.total}", str(len(r.wrong)), str(r.percent))
    console.print(people)
    console.print()
    console.print(Text(f"{c['class_title']} ({len(results)})", style="bold underline"))
    table = Table(t["device"], "id", c["in_key"], c["found"], c["missed"], c["wrong"], c["found_rate"], box=None,
                  header_style="bold")
    for row in class_summary(results):
        rate = "–" if row["found_rate"] is None else f"{row['found_rate']} %"
        table.add_row(device_name(row["device"], lang), row["device"], str(row["in_key"]),
                      Text(str(row["found"]), style="green"), Text(str(row["missed"]), style="yellow"),
                      Text(str(row["wrong"]), style="red"), rate)
    console.print(table)


def class_csv(results: list[Result]) -> str:
    """The per-device class summary as CSV (one row per device; found_rate in percent, empty if not in the key)."""
    out = io.StringIO()
    fields = ["device", "name", "in_key", "found", "missed", "wrong", "found_rate"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    lang = results[0].key.lang if results else "en"
    for row in class_summary(results):
        writer.writerow({**row, "name": device_name(row["device"], lang),
                         "found_rate": "" if row["found_rate"] is None else row["found_rate"]})
    return out.getvalue()
