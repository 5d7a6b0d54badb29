"""Macro classes shown by use (more_kinds.py) and GNU forms found by a literal (usage_passes.py)."""

from __future__ import annotations

import pytest

from cocolint import ts
from cocolint.kernelc.macros import packaged
from cocolint.kernelc.normalise import normalise


def _norm(text: str) -> tuple[str, dict[str, int]]:
    n = normalise(text.encode())
    out = n.source.decode()
    assert len(out) == len(text) and [i for i, c in enumerate(out) if c == "\n"] == \
        [i for i, c in enumerate(text) if c == "\n"]
    return out, n.by_class


def _clean(text: str) -> bool:
    return not ts.parse(text.encode()).root_node.has_error


@pytest.mark.parametrize("src", [
    "STATIC int\ndemo_a(void)\n{\n\treturn 0;\n}\n",
    "EXTERN int demo_count;\n",
    "void demo(void)\n{\n\tnvkm_msec(d, 2000,\n\t\tif (demo_idle(d))\n\t\t\tbreak;\n\t);\n}\n",
    "void demo(void)\n{\n\tASSERTCMP(a->b, !=, NULL);\n}\n",
    "struct {\n\t__uint(max_entries, 4 * 16);\n\t__type(key, int);\n\t__type(value, struct demo);\n} m;\n",
    "struct demo { DECLARE_HASHTABLE(h, 8); DECLARE_KFIFO(f, struct demo_ev *, 16); };\n",
    "void demo(void)\n{\n\tDECLARE_SOCKADDR(struct sockaddr_in *, sin, msg->msg_name);\n\tuse(sin);\n}\n",
    "MODULE_PARM_DESC(t, \"Timeout (default=\" __MODULE_STRING(5) \")\");\n",
    "int x = offsetof(struct demo, a.b[i]) + offsetof(typeof(*p), c);\n",
    "void demo(void)\n{\n\ttypeof(p->flags) f = 0;\n\tuse(f);\n}\n",
    "void demo(int c)\n{\n\tswitch (c) {\n\tcase 'a'...'z':\n\t\tbreak;\n\t}\n}\n",
    "void demo(void)\n{\n\tasm volatile(DEMO_OP(%0) : : \"r\" (x) : \"memory\");\n}\n",
    "void demo(void)\n{\n\tasm(\"int $0x80\" : : : DEMO_CLOBBERS);\n}\n",
    "static struct demo d __attribute__((aligned(16)));\ntypedef u64 __attribute__((aligned(4))) demo_u64;\n",
    "unsigned long demo(va_list ap)\n{\n\treturn va_arg(ap, unsigned long);\n}\n",
])
def test_form_reads_as_c_once_normalised(src: str) -> None:
    assert not _clean(src), "the sample no longer shows the grammar's gap"
    out, _ = _norm(src)
    assert _clean(out), out


@pytest.mark.parametrize("src", [
    "enum demo_state { STATIC, RUNNING };\nint s = STATIC;\n",  # a name used as an operand stays
    "int demo(int s)\n{\n\tswitch (s) {\n\tcase STATIC:\n\t\treturn STATIC + 1;\n\t}\n\treturn 0;\n}\n",
    "long vector;\n",
    "void demo(void)\n{\n\tnvkm_msec(d, 2000, 0);\n}\n",  # no statement argument
    "int x = y(a, b) == c;\nint z = offsetof(struct demo, plain);\n",
    "void demo(void)\n{\n\tmemcpy(buf, \"...\", 3);\n\tpr_info(\"%s...\\n\", s);\n}\n",
    "int demo_len(void)\n{\n\treturn __stringify(X)[0];\n}\n",  # not next to a string literal
])
def test_names_and_forms_not_evidently_macros_are_left_alone(src: str) -> None:
    out, by_class = _norm(src)
    assert out == src, by_class


def test_statement_arguments_become_a_block_with_their_statements() -> None:
    out, by_class = _norm("void f(void)\n{\n\tnvkm_msec(d, 2000, if (x) break;);\n}\n")
    assert "{         d, 2000; if (x) break;};" in out and by_class["statement_call"] > 0


def test_member_declaration_reads_as_an_array_typed_by_the_macro() -> None:
    out, _ = _norm("struct s { DECLARE_HASHTABLE(table, 8); };\n")
    decl = ts.parse(out.encode()).root_node.child(0)
    assert "table" in out and "field_declaration" in str(decl) and "array_declarator" in str(decl)


def test_offsetof_keeps_its_node_type() -> None:
    out, _ = _norm("int x = offsetof(struct demo, a.b);\n")
    assert "offsetof_expression" in str(ts.parse(out.encode()).root_node)


def test_more_classes_never_move_a_name_the_packaged_list_has() -> None:
    data = packaged()
    assert "__init" in data["attributes"] and "__init" not in data.get("specifiers", [])
    assert "list_for_each_entry" in data["iterators"]
    assert len(data["iterators"]) == len(set(data["iterators"]))
    assert "__unused" in data["specifiers"]  # `long __unused[3];` is a member, `int x __unused` rarely


def test_attribute_in_a_define_line_is_left_alone() -> None:
    src = "# define __demo_rcu\t__attribute__((noderef))\nstatic inline void demo(void) { }\n"
    assert _norm(src)[0] == src
