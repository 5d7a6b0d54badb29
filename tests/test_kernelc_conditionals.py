"""#if arms: every live arm is seen by one view; each view is plain C at the original offsets."""

from __future__ import annotations

from cocolint import ts
from cocolint.engine.matcher import Matcher
from cocolint.kernelc import conditionals
from cocolint.kernelc.prepare import prepare
from cocolint.ruleset import load_rules

SPLIT_HEADER = b"""#ifdef CONFIG_A
static int demo(int a, int b)
#else
static int demo(int a)
#endif
{
\treturn a;
}
"""


def _views(src: bytes) -> list[bytes]:
    v = conditionals.analyse(src)
    return [conditionals.view(src, v, i) for i in range(v.count)]


def test_split_header_gives_two_clean_views() -> None:
    views = _views(SPLIT_HEADER)
    assert len(views) == 2
    for text in views:
        assert len(text) == len(SPLIT_HEADER)
        assert not ts.parse(text).root_node.has_error
    assert b"int b" in views[0] and b"int b" not in views[1]


def test_nested_arms_are_all_seen() -> None:
    src = b"""#ifdef A
#ifdef B
int b1(void) { return 1; }
#else
int b2(void) { return 2; }
#endif
#else
int a2(void) { return 3; }
#endif
"""
    seen = b"".join(_views(src))
    for name in (b"b1", b"b2", b"a2"):
        assert name in seen


def test_assembler_arm_is_never_read() -> None:
    src = b"#ifdef __ASSEMBLY__\n\tmovq %rax, %rbx\n#else\nint x;\n#endif\n"
    for text in _views(src):
        assert b"movq" not in text and b"int x;" in text


def test_unterminated_if_leaves_the_file_as_written() -> None:
    src = b"#ifdef A\nint x;\n"
    assert _views(src) == [src]


def test_finding_in_else_arm_is_reported_once_at_its_line() -> None:
    src = b"""static u64 demo_pa(void *va)
{
#ifdef CONFIG_DEMO
\treturn virt_to_phys(va) | ms_hyperv.shared_gpa_boundary;
#else
\treturn virt_to_phys(va) | ms_hyperv.shared_gpa_boundary;
#endif
}
"""
    rules = [r for r in load_rules([]) if r.id == "shared-gpa-boundary-direct-use"]
    findings = Matcher(rules).match("drivers/demo/x.c", src).findings
    assert [(f.line, f.column, f.function) for f in findings] == [(4, 28, "demo_pa"), (6, 28, "demo_pa")]


def test_prepared_views_are_counted() -> None:
    p = prepare(SPLIT_HEADER)
    assert p.conditional_bytes == sum(len(line) for line in SPLIT_HEADER.split(b"\n") if line.startswith(b"#"))
    assert [len(text) for text, _ in p.alternates()] == [len(SPLIT_HEADER)]


def test_views_are_bounded_on_deep_else_chains() -> None:
    depth = 30
    src = b"".join(b"#ifdef A%d\nint a%d;\n#else\n" % (i, i) for i in range(depth)) + b"int last;\n" + b"#endif\n" * depth
    v = conditionals.analyse(src)
    assert 2 <= v.count <= conditionals.MAX_VIEWS
    for i in range(v.count):
        text = conditionals.view(src, v, i)
        assert len(text) == len(src) and not ts.parse(text).root_node.has_error
