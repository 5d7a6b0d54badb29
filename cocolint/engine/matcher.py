"""Match a rule set against one file: each pattern where its names occur (or every query everywhere), then scopes."""

from __future__ import annotations

import bisect
from pathlib import Path

from cocolint import ts
from cocolint.engine import anchored
from cocolint.engine import scope as scopes
from cocolint.engine.comments import blank_comments
from cocolint.engine.findings import Finding
from cocolint.engine.functions import enclosing_function
from cocolint.engine.prefilter import Prefilter
from cocolint.engine.supersede import superseded
from cocolint.engine.text import Text
from cocolint.pattern.model import MATCH, CompiledPattern
from cocolint.record import dataclass, field
from cocolint.ruleset.model import Region, Rule

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Iterator

    from cocolint.kernelc.prepare import Prepared
    from cocolint.kernelc.views import View


@dataclass
class _Entry:
    """What one pattern of the combined query stands for."""

    role: str  # "find" | "not" | "region"
    rule: int = -1
    region: Region | None = None
    pos: int = 0  # index among the rule's patterns: of two matches of one node, the earlier pattern's speaks


_FIND, _LIMITS = ("find",), ("not", "region")
_Hit = tuple[ts.Node, dict[str, list[ts.Node]], "View", int]  # node, captures, view, pattern position
_Run = tuple[str, "list[ts.Node] | None", "list[_Entry]"]  # query text, nodes to run it at (None: the tree), entries


@dataclass
class Pending:
    """A file on its way through a check: Matcher.start, scan_ahead, prepare (or begin), then finish."""

    path: str
    source: bytes
    code: bytes  # comments blanked
    active: list[int]  # the rules that apply
    prepared: Prepared | None  # None: not normalised (parsed as written), or not yet (Matcher.start)
    file: Path | None = None  # where the file lives (its tree's macro list)


@dataclass
class FileMatch:
    """The result of matching one file."""

    findings: list[Finding] = field(default_factory=list)
    parsed: bool = False
    damaged: bool = False  # the tree has ERROR or MISSING nodes


class Matcher:
    """A compiled rule set; match() checks one file's bytes."""

    def __init__(self, rules: list[Rule], prefilter: bool = True, normalise: bool = True,
                 exhaustive: bool = False) -> None:
        self.rules = rules
        self.normalise = normalise  # kernel-C normalisation, #if views and macro bodies (cocolint/kernelc)
        # exhaustive: every rule's query over every node of every tree (the reference the anchored
        # matching is tested against); otherwise a pattern with names runs only where they occur
        self.exhaustive = exhaustive
        # one query per rule (its patterns, patterns-not and regions), compiled on first use:
        # tree-sitter spends up to ~0.5 s analysing a big query, and most files need none
        self.groups: list[tuple[list[_Entry], str]] = []
        self.plans: list[list[tuple[_Entry, CompiledPattern]]] = []
        for i, rule in enumerate(rules):
            plan: list[tuple[_Entry, CompiledPattern]] = []
            seen_regions: set[tuple[str, str | None]] = set()
            for p in rule.patterns:
                plan.append((_Entry("find", rule=i, pos=len(plan)), p))
            for p in rule.patterns_not:
                plan.append((_Entry("not", rule=i, pos=len(plan)), p))
            for region in rule.scope.regions():
                key = scopes.region_key(region)
                if key not in seen_regions:
                    seen_regions.add(key)
                    plan.append((_Entry("region", rule=i, region=region, pos=len(plan)), region.pattern))
            self.plans.append(plan)
            self.groups.append(([e for e, _ in plan], "\n".join(p.query for _, p in plan)))
        self._queries: dict[int, ts.Query] = {}
        # anchored and whole-tree queries by text: the query holding them, and their patterns' indices in it
        # (None: all of them; texts compiled together by _compile_together share one query)
        self._compiled: dict[str, tuple[ts.Query, range | None]] = {}
        # with the pre-filter off every rule runs on every file: one combined query walks the
        # tree once instead of once per rule (about half the matching time)
        self._combined = not prefilter and len(rules) > 1
        # the pre-filter within a file: only the top-level items holding a rule's names are parsed
        # (kernelc/regions.py); off with the pre-filter, the reference the soundness checks compare with
        self._regions = prefilter and not exhaustive
        self.literals = [r.literal_sets() for r in rules]
        self._literal_bytes = [None if s is None else tuple(tuple(n.encode() for n in g) for g in s)
                               for s in self.literals]
        # pre-filter off: every rule counts as able to match every file (the soundness reference)
        self.prefilter = Prefilter(self.literals if prefilter else [None] * len(rules))
        # which rules' names occur: with the pre-filter off they are still all a pattern with names needs
        self._names = self.prefilter if prefilter else Prefilter(self.literals)
        self._plans: dict[tuple[int, tuple[str, ...]], tuple[list[tuple[_Entry, CompiledPattern]],
                                                             list[tuple[_Entry, CompiledPattern]]]] = {}

    def may_match(self, source: bytes) -> bool:
        """Cheap first look: False if no rule can match source, so the file need not be parsed."""
        return bool(self.rules) and self.prefilter.may_match(source)

    def active_rules(self, path: str, source: bytes) -> list[int]:
        """Rules whose names occur in source as whole identifiers and whose path scope admits path."""
        admitted = self.prefilter.admitted(source)
        return [i for i in admitted if scopes.path_allowed(self.rules[i].scope, path)]

    def match(self, path: str, source: bytes, file: Path | None = None) -> FileMatch:
        """All findings of the rule set in one file (file: where it lives, for its tree's macro list)."""
        pending = self.begin(path, source, file)
        return self.finish(pending) if pending is not None else FileMatch()

    def begin(self, path: str, source: bytes, file: Path | None = None) -> Pending | None:
        """The first half of match(): comments blanked and kernel C prepared, nothing parsed yet
        (None: no rule applies to the file).  A batch of files is prepared before any is parsed:
        interleaved with tree-sitter, the preparation's tables fall out of the CPU caches."""
        pending = self.start(path, source, file)
        return self.prepare(pending) if pending is not None else None

    def start(self, path: str, source: bytes, file: Path | None = None) -> Pending | None:
        """begin() up to the kernel-C preparation: the rules that apply, and comments blanked."""
        active = self.active_rules(path, source)
        if not active:
            return None
        return Pending(path, source, blank_comments(source), active, None, file)

    def scan_ahead(self, pending: Pending) -> Pending:
        """The normaliser's trigger scan of a started file, run now: the engine scans a batch of
        files one after the other before preparing them (kernelc/triggers.py Gate.ahead)."""
        if self.normalise:
            from cocolint.kernelc.prepare import scan_ahead

            scan_ahead(pending.code, pending.file, self._names.anchors)
        return pending

    def prepare(self, pending: Pending) -> Pending:
        """The rest of begin(): kernel C normalised and the #if views planned."""
        if self.normalise:
            from cocolint.kernelc.prepare import prepare  # kernel C loads when a file is parsed (start-up time)

            pending.prepared = prepare(pending.code, pending.file, extra=self._names.anchors)
        return pending

    def finish(self, pending: Pending) -> FileMatch:
        """The second half of match(): parse the views begin() prepared and match the rules."""
        from cocolint.kernelc.views import parse_prepared

        path, source, code, active, prepared = (pending.path, pending.source, pending.code, pending.active,
                                                pending.prepared)
        result = FileMatch()
        sets = [self._literal_bytes[i] for i in active]
        every_named = all(s is not None for s in sets)
        views = parse_prepared(code, prepared, lambda text: _may_match(sets, text),
                               extra_needed=bool(self._names.anchors) and every_named,
                               names=_union(sets) if every_named and self._regions else None)  # type: ignore[arg-type]
        result.parsed = True
        result.damaged = views[0].tree.root_node.has_error
        found: dict[int, list[_Hit]] = {i: [] for i in active}
        excluded: dict[int, set[tuple[int, int]]] = {i: set() for i in active}
        regions: dict[tuple[str, str | None], list[tuple[int, int]]] = {}
        by_type: dict[tuple[str, str | None], str] = {}  # regions looked up by node type (scope.by_type)

        def take(captures: dict[str, list[ts.Node]], entry: _Entry, view: View) -> None:
            node = captures[MATCH][0]
            if entry.role == "region":
                at = captures.get(entry.region.at, [node])[0] if entry.region.at else node
                regions.setdefault(scopes.region_key(entry.region), []).append((at.start_byte, at.end_byte))
            elif entry.rule in found:
                if entry.role == "find":
                    if view.keeps(node):
                        found[entry.rule].append((node, captures, view, entry.pos))
                else:
                    excluded[entry.rule].add((node.start_byte, node.end_byte))

        if self.exhaustive:
            for view in views:
                for _, captures, entry in self._matches(active, view.tree):
                    take(captures, entry, view)
        else:
            # rules not named here match nowhere by name; the normaliser's scan already looked for the
            # anchors in the comment-blanked code (a name only in a comment matches nothing either)
            seen = prepared.present if prepared is not None else None
            named = set(self._names.admitted(source, active, None if seen is None else bool(seen)))
            if not named:
                return result  # no rule's names occur (a rule without names is always named): nothing can match
            occurrences = [anchored.Occurrences(view.tree.root_node) for view in views]
            finds = [(view, self._runs(i, _FIND, occ, i in named)) for view, occ in zip(views, occurrences)
                     for i in active]
            self._compile_together(finds)
            for view, runs in finds:
                for captures, entry in self._execute(runs, view.tree):
                    take(captures, entry, view)
            # patterns-not and regions only ever remove findings: needed only for rules that found something
            done: set[tuple[str, str | None]] = set()
            limits = []
            for i in (i for i in active if found[i]):
                for e, _ in self.plans[i]:  # every node of one type: looked up among a finding's ancestors
                    if e.role == "region" and scopes.region_key(e.region) not in done:
                        kind = scopes.by_type(e.region)
                        if kind is not None:
                            by_type[scopes.region_key(e.region)] = kind
                for view, occ in zip(views, occurrences):
                    limits.append((view, self._runs(i, _LIMITS, occ, True, done | by_type.keys())))
                done.update(scopes.region_key(e.region) for e, _ in self.plans[i] if e.role == "region")
            self._compile_together(limits)
            for view, runs in limits:
                for captures, entry in self._execute(runs, view.tree):
                    take(captures, entry, view)
        ctx = scopes.Context(path=path, source=source, regions=regions, by_type=by_type,
                             roots=[view.tree.root_node for view in views])
        text = Text(source, code)
        for i in active:
            if found[i]:
                result.findings.extend(self._findings(i, found[i], excluded[i], ctx, text))
        result.findings = superseded(result.findings, self.rules)
        result.findings.sort()
        return result

    def _runs(self, i: int, roles: tuple[str, ...], occ: anchored.Occurrences, named: bool,
              done: set[tuple[str, str | None]] | frozenset = frozenset()) -> list[_Run]:
        """What rule i's patterns of the given roles run on: patterns with names at the nodes where those
        occur, the others over the whole tree (nodes None) as one query."""
        if (i, roles) not in self._plans:
            plan = [(e, p) for e, p in self.plans[i] if e.role in roles]
            self._plans[i, roles] = ([x for x in plan if x[1].anchor is not None],
                                     [x for x in plan if x[1].anchor is None])
        by_name, anywhere = self._plans[i, roles]
        if done:
            by_name = [x for x in by_name if x[0].region is None or scopes.region_key(x[0].region) not in done]
            anywhere = [x for x in anywhere if x[0].region is None or scopes.region_key(x[0].region) not in done]
        runs: list[_Run] = []
        for entry, p in by_name if named else ():
            found = anchored.candidates(occ, p.anchor)
            if not found:
                continue
            # a commutative pattern whose name is in one operand needs only that operand order's query
            split = p.halves is not None
            queries = [(p.query, None, p.plain)]  # (query, the side its name is on, its plain query)
            if p.halves is not None:
                queries += zip(p.halves, ("right", "left"), p.plain_halves or (None, None))
            for query, side, plain in queries:
                nodes = [n for n, s in found if (s if split else None) == side]
                if nodes and plain is not None and query not in self._compiled:
                    # where no parentheses can be seen through, the plain query (much cheaper to compile;
                    # once the full query is compiled, it runs everywhere: the same matches, no search)
                    flags = [anchored.bare(n) for n in nodes]
                    if any(flags):
                        runs.append((plain, [n for n, f in zip(nodes, flags) if f], [entry]))
                    nodes = [n for n, f in zip(nodes, flags) if not f]
                if nodes:
                    runs.append((query, nodes, [entry]))
        if anywhere:
            runs.append(("\n".join(p.query for _, p in anywhere), None, [e for e, _ in anywhere]))
        return runs

    def _compile_together(self, steps: list[tuple[View, list[_Run]]]) -> None:
        """Compile the queries steps run at given nodes that are new to this process, as one query.

        tree-sitter analyses every parse state of the grammar for each query it compiles: ~1.5 ms
        a query whatever its size, paid once here for all of them.  Each text keeps its own
        patterns' indices in the shared query (matches of the others are skipped); queries run
        over whole trees are compiled alone, so no other pattern is tried at every node.
        """
        new = list(dict.fromkeys(text for _, runs in steps for text, nodes, _ in runs
                                 if nodes is not None and text not in self._compiled))
        if len(new) < 2:
            return
        try:
            query = ts.compile_query("\n".join(new))
        except ts.QueryError:
            return  # each compiles, and reports its error, on its own
        bounds, pos = [], 0
        for text in new:
            bounds.append(pos)
            pos += len(text.encode("utf-8")) + 1
        owner = [bisect.bisect_right(bounds, start) - 1 for start in ts.pattern_starts(query)]
        for k, text in enumerate(new):
            if k in owner:
                first = owner.index(k)
                self._compiled[text] = (query, range(first, first + owner.count(k)))

    def _execute(self, runs: list[_Run], tree: ts.Tree) -> Iterator[tuple[dict[str, list[ts.Node]], _Entry]]:
        for text, nodes, entries in runs:
            if text not in self._compiled:
                self._compiled[text] = (ts.compile_query(text), None)
            query, patterns = self._compiled[text]
            if nodes is not None:
                for _, captures in anchored.matches_at(query, nodes, MATCH, patterns):
                    yield captures, entries[0]
            else:
                for index, captures in ts.matches(query, tree.root_node):
                    if patterns is not None:
                        if index not in patterns:
                            continue
                        index -= patterns.start
                    yield captures, entries[index]

    def query(self, i: int) -> ts.Query:
        """Rule i's query, compiled once per process."""
        if i not in self._queries:
            self._queries[i] = ts.compile_query(self.groups[i][1])
        return self._queries[i]

    def _matches(self, active: list[int], tree: ts.Tree) -> Iterator[tuple[int, dict[str, list[ts.Node]], _Entry]]:
        if self._combined and len(active) == len(self.rules):
            if -1 not in self._queries:
                self._queries[-1] = ts.compile_query("\n".join(g[1] for g in self.groups))
            entries = [e for g in self.groups for e in g[0]]
            for index, captures in ts.matches(self._queries[-1], tree.root_node):
                yield index, captures, entries[index]
            return
        for i in active:
            entries = self.groups[i][0]
            for index, captures in ts.matches(self.query(i), tree.root_node):
                yield index, captures, entries[index]

    def _findings(self, i: int, hits: list[_Hit], excluded: set[tuple[int, int]], ctx: scopes.Context,
                  text: Text) -> list[Finding]:
        rule = self.rules[i]
        kept: list[tuple[ts.Node, dict[str, list[ts.Node]], str | None]] = []
        # outermost first; a node inside one already kept is the same construct, reported once
        for node, captures, view, _ in sorted(hits, key=lambda h: (h[0].start_byte, -h[0].end_byte, h[3])):
            span = (node.start_byte, node.end_byte)
            if span in excluded:
                continue
            if kept and kept[-1][0].start_byte <= span[0] and span[1] <= kept[-1][0].end_byte:
                continue
            ctx.root = view.tree.root_node  # ancestors are found from the root of the node's own view
            # in a macro body, the "function" is the macro being defined
            function = view.function(node) or enclosing_function(node, ctx.source, ctx.root)
            if not scopes.allowed(rule, node, function, ctx):
                continue
            kept.append((node, captures, function))
        return [self._finding(rule, node, captures, function, ctx.path, text) for node, captures, function in kept]

    def _finding(self, rule: Rule, node: ts.Node, captures: dict[str, list[ts.Node]],
                 function: str | None, path: str, text: Text) -> Finding:
        values = {k: text.snippet(v[0], comments=False) for k, v in captures.items() if v and not k.startswith("_")}
        line, col = text.position(node.start_byte)
        end_line, end_col = text.position(node.end_byte)
        return Finding(
            path=path, line=line, column=col, end_line=end_line, end_column=end_col,
            rule=rule.id, severity=rule.severity, confidence=rule.confidence,
            message=_format(rule.message, values), function=function,
            source_line=text.line(line), code=text.snippet(node, limit=None), tree_path=path,
        )


def held(source: bytes, prepared: bool = True) -> int:
    """About how many bytes a file holds from Matcher.begin to finish: its source and blanked copy,
    and when prepared its normalised text and primary view."""
    return len(source) * (4 if prepared else 2)


def _union(sets: list[tuple[tuple[bytes, ...], ...]]) -> tuple[bytes, ...]:
    """Every name of the given rules' literal sets (a match holds all the names of one of them)."""
    return tuple(sorted({lit for s in sets for group in s for lit in group}))


def _may_match(sets: list[tuple[tuple[bytes, ...], ...] | None], text: bytes) -> bool:
    """Whether some rule's literals all occur in text (so parsing it could find something)."""
    if any(s is None for s in sets):
        return True
    # each distinct name is looked for once: rules and their groups share most of them
    present = {lit for lit in {lit for s in sets for group in s for lit in group} if lit in text}  # type: ignore[union-attr]
    return bool(present) and any(all(lit in present for lit in group) for s in sets for group in s)  # type: ignore[union-attr]


def _format(message: str, values: dict[str, str]) -> str:
    out = message
    for name, value in values.items():
        out = out.replace("{" + name + "}", value)
    return out
