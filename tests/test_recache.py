"""cocolint.recache: patterns read back from the cache are the patterns re.compile makes."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from cocolint import recache

PATTERNS = [
    (rb"#(?:(?<![^\n]\#)|(?<=[ \t]\#)(?P<indented>))[^\n\\]*+(?:\\.[^\n\\]*+)*+", re.S),
    (r"\A\s*\(\s*([a-z][a-z0-9_]*)\s*\)\s*@match\s*\Z", 0),
    (r"_walk(?:_safe|_reverse|_reverse_safe|_from|_from_safe|_rcu)?$", 0),
    (rb"^\s*-\s*'([A-Za-z_]\w*)'", re.M),
    ("(?i)caf\u00e9|na\u00efve", 0),
    (r"x{2,5}?y*+(?=z)", re.X | re.I),
    (rb"[()\"';{}]|/\*", 0),
]


@pytest.fixture
def fresh(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """An empty cache under tmp_path, as a new process would start."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("COCOLINT_NO_RULE_CACHE", raising=False)
    monkeypatch.setattr(recache, "_entries", None)
    monkeypatch.setattr(recache, "_dirty", False)
    return tmp_path


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert a == b  # flags, pattern and compiled code
    assert (a.groups, dict(a.groupindex), a.pattern, a.flags) == (b.groups, dict(b.groupindex), b.pattern, b.flags)


@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_a_cached_pattern_equals_re_compile(fresh, pattern, flags) -> None:  # type: ignore[no-untyped-def]
    first = recache.compile(pattern, flags)  # a miss: compiled by re and stored
    _same(first, re.compile(pattern, flags))
    recache.save()
    recache._entries = None  # as the next run: read from the file
    second = recache.compile(pattern, flags)
    assert recache._entries and (pattern, int(flags)) in recache._entries
    _same(second, re.compile(pattern, flags))
    text = "##x\n  #y\n(a)  @match\nlist_for_each_safe\nCAF\u00c9 xxxz"
    subject = text.encode() if isinstance(pattern, bytes) else text
    assert [m.span() for m in second.finditer(subject)] == [m.span() for m in re.finditer(pattern, subject, flags)]


def test_a_corrupt_cache_file_is_a_miss(fresh) -> None:  # type: ignore[no-untyped-def]
    recache.compile(r"a(b)c")
    recache.save()
    path = recache._path()
    assert path is not None and os.path.exists(path)
    with open(path, "wb") as f:
        f.write(b"\x00not marshal")
    recache._entries = None
    _same(recache.compile(r"a(b)c"), re.compile(r"a(b)c"))


def test_a_bad_entry_is_compiled_again(fresh) -> None:  # type: ignore[no-untyped-def]
    recache._load()[(r"a(b)c", 0)] = (r"a(b)c", 32, [1, 2, 3], 1, {}, (None, None))  # code _sre rejects
    _same(recache.compile(r"a(b)c"), re.compile(r"a(b)c"))


def test_the_cache_can_be_switched_off(fresh, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COCOLINT_NO_RULE_CACHE", "1")
    recache.compile(r"q+")
    recache.save()
    assert not os.path.exists(fresh / "cocolint" / "regex")


def test_the_command_saves_what_it_compiled(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`cocolint check` ends with os._exit: the cache is written before it, and read by the next run."""
    src = tmp_path / "a.c"
    src.write_text("int f(void)\n{\n\treturn hv_is_isolation_supported();\n}\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("COCOLINT_NO_RULE_CACHE", None)
    cmd = [sys.executable, "-c", "from cocolint.cli import run; run()", "check", "--quiet", "--no-config", str(src)]
    outs = [subprocess.run(cmd, capture_output=True, text=True, env=env, check=False) for _ in range(2)]
    assert [o.returncode for o in outs] == [0, 0], outs[0].stderr
    assert outs[0].stdout == outs[1].stdout
    files = os.listdir(tmp_path / "cache" / "cocolint" / "regex")
    assert len(files) == 1 and files[0].endswith(".marshal")
