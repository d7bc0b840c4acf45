"""The HTML, Markdown and line reports: offsets, overlaps, escaping, both languages."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detector.document import Document
from detector.report.render import render_report
from detector.report.render.labels import device_name
from detector.report.render.spans import LineIndex, assign_lanes, paragraphs, segments
from tests.conftest import ROOT
from tests.report_fixtures import TEXT, hostile_report

ARTICLE_EN = ("Experts warn: the city has run out of water\n\n"
              "In two streets of the north district the water pressure could drop tonight, analysts argue. "
              "The utility is undoubtedly overwhelmed, people familiar with the matter say. "
              "A spokeswoman for the utility, Anna Keller, said there were no injuries.\n")


class Page(HTMLParser):
    """Collects what a browser would build: tags with attributes, the text under each finding's highlights."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[tuple[str, dict]] = []
        self.under: dict[str, str] = {}     # finding number -> text inside its .hl spans
        self.article = ""                  # text of the article paragraphs, without markers and labels
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.all = ""                      # all text, entities decoded

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in ("meta", "br", "img", "input", "link", "rect"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def _inside(self, cls: str) -> list[dict]:
        return [a for _, a in self.stack if cls in (a.get("class") or "").split()]

    def handle_data(self, data):
        self.all += data
        tags = [t for t, _ in self.stack]
        if tags and tags[-1] == "script":
            self.scripts.append(data)
        if tags and tags[-1] == "style":
            self.styles.append(data)
        if self._inside("text") and not self._inside("mk") and not self._inside("part-label") and "p" in tags:
            self.article += data
            for a in self._inside("hl"):
                self.under[a["data-f"]] = self.under.get(a["data-f"], "") + data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def real_reports(detector):
    de = detector.run(Document.from_text((ROOT / "examples" / "de-schlagzeile.txt").read_text("utf-8"), id="de"))
    en = detector.run(Document.from_text(ARTICLE_EN, id="en"), "en")
    assert de.findings and en.findings
    return {"de": de, "en": en}


# --- positions -------------------------------------------------------------------------------

def test_line_index_is_one_based():
    idx = LineIndex("ab\ncd\n\nef")
    assert idx.line_col(0) == (1, 1) and idx.line_col(1) == (1, 2) and idx.line_col(3) == (2, 1)
    assert idx.line_col(7) == (4, 1) and idx.line_col(9) == (4, 3)


spans_st = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)).map(sorted).map(tuple), max_size=8)


@given(spans_st)
def test_segments_partition_text_and_keep_every_finding(spans):
    text = "".join(chr(97 + i % 26) for i in range(40))
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    for i, (s, e) in enumerate(spans):
        covered = "".join(seg.text for seg in segs if i in seg.cover)
        assert covered == text[s:e]
        if s < e:
            assert sum(i in seg.starts for seg in segs) == 1
    lanes = assign_lanes(spans)
    for i, (a, b) in enumerate(spans):
        for j, (c, d) in enumerate(spans):
            if i < j and a < d and c < b:
                assert lanes[i] != lanes[j]


def test_paragraphs_split_on_blank_lines():
    text = "Kopf\n\nEins\nzwei\n \t\nDrei  \n\n"
    assert [text[a:b] for a, b in paragraphs(text, 0, len(text))] == ["Kopf", "Eins\nzwei", "Drei"]


# --- HTML ------------------------------------------------------------------------------------

def test_html_highlights_every_finding_at_its_offsets_even_overlapping():
    report = hostile_report()
    page = parse(render_report(report, "html"))
    for n, f in enumerate(report.findings, 1):
        assert page.under[str(n)] == f.text, f.device
    # the article is the document text (paragraph breaks aside), nothing added or lost
    assert re.sub(r"\s+", "", page.article) == re.sub(r"\s+", "", TEXT)


def test_html_escapes_document_text_and_runs_only_its_own_script():
    html = render_report(hostile_report(), "html")
    page = parse(html)
    assert not [t for t, _ in page.tags if t in ("img", "b", "i", "u", "em")]
    assert not [(t, k) for t, a in page.tags for k in a if k.startswith("on")]
    assert [t for t, _ in page.tags].count("script") == 1 and "__pwned" not in "".join(page.scripts)
    assert "&lt;script&gt;window.__pwned=1" in html
    # the page's own script and style are allowed by hash; nothing else is
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    for code in (page.scripts[0], page.styles[0]):
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp


def test_html_is_self_contained():
    html = render_report(hostile_report(), "html")
    page = parse(html)
    for _, a in page.tags:
        for key in ("src", "href", "action", "data", "poster"):
            value = a.get(key)
            assert value is None or value.startswith("#"), (key, value)
    assert "@import" not in html and "url(" not in "".join(page.styles)


def test_html_markers_legend_tooltips_and_aria():
    report = hostile_report()
    page = parse(render_report(report, "html"))
    ids = {a.get("id") for _, a in page.tags}
    markers = [a for t, a in page.tags if t == "button" and "mk" in a.get("class", "")]
    assert sorted(int(m["data-f"]) for m in markers) == list(range(1, len(report.findings) + 1))
    for m in markers:
        assert m["aria-describedby"] == f"tip-{m['data-f']}" and m["aria-describedby"] in ids
        assert m["aria-controls"] == "pop" and "pop" in ids
    tips = [a for _, a in page.tags if a.get("role") == "tooltip" and not a["id"].startswith("tip-s")]
    assert len(tips) == len(report.findings)
    source_tips = [a for _, a in page.tags if a.get("role") == "tooltip" and a["id"].startswith("tip-s")]
    assert len(source_tips) == len(report.sources)  # who says what: one card per source
    legend = [a for t, a in page.tags if t == "span" and "lname" in a.get("class", "")]
    assert len(legend) == len({f.device for f in report.findings})
    # a colour per device and a line style per family: classes that differ between devices
    classes = {report.findings[int(m["data-f"]) - 1].device: m["class"].split()[1] for m in markers}
    assert len(set(classes.values())) == len(classes)


@pytest.mark.parametrize("lang,words", [("de", ["Legende", "Quelleninventar", "Warum es zählt", "Schlagzeile und Text"]),
                                        ("en", ["Legend", "Sourcing inventory", "Why it matters", "Headline versus body"])])
def test_html_interface_follows_the_report_language(lang, words):
    html = render_report(hostile_report(lang), "html")
    assert f'<html lang="{lang}">' in html
    for w in words:
        assert w in html


def test_html_sources_table_and_headline_comparison():
    report = hostile_report()
    html = render_report(report, "html")
    assert "genannt: 1" in html and "ungenannt: 1" in html and "aus zweiter Hand: 1" in html
    rel = report.findings[2].related[0]
    assert html.count(rel.text) >= 2  # in the article and in the comparison
    assert 'id="rel-3-1"' in html and 'href="#rel-3-1"' in html


def test_html_real_reports_both_languages(real_reports):
    for lang, report in real_reports.items():
        html = render_report(report, "html")
        page = parse(html)
        for n, f in enumerate(report.findings, 1):
            assert page.under[str(n)] == f.text
        assert f'<html lang="{lang}">' in html and f'<span class="big">{report.score.total}</span>' in html
        bars = [a for t, a in page.tags if t == "svg" and a.get("class") == "bar"]
        assert len(bars) == len(report.score.by_device)  # every scored device has its bar in the breakdown
        for device in report.score.by_device:
            assert device_name(device, lang) in page.all


def test_html_without_findings_or_headline():
    report = hostile_report("en")
    report.findings, report.sources, report.headline = [], [], None
    report.score.by_device, report.score.by_family, report.score.total = {}, {}, 0
    html = render_report(report, "html")
    assert "No findings." in html and "This text has no headline." in html


# --- Markdown --------------------------------------------------------------------------------

def test_markdown_renders_document_text_as_text():
    from markdown_it import MarkdownIt

    report = hostile_report()
    md = render_report(report, "markdown")
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    page = parse(html)
    assert not [t for t, _ in page.tags if t in ("script", "img", "b", "i", "u", "em", "a", "h1", "ol")]
    assert sum(t == "ul" for t, _ in page.tags) == len(report.findings)  # only the why/ask lists
    text = " ".join(page.all.split())
    for f in report.findings:  # each quoted exactly as in the document
        assert " ".join(f.text.split()) in text, f.text
    # one table row per device in the breakdown, one per source in the inventory
    assert sum(1 for t, _ in page.tags if t == "tr") == (1 + len(report.score.by_device) + 1) + (1 + len(report.sources))


def test_markdown_findings_quote_explain_and_suggest(real_reports):
    for report in real_reports.values():
        md = render_report(report, "markdown")
        for f in report.findings:
            assert f.device in md and f.rule in md
        assert f"{report.score.total}/100" in md
    assert "Warum es zählt" in render_report(real_reports["de"], "markdown")
    assert "Why it matters" in render_report(real_reports["en"], "markdown")


# --- line ------------------------------------------------------------------------------------

def test_line_format_points_at_each_finding(real_reports):
    for report in [*real_reports.values(), hostile_report()]:
        out = render_report(report, "line").splitlines()
        assert len(out) == len(report.findings)
        lines = report.text.split("\n")
        for row in out:
            m = re.fullmatch(r"(.+):(\d+):(\d+): ([a-z_]+): (.+)", row)
            assert m, row
            path, line, col, device = m[1], int(m[2]), int(m[3]), m[4]
            assert path == (report.source or report.id)
            assert any(f.device == device and lines[line - 1][col - 1:].startswith(f.text.split("\n")[0])
                       for f in report.findings), row


def test_line_format_path_override_and_order():
    report = hostile_report()
    out = render_report(report, "line", path="a.txt").splitlines()
    assert all(x.startswith("a.txt:") for x in out)
    pos = [tuple(map(int, x.split(":")[1:3])) for x in out]
    assert pos == sorted(pos)


text_st = st.lists(st.sampled_from(list("ab <>&\"'`*_[]()#|\n-1.ä„") + ["\n\n", "<script>", "&amp;"]),
                   min_size=1, max_size=40).map("".join)


@given(text_st, st.data())
def test_html_and_line_hold_for_any_text_and_spans(text, data):
    """Whatever the text and however findings overlap or cross paragraphs: each finding is highlighted
    exactly over its own text, gets exactly one marker, and its line/col point at its start."""
    from detector.report.model import Finding, Report, Score

    n = data.draw(st.integers(0, 6))
    findings = []
    for _ in range(n):
        s = data.draw(st.integers(0, len(text) - 1))
        e = data.draw(st.integers(s + 1, len(text)))
        if not text[s:e].strip():
            continue
        findings.append(Finding("loaded_language", "wording", "x", s, e, text[s:e], "body", 0, "info", 0.5, "rule",
                                f"m {text[s:e]}", "why", "ask"))
    report = Report("t", "en", text, None, Score(0, "low", {}, {}), findings, [], {})
    page = parse(render_report(report, "html"))
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids))
    for k, f in enumerate(findings, 1):
        inside = page.under.get(str(k), "")
        # paragraph breaks between blocks are not part of the article's inline text
        assert re.sub(r"\s+", "", inside) == re.sub(r"\s+", "", f.text)
        assert sum(1 for t, a in page.tags if t == "button" and a.get("data-f") == str(k)) == 1
    idx = LineIndex(text)
    rows = render_report(report, "line").splitlines()
    assert len(rows) == len(findings)
    for row, f in zip(rows, sorted(findings, key=lambda f: (f.start, f.end)), strict=True):
        line, col = idx.line_col(f.start)
        assert row.startswith(f"t:{line}:{col}: loaded_language: ")


def test_every_device_has_a_name_in_both_languages_and_its_own_colour():
    from detector.report.render.labels import family_name
    from detector.taxonomy import devices, families

    for lang in ("de", "en"):
        for device in devices():
            assert device_name(device, lang) != device
        for family in families():
            assert family_name(family, lang)
    css = parse(render_report(hostile_report(), "html")).styles[0]
    colours = dict(re.findall(r"\.(dev-\d+) \{ --c: ([\d ]+); \}", css))
    assert len(colours) == len(devices()) and len(set(colours.values())) == len(devices())


def test_terminal_report_shows_a_finding_in_the_sentences_the_analysis_found():
    """The renderer takes sentence bounds from the report (the analysis's sentences), never splits the
    text itself: "Dr. Weber" does not end a sentence, and a finding across two sentences shows both."""
    from dataclasses import replace

    from detector import analyze

    text = "Titel\n\nDer Chemiker Dr. Weber sagt, das sei ein Desaster. Alle wissen das. Der Rest bleibt."
    report = analyze(text, lang="de")
    first = text.index("Der Chemiker")
    assert report.sentence_around(text.index("Desaster"), text.index("Desaster") + 8) == (first, text.index(" Alle"))
    across = report.sentence_around(text.index("Desaster"), text.index("wissen"))
    assert across == (first, text.index(" Der Rest"))
    assert report.sentence_around(len(text) - 5, len(text) - 1) == (text.index("Der Rest"), len(text))
    bare = replace(report, sentences=[])  # a report read back from JSON: the finding alone
    assert bare.sentence_around(10, 20) == (10, 20)
