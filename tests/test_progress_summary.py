"""A person watching: a progress bar only on a terminal, a summary by rule and directory, the same as JSON data."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from collections import Counter
from pathlib import Path

from audit_helpers import REPO, make_rule, run_cli
from cocolint.engine.parallel import Progress
from cocolint.engine.run import Summary
from cocolint.report import progress as progress_mod
from cocolint.report.progress import ProgressBar
from cocolint.report.summary import render
from test_parallel import make_tree


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_draws_on_a_terminal_after_a_moment(monkeypatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(progress_mod.time, "monotonic", lambda: clock[0])
    p = Progress(discovered=200, discovery_done=True, done=50, findings=3)
    out = _Tty()
    bar = ProgressBar(out, p)
    bar.tick()
    assert out.getvalue() == ""  # runs shorter than DELAY never show a bar
    clock[0] += 1.0
    bar.tick()
    assert "50/200 files, 3 findings 0:01" in out.getvalue() and "[######..." in out.getvalue()
    bar.clear()
    assert out.getvalue().endswith("\r\x1b[K")


def test_bar_is_silent_when_piped_or_quiet(monkeypatch) -> None:
    clock = [0.0]
    monkeypatch.setattr(progress_mod.time, "monotonic", lambda: clock[0])
    for stream, enabled in ((io.StringIO(), None), (_Tty(), False)):
        bar = ProgressBar(stream, Progress(discovered=5, done=1))
        bar.enabled = bar.enabled if enabled is None else enabled
        clock[0] += 10
        bar.tick()
        assert stream.getvalue() == ""


def test_total_is_open_while_discovery_runs() -> None:
    assert "7/120+ files" in ProgressBar(io.StringIO(), Progress(discovered=120, done=7)).line()


def test_cli_shows_the_bar_on_a_terminal_only(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree", 60)
    (tree / "slow.c").write_text("int x = " + " + ".join(["kzalloc(a, b)"] * 1500) + ";\n")
    rules = tmp_path / "rules"
    make_rule(rules, "kzalloc-call", "patterns = ['kzalloc($...ARGS)']")
    piped = run_cli("check", "--rules", rules, tree)
    assert "\r" not in piped.stderr and "cocolint [" not in piped.stderr
    # a real pseudo-terminal on stderr: the bar appears, and is erased before the summary
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "cocolint", "check", "-j1", "--rules", str(rules), str(tree)],
                            stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(master)
    text = b"".join(chunks).decode()
    assert "cocolint [" in text and "files," in text
    assert "findings by rule:" in text


def test_summary_reads_at_a_glance() -> None:
    s = Summary(files=55418, parsed=31, prefiltered=55380, failed=7, damaged=12, findings=10, seconds=1.234, jobs=2,
                by_rule=Counter({"vtom-boundary-applied-by-hand": 4, "shared-gpa-boundary-direct-use": 6}),
                by_dir=Counter({"drivers": 6, "arch": 4}))
    text = "\n".join(render(s))
    assert text.splitlines()[0] == "cocolint: 10 findings in 55,418 files in 1.23s"
    assert "31 parsed (12 with ERROR/MISSING nodes), 55,380 skipped by the pre-filter, 7 failed" in text
    assert text.index("shared-gpa-boundary-direct-use") < text.index("vtom-boundary-applied-by-hand")
    assert "findings by top-level directory:\n          6  drivers\n          4  arch" in text


def test_json_summary_carries_the_same_data(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree", 50)
    (tree / "bad.c").symlink_to(tree / "gone.c")
    r = run_cli("check", "--format", "json", "-j2", tree)
    assert r.returncode == 2  # findings and one file that failed
    s = json.loads(r.stdout)["summary"]
    assert s["files"] == 51 and s["failed"] == 1
    assert s["parsed"] + s["skipped_by_prefilter"] + s["failed"] == s["files"]
    assert s["findings_by_directory"] == {"arch": 3, "drivers": 5}
    assert s["findings_by_rule"] == {"vtom-boundary-applied-by-hand": 8}  # the reads inside are superseded
    assert s["seconds"] > 0
