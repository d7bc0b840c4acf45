"""``framing rules new``: a rule file to start from, valid and with passing tests."""

from __future__ import annotations

import re
from pathlib import Path

from detector.errors import FramingError
from detector.taxonomy import devices

_ID = re.compile(r"^(de|en)\.[a-z0-9_-]+(\.[a-z0-9_-]+)*$")

_TEXT = {
    "de": {"description": "Beschreiben Sie in einem Satz, was die Regel findet.",
           "message": "Kurze Meldung mit dem Fund: „{text}“",
           "explanation": "Was ist das Mittel, und warum zählt es für die Lesenden?",
           "suggestion": "Welche Frage sollten Lesende stellen, oder wie lautet eine neutrale Fassung?",
           "match": "Der Text enthält das [[Beispielwort]] im Satz.",
           "ok": "Ein Satz ohne das gesuchte Wort.", "word": "Beispielwort"},
    "en": {"description": "Say in one sentence what the rule finds.",
           "message": "Short message quoting the finding: \"{text}\"",
           "explanation": "What is the device, and why does it matter to readers?",
           "suggestion": "Which question should readers ask, or what is a neutral rewrite?",
           "match": "The text contains the [[exampleword]] in a sentence.",
           "ok": "A sentence without the word the rule looks for.", "word": "exampleword"},
}


def _match_block(kind: str, word: str) -> str:
    if kind == "terms":
        return f"match:\n  kind: terms\n  terms: [{word}]\n"
    if kind == "tokens":
        return f"match:\n  kind: tokens\n  patterns:\n    - [{{LOWER: {word.lower()}}}]\n"
    if kind == "regex":
        return f"match:\n  kind: regex\n  pattern: '\\b{word}\\b'\n"
    raise FramingError(f"--kind must be terms, tokens or regex, not '{kind}'")


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scaffold(rule_id: str, device: str, kind: str, folder: Path, *, force: bool = False) -> Path:
    if not _ID.match(rule_id):
        raise FramingError(f"rule id '{rule_id}' must look like de.family.name or en.family.name "
                           "(lower case, digits, - and _)")
    if device not in devices():
        raise FramingError(f"unknown device '{device}' (known: {', '.join(devices())})")
    lang = rule_id.split(".", 1)[0]
    parts = rule_id.split(".")
    path = folder / lang / (parts[1] if len(parts) > 2 else "") / f"{parts[-1]}.yaml"
    if path.exists() and not force:
        raise FramingError("file exists (use --force to overwrite)", path=str(path))
    t = _TEXT[lang]
    body = (f"id: {rule_id}\nlang: {lang}\ndevice: {device}\n"
            f"description: {_q(t['description'])}\nseverity: warning\nconfidence: 0.7\n"
            f"message: {_q(t['message'])}\n"
            f"explanation: >\n  {t['explanation']}\nsuggestion: >\n  {t['suggestion']}\n"
            "where: {quotes: outside}\n"
            "unless:\n  attributed_to_named: true\n"
            + _match_block(kind, t["word"])
            + f"tests:\n  match:\n    - {_q(t['match'])}\n  ok:\n    - {_q(t['ok'])}\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path
