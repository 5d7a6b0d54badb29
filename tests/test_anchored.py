"""Anchored matching (a pattern runs only where its names occur) finds what every query over every node finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_helpers import TREE_61, make_rule, needs_tree
from conftest import in_function, load_rule, rule_text
from cocolint.engine.matcher import Matcher
from cocolint.engine.paths import scope_path
from cocolint.engine.source import read_source
from cocolint.engine.walk import walk
from cocolint.pattern import compile_pattern
from cocolint.ruleset import load_rules


def both(rules, code: str, path: str = "drivers/x/probe.c") -> list:
    """The findings of both modes, which must be equal; returned for further checks."""
    src = code.encode()
    anchored = Matcher(rules).match(path, src).findings
    exhaustive = Matcher(rules, exhaustive=True).match(path, src).findings
    assert anchored == exhaustive
    return anchored


def rule(tmp_path: Path, *patterns: str, extra: str = "", message: str = "found {match}"):
    return load_rule(tmp_path, rule_text("anchored-test", list(patterns), extra=extra, message=message))


# ---------------------------------------------------------------- the anchor of a pattern


@pytest.mark.parametrize("pattern, name, chain", [
    ("$X | ms_hyperv.shared_gpa_boundary", "shared_gpa_boundary",
     [("field_expression", "."), ("binary_expression", "|")]),
    ("$X & (cc_mask - 1)", "cc_mask", [("binary_expression", "-"), ("binary_expression", "&")]),
    ("if (hv_is_isolation_supported()) $S;", "hv_is_isolation_supported",
     [("call_expression", None), ("if_statement", None)]),
    ("CC_VENDOR_HYPERV", "CC_VENDOR_HYPERV", []),
    ("$X |= ((_PAGE_ENC))", "_PAGE_ENC", [("assignment_expression", "|=")]),
])
def test_anchor_is_the_longest_name_and_the_types_above_it(pattern, name, chain):
    anchor = compile_pattern(pattern).anchor
    assert anchor is not None
    assert (anchor.name, list(anchor.chain)) == (name, chain)


@pytest.mark.parametrize("pattern", ["$F(1)", "$X | $Y", "$X & ~(1 << $N)"])
def test_patterns_without_names_have_no_anchor(pattern):
    assert compile_pattern(pattern).anchor is None


# ---------------------------------------------------------------- the two modes agree


def test_parentheses_on_either_operand_and_both_orders(tmp_path):
    r = rule(tmp_path, "$X | MASK_BIT")
    code = in_function("""
        a = pa | MASK_BIT;
        b = MASK_BIT | pa;
        c = (pa) | ((MASK_BIT));
        d = ((MASK_BIT)) | (s->pa + 1);
        e = (((MASK_BIT))) | pa;
        f = pa & MASK_BIT;
        g = pa | (MASK_BIT | q);
    """)
    found = both([r], code)
    # three parentheses around the name are one more than the query sees through
    assert [f.line for f in found] == [3, 4, 5, 6, 9]


def test_repeated_metavariable_and_nested_names(tmp_path):
    r = rule(tmp_path, "$X + PFN_DOWN(BOUNDARY_ADDR) + $X", message="{X}")
    code = in_function("""
        a = p + PFN_DOWN(BOUNDARY_ADDR) + p;
        b = p + PFN_DOWN(BOUNDARY_ADDR) + q;
        c = p + PFN_DOWN((BOUNDARY_ADDR)) + p;
    """)
    found = both([r], code)
    assert [(f.line, f.message) for f in found] == [(3, "p"), (5, "p")]


def test_one_name_many_times_in_one_expression(tmp_path):
    r = rule(tmp_path, "$X | MASK_BIT", "$X & ~MASK_BIT")
    code = in_function("""
        a = MASK_BIT | MASK_BIT;
        b = (x | MASK_BIT) & ~MASK_BIT;
        c = x | MASK_BIT | MASK_BIT;
    """)
    assert [f.line for f in both([r], code)] == [3, 4, 5]


def test_statement_and_case_patterns(tmp_path):
    r = rule(tmp_path, "if (hv_check()) $S;", "case VENDOR_HV:")
    code = in_function("""
        if (hv_check())
            return 1;
        if ((hv_check()))
            x();
        if (!hv_check())
            y();
        switch (v) {
        case VENDOR_HV:
            return 2;
        }
    """)
    assert [f.line for f in both([r], code)] == [3, 5, 10]


def test_patterns_not_and_regions_apply_as_over_the_whole_tree(tmp_path):
    extra = ('patterns-not = ["$X | KEEP_BIT | MASK_BIT"]\n'
             '[scope]\nnot-inside = [{ pattern = "$L = $R", at = "L" }, "wrapper($...ARGS)"]\n')
    r = rule(tmp_path, "$X | MASK_BIT", extra=extra)
    code = in_function("""
        a = x | MASK_BIT;
        b[x | MASK_BIT] = 1;
        wrapper(x | MASK_BIT);
        c = x | KEEP_BIT | MASK_BIT;
    """)
    assert [f.line for f in both([r], code)] == [3]  # line 6 is the patterns-not spelling


def test_regions_of_one_node_type_are_looked_up_among_ancestors(tmp_path):
    """`(type) @match` regions are not matched over the tree but found above each finding: same findings."""
    extra = ('[scope]\nnot-inside = [{ query = "(enumerator) @match" }, { query = "( initializer_list ) @match" }]\n'
             '[[scope.any-of]]\ninside = [{ query = "(compound_statement) @match" }]\n'
             '[[scope.any-of]]\ninside = [{ query = "(enumerator_list) @match" }]\n')
    r = rule(tmp_path, "VENDOR_HV", extra=extra)
    code = ("enum vendor { VENDOR_NONE, VENDOR_HV = 4, VENDOR_X = VENDOR_HV + 1 };\n"
            "static int table[] = { VENDOR_HV, 2 };\n"
            "int pick(int v)\n{\n"
            "#ifdef CONFIG_A\n\tif (v == VENDOR_HV)\n\t\treturn 1;\n"
            "#else\n\tenum { LOCAL = VENDOR_HV };\n\treturn VENDOR_HV;\n#endif\n"
            "\tswitch (v) {\n\tcase VENDOR_HV:\n\t\treturn 2;\n\t}\n\treturn 0;\n}\n"
            "int g = VENDOR_HV;\n")
    lines = [f.line for f in both([r], code)]
    assert lines == [6, 10, 13], lines  # not in the enumerators, the initialiser, or outside functions


def test_macro_bodies_and_if_arms(tmp_path):
    r = rule(tmp_path, "$X | MASK_BIT")
    code = ("#define SHARED(x) ((x) | MASK_BIT)\n"
            + in_function("""
        #ifdef CONFIG_A
        a = x | MASK_BIT;
        #else
        a = y | MASK_BIT;
        #endif
    """))
    assert [f.line for f in both([r], code)] == [1, 5, 7]


def test_a_file_that_starts_with_a_comment_keeps_offsets(tmp_path):
    r = rule(tmp_path, "$X | MASK_BIT")
    code = "/* SPDX: a header comment\n * that is blanked */\n\n" + in_function("a = x | MASK_BIT;")
    assert [(f.line, f.column) for f in both([r], code)] == [(6, 6)]


def test_rule_without_names_runs_everywhere(tmp_path):
    r = rule(tmp_path, "$X | $Y")
    code = in_function("a = b | c;\nd = (e | f);\n")
    assert len(both([r], code)) == 2


SPACE = st.sampled_from(["", " ", "\n\t", " /* c */ "])


@settings(max_examples=40, deadline=None)
@given(swap=st.booleans(), lp=st.integers(0, 3), rp=st.integers(0, 3), gap=SPACE,
       left=st.sampled_from(["pa", "f(p)", "s->pa", "(x + 1)", "SHARED_BIT"]),
       op=st.sampled_from(["|", "+", "&", "-"]))
def test_any_spelling_gives_the_same_findings_in_both_modes(tmp_path_factory, swap, lp, rp, gap, left, op):
    r = _shipped_like(tmp_path_factory)
    a, b = "(" * lp + left + ")" * lp, "(" * rp + "ms_hyperv.SHARED_BIT" + ")" * rp
    a, b = (b, a) if swap else (a, b)
    both(r, in_function(f"v = {a}{gap}{op}{gap}{b};"))


_RULES: list = []


def _shipped_like(factory):
    if not _RULES:
        d = factory.mktemp("anchored")
        _RULES.append(make_rule(d, "bit-by-hand", 'patterns = ["$X | ms_hyperv.SHARED_BIT", '
                                '"$X & (ms_hyperv.SHARED_BIT - 1)", "$X + (ms_hyperv.SHARED_BIT >> $S)"]'))
    return _RULES


# ---------------------------------------------------------------- real kernel code

BUSY = ('patterns = ["kfree($P)", "memset($P, 0, sizeof(*$P))", "if (!$P) return -ENOMEM;", '
        '"$X | GFP_ZERO_TEST", "$X & ~PAGE_MASK", "$A->ops->$F($...ARGS)", "spin_lock(&$L)", '
        '"$X | __GFP_ZERO"]')


@pytest.mark.kernel
@pytest.mark.slow
@pytest.mark.parametrize("subtree", ["arch/x86/mm", "arch/x86/hyperv", "kernel/dma", "drivers/hv"])
def test_real_subtrees_give_identical_findings(tmp_path, subtree):
    tree = needs_tree(TREE_61)
    rules = [*load_rules(), make_rule(tmp_path, "busy-calls", BUSY)]
    fast, reference = Matcher(rules, prefilter=False), Matcher(rules, prefilter=False, exhaustive=True)
    total = 0
    for path, err in walk([tree / subtree]):
        if err is not None:
            continue
        src = read_source(path)
        if b"\0" in src:
            continue
        shown = scope_path(Path(path))
        got = fast.match(shown, src, Path(path)).findings
        assert got == reference.match(shown, src, Path(path)).findings, path
        total += len(got)
    assert total >= 10  # the busy rule matches many sites: the comparison is not of empty lists


def test_cli_exhaustive_reports_what_the_default_reports():
    from conftest import REPO, run_cli

    def findings(*flags: str) -> list:
        proc = run_cli("check", "--format", "json", "-j1", "--min-confidence", "low", *flags, REPO / "samples")
        assert proc.returncode == 1, proc.stderr
        return json.loads(proc.stdout)["findings"]

    default = findings()
    assert len(default) > 10
    assert findings("--exhaustive") == default


# ---------------------------------------------------------------- one operand order at a time


def test_commutative_pattern_has_a_query_per_operand_order():
    from cocolint import ts

    p = compile_pattern("$X | ms_hyperv.SHARED_BIT")
    assert p.halves is not None and all(len(h) < len(p.query) for h in p.halves)
    name_right, name_left = (ts.compile_query(h) for h in p.halves)
    tree = ts.parse(in_function("a = x | ms_hyperv.SHARED_BIT;\nb = ms_hyperv.SHARED_BIT | y;").encode())
    assert [c["X"][0].text for _, c in ts.matches(name_right, tree.root_node)] == [b"x"]
    assert [c["X"][0].text for _, c in ts.matches(name_left, tree.root_node)] == [b"y"]


@pytest.mark.parametrize("pattern", ["BIT_A | BIT_A", "$X - ms_hyperv.SHARED_BIT", "PFN_DOWN(BIT_A)"])
def test_no_split_where_the_name_is_on_both_sides_or_the_root_is_not_commutative(pattern):
    assert compile_pattern(pattern).halves is None


def test_name_in_both_operands_tries_both_orders(tmp_path):
    r = rule(tmp_path, "$X + (ms_hyperv.SHARED_BIT >> $S)", message="{X} by {S}")
    code = in_function("""
        a = (ms_hyperv.SHARED_BIT >> 1) + (ms_hyperv.SHARED_BIT >> 2);
        b = p + (ms_hyperv.SHARED_BIT >> 3);
        c = (ms_hyperv.SHARED_BIT >> 4) + q;
    """)
    found = both([r], code)
    assert [f.line for f in found] == [3, 4, 5]
    assert found[1].message == "p by 3" and found[2].message == "q by 4"
