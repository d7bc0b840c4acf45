"""The spaCy pipeline: ``blank(lang)``, sentence boundaries, lookup lemmas.

No trained model is used: tokenizer and sentencizer are rule-based, lemmas come
from spacy-lookups-data (see :mod:`detector.analysis.lemmas`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@cache
def pipeline(lang: str) -> Language:
    """A blank pipeline for ``lang`` with sentencizer and paragraph breaks (cached)."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("framing_paragraphs"):
        Language.component("framing_paragraphs", func=_paragraph_breaks)
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("framing_paragraphs")
    return nlp


def _paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines and paragraphs have no final stop. A line break is
    a white-space token of its own (a token's trailing white space is at most one space)."""
    (space,) = flags(doc, "IS_SPACE")
    for i in range(len(doc) - 1):
        if space[i] and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


def make_doc(text: str, lang: str, *, sentences: bool = True) -> Doc:
    """Tokenise, split sentences and set case-insensitive lookup lemmas.

    ``sentences=False`` only tokenises: enough for the short phrases rules are compiled from.
    """
    nlp = pipeline(lang)
    doc = nlp(text) if sentences else nlp.make_doc(text)
    _set_lemmas([doc], lang)
    return doc


def doc_from_tokens(upstream: Doc, lang: str) -> Doc:
    """The analysis Doc for a Doc a user's pipeline made: its tokens as they are (its tokenisation), with
    the analysis's own sentence boundaries and lookup lemmas (the user's Doc is not changed)."""
    from spacy.tokens import Doc as SpacyDoc

    nlp = pipeline(lang)
    doc = SpacyDoc(nlp.vocab, words=[t.text for t in upstream], spaces=[bool(t.whitespace_) for t in upstream])
    for _, component in nlp.pipeline:
        doc = component(doc)
    _set_lemmas([doc], lang)
    return doc


def make_docs(texts: list[str], lang: str) -> list[Doc]:
    """Tokenise short phrases and set their lookup lemmas, with one batched look-up for all."""
    docs = list(pipeline(lang).tokenizer.pipe(texts))
    _set_lemmas(docs, lang)
    return docs


def lemma_of(text: str, table) -> str:
    """A token's lemma: the lookup lemma of a word, the lower-case form of anything else."""
    return table.lookup(text) if text.isalpha() else text.lower()


def _set_lemmas(docs: list[Doc], lang: str) -> None:
    """Set every token's lemma (one batched look-up) and keep lemmas and lower-case forms as lists."""
    from detector.analysis.lemmas import lemma_table

    table = lemma_table(lang)
    texts = [column(doc, "ORTH") for doc in docs]
    table.prefetch({t for doc, words in zip(docs, texts, strict=True)
                    for t, alpha in zip(words, flags(doc, "IS_ALPHA")[0], strict=True) if alpha})
    for doc, words in zip(docs, texts, strict=True):
        lemmas = [lemma_of(t, table) for t in words]
        strings = doc.vocab.strings
        doc.from_array(["LEMMA"], numpy.array([strings.add(lm) for lm in lemmas], dtype=numpy.uint64))
        doc.user_data[_LEMMAS], doc.user_data[_LOWERS] = lemmas, [t.lower() for t in words]


_LEMMAS, _LOWERS = "framing.lemmas", "framing.lowers"


def lemmas(doc: Doc) -> list[str]:
    """Every token's lemma as a string, computed once per document (Token objects are costly)."""
    if _LEMMAS not in doc.user_data:
        doc.user_data[_LEMMAS] = [t.lemma_ for t in doc]
    return doc.user_data[_LEMMAS]


def lowers(doc: Doc) -> list[str]:
    """Every token's lower-case form, computed once per document."""
    if _LOWERS not in doc.user_data:
        doc.user_data[_LOWERS] = [t.lower_ for t in doc]
    return doc.user_data[_LOWERS]


def column(doc: Doc, attr: str) -> list[str]:
    """Every token's string attribute ``attr`` ("ORTH", "TAG", "LEMMA", "SHAPE", …) as it is now, read in one
    ``doc.to_array`` pass without Token objects; each distinct value is looked up once."""
    hashes = doc.to_array(attr).tolist()
    strings = doc.vocab.strings
    names = {h: strings[h] for h in set(hashes)}
    return [names[h] for h in hashes]


def flags(doc: Doc, *attrs: str) -> list[list[bool]]:
    """Every token's boolean attributes ``attrs`` ("IS_SPACE", "IS_QUOTE", …), a list per attribute."""
    return doc.to_array(list(attrs)).reshape(len(doc), len(attrs)).T.astype(bool).tolist()


_PARAGRAPHS = "framing.paragraphs"


def paragraphs(doc: Doc) -> list[int]:
    """The paragraph number of every sentence of ``doc`` (in ``doc.sents`` order), computed once per
    document: a sentence opens a new paragraph when a line break stands between the last words of the
    sentence before and its own first words (sentences of white space only belong to the one before)."""
    if _PARAGRAPHS not in doc.user_data:
        out: list[int] = []
        paragraph = previous_end = 0
        text = doc.text  # built from the tokens on every access: once
        (space,), starts, texts = flags(doc, "IS_SPACE"), doc.to_array("IDX").tolist(), column(doc, "ORTH")
        for sent in doc.sents:
            words = [k for k in range(sent.start, sent.end) if not space[k]]
            if words and "\n" in text[previous_end:starts[words[0]]] and out:
                paragraph += 1
            out.append(paragraph)
            if words:
                previous_end = starts[words[-1]] + len(texts[words[-1]])
        doc.user_data[_PARAGRAPHS] = out
    return doc.user_data[_PARAGRAPHS]


def lemmatize_phrase(text: str, lang: str) -> list[str]:
    """Lemmas of a short phrase, as rule terms are compiled."""
    return [t.lemma_ for t in make_doc(text, lang) if not t.is_space]
