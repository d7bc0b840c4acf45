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

from dataclasses import dataclass
from typing import TYPE_CHECKING

from detector.analysis.grammar import is_subjunctive_i
from detector.analysis.nlp import paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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


def noun_chunks(toks: list[Token], genitive: frozenset[str]) -> list[int]:
    """Noun-phrase id per token (-1 outside one): determiners, adjectives, nouns and names, with
    genitive attachments ("der Sprecher des Ministeriums"); a pronoun is a phrase of its own."""
    ids = [-1] * len(toks)
    c = k = 0
    n = len(toks)
    while k < n:
        tag = toks[k].tag_
        if tag in _NP or tag in _PRONOUN:
            j = k + 1
            if tag not in _PRONOUN:
                while j < n and toks[j].tag_ in _NP:
                    j += 1
                while j + 1 < n and toks[j].lower_ in genitive and toks[j + 1].tag_ in _NP:
                    j += 1
                    while j < n and toks[j].tag_ in _NP:
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
    para_of = paragraphs(doc)
    words = [([t for t in s if not t.is_space], p) for s, p in zip(doc.sents, para_of, strict=True)]
    sents = [s for s, _ in words if s]
    para = [p for s, p in words if s]
    lemma = [t.lemma_.lower() for t in doc]
    lower = [t.lower_ for t in doc]
    rate = [cue_rate.get(lm, 0.0) for lm in lemma]
    info = []
    for s in sents:
        idx = [t.i for t in s]
        info.append((max(rate[i] for i in idx) >= CUE_RATE_MIN, any(is_subjunctive_i(t) for t in s),
                     any(in_quote[i] for i in idx), any(lower[i] in ("dass", "ob", "that") for i in idx),
                     any(t.text == ":" for t in s)))
    none = (False,) * 5
    # only sentences where an attribution can be: a cue candidate, Konjunktiv I, a quotation or a colon,
    # or next to a cue; the rest are labelled O unread (most of an article, and most of the time)
    cue_near = [any(info[j][0] for j in (si - 1, si, si + 1) if 0 <= j < len(info)) for si in range(len(info))]
    keep = [cue_near[si] or any(info[si][1:3]) or info[si][4] for si in range(len(info))]
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
            s = sents[si]
            cue, ki, quoted, dass, colon = info[si]
            prev = info[si - 1] if si else none
            nxt = info[si + 1] if si + 1 < len(info) else none
            sent_feats = [f"s_cue={cue}", f"s_ki={ki}", f"s_q={quoted}", f"s_dass={dass}", f"s_colon={colon}",
                          f"p_cue={prev[0]}", f"p_ki={prev[1]}", f"p_q={prev[2]}", f"n_cue={nxt[0]}", f"n_q={nxt[2]}",
                          f"n_ki={nxt[1]}", f"ki&pcue={ki and (prev[0] or prev[1])}", f"ki&nocue={ki and not cue}"]
            feats += _sentence_features(s, sent_feats, in_quote, entity_kind, lex, rate, lemma, lower)
            tokens += [t.i for t in s]
        out.append(Sequence(tokens, feats))
    return out


def _sentence_features(s: list[Token], sent_feats: list[str], in_quote: list[bool], entity_kind: dict[int, str],
                       lex: Lexicon, rate: list[float], lemma: list[str], lower: list[str]) -> list[list[str]]:
    """One sentence's feature strings, a list per token: the token and its window, its noun phrase's
    relation to the nearest cue, its distance to that cue in words and clauses, then ``sent_feats``."""
    n = len(s)
    idx = [t.i for t in s]
    tags = [t.tag_ for t in s]
    cues = [k for k in range(n) if rate[idx[k]] >= CUE_RATE_MIN or lower[idx[k]] in lex.source_prepositions]
    bounds = [k for k in range(n) if s[k].text in _BOUNDARY or lower[idx[k]] in lex.clause_words or s[k].is_quote]
    chunk = noun_chunks(s, lex.genitive_words)
    words = [lower[i] for i in idx]
    relation = _cue_relations(cues, chunk, tags, words, lex)
    speech = _speech_classes(idx, lex, lemma, lower)
    out = []
    for k, t in enumerate(s):
        i = idx[k]
        w = words[k]
        rel = relation.get(chunk[k], "none") if chunk[k] != -1 else "nochunk"
        f = [f"w={w}", f"suf3={w[-3:]}", f"lem={lemma[i]}", f"shape={t.shape_[:4]}", f"tag={tags[k]}",
             f"title={t.is_title}", f"quote={t.is_quote}", f"inq={in_quote[i]}", f"cue={_bucket(rate[i])}",
             f"ki={is_subjunctive_i(t)}", f"srcn={lex.is_source_noun(w)}", f"pers={lex.is_person_noun(w)}",
             f"role={w in lex.role_forms}", f"pron={w in lex.pronouns}", f"ent={entity_kind.get(i, '-')}",
             f"chunk={rel}", f"chunk&tag={rel}|{tags[k]}", f"pos={min(k, 6)}", f"rpos={min(n - 1 - k, 6)}",
             f"-1tag|tag={tags[k - 1] if k else '^'}|{tags[k]}", f"sv={speech[k]}", f"sv&tag={speech[k]}|{tags[k]}"]
        if cues:
            d = min((c - k for c in cues), key=abs)
            lo, hi = (k, k + d) if d > 0 else (k + d, k)
            nb = sum(1 for m in bounds if lo < m < hi)
            side = "L" if d < 0 else "R" if d > 0 else "0"
            f += [f"dcue={side}{min(abs(d), 6)}", f"dclause={side}{min(nb, 3)}",
                  f"dclause&inq={side}{min(nb, 3)}|{in_quote[i]}", f"dclause&chunk={side}{min(nb, 3)}|{rel}"]
        else:
            f.append("dcue=none")
        for o in (-3, -2, -1, 1, 2, 3):
            m = k + o
            if 0 <= m < n:
                f += [f"{o}w={words[m]}", f"{o}cue={_bucket(rate[idx[m]])}", f"{o}inq={in_quote[idx[m]]}", f"{o}sv={speech[m]}"]
                if -2 <= o <= 2:
                    f.append(f"{o}tag={tags[m]}")
            else:
                f.append(f"{o}w=<pad>")
        f += sent_feats
        out.append(f)
    return out


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
