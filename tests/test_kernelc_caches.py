"""The start-up shortcuts of kernel-C normalisation give exactly what the slow paths give."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocolint.kernelc import candidates, macros


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


@pytest.mark.parametrize("extra", [None, {"iterators": ["my_for_each_thing", "plain_macro"],
                                          "attributes": ["__my_attr", "list_for_each_entry"],
                                          "type-arguments": {"my_type_arg": [0, 1]}, "struct-groups": {"grp": 2}}])
def test_classes_from_the_cache_equal_classifying_the_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           extra: dict | None) -> None:
    """macro_set() and names() start from the packaged lists' classes read with them; the same as computing them."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("COCOLINT_NO_RULE_CACHE", raising=False)
    root = tmp_path / "tree"
    root.mkdir()
    (root / ".clang-format").write_text("ForEachMacros:\n  - 'tree_for_each_x'\n  - 'tree_plain'\nOther: 1\n")
    data = macros.packaged()
    assert macros._packaged_and_classes()[1] == macros._classes(data)  # read back from the cache as written
    m = macros.macro_set(root, extra)
    kinds: dict[str, str] = {}
    typeargs: dict[str, tuple[int, ...]] = {}
    groups: dict[str, int] = {}
    for source in (data, dict(extra or {})):  # macro_set's classification, from scratch
        macros._classify(source, kinds, typeargs, groups)
    for name in macros.clang_format_iterators(root):
        kinds.setdefault(name, "iterator")
    assert list(m.kinds.items()) == list(kinds.items())
    assert (m.type_arguments, m.struct_groups) == (typeargs, groups)
    holding = {n for n in kinds if any(a in n for a in m.anchors)}
    expected = frozenset(n.encode("ascii") for n in kinds if n not in holding)
    assert candidates.names(m) == expected
    assert b"tree_plain" in expected and b"tree_for_each_x" not in expected
    assert (b"plain_macro" in expected) == (extra is not None)
