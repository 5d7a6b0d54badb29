"""csrc/gate.c: Literals.scan_gate and its Hits give what the gate's Python did over find_all's list."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings, strategies as st

from cocolint.kernelc.normalise import Normaliser
from cocolint.kernelc.triggers import Hits_py, split_hits_py

from native_helpers import NATIVE_TESTS, agree_on_prefixes_and_buffers, c_files, mutated_sample, native

pytestmark = NATIVE_TESTS


def _old_starts(hits: list[tuple[int, int, int]], ids: set[int]) -> list[int]:
    """Found.starts as it was before gate.c: a Python loop over every hit."""
    return sorted([s for i, s, _ in hits if i in ids])


def _agree(finder: object, src: bytes | bytearray, anchor_count: int, first_name: int,
           masks: list[bytes]) -> tuple:
    """scan_gate against split_hits_py over find_all, and each mask's starts/found against Hits_py and
    against the original loops; the native result, as plain lists."""
    hits, found, anchors, spans = finder.scan_gate(src, anchor_count, first_name)  # type: ignore[attr-defined]
    listed = finder.find_all(bytes(src))  # type: ignore[attr-defined]
    ref_hits, ref_found, ref_anchors, ref_spans = split_hits_py(listed, anchor_count, first_name)
    assert hits.tolist() == ref_hits.tolist() == listed
    assert len(hits) == len(listed)
    assert (found, anchors, spans) == (ref_found, ref_anchors, ref_spans)
    assert found == sorted({i for i, _, _ in listed if i < first_name})
    for mask in masks:
        ids = {i for i, b in enumerate(mask) if b}
        assert hits.starts(mask) == ref_hits.starts(mask) == _old_starts(listed, ids)
        assert hits.found(mask) == ref_hits.found(mask) == sorted({i for i, _, _ in listed if i in ids})
    return hits.tolist(), found, anchors, spans


_SMALL = st.binary(min_size=1, max_size=5).map(lambda b: bytes(c % 4 for c in b))


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_any_literals_any_split_any_mask(data: st.DataObject) -> None:
    literals = data.draw(st.lists(st.one_of(_SMALL, st.binary(min_size=1, max_size=8)), min_size=1, max_size=20))
    src = data.draw(st.one_of(st.binary(max_size=300).map(lambda b: bytes(c % 5 for c in b)), st.binary(max_size=300)))
    n = len(literals)
    first_name = data.draw(st.integers(0, n))
    anchor_count = data.draw(st.integers(0, first_name))
    # masks: of every length (shorter than the literals: the rest unwanted), any non-zero byte wanted
    masks = data.draw(st.lists(st.binary(max_size=n + 2), max_size=4))
    _agree(native("Literals", "Hits").Literals(literals), src, anchor_count, first_name, masks)


def _gate():
    gate = Normaliser.for_path(None).gate_with((b"cc_mkdec", b"sev_"))
    gate.scan(b"")  # builds the literal list
    return gate


def _gate_masks(gate) -> list[bytes]:
    """The masks of the gate's own literal groups: every pass's triggers, the anchors, the extra ones."""
    groups = [tuple(gate.literals[i] for i in range(gate.anchor_count)), tuple(gate.extra.values())]
    groups += [tuple(gate.literals[i] for i, passes in gate.by_literal.items() if name in passes)
               for name in {p for passes in gate.by_literal.values() for p in passes}]
    return [gate.mask(g) for g in groups if g]


def test_the_normalisers_gate_on_every_sample_and_rule_file() -> None:
    native("Literals", "Hits")
    gate = _gate()
    assert gate.anchor_count > 0 and gate.first_name > gate.anchor_count and len(gate.extra) == 2
    masks = _gate_masks(gate)
    for path in c_files():
        _agree(gate._finder, path.read_bytes(), gate.anchor_count, gate.first_name, masks)


_PIECES = st.sampled_from([b"list_for_each_entry(", b"static ", b"__init", b"TP_PROTO", b"\n", b"\r\n", b"\0",
                           b"\xff", b"\v", b"\f", b"cc_mkdec", b"sev_", b"#define X(a) a\n", b"{", b"}", b"A"])


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_samples(data: st.DataObject) -> None:
    native("Literals", "Hits")
    gate = _gate()
    src = mutated_sample(data, _PIECES)
    _agree(gate._finder, src, gate.anchor_count, gate.first_name, _gate_masks(gate))


def test_every_prefix_a_large_source_and_buffers() -> None:
    native("Literals", "Hits")
    gate = _gate()
    finder, a, f = gate._finder, gate.anchor_count, gate.first_name
    masks = _gate_masks(gate)
    text = (b"static int __init f(void)\n{\n\tlist_for_each_entry(p, &l, node)\n\t\tcc_mkdec(p);\n}\n"
            b"TRACE_EVENT(x, TP_PROTO(int a), TP_ARGS(a));\n")

    def same(src: bytes) -> None:
        _agree(finder, src, a, f, masks)

    def plain(fn):
        return lambda src: (lambda r: (r[0].tolist(), *r[1:]))(fn(src))

    agree_on_prefixes_and_buffers(same, text, plain(lambda s: finder.scan_gate(s, a, f)),
                                  plain(lambda s: split_hits_py(finder.find_all(s), a, f)))
    assert _agree(finder, memoryview(text), a, f, masks) == _agree(finder, text, a, f, masks)


def test_edges_and_bad_arguments() -> None:
    lits = native("Literals", "Hits").Literals([b"ab", b"b", b"ab"])
    hits, found, anchors, spans = lits.scan_gate(b"abab", 1, 2)
    assert hits.tolist() == [(0, 0, 2), (2, 0, 2), (1, 1, 2), (0, 2, 4), (2, 2, 4), (1, 3, 4)]
    assert (found, anchors, spans) == ([0, 1], [(0, 2), (2, 4)], [(0, 2), (2, 4)])
    assert hits.starts(b"\0\x01") == [1, 3] and hits.starts(b"\x05\0\x01") == [0, 0, 2, 2]
    assert hits.starts(b"") == [] and hits.found(b"") == [] and hits.found(b"\0\0\x01\x01") == [2]
    assert hits.starts(bytearray(b"\x01")) == [0, 2]
    empty, found, anchors, spans = lits.scan_gate(b"", 1, 2)
    assert (len(empty), empty.tolist(), found, anchors, spans) == (0, [], [], [], [])
    nothing = native("Literals").Literals([])
    assert nothing.scan_gate(b"abc", 0, 0)[0].tolist() == []
    with pytest.raises(TypeError):
        lits.scan_gate("ab", 0, 0)
    with pytest.raises(TypeError):
        lits.scan_gate(b"ab", 0)
    with pytest.raises(TypeError):
        hits.starts("ab")
    with pytest.raises(TypeError):
        native("Hits").Hits()  # only scan_gate makes one


def test_references_are_not_kept_or_lost() -> None:
    lits = native("Literals", "Hits").Literals([b"needle", b"hay"])
    source, mask = b"hay needle" * 20, b"\x01\x01"
    before = sys.getrefcount(source), sys.getrefcount(mask)
    for _ in range(100):
        hits = lits.scan_gate(source, 1, 1)[0]
        hits.starts(mask)
        hits.found(mask)
    assert (sys.getrefcount(source), sys.getrefcount(mask)) == before


def test_the_gate_uses_the_native_hits() -> None:
    mod = native("Literals", "Hits")
    gate = _gate()
    found, run, extra = gate.scan(b"static int __init f(void) { cc_mkdec(x); }\n")
    assert isinstance(found.hits, mod.Hits) and not isinstance(found.hits, Hits_py)
    assert extra == {b"cc_mkdec"} and found.which((b"cc_mkdec", b"sev_")) == {b"cc_mkdec"}
    assert found.starts((b"cc_mkdec",)) == [28]
