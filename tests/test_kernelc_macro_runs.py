"""Macro runs (cocolint/kernelc/macro_runs.py): the `,` or `;` of each item, in place, and nowhere else."""

from __future__ import annotations

import pytest

from cocolint import ts
from cocolint.kernelc import macro_runs
from cocolint.kernelc.normalise import normalise
from conftest import rewrite


def _runs(src: bytes) -> tuple[bytes, dict[str, int]]:
    return rewrite(macro_runs.macro_runs, src)


def test_table_items_get_their_comma_in_the_line_break() -> None:
    src = b"static const struct pin pins[] = {\n\tPIN(A, 1)\n\tPIN(B, 2)\t/* rx */\n\tPIN(C, 3)\n};\n"
    got, counts = _runs(src)
    assert got == b"static const struct pin pins[] = {\n\tPIN(A, 1)\n,PIN(B, 2)\t/* rx */\n,PIN(C, 3)\n};\n"
    assert counts == {"macro_run_item": 2}
    assert not ts.parse(got).root_node.has_error


def test_entry_runs_take_names_and_designators() -> None:
    src = (b"static const struct part parts[] = {\n\t/* vendor */\n\t{ \"a\", INFO(1, 64)\n\t\tFLAGS(LOCK)\n"
           b"\t\tNO_PROBE\n\t\t.fixups = &fix },\n};\n")
    got, counts = _runs(src)
    assert got.count(b"\n,") == 3 and counts == {"macro_run_item": 3}
    assert not ts.parse(got).root_node.has_error


def test_a_table_of_bare_names() -> None:
    src = b"struct step power_on[N] = {\n\tSTEP_CARD_ON\n\tSTEP_END\n};\n"
    got, _ = _runs(src)
    assert got == b"struct step power_on[N] = {\n\tSTEP_CARD_ON\n,STEP_END\n};\n"


def test_member_list_calls_become_members_of_the_macro_type() -> None:
    src = b"struct shift {\n\tFIELD_LIST(uint8_t)\n\n\tFIELD_LIST_V2(uint8_t)\n};\n"
    got, counts = _runs(src)
    assert got == b"struct shift {\n\tFIELD_LIST        ;\n\n\tFIELD_LIST_V2        ;\n};\n"
    assert counts == {"member_list_call": 18}
    assert not ts.parse(got).root_node.has_error


def test_statement_macros_in_a_switch_get_their_semicolon() -> None:
    src = b"static const char *n(int t)\n{\n\tswitch (t) {\n\t\tCASE_NAME(A)\n\t\tCASE_NAME(B)\n\t}\n\treturn 0;\n}\n"
    got, counts = _runs(src)
    assert b"CASE_NAME(A)\n;\tCASE_NAME(B)\n;}" in got and counts == {"macro_run_statement": 2}
    assert not ts.parse(got).root_node.has_error


@pytest.mark.parametrize("src", [
    b"int f(int x)\n{\n\tif (x)\n\t\tWARN(x);\n\treturn 0;\n}\n",  # `if (x)`: not a call item
    b"int f(int x)\n{\n\tfoo(x)\n\tBAR(x);\n}\n",  # a lower-case call is not a macro item
    b"static int v[] = { f(a,\n\tG(b)\n\tH(c)) };\n",  # inside parentheses: arguments, not items
    b"enum e {\n\tA = X(1)\n\tB\n};\n",  # not an initialiser, struct or block
    b"int x = F(1)\n\t+ G(2);\n",  # a continued expression
    b"#define T(x) \\\n\tA(x) \\\n\tB(x)\n",  # a macro body
    b"struct s {\n#define M_MASK (0x3FF << \\\n\t\t\t\tM_SHIFT)\n\t__le16 v;\n};\n",  # a #define's last line
    b"void f(void)\n{\n\tFLAGS\n\n\tDBG(x)\n\n\tBEGIN_X\n}\n",  # after a lone name: not known to start a statement
])
def test_left_alone(src: bytes) -> None:
    assert _runs(src)[0] == src


def test_the_pass_keeps_length_and_newlines_in_normalise() -> None:
    src = (b"static const struct pin pins[] = {\n\tPIN(A, 1)\n\tPIN(B, 2)\n};\n"
           b"struct shift {\n\tFIELD_LIST(u8)\n};\n")
    n = normalise(src)
    assert len(n.source) == len(src) and n.source.count(b"\n") == src.count(b"\n")
    assert n.by_class.get("macro_run_item") == 1 and n.by_class.get("member_list_call")
    assert not ts.parse(n.source).root_node.has_error


def test_triggers_are_literals_every_rewrite_needs() -> None:
    assert all(isinstance(t, bytes) and t for t in macro_runs.TRIGGERS)
    src = b"static const struct pin pins[] = { PIN(A, 1) PIN(B, 2) };"  # no line break after a `)`
    assert not any(t in src for t in macro_runs.TRIGGERS) and _runs(src)[0] == src


def test_comment_blank_and_directive_lines_between_members() -> None:
    src = (b"struct regs {\n\tu32 base;\t/* first */\n\t__PAIR(\n\t    a,\t/* low */\n\t    b\n\t)\n\n"
           b"\t/* the second pair */\n\t__PAIR(c, d)\n#ifdef CONFIG_DEMO\n\tEXTRA_LIST(u32)\n#endif\n};\n")
    got, counts = _runs(src)
    assert list(counts) == ["member_list_call"]
    assert b"\t__PAIR     ;\n#ifdef" in got and b"\tEXTRA_LIST    ;\n#endif" in got
    assert b"CONFIG_DEMO" in got and not ts.parse(got).root_node.has_error


def test_a_lone_name_closing_a_struct_gets_its_semicolon() -> None:
    src = b"struct req {\n\tABI_EMPTY\n};\nenum e {\n\tA,\n\tE_MAX\n};\nvoid f(void)\n{\n\tHW_IDLE\n}\n"
    got, counts = _runs(src)
    assert got == src.replace(b"ABI_EMPTY\n", b"ABI_EMPT;\n")
    assert counts == {"macro_run_last_name": 1}


def test_compound_literals_are_initialisers_and_comments_hold_no_items() -> None:
    src = (b"static struct level levels[] = {\n\t{ .mask = m, NAME_INIT(SMT)\n\t},\n};\n"
           b"void f(void)\n{\n\tt[0] = (struct level){\n\t\t.flags = 1,\n\t\tNAME_INIT(NODE)\n\t};\n}\n"
           b"static const u32 regs[] = {\n\tREG_A, //_MMIO(0x20ec)\n\tREG_B,\n};\n")
    got, counts = _runs(src)
    assert got == src and counts == {}


def test_no_second_comma_after_an_item_another_pass_closed() -> None:
    src = (b"static const struct dev_pm_ops demo_pm = {\n\tSET_SYSTEM_SLEEP_PM_OPS(demo_suspend, demo_resume)\n"
           b"\tSET_RUNTIME_PM_OPS(demo_rs, demo_rr, NULL)\n};\n")
    n = normalise(src)
    assert b",," not in n.source.replace(b"\n", b"").replace(b"\t", b"") and "macro_run_item" not in n.by_class
    assert not ts.parse(n.source).root_node.has_error


def test_no_comma_across_else_arms() -> None:
    src = b"static const u32 stub[] = {\n#ifdef A\n\tOP_X(1),\n\tOP_END()\n#else\n\tOP_Y(2),\n\tOP_END()\n#endif\n};\n"
    assert _runs(src)[0] == src
