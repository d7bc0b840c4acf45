"""Reading inputs: encodings, headline split, JSONL records and their errors."""

from __future__ import annotations

import codecs

import pytest

from detector.document import Document, ErrorRecord, decode, read_text_document
from detector.errors import InputError
from detector.inputs import iter_documents


def test_headline_and_body_offsets():
    text = "\n  Titel der Meldung  \n\nErster Satz. Zweiter Satz.\n"
    doc = Document.from_text(text)
    assert text[doc.headline[0]:doc.headline[1]] == "Titel der Meldung"
    assert text[doc.body[0]:doc.body[1]] == "Erster Satz. Zweiter Satz."


def test_no_headline():
    doc = Document.from_text("Nur Text.", headline=False)
    assert doc.headline is None and doc.body == (0, 9)


@pytest.mark.parametrize("data", [
    "Größe".encode("cp1252"), codecs.BOM_UTF8 + "Größe".encode(), "Größe".encode("utf-16"),
])
def test_decodings(data):
    assert decode(data, "x") == "Größe"


def test_binary_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\x00\x00\x01", "img.png")


def test_empty_and_missing(tmp_path):
    (tmp_path / "e.txt").write_text("  \n")
    with pytest.raises(InputError, match="empty"):
        read_text_document(str(tmp_path / "e.txt"))
    with pytest.raises(InputError, match="no such file"):
        read_text_document(str(tmp_path / "nope.txt"))


def test_jsonl_errors_do_not_stop_the_batch(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"id": "a", "headline": "H", "body": "B text."}\n{broken\n{"id": "c", "headline": "H"}\n'
                 '{"id": "d", "body": "Only body.", "source": "x"}\n', encoding="utf-8")
    items = list(iter_documents(str(p)))
    assert [type(i).__name__ for i in items] == ["Document", "ErrorRecord", "ErrorRecord", "Document"]
    assert items[0].text == "H\n\nB text." and items[0].headline == (0, 1)
    assert ":2:" in items[1].message and "body" in items[2].message
    assert items[3].meta == {"source": "x"} and items[3].headline is None
    assert isinstance(items[1], ErrorRecord) and items[1].to_dict()["error"]["kind"] == "input"


def test_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no \\*.txt"):
        list(iter_documents(str(tmp_path)))
