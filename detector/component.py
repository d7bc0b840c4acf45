"""spaCy pipeline component ``framing_detector``: findings into ``doc.spans["framing"]``, the sourcing
inventory into ``doc.spans["framing_sources"]``.

    nlp = spacy.blank("de")
    nlp.add_pipe("framing_detector")
    doc = nlp(text)
    [(span.text, span.label_) for span in doc.spans["framing"]]          # device ids
    [(span.text, span.label_) for span in doc.spans["framing_sources"]]  # named / unnamed / relayed

The component analyses the Doc it is given, on its own tokens (language from the pipeline), and keeps
the full report in ``doc.user_data["framing_report"]``. Tags, morphology and lemmas an
upstream component set (a German model of the user's) are used instead of the grammar step's; on a Doc
without them, the part of speech, tags and morphology the grammar step set are left on the Doc.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup


class FramingDetector:
    def __init__(self, nlp: Language, name: str, headline: bool | None, spans_key: str,
                 sources_key: str = "framing_sources") -> None:
        self.lang = nlp.lang
        self.headline = headline
        self.spans_key = spans_key
        self.sources_key = sources_key
        self._detector = None

    def __call__(self, doc: Doc) -> Doc:
        from detector.document import Document
        from detector.pipeline import default_detector

        if self._detector is None:
            self._detector = default_detector()
        document = Document.from_text(doc.text, lang=self.lang, headline=self.headline)
        report = self._detector.run(document, self.lang, doc=doc)
        spans = []
        for f in report.findings:
            span = doc.char_span(f.start, f.end, label=f.device, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=spans)
        sources = []
        for src in report.sources:  # the speaker mention; "es heißt" has none, so its cue stands for it
            start, end = (src.start, src.end) if src.start is not None else (src.cue_start, src.cue_end)
            span = doc.char_span(start, end, label=src.kind, alignment_mode="expand")
            if span is not None:
                sources.append(span)
        doc.spans[self.sources_key] = SpanGroup(doc, name=self.sources_key, spans=sources)
        doc.user_data["framing_report"] = report.to_dict()
        return doc


@Language.factory("framing_detector",
                  default_config={"headline": None, "spans_key": "framing", "sources_key": "framing_sources"})
def make_framing_detector(nlp: Language, name: str, headline: bool | None, spans_key: str,
                          sources_key: str) -> FramingDetector:
    return FramingDetector(nlp, name, headline, spans_key, sources_key)
