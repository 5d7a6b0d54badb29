"""cocolint on Debian's real linux-source-6.1 and 6.12 trees: the known sites, by file, function and code.

The trees come from scripts/kernel_source.py (downloaded once with apt-get, cached, only the
subtrees below unpacked). Sites are found by function name and by their code, never by line
number: Debian point releases move lines. Deselect with `-m "not kernel"` on a machine without apt.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import kernel_source  # noqa: E402

pytestmark = pytest.mark.kernel

SUBTREES = ["arch/x86", "drivers/hv", "drivers/net/hyperv", "include", "kernel/dma"]
SPECIAL_CASE = "hyperv-check-in-set-memory-path"
BY_HAND = "vtom-boundary-applied-by-hand"
DIRECT_USE = "shared-gpa-boundary-direct-use"
IMPLEMENTING = re.compile(r"^arch/x86/coco/|^arch/x86/mm/mem_encrypt[^/]*\.c$")
# the coco core implements the wrappers (quiet for the hand-arithmetic rules), but a Hyper-V
# vendor case in it is exactly the special case the first rule family reports
SPECIAL_CASE_RULE = "hyperv-check-in-set-memory-path"


@dataclass
class Run:
    """One `cocolint check --format json` over SUBTREES of a tree."""

    root: Path
    findings: list[dict]
    summary: dict

    def at(self, path: str, lines: tuple[int, int], rule: str | None = None) -> list[dict]:
        """Findings in path whose lines overlap lines (first, last), optionally of one rule."""
        first, last = lines
        return [f for f in self.findings if f["path"] == path and f["line"] <= last and f["end_line"] >= first
                and (rule is None or f["rule"] == rule)]

    def in_function(self, path: str, function: str) -> list[dict]:
        """Findings whose enclosing function is function."""
        return [f for f in self.findings if f["path"] == path and f["function"] == function]


def cocolint(root: Path, *options: str) -> Run:
    """Run the CLI as a user would, in the tree's root, with relative paths."""
    proc = subprocess.run([sys.executable, "-m", "cocolint", "check", "--format", "json", *options, *SUBTREES],
                          cwd=root, capture_output=True, text=True)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, f"exit {proc.returncode}: {proc.stderr}"
    doc = json.loads(proc.stdout)
    assert doc["version"] == 1
    assert doc["errors"] == [], doc["errors"]
    assert [ln for ln in proc.stderr.splitlines() if "error:" in ln] == []
    assert doc["summary"]["files"] > 5000  # the subtrees are really there
    return Run(root, doc["findings"], doc["summary"])


def function_lines(root: Path, path: str, function: str) -> tuple[int, int]:
    """First and last line of a function definition, found by name in kernel layout (`{`, `}` at column 0)."""
    source = (root / path).read_text(encoding="utf-8", errors="replace")
    head = re.search(rf"^[A-Za-z_][^;{{}}]*?\b{re.escape(function)}\((?:[^;{{}}])*?\)[^;{{}}]*?\n\{{", source, re.M)
    assert head, f"{path}: no definition of {function}() (the test needs updating for this tree)"
    end = source.find("\n}", head.end())
    return source.count("\n", 0, head.start()) + 1, source.count("\n", 0, end) + 2


def sites(root: Path, path: str, code: str, function: str | None = None) -> list[tuple[int, int]]:
    """(first, last) lines of each match of the regex code, in function (or anywhere in path)."""
    source = (root / path).read_text(encoding="utf-8", errors="replace")
    lo, hi = function_lines(root, path, function) if function else (1, source.count("\n") + 1)
    found = []
    for m in re.finditer(code, source):
        first, last = source.count("\n", 0, m.start()) + 1, source.count("\n", 0, m.end()) + 1
        if lo <= first and last <= hi:
            found.append((first, last))
    assert found, f"{path}: {code!r} not found{' in ' + function + '()' if function else ''} (update the test)"
    return found


@pytest.fixture(scope="module")
def tree61() -> Path:
    return kernel_source.kernel_tree("6.1", SUBTREES)


@pytest.fixture(scope="module")
def tree612() -> Path:
    return kernel_source.kernel_tree("6.12", SUBTREES)


@pytest.fixture(scope="module")
def run61(tree61: Path) -> Run:
    """6.1 with the default options: what users see."""
    return cocolint(tree61)


@pytest.fixture(scope="module")
def strict61(tree61: Path) -> Run:
    return cocolint(tree61, "--min-confidence", "low")


@pytest.fixture(scope="module")
def strict612(tree612: Path) -> Run:
    """6.12 with every rule, at every confidence."""
    return cocolint(tree612, "--min-confidence", "low")


# --- 6.1: the code before the conversion -------------------------------------------------------------

FLAGGED_61 = [
    # (file, function, the code, the rule that must report it)
    ("arch/x86/mm/pat/set_memory.c", "__set_memory_enc_dec",
     r"if \(hv_is_isolation_supported\(\)\)\s*return hv_set_mem_host_visibility\(", SPECIAL_CASE),
    ("arch/x86/hyperv/ivm.c", "hv_map_memory", r"\(ms_hyperv\.shared_gpa_boundary >> PAGE_SHIFT\)", BY_HAND),
    ("drivers/hv/ring_buffer.c", "hv_ringbuffer_init", r"PFN_DOWN\(ms_hyperv\.shared_gpa_boundary\)", BY_HAND),
    ("arch/x86/kernel/cpu/mshyperv.c", "ms_hyperv_init_platform",
     r"swiotlb_unencrypted_base = ms_hyperv\.shared_gpa_boundary;", DIRECT_USE),
]


@pytest.mark.parametrize("path,function,code,rule", FLAGGED_61, ids=[s[1] for s in FLAGGED_61])
def test_61_known_sites_are_flagged(run61: Run, path: str, function: str, code: str, rule: str) -> None:
    for lines in sites(run61.root, path, code, function):
        hits = run61.at(path, lines, rule)
        assert hits, f"{path}:{lines[0]} in {function}() is not reported by {rule}"
        assert all(f["function"] == function for f in hits), hits


@pytest.mark.parametrize("strict", ["strict61", "strict612"])
def test_the_field_declaration_is_not_flagged(request: pytest.FixtureRequest, strict: str) -> None:
    run: Run = request.getfixturevalue(strict)
    path = "include/asm-generic/mshyperv.h"
    for lines in sites(run.root, path, r"\bu64\s+shared_gpa_boundary;"):
        assert run.at(path, lines) == []


@pytest.mark.parametrize("strict", ["strict61", "strict612"])
def test_the_boundary_computation_is_not_flagged(request: pytest.FixtureRequest, strict: str) -> None:
    run: Run = request.getfixturevalue(strict)
    path = "arch/x86/kernel/cpu/mshyperv.c"
    for lines in sites(run.root, path, r"ms_hyperv\.shared_gpa_boundary\s*=[^=;]*;", "ms_hyperv_init_platform"):
        assert run.at(path, lines) == [], "the assignment that computes the boundary is flagged"


def test_61_a_read_beside_the_computation_is_flagged(strict61: Run) -> None:
    # 6.1's ms_hyperv_init_platform computes the boundary and, a few lines on, reads it
    path = "arch/x86/kernel/cpu/mshyperv.c"
    assert DIRECT_USE in [f["rule"] for f in strict61.in_function(path, "ms_hyperv_init_platform")]


def test_61_nothing_in_the_implementing_code(strict61: Run) -> None:
    assert (strict61.root / "arch/x86/coco").is_dir() and list(strict61.root.glob("arch/x86/mm/mem_encrypt*.c"))
    assert [f for f in strict61.findings if IMPLEMENTING.search(f["path"]) and f["rule"] != SPECIAL_CASE_RULE] == []


def test_61_hyperv_vendor_case_in_the_coco_core_is_flagged(strict61: Run) -> None:
    # removed upstream by "x86/hyperv: Change vTOM handling to use standard coco mechanisms"
    (site,) = sites(strict61.root, "arch/x86/coco/core.c", r"case CC_VENDOR_HYPERV:", "cc_platform_has")
    assert strict61.at("arch/x86/coco/core.c", site, SPECIAL_CASE_RULE)


def test_61_findings_name_their_function(run61: Run) -> None:
    # every coco site in these subtrees sits inside a function body
    assert [f for f in run61.findings if not f["function"]] == []


# --- 6.12: the converted code ---------------------------------------------------------------------------

@pytest.mark.parametrize("path,function", [
    ("arch/x86/mm/pat/set_memory.c", "__set_memory_enc_dec"),
    ("arch/x86/hyperv/ivm.c", "hv_vtom_init"),
])
def test_612_converted_functions_are_clean(strict612: Run, path: str, function: str) -> None:
    lines = function_lines(strict612.root, path, function)
    assert strict612.at(path, lines) == [] and strict612.in_function(path, function) == []


def test_612_nothing_in_the_implementing_code(strict612: Run) -> None:
    assert [f for f in strict612.findings if IMPLEMENTING.search(f["path"])] == []


LEFTOVERS_612 = [
    # deliberate upstream choices that a strict rule still reports (accept them with a suppression)
    ("drivers/hv/connection.c", "vmbus_try_connection_id",
     r"virt_to_phys\(vmbus_connection\.monitor_pages\[[01]\]\) \|\s*ms_hyperv\.shared_gpa_boundary"),
    ("drivers/hv/hv.c", "hv_synic_enable_regs", r"&\s*~ms_hyperv\.shared_gpa_boundary"),
    ("arch/x86/hyperv/hv_init.c", "hyperv_init_ghcb", r"&= ~ms_hyperv\.shared_gpa_boundary"),
]


@pytest.mark.parametrize("path,function,code", LEFTOVERS_612, ids=[s[0] for s in LEFTOVERS_612])
def test_612_deliberate_leftovers_are_reported_by_strict_rules(strict612: Run, path: str, function: str,
                                                                code: str) -> None:
    found = sites(strict612.root, path, code, function)
    if path.endswith("connection.c"):
        assert len(found) == 2  # monitor pages 1 and 2
    for lines in found:
        hits = strict612.at(path, lines, BY_HAND)
        assert hits and all(f["function"] == function for f in hits), f"{path}:{lines[0]} not reported"
