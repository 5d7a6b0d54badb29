"""Comparing a whole-file pass in C with its Python reference: same buffer (or None), same counts in the same order."""

from __future__ import annotations

from typing import Callable

from cocolint.kernelc.normalise import Normaliser
from cocolint.kernelc.scan import Normalised

from native_helpers import agree_on_prefixes_and_buffers, c_files

Pass = Callable[[bytes, "bytearray | None", Normalised], "bytearray | None"]


def scanned(src: bytes, counts: dict[str, int] | None = None, found: bool = False) -> Normalised:
    """A Normalised of src (counts: already recorded); found: with the trigger scan's hits, as a run has them."""
    out = Normalised(src)
    for kind, n in (counts or {}).items():
        out.count(kind, n)
    if found:
        hits, run, _ = Normaliser.for_path(None).gate_with(()).scan(src)
        if run is not None:
            out.found = hits
    return out


def run(fn: Pass, src: bytes, buf: bytearray | None, found: bool = False) -> tuple[object, list, int]:
    """fn's result on a copy of buf: (bytes or None, counts by kind in order, bytes rewritten)."""
    out = scanned(src, {"earlier_pass": 3}, found)
    got = fn(src, None if buf is None else bytearray(buf), out)
    assert got is None or type(got) is bytearray
    assert got is None or len(got) == len(src)
    return (None if got is None else bytes(got)), list(out.by_class.items()), out.rewritten


def agree(native: Pass, python: Pass, src: bytes, buf: bytearray | None = None, found: bool = False) -> tuple:
    """Assert both give the same buffer and counts for src (and buf: another pass's rewrites); the result."""
    want = run(python, src, buf, found)
    assert run(native, src, buf, found) == want
    return want


def rewritten_by_others(src: bytes, every: int = 7) -> bytearray:
    """src with every every-th byte of each word blanked: a buf another pass has changed here and there."""
    buf = bytearray(src)
    for i in range(0, len(buf), every):
        if buf[i] not in b"\n":
            buf[i] = 0x20
    return buf


def both_buffers(native: Pass, python: Pass, every: int = 7) -> Callable[[bytes], None]:
    """A test's same(src): both agree on src as it is, and on src rewritten here and there by other passes."""

    def same(src: bytes) -> None:
        agree(native, python, src)
        agree(native, python, src, rewritten_by_others(src, every))

    return same


def agree_on_c_files(native: Pass, python: Pass) -> int:
    """Both agree on every samples/ and rules/ C file, without and with the trigger scan's hits; how many
    files the pass rewrites."""
    changed = 0
    for path in c_files():
        src = path.read_bytes()
        changed += agree(native, python, src)[0] is not None
        agree(native, python, src, found=True)
    return changed


def agree_on_prefixes(same: Callable[[bytes], None], native: Pass, python: Pass, text: bytes) -> None:
    """native_helpers.agree_on_prefixes_and_buffers for a pass: its runs from no earlier rewrite compared."""
    agree_on_prefixes_and_buffers(same, text, lambda b: run(native, b, None), lambda b: run(python, b, None))
