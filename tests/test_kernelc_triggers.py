"""The trigger scan only skips passes that would change nothing: same output as running every pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel
from cocolint.kernelc.normalise import Normaliser, _passes
from cocolint.kernelc.prepare import prepare
from cocolint.kernelc.triggers import Gate
from native_helpers import require

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (REPO / "samples").rglob("*") if p.suffix in (".c", ".h"))
TREE = Path.home() / ".cache" / "cocolint" / "trees" / "linux-source-6.1"
# pieces that hit (or nearly hit) every pass's triggers, and the C around them
WORDS = ["static ", "static\t", "const ", "FOO_BAR", "DEFINE_X", "(", ")", "{", "}", "{ ", "[", "]", ",", ", ",
         ",  ", ";", " ", "\t", "\n", "\\\n", "#define ", "#undef ", "#if X\n", "#else\n", "#endif\n", "/* c */",
         "+", "|=", "<<", "-", "*", "&", "!", "...", " ... ", "...)", "args...)", "case ", "= {", ", .f = {", ".f",
         "asm", "asm volatile(", "__asm__ (", "\"x\"", ":", "__attribute__((aligned(8)))", "offsetof(",
         "\ttypeof(", "} while_each_thread(", "} for_each_x(", "TP_PROTO(", "TRACE_EVENT(", "list_for_each_entry",
         "__init", "__iomem", "int", "x", "u32", "EXPORT_SYMBOL(x)", "MODULE_LICENSE(\"GPL\")", "enum e {", "=",
         "SET_SYSTEM_SLEEP_PM_OPS(a, b)", "ACPI_COMMON_HEADER", "struct s", "struct_group(g, ", "0",
         "MACHINE_START(x, \"n\")", "MACHINE_END", "#define A 1\n", ",\n#define B 2\n", "(\n#undef B\n", "={"]


def _both(source: bytes, path: Path | None, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """(prepared with the trigger scan, prepared with every pass and step run)."""
    gated = prepare(source, path)
    with monkeypatch.context() as m:
        m.setattr(Gate, "scan", lambda self, src: (None, None, None))
        every = prepare(source, path)
    return gated, every


def _same(a, b) -> bool:
    return ((a.source, a.normalised, a.suffix, a.rewritten, a.by_class, a.views.directives, a.views.dead)
            == (b.source, b.normalised, b.suffix, b.rewritten, b.by_class, b.views.directives, b.views.dead))


def test_the_scan_is_native_in_tests() -> None:
    require("Literals")
    assert Normaliser.for_path(None).gate.scan(b"x")[1] is not None


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: str(p.relative_to(REPO)))
def test_samples_same_without_the_native_module(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # no scan: every pass runs, and the names are looked up among the identifiers (candidates.py)
    source = path.read_bytes()
    native = prepare(source, path, extra=(b"cc_mkdec",))
    monkeypatch.setattr(accel, "native", None)
    pure = prepare(source, path, extra=(b"cc_mkdec",))
    assert _same(native, pure) and pure.present is None


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: str(p.relative_to(REPO)))
def test_samples_same_as_every_pass(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gated, every = _both(path.read_bytes(), path, monkeypatch)
    assert _same(gated, every)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_random_code_same_as_every_pass(parts: list[str]) -> None:
    source = "".join(parts).encode()
    with pytest.MonkeyPatch.context() as mp:
        gated, every = _both(source, None, mp)
    assert _same(gated, every), source


def test_each_pass_is_skipped_without_its_triggers() -> None:
    require("Literals")
    m = Normaliser.for_path(None)
    _, run, _ = m.gate.scan(b"int x;\n")
    names = {name for name, _, _ in _passes(m.macros)}
    always = {name for name, _, triggers in _passes(m.macros) if not triggers}
    assert {"statement_macros", "macro_runs"} <= always <= run  # no trigger: always run
    assert not run & (names - always)
    _, run, _ = m.gate.scan(b"static FOO(a, +);\n} while_each_thread(g, t);\n")
    assert {"static_macros", "operator_args", "loop_tails"} <= run
    assert "asm_templates" not in run and "trace_events" not in run


def test_a_literal_runs_the_passes_that_name_it() -> None:
    require("Literals")
    gate = Gate([b"_walk"], [("abc", [b"abc"]), ("abc or xyz", [b"xyz", b"abc"]), ("always", [])],
                names=[b"tree"], extra=[b"q", b"abc"])
    found, run, present = gate.scan(b"abc tree_walk")
    assert run == {"abc", "abc or xyz", "always"} and present == {b"abc"}
    assert found == ([(4, 8)], [(8, 13)])  # `tree` inside tree_walk (the caller keeps whole identifiers); the anchor
    assert gate.scan(b"xyz")[1] == {"abc or xyz", "always"}
    assert gate.scan(b"q")[1:] == ({"always"}, {b"q"})
    # a name that occurs as a whole identifier: each of its occurrences, the one inside tree_walk too
    assert gate.scan(b"tree_walk(tree)")[0] == ([(0, 4), (10, 14)], [(4, 9)])


def test_a_name_that_is_also_a_trigger_an_anchor_or_an_extra_literal_is_each() -> None:
    require("Literals")
    gate = Gate([b"_walk"], [("p", [b"FOO"])], names=[b"FOO", b"BAR", b"FOO", b"_walk"], extra=[b"BAR"])
    found, run, present = gate.scan(b"FOO(x); BAR; a_walk")
    names, anchors = found
    assert sorted(names) == [(0, 3), (8, 11), (14, 19)]  # once each (the name list held FOO twice)
    assert anchors == [(14, 19)] and run == {"p"} and present == {b"BAR"}
    assert found.starts((b"FOO",)) == [0] and found.which((b"FOO", b"BAR")) == {b"FOO", b"BAR"}


def test_every_whole_identifier_name_is_found() -> None:
    require("Literals")
    gate = Gate([b"_walk"], [("p", [b"++"])], names=[b"tree", b"TREE_X", b"a.b", b"walk"], extra=[b"tree"])
    src = b"tree_walk(tree); x = TREE_X + a.b; ++walk; mytree; tree"
    (names, anchors), run, present = gate.scan(src)

    def word(at: int) -> bool:
        return 0 <= at < len(src) and (src[at:at + 1].isalnum() or src[at:at + 1] == b"_")

    assert sorted((s, e) for s, e in names if not word(s - 1) and not word(e)) == [
        (10, 14), (21, 27), (30, 33), (37, 41), (51, 55)]
    assert anchors == [(4, 9)] and run == {"p"} and present == {b"tree"}


@pytest.mark.kernel
@pytest.mark.slow
def test_kernel_subtree_same_as_every_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    if not TREE.is_dir():
        pytest.skip(f"{TREE} is not unpacked (scripts/kernel_source.py fetches it)")
    files = sorted(p for d in ("arch/x86/kernel", "drivers/hv", "include/linux", "sound/pci/hda")
                   for p in (TREE / d).rglob("*") if p.suffix in (".c", ".h"))
    assert len(files) > 500
    differ = [p for p in files if not _same(*_both(p.read_bytes(), p, monkeypatch))]
    assert differ == []


def test_an_initialiser_the_normaliser_writes_still_gets_its_inline_directives(monkeypatch: pytest.MonkeyPatch) -> None:
    # no `enum`, `= {` or `={` in the file as written: `MACHINE_START(...)` becomes `int __m = {...,`
    source = (b'MACHINE_START(BOARD, "board")\n\t.atag_offset = 0x100,\n#define BOARD_IRQ 3\n'
              b'\t.nr_irqs = BOARD_IRQ,\nMACHINE_END\n')
    gated, every = _both(source, None, monkeypatch)
    assert _same(gated, every)
    define = source.index(b"#define")
    assert (define, source.index(b"\n", define)) in gated.views.directives


def test_the_scan_reports_the_callers_own_literals(monkeypatch: pytest.MonkeyPatch) -> None:
    require("Literals")
    source = b"static int x = shared_gpa_boundary; /* cc_mask */\n"
    extra = (b"shared_gpa_boundary", b"hv_map_memory", b"cc_mask")
    assert prepare(source, None, extra=extra).present == {b"shared_gpa_boundary", b"cc_mask"}
    assert prepare(b"int y;\n", None, extra=extra).present == set()
    monkeypatch.setattr(Gate, "scan", lambda self, src: (None, None, None))
    assert prepare(source, None, extra=extra).present is None  # not looked for: the caller searches itself


def test_a_scan_run_ahead_is_the_one_prepare_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    from cocolint.kernelc.prepare import scan_ahead

    sources = [(p.read_bytes(), p) for p in SAMPLES[:12]]
    expected = [prepare(src, path, extra=(b"cc_mkdec",)) for src, path in sources]
    scanned: list[int] = []
    real = Gate._scan
    monkeypatch.setattr(Gate, "_scan", lambda self, src: scanned.append(id(src)) or real(self, src))
    for src, path in sources:  # a batch: every scan first, then every preparation
        scan_ahead(src, path, (b"cc_mkdec",))
    got = [prepare(src, path, extra=(b"cc_mkdec",)) for src, path in sources]
    assert scanned == [id(src) for src, _ in sources]  # each file scanned once, ahead of its preparation
    assert all(_same(a, b) and a.present == b.present for a, b in zip(got, expected))
    copy = bytes(bytearray(sources[0][0]))  # equal bytes, another object: scanned again, not mistaken
    scan_ahead(sources[1][0], sources[1][1], (b"cc_mkdec",))
    assert _same(prepare(copy, sources[0][1], extra=(b"cc_mkdec",)), expected[0])
    assert scanned[-2:] == [id(sources[1][0]), id(copy)]
