"""`framing explain`: a device in plain language, with an example and its neutral rewrite (rich)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from detector.errors import FramingError
from detector.exercises.texts import example_parts, explanations, ui
from detector.taxonomy import devices, family_of

_FAMILY_STYLE = {"sourcing": "yellow", "claim strength": "red", "wording": "magenta", "structure": "cyan"}


def unknown_device(device: str) -> FramingError:
    return FramingError(f"unknown device '{device}' (valid: {', '.join(devices())})")


def render_device(device: str, lang: str, console: Console) -> None:
    if device not in devices():
        raise unknown_device(device)
    e = explanations(lang)[device]
    t = ui(lang)
    style = _FAMILY_STYLE.get(family_of(device), "bold")
    example = Text()
    for text, is_device in example_parts(device, lang):
        example.append(text, style=f"bold reverse {style}" if is_device else "italic")
    body = Group(
        Text(e["explanation"]),
        Text(),
        Text.assemble((f"{t['why']}: ", "bold"), e["why"]),
        Text(),
        Text.assemble((f"{t['example']}: ", "bold"), example),
        Text.assemble((f"{t['neutral']}: ", "bold"), (e["neutral"], "italic")),
        Text(),
        Text.assemble((f"{t['ask']}: ", "bold"), e["ask"]),
    )
    console.print(Panel(body, title=Text.assemble((e["name"], f"bold {style}"), f"  ({device})"), title_align="left"))


def render_list(lang: str, console: Console) -> None:
    texts = explanations(lang)
    t = ui(lang)
    table = Table(t["device"], "id", "", box=None, header_style="bold")
    for device in devices():
        table.add_row(Text(texts[device]["name"], style=_FAMILY_STYLE.get(family_of(device), "")), device,
                      Text(texts[device]["explanation"], overflow="fold"))
    console.print(table)
