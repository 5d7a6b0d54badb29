"""Match a rule set against one file: one combined query, then scopes, exclusions and de-duplication."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cocolint import ts
from cocolint.engine import scope as scopes
from cocolint.engine.findings import Finding
from cocolint.engine.functions import enclosing_function
from cocolint.engine.text import Text
from cocolint.kernelc.views import View, parse_views
from cocolint.pattern import CompiledPattern
from cocolint.pattern.compiler import MATCH
from cocolint.ruleset.model import Region, Rule


@dataclass
class _Entry:
    """What one pattern of the combined query stands for."""

    role: str  # "find" | "not" | "region"
    rule: int = -1
    region: Region | None = None


@dataclass
class FileMatch:
    """The result of matching one file."""

    findings: list[Finding] = field(default_factory=list)
    parsed: bool = False
    damaged: bool = False  # the tree has ERROR or MISSING nodes


class Matcher:
    """A compiled rule set; match() checks one file's bytes."""

    def __init__(self, rules: list[Rule], normalise: bool = True) -> None:
        self.rules = rules
        self.normalise = normalise  # kernel-C normalisation, #if views and macro bodies (cocolint/kernelc)
        self.entries: list[_Entry] = []
        texts: list[str] = []
        seen_regions: set[tuple[str, str | None]] = set()

        def add(pattern: CompiledPattern, entry: _Entry) -> None:
            self.entries.append(entry)
            texts.append(pattern.query)

        for i, rule in enumerate(rules):
            for p in rule.patterns:
                add(p, _Entry("find", rule=i))
            for p in rule.patterns_not:
                add(p, _Entry("not", rule=i))
            for region in rule.scope.regions():
                key = scopes.region_key(region)
                if key not in seen_regions:
                    seen_regions.add(key)
                    add(region.pattern, _Entry("region", region=region))
        self.query = ts.compile_query("\n".join(texts)) if texts else None
        self.literals = [r.literal_sets() for r in rules]

    def active_rules(self, path: str, source: bytes) -> list[int]:
        """Rules whose path scope admits path and whose literals occur in source."""
        out = []
        for i, rule in enumerate(self.rules):
            if not scopes.path_allowed(rule.scope, path):
                continue
            sets = self.literals[i]
            if sets is not None and not any(all(lit.encode() in source for lit in s) for s in sets):
                continue
            out.append(i)
        return out

    def match(self, path: str, source: bytes, file: Path | None = None) -> FileMatch:
        """All findings of the rule set in one file (file: where it lives, for its tree's macro list)."""
        result = FileMatch()
        active = self.active_rules(path, source)
        if not active or self.query is None:
            return result
        sets = [self.literals[i] for i in active]
        views, _ = parse_views(source, file, lambda text: _may_match(sets, text), self.normalise)
        result.parsed = True
        result.damaged = views[0].tree.root_node.has_error
        text = Text(source)
        found: dict[int, list[tuple[ts.Node, dict[str, list[ts.Node]], View]]] = {i: [] for i in active}
        excluded: dict[int, set[tuple[int, int]]] = {i: set() for i in active}
        regions: dict[tuple[str, str | None], list[tuple[int, int]]] = {}
        for view in views:
            for index, captures in ts.matches(self.query, view.tree.root_node):
                entry = self.entries[index]
                node = captures[MATCH][0]
                if entry.role == "region":
                    at = captures.get(entry.region.at, [node])[0] if entry.region.at else node
                    regions.setdefault(scopes.region_key(entry.region), []).append((at.start_byte, at.end_byte))
                elif entry.rule in found:
                    if entry.role == "find":
                        if view.keeps(node):
                            found[entry.rule].append((node, captures, view))
                    else:
                        excluded[entry.rule].add((node.start_byte, node.end_byte))
        ctx = scopes.Context(path=path, source=source, regions=regions)
        for i in active:
            result.findings.extend(self._findings(i, found[i], excluded[i], ctx, text))
        result.findings.sort()
        return result

    def _findings(self, i: int, hits: list[tuple[ts.Node, dict[str, list[ts.Node]], View]],
                  excluded: set[tuple[int, int]], ctx: scopes.Context, text: Text) -> list[Finding]:
        rule = self.rules[i]
        kept: list[tuple[ts.Node, dict[str, list[ts.Node]], str | None]] = []
        # outermost first; a node inside one already kept is the same construct, reported once
        for node, captures, view in sorted(hits, key=lambda h: (h[0].start_byte, -h[0].end_byte)):
            span = (node.start_byte, node.end_byte)
            if span in excluded:
                continue
            if kept and kept[-1][0].start_byte <= span[0] and span[1] <= kept[-1][0].end_byte:
                continue
            # in a macro body, the "function" is the macro being defined
            function = view.function(node) or enclosing_function(node, ctx.source)
            if not scopes.allowed(rule, node, function, ctx):
                continue
            kept.append((node, captures, function))
        return [self._finding(rule, node, captures, function, ctx.path, text) for node, captures, function in kept]

    def _finding(self, rule: Rule, node: ts.Node, captures: dict[str, list[ts.Node]],
                 function: str | None, path: str, text: Text) -> Finding:
        values = {k: text.snippet(v[0]) for k, v in captures.items() if v and not k.startswith("_")}
        line, col = text.position(node.start_byte)
        end_line, end_col = text.position(node.end_byte)
        return Finding(
            path=path, line=line, column=col, end_line=end_line, end_column=end_col,
            rule=rule.id, severity=rule.severity, confidence=rule.confidence,
            message=_format(rule.message, values), function=function,
            source_line=text.line(line), code=text.snippet(node, limit=None), tree_path=path,
        )


def _may_match(sets: list[list[frozenset[str]] | None], text: bytes) -> bool:
    """Whether some rule's literals all occur in text (so parsing it could find something)."""
    return any(s is None or any(all(lit.encode() in text for lit in group) for group in s) for s in sets)


def _format(message: str, values: dict[str, str]) -> str:
    out = message
    for name, value in values.items():
        out = out.replace("{" + name + "}", value)
    return out
