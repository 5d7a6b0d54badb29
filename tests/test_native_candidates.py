"""csrc/candidates.c: the normaliser's candidate loop in C rewrites what Normaliser._loop_py rewrites, byte for byte."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint.kernelc import more_kinds, normalise as N, scan
from cocolint.kernelc.normalise import Normaliser

from native_helpers import NATIVE_TESTS, c_files, mutated_sample, native

pytestmark = NATIVE_TESTS

# the scan helpers the handlers call, by module: the reference loop runs with the pure-Python ones
_HELPERS = {N: {"_blank": "blank", "call_parens": "call_parens", "_close_paren": "close_paren",
                "_before": "code_before", "_skip_space": "skip_space", "_top_commas": "top_commas"},
            more_kinds: {h: h for h in ("blank", "close_paren", "code_before", "skip_space", "top_commas")}}

# names of every kind (the native ones and some handled in Python), and what makes them rewritten or not
_NAMES = [b"__init", b"__initdata", b"__exit", b"SEC", b"list_for_each_entry", b"for_each_cpu", b"scoped_guard",
          b"hlist_for_each_entry_safe", b"my_foreach", b"x_walk", b"container_of", b"list_entry", b"min_t", b"max_t",
          b"module_init", b"module_param", b"EXPORT_SYMBOL", b"DEFINE_PER_CPU", b"KERN_ERR", b"STATIC", b"__uint",
          b"nvkm_msec", b"ASSERTCMP", b"struct_group", b"DECLARE_BITMAP", b"MACHINE_START", b"MACHINE_END",
          b"__stringify", b"SYSCALL_DEFINE2", b"SET_RUNTIME_PM_OPS", b"define_machine", b"KERN_INFO", b"NORETURN",
          b"DEFINE_PER_CPU_ALIGNED", b"case", b"return", b"sizeof", b"goto", b"->", b".", b"-", b">"]
_PIECES = _NAMES + [
    b" ", b"\t", b"\n", b"\r", b"\\\n", b"\v", b"(", b")", b",", b";", b"{", b"}", b"[", b"]", b"*", b"x", b"_", b"9",
    b"int", b"unsigned long", b"struct foo *", b"const char *", b"u8", b"size_t", b"\"s\"", b"'c'", b"/* c */",
    b"// c\n", b"/*", b"#define ", b"#ifdef ", b"# if ", b"#elif", b"defined(", b"defined ", b"else", b"do",
    b"(x, int)", b"(p, struct a, m)", b"(a, b)", b"()", b"(x);", b"(x)\n", b"\0", b"\xff", b"=", b":",
]


def _both(n: Normaliser, src: bytes) -> None:
    found = n.gate.scan(src)[0]
    assert found is not None
    buf, counts = n._loop.run(src, found[0], found[1])
    with pytest.MonkeyPatch.context() as m:
        for mod, names in _HELPERS.items():
            for attr, helper in names.items():
                m.setattr(mod, attr, getattr(scan, helper + "_py"))
        ref_buf, ref_counts = n._loop_py(src, found)
    assert (buf is None) == (ref_buf is None)
    assert buf == ref_buf
    assert list(counts.items()) == list(ref_counts.items())


@pytest.fixture(scope="module")
def normaliser() -> Normaliser:
    native("CandidateLoop")
    return Normaliser.for_path(None)


def test_the_native_loop_is_built_and_used(normaliser: Normaliser) -> None:
    n = native("CandidateLoop")
    assert isinstance(normaliser._loop, n.CandidateLoop)
    src = b"static int __init f(void)\n{\n\tlist_for_each_entry(p, &h, node) {\n\t\tx = min_t(int, a, b);\n\t}\n}\n" \
          b"module_init(f)\n"
    out = normaliser.normalise(src)
    assert b"__init" not in out.source and b"while" in out.source and b"in_" in out.source
    assert out.by_class == {"attribute": 6, "iterator": 19, "type_arguments": 1, "declaration": 14}


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_generated_text(normaliser: Normaliser, parts: list[bytes]) -> None:
    _both(normaliser, b"".join(parts))


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_mutated_samples(normaliser: Normaliser, data: st.DataObject) -> None:
    _both(normaliser, mutated_sample(data, st.sampled_from(_PIECES)))


@pytest.mark.parametrize("src", [
    b"", b"__init", b"__init(", b"x __init", b"__init __init", b"#define __init\n", b"#  ifdef  __init\n", b"defined(__init)",
    b"defined (\n__init", b"#if\tdefined __init", b"#elif __init", b"#undef\\\n__init", b"list_for_each_entry(a, b, c) {",
    b"list_for_each_entry(a, b, c) x;", b"else list_for_each_entry(a, b, c) {", b"do for_each_cpu(c) {", b"x = for_each_cpu(c) {",
    b"/* a */ for_each_cpu(c)\n{", b"// a\nfor_each_cpu(c) {", b"min_t(unsigned long, a, b)", b"min_t(int,a,b)",
    b"min_t( struct x * const , a, b)", b"min_t(u8, a, b)", b"min_t(size_t\\\n, a, b)", b"min_t(int /* x */, a, b)",
    b"container_of(p, struct a, m)", b"container_of(p, struct\na, m)", b"container_of(p,,)", b"list_entry(p, int",
    b"module_init(f)", b"module_init(f);", b"module_init(f)\n;", b"x module_init(f)\n", b"\nmodule_init(\"a)\" )\nint x;",
    b"\nmodule_param(a, int, 0644)\n", b"SEC(\"x\") int f;", b"SEC \"x\"", b"__init\r\n", b"for_each_cpu(c) \v{",
    b"my_foreach(a) {", b"a_foreach_b(c) {", b"list_for_each_entry(a, b, c)", b"min_t(" + b"a," * 200 + b"int)",
    b"KERN_ERR \"x\"", b"\"x\" KERN_ERR", b"KERN_ERR x", b"\"a\"\\\nKERN_ERR", b"DEFINE_PER_CPU(int, x);",
    b"DEFINE_PER_CPU (struct a, b)", b"DEFINE_PER_CPU(x)", b"DEFINE_PER_CPU(a, (b, c))", b"DECLARE_BITMAP(b, 8);",
    b"DECLARE_BITMAP (b, 8);", b"DECLARE_BITMAP(b, f(1, 2));", b"DECLARE_BITMAP(b)", b"DECLARE_BITMAP(a, b, c)",
    b"STATIC int f;", b"STATIC;", b"x = STATIC;", b"} STATIC;", b") STATIC;", b"return STATIC;", b"case STATIC:",
    b"sizeof STATIC", b"p->STATIC", b"a - >STATIC", b"s.STATIC", b"STATIC(", b"/* c */ STATIC void", b"\0STATIC",
    b"goto STATIC;", b"xgoto STATIC x", b"STATIC\n", b"STATIC", b"int STATIC = 1;",
])
def test_edge_cases(normaliser: Normaliser, src: bytes) -> None:
    _both(normaliser, src)


def test_every_sample_and_rule_file_and_every_prefix(normaliser: Normaliser) -> None:
    for path in c_files():
        _both(normaliser, path.read_bytes())
    text = (b"#define X __init\nstatic int __init f(void)\n{\n\tlist_for_each_entry(p, &h, node) {\n"
            b"\t\tx = min_t(unsigned long, a, b) + container_of(p, struct s, m)->y;\n\t}\n}\n"
            b"module_init(f)\nEXPORT_SYMBOL(f);\nSEC(\"maps\") int m;\nKERN_ERR \"x\"\n")
    for i in range(len(text) + 1):
        _both(normaliser, text[:i])
    _both(normaliser, text * 2000)


def test_a_subclass_handler_and_bad_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    native("CandidateLoop")
    calls = []

    class Mine(Normaliser):
        def _iterator(self, src, buf, start, end, name):
            calls.append(name)
            return None

    n = Mine(Normaliser.for_path(None).macros)
    src = b"void f(void)\n{\n\tfor_each_cpu(c) {\n\t}\n}\n"
    assert n.normalise(src).source == src and calls == ["for_each_cpu"]
    with pytest.raises(ValueError):
        n._loop.run(src, [(3, len(src) + 1)], [])
    with pytest.raises(ValueError):
        n._loop.run(src, [(5, 3)], [])

    def broken(self, src, buf, start, end, name):
        raise RuntimeError("handler failed")

    monkeypatch.setattr(Mine, "_iterator", broken)
    with pytest.raises(RuntimeError):
        Mine(n.macros).normalise(src)
