"""Token features for the role labeller (speaker, cue, content of an attribution).

One sequence per paragraph, one list of feature strings per token. The features are what a reader
uses: the word and its lemma, the part of speech from the grammar step, whether the token is inside
quotation marks, Konjunktiv I, how strongly its lemma acts as a cue (a rate learned from the gold
and shipped in the model file), the lexicons of the analysis (speech verbs, source nouns,
pronouns), named entities, the noun phrase a token belongs to and how that phrase stands to the
nearest cue (right before it, right after it, the object of "laut"/"nach Angaben"), and the shape of
the sentence and its neighbours (has a cue, a quotation, a "dass" clause, Konjunktiv I).
Training (:mod:`.train`) and prediction (:mod:`.model`) call the same function, so they cannot drift.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detector.analysis.grammar import is_subjunctive_i
from detector.analysis.nlp import column, flags, lowers, paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from detector.analysis.lexicon import Lexicon

# parts of speech that make up a noun phrase (STTS and CLAWS5)
_NP = frozenset({"ART", "ADJA", "NN", "NE", "CARD", "PPOSAT", "PIAT", "PDAT", "TRUNC", "FM",
                 "AT0", "AJ0", "AJC", "AJS", "NN0", "NN1", "NN2", "NP0", "CRD", "DPS", "ORD", "DT0"})
_PRONOUN = frozenset({"PPER", "PNP", "PDS", "PIS"})
_SKIP_BEFORE_CUE = frozenset({"ADV", "VAFIN", "VMFIN", "PTKNEG", "AV0", "VBZ", "VBD", "VHZ", "VHD", "VM0", "XX0"})
_SKIP_AFTER_CUE = frozenset({"ADV", "PRF", "PTKNEG", "VAFIN", "AV0", "XX0"})
_BOUNDARY = frozenset({",", ":", ";", "–", "—", "(", ")"})
CUE_RATE_MIN = 0.3  # a lemma whose gold cue rate reaches this counts as a cue candidate


@dataclass(frozen=True)
class Sequence:
    """One paragraph: token indexes into the Doc and each token's feature strings."""

    tokens: list[int]
    features: list[list[str]]


def noun_chunks(tags: list[str], words: list[str], genitive: frozenset[str]) -> list[int]:
    """Noun-phrase id per token (-1 outside one) from the tokens' tags and lower-case forms: determiners,
    adjectives, nouns and names, with genitive attachments ("der Sprecher des Ministeriums"); a pronoun
    is a phrase of its own."""
    ids = [-1] * len(tags)
    c = k = 0
    n = len(tags)
    while k < n:
        tag = tags[k]
        if tag in _NP or tag in _PRONOUN:
            j = k + 1
            if tag not in _PRONOUN:
                while j < n and tags[j] in _NP:
                    j += 1
                while j + 1 < n and words[j] in genitive and tags[j + 1] in _NP:
                    j += 1
                    while j < n and tags[j] in _NP:
                        j += 1
            for m in range(k, j):
                ids[m] = c
            c += 1
            k = j
        else:
            k += 1
    return ids


def _bucket(rate: float) -> str:
    return str(min(5, int(rate * 5 + 1e-9))) if rate > 0 else "0"


def document_sequences(doc: Doc, in_quote: list[bool], entity_kind: dict[int, str], lex: Lexicon,
                       cue_rate: dict[str, float]) -> list[Sequence]:
    """Feature sequences of a document: one per run of candidate sentences within a paragraph."""
    toks = _Tokens(doc, cue_rate)
    para_of = paragraphs(doc)
    words = [([k for k in range(sp.start, sp.end) if not toks.space[k]], p)
             for sp, p in zip(doc.sents, para_of, strict=True)]
    sents = [s for s, _ in words if s]
    para = [p for s, p in words if s]
    info = [_sentence_info(s, toks, in_quote) for s in sents]
    keep = _candidates(info)
    runs: list[list[int]] = []
    for si in range(len(sents)):
        if not keep[si]:
            continue
        if not runs or runs[-1][-1] != si - 1 or para[si] != para[si - 1]:
            runs.append([])  # a new paragraph, or a new run of candidate sentences
        runs[-1].append(si)
    out = []
    for run in runs:
        tokens: list[int] = []
        feats: list[list[str]] = []
        for si in run:
            prev = info[si - 1] if si else _NO_INFO
            nxt = info[si + 1] if si + 1 < len(info) else _NO_INFO
            feats += _sentence_features(sents[si], _context_features(info[si], prev, nxt), in_quote, entity_kind,
                                        lex, toks)
            tokens += sents[si]
        out.append(Sequence(tokens, feats))
    return out


class _Tokens:
    """The token attributes the features read, as per-document lists (Token objects are costly):
    lower-case form (which also serves for the punctuation tests: no text lower-cases to a punctuation mark
    but the mark itself), lemma (lower-cased, as the grammar step left it), cue rate, tag, shape, white
    space, quotation mark, title case, Konjunktiv I."""

    def __init__(self, doc: Doc, cue_rate: dict[str, float]) -> None:
        self.doc = doc
        self.lower = lowers(doc)
        self.lemma = [lm.lower() for lm in column(doc, "LEMMA")]
        self.rate = [cue_rate.get(lm, 0.0) for lm in self.lemma]
        self.tag = column(doc, "TAG")
        self.shape = column(doc, "SHAPE")
        self.space, self.quote, self.title = flags(doc, "IS_SPACE", "IS_QUOTE", "IS_TITLE")
        self.ki = _subjunctive_i(doc)


def _subjunctive_i(doc: Doc) -> list[bool]:
    """Per token: Konjunktiv I (:func:`is_subjunctive_i`), decided once per distinct morphology."""
    by_morph: dict[int, bool] = {}
    out = []
    for k, h in enumerate(doc.to_array("MORPH").tolist()):
        if h not in by_morph:
            by_morph[h] = is_subjunctive_i(doc[k])
        out.append(by_morph[h])
    return out


_SentenceInfo = tuple[bool, bool, bool, bool, bool]  # cue candidate, Konjunktiv I, quotation, "dass", colon
_NO_INFO: _SentenceInfo = (False,) * 5


def _sentence_info(s: list[int], toks: _Tokens, in_quote: list[bool]) -> _SentenceInfo:
    """What a sentence (its token indexes) holds: a cue candidate, Konjunktiv I, a quotation, a "dass"
    clause, a colon."""
    return (max(map(toks.rate.__getitem__, s)) >= CUE_RATE_MIN, any(map(toks.ki.__getitem__, s)),
            any(map(in_quote.__getitem__, s)), not _DASS.isdisjoint(map(toks.lower.__getitem__, s)),
            ":" in map(toks.lower.__getitem__, s))


_DASS = frozenset({"dass", "ob", "that"})


def _candidates(info: list[_SentenceInfo]) -> list[bool]:
    """Only sentences where an attribution can be: a cue candidate, Konjunktiv I, a quotation or a colon, or
    next to a cue; the rest are labelled O unread (most of an article, and most of the time)."""
    cue_near = [any(info[j][0] for j in (si - 1, si, si + 1) if 0 <= j < len(info)) for si in range(len(info))]
    return [cue_near[si] or any(info[si][1:3]) or info[si][4] for si in range(len(info))]


def _context_features(this: _SentenceInfo, prev: _SentenceInfo, nxt: _SentenceInfo) -> list[str]:
    """The features every token of a sentence shares: what it, the sentence before and the one after hold."""
    cue, ki, quoted, dass, colon = this
    return [f"s_cue={cue}", f"s_ki={ki}", f"s_q={quoted}", f"s_dass={dass}", f"s_colon={colon}",
            f"p_cue={prev[0]}", f"p_ki={prev[1]}", f"p_q={prev[2]}", f"n_cue={nxt[0]}", f"n_q={nxt[2]}",
            f"n_ki={nxt[1]}", f"ki&pcue={ki and (prev[0] or prev[1])}", f"ki&nocue={ki and not cue}"]


_OFFSETS = (-3, -2, -1, 1, 2, 3)


def _flag(name: str) -> dict[bool, str]:
    return {b: f"{name}={b}" for b in (False, True)}


_TITLE, _QUOTE, _INQ, _KI = _flag("title"), _flag("quote"), _flag("inq"), _flag("ki")
_SRCN, _PERS, _ROLE, _PRON = _flag("srcn"), _flag("pers"), _flag("role"), _flag("pron")
_CUE = {b: f"cue={b}" for b in "012345"}
_POS = tuple(f"pos={k}" for k in range(7))
_RPOS = tuple(f"rpos={k}" for k in range(7))
_SV = {c: f"sv={c}" for c in "1wa0"}
_PAD = {o: f"{o}w=<pad>" for o in _OFFSETS}
_WINDOW_WORD = {o: f"{o}w=" for o in _OFFSETS}
_WINDOW_CUE = {o: {b: f"{o}cue={b}" for b in "012345"} for o in _OFFSETS}
_WINDOW_INQ = {o: _flag(f"{o}inq") for o in _OFFSETS}
_WINDOW_SV = {o: {c: f"{o}sv={c}" for c in "1wa0"} for o in _OFFSETS}


def _lexicon_flags(words: list[str], lex: Lexicon) -> list[tuple[str, str, str, str]]:
    """Each word's lexicon features ``srcn= pers= role= pron=``, memoised per lexicon as shared strings (a
    German compound is tested at every split; an entry holds four references, so the memo stays small)."""
    memo = lex.memo("role_flags")
    out = []
    for w in words:
        hit = memo.get(w)
        if hit is None:
            hit = memo[w] = (_SRCN[lex.is_source_noun(w)], _PERS[lex.is_person_noun(w)], _ROLE[w in lex.role_forms],
                             _PRON[w in lex.pronouns])
        out.append(hit)
    return out


def _sentence_features(s: list[int], sent_feats: list[str], in_quote: list[bool], entity_kind: dict[int, str],
                       lex: Lexicon, toks: _Tokens) -> list[list[str]]:
    """One sentence's feature strings, a list per token: the token and its window, its noun phrase's
    relation to the nearest cue, its distance to that cue in words and clauses, then ``sent_feats``."""
    n = len(s)
    lower = toks.lower
    tags = [toks.tag[i] for i in s]
    words = [lower[i] for i in s]
    cues = [k for k in range(n) if toks.rate[s[k]] >= CUE_RATE_MIN or words[k] in lex.source_prepositions]
    bounds = [k for k, i in enumerate(s) if words[k] in _BOUNDARY or words[k] in lex.clause_words or toks.quote[i]]
    chunk = noun_chunks(tags, words, lex.genitive_words)
    relation = _cue_relations(cues, chunk, tags, words, lex)
    speech = _speech_classes(s, lex, toks.lemma, lower)
    buckets = [_bucket(r) if r > 0 else "0" for r in map(toks.rate.__getitem__, s)]
    inq = [in_quote[i] for i in s]
    lexical = _lexicon_flags(words, lex)
    window = [(o, _window(o, words, buckets, inq, speech, tags), _PAD[o]) for o in _OFFSETS]
    out = []
    for k, i in enumerate(s):
        rel = relation.get(chunk[k], "none") if chunk[k] != -1 else "nochunk"
        w = words[k]
        srcn_f, pers_f, role_f, pron_f = lexical[k]
        f = ["w=" + w, "suf3=" + w[-3:], "lem=" + toks.lemma[i], "shape=" + toks.shape[i][:4], "tag=" + tags[k], _TITLE[toks.title[i]],
             _QUOTE[toks.quote[i]], _INQ[inq[k]], _CUE[buckets[k]], _KI[toks.ki[i]], srcn_f, pers_f, role_f, pron_f,
             "ent=" + entity_kind.get(i, "-"), "chunk=" + rel, f"chunk&tag={rel}|{tags[k]}", _POS[min(k, 6)],
             _RPOS[min(n - 1 - k, 6)], f"-1tag|tag={tags[k - 1] if k else '^'}|{tags[k]}", _SV[speech[k]],
             f"sv&tag={speech[k]}|{tags[k]}"]
        f += _cue_distance(k, cues, bounds, inq[k], rel)
        for o, feats, pad in window:
            m = k + o
            if 0 <= m < n:
                f += feats[m]
            else:
                f.append(pad)
        f += sent_feats
        out.append(f)
    return out


def _window(o: int, words: list[str], buckets: list[str], inq: list[bool], speech: list[str],
            tags: list[str]) -> list[tuple[str, ...]]:
    """Per token of a sentence, the features it gives the token ``o`` places before it (``o`` < 0) or after it:
    its word, cue rate, quotation and speech class, and its tag within two places."""
    word, cue, quote, sv = _WINDOW_WORD[o], _WINDOW_CUE[o], _WINDOW_INQ[o], _WINDOW_SV[o]
    if -2 <= o <= 2:
        tag = f"{o}tag="
        return [(word + w, cue[b], quote[q], sv[c], tag + t) for w, b, q, c, t in zip(words, buckets, inq, speech, tags, strict=True)]
    return [(word + w, cue[b], quote[q], sv[c]) for w, b, q, c in zip(words, buckets, inq, speech, strict=True)]


def _cue_distance(k: int, cues: list[int], bounds: list[int], inq: bool, rel: str) -> tuple[str, ...]:
    """The side and distance of the nearest cue from token ``k`` (the one before it on a tie), in words and in
    clause boundaries."""
    if not cues:
        return ("dcue=none",)
    j = bisect_left(cues, k)
    d = cues[j - 1] - k if j and (j == len(cues) or k - cues[j - 1] <= cues[j] - k) else cues[j] - k
    lo, hi = (k, k + d) if d > 0 else (k + d, k)
    nb = min(bisect_left(bounds, hi) - bisect_right(bounds, lo), 3) if hi - lo > 1 else 0
    key = (d if -6 <= d <= 6 else 6 if d > 0 else -6, nb, inq, rel)
    hit = _DISTANCE.get(key)
    if hit is None:
        side = "L" if d < 0 else "R" if d > 0 else "0"
        hit = _DISTANCE[key] = (f"dcue={side}{min(abs(d), 6)}", f"dclause={side}{nb}", f"dclause&inq={side}{nb}|{inq}",
                                f"dclause&chunk={side}{nb}|{rel}")
    return hit


_DISTANCE: dict[tuple[int, int, bool, str], tuple[str, ...]] = {}  # (capped distance, boundaries, inq, relation)


def _cue_relations(cues: list[int], chunk: list[int], tags: list[str], words: list[str], lex: Lexicon) -> dict[int, str]:
    """How each noun phrase (by chunk id) stands to a cue of the sentence: right ``before`` it, right ``after``
    it (adverbs, auxiliaries, a negation in between), or the object of a source preposition (``prep``: "laut
    X", "nach Angaben von X", "according to X"). A phrase's first relation counts; ``prep`` wins."""
    n = len(chunk)
    relation: dict[int, str] = {}
    prep_nouns = lex.role_prep_nouns | {"von", "to"}
    for c in cues:
        before = _next_chunk(chunk, tags, c, -1, _SKIP_BEFORE_CUE)
        if before is not None:
            relation.setdefault(before, "before")
        after = _next_chunk(chunk, tags, c, 1, _SKIP_AFTER_CUE)
        if after is not None:
            relation.setdefault(after, "after")
        if words[c] in lex.source_prepositions or words[c] in ("nach", "according"):
            j = c + 1
            while j < n and chunk[j] == -1 and words[j] in prep_nouns:
                j += 1
            if j < n and chunk[j] != -1:
                relation[chunk[j]] = "prep"
    return relation


def _next_chunk(chunk: list[int], tags: list[str], c: int, step: int, skip: frozenset[str]) -> int | None:
    """The noun phrase (chunk id) next to the cue at ``c`` in direction ``step``, past words tagged ``skip``."""
    j = c + step
    while 0 <= j < len(chunk) and chunk[j] == -1 and tags[j] in skip:
        j += step
    return chunk[j] if 0 <= j < len(chunk) and chunk[j] != -1 else None


def _speech_classes(idx: list[int], lex: Lexicon, lemma: list[str], lower: list[str]) -> list[str]:
    """Per token: ``1`` a verb of saying, ``w`` a weak one (a verb of thinking), ``a`` a speech act, ``0`` none."""
    verbs, weak, acts = lex.speech_verbs, lex.weak_speech_verbs, lex.speech_act_verbs
    return ["1" if (lemma[i] in verbs or lower[i] in verbs) and lemma[i] not in weak
            else "w" if lemma[i] in verbs or lower[i] in verbs else "a" if lemma[i] in acts else "0" for i in idx]
