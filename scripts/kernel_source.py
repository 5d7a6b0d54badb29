#!/usr/bin/env python3
"""Fetch Debian's linux-source-<ver> package and unpack its kernel tree (or only some subtrees) into a cache.

Cache layout (COCOLINT_CACHE, default ~/.cache/cocolint):
    debs/linux-source-6.1_6.1.192-2_all.deb    the package, as `apt-get download` names it
    trees/linux-source-6.1_6.1.192-2/          a full tree, keyed by exact package version
    trees/linux-source-6.1/                    a full tree unpacked by hand: reused when its
                                               Makefile has the package's upstream version
    parts/linux-source-6.1_6.1.192-2/<key>/    a partial tree: some subtrees plus the top-level
                                               Makefile and MAINTAINERS (cocolint's root marker);
                                               .cocolint-subtrees in it lists what it holds
    tmp/, locks/                               work in progress; a per-package lock
Everything is unpacked into tmp/ and renamed into place, so an interrupted run leaves no partial tree.
"""

from __future__ import annotations

import argparse
import fcntl
import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Callable, Iterator, Sequence
from urllib.parse import unquote

MANIFEST = ".cocolint-subtrees"
ROOT_FILES = ("Makefile", "MAINTAINERS")
_VERSION_RE = re.compile(r"^\d+\.\d+$")
_updated = False  # `apt-get update` runs at most once per process

Log = Callable[[str], None]


class KernelSourceError(Exception):
    """Something the user can act on (no apt, no such package, a missing subtree): one line."""


def _stderr(msg: str) -> None:
    print(f"kernel_source: {msg}", file=sys.stderr, flush=True)


def cache_dir() -> Path:
    """The cache root: $COCOLINT_CACHE, or ~/.cache/cocolint."""
    return Path(os.environ.get("COCOLINT_CACHE") or Path.home() / ".cache" / "cocolint")


def package_name(version: str) -> str:
    """linux-source-<version>, for a version such as 6.1 or 6.12."""
    if not _VERSION_RE.match(version):
        raise KernelSourceError(f"kernel version {version!r} is not of the form 6.1 or 6.12")
    return f"linux-source-{version}"


# --- Debian versions ------------------------------------------------------------------------------

def _order(c: str) -> int:
    if c == "~":
        return -1
    if c.isalpha():
        return ord(c)
    return ord(c) + 256


def _compare_part(a: str, b: str) -> int:
    """dpkg's comparison of an upstream version or revision string."""
    while a or b:
        na = re.match(r"[^0-9]*", a).group()
        nb = re.match(r"[^0-9]*", b).group()
        for i in range(max(len(na), len(nb))):
            ca = _order(na[i]) if i < len(na) else 0
            cb = _order(nb[i]) if i < len(nb) else 0
            if ca != cb:
                return -1 if ca < cb else 1
        a, b = a[len(na):], b[len(nb):]
        da = re.match(r"[0-9]*", a).group()
        db = re.match(r"[0-9]*", b).group()
        if int(da or 0) != int(db or 0):
            return -1 if int(da or 0) < int(db or 0) else 1
        a, b = a[len(da):], b[len(db):]
    return 0


def compare_versions(a: str, b: str) -> int:
    """Compare two Debian versions the way dpkg does: -1, 0 or 1."""
    def split(v: str) -> tuple[int, str, str]:
        epoch, _, rest = v.partition(":") if ":" in v else ("0", "", v)
        upstream, _, revision = rest.rpartition("-") if "-" in rest else (rest, "", "0")
        return int(epoch or 0), upstream, revision

    ea, ua, ra = split(a)
    eb, ub, rb = split(b)
    if ea != eb:
        return -1 if ea < eb else 1
    return _compare_part(ua, ub) or _compare_part(ra, rb)


def upstream_version(version: str) -> str:
    """6.1.192-2 -> 6.1.192; 6.12.117-1~deb12u1 -> 6.12.117."""
    rest = version.split(":", 1)[-1]
    return rest.rsplit("-", 1)[0] if "-" in rest else rest


# --- the cache --------------------------------------------------------------------------------------

@contextmanager
def _locked(cache: Path, pkg: str) -> Iterator[None]:
    """Hold the package's lock; clear the work of runs that were interrupted."""
    (cache / "locks").mkdir(parents=True, exist_ok=True)
    with open(cache / "locks" / f"{pkg}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        tmp = cache / "tmp"
        if tmp.is_dir():
            for stale in tmp.glob(f"{pkg}.*"):  # only the lock holder writes here
                shutil.rmtree(stale, ignore_errors=True)
        yield


def _deb_version(deb: Path) -> str:
    parts = unquote(deb.name).split("_")
    if len(parts) != 3:
        raise KernelSourceError(f"{deb}: not named like <package>_<version>_<arch>.deb")
    return parts[1]


def _cached_versions(cache: Path, pkg: str) -> dict[str, Path | None]:
    """Versions present in the cache, with their .deb (None when only unpacked trees remain)."""
    found: dict[str, Path | None] = {}
    for d in (cache / "trees", cache / "parts"):
        if d.is_dir():
            for entry in d.glob(f"{pkg}_*"):
                found.setdefault(entry.name.split("_", 1)[1], None)
    if (cache / "debs").is_dir():
        for deb in (cache / "debs").glob(f"{pkg}_*.deb"):
            found[_deb_version(deb)] = deb
    return found


def _full_tree(cache: Path, pkg: str, version: str) -> Path | None:
    tree = cache / "trees" / f"{pkg}_{version}"
    if (tree / "Makefile").is_file():
        return tree
    legacy = cache / "trees" / pkg
    if _makefile_version(legacy / "Makefile") == upstream_version(version):
        return legacy
    return None


def _makefile_version(makefile: Path) -> str | None:
    try:
        head = makefile.read_text(errors="replace")[:2000]
    except OSError:
        return None
    fields = dict(re.findall(r"^(VERSION|PATCHLEVEL|SUBLEVEL)\s*=\s*(\d+)", head, re.M))
    if len(fields) != 3:
        return None
    return f"{fields['VERSION']}.{fields['PATCHLEVEL']}.{fields['SUBLEVEL']}"


def _partial_tree(cache: Path, pkg: str, version: str, subtrees: Sequence[str]) -> Path | None:
    base = cache / "parts" / f"{pkg}_{version}"
    if not base.is_dir():
        return None
    for tree in sorted(base.iterdir()):
        try:
            held = (tree / MANIFEST).read_text().split()
        except OSError:
            continue
        if all(any(s == h or s.startswith(h + "/") for h in held) for s in subtrees):
            return tree
    return None


def normalise_subtrees(subtrees: Sequence[str]) -> list[str]:
    """Tree-relative directories without trailing slashes; no absolute paths or '..'."""
    out = []
    for s in subtrees:
        s = s.strip().strip("/")
        if not s or s.startswith("/") or ".." in s.split("/"):
            raise KernelSourceError(f"subtree {s!r} must be a path inside the tree, such as arch/x86")
        out.append(s)
    # a subtree inside another one adds nothing
    return sorted(s for s in set(out) if not any(s.startswith(o + "/") for o in out))


# --- downloading ------------------------------------------------------------------------------------

def _apt(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["apt-get", *args], cwd=cwd, capture_output=True, text=True)
    except FileNotFoundError:
        raise KernelSourceError("apt-get not found: these tests need Debian's linux-source packages "
                                "(or a cache that already holds them; see COCOLINT_CACHE)") from None


def _last_line(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
    return lines[-1] if lines else f"exit status {proc.returncode}"


def download_deb(cache: Path, pkg: str, log: Log = _stderr) -> Path:
    """apt-get download pkg into debs/; on failure run apt-get update once and try again."""
    global _updated
    debs = cache / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    (cache / "tmp").mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{pkg}.download.", dir=cache / "tmp"))
    work.chmod(0o755)  # apt's _apt user may then download without the "unsandboxed" notice
    try:
        log(f"apt-get download {pkg}")
        proc = _apt(["download", pkg], work)
        if proc.returncode != 0 and not _updated:
            log(f"download failed ({_last_line(proc)}); running apt-get update and trying again")
            upd = _apt(["update"], work)
            _updated = True
            if upd.returncode != 0:
                raise KernelSourceError(f"apt-get update failed: {_last_line(upd)}"
                                        + ("" if os.geteuid() == 0 else " (it needs root)"))
            proc = _apt(["download", pkg], work)
        if proc.returncode != 0:
            raise KernelSourceError(f"apt-get download {pkg} failed: {_last_line(proc)}")
        got = sorted(work.glob(f"{pkg}_*.deb"))
        if len(got) != 1:
            raise KernelSourceError(f"apt-get download {pkg} left {len(got)} .deb files, expected one")
        final = debs / got[0].name
        os.replace(got[0], final)
        return final
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- unpacking --------------------------------------------------------------------------------------

class _Bounded:
    """A read-only view of `size` bytes of a file from its current position."""

    def __init__(self, fh: IO[bytes], size: int) -> None:
        self.fh, self.left = fh, size

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        data = self.fh.read(n)
        self.left -= len(data)
        return data


def _ar_member(fh: IO[bytes], prefix: str, deb: Path) -> tuple[str, _Bounded]:
    """Find the first member of an ar archive (a .deb) whose name starts with prefix."""
    if fh.read(8) != b"!<arch>\n":
        raise KernelSourceError(f"{deb}: not a Debian package (no ar header)")
    while True:
        header = fh.read(60)
        if len(header) < 60:
            raise KernelSourceError(f"{deb}: no {prefix}* member")
        name = header[:16].decode("ascii", "replace").strip().rstrip("/")
        size = int(header[48:58].decode("ascii").strip())
        if name.startswith(prefix):
            return name, _Bounded(fh, size)
        fh.seek(size + (size & 1), os.SEEK_CUR)


@contextmanager
def _data_tar(deb: Path) -> Iterator[tarfile.TarFile]:
    """The package's file-system tarball, streamed: from dpkg-deb, or read by Python if it is missing."""
    if shutil.which("dpkg-deb"):
        proc = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        try:
            with tarfile.open(fileobj=proc.stdout, mode="r|") as tf:
                yield tf
        except tarfile.TarError as exc:
            proc.kill()
            err = (proc.communicate()[1] or b"").decode("utf-8", "replace").strip().splitlines()
            raise KernelSourceError(f"{deb}: cannot read: {(err or [str(exc)])[-1]}") from None
        finally:
            proc.kill()
            proc.communicate()
        return
    with open(deb, "rb") as fh:
        name, member = _ar_member(fh, "data.tar", deb)
        if name.endswith(".zst"):
            raise KernelSourceError(f"{deb}: {name} needs dpkg-deb (Python cannot read zstd)")
        try:
            with tarfile.open(fileobj=member, mode="r|*") as tf:  # type: ignore[call-overload]
                yield tf
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise KernelSourceError(f"{deb}: cannot read {name}: {exc}") from None


@contextmanager
def inner_tarball(deb: Path, pkg: str) -> Iterator[IO[bytes]]:
    """The usr/src/<pkg>.tar.xz inside the package, as a stream."""
    with _data_tar(deb) as tf:
        for member in tf:
            if member.isfile() and member.name.lstrip("./") == f"usr/src/{pkg}.tar.xz":
                stream = tf.extractfile(member)
                assert stream is not None
                yield stream
                return
    raise KernelSourceError(f"{deb}: no usr/src/{pkg}.tar.xz inside")


def _untar(stream: IO[bytes], dest: Path, members: list[str], what: str) -> None:
    """Feed an .xz tarball to tar (xz -T0 when available: the tarball has many blocks)."""
    base = ["tar", "-x", "-f", "-", "-C", str(dest), "--no-same-owner"]
    if shutil.which("xz"):
        cmd, feed = base + ["-I", "xz -T0", *members], (lambda chunk: chunk)
    else:  # decompress in Python (one core)
        import lzma

        cmd, feed = base + members, lzma.LZMADecompressor().decompress
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None
    try:
        while chunk := stream.read(1 << 20):
            proc.stdin.write(feed(chunk))
        proc.stdin.close()
    except BrokenPipeError:
        pass
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.wait() != 0:
        lines = [ln for ln in err.splitlines() if ln.strip()]
        missing = [ln for ln in lines if "Not found in archive" in ln]
        raise KernelSourceError(f"unpacking {what} failed: {(missing or lines or ['tar failed'])[0]}")


def unpack(deb: Path, pkg: str, final: Path, cache: Path, subtrees: Sequence[str] | None, log: Log = _stderr) -> Path:
    """Unpack the tree (or only subtrees) into tmp/, then rename it to final in one step."""
    (cache / "tmp").mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{pkg}.unpack.", dir=cache / "tmp"))
    try:
        members = None if subtrees is None else [f"{pkg}/{s}" for s in (*ROOT_FILES, *subtrees)]
        log(f"unpacking {deb.name}: " + ("the full tree" if members is None else " ".join(subtrees or ())))
        with inner_tarball(deb, pkg) as stream:
            _untar(stream, work, members or [], deb.name)
        root = work / pkg
        if not (root / "Makefile").is_file():
            raise KernelSourceError(f"{deb}: the tarball has no {pkg}/Makefile")
        if subtrees is not None:
            (root / MANIFEST).write_text("\n".join(subtrees) + "\n")
        final.parent.mkdir(parents=True, exist_ok=True)
        os.rename(root, final)
        return final
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- the entry point --------------------------------------------------------------------------------

def kernel_tree(version: str, subtrees: Sequence[str] = (), full: bool = False,
                cache: Path | None = None, log: Log = _stderr) -> Path:
    """The root of a cached linux-source-<version> tree that holds at least subtrees (all of it if full).

    Uses the newest version in the cache; downloads only when nothing usable is cached.
    """
    pkg = package_name(version)
    cache = cache or cache_dir()
    wanted = normalise_subtrees(subtrees)
    if not full and not wanted:
        raise KernelSourceError("name the subtrees to unpack, or ask for the full tree")
    with _locked(cache, pkg):
        known = _cached_versions(cache, pkg)
        if known:
            ver = max(known, key=functools.cmp_to_key(compare_versions))
            deb = known[ver]
        else:
            deb = download_deb(cache, pkg, log)
            ver = _deb_version(deb)
        tree = _full_tree(cache, pkg, ver) or (None if full else _partial_tree(cache, pkg, ver, wanted))
        if tree is not None:
            return tree
        if deb is None:  # only trees were cached, and not the ones asked for
            deb = download_deb(cache, pkg, log)
            ver = _deb_version(deb)
        if full:
            return unpack(deb, pkg, cache / "trees" / f"{pkg}_{ver}", cache, None, log)
        key = hashlib.sha256("\n".join(wanted).encode()).hexdigest()[:12]
        return unpack(deb, pkg, cache / "parts" / f"{pkg}_{ver}" / key, cache, wanted, log)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the tree's root directory on stdout."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                epilog="Prints the root of the unpacked tree. Cache: $COCOLINT_CACHE "
                                       "or ~/.cache/cocolint.")
    p.add_argument("version", help="kernel series, e.g. 6.1 or 6.12 (Debian package linux-source-<version>)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--subtrees", nargs="+", metavar="DIR", help="unpack only these directories")
    what.add_argument("--full", action="store_true", help="unpack the whole tree")
    args = p.parse_args(argv)
    try:
        print(kernel_tree(args.version, args.subtrees or (), full=args.full))
    except KernelSourceError as exc:
        _stderr(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        _stderr("interrupted (nothing half-unpacked is left behind)")
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
