"""Lookup lemmas from spacy-lookups-data, case-insensitive, with a fast on-disk cache.

spaCy's own lookup lemmatizer loads the whole German table (355,000 forms) on
start-up, which takes about a second. We convert the same table once into an
SQLite file in the user's cache folder and look up only the forms a document
has; when no cache folder is writable we fall back to the table in memory.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path


def cache_dir() -> Path:
    base = os.environ.get("FRAMING_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "framing-detector")
    return Path(base)


def _table_path(lang: str) -> Path:
    return Path(str(resources.files("spacy_lookups_data").joinpath(f"data/{lang}_lemma_lookup.json.gz")))


class LemmaTable:
    """Form → lemma for one language (``None`` when the form is unknown)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._db: sqlite3.Connection | None = None
        self._dict: dict[str, str] | None = None
        self.lookup = lru_cache(maxsize=200_000)(self._lookup)
        self._memo: dict[str, str | None] = {}  # filled in batches by prefetch()
        self._open()

    def _open(self) -> None:
        src = _table_path(self.lang)
        if not src.exists():
            self._dict = {}
            return
        stamp = f"{src.stat().st_size}-{int(src.stat().st_mtime)}"
        db_path = cache_dir() / f"{self.lang}_lemma_{stamp}.sqlite"
        if not db_path.exists():
            try:
                self._build(src, db_path)
            except OSError:
                with gzip.open(src, "rt", encoding="utf-8") as fh:
                    self._dict = json.load(fh)
                return
        self._db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)

    @staticmethod
    def _build(src: Path, db_path: Path) -> None:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(src, "rt", encoding="utf-8") as fh:
            table = json.load(fh)
        fd, tmp = tempfile.mkstemp(dir=db_path.parent, suffix=".tmp")
        os.close(fd)
        try:
            con = sqlite3.connect(tmp)
            con.execute("CREATE TABLE lemma (form TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID")
            con.executemany("INSERT OR REPLACE INTO lemma VALUES (?, ?)", table.items())
            con.commit()
            con.close()
            os.replace(tmp, db_path)  # atomic: concurrent builders never see half a file
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def prefetch(self, forms) -> None:
        """Look up many forms (and their case variants) in a few queries instead of one each."""
        if self._db is None:
            return
        want = set()
        for f in forms:
            for v in (f, f.lower(), f[:1].upper() + f[1:].lower()):
                if v not in self._memo:
                    want.add(v)
        if len(self._memo) + len(want) > 500_000:
            self._memo.clear()
        items = sorted(want)
        for k in range(0, len(items), 500):
            chunk = items[k:k + 500]
            rows = self._db.execute(f"SELECT form, lemma FROM lemma WHERE form IN ({','.join('?' * len(chunk))})",
                                    chunk).fetchall()
            found = dict(rows)
            for f in chunk:
                self._memo[f] = found.get(f)

    def _get(self, form: str) -> str | None:
        if self._dict is not None:
            return self._dict.get(form)
        if form in self._memo:
            return self._memo[form]
        assert self._db is not None
        row = self._db.execute("SELECT lemma FROM lemma WHERE form = ?", (form,)).fetchone()
        return row[0] if row else None

    def _lookup(self, form: str) -> str:
        """Case-insensitive lemma, lower-cased; the lower-cased form when unknown."""
        for variant in (form, form.lower(), form[:1].upper() + form[1:].lower()):
            lemma = self._get(variant)
            if lemma:
                return lemma.lower()
        return form.lower()


_TABLES: dict[str, LemmaTable] = {}


def lemma_table(lang: str) -> LemmaTable:
    if lang not in _TABLES:
        _TABLES[lang] = LemmaTable(lang)
    return _TABLES[lang]
