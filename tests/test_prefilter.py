"""The literal pre-filter: whole identifiers, anchors that cover every name, and the same findings as no filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_helpers import TREE_61, TREE_612, make_rule, needs_tree
from cocolint.engine.matcher import Matcher
from cocolint.engine.parallel import check_paths_parallel
from cocolint.engine.prefilter import Prefilter, choose_anchors, whole_identifier
from cocolint.ruleset import load_rules


@pytest.mark.parametrize("source, name, present", [
    (b"x = cc_mask;", b"cc_mask", True),
    (b"x = dcc_mask;", b"cc_mask", False),          # amdgpu's dcc_mask is not cc_mask
    (b"x = cc_mask_bits;", b"cc_mask", False),
    (b"x = dcc_mask | cc_mask;", b"cc_mask", True),  # a later whole occurrence counts
    (b"cc_mask", b"cc_mask", True),                  # at both ends of the file
    (b"a->cc_mask", b"cc_mask", True),
    (b"/* 9cc_mask */", b"cc_mask", True),           # after a number tree-sitter may split: kept
    (b"0x1fcc_mask", b"cc_mask", True),
    (b"1.e5cc_mask", b"cc_mask", True),
    (b"\xc3\xa9cc_mask", b"cc_mask", True),          # after a non-ASCII byte: kept (conservative)
    (b"x_cc_mask", b"cc_mask", False),
    (b"", b"cc_mask", False),
])
def test_whole_identifier(source: bytes, name: bytes, present: bool) -> None:
    assert whole_identifier(source, name) is present


@settings(max_examples=80, deadline=None)
@given(st.sets(st.from_regex(r"\A[a-z_][a-z0-9_]{2,24}\Z"), min_size=1, max_size=30))
def test_every_name_contains_an_anchor(names: set[str]) -> None:
    anchors = choose_anchors(names)
    assert all(any(a in n for a in anchors) for n in names)
    assert len(anchors) <= len(names)


def _reference_anchors(keys: set[str]) -> tuple[str, ...]:
    """The straightforward form of choose_anchors (every substring, sorted, re-counted each round)."""
    uncovered, anchors = set(keys), []
    while len(uncovered) > 1:
        holders: dict[str, set[str]] = {}
        for k in uncovered:
            for size in range(8, min(len(k), 24) + 1):
                for i in range(len(k) - size + 1):
                    holders.setdefault(k[i:i + size], set()).add(k)
        best = max(sorted(holders), key=lambda g: (len(holders[g]), len(g)), default=None)
        if best is None or len(holders[best]) < 2:
            break
        anchors.append(best)
        uncovered -= holders[best]
    for k in sorted(uncovered, key=len):
        if not any(a in k for a in anchors):
            anchors.append(k)
    return tuple(sorted(anchors))


@settings(max_examples=300, deadline=None)
@given(st.sets(st.lists(st.sampled_from(["hv_", "isolation", "_type", "_snp", "cc_", "mask", "shared_gpa",
                                         "_boundary", "visibility", "_PAGE", "ENC", "x", "abcdefgh",
                                         "abcdefghijklmnopqrstuvwxyz0123"]),
                        min_size=1, max_size=5).map("".join), min_size=1, max_size=12))
def test_anchors_are_those_of_the_reference(names: set[str]) -> None:
    assert choose_anchors(set(names)) == _reference_anchors(set(names))


def test_shared_substrings_become_one_anchor() -> None:
    names = {"hv_isolation_type_snp", "hv_isolation_type_tdx", "hv_get_isolation_type", "shared_gpa_boundary"}
    anchors = choose_anchors(names)
    assert len(anchors) == 2 and "shared_gpa_boundary" in anchors


def test_rules_without_names_run_everywhere(tmp_path: Path) -> None:
    raw = make_rule(tmp_path, "raw-query", "queries = ['((number_literal) @match (#eq? @match \"0xdead\"))']")
    named = make_rule(tmp_path, "named", "patterns = ['kmalloc($...ARGS)']")
    m = Matcher([raw, named])
    assert m.prefilter.always == (0,)
    assert m.may_match(b"int x;")
    assert m.active_rules("a.c", b"int x = 0xdead;") == [0]
    found = m.match("a.c", b"int x = 0xdead;").findings
    assert [f.rule for f in found] == ["raw-query"]


def test_all_names_of_one_pattern_are_needed(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, "two-names", "patterns = ['$X | ms_hyperv.shared_gpa_boundary', 'cc_mkdec($X)']")
    p = Prefilter([rule.literal_sets()])
    assert p.admitted(b"x = shared_gpa_boundary;") == []          # ms_hyperv missing
    assert p.admitted(b"ms_hyperv.shared_gpa_boundary") == [0]
    assert p.admitted(b"y = cc_mkdec(x);") == [0]                # the other pattern suffices
    assert p.admitted(b"y = cc_mkdecrypt(x);") == []


def test_regions_and_patterns_not_do_not_make_a_rule_fire(tmp_path: Path) -> None:
    body = ("patterns = ['shared_gpa_boundary']\npatterns-not = ['foo(shared_gpa_boundary)']\n"
            "[scope]\nnot-inside = ['cc_set_mask($...ARGS)']\n")
    rule = make_rule(tmp_path, "regioned", body)
    m = Matcher([rule])
    assert not m.may_match(b"void f(void) { cc_set_mask(x); foo(y); }")
    assert m.may_match(b"void f(void) { cc_set_mask(shared_gpa_boundary); }")


ALLOCATORS = ["kmalloc", "kzalloc", "kcalloc", "kfree", "memset", "memcpy", "spin_lock", "spin_unlock",
              "mutex_lock", "mutex_unlock", "pr_err", "pr_info", "dev_err", "WARN_ON", "BUG_ON", "sizeof"]


def _busy_rules(tmp_path: Path) -> list:
    """A rule set that matches thousands of real sites, plus rules with scopes, regions and raw queries."""
    calls = ", ".join(f"'{f}($...ARGS)'" for f in ALLOCATORS if f != "sizeof")
    return [
        make_rule(tmp_path, "common-calls", f"patterns = [{calls}]"),
        make_rule(tmp_path, "gfp-atomic", "patterns = ['kmalloc($S, GFP_ATOMIC)', 'kzalloc($S, GFP_ATOMIC)']"),
        make_rule(tmp_path, "free-in-error-path", "patterns = ['kfree($P)']\n[scope]\ninside = ['if ($C) $S;']\n"),
        make_rule(tmp_path, "deref-field", "patterns = ['$X->lock']\npatterns-not = ['&$X->lock']\n"),
        make_rule(tmp_path, "raw-deadbeef", "queries = ['((number_literal) @match (#match? @match \"^0x[dD][eE][aA][dD]\"))']"),
        *load_rules(),
    ]


def _findings(rules: list, paths: list[Path], prefilter: bool) -> tuple[list, int, int]:
    out, parsed, files = [], 0, 0
    for r in check_paths_parallel(rules, paths, jobs=2, prefilter=prefilter):
        assert r.error is None, str(r.error)
        out.extend(r.findings)
        parsed += r.parsed
        files += 1
    return out, parsed, files


@pytest.mark.kernel
@pytest.mark.slow
@pytest.mark.parametrize("tree, subdirs", [
    (TREE_61, ["drivers/hv", "arch/x86/mm", "arch/x86/hyperv", "arch/x86/kernel", "kernel/dma", "drivers/net/hyperv"]),
    (TREE_612, ["drivers/hv", "arch/x86/coco", "arch/x86/hyperv", "arch/x86/kernel"]),
])
def test_same_findings_with_and_without_the_prefilter_on_real_code(tmp_path: Path, tree: Path,
                                                                    subdirs: list[str]) -> None:
    root = needs_tree(tree)
    rules = _busy_rules(tmp_path)
    paths = [root / d for d in subdirs]
    with_filter, parsed_with, files = _findings(rules, paths, prefilter=True)
    without, parsed_without, _ = _findings(rules, paths, prefilter=False)
    assert with_filter == without
    assert len(without) > 1000, "the comparison must cover thousands of real matches"
    assert {f.rule for f in without} >= {"common-calls", "gfp-atomic", "free-in-error-path", "deref-field"}
    assert parsed_without == files  # the reference really parsed every file


@pytest.mark.kernel
def test_coco_rules_skip_almost_every_file(tmp_path: Path) -> None:
    root = needs_tree(TREE_61)
    rules = load_rules()
    results = list(check_paths_parallel(rules, [root / "drivers/gpu/drm/amd/display/dc"], jobs=2))
    assert len(results) > 100
    assert sum(r.parsed for r in results) == 0  # dcc_mask and friends do not wake the cc_mask rules
