"""`check --write-baseline FILE` and `--baseline FILE`: fingerprints as a multiset, fixed entries reported."""

from __future__ import annotations

import json

import pytest
from gitrepo import BAD_LINE, GOOD_LINE, RULE, c_file, run_check

from cocolint.cli import main

OTHER = "\treturn page_to_phys(pg) + ms_hyperv.shared_gpa_boundary;\n"

run = run_check


@pytest.fixture
def tree(tmp_path, monkeypatch):
    root = tmp_path / "linux"
    (root / "drivers/hv").mkdir(parents=True)
    (root / "MAINTAINERS").write_text("")
    (root / "drivers/hv/ring.c").write_text(c_file(BAD_LINE, GOOD_LINE))
    (root / "drivers/hv/hv.c").write_text(c_file(OTHER))
    monkeypatch.chdir(root)
    return root


def test_written_baseline_is_sorted_versioned_and_keyed_by_fingerprint(tree, capsys, tmp_path):
    (tree / "drivers/hv/ring.c").write_text(c_file(BAD_LINE + BAD_LINE, GOOD_LINE))  # two copies in one function
    base = tmp_path / "baseline.json"
    code, found, err = run(capsys, "--write-baseline", str(base))
    assert (code, found) == (0, [])
    assert f"wrote 3 findings (2 entries) to {base}" in err
    doc = json.loads(base.read_text())
    assert doc["version"] == 1
    assert [(e["path"], e["function"], e["count"]) for e in doc["findings"]] == [
        ("drivers/hv/hv.c", "ring_gpa0", 1), ("drivers/hv/ring.c", "ring_gpa0", 2)]
    assert doc["findings"][1]["code"] == "virt_to_phys(buf) | ms_hyperv.shared_gpa_boundary"
    assert not any("line" in e for e in doc["findings"])


def test_known_findings_are_hidden_even_when_lines_move(tree, capsys, tmp_path):
    base = tmp_path / "baseline.json"
    run(capsys, "--write-baseline", str(base))
    (tree / "drivers/hv/ring.c").write_text("/* a new comment */\n\n" + c_file(BAD_LINE, GOOD_LINE))
    code, found, err = run(capsys, "--baseline", str(base))
    assert (code, found) == (0, [])
    assert f"cocolint: baseline {base}: 2 known findings not shown, 0 entries fixed" in err


def test_a_second_copy_in_the_same_function_is_new(tree, capsys, tmp_path):
    base = tmp_path / "baseline.json"
    run(capsys, "--write-baseline", str(base))
    (tree / "drivers/hv/ring.c").write_text(c_file(BAD_LINE + BAD_LINE, GOOD_LINE))
    code, found, _ = run(capsys, "--baseline", str(base))
    assert (code, found) == (1, [("drivers/hv/ring.c", 7)])


def test_same_code_in_another_function_is_new(tree, capsys, tmp_path):
    base = tmp_path / "baseline.json"
    run(capsys, "--write-baseline", str(base))
    (tree / "drivers/hv/ring.c").write_text(c_file(BAD_LINE, BAD_LINE))
    code, found, _ = run(capsys, "--baseline", str(base))
    assert (code, found) == (1, [("drivers/hv/ring.c", 11)])


def test_fixed_entries_are_listed_and_counted(tree, capsys, tmp_path):
    base = tmp_path / "baseline.json"
    (tree / "drivers/hv/ring.c").write_text(c_file(BAD_LINE + BAD_LINE, GOOD_LINE))
    run(capsys, "--write-baseline", str(base))
    (tree / "drivers/hv/ring.c").write_text(c_file(GOOD_LINE, GOOD_LINE))
    (tree / "drivers/hv/hv.c").write_text(c_file(GOOD_LINE))
    code, found, err = run(capsys, "--baseline", str(base))
    assert (code, found) == (0, [])
    assert f"cocolint: baseline {base}: 0 known findings not shown, 2 entries fixed (refresh it with --write-baseline)" in err
    fixed = [line for line in err.splitlines() if line.startswith("  fixed: ")]
    assert fixed == [
        f"  fixed: drivers/hv/hv.c: ring_gpa0(): page_to_phys(pg) + ms_hyperv.shared_gpa_boundary [{RULE}]",
        f"  fixed: drivers/hv/ring.c: ring_gpa0(): virt_to_phys(buf) | ms_hyperv.shared_gpa_boundary [{RULE}] (x2)",
    ]
    code, _, err = run(capsys, "--quiet", "--baseline", str(base))  # fixed entries are shown even when quiet
    assert "2 entries fixed" in err


def test_entries_of_files_not_checked_are_not_fixed(tree, capsys, tmp_path):
    base = tmp_path / "baseline.json"
    run(capsys, "--write-baseline", str(base))
    code, found, err = run(capsys, "--baseline", str(base), "drivers/hv/ring.c")
    assert (code, found) == (0, [])
    assert "1 known finding not shown, 0 entries fixed" in err


def test_json_output_carries_the_baseline(tree, capsys, tmp_path):
    base = tmp_path / "baseline.json"
    run(capsys, "--write-baseline", str(base))
    (tree / "drivers/hv/hv.c").write_text(c_file(GOOD_LINE))
    code = main(["check", "--select", RULE, "--format", "json", "--baseline", str(base)])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    assert doc["summary"]["baseline"]["known"] == 1
    assert len(doc["summary"]["baseline"]["fixed"]) == 1


@pytest.mark.parametrize("text, message", [
    ("{", "baseline is not valid JSON: Expecting property name enclosed in double quotes"),
    ('{"version": 2, "findings": []}', "not a cocolint baseline (expected version 1 and a findings list)"),
    ('{"version": 1, "findings": [{"fingerprint": "x"}]}', "baseline entry 1 must have exactly"),
])
def test_broken_baseline_is_one_line(tree, capsys, tmp_path, text, message):
    base = tmp_path / "baseline.json"
    base.write_text(text)
    code, found, err = run(capsys, "--baseline", str(base))
    assert code == 2 and found == []
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"{base}") and message in err


def test_baseline_and_diff_combine(tmp_path, monkeypatch, capsys):
    from gitrepo import Repo

    r = Repo(tmp_path / "repo")
    r.write("drivers/hv/ring.c", c_file(BAD_LINE, GOOD_LINE))
    r.commit()
    monkeypatch.chdir(r.root)
    base = tmp_path / "baseline.json"
    run(capsys, "--write-baseline", str(base))
    r.write("drivers/hv/ring.c", c_file(BAD_LINE, BAD_LINE))
    code, found, err = run(capsys, "--diff", "HEAD", "--baseline", str(base))
    assert (code, found) == (1, [("drivers/hv/ring.c", 11)])
    assert "1 known finding not shown, 0 entries fixed" in err  # the unchanged line's finding is still known
