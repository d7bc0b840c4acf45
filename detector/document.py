"""Read: bytes, files, JSONL lines and folders → :class:`Document`.

The only module that knows encodings, file kinds and JSONL field names. Offsets
everywhere else index ``Document.text``.
"""

from __future__ import annotations

import codecs
import json
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

    @classmethod
    def from_text(cls, text: str, *, id: str = "document", lang: str | None = None,
                  headline: bool = True, source: str | None = None, meta: dict | None = None) -> Document:
        """Split ``text`` into headline (first non-empty line) and body, keeping offsets."""
        head_range = None
        body_start = 0
        if headline:
            pos = 0
            for line in text.splitlines(keepends=True):
                stripped = line.strip()
                if stripped:
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
                   meta=meta or {}, source=source)

    @classmethod
    def from_parts(cls, headline: str | None, body: str, **kwargs) -> Document:
        """Build the contract's ``headline + "\\n\\n" + body`` text (JSONL input)."""
        if headline:
            text = headline + "\n\n" + body
            return cls(text=text, headline=(0, len(headline)),
                       body=(len(headline) + 2, len(text)), **kwargs)
        return cls(text=body, headline=None, body=(0, len(body)), **kwargs)

    @property
    def headline_text(self) -> str:
        return self.text[self.headline[0]:self.headline[1]] if self.headline else ""


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


def read_bytes(path: str) -> bytes:
    """Read a path or ``-`` (stdin) with errors a user understands."""
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or folder", path=path)
    if p.is_dir():
        raise InputError("is a folder; expected a file", path=path)
    try:
        return p.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path=path) from None


def read_text_document(path: str, *, headline: bool = True, lang: str | None = None) -> Document:
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
        p = Path(path)
        if not p.is_file():
            raise InputError("no such file" if not p.exists() else "is a folder; expected a file", path=path)
        stream = p.open("rb")
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


def iter_folder(path: str, *, headline: bool = True,
                lang: str | None = None) -> Iterator[Document | ErrorRecord]:
    """Every ``*.txt`` / ``*.md`` / ``*.html`` below a folder, in a stable order."""
    suffixes = TEXT_SUFFIXES + PAGE_SUFFIXES
    files = sorted(p for p in Path(path).rglob("*") if p.suffix.lower() in suffixes and p.is_file())
    if not files:
        raise InputError("folder holds no *.txt, *.md or *.html articles", path=path)
    for f in files:
        doc_id = str(f.relative_to(path).with_suffix(""))
        try:
            if f.suffix.lower() in PAGE_SUFFIXES:
                from detector.webpage import read_html_document

                yield read_html_document(str(f), lang=lang, doc_id=doc_id)
                continue
            doc = read_text_document(str(f), headline=headline, lang=lang)
            doc.id = doc_id
            yield doc
        except InputError as e:
            yield ErrorRecord(doc_id, e.kind, e.render(), str(f))


def detect_input_format(path: str) -> str:
    if path != "-" and Path(path).is_dir():
        return "folder"
    if path.lower().endswith(".jsonl"):
        return "jsonl"
    if path.lower().endswith((".html", ".htm")):
        return "html"
    return "text"


def iter_documents(path: str, *, input_format: str | None = None, headline: bool = True,
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
        from detector.webpage import read_html_document

        yield read_html_document(path, lang=lang)
    else:
        raise InputError(f"unsupported input format '{fmt}' ({', '.join(INPUT_FORMATS)})", path=path)
