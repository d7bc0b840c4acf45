"""Import spaCy without its command-line package, for a fast ``framing`` start-up.

``spacy/__init__`` imports ``spacy.cli.info`` only to re-export :func:`spacy.info`, and that
pulls in spaCy's whole command line (weasel, requests, httpx, the config templates): about a
quarter of spaCy's import time, none of which scoring uses. :func:`import_spacy_light` lets
that one import find a small stand-in, then removes the stand-in, so a later
``import spacy.cli`` still loads the real package, and ``spacy.info`` still works (it loads
the real one when called). If spaCy's own imports ever change so that the stand-in does
not satisfy them, spaCy is imported the ordinary way.

Only the ``framing`` command uses this: a program that imports :mod:`detector` as a library
gets spaCy imported as usual.
"""

from __future__ import annotations

import sys
import types

_STUBS = ("spacy.cli", "spacy.cli.info")


def _info(*args, **kwargs):
    """``spacy.info``: loads spaCy's real command-line package when first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy_light() -> types.ModuleType:
    """Import spaCy (if not imported yet) without ``spacy.cli``; return the module."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    if any(name in sys.modules for name in _STUBS):  # pragma: no cover - someone else is mid-import
        import spacy

        return spacy
    package = types.ModuleType("spacy.cli")
    package.__path__ = []  # a package, so that ``spacy.cli.info`` resolves below it
    info = types.ModuleType("spacy.cli.info")
    info.info = _info
    sys.modules.update({"spacy.cli": package, "spacy.cli.info": info})
    try:
        import spacy
    except ImportError:  # spaCy wanted more of its CLI than the stand-in offers
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        _remove_stubs(None)
        import spacy

        return spacy
    _remove_stubs(spacy)
    return spacy


def _remove_stubs(spacy: types.ModuleType | None) -> None:
    for name in _STUBS:
        sys.modules.pop(name, None)
    if spacy is not None and getattr(spacy, "cli", None) is not None and not hasattr(spacy.cli, "app"):
        del spacy.cli  # the stand-in package; ``import spacy.cli`` now loads the real one
