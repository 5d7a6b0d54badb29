"""Files are prepared a batch at a time before any is parsed (their trigger scans first): same results,
same order, failures isolated."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit_helpers import make_rule
from cocolint.engine import run as engine
from cocolint.engine.matcher import Matcher
from cocolint.engine.parallel import check_paths_parallel

HIT = "static int probe_{n}(void)\n{{\n\tpa = virt_to_phys(buf) | ms_hyperv.shared_gpa_boundary;\n\treturn 0;\n}}\n"


def _tree(root: Path, files: int) -> list[Path]:
    root.mkdir(parents=True)
    out = []
    for n in range(files):
        p = root / f"f{n:03d}.c"
        p.write_text(HIT.format(n=n) if n % 3 == 0 else f"static u64 quiet_{n} = ms_hyperv.shared_gpa_boundary;\n")
        out.append(p)
    return out


@pytest.fixture
def rules(tmp_path: Path) -> list:
    return [make_rule(tmp_path / "rules", "boundary", "patterns = ['$X | ms_hyperv.shared_gpa_boundary']")]


def _summary(results: list[engine.FileResult]) -> list[tuple]:
    return [(r.path, r.parsed, r.error, [(f.line, f.column, f.rule) for f in r.findings]) for r in results]


def _record(monkeypatch, events: list[tuple[str, str]]) -> None:
    """Log every call of the engine's steps on a file: (step, path)."""
    for step in ("start", "scan_ahead", "prepare", "finish"):
        real = getattr(Matcher, step)

        def logged(self, first, *rest, _real=real, _step=step, **kw):
            events.append((_step, first if _step == "start" else first.path))
            return _real(self, first, *rest, **kw)

        monkeypatch.setattr(Matcher, step, logged)


def test_a_batch_is_scanned_then_prepared_before_any_of_it_is_parsed(tmp_path: Path, rules: list,
                                                                      monkeypatch) -> None:
    files = _tree(tmp_path / "t", engine.BATCH_FILES + 5)
    events: list[tuple[str, str]] = []
    _record(monkeypatch, events)
    results = list(engine.check_paths(rules, files))
    assert [r.path for r in results] == [p.as_posix() for p in files]  # discovery order kept
    first_finish = next(i for i, e in enumerate(events) if e[0] == "finish")
    steps = [e[0] for e in events[:first_finish]]
    n = engine.BATCH_FILES
    assert steps == ["start"] * n + ["scan_ahead"] * n + ["prepare"] * n  # each step for the whole batch
    for step in ("scan_ahead", "prepare", "finish"):
        assert sorted(e[1] for e in events if e[0] == step) == sorted(e[1] for e in events if e[0] == "start")


def test_batched_results_equal_one_file_at_a_time(tmp_path: Path, rules: list) -> None:
    files = _tree(tmp_path / "t", 2 * engine.BATCH_FILES + 3)
    one_by_one = [engine.check_file(Matcher(rules), p) for p in files]
    assert sum(len(r.findings) for r in one_by_one) == len(range(0, len(files), 3))
    assert _summary(list(engine.check_paths(rules, files))) == _summary(one_by_one)
    for jobs in (1, 2):
        assert _summary(list(check_paths_parallel(rules, [tmp_path / "t"], jobs=jobs))) == _summary(one_by_one)


@pytest.mark.parametrize("step", ["start", "scan_ahead", "prepare", "finish"])
def test_an_internal_error_in_any_step_costs_only_its_file(tmp_path: Path, rules: list, monkeypatch,
                                                           step: str) -> None:
    files = _tree(tmp_path / "t", 10)
    real = getattr(Matcher, step)

    def failing(self, first, *rest, **kw):
        path = first if step == "start" else first.path
        if path.endswith("f003.c"):
            raise ValueError("injected")
        return real(self, first, *rest, **kw)

    monkeypatch.setattr(Matcher, step, failing)
    results = list(engine.check_paths(rules, files))
    bad = [r for r in results if r.error is not None]
    assert [r.path for r in bad] == [files[3].as_posix()]
    assert bad[0].error.message == "internal error: ValueError: injected"
    assert sum(len(r.findings) for r in results) == len(range(0, 10, 3)) - 1  # f003's finding alone is lost


def test_a_batch_is_bounded_by_the_bytes_it_holds(tmp_path: Path, rules: list, monkeypatch) -> None:
    files = _tree(tmp_path / "t", 6)
    monkeypatch.setattr(engine, "BATCH_BYTES", 1)  # every prepared file fills a batch on its own
    events: list[tuple[str, str]] = []
    _record(monkeypatch, events)
    list(engine.check_paths(rules, files))
    assert [e[0] for e in events] == ["start", "scan_ahead", "prepare", "finish"] * 6
