"""Lexicons: documented word lists that rules of kind ``terms`` name with ``lexicon: NAME``.

A lexicon is a YAML file ``rules/lexicons/<lang>/<name>.yaml``::

    name: loaded
    lang: de
    description: Words that judge while they report.
    entries:
      - Desaster
      - {term: Skandal, note: "neutral as part of an affair's name (Dieselskandal)"}
      - {term: Regime, compounds: false, note: "technical in Sanktionsregime: never a compound head"}
      - {term: Lobby, compounds: only, note: "a hotel foyer alone; loaded as a head (Autolobby)"}

Entries are plain strings or mappings with ``term`` and an optional ``note`` saying in which
senses the word is loaded and in which it is not. A rule may also name a lexicon by a path
relative to its own file (``lexicon: my-words.yaml``), which is how user rule folders add theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from detector.errors import RuleError
from detector.matching.checked_cache import checked
from detector.matching.loader import parse_yaml


@dataclass(frozen=True)
class Entry:
    term: str
    note: str = ""
    compounds: bool | str = True  # may match as the head of a compound (where the rule asks); "only": never alone


@dataclass(frozen=True)
class Lexicon:
    name: str
    lang: str
    description: str
    entries: tuple[Entry, ...]
    path: str

    @property
    def terms(self) -> list[str]:
        return [e.term for e in self.entries]


def builtin_lexicon_dir() -> Path:
    from detector.matching.loader import LEXICON_DIR, builtin_rules_dir

    return builtin_rules_dir() / LEXICON_DIR


def resolve(name: str, lang: str, rule_path: str | None) -> Path:
    """A lexicon file from a rule's ``lexicon`` value."""
    if name.endswith((".yaml", ".yml")):
        base = Path(rule_path).parent if rule_path else Path.cwd()
        return (base / name).resolve()
    return builtin_lexicon_dir() / lang / f"{name}.yaml"


@cache
def load_lexicon(path: Path) -> Lexicon:
    """Read and check one lexicon file (raises :class:`RuleError` naming file and line)."""
    name = str(path)
    try:
        content = path.read_bytes()
        text = content.decode("utf-8")
    except FileNotFoundError:
        raise RuleError("no such lexicon file", path=name) from None
    except (OSError, UnicodeDecodeError) as e:
        raise RuleError(f"cannot read lexicon: {e}", path=name) from None
    return checked(content, "lexicon", lambda: _check_lexicon(text, path),
                   lambda value: Lexicon(name=value["name"], lang=value["lang"], description=value["description"],
                                         entries=tuple(Entry(t, n, c if c == "only" else bool(c)) for t, n, c in value["entries"]),
                                         path=name))


def _check_lexicon(text: str, path: Path) -> dict:
    """Parse and check a lexicon's text: its name, language, description and [term, note, compounds]."""
    name = str(path)
    data, node = parse_yaml(text, name)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list) or not data["entries"]:
        raise RuleError("a lexicon is a mapping with a non-empty 'entries' list", path=name, line=1)
    items = next((v for k, v in node.value if k.value == "entries"), None)
    entries = []
    for i, raw in enumerate(data["entries"]):
        line = items.value[i].start_mark.line + 1 if items is not None else None
        compounds = raw.get("compounds", True) if isinstance(raw, dict) else True
        if isinstance(raw, str) and raw.strip():
            entries.append([raw.strip(), "", True])
        elif isinstance(raw, dict) and isinstance(raw.get("term"), str) and raw["term"].strip() \
                and set(raw) <= {"term", "note", "compounds"} and (isinstance(compounds, bool) or compounds == "only"):
            entries.append([raw["term"].strip(), str(raw.get("note", "")).strip(), compounds])
        else:
            raise RuleError("each entry is a word or {term: ..., note: ..., compounds: true|false|only}", path=name,
                            line=line)
    return {"name": str(data.get("name", path.stem)), "lang": str(data.get("lang", "")),
            "description": " ".join(str(data.get("description", "")).split()), "entries": entries}


def all_lexicons() -> list[Lexicon]:
    """The built-in lexicons of every language (for documentation)."""
    root = builtin_lexicon_dir()
    return [load_lexicon(p) for p in sorted(root.glob("*/*.yaml"))] if root.is_dir() else []
