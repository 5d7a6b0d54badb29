"""Packaging: the built wheel, installed into a fresh virtual environment, ships every rule and works."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, in_function
from native_helpers import require

pytestmark = pytest.mark.slow

SOURCE_RULES = sorted(p.relative_to(REPO / "rules") for p in (REPO / "rules").rglob("*.toml"))


def _run(*cmd: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(wheel, venv): the project built from a clean copy of its source, installed in a fresh venv."""
    base = tmp_path_factory.mktemp("packaging")
    # build from a copy: an in-tree build/ left by an earlier build could smuggle stale files into the wheel
    src = base / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):  # (setup.py: the optional native module)
        shutil.copy2(REPO / name, src / name)
    # (*.so: the native module an editable install built in place; the wheel must build its own)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "*.so")
    for name in ("cocolint", "rules"):
        shutil.copytree(REPO / name, src / name, ignore=ignore)
    wheels = base / "wheels"
    proc = _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, src)
    assert proc.returncode == 0, proc.stderr
    [wheel] = wheels.glob("cocolint-*.whl")
    venv = base / "venv"
    proc = _run(sys.executable, "-m", "venv", "--without-pip", venv)
    assert proc.returncode == 0, proc.stderr
    # the project's pip installs into the new interpreter; the dependencies come from pip's usual sources
    proc = _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "-q", wheel)
    assert proc.returncode == 0, proc.stderr
    return wheel, venv


def test_wheel_contains_every_shipped_rule(installed):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for rel in SOURCE_RULES:
        assert f"cocolint/builtin_rules/{rel.as_posix()}" in names
        sample = rel.with_suffix(".c")
        if (REPO / "rules" / sample).exists():
            assert f"cocolint/builtin_rules/{sample.as_posix()}" in names
    assert "cocolint/builtin_rules/__init__.py" in names


def test_installed_cocolint_lists_every_rule(installed, tmp_path):
    _, venv = installed
    assert SOURCE_RULES, "the source tree has no rules to count"
    proc = _run(venv / "bin" / "cocolint", "rules", cwd=tmp_path)  # not the source tree: the wheel's rules
    assert proc.returncode == 0, proc.stderr
    ids = sorted(line.split()[0] for line in proc.stdout.splitlines())
    assert ids == sorted(p.stem for p in SOURCE_RULES)


def test_installed_rules_come_from_the_installed_package(installed, tmp_path):
    _, venv = installed
    proc = _run(venv / "bin" / "python", "-c",
                "from cocolint.ruleset import builtin_rules_dir; print(builtin_rules_dir())", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert Path(proc.stdout.strip()).is_relative_to(venv)


def test_installed_cocolint_checks_a_file(installed, tmp_path):
    _, venv = installed
    (tmp_path / "MAINTAINERS").write_text("")
    target = tmp_path / "drivers" / "hv" / "probe.c"
    target.parent.mkdir(parents=True)
    target.write_text(in_function("pa = virt_to_phys(buf) | ms_hyperv.shared_gpa_boundary;"))
    proc = _run(venv / "bin" / "cocolint", "check", "--quiet", "drivers", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("drivers/hv/probe.c:3:")
    proc = _run(venv / "bin" / "python", "-m", "cocolint", "check", "--quiet", "drivers", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout.startswith("drivers/hv/probe.c:3:")


def test_wheel_ships_the_native_module_and_it_loads(installed, tmp_path):
    """Where a C compiler is at hand (CI, the quick start's machines) the wheel carries cocolint._native,
    built from cocolint/csrc, and the installed cocolint uses it (COCOLINT_PURE_PYTHON=1: not asked for)."""
    require("Literals")  # (skips under COCOLINT_PURE_PYTHON=1; built here: the wheel must have it too)
    wheel, venv = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert [n for n in names if n.startswith("cocolint/_native.") and n.endswith(".so")], names
    assert not [n for n in names if n.startswith("cocolint/csrc/")]  # sources go in the sdist, not the wheel
    proc = _run(venv / "bin" / "python", "-c", "from cocolint import accel; print(accel.native.__file__, "
                "accel.has('Literals'), accel.has('blank_comments'))",
                cwd=tmp_path)  # (not the source tree, whose cocolint/ python -c would find first)
    assert proc.returncode == 0, proc.stderr
    path, scan, comments = proc.stdout.split()
    assert path.startswith(str(venv)) and scan == comments == "True"
