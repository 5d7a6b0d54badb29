"""SARIF 2.1.0 output, following GitHub code scanning's documented subset (rules, regions, fingerprints)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from cocolint import __version__
from cocolint.engine.findings import Finding
from cocolint.engine.run import FileResult, Summary
from cocolint.report.location import artifact_location, source_root
from cocolint.ruleset.docs import render
from cocolint.ruleset.model import Rule

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any, TextIO

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
LIMIT = 1024  # GitHub shows at most this much of shortDescription and fullDescription


def _clip(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= LIMIT:
        return text
    cut = text[: LIMIT - 1]
    end = cut.rfind(". ")
    return (cut[: end + 1] if end > LIMIT // 2 else cut.rstrip()) + "\u2026"


def help_text(markdown: str) -> str:
    """`cocolint explain` as plain text: headings and code fences dropped, code kept."""
    lines = []
    for line in markdown.splitlines():
        if line.startswith("```"):
            continue
        lines.append(re.sub(r"^#+ ", "", line))
    return "\n".join(lines).strip() + "\n"


def reporting_descriptor(rule: Rule) -> dict[str, Any]:
    """A rule's SARIF description: summary, rationale, the fix with examples, reference, tags."""
    markdown = render(rule)
    d: dict[str, Any] = {
        "id": rule.id,
        "name": "".join(p.capitalize() for p in rule.id.split("-")),
        "shortDescription": {"text": _clip(rule.summary)},
        "fullDescription": {"text": _clip(rule.rationale)},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "help": {"text": help_text(markdown), "markdown": markdown},
        "properties": {
            "tags": ["cocolint", rule.category],
            "precision": rule.confidence,
            "problem.severity": PROBLEM_SEVERITY.get(rule.severity, "warning"),
        },
    }
    if rule.references:
        d["helpUri"] = rule.references[0]
    return d


def fingerprint_keys(f: Finding, occurrence: int) -> dict[str, str]:
    """Partial fingerprints from the finding's identity (rule, tree path, function, code), not its line."""
    value = f"{f.fingerprint}:{occurrence}"
    return {"primaryLocationLineHash": value, "cocolintFingerprint/v1": value}


class SarifReporter:
    """Collects results; writes one SARIF log with one run at the end."""

    def __init__(self, out: TextIO, err: TextIO, rules: dict[str, Rule]) -> None:
        self.out, self.err = out, err
        self.rules = [rules[k] for k in sorted(rules)]
        self.index = {r.id: i for i, r in enumerate(self.rules)}
        self.root = source_root()
        self.results: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []
        self.seen: Counter[str] = Counter()

    def file(self, result: FileResult) -> None:
        """Collect one file's findings and error."""
        if result.error is not None:
            print(result.error, file=self.err)
            e = result.error
            phys: dict[str, Any] = {"artifactLocation": artifact_location(e.path, self.root, SRCROOT)}
            if e.line:
                phys["region"] = {"startLine": e.line}
            self.notifications.append({"level": "error", "message": {"text": e.message},
                                       "locations": [{"physicalLocation": phys}],
                                       "descriptor": {"id": "file-not-checked"}})
        for f in result.findings:
            self.results.append(self._result(f))

    def _result(self, f: Finding) -> dict[str, Any]:
        self.seen[f.fingerprint] += 1
        location: dict[str, Any] = {"physicalLocation": {
            "artifactLocation": artifact_location(f.path, self.root, SRCROOT),
            "region": {"startLine": f.line, "startColumn": f.column,
                       "endLine": f.end_line, "endColumn": f.end_column},
        }}
        if f.function:
            location["logicalLocations"] = [{"name": f.function, "kind": "function"}]
        r: dict[str, Any] = {"ruleId": f.rule, "level": LEVELS.get(f.severity, "warning"),
                             "message": {"text": f.message}, "locations": [location],
                             "partialFingerprints": fingerprint_keys(f, self.seen[f.fingerprint]),
                             "properties": {"confidence": f.confidence}}
        if f.rule in self.index:
            r["ruleIndex"] = self.index[f.rule]
        return r

    def finish(self, summary: Summary) -> None:
        """Write the log. Suppressed findings are counted in the run's properties, not uploaded as results."""
        run = {
            "tool": {"driver": {"name": "cocolint", "version": __version__, "semanticVersion": __version__,
                                "rules": [reporting_descriptor(r) for r in self.rules]}},
            "originalUriBaseIds": {SRCROOT: {"uri": self.root.as_uri().rstrip("/") + "/"}},
            "invocations": [{
                "executionSuccessful": summary.failed == 0,
                "toolExecutionNotifications": self.notifications,
                "workingDirectory": {"uri": Path.cwd().resolve().as_uri().rstrip("/") + "/"},
            }],
            "columnKind": "unicodeCodePoints",
            "results": self.results,
            "properties": {"summary": summary.to_dict()},
        }
        json.dump({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, self.out, indent=2)
        self.out.write("\n")
