"""Exit codes and the ``--fail-on`` thresholds: the one place where a command's exit status is decided.

0 the command ran and nothing reached a threshold; 1 something did (a finding of the ``--fail-on``
severity, a score at ``--fail-on-score``; also stale rule pages, failing rule tests, a corpus below its
baseline); 2 a usage, input or rule-configuration error (one line on stderr, never a traceback);
130 interrupted.
"""

from __future__ import annotations

from dataclasses import dataclass

from detector.report.model import SEVERITIES

OK, FAILED, ERROR, INTERRUPTED = 0, 1, 2, 130


@dataclass(frozen=True)
class FailThreshold:
    """``--fail-on SEVERITY`` and ``--fail-on-score N``: when a scored document fails the run."""

    severity: str | None = None  # a finding of this severity or higher
    score: int | None = None  # a document score at or above this

    def reached(self, severity: int, total: int | None) -> bool:
        """Does a document (its highest finding severity index, its score; ``None``: no report) fail?"""
        if total is None:
            return False
        return bool((self.severity and severity >= SEVERITIES.index(self.severity))
                    or (self.score is not None and total >= self.score))


def exit_code(failed: bool) -> int:
    """The exit code of a run that went through: 1 when something failed, else 0."""
    return FAILED if failed else OK
