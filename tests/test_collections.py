"""Real-world inputs (saved pages, other JSONL field names) and whole collections scored into a folder."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detector.collection.names import NameAllocator, safe_stem
from tests.conftest import ROOT, check_report

DATA = ROOT / "tests" / "data"
PAGE = DATA / "zeitung-artikel.html"
NO_TEXT = DATA / "ohne-artikel.html"

ARTICLES = [
    {"id": "a-1", "lang": "de", "headline": "Experten: Die Stadt hat kein Wasser mehr",
     "body": "In zwei Straßen könnte der Wasserdruck sinken, argumentieren Beobachter. Der Versorger sei zweifellos "
             "überfordert, heißt es. Die Sprecherin der Stadtwerke, Anna Keller, sagte, es gebe keine Verletzten.",
     "outlet": "Tagesblatt"},
    {"id": "a-2", "lang": "en", "headline": "Council approves new bus line",
     "body": "The city council approved a new bus line on Tuesday, council spokeswoman Mary Jones said. "
             "Critics say the plan is certainly a disaster, according to sources familiar with the matter.",
     "outlet": "Morning Post"},
    {"id": "<script>alert(1)</script>", "lang": "de", "headline": "<img src=x onerror=alert(2)> Alle sind empört",
     "body": "Experten warnen, dass die Lage zweifellos schlimmer wird. Viele Menschen sagen, es sei immer schon so gewesen.",
     "outlet": "=HYPERLINK(\"http://x\")"},
    {"id": "a-4", "lang": "de", "headline": "Stadtrat beschließt neue Buslinie",
     "body": "Der Stadtrat hat am Dienstag eine neue Buslinie beschlossen, sagte Bürgermeister Jonas Weber. "
             "Sie soll ab Januar alle zwanzig Minuten fahren."},
    {"id": "a-1", "lang": "de", "headline": "Noch einmal dieselbe Kennung",
     "body": "Laut Insidern aus der Verwaltung ist die Entscheidung längst gefallen."},
]


def run(*args, timeout: int = 120):
    return subprocess.run([sys.executable, "-m", "detector.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def write_jsonl(path: Path, records: list, bad_line_at: int | None = None) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if bad_line_at is not None:
        lines.insert(bad_line_at, "{this is not json")
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def index_lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "index.jsonl").read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("in") / "batch.jsonl", ARTICLES, bad_line_at=2)


@pytest.fixture(scope="module")
def scored(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out") / "run"
    r = run("score", corpus, "--output", out)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and r.stderr.startswith("framing: 5 reports, 1 errors") and r.stderr.count("\n") == 1  # no bar
    return out


# --- saved web pages -------------------------------------------------------------------------------------------


def test_web_page_is_scored_on_its_extracted_text():
    from detector.webpage import extract_article

    r = run("score", PAGE, "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    headline, body, _ = extract_article(PAGE.read_bytes(), str(PAGE))
    text = headline + "\n\n" + body
    check_report(report, text)
    assert report["meta"]["extracted_from"] == "html" and report["meta"]["extractor"].startswith("trafilatura ")
    assert text[report["headline"]["start"]:report["headline"]["end"]] == "Experten: Die Stadt hat kein Wasser mehr"
    for boilerplate in ("Impressum", "Meistgelesen", "dataLayer", "Wirtschaft"):
        assert boilerplate not in text
    # "Der Versorger sei zweifellos überfordert, heißt es aus dem Umfeld …": a circle is an unnamed source,
    # credited with the claim; relayed in the author's own words, the certainty stays the author's finding
    circle = next(s for s in report["sources"] if "Umfeld" in s.get("text", ""))
    assert circle["kind"] == "unnamed" and any("zweifellos" in c["text"] for c in circle["content"])
    assert {"unnamed_source", "certainty_booster"} <= {f["device"] for f in report["findings"]}


def test_page_without_article_text_is_a_one_line_error(tmp_path):
    r = run("score", NO_TEXT, "--format", "json")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and str(NO_TEXT) in r.stderr and "no article text" in r.stderr
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "gut.html").write_bytes(PAGE.read_bytes())
    (folder / "leer.htm").write_bytes(NO_TEXT.read_bytes())
    (folder / "notiz.txt").write_text("Stadtrat beschließt Buslinie\n\nDer Stadtrat hat am Dienstag eine Buslinie beschlossen.",
                                      encoding="utf-8")
    r = run("score", folder, "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    lines = {d["id"]: d for d in map(json.loads, r.stdout.splitlines())}
    assert set(lines) == {"gut", "leer", "notiz"}
    assert "no article text" in lines["leer"]["error"]["message"] and lines["gut"]["meta"]["extracted_from"] == "html"
    # an earlier run's output inside the input folder is not read as articles
    (folder / "out").mkdir()
    (folder / "out" / "index.jsonl").write_text("", encoding="utf-8")
    (folder / "out" / "index.html").write_bytes(PAGE.read_bytes())
    r = run("score", folder, "--output", folder / "out")
    assert r.returncode == 0, r.stderr
    assert [e["id"] for e in index_lines(folder / "out")] == ["gut", "leer", "notiz"]


def test_input_format_override_reads_a_page_with_another_name(tmp_path):
    page = tmp_path / "seite.txt"
    page.write_bytes(PAGE.read_bytes())
    r = run("score", page, "--input-format", "html", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["meta"]["extracted_from"] == "html"


# --- field mapping ---------------------------------------------------------------------------------------------


def test_field_mapping_reads_other_jsonl_names(tmp_path):
    rec = {"uid": "x-1", "title": ARTICLES[0]["headline"], "text": ARTICLES[0]["body"], "headline": "not used"}
    p = write_jsonl(tmp_path / "other.jsonl", [rec])
    r = run("score", p, "--format", "jsonl", "--field", "headline=title", "--field", "body=text", "--field", "id=uid")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    check_report(report, rec["title"] + "\n\n" + rec["text"])
    assert report["id"] == "x-1" and report["headline"] == {"start": 0, "end": len(rec["title"])}
    assert report["meta"] == {"headline": "not used"}
    unmapped = json.loads(run("score", p, "--format", "jsonl").stdout)
    assert "error" in unmapped and "'body'" in unmapped["error"]["message"]


@pytest.mark.parametrize("spec, words", [("headline", "FIELD=NAME"), ("titel=title", "unknown field 'titel'"),
                                          ("body=", "FIELD=NAME")])
def test_bad_field_mapping_is_a_one_line_error(tmp_path, spec, words):
    p = write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    r = run("score", p, "--format", "jsonl", "--field", spec)
    assert r.returncode == 2 and r.stdout == "" and r.stderr.count("\n") == 1 and words in r.stderr


# --- collections -----------------------------------------------------------------------------------------------


def test_file_names_are_safe_unique_and_stable():
    ids = ["de-01", "a/b", "a_b", "A_b", "../../etc/passwd", "con", "x" * 300, "", "Ü-1"]
    stems = [safe_stem(i) for i in ids]
    assert len(set(stems)) == len(ids) and stems[0] == "de-01"
    for s in stems:
        assert s and "/" not in s and not s.startswith(".") and len(s) <= 100 and s == s.lower()
    names = NameAllocator()
    assert [names.allocate(i) for i in ("a", "a", "a-2", "a")] == ["a", "a~2", "a-2", "a~3"]


def test_collection_folder_has_reports_index_and_overview(scored):
    entries = index_lines(scored)
    assert len(entries) == len(ARTICLES) + 1  # every article, and the bad line as an error record, in input order
    assert [e["id"] for e in entries if "error" not in e] == [a["id"] for a in ARTICLES]
    bad = entries[2]
    assert "error" in bad and "malformed JSON" in bad["error"]
    files = sorted(p.name for p in (scored / "reports").iterdir())
    assert len(files) == len(ARTICLES) == len(set(files))
    assert {"a-1.json", "a-1~2.json"} <= set(files)
    for e, article in zip([e for e in entries if "error" not in e], ARTICLES, strict=True):
        report = json.loads((scored / "reports" / e["file"]).read_text("utf-8"))
        check_report(report, article["headline"] + "\n\n" + article["body"])
        assert report["id"] == article["id"] and report.get("meta", {}).get("outlet") == article.get("outlet")
        assert e["score"] == report["score"]["total"] and e["band"] == report["score"]["band"]
    assert {p.name for p in scored.iterdir()} == {"reports", "index.jsonl", "index.html", "overview.csv",
                                                  "overview-sources.csv"}


def test_overview_csv_has_the_same_figures(scored):
    rows = list(csv.DictReader((scored / "overview.csv").open(encoding="utf-8", newline="")))
    entries = index_lines(scored)
    assert [r["id"] for r in rows] == [e["id"] for e in entries]
    for r, e in zip(rows, entries, strict=True):
        if "error" in e:
            assert r["error"] and not r["score"]
            continue
        assert int(r["score"]) == e["score"] and r["band"] == e["band"] and r["report"] == f"reports/{e['file']}"
        for device, n in e["devices"].items():
            assert int(r[device]) == n
    assert rows[3]["source"].startswith("'=")  # a formula in a cell stays text in a spreadsheet
    groups = list(csv.DictReader((scored / "overview-sources.csv").open(encoding="utf-8", newline="")))
    tagesblatt = {g["device"]: int(g["articles_with_device"]) for g in groups if g["source"] == "Tagesblatt"}
    assert tagesblatt == {d: 1 for d in entries[0]["devices"]}
    assert {"de", "Tagesblatt", "Morning Post"} <= {g["source"] for g in groups}  # no outlet: grouped by language


def test_overview_html_is_self_contained_and_escaped(scored):
    page = (scored / "index.html").read_text("utf-8")
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<svg" in page and "sortable" in page
    assert "http://" not in page.replace('"http://x"', "").replace("&#34;http://x&#34;", "")  # no external assets
    assert page.count("<script") == 1 and 'src="' not in page and "<link" not in page
    assert page.count('href="reports/') == len(ARTICLES)


def test_reports_in_another_format(corpus, tmp_path):
    out = tmp_path / "html"
    r = run("score", corpus, "--output", out, "--format", "html", "--jobs", "2")
    assert r.returncode == 0, r.stderr
    entries = [e for e in index_lines(out) if "error" not in e]
    assert [e["file"].rsplit(".", 1)[1] for e in entries] == ["html"] * len(ARTICLES)
    page = (out / "reports" / entries[2]["file"]).read_text("utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert (out / "index.html").read_text("utf-8").count('.html">') == len(ARTICLES)


def test_jobs_2_writes_the_same_as_jobs_1(corpus, scored, tmp_path):
    out = tmp_path / "run2"
    r = run("score", corpus, "--output", out, "--jobs", "2")
    assert r.returncode == 0, r.stderr
    for name in ("index.jsonl", "overview.csv", "overview-sources.csv", "index.html"):
        assert (out / name).read_bytes() == (scored / name).read_bytes(), name
    for p in (scored / "reports").iterdir():
        assert (out / "reports" / p.name).read_bytes() == p.read_bytes()
    one = run("score", corpus, "--format", "jsonl")
    two = run("score", corpus, "--format", "jsonl", "--jobs", "2")
    assert one.returncode == two.returncode == 0 and one.stdout == two.stdout and one.stdout.count("\n") == len(ARTICLES) + 1


def test_resume_skips_articles_already_scored(corpus, scored, tmp_path):
    out = tmp_path / "resumed"
    r = run("score", corpus, "--output", out)
    assert r.returncode == 0, r.stderr
    lines = (out / "index.jsonl").read_text("utf-8").splitlines(keepends=True)
    # as if stopped while writing the fourth entry: three complete lines, a torn one, later reports absent
    (out / "index.jsonl").write_text("".join(lines[:3]) + lines[3][:20], encoding="utf-8")
    for e in map(json.loads, lines[3:]):
        if e.get("file"):
            (out / "reports" / e["file"]).unlink()
    kept = {p.name: p.stat().st_mtime_ns for p in (out / "reports").iterdir()}
    time.sleep(0.05)
    r = run("score", corpus, "--output", out, "--resume")
    assert r.returncode == 0, r.stderr
    assert "already done" in r.stderr
    assert {p.name: p.stat().st_mtime_ns for p in (out / "reports").iterdir() if p.name in kept} == kept  # not rewritten
    assert (out / "index.jsonl").read_bytes() == (scored / "index.jsonl").read_bytes()
    assert sorted(p.name for p in (out / "reports").iterdir()) == sorted(p.name for p in (scored / "reports").iterdir())
    other = write_jsonl(tmp_path / "other.jsonl", ARTICLES[::-1])
    r = run("score", other, "--output", out, "--resume")
    assert r.returncode == 2 and "cannot resume" in r.stderr and r.stderr.count("\n") == 1


def test_progress_bar_when_stderr_is_a_terminal(corpus, tmp_path):
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "detector.cli", "score", str(corpus), "--output", str(tmp_path / "o")],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=follower, env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=60) == 0 and proc.stdout.read() == b""
    os.close(leader)
    assert b"scoring" in seen and b"5 reports" in seen


def test_output_folder_of_something_else_is_refused(corpus, tmp_path):
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    r = run("score", corpus, "--output", tmp_path)
    assert r.returncode == 2 and "not empty" in r.stderr and (tmp_path / "mine.txt").exists()


def test_interrupted_run_is_valid_up_to_the_last_article(tmp_path):
    many = write_jsonl(tmp_path / "many.jsonl", [dict(a, id=f"n{i}-{a['id']}") for i in range(150) for a in ARTICLES[:2]])
    out = tmp_path / "stopped"
    proc = subprocess.Popen([sys.executable, "-m", "detector.cli", "score", str(many), "--output", str(out)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    index = out / "index.jsonl"
    deadline = time.time() + 60
    while time.time() < deadline and (not index.exists() or index.stat().st_size < 2000):
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    entries = index_lines(out)  # every line parses
    assert 0 < len(entries) < 300
    for e in entries:
        json.loads((out / "reports" / e["file"]).read_text("utf-8"))
    assert (out / "index.html").exists() and len(list(csv.reader((out / "overview.csv").open()))) == len(entries) + 1
    r = run("score", many, "--output", out, "--resume")
    assert r.returncode == 0, r.stderr
    assert len(index_lines(out)) == 300


# --- Dask ------------------------------------------------------------------------------------------------------


USER_RULE = """\
id: de.test.stadtwerke
lang: de
device: loaded_language
message: "m"
explanation: "e"
suggestion: "s"
match:
  kind: terms
  terms: [Stadtwerke]
tests:
  match: ["Die [[Stadtwerke]] melden das."]
  ok: ["Die Stadt meldet das."]
"""


@pytest.fixture()
def user_rules(tmp_path) -> tuple[Path, Path]:
    """A rule folder given with --rules and a config that adds another folder and disables a device."""
    (tmp_path / "mine" / "sub").mkdir(parents=True)
    (tmp_path / "mine" / "sub" / "r.yaml").write_text(USER_RULE, encoding="utf-8")
    (tmp_path / "cfg-rules").mkdir()
    (tmp_path / "cfg-rules" / "r.yaml").write_text(USER_RULE.replace("de.test.stadtwerke", "de.test.versorger")
                                                   .replace("Stadtwerke", "Versorger"), encoding="utf-8")
    cfg = tmp_path / "framing.toml"
    cfg.write_text('rules = ["cfg-rules"]\ndisable = ["device:certainty_booster"]\n', encoding="utf-8")
    return tmp_path / "mine", cfg


def test_portable_spec_needs_none_of_the_files(user_rules, tmp_path):
    from detector.collection.work import DetectorSpec
    from detector.document import Document

    rules, cfg = user_rules
    spec = DetectorSpec.resolve([rules], cfg, None)
    doc = Document.from_parts(ARTICLES[0]["headline"], ARTICLES[0]["body"] + " Der Versorger sei zweifellos schuld.", id="x")
    expected = spec.build().run(doc).to_dict()
    portable = spec.portable()
    rules.rename(tmp_path / "gone")
    cfg.unlink()
    got = portable.build().run(doc).to_dict()
    assert got == expected
    rules_fired = {f["rule"] for f in got["findings"]}
    assert {"de.test.stadtwerke", "de.test.versorger"} <= rules_fired
    assert "certainty_booster" not in {f["device"] for f in got["findings"]}


def test_dask_on_a_two_worker_cluster_matches_the_local_run(corpus, user_rules, tmp_path):
    pytest.importorskip("dask.distributed")
    from detector.collection.dask_engine import run_dask
    from detector.collection.work import DetectorSpec
    from detector.inputs import iter_documents

    rules, cfg = user_rules
    out = tmp_path / "parts"
    n = run_dask(iter_documents(str(corpus)), out, DetectorSpec.resolve([rules], cfg, None), partition_size=2, workers=2,
                 processes=False)
    local = run("score", corpus, "--format", "jsonl", "--rules", rules, "--config", cfg)
    parts = sorted(out.glob("part-*.jsonl"))
    assert n == len(ARTICLES) + 1 and len(parts) == 3
    assert "".join(p.read_text("utf-8") for p in parts) == local.stdout
    assert "de.test.stadtwerke" in local.stdout


def test_dask_engine_from_the_command_line(corpus, tmp_path):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "cli-parts"
    r = run("score", corpus, "--engine", "dask", "--output", out)
    assert r.returncode == 0, r.stderr
    local = run("score", corpus, "--format", "jsonl")
    assert "".join(p.read_text("utf-8") for p in sorted(out.glob("part-*.jsonl"))) == local.stdout
