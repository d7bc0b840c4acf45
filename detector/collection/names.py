"""Safe, stable file names for reports, derived from article ids."""

from __future__ import annotations

import hashlib
import re

_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_STEM = 80


def _digest(text: str, size: int = 8) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=size).digest()


def safe_stem(doc_id: str) -> str:
    """``de-01`` → ``de-01``; any id changed on the way (case, characters, length) gets a hash suffix.

    So two different ids never share a stem, on case-insensitive file systems too.
    """
    slug = _UNSAFE.sub("_", doc_id.lower()).strip("._-")[:MAX_STEM] or "article"
    if slug != doc_id or slug in _RESERVED:
        slug = f"{slug}-{_digest(doc_id, 4).hex()}"
    return slug


class NameAllocator:
    """Stems in input order; a repeated id gets ``~2``, ``~3`` … (``~`` never occurs in a stem).

    Holds one small integer per distinct id (never the reports), so names are the same on every
    run over the same input, which is what ``--resume`` relies on.
    """

    def __init__(self) -> None:
        self._seen: dict[bytes, int] = {}

    def allocate(self, doc_id: str) -> str:
        key = _digest(doc_id)
        count = self._seen.get(key, 0) + 1
        self._seen[key] = count
        stem = safe_stem(doc_id)
        return stem if count == 1 else f"{stem}~{count}"
