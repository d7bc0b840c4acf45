"""Every input the command line reads (a text, a JSON Lines file, a folder, a saved web page) as documents.

The one place that picks a reader by input format: :mod:`detector.document` reads text and JSON Lines,
:mod:`detector.webpage` saved pages (it builds on the document readers, so it cannot be chosen from there).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from detector.document import (
    INPUT_FORMATS,
    PAGE_SUFFIXES,
    TEXT_SUFFIXES,
    Document,
    ErrorRecord,
    iter_jsonl,
    path_kind,
    read_text_document,
)
from detector.errors import InputError
from detector.webpage import read_html_document


def iter_folder(path: str, *, headline: bool | None = None,
                lang: str | None = None) -> Iterator[Document | ErrorRecord]:
    """Every ``*.txt`` / ``*.md`` / ``*.html`` below a folder, in a stable order."""
    suffixes = TEXT_SUFFIXES + PAGE_SUFFIXES
    kind = path_kind(path)
    if kind != "folder":
        raise InputError("no such folder (check the path)" if kind == "missing" else "is a file, not a folder (leave out "
                         "--input-format, or name the format of the file)", path=path)
    files = sorted(p for p in Path(path).rglob("*") if p.suffix.lower() in suffixes and p.is_file())
    if not files:
        raise InputError("folder holds no *.txt, *.md or *.html articles", path=path)
    for f in files:
        doc_id = str(f.relative_to(path).with_suffix(""))
        try:
            if f.suffix.lower() in PAGE_SUFFIXES:
                yield read_html_document(str(f), lang=lang, doc_id=doc_id)
                continue
            doc = read_text_document(str(f), headline=headline, lang=lang)
            doc.id = doc_id
            yield doc
        except InputError as e:
            yield ErrorRecord(doc_id, e.kind, e.render(), str(f))


def detect_input_format(path: str) -> str:
    if path != "-" and path_kind(path) == "folder":
        return "folder"
    if path.lower().endswith(".jsonl"):
        return "jsonl"
    if path.lower().endswith((".html", ".htm")):
        return "html"
    return "text"


def iter_documents(path: str, *, input_format: str | None = None, headline: bool | None = None,
                   lang: str | None = None,
                   fields: dict[str, str] | None = None) -> Iterator[Document | ErrorRecord]:
    """Any input of the contract → documents (and error records for broken ones)."""
    fmt = input_format or detect_input_format(path)
    if fmt == "folder":
        yield from iter_folder(path, headline=headline, lang=lang)
    elif fmt == "jsonl":
        yield from iter_jsonl(path, lang=lang, fields=fields)
    elif fmt == "text":
        yield read_text_document(path, headline=headline, lang=lang)
    elif fmt == "html":
        yield read_html_document(path, lang=lang)
    else:
        raise InputError(f"unsupported input format '{fmt}' ({', '.join(INPUT_FORMATS)})", path=path)
