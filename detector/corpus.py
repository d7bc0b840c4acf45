"""Annotated corpora: author-friendly sources → JSONL, and their validation.

A source article is ``corpora/src/<lang>/<split>/<id>.md``::

    ---
    id: de-train-001
    lang: de
    kind: framed          # or neutral
    split: train          # train | dev | test
    topic: energy
    style: tabloid
    ---
    Headline with [[marked words]]{device}

    Body paragraph one …

The document text is ``headline + "\\n\\n" + body`` exactly as in the report
contract; gold spans index it. ``python -m detector.corpus build`` writes
``corpora/<lang>/<split>.jsonl``; ``python -m detector.corpus check`` validates.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from detector.languages import SUPPORTED
from detector.markup import MarkupError, parse_markup
from detector.taxonomy import devices

KINDS = ("framed", "neutral")
SPLITS = ("train", "dev", "test")
LANGS = SUPPORTED
REQUIRED_META = ("id", "lang", "kind", "split", "topic", "style")
RECORD_FIELDS = ("id", "lang", "kind", "split", "headline", "body", "annotations")


class CorpusError(ValueError):
    pass


@dataclass
class Article:
    id: str
    lang: str
    kind: str
    split: str
    headline: str
    body: str
    annotations: list[dict] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.headline + "\n\n" + self.body if self.headline else self.body

    def to_record(self) -> dict:
        rec = {"id": self.id, "lang": self.lang, "kind": self.kind, "split": self.split}
        rec.update(self.meta)
        rec["headline"] = self.headline
        rec["body"] = self.body
        rec["annotations"] = self.annotations
        return rec


def parse_source(path: Path) -> Article:
    """Read one marked-up source article."""
    raw = path.read_text("utf-8").replace("\r\n", "\n")
    if not raw.startswith("---\n"):
        raise CorpusError(f"{path}:1: missing '---' front matter")
    try:
        head, marked = raw[4:].split("\n---\n", 1)
    except ValueError:
        raise CorpusError(f"{path}: front matter is not closed by '---'") from None
    meta = yaml.safe_load(head) or {}
    missing = [k for k in REQUIRED_META if k not in meta]
    if missing:
        raise CorpusError(f"{path}: front matter lacks {', '.join(missing)}")
    offset_lines = head.count("\n") + 3
    try:
        clean, spans = parse_markup(marked.strip("\n"))
    except MarkupError as e:
        raise CorpusError(f"{path}:{e.line + offset_lines}: {e.args[0].split(': ', 1)[1]}") from None
    headline, sep, body = clean.partition("\n\n")
    if not sep:
        raise CorpusError(f"{path}: needs a headline line, a blank line, then the body")
    headline = headline.strip()
    if "\n" in headline:
        raise CorpusError(f"{path}: the headline must be one line")
    body = body.strip()
    # offsets were computed on ``clean``; the document text is rebuilt, so shift
    lead = clean.index(headline) if headline else 0
    body_shift = clean.index(body, len(headline) + lead) - (len(headline) + 2)
    text = headline + "\n\n" + body
    annotations = []
    for s in spans:
        shift = lead if s.end <= lead + len(headline) else body_shift
        start, end = s.start - shift, s.end - shift
        annotations.append({"device": s.label, "start": start, "end": end, "text": text[start:end]})
    extra = {k: v for k, v in meta.items() if k not in ("id", "lang", "kind", "split")}
    return Article(
        id=str(meta["id"]), lang=meta["lang"], kind=meta["kind"], split=meta["split"],
        headline=headline, body=body, annotations=annotations, meta=extra,
    )


def validate_record(rec: dict) -> list[str]:
    """Problems with one annotated JSONL record (empty list when it is sound)."""
    rid = rec.get("id", "?")
    missing = [f"{rid}: missing '{key}'" for key in RECORD_FIELDS if key not in rec]
    if missing:
        return missing
    text = rec["headline"] + "\n\n" + rec["body"] if rec["headline"] else rec["body"]
    return _value_problems(rec, rid) + _annotation_problems(rec["annotations"], text, rid)


def _value_problems(rec: dict, rid: object) -> list[str]:
    """A lang, kind or split the corpora do not know."""
    problems = []
    if rec["lang"] not in LANGS:
        problems.append(f"{rid}: unknown lang {rec['lang']!r}")
    if rec["kind"] not in KINDS:
        problems.append(f"{rid}: kind must be one of {KINDS}")
    if rec["split"] not in SPLITS:
        problems.append(f"{rid}: split must be one of {SPLITS}")
    return problems


def _annotation_problems(annotations: list[dict], text: str, rid: object) -> list[str]:
    """Unknown devices, offsets that do not fit ``text``, spans that disagree with it, duplicates."""
    problems = []
    seen = set()
    known = devices()
    for a in annotations:
        key = (a.get("device"), a.get("start"), a.get("end"))
        where = f"{rid}: {a.get('device')} {a.get('start')}-{a.get('end')}"
        if a.get("device") not in known:
            problems.append(f"{where}: unknown device")
        s, e = a.get("start"), a.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            problems.append(f"{where}: offsets outside the text or empty")
            continue
        span = text[s:e]
        if span != span.strip():
            problems.append(f"{where}: span has leading or trailing white space")
        if "text" in a and a["text"] != span:
            problems.append(f"{where}: 'text' does not equal document[start:end]")
        if key in seen:
            problems.append(f"{where}: duplicate annotation")
        seen.add(key)
    return problems


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def build(root: Path) -> dict[tuple[str, str], list[Article]]:
    """Parse all sources under ``root/src`` and write ``root/<lang>/<split>.jsonl``."""
    groups: dict[tuple[str, str], list[Article]] = {}
    for path in sorted((root / "src").glob("*/*/*.md")):
        art = parse_source(path)
        lang, split = path.parts[-3], path.parts[-2]
        if (art.lang, art.split) != (lang, split):
            raise CorpusError(f"{path}: front matter says {art.lang}/{art.split}, folder says {lang}/{split}")
        groups.setdefault((lang, split), []).append(art)
    for (lang, split), arts in groups.items():
        out = root / lang / f"{split}.jsonl"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for a in sorted(arts, key=lambda a: a.id):
                fh.write(json.dumps(a.to_record(), ensure_ascii=False) + "\n")
    return groups


def check(root: Path) -> list[str]:
    """Validate every source article and report problems."""
    problems: list[str] = []
    ids: Counter[str] = Counter()
    for path in sorted((root / "src").glob("*/*/*.md")):
        try:
            art = parse_source(path)
        except (CorpusError, yaml.YAMLError) as e:
            problems.append(str(e))
            continue
        ids[art.id] += 1
        problems += [f"{path}: {p}" for p in validate_record(art.to_record())]
        if art.kind == "neutral" and art.annotations:
            problems.append(f"{path}: a neutral article carries annotations")
        words = len(art.text.split())
        if not 120 <= words <= 400:
            problems.append(f"{path}: {words} words (120–400 expected)")
    problems += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    return problems


def stats(root: Path) -> str:
    rows = Counter()
    for path in sorted((root / "src").glob("*/*/*.md")):
        art = parse_source(path)
        rows[(art.lang, art.split, "articles")] += 1
        rows[(art.lang, art.split, art.kind)] += 1
        for a in art.annotations:
            rows[(art.lang, "all", a["device"])] += 1
    return "\n".join(f"{k[0]}\t{k[1]}\t{k[2]}\t{v}" for k, v in sorted(rows.items()))


def _rebuild_quiz_bank(root: Path) -> None:
    """The quiz bank is built from the repository's train and dev splits: keep it in step with them."""
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_quiz_bank.py"
    if script.is_file() and root.resolve() == script.parents[1] / "corpora":
        import subprocess

        subprocess.run([sys.executable, str(script)], check=True)


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path("corpora")
    cmd = argv[0] if argv else "check"
    if cmd == "check":
        problems = check(root)
        print("\n".join(problems) or "ok")
        return 1 if problems else 0
    if cmd == "build":
        groups = build(root)
        for (lang, split), arts in sorted(groups.items()):
            print(f"{lang}/{split}: {len(arts)} articles")
        _rebuild_quiz_bank(root)
        return 0
    if cmd == "stats":
        print(stats(root))
        return 0
    print("usage: python -m detector.corpus check|build|stats [ROOT]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
