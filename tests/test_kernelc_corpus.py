"""The kernel-idiom corpus: parse health may not get worse, findings may not move or vanish."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cocolint import ts
from cocolint.engine.matcher import Matcher
from cocolint.kernelc.health import measure_file
from cocolint.kernelc.prepare import prepare
from cocolint.ruleset import load_rules
from cocolint.ruleset.selftest import check_sample

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "samples" / "kernelc"
EXPECTED = tomllib.loads((CORPUS / "health.toml").read_text())


def test_every_corpus_file_has_expected_health() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in CORPUS.glob("*.[ch]"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_parse_health_does_not_regress(name: str) -> None:
    path = CORPUS / name
    want = EXPECTED[name]
    source = path.read_bytes()
    raw = measure_file(path, source, normalised=False)
    assert raw.has_errors == want["raw-errors"], "the corpus file no longer exercises what it was written for"
    h = measure_file(path, source)
    assert h.error_bytes <= want["error-bytes"], f"{name}: {h.error_bytes} bytes in ERROR nodes"
    if want["error-bytes"] == 0:
        assert not h.has_errors, f"{name}: ERROR or MISSING nodes after normalisation"
    assert h.functions >= want["functions"], f"{name}: {h.functions} function definitions recovered"
    assert h.functions >= raw.functions
    assert h.rewritten_bytes <= want["rewritten"], f"{name}: {h.rewritten_bytes} bytes rewritten"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_findings_match_annotations(name: str) -> None:
    rules = load_rules([])
    problems = check_sample(Matcher(rules), CORPUS / name, {r.id for r in rules}, f"drivers/demo/{name}")
    assert problems == []


def _clean_both_ways(source: bytes) -> bool:
    return not ts.parse(source).root_node.has_error and not ts.parse(prepare(source).source).root_node.has_error


def _in_define(lines: list[str], line: int) -> bool:
    """Whether 1-based line is part of a #define (its first line or a continuation)."""
    i = line - 1
    while i > 0 and lines[i - 1].rstrip().endswith("\\"):
        i -= 1
    return lines[i].lstrip().startswith("#") and "define" in lines[i]


def test_findings_keep_line_and_column_on_files_clean_both_ways() -> None:
    """Where tree-sitter reads a file with and without normalisation, the findings are identical."""
    rules = load_rules([])
    on, off = Matcher(rules), Matcher(rules, normalise=False)
    candidates = sorted(ROOT.glob("rules/**/*.c")) + sorted(ROOT.glob("samples/**/*.c"))
    candidates.append(CORPUS / "clean" / "coco_paths.c")
    compared, with_findings = 0, 0
    for path in candidates:
        source = path.read_bytes()
        if not _clean_both_ways(source):
            continue
        scope = f"drivers/demo/{path.name}"
        key = [(f.line, f.column, f.end_line, f.end_column, f.rule, f.function) for f in off.match(scope, source).findings]
        with_norm = [(f.line, f.column, f.end_line, f.end_column, f.rule, f.function)
                     for f in on.match(scope, source).findings]
        # normalisation adds only what sits in #define bodies (which the raw parse cannot see)
        lines = source.decode("utf-8", "replace").splitlines()
        assert [k for k in with_norm if not _in_define(lines, k[0])] == key, path
        compared += 1
        with_findings += bool(key)
    assert compared >= 1 and with_findings >= 1
