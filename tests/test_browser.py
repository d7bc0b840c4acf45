"""The HTML report in a real headless browser (Debian's chromium, driven by Playwright).

What a reader relies on: injected markup shows as text and runs nothing, the page asks for nothing
over the network, highlights, legend and tooltips are there, a click or tap explains a finding, and
the page renders (screenshot) and prints (PDF).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from detector.document import Document
from detector.report.render import render_report
from tests.report_fixtures import hostile_report

CHROMIUM = os.environ.get("FRAMING_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

if not Path(CHROMIUM).exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium; .ci/run installs it)",
                allow_module_level=True)
from playwright import sync_api  # noqa: E402 - a test dependency ('.[test]'): missing, the tests fail rather than skip

INJECTED = ("Experten warnen: Die Stadt hat kein Wasser mehr <script>window.__pwned = 1; document.title = 'pwned'</script>\n\n"
            'In zwei Straßen könnte der Druck sinken, argumentieren Beobachter "><img src=x onerror="window.__pwned=2">. '
            "Der Versorger sei zweifellos überfordert, heißt es. <svg onload=\"window.__pwned=3\"></svg>"
            "<a href=\"javascript:window.__pwned=4\">Link</a> Die Sprecherin der Stadtwerke, Anna Keller, "
            "sagte, es gebe keine Verletzten.\n")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory, detector):
    folder = tmp_path_factory.mktemp("html")
    real = detector.run(Document.from_text(INJECTED, id="injected", source="injected.txt"), "de")
    assert real.findings, "the article should have findings to show"
    out = {}
    for name, report in (("real", real), ("hostile", hostile_report("de")), ("hostile-en", hostile_report("en"))):
        path = folder / f"{name}.html"
        path.write_text(render_report(report, "html"), encoding="utf-8")
        out[name] = (path, report)
    return out


@contextmanager
def open_page(browser, path: Path, **context):
    """The page loaded in a fresh browser context, with the requests it made and its script errors."""
    ctx = browser.new_context(**context)
    try:
        page = ctx.new_page()
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        yield page, requests, errors
    finally:
        ctx.close()


@pytest.mark.parametrize("name", ["real", "hostile"])
def test_injected_markup_is_text_and_runs_nothing(browser, pages, name):
    path, report = pages[name]
    with open_page(browser, path) as (page, requests, errors):
        page.hover(".hl")  # would fire an injected onmouseover
        assert page.evaluate("window.__pwned") is None
        assert page.title().startswith("Framing-Bericht: ")  # the headline, as text, not "pwned"
        assert page.locator(".text img, .text svg, .text a, .text b, .text script").count() == 0
        text = page.locator(".text").inner_text()
        assert "<script>window.__pwned" in text and 'onerror="window.__pwned=2"' in text
        assert requests == [path.as_uri()], "the page must not load anything"
        assert errors == []


def test_highlights_legend_and_tooltips_are_present(browser, pages):
    path, report = pages["real"]
    with open_page(browser, path) as (page, _, _):
        for n, f in enumerate(report.findings, 1):
            hl = page.locator(f'.hl[data-f="{n}"]')
            assert hl.count() >= 1 and hl.first.is_visible()
            assert "".join(hl.all_inner_texts()) == f.text
            assert page.locator(f"#at-{n}").is_visible()
        legend = page.locator(".legend li")
        assert legend.count() == len({f.device for f in report.findings})
        assert page.locator(".tips .tip").count() == len(report.findings)
        pop = page.locator("#pop")
        assert not pop.is_visible()
        # colour per device: the computed underline colours differ between devices
        colours = {}
        for n, f in enumerate(report.findings, 1):
            colours[f.device] = page.locator(f'.hl[data-f="{n}"]').first.evaluate("e => getComputedStyle(e).borderBottomColor")
        assert len(set(colours.values())) == len(colours)
        # hovering a highlight shows its explanation; moving away hides it
        page.locator('.hl[data-f="1"]').first.hover()
        assert pop.is_visible() and report.findings[0].explanation in pop.inner_text()
        page.mouse.move(1, 1)
        assert not pop.is_visible()


def test_click_and_keyboard_show_the_explanation(browser, pages):
    path, report = pages["hostile"]
    with open_page(browser, path) as (page, _, _):
        marker, pop = page.locator("#at-2"), page.locator("#pop")
        marker.click()
        assert pop.is_visible() and marker.get_attribute("aria-expanded") == "true"
        assert report.findings[1].suggestion in pop.inner_text()
        assert "<i>kursiv</i>" in pop.inner_text()  # the message's markup is text, too
        page.mouse.move(1, 1)
        assert pop.is_visible(), "a clicked explanation stays until closed"
        page.keyboard.press("Escape")
        assert not pop.is_visible() and marker.get_attribute("aria-expanded") == "false"
        # keyboard only: the marker is focusable, focus shows and Enter pins the explanation
        page.locator("#at-4").focus()
        assert pop.is_visible() and report.findings[3].explanation in pop.inner_text()
        page.keyboard.press("Enter")
        assert page.locator("#at-4").get_attribute("aria-expanded") == "true"
        assert page.locator("#at-4").get_attribute("aria-describedby") == "tip-4"
        # a click elsewhere closes it
        page.locator("h1").click()
        assert not pop.is_visible()


def test_tap_on_a_phone(browser, pages):
    path, report = pages["hostile-en"]
    with open_page(browser, path, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True) as (page, _, _):
        # findings 4 and 5 cover the same words: a tap shows both
        page.locator('.hl[data-f="5"]').first.tap()
        pop = page.locator("#pop")
        assert pop.is_visible() and "Why it matters" in pop.inner_text()
        for f in (report.findings[3], report.findings[4]):
            assert f.explanation in pop.inner_text()
        box = pop.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, "nothing overflows a phone's width"


def test_screenshot_and_print(browser, pages, tmp_path):
    path, _ = pages["real"]
    with open_page(browser, path, viewport={"width": 1280, "height": 900}) as (page, _, _):
        png = page.screenshot(full_page=True)
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
        keep = os.environ.get("FRAMING_SCREENSHOT_DIR")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(keep) / "report.html")
            (Path(keep) / "report.png").write_bytes(png)
        page.emulate_media(media="print")
        assert not page.locator(".tips").is_visible() and not page.locator("#pop").is_visible()
        assert page.locator("#finding-1").is_visible()
        pdf = page.pdf(format="A4")
        assert pdf[:5] == b"%PDF-" and len(pdf) > 10_000
        if keep:
            (Path(keep) / "report.pdf").write_bytes(pdf)
