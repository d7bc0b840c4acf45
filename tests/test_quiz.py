"""`framing quiz`: the bundled bank, repeatable sessions, non-interactive answers, and a real terminal."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from detector.exercises import quiz as qz
from detector.exercises.texts import LANGS, device_name, explanations, ui
from detector.taxonomy import devices
from tests.conftest import ROOT


def run(*args, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "detector.cli", *args], input=stdin, capture_output=True, text=True,
                          timeout=180, cwd=ROOT)


@pytest.mark.parametrize("lang", LANGS)
def test_bank_items_are_well_formed(lang):
    items = qz.bank(lang)
    targets = {it["target"] for it in items if it["trap"] is None}
    assert targets == set(devices()), "every device can be asked about"
    traps = [it for it in items if it["trap"] is not None]
    assert len(traps) >= 20 and {it["target"] for it in traps} == {"none"}
    for it in items:
        assert "-test-" not in it["id"], "the test split stays unseen"
        assert it["kind"] in ("sentence", "article")
        text = it["text"] if it["kind"] == "sentence" else it["text"] + "\n\n" + it["body"]
        for start, end, device in it["spans"]:
            assert 0 <= start < end <= len(text) and text[start:end].strip() and device == it["target"]
        if it["trap"]:
            assert it["reason"] and not it["gold"] and not it["spans"]
        else:
            assert it["spans"] and it["target"] in it["gold"]


def test_bank_is_built_from_the_corpora():
    spec = importlib.util.spec_from_file_location("build_quiz_bank", ROOT / "scripts" / "build_quiz_bank.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for lang in LANGS:
        assert build.build(lang, build.cues()[lang]) == qz.bank(lang), "run scripts/build_quiz_bank.py and commit"


@pytest.mark.parametrize("level", list(qz.QUIZ_LEVELS))
def test_questions_are_repeatable_and_fair(level):
    a = qz.make_questions("de", level, 12, seed=7)
    b = qz.make_questions("de", level, 12, seed=7)
    assert [(q.item["id"], q.options) for q in a] == [(q.item["id"], q.options) for q in b]
    assert [q.item["id"] for q in a] != [q.item["id"] for q in qz.make_questions("de", level, 12, seed=8)]
    assert len(a) == 12 and any(q.answer == qz.NONE for q in a), "traps are among the questions"
    cfg = qz.QUIZ_LEVELS[level]
    for q in a:
        assert q.options[-1] == qz.NONE and len(q.options) == cfg.choices + 1
        assert q.answer in q.options
        others = set(q.options) - {q.answer, qz.NONE}
        assert not others & set(q.item["gold"]), "no other right answer among the choices"
        if q.item["kind"] == "sentence":
            assert not others & qz.CONTEXT
        assert q.highlight == (cfg.highlight and q.answer != qz.NONE)
        if not cfg.articles:
            assert q.item["kind"] == "sentence"


def test_devices_filter():
    qs = qz.make_questions("en", "medium", 8, seed=1, only=["unnamed_source", "clickbait"])
    assert {q.answer for q in qs} <= {"unnamed_source", "clickbait", qz.NONE}
    assert all(q.trap in (None, "unnamed_source") for q in qs)


def _right(q: qz.Question) -> str:
    return str(q.options.index(q.answer) + 1)


def test_quiz_with_answers_option_scores_and_explains():
    qs = qz.make_questions("en", "easy", 4, seed=3)
    answers = [_right(q) for q in qs[:3]] + [next(o for o in qs[3].options if o != qs[3].answer)]
    r = run("quiz", "--lang", "en", "--level", "easy", "--seed", "3", "-n", "4", "--answers", ",".join(answers))
    assert r.returncode == 0, r.stderr
    assert ui("en")["quiz"]["score"].format(score=3, total=4) in r.stdout
    assert r.stdout.count(ui("en")["quiz"]["correct"]) == 3
    wrong = qs[3]
    assert ui("en")["quiz"]["wrong"].format(answer=qz.option_label(wrong.answer, "en")) in r.stdout
    if wrong.answer != qz.NONE:
        assert explanations("en")[wrong.answer]["explanation"][:30] in r.stdout.replace("\n", " ")


def test_quiz_reads_answers_from_stdin():
    qs = qz.make_questions("de", "hard", 3, seed=11)
    stdin = "".join(q.answer + "\n" for q in qs[:2])  # device ids work as well as numbers
    r = run("quiz", "--lang", "de", "--level", "hard", "--seed", "11", "-n", "3", stdin=stdin)
    assert r.returncode == 0, r.stderr
    assert ui("de")["quiz"]["score"].format(score=2, total=2) in r.stdout, "stops at the end of the input"
    assert device_name(qs[0].answer, "de") in r.stdout or qs[0].answer == qz.NONE


def test_quiz_errors_are_one_line():
    for args in (["--answers", "17"], ["--devices", "spin"], ["--lang", "fr"]):
        r = run("quiz", "-n", "1", "--seed", "1", *args)
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "framing: error:" in r.stderr, r.stderr


def _pane(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-J", "-S", "-200", "-t", session], capture_output=True,
                          text=True).stdout


def _wait(session: str, needle: str, timeout: float = 60) -> str:
    end = time.time() + timeout
    while time.time() < end:
        pane = _pane(session)
        if needle in pane:
            return pane
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never appeared:\n{_pane(session)}")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_quiz_in_a_real_terminal_with_arrow_keys_and_numbers():
    qs = qz.make_questions("en", "easy", 2, seed=5)
    session = f"framing-quiz-{uuid.uuid4().hex[:8]}"
    cmd = (f"cd {ROOT} && {sys.executable} -m detector.cli quiz --lang en --level easy --seed 5 -n 2; "
           "echo QUIZ-DONE-$?; sleep 30")
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "60", cmd], check=True)
    try:
        _wait(session, "1) ")
        subprocess.run(["tmux", "send-keys", "-t", session, "Down"], check=True)
        time.sleep(0.3)
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        _wait(session, "Question 2 of 2")
        _wait(session, "3) ")
        subprocess.run(["tmux", "send-keys", "-t", session, "3"], check=True)  # typing a number chooses too
        time.sleep(0.3)
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        pane = _wait(session, "QUIZ-DONE-")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    expected = (qs[0].options[1] == qs[0].answer) + (qs[1].options[2] == qs[1].answer)
    assert "QUIZ-DONE-0" in pane and f"Score: {expected}/2" in pane, pane
    assert qz.option_label(qs[0].options[1], "en") in pane


def test_bank_json_is_valid_and_shipped():
    for lang in LANGS:
        data = json.loads((ROOT / "detector" / "data" / "quiz" / f"{lang}.json").read_text("utf-8"))
        assert data["lang"] == lang
    toml = (ROOT / "pyproject.toml").read_text("utf-8")
    assert "data/quiz/*.json" in toml and "templates/*.j2" in toml and "data/exercises/*.yaml" in toml
