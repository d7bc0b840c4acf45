"""Where the reports of one ``framing score`` run go: stdout or one file, in one format.

The CLI hands every report (or error record) to a :class:`ReportSink`; the sink renders it with the
report renderers (never by itself) and writes it: JSONL line by line as it comes, JSON as one object
(one article) or an array (a collection), text formats joined, and the terminal through rich.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from detector.report.model import Report
from detector.report.render import render_report

_JOINERS = {"markdown": "\n---\n\n"}


class ReportSink:
    def __init__(self, fmt: str, output: Path | None, batch: bool) -> None:
        self.fmt, self.output, self.batch = fmt, output, batch
        self._chunks: list[str] = []
        self._console = None
        if fmt == "terminal":
            from rich.console import Console

            stream: TextIO = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
            self._console = Console(file=stream, highlight=False, soft_wrap=False)

    def report(self, report: Report) -> None:
        """Render and keep (or, for JSONL on stdout, write at once) one report."""
        if self._console is not None:
            from detector.report.render.terminal import render

            render(report, self._console)
        elif self.fmt == "json":
            self._chunks.append(render_report(report, "json").rstrip("\n"))
        else:
            self._add(render_report(report, self.fmt))

    def error(self, record: dict) -> None:
        """An error record of a collection: a JSON line or array item, else one line on stderr."""
        if self._console is not None:
            self._console.print(f"[red]error[/red] {record['id']}: {record['error']['message']}")
        elif self.fmt == "json":
            self._chunks.append(json.dumps(record, ensure_ascii=False))
        elif self.fmt == "jsonl":
            self._add(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            print(f"framing: error: {record['id']}: {record['error']['message']}", file=sys.stderr)

    def _add(self, text: str) -> None:
        if self.fmt == "jsonl" and not self.output:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            self._chunks.append(text)

    def close(self) -> None:
        """Write what was kept: the JSON object or array, the JSONL file, the joined text reports."""
        if self._console is not None:
            if self.output:
                self._console.file.close()
            return
        if self.fmt == "json":
            if not self._chunks:
                return
            text = (self._chunks[0] if not self.batch else "[\n" + ",\n".join(self._chunks) + "\n]") + "\n"
        elif self.fmt == "jsonl":
            if not self.output:
                return
            text = "".join(self._chunks)
        else:
            text = _JOINERS.get(self.fmt, "").join(self._chunks)
        if self.output:
            self.output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
