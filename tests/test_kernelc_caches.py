"""The start-up shortcuts of kernel-C normalisation give exactly what the slow paths give."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocolint.kernelc import candidates, macros, triggers
from cocolint.kernelc.normalise import Normaliser

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_cached_macro_lists_equal_the_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("COCOLINT_NO_RULE_CACHE", raising=False)
    first = macros.packaged()  # parses the TOML and writes the cache
    assert list((tmp_path / "cocolint" / "macros").glob("*.marshal"))
    again = macros.packaged()  # read from the cache
    monkeypatch.setenv("COCOLINT_NO_RULE_CACHE", "1")
    assert first == again == macros.packaged()
    assert again["attributes"] and again["iterators"]


def test_a_corrupt_cache_entry_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("COCOLINT_NO_RULE_CACHE", raising=False)
    good = macros.packaged()
    for entry in (tmp_path / "cocolint" / "macros").glob("*.marshal"):
        entry.write_bytes(b"{not json")
    assert macros.packaged() == good


def test_quick_and_fast_automata_find_the_same_names(monkeypatch: pytest.MonkeyPatch) -> None:
    assert candidates.accelerated(), "ahocorasick-rs is in the test extra"
    m = macros.macro_set(None)
    sources = [p.read_bytes() for p in sorted(SAMPLES.rglob("*.[ch]"))]
    assert len(sources) > 20
    found = {}
    for threshold in (10**12, 0):  # never the DFA; the DFA from the first byte
        monkeypatch.setattr(triggers, "DFA_AFTER", threshold)
        gate = Normaliser(m).gate  # a fresh gate: its automaton is built on its first search
        scans = [gate.scan(s) for s in sources]
        found[threshold] = [(sorted(names), sorted(anchors), sorted(run)) for (names, anchors), run, _ in scans]
    assert found[0] == found[10**12]
    assert sum(len(names) for names, _, _ in found[0]) > 100
