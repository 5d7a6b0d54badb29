"""Only what a change introduces: the lines a diff adds, and a filter keeping findings that touch them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from cocolint.engine.files import DEFAULT_SUFFIXES
from cocolint.engine.run import FileResult
from cocolint.errors import CocolintError
from cocolint.patches.unidiff import DiffError, parse
from cocolint.record import dataclass, field, replace


@dataclass
class ChangedLines:
    """Added lines per file (keys are real absolute paths); files wholly new have every line added."""

    lines: dict[str, set[int]] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)

    def touches(self, path: str, first: int, last: int) -> bool:
        """True if a finding spanning lines first..last of path is on an added line."""
        key = os.path.realpath(path)
        if key in self.whole:
            return True
        added = self.lines.get(key)
        return bool(added) and any(n in added for n in range(first, last + 1))

    def files(self, suffixes: tuple[str, ...] = DEFAULT_SUFFIXES) -> list[Path]:
        """The C files with added lines that still exist."""
        return sorted(Path(p) for p in set(self.lines) | self.whole if p.endswith(suffixes) and os.path.isfile(p))

    def select(self, paths: list[Path]) -> list[Path]:
        """The changed C files under the given paths, named as the user named their directory.

        Other files cannot have findings on changed lines, so they are not checked at all.
        """
        out: list[Path] = []
        roots = [(p, Path(os.path.realpath(p))) for p in paths]
        for f in self.files():
            for given, real in roots:
                if f == real or real in f.parents:
                    out.append(given if f == real else given / f.relative_to(real))
                    break
        return out

    def __call__(self, result: FileResult) -> FileResult:
        """The result with only the findings on added lines (a file error passes through)."""
        return replace(result, findings=[f for f in result.findings if self.touches(f.path, f.line, f.end_line)])


def _git(args: list[str], cwd: Path) -> str:
    proc = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, args, proc.stdout, proc.stderr)
    return proc.stdout.decode("utf-8", "surrogateescape")


def from_git(rev: str, cwd: Path | None = None) -> ChangedLines:
    """Lines added or changed in the working tree relative to rev (untracked files count as new)."""
    cwd = cwd or Path.cwd()
    top, base = _top_and_base(rev, cwd)
    # the diff and the list of untracked files are independent: both git processes run at once
    cmds = (["git", "-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv",
             "--unified=0", "--find-renames", "--src-prefix=a/", "--dst-prefix=b/", base, "--"],
            ["git", "-c", "core.quotePath=false", "ls-files", "-z", "--others", "--exclude-standard"])
    procs = [subprocess.Popen(c, cwd=top, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in cmds]
    (out, out_err), (listed, listed_err) = (p.communicate() for p in procs)
    for p, err, shown in ((procs[0], out_err, cmds[0]), (procs[1], listed_err, cmds[1][3:])):
        if p.returncode != 0:
            msg = err.decode("utf-8", "replace").strip().splitlines()
            exc = subprocess.CalledProcessError(p.returncode, shown)
            raise CocolintError("cocolint", f"--diff {rev}: git diff failed: {msg[0] if msg else exc}")
    untracked = listed.decode("utf-8", "surrogateescape")
    changed = _from_diff(out, [top], "git diff")
    changed.whole.update(os.path.realpath(top / n) for n in untracked.split("\0") if n)
    return changed


def _top_and_base(rev: str, cwd: Path) -> tuple[Path, str]:
    """The work tree's top and rev as a commit id: one git process when both are there to find."""
    try:
        top, base = _git(["rev-parse", "--show-toplevel", "--verify", "--end-of-options", f"{rev}^{{commit}}"],
                         cwd).splitlines()
        return Path(top), base.strip()
    except (OSError, subprocess.CalledProcessError, ValueError):
        pass  # asked again one at a time, for the right message (or an unborn HEAD)
    try:
        top_dir = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except (OSError, subprocess.CalledProcessError):
        raise CocolintError("cocolint", f"--diff {rev}: {cwd} is not inside a git work tree (use --diff-file PATCH)") from None
    return top_dir, _resolve(rev, top_dir)


def _resolve(rev: str, top: Path) -> str:
    """rev as a commit id; HEAD of a repository without commits is the empty tree (everything is new)."""
    try:
        return _git(["rev-parse", "--verify", "--end-of-options", f"{rev}^{{commit}}"], top).strip()
    except subprocess.CalledProcessError:
        pass
    if rev == "HEAD":
        try:
            _git(["rev-parse", "--verify", "HEAD"], top)
        except subprocess.CalledProcessError:  # an unborn branch: the first commit
            return _git(["hash-object", "-t", "tree", "/dev/null"], top).strip()
    raise CocolintError("cocolint", f"--diff {rev}: not a commit in {top}")


def from_file(patch: Path, cwd: Path | None = None, strip: int = 1) -> ChangedLines:
    """Lines a unified diff on disk adds; its paths are relative to the git top, the kernel tree's top or the cwd."""
    cwd = cwd or Path.cwd()
    try:
        data = patch.read_bytes()
    except OSError as exc:
        raise CocolintError(str(patch), f"cannot read: {exc.strerror or exc}") from None
    roots = [cwd]
    try:
        roots.insert(0, Path(_git(["rev-parse", "--show-toplevel"], cwd).strip()))
    except (OSError, subprocess.CalledProcessError):
        from cocolint.patches.command import tree_root  # (it loads the whole patch series code)

        roots.insert(0, tree_root(cwd))  # a plain tree: MAINTAINERS marks its top
    return _from_diff(data, roots, str(patch), strip)


def _from_diff(data: bytes, roots: list[Path], name: str, strip: int = 1) -> ChangedLines:
    try:
        diffs = parse(data, strip)
    except DiffError as exc:
        raise CocolintError(name, str(exc), exc.line) from None
    changed = ChangedLines()
    for d in diffs:
        if d.new_path is None:
            continue  # deleted: nothing left to report on
        added = {n for h in d.hunks for n in h.added()}
        for root in roots:
            key = os.path.realpath(root / d.new_path)
            changed.lines.setdefault(key, set()).update(added)
    return changed
