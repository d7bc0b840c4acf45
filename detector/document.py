"""Read: bytes, files, JSONL lines and folders → :class:`Document`.

The only module that knows encodings, file kinds and JSONL field names. Offsets
everywhere else index ``Document.text``.
"""

from __future__ import annotations

import codecs
import errno
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from detector.errors import InputError

TEXT_SUFFIXES = (".txt", ".md")
PAGE_SUFFIXES = (".html", ".htm")
JSONL_FIELDS = {"id", "lang", "headline", "body"}
INPUT_FORMATS = ("text", "jsonl", "folder", "html")


@dataclass
class Document:
    """One article: its text, the headline and body ranges into it, and metadata."""

    text: str
    id: str = "document"
    lang: str | None = None
    headline: tuple[int, int] | None = None
    body: tuple[int, int] = (0, 0)
    meta: dict = field(default_factory=dict)
    source: str | None = None
    headline_from: str = "text"  # text (decided from it) | option (--headline/--no-headline) | field (JSONL)

    @classmethod
    def from_text(cls, text: str, *, id: str = "document", lang: str | None = None,
                  headline: bool | None = None, source: str | None = None, meta: dict | None = None) -> Document:
        """Split ``text`` into headline and body, keeping offsets. ``headline``: True makes the first
        non-empty line the headline, False makes all body; None decides from the text
        (:func:`looks_like_headline`)."""
        head_range = None
        body_start = 0
        pos = 0
        for line in text.splitlines(keepends=True):
            stripped = line.strip()
            if stripped:
                if headline or (headline is None and looks_like_headline(
                        stripped, _NON_SPACE.search(text, pos + len(line)) is not None)):
                    start = pos + line.index(stripped[0])
                    head_range = (start, start + len(stripped))
                    body_start = pos + len(line)
                break
            pos += len(line)
        body_start = _skip_space(text, body_start)
        body_end = len(text.rstrip())
        if body_end < body_start:
            body_end = body_start
        if head_range and body_start >= body_end:
            # a one-line document: all headline, no body
            body_start = body_end = len(text)
        return cls(text=text, id=id, lang=lang, headline=head_range, body=(body_start, body_end),
                   meta=meta or {}, source=source, headline_from="text" if headline is None else "option")

    @classmethod
    def from_parts(cls, headline: str | None, body: str, **kwargs) -> Document:
        """Build the contract's ``headline + "\\n\\n" + body`` text (JSONL input)."""
        if headline:
            text = headline + "\n\n" + body
            return cls(text=text, headline=(0, len(headline)),
                       body=(len(headline) + 2, len(text)), headline_from="field", **kwargs)
        return cls(text=body, headline=None, body=(0, len(body)), headline_from="field", **kwargs)

    @property
    def headline_text(self) -> str:
        return self.text[self.headline[0]:self.headline[1]] if self.headline else ""


HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 25


_NON_SPACE = re.compile(r"\S")


def looks_like_headline(line: str, more_text: bool) -> bool:
    """A first line is a headline when more text follows and it is short and ends without a sentence's
    final full stop or comma ("Stadt hat kein Wasser mehr", "Warum schweigt die Regierung?"). A pasted
    paragraph, a post or a single sentence has none."""
    return (more_text and len(line) <= HEADLINE_MAX_CHARS and len(line.split()) <= HEADLINE_MAX_WORDS
            and not line.endswith((".", ",", ";")))


BLOCK_CHARS = 50_000  # a longer document is analysed in blocks of at most this many characters


def blocks(document: Document, max_chars: int = BLOCK_CHARS) -> list[tuple[int, Document]]:
    """A long document as consecutive parts of at most ``max_chars`` characters, cut at paragraph
    breaks (else at a line break, a sentence end, a space), each with its offset into the whole. The
    first part keeps the headline. Analysis, memory and time then grow with a part, not the whole."""
    text = document.text
    if len(text) <= max_chars:
        return [(0, document)]
    out: list[tuple[int, Document]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + max_chars)
        if end < len(text):
            window = text[start:end]
            cut = next((k + len(sep) for sep in ("\n\n", "\n", ". ", " ") if (k := window.rfind(sep)) > max_chars // 4),
                       len(window))
            end = start + cut
        part = text[start:end]
        head = document.headline if start == 0 and document.headline and document.headline[1] <= end else None
        body_start = _skip_space(part, head[1] if head else 0)
        out.append((start, Document(text=part, id=document.id, lang=document.lang, headline=head,
                                    body=(body_start, max(body_start, len(part.rstrip()))), meta=document.meta,
                                    source=document.source, headline_from=document.headline_from)))
        start = end
    return out


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252; refuse binary."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name)
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes); expected UTF-8 text", path=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError("cannot decode: not UTF-8, UTF-16 or cp1252 text", path=name) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        raise InputError("binary file (control bytes); expected text", path=name)
    return text


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(f"cannot decode as {encoding}: byte {e.start}", path=name) from None


def path_kind(path: str) -> str:
    """``file``, ``folder`` or ``missing``; a path the system refuses to look at is an :class:`InputError`
    that says why and what to do (never an internal error)."""
    try:
        p = Path(path)
        return "folder" if p.is_dir() else "file" if p.exists() else "missing"
    except OSError as e:
        raise InputError(_os_message(e), path=path) from None


def _os_message(e: OSError) -> str:
    if e.errno == errno.ENAMETOOLONG:
        return "file name too long for this system (at most 255 characters per name); rename or move the file"
    if e.errno == errno.EACCES:
        return "permission denied; check the file's permissions"
    return f"cannot read: {e.strerror or e}"


def read_bytes(path: str) -> bytes:
    """Read a path or ``-`` (stdin) with errors a user understands."""
    if path == "-":
        return sys.stdin.buffer.read()
    with open_file(path, "a file") as fh:
        return fh.read()


def open_file(path: str, what: str):
    """Open a file for reading in binary; a missing path, a folder or a path the system refuses is an
    :class:`InputError` naming it (``what``: "a file", "a JSONL file")."""
    kind = path_kind(path)
    if kind == "missing":
        raise InputError("no such file or folder (check the path and the current directory)", path=path)
    if kind == "folder":
        raise InputError(f"is a folder, not {what} (to score every article in it, leave out "
                         "--input-format or use --input-format folder)", path=path)
    try:
        return Path(path).open("rb")
    except OSError as e:
        raise InputError(_os_message(e), path=path) from None


def read_text_document(path: str, *, headline: bool | None = None, lang: str | None = None) -> Document:
    """One text file (or ``-``) → one document."""
    name = "<stdin>" if path == "-" else path
    text = decode(read_bytes(path), name)
    if not text.strip():
        raise InputError("empty document", path=name)
    doc_id = "stdin" if path == "-" else Path(path).stem
    return Document.from_text(text, id=doc_id, lang=lang, headline=headline, source=name)


@dataclass
class ErrorRecord:
    """A document of a batch that could not be read; reported, never dropped."""

    id: str
    kind: str
    message: str
    source: str | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "error": {"kind": self.kind, "message": self.message}}


def parse_jsonl_line(line: str, lineno: int, name: str, *, lang: str | None = None,
                     fields: dict[str, str] | None = None) -> Document | ErrorRecord:
    """One JSONL line → a document, or an error record naming the line."""
    fallback_id = f"{Path(name).stem}:{lineno}"
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        return ErrorRecord(fallback_id, "input", f"{name}:{lineno}: malformed JSON: {e.msg}", name)
    if not isinstance(rec, dict):
        return ErrorRecord(fallback_id, "input", f"{name}:{lineno}: expected a JSON object", name)
    names = {"id": "id", "lang": "lang", "headline": "headline", "body": "body"}
    names.update(fields or {})
    doc_id = str(rec.get(names["id"], fallback_id))
    body = rec.get(names["body"])
    if not isinstance(body, str):
        what = "missing" if body is None else "not a string"
        return ErrorRecord(doc_id, "input", f"{name}:{lineno}: field '{names['body']}' is {what}", name)
    headline = rec.get(names["headline"])
    if headline is not None and not isinstance(headline, str):
        return ErrorRecord(doc_id, "input", f"{name}:{lineno}: field '{names['headline']}' is not a string", name)
    if not (body.strip() or (headline or "").strip()):
        return ErrorRecord(doc_id, "input", f"{name}:{lineno}: empty document", name)
    used = set(names.values())
    meta = {k: v for k, v in rec.items() if k not in used}
    doc_lang = rec.get(names["lang"]) if isinstance(rec.get(names["lang"]), str) else None
    return Document.from_parts(headline, body, id=doc_id, lang=lang or doc_lang, meta=meta,
                               source=f"{name}:{lineno}")


def iter_jsonl(path: str, *, lang: str | None = None,
               fields: dict[str, str] | None = None) -> Iterator[Document | ErrorRecord]:
    """Stream a JSONL file line by line (constant memory)."""
    name = "<stdin>" if path == "-" else path
    if path == "-":
        stream = sys.stdin.buffer
    else:
        stream = open_file(path, "a JSONL file")
    try:
        for lineno, raw in enumerate(stream, 1):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError:
                yield ErrorRecord(f"{Path(name).stem}:{lineno}", "input",
                                  f"{name}:{lineno}: line is not UTF-8", name)
                continue
            if line.strip():
                yield parse_jsonl_line(line, lineno, name, lang=lang, fields=fields)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def parse_field_mapping(specs: list[str] | None) -> dict[str, str]:
    """``["headline=title", "body=text"]`` → ``{"headline": "title", "body": "text"}`` (JSONL field names)."""
    mapping: dict[str, str] = {}
    for spec in specs or []:
        key, sep, name = (part.strip() for part in spec.partition("="))
        if not sep or not key or not name:
            raise InputError(f"--field '{spec}': expected FIELD=NAME, e.g. headline=title")
        if key not in JSONL_FIELDS:
            raise InputError(f"--field '{spec}': unknown field '{key}' (one of {', '.join(sorted(JSONL_FIELDS))})")
        if key in mapping and mapping[key] != name:
            raise InputError(f"--field '{spec}': field '{key}' is mapped twice")
        mapping[key] = name
    taken = [n for n in mapping.values() if list(mapping.values()).count(n) > 1]
    if taken:
        raise InputError(f"--field: '{taken[0]}' is mapped to more than one field")
    return mapping
