"""Check ``headline_overstatement``: a headline that claims more than its body supports.

1. The headline makes a strong claim: one of the ``strong`` token patterns
   matches it (keine … mehr, alle, endgültig, has run out, …).
2. The body sentences *about the same thing* are found by shared content words
   (lemmas, and German compound parts: Munition ~ Artilleriemunition).
3. If a body sentence repeats the strong claim about the same thing, credited
   to a named source or with a figure, the body supports the headline: no
   finding (the writer restating the headline is not support).
4. If body sentences about the same thing qualify it (``qualifiers``: hedges,
   part-of, a shortage that is still developing, attribution, a specific
   figure), the headline is overstated; the finding names those sentences.

A headline that hedges, attributes (quotation marks) or asks its own claim
overstates nothing. A deed reported as done (``events``: "Norway stops gas") is
checked against ``event_limits`` only, words that make the deed partial or
passing ("one field", "about four percent", "temporarily"), in body sentences
that name the deed itself ("the stop is for one compressor"): against the broad
``qualifiers`` every "Minister quits" over "has resigned, according to her
office" read as overstated.

A headline with no strong word can still overstate by stating as fact what the
body only reports as rumour or conjecture ("Verbot kommt 2027" over "soll …
kommen, heißt es aus Kreisen"). With ``hedges`` set, an unhedged headline is
checked against body sentences about the same thing that carry a hedge or an
unnamed or relayed source, leaving out sentences credited to a named source.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from detector.matching.hit import Hit
from detector.matching.kinds.tokens import build_matcher
from detector.matching.rule import Rule
from detector.report.model import Related

if TYPE_CHECKING:
    from detector.analysis import Analysis

_DIGIT = re.compile(r"\d")
_STOP = {"de": {"nicht", "mehr", "noch", "auch", "schon", "jetzt", "immer", "wieder", "ganz", "sehr",
                "alle", "alles", "keine", "kein", "einen", "einer", "eines", "diese", "dieser", "haben",
                "sind", "wird", "werden", "wurde", "nach", "über", "unter", "gegen", "ohne", "seit"},
         "en": {"have", "has", "with", "from", "that", "this", "will", "been", "more", "than", "they",
                "their", "there", "after", "over", "into", "about", "still", "ever", "never", "every",
                "none", "nothing", "everyone", "everything", "totally", "completely"}}


class HeadlineOverstatementCheck:
    PARAMS = {
        "strong": "token patterns of a strong (absolute, total, certain) claim in the headline",
        "not_strong": "token patterns that make a strong word ordinary where they overlap it (\"alle vier\")",
        "qualifiers": "token patterns of body wording that hedges, restricts or attributes the claim",
        "numbers_qualify": "a figure in a related body sentence counts as a restriction; default true",
        "max_evidence": "how many body sentences the finding names; default 2",
        "hedges": "token patterns of conjecture or hearsay; checks headlines without a strong word too",
        "min_hedged": "how many hedged body sentences an unhedged headline needs; default 1",
        "events": "token patterns of a deed the headline reports as done (stops, bans, quits)",
        "event_limits": "token patterns of body wording that makes such a deed partial or passing (one, some, partly)",
    }

    def __init__(self, rule: Rule, params: dict) -> None:
        self.rule = rule
        self.strong = build_matcher(rule.lang, rule.id + ":strong", params.get("strong", []), rule,
                                    "match/params/strong") if params.get("strong") else None
        self.not_strong = build_matcher(rule.lang, rule.id + ":not_strong", params.get("not_strong", []), rule,
                                        "match/params/not_strong") if params.get("not_strong") else None
        self.qualifiers = build_matcher(rule.lang, rule.id + ":qual", params.get("qualifiers", []), rule,
                                        "match/params/qualifiers") if params.get("qualifiers") else None
        self.numbers = bool(params.get("numbers_qualify", True))
        self.max_evidence = int(params.get("max_evidence", 2))
        self.hedges = build_matcher(rule.lang, rule.id + ":hedges", params.get("hedges", []), rule,
                                    "match/params/hedges") if params.get("hedges") else None
        self.min_hedged = int(params.get("min_hedged", 1))
        self.events = build_matcher(rule.lang, rule.id + ":events", params["events"], rule,
                                    "match/params/events") if params.get("events") else None
        self.event_limits = build_matcher(rule.lang, rule.id + ":event_limits", params["event_limits"], rule,
                                          "match/params/event_limits") if params.get("event_limits") else None

    def find(self, analysis: Analysis) -> list[Hit]:
        head = analysis.document.headline
        if not head or self.strong is None:
            return []
        doc = analysis.doc
        qual_hits, hedge_hits = _spans(self.qualifiers, doc), _spans(self.hedges, doc)  # each matcher once
        strong_hits = self._strong_hits(doc)
        in_head = [(s, e) for s, e in strong_hits if doc[s].idx < head[1]]
        if in_head:
            if _qualifies_itself(analysis, in_head, qual_hits + hedge_hits):
                return []
            return self._overstated(analysis, in_head, strong_hits, qual_hits, self.numbers)
        events = _spans(self.events, doc)
        in_head = [(s, e) for s, e in events if doc[s].idx < head[1]]
        if in_head and self.event_limits is not None and not _qualifies_itself(analysis, in_head, qual_hits + hedge_hits):
            hits = self._overstated(analysis, in_head, events, _spans(self.event_limits, doc), False, same_deed=True)
            if hits:
                return hits
        return self._hedged(analysis, qual_hits, hedge_hits)

    def _overstated(self, analysis: Analysis, in_head: list[tuple[int, int]], claims: list[tuple[int, int]],
                    qual_hits: list[tuple[int, int]], numbers: bool, same_deed: bool = False) -> list[Hit]:
        """The headline's claim ``in_head`` against the body sentences about the same thing: supported where one
        makes the same claim with a named source or a figure, overstated where they qualify it. ``same_deed``:
        a qualifying sentence must name the headline's deed itself ("the stop is for one compressor")."""
        doc, head = analysis.doc, analysis.document.headline
        head_words = self._content(analysis, _head_tokens(doc, head[1]))
        if not head_words:
            return []
        head_norm = _norm(analysis.document.headline_text)
        head_claims = {_lemmas(doc, s, e) for s, e in in_head}
        named = analysis.credited("named")
        deeds = {doc[s].lemma_ for s, _ in in_head}
        evidence: list[tuple[float, int]] = []
        for si, sent in enumerate(analysis.sentences):
            sent_norm = _norm(sent.text)
            if sent.start_char < head[1] or (sent_norm and (sent_norm in head_norm or head_norm in sent_norm)):
                continue  # the headline repeated in the body is repetition, not support
            overlap = self._overlap(head_words, self._content(analysis, list(sent)))
            if not overlap or (same_deed and not any(t.lemma_ in deeds for t in sent)):
                continue
            if any(sent.start <= s and e <= sent.end and _lemmas(doc, s, e) in head_claims
                   for s, e in claims) and (si in named or any(_DIGIT.search(t.text) for t in sent)):
                return []  # the body makes the same claim, with a named source or a figure
            quals = sum(1 for s, e in qual_hits if sent.start <= s and e <= sent.end)
            if numbers and any(_DIGIT.search(t.text) for t in sent):
                quals += 1
            if quals:
                evidence.append((quals + 0.5 * overlap, si))
        if not evidence:
            return []
        s, e = in_head[0]
        return [Hit(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), related=self._related(analysis, evidence))]

    def _strong_hits(self, doc) -> list[tuple[int, int]]:
        """Strong words, without those an overlapping ``not_strong`` pattern makes ordinary ("alle vier
        WM-Titel", "immer schmäler", "nicht gescheitert")."""
        hits = _spans(self.strong, doc)
        if self.not_strong is None or not hits:
            return hits
        ordinary = _spans(self.not_strong, doc)
        return [(s, e) for s, e in hits if not any(a < e and s < b for a, b in ordinary)]

    def _hedged(self, analysis: Analysis, qual_hits: list[tuple[int, int]],
                hedge_hits: list[tuple[int, int]]) -> list[Hit]:
        """An unhedged headline over a body that reports the same thing only as conjecture or hearsay."""
        if self.hedges is None:
            return []
        doc = analysis.doc
        head = analysis.document.headline
        head_toks = [t for t in _head_tokens(doc, head[1]) if not t.is_space]
        if not head_toks or _asks(head_toks):
            return []
        if _in_head(doc, head[1], hedge_hits + qual_hits):
            return []  # the headline hedges itself
        credited = analysis.credited("named", "unnamed", "relayed")
        if any(si in credited for si, sent in enumerate(analysis.sentences) if sent.start_char < head[1]):
            return []  # the headline credits a source itself ("Spiegel berichtet über …"): no fact of its own
        if any(t.tag_ for t in head_toks) and not any(t.tag_.startswith("V") for t in head_toks):
            return []  # a headline with no verb names a topic ("Die Ergebnisse der Wahl"); it claims nothing
        head_words = self._content(analysis, head_toks)
        if not head_words:
            return []
        need = max(2, (len(head_words) + 2) // 3) if len(head_words) > 1 else 1
        evidence, hedged_overlap, plain = self._hedged_evidence(analysis, head_words, hedge_hits, head[1])
        if len(evidence) < self.min_hedged or hedged_overlap < need or plain >= hedged_overlap:
            return []  # too little about the same thing; or the body states it plainly too: the headline follows it
        related = self._related(analysis, evidence)
        toks = _claim(head_toks)
        if not toks:
            return []
        return [Hit(toks[0].idx, toks[-1].idx + len(toks[-1].text), related=related,
                    confidence=min(0.8, self.rule.confidence - 0.1))]

    def _hedged_evidence(self, analysis: Analysis, head_words: set[str], hedge_hits: list[tuple[int, int]],
                         head_end: int) -> tuple[list[tuple[float, int]], int, int]:
        """Body sentences about the headline's subject that hedge it (a hedge outside quotation marks, an
        unnamed or relayed source), weighed for :meth:`_related`; and the best overlaps with the headline of
        a hedged sentence and of one that states it plainly. Sentences credited to a named source do not count."""
        shaky = analysis.credited("unnamed", "relayed")
        named = analysis.credited("named")
        evidence = []
        hedged_overlap = plain = 0  # best overlaps: of a hedged body sentence, of one that states it plainly
        for si, sent in enumerate(analysis.sentences):
            if sent.start_char < head_end or si in named:
                continue
            overlap = self._overlap(head_words, self._content(analysis, list(sent)))
            if overlap < 1:
                continue
            hedged = sum(1 for s, e in hedge_hits if sent.start <= s and e <= sent.end and not analysis.in_quote[s])
            if hedged or si in shaky:
                evidence.append((hedged + (si in shaky) + 0.5 * overlap, si))
                hedged_overlap = max(hedged_overlap, overlap)
            else:
                plain = max(plain, overlap)
        return evidence, hedged_overlap, plain

    def _related(self, analysis: Analysis, evidence: list[tuple[float, int]]) -> list[Related]:
        """The strongest evidence sentences, in text order, as ``related`` passages."""
        best = sorted(evidence, key=lambda x: (-x[0], x[1]))[:self.max_evidence]
        related = []
        for _, si in sorted(best, key=lambda x: x[1]):
            sent = analysis.sentences[si]
            text = sent.text.strip()
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            related.append(Related(start, start + len(text), text, "qualifies"))
        return related

    def _content(self, analysis: Analysis, tokens: list) -> set[str]:
        stop = _STOP.get(analysis.lang, set())
        out = set()
        for t in tokens:
            if t.is_alpha and len(t.text) >= 4 and t.lemma_ not in stop and t.lower_ not in stop \
                    and not t.is_stop:
                if analysis.lang == "de" and not t.text[:1].isupper():
                    continue
                out.add(t.lemma_)
        return out

    @staticmethod
    def _overlap(head: set[str], body: set[str]) -> int:
        n = 0
        for h in head:
            if h in body or (len(h) >= 5 and any(h in b for b in body if len(b) > len(h))):
                n += 1
        return n


def _head_tokens(doc, end: int) -> list:
    """The tokens before character ``end`` (the headline's), without walking the whole document."""
    return list(itertools.takewhile(lambda t: t.idx < end, doc))


def _claim(head_toks: list) -> list:
    """The claim: the headline after a kicker ("Krankenhausreform:"), without closing punctuation."""
    toks = head_toks
    colon = max((k for k, t in enumerate(toks) if t.text == ":"), default=-1)
    if 0 <= colon < len(toks) - 2:
        toks = toks[colon + 1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return toks


def _spans(matcher, doc) -> list[tuple[int, int]]:
    """The token spans a parameter's matcher finds in ``doc`` (none when the rule does not set it)."""
    return [(s, e) for _, s, e in matcher(doc)] if matcher is not None else []


def _in_head(doc, head_end: int, spans: list[tuple[int, int]]) -> bool:
    """Does any of ``spans`` start in the headline?"""
    return any(doc[s].idx < head_end for s, _ in spans)


def _qualifies_itself(analysis: Analysis, in_head: list[tuple[int, int]], hedging: list[tuple[int, int]]) -> bool:
    """Does the headline hedge or attribute its own strong claim ("Retirement age could be scrapped",
    "Firm 'may run out of cash'", a question)? Then it claims no more than it says. ``hedging``: the spans of
    the rule's qualifiers and hedges in the document."""
    doc, end = analysis.doc, analysis.document.headline[1]
    if all(analysis.in_quote[s] for s, _ in in_head) or _asks([t for t in _head_tokens(doc, end) if not t.is_space]):
        return True
    return _in_head(doc, end, hedging)


def _asks(tokens: list) -> bool:
    """A question headline ("Ist das Netz sicher?", also "…?." or "…?“"): it claims nothing."""
    for t in reversed(tokens):
        if not (t.is_punct or t.is_quote):
            return False
        if "?" in t.text:
            return True
    return False


def _lemmas(doc, start: int, end: int) -> tuple[str, ...]:
    return tuple(t.lemma_ for t in doc[start:end])


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())
