"""csrc/statements.c: statement_macros' `;`s found in C are the Python's, and the pass is unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel
from cocolint.kernelc import passes
from cocolint.kernelc.scan import Normalised

from native_helpers import PURE_PYTHON, agree_on_prefixes_and_buffers, c_files, mutated_sample, native as require

if PURE_PYTHON:
    pytest.skip("COCOLINT_PURE_PYTHON=1: the native module is switched off", allow_module_level=True)

native = accel.native  # built wherever the suite runs: a missing module is a failure, not a skip


def test_the_native_pass_is_built_and_used() -> None:
    require("statement_gaps")
    assert passes.statement_gaps is native.statement_gaps


def _same(src: bytes) -> None:
    assert native.statement_gaps(src) == passes.statement_gaps_py(src)


_HEADER = "#define N(x) f(x);\n#define M(a) \\\n\tg(a); \\\n\th(a);\n#define L(x) x /* no */\n"
_PIECES = ["N(", "M(", "L(", "NN(", "xN(", ".N(", ">M(", "#N(", "#define N(x) y;\n", "#define M(a) \\\n;",
           "(", ")", " ", "\t", "\n", "\r", "\\\n", ";", "x", "_", "}", "{", "1", "\"", "')'", "/*", "*/", "\v",
           "\0", "\xff", "  #", "define"]


@settings(max_examples=2500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_generated_text_gives_the_pythons_gaps(pieces: list[str]) -> None:
    _same((_HEADER + "".join(pieces)).encode("latin-1"))
    _same("".join(pieces).encode("latin-1"))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_samples_give_the_pythons_gaps(data: st.DataObject) -> None:
    _same(_HEADER.encode() + mutated_sample(data, st.sampled_from(_PIECES).map(lambda p: p.encode("latin-1"))))


@pytest.mark.parametrize("body", [
    b"", b"N(UP) N(DOWN)\n", b"N(UP)\tN(DOWN)}", b"N(UP)\nN(DOWN)", b"N(UP) 1", b"N(UP) ;", b"N(UP)\\ x",
    b"N(UP) \\\n x", b"N(N(a) b) c", b"N(a)  }", b"xN(a) b", b"_N(a) b", b".N(a) b", b"->N(a) b", b"#N(a) b",
    b"  # N(a) b", b"N(a) _", b"N(a \"(\") b", b"N(a; b) c", b"N(a) b" + b" " * 10, b"N(" + b"a" * 5000 + b") b",
    b"NN(a) b", b"M(a) b", b"L(a) b", b"N(a)\0b", b"N(a) \xff", b"N(a)\r b", b"N(/* ) */ a) b",
    b"x#N(a) b", b"x #N(a) b", b"a.N(b) c",
])
def test_edge_cases(body: bytes) -> None:
    _same(_HEADER.encode() + body)
    _same(body)


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    for path in c_files():
        _same(path.read_bytes())
        _same(_HEADER.encode() + path.read_bytes())
    text = _HEADER.encode() + b"static void f(void)\n{\n\tN(UP) N(DOWN)\n\tM(x) if (y)\n\t\tN(z) }\n"
    agree_on_prefixes_and_buffers(_same, text, native.statement_gaps, passes.statement_gaps_py)
    assert len(native.statement_gaps(text)) == 4


def _run(src: bytes) -> tuple[bytes | None, dict[str, int]]:
    out = Normalised(src)
    buf = passes.statement_macros(src, None, out)
    return (None if buf is None else bytes(buf)), out.by_class


def test_the_pass_writes_the_same_with_and_without_the_module(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [p.read_bytes() for p in c_files()] + [_HEADER.encode() + b"void f(void)\n{\n\tN(a) N(b)\n}\n"]
    with_module = [_run(src) for src in sources]
    assert any(buf is not None for buf, _ in with_module)
    monkeypatch.setattr(passes, "statement_gaps", passes.statement_gaps_py)
    assert [_run(src) for src in sources] == with_module
