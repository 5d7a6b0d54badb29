"""-j N: output identical for any N, results streamed with bounded look-ahead, a dying worker costs one file."""

from __future__ import annotations

import faulthandler
import json
import os
import signal
from pathlib import Path

import pytest

from audit_helpers import make_rule, run_cli
from cocolint.engine import run as engine
from cocolint.engine.parallel import CHUNK, Progress, check_paths_parallel

BODY = """\
static int probe_{n}(struct device *dev)
{{
	void *buf = kzalloc({n}, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	pa = virt_to_phys(buf) | ms_hyperv.shared_gpa_boundary;
	kfree(buf);
	return 0;
}}
"""


def make_tree(root: Path, files: int) -> Path:
    """A kernel-like tree: most files clean, every seventh with findings, spread over directories."""
    (root / "MAINTAINERS").parent.mkdir(parents=True, exist_ok=True)
    (root / "MAINTAINERS").write_text("")
    for n in range(files):
        d = root / ("drivers" if n % 3 else "arch/x86") / f"d{n % 11}"
        d.mkdir(parents=True, exist_ok=True)
        text = BODY.format(n=n) if n % 7 == 0 else f"static int quiet_{n};\n"
        (d / f"f{n:04d}.c").write_text(text)
    return root


def _rules_dir(tmp_path: Path) -> Path:
    make_rule(tmp_path / "rules", "kzalloc-call", "patterns = ['kzalloc($...ARGS)']")
    return tmp_path / "rules"


def test_output_is_byte_identical_for_any_jobs(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree", 400)
    rules = _rules_dir(tmp_path)
    runs = {j: run_cli("check", "--rules", rules, "-j", str(j), tree) for j in (1, 2, 3)}
    for j, r in runs.items():
        assert r.returncode == 1, r.stderr
    assert runs[1].stdout.count("\n") == 2 * len(range(0, 400, 7))  # kzalloc + the vTOM rule (direct use superseded)
    assert runs[1].stdout == runs[2].stdout == runs[3].stdout
    docs = []
    for j in (1, 2, 3):
        doc = json.loads(run_cli("check", "--rules", rules, "-j", str(j), "--format", "json", tree).stdout)
        doc["summary"].pop("seconds")
        docs.append(doc)
    assert docs[0] == docs[1] == docs[2]
    assert docs[0]["summary"]["findings_by_directory"] == {"arch": 2 * 20, "drivers": 2 * 38}


@pytest.mark.parametrize("grep", [True, False])
def test_results_stream_with_bounded_look_ahead(tmp_path: Path, grep: bool, monkeypatch) -> None:
    from cocolint.engine.grepfilter import BATCH_FILES, IN_FLIGHT

    if not grep:
        monkeypatch.setenv("COCOLINT_NO_GREP", "1")
    tree = make_tree(tmp_path / "tree", 3000)
    rules = [make_rule(tmp_path / "rules", "kzalloc-call", "patterns = ['kzalloc($...ARGS)']")]
    progress = Progress()
    results = check_paths_parallel(rules, [tree], jobs=2, progress=progress)
    first = next(results)
    assert first.path.endswith("f0000.c")  # discovery order: arch/x86/d0/f0000.c comes first
    # only a few chunks were discovered ahead of the output, not the whole tree
    grep_ahead = (IN_FLIGHT + 2) * BATCH_FILES if grep else 0  # files grep has vouched for, not yet reported
    assert progress.discovered <= (4 * 2 + 2) * CHUNK + grep_ahead < 3000
    results.close()  # stopping early shuts the workers down


def test_small_runs_stay_in_process(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree", 5)
    rules = [make_rule(tmp_path / "rules", "kzalloc-call", "patterns = ['kzalloc($...ARGS)']")]
    progress = Progress()
    assert len(list(check_paths_parallel(rules, [tree], jobs=4, progress=progress))) == 5
    assert progress.workers == 0


def test_a_worker_that_dies_costs_only_its_file(tmp_path: Path, monkeypatch) -> None:
    tree = make_tree(tmp_path / "tree", 200)
    boom = tree / "drivers" / "d3" / "boom.c"
    boom.write_text(BODY.format(n=999))
    rules = [make_rule(tmp_path / "rules", "kzalloc-call", "patterns = ['kzalloc($...ARGS)']")]
    reference = [r.path for r in check_paths_parallel(rules, [tree], jobs=1)]
    real = engine.finish_file

    def crashing(matcher, result, pending):  # fault injection: a crash in tree-sitter's C code would look like this
        if result.path.endswith("/boom.c"):
            faulthandler.disable()  # keep pytest's crash dump out of the output
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(matcher, result, pending)

    monkeypatch.setattr(engine, "finish_file", crashing)  # inherited by the forked workers
    results = list(check_paths_parallel(rules, [tree], jobs=2))
    assert [r.path for r in results] == reference  # each file once, in the same order
    bad = next(r for r in results if r.path == boom.as_posix())
    assert bad.error is not None and "died (signal 11)" in bad.error.message
    found = [f for r in results for f in r.findings]
    assert len(found) == len(range(0, 200, 7))  # every other file's finding survived
