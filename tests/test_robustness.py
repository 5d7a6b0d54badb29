"""Nothing breaks a run: odd files get one line each, the other files' findings survive, exit status 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from audit_helpers import make_rule, run_cli
from cocolint.engine.matcher import Matcher
from cocolint.engine.parallel import check_paths_parallel
from cocolint.ruleset import load_rules

GOOD = "static void f(void)\n{\n\tpa = virt_to_phys(p) | ms_hyperv.shared_gpa_boundary;\n}\n"


def _check(paths: list[Path], jobs: int = 1) -> dict[str, tuple[list, str | None]]:
    out = {}
    for r in check_paths_parallel(load_rules(), paths, jobs=jobs):
        out[r.path] = ([(f.line, f.column, f.rule) for f in r.findings], r.error and str(r.error))
    return out


@pytest.fixture
def odd_tree(tmp_path: Path) -> Path:
    t = tmp_path / "tree"
    t.mkdir()
    (t / "good.c").write_text(GOOD)
    (t / "binary.c").write_bytes(bytes(range(256)) * 64)
    (t / "nul.c").write_bytes(GOOD.encode().replace(b"\n}", b"\n\0}"))
    (t / "empty.c").write_bytes(b"")
    (t / "broken.c").symlink_to(t / "missing.c")
    (t / "loop-a.c").symlink_to(t / "loop-b.c")
    (t / "loop-b.c").symlink_to(t / "loop-a.c")
    (t / "dir.c").mkdir()  # a directory named like a C file is walked, not read
    (t / "dir.c" / "inner.c").write_text(GOOD)
    (t / "sub").mkdir()
    (t / "sub" / "up").symlink_to(t, target_is_directory=True)  # a directory symlink loop
    # Unreadable even for root (tests run as root, so chmod 000 proves nothing): /proc/self/mem
    # opens, but reading offset 0 of a process's own address space fails with EIO.
    (t / "unreadable.c").symlink_to("/proc/self/mem")
    os.mkfifo(t / "fifo.c")  # reading a FIFO with no writer would block forever
    return t


@pytest.mark.parametrize("jobs", [1, 2])
def test_odd_files_get_one_line_each(odd_tree: Path, jobs: int) -> None:
    res = _check([odd_tree, odd_tree / "no-such-dir"], jobs)
    t = odd_tree.as_posix()
    assert res[f"{t}/good.c"] == ([(3, 7, "vtom-boundary-applied-by-hand")], None)  # the read inside is superseded
    assert res[f"{t}/dir.c/inner.c"][0] == res[f"{t}/good.c"][0]
    assert res[f"{t}/empty.c"] == ([], None)
    assert "binary file (NUL byte)" in res[f"{t}/binary.c"][1]
    assert res[f"{t}/nul.c"][1].startswith(f"{t}/nul.c:4: error: binary file")
    assert "cannot read: No such file or directory" in res[f"{t}/broken.c"][1]
    assert "cannot read: Too many levels of symbolic links" in res[f"{t}/loop-a.c"][1]
    assert "cannot read: Input/output error" in res[f"{t}/unreadable.c"][1]
    assert "not a regular file, not checked" in res[f"{t}/fifo.c"][1]
    assert "no such file or directory" in res[f"{t}/no-such-dir"][1]
    assert not any(p.startswith(f"{t}/sub/up/") for p in res)  # the loop was walked once
    assert f"{t}/dir.c" not in res


def test_cli_reports_each_problem_on_one_line_and_exits_2(odd_tree: Path) -> None:
    r = run_cli("check", "-j2", odd_tree, odd_tree / "nope.c")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    errors = [line for line in r.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 8  # binary, nul, broken, loop-a, loop-b, unreadable, fifo, nope.c
    assert all(line.split(":")[0].startswith(odd_tree.as_posix()) for line in errors)
    assert r.stdout.count("[vtom-boundary-applied-by-hand]") == 2  # good.c and dir.c/inner.c


def test_invalid_utf8_and_crlf_keep_columns_right(tmp_path: Path) -> None:
    # a Latin-1 comment (invalid UTF-8) before the code on the same line counts one column per byte
    src = b"void f(void)\r\n{\r\n\t/* caf\xe9 */ pa = x | ms_hyperv.shared_gpa_boundary;\r\n}\r\n"
    f = tmp_path / "latin1.c"
    f.write_bytes(src)
    [r] = list(check_paths_parallel(load_rules(), [f], jobs=1))
    assert r.error is None
    vtom = [x for x in r.findings if x.rule == "vtom-boundary-applied-by-hand"]
    assert [(x.line, x.column) for x in vtom] == [(3, 18)]
    assert vtom[0].source_line == "\t/* caf\ufffd */ pa = x | ms_hyperv.shared_gpa_boundary;"  # no stray \r


DEEP = {
    "parentheses": "int x = " + "(" * 100_000 + "ms_hyperv.shared_gpa_boundary | y" + ")" * 100_000 + ";\n",
    "parentheses-60k": "int x = " + "(" * 60_000 + "ms_hyperv.shared_gpa_boundary | y" + ")" * 60_000 + ";\n",
    "sum": "void f(void)\n{\n\tx = " + " + ".join(["a"] * 50_000) + " + kzalloc(n, GFP_KERNEL);\n}\n",
    "blocks": "void f(void) {\n" + "if (a) {\n" * 20_000 + "x = kzalloc(y, z) | ms_hyperv.shared_gpa_boundary;\n"
              + "}\n" * 20_000 + "}\n",
}


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_deep_nesting_is_no_internal_error(tmp_path: Path, shape: str) -> None:
    rules = [*load_rules(), make_rule(tmp_path / "rules", "kzalloc-call", "patterns = ['kzalloc($...ARGS)']")]
    src = DEEP[shape].encode()
    # called directly, so no isolation can hide a RecursionError
    found = Matcher(rules).match("drivers/x/deep.c", src).findings
    where = {(f.rule, f.line, f.function) for f in found}
    if shape == "sum":
        assert where == {("kzalloc-call", 3, "f")}
    if shape == "blocks":
        assert where >= {("kzalloc-call", 20_002, "f"), ("vtom-boundary-applied-by-hand", 20_002, "f")}
    if shape == "parentheses-60k":
        assert ("vtom-boundary-applied-by-hand", 1, None) in where
    # deeper than 65,535 levels tree-sitter's query cursor (16-bit start depths) stops matching:
    # "parentheses" (100,000) must only run without an internal error


@pytest.mark.slow
def test_a_30_mb_generated_header_is_checked(tmp_path: Path) -> None:
    rule = make_rule(tmp_path / "rules", "reg-mask", "patterns = ['$X | REG_SHARED_MASK']")
    lines = [f"#define mmREG_{i:06d}_OFFSET 0x{i:05x}\n#define mmREG_{i:06d}_MASK 0x{i * 7 & 0xffffff:08x}L\n"
             for i in range(420_000)]
    lines.insert(210_000, "static inline u32 reg_share(u32 v) { return v | REG_SHARED_MASK; }\n")
    f = tmp_path / "asic_reg.h"
    f.write_text("".join(lines))
    assert f.stat().st_size > 30_000_000
    [r] = list(check_paths_parallel([rule], [f], jobs=1))
    assert r.error is None and r.parsed
    assert [(x.line, x.rule) for x in r.findings] == [(420_001, "reg-mask")]
