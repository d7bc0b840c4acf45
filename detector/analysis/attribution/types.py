"""One attribution: who (speaker), by which words (cue), is credited with what (content), and how."""

from __future__ import annotations

from dataclasses import dataclass

Range = tuple[int, int]  # token range [start, end)


@dataclass(frozen=True)
class Attribution:
    source: Range  # the speaker phrase; equal to ``cue`` when no one is named ("es heißt")
    cue: Range  # the main cue (verb, preposition, impersonal phrase, colon)
    kind: str  # named | unnamed | relayed
    sentence: int
    cue_kind: str  # verb | preposition | impersonal | colon | model
    joined: bool = False  # source and cue read as one phrase across a comma (relative clause)
    phrase: Range | None = None  # the whole attribution phrase, when it is more than source + cue
    cues: tuple[Range, ...] = ()  # every part of the cue ("teilte … mit", "hat … erklärt"); empty: just ``cue``
    content: tuple[Range, ...] = ()  # what the speaker is credited with
    form: str = "indirect"  # direct | indirect | free_indirect | reported
    resolved: Range | None = None  # the full mention a pronoun or short name refers to
    layer: str = "rules"  # rules (cue lexicons and grammar) | model (the trained role labeller)

    @property
    def has_speaker(self) -> bool:
        return self.source != self.cue or self.cue_kind not in ("impersonal", "hearsay")

    @property
    def span(self) -> Range:
        """Source plus cue when they touch (argumentieren Analysten, laut Experten)."""
        if self.phrase:
            return self.phrase
        s, e = self.source
        cs, ce = self.cue
        if self.joined or self.cue_kind in ("preposition", "impersonal") or ce == s or e == cs:
            return min(s, cs), max(e, ce)
        return s, e

    @property
    def all_cues(self) -> tuple[Range, ...]:
        return self.cues or (self.cue,)
