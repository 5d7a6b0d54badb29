"""Apply a patch series to in-memory copies of the files it touches and compare findings before and after."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Callable

from cocolint.engine.files import DEFAULT_SUFFIXES
from cocolint.engine.findings import Finding
from cocolint.engine.matcher import Matcher
from cocolint.engine.source import binary_at
from cocolint.patches.apply import ApplyError, apply_hunks
from cocolint.patches.mbox import PatchMail
from cocolint.patches.unidiff import DiffError, FileDiff, parse
from cocolint.record import dataclass, field, replace
from cocolint.ruleset.model import Rule


@dataclass
class PatchOutcome:
    """What one patch did: findings it introduces and removes, or why it could not be checked."""

    mail: PatchMail
    files: list[str] = field(default_factory=list)  # the C files it touches (tree paths)
    new: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    not_applied: str | None = None  # one line: which file, which hunk
    error: str | None = None  # the patch could not be read or checked
    note: str | None = None  # e.g. a cover letter without a diff


class Tree:
    """The user's tree, read-only, under an overlay of what earlier patches of the series changed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.overlay: dict[str, bytes | None] = {}

    def read(self, path: str) -> bytes | None:
        """The current text of a tree path, None if it does not exist (raises ApplyError if unreadable)."""
        if path in self.overlay:
            return self.overlay[path]
        try:
            return (self.root / path).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except IsADirectoryError:
            raise ApplyError(path, "is a directory in the tree") from None
        except OSError as exc:
            raise ApplyError(path, f"cannot read: {exc.strerror or exc}") from None


class Series:
    """Patches applied in order; each is compared against the state the previous ones left."""

    def __init__(self, rules: list[Rule], root: Path, strip: int = 1,
                 suffixes: tuple[str, ...] = DEFAULT_SUFFIXES) -> None:
        self.matcher = Matcher(rules)
        self.tree = Tree(root)
        self.strip = strip
        self.suffixes = suffixes
        self.seen: dict[tuple[str, bytes], tuple[list[Finding], str | None]] = {}  # a file's "after" is the next "before"

    def check(self, mail: PatchMail) -> PatchOutcome:
        """Apply one patch (all or nothing) and compare its touched C files' findings."""
        out = PatchOutcome(mail)
        try:
            diffs = parse(mail.body, self.strip)
        except DiffError as exc:
            out.error = f"line {exc.line} of the diff: {exc}"
            return out
        if not diffs and mail.subject:
            out.note = "no diff in it (a cover letter?), nothing to check"
            return out
        if not diffs:
            out.error = "not a patch: no unified diff in it"
            return out
        ours = [d for d in diffs if any(p is not None and p.endswith(self.suffixes) for p in (d.old_path, d.new_path))]
        try:
            changes = [(d, self._apply(d)) for d in ours]
        except ApplyError as exc:
            out.not_applied = str(exc)
            return out
        before: list[Finding] = []
        after: list[Finding] = []
        added: set[tuple[str, int]] = set()
        removed: set[tuple[str, int]] = set()
        for d, (old, new) in changes:
            out.files.append(d.path)
            added.update((d.new_path or "", n) for h in d.hunks for n in h.added())
            removed.update((d.old_path or "", n) for h in d.hunks for n in h.removed())
            if d.old_path is not None and old is not None and d.old_path.endswith(self.suffixes):
                found, err = self._match(d.old_path, old)
                before += [replace(f, tree_path=d.path) for f in found]  # a rename moves its findings
                out.error = out.error or err
            if d.new_path is not None and new is not None and d.new_path.endswith(self.suffixes):
                found, err = self._match(d.new_path, new)
                after += found
                out.error = out.error or err
        for d, (_, new) in changes:
            if d.old_path is not None and d.old_path != d.new_path:
                self.tree.overlay[d.old_path] = None
            if d.new_path is not None:
                self.tree.overlay[d.new_path] = new
        out.new = difference(after, before, lambda f: _on(f, added))
        out.fixed = difference(before, after, lambda f: _on(f, removed))
        return out

    def _apply(self, d: FileDiff) -> tuple[bytes | None, bytes | None]:
        for p in (d.old_path, d.new_path):
            if p is not None and (PurePosixPath(p).is_absolute() or ".." in PurePosixPath(p).parts):
                raise ApplyError(p, "path leaves the tree; not applied")
        if d.binary:
            raise ApplyError(d.path, "binary diff of a C file; cannot apply it")
        old = self.tree.read(d.old_path) if d.old_path is not None else None
        if d.old_path is None and d.new_path is not None and self.tree.read(d.new_path) is not None:
            raise ApplyError(d.new_path, "already exists in the tree, but the patch creates it")
        return old, apply_hunks(d.path, old, d)

    def _match(self, path: str, data: bytes) -> tuple[list[Finding], str | None]:
        key = (path, hashlib.sha256(data).digest())
        if key not in self.seen:
            self.seen[key] = self._match_uncached(path, data)
        return self.seen[key]

    def _match_uncached(self, path: str, data: bytes) -> tuple[list[Finding], str | None]:
        if binary_at(data) >= 0:
            return [], f"{path}: binary file (NUL byte), not checked"
        try:
            found = self.matcher.match(path, data).findings
        except Exception as exc:  # one file's internal error must not cost the series
            return [], f"{path}: internal error: {type(exc).__name__}: {exc}"
        return [replace(f, path=path, tree_path=path) for f in found], None


def _on(f: Finding, lines: set[tuple[str, int]]) -> bool:
    return any((f.path, n) in lines for n in range(f.line, f.end_line + 1))


def difference(a: list[Finding], b: list[Finding], changed: Callable[[Finding], bool] = lambda f: False) -> list[Finding]:
    """Findings of a not matched, fingerprint by fingerprint, by one of b (a multiset difference).

    Of several copies of one fingerprint, those on lines the patch changed are the ones left over,
    so a second copy of a known construct is reported where it was written.
    """
    left = Counter(f.fingerprint for f in b)
    unmatched = set()
    for i in sorted(range(len(a)), key=lambda i: (changed(a[i]), i)):
        if left[a[i].fingerprint] > 0:
            left[a[i].fingerprint] -= 1
        else:
            unmatched.add(i)
    return [f for i, f in enumerate(a) if i in unmatched]
