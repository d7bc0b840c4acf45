"""Exercises for teachers and learners: explanations, worksheets, editable answer keys, checking answers."""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from detector.exercises import answer_key as ak
from detector.exercises.check import Answer, load_answers, score
from detector.exercises.texts import FIELDS, LANGS, explanations
from detector.exercises.worksheet import render
from detector.markup import parse_markup
from detector.taxonomy import devices
from tests.conftest import ROOT, SHARED

DE_ARTICLE = (ROOT / "examples" / "de-schlagzeile.txt").read_text("utf-8")
EN_ARTICLE = """Town has no drinking water left and begs the state for help

Water pressure has dropped in three streets of the north district since Tuesday, the utility said on Wednesday. \
About 1,200 households are affected; elsewhere in town the water runs normally.

The cause was a burst main, said utility spokeswoman Anna Keller. Nobody was hurt. Repairs should be finished by Friday.

The council has already asked the environment ministry for help, critics say. Our information suggests that the pipes \
were neglected for years. According to a report in the local paper, the damage could be even worse <script>alert(1)</script>.

The mayor obviously underestimated the situation.
"""
ARTICLES = {"de": DE_ARTICLE, "en": EN_ARTICLE}


def run(*args, stdin: str | None = None, cwd: Path | None = None):
    return subprocess.run([sys.executable, "-m", "detector.cli", *args], input=stdin, capture_output=True, text=True,
                          timeout=180, cwd=cwd or ROOT)


def one_line_error(r) -> str:
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("framing: error: ") and "Traceback" not in r.stderr, r.stderr
    return lines[0]


# --- explanations ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_device_has_a_complete_explanation(lang):
    texts = explanations(lang)
    assert set(texts) == set(devices())
    for device, entry in texts.items():
        for field in FIELDS:
            assert entry[field].strip(), (lang, device, field)
        clean, spans = parse_markup(entry["example"])
        assert spans and all(s.text.strip() for s in spans), (lang, device, "example marks the device")
        assert clean != entry["neutral"], (lang, device, "the neutral rewrite differs from the example")
        assert "{n}" in entry["task"] or device == "headline_overstatement", (lang, device)  # one per article


def test_examples_are_our_own():
    corpus = "\n".join(p.read_text("utf-8") for p in (ROOT / "corpora").rglob("*.jsonl"))
    spec = SHARED / "spec" / "devices.md"
    shared = spec.read_text("utf-8") if spec.exists() else ""
    for lang in LANGS:
        for device, entry in explanations(lang).items():
            for text in (parse_markup(entry["example"])[0], entry["neutral"]):
                for sentence in re.split(r"(?<=[.!?])\s+|\s+[–…]\s+", text):
                    if len(sentence) > 25:
                        assert sentence not in corpus and sentence not in shared, (lang, device, sentence)


def test_german_uses_du_consistently():
    formal = re.compile(r"\b(Sie|Ihnen|Ihr|Ihre|Ihren|Ihrer)\b")  # as address; "Sie" opening a sentence is "she/it"
    for entry in explanations("de").values():
        for field in FIELDS:
            for m in formal.finditer(entry[field]):
                before = entry[field][:m.start()].rstrip()
                assert not before or before[-1] in ".!?:„", (field, entry[field])


def test_explain_prints_the_explanation_and_lists_devices():
    r = run("explain", "unnamed_source", "--lang", "de")
    assert r.returncode == 0, r.stderr
    entry = explanations("de")["unnamed_source"]
    assert entry["name"] in r.stdout and parse_markup(entry["example"])[1][0].text in r.stdout
    r = run("explain", "--lang", "en")
    assert r.returncode == 0 and all(d in r.stdout for d in devices())
    err = one_line_error(run("explain", "no_such_device"))
    assert "no_such_device" in err and all(d in err for d in devices())


# --- worksheets and keys -------------------------------------------------------------------------

class _Marks(HTMLParser):
    """Counts <mark> elements inside the article box."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.marks = 0
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        if tag == "div" and ("class", "article") in attrs:
            self.depth = 1
        elif tag == "div" and self.depth:
            self.depth += 1
        if tag == "mark" and self.depth:
            self.marks += 1
        if tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1


def _marks(html: str) -> _Marks:
    p = _Marks()
    p.feed(html)
    return p


@pytest.mark.parametrize("lang", LANGS)
def test_make_writes_worksheet_key_and_key_sheet(tmp_path, lang):
    article = tmp_path / f"article-{lang}.txt"
    article.write_text(ARTICLES[lang], encoding="utf-8")
    r = run("exercise", "make", str(article), "--level", "easy", "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"article-{lang}.key.yaml", f"article-{lang}.worksheet.html", f"article-{lang}.key.html"])
    key = ak.load(out / f"article-{lang}.key.yaml")
    assert key.lang == lang and key.findings
    for f in key.findings:
        assert key.text[f.start:f.end] == f.quote
    worksheet = (out / f"article-{lang}.worksheet.html").read_text("utf-8")
    sheet = (out / f"article-{lang}.key.html").read_text("utf-8")
    assert "&lt;script&gt;" in worksheet + sheet or lang == "de"
    assert _marks(worksheet).marks == 0, "the worksheet shows no highlights"
    assert _marks(sheet).marks >= len({(f.start, f.end) for f in key.findings})
    for f in key.findings:
        assert explanations(lang)[f.device]["name"] in html.unescape(sheet)
    for s in key.sentences:
        if s.number:
            assert f'<span class="num">{s.number}</span>' in worksheet
    assert "<script>" not in worksheet + sheet and _marks(worksheet).scripts == 0


@pytest.mark.parametrize("lang", LANGS)
def test_levels_differ_in_tasks_and_help(lang):
    key = ak.from_report(_report(lang))
    assert len(key.devices()) >= 4, "the article has enough devices to tell the levels apart"
    texts = explanations(lang)
    easy, medium, hard = (render(key, level, "markdown") for level in ("easy", "medium", "hard"))
    names = [texts[d]["name"] for d in devices()]
    assert sum(n in easy for n in names) <= 3 < sum(n in hard for n in names) == len(names)
    assert "{n}" not in easy + medium + hard
    hint = {"de": "Tipp", "en": "Hint"}[lang]
    assert hint in easy and hint not in medium and hint not in hard
    for d in key.devices():
        assert texts[d]["task_all"] in hard


def _report(lang: str):
    from detector.pipeline import analyze

    return analyze(ARTICLES[lang], lang=lang, id=f"article-{lang}")


def test_markdown_sheets_escape_document_text():
    key = ak.from_report(_report("en"))
    for sheet in (render(key, "medium", "markdown"), render(key, "medium", "markdown", answer_key=True)):
        assert "<script>" not in sheet and "\\<script\\>" in sheet


def test_key_round_trip_and_teacher_edits(tmp_path):
    key = ak.from_report(_report("de"))
    assert ak.parse(ak.dump(key)).findings == key.findings
    data = yaml.safe_load(ak.dump(key))
    removed = data["findings"].pop(0)
    data["findings"].append({"device": "speculation", "quote": "könnte der Schaden noch größer werden"})
    edited = tmp_path / "edited.key.yaml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    key2 = ak.load(edited)
    added = [f for f in key2.findings if f.device == "speculation"][0]
    assert key2.text[added.start:added.end] == "könnte der Schaden noch größer werden"
    assert added.sentence == next(s.number for s in key2.sentences if s.start <= added.start < s.end)
    assert added.explanation == explanations("de")["speculation"]["explanation"]
    assert len(key2.findings) == len(key.findings)
    assert (removed["device"], removed["start"]) not in {(f.device, f.start) for f in key2.findings}
    r = run("exercise", "make", "--key", str(edited), "--level", "hard", "--format", "markdown", "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    sheet = (tmp_path / "edited.worksheet.md").read_text("utf-8")
    assert explanations("de")["speculation"]["task_all"] in sheet


KEY_ERRORS = [  # (finding appended to a good key, the line the error must name, message)
    ("- device: no_such_device  # <\n  quote: argumentieren Beobachter\n", "unknown device 'no_such_device'"),
    ("- device: unnamed_source\n  quote: Wörter, die nicht im Text stehen  # <\n", "quote not found"),
    ("- device: unnamed_source\n  quote: argumentieren Beobachter\n  start: minus  # <\n", "'start' must be"),
    ("- device: unnamed_source\n  quote: argumentieren Beobachter\n  colour: red  # <\n", "unknown field 'colour'"),
    ("- just words  # <\n", "must be a mapping"),
]


@pytest.mark.parametrize(("finding", "message"), KEY_ERRORS)
def test_key_errors_name_file_and_line(tmp_path, finding, message):
    text = ak.dump(ak.from_report(_report("de"))) + finding
    expected = next(n for n, ln in enumerate(text.splitlines(), 1) if ln.endswith("# <"))
    path = tmp_path / "key.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Exception) as e:
        ak.load(path)
    assert message in str(e.value) and f"{path}:{expected}:" in str(e.value), str(e.value)


def test_key_syntax_error_and_foreign_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: framing-answer-key\nlang: de\ntext: [unclosed\n", encoding="utf-8")
    err = one_line_error(run("exercise", "check", str(bad), str(bad)))
    assert f"{bad}:" in err and "invalid YAML" in err
    other = tmp_path / "other.yaml"
    other.write_text("a: 1\n", encoding="utf-8")
    assert "not an answer key" in one_line_error(run("exercise", "make", "--key", str(other)))


# --- checking answers ----------------------------------------------------------------------------

KEY_TEXT = """Alle wissen es: Die Schule ist am Ende

Die Schule hat seit Montag keinen Hausmeister mehr, teilte die Stadt mit. Experten warnen, dass die Heizung bald ausfällt.

Zweifellos hat die Leitung versagt. Der Elternrat, so heißt es, will handeln.
"""


def _key(tmp_path) -> Path:
    findings = [{"device": "bandwagon", "quote": "Alle wissen es"},
                {"device": "headline_overstatement", "quote": "Die Schule ist am Ende",
                 "evidence": "Die Schule hat seit Montag keinen Hausmeister mehr, teilte die Stadt mit."},
                {"device": "unnamed_source", "quote": "Experten warnen"},
                {"device": "certainty_booster", "quote": "Zweifellos"},
                {"device": "secondhand_source", "quote": "so heißt es"}]
    doc = {"kind": "framing-answer-key", "version": 1, "lang": "de", "headline": True, "text": KEY_TEXT,
           "findings": findings}
    path = tmp_path / "schule.key.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _score(tmp_path, name: str, content: str):
    key = ak.load(_key(tmp_path))
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    learner, answers = load_answers(path, key)
    return key, score(key, answers, learner)


def _devices(key, indices):
    return sorted(key.findings[i].device for i in indices)


def test_partial_overlaps_count_and_mislabels_are_wrong(tmp_path):
    answers = [
        {"device": "unnamed_source", "quote": "Experten warnen, dass die Heizung bald ausfällt"},  # longer than the key
        {"device": "certainty_booster", "quote": "zweifellos hat"},  # other case, partial
        {"device": "loaded_language", "quote": "so heißt es"},  # right place, wrong device
        {"device": "vague_quantifier", "quote": "seit Montag"},  # nothing there
        {"device": "unnamed_source", "quote": "Experten"},  # the same finding again: no mistake
        {"device": "fear_appeal", "quote": "Das steht nirgends"},  # not in the article
    ]
    key, result = _score(tmp_path, "lena.yaml", yaml.safe_dump({"name": "Lena", "answers": answers}, allow_unicode=True))
    assert result.learner == "Lena"
    assert _devices(key, result.found) == ["certainty_booster", "unnamed_source"]
    assert _devices(key, result.missed) == ["bandwagon", "headline_overstatement", "secondhand_source"]
    statuses = {(m.answer.device, m.status, m.expected) for m in result.wrong}
    assert statuses == {("loaded_language", "mislabelled", "secondhand_source"), ("vague_quantifier", "wrong", None),
                        ("fear_appeal", "not_in_text", None)}
    rows = result.by_device()
    assert rows["unnamed_source"] == {"in_key": 1, "found": 1, "missed": 0, "wrong": 0}
    assert rows["loaded_language"]["wrong"] == 1 and rows["secondhand_source"]["missed"] == 1
    assert result.percent == round(100 * 2 / 5)


def test_headline_overstatement_is_found_by_quoting_the_qualifying_sentence(tmp_path):
    answers = [{"device": "headline_overstatement", "quote": "keinen Hausmeister mehr"}]
    key, result = _score(tmp_path, "a.json", json.dumps(answers, ensure_ascii=False))
    assert _devices(key, result.found) == ["headline_overstatement"] and not result.wrong


def test_marked_article_answers(tmp_path):
    marked = KEY_TEXT.replace("Experten warnen", "[[Experten warnen]]{unnamed_source}").replace(
        "Zweifellos", "[[Zweifellos]]{loaded_language}")
    key, result = _score(tmp_path, "tom.txt", marked)
    assert _devices(key, result.found) == ["unnamed_source"]
    assert [(m.status, m.expected) for m in result.wrong] == [("mislabelled", "certainty_booster")]
    # a learner who copied only part of the text is matched by the words
    _, partial = _score(tmp_path, "kim.md", "Notizen: [[so heißt es]]{secondhand_source}\n")
    assert _devices(key, partial.found) == ["secondhand_source"]


MALFORMED = [
    ("a.yaml", "- device: unnamed_source\n  quote: Experten\n- device: spin\n  quote: Zweifellos\n", 3, "unknown device 'spin'"),
    ("b.yaml", "- device: unnamed_source\n  quote: Experten: warnen\n", 2, "invalid YAML"),
    ("c.json", '[\n  {"device": "unnamed_source",\n   "quote": "Experten"},\n  {"device": "bandwagon"}\n]\n', 4, "'quote'"),
    ("d.json", '[\n  {"device": "unnamed_source", "quote": "Experten"}\n  {"device": "x"}\n]\n', 3, "invalid JSON"),
    ("e.txt", "Zeile eins\nZeile [[zwei]] ohne Mittel\n", 2, "needs a device"),
    ("f.txt", "Zeile eins\n\nZeile [[drei {unnamed_source}\n", 3, "never closed"),
    ("g.yaml", "- device: unnamed_source\n  quote: Experten\n  satz: 2\n", 3, "unknown field 'satz'"),
]


@pytest.mark.parametrize(("name", "content", "line", "message"), MALFORMED)
def test_malformed_answer_files_name_file_and_line(tmp_path, name, content, line, message):
    key = _key(tmp_path)
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(Exception) as e:
        load_answers(path, ak.load(key))
    assert f"{path}:{line}: " in str(e.value) and message in str(e.value), str(e.value)


def test_check_cli_single_learner_and_error(tmp_path):
    key = _key(tmp_path)
    answers = tmp_path / "ali.yaml"
    answers.write_text("- device: bandwagon\n  quote: Alle wissen es\n- device: labeling\n  quote: Elternrat\n",
                       encoding="utf-8")
    r = run("exercise", "check", str(key), str(answers))
    assert r.returncode == 0, r.stderr
    texts = explanations("de")
    assert texts["bandwagon"]["name"] in r.stdout and texts["unnamed_source"]["explanation"][:40] in r.stdout
    assert "1 von 5" in r.stdout
    r = run("exercise", "check", str(key), str(answers), "--format", "json")
    data = json.loads(r.stdout)
    assert data["found"] == 1 and data["total"] == 5 and data["wrong"] == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("- device: spin\n  quote: x\n", encoding="utf-8")
    assert f"{bad}:1:" in one_line_error(run("exercise", "check", str(key), str(bad)))


def test_class_summary_terminal_and_csv(tmp_path):
    key = _key(tmp_path)
    folder = tmp_path / "klasse"
    folder.mkdir()
    (folder / "a.yaml").write_text("- device: unnamed_source\n  quote: Experten warnen\n"
                                   "- device: bandwagon\n  quote: Alle wissen es\n", encoding="utf-8")
    (folder / "b.json").write_text(json.dumps([{"device": "unnamed_source", "quote": "Experten"},
                                               {"device": "fear_appeal", "quote": "die Heizung bald ausfällt"}]),
                                   encoding="utf-8")
    (folder / "c.txt").write_text(KEY_TEXT.replace("Zweifellos", "[[Zweifellos]]{certainty_booster}"), encoding="utf-8")
    table = tmp_path / "klasse.csv"
    r = run("exercise", "check", str(key), str(folder), "--csv", str(table))
    assert r.returncode == 0, r.stderr
    for learner in ("a", "b", "c"):
        assert re.search(rf"^\s*{learner}\s", r.stdout, re.M)
    rows = {row["device"]: row for row in csv.DictReader(table.open(encoding="utf-8"))}
    assert rows["unnamed_source"]["found"] == "2" and rows["unnamed_source"]["missed"] == "1"
    assert rows["unnamed_source"]["found_rate"] == "67"
    assert rows["secondhand_source"]["found"] == "0" and rows["secondhand_source"]["missed"] == "3"
    assert rows["fear_appeal"]["wrong"] == "1" and rows["fear_appeal"]["found_rate"] == ""
    assert rows["unnamed_source"]["name"] == explanations("de")["unnamed_source"]["name"]
    # a broken file in the folder: the others are still scored, the error is one line naming it
    (folder / "d.yaml").write_text("- device: spin\n  quote: x\n", encoding="utf-8")
    r = run("exercise", "check", str(key), str(folder))
    assert r.returncode == 2 and f"{folder / 'd.yaml'}:1:" in r.stderr and "Traceback" not in r.stderr
    assert re.search(r"^\s*a\s", r.stdout, re.M)


def test_scoring_properties(tmp_path):
    """Any answers: every key finding is found or missed, never both; the key's own quotes score 100 %."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    key = ak.load(_key(tmp_path))
    perfect = score(key, [Answer(f.device, f.quote, start=f.start, end=f.end) for f in key.findings])
    assert perfect.percent == 100 and not perfect.wrong

    spans = st.tuples(st.integers(0, len(key.text)), st.integers(0, 40)).map(lambda t: (t[0], min(len(key.text), t[0] + t[1])))
    answer = st.tuples(st.sampled_from(list(devices())), spans).map(
        lambda t: Answer(t[0], key.text[t[1][0]:t[1][1]], start=t[1][0], end=t[1][1]))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(answer, max_size=8))
    def check(answers):
        r = score(key, answers)
        assert sorted(r.found + r.missed) == list(range(len(key.findings)))
        assert len(r.wrong) <= len(answers) and 0 <= r.percent <= 100

    check()
