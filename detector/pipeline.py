"""The pipeline: read → analyse → match → (classify) → score → report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from detector.analysis import analyse
from detector.config import Config
from detector.document import Document
from detector.errors import FramingError
from detector.matching.context import in_framing_context
from detector.matching.engine import run_rules
from detector.matching.ruleset import RuleSet, assemble
from detector.report.model import Passage, Report, Source
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
                 builtin: bool = True, mode: str = "both", model: Path | str | None = None) -> None:
        if mode not in MODES:
            raise FramingError(f"mode must be one of {', '.join(MODES)}, not '{mode}'")
        self.config = config or Config()
        self.ruleset = RuleSet(assemble(rules, self.config, builtin=builtin))
        self.mode = mode
        self.model = None
        if mode != "rules":
            from detector.classify import load_model

            self.model = load_model(model)

    def run(self, document: Document, lang: str | None = None, doc: Doc | None = None) -> Report:
        """Score one document. ``doc``: a spaCy Doc of the same text (the component's); tags an upstream
        pipeline set on it are used, and the tags the grammar step sets are left on it."""
        analysis = analyse(document, lang, upstream=doc)
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
            sources = [source_entry(analysis, att) for att in analysis.attributions]
            words = tokens = 0
            for t in analysis.doc:
                words += t.is_alpha
                tokens += not t.is_space
            sc = score(findings, words, self.config.weights, bands=bands, framed=framed)
        stats = {"chars": len(document.text), "tokens": tokens, "sentences": len(analysis.sentences)}
        return Report(id=document.id, lang=analysis.lang, text=document.text, headline=document.headline,
                      score=sc, findings=findings, sources=sources, stats=stats, meta=document.meta,
                      source=document.source)


def source_entry(analysis, att) -> Source:
    """An attribution of the analysis as an entry of the report's sourcing inventory."""
    text = analysis.text

    def passage(rng: tuple[int, int]) -> Passage:
        s, e = analysis.char_span(*rng)
        return Passage(s, e, text[s:e])

    speaker = passage(att.source) if att.has_speaker else None
    cues = [passage(c) for c in att.all_cues]
    main = passage(att.cue)
    return Source(text=speaker.text if speaker else None, kind=att.kind, start=speaker.start if speaker else None,
                  end=speaker.end if speaker else None, cue=main.text, sentence=att.sentence, cue_start=main.start,
                  cue_end=main.end, cues=cues, form=att.form, content=[passage(c) for c in att.content],
                  resolved=passage(att.resolved) if att.resolved else None, layer=att.layer)


_DEFAULT: Detector | None = None


def default_detector() -> Detector:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Detector()
    return _DEFAULT


def analyze(text: str, lang: str | None = None, *, headline: bool = True,
            detector: Detector | None = None, id: str = "document") -> Report:
    """Score one article's text: the first non-empty line is the headline unless ``headline=False``."""
    document = Document.from_text(text, id=id, lang=lang, headline=headline)
    return (detector or default_detector()).run(document, lang)
