"""Which function a node is in: from the syntax tree, or from kernel layout when the tree is damaged."""

from __future__ import annotations

import re

from cocolint import ts

_DECLARATOR_WRAPPERS = ("pointer_declarator", "parenthesized_declarator", "attributed_declarator")
# a kernel function header ends in `name(params)` just before a `{` at column 0
# (or, for a function returning a function pointer, `(*name(params))(params)`)
_PARAMS = rb"\((?:[^()]|\([^()]*\))*\)"
# compiled by re on first use (and kept in its cache): most checks never need it
_HEADER_NAME = rb"([A-Za-z_][A-Za-z0-9_]*)\s*" + _PARAMS + rb"(?:\s*\)\s*" + _PARAMS + rb")?[^;{}()=]*$"


def function_node(node: ts.Node, root: ts.Node | None = None) -> ts.Node | None:
    """The function_definition around node, if the tree has one without damage."""
    # tree-sitter nodes do not store parents: each .parent descends from the root, so walking up
    # is quadratic in the depth; with the root at hand, one descent finds every ancestor
    chain = ancestors(root, node) if root is not None else _walk_up(node)
    for cur in chain:
        if cur.type == "ERROR":
            return None
        if cur.type == "function_definition":
            return cur
    return None


def _walk_up(node: ts.Node) -> list[ts.Node]:
    out = []
    cur = node.parent
    while cur is not None:
        out.append(cur)
        cur = cur.parent
    return out


def ancestors(root: ts.Node, node: ts.Node) -> list[ts.Node]:
    """node's ancestors, innermost first (root included, node not), in time linear in the depth."""
    path = []
    cur: ts.Node | None = root
    while cur is not None and cur != node:
        path.append(cur)
        cur = cur.child_with_descendant(node)
    return path[::-1] if cur is not None else _walk_up(node)


def definition_name(func: ts.Node) -> str | None:
    """The name a function_definition defines, or None if its declarator is damaged."""
    decl = func.child_by_field_name("declarator")
    while decl is not None:
        if decl.type == "function_declarator":
            inner = decl.child_by_field_name("declarator")
            if inner is not None and inner.type == "identifier":
                return inner.text.decode("utf-8", "surrogateescape")
            decl = inner  # a function returning a function pointer: `int (*pick(int w))(int)`
        elif decl.type in _DECLARATOR_WRAPPERS:
            decl = decl.child_by_field_name("declarator") or (decl.named_children[-1] if decl.named_children else None)
        else:
            return None
    return None


def enclosing_function(node: ts.Node, source: bytes, root: ts.Node | None = None) -> str | None:
    """The name of the function around node (None at file scope)."""
    func = function_node(node, root)
    name = definition_name(func) if func is not None else None
    if name is not None and not func.has_error:
        return name
    # a damaged definition (`static int __init foo(void) {`): kernel layout first, then its declarator
    return layout_function(source, node.start_byte) or name


def layout_function(source: bytes, offset: int) -> str | None:
    """Kernel layout: a body opens with `{` at column 0 and closes with `}` at column 0."""
    pos = offset
    while True:
        brace = source.rfind(b"\n{", 0, pos)
        close = source.rfind(b"\n}", 0, pos)
        if brace < 0 or close > brace:
            return None
        header_start = max(0, brace - 600)
        header = source[header_start:brace]
        # drop the previous construct: keep what follows the last `;` or `}` at line end
        cut = max(header.rfind(b";\n"), header.rfind(b"}\n"), header.rfind(b"*/\n"))
        header = header[cut + 2:] if cut >= 0 else header
        header = re.sub(rb"/\*.*?\*/", b" ", header, flags=re.S)
        m = re.search(_HEADER_NAME, header.strip())
        if m:
            return m.group(1).decode("utf-8", "surrogateescape")
        # a `{` at column 0 that is not a function body (struct initialiser): look further up
        pos = brace
        if pos <= 0:
            return None
