"""benchmarks/parse_health.py over our own samples: the cost figures it adds are there and add up."""

from __future__ import annotations

import sys
from pathlib import Path

from cocolint.engine.files import discover
from cocolint.kernelc.prepare import prepare

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import parse_health  # noqa: E402


def test_cost_figures_cover_comments_views_and_macro_bodies() -> None:
    tree = ROOT / "samples"
    e = parse_health.measure_tree(tree, 1)
    files = [d.path for d in discover([tree]) if d.error is None]
    sets = parse_health._rule_literals()
    with_literals = [p for p in files if parse_health._wanted(sets, p.read_bytes())]
    assert 0 < len(with_literals) < len(files)
    m = e["matcher"]
    assert m["rule_files"] == len(with_literals)
    # every #if view beyond the first is parsed for parse health; the matcher only in rule files
    views = {p: prepare(p.read_bytes(), p).views.count - 1 for p in files}
    assert e["extra_views"] == e["normalised"]["extra_views"] == sum(views.values()) > 0
    assert m["rule_extra_views"] == sum(views[p] for p in with_literals)
    assert m["bodies_parses"] <= m["rule_files"]
    for key in ("comments_cost_ratio", "extra_parse_cost_ratio", "matcher_cost_ratio", "normalise_cost_ratio"):
        assert e[key] is not None and e[key] >= 0
    assert e["matcher_cost_ratio"] >= e["normalise_cost_ratio"]
    doc = parse_health.markdown([e])
    assert "Comment blanking:" in doc and f"{e['extra_views']} parsed for parse health" in doc
