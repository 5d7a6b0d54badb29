"""On Debian's real trees: the big-damage files of issue 4 read cleanly, and not-C files are recognised."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocolint.kernelc.filekind import not_c
from cocolint.kernelc.health import measure_file

TREES = Path.home() / ".cache" / "cocolint" / "trees"
TREE = TREES / "linux-source-6.1"
# one file per class: bare-operator arguments and #define inside a table, a statement macro,
# asm templates built by macros, member-list macros, nested bitfield macros, table fragments
# (one with a leading comment, one at byte 0), register tables, loops closed by a macro
READ_NOW = [
    "kernel/bpf/core.c", "lib/test_bpf.c", "lib/siphash.c", "arch/riscv/kvm/tlb.c",
    "include/acpi/actbl2.h", "drivers/acpi/acpica/amlresrc.h", "drivers/usb/host/octeon-hcd.h",
    "arch/mips/include/asm/octeon/cvmx-pciercx-defs.h", "tools/perf/arch/x86/tests/insn-x86-dat-64.c",
    "tools/testing/selftests/bpf/verifier/ref_tracking.c", "drivers/pinctrl/renesas/pfc-r8a7791.c",
    "lib/raid6/sse2.c",
]
NOT_C = ["arch/arm64/include/asm/assembler.h", "arch/x86/entry/calling.h", "include/asm-generic/vmlinux.lds.h"]
C_WITH_ASSEMBLER_ARMS = ["arch/x86/include/asm/alternative.h", "arch/arm64/include/asm/alternative-macros.h",
                         "include/linux/linkage.h", "arch/alpha/include/asm/xor.h", "arch/x86/include/asm/nospec-branch.h"]

pytestmark = [pytest.mark.kernel, pytest.mark.slow]


def _source(rel: str) -> tuple[Path, bytes]:
    path = TREE / rel
    if not path.is_file():
        pytest.skip(f"{TREE} is not unpacked (scripts/kernel_source.py fetches it)")
    return path, path.read_bytes()


@pytest.mark.parametrize("rel", READ_NOW)
def test_big_damage_file_is_read(rel: str) -> None:
    path, source = _source(rel)
    raw = measure_file(path, source, normalised=False)
    h = measure_file(path, source)
    assert raw.error_ratio > 0.05
    assert h.error_ratio < 0.005, f"{rel}: {h.error_ratio:.2%} of bytes still in ERROR nodes"
    assert h.functions >= raw.functions


@pytest.mark.parametrize("rel", NOT_C)
def test_not_c_files_are_recognised(rel: str) -> None:
    path, source = _source(rel)
    assert not_c(source, rel) is not None


@pytest.mark.parametrize("rel", C_WITH_ASSEMBLER_ARMS)
def test_c_headers_with_assembler_arms_stay_c(rel: str) -> None:
    path, source = _source(rel)
    assert not_c(source, rel) is None
