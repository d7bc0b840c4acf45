"""Match: compiled rules → findings, with the conditions every rule may set.

``where`` restricts a rule to parts of the article (headline, lede, body), to
voices (the author's, a source's, …: :mod:`detector.analysis.voice`) and to text
inside or outside quotations; ``unless`` drops a hit followed or preceded
by a token pattern, in a sentence that has some pattern, in a sentence with a
named entity, in a sentence credited to a named source, or in a sentence that goes
on reporting a named source credited in it or in the sentence before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from detector.matching.compiler import compile_rule
from detector.matching.hit import Hit, Matcher
from detector.matching.kinds.tokens import build_matcher, shared_matchers
from detector.matching.rule import Rule
from detector.report.model import Finding

if TYPE_CHECKING:
    from detector.analysis import Analysis


@dataclass
class CompiledRule:
    rule: Rule
    matcher: Matcher
    followed_by: object = None
    preceded_by: object = None
    sentence_has: object = None


def compile_rules(rules: list[Rule]) -> list[CompiledRule]:
    with shared_matchers():
        return _compile(rules)


def _compile(rules: list[Rule]) -> list[CompiledRule]:
    out = []
    for rule in rules:
        cr = CompiledRule(rule, compile_rule(rule))
        for key in ("followed_by", "preceded_by", "sentence_has"):
            if key in rule.unless:
                setattr(cr, key, build_matcher(rule.lang, f"{rule.id}:{key}", rule.unless_patterns(key), rule,
                                               f"unless/{key}", greedy=None))
        out.append(cr)
    return out


def _render(template: str, text: str, related: tuple = ()) -> str:
    """Fill a message or suggestion: ``{text}`` is the finding's words, ``{related}`` the first passage of
    the article the finding points to (the body sentence that qualifies a headline), shortened."""
    out = template.replace("{text}", text)
    if "{related}" in out:
        words = " ".join(related[0].text.split()).rstrip(" .") if related else ""
        out = out.replace("{related}", words if len(words) <= 160 else words[:157].rsplit(" ", 1)[0] + " …")
    return out


def run_rules(compiled: list[CompiledRule], analysis: Analysis) -> list[Finding]:
    """Every rule of the analysis' language over the document → findings (deduplicated)."""
    findings: list[Finding] = []
    cache: dict[str, tuple[set[int], set[int], set[int]]] = {}
    for cr in compiled:
        rule = cr.rule
        if rule.lang != analysis.lang or not rule.enabled:
            continue
        hits = cr.matcher.find(analysis)
        if not hits:
            continue
        follow, precede, sent_has = _unless_sets(cr, analysis, cache)
        for hit in hits:
            ts, te = _tokens_of(analysis, hit)
            if te <= ts:
                continue
            part = analysis.part_of_token(ts)
            if not _keep(cr, ts, te, part, analysis, follow, precede, sent_has):
                continue
            sent = analysis.token_sentence[ts]
            if rule.scope == "sentence":
                hit = _sentence_hit(analysis, sent, hit)
            text = analysis.text[hit.start:hit.end]
            findings.append(Finding(
                device=rule.device, family=rule.family, rule=rule.id, start=hit.start, end=hit.end,
                text=text, part=part, sentence=sent, severity=rule.severity,
                confidence=round(hit.confidence if hit.confidence is not None else rule.confidence, 3),
                origin="rule", message=_render(hit.message or rule.message, text),
                explanation=rule.explanation, suggestion=_render(rule.suggestion, text, hit.related),
                related=hit.related))
    return dedupe(findings)


def _sentence_hit(analysis: Analysis, sent: int, hit: Hit) -> Hit:
    """Widen a hit to its whole sentence, without surrounding whitespace."""
    sp = analysis.sentences[sent]
    s, e = sp.start_char, sp.end_char
    text = analysis.text
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Hit(s, e, hit.related, hit.confidence, hit.message)


def _unless_sets(cr: CompiledRule, analysis: Analysis, cache: dict) -> tuple[set, set, set]:
    doc = analysis.doc
    follow: set[int] = set()
    precede: set[int] = set()
    sent_has: set[int] = set()
    if cr.followed_by is not None:
        follow = {s for _, s, _ in cr.followed_by(doc)}
    if cr.preceded_by is not None:
        precede = {e for _, _, e in cr.preceded_by(doc)}
    if cr.sentence_has is not None:
        sent_has = {analysis.token_sentence[s] for _, s, _ in cr.sentence_has(doc)}
    return follow, precede, sent_has


def _tokens_of(analysis: Analysis, hit: Hit) -> tuple[int, int]:
    span = analysis.doc.char_span(hit.start, hit.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else (0, 0)


def _keep(cr: CompiledRule, ts: int, te: int, part: str, analysis: Analysis, follow: set, precede: set,
          sent_has: set) -> bool:
    """Apply the rule's ``where`` and ``unless`` to a hit over tokens ``ts``..``te``."""
    rule = cr.rule
    if not _where_holds(rule, ts, te, part, analysis):
        return False
    if te in follow or ts in precede:
        return False
    sent = analysis.token_sentence[ts]
    if sent in sent_has:
        return False
    return not _unless_sourced(rule.unless, ts, te, sent, analysis)


def _where_holds(rule: Rule, ts: int, te: int, part: str, analysis: Analysis) -> bool:
    """Is the hit over tokens ``ts``..``te`` in one of the rule's parts, inside or outside quotations as it
    asks, and in its voices (punctuation aside)?"""
    where = rule.where
    parts = where.get("parts")
    if parts and part not in parts:
        return False
    quotes = where.get("quotes", "any")
    if quotes != "any":
        quoted = all(analysis.in_quote[k] for k in range(ts, te))
        if (quotes == "outside" and quoted) or (quotes == "inside" and not quoted):
            return False
    voice = analysis.voice
    if voice is not None:
        allowed = rule.voices
        if any(voice.of_token[k] not in allowed for k in range(ts, te) if not analysis.doc[k].is_punct):
            return False
    return True


def _unless_sourced(unless: dict, ts: int, te: int, sent: int, analysis: Analysis) -> bool:
    """The ``unless`` conditions on names and sources: is a person or organisation named in the hit's sentence
    ``sent``, is the sentence credited to a named source or does it go on reporting one, is the hit at token
    ``ts`` a named source's content, or an unnamed source's claim in reported speech, as the rule asks?"""
    if unless.get("named_in_sentence"):
        sp = analysis.sentences[sent]
        if any(sp.start <= e.start < sp.end for e in analysis.entities if e.kind in ("person", "org")):
            return True
    if unless.get("continues_named") and (sent in analysis.credited("named") or sent - 1 in analysis.credited("named")):
        return True  # "Die Firma teilte mit … Der Chef soll gewusst haben": the named source goes on
    if unless.get("attributed_to_named"):
        if (analysis.voice is None and sent in analysis.credited("named")) or analysis.credited_to(ts, "named"):
            return True
    return bool(unless.get("reported_by_unnamed")) and analysis.in_reported_claim_of(ts, te, "unnamed", "relayed")


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per device and overlapping stretch: the most confident (then longest) stays."""
    findings.sort(key=lambda f: (f.device, -f.confidence, -(f.end - f.start), f.start))
    kept: list[Finding] = []
    for f in findings:
        if any(k.device == f.device and k.start < f.end and f.start < k.end for k in kept):
            continue
        kept.append(f)
    kept.sort(key=lambda f: (f.start, f.end, f.device))
    return kept
