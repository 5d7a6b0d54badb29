"""csrc/trace.c: the trace_events pass in C rewrites exactly what trace_events_py rewrites, and counts the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint.kernelc import trace_events as te
from cocolint.kernelc.scan import Normalised

from native_helpers import NATIVE_TESTS, agree_on_prefixes_and_buffers, c_files, mutated_sample, native

pytestmark = NATIVE_TESTS


def _run(fn, src: bytes, buf: bytearray | None) -> tuple:
    out = Normalised(src)
    got = fn(src, None if buf is None else bytearray(buf), out)
    return (None if got is None else bytes(got)), out.rewritten, out.by_class


def _same(src: bytes, buf: bytearray | None = None) -> tuple:
    native("trace_events")
    want = _run(te.trace_events_py, src, buf)
    assert _run(te.trace_events, src, buf) == want
    return want


def test_the_native_pass_is_built_and_used() -> None:
    assert te._native_pass is native("trace_events").trace_events  # type: ignore[attr-defined]


_PIECES = ["TRACE_EVENT", "DECLARE_EVENT_CLASS", "DEFINE_EVENT", "DEFINE_EVENT_PRINT", "DECLARE_TRACE", "TRACE_EVENTx",
           "(", ")", ",", ", ", ";", "{", "}", "[", "]", "\n", " ", "\t", "\r", "\v", "\f", "\0", "\xff", "\\", "\"",
           "'", "/*", "*/", "/* c */", "TP_PROTO", "TP_ARGS", "TP_STRUCT__entry", "TP_fast_assign", "TP_printk",
           "__field", "__array", "__string", "__dynamic_array", "__field_struct", "int", "a", "b", "x_y", "LOCAL_ENTRY",
           "DEV_ENTRY(dev(qp))", "__entry->a = a;", "\"%d\"", "'('", "\"a)b\"", "AB", "9"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_generated_text(pieces: list[str]) -> None:
    _same(("TP_PROTO\n" + "".join(pieces)).encode("latin-1"))


def _event(name: str = "TRACE_EVENT", tail: str = ";") -> str:
    return (f"{name}(ev,\n\tTP_PROTO(struct dev *d, int a),\n\tTP_ARGS(d, a),\n"
            "\tTP_STRUCT__entry(\n\t\t__field(int, a) /* why */\n\t\t__array(char, name, 16)\n"
            "\t\t__string(s, d->name)\n\t\tLOCAL_ENTRY\n\t\tDEV_ENTRY(dev_of(d))\n\t),\n"
            "\tTP_fast_assign(\n\t\t__entry->a = a;\n\t\tstrcpy(__entry->name, \"x)\");\n\t),\n"
            f"\tTP_printk(\"%d\", __entry->a)\n){tail}\n")


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_generated_events_with_edits(data: st.DataObject) -> None:
    names = ["TRACE_EVENT", "DECLARE_EVENT_CLASS", "DEFINE_EVENT", "DECLARE_TRACE", "TRACE_EVENT_CONDITION"]
    text = bytearray("".join(_event(data.draw(st.sampled_from(names)), data.draw(st.sampled_from([";", "", " ;", "\t"])))
                             for _ in range(data.draw(st.integers(1, 3)))).encode())
    for _ in range(data.draw(st.integers(0, 4))):
        at = data.draw(st.integers(0, len(text)))
        text[at:at + data.draw(st.integers(0, 3))] = data.draw(st.sampled_from(_PIECES)).encode("latin-1")
    _same(bytes(text))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_mutated_samples(data: st.DataObject) -> None:
    _same(b"TP_PROTO " + mutated_sample(data, st.sampled_from(_PIECES).map(lambda p: p.encode("latin-1"))))


@pytest.mark.parametrize("src", [
    b"", b"TP_PROTO", b"TRACE_EVENT(", b"TRACE_EVENT(x, TP_PROTO(int a))", b"TRACE_EVENT(x, TP_PROTO(int a), TP_ARGS(a));",
    b"\nTRACE_EVENT(x, TP_PROTO(int a), TP_ARGS(a))\n", b" TRACE_EVENT(x, TP_PROTO(int a));",
    b"DEFINE_EVENT(cls, x, TP_PROTO(int a), TP_ARGS(a));", b"DEFINE_EVENT(cls, TP_PROTO(int a));",
    b"TRACE_EVENT(x, TP_ARGS(a), TP_PROTO(int a));", b"TRACE_EVENT(x, TP_PROTO(int a), TP_STRUCT__entry(__field(int, a)));",
    b"TRACE_EVENT(x, TP_PROTO(int a), TP_STRUCT__entry(__field(int, a) /* open ));",
    b"TRACE_EVENT(x, TP_PROTO(int a), TP_STRUCT__entry(a;));", b"TRACE_EVENT(x, TP_PROTO(int a), TP_STRUCT__entry(ab(c)));",
    b"TRACE_EVENT(x, TP_PROTO(int a), TP_STRUCT__entry(__f(a b)));", b"TRACE_EVENT(x, TP_PROTO(\"(\"), TP_ARGS(a));",
    b"TRACE_EVENT(x, TP_PROTO(int a), TP_fast_assign(x = \"\\\"\";), TP_printk(\"\"));",
    b"TRACE_EVENT(x, TP_PROTO(int a), TP_fast_assign(x = 1;))", b"TRACE_EVENT(x, TP_PROTO(int a) /* ) */, TP_ARGS(a));",
    b"TRACE_EVENT(x, TP_PROTO(int a), TP_ARGS(a))\t\t;", b"TRACE_EVENT(x, TP_PROTO(int a), TP_ARGS(a)) \\\n;",
    b"TRACE_EVENT(x, TP_PROTO(int a), TP_STRUCT__entry(\r\n\t__field(int, a)\r\n\f\v)) ;",
    b"TRACE_EVENT(x, TP_PROTO(int a), TP_STRUCT__entry(__field(int, a) junk));",
    b"TRACE_EVENT(x, TP_PROTO(int a[2, 3]), TP_ARGS(f(a, b)));", b"TRACE_EVENT(x, TP_PROTO('\\", b"TRACE_EVENT(x, TP_PROTO(\"",
    b"TRACE_EVENTS_FOO(x, TP_PROTO(int a), TP_ARGS(a));\nDECLARE_TRACE(y, TP_PROTO(void), TP_ARGS());",
    b"TRACE_EVENT(x, TP_PROTO(int a), TP_STRUCT__entry(__field(int, /**/ a)));",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file_and_a_given_buffer() -> None:
    rewritten = 0
    for path in c_files():
        src = path.read_bytes()
        rewritten += _same(src)[1]
        touched = bytearray(src)
        touched[len(touched) // 2:len(touched) // 2 + 40] = b" " * len(touched[len(touched) // 2:len(touched) // 2 + 40])
        _same(src, touched)  # another pass's edits: blanks counted over the buffer as it is
    assert rewritten > 300


def test_every_prefix_a_large_file_and_buffers() -> None:
    text = _event().encode() + _event("DEFINE_EVENT", "").encode()
    run = native("trace_events").trace_events
    agree_on_prefixes_and_buffers(lambda src: _same(src), text, lambda src: run(src, None)[1],
                                  lambda src: _run(te.trace_events_py, src, None)[1])
    big = b"x" * 5_000_000 + b"\n" + _event().encode()
    assert _same(big)[1] > 100
    with pytest.raises(TypeError):
        run(b"abc", bytearray(b"ab"))  # a buffer of another length
    with pytest.raises(TypeError):
        run(b"abc", b"abc")
