"""Classify: a small trained model beside the rules (sentence devices, article framed/neutral).

The model is plain JSON (vocabulary, idf, coefficients) and prediction is numpy
arithmetic over it, so loading a model never unpickles anything.
"""

from detector.classify.model import Model, default_model_path, load_model
from detector.classify.predict import classify

__all__ = ["Model", "classify", "default_model_path", "load_model"]
