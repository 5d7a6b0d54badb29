"""A pattern's plain query (no see-through alternatives) runs where no parentheses can be seen through, with the same findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import in_function, load_rule, rule_text
from cocolint import ts
from cocolint.engine import anchored
from cocolint.engine.matcher import Matcher
from cocolint.pattern import compile_pattern


def both(rules, code: str, path: str = "drivers/x/probe.c") -> tuple[list, Matcher]:
    """Anchored findings (which must equal the exhaustive ones) and the matcher that found them."""
    src = code.encode()
    m = Matcher(rules)
    found = m.match(path, src).findings
    assert found == Matcher(rules, exhaustive=True).match(path, src).findings
    return found, m


def rule(tmp_path: Path, *patterns: str, message: str = "found {match}"):
    return load_rule(tmp_path, rule_text("plain-test", list(patterns), message=message))


def test_plain_query_drops_only_the_see_through_alternatives():
    p = compile_pattern("if (hv_is_isolation_supported()) $S;")
    assert p.plain is not None and p.plain_halves is None
    assert p.query.count("parenthesized_expression") == 4  # the condition's, and two layers seen through
    assert p.plain.count("parenthesized_expression") == 1  # the condition's: the syntax requires it
    assert "[" not in p.plain
    ts.compile_query(p.plain)


def test_plain_halves_of_a_commutative_pattern():
    p = compile_pattern("$X | ms_hyperv.SHARED_BIT")
    assert p.halves is not None and p.plain_halves is not None
    assert all("parenthesized_expression" not in h for h in p.plain_halves)
    tree = ts.parse(in_function("a = x | ms_hyperv.SHARED_BIT;\nb = ms_hyperv.SHARED_BIT | y;").encode())
    name_right, name_left = (ts.compile_query(h) for h in p.plain_halves)
    assert [c["X"][0].text for _, c in ts.matches(name_right, tree.root_node)] == [b"x"]
    assert [c["X"][0].text for _, c in ts.matches(name_left, tree.root_node)] == [b"y"]


@pytest.mark.parametrize("pattern", ["CC_VENDOR_HYPERV", "hv_check()", "hv_map($...ARGS)"])
def test_no_plain_query_where_nothing_is_seen_through(pattern):
    p = compile_pattern(pattern)
    assert p.plain is None and p.plain_halves is None


def _statement(code: str) -> ts.Node:
    """The first statement of the function body in code."""
    tree = ts.parse(in_function(code).encode())
    stack = [tree.root_node]
    while stack:
        node = stack.pop(0)
        if node.type == "compound_statement":
            return node.named_children[0]
        stack.extend(node.children)
    raise AssertionError("no body")


@pytest.mark.parametrize("code, bare", [
    ("if (hv_check()) return 1;", True),
    ("while (hv_check()) x();", True),
    ("do x(); while (hv_check());", True),
    ("switch (hv_check()) { case 1: break; }", True),
    ("if (hv_check()) { if (y) z(); }", True),  # a nested statement's condition
    ("if ((hv_check())) return 1;", False),
    ("if (hv_check()) return (1);", False),  # in the consequence: the plain query is not used
    ("x = sizeof(y);", False),
    ("x = f(a, (b));", False),
    ("x = (a);", False),
])
def test_bare_finds_every_parenthesized_expression_but_a_condition(code, bare):
    assert anchored.bare(_statement(code)) is bare


def test_bare_gives_up_on_a_huge_subtree(monkeypatch):
    node = _statement("if (hv_check()) { a(); b(); c(); d(); }")
    assert anchored.bare(node)
    monkeypatch.setattr(anchored, "BARE_LIMIT", 5)
    assert not anchored.bare(node)


def test_candidates_without_parentheses_use_the_plain_query(tmp_path):
    r = rule(tmp_path, "if (hv_check()) $S;")
    p = r.patterns[0]
    found, m = both([r], in_function("""
        if (hv_check())
            return 1;
        if (!hv_check())
            y();
    """))
    assert [f.line for f in found] == [3]
    assert p.plain in m._compiled and p.query not in m._compiled  # the costly query was never compiled


def test_mixed_candidates_give_the_same_findings_in_both_modes(tmp_path):
    r = rule(tmp_path, "if (hv_check()) $S;", "hv_map($X, (size) + 1)", message="{match}")
    p = r.patterns[0]
    found, m = both([r], in_function("""
        if (hv_check())
            return 1;
        if ((hv_check()))
            x();
        if (((hv_check())))
            x();
        if ((((hv_check()))))
            x();
        if (hv_check())
            return (1);
        if (hv_check() && y)
            z();
        hv_map(a, size + 1);
        hv_map(a, (size) + 1);
        hv_map((a), ((size)) + 1);
        hv_map(a, (size + 1));
        if (hv_check()) {
            while ((n = hv_check()))
                hv_map(p, (size) + 1);
        }
    """))
    # the condition's parentheses and two more are seen through, a fourth pair is one too many; the
    # hv_map() inside the last `if` is part of that finding
    assert [f.line for f in found] == [3, 5, 7, 11, 15, 16, 17, 18, 19]
    assert p.plain in m._compiled and p.query in m._compiled  # each where its candidates need it


def test_commutative_halves_with_and_without_parentheses(tmp_path):
    r = rule(tmp_path, "$X | MASK_BIT", message="{X}")
    found, _ = both([r], in_function("""
        a = pa | MASK_BIT;
        b = MASK_BIT | pa;
        c = (pa) | ((MASK_BIT));
        d = ((MASK_BIT)) | (s->pa + 1);
        e = x | MASK_BIT | (MASK_BIT);
    """))
    assert [(f.line, f.message) for f in found] == [(3, "pa"), (4, "pa"), (5, "(pa)"), (6, "(s->pa + 1)"),
                                                    (7, "x | MASK_BIT")]


def test_once_the_full_query_is_compiled_it_runs_everywhere(tmp_path, monkeypatch):
    r = rule(tmp_path, "if (hv_check()) $S;")
    m = Matcher([r])
    code = in_function("""
        if (hv_check())
            return 1;
    """).encode()
    assert len(m.match("drivers/x/a.c", code).findings) == 1
    assert r.patterns[0].query not in m._compiled
    assert len(m.match("drivers/x/b.c", in_function("if ((hv_check()))\n    x();").encode()).findings) == 1
    assert r.patterns[0].query in m._compiled
    searched = []
    real = anchored.bare
    monkeypatch.setattr(anchored, "bare", lambda n: searched.append(n) or real(n))
    assert len(m.match("drivers/x/c.c", code).findings) == 1
    assert searched == []  # no subtree searched: the compiled full query matches the same
