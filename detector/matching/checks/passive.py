"""Check ``agentless_passive``: a passive that hides who acted (``wurde beschlossen``, "was decided").

Without a tagger, a passive is an auxiliary (``auxiliaries``) and a past participle in the same
clause, before or after it (German verb-final clauses put the participle first: ``informiert
wurde``). A participle is recognised by its shape (``participle_patterns``, e.g. ``ge…t``) and,
for shapes an infinitive shares, by the lookup lemmatizer telling it is an inflected form.
The passive is left alone when the clause names the agent (``agent_markers`` such as ``von`` /
``durch`` / ``by``), when the sentence is credited to a named source, and for participles that
are adjectives in practice (``not_participles``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detector.matching.kinds import Hit
from detector.matching.kinds.regex import compile_re2
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detector.analysis import Analysis

_CLAUSE_BREAK = {",", ".", ";", ":", "!", "?", "–", "—", "(", ")", "\n"}


class PassiveCheck:
    PARAMS = {"auxiliaries": "passive auxiliaries (wurde, worden / was, were, been)",
              "participle_patterns": "RE2 patterns a participle matches (whole lower-case word)",
              "ambiguous_patterns": "participle shapes an infinitive shares: need the lemma to differ from the word",
              "agent_markers": "prepositions that introduce the agent (von, durch / by)",
              "not_participles": "words of participle shape that are not passive participles here",
              "window": "how many words between auxiliary and participle; default 8",
              "skip_named": "leave passives in sentences credited to a named source; default true",
              "impersonal_subjects": "dummy subjects taken into the span (it was decided, es wurde beschlossen)"}

    def __init__(self, rule: Rule, params: dict) -> None:
        self.aux = {w.lower() for w in params.get("auxiliaries", [])}
        self.patterns = [compile_re2(f"^(?:{p})$", False, rule) for p in params.get("participle_patterns", [])]
        self.ambiguous = [compile_re2(f"^(?:{p})$", False, rule) for p in params.get("ambiguous_patterns", [])]
        self.agents = {w.lower() for w in params.get("agent_markers", [])}
        self.not_participles = {w.lower() for w in params.get("not_participles", [])}
        self.window = int(params.get("window", 8))
        self.skip_named = bool(params.get("skip_named", True))
        self.dummies = {w.lower() for w in params.get("impersonal_subjects", [])}

    def _participle(self, tok: Token) -> bool:
        low = tok.lower_
        if not tok.is_alpha or low in self.not_participles or low in self.aux or tok.text[:1].isupper() \
                and tok.i > tok.sent.start:
            return False
        if any(p.search(low) for p in self.patterns):
            return True
        lemma = tok.lemma_.lower()
        # an inflected form whose lemma is a verb (-en/-n), not the infinitive itself
        return any(p.search(low) for p in self.ambiguous) and lemma != low and lemma.endswith("n")

    def find(self, analysis: Analysis) -> list[Hit]:
        doc = analysis.doc
        named = analysis.credited("named") if self.skip_named else set()
        hits = []
        for tok in doc:
            if tok.lower_ not in self.aux or analysis.in_quote[tok.i]:
                continue
            sent = analysis.token_sentence[tok.i]
            if sent in named:
                continue
            lo, hi = self._clause(analysis, tok.i)
            part = None
            for k in range(tok.i + 1, min(hi, tok.i + 1 + self.window)):
                if self._participle(doc[k]):
                    part = k  # the last participle of the run (worden/gemacht …)
                    if k + 1 < hi and doc[k + 1].lower_ in self.aux:
                        part = k + 1
                    break
            start, end = tok.i, part
            if part is None and tok.i - 1 >= lo and self._participle(doc[tok.i - 1]):
                start, end = tok.i - 1, tok.i
                if tok.i + 1 < hi and doc[tok.i + 1].is_alpha and doc[tok.i + 1].lower_ in ("musste", "müssen", "muss",
                                                                                            "konnte", "soll", "sollte"):
                    end = tok.i + 1
            if end is None:
                continue
            if any(doc[k].lower_ in self.agents for k in range(lo, hi)):
                continue
            if start > lo and doc[start - 1].lower_ in self.dummies:
                start -= 1
            hits.append(Hit(doc[start].idx, doc[end].idx + len(doc[end].text)))
        return hits

    @staticmethod
    def _clause(analysis: Analysis, i: int) -> tuple[int, int]:
        doc = analysis.doc
        sent = analysis.sentences[analysis.token_sentence[i]]
        lo = i
        while lo > sent.start and doc[lo - 1].text not in _CLAUSE_BREAK:
            lo -= 1
        hi = i + 1
        while hi < sent.end and doc[hi].text not in _CLAUSE_BREAK:
            hi += 1
        return lo, hi
