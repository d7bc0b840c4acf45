"""Check ``agentless_passive``: a passive that hides a responsible agent where it matters.

Most passives in news hide nothing ("wurde ins Spital gebracht", "500 Personen wurden befragt"). The
device is a passive of a *decision, a fault, a concealment or a withholding* ("es wurde beschlossen",
"es wurden Fehler gemacht", "wurde gestrichen", "was quietly scrapped") whose author the text could
name and does not. So a hit needs all of:

* a passive auxiliary (``auxiliaries``) and a past participle in the same clause: the grammar step's
  tag (VVPP / VVN) where the sentence is tagged, the participle's shape (``participle_patterns``)
  elsewhere;
* a participle whose lemma is a verb of responsibility (``responsible_verbs``, data in the rule
  file), an object that makes any verb a decision or a fault (``fault_objects``: "Fehler gemacht",
  "die Entscheidung wurde getroffen", "mistakes were made"), or a verb of disclosure under negation
  (``concealed_if_negated``: "wurde nie veröffentlicht");
* no agent: no ``agent_markers`` phrase in the clause ("vom Stadtrat", "by the Senate"), no person
  or organisation named outside the passive clause in the sentence, none as the subject of the
  sentence before (``recoverable``: the reader can tell who acted), and the sentence not credited
  to a named source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detector.matching.hit import Hit
from detector.matching.kinds.regex import compile_re2
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detector.analysis import Analysis

_CLAUSE_BREAK = {",", ".", ";", ":", "!", "?", "–", "—", "(", ")", "\n"}
_PARTICIPLE_TAGS = {"VVPP", "VVN", "VAPP"}


class PassiveCheck:
    PARAMS = {"auxiliaries": "passive auxiliaries (wurde, worden / was, were, been)",
              "participle_patterns": "RE2 patterns a participle matches, for sentences the grammar step did not tag",
              "responsible_verbs": "lemmas of verbs of decision, fault, concealment, withholding (beschließen / decide)",
              "fault_objects": "nouns that make any participle a decision or a fault (Fehler, Entscheidung / mistakes)",
              "concealed_if_negated": "verbs of disclosure that hide something when negated (veröffentlichen / disclose)",
              "negations": "words that negate the participle (nie, nicht / never, not)",
              "agent_markers": "prepositions that introduce the agent (von, durch / by)",
              "window": "how many words between auxiliary and participle; default 8",
              "recoverable": "leave the passive when a person or organisation is named in this or the previous sentence; default true",
              "impersonal_subjects": "dummy subjects taken into the span (it was decided, es wurde beschlossen)"}

    def __init__(self, rule: Rule, params: dict) -> None:
        self.aux = {w.lower() for w in params.get("auxiliaries", [])}
        self.patterns = [compile_re2(f"^(?:{p})$", False, rule) for p in params.get("participle_patterns", [])]
        self.verbs = {w.lower() for w in params.get("responsible_verbs", [])}
        self.faults = {w.lower() for w in params.get("fault_objects", [])}
        self.disclosure = {w.lower() for w in params.get("concealed_if_negated", [])}
        self.negations = {w.lower() for w in params.get("negations", [])}
        self.agents = {w.lower() for w in params.get("agent_markers", [])}
        self.window = int(params.get("window", 8))
        self.recoverable = bool(params.get("recoverable", True))
        self.dummies = {w.lower() for w in params.get("impersonal_subjects", [])}

    def _participle(self, tok: Token) -> bool:
        if not tok.is_alpha or tok.lower_ in self.aux:
            return False
        if tok.tag_:
            return tok.tag_ in _PARTICIPLE_TAGS
        if tok.text[:1].isupper() and tok.i > tok.sent.start:
            return False
        return any(p.search(tok.lower_) for p in self.patterns)

    def _responsible(self, doc, part: int, lo: int, hi: int) -> bool:
        lemma = doc[part].lemma_.lower()
        if lemma in self.verbs or doc[part].lower_ in self.verbs:
            return True
        if lemma in self.disclosure and any(doc[k].lower_ in self.negations for k in range(lo, hi)):
            return True  # "wurde nie veröffentlicht": withheld
        return any(doc[k].lower_ in self.faults for k in range(lo, hi))

    def find(self, analysis: Analysis) -> list[Hit]:
        doc = analysis.doc
        named = analysis.credited("named")
        hits = []
        for tok in doc:
            if tok.lower_ not in self.aux or analysis.in_quote[tok.i]:
                continue
            sent = analysis.token_sentence[tok.i]
            if sent in named:
                continue
            lo, hi = self._clause(analysis, tok.i)
            verb = self._passive_verb(doc, tok.i, lo, hi)
            if verb is None:
                continue
            part, start, end = verb
            if not self._responsible(doc, part, lo, hi):
                continue
            if self._agent_known(analysis, sent, lo, hi):
                continue
            if start > lo and (doc[start - 1].lower_ in self.dummies or doc[start - 1].lower_ in self.faults):
                start -= 1  # "es wurde beschlossen", "mistakes were made"
            hits.append(Hit(doc[start].idx, doc[end].idx + len(doc[end].text)))
        return hits

    def _passive_verb(self, doc, aux: int, lo: int, hi: int) -> tuple[int, int, int] | None:
        """The participle of the passive auxiliary at ``aux`` in its clause ``lo``..``hi``, and the tokens of
        the verb group (first and last): the first participle within ``window`` words after the auxiliary,
        else one right before it; ``None`` when the auxiliary has no participle."""
        part = None
        for k in range(aux + 1, min(hi, aux + 1 + self.window)):
            if self._participle(doc[k]):
                part = k
                break
        start, end = aux, part
        if part is None and aux - 1 >= lo and self._participle(doc[aux - 1]):
            part, start, end = aux - 1, aux - 1, aux  # verb-final: "… beschlossen wurde"
        if part is None:
            return None
        if end + 1 < hi and doc[end + 1].lower_ in self.aux:
            end += 1  # "gemacht worden"
        return part, start, end

    def _agent_known(self, analysis: Analysis, sent: int, lo: int, hi: int) -> bool:
        """Is the agent there for the reader: an agent marker in the clause ("vom Stadtrat", "by the
        Senate"), or, with ``recoverable``, an actor named nearby (:meth:`_actor_named`)?"""
        doc = analysis.doc
        if any(doc[k].lower_ in self.agents for k in range(lo, hi)):
            return True
        return self.recoverable and self._actor_named(analysis, sent, lo, hi)

    @classmethod
    def _actor_named(cls, analysis: Analysis, sent: int, lo: int, hi: int) -> bool:
        """Can the reader tell who acted? A person or organisation named in this sentence outside the
        passive clause ("Der Stadtrat tagte, und der Antrag wurde vertagt"), or as the subject that
        opens the sentence before ("Der Gemeinderat tagte am Montag. Dabei wurde … beschlossen")."""
        here = analysis.sentences[sent]
        if any(cls._actor_at(analysis, k) for k in range(here.start, here.end) if not lo <= k < hi):
            return True
        if sent == 0:
            return False
        before = [t for t in analysis.sentences[sent - 1] if not t.is_space and not t.is_punct]
        return any(cls._actor_at(analysis, t.i) for t in before[:4])

    @staticmethod
    def _actor_at(analysis: Analysis, k: int) -> bool:
        """A person or organisation by name, or a definite institution or office ("der Gemeinderat", "the council")."""
        if any(e.kind in ("person", "org") and e.start <= k < e.end for e in analysis.entities):
            return True
        doc, lex = analysis.doc, analysis.lexicon
        if k == 0 or doc[k - 1].lower_ not in lex.definite:
            return False
        low = doc[k].lower_
        return low in lex.institution_forms or lex.is_org_cue(low)[0] or low in lex.role_forms or low in lex.spokes_forms

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
