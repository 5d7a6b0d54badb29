"""Compile a C pattern snippet into one tree-sitter query pattern.

A pattern looks like the code it matches: `$X | ms_hyperv.shared_gpa_boundary`.
`$X` matches any expression, `$...ARGS` any run of arguments or statements, and a
repeated `$X` must match the same text.  The query sees through redundant parentheses
and tries both operand orders of commutative operators, so the matching runs in C.
"""

from __future__ import annotations

import re

from cocolint import ts
from cocolint.pattern import qcache
from cocolint.pattern.anchor import find_anchor, first_leaf
from cocolint.pattern.model import MATCH, CompiledPattern, PatternError
from cocolint.pattern.snippet import SnippetError, metavariable_of, parse_snippet

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Callable

COMMUTATIVE = frozenset({"|", "&", "+", "^", "*", "==", "!="})
VARIADIC = frozenset({
    "argument_list", "compound_statement", "initializer_list", "parameter_list",
    "translation_unit", "declaration_list", "field_declaration_list", "enumerator_list",
})
EXPRESSIONS = frozenset({
    "binary_expression", "unary_expression", "call_expression", "field_expression",
    "identifier", "number_literal", "cast_expression", "pointer_expression",
    "subscript_expression", "conditional_expression", "assignment_expression",
    "sizeof_expression", "update_expression", "string_literal", "char_literal",
    "concatenated_string", "true", "false", "null", "compound_literal_expression",
})
NAMES = frozenset({"identifier", "field_identifier", "type_identifier", "statement_identifier"})
# parentheses that belong to the syntax, not to the expression inside them
SYNTACTIC_PARENS = frozenset({
    ("if_statement", "condition"), ("while_statement", "condition"),
    ("do_statement", "condition"), ("switch_statement", "condition"),
})
# places where C code never wraps a name in parentheses
NO_PARENS = frozenset({("field_expression", "argument"), ("call_expression", "function")})
PAREN_DEPTH = 2  # `((x))` still matches `x`


Constraint = tuple[str, bool]  # (regex, must_match): a `where` entry on one metavariable


def compile_pattern(pattern: str,
                    regexes: dict[str, Constraint | list[Constraint]] | None = None) -> CompiledPattern:
    """Compile pattern; regexes maps a metavariable to (regex, must_match), or a list of them."""
    try:
        snippet = parse_snippet(pattern)
    except SnippetError as exc:
        shown = pattern.strip()
        raise PatternError(str(exc) if not shown or shown in str(exc) else f"in pattern {shown!r}: {exc}") from None
    root = _strip_parens(snippet.node)
    builder = _Builder(snippet.source)
    if builder.metavariable(root) is not None:
        raise PatternError(f"pattern {pattern.strip()!r} is only a metavariable: it would match every node")
    try:
        body = builder.node(root)
    except PatternError as exc:
        raise PatternError(f"in pattern {pattern.strip()!r}: {exc}") from None
    for name, constraints in (regexes or {}).items():
        if name not in builder.seen:
            raise PatternError(f"constraint names ${name}, which the pattern {pattern.strip()!r} does not use")
        for regex, must_match in [constraints] if isinstance(constraints, tuple) else constraints:
            try:
                re.compile(regex)
            except re.error as exc:
                raise PatternError(f"the regex {regex!r} for ${name} does not compile: {exc}") from None
            op = "match?" if must_match else "not-match?"
            builder.predicates.append(f"(#{op} @{name} {_quote(regex)})")
    query = f"({body} @{MATCH} {' '.join(builder.predicates)})"
    _validate(query, pattern)
    # the same pattern without the see-through alternatives (the same captures and predicates): what
    # tree-sitter matches where no parentheses can be seen through, at a fraction of the compile time
    bare = _Builder(snippet.source, see_through=False)
    bare_query = f"({bare.node(root)} @{MATCH} {' '.join(builder.predicates)})"
    plain = None if bare_query == query else bare_query
    if plain is not None:
        _validate(plain, pattern)
    anchor, halves, plain_halves = None, None, None
    if builder.literals:  # the longest name is the rarest in practice
        name = max(builder.literals, key=lambda n: (len(n), n))
        is_mv = lambda n: builder.metavariable(n) is not None  # noqa: E731
        anchor = find_anchor(root, name, is_mv)
        halves = _halves(builder, root, name, is_mv)
        if plain is not None and halves is not None:
            plain_halves = _halves(bare, root, name, is_mv, builder.predicates)
            for half in plain_halves or ():
                _validate(half, pattern)
    return CompiledPattern(
        source=pattern.strip(),
        query=query,
        metavariables=tuple(builder.seen),
        literals=frozenset(builder.literals),
        anchor=anchor,
        halves=halves,
        plain=plain,
        plain_halves=plain_halves,
    )


def _validate(query: str, pattern: str) -> None:
    if not qcache.known_good(query):  # compiling is slow; a query text accepted once is accepted again
        _check_compiles(query, pattern)
        qcache.remember(query)


def _halves(builder: _Builder, root: ts.Node, name: str, is_mv: Callable[[ts.Node], bool],
            predicate_list: list[str] | None = None) -> tuple[str, str] | None:
    """For a commutative root with its anchor name on one side only: the query for each operand order.

    (query when the name is in the matched node's right operand, query when it is in its left
    operand); each is half the size of the full query, and a file usually needs only one.
    """
    orders = builder.orders.get((root.start_byte, root.end_byte))
    if orders is None:
        return None
    in_left = first_leaf(root.child_by_field_name("left"), name.encode(), is_mv) is not None
    in_right = first_leaf(root.child_by_field_name("right"), name.encode(), is_mv) is not None
    if in_left == in_right:
        return None
    predicates = " ".join(builder.predicates if predicate_list is None else predicate_list)
    written, swapped = (f"({q} @{MATCH} {predicates})" for q in orders)
    return (written, swapped) if in_right else (swapped, written)


def compile_raw_query(query: str) -> CompiledPattern:
    """Accept a raw tree-sitter query (the escape hatch); it must capture @match."""
    try:
        compiled = ts.compile_query(query)
    except ts.QueryError as exc:
        raise PatternError(f"query {query.strip()!r} does not compile: {exc}") from None
    names = {compiled.capture_name(i) for i in range(compiled.capture_count)}
    if MATCH not in names:
        raise PatternError("a raw query must capture the reported node as @match")
    if compiled.pattern_count != 1:
        raise PatternError("a raw query must hold exactly one pattern (use several queries instead)")
    metavariables = tuple(sorted(n for n in names if n != MATCH and not n.startswith("_")))
    return CompiledPattern(source=query.strip(), query=query, metavariables=metavariables, literals=frozenset())


def _check_compiles(query: str, shown: str) -> ts.Query:
    try:
        return ts.compile_query(query)
    except ts.QueryError as exc:
        raise PatternError(f"pattern {shown.strip()!r} compiles to an invalid query: {exc}") from None


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _strip_parens(node: ts.Node) -> ts.Node:
    while node.type == "parenthesized_expression" and node.named_child_count == 1:
        node = node.named_children[0]
    return node


class _Builder:
    """Walks a snippet tree once, emitting query text, predicates and literals."""

    def __init__(self, source: bytes, see_through: bool = True) -> None:
        self.source = source
        self.see_through = see_through  # False: no alternatives for redundant parentheses
        self.predicates: list[str] = []
        self.literals: set[str] = set()
        self.seen: dict[str, int] = {}
        self.counter = 0
        self.names: dict[tuple[int, int], str] = {}
        self.orders: dict[tuple[int, int], tuple[str, str]] = {}  # commutative node -> (as written, swapped)

    def text(self, node: ts.Node) -> str:
        return self.source[node.start_byte:node.end_byte].decode()

    def capture(self, node: ts.Node) -> str:
        """Stable internal capture name for a snippet node (shared across alternatives)."""
        key = (node.start_byte, node.end_byte, node.kind_id)
        if key not in self.names:
            self.counter += 1
            self.names[key] = f"_n{self.counter}"
        return self.names[key]

    def metavariable(self, node: ts.Node) -> tuple[str, bool] | None:
        if node.type in NAMES:
            return metavariable_of(self.text(node))
        if node.type == "expression_statement" and node.named_child_count == 1:
            inner = node.named_children[0]
            if inner.type == "identifier":
                return metavariable_of(self.text(inner))  # `$S;` is any statement
        return None

    def node(self, node: ts.Node) -> str:
        mv = self.metavariable(node)
        if mv is not None:
            return self._metavariable(node, *mv)
        if node.named_child_count == 0 and node.type != "argument_list":
            return self._leaf(node)
        if node.type in VARIADIC:
            return self._variadic(node)
        if node.type == "binary_expression":
            return self._binary(node)
        return self._fixed(node)

    def _metavariable(self, node: ts.Node, name: str, ellipsis: bool) -> str:
        if ellipsis:
            raise PatternError(f"$...{name} may only stand among arguments or statements")
        key = self.capture(node)
        if name not in self.seen:
            self.seen[name] = 1
            self.names[(node.start_byte, node.end_byte, node.kind_id)] = name
            return f"(_) @{name}"
        # a repeated metavariable must match the same text as its first occurrence
        self.predicates.append(f"(#eq? @{name} @{key})")
        return f"(_) @{key}"

    def _leaf(self, node: ts.Node) -> str:
        text = self.text(node)
        if node.type in NAMES:
            self.literals.add(text)
        if not node.is_named:
            return _quote(text)
        name = self.capture(node)
        self.predicates.append(f"(#eq? @{name} {_quote(text)})")  # exact: string contents keep their spaces
        return f"({node.type}) @{name}"

    def child(self, node: ts.Node, parent: ts.Node | None = None, field: str | None = None) -> str:
        """A child in expression position: parentheses around it are seen through."""
        if parent is not None and (parent.type, field) in SYNTACTIC_PARENS:
            return f"(parenthesized_expression {self.child(_strip_parens(node))})"
        node = _strip_parens(node)
        inner = self.node(node)
        if node.type not in EXPRESSIONS or self.metavariable(node) is not None:
            return inner
        if parent is not None and (parent.type, field) in NO_PARENS or not self.see_through:
            return inner
        options = [inner]
        for _ in range(PAREN_DEPTH):
            options.append(f"(parenthesized_expression {options[-1]})")
        return "[" + " ".join(options) + "]"

    def _fields(self, node: ts.Node) -> list[str]:
        parts = []
        for i, child in enumerate(node.children):
            field = node.field_name_for_child(i)
            if child.type == "comment":
                continue
            if child.is_named:
                parts.append((f"{field}: " if field else "") + self.child(child, node, field))
            elif field:
                parts.append(f"{field}: {_quote(self.text(child))}")
        return parts

    def _fixed(self, node: ts.Node) -> str:
        return f"({node.type} {' '.join(self._fields(node))})"

    def _binary(self, node: ts.Node) -> str:
        left = self.child(node.child_by_field_name("left"))
        right = self.child(node.child_by_field_name("right"))
        op = _quote(self.text(node.child_by_field_name("operator")))
        forward = f"(binary_expression left: {left} operator: {op} right: {right})"
        if self.text(node.child_by_field_name("operator")) not in COMMUTATIVE:
            return forward
        backward = f"(binary_expression left: {right} operator: {op} right: {left})"
        self.orders[(node.start_byte, node.end_byte)] = (forward, backward)
        return f"[{forward} {backward}]"

    def _variadic(self, node: ts.Node) -> str:
        items = [c for c in node.named_children if c.type != "comment"]
        if node.type == "argument_list" and not items:
            return '(argument_list "(" . ")")'
        parts: list[str] = []
        anchored = True  # the next item must follow the previous one immediately
        for item in items:
            mv = self.metavariable(item)
            if mv is not None and mv[1]:
                anchored = False
                continue
            if anchored:
                parts.append(".")
            parts.append(self.child(item))
            anchored = True
        if anchored:
            parts.append(".")
        return f"({node.type} {' '.join(parts)})"

