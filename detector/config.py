"""Configuration: ``framing.toml`` or ``[tool.framing]`` in ``pyproject.toml``.

```toml
[tool.framing]
rules = ["my-rules"]                  # extra rule folders, relative to the config file
disable = ["de.wording.loaded-terms", "device:repetition"]
enable = []                            # re-enable rules that are off by default
[tool.framing.weights]                 # device weights for the score
unnamed_source = 25
default_lang = "de"                    # language of a text too short to tell (a few words); de or en
min_confidence = 0.5                   # leave out findings whose calibrated confidence is lower
[tool.framing.rule."de.sourcing.unnamed-source"]
confidence = 0.9
severity = "error"
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from detector.errors import RuleError
from detector.languages import DEFAULT, SUPPORTED, listed

_KEYS = {"rules", "disable", "enable", "weights", "rule", "default_lang", "min_confidence"}
_RULE_KEYS = {"confidence", "severity", "weight", "enabled"}


@dataclass
class Config:
    rules: list[Path] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)
    enable: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    rule: dict[str, dict] = field(default_factory=dict)
    path: str | None = None
    default_lang: str = DEFAULT  # the language of a text that gives no evidence of its own (a few words)
    min_confidence: float = 0.0  # findings below this (calibrated) confidence are left out of the report

    def to_json(self) -> str:
        """Every setting but the rule folders as one JSON string (sorted keys): what a worker on another
        machine needs, with the folders' files carried beside it (see :mod:`detector.collection.work`)."""
        import json

        settings = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "rules"}
        return json.dumps(settings, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Config:
        """The Config :meth:`to_json` wrote (no rule folders)."""
        import json

        return cls(**json.loads(text))

    @staticmethod
    def device_of(item: str) -> str | None:
        """The device an ``enable``/``disable`` item names (``device:NAME``), or None for a rule id."""
        return item.split(":", 1)[1] if item.startswith("device:") else None

    @property
    def disabled_devices(self) -> set[str]:
        """Devices switched off with ``device:NAME`` (and not switched on again)."""
        def devices(items: list[str]) -> set[str]:
            return {d for item in items if (d := self.device_of(item))}
        return devices(self.disable) - devices(self.enable)


def find_config(start: Path | None = None) -> Path | None:
    """``framing.toml`` or a pyproject with ``[tool.framing]`` in the folder or its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        cand = folder / "framing.toml"
        if cand.is_file():
            return cand
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                if "framing" in tomllib.loads(py.read_text("utf-8")).get("tool", {}):
                    return py
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                pass
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    name = str(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise RuleError("config file not found", path=name) from None
    except tomllib.TOMLDecodeError as e:
        line = getattr(e, "lineno", None)
        raise RuleError(f"invalid TOML: {str(e).split(' (at')[0]}", path=name, line=line) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("framing", {})
    unknown = set(data) - _KEYS
    if unknown:
        raise RuleError(f"unknown config key '{sorted(unknown)[0]}' (known: {', '.join(sorted(_KEYS))})", path=name)
    for rid, over in data.get("rule", {}).items():
        bad = set(over) - _RULE_KEYS
        if bad:
            raise RuleError(f"rule.{rid}: unknown key '{sorted(bad)[0]}' (known: {', '.join(sorted(_RULE_KEYS))})",
                            path=name)
    base = path.parent
    default_lang = data.get("default_lang", DEFAULT)
    if default_lang not in SUPPORTED:
        raise RuleError(f"default_lang must be {listed()}, not {default_lang!r}", path=name)
    min_confidence = data.get("min_confidence", 0.0)
    if not isinstance(min_confidence, (int, float)) or not 0 <= min_confidence <= 1:
        raise RuleError(f"min_confidence must be a number from 0 to 1, not {min_confidence!r}", path=name)
    return Config(default_lang=default_lang, min_confidence=float(min_confidence),
        rules=[base / r for r in data.get("rules", [])], disable=list(data.get("disable", [])),
        enable=list(data.get("enable", [])), weights={k: float(v) for k, v in data.get("weights", {}).items()},
        rule=dict(data.get("rule", {})), path=name,
    )
