"""Kind ``terms``: word lists matched on case-insensitive lemmas (spaCy PhraseMatcher).

German nouns are also matched in their inflected forms, and with ``compounds:
true`` a one-word term matches as the head of a compound (Experte →
Sicherheitsexperten, Kreis → Regierungskreisen).
"""

from __future__ import annotations

import itertools
from functools import cache
from typing import TYPE_CHECKING

from detector.analysis.lexicon import noun_forms
from detector.analysis.nlp import lemma_of, lemmas, lowers, make_docs, pipeline
from detector.matching.hit import Hit
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from detector.analysis import Analysis

_MAX_VARIANTS = 64


@cache
def _one_token(word: str, lang: str) -> bool:
    return len(pipeline(lang).tokenizer(word)) == 1


class TermsMatcher:
    def __init__(self, rule: Rule) -> None:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        self.rule = rule
        lang = rule.lang
        spec = rule.match
        self.case_sensitive = spec.get("case_sensitive", False)
        nlp = pipeline(lang)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH" if self.case_sensitive else "LEMMA")
        self.heads: set[str] = set()
        patterns = []
        terms = list(spec.get("terms", []))
        simple_only: set[str] = set()  # terms that never match as a compound head
        if "lexicon" in spec:
            from detector.matching.lexicons import load_lexicon, resolve

            entries = load_lexicon(resolve(spec["lexicon"], lang, rule.path)).entries
            terms += [e.term for e in entries if e.compounds != "only"]
            simple_only = {e.term for e in entries if not e.compounds}
            if spec.get("compounds") and lang == "de":  # heads that never count alone (Lobby: Autolobby)
                for e in entries:
                    if e.compounds == "only":
                        self.heads |= noun_forms(e.term, lang)
        from detector.analysis.lemmas import lemma_table

        table = lemma_table(lang)
        self.single: set[str] = set()  # lemmas of one-token terms
        if not self.case_sensitive:
            forms = {w for term in terms for w in term.split()}
            if lang == "de":
                forms |= {f for w in list(forms) if w[:1].isupper() for f in noun_forms(w, lang)}
            table.prefetch(forms)
        phrases: list[list[list[str]]] = []  # per term, the forms of each word (tokenised as a phrase)
        lemma_combos: set[tuple[str, ...]] = set()  # terms whose every form is one token: lemma sequences
        for term in terms:
            words = term.split()
            if self.case_sensitive:
                patterns.append(nlp.make_doc(term))
                continue
            options = []
            for w in words:
                forms = {w}
                if lang == "de" and w[:1].isupper() and w.isalpha():
                    forms |= {f[:1].upper() + f[1:] for f in noun_forms(w, lang)}
                elif lang == "en" and w.isalpha():
                    forms |= noun_forms(w, lang)
                options.append(sorted(forms))
            if spec.get("compounds") and len(words) == 1 and lang == "de" and term not in simple_only:
                self.heads |= noun_forms(words[0], lang)
            if len(words) == 1 and _one_token(term, lang):
                # one token: compare lemmas in a set, no pattern per inflected form
                self.single |= {table.lookup(f) for f in options[0]}
            elif all(_one_token(f, lang) for forms in options for f in forms):
                # one token per word: a pattern per distinct lemma sequence, built without the tokenizer
                lemmas = [sorted({lemma_of(f, table) for f in forms}) for forms in options]
                lemma_combos.update(itertools.islice(itertools.product(*lemmas), _MAX_VARIANTS))
            else:
                phrases.append(options)
        for options in phrases:  # a word of several tokens (U.S.-Präsident): every combination as a phrase
            combos = itertools.islice(itertools.product(*options), _MAX_VARIANTS)
            patterns += make_docs([" ".join(c) for c in combos], lang)
        patterns += [Doc(nlp.vocab, words=list(c), lemmas=list(c)) for c in sorted(lemma_combos)]
        if patterns:
            self.matcher.add(rule.id, patterns)
        self.has_phrases = bool(patterns)

    def find(self, analysis: Analysis) -> list[Hit]:
        doc = analysis.doc
        hits = [Hit(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
                for _, s, e in self.matcher(doc)] if self.has_phrases else []
        if self.single:
            single = self.single
            for i, lemma in enumerate(lemmas(doc)):
                if lemma in single:
                    tok = doc[i]
                    hits.append(Hit(tok.idx, tok.idx + len(tok.text)))
        if self.heads:
            heads = self.heads
            for i, low in enumerate(lowers(doc)):
                if "-" in low:  # Rathaus-Clique: the last member is the head
                    head = low.rsplit("-", 1)[1]
                    if not (head in heads or any(head[k:] in heads for k in range(3, len(head) - 3))):
                        continue
                elif len(low) < 7 or not any(low[k:] in heads for k in range(3, len(low) - 3)):
                    continue
                tok = doc[i]
                if tok.text[:1].isupper() and ("-" in low or tok.is_alpha):
                    hits.append(Hit(tok.idx, tok.idx + len(tok.text)))
        return hits
