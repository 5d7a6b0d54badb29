"""The git grep stage skips only files Python would skip, and every backend gives the same results."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from audit_helpers import TREE_61, make_rule, needs_tree, python_reads, tricky_tree
from cocolint.engine import gitgrep
from cocolint.engine.matcher import Matcher
from cocolint.engine.parallel import _grep_tokens, check_paths_parallel
from cocolint.engine.walk import walk
from cocolint.ruleset import load_rules

pytestmark = pytest.mark.skipif(gitgrep.git_binary() is None, reason="needs git (the fallback is GNU grep)")


def _decide(roots: list[Path], items: list[tuple[str, str | None]]) -> dict[str, bool]:
    matcher = Matcher(load_rules())
    tokens = [t for t in _grep_tokens(matcher) or [] if t != b"\0"]
    split = gitgrep.GitGrepSplit(tokens, gitgrep.git_binary(), [r.as_posix() for r in roots],  # type: ignore[arg-type]
                                 gitgrep.pathspecs((".c", ".h")) or [])
    try:
        return {item[0]: read for item, read in split.split(items)}
    finally:
        split.close()


def test_git_grep_skips_exactly_the_clean_text_files(tmp_path: Path) -> None:
    tricky_tree(tmp_path)
    os.symlink("plain001.c", tmp_path / "link.c")  # git does not follow it: read, a harmless extra
    matcher = Matcher(load_rules())
    items = list(walk([tmp_path]))
    decided = _decide([tmp_path], items)
    assert list(decided) == [p for p, _ in items]  # every file, in walk order
    link = (tmp_path / "link.c").as_posix()
    assert decided.pop(link) is True
    assert decided == {p: e is not None or python_reads(matcher, p) for p, e in items if p != link}
    read = {Path(p).name for p, r in decided.items() if r}
    assert {"start.c", "nul_clean.c", "nul_probe_edge.c", "nul_late_name.c", "marker.c", "newline\nname.c",
            "big.h", "broken.c", "fifo.c", "tail_of_longer.c"} <= read
    assert {"nul_late.c", "latin1_clean.c", "empty.c", "keep.h", "plain000.c", "split_name.c"}.isdisjoint(read)


def test_nested_and_relative_roots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tricky_tree(tmp_path / "a")
    tricky_tree(tmp_path / "a" / "b")
    monkeypatch.chdir(tmp_path / "a")
    matcher = Matcher(load_rules())
    for roots in ([Path(".")], [Path("."), Path("b")], [Path("b"), tmp_path / "a"]):
        items = list(walk(roots))
        assert _decide(roots, items) == {p: e is not None or python_reads(matcher, p) for p, e in items}


def test_a_suffix_that_is_not_a_plain_glob_is_not_used() -> None:
    assert gitgrep.pathspecs((".c", ".h")) == ["*.c", "*.h"]
    assert gitgrep.pathspecs((".[ch]",)) is None
    assert gitgrep.pathspecs((".c", "")) is None


@pytest.mark.parametrize("backend", ["git", "gnu-grep", "python"])
def test_every_backend_gives_the_same_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str) -> None:
    tricky_tree(tmp_path / "t")
    rules = [make_rule(tmp_path / "rules", "cc-mask-use", "patterns = ['cc_mask']"), *load_rules()]
    monkeypatch.chdir(tmp_path)

    def run() -> list[tuple]:
        return [(r.path, r.findings, str(r.error), r.parsed) for r in check_paths_parallel(rules, [Path("t")], jobs=2)]

    reference = run() if backend == "git" else None
    monkeypatch.setenv("COCOLINT_NO_GREP", "1")
    python = run()
    monkeypatch.delenv("COCOLINT_NO_GREP")
    if backend == "gnu-grep":
        monkeypatch.setattr(gitgrep, "git_binary", lambda: None)
    assert run() == python
    if reference is not None:
        assert reference == python
    assert sum(e != "None" for _, _, e, _ in python) == 4  # nul_clean, nul_probe_edge, fifo, broken link
    assert any(f for _, f, _, _ in python)


@pytest.mark.kernel
def test_git_grep_and_python_select_the_same_files_on_a_real_subtree() -> None:
    root = needs_tree(TREE_61)
    roots = [root / "drivers/hv", root / "arch/x86", root / "drivers/gpu/drm/amd/display/dc"]
    matcher = Matcher(load_rules())
    items = list(walk(roots))
    decided = _decide(roots, items)
    assert len(decided) > 1500
    links = {p for p, _ in items if os.path.islink(p)}
    assert {p: r for p, r in decided.items() if p not in links} == \
        {p: e is not None or python_reads(matcher, p) for p, e in items if p not in links}
    assert 0 < sum(decided.values()) < 200
