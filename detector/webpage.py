"""Saved web pages (``*.html``): the article's headline and body, extracted with trafilatura.

The document text is ``headline + "\\n\\n" + body`` of the *extracted* text, so every offset of
the report indexes that text, not the page's markup. The report's ``meta`` says so.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from detector.document import Document, read_bytes
from detector.errors import InputError

HTML_SUFFIXES = (".html", ".htm")
MIN_PARAGRAPH_WORDS = 8  # menus, buttons and cookie notices extract as short lines; an article has a sentence


@cache
def extractor_name() -> str:
    """``trafilatura x.y.z``: recorded in every report made from a page."""
    from importlib.metadata import version

    return f"trafilatura {version('trafilatura')}"


def extract_article(data: bytes | str, name: str) -> tuple[str | None, str, dict]:
    """Page → (headline, body, metadata); an :class:`InputError` naming ``name`` if it has no article text."""
    try:
        import trafilatura
    except ImportError as e:  # a broken install (e.g. lxml without html-clean), said in one line
        raise InputError(f"cannot read web pages: {e}", path=name) from None

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    if not data.strip():
        raise InputError("empty web page", path=name)
    try:
        page = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                           include_tables=False, deduplicate=False)
    except Exception as e:  # noqa: BLE001 - the parser's failure is the page's problem, said in one line
        raise InputError(f"cannot parse web page: {type(e).__name__}", path=name) from None
    body = (getattr(page, "text", None) or "").strip() if page is not None else ""
    title = (getattr(page, "title", None) or "").strip() or None
    if title:
        title = " ".join(title.split())
    lines = body.splitlines()
    if title and lines and " ".join(lines[0].split()) == title:  # the page's <h1> repeats the title
        body = "\n".join(lines[1:]).strip()
    if not any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in body.splitlines()):
        raise InputError("no article text found in the web page (only menus, forms or short snippets)", path=name)
    meta = {"extracted_from": "html", "extractor": extractor_name()}
    for key, attr in (("url", "url"), ("outlet", "sitename"), ("author", "author"), ("date", "date")):
        value = getattr(page, attr, None)
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    return title, body, meta


def read_html_document(path: str, *, lang: str | None = None, doc_id: str | None = None) -> Document:
    """One saved web page (or ``-``) → one document of its extracted headline and body."""
    name = "<stdin>" if path == "-" else path
    headline, body, meta = extract_article(read_bytes(path), name)
    if doc_id is None:
        doc_id = "stdin" if path == "-" else Path(path).stem
    return Document.from_parts(headline, body, id=doc_id, lang=lang, meta=meta, source=name)
