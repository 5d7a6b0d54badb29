"""The compiled-rule cache: a stored rule loads back equal to a freshly compiled one, its regexes from the regex cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import rule_text, write_rule
from cocolint import recache
from cocolint.ruleset import cache
from cocolint.ruleset.loader import load_rule_file

SCOPED = rule_text("scoped-rule", ["if (hv_check()) $S;", "$X | MASK_BIT"], extra=(
    "[scope]\nfunctions = '^_*(set_memory_|mem_encrypt)'\nnot-functions = '_test$'\n"))


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("COCOLINT_NO_RULE_CACHE", raising=False)
    return write_rule(tmp_path / "rules", SCOPED)


def test_a_cached_rule_equals_the_compiled_one(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = load_rule_file(cached)
    assert list((Path(cache._dir())).iterdir())  # stored
    calls = []
    real = recache.compile
    monkeypatch.setattr(recache, "compile", lambda *a: calls.append(a) or real(*a))
    again = load_rule_file(cached)
    assert again == fresh and again is not fresh
    assert again.patterns[0].plain == fresh.patterns[0].plain is not None
    assert sorted(c[0] for c in calls) == ["^_*(set_memory_|mem_encrypt)", "_test$"]  # via the regex cache
    assert again.scope.functions.search("__set_memory_decrypted")
    assert not again.scope.functions.search("swiotlb_init")
    assert again.scope.not_functions.search("probe_test")


def test_a_corrupt_entry_is_compiled_again(cached: Path) -> None:
    fresh = load_rule_file(cached)
    for entry in Path(cache._dir()).iterdir():
        entry.write_bytes(entry.read_bytes()[:40])
    assert load_rule_file(cached) == fresh
