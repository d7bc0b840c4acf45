#!/usr/bin/env python3
"""The annotated real-copy samples (``corpora/real-de``, ``corpora/real-en``): select, resolve, agree, build.

Standalone on purpose (only PyYAML): the people who annotate run ``check`` on their own files and
never import or run the detector.

    python scripts/real_sample.py select de            # once: choose the articles, write text/<id>.txt
    python scripts/real_sample.py check corpora/real-de/readers/a   # resolve anchors, report problems
    python scripts/real_sample.py agree corpora/real-de a b          # agreement between two readers
    python scripts/real_sample.py diff corpora/real-de a b [ID …]    # what two readers disagree on, to adjudicate
    python scripts/real_sample.py build corpora/real-de              # gold/*.yaml → {train,dev,test}.jsonl

An annotation file ``<id>.yaml`` holds ``devices`` and ``sources``; every span is an *anchor*: a
piece of the document text in which ``[[…]]`` marks the span (the whole piece without brackets when
there are none). The piece (brackets removed) must occur exactly once in the document, or an
``occurrence: n`` (1-based) picks one. A long span may be given as ``{from: anchor, to: anchor}``:
from the start of the first to the end of the second.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SOURCES = {
    "de": (SHARED / "derstandard-dev.jsonl", ROOT / "corpora" / "real-de", 120),
    "en": (SHARED / "wikinews-en.jsonl", ROOT / "corpora" / "real-en", 48),
}
SPLITS = ("train", "dev", "test")
KINDS = ("named", "unnamed", "relayed")
FORMS = ("direct", "indirect", "free_indirect", "reported")
DEVICES = ("unnamed_source", "secondhand_source", "vague_evidence", "headline_overstatement", "absolute_claim",
           "certainty_booster", "speculation", "vague_quantifier", "loaded_language", "labeling", "fear_appeal",
           "scare_quotes", "rhetorical_question", "false_dilemma", "repetition", "agentless_passive", "clickbait",
           "bandwagon")
MAX_WORDS = 900


class AnchorError(ValueError):
    pass


def document_text(article: dict) -> str:
    return article["headline"] + "\n\n" + article["body"] if article.get("headline") else article["body"]


# --- select ------------------------------------------------------------------------------------------

def select(lang: str) -> None:
    """Choose the sample (stratified by section where there is one), assign splits, write the texts."""
    src, folder, n = SOURCES[lang]
    articles = [json.loads(line) for line in src.open(encoding="utf-8")]
    articles = [a for a in articles if 80 <= len(document_text(a).split()) <= MAX_WORDS]
    rng = random.Random(20261207)
    by_cat: dict[str, list[dict]] = defaultdict(list)
    for a in articles:
        by_cat[a.get("category", "news")].append(a)
    total = len(articles)
    chosen: list[dict] = []
    quotas = {c: max(1, round(n * len(v) / total)) for c, v in by_cat.items()}
    while sum(quotas.values()) > n:
        quotas[max(quotas, key=quotas.get)] -= 1
    while sum(quotas.values()) < n:
        quotas[max(quotas, key=lambda c: len(by_cat[c]) - quotas[c])] += 1
    for cat in sorted(by_cat):
        chosen += rng.sample(by_cat[cat], quotas[cat])
    rng.shuffle(chosen)
    (folder / "text").mkdir(parents=True, exist_ok=True)
    index = []
    for i, a in enumerate(chosen):
        split = SPLITS[i % 3]
        (folder / "text" / f"{a['id']}.txt").write_text(document_text(a), encoding="utf-8")
        index.append({"id": a["id"], "split": split, "category": a.get("category"), "url": a.get("url"),
                      "batch": 1 + i * 2 // n if lang == "de" else 1})
    (folder / "index.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in index), "utf-8")
    print(f"{len(index)} articles → {folder}/text/, index.jsonl ({dict(Counter(x['split'] for x in index))})")


# --- anchors ------------------------------------------------------------------------------------------

_MARK = re.compile(r"\[\[(.*?)\]\]", re.S)


def resolve_anchor(text: str, anchor, where: str) -> tuple[int, int]:
    """An anchor (string, ``{text, occurrence}`` or ``{from, to}``) → character span of ``text``."""
    if isinstance(anchor, dict) and "from" in anchor:
        return _resolve_range(text, anchor, where)
    occurrence = None
    if isinstance(anchor, dict):
        occurrence = anchor.get("occurrence")
        anchor = anchor.get("text")
    if not isinstance(anchor, str) or not anchor.strip():
        raise AnchorError(f"{where}: an anchor must be a non-empty string")
    plain, off_s, off_e = _unmark(anchor, where)
    at = _piece_at(text, plain, occurrence, where)
    s, e = at + off_s, at + off_e
    if s >= e or text[s].isspace() or text[e - 1].isspace():
        raise AnchorError(f"{where}: the span {text[s:e]!r} is empty or has white space at an edge")
    return s, e


def _resolve_range(text: str, anchor: dict, where: str) -> tuple[int, int]:
    """``{from, to}`` → from the start of the first anchor's span to the end of the second's."""
    s, _ = resolve_anchor(text, _closed(anchor["from"], start=True), where + ".from")
    _, e = resolve_anchor(text, _closed(anchor["to"], start=False), where + ".to")
    if e <= s:
        raise AnchorError(f"{where}: 'to' ends before 'from' starts")
    if text[s].isspace() or text[e - 1].isspace():
        raise AnchorError(f"{where}: the span {text[s:e]!r} has white space at an edge")
    return s, e


def _unmark(anchor: str, where: str) -> tuple[str, int, int]:
    """The piece without ``[[…]]``, and where the marked span stands in it (the whole piece when unmarked)."""
    marks = list(_MARK.finditer(anchor))
    if len(marks) > 1:
        raise AnchorError(f"{where}: more than one [[…]] in {anchor!r}")
    plain = _MARK.sub(lambda m: m.group(1), anchor)
    if not marks:
        return plain, 0, len(plain)
    m = marks[0]
    before = anchor[:m.start()]
    return plain, len(before), len(before) + len(m.group(1))


def _piece_at(text: str, plain: str, occurrence, where: str) -> int:
    """Where the piece starts in ``text``: its only occurrence, or the ``occurrence``-th (1-based)."""
    hits = [m.start() for m in re.finditer(re.escape(plain), text)]
    if not hits:
        raise AnchorError(f"{where}: not found in the document: {plain!r}")
    if occurrence is not None:
        if not 1 <= occurrence <= len(hits):
            raise AnchorError(f"{where}: occurrence {occurrence} of {plain!r}, but it occurs {len(hits)} time(s)")
        return hits[occurrence - 1]
    if len(hits) > 1:
        raise AnchorError(f"{where}: {plain!r} occurs {len(hits)} times; add context or 'occurrence: n'")
    return hits[0]


def _closed(anchor, start: bool):
    """``from: "[[first words"`` / ``to: "last words]]"``: a one-sided mark closes at the piece's end or start."""
    if isinstance(anchor, dict):
        return {**anchor, "text": _closed(anchor.get("text"), start)}
    if not isinstance(anchor, str):
        return anchor
    if start and "[[" in anchor and "]]" not in anchor:
        return anchor + "]]"
    if not start and "]]" in anchor and "[[" not in anchor:
        return "[[" + anchor
    return anchor


def resolve_file(path: Path, text: str) -> dict:
    """One reader's annotation file → resolved devices and sources (raises AnchorError)."""
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise AnchorError(f"{path}{line}: YAML error: {getattr(e, 'problem', e)}") from None
    unknown = set(data) - {"id", "devices", "sources", "notes"}
    if unknown:
        raise AnchorError(f"{path}: unknown keys {sorted(unknown)}")
    devices, sources, problems = [], [], []
    for i, d in enumerate(data.get("devices") or []):
        where = f"{path.name} devices[{i}]"
        try:
            if d.get("device") not in DEVICES:
                raise AnchorError(f"{where}: unknown device {d.get('device')!r}")
            s, e = resolve_anchor(text, d.get("span", d.get("text")), where)
            devices.append({"device": d["device"], "start": s, "end": e, "text": text[s:e],
                            **({"note": d["note"]} if d.get("note") else {})})
        except (AnchorError, AttributeError) as err:
            problems.append(str(err))
    for i, src in enumerate(data.get("sources") or []):
        where = f"{path.name} sources[{i}]"
        try:
            out = resolve_source(text, src, where)
            sources.append(out)
        except (AnchorError, AttributeError, TypeError) as err:
            problems.append(str(err))
    if problems:
        raise AnchorError("\n".join(problems))
    return {"devices": devices, "sources": sources}


def resolve_source(text: str, src: dict, where: str) -> dict:
    if src.get("kind") not in KINDS:
        raise AnchorError(f"{where}: kind must be one of {KINDS}, not {src.get('kind')!r}")
    if src.get("form") not in FORMS:
        raise AnchorError(f"{where}: form must be one of {FORMS}, not {src.get('form')!r}")
    out: dict = {"kind": src["kind"], "form": src["form"]}
    if src.get("speaker"):
        s, e = resolve_anchor(text, src["speaker"], where + ".speaker")
        out.update(start=s, end=e, text=text[s:e])
    if src.get("resolved"):
        s, e = resolve_anchor(text, src["resolved"], where + ".resolved")
        out["resolved"] = {"start": s, "end": e, "text": text[s:e]}
    cues = src.get("cue")
    if cues:
        cues = cues if isinstance(cues, list) else [cues]
        spans = [resolve_anchor(text, c, f"{where}.cue[{k}]") for k, c in enumerate(cues)]
        out["cue"] = [{"start": s, "end": e, "text": text[s:e]} for s, e in spans]
    content = src.get("content") or []
    content = content if isinstance(content, list) else [content]
    out["content"] = []
    for k, c in enumerate(content):
        s, e = resolve_anchor(text, c, f"{where}.content[{k}]")
        out["content"].append({"start": s, "end": e, "text": text[s:e]})
    if not out.get("cue") and "start" not in out:
        raise AnchorError(f"{where}: a source needs a speaker or a cue")
    return out


def check(folder: Path) -> int:
    """Resolve every annotation file of one reader's (or the gold) folder; print problems."""
    sample = folder.parent.parent if folder.parent.name == "readers" else folder.parent
    bad = n = 0
    for path in sorted(folder.glob("*.yaml")):
        tpath = sample / "text" / f"{path.stem}.txt"
        if not tpath.exists():
            print(f"{path}: no article text {tpath}")
            bad += 1
            continue
        n += 1
        try:
            r = resolve_file(path, tpath.read_text("utf-8"))
        except AnchorError as e:
            print(e)
            bad += 1
            continue
        print(f"ok {path.name}: {len(r['devices'])} device span(s), {len(r['sources'])} source(s)")
    print(f"{n} file(s), {bad} with problems")
    return 1 if bad else 0


# --- agreement ----------------------------------------------------------------------------------------

def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _f1(a: list, b: list, same) -> tuple[int, int, int, int]:
    """Spans of reader A found by B and of B found by A (overlap and ``same``)."""
    a_found = sum(any(same(x, y) for y in b) for x in a)
    b_found = sum(any(same(x, y) for x in a) for y in b)
    return a_found, len(a), b_found, len(b)


def _fig(a_found: int, na: int, b_found: int, nb: int) -> str:
    p = b_found / nb if nb else None  # B as "prediction" against A
    r = a_found / na if na else None
    if p is None or r is None:
        return f"A {na} / B {nb}: n/a"
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"A {na} / B {nb}: F1 {f:.2f}"


def agree(sample: Path, ra: str, rb: str) -> None:
    """Span-level F1 (overlap, same label) between two readers, per device and for the inventory."""
    per_device: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    inv = {k: [0, 0, 0, 0] for k in ("speaker", "speaker+kind", "cue", "content")}
    kind_pairs: Counter = Counter()
    docs = 0
    for a, b in _both_readers(sample, ra, rb):
        docs += 1
        _tally_devices(per_device, a, b)
        _tally_inventory(inv, kind_pairs, a, b)
    print(f"agreement {ra} vs {rb} on {docs} article(s), span overlap with the same label")
    _print_devices(per_device)
    print("sourcing inventory:")
    for role, v in inv.items():
        print(f"  {role:24} {_fig(*v)}")
    _print_kind_agreement(kind_pairs)


def _both_readers(sample: Path, ra: str, rb: str) -> Iterator[tuple[dict, dict]]:
    """Both readers' resolved annotations of each article both have; one that does not resolve is skipped, with a note."""
    for pa in sorted((sample / "readers" / ra).glob("*.yaml")):
        pb = sample / "readers" / rb / pa.name
        if not pb.exists():
            continue
        text = (sample / "text" / f"{pa.stem}.txt").read_text("utf-8")
        try:
            a, b = resolve_file(pa, text), resolve_file(pb, text)
        except AnchorError as e:
            print(f"skipped {pa.stem}: {e}")
            continue
        yield a, b


def _add(totals: list[int], counts: tuple[int, int, int, int]) -> None:
    """Add one article's :func:`_f1` counts to the running ``totals``."""
    for k, v in enumerate(counts):
        totals[k] += v


def _tally_devices(per_device: dict[str, list[int]], a: dict, b: dict) -> None:
    """Add one article's device spans of readers A and B to the per-device counts."""
    for dev in DEVICES:
        xa = [(d["start"], d["end"]) for d in a["devices"] if d["device"] == dev]
        xb = [(d["start"], d["end"]) for d in b["devices"] if d["device"] == dev]
        _add(per_device[dev], _f1(xa, xb, _overlap))


def _inventory_spans(r: dict, role: str) -> list[tuple[tuple[int, int], str | None]]:
    """One reader's spans of a role (speaker, cue or content) of the sources, with the kind for speakers."""
    out = []
    for s in r["sources"]:
        if role == "speaker" and "start" in s:
            out.append(((s["start"], s["end"]), s["kind"]))
        elif role == "cue":
            out += [((c["start"], c["end"]), None) for c in s.get("cue", [])]
        elif role == "content":
            out += [((c["start"], c["end"]), None) for c in s["content"]]
    return out


def _tally_inventory(inv: dict[str, list[int]], kind_pairs: Counter, a: dict, b: dict) -> None:
    """Add one article's sources to the inventory counts, and the kinds of the speakers both readers marked."""
    for role in ("speaker", "cue", "content"):
        sa, sb = _inventory_spans(a, role), _inventory_spans(b, role)
        _add(inv[role], _f1(sa, sb, lambda x, y: _overlap(x[0], y[0])))
        if role == "speaker":
            _add(inv["speaker+kind"], _f1(sa, sb, lambda x, y: _overlap(x[0], y[0]) and x[1] == y[1]))
            for x in sa:
                m = next((y for y in sb if _overlap(x[0], y[0])), None)
                if m:
                    kind_pairs[(x[1], m[1])] += 1


def _print_devices(per_device: dict[str, list[int]]) -> None:
    """The agreement on each device either reader marked, and on all devices together."""
    print("devices:")
    all_ = [0, 0, 0, 0]
    for dev, v in per_device.items():
        if v[1] or v[3]:
            print(f"  {dev:24} {_fig(*v)}")
            all_ = [x + y for x, y in zip(all_, v, strict=True)]
    print(f"  {'all devices':24} {_fig(*all_)}")


def _print_kind_agreement(kind_pairs: Counter) -> None:
    """How often the readers agree on the kind of a speaker both marked, with Cohen's kappa (nothing when none)."""
    agree_n = sum(v for (x, y), v in kind_pairs.items() if x == y)
    tot = sum(kind_pairs.values())
    if not tot:
        return
    pe = sum((sum(v for (x, _), v in kind_pairs.items() if x == k) / tot)
             * (sum(v for (_, y), v in kind_pairs.items() if y == k) / tot) for k in KINDS)
    po = agree_n / tot
    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    print(f"  kind on matched speakers: {agree_n}/{tot} agree, Cohen's kappa {kappa:.2f}")


def _anchor_of(src: dict) -> tuple[int, int] | None:
    """Where a source stands: its speaker, else its first cue."""
    if "start" in src:
        return src["start"], src["end"]
    return (src["cue"][0]["start"], src["cue"][0]["end"]) if src.get("cue") else None


def diff(sample: Path, ra: str, rb: str, ids: list[str]) -> None:
    """Per article, the device spans and sources only one reader has, and kind or form disagreements."""
    paths = [sample / "readers" / ra / f"{i}.yaml" for i in ids] if ids else sorted((sample / "readers" / ra).glob("*.yaml"))
    for pa in paths:
        pb = sample / "readers" / rb / pa.name
        text = (sample / "text" / f"{pa.stem}.txt").read_text("utf-8")
        a, b = resolve_file(pa, text), resolve_file(pb, text)
        lines = []
        for who, x, y in ((ra, a, b), (rb, b, a)):
            for d in x["devices"]:
                if not any(d["device"] == e["device"] and _overlap((d["start"], d["end"]), (e["start"], e["end"]))
                           for e in y["devices"]):
                    lines.append(f"  device only {who}: {d['device']} {d['text']!r} @{d['start']}")
            for s in x["sources"]:
                key = _anchor_of(s)
                if key is None:
                    continue
                match = None
                for t in y["sources"]:
                    tk = _anchor_of(t)
                    if tk and _overlap(key, tk):
                        match = t
                        break
                label = s.get("text") or "(no speaker) cue " + repr(s["cue"][0]["text"])
                if match is None:
                    lines.append(f"  source only {who}: {label!r} {s['kind']}/{s['form']} @{key[0]}")
                elif who == ra and (match["kind"] != s["kind"] or match["form"] != s["form"]):
                    lines.append(f"  source differs: {label!r} {ra} {s['kind']}/{s['form']} vs {rb} {match['kind']}/{match['form']}")
        print(f"{pa.stem}: {'agree' if not lines else str(len(lines)) + ' difference(s)'}")
        for line in lines:
            print(line)


# --- build --------------------------------------------------------------------------------------------

def build(sample: Path) -> None:
    """gold/<id>.yaml + text/<id>.txt + index.jsonl → <split>.jsonl (the shape `framing evaluate` reads)."""
    lang = "de" if sample.name.endswith("-de") else "en"
    index = [json.loads(line) for line in (sample / "index.jsonl").open(encoding="utf-8")]
    out: dict[str, list[str]] = {s: [] for s in SPLITS}
    missing = 0
    for item in index:
        gold = sample / "gold" / f"{item['id']}.yaml"
        if not gold.exists():
            missing += 1
            continue
        text = (sample / "text" / f"{item['id']}.txt").read_text("utf-8")
        r = resolve_file(gold, text)
        headline, _, body = text.partition("\n\n")
        rec = {"id": item["id"], "lang": lang, "split": item["split"], "kind": "real",
               "category": item.get("category"), "headline": headline, "body": body,
               "annotations": sorted(r["devices"], key=lambda d: (d["start"], d["end"])),
               "sources": r["sources"]}
        if item.get("url"):
            rec["url"] = item["url"]
        out[item["split"]].append(json.dumps(rec, ensure_ascii=False) + "\n")
    for split, lines in out.items():
        (sample / f"{split}.jsonl").write_text("".join(lines), encoding="utf-8")
    print(f"{sample}: " + ", ".join(f"{s} {len(v)}" for s, v in out.items()) + (f" ({missing} without gold)" if missing else ""))


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("select", "check", "agree", "diff", "build"):
        print(__doc__)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "select":
        select(args[0])
    elif cmd == "check":
        return check(Path(args[0]))
    elif cmd == "agree":
        agree(Path(args[0]), args[1], args[2])
    elif cmd == "diff":
        diff(Path(args[0]), args[1], args[2], args[3:])
    else:
        build(Path(args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
