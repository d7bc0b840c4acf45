"""YAML (and JSON) loading that keeps line numbers, so every error can name its file and line."""

from __future__ import annotations

import json
from typing import Any

import yaml

from detector.errors import InputError


def load_with_nodes(text: str, path: str) -> tuple[Any, yaml.Node | None]:
    """Parse ``text`` safely; return the data and its node tree (for :func:`line_of`)."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(f"invalid YAML: {e.problem or e.context}", path=path, line=line) from None
    except yaml.YAMLError as e:
        raise InputError(f"invalid YAML: {e}", path=path) from None
    finally:
        loader.dispose()
    return data, node


def load_json_with_nodes(text: str, path: str) -> tuple[Any, yaml.Node | None]:
    """Parse JSON strictly; the node tree for line numbers comes from the YAML parser when it can read it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"invalid JSON: {e.msg}", path=path, line=e.lineno) from None
    try:
        _, node = load_with_nodes(text, path)
    except InputError:
        node = None
    return data, node


def child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    """The value node under a mapping key or at a sequence index (None when absent)."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def line_of(node: yaml.Node | None, *keys: str | int) -> int | None:
    """1-based line of the node reached by ``keys`` (or of the deepest one that exists)."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in keys:
        node = child(node, key)
        if node is None:
            break
        line = node.start_mark.line + 1
    return line
