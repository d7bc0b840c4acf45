"""The model card: ``card_template.md`` filled with the figures of the last ``framing train``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _device_table(splits: dict) -> str:
    modes = ("rules", "classifier", "both")
    names = sorted({d for s in splits.values() for m in modes for d in s[m]["spans"] if d != "micro"}) + ["micro"]
    head = "| device | " + " | ".join(f"{s} {m} P / R / F1" for s in splits for m in modes) + " |"
    rows = [head, "|---|" + "---|" * (len(splits) * len(modes))]
    for d in names:
        cells = []
        for s in splits.values():
            for m in modes:
                f = s[m]["spans"].get(d)
                cells.append(f"{f['p']:.2f} / {f['r']:.2f} / {f['f1']:.2f}" if f else "–")
        label = "**micro**" if d == "micro" else d
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    auc = []
    for split, s in splits.items():
        for m in modes:
            extra = f", AUC(score.framed) {s[m]['auc_probability']:.3f}" if "auc_probability" in s[m] else ""
            auc.append(f"- {split}, {m}: AUC(score.total) {s[m]['auc_total']:.3f}{extra}")
    return "\n".join(rows) + "\n\n" + "\n".join(auc)


def render_card(figs: dict, model: dict) -> str:
    meta = model["meta"]
    figures = []
    for lang, splits in figs["langs"].items():
        figures.append(f"### {lang}\n\n" + _device_table(splits))
    if not any("test" in s for s in figs["langs"].values()):
        figures.append("Test figures: run `framing train --test` (reported, never tuned on).")
    bands = []
    for mode, b in figs["bands"].items():
        sh = figs["band_shares"][mode]
        bands.append(f"- {mode}: moderate ≥ {b['moderate']}, high ≥ {b['high']}; neutral "
                     f"{sh['neutral']['low']:.0%} / {sh['neutral']['moderate']:.0%} / {sh['neutral']['high']:.0%}, "
                     f"framed {sh['framed']['low']:.0%} / {sh['framed']['moderate']:.0%} / {sh['framed']['high']:.0%}")
    compare = "\n".join(f"| {r['kind']} | {r['macro_ap']:.3f} | {r['seconds']} s |" for r in figs.get("compare", []))
    articles = "\n".join(f"- {lang}: " + ", ".join(f"{s} {n}" for s, n in c.items()) for lang, c in figs["articles"].items())
    adds = [f"{lang} {d} (from {t:.2f})" for lang, lm in sorted(model["langs"].items())
            for d, t in zip(lm["devices"], lm["add_threshold"], strict=True) if t <= 1]

    template = resources.files("detector.classify").joinpath("card_template.md").read_text("utf-8")
    values = {"kind": meta["kind"], "min_positives": figs["min_positives"], "folds": meta["folds"], "seed": meta["seed"],
              "articles": articles, "seconds": figs["seconds"], "mb": f"{figs['bytes'] / 1e6:.1f}",
              "compare": compare or "| (not run) | | |", "additions": ", ".join(adds) or "none",
              "figures": "\n\n".join(figures), "bands": "\n".join(bands)}
    out = template
    for k, v in values.items():
        out = out.replace("{" + k + "}", str(v))
    return out


def write_card(path: Path, figs: dict, model: dict) -> None:
    path.write_text(render_card(figs, model), encoding="utf-8")
