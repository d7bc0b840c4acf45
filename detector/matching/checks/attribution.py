"""Check ``attribution``: findings from the attribution analysis (unnamed or relayed sources).

Only attributions of the rules layer become findings: their cue is a lexicon word and their kind is
decided by the lexicons, so every finding can say why. A speech act ("forderte", "sicherte zu") credits
its subject in the inventory but is no sourcing device: the act is reported, not a claim relayed.
Hearsay without a speaker found by form (cue kind ``hearsay``: reportative "soll", whose finding is the
rule ``de.sourcing.reportative-soll``'s; "wurde spekuliert", which may report an established view) is
inventory only. The
role labeller's attributions enrich the sourcing inventory and the voice of the text, not the score."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detector.errors import RuleError
from detector.matching.hit import Hit
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from detector.analysis import Analysis


class AttributionCheck:
    PARAMS = {"source": "unnamed | relayed: which attributions become findings"}

    def __init__(self, rule: Rule, params: dict) -> None:
        self.kind = params.get("source", "unnamed")
        if self.kind not in ("unnamed", "relayed"):
            raise RuleError("match/params/source: must be 'unnamed' or 'relayed'", path=rule.path,
                            line=rule.line_of("match"))

    def find(self, analysis: Analysis) -> list[Hit]:
        hits = []
        for att in analysis.attributions:
            if att.kind == self.kind and att.layer == "rules" and att.cue_kind not in ("act", "hearsay"):
                s, e = analysis.char_span(*att.span)
                hits.append(Hit(s, e))
        return hits
