"""The spaCy component writes findings to doc.spans["framing"] and sources to doc.spans["framing_sources"]."""

from __future__ import annotations

import spacy

import detector.component  # noqa: F401 - registers the factory when not installed


def test_add_pipe():
    nlp = spacy.blank("de")
    nlp.add_pipe("framing_detector")
    doc = nlp("Stadt hat kein Wasser mehr\n\nDas Wasser sei knapp, argumentieren Analysten.")
    labels = {(s.text, s.label_) for s in doc.spans["framing"]}
    assert ("argumentieren Analysten", "unnamed_source") in labels
    assert doc.user_data["framing_report"]["lang"] == "de"


def test_component_exposes_the_sourcing_inventory_as_spans():
    nlp = spacy.blank("de")
    nlp.add_pipe("framing_detector")
    doc = nlp("Wasser wird knapp\n\nDas Wasser sei knapp, sagte Bürgermeisterin Anna Roth. "
              "Es werde noch schlimmer, argumentieren Analysten. Es heißt, die Quellen seien leer.")
    labels = [(s.text, s.label_) for s in doc.spans["framing_sources"]]
    assert ("Bürgermeisterin Anna Roth", "named") in labels
    assert ("Analysten", "unnamed") in labels
    assert ("Es heißt", "relayed") in labels  # hearsay has no speaker: its cue stands for it


def test_component_keeps_the_tokens_of_the_doc_it_is_given():
    from spacy.tokens import Doc

    nlp = spacy.blank("de")
    nlp.add_pipe("framing_detector")
    words = ["Wasser", "wird", "knapp", "\n\n", "Das", "Wasser", "sei", "knapp", ",", "argumentieren",
             "Wirtschafts", "analysten", "."]  # a tokenisation of its own: a compound in two tokens
    spaces = [True, True, False, False, True, True, True, False, True, True, False, False, False]
    doc = nlp(Doc(nlp.vocab, words=words, spaces=spaces))
    assert [t.text for t in doc] == words  # the component changes no token
    report = doc.user_data["framing_report"]
    assert report["stats"]["tokens"] == sum(1 for t in doc if not t.is_space)  # analysed on these tokens
    assert [(s.start, s.end) for s in doc.spans["framing"] if s.label_ == "unnamed_source"]  # spans on them


def test_component_leaves_the_grammar_steps_tags_on_the_doc():
    nlp = spacy.blank("de")
    nlp.add_pipe("framing_detector", config={"headline": False})
    doc = nlp("Der Plan sei gescheitert, sagte die Ministerin.")
    by_text = {t.text: t for t in doc}
    assert by_text["sei"].tag_ == "VAFIN" and by_text["sei"].pos_ == "AUX"
    assert "Sub" in by_text["sei"].morph.get("Mood")
    assert by_text["gescheitert"].tag_ == "VVPP"


def test_component_uses_tags_an_upstream_pipeline_set():
    """A user's own tagger wins: its tags stay, and the analysis reads them instead of tagging again."""
    nlp = spacy.blank("en")

    @spacy.Language.component("everything_a_name")
    def everything_a_name(doc):  # an upstream "model" with a deliberately odd opinion
        for t in doc:
            t.tag_, t.pos_ = "NP0", "PROPN"
        return doc

    nlp.add_pipe("everything_a_name")
    nlp.add_pipe("framing_detector", config={"headline": False})
    doc = nlp("The striker is said to be unhappy, sources claim.")
    assert {t.tag_ for t in doc} == {"NP0"} and {t.pos_ for t in doc} == {"PROPN"}
    from detector.analysis import analyse
    from detector.document import Document

    analysis = analyse(Document.from_text(doc.text, headline=False), "en", upstream=doc)
    assert {t.tag_ for t in analysis.doc if not t.is_space} == {"NP0"}  # not tagged again by the grammar step
