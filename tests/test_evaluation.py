"""`framing evaluate`: the figures rule authors are judged by, and the committed quality floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detector.evaluation import compare_to_baseline, evaluate, load_baseline, match_spans, prf, roc_auc
from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "corpora" / "baseline.json"


def test_overlap_and_exact_matching_count_each_side():
    gold = [(0, 10), (20, 30)]
    pred = [(2, 8), (0, 10), (40, 45)]
    c, fps, fns = match_spans(gold, pred)
    assert (c.overlap_pred_ok, c.overlap_gold_found, c.exact) == (2, 1, 1)
    assert fps == [(40, 45)] and fns == [(20, 30)]
    assert prf(2, 3, 1, 2) == {"precision": 0.6667, "recall": 0.5, "f1": 0.5714}


def test_prf_without_predictions_or_gold():
    assert prf(0, 0, 0, 4) == {"precision": None, "recall": 0.0, "f1": 0.0}
    assert prf(0, 0, 0, 0)["f1"] is None


def test_roc_auc_counts_ties_half():
    assert roc_auc([50, 60], [10, 20]) == 1.0
    assert roc_auc([10], [10]) == 0.5
    assert roc_auc([], [1]) is None


def _corpus(tmp_path: Path) -> Path:
    head = "Experten: Die Stadt hat kein Wasser mehr"
    body = ("In zwei Straßen könnte der Wasserdruck am Abend sinken, teilten die Stadtwerke mit. "
            "Der Versorger sei zweifellos überfordert, heißt es.")
    text = head + "\n\n" + body
    s = text.index("zweifellos")
    framed = {"id": "a", "lang": "de", "kind": "framed", "split": "dev", "headline": head, "body": body,
              "annotations": [{"device": "certainty_booster", "start": s, "end": s + len("zweifellos")},
                              {"device": "headline_overstatement", "start": 0, "end": len(head)}]}
    neutral = {"id": "b", "lang": "de", "kind": "neutral", "split": "dev", "headline": "Stadtwerke prüfen Leitungen",
               "body": "Die Stadtwerke prüfen am Montag die Leitungen im Nordviertel, sagte Sprecherin Anna Keller.",
               "annotations": []}
    p = tmp_path / "mini.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (framed, neutral)) + "\n", encoding="utf-8")
    return p


def test_cli_json_figures_and_errors(tmp_path):
    r = run("evaluate", str(_corpus(tmp_path)), "--format", "json", "--errors")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["articles"] == 2 and out["framed"] == 1 and out["neutral"] == 1
    assert out["devices"]["certainty_booster"]["overlap"]["recall"] == 1.0
    assert out["headline_accuracy"] is not None and out["roc_auc"] is not None
    for err in out["errors"]:  # every listed error quotes its span and sentence
        assert err["type"] in ("false_positive", "false_negative") and err["text"] in err["sentence"]


def test_cli_terminal_table(tmp_path):
    r = run("evaluate", str(_corpus(tmp_path)), "--errors")
    assert r.returncode == 0, r.stderr
    assert "certainty_booster" in r.stdout and "ROC AUC" in r.stdout


def test_unannotated_corpus_is_a_clear_error(tmp_path):
    p = tmp_path / "plain.jsonl"
    p.write_text('{"id": "x", "headline": "Titel", "body": "Ein Satz ohne Annotationen."}\n', encoding="utf-8")
    r = run("evaluate", str(p))
    assert r.returncode == 2 and "annotations" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_bad_annotation_names_the_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "x", "headline": "T", "body": "Text.", "annotations": [{"device": "nope", "start": 0, "end": 1}]}\n',
                 encoding="utf-8")
    r = run("evaluate", str(p))
    assert r.returncode == 2 and "bad.jsonl:1" in r.stderr


def test_baseline_regression_is_reported(tmp_path):
    corpus = _corpus(tmp_path)
    floor = tmp_path / "floor.json"
    floor.write_text(json.dumps({"mini.jsonl": {"micro_f1_overlap": 1.01}}), encoding="utf-8")
    r = run("evaluate", str(corpus), "--baseline", str(floor))
    assert r.returncode == 1 and "below" in r.stdout


@pytest.mark.parametrize("lang", ["de", "en"])
def test_dev_split_meets_the_committed_baseline(detector, lang):
    """Raising the baseline is a deliberate commit; falling below it fails the suite."""
    floor = load_baseline(BASELINE)[f"{lang}/dev.jsonl"]
    result = evaluate(str(ROOT / "corpora" / lang / "dev.jsonl"), lambda d: detector.run(d, None))
    assert compare_to_baseline(result, floor) == []


def test_markdown_table_for_readmes(tmp_path):
    r = run("evaluate", str(_corpus(tmp_path)), "--format", "markdown")
    assert r.returncode == 0, r.stderr
    assert "| device | gold | pred |" in r.stdout and "**micro**" in r.stdout and "ROC AUC" in r.stdout
    assert run("evaluate", str(_corpus(tmp_path)), "--format", "html").returncode == 2
