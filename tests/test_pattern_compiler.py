"""The pattern compiler: C snippets with metavariables compiled to tree-sitter queries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cocolint import ts
from cocolint.pattern import PatternError, compile_pattern, compile_raw_query
from conftest import Hit, find, in_function, texts

# ---------------------------------------------------------------- metavariables


def test_metavariable_matches_any_expression_and_reports_its_position():
    code = in_function("""
        a = pa | MASK;
        b = virt_to_phys(page) | MASK;
        c = (x + 1) | MASK;
        d = s->field[i] | MASK;
        e = pa & MASK;
    """)
    assert find("$X | MASK", code) == [
        Hit("pa | MASK", 3, 6),
        Hit("virt_to_phys(page) | MASK", 4, 6),
        Hit("(x + 1) | MASK", 5, 6),
        Hit("s->field[i] | MASK", 6, 6),
    ]


def test_metavariable_binds_the_matched_subexpression():
    compiled = compile_pattern("$X | MASK")
    query = ts.compile_query(compiled.query)
    tree = ts.parse(in_function("a = virt_to_phys(page) | MASK;").encode())
    [(_, captures)] = ts.matches(query, tree.root_node)
    assert captures["X"][0].text == b"virt_to_phys(page)"
    assert compiled.metavariables == ("X",)


def test_repeated_metavariable_must_match_the_same_text():
    code = in_function("""
        a = b + b;
        c = b + d;
        e = s->x + s->x;
        f = s->x + s->y;
    """)
    assert texts("$X + $X", code) == ["b + b", "s->x + s->x"]


def test_repeated_metavariable_across_statement_parts():
    code = in_function("""
        if (p) kfree(p);
        if (p) kfree(q);
    """)
    assert texts("if ($P) kfree($P);", code) == ["if (p) kfree(p);"]


# ---------------------------------------------------------------- argument runs


CALLS = in_function("""
    foo();
    foo(x);
    foo(1, x);
    foo(x, 1);
    foo(1, x, 3);
    foo(1, 2, 3);
""")


@pytest.mark.parametrize("pattern, expected", [
    ("foo($...ARGS)", ["foo()", "foo(x)", "foo(1, x)", "foo(x, 1)", "foo(1, x, 3)", "foo(1, 2, 3)"]),
    ("foo($...ARGS, x)", ["foo(x)", "foo(1, x)"]),
    ("foo(x, $...ARGS)", ["foo(x)", "foo(x, 1)"]),
    ("foo($...A, x, $...B)", ["foo(x)", "foo(1, x)", "foo(x, 1)", "foo(1, x, 3)"]),
    ("foo($X, $...REST)", ["foo(x)", "foo(1, x)", "foo(x, 1)", "foo(1, x, 3)", "foo(1, 2, 3)"]),
    ("foo($X)", ["foo(x)"]),
    ("foo($X, $Y, $Z)", ["foo(1, x, 3)", "foo(1, 2, 3)"]),
    ("foo()", ["foo()"]),
])
def test_argument_runs(pattern, expected):
    assert texts(pattern, CALLS) == expected


def test_empty_call_pattern_matches_only_zero_argument_calls():
    hits = find("foo()", CALLS)
    assert hits == [Hit("foo()", 3, 2)]


def test_comments_between_arguments_do_not_change_the_argument_count():
    code = in_function("""
        foo(/* only */ x);
        foo(x /* trailing */);
        foo(1, /* flags */ x);
        foo(/* nothing */);
    """)
    assert texts("foo($X)", code) == ["foo(/* only */ x)", "foo(x /* trailing */)"]
    assert texts("foo($X, $Y)", code) == ["foo(1, /* flags */ x)"]
    assert texts("foo()", code) == ["foo(/* nothing */)"]
    assert texts("foo($...A, x)", code) == ["foo(/* only */ x)", "foo(x /* trailing */)", "foo(1, /* flags */ x)"]


def test_comments_inside_a_statement_block_pattern():
    code = in_function("""
        {
            a();
            /* then */
            b();
            /* done */
        }
    """)
    [hit] = find("{ $...S; b(); }", code)
    assert (hit.line, hit.column) == (3, 2)
    assert hit.text.startswith("{\n\t\ta();") and hit.text.endswith("/* done */\n\t}")


# ---------------------------------------------------------------- operators


@pytest.mark.parametrize("op", ["|", "&", "+", "^", "*", "==", "!="])
def test_commutative_operators_match_both_operand_orders(op):
    code = in_function(f"x = a {op} b;\ny = b {op} a;\nz = a {op} c;")
    assert find(f"a {op} b", code) == [Hit(f"a {op} b", 3, 6), Hit(f"b {op} a", 4, 6)]


@pytest.mark.parametrize("op", ["-", "<<", ">>", "/", "<", "%", "&&", "||"])
def test_non_commutative_operators_keep_their_operand_order(op):
    code = in_function(f"x = a {op} b;\ny = b {op} a;")
    assert find(f"a {op} b", code) == [Hit(f"a {op} b", 3, 6)]


def test_commutative_match_binds_metavariable_on_either_side():
    code = in_function("x = pa | MASK;\ny = MASK | pb;")
    query = ts.compile_query(compile_pattern("$X | MASK").query)
    bound = sorted(c["X"][0].text for _, c in ts.matches(query, ts.parse(code.encode()).root_node))
    assert bound == [b"pa", b"pb"]


def test_operator_precedence_is_respected():
    # `x + y >> 2` is `(x + y) >> 2`, not `x + (y >> 2)`
    code = in_function("a = x + (y >> 2);\nb = (y >> 2) + x;\nc = x + y >> 2;")
    assert texts("x + (y >> 2)", code) == ["x + (y >> 2)", "(y >> 2) + x"]


# ---------------------------------------------------------------- parentheses


def test_redundant_parentheses_around_operands_are_seen_through():
    code = in_function("""
        a = (pa) | MASK;
        b = ((pa)) | (MASK);
        c = pa | ((MASK));
    """)
    assert texts("pa | MASK", code) == ["(pa) | MASK", "((pa)) | (MASK)", "pa | ((MASK))"]


def test_redundant_parentheses_in_the_pattern_are_seen_through():
    code = in_function("a = pa | MASK;\nb = (pa | MASK);")
    assert texts("(pa) | (MASK)", code) == ["pa | MASK", "pa | MASK"]


def test_parenthesised_sub_expression_matches_with_or_without_parentheses():
    code = in_function("""
        a = base + (MASK >> SHIFT);
        b = base + ((MASK >> SHIFT));
        c = (MASK >> SHIFT) + base;
    """)
    assert [h.line for h in find("$X + (MASK >> $S)", code)] == [3, 4, 5]
    assert [h.line for h in find("$X + MASK >> $S", code)] == []


def test_parentheses_inside_if_conditions():
    code = in_function("""
        if (hv_check())
            return 1;
        if ((hv_check()))
            return 2;
        if (!hv_check())
            return 3;
    """)
    assert find("if (hv_check()) return $E;", code) == [
        Hit("if (hv_check())\n\t\treturn 1;", 3, 2),
        Hit("if ((hv_check()))\n\t\treturn 2;", 5, 2),
    ]


# ---------------------------------------------------------------- statements and top level


def test_statement_pattern_with_metavariables():
    code = in_function("""
        if (a)
            return b;
        if (a) {
            return b;
        }
        if (a)
            b();
    """)
    assert find("if ($C) return $E;", code) == [Hit("if (a)\n\t\treturn b;", 3, 2)]


def test_any_statement_metavariable_matches_blocks_and_single_statements():
    code = in_function("""
        if (hv_check())
            return 1;
        if (hv_check()) {
            x();
        }
        if (other())
            return 1;
    """)
    assert [h.line for h in find("if (hv_check()) $S;", code)] == [3, 5]


def test_top_level_declaration_pattern():
    code = "static int a(void);\nint b(void);\nstatic int c(int x);\nstatic int d(void);\n"
    assert find("static int $F(void);", code) == [Hit("static int a(void);", 1, 1), Hit("static int d(void);", 4, 1)]


# ---------------------------------------------------------------- names and fields


def test_field_access_dot_and_arrow_are_distinguished():
    code = in_function("a = s.cc_mask;\nb = s->cc_mask;")
    assert texts("s.cc_mask", code) == ["s.cc_mask"]
    assert texts("s->cc_mask", code) == ["s->cc_mask"]
    assert texts("$S.cc_mask", code) == ["s.cc_mask"]


def test_identifier_is_not_a_field_of_the_same_name():
    code = in_function("""
        a = x & cc_mask;
        b = x & s->cc_mask;
        c = x & t.cc_mask;
        d = x & cc_mask_other;
    """)
    assert find("$X & cc_mask", code) == [Hit("x & cc_mask", 3, 6)]
    assert texts("cc_mask", code) == ["cc_mask"]


def test_names_must_match_exactly():
    code = in_function("a = shared_gpa_boundary_bits;\nb = ms_hyperv.shared_gpa_boundary_bits;")
    assert texts("ms_hyperv.shared_gpa_boundary", code) == []


def test_literals_match_by_text():
    code = in_function('foo(1, "s");\nfoo(1, "t");\nfoo(0x1, "s");')
    assert texts('foo(1, "s")', code) == ['foo(1, "s")']


def test_string_literals_match_exactly_including_inner_spaces():
    code = in_function('foo("a  b");\nfoo("a b");')
    assert find('foo("a  b")', code) == [Hit('foo("a  b")', 3, 2)]
    assert find('foo("a b")', code) == [Hit('foo("a b")', 4, 2)]


# ---------------------------------------------------------------- raw queries


def test_raw_query_escape_hatch():
    compiled = compile_raw_query('((call_expression function: (identifier) @F) @match (#match? @F "^hv_"))')
    assert compiled.metavariables == ("F",)
    assert compiled.literals == frozenset()
    query = ts.compile_query(compiled.query)
    tree = ts.parse(in_function("hv_a();\nother();\nhv_b(1);").encode())
    got = sorted(c["match"][0].text for _, c in ts.matches(query, tree.root_node))
    assert got == [b"hv_a()", b"hv_b(1)"]


def test_raw_query_must_capture_match():
    with pytest.raises(PatternError, match="@match"):
        compile_raw_query("(call_expression) @call")


def test_raw_query_that_does_not_compile():
    with pytest.raises(PatternError, match=r"\(call_expression"):
        compile_raw_query("(call_expression")


def test_raw_query_with_two_patterns_is_refused():
    with pytest.raises(PatternError, match="exactly one pattern"):
        compile_raw_query("(call_expression) @match (identifier) @match")


# ---------------------------------------------------------------- where constraints


WHERE_CODE = in_function("a = pa | MASK;\nb = va | MASK;\nc = MASK | pa_old;\nd = xpa | MASK;")


def test_where_regex_keeps_only_matching_bindings():
    assert texts("$X | MASK", WHERE_CODE, {"X": ("^pa", True)}) == ["pa | MASK", "MASK | pa_old"]


def test_where_not_regex_drops_matching_bindings():
    assert texts("$X | MASK", WHERE_CODE, {"X": ("^pa", False)}) == ["va | MASK", "xpa | MASK"]


def test_where_regex_searches_rather_than_anchors():
    assert texts("$X | MASK", WHERE_CODE, {"X": ("pa", True)}) == ["pa | MASK", "MASK | pa_old", "xpa | MASK"]


def test_where_regex_and_not_regex_on_the_same_metavariable_both_apply():
    got = texts("$X | MASK", WHERE_CODE, {"X": [("^pa", True), ("_old$", False)]})
    assert got == ["pa | MASK"]


def test_where_naming_an_unknown_metavariable():
    with pytest.raises(PatternError, match=r"\$Y"):
        compile_pattern("$X | MASK", {"Y": ("a", True)})


def test_where_regex_that_does_not_compile():
    with pytest.raises(PatternError, match=r"\$X.*regex|regex.*\$X"):
        compile_pattern("$X | MASK", {"X": ("(pa", True)})


# ---------------------------------------------------------------- pre-filter literals


@pytest.mark.parametrize("pattern, literals", [
    ("$X | ms_hyperv.shared_gpa_boundary", {"ms_hyperv", "shared_gpa_boundary"}),
    ("hv_set_mem_host_visibility($...ARGS)", {"hv_set_mem_host_visibility"}),
    ("if ($C) return hv_check(1);", {"hv_check"}),
    ("$X & ~cc_mask", {"cc_mask"}),
    ("(u64)$X", {"u64"}),
    ("$F(1)", set()),
])
def test_literals_collected_for_the_prefilter(pattern, literals):
    assert compile_pattern(pattern).literals == frozenset(literals)


def test_every_literal_occurs_in_every_match():
    code = in_function("a = pa | ms_hyperv.shared_gpa_boundary;\nb = (ms_hyperv.shared_gpa_boundary) | x;")
    pattern = "$X | ms_hyperv.shared_gpa_boundary"
    hits = texts(pattern, code)
    assert len(hits) == 2
    for hit in hits:
        assert all(lit in hit for lit in compile_pattern(pattern).literals)


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("pattern, fragment", [
    ("a +", "does not parse"),
    ("foo(", "does not parse"),
    ("", "empty"),
    ("   ", "empty"),
    ("$x | MASK", "upper-case"),
    ("foo($...A + 1)", "$...A"),
    ("$...A | MASK", "$...A"),
    ("$X", "only a metavariable"),
])
def test_bad_patterns_raise_a_clear_pattern_error(pattern, fragment):
    with pytest.raises(PatternError) as info:
        compile_pattern(pattern)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message
    assert "__cocolint" not in message  # internal renaming never leaks into messages


def test_pattern_error_names_the_pattern():
    with pytest.raises(PatternError, match=r"'a \+'"):
        compile_pattern("a +")
    with pytest.raises(PatternError, match=r"foo\(\$\.\.\.A \+ 1\)"):
        compile_pattern("foo($...A + 1)")


# ---------------------------------------------------------------- properties


SPACE = st.sampled_from(["", " ", "\t", "\n\t\t", " /* c */ ", "\t// note\n\t"])


def _wrap(text: str, depth: int) -> str:
    return "(" * depth + text + ")" * depth


@settings(max_examples=60, deadline=None)
@given(swap=st.booleans(), left_parens=st.integers(0, 2), right_parens=st.integers(0, 2),
       gaps=st.tuples(SPACE, SPACE, SPACE), left=st.sampled_from(["pa", "virt_to_phys(p)", "s->pa", "x[i + 1]"]))
def test_commutative_pattern_matches_any_spelling(swap, left_parens, right_parens, gaps, left):
    a, b = _wrap(left, left_parens), _wrap("ms_hyperv.shared_gpa_boundary", right_parens)
    a, b = (b, a) if swap else (a, b)
    expr = f"{a}{gaps[0]}|{gaps[1]}{b}"
    code = f"static u64 probe(void)\n{{\n\treturn{gaps[2] or ' '}{expr};\n}}\n"
    hits = find("$X | ms_hyperv.shared_gpa_boundary", code)
    assert [h.text for h in hits] == [expr]
    start = code.index(expr)
    assert (hits[0].line, hits[0].column) == (code.count("\n", 0, start) + 1, start - code.rfind("\n", 0, start))
