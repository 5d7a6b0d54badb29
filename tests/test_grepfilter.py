"""The grep stage selects exactly the files the Python pre-filter would read, and runs give the same results."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from audit_helpers import TREE_61, make_rule, needs_tree, python_reads, tricky_tree
from cocolint.engine.grepfilter import SMALL, GrepSplit, gnu_grep
from cocolint.engine.matcher import Matcher
from cocolint.engine.parallel import _grep_tokens, check_paths_parallel
from cocolint.engine.source import SourceError, read_source
from cocolint.engine.suppress import MARKER
from cocolint.engine.walk import walk
from cocolint.ruleset import load_rules

pytestmark = pytest.mark.skipif(gnu_grep() is None, reason="needs GNU grep (the fallback is the Python path)")

def test_grep_selects_the_files_python_would(tmp_path: Path) -> None:
    tricky_tree(tmp_path)
    matcher = Matcher(load_rules())
    tokens = _grep_tokens(matcher)
    assert tokens is not None
    items = list(walk([tmp_path]))
    split = GrepSplit(tokens, gnu_grep())  # type: ignore[arg-type]
    try:
        decided = {item[0]: read for item, read in split.split(items)}
    finally:
        split.close()
    assert list(decided) == [p for p, _ in items]  # every file, in order
    # grep also lists a NUL beyond the first 8000 bytes, which Python then reads and finds to be text
    expected = {p: error is not None or python_reads(matcher, p) or _nul_anywhere(p) for p, error in items}
    assert decided == expected
    read = {Path(p).name for p, r in decided.items() if r}
    # tricky names really hit both branches
    assert {"start.c", "end.c", "only.c", "latin1.c", "crlf.c", "nul_late.c", "nul_clean.c", "marker.c",
            "nul_probe_edge.c", "nul_late_name.c",
            "-dash.c", "space name.c", "newline\nname.c", "big.h", "broken.c", "fifo.c",
            "tail_of_longer.c"} <= read  # substring stage: dcc_mask holds the anchor cc_mask
    assert {"latin1_clean.c", "empty.c", "keep.h", "plain000.c", "split_name.c"}.isdisjoint(read)


def _nul_anywhere(path: str) -> bool:
    try:
        return b"\0" in read_source(path)
    except SourceError:
        return False


def test_results_are_the_same_with_and_without_grep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tricky_tree(tmp_path)
    rules = [make_rule(tmp_path / "rules", "cc-mask-use", "patterns = ['cc_mask']"), *load_rules()]

    def run() -> list[tuple]:
        return [(r.path, r.findings, str(r.error), r.parsed) for r in check_paths_parallel(rules, [tmp_path], jobs=2)]

    with_grep = run()
    monkeypatch.setenv("COCOLINT_NO_GREP", "1")
    without = run()
    assert with_grep == without
    assert any(f for _, f, _, _ in without)
    assert sum(e != "None" for _, _, e, _ in without) >= 3  # the NUL files, the FIFO, the broken link


@pytest.mark.kernel
def test_grep_and_python_select_the_same_files_on_a_real_subtree() -> None:
    root = needs_tree(TREE_61)
    matcher = Matcher(load_rules())
    items = list(walk([root / "drivers/hv", root / "arch/x86", root / "drivers/gpu/drm/amd/display/dc"]))
    split = GrepSplit(_grep_tokens(matcher), gnu_grep())  # type: ignore[arg-type]
    try:
        decided = [(item[0], read) for item, read in split.split(items)]
    finally:
        split.close()
    assert len(decided) > 1500
    assert decided == [(p, e is not None or python_reads(matcher, p)) for p, e in items]
    assert 0 < sum(r for _, r in decided) < 200
