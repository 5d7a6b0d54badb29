"""GitLab Code Quality report (the Code Climate subset GitLab reads for merge-request widgets)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from cocolint.engine.run import FileResult, Summary
from cocolint.report.location import annotation_path, source_root
from cocolint.ruleset.model import Rule

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any, TextIO

SEVERITIES = {"error": "critical", "warning": "major", "info": "info"}


class GitlabReporter:
    """Collects issues; writes one JSON array. Fingerprints are unique per issue (GitLab shows one per value)."""

    def __init__(self, out: TextIO, err: TextIO, rules: dict[str, Rule]) -> None:
        self.out, self.err, self.rules = out, err, rules
        self.root = source_root()
        self.issues: list[dict[str, Any]] = []
        self.seen: Counter[str] = Counter()

    def file(self, result: FileResult) -> None:
        """Collect one file's findings; file errors go to err."""
        if result.error is not None:
            print(result.error, file=self.err)
        for f in result.findings:
            self.seen[f.fingerprint] += 1
            unique = hashlib.sha256(f"{f.fingerprint}:{self.seen[f.fingerprint]}".encode()).hexdigest()[:32]
            self.issues.append({
                "description": f.message,
                "check_name": f.rule,
                "fingerprint": unique,
                "severity": SEVERITIES.get(f.severity, "major"),
                "location": {"path": annotation_path(f.path, self.root),
                             "lines": {"begin": f.line, "end": f.end_line}},
            })

    def finish(self, summary: Summary) -> None:
        """Write the array."""
        json.dump(self.issues, self.out, indent=2)
        self.out.write("\n")
