"""Assemble attributions from the two layers: the rules (cue lexicons, source phrases, grammar) and
the role labeller (token labels cue / speaker / content).

The rules find the attributions they can explain (``layer: rules``); the labeller credits their
content and adds the cue parts they miss ("teilte … mit"). A cue the rules do not know becomes an
attribution of its own (``layer: model``) with the labeller's speaker and content. Sentences that go
on in Konjunktiv I with no cue of their own continue the attribution before them (form
``free_indirect``), a grammatical decision read from the grammar step's ``morph``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from detector.analysis.attribution import kind as kinds
from detector.analysis.attribution.types import Attribution, Range
from detector.analysis.grammar import is_subjunctive_i

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from detector.analysis.lexicon import Lexicon
    from detector.analysis.names import Entity

_CLAUSE_OPENERS = frozenset({"dass", "daß", "ob", "that", "whether"})


def runs(labels: dict[int, str], label: str, lo: int, hi: int, doc: Doc) -> list[Range]:
    """Maximal runs of ``label`` among tokens lo..hi (white space inside a run is bridged)."""
    out: list[Range] = []
    start = None
    last = None
    for i in range(lo, hi):
        if doc[i].is_space:
            continue
        if labels.get(i) == label:
            if start is None:
                start = i
            last = i
        elif start is not None:
            out.append((start, last + 1))
            start = None
    if start is not None:
        out.append((start, last + 1))
    return out


def _overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(a: Range, spans) -> bool:
    return any(s <= a[0] and a[1] <= e for s, e in spans)


def assemble(doc: Doc, lex: Lexicon, entities: list[Entity], in_quote: list[bool], rule_atts: list[Attribution],
             labels: dict[int, str]) -> list[Attribution]:
    """One list of attributions, each with its cues, content, form and layer."""
    sents = list(doc.sents)
    ent_at = {k: e for e in entities for k in range(e.start, e.end)}
    by_sent: dict[int, list[Attribution]] = {}
    for a in rule_atts:
        by_sent.setdefault(a.sentence, []).append(a)
    out: list[Attribution] = []
    for si, sent in enumerate(sents):
        cue_runs = runs(labels, "C", sent.start, sent.end, doc)
        spk_runs = runs(labels, "S", sent.start, sent.end, doc)
        content = [r for r in runs(labels, "Q", sent.start, sent.end, doc) if not _rule_overlap(r, by_sent.get(si, []))]
        rule = by_sent.get(si, [])
        claimed: set[Range] = set()
        for a in rule:
            cues = [a.cue] + [c for c in cue_runs if c not in claimed and not _overlaps(c, a.cue)
                              and not _overlaps(c, a.source) and _same_clause(doc, a.cue, c)]
            claimed.update(c for c in cue_runs if _overlaps(c, a.cue) or c in cues)
            own = [q for q in content if not _overlaps(q, a.source)]
            out.append(replace(a, cues=tuple(sorted(cues)), content=tuple(own)))
        for group in _cue_groups(doc, [c for c in cue_runs if c not in claimed], content):
            speaker = _nearest(group, [s for s in spk_runs if not _inside(s, content)])
            twin = next((k for k, b in enumerate(out) if b.sentence == si and b.layer == "rules" and (
                any(_overlaps(c, b.span) for c in group) or (speaker and _overlaps(speaker, b.source)))), None)
            if twin is not None:  # the rules read this attribution already: the labeller adds its cue parts
                b = out[twin]
                out[twin] = replace(b, cues=tuple(sorted(set(b.all_cues) | {c for c in group if not _overlaps(c, b.source)})))
                continue
            if speaker is None:
                host = _host(rule, group, out)
                if host is not None:  # "Think Tanks, die … spekulieren, haben vorgeschlagen, dass …"
                    k, a = host
                    out[k] = replace(a, cues=tuple(sorted(a.all_cues + tuple(group))),
                                     content=tuple(sorted(set(a.content) | set(content))))
                    continue
                if not _impersonal(doc, lex, group):
                    continue  # a cue with no speaker and no hearsay phrase: not enough to credit anyone
            src = speaker or group[0]
            kind = kinds.classify_model_speaker(doc, lex, src, ent_at) if speaker else "relayed"
            out.append(Attribution(source=src, cue=group[0], kind=kind, sentence=si,
                                   cue_kind="model" if speaker else "impersonal", cues=tuple(group),
                                   content=tuple(content), layer="model"))
    out = _share_content(doc, out)
    out = [a if a.content else replace(a, content=_clause_content(doc, a)) for a in out]
    out = _continuations(doc, sents, out, labels, in_quote)
    out = [replace(a, cues=_cue_parts(doc, a)) for a in out]
    out = [replace(a, content=_trimmed(doc, a.content)) for a in out]
    out = [replace(a, form=_form(doc, a, in_quote)) for a in out]
    out = [replace(a, resolved=_resolve(doc, lex, a, entities)) for a in out]
    return sorted(out, key=lambda a: (a.sentence, a.cue))


def _host(rule: list[Attribution], group: list[Range], out: list[Attribution]) -> tuple[int, Attribution] | None:
    """The rule attribution of the sentence whose source phrase stands before a speakerless cue."""
    before = [a for a in rule if a.source[1] <= group[0][0]]
    if not before:
        return None
    a = max(before, key=lambda a: a.source[1])
    for k, b in enumerate(out):
        if b.source == a.source and b.cue == a.cue:
            return k, b
    return None


def _impersonal(doc: Doc, lex: Lexicon, group: list[Range]) -> bool:
    words = tuple(doc[k].lower_ for s, e in group for k in range(s, e))
    return any(words[i:i + len(p)] == p for p in lex.impersonal for i in range(len(words)))


def _clause_content(doc: Doc, a: Attribution) -> tuple[Range, ...]:
    """Content by the clause, where the labeller credited none: after "laut X" the rest of the
    sentence; after "sagte," / "said:" the clause that follows; before ", sagte X" the clause before."""
    sent = doc[a.cue[0]].sent
    toks = [t for t in sent if not t.is_space]
    if not toks:
        return ()
    lo, hi = min(a.source[0], a.cue[0]), max(a.source[1], a.cue[1])
    first, last = toks[0].i, toks[-1].i + (0 if toks[-1].is_punct else 1)
    if a.cue_kind == "preposition":
        spans = [(first, lo), (hi, last)]
        return tuple((s, e) for s, e in spans if e - s >= 2 and any(doc[k].is_alpha for k in range(s, e)))
    if hi < last and doc[hi].text in (",", ":"):
        return ((hi + 1, last),) if last - hi > 2 else ()
    end = lo
    while end > first and (doc[end - 1].text == "," or doc[end - 1].is_space):
        end -= 1
    if end < lo or (end > first and doc[end - 1].is_quote and doc[end - 1].i != first):  # "…", sagte X / "…," said X
        return ((first, end),) if end - first >= 2 else ()
    return ()


def _rule_overlap(r: Range, atts: list[Attribution]) -> bool:
    """Content run that is really a rule attribution's source phrase (the labeller and the rules disagree)."""
    return any(a.source[0] <= r[0] and r[1] <= a.source[1] for a in atts)


def _same_clause(doc: Doc, a: Range, b: Range) -> bool:
    lo, hi = (a[1], b[0]) if a[0] < b[0] else (b[1], a[0])
    return all(doc[k].text not in (",", ";", ":") and not doc[k].is_quote for k in range(lo, hi))


def _cue_groups(doc: Doc, cues: list[Range], content: list[Range]) -> list[list[Range]]:
    """Cue runs of one sentence grouped: parts not separated by content or a clause boundary belong together."""
    groups: list[list[Range]] = []
    for c in sorted(cues):
        if groups:
            prev = groups[-1][-1]
            between = (prev[1], c[0])
            if _same_clause(doc, prev, c) and not any(_overlaps(q, between) for q in content):
                groups[-1].append(c)
                continue
        groups.append([c])
    return groups


def _nearest(group: list[Range], speakers: list[Range]) -> Range | None:
    if not speakers:
        return None
    lo, hi = group[0][0], group[-1][1]
    return min(speakers, key=lambda s: min(abs(s[0] - hi), abs(lo - s[1])))


def _share_content(doc: Doc, atts: list[Attribution]) -> list[Attribution]:
    """Several attributions in one sentence split its content: each keeps the runs nearest to its cue."""
    by_sent: dict[int, list[int]] = {}
    for k, a in enumerate(atts):
        by_sent.setdefault(a.sentence, []).append(k)
    out = list(atts)
    for ks in by_sent.values():
        if len(ks) < 2:
            continue
        runs_ = sorted({q for k in ks for q in atts[k].content})
        owner: dict[Range, int] = {}
        for q in runs_:
            owner[q] = min(ks, key=lambda k: min(abs(q[0] - atts[k].cue[1]), abs(atts[k].cue[0] - q[1])))
        for k in ks:
            out[k] = replace(atts[k], content=tuple(q for q in runs_ if owner[q] == k))
    return out


def _continuations(doc: Doc, sents, atts: list[Attribution], labels: dict[int, str],
                   in_quote: list[bool]) -> list[Attribution]:
    """Sentences with no attribution of their own that still report someone:

    * a quotation followed, in the same paragraph, by an attribution that credits no quotation yet
      ("…" er hat Reportern erzählt X) belongs to that attribution;
    * Konjunktiv I sentences, and the labeller's content, continue the last attribution before them
      in the same paragraph, or in the next one when it goes on in Konjunktiv I or opens a quotation.
    """
    out = list(atts)
    by_sent: dict[int, list[int]] = {}
    for k, a in enumerate(out):
        by_sent.setdefault(a.sentence, []).append(k)
    para = _paragraph_index(doc, sents)
    pending: list[Range] = []  # quotations waiting for their attribution
    last: int | None = None
    for si, sent in enumerate(sents):
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        if si in by_sent:
            if pending:
                k = min(by_sent[si], key=lambda k: out[k].cue[0])  # pending ones stand in this paragraph
                out[k] = replace(out[k], content=tuple(pending) + out[k].content)
                pending = []
            last = max(by_sent[si])
            continue
        whole = (toks[0].i, toks[-1].i + 1)
        quoted = sum(in_quote[t.i] for t in toks) >= 0.8 * len(toks)
        ki = any(is_subjunctive_i(t) for t in toks)
        q_runs = runs(labels, "Q", sent.start, sent.end, doc)
        if quoted and _attribution_ahead(si, sents, by_sent, para):
            pending.append(whole)
            continue
        pending = []
        if last is None:
            continue
        home = para[out[last].sentence]
        near = para[si] == home or (para[si] == home + 1 and (ki or toks[0].is_quote))
        if near and ki:
            add: tuple[Range, ...] = (whole,)
        elif near and para[si] == home and (q_runs or quoted):
            add = (whole,) if quoted else tuple(q_runs)
        else:
            last = None  # the author's own sentence ends the report
            continue
        a = out[last]
        out[last] = replace(a, content=a.content + add)
    return out


def _paragraph_index(doc: Doc, sents) -> list[int]:
    out, p = [], 0
    for si, sent in enumerate(sents):
        if si and "\n" in doc.text[sents[si - 1].end_char:sent.start_char + 1]:
            p += 1
        out.append(p)
    return out


def _attribution_ahead(si: int, sents, by_sent: dict[int, list[int]], para: list[int]) -> bool:
    """Is there an attribution later in the same paragraph (before another unattributed sentence ends it)?"""
    for sj in range(si + 1, len(sents)):
        if para[sj] != para[si]:
            return False
        if sj in by_sent:
            return True
    return False


def _cue_parts(doc: Doc, a: Attribution) -> tuple[Range, ...]:
    """The cue with the parts grammar adds: the auxiliary of a participle ("hat … erklärt") and the
    separable particle of a finite verb ("teilte … mit", "gehen … davon aus")."""
    parts = set(a.all_cues)
    sent = doc[a.cue[0]].sent
    for s, e in list(parts):
        tok = doc[s]
        if tok.tag_ in ("VVPP", "VVN"):
            for k in range(s - 1, sent.start - 1, -1):
                if doc[k].text in (",", ";", ":") or doc[k].is_quote:
                    break
                if doc[k].tag_ in ("VAFIN", "VMFIN", "VHZ", "VHD", "VBZ", "VBD"):
                    parts.add((k, k + 1))
                    break
        elif tok.tag_ == "VVFIN":
            for k in range(e, sent.end):
                if doc[k].text in (",", ";", ":", ".") or doc[k].is_quote:
                    break
                if doc[k].tag_ == "PTKVZ":
                    start = k - 1 if k > e and doc[k - 1].tag_ == "PROAV" else k  # "davon aus", "darauf hin"
                    parts.add((start, k + 1))
                    break
    return tuple(sorted(parts))


def _trimmed(doc: Doc, spans: tuple[Range, ...]) -> tuple[Range, ...]:
    """Content without punctuation or white space at its edges (quotation marks stay), each span once."""
    out = []
    for s, e in spans:
        while s < e and (doc[s].is_space or (doc[s].is_punct and not doc[s].is_quote)):
            s += 1
        while e > s and (doc[e - 1].is_space or (doc[e - 1].is_punct and not doc[e - 1].is_quote
                                                  and doc[e - 1].text not in ".!?")):
            e -= 1
        if e > s and (s, e) not in out:
            out.append((s, e))
    return tuple(sorted(out))


def _form(doc: Doc, a: Attribution, in_quote: list[bool]) -> str:
    toks = [t for s, e in a.content for t in doc[s:e] if not t.is_space and not t.is_punct]
    if not toks:
        return "reported"
    quoted = sum(in_quote[t.i] for t in toks)
    if quoted >= 0.8 * len(toks):
        return "direct"
    home = doc[a.cue[0]].sent.start
    if all(doc[q[0]].sent.start != home for q in a.content):
        return "free_indirect"  # only sentences that continue a report elsewhere
    if any(t.lower_ in _CLAUSE_OPENERS or is_subjunctive_i(t) or t.pos_ in ("VERB", "AUX") for t in toks):
        return "indirect"
    return "reported"


def _resolve(doc: Doc, lex: Lexicon, a: Attribution, entities: list[Entity]) -> Range | None:
    """A pronoun or a bare surname speaker → the fuller mention of a person earlier in the text."""
    s, e = a.source
    if not a.has_speaker or e - s != 1:
        return None
    tok = doc[s]
    earlier = [x for x in entities if x.end <= s and x.kind in ("person", "org")]
    if tok.lower_ in lex.pronouns:
        persons = [x for x in earlier if x.kind == "person" and x.end - x.start >= 2]
        return (persons[-1].start, persons[-1].end) if persons else None
    if tok.text[:1].isupper():
        for x in reversed(earlier):
            if x.end - x.start >= 2 and doc[x.end - 1].text == tok.text:
                return x.start, x.end
    return None
