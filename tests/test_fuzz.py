"""Mutated kernel-style C thrown at the engine directly: no internal error of any kind may escape."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_helpers import make_rule
from cocolint.engine.matcher import Matcher
from cocolint.ruleset import load_rules

SEEDS = [
    b"static void *hv_map(void *addr, unsigned long size)\n{\n\tunsigned long *pfns;\n\tint i;\n\n"
    b"\tfor (i = 0; i < size / PAGE_SIZE; i++)\n\t\tpfns[i] = vmalloc_to_pfn(addr + i * PAGE_SIZE) +\n"
    b"\t\t\t(ms_hyperv.shared_gpa_boundary >> PAGE_SHIFT);\n\treturn vmap_pfn(pfns, size / PAGE_SIZE, PAGE_KERNEL_IO);\n}\n",
    b"static int __set_memory_enc_dec(unsigned long addr, int numpages, bool enc)\n{\n"
    b"\tif (hv_is_isolation_supported())\n\t\treturn hv_set_mem_host_visibility(addr, numpages, !enc);\n"
    b"\treturn __set_memory_enc_pgtable(addr, numpages, enc);\n}\n",
    b"#define SHARED_PA(x) ((x) | ms_hyperv.shared_gpa_boundary)\n#ifdef CONFIG_AMD_MEM_ENCRYPT\n"
    b"static int __init sev_probe(struct device *dev)\n{\n\tstruct foo *p = kzalloc(sizeof(*p), GFP_KERNEL);\n"
    b"\tlist_for_each_entry(p, &head, list) {\n\t\tp->pte |= _PAGE_ENC;\n\t}\n\treturn 0;\n}\n#endif\n",
    b"void __init hv_vtom_init(void)\n{\n\tcc_set_mask(ms_hyperv.shared_gpa_boundary);\n"
    b"\tphysical_mask &= ms_hyperv.shared_gpa_boundary - 1;\n\tx86_platform.guest.enc_status_change_finish = f;\n}\n",
]
ALPHABET = b"(){}[];,|&+-*/<>=!~^%#\\\"'\n\t \r\x00\xff\xc3$._aZ09"
NAMES = [b"ms_hyperv", b"shared_gpa_boundary", b"hv_is_isolation_supported", b"kzalloc", b"cc_set_mask", b"if", b"{"]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A seed with byte-level edits: deletions, insertions, duplicated slices, rule names dropped in."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 12))):
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "name", "flip"]))
        pos = draw(st.integers(0, len(data)))
        if op == "delete":
            del data[pos:pos + draw(st.integers(1, 20))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8)) if draw(st.booleans()) else \
                bytes(draw(st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=8)))
        elif op == "duplicate":
            end = min(len(data), pos + draw(st.integers(1, 200)))
            data[pos:pos] = data[pos:end] * draw(st.integers(1, 30))
        elif op == "name":
            data[pos:pos] = draw(st.sampled_from(NAMES))
        elif data and pos < len(data):
            data[pos] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


_MATCHER: list[Matcher] = []


def _matcher(tmp: Path) -> Matcher:
    """One Matcher for every example: queries compile once, as in a real run."""
    if not _MATCHER:
        rules = [*load_rules(), make_rule(tmp, "kzalloc-call", "patterns = ['kzalloc($...ARGS)']"),
                 make_rule(tmp, "raw-any-call", "queries = ['((call_expression) @match)']")]
        _MATCHER.append(Matcher(rules))
    return _MATCHER[0]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=mutated(), path=st.sampled_from(["arch/x86/mm/pat/set_memory.c", "drivers/hv/x.c", "x.h"]))
def test_mutated_c_never_raises(tmp_path: Path, source: bytes, path: str) -> None:
    result = _matcher(tmp_path).match(path, source)
    lines = source.count(b"\n") + 1
    for f in result.findings:  # positions stay inside the file
        assert 1 <= f.line <= f.end_line <= lines
        assert f.column >= 1 and (f.end_line, f.end_column) >= (f.line, f.column)
