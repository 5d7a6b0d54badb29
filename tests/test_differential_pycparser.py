"""pycparser as an independent second parser: on plain C, function spans and enclosing functions must agree.

pycparser parses C99 itself (no tree-sitter), so a disagreement points at cocolint's view of
where functions start and end or at the enclosing-function logic.  The files in data/plain/
are kernel-style C without macros or #include; comments are removed here (pycparser wants
preprocessed input) by a small character-level scanner that keeps every line in place.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pycparser import c_ast, c_parser
from pycparser.c_lexer import CLexer

from cocolint import ts
from cocolint.engine.functions import definition_name, enclosing_function
from cocolint.engine.matcher import Matcher
from conftest import load_rule, rule_text

PLAIN = sorted((Path(__file__).parent / "data" / "plain").glob("*.c"))

Span = tuple[str, int, int]  # function name, line of its name, line of its closing brace


def strip_comments(text: str) -> str:
    """Replace comments by spaces, keeping newlines, string and character literals."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.index("*/", i + 2) + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def pycparser_functions(text: str) -> list[Span]:
    """Function definitions according to pycparser: name line from its AST, end from its lexer's braces."""
    code = strip_comments(text)
    ast = c_parser.CParser().parse(code, "plain.c")
    lexer = CLexer(lambda msg, line, col: pytest.fail(f"pycparser lexer: {msg} at {line}:{col}"))
    lexer.input(code)
    tokens = []
    while (tok := lexer.token()) is not None:
        tokens.append(tok)
    out = []
    for ext in ast.ext:
        if not isinstance(ext, c_ast.FuncDef):
            continue
        brace = (ext.body.coord.line, ext.body.coord.column)
        start = next(k for k, t in enumerate(tokens) if (t.lineno, t.column) == brace)
        depth = 0
        for tok in tokens[start:]:
            depth += {"LBRACE": 1, "RBRACE": -1}.get(tok.type, 0)
            if depth == 0:
                out.append((ext.decl.name, ext.decl.coord.line, tok.lineno))
                break
    return out


def tree_sitter_functions(source: bytes) -> list[Span]:
    """Function definitions according to tree-sitter and cocolint.engine.functions."""
    tree = ts.parse(source)
    assert not tree.root_node.has_error, "plain C must parse cleanly"
    out, stack = [], [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "function_definition":
            declarator = node.child_by_field_name("declarator")
            out.append((definition_name(node), declarator.start_point[0] + 1, node.end_point[0] + 1))
        stack.extend(reversed(node.named_children))
    return out


def test_the_data_set_is_varied():
    assert len(PLAIN) >= 5
    spans = [s for p in PLAIN for s in pycparser_functions(p.read_text())]
    assert len(spans) >= 20
    assert any(name_line > 1 and name_line != end for _, name_line, end in spans)
    assert any(name_line == end for _, name_line, end in spans)  # a one-line function


@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.name)
def test_function_definitions_agree(path):
    text = path.read_text()
    assert "#include" not in text
    assert tree_sitter_functions(text.encode()) == pycparser_functions(text)


@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.name)
def test_enclosing_function_of_every_finding_agrees(path, tmp_path):
    rule = load_rule(tmp_path, rule_text(patterns=["$F($...ARGS)", "$X + $Y", "$X = $Y", "return $E;"]))
    text = path.read_text()
    findings = Matcher([rule]).match("plain.c", text.encode()).findings
    assert len(findings) >= 5
    spans = pycparser_functions(text)
    for f in findings:
        containing = [name for name, first, last in spans if first <= f.line <= last]
        assert len(containing) <= 1
        expected = containing[0] if containing else None
        assert f.function == expected, f"{path.name}:{f.line}: {f.code}"


@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.name)
def test_layout_fallback_agrees_on_every_line_inside_a_function(path):
    # the layout heuristic is what names functions in damaged kernel code: on plain C it must agree too
    from cocolint.engine.functions import layout_function

    text = path.read_text()
    source = text.encode()
    starts = [0] + [i + 1 for i, b in enumerate(source) if b == 0x0A]
    lines = text.splitlines()
    checked = 0
    for name, first, last in pycparser_functions(text):
        # kernel layout: the body opens with `{` alone at column 0 (one-line functions are not kernel style)
        opening = next((k for k in range(first, last) if lines[k - 1].startswith("{")), None)
        if opening is None:
            continue
        for line in range(opening + 1, last):
            assert layout_function(source, starts[line - 1] + 1) == name, f"{path.name}:{line}"
            checked += 1
        # just after the closing brace the layout says file scope again
        assert layout_function(source, starts[last] if last < len(starts) else len(source)) is None
    assert checked >= 5


def test_enclosing_function_of_nodes_agrees(tmp_path):
    # every identifier node: tree-sitter's enclosing function vs pycparser's spans
    path = next(p for p in PLAIN if p.name == "callbacks.c")
    text = path.read_text()
    source = text.encode()
    spans = pycparser_functions(text)
    tree = ts.parse(source)
    checked, stack = 0, [tree.root_node]
    while stack:
        node = stack.pop()
        stack.extend(node.named_children)
        if node.type != "identifier":
            continue
        line = node.start_point[0] + 1
        containing = [name for name, first, last in spans if first < line <= last]
        if containing:
            assert enclosing_function(node, source) == containing[0], f"line {line}: {node.text!r}"
            checked += 1
    assert checked > 20
