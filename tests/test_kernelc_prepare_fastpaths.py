"""The quick paths of kernel-C preparation give what the plain searches they stand for give.

Each fast path (a regex rewritten for speed, a search started from the trigger scan's hits, a
usual case decided before the general loop) is compared with the general form on generated
text built from the pieces that make the two differ if anything does.
"""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from cocolint.kernelc import conditionals, declared_names, fragments, inline_directives, macro_runs
from cocolint.kernelc import filekind, operator_args, passes, scan
from cocolint.kernelc.normalise import Normaliser
from cocolint.kernelc.scan import Normalised
from native_helpers import require


def _text(pieces: list[str], max_size: int = 30):
    return st.lists(st.sampled_from(pieces), max_size=max_size).map(lambda p: "".join(p).encode())


# ---- regexes rewritten for speed, against the forms they replace ---------------------------------

_COMMENT = rb"/\*[^*]*+\*++(?:[^/*][^*]*+\*++)*+/"
_OLD_SKIP = re.compile(rb"(?:\s+|" + _COMMENT + rb"|//[^\n]*|#(?:[^\n]*\\\r?\n)*[^\n]*)*")
_OLD_DIRECTIVE = re.compile(rb"#[ \t]*(ifdef|ifndef|if|elif|else|endif|include)\b")
_OLD_OPS = rb"(?:<<=|>>=|<<|>>|==|!=|<=|>=|&&|\|\||[-+*/%&|^]=|[-+*/%&|^~!<>])"
_OLD_AFTER_COMMA = re.compile(rb",(?:([ \t]*)(" + _OLD_OPS + rb")[ \t]*|([ \t]+))(?=[,)])")
_OLD_LAST_NAME = re.compile(rb"\n\}(?<=[A-Z0-9_]\n\})")
_OLD_ANY_DIRECTIVE = re.compile(rb"^[ \t]*#", re.M)
_OLD_NOT_C_TRIGGER = re.compile(filekind._TRIGGER.pattern.replace(rb"[ \t]*+(?=[.*S])", rb"[ \t]*", 1))


@settings(max_examples=500, deadline=None)
@given(_text(["#", "#if x", "\\", "\\\r", "\r", "\n", " ", "\t", "/*", "*/", "/* c */", "//", "x", "{", "*", "/"]),
       st.integers(0, 40))
def test_fragment_skip_ends_where_the_backtracking_form_ends(src: bytes, limit: int) -> None:
    assert fragments._SKIP.match(src, 0, limit).end() == _OLD_SKIP.match(src, 0, limit).end()


@settings(max_examples=500, deadline=None)
@given(_text(["\n", " ", "\t", ".", "*", "(", "S", "SECTIONS", ".text", ".set", "set", " =", "=", "ALIGN(", ".if",
              ".ifdef", ".cfi_x", ",", "x", ";", "[", ")"]))
def test_not_c_trigger_with_its_possessive_indent_finds_the_same(src: bytes) -> None:
    assert _OLD_NOT_C_TRIGGER.pattern != filekind._TRIGGER.pattern
    new, old = filekind._TRIGGER.search(src), _OLD_NOT_C_TRIGGER.search(src)
    assert (new and new.span()) == (old and old.span())


@settings(max_examples=500, deadline=None)
@given(_text(["#", " ", "\t", "if", "def", "n", "el", "se", "end", "include", "ifdef", "ifndef", "elif",
              "else", "endif", "d", "f", "_", "x", "\n", "{", ",", ";", "\n#include <a.h>\n", "\r"]))
def test_directive_regex_finds_the_same_words(src: bytes) -> None:
    def usual_include(m: re.Match[bytes]) -> bool:  # what analyse() passes over: the regex leaves it out
        at = m.start()
        return m.group(1) == b"include" and m.end(1) - at == 8 and at >= 2 and src[at - 1] == 0x0A \
            and src[at - 2] not in b" \t\r\n\f\v{,(="
    new = [(m.span(), m.group(1)) for m in conditionals._DIRECTIVE.finditer(src)]
    assert new == [(m.span(), m.group(1)) for m in _OLD_DIRECTIVE.finditer(src) if not usual_include(m)]


@settings(max_examples=500, deadline=None)
@given(_text([",", " ", "\t", "+", "-", "<", ">", "=", "!", "&", "|", "^", "~", "*", "/", "%", ")", "x", "(",
              "<<=", "||"]))
def test_operator_regex_with_its_lookahead_finds_the_same(src: bytes) -> None:
    def spans(rx: re.Pattern[bytes]) -> list[tuple]:
        return [(m.span(), m.span(2), m.span(3)) for m in rx.finditer(src)]
    assert spans(operator_args._AFTER_COMMA) == spans(_OLD_AFTER_COMMA)


@settings(max_examples=300, deadline=None)
@given(_text(["}", "\n", "A", "_", "9", "a", " ", "\n}", "X\n}"]))
def test_last_name_led_by_the_brace_finds_the_same_braces(src: bytes) -> None:
    assert [m.start() - 1 for m in macro_runs._LAST_NAME.finditer(src)] == \
        [m.start() for m in _OLD_LAST_NAME.finditer(src)]


@settings(max_examples=300, deadline=None)
@given(_text(["#", " ", "\t", "\n", "x", "\\\n", "\r\n", "#define a\n"]))
def test_directive_lines_from_newlines_are_the_multiline_matches(src: bytes) -> None:
    assert list(inline_directives._directive_lines(src)) == \
        [(m.start(), m.end()) for m in _OLD_ANY_DIRECTIVE.finditer(src)]


# ---- usual cases decided before the general loop ----------------------------------------------

_PAREN_PIECES = ["(", ")", "[", "]", ",", "\"", "'", "/", "*", "/*", "*/", ";", "{", "}", "x", " ", "\n", "\\"]


@settings(max_examples=500, deadline=None)
@given(_text(_PAREN_PIECES, 16), st.data())
def test_close_paren_quick_path_agrees_with_the_scan(src: bytes, data: st.DataObject) -> None:
    open_at = data.draw(st.integers(0, len(src)))
    n = min(len(src), open_at + scan.MAX_ARGS)
    for statements in (False, True):
        assert scan.close_paren(src, open_at, statements) == scan._close_paren(src, open_at, n, statements)


@settings(max_examples=500, deadline=None)
@given(_text(_PAREN_PIECES, 16), st.data())
def test_top_commas_quick_path_agrees_with_the_depth_count(src: bytes, data: st.DataObject) -> None:
    open_at = data.draw(st.integers(0, len(src)))
    close_at = data.draw(st.integers(-1, len(src)))
    assert scan.top_commas(src, open_at, close_at) == scan._top_commas(src, open_at, close_at)


def _old_plan(views: conditionals.Views) -> tuple[list, list]:
    """Views.plan as first written (each fallback pick computed whether needed or not)."""
    groups = views.groups
    if all(len(g.live) <= 1 for g in groups):
        return [[0] * len(groups)], [[]]
    seen: list[set[int]] = [set() for _ in groups]
    choices: list[list[int]] = []
    firsts: list[list] = []
    probe = conditionals.Views(groups=groups)
    while True:
        choice: list[int] = []
        visible: list[bool] = []
        new: list = []
        waiting = probe._waiting(seen)
        for gi, g in enumerate(groups):
            vis = g.parent is None or (visible[g.parent[0]] and choice[g.parent[0]] == g.parent[1])
            pick = next((i for i in range(len(g.live)) if i not in seen[gi]),
                        next((i for i in range(len(g.live)) if (gi, i) in waiting), 0)) if vis else 0
            if vis and g.live and pick not in seen[gi]:
                seen[gi].add(pick)
                new.append(g.live[pick])
            choice.append(pick)
            visible.append(vis)
        if choices and not new or len(choices) >= conditionals.MAX_VIEWS:
            return choices, firsts
        choices.append(choice)
        firsts.append(new)


def _groups(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """An #if group (arms holding lines and groups), closed by its #endif."""
    arm = st.lists(inner, max_size=3).map("".join)
    return st.builds(lambda head, first, rest: head + first + "".join(k + a for k, a in rest) + "#endif\n",
                     st.sampled_from(["#if A\n", "#ifdef __ASSEMBLY__\n", "#ifndef __ASSEMBLY__\n", "  # if C\n"]),
                     arm, st.lists(st.tuples(st.sampled_from(["#else\n", "#elif B\n"]), arm), max_size=3))


_CONDITIONAL_CODE = st.lists(st.recursive(st.sampled_from(["int x;\n", "#include <a.h>\n", "{\n", ",\n", ""]),
                                          _groups, max_leaves=24), max_size=4).map(lambda p: "".join(p).encode())


@settings(max_examples=400, deadline=None)
@given(_CONDITIONAL_CODE)
def test_analyse_plans_the_views_the_first_planner_planned(src: bytes) -> None:
    views = conditionals.analyse(src)
    assert (views.choices, views.firsts) == _old_plan(views)


def _old_triggered(src: bytes) -> bool:
    """inline_directives._triggered(src, look=False) as first written: every `#define` looked at."""
    for word in (b"\n#define", b"\n#undef"):
        at = src.find(word)
        while at >= 0:
            if src[src.rfind(b"\n", 0, at) + 1:at + 1].startswith(b"#"):
                at = src.find(word, at + len(word))
                continue
            j = at - 1
            while j >= 0 and src[j] in b" \t\r\n":
                j -= 1
            if j >= 1 and src[j] == 0x2F and src[j - 1] == 0x2A:
                j = scan.code_before(src, j)
            if j >= 0 and src[j] in inline_directives._OPENS:
                return True
            at = src.find(word, at + len(word))
    return False


@settings(max_examples=500, deadline=None)
@given(_text(["\n#define A 1", "\n#undef A", "\n#if X", "\n", " ", "x", ",", "{", "=", "(", "/* c */", "#",
              "\n  #define B", ";", "\\"]))
def test_inline_trigger_skipping_directive_runs_decides_the_same(src: bytes) -> None:
    assert inline_directives._triggered(src, False) == _old_triggered(src)


# ---- passes started from the trigger scan's hits, against their own searches --------------------

_PASS_PIECES = ["enum", "enum e {", "enumx {", ") = {", "FOO(a, b) = {", "\n", "A_B(x)", "\nFOO(x)\n", "\nBAR\n",
                ",", ", +)", ",  ,", ", \t-  )", ",\t\t)", "  )", ",+  )", ", -\t\t,", ",|=  )",
                "(", ")", " ", "\t", "}", "{", "x", "|=", "static FOO(a, \"s\");\n", "static const BAR(x, 1);\n",
                "static  const\tBAZ(1, 2);\n", "xstatic Q(1, 2);\n", "static\tconst", " const ", "static ", "Z(",
                "= { X(a, { 1 }), ", "x, {", "y, .f = {", ", .g=", "}),", "M(1, .a = { 2 })", ", ",
                "ACPI_OBJECT_COMMON_HEADER", "ACPI_PARSE_COMMON", "\\\n", "#define S(x) x;\n", "S(a) b;\n", ";"]


@settings(max_examples=400, deadline=None)
@given(_text(_PASS_PIECES, 40))
def test_passes_started_from_the_scan_change_what_their_own_search_changes(src: bytes) -> None:
    require("Literals")
    normaliser = Normaliser.for_path(None)
    found, run, _ = normaliser.gate.scan(src)
    table = {name: fn for name, fn in normaliser.passes}
    for name in ("bare_macros", "declared_names", "operator_args", "object_statements", "static_macros",
                 "braced_calls"):
        scanned, searched = Normalised(src), Normalised(src)
        scanned.found = found
        a = table[name](src, None, scanned)
        b = table[name](src, None, searched)
        assert (a, scanned.by_class) == (b, searched.by_class), name


@settings(max_examples=300, deadline=None)
@given(_text(_PASS_PIECES, 40))
def test_found_starts_are_every_occurrence(src: bytes) -> None:
    require("Literals")
    found, _, _ = Normaliser.for_path(None).gate.scan(src)
    for literals in (passes.BARE_TRIGGERS, declared_names.TRIGGERS[:1], operator_args._AT_COMMA, passes._CONST_AT):
        expected = [i for i in range(len(src)) if src.startswith(literals, i)]
        assert found.starts(literals) == expected
    member_lists = (b"ACPI_OBJECT_COMMON_HEADER", b"ACPI_PARSE_COMMON")
    assert found.which(member_lists) == {n for n in member_lists if n in src}


@settings(max_examples=500, deadline=None)
@given(_text(["FOO", "FOO_BAR", "XFOO", "BAR", "(", ")", " ", "_", "\n", "FOO(", "XFOO(", "FOO_BAR("]),
       st.lists(st.sampled_from([b"FOO", b"FOO_BAR", b"XFOO", b"BAR", b"X"]), min_size=1, max_size=4))
def test_statement_macro_calls_found_by_name_are_the_alternations(src: bytes, names: list[bytes]) -> None:
    alternation = re.compile(rb"(?:" + b"|".join(map(re.escape, names)) + rb")\(")
    assert passes._calls(src, names) == [(m.start(), m.end() - 1) for m in alternation.finditer(src)]


@settings(max_examples=400, deadline=None)
@given(_text(["{", "}", "\"", "\n", "x", " ", "{ A(1), B(2) },\n", "\"a{b\"", ";"], 40), st.data())
def test_enclosing_with_the_memo_finds_the_brace_the_walk_finds(src: bytes, data: st.DataObject) -> None:
    memo: dict[int, int] = {}
    offsets = data.draw(st.lists(st.integers(0, len(src)), max_size=12))
    for at in offsets + sorted(offsets):  # in any order, and in order, sharing one memo
        assert macro_runs._enclosing(src, at, memo) == macro_runs._enclosing(src, at)


def _old_directive_end(src: bytes, pos: int) -> int:
    """conditionals.directive_end as first written (each line sliced)."""
    n = len(src)
    while True:
        nl = src.find(b"\n", pos)
        if nl < 0:
            return n
        line = src[pos:nl]
        opened = line.rfind(b"/*")
        if opened >= 0 and line.find(b"*/", opened) < 0:
            close = src.find(b"*/", pos + opened + 2)
            if close < 0:
                return n
            pos = close + 2
            continue
        if line.rstrip(b" \t\r").endswith(b"\\"):
            pos = nl + 1
            continue
        return nl


@settings(max_examples=500, deadline=None)
@given(_text(["\\", "\\\n", "\\ \r\n", "\n", " ", "\t", "\r", "/*", "*/", "/*/", "*", "/", "x", "#define A"]),
       st.data())
def test_directive_end_read_in_place_ends_where_the_sliced_lines_end(src: bytes, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(src)))
    assert conditionals.directive_end(src, pos) == _old_directive_end(src, pos)


_OLD_ONE_LINE_STATEMENT = re.compile(rb"\([^()\n\"'/]*+\)[ \t]*+;")


@settings(max_examples=400, deadline=None)
@given(_text(["\nMODULE_LICENSE(", "\nACPI_MODULE_NAME(", "\nmodule_init(", "\nEXPORT_SYMBOL(", "\"GPL\"",
              "\"a)b\"", "\"a\\\"b\"", "'x'", "x", ")", "(", ";", " ", "\t", "\n", "/* c */", "//", "{", "=",
              ",", "\"", "\\"], 24))
def test_one_line_statement_with_strings_changes_nothing_the_checks_after_it_decide(src: bytes) -> None:
    # the regex only decides sooner what bare_macros and the declaration rewrite conclude without it
    normaliser = Normaliser.for_path(None)
    new, current = normaliser.normalise(src), passes.ONE_LINE_STATEMENT
    passes.ONE_LINE_STATEMENT = _OLD_ONE_LINE_STATEMENT
    try:
        old = normaliser.normalise(src)
    finally:
        passes.ONE_LINE_STATEMENT = current
    assert (new.source, new.by_class) == (old.source, old.by_class)


def _old_blank(src: bytes, spans: list[tuple[int, int]]) -> bytes:
    """conditionals.blank as first written: a buffer rewritten span by span."""
    buf = bytearray(src)
    for s, e in spans:
        if e > s:
            buf[s:e] = src[s:e].translate(conditionals._BLANK)
    return bytes(buf)


@settings(max_examples=500, deadline=None)
@given(_text(["x", "\n", " ", "#if A\n", "ab"], 20), st.data())
def test_blank_joining_sorted_spans_blanks_what_the_buffer_blanked(src: bytes, data: st.DataObject) -> None:
    bound = st.integers(0, len(src))
    spans = data.draw(st.lists(st.tuples(bound, bound), max_size=8))  # overlapping, empty, reversed
    assert conditionals.blank(src, spans) == _old_blank(src, spans)
