"""``--engine dask``: the same scoring as a map over a Dask bag on a ``dask.distributed`` cluster.

The client reads the input (in order, streaming) and sends it in rounds of partitions; each worker
builds its :class:`Detector` once, on its first article (:func:`detector_for` keeps it), from a
:class:`DetectorSpec` that carries the user's rule files and config settings (built-in rules come
with the installed package), so workers need no access to the client's files. The JSONL lines come back in order and are written as
``part-00000.jsonl``, ``part-00001.jsonl`` …, which concatenated are line for line the output of
``framing score INPUT --format jsonl``.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from detector.collection.work import DetectorSpec, process
from detector.document import Document, ErrorRecord
from detector.errors import FramingError, InputError


def score_line(item: Document | ErrorRecord, spec: DetectorSpec) -> str:
    """What a worker does for one article: its JSONL line (report or error record)."""
    return process(item, spec).line


def _rounds(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def connect(scheduler: str | None, *, workers: int = 2, processes: bool = True):
    """A client of the cluster at ``scheduler``, or of a new local cluster (returned to be closed)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise FramingError("--engine dask needs Dask: pip install 'framing-detector[dask]'") from None
    for name in ("distributed", "distributed.worker", "distributed.scheduler", "distributed.nanny"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except OSError as e:
            raise FramingError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None)
    return Client(cluster), cluster


def run_dask(items: Iterable[Document | ErrorRecord], out_dir: Path, spec: DetectorSpec, *,
             scheduler: str | None = None, partition_size: int = 250, workers: int = 2,
             processes: bool = True) -> int:
    """Score ``items`` on the cluster into ``out_dir/part-*.jsonl``; return the number of lines written."""
    import dask.bag as db

    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("--output for --engine dask must be a folder", path=str(out_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("part-*.jsonl"):
        old.unlink()
    spec.build()  # rule and config errors surface here, naming the user's files, before any cluster starts
    spec = spec.portable()  # workers elsewhere see neither the rule folders nor the config file
    client, cluster = connect(scheduler, workers=workers, processes=processes)
    lines = part = 0
    in_flight: deque = deque()

    def write_next() -> None:
        nonlocal lines, part
        result = in_flight.popleft().result()  # in partition order, so the parts keep the input order
        path = out_dir / f"part-{part:05d}.jsonl"
        tmp = path.with_suffix(".jsonl.tmp")
        tmp.write_text("".join(line + "\n" for line in result), encoding="utf-8")
        tmp.replace(path)
        lines += len(result)
        part += 1

    try:
        per_round = max(1, len(client.scheduler_info().get("workers", {})) or workers) * 2
        for chunk in _rounds(items, partition_size * per_round):
            bag = db.from_sequence(chunk, partition_size=partition_size).map(score_line, spec)
            in_flight.extend(client.compute(bag.to_delayed()))
            while len(in_flight) > 2 * per_round:  # two rounds in flight: workers never wait for the writer
                write_next()
        while in_flight:
            write_next()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return lines
