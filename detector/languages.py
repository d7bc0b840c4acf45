"""The languages the detector supports: the one registry every module reads.

Adding a language ``xx`` is a set of data files, then ``"xx"`` in :data:`SUPPORTED`:

* rules: ``rules/xx/<family>/*.yaml`` and rule lexicons ``rules/lexicons/xx/`` (``framing rules new``
  scaffolds a rule; ``framing rules test`` runs its cases);
* analysis lexicons: ``detector/analysis/lexicons/xx.yaml`` (sources, speech verbs, function words; the keys
  of ``de.yaml``), the grammar step's model and tag mapping in ``detector/analysis/lexicons/grammar.yaml``
  (a HanTa model, or none), function words for language identification in ``stopwords.yaml``;
* explanations and teaching material: ``detector/data/explanations/xx.yaml``,
  ``detector/data/exercises/xx.yaml``, ``detector/data/quiz/xx.json``, report labels in
  ``detector/report/render/labels.py``;
* models and corpora: ``corpora/xx/{train,dev,test}.jsonl`` for the classifier (``framing train``), and
  optionally a role labeller ``detector/models/roles-xx.json`` and calibration (``corpora/real-xx``).
"""

from __future__ import annotations

SUPPORTED: tuple[str, ...] = ("de", "en")
DEFAULT = "de"
# names of the languages identification can recognise (to refuse the unsupported ones by name)
NAMES = {"de": "German", "en": "English", "fr": "French", "es": "Spanish", "it": "Italian",
         "nl": "Dutch", "pt": "Portuguese", "pl": "Polish", "sv": "Swedish", "tr": "Turkish"}


def is_supported(lang: str | None) -> bool:
    return bool(lang) and lang.lower().split("-")[0] in SUPPORTED


def listed() -> str:
    """The supported languages for messages: "de or en"."""
    return " or ".join(SUPPORTED) if len(SUPPORTED) < 3 else ", ".join(SUPPORTED)
