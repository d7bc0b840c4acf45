"""The pipeline: read → analyse → match → (classify) → score → report."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from detector.analysis import analyse, decide_language
from detector.analysis.attribution.mention import shown_content, shown_parts
from detector.analysis.nlp import flags
from detector.config import Config
from detector.document import Document, blocks
from detector.errors import FramingError
from detector.matching.context import in_framing_context
from detector.matching.engine import run_rules
from detector.matching.ruleset import RuleSet, assemble
from detector.report.model import Finding, Passage, Report, Source
from detector.scoring import score
from detector.timing import stage

if TYPE_CHECKING:
    from spacy.tokens import Doc

MODES = ("rules", "classifier", "both")


class Detector:
    """Rules (and the classifier model) loaded once; :meth:`run` scores one document.

    ``mode``: ``rules`` alone, the ``classifier`` alone (rule hits still feed it as features),
    or ``both``; ``model`` is a model file (default: the one shipped in the package).
    """

    def __init__(self, rules: list[Path] | None = None, config: Config | None = None,
                 builtin: bool = True, mode: str = "both", model: Path | str | None = None,
                 calibrate: bool = True) -> None:
        if mode not in MODES:
            raise FramingError(f"mode must be one of {', '.join(MODES)}, not '{mode}'")
        self.config = config or Config()
        self.ruleset = RuleSet(assemble(rules, self.config, builtin=builtin))
        self.mode = mode
        self.calibrate = calibrate  # confidence as measured on real copy (detector/classify/calibration.py)
        self.model = None
        if mode != "rules":
            from detector.classify import load_model

            self.model = load_model(model)

    def run(self, document: Document, lang: str | None = None, doc: Doc | None = None) -> Report:
        """Score one document. ``doc``: a spaCy Doc of the same text (the component's); tags an upstream
        pipeline set on it are used, and the tags the grammar step sets are left on it. A document
        longer than :data:`~detector.document.BLOCK_CHARS` is analysed in blocks (paragraphs kept
        whole), whose findings and sources are merged with their offsets into the whole text."""
        with stage("language"):  # once for the whole text: its blocks are analysed in this language
            language = decide_language(document, lang, self.config.default_lang)
        parts = blocks(document) if doc is None else [(0, document)]
        merged = _Merged()
        for offset, part in parts:
            merged.add(offset, self._run_block(part, language.lang, doc))
        sc = score(merged.findings, merged.words, self.config.weights, bands=merged.first.bands, framed=merged.framed)
        stats = {"chars": len(document.text), "tokens": merged.tokens, "sentences": merged.sentences}
        return Report(id=document.id, lang=language.lang, text=document.text, headline=document.headline,
                      score=sc, findings=merged.findings, sources=merged.sources, stats=stats, meta=document.meta,
                      source=document.source, decisions={
                          "headline": document.headline_from, "lang": language.by,
                          "lang_confidence": language.confidence}, sentences=merged.sentence_spans)

    def _run_block(self, document: Document, lang: str, doc: Doc | None) -> _Block:
        analysis = analyse(document, lang, upstream=doc, default_lang=self.config.default_lang)
        if doc is not None:
            from detector.analysis.grammar import hand_back

            hand_back(analysis.doc, doc)
        with stage("rules"):
            findings = run_rules(self.ruleset.compiled(analysis.lang), analysis)
        framed, bands = None, None
        if self.model is not None:
            from detector.classify import classify

            with stage("classifier"):
                result = classify(analysis, findings, self.model, keep_rules=self.mode == "both")
            findings, framed, bands = result.findings, result.probability, self.model.bands.get(self.mode)
            off = self.config.disabled_devices  # the classifier must not bring back a device switched off
            findings = [f for f in findings if f.device not in off]
        with stage("score"):
            findings = in_framing_context(findings, self.ruleset.framing_needs(analysis.lang), framed, analysis.lang)
            for f in findings:  # the score counts the evidence, scaled by the rule's weight
                f.strength = f.confidence * self.ruleset.weight(f.rule)
            if self.calibrate:
                from detector.classify.calibration import calibrated

                for f in findings:  # readers see how often such findings are right
                    f.confidence = calibrated(analysis.lang, f.device, f.confidence)
            findings = [f for f in findings if f.confidence >= self.config.min_confidence]
            sources = [source_entry(analysis, att) for att in analysis.attributions]
            alpha, space = flags(analysis.doc, "IS_ALPHA", "IS_SPACE")
            words, tokens = sum(alpha), len(space) - sum(space)
        spans = [_trimmed_span(analysis.text, s.start_char, s.end_char) for s in analysis.sentences]
        return _Block(findings, sources, words, tokens, len(analysis.sentences), framed, bands, spans)


@dataclass
class _Block:
    """What one block of a document gives the report."""

    findings: list[Finding]
    sources: list[Source]
    words: int
    tokens: int
    sentences: int
    framed: float | None
    bands: dict | None
    sentence_spans: list[tuple[int, int]]


def _trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A sentence's characters without the white space at its edges."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _Merged:
    """Blocks of one document joined: offsets and sentence numbers shifted into the whole."""

    def __init__(self) -> None:
        self.first: _Block | None = None
        self.findings: list[Finding] = []
        self.sources: list[Source] = []
        self.words = self.tokens = self.sentences = 0
        self.sentence_spans: list[tuple[int, int]] = []
        self._framed: list[tuple[float, int]] = []

    def add(self, offset: int, block: _Block) -> None:
        self.first = self.first or block
        n = self.sentences
        self.findings += [f if not offset else _shift_finding(f, offset, n) for f in block.findings]
        self.sources += [s if not offset else _shift_source(s, offset, n) for s in block.sources]
        self.sentence_spans += [(s + offset, e + offset) for s, e in block.sentence_spans]
        self.words += block.words
        self.tokens += block.tokens
        self.sentences += block.sentences
        if block.framed is not None:
            self._framed.append((block.framed, block.words))

    @property
    def framed(self) -> float | None:
        """The classifier's P(framed), weighted by the words of each block."""
        if not self._framed:
            return None
        weight = sum(w for _, w in self._framed) or 1
        return sum(p * w for p, w in self._framed) / weight


def _shift_finding(f: Finding, offset: int, sentences: int) -> Finding:
    return replace(f, start=f.start + offset, end=f.end + offset, sentence=f.sentence + sentences,
                   related=[replace(r, start=r.start + offset, end=r.end + offset) for r in f.related])


def _shift_source(s: Source, offset: int, sentences: int) -> Source:
    def at(p: Passage | None) -> Passage | None:
        return None if p is None else Passage(p.start + offset, p.end + offset, p.text)

    def plus(k: int | None) -> int | None:
        return None if k is None else k + offset

    return replace(s, start=plus(s.start), end=plus(s.end), cue_start=plus(s.cue_start), cue_end=plus(s.cue_end),
                   sentence=s.sentence + sentences, cues=[at(c) for c in s.cues], content=[at(c) for c in s.content],
                   resolved=at(s.resolved))


def source_entry(analysis, att) -> Source:
    """An attribution of the analysis as an entry of the report's sourcing inventory."""
    text = analysis.text

    def passage(rng: tuple[int, int]) -> Passage:
        s, e = analysis.char_span(*rng)
        return Passage(s, e, text[s:e])

    shown_speaker, shown_cue, shown_cues = shown_parts(analysis.doc, analysis.lexicon, att)
    speaker = passage(shown_speaker) if shown_speaker else None
    cues = [passage(c) for c in shown_cues]
    main = passage(shown_cue)
    return Source(text=speaker.text if speaker else None, kind=att.kind, start=speaker.start if speaker else None,
                  end=speaker.end if speaker else None, cue=main.text, sentence=att.sentence, cue_start=main.start,
                  cue_end=main.end, cues=cues, form=att.form,
                  content=[passage(c) for c in shown_content(analysis.doc, att)],
                  resolved=passage(att.resolved) if att.resolved else None, layer=att.layer)


_DEFAULT: Detector | None = None


def default_detector() -> Detector:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Detector()
    return _DEFAULT


def analyze(text: str, lang: str | None = None, *, headline: bool | None = None,
            detector: Detector | None = None, id: str = "document") -> Report:
    """Score one article's text. ``headline``: None decides from the text whether its first line is a
    headline (:func:`detector.document.looks_like_headline`), True and False force it."""
    document = Document.from_text(text, id=id, lang=lang, headline=headline)
    return (detector or default_detector()).run(document, lang)
