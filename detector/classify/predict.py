"""Prediction: sentence device probabilities and the article probability, from the JSON model.

Where a rule finding of the same device overlaps a flagged sentence, the rule's finding stands
and its confidence rises (noisy-or of the two); elsewhere the sentence becomes a finding of
origin ``classifier`` (beside the rules only from the device's stricter ``add_threshold``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np
import yaml

from detector.classify.features import Sentence, sentences
from detector.report.model import Finding
from detector.taxonomy import family_of

if TYPE_CHECKING:
    from detector.analysis import Analysis
    from detector.classify.model import LangModel, Model

CONFIDENCE_CAP = 0.99


@dataclass
class Result:
    findings: list[Finding]
    probability: float  # P(framed) from the article model
    sentence_probs: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))


@cache
def messages() -> dict:
    return yaml.safe_load(resources.files("detector.classify").joinpath("messages.yaml").read_text("utf-8"))


def sentence_probabilities(lm: LangModel, sents: list[Sentence]) -> np.ndarray:
    """Sentences × devices probabilities."""
    if not sents:
        return np.zeros((0, len(lm.devices)))
    return lm.probabilities(sents)


def article_features(devs: list[str], probs: np.ndarray, thresholds: np.ndarray,
                     rule_findings: list[Finding]) -> dict[str, float]:
    """What the article model reads: per device the strongest sentence, the flagged share, the rule hits."""
    n = max(1, probs.shape[0])
    feats: dict[str, float] = {}
    for j, d in enumerate(devs):
        col = probs[:, j] if probs.shape[0] else np.zeros(1)
        feats[f"max:{d}"] = float(col.max())
        feats[f"share:{d}"] = float((col >= thresholds[j]).sum()) / n
    counts: dict[str, int] = {}
    for f in rule_findings:
        counts[f.device] = counts.get(f.device, 0) + 1
    for d, c in counts.items():
        feats[f"rule:{d}"] = math.log1p(c / math.sqrt(n))
    feats["rules"] = math.log1p(len(rule_findings) / math.sqrt(n))
    return feats


def _finding(analysis: Analysis, s: Sentence, device: str, p: float) -> Finding:
    msg = messages()
    lang = analysis.lang if analysis.lang in msg else "en"
    texts = msg[lang]
    dev = texts["devices"].get(device, {})
    return Finding(device=device, family=family_of(device), rule="classifier", start=s.start, end=s.end,
                   text=analysis.text[s.start:s.end], part=s.part, sentence=s.index, severity="info",
                   confidence=round(p, 3), origin="classifier",
                   message=texts["message"].format(name=dev.get("name", device), confidence=round(100 * p)),
                   explanation=dev.get("explanation", ""), suggestion=dev.get("suggestion", ""))


def classify(analysis: Analysis, rule_findings: list[Finding], model: Model, *, keep_rules: bool = True) -> Result:
    """Classifier findings merged with ``rule_findings`` (or alone if ``keep_rules`` is false)."""
    lm = model.langs.get(analysis.lang)
    if lm is None:
        return Result(list(rule_findings) if keep_rules else [], 0.5)
    sents = sentences(analysis, rule_findings)
    probs = sentence_probabilities(lm, sents)
    findings = [replace(f) for f in rule_findings] if keep_rules else []
    added: list[Finding] = []
    for k, s in enumerate(sents):
        for j in np.flatnonzero(probs[k] >= lm.threshold):
            device, p = lm.devices[j], float(probs[k, j])
            covering = [f for f in findings if f.device == device and f.start < s.end and s.start < f.end]
            if covering:
                for f in covering:
                    f.confidence = round(min(CONFIDENCE_CAP, 1 - (1 - f.confidence) * (1 - p)), 3)
            elif not keep_rules or p >= lm.add_threshold[j]:
                added.append(_finding(analysis, s, device, p))
    merged = sorted(findings + added, key=lambda f: (f.start, f.end, f.device))
    prob = lm.article.probability(article_features(lm.devices, probs, lm.threshold, rule_findings))
    return Result(merged, prob, probs)
