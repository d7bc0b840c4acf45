"""One article's work (score, render, summarise) and running it in order over N processes.

Workers get a :class:`DetectorSpec` (paths, not objects) and build their :class:`Detector` once;
they return plain strings and dicts, so the parent only writes.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from detector.document import Document, ErrorRecord
from detector.errors import FramingError

TOP_DEVICES = 3
TITLE_CHARS = 200


@dataclass(frozen=True)
class DetectorSpec:
    """What a worker needs to build the same :class:`Detector` as the parent.

    Paths (``rules``, ``config``) for processes on this machine; :meth:`portable` puts the user's rule
    files and config settings inside the spec (``bundle``) for workers on other machines.
    """

    rules: tuple[str, ...] = ()
    config: str | None = None
    lang: str | None = None
    bundle: tuple | None = None  # ((rule folder as ((relative path, text), …)), …), Config.to_json()
    mode: str = "both"
    model: str | None = None  # a user's model file (workers read it from this path); None: the shipped one
    min_confidence: float | None = None  # --min-confidence, over the config's

    @classmethod
    def resolve(cls, rules: list[Path] | None, config: Path | None, lang: str | None, mode: str = "both",
                model: Path | None = None, min_confidence: float | None = None) -> DetectorSpec:
        from detector.config import find_config

        cfg = config if config else find_config()
        return cls(rules=tuple(str(Path(r).resolve()) for r in rules or []),
                   config=str(Path(cfg).resolve()) if cfg else None, lang=lang, mode=mode,
                   model=str(Path(model).resolve()) if model else None, min_confidence=min_confidence)

    def build(self):
        from dataclasses import replace

        from detector.config import load_config
        from detector.pipeline import Detector

        if self.bundle is not None:
            return _build_bundled(self.bundle, self.mode, self.model, self.min_confidence)
        cfg = load_config(Path(self.config) if self.config else None)
        if self.min_confidence is not None:
            cfg = replace(cfg, min_confidence=self.min_confidence)
        return Detector(rules=[Path(r) for r in self.rules], config=cfg, mode=self.mode, model=self.model)

    def portable(self) -> DetectorSpec:
        """The same Detector, with rule files and config settings carried in the spec, not read from paths."""
        from detector.config import load_config
        from detector.matching.loader import rule_files

        cfg = load_config(Path(self.config) if self.config else None)
        folders = []
        for folder in [*cfg.rules, *map(Path, self.rules)]:  # the order in which assemble() loads them
            base = folder.parent if folder.is_file() else folder
            folders.append(tuple((str(f.relative_to(base)), f.read_text("utf-8")) for f in rule_files(folder)))
        return DetectorSpec(lang=self.lang, bundle=(tuple(folders), cfg.to_json()), mode=self.mode, model=self.model,
                            min_confidence=self.min_confidence)


def _build_bundled(bundle: tuple, mode: str = "both", model: str | None = None, min_confidence: float | None = None):
    """Write the carried rule files to a temporary folder (removed at exit) and build the Detector from them."""
    import atexit
    import shutil
    import tempfile

    from detector.config import Config
    from detector.pipeline import Detector

    folders, settings = bundle
    root = Path(tempfile.mkdtemp(prefix="framing-rules-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    dirs = []
    for i, files in enumerate(folders):
        d = root / str(i)
        d.mkdir()
        for rel, text in files:
            (d / rel).parent.mkdir(parents=True, exist_ok=True)
            (d / rel).write_text(text, encoding="utf-8")
        dirs.append(d)
    cfg = Config.from_json(settings)
    if min_confidence is not None:
        cfg.min_confidence = min_confidence
    return Detector(rules=dirs, config=cfg, mode=mode, model=model)


_local = threading.local()


def detector_for(spec: DetectorSpec):
    """This thread's Detector for ``spec``, built on first use and kept (one per worker)."""
    cache = getattr(_local, "detectors", None)
    if cache is None:
        cache = _local.detectors = {}
    if spec not in cache:
        cache[spec] = spec.build()
    return cache[spec]


@dataclass
class Outcome:
    """Everything the writer needs about one article; small, picklable, no Report object."""

    id: str
    line: str                      # the JSONL line of `--format jsonl`: a report or an error record
    summary: dict = field(default_factory=dict)
    rendered: str | None = None    # the per-article report file, when a format was asked for
    severity: int = -1             # highest finding severity (index into SEVERITIES), -1 if none
    total: int | None = None


def _summary(report) -> dict:
    meta = report.meta or {}
    group = next((str(meta[k]) for k in ("source", "outlet") if isinstance(meta.get(k), str | int) and str(meta[k])), None)
    devices: dict[str, int] = {}
    for f in report.findings:
        devices[f.device] = devices.get(f.device, 0) + 1
    top = sorted(report.score.by_device.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_DEVICES]
    return {"id": report.id, "title": " ".join(report.headline_text.split())[:TITLE_CHARS], "lang": report.lang,
            "group": group or report.lang, "score": report.score.total, "band": report.score.band,
            "findings": len(report.findings), "top": [d for d, _ in top], "devices": devices}


def error_outcome(record: dict) -> Outcome:
    return Outcome(id=record["id"], line=json.dumps(record, ensure_ascii=False),
                   summary={"id": record["id"], "error": record["error"]["message"]})


def process(item: Document | ErrorRecord, spec: DetectorSpec, fmt: str | None = None, line: bool = True) -> Outcome:
    """Score one article (or pass on its error record); never raises for a bad article.

    ``fmt`` renders the per-article report file; ``line=False`` skips the JSONL line when only that file is wanted.
    """
    if isinstance(item, ErrorRecord):
        return error_outcome(item.to_dict())
    try:
        report = detector_for(spec).run(item, spec.lang)
        rendered = None
        if fmt:
            from detector.report.render import render_report

            # a text file is named by its path; a JSONL line or a web page by its id (their line:col index the
            # article's text, not the file)
            plain_file = item.source and not item.meta.get("extracted_from") and Path(item.source).is_file()
            name = item.source if plain_file else item.id
            rendered = render_report(report, fmt, path=name)
    except FramingError as e:
        return error_outcome(ErrorRecord(item.id, e.kind, e.render()).to_dict())
    except Exception as e:  # noqa: BLE001 - one article's failure must not end a batch of thousands
        return error_outcome(ErrorRecord(item.id, "internal", f"{type(e).__name__}: {e}").to_dict())
    return Outcome(id=report.id, line=json.dumps(report.to_dict(), ensure_ascii=False) if line else "", summary=_summary(report),
                   rendered=rendered, severity=report.max_severity(), total=report.score.total)


_worker: dict = {}


def _init_worker(spec: DetectorSpec, fmt: str | None, line: bool) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker.update(spec=spec, fmt=fmt, line=line)
    detector_for(spec)  # build once, up front


def _work(batch: list[Document | ErrorRecord]) -> list[Outcome]:
    return [process(item, _worker["spec"], _worker["fmt"], _worker["line"]) for item in batch]


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def score_in_order(items: Iterable[Document | ErrorRecord], spec: DetectorSpec, *, jobs: int = 1,
                   fmt: str | None = None, line: bool = True,
                   batch: int = 8) -> Iterator[tuple[Document | ErrorRecord, Outcome]]:
    """Outcomes in input order. Workers take ``batch`` articles per task (less traffic per article) and
    at most ``3 * jobs`` tasks are in flight, so memory stays flat whatever the input's size."""
    if jobs <= 1:
        for item in items:
            yield item, process(item, spec, fmt, line)
        return
    window: deque = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(spec, fmt, line)) as pool:
        try:
            for chunk in _batches(items, batch):
                window.append((chunk, pool.submit(_work, chunk)))
                if len(window) >= 3 * jobs:
                    head, fut = window.popleft()
                    yield from zip(head, fut.result(), strict=True)
            while window:
                head, fut = window.popleft()
                yield from zip(head, fut.result(), strict=True)
        except BaseException:
            for _, fut in window:
                fut.cancel()
            raise
