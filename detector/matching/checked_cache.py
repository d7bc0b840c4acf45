"""A cache of rule and lexicon files already parsed and checked, so start-up skips YAML and the schema.

An entry is the checked content of one file, stored as JSON (data only, never pickle) under
a name derived from the file's bytes, its kind and this version of the checks: an edited
file, a new schema or a new release simply misses. The cache lives in the same folder as
the lemma tables (``$FRAMING_CACHE_DIR``, else ``~/.cache/framing-detector``); when it
cannot be read or written, files are checked every time, as without a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

_FORMAT = "1"


_CHECKS = ("rule.schema.json", "loader.py", "lexicons.py")  # what decides whether a file is valid


@cache
def _stamp() -> bytes:
    """What invalidates every entry: the cache format, the package version, the checks' own files."""
    from detector.taxonomy import devices
    from detector.version import __version__

    digest = hashlib.sha256(" ".join(sorted(devices())).encode())
    for name in _CHECKS:
        try:
            digest.update(resources.files("detector.matching").joinpath(name).read_bytes())
        except OSError:  # e.g. an install without sources: the version still keys the cache
            digest.update(name.encode())
    return f"{_FORMAT}:{__version__}:".encode() + digest.digest()


def _folder() -> Path:
    from detector.analysis.lemmas import cache_dir

    return cache_dir() / "checked"


def checked(content: bytes, kind: str, check: Callable[[], dict],
            build: Callable[[dict], object]) -> object:
    """``build(check())``, with ``check()``'s result cached for these bytes.

    ``check`` parses and validates (raising on a bad file; failures are not cached); ``build``
    turns the checked dict into the object callers use. A cached entry that does not build
    (a damaged cache file) is checked afresh.
    """
    key = hashlib.sha256(_stamp() + kind.encode() + b"\0" + content).hexdigest()
    entry = _folder() / f"{kind}-{key}.json"
    try:
        return build(json.loads(entry.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    value = check()
    result = build(value)
    _store(entry, value)
    return result


def _store(entry: Path, value: dict) -> None:
    try:
        text = json.dumps(value, ensure_ascii=False)
        if json.loads(text) != value:  # e.g. a YAML date or integer key: not stored, checked each time
            return
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
    except (OSError, TypeError, ValueError):
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, entry)  # atomic: parallel workers never read half a file
    except OSError:
        Path(tmp).unlink(missing_ok=True)
