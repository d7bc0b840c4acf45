"""The collection paths of ``framing score``; :mod:`detector.cli` hands over to these and exits with their code."""

from __future__ import annotations

import sys
from itertools import chain
from pathlib import Path

from detector.collection.work import DetectorSpec, score_in_order
from detector.inputs import iter_documents
from detector.policy import FailThreshold, exit_code


def score_collection(input: str, output: Path, *, format: str, input_format: str | None, lang: str | None,
                     headline: bool | None, fields: dict[str, str], rules: list[Path] | None, config: Path | None,
                     jobs: int, resume: bool, engine: str, scheduler: str | None,
                     threshold: FailThreshold, mode: str = "both", model: Path | None = None,
                     min_confidence: float | None = None) -> int:
    """``--output DIR``: per-article reports and an overview (local), or partitioned JSONL (dask)."""
    spec = DetectorSpec.resolve(rules, config, lang, mode, model, min_confidence)
    items = iter_documents(input, input_format=input_format, headline=headline, lang=lang, fields=fields)
    if Path(input).is_dir() and output.resolve().is_relative_to(Path(input).resolve()):
        items = _outside(items, output.resolve())  # an output folder inside the input: never score our own reports
    first = next(items, None)  # a missing or empty input fails here, before the output folder is made
    items = chain([first] if first is not None else [], items)
    if engine == "dask":
        from detector.collection.dask_engine import run_dask

        if resume:
            from detector.errors import FramingError

            raise FramingError("--resume is for local runs; a Dask run rewrites its parts")
        lines = run_dask(items, output, spec, scheduler=scheduler)
        print(f"framing: {lines} lines in {output}/part-*.jsonl", file=sys.stderr)
        return 0
    from detector.collection.output import write_collection

    fmt = "json" if format == "terminal" else format
    name = Path(input.rstrip("/")).name or "collection"
    run = write_collection(items, output, spec, fmt=fmt, jobs=jobs, resume=resume, title=name)
    skipped = f", {run.skipped} already done" if run.skipped else ""
    print(f"framing: {run.written} reports, {run.errors} errors{skipped} → {output / 'index.html'}", file=sys.stderr)
    return exit_code(threshold.reached(run.max_severity, run.max_total if run.written else None))


def _outside(items, folder: Path):
    for item in items:
        if not (item.source and Path(item.source).resolve().is_relative_to(folder)):
            yield item


def stream_jsonl(input: str, output: Path | None, *, input_format: str | None, lang: str | None, headline: bool | None,
                 fields: dict[str, str], rules: list[Path] | None, config: Path | None, jobs: int,
                 threshold: FailThreshold, mode: str = "both", model: Path | None = None,
                 min_confidence: float | None = None) -> int:
    """``--format jsonl --jobs N``: the same lines as one process, in input order, flushed one by one."""
    spec = DetectorSpec.resolve(rules, config, lang, mode, model, min_confidence)
    items = iter_documents(input, input_format=input_format, headline=headline, lang=lang, fields=fields)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    failed = False
    try:
        for _item, outcome in score_in_order(items, spec, jobs=jobs):
            out.write(outcome.line + "\n")
            out.flush()
            failed = failed or threshold.reached(outcome.severity, outcome.total)
    finally:
        if output:
            out.close()
    return exit_code(failed)
