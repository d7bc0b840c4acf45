"""``framing score COLLECTION --output DIR``: one report per article, an index, an overview.

Layout of ``DIR``::

    reports/<stem>.<ext>   one report per article (json unless --format says otherwise)
    index.jsonl            one line per article in input order, appended and flushed as it goes
    index.html             the overview (sortable table, score distribution, devices per source)
    overview.csv           one row per article; overview-sources.csv: device frequencies per source

An interrupted run leaves every report and index line before the interruption complete (reports
are written to a temporary name and renamed; the index line follows). ``--resume`` re-reads the
index, checks that the input starts with the same articles, and continues after them.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from detector.collection.names import NameAllocator
from detector.collection.overview import iter_index, write_overview
from detector.collection.work import DetectorSpec, Outcome, score_in_order
from detector.document import Document, ErrorRecord
from detector.errors import FramingError, InputError

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

EXTENSIONS = {"json": ".json", "jsonl": ".jsonl", "html": ".html", "markdown": ".md", "line": ".txt"}
RUN_FILES = ("index.jsonl", "index.html", "overview.csv", "overview-sources.csv")


def extension(fmt: str) -> str:
    return EXTENSIONS.get(fmt, f".{fmt}")


@dataclass
class RunSummary:
    written: int = 0
    skipped: int = 0
    errors: int = 0
    max_severity: int = -1
    max_total: int = -1

    def add(self, outcome: Outcome) -> None:
        if outcome.total is None:
            self.errors += 1
        else:
            self.written += 1
            self.max_severity = max(self.max_severity, outcome.severity)
            self.max_total = max(self.max_total, outcome.total)


def _complete_entries(index: Path) -> int:
    """Cut a torn last line off the index; return the number of complete entries."""
    count, good = 0, 0
    with index.open("rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                json.loads(raw)
            except ValueError:
                break
            count += 1
            good += len(raw)
    if good != index.stat().st_size:
        with index.open("r+b") as fh:
            fh.truncate(good)
    return count


def prepare(out_dir: Path, resume: bool) -> int:
    """Check ``DIR``; start a fresh run (removing an earlier run's files) or count what a resumed one has."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("--output for a collection must be a folder, and this is a file", path=str(out_dir))
    index = out_dir / "index.jsonl"
    if out_dir.is_dir() and not index.exists() and any(out_dir.iterdir()):
        raise InputError("folder is not empty and holds no earlier run (no index.jsonl); choose a new or empty folder",
                         path=str(out_dir))
    (out_dir / "reports").mkdir(parents=True, exist_ok=True)
    for torn in (out_dir / "reports").glob("*.tmp"):  # a report being written when a run was stopped
        torn.unlink()
    if resume:
        return _complete_entries(index) if index.exists() else 0
    if index.exists():  # starting over: remove only the files the earlier run wrote
        for entry in iter_index(index):
            if entry.get("file"):
                (out_dir / "reports" / entry["file"]).unlink(missing_ok=True)
        for name in RUN_FILES:
            (out_dir / name).unlink(missing_ok=True)
    return 0


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    os.replace(tmp, path)


def _progress() -> Progress | None:
    """A rich progress bar on stderr when it is a terminal; otherwise nothing."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("scoring"), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("{task.fields[rate]}"), console=Console(stderr=True), transient=True)


def _done_before(entry: dict, reports: Path) -> bool:
    """Whether an earlier run's index entry needs nothing more: an error record, or a report still on disk."""
    return not entry.get("file") or (reports / entry["file"]).exists()


def _same_article(n: int, item: Document | ErrorRecord, entry: dict | None, out_dir: Path) -> dict:
    """The earlier run's entry for input article ``n``; raises when that run indexed another article there."""
    if entry is None or entry.get("id") != item.id:
        had = entry.get("id") if entry else "nothing"
        raise InputError(f"cannot resume: article {n + 1} of the input is '{item.id}' but the earlier run "
                         f"had '{had}' (a different input?)", path=str(out_dir))
    return entry


def _to_score(items: Iterable[Document | ErrorRecord], done: int, out_dir: Path, ext: str, summary: RunSummary,
              pending: deque[tuple[str, bool]]) -> Iterator[Document | ErrorRecord]:
    """The items to score, in order, each with (report name, append to index) put on ``pending``.

    The first ``done`` items are the ones a resumed run has indexed: they must match the index, and
    are skipped unless their report went missing."""
    reports = out_dir / "reports"
    earlier = iter_index(out_dir / "index.jsonl") if done else iter(())
    names = NameAllocator()
    for n, item in enumerate(items):
        stem = names.allocate(item.id)
        if n < done:
            entry = _same_article(n, item, next(earlier, None), out_dir)
            if _done_before(entry, reports):
                summary.skipped += 1
                continue
            pending.append((stem + ext, False))  # indexed, but its report went missing: write it again
        else:
            pending.append((stem + ext, True))
        yield item


def _record(outcome: Outcome, reports: Path, name: str, index: TextIO | None) -> None:
    """Write one article's report (when it has one) as ``reports/name``, and its line to ``index`` when given."""
    entry = dict(outcome.summary)
    if outcome.rendered is not None:
        _write_atomic(reports / name, outcome.rendered)
        entry["file"] = name
    if index is not None:
        index.write(json.dumps(entry, ensure_ascii=False) + "\n")
        index.flush()


def _advance(progress: Progress | None, task: TaskID | None, scored: int) -> None:
    """Move the progress bar (if there is one) on by one article and show the rate so far."""
    if not progress:
        return
    elapsed = progress.tasks[0].elapsed or 0
    progress.update(task, advance=1, rate=f"{scored / elapsed:.1f} articles/s" if elapsed else "")


def write_collection(items: Iterable[Document | ErrorRecord], out_dir: Path, spec: DetectorSpec, *,
                     fmt: str = "json", jobs: int = 1, resume: bool = False, title: str = "collection") -> RunSummary:
    """Score ``items`` into ``out_dir`` (see the module docstring); the overview is written even after Ctrl-C."""
    if fmt not in ("json", "jsonl") and importlib.util.find_spec(f"detector.report.render.{fmt}") is None:
        raise FramingError(f"no renderer for --format {fmt} in a collection")
    done = prepare(out_dir, resume)
    reports = out_dir / "reports"
    summary = RunSummary()
    pending: deque[tuple[str, bool]] = deque()  # (file name, append to index) per item fed, in order
    fed = _to_score(items, done, out_dir, extension(fmt), summary, pending)
    progress = _progress()
    task = progress.add_task("scoring", total=None, rate="") if progress else None
    try:
        if progress:
            progress.start()
        with (out_dir / "index.jsonl").open("a", encoding="utf-8") as index:
            for n, (_item, outcome) in enumerate(score_in_order(fed, spec, jobs=jobs, fmt=fmt, line=False), 1):
                name, append = pending.popleft()
                _record(outcome, reports, name, index if append else None)
                summary.add(outcome)
                _advance(progress, task, n)
    finally:
        if progress:
            progress.stop()
        write_overview(out_dir, title=title)
    return summary
