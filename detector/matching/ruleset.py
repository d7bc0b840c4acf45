"""The rule set in force: built-in rules, user folders and configuration, compiled once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from detector.config import Config
from detector.errors import RuleError
from detector.matching.engine import CompiledRule, compile_rules
from detector.matching.loader import builtin_rules_dir, load_rules
from detector.matching.rule import Rule


def assemble(user_dirs: list[Path] | None = None, config: Config | None = None,
             builtin: bool = True) -> list[Rule]:
    """Built-in rules, then user rules (a user rule with a built-in id replaces it), then config."""
    config = config or Config()
    rules: dict[str, Rule] = {}
    if builtin:
        for r in load_rules([builtin_rules_dir()], builtin=True):
            rules[r.id] = r
    for r in load_rules([*config.rules, *(user_dirs or [])]):
        rules[r.id] = r  # override by id
    for item in config.disable:
        _toggle(rules, item, False, config)
    for item in config.enable:
        _toggle(rules, item, True, config)
    for rid, over in config.rule.items():
        if rid not in rules:
            raise RuleError(f"rule.{rid}: no such rule", path=config.path)
        rules[rid] = replace(rules[rid], **over)
    return sorted(rules.values(), key=lambda r: r.id)


def _toggle(rules: dict[str, Rule], item: str, on: bool, config: Config) -> None:
    device = Config.device_of(item)
    if device is not None:
        hit = [rid for rid, r in rules.items() if r.device == device]
    else:
        hit = [item] if item in rules else []
    if not hit:
        raise RuleError(f"{'enable' if on else 'disable'}: no rule or device '{item}'", path=config.path)
    for rid in hit:
        rules[rid] = replace(rules[rid], enabled=on)


class RuleSet:
    """Rules compiled per language on first use."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self._compiled: dict[str, list[CompiledRule]] = {}
        self._weights = {r.id: r.weight for r in rules}

    def compiled(self, lang: str) -> list[CompiledRule]:
        if lang not in self._compiled:
            self._compiled[lang] = compile_rules([r for r in self.rules if r.lang == lang and r.enabled])
        return self._compiled[lang]

    def framing_needs(self, lang: str) -> dict[str, int]:
        """Rule id → the framing context it needs (``where: framing_context``), for the rules of ``lang``."""
        return {r.id: int(r.where["framing_context"]) for r in self.rules if r.lang == lang and r.where.get("framing_context")}

    def weight(self, rule_id: str | None) -> float:
        """The rule's ``weight`` (1 for the classifier's findings and unknown ids)."""
        return self._weights.get(rule_id, 1.0) if rule_id else 1.0

    def compile_all(self) -> None:
        """Compile every language now (validates all patterns)."""
        for lang in sorted({r.lang for r in self.rules}):
            self.compiled(lang)
