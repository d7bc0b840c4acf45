"""Attribution: who is credited with what (speaker, cue, content, form; named, unnamed or relayed).

One owner, split by job: :mod:`.rules` finds the cues and source phrases the lexicons explain,
:mod:`.kind` decides named / unnamed / relayed, :mod:`.model` labels every token with its role
(the trained role labeller, :mod:`.features` and :mod:`.train`), :mod:`.assemble` joins both layers
into attributions with their content and form, and :mod:`.interview` turns an interview's labels
into sources. The rest of the code reads :attr:`detector.analysis.Analysis.attributions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detector.analysis.attribution.assemble import assemble
from detector.analysis.attribution.features import document_sequences
from detector.analysis.attribution.interview import interview_attributions
from detector.analysis.attribution.model import role_model
from detector.analysis.attribution.rules import find_attributions
from detector.analysis.attribution.types import Attribution, Range
from detector.timing import stage

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from detector.analysis.lexicon import Lexicon
    from detector.analysis.names import Entity

__all__ = ["Attribution", "attribute", "find_attributions", "role_labels"]


def role_labels(doc: Doc, lex: Lexicon, entities: list[Entity], in_quote: list[bool], lang: str) -> dict[int, str]:
    """Token → O / C / S / Q from the shipped role model (empty when the language has none)."""
    model = role_model(lang)
    if model is None:
        return {}
    kinds = {k: e.kind for e in entities for k in range(e.start, e.end)}
    labels: dict[int, str] = {}
    with stage("roles"):
        seqs = document_sequences(doc, in_quote, kinds, lex, model.cue_rate)
        for seq, predicted in zip(seqs, model.predict_all(seqs), strict=True):
            labels.update(zip(seq.tokens, predicted, strict=True))
    return labels


def _quoted_source(a: Attribution, found: list[Attribution], in_quote: list[bool]) -> bool:
    """A source inside quotation marks, its cue outside them, after another speaker's cue in the sentence:
    that speaker's quoted words ("Howard told MPs that 'every independent expert' agreed"), not a source
    the text credits (but 'the so-called "experts" insist' is one)."""
    src = range(*a.source)
    return bool(src) and all(in_quote[k] for k in src) and not in_quote[a.cue[0]] and any(
        b is not a and b.sentence == a.sentence and b.cue[1] <= a.source[0] for b in found)


def attribute(doc: Doc, lex: Lexicon, entities: list[Entity], in_quote: list[bool], lang: str,
              labelled: list[tuple[Range, Range]], token_sentence: list[int]) -> list[Attribution]:
    """Every attribution of the document, both layers joined, interview turns (each with its label)
    included."""
    rule = find_attributions(doc, lex, entities)
    rule = [a for a in rule if not _quoted_source(a, rule, in_quote)]
    interview = interview_attributions(doc, labelled, token_sentence)
    if interview:  # an interview's turns are speech: the rules and the model look only at the rest
        inside = {k for _, (s, e) in labelled for k in range(s, e)}
        rule = [a for a in rule if a.cue[0] not in inside]
    labels = role_labels(doc, lex, entities, in_quote, lang)
    if interview:
        labels = {k: v for k, v in labels.items() if k not in inside}
    return sorted(assemble(doc, lex, entities, in_quote, rule, labels) + interview, key=lambda a: (a.sentence, a.cue))
