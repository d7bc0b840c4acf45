"""Commands for teachers and learners: ``framing exercise make|check``, ``framing quiz``, ``framing explain``.

Registered in :mod:`detector.cli`; errors are :class:`~detector.errors.FramingError` (one line, exit 2).
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from detector.errors import FramingError, InputError
from detector.languages import is_supported

exercise_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                           help="Worksheets and answer keys from an article; score learners' answers against a key.")


class Level(str, Enum):  # noqa: UP042 - typer renders str enums as choices
    easy = "easy"
    medium = "medium"
    hard = "hard"


class SheetFormat(str, Enum):  # noqa: UP042
    html = "html"
    markdown = "markdown"


class CheckFormat(str, Enum):  # noqa: UP042
    terminal = "terminal"
    json = "json"


LangOpt = Annotated[str | None, typer.Option("--lang", help="de or en (default: from $LANG, else en).")]


def _lang(lang: str | None) -> str:
    from detector.exercises.texts import check_lang

    if lang:
        return check_lang(lang.lower())
    return "de" if os.environ.get("LANG", "").lower().startswith("de") else "en"


def _console(file=None):
    from rich.console import Console

    out = file or sys.stdout
    return Console(file=out, highlight=False, soft_wrap=False, width=None if out.isatty() else 100)


@exercise_app.command("make")
def make(
    article: Annotated[str | None, typer.Argument(help="Article: text file (first line = headline), or - for stdin.")] = None,
    key: Annotated[Path | None, typer.Option("--key", help="Rebuild the sheets from an (edited) answer key instead.")] = None,
    level: Annotated[Level, typer.Option("--level", help="How many devices are asked about and how much help is given.")]
    = Level.medium,
    format: Annotated[SheetFormat, typer.Option("--format", "-f", help="Worksheet and key sheet format.")] = SheetFormat.html,
    output_dir: Annotated[Path, typer.Option("--output-dir", "-o", help="Folder for the files.")] = Path("."),
    lang: Annotated[str | None, typer.Option("--lang", help="Force the language (de or en).")] = None,
    headline: Annotated[bool | None, typer.Option("--headline/--no-headline", help="The first line is the headline, "
                                                  "or there is none (default: decided from the text).")] = None,
) -> None:
    """Write a worksheet, an editable answer key (YAML) and the key sheet with every device highlighted."""
    from detector.exercises import answer_key as ak
    from detector.exercises.worksheet import render

    if (article is None) == (key is None):
        raise FramingError("give an ARTICLE or --key KEY.yaml (not both)")
    if key is not None:
        answer_key = ak.load(key)
        stem = key.name.removesuffix(".yaml").removesuffix(".yml").removesuffix(".key")
    else:
        from detector.document import ErrorRecord
        from detector.inputs import iter_documents
        from detector.pipeline import default_detector

        if lang and not is_supported(lang):
            raise FramingError(f"--lang must be de or en, not '{lang}'")
        docs = list(iter_documents(article, input_format="text", headline=headline, lang=lang))
        doc = docs[0]
        if isinstance(doc, ErrorRecord):
            raise FramingError(doc.to_dict()["error"]["message"])
        answer_key = ak.from_report(default_detector().run(doc, lang))
        stem = "article" if article == "-" else Path(article).stem
    if output_dir.exists() and not output_dir.is_dir():
        raise InputError("is not a folder", path=str(output_dir))
    output_dir.mkdir(parents=True, exist_ok=True)
    ext = "html" if format is SheetFormat.html else "md"
    written = []
    if key is None:
        path = output_dir / f"{stem}.key.yaml"
        path.write_text(ak.dump(answer_key), encoding="utf-8")
        written.append(path)
    for is_key, name in ((False, f"{stem}.worksheet.{ext}"), (True, f"{stem}.key.{ext}")):
        path = output_dir / name
        path.write_text(render(answer_key, level.value, format.value, answer_key=is_key), encoding="utf-8")
        written.append(path)
    for path in written:
        print(path)


@exercise_app.command("check")
def check(
    key: Annotated[Path, typer.Argument(help="The answer key (YAML from `framing exercise make`).")],
    answers: Annotated[str, typer.Argument(help="A learner's answer file (YAML, JSON or marked text), or a folder of them.")],
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="terminal or json.")] = CheckFormat.terminal,
    csv: Annotated[Path | None, typer.Option("--csv", help="Write the per-device summary table as CSV.")] = None,
) -> None:
    """Score answers against the key: per device found, missed and wrongly marked, with explanations."""
    from detector.exercises import answer_key as ak
    from detector.exercises.check import answer_files, load_answers, score
    from detector.exercises.check_render import class_csv, render_class, render_result

    the_key = ak.load(key)
    files = answer_files(answers)
    results, errors = [], []
    for f in files:
        try:
            learner, marks = load_answers(f, the_key)
        except FramingError as e:
            if len(files) == 1:
                raise
            errors.append(e)
            continue
        results.append(score(the_key, marks, learner, str(f)))
    for e in errors:
        print(f"framing: error: {e.render()}", file=sys.stderr)
    folder = Path(answers).is_dir()
    if format is CheckFormat.json:
        from detector.exercises.check import class_summary

        out = {"key": str(key), "results": [r.to_dict() for r in results]}
        if folder:
            out["summary"] = class_summary(results)
        print(json.dumps(out if folder else out["results"][0], ensure_ascii=False, indent=2))
    else:
        console = _console()
        if folder:
            render_class(results, console)
        else:
            render_result(results[0], console)
    if csv is not None and results:
        csv.write_text(class_csv(results), encoding="utf-8")
    raise typer.Exit(2 if errors else 0)


def quiz(
    lang: LangOpt = None,
    level: Annotated[Level, typer.Option("--level", help="easy: words marked, 3 choices; hard: whole articles, 5.")]
    = Level.medium,
    devices: Annotated[str | None, typer.Option("--devices", help="Only these devices (comma-separated ids).")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Same seed, same questions.")] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, max=100, help="Number of questions.")] = 10,
    answers: Annotated[str | None, typer.Option("--answers", help="Answer without asking: e.g. 1,3,none.")]
    = None,
) -> None:
    """Spot the device: a sentence (or headline with its article) from the corpora; pick the device or "none".

    Arrow keys or a number choose; without a terminal, answers are read one a line from stdin.
    """
    from detector.exercises import quiz as qz
    from detector.taxonomy import devices as all_devices

    lang = _lang(lang)
    only = [d.strip() for d in devices.split(",") if d.strip()] if devices else None
    for d in only or []:
        if d not in all_devices():
            raise FramingError(f"unknown device '{d}' (valid: {', '.join(all_devices())})")
    questions = qz.make_questions(lang, level.value, count, seed, only)
    console = _console()
    interactive = answers is None and sys.stdin.isatty() and sys.stdout.isatty()
    tokens = iter(a for a in answers.split(",")) if answers is not None else None

    def ask(question, i, n):
        qz.show(question, i, n, lang, console, numbered=not interactive)
        if interactive:
            return _ask_arrow(question, lang)
        if tokens is not None:
            token = next(tokens, None)
        elif sys.stdin.isatty():
            return _ask_typed(question, lang, console)
        else:
            line = sys.stdin.readline()
            token = line if line else None
        if token is None:
            return None
        given = qz.parse_answer(token, question)
        if given is None:
            raise FramingError(f"answer {i}: '{token.strip()}' is not a choice (1–{len(question.options)}, a device id or none)")
        console.print(f"> {qz.option_label(given, lang)}")
        return given

    qz.run(questions, lang, ask, console)


def _ask_arrow(question, lang: str) -> str | None:
    import questionary

    from detector.exercises.quiz import option_label

    choices = [questionary.Choice(option_label(o, lang), value=o) for o in question.options]
    return questionary.select("›", choices=choices, use_shortcuts=True, qmark="").ask()


def _ask_typed(question, lang: str, console) -> str | None:
    from detector.exercises.quiz import parse_answer
    from detector.exercises.texts import ui

    q = ui(lang)["quiz"]
    while True:
        try:
            token = input(q["prompt"].format(n=len(question.options)))
        except EOFError:
            return None
        given = parse_answer(token, question)
        if given is not None:
            return given
        console.print(q["invalid"].format(n=len(question.options)))


def explain(
    device: Annotated[str | None, typer.Argument(help="Device id (omit to list them all).")] = None,
    lang: LangOpt = None,
) -> None:
    """Explain a framing device in plain words, with an example and how to say it neutrally."""
    from detector.exercises.explain import render_device, render_list

    lang = _lang(lang)
    console = _console()
    if device is None:
        render_list(lang, console)
    else:
        render_device(device, lang, console)
