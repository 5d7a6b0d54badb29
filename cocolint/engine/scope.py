"""Rule scopes: path globs, enclosing-function regexes, inside / not-inside regions, globals."""

from __future__ import annotations

from cocolint import recache, ts
from cocolint.engine.functions import function_node
from cocolint.engine.paths import matches_any
from cocolint.record import dataclass, field
from cocolint.ruleset.model import Region, Rule, Scope

RegionKey = tuple[str, "str | None"]
_BY_TYPE = recache.compile(r"\A\s*\(\s*([a-z][a-z0-9_]*)\s*\)\s*@match\s*\Z")
_DECLARATORS = frozenset({
    "init_declarator", "pointer_declarator", "array_declarator", "declaration",
    "parameter_declaration", "parenthesized_declarator",
})


def region_key(region: Region) -> tuple[str, str | None]:
    """Regions with the same query and focus are matched once per file."""
    return (region.pattern.query, region.at)


@dataclass
class Context:
    """What scope checks need about the file being matched."""

    path: str
    source: bytes
    regions: dict[tuple[str, str | None], list[tuple[int, int]]]
    root: ts.Node | None = None  # the tree's root: finding ancestors from it is linear in the depth
    # names declared (parameters, locals) in each function seen, by the function node's id: one walk
    # per function, not one per finding (a function with thousands of findings stays linear)
    declared: dict[int, frozenset[str]] = field(default_factory=dict)
    # regions that are every node of one type (`(enumerator) @match`), by key -> the type: not matched
    # over whole trees but looked up among a finding's ancestors in every view (`roots`), see by_type()
    by_type: dict[tuple[str, str | None], str] = field(default_factory=dict)
    roots: list[ts.Node] = field(default_factory=list)


def _path_ok(scope: Scope, path: str) -> bool:
    if scope.paths and not matches_any(path, scope.paths):
        return False
    return not (scope.exclude_paths and matches_any(path, scope.exclude_paths))


def path_allowed(scope: Scope, path: str) -> bool:
    """Whether a rule can report anything in path at all (checked before parsing)."""
    if not _path_ok(scope, path):
        return False
    return not scope.any_of or any(_path_ok(alt, path) for alt in scope.any_of)


def by_type(region: Region) -> str | None:
    """The node type, when region is every named node of one type (a raw `(type) @match`, no focus).

    Such a region holds a finding exactly when a node of that type spans it, and for a non-empty
    span those nodes are the smallest node covering it and that node's ancestors: a few parent
    steps per finding instead of compiling the query and matching it over every node of every view.
    """
    m = _BY_TYPE.match(region.pattern.query) if region.at is None else None
    return m.group(1) if m else None


def _inside(node: ts.Node, regions: tuple[Region, ...], ctx: Context) -> bool:
    start, end = node.start_byte, node.end_byte
    for r in regions:
        key = region_key(r)
        if any(s <= start and end <= e for s, e in ctx.regions.get(key, ())):
            return True
        if key in ctx.by_type and _has_ancestor(ctx, ctx.by_type[key], start, end):
            return True
    return False


def _has_ancestor(ctx: Context, kind: str, start: int, end: int) -> bool:
    """Whether a named node of type kind spans start..end in one of the views."""
    for root in ctx.roots:
        if start == end:  # an empty span also lies in nodes ending or starting there: look at them all
            cursor = [root]
            while cursor:
                cur = cursor.pop()
                if cur.start_byte <= start and end <= cur.end_byte:
                    if cur.is_named and cur.type == kind:
                        return True
                    cursor.extend(cur.children)
            continue
        cur = root.descendant_for_byte_range(start, end)
        while cur is not None:
            if cur.is_named and cur.type == kind and cur.start_byte <= start and end <= cur.end_byte:
                return True
            cur = cur.parent
    return False


def _scope_ok(scope: Scope, node: ts.Node, function: str | None, ctx: Context) -> bool:
    if not _path_ok(scope, ctx.path):
        return False
    if scope.functions is not None and (function is None or not scope.functions.search(function)):
        return False
    if scope.not_functions is not None and function is not None and scope.not_functions.search(function):
        return False
    if scope.inside and not _inside(node, scope.inside, ctx):
        return False
    if scope.not_inside and _inside(node, scope.not_inside, ctx):
        return False
    return True


def allowed(rule: Rule, node: ts.Node, function: str | None, ctx: Context) -> bool:
    """Whether a match of rule at node is a finding."""
    scope = rule.scope
    if not _scope_ok(scope, node, function, ctx):
        return False
    if scope.any_of and not any(_scope_ok(alt, node, function, ctx) for alt in scope.any_of):
        return False
    return not (rule.globals and _shadows_global(node, rule.globals, ctx.root, ctx.declared))


def _shadows_global(node: ts.Node, names: tuple[str, ...], root: ts.Node | None = None,
                    declared: dict[int, frozenset[str]] | None = None) -> bool:
    """True if a name the match uses is declared as a parameter or local of its function."""
    used = {n for n in names if n.encode() in (node.text or b"")}
    if not used:
        return False
    func = function_node(node, root)
    if func is None:
        return False
    known = declared if declared is not None else {}
    if func.id not in known:
        known[func.id] = _declared_names(func)
    return not used.isdisjoint(known[func.id])


def _declared_names(func: ts.Node) -> frozenset[str]:
    """Every name a declarator of func declares (its parameters and locals)."""
    out = set()
    stack = [func]
    while stack:
        cur = stack.pop()
        if cur.type == "identifier" and cur.parent is not None and cur.parent.type in _DECLARATORS:
            # only the declared name counts, not an initial value or an array size: `u64 m = cc_mask;`
            if cur in cur.parent.children_by_field_name("declarator"):
                out.add(cur.text.decode("utf-8", "replace"))
        stack.extend(cur.named_children)
    return frozenset(out)
