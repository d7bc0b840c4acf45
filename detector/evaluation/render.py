"""Evaluation figures as a terminal table (rich), and the error listing for rule authors."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def render_evaluation(result: dict, console: Console, *, errors: bool = False) -> None:
    table = Table(title=f"{result['source']}  ({result['articles']} articles, mode {result['mode']})",
                  caption="P/R/F1: overlap matching; Px/Rx/F1x: exact span matching")
    table.add_column("device", no_wrap=True, min_width=22)
    for col in ("gold", "pred", "P", "R", "F1", "Px", "Rx", "F1x"):
        table.add_column(col, justify="right")

    def row(name: str, d: dict, style: str | None = None) -> None:
        o, e = d["overlap"], d["exact"]
        table.add_row(name, str(d["gold"]), str(d["predicted"]), _fmt(o["precision"]), _fmt(o["recall"]),
                      _fmt(o["f1"]), _fmt(e["precision"]), _fmt(e["recall"]), _fmt(e["f1"]), style=style)

    for device, d in result["devices"].items():
        row(device, d)
    table.add_section()
    row("micro", result["micro"], style="bold")
    console.print(table)
    h = result["headline"]
    lines = [
        f"macro F1 (overlap, devices with gold spans): {_fmt(result['macro_f1_overlap'])}",
        f"findings per neutral article: {_fmt(result['findings_per_neutral'])} ({result['neutral']} neutral)",
        f"headline overstatement accuracy: {_fmt(result['headline_accuracy'])} "
        f"(tp {h['tp']}, fp {h['fp']}, fn {h['fn']}, tn {h['tn']})",
        f"ROC AUC of the score, framed vs neutral: {_fmt(result['roc_auc'])}",
    ]
    if result["failed"]:
        lines.append(f"[red]{result['failed']} article(s) could not be scored[/red]")
    for line in lines:
        console.print(line)
    if errors:
        for err in result.get("errors", []):
            tag = "[red]FP[/red]" if err["type"] == "false_positive" else "[yellow]FN[/yellow]"
            rule = f" ({err['rule']})" if err.get("rule") else ""
            console.print(f"{tag} {escape(err['id'])} {err['device']}{escape(rule)}: [bold]{escape(repr(err['text']))}[/bold]\n"
                          f"    {escape(err['sentence'])}", highlight=False)


def evaluation_markdown(result: dict) -> str:
    """The same figures as a Markdown table, for READMEs, tickets and model cards."""
    def f(x: float | None) -> str:
        return "–" if x is None else f"{x:.2f}"

    lines = [f"`{result['source']}` ({result['articles']} articles, {result['framed']} framed, "
             f"{result['neutral']} neutral; mode {result['mode']})", "",
             "| device | gold | pred | P | R | F1 | F1 exact |", "|---|---:|---:|---:|---:|---:|---:|"]
    rows = list(result["devices"].items()) + [("**micro**", result["micro"])]
    for name, d in rows:
        o = d["overlap"]
        lines.append(f"| {name} | {d['gold']} | {d['predicted']} | {f(o['precision'])} | {f(o['recall'])} | "
                     f"{f(o['f1'])} | {f(d['exact']['f1'])} |")
    h = result["headline"]
    lines += ["", f"macro F1 {f(result['macro_f1_overlap'])} · findings per neutral article "
              f"{f(result['findings_per_neutral'])} · headline-overstatement accuracy {f(result['headline_accuracy'])} "
              f"(tp {h['tp']}, fp {h['fp']}, fn {h['fn']}, tn {h['tn']}) · ROC AUC {f(result['roc_auc'])}"]
    return "\n".join(lines) + "\n"
