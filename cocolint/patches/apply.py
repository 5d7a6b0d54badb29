"""Apply a file's hunks to its text in memory, the way `git apply` does: exact context, hunks may move."""

from __future__ import annotations

from dataclasses import dataclass

from cocolint.patches.unidiff import FileDiff, Hunk


@dataclass
class ApplyError(Exception):
    """A hunk whose context is not in the file (or a file that is missing or already there)."""

    path: str
    message: str
    hunk: Hunk | None = None
    number: int = 0  # 1-based hunk number within the file

    def __str__(self) -> str:
        if self.hunk is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}: hunk #{self.number} {self.hunk.header.split(' @@')[0]} @@ {self.message}"


def apply_hunks(path: str, old: bytes | None, diff: FileDiff) -> bytes | None:
    """The new text of one file (None if the diff deletes it); raises ApplyError."""
    if diff.old_path is None and old is not None:
        raise ApplyError(path, "already exists in the tree, but the patch creates it")
    if diff.old_path is not None and old is None:
        raise ApplyError(path, "does not exist in the tree")
    lines = (old or b"").splitlines(keepends=True)
    out: list[bytes] = []
    pos = 0  # lines[:pos] are done
    offset = 0  # how far the previous hunks landed from where they said
    for number, hunk in enumerate(diff.hunks, 1):
        want = hunk.old_lines()
        start = _locate(lines, want, hunk, pos, offset)
        if start is None:
            raise ApplyError(path, "does not apply: its context is not in the file", hunk, number)
        out.extend(lines[pos:start])
        out.extend(hunk.new_lines())
        pos = start + len(want)
        offset = start - _expected(hunk)
    out.extend(lines[pos:])
    if diff.new_path is None:
        if out:
            raise ApplyError(path, "the patch deletes it, but lines would remain")
        return None
    return b"".join(out)


def _expected(hunk: Hunk) -> int:
    """0-based index where the hunk's old lines should start."""
    if hunk.old_count == 0:  # a pure insertion goes after line old_start
        return hunk.old_start
    return hunk.old_start - 1


def _locate(lines: list[bytes], want: list[bytes], hunk: Hunk, pos: int, offset: int) -> int | None:
    """Where want occurs at or after pos, nearest to where the hunk says (exact, then ignoring trailing space)."""
    guess = min(max(_expected(hunk) + offset, pos), len(lines))
    if not want:
        return guess
    for same in (_exact, _loose):
        for delta in range(0, len(lines) + 1):
            for start in ((guess + delta, guess - delta) if delta else (guess,)):
                if pos <= start <= len(lines) - len(want) and same(lines, start, want):
                    return start
            if guess + delta > len(lines) and guess - delta < pos:
                break
    return None


def _exact(lines: list[bytes], start: int, want: list[bytes]) -> bool:
    return lines[start:start + len(want)] == want


def _loose(lines: list[bytes], start: int, want: list[bytes]) -> bool:
    """Mail often damages trailing whitespace and line endings; compare without them."""
    return all(a.rstrip() == b.rstrip() for a, b in zip(lines[start:start + len(want)], want))
