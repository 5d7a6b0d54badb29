"""The big-damage classes: table fragments, files that are not C, operator and member macros, asm templates."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import ts
from cocolint.engine.run import Summary, check_file, run
from cocolint.engine.matcher import Matcher
from cocolint.kernelc import conditionals, filekind, fragments
from cocolint.kernelc.health import measure_file
from cocolint.kernelc.normalise import normalise
from cocolint.kernelc.prepare import prepare
from cocolint.kernelc.survey import Totals
from cocolint.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "samples" / "kernelc"
EXPECTED = tomllib.loads((CORPUS / "health.toml").read_text())


# ---- every new pass keeps offsets and lines ---------------------------------------------------

@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.[ch]")), ids=lambda p: p.name)
def test_normalised_views_keep_length_and_newlines(path: Path) -> None:
    source = path.read_bytes()
    p = prepare(source, path)
    for text in [p.normalised, p.source] + [t for t, _ in p.alternates()]:
        assert len(text) == len(source)
        assert [i for i, b in enumerate(text) if b == 0x0A] == [i for i, b in enumerate(source) if b == 0x0A]


# ---- table fragments ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    b"/* SPDX-License-Identifier: GPL-2.0 */\n{ 1, 2 },\n{ 3, 4 },\n",
    b"// quirks of the demo bridge, one per line\n[DEMO_A] = 3,\n[DEMO_B] = 5,\n",
    b"/* fields of the demo table, by name */\n.name = \"x\",\n.size = 4,\n",
    b"/* the event names, in order */\nDEMO_EVENT_A,\nDEMO_EVENT_B = 4,\nDEMO_EVENT_C,\n",
    b"/* devices with quirks, in vendor order */\nDEMO_DEV(0x1af4, 0x1000, 0),\nDEMO_DEV(0x1af4, 0x1001, 1),\n",
])
def test_fragments_parse_in_context_and_keep_every_offset(text: bytes) -> None:
    assert fragments.kind(text) is not None
    assert ts.parse(text).root_node.has_error
    p = prepare(text)
    tree = ts.parse(p.source, p.suffix)
    assert not tree.root_node.has_error
    assert len(p.source) == len(text) and p.suffix
    # the nodes of the table sit at their offsets in the file
    leaves = [n for n in _walk(tree.root_node) if not n.children and n.start_byte > text.index(b"\n")]
    inside = [n for n in leaves if n.end_byte <= len(text)]
    assert len(inside) >= 6
    assert all(text[n.start_byte:n.end_byte].strip() for n in inside)
    assert b"".join(text[n.start_byte:n.end_byte] for n in inside) == b"".join(text.split(b"\n", 1)[1].split())


def _walk(node: ts.Node) -> list[ts.Node]:
    return [node] + [d for c in node.children for d in _walk(c)]


@pytest.mark.parametrize("text", [
    b"/* a header */\n#ifndef X_H\n#define X_H\nstruct demo { int a; };\n#endif\n",
    b"// SPDX\nstatic int demo_table[] = { 1, 2 };\n",
    b"/* a C file */\nint demo(void)\n{\n\treturn 0;\n}\n",
    b"/* a list that is a statement */\nDEMO_A, DEMO_B;\n",  # a `;`: not a list of items
    b"/* a macro-made declaration */\nDEFINE_MUTEX(demo_lock);\n",
    b"case 1: return 0;\n",  # the grammar reads case arms at file scope: nothing to do
])
def test_ordinary_files_are_not_fragments(text: bytes) -> None:
    assert fragments.kind(text) is None
    assert prepare(text).suffix == b""


def test_a_fragment_at_byte_zero_has_no_room_and_is_left_alone() -> None:
    text = b"{\n\t\"demo\",\n\t.insns = { 1, 2 },\n},\n"
    p = prepare(text)
    assert p.suffix == b"" and p.source == text


def test_a_test_table_at_byte_zero_opens_in_its_first_description() -> None:
    text = b"{\n\t\"invalid shift of a negative number\",\n\t.insns = { DEMO_MOV(1, 2), DEMO_EXIT() },\n" \
           b"\t.result = REJECT,\n},\n{\n\t\"second\",\n\t.insns = { DEMO_EXIT() },\n},\n"
    assert ts.parse(text).root_node.has_error
    p = prepare(text)
    assert p.suffix and len(p.source) == len(text)
    tree = ts.parse(p.source, p.suffix)
    assert not tree.root_node.has_error
    calls = [text[n.start_byte:n.end_byte] for n in _walk(tree.root_node) if n.type == "call_expression"]
    assert calls == [b"DEMO_MOV(1, 2)", b"DEMO_EXIT()", b"DEMO_EXIT()"]


def test_a_suppression_comment_before_a_fragment_is_kept() -> None:
    text = b"/* cocolint: ignore[shared-gpa-boundary-direct-use] the quirk table of record */\n{ 1, 2 },\n"
    assert prepare(text).suffix == b""


# ---- files that are not C ----------------------------------------------------------------------

def test_assembler_header_is_not_c_but_c_with_an_assembler_arm_is_c() -> None:
    assert filekind.not_c((CORPUS / "asm_header.h").read_bytes()) == filekind.ASSEMBLER
    assert filekind.not_c((CORPUS / "asm_arm.h").read_bytes()) is None


@pytest.mark.parametrize("text", [
    # designated initialisers named like gas directives
    b"static const struct demo_ops ops = {\n\t.size = 4,\n\t.type = 1,\n\t.set = demo_set,\n\t.align = 8,\n};\n",
    # assembler inside C strings, one directive per line
    b"asm(\".text\\n\"\n\"\t.align 3\\n\"\n\"\t.globl demo\\n\"\n\"demo:\\n\");\nint demo_c(void);\n",
    b"__asm__(\"\\\n\t.align 3\\n\\\n\t.ent demo\\n\\\n\t.end demo\\n\\\n\");\nvoid demo(void);\n",
    # assembler only in the arm a C compiler never sees
    b"#ifdef __ASSEMBLY__\n.macro demo\n.endm\n.macro demo2\n.endm\n.text\n#else\nint demo(void);\n#endif\n",
])
def test_c_that_looks_like_assembler_is_c(text: bytes) -> None:
    assert filekind.not_c(text, "arch/demo/include/asm/demo.h") is None


def test_linker_scripts_are_not_c() -> None:
    text = b"SECTIONS {\n\t.demo : {\n\t\t*(.demo.init)\n\t\tKEEP(*(.demo.table))\n\t}\n}\n"
    assert filekind.not_c(text, "arch/demo/kernel/demo.h") == filekind.LINKER_SCRIPT
    assert filekind.not_c(b"/* empty */\n", "arch/demo/include/asm/module.lds.h") == filekind.LINKER_SCRIPT


def test_parse_health_counts_not_c_apart_and_gives_both_figures() -> None:
    t = Totals()
    for name in ("asm_header.h", "asm_arm.h"):
        path = CORPUS / name
        t.add(measure_file(path, path.read_bytes()))
    d = t.to_dict()
    assert d["files"] == 1 and d["not_c_files"] == 1
    assert d["not_c_bytes"] == (CORPUS / "asm_header.h").stat().st_size
    assert d["error_bytes"] == 0 and d["not_c_error_bytes"] > 0
    assert d["error_bytes_ratio_all_files"] > d["error_bytes_ratio"] == 0


def test_parse_health_cli_json_carries_the_not_c_counts() -> None:
    r = subprocess.run([sys.executable, "-m", "cocolint", "parse-health", "--format", "json",
                        str(CORPUS / "asm_header.h"), str(CORPUS / "asm_arm.h")], capture_output=True, text=True)
    totals = json.loads(r.stdout)["totals"]
    assert totals["not_c_files"] == 1 and totals["files"] == 1


def test_check_skips_not_c_files_with_a_count(tmp_path: Path) -> None:
    asm = tmp_path / "arch" / "demo" / "include" / "asm" / "demo-macros.h"
    asm.parent.mkdir(parents=True)
    # an assembler header that names the vTOM boundary: not C, never parsed, counted
    asm.write_bytes((CORPUS / "asm_header.h").read_bytes().replace(
        b"demo_shared_mask", b"ms_hyperv.shared_gpa_boundary"))
    c = tmp_path / "drivers" / "demo" / "demo.c"
    c.parent.mkdir(parents=True)
    c.write_bytes(b"#ifdef __ASSEMBLY__\n.macro m\n.endm\n.text\n.align 3\n#else\n"
                  b"static u64 demo_base(void)\n{\n\treturn ms_hyperv.shared_gpa_boundary;\n}\n#endif\n")
    rules = load_rules([])
    results, summary = run(rules, [tmp_path])
    assert summary.not_c == 1 and summary.files == 2
    assert summary.to_dict()["skipped_not_c"] == 1
    assert [r.path.endswith("demo.c") for r in results if r.findings] == [True]
    one = check_file(Matcher(rules), asm)
    assert one.not_c == filekind.ASSEMBLER and not one.parsed and not one.findings


def test_summary_without_not_c_files_keeps_its_keys() -> None:
    assert "skipped_not_c" not in Summary().to_dict()


# ---- the #if views ---------------------------------------------------------------------------

def test_an_else_nested_in_a_second_arm_is_read() -> None:
    source = (CORPUS / "nested_else.h").read_bytes()
    views = conditionals.analyse(source)
    seen = b"".join(conditionals.view(source, views, i) for i in range(views.count))
    assert seen.count(b"demo_count_bytes") == 1 and seen.count(b"v << 2") == 1
    h = measure_file(CORPUS / "nested_else.h", source)
    assert h.functions == measure_file(CORPUS / "nested_else.h", source, normalised=False).functions == 5


def test_functions_only_in_an_else_arm_are_counted() -> None:
    source = (b"#ifdef CONFIG_DEMO\nint demo_ro(unsigned long a);\n#else\n"
              b"static inline int demo_ro(unsigned long a) { return 0; }\n#endif\n")
    assert measure_file(Path("demo.h"), source).functions == 1


# ---- operator, empty and member macros, asm templates --------------------------------------

@pytest.mark.parametrize("text,changed", [
    (b"\tALU(ADD, +)\n", b"\tALU(ADD, 0)\n"),
    (b"\tOP(or, |=, x)\n", b"\tOP(or, 00, x)\n"),
    (b"\tT(1, <<, 4),\n", b"\tT(1, 00, 4),\n"),
    (b"\tCASE(w,  , acq_, 32)\n", b"\tCASE(w,0 , acq_, 32)\n"),
    (b"\tBUILD(i, 32, )\n", b"\tBUILD(i, 32,0)\n"),
])
def test_operator_and_empty_arguments(text: bytes, changed: bytes) -> None:
    assert normalise(text).source == changed


@pytest.mark.parametrize("text", [
    b"int (*demo)(void) = (void (*)(void))0;\n",
    b"void demo(void) { run( ); }\n",
    b"x = a - b, c = -d;\n",
    b"f(a, -1, !b, ~c, *p, &q);\n",
])
def test_c_operators_stay(text: bytes) -> None:
    assert normalise(text).source == text


def test_member_list_macro_of_another_header_gets_its_semicolon() -> None:
    text = b"struct demo_obj {\n\tACPI_OBJECT_COMMON_HEADER u8 flags;\n};\n"
    assert not ts.parse(normalise(text).source).root_node.has_error


def test_member_macro_in_a_define_body_is_left_to_the_macro_view() -> None:
    text = b"#define DEMO_HDR \\\n\tu8 type; \\\n\tu8 len;\n#define DEMO_ALL \\\n\tDEMO_HDR \\\n\tu8 more;\n"
    assert normalise(text).source == text


def test_asm_operand_macro_keeps_its_arguments() -> None:
    text = b'void f(void)\n{\n\tasm volatile("orb %1,%0" : MASK_ADDR(nr, addr) : "iq" (m));\n}\n'
    out = normalise(text).source
    assert b"( addr)" in out and b"MASK_ADDR" not in out
    assert not ts.parse(out).root_node.has_error


def test_corpus_expectations_for_not_c_files() -> None:
    for name, want in EXPECTED.items():
        if "not-c" in want:
            assert filekind.not_c((CORPUS / name).read_bytes(), name).startswith(want["not-c"])


def test_a_misparse_named_if_is_not_a_function() -> None:
    # raw, the `#ifdef` between `if` and `else` makes tree-sitter read `if (...) {` as a function
    source = (b"static int demo(struct pci_dev *dev)\n{\n\tint r;\n\n\tif (demo_nr(dev->bus))\n\t\tr = -ENOSYS;\n"
              b"#ifdef CONFIG_DEMO\n\telse if (dev->virtfn) {\n\t\tr = 1;\n\t}\n#endif\n\telse\n\t\tr = 2;\n"
              b"\treturn r;\n}\n")
    q = ts.compile_query("(function_definition) @f")
    from cocolint.engine.functions import definition_name
    names = [definition_name(c["f"][0]) for _, c in ts.matches(q, ts.parse(source).root_node)]
    assert "if" in names and "demo" in names
    assert measure_file(Path("demo.c"), source, normalised=False).functions == names.count("demo")
    assert measure_file(Path("demo.c"), source).functions == 1


BIG_DAMAGE_BITS = [
    "/* a table */\n", "{ 1, 2 },\n", "DEMO_DEV(1, \"x\"),\n", "ALU(ADD, +)\n", "CASE(w,  , a)\n", "#define D(x) x;\n",
    "#define M \\\n\tint a; \\\n\tint b;\n", "struct s {\n\tM\n};\n", "__BITFIELD_FIELD(int a : 1,\n", ";))\n",
    "asm volatile(\"x\" F(%0) : G(a) (b) : H(c, d));\n", "} while_each_thread(g, t);\n", "{ R(\"a\", 1) {\n",
    "int p[4] __attribute__((aligned(8))) = {0};\n", "\"desc\",\n", ".f = 1,\n", "[0] = 2,\n", "E,\n",
    "#include \"x.h\"\n", "#undef D\n", "(", ")", ",", "{", "}", "\\\n", "\t", " ", "//x\n", "#ifdef X\n", "#endif\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BIG_DAMAGE_BITS) | st.text(max_size=6), max_size=40))
def test_every_view_keeps_length_and_newlines(parts: list[str]) -> None:
    src = "".join(parts).encode("utf-8", "surrogatepass")
    p = prepare(src)
    lines = [i for i, b in enumerate(src) if b == 0x0A]
    for text in [p.normalised, p.source] + [t for t, _ in p.alternates()]:
        assert len(text) == len(src)
        assert [i for i, b in enumerate(text) if b == 0x0A] == lines
    ts.parse(p.source, p.suffix)  # the suffix parses after the file without moving it
