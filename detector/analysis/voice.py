"""Voice: whose words each token is.

* ``author``: the outlet's own words;
* ``direct``: a source's verbatim words (a quotation credited to a speaker, an interviewee's answer);
* ``reported``: a named source's claim in the author's paraphrase (a reported clause, a Konjunktiv I
  continuation, "laut X …"): the claim is the source's, the wording the author's;
* ``quotation``: quotation marks that no attribution credits (a title, a name, a term, or scare
  quotes: the scare-quote rules look there);
* ``interviewer``: the outlet's own questions in an interview ("Frage: …", "STANDARD: …");
* ``prompt``: a question that addresses the reader at the end of a forum article ("Was meinen Sie?").

A speech act the author summarises ("Die Gewerkschaft forderte Neuwahlen", form ``reported``) is
described in the author's words and makes no claim of the speaker's: it stays ``author`` too.
Content credited to an unnamed or relayed source in the author's paraphrase stays ``author``: the
outlet relays a claim no one it names stands behind ("Experten sagen, alles sei gelogen"), and the
attribution itself is already a sourcing finding. The same holds for hearsay with no speaker at
all ("…, heißt es"). The words that credit a source (speaker and cue) are always the author's.
Rules choose their voices in YAML (``where: {voice: [...]}``); see :attr:`detector.matching.rule.Rule.voices`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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


_TURN = re.compile(r"(?m)^[ \t]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß.\- ]{0,30}:[ \t]+(?=\S)")


def interview_turns(text: str, body_start: int, min_turns: int = 2) -> list[tuple[int, int]]:
    """Character ranges of labelled turns ("Frage: …", "WELSCH: …") when the body is an interview:
    at least two turns, and some label comes back (an interview alternates speakers; "Fazit:" and
    "Tipp:" do not)."""
    turns = []
    labels: dict[str, int] = {}
    for m in _TURN.finditer(text, body_start):
        end = text.find("\n", m.end())
        turns.append((m.end(), end if end != -1 else len(text)))
        label = m.group().strip().rstrip(":").lower()
        labels[label] = labels.get(label, 0) + 1
    return turns if len(turns) >= min_turns and max(labels.values(), default=0) >= 2 else []


def reader_prompts(doc: Doc, lex: Lexicon) -> list[tuple[int, int]]:
    """Token ranges of questions in the last two paragraphs that ask the reader: the reader is the
    subject near the start ("Was meinen Sie?", "Halten Sie …?", "What do you think?"); a question
    that only mentions the reader ("Why would a firm need your data?") is not a prompt."""
    paragraphs = [p for p in re.split(r"\n\s*\n", doc.text) if p.strip()]
    if not paragraphs:
        return []
    tail_start = doc.text.rfind(paragraphs[-2] if len(paragraphs) > 1 else paragraphs[-1])
    out = []
    for sent in doc.sents:
        if sent.end_char <= tail_start or not sent.text.rstrip().endswith("?"):
            continue
        words = [t for t in sent if t.is_alpha][:4]
        if any(t.text in lex.reader_address and (k > 0 or t.text.lower() != "sie" or lex.lang != "de")
               for k, t in enumerate(words)):
            out.append((sent.start, sent.end))
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
    for ai, a in enumerate(attributions):
        if not a.has_speaker or a.form == "reported":
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
    for a in attributions:  # the words that credit a source are the author's, also inside another's content
        if in_quote[a.cue[0]]:
            continue  # an attribution inside a quotation is the quoted speaker's ("Our information suggests", he said)
        for s, e in (a.span, *a.all_cues):
            for k in range(s, e):
                if of[k] in ("direct", "reported", "quotation"):  # „Ostbayern Aktuell“ in "Wie das Portal … berichtet"
                    of[k] = "author"
                    speaker.pop(k, None)
    return Voice(of, speaker)
