"""cocolint._native.Literals finds every occurrence of every literal, as bytes.find one by one does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel
from native_helpers import require

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (REPO / "samples").rglob("*") if p.suffix in (".c", ".h"))



def _literals(literals: list) -> object:
    """Literals(literals); a failure, not a skip, when the module was not built."""
    require("Literals")
    return accel.native.Literals(literals)


def _naive(literals: list[bytes], source: bytes) -> list[tuple[int, int, int]]:
    """Every (index, start, end), by start, then end, then index: the order find_all promises."""
    hits = []
    for k, lit in enumerate(literals):
        at = source.find(lit)
        while at >= 0:
            hits.append((k, at, at + len(lit)))
            at = source.find(lit, at + 1)
    return sorted(hits, key=lambda h: (h[1], h[2], h[0]))


def _check(literals: list[bytes], source: bytes) -> list[tuple[int, int, int]]:
    got = _literals(literals).find_all(source)
    assert got == _naive(literals, source)
    return got


# few distinct bytes: literals overlap, nest and are prefixes of each other; NUL bytes among them
_SMALL = st.binary(min_size=1, max_size=6).map(lambda b: bytes(c % 4 for c in b))
_SMALL_SOURCE = st.binary(max_size=300).map(lambda b: bytes(c % 4 for c in b))


@settings(max_examples=500, deadline=None)
@given(st.lists(_SMALL, max_size=25), _SMALL_SOURCE)
def test_overlapping_nested_and_duplicate_literals(literals: list[bytes], source: bytes) -> None:
    _check(literals, source)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(min_size=1, max_size=12), max_size=40), st.binary(max_size=400))
def test_any_bytes(literals: list[bytes], source: bytes) -> None:
    _check(literals, source)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"_entry", b"for_each", b"__init", b"static A", b"\nA", b", {", b"\\\n", b"={",
                                 b"static ", b"s", b"_", b"\n", b"list_for_each_entry", b"x"]), max_size=8),
       st.lists(st.sampled_from(["list_for_each_entry(", "static A", "\n", "A", ", {", "\\\n", "={", "__init ",
                                 "_", "x", " ", "\t", "static", "for_each"]), max_size=60))
def test_kernel_like_literals(literals: list[bytes], parts: list[str]) -> None:
    _check(literals, "".join(parts).encode())


def test_edges() -> None:
    assert _check([], b"anything") == []
    assert _check([b"a"], b"") == []
    assert _check([b"abc"], b"ab") == []  # longer than the source
    assert _check([b"ab"], b"ab") == [(0, 0, 2)]  # the whole source
    assert _check([b"z", b"yz"], b"xyz") == [(1, 1, 3), (0, 2, 3)]  # at the very end
    assert _check([b"ab", b"ab", b"b", b"abc"], b"abc") == [(0, 0, 2), (1, 0, 2), (3, 0, 3), (2, 1, 2)]
    assert _check([b"\0", b"\0\0"], b"\0\0\0") == [(0, 0, 1), (1, 0, 2), (0, 1, 2), (1, 1, 3), (0, 2, 3)]
    every_byte = [bytes([b]) for b in range(256)]  # a node with every child
    assert len(_check(every_byte + [b"\xff\x00"], bytes(range(256)) * 3)) == 768 + 2


def test_hits_at_every_offset_around_the_blocks() -> None:
    # the scan takes 64 offsets at a time, and the last offsets one by one
    for size in range(60, 140):
        for at in (0, 1, 62, 63, 64, 65, 66, 67, size - 4, size - 3, size - 2, size - 1):
            if 0 <= at < size:
                source = bytearray(b"." * size)
                source[at] = ord("x")
                _check([b"x", b"x.", b"x..", b"x...", b"x....", b".x"], bytes(source))


def test_many_children_and_long_literals() -> None:
    literals = [b"_" + bytes([c]) for c in range(256)] + [b"__" + bytes([c]) * 40 for c in b"abcdefghijklm"]
    source = b"".join(b"__" + bytes([c]) * 45 + b" _" + bytes([c]) for c in b"abcdefghijklmnopq")
    assert _check(literals, source)


def test_literals_alike_in_their_first_8_bytes() -> None:
    # building sorts by the first 8 bytes (zero-padded), then runs of equal ones
    literals = [b"static " + bytes([c]) + b"x" * (c % 5) for c in range(60, 100)] * 2  # long runs, duplicates
    literals += [b"ab", b"ab\0", b"ab\0\0", b"a", b"ab\0\0\0\0\0\0\0", b"ab\0\0\0\0\0\0"]  # padding look-alikes
    source = b"".join(b"static " + bytes([c]) + b"xxxx ab\0\0\0\0\0\0\0\0 " for c in range(55, 105))
    assert len(_check(literals, source)) > 200


def test_the_normalisers_literals_on_the_samples() -> None:
    from cocolint.kernelc.normalise import Normaliser

    require("Literals")
    gate = Normaliser.for_path(None).gate_with((b"cc_mkdec", b"sev_"))
    gate.scan(b"")  # builds the literal list
    literals = gate.literals
    assert len(literals) > 2000
    for path in SAMPLES[:40]:
        _check(literals, path.read_bytes())


def test_a_large_source() -> None:
    source = b"\0" * 5_000_000 + b"struct page *p;\n" + b"x" * 5_000_000 + b"__init"
    assert _literals([b"__init", b"page", b"\0s"]).find_all(source) == [
        (2, 4_999_999, 5_000_001), (1, 5_000_007, 5_000_011), (0, 10_000_016, 10_000_022)]


def test_bytes_like_sources_and_bad_arguments() -> None:
    lits = _literals([b"ab"])
    assert lits.find_all(bytearray(b"xab")) == lits.find_all(memoryview(b"xab")) == [(0, 1, 3)]
    assert len(lits) == 1
    with pytest.raises(TypeError):
        lits.find_all("ab")
    with pytest.raises(TypeError):
        _literals([b"a", "b"])
    with pytest.raises(ValueError, match="literal 1 is empty"):
        _literals([b"a", b""])
    with pytest.raises(TypeError):
        _literals(3)
    assert _literals((b"a", b"b")).find_all(b"ba") == [(1, 0, 1), (0, 1, 2)]  # any sequence


def test_references_are_not_kept_or_lost() -> None:
    literal, source = b"needle" + bytes(10), b"hay needle" + bytes(20)
    before = sys.getrefcount(literal), sys.getrefcount(source)
    lits = _literals([literal])
    for _ in range(100):
        lits.find_all(source)
    assert (sys.getrefcount(literal), sys.getrefcount(source)) == before
