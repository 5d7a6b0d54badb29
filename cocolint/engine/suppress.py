"""Inline suppressions: `/* cocolint: ignore[rule-id] reason */`, and diagnostics for bad or unused ones.

A suppression names rule ids and gives a reason.  It covers a finding when it stands on
any line of the finding, or when the finding starts in "its" statement: for a comment
alone on its line(s), the statement that begins on the next line; for a comment after
code, the rest of the statement it stands in (a statement ends at the line ending in
`;`, `{` or `}`).  A suppression that is malformed (no ids,
no reason, an unknown id) suppresses nothing and is reported as `invalid-suppression`;
one that matches no finding of an active rule is reported as `unused-suppression`.
"""

from __future__ import annotations

import re

from cocolint.engine.findings import Finding, Suppressed
from cocolint.engine.functions import layout_function
from cocolint.engine.text import Text
from cocolint.record import dataclass, field
from cocolint.ruleset.model import Rule

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Iterator

UNUSED, INVALID = "unused-suppression", "invalid-suppression"
MARKER = b"cocolint:"

# strings and character literals are consumed whole so comment markers inside them are never seen
# pattern texts, compiled by re (and kept in its cache) on first use: only files with a directive need them
_TOKENS = r'"(?:\\.|[^"\\\n])*"?|\'(?:\\.|[^\'\\\n])*\'?|//(?:\\\n|[^\n])*|/\*.*?(?:\*/|\Z)'
_DIRECTIVE = r"^[ \t]*(?:/[/*]+|\*+)?[ \t]*cocolint:[ \t]*(.*?)[ \t]*(?:\*+/)?[ \t]*$"
_IGNORE = r"^ignore\b[ \t]*(?:\[([^\]]*)\])?(.*)$"


@dataclass
class Directive:
    """One `cocolint:` comment line: which rules it ignores, why, and where."""

    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    text: str
    standalone_next: int | None  # the line after a comment that stands alone, else None
    below: tuple[int, int] = (0, -1)  # the lines of the statement after a standalone comment
    rules: list[str] = field(default_factory=list)
    reason: str = ""
    problem: str | None = None

    def covers(self, f: Finding) -> bool:
        """Whether this suppression stands on the finding's lines or just above it."""
        return f.line <= self.line <= f.end_line or self.below[0] <= f.line <= self.below[1]


def comments(source: str) -> Iterator[tuple[int, int]]:
    """(start, end) character offsets of every comment, skipping string and character literals."""
    for m in re.finditer(_TOKENS, source, re.S):
        if m.group().startswith("/"):
            yield m.start(), m.end()


def directives(source: bytes, known: set[str]) -> list[Directive]:
    """Every `cocolint:` directive in a file's comments, parsed and checked against the known rule ids."""
    if MARKER not in source:
        return []
    text = source.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    out = []
    for start, end in comments(text):
        body = text[start:end]
        if "cocolint:" not in body:
            continue
        first_line = text.count("\n", 0, start) + 1
        line_start = text.rfind("\n", 0, start) + 1
        standalone = not text[line_start:start].strip()
        last_line = first_line + body.count("\n")
        offset = start
        for i, line_text in enumerate(body.split("\n")):
            raw = line_text.rstrip("\r")
            m = re.match(_DIRECTIVE, raw)
            if m:
                line = first_line + i
                shift = start - line_start if i == 0 else 0
                col = raw.find("cocolint:") + shift + 1
                d = Directive(line=line, column=col, end_line=line, end_column=len(raw.rstrip()) + shift + 1,
                              offset=offset, text=" ".join(raw.split()),
                              standalone_next=last_line + 1 if standalone else None)
                # alone on its lines: the statement below; after code: the rest of that statement
                first = last_line + 1 if standalone else first_line
                d.below = (first, statement_end(lines, first))
                _parse(d, m.group(1), known)
                out.append(d)
            offset += len(line_text) + 1
    return out


_COMMENT_TAIL = r"\s*(?://.*|/\*.*)$"
STATEMENT_LINES = 12  # how far down a statement may run and still be covered


def statement_end(lines: list[str], first: int) -> int:
    """The last line of the statement starting at 1-based line first: the line ending in ; { or }."""
    last = min(len(lines), first + STATEMENT_LINES - 1)
    macro = False
    for n in range(first, last + 1):
        raw = lines[n - 1].rstrip("\r")
        code = re.sub(_COMMENT_TAIL, "", raw).rstrip()
        macro = macro or (n == first and code.lstrip().startswith("#"))
        if macro:
            if not raw.rstrip().endswith("\\"):
                return n
            continue
        if not code:
            return n if n == first else n - 1
        if code.endswith((";", "{", "}")):
            return n
    return first


def _parse(d: Directive, rest: str, known: set[str]) -> None:
    m = re.match(_IGNORE, rest)
    if not m:
        word = rest.split()[0] if rest.split() else ""
        d.problem = (f"unknown cocolint directive {word!r}; the only one is `cocolint: ignore[rule-id] reason`"
                     if word else "empty cocolint directive; write `cocolint: ignore[rule-id] reason`")
        return
    ids, reason = m.group(1), m.group(2).strip().lstrip("-:\u2014 \t").strip()
    if ids is None:
        d.problem = ("blanket `cocolint: ignore` is not allowed: name the rules and say why, "
                     "`cocolint: ignore[rule-id] reason`")
        return
    d.rules = [r.strip() for r in ids.split(",") if r.strip()]
    d.reason = reason
    if not d.rules:
        d.problem = "`cocolint: ignore[]` names no rule: name the rules it ignores, `cocolint: ignore[rule-id] reason`"
        return
    for rid in d.rules:
        if rid not in known:
            import difflib  # only for an unknown rule id

            close = difflib.get_close_matches(rid, sorted(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            d.problem = f"suppression names unknown rule {rid!r}{hint}; see `cocolint rules`"
            return
    if not reason:
        d.problem = (f"suppression of {', '.join(d.rules)} gives no reason: say why the code is right, "
                     f"`cocolint: ignore[{','.join(d.rules)}] reason`")


def apply(findings: list[Finding], source: bytes, path: str, tree_path: str, known: set[str],
          active: set[str]) -> tuple[list[Finding], list[Suppressed]]:
    """Split findings into kept and suppressed; add invalid/unused-suppression diagnostics to the kept ones."""
    found = directives(source, known)
    if not found:
        return findings, []
    kept, suppressed = [], []
    used: set[tuple[int, str]] = set()
    valid = [d for d in found if d.problem is None]
    for f in findings:
        d = next((d for d in valid if f.rule in d.rules and d.covers(f)), None)
        if d is None:
            kept.append(f)
        else:
            used.add((id(d), f.rule))
            suppressed.append(Suppressed(f, "inline", d.reason, d.line))
    diagnostics = []
    for d in found:
        if d.problem is not None:
            if INVALID in active:
                diagnostics.append(_diagnostic(d, INVALID, d.problem, source, path, tree_path))
            continue
        for rid in d.rules:
            if rid in active and (id(d), rid) not in used and UNUSED in active:
                where = "in the statement after this comment" if d.standalone_next else "on this line"
                msg = f"unused suppression: no {rid} finding {where}; remove {rid!r} from the comment"
                diagnostics.append(_diagnostic(d, UNUSED, msg, source, path, tree_path, rid))
    return sorted(kept + diagnostics), suppressed


def _diagnostic(d: Directive, rule: str, message: str, source: bytes, path: str, tree_path: str,
                about: str = "") -> Finding:
    rule_meta = PSEUDO_RULES[rule]
    return Finding(
        path=path, line=d.line, column=d.column, end_line=d.end_line, end_column=d.end_column,
        rule=rule, severity=rule_meta.severity, confidence=rule_meta.confidence, message=message,
        function=layout_function(source, len(source.decode("utf-8", "surrogateescape")[:d.offset]
                                             .encode("utf-8", "surrogateescape"))),
        source_line=Text(source).line(d.line), code=f"{d.text} {about}".strip(), tree_path=tree_path,
    )


def _pseudo(rid: str, summary: str, message: str, rationale: str, use_instead: str) -> Rule:
    return Rule(id=rid, file="<cocolint>", category="suppression", severity="warning", confidence="high",
                message=message, summary=summary, rationale=rationale, use_instead=use_instead, patterns=())


PSEUDO_RULES: dict[str, Rule] = {
    UNUSED: _pseudo(
        UNUSED, "Flags `cocolint: ignore[...]` comments that suppress no finding.",
        "unused suppression of {rule}",
        "A suppression that matches nothing is noise at best.  At worst it is a stale excuse: the code "
        "it excused changed, and the comment will silently swallow the next real finding on that line.",
        "Remove the comment, or the rule id that no longer fires, from the suppression."),
    INVALID: _pseudo(
        INVALID, "Flags malformed `cocolint:` comments: blanket ignores, missing reasons, unknown rule ids.",
        "invalid suppression",
        "Suppressions must say which rule they silence and why, so a reviewer can judge them and "
        "an unrelated finding on the same line is not hidden.  A malformed suppression suppresses nothing.",
        "Write `/* cocolint: ignore[rule-id] why this code is right */` on the line of the finding "
        "or alone on the line before it; name several rules as `ignore[rule-a,rule-b]`."),
}
