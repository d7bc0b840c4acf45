"""The spaCy pipeline: ``blank(lang)``, sentence boundaries, lookup lemmas.

No trained model is used: tokenizer and sentencizer are rule-based, lemmas come
from spacy-lookups-data (see :mod:`detector.analysis.lemmas`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

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
    """A line break always ends a sentence: headlines and paragraphs have no final stop."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
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
    table.prefetch({tok.text for doc in docs for tok in doc if tok.is_alpha})
    for doc in docs:
        texts = [tok.text for tok in doc]
        lemmas = [lemma_of(t, table) for t in texts]
        for tok, lemma in zip(doc, lemmas, strict=True):
            tok.lemma_ = lemma
        doc.user_data[_LEMMAS], doc.user_data[_LOWERS] = lemmas, [t.lower() for t in texts]


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
        for sent in doc.sents:
            words = [t for t in sent if not t.is_space]
            if words and "\n" in text[previous_end:words[0].idx] and out:
                paragraph += 1
            out.append(paragraph)
            if words:
                previous_end = words[-1].idx + len(words[-1].text)
        doc.user_data[_PARAGRAPHS] = out
    return doc.user_data[_PARAGRAPHS]


def lemmatize_phrase(text: str, lang: str) -> list[str]:
    """Lemmas of a short phrase, as rule terms are compiled."""
    return [t.lemma_ for t in make_doc(text, lang) if not t.is_space]
