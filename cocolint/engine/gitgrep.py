"""Stage 1 of the pre-filter for whole directories: one threaded `git grep` names the files to skip.

A tree audit spends most of its time finding the few files that hold a rule's name.  For a
directory, `git grep --no-index -L -I -F` walks and searches it in threads, the same
engine as the `git grep -l -F` a person would run, and lists every *text file it read
that holds none of the tokens*.  Exactly those files are skipped unread; everything else
our own walk finds (files that hold a token, binary files, files git could not read,
symlinks, anything git did not list) goes on to the Python path, which reads it, reports
binary files and read errors, and applies the exact per-rule check.

Sound by construction: a file is skipped only when git named it as searched and free of
every token, which is the very test Prefilter.may_match applies.  When git is missing,
stops early, or a suffix cannot be written as a pathspec, no file is skipped here
(the caller falls back to GNU grep batches or to reading every file).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Iterable, Iterator, Sequence

Item = tuple[str, "str | None"]
_GLOB = set("*?[]\\:!")


def git_binary() -> str | None:
    """The git executable, or None (COCOLINT_NO_GREP set or git not installed)."""
    if os.environ.get("COCOLINT_NO_GREP"):
        return None
    return shutil.which("git")


def pathspecs(suffixes: Sequence[str]) -> list[str] | None:
    """`*.c`-style pathspecs for the suffixes, or None if one cannot be written as a plain glob."""
    if not suffixes or any(not s or _GLOB & set(s) for s in suffixes):
        return None
    return ["*" + s for s in suffixes]


class GitGrepSplit:
    """Decides, in walk order, which files under the given directories must be read."""

    def __init__(self, tokens: Sequence[bytes], git: str, roots: Iterable[str], specs: list[str],
                 threads: int = 0) -> None:
        # longest root first, so a nested root owns its own files; "." (no prefix to go by) last
        self.roots = sorted({r for r in roots if r and r != "/"}, key=lambda r: (r != ".", len(r)), reverse=True)
        fd, self.patterns = tempfile.mkstemp(prefix="cocolint-tokens-")
        with os.fdopen(fd, "wb") as f:
            f.write(b"\n".join(sorted(set(tokens))) + b"\n")
        self._runs = {root: _Run(git, root, self.patterns, specs, threads) for root in self.roots}

    def close(self) -> None:
        """Stop any git still running and remove the pattern file."""
        for run in self._runs.values():
            run.close()
        try:
            os.unlink(self.patterns)
        except OSError:
            pass

    def split(self, items: Iterable[Item]) -> Iterator[tuple[Item, bool]]:
        """Each item with True if it must be read in Python, False if git vouched it holds no token."""
        for item in items:
            path, error = item
            if error is not None:
                yield item, True
                continue
            for root in self.roots:
                rel = _relative(path, root)
                if rel is not None:
                    yield item, not self._runs[root].clean(rel)
                    break
            else:
                yield item, True


def _relative(path: str, root: str) -> str | None:
    if root == ".":
        return path[2:] if path.startswith("./") else (None if path.startswith("/") else path)
    if path.startswith(root) and path[len(root):len(root) + 1] == "/":
        return path[len(root) + 1:]
    return None


class _Run:
    """One `git grep -L` over one directory, read as far as the walk needs."""

    def __init__(self, git: str, root: str, patterns: str, specs: list[str], threads: int) -> None:
        self.listed: set[str] = set()
        self._buf = b""
        self._last = ""  # the last name git printed
        try:
            self.proc: subprocess.Popen[bytes] | None = subprocess.Popen(
                [git, "-c", "grep.fullName=false", "-c", "core.quotePath=false", "grep", "--no-index",
                 "-L", "-I", "-z", "-F", *(["--threads", str(threads)] if threads > 0 else []),
                 "-f", patterns, "--", *specs],
                cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                env={**os.environ, "LC_ALL": "C", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull})
        except (OSError, ValueError):
            self.proc = None  # git cannot run here: nothing is listed, every file is read

    def clean(self, rel: str) -> bool:
        """Whether git listed rel as a text file with no token (reads more output as needed)."""
        # git prints names in byte order (it sorts its walk): once it has printed a later name, rel
        # will not come.  Stopping the wait there is only ever a speed-up: unlisted files are read.
        while rel not in self.listed and self.proc is not None and self._last <= rel:
            self._read()
        if rel in self.listed:
            self.listed.discard(rel)  # the set holds only names the walk has not reached yet
            return True
        return False  # not listed (a token, binary, unreadable, not walked by git, or git failed): read it

    def _read(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
        if chunk:
            # a name counts once its terminating NUL has arrived: git prints it after searching the file
            *names, self._buf = (self._buf + chunk).split(b"\0")
            if names:
                decoded = [os.fsdecode(n) for n in names]
                self.listed.update(decoded)
                self._last = decoded[-1]
            return
        self.proc.wait()
        self.proc.stdout.close()
        self.proc = None

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            if self.proc.stdout is not None:
                self.proc.stdout.close()
            self.proc = None
