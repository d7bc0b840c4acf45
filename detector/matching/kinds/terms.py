"""Kind ``terms``: word lists matched on case-insensitive lemmas (spaCy PhraseMatcher).

German nouns are also matched in their inflected forms, and with ``compounds:
true`` a one-word term matches as the head of a compound (Experte →
Sicherheitsexperten, Kreis → Regierungskreisen).
"""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path
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


def _prefetch_forms(table, terms: list[str], lang: str) -> None:
    """Look up every word of the terms, German nouns in all their forms, in a few queries instead of one a word."""
    forms = {w for term in terms for w in term.split()}
    if lang == "de":
        forms |= {f for w in list(forms) if w[:1].isupper() for f in noun_forms(w, lang)}
    table.prefetch(forms)


def _word_forms(word: str, lang: str) -> list[str]:
    """The forms a term's word matches in, sorted: German nouns and English words also inflected."""
    forms = {word}
    if lang == "de" and word[:1].isupper() and word.isalpha():
        forms |= {f[:1].upper() + f[1:] for f in noun_forms(word, lang)}
    elif lang == "en" and word.isalpha():
        forms |= noun_forms(word, lang)
    return sorted(forms)


@cache
def _lookups_version() -> str:
    """The lemma tables' version: a new spacy-lookups-data gives other lemmas, so other patterns."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spacy-lookups-data")
    except PackageNotFoundError:
        return "none"


def _lemma_docs(phrases: list[str], combos: list[list[str]], lang: str) -> list:
    """PhraseMatcher patterns: phrases tokenised with their lookup lemmas, lemma sequences as they are."""
    from spacy.tokens import Doc

    vocab = pipeline(lang).vocab
    return make_docs(phrases, lang) + [Doc(vocab, words=list(c), lemmas=list(c)) for c in combos]


class TermsMatcher:
    def __init__(self, rule: Rule) -> None:
        from spacy.matcher import PhraseMatcher

        self.rule = rule
        lang = rule.lang
        spec = rule.match
        self.case_sensitive = spec.get("case_sensitive", False)
        nlp = pipeline(lang)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH" if self.case_sensitive else "LEMMA")
        self.heads: set[str] = set()
        self.single: set[str] = set()  # lemmas of one-token terms
        if self.case_sensitive:
            terms = list(spec.get("terms", []))
            if "lexicon" in spec:
                compounds = bool(spec.get("compounds")) and lang == "de"
                terms += self._lexicon_terms(spec["lexicon"], lang, rule.path, compounds)[0]
            patterns = [nlp.make_doc(term) for term in terms]
        else:
            patterns = self._cached_lemma_patterns(rule, lang)
        if patterns:
            self.matcher.add(rule.id, patterns)
        self.has_phrases = bool(patterns)

    def _cached_lemma_patterns(self, rule: Rule, lang: str) -> list:
        """The lemma patterns, one-token lemmas and compound heads of the rule's terms, computed once per
        rule and lexicon content (the checked-rule cache, JSON): inflecting and looking up every form of a
        large lexicon is most of the cost of compiling the rules at start-up."""
        from detector.matching.checked_cache import checked

        spec = rule.match
        content = json.dumps({"id": rule.id, "lang": lang, "match": spec, "lookups": _lookups_version()},
                             sort_keys=True, ensure_ascii=False).encode()
        if "lexicon" in spec:
            from detector.matching.lexicons import resolve

            content += b"\0" + Path(resolve(spec["lexicon"], lang, rule.path)).read_bytes()
        compiled = checked(content, "terms", lambda: self._compile_terms(rule, lang), lambda d: d)
        self.single |= set(compiled["single"])
        self.heads |= set(compiled["heads"])
        return _lemma_docs(compiled["phrases"], compiled["combos"], lang)

    def _compile_terms(self, rule: Rule, lang: str) -> dict:
        """What the terms compile to, as data: phrases to tokenise, lemma sequences, one-token lemmas, heads."""
        spec = rule.match
        compounds = bool(spec.get("compounds")) and lang == "de"
        terms = list(spec.get("terms", []))
        simple_only: set[str] = set()  # terms that never match as a compound head
        if "lexicon" in spec:
            listed, simple_only = self._lexicon_terms(spec["lexicon"], lang, rule.path, compounds)
            terms += listed
        phrases, combos = self._lemma_patterns(terms, lang, compounds, simple_only)
        return {"phrases": phrases, "combos": [list(c) for c in combos], "single": sorted(self.single),
                "heads": sorted(self.heads)}

    def _lexicon_terms(self, name: str, lang: str, rule_path: str, compounds: bool) -> tuple[list[str], set[str]]:
        """The terms of a lexicon file, and those of them that never match as a compound head; with
        ``compounds``, the heads that never count alone go to ``self.heads``."""
        from detector.matching.lexicons import load_lexicon, resolve

        entries = load_lexicon(resolve(name, lang, rule_path)).entries
        terms = [e.term for e in entries if e.compounds != "only"]
        simple_only = {e.term for e in entries if not e.compounds}
        if compounds:  # heads that never count alone (Lobby: Autolobby)
            for e in entries:
                if e.compounds == "only":
                    self.heads |= noun_forms(e.term, lang)
        return terms, simple_only

    def _lemma_patterns(self, terms: list[str], lang: str, compounds: bool,
                        simple_only: set[str]) -> tuple[list[str], list[tuple[str, ...]]]:
        """The terms in all their forms, for PhraseMatcher patterns on lemmas: phrases to tokenise and lemma
        sequences. One-token terms go to ``self.single`` instead, and with ``compounds`` one-word terms are
        compound heads too."""
        from detector.analysis.lemmas import lemma_table

        table = lemma_table(lang)
        _prefetch_forms(table, terms, lang)
        phrases: list[list[list[str]]] = []  # per term, the forms of each word (tokenised as a phrase)
        lemma_combos: set[tuple[str, ...]] = set()  # terms whose every form is one token: lemma sequences
        for term in terms:
            words = term.split()
            options = [_word_forms(w, lang) for w in words]
            if compounds and len(words) == 1 and term not in simple_only:
                self.heads |= noun_forms(words[0], lang)
            if len(words) == 1 and _one_token(term, lang):
                # one token: compare lemmas in a set, no pattern per inflected form
                self.single |= {table.lookup(f) for f in options[0]}
            elif all(_one_token(f, lang) for forms in options for f in forms):
                # one token per word: a pattern per distinct lemma sequence, built without the tokenizer
                word_lemmas = [sorted({lemma_of(f, table) for f in forms}) for forms in options]
                lemma_combos.update(itertools.islice(itertools.product(*word_lemmas), _MAX_VARIANTS))
            else:
                phrases.append(options)
        texts = []
        for options in phrases:  # a word of several tokens (U.S.-Präsident): every combination as a phrase
            texts += [" ".join(c) for c in itertools.islice(itertools.product(*options), _MAX_VARIANTS)]
        return texts, sorted(lemma_combos)

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
