"""`framing quiz`: pick the device in a sentence (or a headline with its article) from the bundled bank.

The bank (``data/quiz/<lang>.json``, built by ``scripts/build_quiz_bank.py`` from the train and dev
corpora) holds sentences with their gold devices, whole articles for devices that need context, and
trap sentences from neutral articles whose answer is "none". :func:`make_questions` is
deterministic for a seed; :func:`run` asks through any ``ask`` function (arrow keys, typed numbers,
or a list of answers for tests).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from detector.errors import FramingError
from detector.exercises.texts import device_name, explanations, ui
from detector.taxonomy import devices, family_of

NONE = "none"
CONTEXT = {"headline_overstatement", "repetition"}


@dataclass(frozen=True)
class QuizLevel:
    choices: int  # device choices besides "none"
    traps: float  # share of trap questions
    highlight: bool  # show the device's words marked
    articles: bool  # include headline-with-article questions
    same_family: bool  # distractors from the answer's family first


QUIZ_LEVELS = {
    "easy": QuizLevel(2, 0.2, highlight=True, articles=False, same_family=False),
    "medium": QuizLevel(3, 0.3, highlight=False, articles=False, same_family=False),
    "hard": QuizLevel(4, 0.3, highlight=False, articles=True, same_family=True),
}


@dataclass
class Question:
    item: dict
    options: list[str]  # device ids, then "none"
    answer: str  # a device id or "none"
    highlight: bool

    @property
    def trap(self) -> str | None:
        return self.item.get("trap")


@cache
def bank(lang: str) -> list[dict]:
    text = resources.files("detector").joinpath(f"data/quiz/{lang}.json").read_text("utf-8")
    return json.loads(text)["items"]


def make_questions(lang: str, level: str = "medium", count: int = 10, seed: int | None = None,
                   only: list[str] | None = None) -> list[Question]:
    """Draw ``count`` questions: devices in turn, with the level's share of traps; same seed, same quiz."""
    cfg = QUIZ_LEVELS[level]
    rng = random.Random(seed)
    wanted = set(only or devices())
    items = [it for it in bank(lang) if cfg.articles or it["kind"] != "article"]
    real = [it for it in items if it["trap"] is None and it["target"] in wanted]
    traps = [it for it in items if it["trap"] is not None and (it["trap"] in wanted or not only)]
    if not real and not traps:
        raise FramingError(f"no quiz questions for {', '.join(sorted(wanted))} at level {level}")
    n_traps = min(len(traps), round(count * cfg.traps)) if real else min(len(traps), count)
    pools: dict[str, list[dict]] = {}
    for it in real:
        pools.setdefault(it["target"], []).append(it)
    for pool in pools.values():
        rng.shuffle(pool)
    order = sorted(pools)
    rng.shuffle(order)
    chosen: list[dict] = []
    while len(chosen) < count - n_traps and any(pools.values()):
        for device in order:
            if pools[device] and len(chosen) < count - n_traps:
                chosen.append(pools[device].pop())
    chosen.extend(rng.sample(traps, min(len(traps), count - len(chosen))))
    rng.shuffle(chosen)
    return [_question(it, cfg, rng) for it in chosen]


def _question(item: dict, cfg: QuizLevel, rng: random.Random) -> Question:
    answer = item["target"]
    shown = item["trap"] if answer == NONE else answer
    excluded = set(item["gold"]) | {shown}
    if item["kind"] == "sentence":  # devices that need the whole article make no sense for one sentence
        excluded |= CONTEXT
    others = [d for d in devices() if d not in excluded]
    rng.shuffle(others)
    if cfg.same_family:
        others.sort(key=lambda d: family_of(d) != family_of(shown))
    options = [shown, *others[:cfg.choices - 1]]
    rng.shuffle(options)
    return Question(item, [*options, NONE], answer, cfg.highlight and answer != NONE)


def option_label(option: str, lang: str) -> str:
    return ui(lang)["quiz"]["none"] if option == NONE else device_name(option, lang)


def parse_answer(token: str, question: Question) -> str | None:
    """A typed answer: its number, a device id or "none"; None if it is none of these."""
    token = token.strip().lower()
    if token.isdigit() and 1 <= int(token) <= len(question.options):
        return question.options[int(token) - 1]
    if token in question.options or token in devices() or token == NONE:
        return token
    return None


def show(question: Question, i: int, n: int, lang: str, console: Console, numbered: bool) -> None:
    """Print the question (and, for typed answers, the numbered options)."""
    q = ui(lang)["quiz"]
    item = question.item
    text = Text(style="bold" if item["kind"] == "article" else "")
    pos = 0
    if question.highlight:  # brackets too, so the marks survive without colour
        for start, end, _device in sorted(item["spans"]):
            if start < pos:
                continue
            text.append(item["text"][pos:start])
            text.append(f"[{item['text'][start:end]}]", style="bold reverse yellow")
            pos = end
    text.append(item["text"][pos:])
    parts = [text]
    if item["kind"] == "article":
        parts += [Text(), Text(item["body"])]
        prompt = q["question_article"]
    else:
        prompt = q["question_marked"] if question.highlight else q["question_sentence"]
    console.print(Panel(Group(*parts), title=q["question"].format(i=i, n=n), title_align="left"))
    console.print(Text(prompt, style="bold"))
    if numbered:
        for k, option in enumerate(question.options, 1):
            console.print(f"  {k}. {option_label(option, lang)}")


def feedback(question: Question, given: str, lang: str, console: Console) -> bool:
    """Right or wrong, and why: the device's explanation, or why the trap is fair reporting."""
    q = ui(lang)["quiz"]
    texts = explanations(lang)
    right = given == question.answer
    if right:
        console.print(Text(q["correct"], style="bold green"))
    else:
        console.print(Text(q["wrong"].format(answer=option_label(question.answer, lang)), style="bold red"))
    item = question.item
    if question.answer == NONE:
        console.print(q["trap"].format(device=device_name(question.trap, lang), reason=item.get("reason") or q["trap_reason"]))
    else:
        q_open, q_close = ui(lang)["quotes"]
        source = item["text"] if item["kind"] == "sentence" else _article(item)
        marked = ", ".join(source[s:e] if source[s] in "\"“„«" else f"{q_open}{source[s:e]}{q_close}"
                           for s, e, _d in item["spans"])
        console.print(Text.assemble((f"{device_name(question.answer, lang)}: ", "bold"), marked))
        console.print(texts[question.answer]["explanation"])
    if not right and given in texts:
        console.print(Text(f"{device_name(given, lang)}: {texts[given]['explanation']}", style="dim"))
    console.print()
    return right


def _article(item: dict) -> str:
    return item["text"] + "\n\n" + item["body"]


Ask = Callable[[Question, int, int], "str | None"]


def run(questions: list[Question], lang: str, ask: Ask, console: Console) -> tuple[int, int]:
    """Ask every question; ``ask`` returns the chosen option, or None to stop. Returns (score, asked)."""
    score = asked = 0
    for i, question in enumerate(questions, 1):
        given = ask(question, i, len(questions))
        if given is None:
            break
        asked += 1
        score += feedback(question, given, lang, console)
    console.print(Text(ui(lang)["quiz"]["score"].format(score=score, total=asked), style="bold"))
    return score, asked
