"""Baselines: known findings recorded by fingerprint as a multiset; only findings beyond them are new."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from cocolint.engine.findings import Finding
from cocolint.engine.paths import scope_path
from cocolint.engine.run import FileResult, Summary
from cocolint.errors import CocolintError
from cocolint.record import dataclass, field, replace

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Iterable

VERSION = 1
_KEYS = {"fingerprint", "path", "rule", "function", "code", "count"}


@dataclass(frozen=True)
class Entry:
    """One recorded construct and how many copies of it were known."""

    fingerprint: str
    path: str
    rule: str
    function: str | None
    code: str
    count: int

    def describe(self) -> str:
        """One line for a report."""
        where = f"{self.path}: {self.function}()" if self.function else self.path
        times = f" (x{self.count})" if self.count > 1 else ""
        return f"{where}: {self.code} [{self.rule}]{times}"


def entries(findings: Iterable[Finding]) -> list[Entry]:
    """Findings grouped by fingerprint, sorted so the file reads well in review."""
    counts: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for f in findings:
        counts[f.fingerprint] += 1
        first.setdefault(f.fingerprint, f)
    out = [Entry(fp, f.tree_path or f.path, f.rule, f.function, f.code, counts[fp]) for fp, f in first.items()]
    return sorted(out, key=lambda e: (e.path, e.rule, e.function or "", e.code, e.fingerprint))


def write(path: Path, findings: Iterable[Finding]) -> list[Entry]:
    """Write the baseline file; return its entries."""
    es = entries(findings)
    doc = {"version": VERSION, "tool": "cocolint",
           "comment": "known findings, by fingerprint (rule, path, function, code); refresh with --write-baseline",
           "findings": [{"path": e.path, "rule": e.rule, "function": e.function, "code": e.code,
                         "count": e.count, "fingerprint": e.fingerprint} for e in es]}
    try:
        path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise CocolintError(str(path), f"cannot write baseline: {exc.strerror or exc}") from None
    return es


def load(path: Path) -> list[Entry]:
    """Read a baseline file; any problem is one CocolintError naming the file (and line, for bad JSON)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CocolintError(str(path), f"cannot read baseline: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CocolintError(str(path), "baseline is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise CocolintError(str(path), f"baseline is not valid JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or not isinstance(doc.get("findings"), list):
        raise CocolintError(str(path), f"not a cocolint baseline (expected version {VERSION} and a findings list)")
    out = []
    for i, item in enumerate(doc["findings"]):
        ok = (isinstance(item, dict) and set(item) == _KEYS and isinstance(item["fingerprint"], str)
              and isinstance(item["count"], int) and item["count"] >= 1
              and all(isinstance(item[k], str) for k in ("path", "rule", "code"))
              and (item["function"] is None or isinstance(item["function"], str)))
        if not ok:
            raise CocolintError(str(path), f"baseline entry {i + 1} must have exactly {sorted(_KEYS)} (count >= 1)")
        out.append(Entry(item["fingerprint"], item["path"], item["rule"], item["function"], item["code"], item["count"]))
    return out


@dataclass
class BaselineFilter:
    """Drops findings the baseline knows (each entry as many times as counted) and remembers what is left."""

    baseline: list[Entry]
    rules: set[str]  # the rules that ran: entries of other rules cannot be judged fixed
    known: int = 0
    left: Counter[str] = field(default_factory=Counter)
    checked: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for e in self.baseline:
            self.left[e.fingerprint] += e.count

    def __call__(self, r: FileResult) -> FileResult:
        """The result without its known findings."""
        if r.error is None:
            self.checked.add(scope_path(Path(r.path)))
        kept = []
        for f in r.findings:
            if self.left[f.fingerprint] > 0:
                self.left[f.fingerprint] -= 1
                self.known += 1
            else:
                kept.append(f)
        return replace(r, findings=kept)

    def finish(self, summary: Summary, name: str) -> None:
        """Put what the baseline hid and which entries are fixed into the summary (once, at the end)."""
        summary.baseline = {"file": name, "known": self.known, "fixed": [e.describe() for e in self.fixed()]}

    def fixed(self) -> list[Entry]:
        """Entries (with the copies now missing) for files that were checked and rules that ran."""
        out = []
        for e in self.baseline:
            n = min(self.left[e.fingerprint], e.count)
            if n > 0 and e.path in self.checked and e.rule in self.rules:
                out.append(replace(e, count=n))
                self.left[e.fingerprint] -= n
        return out
