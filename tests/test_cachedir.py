"""Cache files are keyed by build: a writer that starts a new file removes other builds' stale ones."""

from __future__ import annotations

import os
import time
from pathlib import Path

from cocolint import cachedir
from cocolint.pattern import qcache

OLD = time.time() - cachedir.STALE_SECONDS - 3600


def _files(d: Path, names: list[str], mtime: float | None = None) -> None:
    d.mkdir(parents=True, exist_ok=True)
    for n in names:
        (d / n).write_text("x")
        if mtime is not None:
            os.utime(d / n, (mtime, mtime))


def test_prune_removes_only_stale_matching_files_other_than_the_kept_one(tmp_path: Path) -> None:
    _files(tmp_path, ["queries-ok-a.txt", "queries-ok-keep.txt", "other.txt", "queries-ok-b.log"], OLD)
    _files(tmp_path, ["queries-ok-fresh.txt"])
    (tmp_path / "queries-ok-dir.txt").mkdir()
    os.utime(tmp_path / "queries-ok-dir.txt", (OLD, OLD))
    removed = cachedir.prune(str(tmp_path), str(tmp_path / "queries-ok-keep.txt"), prefix="queries-ok-", suffix=".txt")
    assert removed == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "other.txt", "queries-ok-b.log", "queries-ok-dir.txt", "queries-ok-fresh.txt", "queries-ok-keep.txt"]


def test_prune_of_a_missing_directory_is_quiet(tmp_path: Path) -> None:
    assert cachedir.prune(str(tmp_path / "nowhere"), "x") == 0


def test_a_new_query_cache_file_prunes_other_builds(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("COCOLINT_NO_QUERY_CACHE", raising=False)
    monkeypatch.setattr(qcache, "_known", None)
    monkeypatch.setattr(qcache, "_added", set())
    d = tmp_path / "cocolint"
    _files(d, ["queries-ok-old-build.txt"], OLD)
    _files(d, ["queries-ok-recent-build.txt"])
    qcache.remember("(identifier) @x")
    names = sorted(p.name for p in d.iterdir())
    assert "queries-ok-old-build.txt" not in names and "queries-ok-recent-build.txt" in names
    assert Path(qcache._file()).name in names  # this build's file was written


def test_store_writes_whole_files_and_prunes_only_when_it_starts_one(tmp_path: Path) -> None:
    d = tmp_path / "c"
    _files(d, ["old-build.marshal"], OLD)
    target = d / "this-build.marshal"
    cachedir.store(str(target), b"one", suffix=".marshal")
    assert target.read_bytes() == b"one" and not (d / "old-build.marshal").exists()
    _files(d, ["older-build.marshal"], OLD)
    cachedir.store(str(target), b"two", suffix=".marshal")  # rewriting an existing file prunes nothing
    assert target.read_bytes() == b"two" and (d / "older-build.marshal").exists()
    assert sorted(p.name for p in d.iterdir()) == ["older-build.marshal", "this-build.marshal"]  # no temporaries


def test_store_where_nothing_can_be_written_is_quiet(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cachedir.store(str(blocker / "sub" / "entry"), b"data")  # its directory cannot exist
    assert blocker.read_text() == "x"


def test_store_prunes_a_directory_once_per_process(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cachedir, "_pruned", set())
    scans = []
    real = cachedir.prune
    monkeypatch.setattr(cachedir, "prune", lambda *a, **k: scans.append(a[0]) or real(*a, **k))
    d = tmp_path / "rules"
    _files(d, ["stale-entry"], OLD)
    for name in ("new-1", "new-2", "new-3"):  # a run storing many new entries (every rule after an upgrade)
        cachedir.store(str(d / name), b"x")
    assert scans == [str(d)]
    assert sorted(p.name for p in d.iterdir()) == ["new-1", "new-2", "new-3"]  # the stale one went, once
    cachedir.store(str(tmp_path / "other" / "new"), b"x")  # another directory is pruned on its own
    assert scans == [str(d), str(tmp_path / "other")]
