"""Assemble attributions from the two layers: the rules (cue lexicons, source phrases, grammar) and
the role labeller (token labels cue / speaker / content).

1. The labeller's labels are grouped per sentence: cue runs in one clause form a cue group; each
   speaker run and each content run goes to the nearest cue group of its sentence.
2. A rule attribution takes over the group it explains (the same cue, or the same speaker): its
   source phrase and kind (the explainable reading) with the group's cue parts and content
   (``layer: rules``). A rule attribution with no group keeps the content of its clause.
3. A group no rule explains is an attribution of its own (``layer: model``); a group with no speaker
   belongs to the attribution before it in the sentence ("lehnte ab und forderte …"), or else names
   no one ("wurde bekannt", "heißt es"): hearsay in the inventory. Findings come from the rules layer
   only (:mod:`detector.matching.checks.attribution`), which can explain them.
4. Sentences with content but no cue continue a report: a quotation before "…, sagte X" in the same
   paragraph belongs to X; Konjunktiv I sentences (the grammar step's ``morph``) and the labeller's
   content continue the attribution before them (form ``free_indirect`` when that is all there is).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from detector.analysis.attribution import kind as kinds
from detector.analysis.attribution.rules import english_clause_at, used_as_adjective
from detector.analysis.attribution.types import Attribution, Range
from detector.analysis.grammar import is_subjunctive_i
from detector.analysis.nlp import paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from detector.analysis.lexicon import Lexicon
    from detector.analysis.names import Entity


@dataclass
class _Group:
    sentence: int
    cues: list[Range]
    speaker: Range | None = None
    content: list[Range] = field(default_factory=list)


def runs(labels: dict[int, str], label: str, lo: int, hi: int, doc: Doc) -> list[Range]:
    """Maximal runs of ``label`` among tokens lo..hi (white space inside a run is bridged)."""
    out: list[Range] = []
    start = last = None
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


def _distance(a: Range, b: Range) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _same_clause(doc: Doc, a: Range, b: Range) -> bool:
    lo, hi = (a[1], b[0]) if a[0] < b[0] else (b[1], a[0])
    return all(doc[k].text not in (",", ";", ":") and not doc[k].is_quote for k in range(lo, hi))


def assemble(doc: Doc, lex: Lexicon, entities: list[Entity], in_quote: list[bool], rule_atts: list[Attribution],
             labels: dict[int, str]) -> list[Attribution]:
    """One list of attributions, each with its cues, content, form and layer."""
    sents = list(doc.sents)
    ent_at = {k: e for e in entities for k in range(e.start, e.end)}
    groups, loose = _groups(doc, sents, labels)
    out: list[Attribution] = []
    taken: set[int] = set()
    for a in rule_atts:
        k = next((k for k, g in enumerate(groups) if k not in taken and g.sentence == a.sentence and (
            any(_overlaps(c, a.cue) or _overlaps(c, a.span) for c in g.cues)
            or (g.speaker is not None and _overlaps(g.speaker, a.source)))), None)
        if k is None:
            out.append(replace(a, content=_clause_content(doc, lex, a)))
            continue
        taken.add(k)
        g = groups[k]
        cues = {a.cue} | {c for c in g.cues if not _overlaps(c, a.source)}
        content = tuple(q for q in g.content if not _overlaps(q, a.span)) or _clause_content(doc, lex, a)
        source = a.source
        fuller = None if g.speaker is None else (min(a.source[0], g.speaker[0]), max(a.source[1], g.speaker[1]))
        if fuller is not None and (_overlaps(g.speaker, a.source) or _distance(g.speaker, a.source) <= 1) \
                and not _holds_verb(doc, fuller, a.source) and not _bare_pronoun(doc, lex, a.source):
            # the fuller mention, without whom it was said to; a pronoun is a whole mention already (not "sie
            # ein" of "sagte sie ein Ansteigen … voraus")
            source = (_left_start(doc, lex, a.source, g.speaker), _right_end(doc, lex, a.source, g.speaker))
        if source[0] < a.source[0] and source[1] == a.source[1] and a.kind == "unnamed" \
                and kinds.classify(doc, lex, source, a.cue, ent_at) == "named":
            # the words before the mention make it definite or name it: "The American forensics expert" (the one
            # introduced); not what follows it ("Insidern aus der Verwaltung" stays unnamed)
            a = replace(a, kind="named")
        out.append(replace(a, source=source, phrase=a.span if source != a.source else a.phrase,
                           cues=tuple(sorted(cues)), content=content))
    for k, g in enumerate(groups):
        if k in taken or _adjective_cue(doc, lex, g.cues):
            continue
        if g.speaker is not None and _passive_cue(doc, lex, g.cues):
            g.speaker = None  # "The striker is said to …", "Residents were advised": whom it is about, not who says
        if g.speaker is not None and _bare_pronoun(doc, lex, g.speaker) and not _lexicon_cue(doc, lex, g.cues):
            continue  # "Er teilt dieses Los …": a pronoun and a verb no lexicon knows; the labeller guesses
        if g.speaker is not None:
            out.append(Attribution(source=g.speaker, cue=g.cues[0], kind=kinds.classify_model_speaker(doc, lex, g.speaker, ent_at),
                                   sentence=g.sentence, cue_kind="model", cues=tuple(g.cues), content=tuple(g.content),
                                   layer="model"))
            continue
        host = max((i for i, a in enumerate(out) if a.sentence == g.sentence and a.cue[0] < g.cues[0][0]),
                   key=lambda i: out[i].cue[0], default=None)
        if host is not None:  # "lehnte den Plan ab und forderte Neuwahlen": the same speaker
            a = out[host]
            out[host] = replace(a, cues=tuple(sorted(set(a.all_cues) | set(g.cues))),
                                content=tuple(sorted(set(a.content) | set(g.content))))
        elif _hearsay(doc, lex, g.cues, g.content):  # no one named: hearsay ("wurde bekannt", "heißt es") in the inventory
            out.append(Attribution(source=g.cues[0], cue=g.cues[0], kind="relayed", sentence=g.sentence,
                                   cue_kind="impersonal", cues=tuple(g.cues), content=tuple(g.content), layer="model"))
    out = _continuations(doc, lex, sents, sorted(out, key=lambda a: (a.sentence, a.cue)), loose, in_quote)
    out = [replace(a, cues=_cue_parts(doc, lex, a)) for a in out]
    out = [replace(a, content=_trimmed(doc, a.content)) for a in out]
    out = [replace(a, form=_form(doc, lex, a, in_quote)) for a in out]
    out = [replace(a, resolved=_resolve(doc, lex, a, entities)) for a in out]
    return out


def _left_start(doc: Doc, lex: Lexicon, rule: Range, model: Range) -> int:
    """Where the fuller mention starts: the labeller's speaker may begin before the rules' one, but not
    with the pronoun it was said to ("sagte ihm die Bürgermeisterin")."""
    start = min(rule[0], model[0])
    while start < rule[0] and doc[start].lower_ in lex.oblique_pronouns:
        start += 1
    return start


def _right_end(doc: Doc, lex: Lexicon, rule: Range, model: Range) -> int:
    """Where the fuller mention ends: the labeller's speaker may run on past the rules' one, but not into
    whom the speaker addressed ("sagte Lanzer dem Sender „Al Jazeera“")."""
    if model[1] <= rule[1] or doc[rule[1]].lower_ in lex.addressee_articles:
        return rule[1]
    return model[1]


def _bare_pronoun(doc: Doc, lex: Lexicon, span: Range) -> bool:
    """A speaker that is one personal pronoun (er, sie, ich, wir; he, she, I, we, they)."""
    return span[1] - span[0] == 1 and doc[span[0]].tag_ in ("PPER", "PNP")


def _lexicon_cue(doc: Doc, lex: Lexicon, cues: list[Range]) -> bool:
    """Does a cue part hold a word of the lexicons: a verb of speech or of a speech act (or its stem), a
    source preposition, a colon?"""
    for s, e in cues:
        for k in range(s, e):
            t = doc[k]
            for w in (t.lemma_, t.lower_):
                if w in lex.speech_verbs or w in lex.speech_act_verbs or w in lex.separable_by_stem \
                        or w in lex.source_prepositions or t.text == ":":
                    return True
    return False


def _adjective_cue(doc: Doc, lex: Lexicon, cues: list[Range]) -> bool:
    """A labeller's cue that is only a source preposition used as an adjective ("es sei laut.")."""
    toks = [k for s, e in cues for k in range(s, e)]
    return all(doc[k].lower_ in lex.source_prepositions and used_as_adjective(doc, k, len(doc)) for k in toks)


def _holds_verb(doc: Doc, span: Range, but: Range) -> bool:
    """Does ``span`` hold a verb outside ``but``? A speaker is a mention, not a clause ("Prices may rise …,
    the bank said": the labeller's run is no fuller mention of "the bank")."""
    return any(doc[k].pos_ in ("VERB", "AUX") for k in range(*span) if not but[0] <= k < but[1])


def _passive_cue(doc: Doc, lex: Lexicon, cues: list[Range]) -> bool:
    """Is the cue a passive ("is said", "were advised", "wurde mitgeteilt")? Its subject is then not the speaker."""
    toks = [k for s, e in cues for k in range(s, e)]
    if not toks:
        return False
    aux = [k for k in (*toks, toks[0] - 1) if k >= 0 and (doc[k].lower_ in lex.passive_auxiliaries
                                                          or doc[k].lower_ in lex.be_present)]
    return bool(aux) and any(doc[k].tag_ in ("VVN", "VVPP") for k in toks)


def _hearsay(doc: Doc, lex: Lexicon, cues: list[Range], content: list[Range]) -> bool:
    """A cue with no speaker that is hearsay by its form: a passive that reports something ("wurde bekannt,
    dass", "it was reported that"; not "parents have been told about it") or an impersonal subject ("heißt
    es", "man hört"). Else ("…, writing", "citing") the labeller lost the speaker."""
    if _passive_cue(doc, lex, cues):
        return bool(content)
    if any(doc[k].lower_ in lex.hearsay_words for s, e in cues for k in range(s, e)):
        return True  # "reportedly", "angeblich", "according to reports"
    lo, hi = cues[0][0], cues[-1][1]
    return any(doc[k].lower_ in lex.impersonal_subjects for k in range(max(0, lo - 2), min(len(doc), hi + 2)))


def _groups(doc: Doc, sents, labels: dict[int, str]) -> tuple[list[_Group], dict[int, list[Range]]]:
    """The labeller's cue groups with their speakers and content, and content runs with no cue in
    their sentence (by sentence)."""
    groups: list[_Group] = []
    loose: dict[int, list[Range]] = {}
    for si, sent in enumerate(sents):
        cue_runs = runs(labels, "C", sent.start, sent.end, doc)
        content = runs(labels, "Q", sent.start, sent.end, doc)
        speakers = runs(labels, "S", sent.start, sent.end, doc)
        mine: list[_Group] = []
        for c in sorted(cue_runs):
            if mine and _same_clause(doc, mine[-1].cues[-1], c) and not any(
                    _overlaps(q, (mine[-1].cues[-1][1], c[0])) for q in content):
                mine[-1].cues.append(c)
            else:
                mine.append(_Group(si, [c]))
        if not mine:
            if content:
                loose[si] = content
            continue
        for s in speakers:
            g = min(mine, key=lambda g: min(_distance(s, c) for c in g.cues))
            if g.speaker is None:
                g.speaker = s
            elif _distance(g.speaker, s) <= 3 and not any(_overlaps(c, (min(s[1], g.speaker[1]), max(s[0], g.speaker[0])))
                                                         for c in g.cues):
                g.speaker = (min(s[0], g.speaker[0]), max(s[1], g.speaker[1]))  # "Sowohl X als auch Y"
            elif min(_distance(s, c) for c in g.cues) < min(_distance(g.speaker, c) for c in g.cues):
                g.speaker = s
        for q in content:
            g = min(mine, key=lambda g: min(_distance(q, c) for c in g.cues))
            g.content.append(q)
        groups += mine
    return groups, loose


_CUE_TAIL = frozenset({"PTKVZ", "PROAV", "ADV", "AV0", "AVP"})  # particles and adverbs between a cue and its clause


def _clause_content(doc: Doc, lex: Lexicon, a: Attribution) -> tuple[Range, ...]:
    """Content by the clause, where the labeller credited none: after "laut X" the rest of the
    sentence; after "sagte," / "said:" the clause that follows; before ", sagte X" the clause before."""
    sent = doc[a.cue[0]].sent
    toks = [t for t in sent if not t.is_space]
    if not toks:
        return ()
    lo, hi = min(a.source[0], a.cue[0]), max(a.source[1], a.cue[1])
    first, last = toks[0].i, toks[-1].i + (0 if toks[-1].is_punct else 1)
    if a.cue_kind in ("preposition", "hearsay"):
        spans = [(first, lo), (hi, last)]
        return tuple((s, e) for s, e in spans if e - s >= 2 and any(doc[k].is_alpha for k in range(s, e)))
    if a.cue_kind == "colon" and doc[hi - 1].text == ":":  # "Ihr Fazit: …": what follows the colon
        return ((hi, last),) if last - hi >= 2 else ()
    k = hi
    while k < min(last, hi + 3) and doc[k].tag_ in _CUE_TAIL:  # "gehen davon aus, dass", "sagte gestern, dass"
        k += 1
    # "Wahrscheinlich ja, glaubt die Polizei, will aber …": a verb after the claim's comma credits the clause
    # before it (after "…, so Strache, …" the words that follow are his too)
    post_posed = lo > first and doc[lo - 1].text == "," and doc[a.cue[0]].pos_ in ("VERB", "AUX")
    if k < last and doc[k].text in (",", ":") and not post_posed:
        return ((k + 1, last),) if last - k > 2 else ()
    colon = next((m for m in range(k, last) if doc[m].is_punct), None)
    if a.cue_kind == "verb" and colon is not None and doc[colon].text == ":" and last - colon > 2:
        # "kritisierte die Entscheidung scharf: „…“": what follows the colon, up to another speaker's
        # post-posed cue ("…: Einseitige Beschlüsse schaden, sagte Gentiloni nach Angaben der Medien")
        end = next((m for m in range(colon + 2, last - 1) if doc[m].text == "," and (
            doc[m + 1].lemma_ in lex.speech_verbs or doc[m + 1].lower_ in lex.speech_verbs)), last)
        return ((colon + 1, end),)
    if a.cue_kind == "verb" and colon is not None and doc[colon].text == "," and colon + 1 < last \
            and doc[colon + 1].lower_ in lex.clause_openers and last - colon > 2:
        return ((colon + 1, last),)  # "ging die Feuerwehr wegen des Sturms noch davon aus, dass …"
    if a.cue_kind == "verb" and a.source[1] <= a.cue[0] and k < last and doc[k].is_alpha \
            and doc[k].lower_ in lex.clause_openers:
        return ((k, last),) if last - k > 2 else ()  # "Officials have warned that the dam could break"
    if a.cue_kind == "verb" and a.source[1] <= a.cue[0] and lex.lang == "en" and last - k > 2 \
            and english_clause_at(doc, k, min(last, k + 6)):
        return ((k, last),)  # "Some analysts think Motorola may save the launch": a clause without "that"
    end = lo
    while end > first and (doc[end - 1].text == "," or doc[end - 1].is_space):
        end -= 1
    if end < lo or (end > first and doc[end - 1].is_quote and doc[end - 1].i != first):  # "…", sagte X / "…," said X
        return ((first, end),) if end - first >= 2 else ()
    return ()


def _continuations(doc: Doc, lex: Lexicon, sents, atts: list[Attribution], loose: dict[int, list[Range]],
                   in_quote: list[bool]) -> list[Attribution]:
    """Sentences with no attribution of their own that still report someone:

    * a quotation followed, in the same paragraph, by an attribution ("…" er hat Reportern erzählt X)
      belongs to that attribution;
    * Konjunktiv I sentences, and the labeller's content, continue the last attribution before them
      in the same paragraph, or in the next one when it goes on in Konjunktiv I or opens a quotation;
    * so does, in the same paragraph, a sentence with reportative "soll" ("…, teilte die Polizei mit.
      Unter den Verletzten soll auch ein Kind sein.").
    """
    out = list(atts)
    by_sent: dict[int, list[int]] = {}
    for k, a in enumerate(out):
        by_sent.setdefault(a.sentence, []).append(k)
    para = paragraphs(doc)
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
            last = max(by_sent[si], key=lambda k: out[k].cue[0])
            continue
        whole = (toks[0].i, toks[-1].i + 1)
        quoted = sum(in_quote[t.i] for t in toks) >= 0.8 * len(toks)
        reporting = any(is_subjunctive_i(t) for t in toks) or (  # Konjunktiv I, or "… soll … sein" in the paragraph
            last is not None and para[si] == para[out[last].sentence]
            and any(t.lower_ in lex.reportative_modals for t in toks))
        if quoted and _attribution_ahead(si, sents, by_sent, para):
            pending.append(whole)
            continue
        pending = []
        if last is None:
            continue
        home = para[out[last].sentence]
        if para[si] not in (home, home + 1) or not (reporting or quoted or (si in loose and para[si] == home)):
            last = None  # an author's sentence (no Konjunktiv I, no quotation) ends the report
            continue
        a = out[last]
        out[last] = replace(a, content=a.content + ((whole,) if reporting or quoted else tuple(loose[si])))
    return out


def _attribution_ahead(si: int, sents, by_sent: dict[int, list[int]], para: list[int]) -> bool:
    """Is there an attribution later in the same paragraph?"""
    for sj in range(si + 1, len(sents)):
        if para[sj] != para[si]:
            return False
        if sj in by_sent:
            return True
    return False


def _cue_parts(doc: Doc, lex: Lexicon, a: Attribution) -> tuple[Range, ...]:
    """The cue with the parts grammar adds: the auxiliary of a participle ("hat … erklärt"), the
    separable particle of a finite verb ("teilte … mit", "gehen … davon aus") and the conjunction of a
    relay clause ("wie … berichtet")."""
    parts = set(a.all_cues)
    sent = doc[a.cue[0]].sent
    if a.phrase and a.phrase[0] < a.cue[0] and doc[a.phrase[0]].lower_ in lex.relay_conjunctions:
        parts.add((a.phrase[0], a.phrase[0] + 1))  # "wie | berichtet": the conjunction is part of the cue
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


def _form(doc: Doc, lex: Lexicon, a: Attribution, in_quote: list[bool]) -> str:
    toks = [t for s, e in a.content for t in doc[s:e] if not t.is_space and not t.is_punct]
    if not toks:
        return "reported"
    if sum(in_quote[t.i] for t in toks) >= 0.8 * len(toks):
        return "direct"
    home = doc[a.cue[0]].sent.start
    if all(doc[q[0]].sent.start != home for q in a.content):
        return "free_indirect"  # only sentences that continue a report elsewhere
    if a.cue_kind == "colon":
        return "indirect"  # "Ihr Fazit: Action-Spiele dürften …": a claim, whatever its verb
    if any(t.lower_ in lex.clause_openers or is_subjunctive_i(t) or t.pos_ in ("VERB", "AUX") for t in toks):
        return "indirect"
    return "reported"


def _resolve(doc: Doc, lex: Lexicon, a: Attribution, entities: list[Entity]) -> Range | None:
    """A pronoun or a bare surname speaker → the fuller mention of a person earlier in the text."""
    s, e = a.source
    if not a.has_speaker or e - s != 1:
        return None
    tok = doc[s]
    earlier = [x for x in entities if x.end <= s and x.kind in ("person", "org")]
    if lex.is_pronoun(tok):
        persons = [x for x in earlier if x.kind == "person" and x.end - x.start >= 2]
        return (persons[-1].start, persons[-1].end) if persons else None
    if tok.text[:1].isupper():
        for x in reversed(earlier):
            if x.end - x.start >= 2 and doc[x.end - 1].text == tok.text:
                return x.start, x.end
    return None
