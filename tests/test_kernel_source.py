"""scripts/kernel_source.py on a small hand-made linux-source .deb: cache layout, reuse, download retry, safety."""

from __future__ import annotations

import io
import os
import stat
import sys
import tarfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import kernel_source as ks  # noqa: E402

PKG = "linux-source-9.9"
DEB = f"{PKG}_9.9.1-1_all.deb"
TREE = {
    "Makefile": "# SPDX-License-Identifier: GPL-2.0\nVERSION = 9\nPATCHLEVEL = 9\nSUBLEVEL = 1\n",
    "MAINTAINERS": "HYPER-V\n",
    "arch/x86/mm/pat/set_memory.c": "int set_memory_decrypted(unsigned long addr, int numpages);\n",
    "arch/x86/hyperv/ivm.c": "void hv_vtom_init(void)\n{\n}\n",
    "drivers/hv/ring_buffer.c": "int hv_ringbuffer_init(void);\n",
    "fs/namei.c": "int vfs_create(void);\n",
}


def _tar(files: dict[str, bytes], mode: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o644
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _ar(members: list[tuple[str, bytes]]) -> bytes:
    out = [b"!<arch>\n"]
    for name, data in members:
        out.append(f"{name:<16}{0:<12}{0:<6}{0:<6}{'100644':<8}{len(data):<10}`\n".encode())
        out.append(data + (b"\n" if len(data) % 2 else b""))
    return b"".join(out)


def make_deb(path: Path, tree: dict[str, str] = TREE, pkg: str = PKG) -> Path:
    """A .deb laid out like Debian's linux-source packages (usr/src/<pkg>.tar.xz inside)."""
    inner = _tar({f"{pkg}/{k}": v.encode() for k, v in tree.items()}, "w:xz")
    data = _tar({f"./usr/src/{pkg}.tar.xz": inner, f"./usr/share/doc/{pkg}/copyright": b"GPL-2.0\n"}, "w:xz")
    control = _tar({"./control": f"Package: {pkg}\nVersion: 9.9.1-1\nArchitecture: all\n".encode()}, "w:xz")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_ar([("debian-binary", b"2.0\n"), ("control.tar.xz", control), ("data.tar.xz", data)]))
    return path


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture(params=["tools", "python"])
def tools(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Unpack with dpkg-deb and xz, or with Python alone (as on a machine without them)."""
    if request.param == "python":
        real = ks.shutil.which
        monkeypatch.setattr(ks.shutil, "which", lambda name: None if name in ("dpkg-deb", "xz") else real(name))
    elif not ks.shutil.which("dpkg-deb"):
        pytest.skip("dpkg-deb is not installed here; the python variant covers this machine")
    return request.param


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_subtrees_are_unpacked_alone_and_reused(cache: Path, tools: str) -> None:
    make_deb(cache / "debs" / DEB)
    log: list[str] = []
    root = ks.kernel_tree("9.9", ["arch/x86/", "drivers/hv"], cache=cache, log=log.append)
    assert root == cache / "parts" / f"{PKG}_9.9.1-1" / root.name
    assert _files(root) == {"Makefile", "MAINTAINERS", ks.MANIFEST, "arch/x86/mm/pat/set_memory.c",
                            "arch/x86/hyperv/ivm.c", "drivers/hv/ring_buffer.c"}
    assert (root / ks.MANIFEST).read_text().split() == ["arch/x86", "drivers/hv"]
    assert len(log) == 1 and "unpacking" in log[0]
    # the same set, or a part of it, comes from the cache without unpacking
    assert ks.kernel_tree("9.9", ["drivers/hv", "arch/x86"], cache=cache, log=log.append) == root
    assert ks.kernel_tree("9.9", ["arch/x86/mm"], cache=cache, log=log.append) == root
    assert len(log) == 1
    other = ks.kernel_tree("9.9", ["fs"], cache=cache, log=log.append)
    assert other != root and _files(other) == {"Makefile", "MAINTAINERS", ks.MANIFEST, "fs/namei.c"}
    assert not list((cache / "tmp").iterdir())


def test_full_tree_is_keyed_by_package_version(cache: Path, tools: str) -> None:
    make_deb(cache / "debs" / DEB)
    root = ks.kernel_tree("9.9", full=True, cache=cache, log=lambda m: None)
    assert root == cache / "trees" / f"{PKG}_9.9.1-1"
    assert _files(root) == set(TREE)
    # a full tree also serves every subtree request
    assert ks.kernel_tree("9.9", ["fs"], cache=cache, log=lambda m: None) == root


def test_a_tree_unpacked_by_hand_is_reused_only_if_its_version_matches(cache: Path) -> None:
    make_deb(cache / "debs" / DEB)
    legacy = cache / "trees" / PKG
    legacy.mkdir(parents=True)
    (legacy / "Makefile").write_text("VERSION = 9\nPATCHLEVEL = 9\nSUBLEVEL = 1\n")
    assert ks.kernel_tree("9.9", ["drivers/hv"], cache=cache) == legacy
    (legacy / "Makefile").write_text("VERSION = 9\nPATCHLEVEL = 9\nSUBLEVEL = 0\n")
    assert ks.kernel_tree("9.9", ["drivers/hv"], cache=cache, log=lambda m: None) != legacy


def test_the_newest_cached_version_wins(cache: Path) -> None:
    make_deb(cache / "debs" / f"{PKG}_9.9.1-1~deb12u1_all.deb", {**TREE, "fs/namei.c": "old\n"})
    make_deb(cache / "debs" / DEB)
    make_deb(cache / "debs" / f"{PKG}_9.9.0-5_all.deb", {**TREE, "fs/namei.c": "older\n"})
    root = ks.kernel_tree("9.9", ["fs"], cache=cache, log=lambda m: None)
    assert root.parent.name == f"{PKG}_9.9.1-1"
    assert (root / "fs/namei.c").read_text() == TREE["fs/namei.c"]


def test_debian_version_order() -> None:
    order = ["6.1.170-3", "6.1.192-1", "6.1.192-2~deb12u1", "6.1.192-2", "6.1.192-10", "6.12.1-1", "1:5.0-1"]
    for a, b in zip(order, order[1:]):
        assert ks.compare_versions(a, b) == -1 and ks.compare_versions(b, a) == 1
    assert ks.compare_versions("6.1.192-2", "6.1.192-2") == 0
    assert ks.upstream_version("6.12.117-1~deb12u1") == "6.12.117"


def test_a_missing_subtree_is_one_error_and_leaves_nothing_behind(cache: Path, tools: str) -> None:
    make_deb(cache / "debs" / DEB)
    with pytest.raises(ks.KernelSourceError, match="nosuch/dir"):
        ks.kernel_tree("9.9", ["arch/x86", "nosuch/dir"], cache=cache, log=lambda m: None)
    assert not (cache / "parts").exists() or not any((cache / "parts").rglob("*"))
    assert not list((cache / "tmp").iterdir())


def test_work_left_by_a_killed_run_is_cleared(cache: Path) -> None:
    make_deb(cache / "debs" / DEB)
    stale = cache / "tmp" / f"{PKG}.unpack.abc123" / PKG / "arch"
    stale.mkdir(parents=True)
    other = cache / "tmp" / "linux-source-9.10.unpack.xyz"  # another package's run: not ours to clear
    other.mkdir(parents=True)
    ks.kernel_tree("9.9", ["fs"], cache=cache, log=lambda m: None)
    assert sorted(p.name for p in (cache / "tmp").iterdir()) == [other.name]


def test_bad_requests_are_refused(cache: Path) -> None:
    for bad in (["../etc"], ["/arch/x86/../.."], [""]):
        with pytest.raises(ks.KernelSourceError, match="inside the tree"):
            ks.kernel_tree("9.9", bad, cache=cache)
    with pytest.raises(ks.KernelSourceError, match="not of the form"):
        ks.kernel_tree("6", ["fs"], cache=cache)
    with pytest.raises(ks.KernelSourceError, match="subtrees"):
        ks.kernel_tree("9.9", [], cache=cache)


def test_a_broken_deb_is_one_error(cache: Path, tools: str) -> None:
    (cache / "debs").mkdir(parents=True)
    (cache / "debs" / DEB).write_bytes(b"!<arch>\nthis is not a package")
    with pytest.raises(ks.KernelSourceError, match=DEB):
        ks.kernel_tree("9.9", ["fs"], cache=cache, log=lambda m: None)


def _fake_apt(bindir: Path, deb: Path, update_ok: bool = True) -> Path:
    """An apt-get whose download fails until `update` has run (as when Debian moved the package)."""
    calls = bindir / "calls"
    bindir.mkdir(parents=True, exist_ok=True)
    script = bindir / "apt-get"
    script.write_text(f"""#!/bin/sh
echo "$@" >> {calls}
case "$1" in
update) {'touch ' + str(bindir / 'updated') if update_ok else 'echo "E: could not open lock file" >&2; exit 100'} ;;
download)
  if [ -e {bindir / 'updated'} ]; then cp {deb} "./{DEB}"; else echo "E: Can't find a source to download version '9.9.1-0' of '$2:all'" >&2; exit 100; fi ;;
esac
""")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return calls


def test_download_runs_apt_get_update_once_then_retries(cache: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    built = make_deb(tmp_path / "built" / DEB)
    calls = _fake_apt(tmp_path / "bin", built)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(ks, "_updated", False)
    root = ks.kernel_tree("9.9", ["drivers/hv"], cache=cache, log=lambda m: None)
    assert calls.read_text().splitlines() == [f"download {PKG}", "update", f"download {PKG}"]
    assert (cache / "debs" / DEB).read_bytes() == built.read_bytes()
    assert (root / "drivers/hv/ring_buffer.c").is_file()
    # everything is cached now: apt is not asked again
    ks.kernel_tree("9.9", ["drivers/hv"], cache=cache, log=lambda m: None)
    assert len(calls.read_text().splitlines()) == 3


def test_a_failing_apt_get_update_is_one_error(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_apt(tmp_path / "bin", make_deb(tmp_path / "built" / DEB), update_ok=False)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(ks, "_updated", False)
    with pytest.raises(ks.KernelSourceError, match="apt-get update failed: E: could not open lock file"):
        ks.kernel_tree("9.9", ["fs"], cache=cache, log=lambda m: None)
    assert not (cache / "debs").exists() or not list((cache / "debs").iterdir())


def test_command_line_prints_the_root(cache: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    make_deb(cache / "debs" / DEB)
    monkeypatch.setenv("COCOLINT_CACHE", str(cache))
    assert ks.main(["9.9", "--subtrees", "drivers/hv"]) == 0
    out, err = capsys.readouterr()
    assert Path(out.strip()) == ks.kernel_tree("9.9", ["drivers/hv"]) and "unpacking" in err
    assert ks.main(["9.9", "--subtrees", "nosuch"]) == 1
    assert capsys.readouterr().err.strip().endswith("linux-source-9.9/nosuch: Not found in archive")
