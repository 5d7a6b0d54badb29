"""`superseded-by`: one construct, one message, unless the superseding rule does not run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cocolint.engine.matcher import Matcher
from cocolint.ruleset import load_rules

DIRECT, BY_HAND = "shared-gpa-boundary-direct-use", "vtom-boundary-applied-by-hand"
SOURCE = b"""static u64 demo(void *page)
{
	u64 pa = virt_to_phys(page) |
		ms_hyperv.shared_gpa_boundary;
	u64 bound = ms_hyperv.shared_gpa_boundary;

	return pa + bound;
}
"""


def _found(rule_ids: set[str]) -> list[tuple[int, str]]:
    rules = [r for r in load_rules() if r.id in rule_ids]
    return [(f.line, f.rule) for f in Matcher(rules).match("drivers/hv/demo.c", SOURCE).findings]


def test_a_read_inside_hand_arithmetic_is_reported_once_by_the_better_rule():
    assert _found({DIRECT, BY_HAND}) == [(3, BY_HAND), (5, DIRECT)]


def test_without_the_superseding_rule_the_read_is_reported():
    assert _found({DIRECT}) == [(4, DIRECT), (5, DIRECT)]


def test_superseded_by_must_name_another_rule(tmp_path: Path):
    rule = (Path(__file__).parents[1] / "rules/coco/shared-gpa-boundary-direct-use.toml").read_text()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine/my-rule.toml").write_text(
        rule.replace('id = "shared-gpa-boundary-direct-use"', 'id = "my-rule"')
            .replace('superseded-by = ["vtom-boundary-applied-by-hand"]', 'superseded-by = ["no-such-rule"]'))
    out = subprocess.run([sys.executable, "-m", "cocolint", "rules", "--rules", str(tmp_path / "mine")],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.strip().startswith(str(tmp_path / "mine/my-rule.toml") + ":")
    assert "'superseded-by' names 'no-such-rule'" in out.stderr and "Traceback" not in out.stderr
