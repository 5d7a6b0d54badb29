"""cocolint.record behaves like the standard dataclasses for everything cocolint uses (checked side by side)."""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys

import pytest

from cocolint import record



def _pair(**options: bool):  # type: ignore[no-untyped-def]
    """The same class body made by dataclasses and by cocolint.record."""
    out = []
    for mod in (dataclasses, record):
        @mod.dataclass(**options)
        class Point:
            """A point."""

            x: int
            y: int = 0
            tags: list[str] = mod.field(default_factory=list)
            note: str = mod.field(default="", compare=False, repr=False)

            def norm(self) -> int:
                return abs(self.x) + abs(self.y)

        out.append(Point)
    return out


@pytest.mark.parametrize("options", [{}, {"frozen": True}, {"frozen": True, "order": True}, {"eq": False}])
def test_same_behaviour_as_dataclasses(options: dict[str, bool]) -> None:
    std, rec = _pair(**options)
    for args, kwargs in [((1,), {}), ((1, 2), {}), ((1,), {"tags": ["a"], "note": "n"}), ((), {"x": 3, "y": -1})]:
        a, b = std(*args, **kwargs), rec(*args, **kwargs)
        assert (a.x, a.y, a.tags, a.note) == (b.x, b.y, b.tags, b.note)
        assert repr(a) == repr(b)
        assert a.norm() == b.norm()
    assert std(1).tags is not std(1).tags and rec(1).tags is not rec(1).tags  # a fresh default each time
    for x1, y1, x2, y2, note in [(1, 2, 1, 2, "other"), (1, 2, 1, 3, ""), (2, 0, 1, 5, "")]:
        sa, sb = std(x1, y1), std(x2, y2, note=note)
        ra, rb = rec(x1, y1), rec(x2, y2, note=note)
        assert (sa == sb) == (ra == rb)
        assert (sa != sb) == (ra != rb)
        if options.get("order"):
            assert [sa < sb, sa <= sb, sa > sb, sa >= sb] == [ra < rb, ra <= rb, ra > rb, ra >= rb]
    assert (std(1) == (1, 0)) == (rec(1) == (1, 0)) is False
    hashable = std.__hash__ is not None
    assert (rec.__hash__ is not None) == hashable
    if hashable and options.get("frozen"):
        assert hash(rec(1, 2, tags=(), note="a")) == hash(rec(1, 2, tags=(), note="b"))  # note is not compared
        assert hash(rec(1, 2, tags=())) == hash(std(1, 2, tags=()))
    if options.get("frozen"):
        with pytest.raises(AttributeError):
            rec(1).x = 5  # type: ignore[misc]
        with pytest.raises(record.FrozenInstanceError):
            del rec(1).x
    else:
        p = rec(1)
        p.x = 5
        assert p.x == 5


def test_the_compiled_init_behaves_as_the_generic_one() -> None:
    """A class's first instances bind arguments generically, later ones through its compiled __init__."""
    for options in ({}, {"frozen": True}):
        std, rec = _pair(**options)
        calls = [((1,), {}), ((1, 2), {}), ((), {"x": 3, "note": "n"}), ((1,), {"tags": ["a"]})]
        bad = [((), {}), ((1, 2, [], "", 5), {}), ((1,), {"x": 2}), ((1,), {"z": 2})]
        for _ in range(record.COMPILE_AFTER // len(calls) + 2):
            for args, kwargs in calls:
                a, b = std(*args, **kwargs), rec(*args, **kwargs)
                assert (a.x, a.y, a.tags, a.note) == (b.x, b.y, b.tags, b.note)
            for args, kwargs in bad:
                with pytest.raises(TypeError) as std_error:
                    std(*args, **kwargs)
                with pytest.raises(TypeError) as rec_error:
                    rec(*args, **kwargs)
                assert str(rec_error.value).split("(", 1)[-1] == str(std_error.value).split("(", 1)[-1]
        assert rec.__dict__["__init__"].__code__.co_name == "__init__"  # the compiled one is in place
        assert "made" not in rec.__dict__["__init__"].__code__.co_freevars
    assert _Post(4).doubled == 8 and all(_Post(i).doubled == 2 * i for i in range(record.COMPILE_AFTER + 3))


def test_replace_pickle_and_fields() -> None:
    _, rec = _pair(frozen=True)
    p = rec(1, 2, tags=["t"], note="n")
    q = record.replace(p, y=7)
    assert (q.x, q.y, q.tags, q.note) == (1, 7, ["t"], "n") and (p.y == 2)
    assert [f.name for f in record.fields(rec)] == ["x", "y", "tags", "note"]
    assert rec.__match_args__ == ("x", "y", "tags", "note")


@record.dataclass(frozen=True, order=True)
class _Frozen:
    a: int
    b: str = "x"


@record.dataclass
class _Post:
    a: int
    doubled: int = 0

    def __post_init__(self) -> None:
        self.doubled = 2 * self.a


def test_pickle_round_trip_and_post_init() -> None:
    f = _Frozen(3, "y")
    assert pickle.loads(pickle.dumps(f)) == f
    assert sorted([_Frozen(2), _Frozen(1, "z"), _Frozen(1, "a")]) == [_Frozen(1, "a"), _Frozen(1, "z"), _Frozen(2)]
    assert _Post(4).doubled == 8
    assert {_Frozen(1): "one"}[_Frozen(1)] == "one"


def test_misuse_is_an_error_at_definition() -> None:
    with pytest.raises(TypeError, match="slots"):
        @record.dataclass(slots=True)  # type: ignore[call-overload]
        class _A:
            x: int
    with pytest.raises(TypeError, match="non-default argument"):
        @record.dataclass
        class _B:
            x: int = 0
            y: int  # type: ignore[misc]
    with pytest.raises(ValueError):
        record.field(default=1, default_factory=list)


def test_a_check_does_not_import_dataclasses_inspect_typing_or_argparse(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The start-up path of `cocolint check FILE` (rule cache warm) stays free of the slow-to-import modules."""
    src = tmp_path / "a.c"
    src.write_text("int f(void)\n{\n\treturn hv_is_isolation_supported();\n}\n")
    # (urllib.parse: unless the interpreter's start-up loaded it, as an editable install's path finder does)
    code = ("import sys\nbefore = set(sys.modules)\nfrom cocolint.cli import main\n"
            "rc = main(['check', '--quiet', '--no-config', '--format', 'json', sys.argv[1]])\n"
            "print(' '.join(m for m in ('dataclasses', 'inspect', 'typing', 'argparse', 'hashlib', 'pickle', "
            "'urllib.parse', 'ipaddress', 'json') if m in sys.modules and m not in before), file=sys.stderr)\n"
            "sys.exit(rc)\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for _ in range(2):  # the first run fills the rule cache (compiling rules reads TOML, which imports typing)
        out = subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True, text=True, check=False, env=env)
        assert out.returncode in (0, 1), out.stderr
    assert out.stderr.strip().splitlines()[-1:] in ([], [""]), out.stderr  # (stdout: the JSON report)
    assert out.stdout.startswith("{")
