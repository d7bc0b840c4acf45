"""The ``framing`` command: a thin face over :mod:`detector.pipeline`.

Exit codes (decided in :mod:`detector.policy`): 0 ran and nothing reached ``--fail-on``/``--fail-on-score``;
1 something did; 2 usage, input or rule-configuration error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from detector.errors import FramingError
from detector.languages import is_supported, listed
from detector.policy import ERROR, INTERRUPTED, OK, FailThreshold, exit_code

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Find framing devices in news articles (German and English), explain and score them.")
rules_app = typer.Typer(no_args_is_help=True, help="List, show and test the YAML rules.")
app.add_typer(rules_app, name="rules")


class Format(str, Enum):  # noqa: UP042 - typer renders str enums as choices
    terminal = "terminal"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    markdown = "markdown"
    line = "line"


TEXT_REPORTS = (Format.html, Format.markdown, Format.line)  # rendered by detector.report.render.<format>


class Engine(str, Enum):  # noqa: UP042
    local = "local"
    dask = "dask"


class Severity(str, Enum):  # noqa: UP042
    info = "info"
    warning = "warning"
    error = "error"


class Mode(str, Enum):  # noqa: UP042
    rules = "rules"
    classifier = "classifier"
    both = "both"


ModeOpt = Annotated[Mode, typer.Option("--mode", help="Findings from the rules, the classifier, or both.")]
ModelOpt = Annotated[Path | None, typer.Option("--model", help="Classifier model file (default: the shipped one).")]
RulesOpt = Annotated[list[Path] | None, typer.Option("--rules", help="Extra rule folder (repeatable).")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="framing.toml or pyproject.toml to use.")]


def _detector(rules: list[Path] | None, config: Path | None, mode: Mode | str = "rules", model: Path | None = None,
              min_confidence: float | None = None):
    from detector.analysis.spacy_import import import_spacy_light
    from detector.config import find_config, load_config
    from detector.pipeline import Detector

    # Start-up: spaCy without its own CLI, and no garbage collection while the long-lived rules,
    # matchers and model are built; they are then frozen, so later collections skip them.
    gc.disable()
    try:
        import_spacy_light()
        cfg = load_config(config if config else find_config())
        if min_confidence is not None:
            from dataclasses import replace

            cfg = replace(cfg, min_confidence=min_confidence)
        return Detector(rules=list(rules or []), config=cfg, mode=Mode(mode).value, model=model)
    finally:
        gc.freeze()
        gc.enable()


def _write(text: str, output: Path | None) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@app.command()
def score(
    input: Annotated[str, typer.Argument(help="Text file, JSONL file, folder, or - for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format: terminal, json, jsonl, html (one "
                                           "self-contained page), markdown (tickets, wikis) or line (path:line:col: "
                                           "device: message).")] = Format.terminal,
    lang: Annotated[str | None, typer.Option("--lang", help="Force the language (de or en).")] = None,
    headline: Annotated[bool | None, typer.Option("--headline/--no-headline", help="The first line is the headline, "
                                                  "or there is none (default: decided from the text: a short "
                                                  "first line without a full stop, with more text after it).")] = None,
    input_format: Annotated[str | None, typer.Option("--input-format", help="text, jsonl, folder or html.")] = None,
    field: Annotated[list[str] | None, typer.Option("--field", help="Map a JSONL field: headline=title (repeatable).")] = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    fail_on: Annotated[Severity | None, typer.Option("--fail-on", help="Exit 1 if a finding has this severity or higher.")] = None,
    fail_on_score: Annotated[int | None, typer.Option("--fail-on-score", min=0, max=100, help="Exit 1 if a score reaches N.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Report file; for a collection, a folder.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Score a collection with N processes.")] = 1,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted --output DIR run.")] = False,
    engine: Annotated[Engine, typer.Option("--engine", help="local, or dask (partitioned JSONL in --output DIR).")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (default: a local cluster).")] = None,
    mode: ModeOpt = Mode.both,
    model: ModelOpt = None,
    min_confidence: Annotated[float | None, typer.Option("--min-confidence", min=0.0, max=1.0, help=(
        "Leave out findings whose confidence (calibrated on real news: of findings shown with confidence p, "
        "about p are right) is below this; default from the config's min_confidence, else 0."))] = None,
    profile: Annotated[bool, typer.Option("--profile", help="Print on stderr where the time went, stage by stage.")] = False,
) -> None:
    """Score an article (or a collection) and print its report."""
    from detector.document import parse_field_mapping
    from detector.inputs import detect_input_format
    from detector.timing import collect, stage

    if lang and not is_supported(lang):
        raise FramingError(f"--lang must be {listed()}, not '{lang}'")
    fmt_in = input_format or detect_input_format(input)
    batch = fmt_in in ("jsonl", "folder")
    threshold = FailThreshold(fail_on and fail_on.value, fail_on_score)
    fields = parse_field_mapping(field)
    if fields and fmt_in != "jsonl":
        raise FramingError(f"--field maps JSONL fields, but the input is {fmt_in} (use --input-format jsonl)")
    if batch and output and (engine is Engine.dask or output.suffix.lower() not in (".json", ".jsonl")):
        from detector.collection.cli import score_collection

        raise typer.Exit(score_collection(input, output, format=format.value, input_format=input_format, lang=lang,
                                          headline=headline, fields=fields, rules=rules, config=config, jobs=jobs,
                                          resume=resume, engine=engine.value, scheduler=scheduler, threshold=threshold,
                                          mode=mode.value, model=model,
                                          min_confidence=min_confidence))
    if resume or engine is Engine.dask:
        raise FramingError("--resume and --engine dask score a collection (JSONL or folder) into --output DIR")
    if jobs > 1:
        if not (batch and format is Format.jsonl):
            raise FramingError("--jobs applies to a collection scored with --format jsonl or into --output DIR")
        from detector.collection.cli import stream_jsonl

        raise typer.Exit(stream_jsonl(input, output, input_format=input_format, lang=lang, headline=headline,
                                      fields=fields, rules=rules, config=config, jobs=jobs,
                                      threshold=threshold, mode=mode.value, model=model, min_confidence=min_confidence))
    if format is Format.html and batch:
        raise FramingError(f"--format html makes one page per article: score '{input}' with --output DIR, "
                           "or one article at a time")
    times: dict[str, float] = {}
    started = time.perf_counter()
    with collect(times) if profile else contextlib.nullcontext():
        with stage("start-up"):
            detector = _detector(rules, config, mode, model, min_confidence)
        failed = _score_documents(detector, input, format, output, batch, input_format, headline, lang, fields,
                                  threshold)
    if profile:
        _print_profile(times, time.perf_counter() - started)
    raise typer.Exit(exit_code(failed))


def _print_profile(times: dict[str, float], total: float) -> None:
    """Stage times on stderr (``--profile``); what no stage claims is reading, writing and the command."""
    rows = sorted(times.items(), key=lambda kv: -kv[1]) + [("read, write, other", total - sum(times.values()))]
    print(f"framing: profile, {total:.3f} s in all", file=sys.stderr)
    for name, secs in rows:
        print(f"  {name:20} {secs:8.3f} s  {100 * secs / total:5.1f} %", file=sys.stderr)


def _score_documents(detector, input: str, format: Format, output: Path | None, batch: bool, input_format: str | None,
                     headline: bool | None, lang: str | None, fields, threshold: FailThreshold) -> bool:
    """Score every document of the input with ``detector`` and hand the reports to the sink; True when one
    fails the ``--fail-on`` or ``--fail-on-score`` threshold."""
    from detector.inputs import iter_documents
    from detector.report.render.sink import ReportSink
    from detector.timing import stage

    failed = False
    sink = ReportSink(format.value, output, batch)
    try:
        for item in iter_documents(input, input_format=input_format, headline=headline, lang=lang, fields=fields):
            report, record = _score_one(detector, item, lang, batch)
            if record is not None:  # an error record: the batch goes on
                if not batch:
                    raise FramingError(record["error"]["message"])
                sink.error(record)
                continue
            failed = failed or threshold.reached(report.max_severity(), report.score.total)
            with stage("render"):
                sink.report(report)
    finally:
        sink.close()
    return failed


def _score_one(detector, item, lang: str | None, batch: bool):
    """(report, None) for a scored document, (None, error record) for one that could not be read or scored
    in a batch; outside a batch the error is raised."""
    from detector.document import ErrorRecord

    if isinstance(item, ErrorRecord):
        return None, item.to_dict()
    try:
        return detector.run(item, lang), None
    except FramingError as e:
        if not batch:
            raise
        return None, ErrorRecord(item.id, e.kind, e.render()).to_dict()
    except Exception as e:  # noqa: BLE001 - one article's failure must not end a batch: it becomes an error record
        if not batch:
            raise
        return None, ErrorRecord(item.id, "internal", f"{type(e).__name__}: {e}").to_dict()


@rules_app.command("list")
def rules_list(
    lang: Annotated[str | None, typer.Option(help="Only this language.")] = None,
    device: Annotated[str | None, typer.Option(help="Only this device.")] = None,
    family: Annotated[str | None, typer.Option(help="Only this family.")] = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List the rules in force."""
    from rich.console import Console
    from rich.table import Table

    detector = _detector(rules, config)
    table = Table("id", "lang", "device", "kind", "severity", "on")
    for r in detector.ruleset.rules:
        if (lang and r.lang != lang) or (device and r.device != device) or (family and r.family != family):
            continue
        table.add_row(r.id, r.lang, r.device, r.kind, r.severity, "yes" if r.enabled else "no")
    Console().print(table)


@rules_app.command("show")
def rules_show(rule_id: Annotated[str, typer.Argument(help="Rule id.")], rules: RulesOpt = None,
               config: ConfigOpt = None) -> None:
    """Show a rule: its documentation, its file and its tests."""
    detector = _detector(rules, config)
    found = [r for r in detector.ruleset.rules if r.id == rule_id]
    if not found:
        raise FramingError(f"no rule with id '{rule_id}' (see `framing rules list`)")
    r = found[0]
    print(f"{r.id}  ({r.lang}, {r.device}, {r.family}, {r.kind}, {r.severity})\n{r.path}\n")
    print(f"What: {r.description}\nWhy: {r.explanation}\nInstead: {r.suggestion}\n")
    for kind in ("match", "ok"):
        for case in r.tests.get(kind, []):
            print(f"  {kind:5} {case!r}")


@rules_app.command("docs")
def rules_docs(
    out: Annotated[Path, typer.Option("--out", help="Folder for the pages.")] = Path("docs/rules"),
    check: Annotated[bool, typer.Option("--check", help="Only check that the pages are up to date (exit 1 if not).")] = False,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write one reference page per rule (what / why / example / instead) and per lexicon."""
    from detector.matching import docs

    pages = docs.generate(_detector(rules, config).ruleset.rules)
    if check:
        stale = docs.stale(pages, out)
        for name in stale:
            print(f"out of date: {out / name}")
        if stale:
            print("run `framing rules docs` to update them")
        raise typer.Exit(exit_code(bool(stale)))
    changed = docs.write(pages, out)
    print(f"{len(pages)} pages in {out}, {len(changed)} changed")


@rules_app.command("new")
def rules_new(
    rule_id: Annotated[str, typer.Argument(help="Rule id, e.g. de.wording.my-rule (language first).")],
    device: Annotated[str, typer.Option("--device", help="Device id (see `framing explain`).")],
    kind: Annotated[str, typer.Option("--kind", help="terms, tokens or regex.")] = "terms",
    folder: Annotated[Path, typer.Option("--dir", help="Folder to write the rule file into.")] = Path("rules"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Scaffold a rule file with match/ok tests that pass, ready to edit."""
    from detector.matching.scaffold import scaffold

    path = scaffold(rule_id, device, kind, folder, force=force)
    print(f"wrote {path}\nedit it, then run: framing rules test {path}")


@rules_app.command("test")
def rules_test(
    path: Annotated[list[Path] | None, typer.Argument(help="Rule files or folders (default: all rules in force).")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="terminal or json.")] = Format.terminal,
    config: ConfigOpt = None,
) -> None:
    """Run every rule's inline match/ok tests; exit 1 if any fails."""
    from detector.matching.loader import load_rules
    from detector.matching.testing import test_rule

    if path:
        rules = load_rules(path)
    else:
        rules = _detector(None, config).ruleset.rules
    results = [res for r in rules for res in test_rule(r)]
    failures = [r for r in results if not r.passed]
    if format is not Format.terminal:
        print(json.dumps({"rules": len(rules), "cases": len(results), "failed": len(failures),
                          "results": [r.to_dict() for r in results]}, ensure_ascii=False, indent=2))
    else:
        for f in failures:
            print(f"FAIL {f.rule} {f.kind}[{f.index}]: {f.text!r}")
            if f.error:
                print(f"     error: {f.error}")
            for m in f.missed:
                print(f"     missed: {m!r}")
            for u in f.unexpected:
                print(f"     wrongly matched: {u!r}")
        print(f"{len(results) - len(failures)} passed, {len(failures)} failed ({len(rules)} rules)")
    raise typer.Exit(exit_code(bool(failures)))


@app.command()
def evaluate(
    corpus: Annotated[Path, typer.Argument(help="Annotated JSONL (e.g. corpora/de/dev.jsonl).")],
    format: Annotated[Format, typer.Option("--format", "-f", help="terminal, json or markdown.")] = Format.terminal,
    errors: Annotated[bool, typer.Option("--errors", help="List every false positive and false negative with its sentence.")] = False,
    mode: Annotated[Mode, typer.Option("--mode", help="Evaluate the rules, the classifier, or both.")] = Mode.rules,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="Exit 1 if a figure falls below this baseline.")] = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
) -> None:
    """Measure the detector on an annotated corpus: P/R/F1 per device, findings per neutral article, AUC."""
    from detector.evaluation import compare_to_baseline, load_baseline
    from detector.evaluation import evaluate as run_evaluation

    if format in (Format.html, Format.line):
        raise FramingError(f"evaluate writes terminal, json or markdown, not {format.value}")
    if not corpus.is_file():
        raise FramingError("no such file" if not corpus.exists() else "is a folder; expected a JSONL file", path=str(corpus))
    floor = load_baseline(baseline) if baseline else None
    detector = _detector(rules, config, mode=mode.value, model=model)
    result = run_evaluation(str(corpus), lambda doc: detector.run(doc, None), mode=mode.value, errors=errors)
    problems = []
    if floor is not None:
        problems = compare_to_baseline(result, _baseline_entry(floor, corpus))
        result["baseline_problems"] = problems
    if format is Format.markdown:
        from detector.evaluation.render import evaluation_markdown

        sys.stdout.write(evaluation_markdown(result))
        for p in problems:
            print(f"\nbelow baseline: {p}")
    elif format is Format.terminal:
        from rich.console import Console

        from detector.evaluation.render import render_evaluation

        console = Console(highlight=False)
        render_evaluation(result, console, errors=errors)
        for p in problems:
            console.print(f"[red]below baseline:[/red] {p}")
    else:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    raise typer.Exit(exit_code(bool(problems)))


def _baseline_entry(floor: dict, corpus: Path) -> dict:
    """The baseline entry for a corpus file: keyed by its path relative to corpora/, or its name."""
    for key in (f"{corpus.parent.name}/{corpus.name}", corpus.name, str(corpus)):
        if key in floor:
            return floor[key]
    raise FramingError(f"baseline has no entry for '{corpus.parent.name}/{corpus.name}'")


@app.command()
def train(
    corpora: Annotated[Path, typer.Option("--corpora", help="Folder with <lang>/{train,dev,test}.jsonl.")] = Path("corpora"),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Model file (default: the package's own).")] = None,
    test: Annotated[bool, typer.Option("--test", help="Also report figures on the test split (never tuned on).")] = False,
    card: Annotated[bool, typer.Option("--card/--no-card", help="Rewrite the model card beside the shipped model.")] = True,
    negatives: Annotated[list[Path] | None, typer.Option(
        "--negatives", help="JSONL of careful news with no devices annotated, added to train as articles that frame "
                            "nothing (repeatable; e.g. ../shared/data/quotes-de/train.jsonl).")] = None,
) -> None:
    """Retrain the classifier from the corpora (deterministic) and print the dev figures."""
    from detector.classify.train import train_cli

    train_cli(corpora, output, with_test=test, card=card, negatives=negatives or [])


@app.command()
def version() -> None:
    """Print the version."""
    from detector.version import __version__

    print(f"framing-detector {__version__}")


from detector.exercises.cli import exercise_app, explain, quiz  # noqa: E402 - teachers' and learners' commands

app.add_typer(exercise_app, name="exercise")
app.command("quiz")(quiz)
app.command("explain")(explain)


def main() -> None:
    """Entry point: run the app, turning every error into one line and exit code 2."""
    try:
        rc = app(standalone_mode=False)
        sys.exit(rc if isinstance(rc, int) else OK)
    except FramingError as e:
        print(f"framing: error: {e.render()}", file=sys.stderr)
        sys.exit(e.exit_code)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        sys.exit(OK)
    except Exception as e:  # noqa: BLE001 - the last guard: no traceback reaches a user
        import click

        if isinstance(e, click.exceptions.ClickException):
            e.show()
            sys.exit(ERROR)
        names = {c.__name__ for c in type(e).__mro__}
        if "ClickException" in names and hasattr(e, "format_message"):
            # recent typer vendors click: its usage errors are not click's own classes
            print(f"framing: error: {e.format_message()}", file=sys.stderr)
            sys.exit(ERROR)
        if "Abort" in names or isinstance(e, click.exceptions.Abort):  # click's form of Ctrl-C
            print("framing: interrupted", file=sys.stderr)
            sys.exit(INTERRUPTED)
        if os.environ.get("FRAMING_DEBUG"):
            raise
        print(f"framing: internal error: {type(e).__name__}: {e} (set FRAMING_DEBUG=1 for details)",
              file=sys.stderr)
        sys.exit(ERROR)


if __name__ == "__main__":
    main()
