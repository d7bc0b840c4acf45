"""Load and validate rule files: YAML (safe) → schema check → :class:`Rule`.

Every problem becomes a :class:`RuleError` naming the file and the line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from detector.errors import RuleError
from detector.matching.checked_cache import checked
from detector.matching.rule import DEFAULT_CONFIDENCE, Rule, unless_patterns
from detector.taxonomy import devices
from detector.yamlio import load_with_nodes

LEXICON_DIR = "lexicons"  # word lists beside the rules, not rules themselves
_ALLOWED_VALUE_KEYS = {"IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS", "==", "!=", ">=", "<=", ">", "<"}


def builtin_rules_dir() -> Path:
    """The rules shipped with the package (``detector/rules``), or the repository's ``rules/``."""
    packaged = Path(str(resources.files("detector").joinpath("rules")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


@cache
def _validator():
    """The rule schema's validator, built once (not once per rule file)."""
    from jsonschema import Draft202012Validator

    schema = json.loads(resources.files("detector.matching").joinpath("rule.schema.json").read_text("utf-8"))
    return Draft202012Validator(schema)


def _node_line(node: yaml.Node, path: Iterable) -> int:
    """Line (1-based) of the YAML node at a jsonschema error path."""
    line = node.start_mark.line + 1
    for key in path:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    node = v
                    line = k.start_mark.line + 1
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _best_error(errors: list) -> object:
    from jsonschema.exceptions import best_match

    return best_match(errors)


def parse_yaml(text: str, name: str) -> tuple[object, yaml.Node | None]:
    """Data and node tree of a rule or lexicon file; bad YAML is a RuleError naming file and line."""
    try:
        return load_with_nodes(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise RuleError(f"invalid YAML: {problem}", path=name, line=mark.line + 1 if mark else None) from None


def load_rule_file(path: Path, *, builtin: bool = False) -> Rule:
    """Parse, validate and build one rule (raises :class:`RuleError`).

    A file already checked in this version is taken from :mod:`~detector.matching.checked_cache`.
    """
    name = str(path)
    try:
        content = path.read_bytes()
        text = content.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RuleError(f"cannot read rule file: {e}", path=name) from None
    return checked(content, "rule", lambda: _check_rule(text, name),
                   lambda value: _build_rule(value["data"], value["lines"], name, builtin))


def _check_rule(text: str, name: str) -> dict:
    """Parse and validate a rule file's text: its data and the line of each top-level key."""
    data, node = parse_yaml(text, name)
    if not isinstance(data, dict) or node is None:
        raise RuleError("a rule file must be a YAML mapping", path=name, line=1)
    validator = _validator()
    errors = list(validator.iter_errors(data))
    if errors:
        err = _best_error(errors)
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        msg = err.message
        if err.validator == "oneOf" and "kind" in data.get("match", {}):
            msg = f"match of kind '{data['match']['kind']}' has an unknown or missing key"
            sub = [e for e in errors if e.validator == "oneOf"]
            if sub and sub[0].context:
                kinds = [c for c in sub[0].context if c.validator in ("additionalProperties", "required")
                         and data["match"].get("kind") in json.dumps(c.schema.get("properties", {}).get("kind", {}))]
                if kinds:
                    msg = f"match: {kinds[0].message}"
        elif err.validator == "additionalProperties":
            msg = f"unknown key: {msg}"
        elif err.validator == "propertyNames":
            msg = f"unknown token attribute {err.instance!r} (REGEX/FUZZY are not allowed: use kind: regex)"
        path = list(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            if extra:
                path.append(extra[0])
                msg = f"unknown key '{extra[0]}'"
        raise RuleError(f"{where}: {msg}", path=name, line=_node_line(node, path)) from None
    if data["device"] not in devices():
        raise RuleError(f"unknown device '{data['device']}' (see `framing explain`)", path=name,
                        line=_node_line(node, ["device"]))
    _check_value_predicates(data, node, name)
    return {"data": data, "lines": {k.value: k.start_mark.line + 1 for k, _ in node.value}}


def _build_rule(data: dict, lines: dict[str, int], name: str, builtin: bool) -> Rule:
    return Rule(
        id=data["id"], lang=data["lang"], device=data["device"], family=devices()[data["device"]]["family"],
        message=data["message"].strip(), explanation=" ".join(data["explanation"].split()),
        suggestion=" ".join(data["suggestion"].split()), match=data["match"], tests=data["tests"],
        description=" ".join(data.get("description", "").split()), severity=data.get("severity", "warning"),
        confidence=float(data.get("confidence", DEFAULT_CONFIDENCE)), weight=float(data.get("weight", 1.0)),
        enabled=bool(data.get("enabled", True)), references=list(data.get("references", [])),
        where=data.get("where", {}), scope=data.get("scope", "match"),
        unless=data.get("unless", {}), path=name, lines=dict(lines), builtin=builtin,
    )


def _check_value_predicates(data: dict, node: yaml.Node, name: str) -> None:
    """Token patterns may not use REGEX/FUZZY predicates (spaCy runs those with ``re``)."""
    pats: list[tuple[list, list]] = []
    if data["match"]["kind"] == "tokens":
        pats += [(p["tokens"], ["match", "patterns", i, "tokens"]) if isinstance(p, dict) else (p, ["match", "patterns", i])
                 for i, p in enumerate(data["match"]["patterns"])]
    for key in ("followed_by", "preceded_by", "sentence_has"):
        if key in data.get("unless", {}):
            value = data["unless"][key]
            listed = unless_patterns(value)
            several = listed is value  # a list of patterns: error paths name the pattern's index
            pats += [(p, ["unless", key, i] if several else ["unless", key]) for i, p in enumerate(listed)]
    for pattern, path in pats:
        for j, spec in enumerate(pattern):
            for attr, value in spec.items():
                values = [value]
                if isinstance(value, dict):
                    values = [v for key in ("IN", "NOT_IN") if isinstance(value.get(key), list) for v in value[key]]
                if attr in ("ORTH", "TEXT", "LOWER", "LEMMA", "NORM") and any(isinstance(v, bool) for v in values):
                    raise RuleError(f"{'/'.join(map(str, path))}/{j}/{attr}: a word was read as true/false: quote "
                                    "words such as \"no\", \"off\", \"on\", \"yes\" (YAML reads them as booleans)",
                                    path=name, line=_node_line(node, [*path, j]))
                if isinstance(value, dict):
                    bad = set(value) - _ALLOWED_VALUE_KEYS
                    if bad:
                        raise RuleError(f"{'/'.join(map(str, path))}/{j}/{attr}: predicate {sorted(bad)[0]!r} "
                                        "is not allowed (use kind: regex for regular expressions)",
                                        path=name, line=_node_line(node, [*path, j]))


def rule_files(folder: Path) -> list[Path]:
    if not folder.exists():
        raise RuleError("rule folder does not exist", path=str(folder))
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
                  and LEXICON_DIR not in p.relative_to(folder).parts)


def load_rules(folders: Iterable[Path], *, builtin: bool = False) -> list[Rule]:
    """Load every rule below the folders; duplicate ids are an error."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for folder in folders:
        for path in rule_files(Path(folder)):
            rule = load_rule_file(path, builtin=builtin)
            if rule.id in seen:
                raise RuleError(f"duplicate rule id '{rule.id}' (also in {seen[rule.id]})", path=str(path),
                                line=rule.line_of("id"))
            seen[rule.id] = str(path)
            rules.append(rule)
    return rules
