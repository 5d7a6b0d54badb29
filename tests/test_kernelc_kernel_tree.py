"""On Debian's real 6.1 tree: the files the issue names as collapsed now read almost cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocolint.kernelc.health import measure_file

TREE = Path.home() / ".cache" / "cocolint" / "trees" / "linux-source-6.1"
COLLAPSED = ["kernel/sched/core.c", "kernel/locking/lockdep.c", "net/core/dev.c"]

pytestmark = [pytest.mark.kernel, pytest.mark.slow]


@pytest.mark.parametrize("rel", COLLAPSED)
def test_collapsed_file_is_read(rel: str) -> None:
    path = TREE / rel
    if not path.is_file():
        pytest.skip(f"{TREE} is not unpacked (scripts/kernel_source.py fetches it)")
    source = path.read_bytes()
    raw = measure_file(path, source, normalised=False)
    h = measure_file(path, source)
    assert raw.error_ratio > 0.5  # what the issue reports
    assert h.error_ratio < 0.01, f"{rel}: {h.error_ratio:.2%} of bytes still in ERROR nodes"
    assert h.functions >= raw.functions
    assert h.functions_lost == 0
