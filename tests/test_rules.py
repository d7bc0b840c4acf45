"""Every rule's inline tests (match and ok cases) pass, and every rule has both kinds."""

from __future__ import annotations

import pytest

from detector.matching.loader import builtin_rules_dir, load_rules
from detector.matching.testing import test_rule as run_rule_tests
from detector.taxonomy import devices

RULES = load_rules([builtin_rules_dir()], builtin=True)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_inline_cases(rule):
    assert rule.tests["match"] and rule.tests["ok"]
    failures = [c.to_dict() for c in run_rule_tests(rule) if not c.passed]
    assert not failures


def test_ids_are_unique_and_devices_known():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(r.device in devices() for r in RULES)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_core_devices_covered(lang):
    core = {"unnamed_source", "secondhand_source", "vague_evidence", "headline_overstatement",
            "absolute_claim", "certainty_booster"}
    assert core <= {r.device for r in RULES if r.lang == lang}
