"""`cocolint patch` on Debian's real kernel trees, with patches written at test time from the tree's text.

A patch that brings `pa | ms_hyperv.shared_gpa_boundary` back into drivers/hv on 6.12 must be
reported as new; one that removes the Hyper-V special case from __set_memory_enc_dec() on 6.1 as
fixed. Code is found by function and text, never by line number, and no kernel code is committed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from patchgen import format_patch

from cocolint.cli import main

pytestmark = pytest.mark.kernel
PROJECT = Path(__file__).resolve().parents[1]
SUBTREES = ("drivers/hv", "arch/x86/mm")


def kernel_tree(version: str) -> Path:
    """The tree's needed subtrees, fetched and cached by scripts/kernel_source.py."""
    sys.path.insert(0, str(PROJECT / "scripts"))
    import kernel_source

    return kernel_source.kernel_tree(version, SUBTREES)


def function_text(source: str, name: str) -> re.Match[str]:
    """The one definition of a function: from its header line to the closing brace at column 0."""
    found = list(re.finditer(rf"^[^\n;{{}}]*\b{re.escape(name)}\([^;{{]*\)\n\{{\n.*?^\}}\n", source, re.M | re.S))
    assert len(found) == 1, f"{name}() defined {len(found)} times"
    return found[0]


def run_patch(capsys, tree: Path, patch: Path) -> tuple[int, dict, str]:
    code = main(["patch", "--tree", str(tree), "--format", "json", str(patch)])
    out = capsys.readouterr().out
    main(["patch", "--tree", str(tree), str(patch)])  # the text form, shown with -s
    print(capsys.readouterr().out)
    return code, json.loads(out)["patches"][0], out


def test_612_reintroducing_the_vtom_bit_in_drivers_hv_is_new(tmp_path, capsys):
    tree = kernel_tree("6.12")
    # the first single-line `x = virt_to_phys(...);` in drivers/hv gets the vTOM bit OR-ed in by hand
    for path in sorted(p.relative_to(tree).as_posix() for p in (tree / "drivers/hv").glob("*.c")):
        old = (tree / path).read_text()
        m = re.search(r"^(\t+)(\S[^\n=]*) = (virt_to_phys\([^;\n]*\));$", old, re.M)
        if m:
            break
    else:
        pytest.fail("no `x = virt_to_phys(...);` line in drivers/hv")
    line = old.count("\n", 0, m.start()) + 1
    new = old[:m.start()] + f"{m[1]}{m[2]} = {m[3]} |\n{m[1]}\t\tms_hyperv.shared_gpa_boundary;" + old[m.end():]
    patch = tmp_path / "0001-Drivers-hv-Map-above-vTOM.patch"
    patch.write_text(format_patch(path, old, new, "Drivers: hv: Use the shared alias above vTOM"))
    mtime = (tree / path).stat().st_mtime_ns

    code, result, _ = run_patch(capsys, tree, patch)
    assert code == 1
    assert result["applied"] and result["fixed"] == []
    by_rule = {f["rule"]: f for f in result["new"]}
    hand = by_rule["vtom-boundary-applied-by-hand"]
    assert (hand["path"], hand["line"]) == (path, line)
    assert hand["source_line"].strip() == f"{m[2]} = {m[3]} |"
    assert (tree / path).stat().st_mtime_ns == mtime  # the tree is read, never written


def test_61_removing_the_set_memory_enc_dec_special_case_is_fixed(tmp_path, capsys):
    tree = kernel_tree("6.1")
    path = "arch/x86/mm/pat/set_memory.c"
    old = (tree / path).read_text()
    fn = function_text(old, "__set_memory_enc_dec")
    special = re.search(r"\tif \(hv_is_isolation_supported\(\)\)\n\t\treturn hv_set_mem_host_visibility\([^;]*\);\n\n?",
                        fn[0])
    assert special, "__set_memory_enc_dec() has no Hyper-V special case in this tree"
    start = fn.start() + special.start()
    line = old.count("\n", 0, start) + 1
    new = old[:start] + old[fn.start() + special.end():]
    patch = tmp_path / "0001-x86-mm-Drop-the-Hyper-V-special-case.patch"
    patch.write_text(format_patch(path, old, new, "x86/mm: Leave host visibility to the enc_status_change callbacks"))

    code, result, _ = run_patch(capsys, tree, patch)
    assert code == 0
    assert result["applied"] and result["new"] == []
    fixed = [(f["rule"], f["function"], f["line"]) for f in result["fixed"]]
    assert ("hyperv-check-in-set-memory-path", "__set_memory_enc_dec", line) in fixed
    assert all(f["function"] == "__set_memory_enc_dec" for f in result["fixed"])
