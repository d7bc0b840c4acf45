"""Per-document attribute lists read without Token objects (nlp.column, nlp.flags) and the bounded
word memos of a lexicon: the same values as the Token attributes, and flat memory."""

from __future__ import annotations

from detector.analysis.grammar import grammar
from detector.analysis.lexicon import lexicon
from detector.analysis.nlp import column, flags, make_doc, paragraphs

TEXT = 'Regierung sagt Nein\n\nDer Sprecher sagte, man "prüfe" das. Es gebe keine 3,5 Mio.\n\nNeuer Absatz  hier.'


def test_columns_equal_token_attributes():
    doc = make_doc(TEXT, "de")
    grammar("de").annotate(doc, everything=True)
    assert column(doc, "ORTH") == [t.text for t in doc]
    assert column(doc, "TAG") == [t.tag_ for t in doc]
    assert column(doc, "LEMMA") == [t.lemma_ for t in doc]
    space, quote, alpha = flags(doc, "IS_SPACE", "IS_QUOTE", "IS_ALPHA")
    assert (space, quote, alpha) == ([t.is_space for t in doc], [t.is_quote for t in doc], [t.is_alpha for t in doc])


def test_empty_doc_and_paragraphs():
    assert flags(make_doc("", "en"), "IS_SPACE", "IS_ALPHA") == [[], []]
    doc = make_doc(TEXT, "de")
    assert paragraphs(doc)[0] == 0 and paragraphs(doc)[-1] == 2


def test_lexicon_memo_starts_afresh_when_full():
    lex = lexicon("en")
    memo = lex.memo("test", 2)
    memo.update(a=1, b=2)
    fresh = lex.memo("test", 2)
    assert fresh == {} and lex.memo("test", 2) is fresh
    assert lexicon("de").is_org_cue("verfassungsgericht") == lexicon("de").is_org_cue("verfassungsgericht")
