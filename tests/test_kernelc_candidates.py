"""The trigger scan's native name search and the identifier-set search find the same macro spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel
from cocolint.kernelc import candidates as C
from cocolint.kernelc.normalise import Normaliser, normalise
from native_helpers import require

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "kernelc"
WORDS = ["__init", "__initdata", "x__init", "__init_x", "list_for_each_entry", "hlist_for_each_entry_safe",
         "my_foreach", "container_of", "min_t", "admin_t", "DEFINE_MUTEX", "module_init", "_entry", "for_each",
         " ", "(", ")", "\n", ";", "{", "}", "a", "_", "9"]


def _both(n: Normaliser, src: bytes) -> tuple[list, list]:
    """(spans from the native trigger scan's names and anchors, spans from the identifier set)."""
    found, _, _ = n.gate.scan(src)
    assert found is not None
    return C.candidates(n.macros, src, found), C.candidates(n.macros, src)


def test_the_accelerator_is_built_for_tests() -> None:
    require("Literals")
    assert C.accelerated()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_same_spans_at_identifier_boundaries(parts: list[str]) -> None:
    require("Literals")
    src = "".join(parts).encode()
    fast, slow = _both(Normaliser.for_path(None), src)
    # spans that are whole identifiers are the ones the normaliser uses; both must agree on them
    def whole(spans):
        return [(s, e) for s, e in spans
                if not (s and (src[s - 1:s].isalnum() or src[s - 1:s] == b"_"))
                and not (e < len(src) and (src[e:e + 1].isalnum() or src[e:e + 1] == b"_"))]
    assert whole(fast) == whole(slow)


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".c", ".h")),
                         ids=lambda p: p.name)
def test_same_normalised_text_on_the_corpus(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = path.read_bytes()
    fast = normalise(src).source
    monkeypatch.setattr(accel, "native", None)
    assert not C.accelerated()
    assert normalise(src).source == fast
