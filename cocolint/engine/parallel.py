"""Check many files in worker processes: streamed, in discovery order, bounded, and a crash costs one file.

The parent discovers files and hands out chunks; each worker builds its Matcher once and
answers with the results of a chunk.  Results are yielded in discovery order whatever the
number of workers, and only a few chunks are in flight or waiting, so memory does not
grow with the tree.  A worker that dies (a signal, the OOM killer, a crash in C code) is
replaced; the files of its chunk are retried one by one, and a file that kills a worker
on its own becomes one error line, never a lost run.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from pathlib import Path

from cocolint.engine import run as engine
from cocolint.engine.files import DEFAULT_SUFFIXES
from cocolint.engine.findings import FileError
from cocolint.engine.matcher import Matcher, Pending
from cocolint.engine.source import SourceError, binary_at, read_source
from cocolint.engine.suppress import MARKER as DIRECTIVE_MARKER
from cocolint.engine.walk import walk
from cocolint.record import dataclass, field
from cocolint.ruleset.model import Rule

CHUNK = 48  # files per task: enough to make IPC cheap, small enough to balance
SETTLED_AHEAD = 256  # chunks grep settled that may wait behind a parsing worker (about 12,000 paths)
IN_PROCESS_MAX = 8  # runs this small never start a worker (one-file latency)
Item = tuple[str, "str | None"]  # (path, discovery error)
SKIPPED = "\0skipped by grep"  # in place of a discovery error: the pre-filter's answer is known without reading
TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, Iterator

    from multiprocessing.connection import Connection


@dataclass
class Progress:
    """What the run has done so far (read by a progress display)."""

    discovered: int = 0
    discovery_done: bool = False
    done: int = 0
    findings: int = 0
    workers: int = 0


@dataclass(frozen=True)
class RunOptions:
    """How a check run reads its files (the command line's -j, --no-prefilter, --ext, --quiet)."""

    jobs: int = 0  # 0: all cores
    prefilter: bool = True
    suffixes: tuple[str, ...] = DEFAULT_SUFFIXES
    progress: bool = True  # a progress bar when stderr is a terminal
    exhaustive: bool = False  # every query over every node (the reference for anchored matching)


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _check_item(matcher: Matcher, item: Item) -> engine.FileResult:
    return engine.finish_file(matcher, *engine.prepare_file(matcher, *_begin_item(matcher, item)))


def _begin_item(matcher: Matcher, item: Item) -> tuple[engine.FileResult, Pending | None]:
    path, error = item
    if error == SKIPPED:  # grep vouched that the file holds no anchor, marker or NUL: not read
        return engine.FileResult(path, directives=False), None
    if error is not None:
        return engine.FileResult(path, error=FileError(path, error)), None
    # the common case, without building a Path: a readable text file no rule can match
    try:
        source = read_source(path)
    except SourceError:
        source = None  # check_file reports it
    if source is not None and binary_at(source) < 0 and DIRECTIVE_MARKER not in source \
            and not matcher.may_match(source):
        return engine.FileResult(path, directives=False), None
    return engine.begin_file(matcher, Path(path), source)  # read once


def _check_items(matcher: Matcher, items: Iterable[Item]) -> Iterator[engine.FileResult]:
    """Each item's result, in order: prepared a batch at a time before parsing (engine.in_batches)."""
    return engine.in_batches(matcher, (_begin_item(matcher, item) for item in items))


def _interesting(r: engine.FileResult) -> bool:
    return bool(r.findings) or r.error is not None or r.parsed or r.directives is not False


# --- worker side ------------------------------------------------------------------------------

_matcher: Matcher | None = None


def _worker(conn: "Connection", rules: list[Rule] | None, prefilter: bool, exhaustive: bool = False) -> None:
    """Answer (key, items) with (key, [(index, result) for files worth sending]) until None."""
    import signal  # only in a worker (start-up time)

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    matcher = _matcher if rules is None and _matcher is not None else Matcher(rules or [], prefilter, exhaustive=exhaustive)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        key, items = task
        out = []
        for i, r in enumerate(_check_items(matcher, items)):
            if _interesting(r):
                out.append((i, r))
        conn.send((key, out))


# --- parent side ------------------------------------------------------------------------------

@dataclass
class _Worker:
    process: Any  # multiprocessing.Process (imported only when a pool starts)
    conn: Connection
    task: tuple[object, list[Item]] | None = None


@dataclass
class _Chunk:
    items: list[Item]
    results: list[engine.FileResult | None] = field(default_factory=list)
    missing: int = 0  # retried single files not answered yet


class Pool:
    """A fixed set of worker processes that survives the death of any of them."""

    def __init__(self, matcher: Matcher, rules: list[Rule], prefilter: bool, jobs: int) -> None:
        global _matcher
        import multiprocessing

        import cocolint.kernelc.filekind
        import cocolint.kernelc.views  # noqa: F401 - loaded once before the workers fork, not in each

        try:
            self.ctx = multiprocessing.get_context("fork")
            _matcher, self.args = matcher, (None, prefilter, matcher.exhaustive)  # inherited: no rule loading
        except ValueError:
            self.ctx = multiprocessing.get_context()
            self.args = (rules, prefilter, matcher.exhaustive)  # sent once per worker
        self.workers: list[_Worker] = []
        for _ in range(jobs):
            self.workers.append(self._start())

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=_worker, args=(child, *self.args), daemon=True)
        p.start()
        child.close()
        return _Worker(p, parent)

    def close(self) -> None:
        """Stop every worker (politely, then firmly)."""
        for w in self.workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in self.workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            w.conn.close()
        self.workers = []


def _chunks(found: Iterable[tuple[str, str | None]], progress: Progress,
            skip: Callable[[Path], bool] | None) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for path, error in found:
        if skip is not None and error is None and skip(Path(path)):
            continue
        progress.discovered += 1
        chunk.append((path, error))
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
    progress.discovery_done = True


def check_paths_parallel(rules: list[Rule], paths: Iterable[Path], jobs: int | None = None, *,
                         prefilter: bool = True, suffixes: tuple[str, ...] = DEFAULT_SUFFIXES,
                         skip: Callable[[Path], bool] | None = None,
                         progress: Progress | None = None, exhaustive: bool = False) -> Iterator[engine.FileResult]:
    """Every file's result, in discovery order, checked by up to jobs processes (default: all cores)."""
    progress = progress if progress is not None else Progress()
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    matcher = Matcher(rules, prefilter and not exhaustive, exhaustive=exhaustive)
    paths = list(paths)
    split, regular = _candidate_search(matcher, paths, suffixes, jobs)
    found: Iterable[Item] = walk(paths, suffixes, regular)
    if split is not None:
        try:
            yield from _with_grep(matcher, rules, prefilter, jobs, split, found, skip, progress)
        finally:
            split.close()
        return
    yield from _check_found(matcher, rules, prefilter, jobs, found, skip, progress)


def _candidate_search(matcher: Matcher, paths: list[Path], suffixes: tuple[str, ...],
                      jobs: int) -> tuple[Any, set[str] | None]:
    """What lists the files worth reading (git grep for directories, else GNU grep batches, else None),
    and the set the walk fills with the regular files it sees (only GNU grep batches need it)."""
    tokens = _grep_tokens(matcher)
    if tokens is None:
        return None, None
    roots = [Path(p).as_posix() for p in paths if os.path.isdir(p)]
    if not roots:
        return None, None  # files named one by one (an editor, pre-commit) are read anyway: a search costs more
    from cocolint.engine import gitgrep

    git, specs = gitgrep.git_binary(), gitgrep.pathspecs(suffixes)
    if git is not None and specs is not None:
        # binary files are never listed by `git grep -I -L`, so they are read and reported without a NUL token
        return gitgrep.GitGrepSplit([t for t in tokens if t != b"\0"], git, roots, specs, threads=jobs), None
    from cocolint.engine.grepfilter import GrepSplit, gnu_grep

    grep = gnu_grep()
    if grep is None:
        return None, None
    regular: set[str] = set()
    return GrepSplit(tokens, grep, regular), regular


def _grep_tokens(matcher: Matcher) -> list[bytes] | None:
    """What grep must look for so that an unlisted file is one _check_item would skip unread, or None."""
    pf = matcher.prefilter
    if not matcher.rules or pf.always or not pf.anchors:
        return None
    return [*pf.anchors, DIRECTIVE_MARKER, b"\0"]


def _with_grep(matcher: Matcher, rules: list[Rule], prefilter: bool, jobs: int, split: Any,
               found: Iterable[Item], skip: Callable[[Path], bool] | None,
               progress: Progress) -> Iterator[engine.FileResult]:
    """Only files grep lists (or cannot vouch for) are read; the rest flow on as SKIPPED items, in order."""
    def kept() -> Iterator[Item]:
        for path, error in found:
            if skip is None or error is not None or not skip(Path(path)):
                yield path, error

    def marked() -> Iterator[Item]:
        for item, read in split.split(kept()):
            yield item if read else (item[0], SKIPPED)

    yield from _check_found(matcher, rules, prefilter, jobs, marked(), None, progress)


def _check_found(matcher: Matcher, rules: list[Rule], prefilter: bool, jobs: int, found: Iterable[Item],
                 skip: Callable[[Path], bool] | None, progress: Progress) -> Iterator[engine.FileResult]:
    chunks = _chunks(found, progress, skip)
    first: list[list[Item]] = []
    for c in chunks:
        first.append(c)
        if sum(map(len, first)) > IN_PROCESS_MAX:
            break
    if jobs == 1 or sum(map(len, first)) <= IN_PROCESS_MAX:
        for r in _check_items(matcher, (item for c in (*first, *chunks) for item in c)):
            _count(progress, r)
            yield r
        return
    yield from _run_pool(matcher, rules, prefilter, jobs, first, chunks, progress)


def _count(progress: Progress, r: engine.FileResult) -> None:
    progress.done += 1
    progress.findings += len(r.findings)


def _run_pool(matcher: Matcher, rules: list[Rule], prefilter: bool, jobs: int, first: list[list[Item]],
              rest: Iterator[list[Item]], progress: Progress) -> Iterator[engine.FileResult]:
    pool = Pool(matcher, rules, prefilter, jobs)
    progress.workers = jobs
    source = itertools.chain(first, rest)
    pending: dict[int, _Chunk] = {}
    queue: deque[tuple[object, list[Item]]] = deque()  # tasks not yet sent (retries go first)
    next_id, emit = 0, 0
    exhausted = False
    settled_ids: set[int] = set()  # pending chunks grep settled (no worker needed)
    try:
        while True:
            # keep every worker busy, with a bounded number of chunks between discovery and output
            # chunks grep settled cost a few paths each: many may wait behind one a worker still parses
            while not exhausted and len(pending) - len(settled_ids) < 4 * jobs and len(pending) < 4 * jobs + SETTLED_AHEAD:
                c = next(source, None)
                if c is None:
                    exhausted = True
                    break
                if all(e == SKIPPED for _, e in c):  # nothing for a worker to do
                    pending[next_id] = _Chunk(c, [_check_item(matcher, item) for item in c])
                    settled_ids.add(next_id)
                else:
                    pending[next_id] = _Chunk(c, [None] * len(c))
                    queue.append((next_id, c))
                next_id += 1
            for w in pool.workers:
                if w.task is None and queue:
                    w.task = queue.popleft()
                    w.conn.send(w.task)
            while emit in pending and pending[emit].missing == 0 and all(
                    r is not None for r in pending[emit].results) and _idle_for(pool, emit):
                chunk = pending.pop(emit)
                settled_ids.discard(emit)
                for r in chunk.results:
                    _count(progress, r)
                    yield r
                emit += 1
            if exhausted and not pending:
                return
            if any(w.task is not None for w in pool.workers) or queue:
                _collect(pool, pending, queue)  # else: only chunks grep settled, emitted above
    finally:
        pool.close()


def _idle_for(pool: Pool, key: int) -> bool:
    """True when no worker still holds (part of) chunk key."""
    return all(w.task is None or _chunk_of(w.task[0]) != key for w in pool.workers)


def _chunk_of(key: object) -> int:
    return key[0] if isinstance(key, tuple) else key  # type: ignore[index,return-value]


def _collect(pool: Pool, pending: dict[int, _Chunk], queue: deque[tuple[object, list[Item]]]) -> None:
    """Wait for answers or deaths; file answers into their chunks, retry what a dead worker held."""
    from multiprocessing.connection import wait

    busy = [w for w in pool.workers if w.task is not None]
    if not busy:
        return  # everything answered: the caller emits and refills
    ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
    for w in list(busy):
        if w.conn in ready:
            try:
                key, out = w.conn.recv()
            except (EOFError, OSError):
                _replace(pool, w, pending, queue)
                continue
            _file(pending, key, out)
            w.task = None
        elif w.process.sentinel in ready:
            _replace(pool, w, pending, queue)


def _file(pending: dict[int, _Chunk], key: object, out: list[tuple[int, engine.FileResult]]) -> None:
    chunk = pending[_chunk_of(key)]
    if isinstance(key, tuple):  # a retried single file
        _, index = key
        chunk.results[index] = out[0][1] if out else engine.FileResult(chunk.items[index][0], directives=False)
        chunk.missing -= 1
        return
    results = [engine.FileResult(path, directives=False) for path, _ in chunk.items]  # skipped, clean
    for i, r in out:
        results[i] = r
    chunk.results = results


def _replace(pool: Pool, dead: _Worker, pending: dict[int, _Chunk], queue: deque[tuple[object, list[Item]]]) -> None:
    """A worker died holding a task: start another; retry the chunk's files one by one."""
    dead.process.join(timeout=5)
    code = dead.process.exitcode
    dead.conn.close()
    pool.workers[pool.workers.index(dead)] = pool._start()
    key, items = dead.task  # type: ignore[misc]
    chunk = pending[_chunk_of(key)]
    if isinstance(key, tuple):
        _, index = key
        path = chunk.items[index][0]
        how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
        chunk.results[index] = engine.FileResult(
            path, error=FileError(path, f"internal error: the checking process died ({how}) on this file"))
        chunk.missing -= 1
        return
    chunk.results = [None] * len(items)
    chunk.missing = len(items)
    queue.extendleft(reversed([((key, i), [item]) for i, item in enumerate(items)]))
