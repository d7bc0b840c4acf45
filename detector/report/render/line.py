"""One line per finding, ``path:line:col: device: message``, for editors, grep and CI logs.

Line and column are 1-based and count characters of the document text (for a text file, the
file as decoded); ``path`` is the ``path`` argument, else the report's source, else its id.
"""

from __future__ import annotations

from detector.report.model import Report
from detector.report.render.spans import LineIndex


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render(report: Report, path: str | None = None) -> str:
    name = path or report.source or report.id
    index = LineIndex(report.text)
    order = sorted(range(len(report.findings)), key=lambda i: (report.findings[i].start, report.findings[i].end, i))
    lines = []
    for i in order:
        f = report.findings[i]
        line, col = index.line_col(f.start)
        lines.append(f"{name}:{line}:{col}: {f.device}: {_one_line(f.message)}\n")
    return "".join(lines)
