"""How an attribution is shown in the sourcing inventory: which words are its speaker, which its cue.

The analysis keeps, for a source phrase with a noun of saying ("nach Angaben der Polizei", "nach
palästinensischen Angaben", "ihrer Meinung nach"), the whole "nach …" phrase as the cue and the owner
("der Polizei") as the source, since that owner decides named or unnamed. The inventory shows it the way
the published German attribution gold does (Petersen-Frey & Biemann 2024): the preposition is the cue,
and the noun of saying with its owner is the speaker mention ("Angaben der Polizei"). A reported
speech act ("Der Rat wies die Forderung zurück") has no words of its own to credit: the inventory shows
its sentence as what is reported, as that gold does; the voice layer still reads only ``content``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detector.analysis.attribution.types import Attribution, Range

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from detector.analysis.lexicon import Lexicon


def shown_parts(doc: Doc, lex: Lexicon, att: Attribution) -> tuple[Range | None, Range, tuple[Range, ...]]:
    """Speaker mention (``None``: no one is named), main cue and every cue, as token ranges."""
    speaker = att.source if att.has_speaker else None
    cue, cues = att.cue, att.all_cues
    s, e = cue
    if att.cue_kind != "preposition" or e - s < 2 or speaker is None:
        return speaker, cue, cues
    if doc[s].lower_ in lex.source_prep_heads and speaker[0] > s:  # "nach Angaben der Polizei"
        shown = (s, s + 1)
        speaker = (s + 1, max(speaker[1], e))
    elif doc[e - 1].lower_ in lex.source_prep_heads and s <= speaker[0] and speaker[1] <= e:  # "ihrer Meinung nach"
        shown = (e - 1, e)
        speaker = (s, e - 1)
    else:
        return speaker, cue, cues
    return speaker, shown, tuple(shown if c == cue else c for c in cues)


def shown_content(doc: Doc, att: Attribution) -> tuple[Range, ...]:
    """What the inventory shows as reported: the content, or for a reported act with none its sentence."""
    if att.content or att.form != "reported":
        return att.content
    sent = doc[att.cue[0]].sent
    s, e = sent.start, sent.end
    while s < e and (doc[s].is_space or (doc[s].is_punct and not doc[s].is_quote)):
        s += 1
    while e > s and (doc[e - 1].is_space or (doc[e - 1].is_punct and not doc[e - 1].is_quote)):
        e -= 1
    return ((s, e),) if e > s else ()
