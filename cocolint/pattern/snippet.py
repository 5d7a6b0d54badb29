"""Turn a pattern snippet into a tree-sitter node: metavariables renamed, context chosen."""

from __future__ import annotations

import re

from cocolint import ts
from cocolint.record import dataclass

MV_PREFIX = "__cocolint_mv_"
ELLIPSIS_PREFIX = "__cocolint_mvs_"

_METAVAR = re.compile(r"\$(\.\.\.)?([A-Z][A-Z0-9_]*)?")
_FUNC_HEAD = "void __cocolint_pattern(void)\n{\n"


class SnippetError(ValueError):
    """A pattern that is not a complete piece of C."""


@dataclass(frozen=True)
class Snippet:
    """A parsed pattern: the node to compile and the source it points into."""

    node: ts.Node
    source: bytes


def rename_metavariables(pattern: str) -> str:
    """Replace `$X` / `$...ARGS` / `$...` with identifiers tree-sitter-c accepts."""

    def repl(m: re.Match[str]) -> str:
        ellipsis, name = m.group(1), m.group(2)
        if ellipsis:
            return ELLIPSIS_PREFIX + (name or "_")
        if not name:
            raise SnippetError("'$' must be followed by an upper-case metavariable name, as in $X")
        return MV_PREFIX + name

    return _METAVAR.sub(repl, pattern)


def metavariable_of(text: str) -> tuple[str, bool] | None:
    """(name, is_ellipsis) if text is a renamed metavariable, else None."""
    if text.startswith(ELLIPSIS_PREFIX):
        return text[len(ELLIPSIS_PREFIX):], True
    if text.startswith(MV_PREFIX):
        return text[len(MV_PREFIX):], False
    return None


def parse_snippet(pattern: str) -> Snippet:
    """Parse pattern as an expression, then statement(s), then top-level C."""
    text = rename_metavariables(pattern.strip())
    if not text:
        raise SnippetError("empty pattern")
    attempts = []
    if not text.endswith((";", "}")) and not text.startswith("#"):
        attempts.append(("expression", _FUNC_HEAD + "return " + text + ";\n}\n"))
    if not text.startswith("#"):
        attempts.append(("statement", _FUNC_HEAD + text + "\n}\n"))
    attempts.append(("top-level", text + "\n"))
    for kind, wrapped in attempts:
        source = wrapped.encode()
        root = ts.parse(source).root_node
        if root.has_error:
            continue
        node = _extract(kind, root)
        if node is not None:
            return Snippet(node, source)
    raise SnippetError(f"pattern does not parse as a C expression, statement or declaration: {pattern.strip()!r}")


def _extract(kind: str, root: ts.Node) -> ts.Node | None:
    if kind == "top-level":
        items = [c for c in root.named_children if c.type != "comment"]
        return items[0] if len(items) == 1 else None
    func = root.named_children[0] if root.named_child_count == 1 else None
    if func is None or func.type != "function_definition":
        return None
    body = func.child_by_field_name("body")
    stmts = [c for c in body.named_children if c.type != "comment"]
    if len(stmts) != 1:
        return None
    if kind == "statement":
        return stmts[0]
    ret = stmts[0]
    if ret.type != "return_statement" or ret.named_child_count != 1:
        return None
    return ret.named_children[0]
