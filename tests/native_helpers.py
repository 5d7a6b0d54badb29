"""Tests of the optional native module: they fail when it is missing, and skip only when
COCOLINT_PURE_PYTHON=1 switched it off on purpose (the suite then runs the pure-Python paths)."""

from __future__ import annotations

import os

import pytest

from cocolint import accel

PURE_PYTHON = os.environ.get("COCOLINT_PURE_PYTHON", "") not in ("", "0")


def require(name: str) -> None:
    """Skip under COCOLINT_PURE_PYTHON=1; otherwise fail unless cocolint._native defines name."""
    if PURE_PYTHON:
        pytest.skip("COCOLINT_PURE_PYTHON=1: the native module is switched off")
    assert accel.native is not None, ("cocolint._native is not built (pip install -e . needs a C compiler); "
                                      "COCOLINT_PURE_PYTHON=1 runs the suite without it")
    assert accel.has(name), f"cocolint._native has no {name}: rebuild it (pip install -e .)"


# a test module of the native functions: `pytestmark = NATIVE_TESTS`, then native(...) in each test
NATIVE_TESTS = pytest.mark.skipif(PURE_PYTHON, reason="COCOLINT_PURE_PYTHON=1: the native module is switched off")


def native(*names: str) -> object:
    """cocolint._native, asserting (a failure, not a skip) that it defines every one of names."""
    for name in names:
        require(name)
    return accel.native
