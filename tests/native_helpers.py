"""Tests of the optional native module: they fail when it is missing, and skip only when
COCOLINT_PURE_PYTHON=1 switched it off on purpose (the suite then runs the pure-Python paths)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel

REPO = Path(__file__).resolve().parents[1]

PURE_PYTHON = os.environ.get("COCOLINT_PURE_PYTHON", "") not in ("", "0")


def require(name: str) -> None:
    """Skip under COCOLINT_PURE_PYTHON=1; otherwise fail unless cocolint._native defines name."""
    if PURE_PYTHON:
        pytest.skip("COCOLINT_PURE_PYTHON=1: the native module is switched off")
    assert accel.native is not None, ("cocolint._native is not built (pip install -e . needs a C compiler); "
                                      "COCOLINT_PURE_PYTHON=1 runs the suite without it")
    assert accel.has(name), f"cocolint._native has no {name}: rebuild it (pip install -e .)"


# a test module of the native functions: `pytestmark = NATIVE_TESTS`, then native(...) in each test
NATIVE_TESTS = pytest.mark.skipif(PURE_PYTHON, reason="COCOLINT_PURE_PYTHON=1: the native module is switched off")


def native(*names: str) -> object:
    """cocolint._native, asserting (a failure, not a skip) that it defines every one of names."""
    for name in names:
        require(name)
    return accel.native


def c_files() -> list[Path]:
    """Every .c/.h file of samples/ and rules/: the C we write ourselves, in kernel style."""
    files = sorted(p for top in ("samples", "rules") for p in (REPO / top).rglob("*.[ch]"))
    assert len(files) > 20, "samples/ and rules/ should hold dozens of C files"
    return files


def mutated_sample(data: st.DataObject, pieces: st.SearchStrategy[bytes]) -> bytes:
    """A sample file with 1-8 edits drawn by hypothesis: a few bytes cut, a piece written in."""
    files = c_files()
    src = bytearray(files[data.draw(st.integers(0, len(files) - 1), label="file")].read_bytes())
    for _ in range(data.draw(st.integers(1, 8), label="edits")):
        at = data.draw(st.integers(0, len(src)), label="at")
        cut = data.draw(st.integers(0, 3), label="cut")
        src[at:at + cut] = data.draw(pieces, label="piece")
    return bytes(src)


def agree_on_prefixes_and_buffers(same: Callable[[bytes], None], text: bytes, native_fn: Callable[[object], object],
                                  python_fn: Callable[[bytes], object]) -> None:
    """same() on every prefix of text (each ends inside some token) and on text 20,000 times over;
    the native function takes any buffer (a bytearray) as the Python takes bytes, and refuses str."""
    for i in range(len(text) + 1):
        same(text[:i])
    same(text * 20000)
    assert native_fn(bytearray(text)) == python_fn(text)
    with pytest.raises(TypeError):
        native_fn("text")


def piece_tests(same: Callable[[bytes], None], pieces: list[str], generated: int, mutated: int,
                max_size: int = 40) -> tuple[Callable[..., None], Callable[..., None]]:
    """A test module's two hypothesis tests (assign them to test_* names): same() on text joined from up
    to max_size pieces (generated examples), and on a samples/ file with pieces spliced in (mutated examples)."""

    @settings(max_examples=generated, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=max_size))
    def generated_text(chosen: list[str]) -> None:
        same("".join(chosen).encode("latin-1"))

    @settings(max_examples=mutated, deadline=None)
    @given(st.data())
    def mutated_samples(data: st.DataObject) -> None:
        same(mutated_sample(data, st.sampled_from(pieces).map(lambda p: p.encode("latin-1"))))

    return generated_text, mutated_samples
