"""Where the time goes: per-stage wall time of the pipeline, for ``--profile`` and the benchmarks.

    with collect() as times:          # a dict: stage -> seconds, exclusive of nested stages
        detector.run(document)
    with stage("grammar"): ...         # inside the pipeline; free when nothing collects

Stages nest: time spent in an inner stage (the grammar step called by the rule matcher) counts for
the inner stage only, so the figures add up to the whole.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_ACTIVE: ContextVar[tuple[dict[str, float], list] | None] = ContextVar("framing_timing", default=None)


@contextmanager
def collect(into: dict[str, float] | None = None) -> Iterator[dict[str, float]]:
    """Collect stage times (added to ``into`` when given) for everything run inside the block."""
    times = {} if into is None else into
    token = _ACTIVE.set((times, []))
    try:
        yield times
    finally:
        _ACTIVE.reset(token)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the block's wall time for ``name``, minus the time of stages nested in it."""
    active = _ACTIVE.get()
    if active is None:
        yield
        return
    times, stack = active
    now = time.perf_counter()
    if stack:  # pause the enclosing stage
        outer, started = stack[-1]
        times[outer] = times.get(outer, 0.0) + now - started
    stack.append([name, now])
    try:
        yield
    finally:
        end = time.perf_counter()
        _, started = stack.pop()
        times[name] = times.get(name, 0.0) + end - started
        if stack:
            stack[-1][1] = end  # the enclosing stage resumes
