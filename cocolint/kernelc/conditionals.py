"""Preprocessor conditionals: a few plain-C views of a file, together seeing every live #if arm once."""

from __future__ import annotations

from cocolint import accel
from cocolint.record import dataclass, field
from cocolint.lazyre import lazy_compile

# (ifdef|ifndef|if|elif|else|endif|include), spelled out letter by letter: one test per letter, not per word;
# not `#include` at the start of a line after a line ending in code other than `{,(=` (the usual
# #include: analyse() would pass it over, the lookbehind does so without a match to look at)
_DIRECTIVE = lazy_compile(rb"#[ \t]*+(i(?:f(?:n?def)?|nclude(?<![^\s{,(=]\n#include))|e(?:l(?:if|se)|ndif))\b")
_BLANK = bytes(b if b == 0x0A else 0x20 for b in range(256))
# conditions whose arm is never C: assembler and C++ (`#if 0` code is read: it is usually old C)
_DEAD_IF = lazy_compile(rb"\s*defined\s*\(?\s*(?:__ASSEMBLY__|__cplusplus)\b")
_DEAD_IFDEF = lazy_compile(rb"\s*(?:__ASSEMBLY__|__cplusplus)\b")
_LIVE_IFNDEF = _DEAD_IFDEF  # `#ifndef __ASSEMBLY__`: the first arm is C, the #else arm is not
_BLANKS = frozenset(b" \t\r\n\f\v")
_OPENERS = frozenset(b"{,(=")
Span = tuple[int, int]
MAX_VIEWS = 8  # deeper #if nests than this leave their innermost alternatives unread


@dataclass
class _Group:
    """One #if ... #endif group while it is read, then its live arms and where it sits."""

    start: int = 0  # where the current arm's code starts
    dead: bool = False  # the current arm is dead
    ifndef_live: bool = False  # `#ifndef __ASSEMBLY__`: its #else arm is not C
    live: list[Span] = field(default_factory=list)
    parent: tuple[int, int] | None = None  # (group index, live-arm index) it is nested in


@dataclass
class Views:
    """What each view blanks. View 0 (primary) keeps the first live arm of every group."""

    directives: list[Span] = field(default_factory=list)  # blanked in every view
    dead: list[Span] = field(default_factory=list)  # assembler and C++ arms: blanked in every view
    groups: list[_Group] = field(default_factory=list)  # every group, outer first
    choices: list[list[int]] = field(default_factory=lambda: [[]])  # per view: the arm kept of each group
    firsts: list[list[Span]] = field(default_factory=lambda: [[]])  # per view: the arms it is first to see

    @property
    def count(self) -> int:
        """How many views it takes for every live arm to be seen (1: no #else anywhere)."""
        return len(self.choices)

    def blanked(self, view: int) -> list[Span]:
        """What view blanks: directives, dead arms, and all but one live arm of each group."""
        out = self.directives + self.dead
        for g, keep in zip(self.groups, self.choices[view]):
            if len(g.live) > 1:
                out.extend(a for i, a in enumerate(g.live) if i != keep)
        return out

    def only(self, view: int) -> list[Span]:
        """The arms view is the first to see (its findings elsewhere repeat an earlier view's)."""
        return self.firsts[view] if view else []

    @property
    def other_only(self) -> list[Span]:
        """Every arm the primary view does not see."""
        return [s for v in range(1, self.count) for s in self.only(v)]

    def plan(self) -> None:
        """Choose views greedily until every live arm is seen by one of them."""
        if all(len(g.live) <= 1 for g in self.groups):  # no #else anywhere (header guards): one view
            self.choices, self.firsts = [[0] * len(self.groups)], [[]]  # view 0's firsts are never asked for
            return
        groups = self.groups
        seen: list[set[int]] = [set() for _ in groups]
        self.choices, self.firsts = [], []
        todo: list[int] | range = range(len(groups))  # the groups a view must look at (see _unsettled)
        while True:
            choice = [0] * len(groups)
            visible = [False] * len(groups)
            new: list[Span] = []
            # (a group every arm of which some view has seen needs _waiting; the first view never does)
            waiting = self._waiting(seen) if self.choices and any(
                len(seen[gi]) >= len(groups[gi].live) > 1 for gi in todo) else None
            for gi in todo:
                g = groups[gi]
                parent = g.parent
                vis = parent is None or (visible[parent[0]] and choice[parent[0]] == parent[1])
                pick = 0
                if vis:
                    arms, had = len(g.live), seen[gi]
                    if len(had) < arms:  # the first arm not seen yet (seen holds arm indexes only)
                        pick = next(i for i in range(arms) if i not in had) if had else 0
                        had.add(pick)
                        new.append(g.live[pick])
                    elif arms > 1:  # every arm seen: one holding a group with an arm not seen yet, else the first
                        pick = next((i for i in range(arms) if (gi, i) in waiting), 0)  # type: ignore[operator]
                choice[gi] = pick
                visible[gi] = vis
            if self.choices and not new or len(self.choices) >= MAX_VIEWS:
                return
            self.choices.append(choice)
            self.firsts.append(new)
            todo = self._unsettled(seen)

    def _unsettled(self, seen: list[set[int]]) -> list[int]:
        """The groups with an arm no view has seen, or such a group nested in them, in order.

        Every other group is settled: each later view keeps its first arm (it has nothing new to
        show, and no arm of it holds a group that has), whether the view sees it or not, so a view
        looks only at these (the parent of each is among them: its visibility is known).
        """
        groups = self.groups
        flagged = [False] * len(groups)
        out = []
        for gi in range(len(groups) - 1, -1, -1):  # inner groups come after their parents
            g = groups[gi]
            if flagged[gi] or len(seen[gi]) < len(g.live):
                out.append(gi)
                if g.parent is not None:
                    flagged[g.parent[0]] = True
        out.reverse()
        return out

    def _waiting(self, seen: list[set[int]]) -> set[tuple[int, int]]:
        """The (group, arm) pairs with a nested group some arm of which no view has seen yet.

        A view that has seen every arm of a group picks such an arm again, so that an
        `#else` nested in the second arm of an outer group is read too.
        """
        out: set[tuple[int, int]] = set()
        for gi in range(len(self.groups) - 1, -1, -1):  # inner groups come after their parents
            g = self.groups[gi]
            if g.parent is None:
                continue
            unseen = len(seen[gi]) < len(g.live) or any((gi, i) in out for i in range(len(g.live)))
            if unseen:
                out.add(g.parent)
        return out


def directive_end(src: bytes, pos: int) -> int:
    """End of the directive starting at pos: continuation lines and a comment opened on it included."""
    n = len(src)
    while True:
        nl = src.find(b"\n", pos)
        if nl < 0:
            return n
        if src.find(b"\\", pos, nl) < 0 and src.find(b"/*", pos, nl) < 0:
            return nl  # the common line: no continuation, no comment opened
        opened = src.rfind(b"/*", pos, nl)  # (the line read in place, not sliced)
        if opened >= 0 and src.find(b"*/", opened, nl) < 0:
            close = src.find(b"*/", opened + 2)
            if close < 0:
                return n
            pos = close + 2
            continue
        last = nl - 1  # the line's last byte before trailing blanks: a `\\` continues it
        while last >= pos and src[last] in b" \t\r":
            last -= 1
        if last >= pos and src[last] == 0x5C:
            pos = nl + 1
            continue
        return nl


# the directive words, by the index directive_lines gives them
WORDS = (b"if", b"ifdef", b"ifndef", b"elif", b"else", b"endif", b"include")
INCLUDE = 6
_WORD_INDEX = {w: i for i, w in enumerate(WORDS)}


def directive_lines_py(src: bytes) -> list[tuple[int, int, int, int]]:
    """The conditional directives of src in order, as (word index, line start, after the word, end);
    and the `#include` lines inside an initialiser or argument list, which are blanked
    (cocolint/csrc/directives.c is the same search in C)."""
    out = []
    for m in _DIRECTIVE.finditer(src):
        start = m.start()
        if start and src[start - 1] != 0x0A:
            line_start = src.rfind(b"\n", 0, start) + 1
            if src[line_start:start].strip(b" \t"):
                continue  # not at the start of a line (inside a string or a comment)
        else:
            line_start = start  # the usual: the `#` starts its line
        word = m.group(1)
        if word == b"include":
            # `#include` inside an initialiser or argument list (x-macro tables): blanked
            last = src[line_start - 2] if line_start >= 2 else 0x20  # the previous line's last byte
            if last not in _BLANKS and last not in _OPENERS:
                continue  # after an #include, a `;`, a `}`: the usual case, decided without slicing
            end = src.find(b"\n", m.end())
            before = src[max(0, line_start - 200):line_start].rstrip()
            if before.endswith((b"{", b",", b"(", b"=")):
                out.append((INCLUDE, line_start, m.end(), len(src) if end < 0 else end))
            continue
        after = m.end()
        end = src.find(b"\n", after)
        if end < 0 or src.find(b"\\", after, end) >= 0 or src.find(b"/*", after, end) >= 0:
            end = directive_end(src, after)  # (its common case, one plain line, done above)
        out.append((_WORD_INDEX[word], line_start, after, end))
    return out


directive_lines = accel.pick("directive_lines", directive_lines_py)  # same results, in C


def analyse_py(src: bytes) -> Views:
    """Find every #if group and the views that see its arms (csrc/conditionals.c is the same in C)."""
    views = Views()
    stack: list[_Group] = []
    at: list[int] = []  # index in opened of each group on the stack
    opened: list[_Group] = []
    for kind, line_start, after, end in directive_lines(src):
        if kind == INCLUDE:
            views.directives.append((line_start, end))
            continue
        word = WORDS[kind]
        if kind <= 2:  # if, ifdef, ifndef (the condition read in place: match(src, after, end))
            dead = ((word == b"if" and _DEAD_IF.match(src, after, end) is not None)
                    or (word == b"ifdef" and _DEAD_IFDEF.match(src, after, end) is not None))
            parent = None
            if stack:
                outer = stack[-1]
                parent = (at[-1], -1 if outer.dead else len(outer.live))  # -1: inside a dead arm, never seen
            g = _Group(start=end, dead=dead, parent=parent,
                       ifndef_live=word == b"ifndef" and _LIVE_IFNDEF.match(src, after, end) is not None)
            stack.append(g)
            at.append(len(opened))
            opened.append(g)
        elif not stack:
            continue  # unbalanced #else/#endif: leave the text as it is
        else:
            g = stack[-1]
            (views.dead if g.dead else g.live).append((g.start, line_start))
            if word == b"endif":
                stack.pop()
                at.pop()
            else:
                g.dead = g.ifndef_live or (word == b"elif" and _DEAD_IF.match(src, after, end) is not None)
                g.start = end
        views.directives.append((line_start, end))
    if stack:  # unterminated #if: read the file as it is written
        return Views()
    views.groups = opened
    views.plan()
    return views


def _analyse_native(src: bytes) -> Views:
    """analyse_py in one native call: the directive search, the group stack and Views.plan."""
    found = _analyse_conditionals(src, MAX_VIEWS)
    if found is None:  # unterminated #if: read the file as it is written
        return Views()
    directives, dead, groups, choices, firsts = found
    return Views(directives, dead, [_Group(*g) for g in groups] if groups else [], choices, firsts)


_analyse_conditionals = accel.pick("analyse_conditionals", None)
analyse = analyse_py if _analyse_conditionals is None else _analyse_native


def blank_py(src: bytes, spans: list[Span]) -> bytes:
    """src with every byte of spans turned to a space, newlines kept.

    The spans (nested #if lines fall inside blanked arms: they may overlap) are read in order and
    the bytes between them joined from a memoryview: the file is copied once, by the join.
    """
    if not spans:
        return src
    view = memoryview(src)
    out = []
    at = 0  # blanked or copied up to here
    for s, e in sorted(spans):
        if s < at:
            s = at
        if e <= s:
            continue
        out.append(view[at:s])
        out.append(src[s:e].translate(_BLANK))
        at = e
    out.append(view[at:])
    return b"".join(out)


# the views' copy of the file: native when built (csrc/blank.c: one copy, then each span blanked in place)
blank = accel.pick("blank_spans", blank_py)


def view_py(src: bytes, views: Views, index: int) -> bytes:
    """View index of src: one live arm of every group, directives blanked."""
    return blank(src, views.blanked(index))


def _view_native(src: bytes, views: Views, index: int) -> bytes:
    """view_py in one native call (csrc/blank.c: blanked() read in place, no span list built)."""
    return _blank_view(src, views.directives, views.dead, views.groups, views.choices[index])


_blank_view = accel.pick("blank_view", None)
view = view_py if _blank_view is None else _view_native
