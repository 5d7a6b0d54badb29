"""Macro calls with a braced argument inside an initialiser read as the initialiser they expand to."""

from __future__ import annotations

from cocolint import ts
from cocolint.kernelc.normalise import normalise

TABLE = b"""struct quirk {
\tconst char *hid;
\tint uid;
\tconst struct dmi_system_id *dmi;
};

#define QUIRK_ENTRY(hid, uid, dmi...) { hid, uid, { dmi } }

static const struct quirk quirks[] = {
\tQUIRK_ENTRY("ACME0001", 1, {
\t\tDMI_MATCH(DMI_SYS_VENDOR, "Acme"),
\t\tDMI_MATCH(DMI_PRODUCT_NAME, "Widget"),
\t}),
\tQUIRK_ENTRY("ACME0002", 2, { 0 }),
};

static int quirk_count(void)
{
\treturn ARRAY_SIZE(quirks);
}
"""


def _calls(tree: ts.Tree, src: bytes) -> list[bytes]:
    q = ts.compile_query("(call_expression function: (identifier) @f)")
    return [src[n.start_byte:n.end_byte] for _, caps in ts.matches(q, tree.root_node) for n in caps["f"]]


def test_braced_argument_call_becomes_an_initialiser() -> None:
    assert ts.parse(TABLE).root_node.has_error  # as written, tree-sitter cannot read it
    out = normalise(TABLE)
    assert len(out.source) == len(TABLE)
    assert out.by_class.get("braced_call", 0) > 0
    text = out.source.decode()
    at = TABLE.index(b'QUIRK_ENTRY("ACME0001"')
    assert out.source[at:at + 12] == b" " * 11 + b"{"  # name blanked, `(` opens the initialiser
    assert text.count("QUIRK_ENTRY") == 1  # both calls rewritten, the #define left alone
    tree = ts.parse(out.source)
    assert not tree.root_node.has_error
    calls = _calls(tree, out.source)
    assert calls.count(b"DMI_MATCH") == 2  # the calls inside the braced argument are still calls
    assert b"ARRAY_SIZE" in calls


def test_statement_calls_with_braced_arguments_are_left_alone() -> None:
    src = b"void f(void)\n{\n\tREGISTER_ONE(x, { 1, 2 });\n}\n"
    assert normalise(src).source == src


def test_lower_case_callee_not_defined_in_the_file_is_left_alone() -> None:
    src = b"static const struct s t[] = {\n\tmake_item(1, { 2 }),\n};\n"
    assert normalise(src).source == src


def test_lower_case_macro_defined_in_the_file_is_rewritten() -> None:
    src = b"#define item(a, b...) { a, b }\nstatic const struct s t[] = {\n\titem(1, { 2 }),\n};\n"
    out = normalise(src)
    assert out.by_class.get("braced_call") and not ts.parse(out.source).root_node.has_error
