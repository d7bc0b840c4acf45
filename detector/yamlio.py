"""Safe YAML, fast: libyaml's C parser when it is installed, and one parse for data and line marks.

Only the safe constructor is ever used (no arbitrary Python objects from a file a user hands over).
"""

from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """``yaml.safe_load``, with the C parser when available."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)


def load_with_nodes(text: str) -> tuple[object, yaml.Node | None]:
    """Parse once; return the data and the node tree (for line numbers in error messages)."""
    node = yaml.compose(text, Loader=_LOADER)
    if node is None:
        return None, None
    constructor = yaml.constructor.SafeConstructor()
    data = constructor.construct_document(node)
    return data, node
