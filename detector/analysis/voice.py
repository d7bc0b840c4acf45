"""Voice: whose words each token is.

* ``author``: the outlet's own words;
* ``direct``: a source's verbatim words (a quotation credited to a speaker, an interviewee's answer);
* ``reported``: a named source's claim in the author's paraphrase (a reported clause, a Konjunktiv I
  continuation, "laut X …"): the claim is the source's, the wording the author's;
* ``quotation``: quotation marks that no attribution credits (a title, a name, a term, or scare
  quotes: the scare-quote rules look there);
* ``interviewer``: the outlet's own questions in an interview ("Frage: …", "STANDARD: …");
* ``prompt``: a question that addresses the reader at the end of a forum article ("Was meinen Sie?").

Copy whose quotation marks were lost (derStandard's archive strips them) leaves direct speech bare:
in a document without a single quotation mark, a body sentence in the first person ("Das ist ein
Unsinn, ich verspreche nichts") in a paragraph that credits a named speaker is taken as that
speaker's ``direct`` words. Where quotation marks are used, a first-person sentence outside them is
the author's (a blog post, a column).
A speech act the author summarises ("Die Gewerkschaft forderte Neuwahlen", form ``reported``) is
described in the author's words and makes no claim of the speaker's: it stays ``author`` too; but the
label a named source gives something ("bezeichnete das Urteil als Justizskandal", "called the protest a
riot": a naming verb of the lexicon) is that source's word, ``reported``.
Content credited to an unnamed or relayed source in the author's paraphrase stays ``author``: the
outlet relays a claim no one it names stands behind ("Experten sagen, alles sei gelogen"), and the
attribution itself is already a sourcing finding. The same holds for hearsay with no speaker at
all ("…, heißt es"); hearsay that goes on reporting a named source ("Demnach wolle …", "Er soll …
angenommen haben" after "berichtete der Kurier") is that source's. The words that credit a source
(speaker and cue) are always the author's.
Rules choose their voices in YAML (``where: {voice: [...]}``); see :attr:`detector.matching.rule.Rule.voices`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detector.analysis.grammar import is_subjunctive_i
from detector.analysis.nlp import paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from detector.analysis.attribution import Attribution
    from detector.analysis.lexicon import Lexicon

VOICES = ("author", "direct", "reported", "quotation", "interviewer", "prompt")


@dataclass
class Voice:
    of_token: list[str]
    speaker: dict[int, int] = field(default_factory=dict)  # token → index of the crediting attribution

    def is_author(self, start: int, end: int) -> bool:
        return all(v == "author" for v in self.of_token[start:end])

    def voices(self, start: int, end: int) -> set[str]:
        return set(self.of_token[start:end])


# a speaker label: at the start of a line or after the end of a sentence ("… gesagt. STANDARD: Und …")
_LABEL = re.compile(r"(?:^|(?<=[.!?…“”\"»«)]\s)|(?<=[.!?…]))[ \t]*([A-ZÄÖÜ][\w.\-]{0,24}(?: [A-ZÄÖÜ][\w.\-]{0,24})?):[ \t]+(?=\S)",
                    re.MULTILINE)


def interview_turns(text: str, body_start: int,
                    min_turns: int = 2) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Character ranges of labelled turns ("Frage: …", "STANDARD: …", "Huber: …") when the body is an
    interview, each with its label's range (the name before the colon): labels at the start of a line or of
    a sentence, at least two turns, and some label comes back (an interview alternates speakers; "Fazit:"
    and "Tipp:" do not). A turn runs to the next label or the end of its paragraph."""
    every = [(m.start(1), m.end(), m.group(1).lower(), m.end(1)) for m in _LABEL.finditer(text)
             if not _numbered(text, m.start(1))]
    counts: dict[str, int] = {}
    for _, _, label, _ in every:
        counts[label] = counts.get(label, 0) + 1
    found = [f for f in every if f[0] >= body_start]
    if len(found) < min_turns or max(counts.values(), default=0) < 2:
        return []
    # in an interview, a label that comes back or is written in capitals opens a turn; another label that
    # comes once ("Fazit:") is part of an answer
    labels = {lab for lab, n in counts.items() if n >= 2}
    found = [f for f in found if f[2] in labels or _caps(f[2], text, f[0])]
    turns = []
    for k, (label_start, start, _, label_end) in enumerate(found):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if k + 1 < len(found) and found[k + 1][0] < end:
            end = found[k + 1][0]
        while end > start and text[end - 1].isspace():
            end -= 1
        turns.append(((label_start, label_end), (start, end)))
    return turns


_ORDINAL_BEFORE = re.compile(r"(?:^|[^\d.])\d{1,2}\.[ \t]*$")


def _numbered(text: str, at: int) -> bool:
    """A label right after an ordinal ("2. Tag: …", "6. und 7. Tag: …", "Chronik 1. Tag: …"): a numbered
    heading or list item, not a speaker's turn (a year ending a sentence, "… 2008. Huber: …", is no ordinal)."""
    return bool(_ORDINAL_BEFORE.search(text[text.rfind("\n", 0, at) + 1:at]))


def _caps(label: str, text: str, at: int) -> bool:
    """A label written in capitals ("STANDARD", "FRAGE"): a turn label even when it comes once."""
    original = text[at:at + len(label)]
    return len(original) > 1 and original.isupper()


def reader_prompts(doc: Doc, lex: Lexicon) -> list[tuple[int, int]]:
    """Token ranges of questions in the last two paragraphs that ask the reader: the reader is the
    subject near the start ("Was meinen Sie?", "Halten Sie …?", "What do you think?"); a question
    that only mentions the reader ("Why would a firm need your data?") is not a prompt."""
    paragraphs = [p for p in re.split(r"\n\s*\n", doc.text) if p.strip()]
    if not paragraphs:
        return []
    tail_start = doc.text.rfind(paragraphs[-2] if len(paragraphs) > 1 else paragraphs[-1])
    out = []
    prompt_before = False
    for sent in doc.sents:
        if sent.end_char <= tail_start or not sent.text.rstrip().endswith("?"):
            prompt_before = False
            continue
        words = [t for t in sent if t.is_alpha][:4]
        if prompt_before or any(t.text in lex.reader_address and (k > 0 or t.text.lower() != "sie" or lex.lang != "de")
                                for k, t in enumerate(words)):
            out.append((sent.start, sent.end))  # a question right after a prompt belongs to it ("Wie sehen Sie das? Ist …?")
            prompt_before = True
    return out


def find_voice(doc: Doc, lex: Lexicon, in_quote: list[bool], attributions: list[Attribution],
               turns: list[tuple[int, int]]) -> Voice:
    """The voice of every token (see the module docstring)."""
    of = ["quotation" if q else "author" for q in in_quote]
    speaker: dict[int, int] = {}
    for s, e in turns:
        for k in range(s, e):
            of[k] = "interviewer"  # the answers are credited to the interviewee below
    for s, e in reader_prompts(doc, lex):
        for k in range(s, e):
            if of[k] == "author":
                of[k] = "prompt"
    _credited_content(in_quote, attributions, of, speaker)
    _naming_clauses(doc, lex, attributions, of, speaker)
    if not any(in_quote):  # copy whose quotation marks were lost
        _bare_direct_speech(doc, lex, attributions, of, speaker)
    _uncredited_reported_speech(doc, lex, attributions, of)
    _crediting_words_as_author(in_quote, attributions, of, speaker)
    return Voice(of, speaker)


def _credited_content(in_quote: list[bool], attributions: list[Attribution], of: list[str],
                      speaker: dict[int, int]) -> None:
    """The content an attribution credits to a speaker: quoted words are ``direct``, a named source's
    paraphrase ``reported``; a paraphrase of an unnamed or relayed source stays the author's."""
    for ai, a in enumerate(attributions):
        continues = a.cue_kind == "hearsay" and a.kind == "named"  # "Demnach …" after a named report: its words
        if (not a.has_speaker and not continues) or a.form == "reported":
            continue  # no one named; or a speech act summarised in the author's words ("forderte Neuwahlen")
        for s, e in a.content:
            for k in range(s, e):
                if in_quote[k] or a.form == "direct":
                    of[k] = "direct"
                elif a.kind == "named" and of[k] != "interviewer":
                    of[k] = "reported"
                else:
                    continue  # an unnamed or relayed source's claim in the author's words: the author's
                speaker.setdefault(k, ai)


def _crediting_words_as_author(in_quote: list[bool], attributions: list[Attribution], of: list[str],
                               speaker: dict[int, int]) -> None:
    """The words that credit a source (speaker and cue) are the author's, unless another speaker says them."""
    for a in attributions:
        if in_quote[a.cue[0]] or of[a.cue[0]] in ("direct", "reported"):
            continue  # nested: "Our information suggests", he said; "Wir sind eine Anlaufstelle für Personen, die …", sagte X
        for s, e in (a.span, *a.all_cues):
            for k in range(s, e):
                if of[k] in ("direct", "reported", "quotation"):  # „Ostbayern Aktuell“ in "Wie das Portal … berichtet"
                    of[k] = "author"
                    speaker.pop(k, None)


def _naming_clauses(doc: Doc, lex: Lexicon, attributions: list[Attribution], of: list[str],
                    speaker: dict[int, int]) -> None:
    """A named source's label for something ("Die Anwältin bezeichnete das Urteil als Justizskandal", "the
    minister called the protest a riot"): the clause of a naming verb is that source's word, not the
    outlet's, though no quotation marks say so."""
    for ai, a in enumerate(attributions):
        if a.kind != "named" or not a.has_speaker or not any(
                doc[k].lemma_.lower() in lex.naming_verbs for s, e in a.all_cues for k in range(s, e)):
            continue
        sent = doc[a.cue[0]].sent
        lo = a.cue[0]
        while lo > sent.start and not doc[lo - 1].is_punct:
            lo -= 1
        hi = a.cue[1]
        while hi < sent.end and not doc[hi].is_punct:
            hi += 1
        for k in range(lo, hi):
            if of[k] == "author":
                of[k] = "reported"
                speaker.setdefault(k, ai)


def _uncredited_reported_speech(doc: Doc, lex: Lexicon, attributions: list[Attribution], of: list[str]) -> None:
    """A sentence in Konjunktiv I that no attribution covers still reports someone ("Die Schadsoftware sei
    offenbar auf russischen Rechnern programmiert worden" after a speaker two paragraphs up): the mood
    says the words are not the author's claim, even where the speaker is not found. Fixed phrases in
    the mood ("es sei denn", "Gott sei Dank") do not count."""
    covered = {k for a in attributions for s, e in (a.span, *a.content) for k in range(s, e)}
    for sent in doc.sents:
        toks = [t for t in sent if not (t.is_punct or t.is_space)]
        if not toks or any(of[t.i] != "author" or t.i in covered for t in toks):
            continue
        ki = next((t.i for t in toks if is_subjunctive_i(t) and not _idiom(doc, t.i, lex.subjunctive_idioms)), None)
        if ki is None:
            continue
        # from the clause of the verb on: "Gerüchte waren gestreut worden, der Kapitän sei verletzt" reports
        # only what follows the comma; the main clause is the author's
        start = max((t.i + 1 for t in sent if t.i < ki and t.text in (",", ":", ";", "–")), default=toks[0].i)
        for t in toks:
            if t.i >= start:
                of[t.i] = "reported"


def _idiom(doc: Doc, i: int, idioms: tuple[tuple[str, ...], ...]) -> bool:
    """Does token ``i`` stand in one of the fixed phrases (lower-case word tuples)?"""
    for words in idioms:
        for start in range(i - len(words) + 1, i + 1):
            if start >= 0 and start + len(words) <= len(doc) and all(
                    doc[start + j].lower_ == w for j, w in enumerate(words)):
                return True
    return False


def _bare_direct_speech(doc: Doc, lex: Lexicon, attributions: list[Attribution], of: list[str],
                        speaker: dict[int, int]) -> None:
    """First-person body sentences in a paragraph that credits a speaker: that speaker's unmarked words."""
    if not lex.first_person:
        return
    para_of = paragraphs(doc)
    sents = list(doc.sents)
    sent_of = {}
    for si, sent in enumerate(sents):
        for k in range(sent.start, sent.end):
            sent_of[k] = si
    speakers_in: dict[int, list[int]] = {}
    for ai, a in enumerate(attributions):
        if a.has_speaker and a.kind == "named" and not any(doc[k].lower_ in lex.first_person for k in range(*a.source)):
            # "Unsere Informationen deuten darauf hin": a first-person source is the outlet itself, not a speaker
            speakers_in.setdefault(para_of[sent_of[a.cue[0]]], []).append(ai)
    for si, sent in enumerate(sents):
        if si == 0 or para_of[si] not in speakers_in:
            continue
        toks = [t for t in sent if not t.is_space]
        if not any(t.lower_ in lex.first_person for t in toks) or any(of[t.i] != "author" for t in toks if not t.is_punct):
            continue
        ai = min(speakers_in[para_of[si]], key=lambda i: abs(sent_of[attributions[i].cue[0]] - si))
        for t in toks:
            of[t.i] = "direct"
            speaker[t.i] = ai
