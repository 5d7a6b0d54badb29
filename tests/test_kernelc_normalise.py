"""The kernel-macro normaliser keeps every offset and touches only the macros it knows."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import ts
from cocolint.kernelc.macros import clang_format_iterators, macro_set
from cocolint.kernelc.normalise import Normaliser, normalise
from cocolint.kernelc.prepare import prepare

KERNEL_BITS = [
    "static int __init f(void __iomem *p)\n{\n", "list_for_each_entry(a, b, c) {\n", "}\n",
    "x = container_of(p, struct foo, m);\n", "SYSCALL_DEFINE2(x, int, a, char __user *, b)\n{\n",
    "module_init(foo)\n", "static DEFINE_PER_CPU(struct foo, bar);\n", "#define A(x, y...) \\\n\t(x) /* c */ \\\n\t+ 1\n",
    "case 1 ... 3:\n", "printk(KERN_ERR \"x\");\n", "/* list_for_each_entry( */\n", "\"__init(\"\n",
    "for_each_cpu(cpu, m)\n\tfoo();\n", "static FOO_CLK(a, \"b\", 3);\n", "DECLARE_BITMAP(b, 8);\n",
    "__aligned(", ")", "(", "\\\n", "\t", " ", "'\"'", "//x\n", "#ifdef X\n", "#else\n", "#endif\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(KERNEL_BITS) | st.text(max_size=8), max_size=40))
def test_length_and_newlines_are_kept(parts: list[str]) -> None:
    src = "".join(parts).encode("utf-8", "surrogatepass")
    out = normalise(src).source
    assert len(out) == len(src)
    assert [i for i, b in enumerate(out) if b == 0x0A] == [i for i, b in enumerate(src) if b == 0x0A]


def _norm(text: str) -> str:
    out = normalise(text.encode()).source.decode()
    assert len(out) == len(text)
    return out


def test_attributes_are_blanked_with_their_arguments() -> None:
    src = "static char buf[8] __aligned(8) __section(\".x\");\nstatic int __init f(void __iomem *p);\n"
    out = _norm(src)
    assert "__aligned" not in out and "__section" not in out and '".x"' not in out
    assert "__init" not in out and "__iomem" not in out
    assert out.replace(" ", "") == "staticcharbuf[8];\nstaticintf(void*p);\n"


def test_unknown_names_are_left_alone() -> None:
    src = "static int __demo_unknown f(void __not_a_macro *p);\nint my__init;\nint __init_var;\n"
    assert _norm(src) == src


def test_iterator_used_as_a_loop_becomes_while() -> None:
    out = _norm("\tlist_for_each_entry(pos, &head, node) {\n")
    assert out.startswith("\twhile ") and "(pos, &head, node) {" in out


def test_iterator_not_in_statement_position_is_left_alone() -> None:
    for src in (
        "static void demo_for_each_buf(int x)\n{\n}\n",  # a definition named like an iterator
        "\tlist_for_each_entry(pos, &head, node);\n",  # called as a function
        "#define list_for_each_entry(pos, head, member) \\\n\tfor (;;)\n",  # its own definition
        "\tx = for_each_thing(a) + 1;\n",
    ):
        assert _norm(src) == src, src


def test_names_in_directives_are_not_rewritten() -> None:
    src = "#define __init __section(\".init.text\")\n#ifdef __iomem\n#undef __user\n"
    out = _norm(src)
    assert "#define __init" in out and "#ifdef __iomem" in out and "#undef __user" in out


def test_type_arguments_become_one_identifier() -> None:
    out = _norm("p = container_of(n, struct demo_node, link);\nx = min_t(unsigned long, a, b);\n")
    assert "struct_demo_node" in out and "unsigned_long" in out


def test_syscall_header_becomes_a_function_header() -> None:
    src = "SYSCALL_DEFINE2(demo, int, a, char __user *, b)\n{\n\treturn 0;\n}\n"
    tree = ts.parse(normalise(src.encode()).source)
    assert not tree.root_node.has_error
    assert tree.root_node.children[0].type == "function_definition"


def test_extra_names_extend_the_list() -> None:
    src = b"static int __demo_hot f(void);\n"
    assert normalise(src).source == src
    extra = Normaliser(macro_set(None, {"attributes": ["__demo_hot"]}))
    assert b"__demo_hot" not in extra.normalise(src).source


def test_clang_format_foreach_macros_seed_the_iterators(tmp_path: Path) -> None:
    (tmp_path / ".clang-format").write_text("ForEachMacros:\n  - 'demo_visit'\n  - 'demo_scan'\nIndentWidth: 8\n")
    (tmp_path / "MAINTAINERS").write_text("")
    assert clang_format_iterators(tmp_path) == ["demo_visit", "demo_scan"]
    f = tmp_path / "a.c"
    src = b"void f(void)\n{\n\tdemo_visit(a, b) {\n\t\tx++;\n\t}\n}\n"
    assert b"while" not in normalise(src).source
    assert normalise(src, f).source.count(b"while") == 1


def test_bytes_rewritten_are_counted() -> None:
    n = normalise(b"static int __init f(void);\n")
    assert n.rewritten == len("__init") and n.by_class == {"attribute": 6}


# each idiom: tree-sitter-c alone leaves ERROR/MISSING nodes; normalised, it reads cleanly
IDIOMS = {
    "bpf-section": 'SEC("xdp")\nint demo_prog(struct xdp_md *ctx)\n{\n\treturn 0;\n}\nchar _license[] SEC("license") = "GPL";\n',
    "include-in-initializer": 'static const char *demo_names[] = {\n#include "demo_names.h"\n};\n',
    "ifdef-in-initializer": "static int demo[] = {\n#ifdef CONFIG_A\n\t1,\n#endif\n\t2,\n};\nint demo_x;\nint f(void)\n{\n\treturn 0;\n}\n",
    "string-macro": 'void f(void)\n{\n\tprintk(KERN_ERR PFX "demo: %d\\n", 1);\n}\n',
    "initializer-items": "static const struct dev_pm_ops demo_pm = {\n\tSET_SYSTEM_SLEEP_PM_OPS(demo_suspend, demo_resume)\n\tSET_RUNTIME_PM_OPS(demo_off, demo_on, NULL)\n};\n",
    "machine-start": 'MACHINE_START(DEMO, "Demo board")\n\t.atag_offset\t= 0x100,\n\t.init_machine\t= demo_init,\nMACHINE_END\n',
    "struct-group": "struct demo {\n\tstruct_group(hdr,\n\t\tu8 type;\n\t\tu8 len;\n\t);\n\tu8 data[4];\n};\n",
    "bare-macro": 'ACPI_MODULE_NAME("demo")\nstatic int demo;\n',
    "module-init": "module_init(demo_init)\nmodule_exit(demo_exit)\nstatic int demo;\n",
    "typed-declaration": "static DEFINE_PER_CPU(struct demo_stat, demo_stats);\n",
    "bitmap": "struct demo {\n\tDECLARE_BITMAP(busy, 64);\n};\n",
    "case-range": "int f(int x)\n{\n\tswitch (x) {\n\tcase 1 ... 9:\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n",
    "static-table": 'static DEMO_CLK_GATE(uart_clk, "uart", "osc24M", 0x060, BIT(16), 0);\nstatic int demo;\n',
    "define-machine": 'define_machine(demo_board) {\n\t.name\t= "Demo",\n};\n',
    "variadic-define": "#define demo_dbg(fmt, args...) pr_debug(fmt, ##args)\nint demo;\n",
    "comment-in-define": "#define DEMO(x)\t\\\n\tdo { /* note */\t\\\n\t\tfoo(x);\t\\\n\t} while (0)\nint demo;\n",
}


@pytest.mark.parametrize("name", sorted(IDIOMS))
def test_idiom_reads_cleanly_once_normalised(name: str) -> None:
    src = IDIOMS[name].encode()
    assert ts.parse(src).root_node.has_error, "the idiom no longer troubles the grammar; pick another"
    out = prepare(src).source
    assert len(out) == len(src)
    assert not ts.parse(out).root_node.has_error, out.decode()


def test_lowercase_unknown_call_at_file_scope_is_left_alone() -> None:
    src = b"demo_register(foo)\nstatic int demo;\n"
    assert normalise(src).source == src


def test_unknown_macro_class_is_one_clear_error() -> None:
    from cocolint.errors import CocolintError

    with pytest.raises(CocolintError, match="unknown macro class 'iterator'"):
        macro_set(None, {"iterator": ["demo_walk"]})
