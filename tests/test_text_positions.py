"""Text.position()/line(): the first lookups search the bytes, later ones use the list of line starts; both agree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cocolint.engine.text import Text

BYTES = st.binary(max_size=60).map(lambda b: bytes(c if c % 3 else 10 for c in b))  # plenty of newlines


def listed(source: bytes) -> Text:
    """A Text whose lookups all come from the list of line starts (the reference)."""
    t = Text(source)
    assert t.starts[0] == 0
    return t


@settings(max_examples=400, deadline=None)
@given(BYTES, st.lists(st.integers(0, 80), min_size=1, max_size=20))
def test_searched_lookups_agree_with_the_list(source: bytes, offsets: list[int]) -> None:
    ref, t = listed(source), Text(source)
    for off in offsets:
        off = min(off, len(source))
        pos = t.position(off)
        assert pos == ref.position(off)
        assert t.line(pos[0]) == ref.line(pos[0])


def test_positions_count_characters_and_invalid_bytes() -> None:
    src = "a\n\xe9t\xe9 x\r\nz".encode() + b"\xff y\n"
    t = Text(src)
    assert t.position(src.index(b"x")) == (2, 5)  # `é` is one character
    assert t.line(2) == "\xe9t\xe9 x"
    assert t.position(src.index(b" y")) == (3, 3)  # an invalid byte counts as one
    assert t.line(3) == "z\ufffd y"


def test_many_lookups_switch_to_the_list_and_stay_right() -> None:
    src = b"".join(b"line %d\n" % i for i in range(100))
    t, ref = Text(src), listed(src)
    for i in range(0, 100, 3):
        off = src.index(b"line %d\n" % i) + 2
        assert t.position(off) == ref.position(off) == (i + 1, 3)
        assert t.line(i + 1) == ref.line(i + 1) == f"line {i}"
    assert t._starts is not None  # past the first few lookups the list was built
