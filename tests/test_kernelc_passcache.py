"""kernelc/passcache.py: the pass table read from the cache is the one built from the modules, passes load as they run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cocolint.kernelc import macros, passcache
from cocolint.kernelc.normalise import _passes
from native_helpers import require
from tests.conftest import rewrite

SAMPLES = sorted(p for p in (Path(__file__).resolve().parents[1] / "samples").rglob("*") if p.suffix in (".c", ".h"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("COCOLINT_NO_RULE_CACHE", raising=False)
    return tmp_path


@pytest.mark.parametrize("static", [True, False])
def test_the_cached_table_is_the_built_one(cache: Path, static: bool) -> None:
    m = macros.macro_set(None)
    if not static:
        m = macros.MacroSet(m.kinds, m.type_arguments, m.iterator_patterns, m.anchor_regexes, None,
                            anchors=m.anchors)
    built = passcache.table(m, _passes)  # a miss: built from the modules and stored
    assert list((cache / "cocolint" / "macros").glob("*.passes.marshal"))
    cached = passcache.table(m, _passes)
    assert all(isinstance(fn, passcache._Lazy) for _, fn, _ in cached)
    assert [(name, tuple(triggers)) for name, _, triggers in built] == [(name, t) for name, _, t in cached]
    assert ("static_macros" in {name for name, _, _ in cached}) == static
    sources = [p.read_bytes() for p in SAMPLES]
    assert len(sources) > 20
    for (name, eager, _), (_, lazy, _) in zip(built, cached):
        for src in sources:
            assert rewrite(lazy, src) == rewrite(eager, src), (name, src[:60])


def test_a_table_it_cannot_describe_is_not_cached(cache: Path) -> None:
    m = macros.macro_set(None)
    odd = [("odd", lambda src, buf, out: buf, (b"x",))]
    assert passcache.table(m, lambda _: odd) is odd
    assert passcache.table(m, lambda _: odd) is odd  # built again: nothing was stored
    assert not list((cache / "cocolint" / "macros").glob("*.passes.marshal"))


def test_a_check_imports_only_the_passes_that_run(tmp_path: Path) -> None:
    require("Literals")  # (without the trigger scan every pass runs)
    src = tmp_path / "a.c"
    src.write_text("int f(void)\n{\n\treturn hv_is_isolation_supported();\n}\n")
    code = ("import sys\nfrom cocolint.cli import main\n"
            "rc = main(['check', '--quiet', '--no-config', '--no-prefilter', sys.argv[1]])\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('cocolint.kernelc.'))), file=sys.stderr)\n"
            "sys.exit(rc)\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("COCOLINT_NO_RULE_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True, text=True, env=env,
                           check=False) for _ in range(2)]  # the first fills the caches
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    loaded = set(runs[1].stderr.split())
    assert "cocolint.kernelc.normalise" in loaded and "cocolint.kernelc.passes" in loaded
    assert not loaded & {"cocolint.kernelc.trace_events", "cocolint.kernelc.asm_templates",
                         "cocolint.kernelc.usage_passes", "cocolint.kernelc.braced_calls"}
    assert "cocolint.kernelc.trace_events" in set(runs[0].stderr.split())  # built from the modules the first time
