"""The `cocolint` command and `python -m cocolint`: exit at once after main(), nothing written is lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str, **kw) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    return subprocess.run([sys.executable, "-m", "cocolint", *args], cwd=REPO, check=False, **kw)


def test_every_line_and_the_status_survive_the_fast_exit(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    with open(out, "w") as f:  # a file: fully buffered, so only a flush before exiting keeps the lines
        done = _run("check", "--no-config", "samples", stdout=f, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 1
    lines = out.read_text().splitlines()
    assert len(lines) >= 10 and all("error:" in x or "warning:" in x for x in lines)
    assert "files" in done.stderr  # the summary on stderr
    sarif = _run("check", "--no-config", "--format", "sarif", "samples", capture_output=True, text=True)
    assert sarif.returncode == 1 and sarif.stdout.rstrip().endswith("}")


def test_a_reader_that_goes_away_is_not_an_error(tmp_path: Path) -> None:
    src = tmp_path / "arch" / "x86" / "mm" / "many.c"
    src.parent.mkdir(parents=True)
    body = "".join(f"\tv[{i}] = pgprot_val(prot) | cc_mask;\n" for i in range(600))
    src.write_text(f"void f(pgprot_t prot, unsigned long *v)\n{{\n{body}}}\n")  # far more than a pipe holds
    proc = subprocess.Popen([sys.executable, "-m", "cocolint", "check", "--no-config", str(src)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert b"cc_mask applied by hand" in proc.stdout.readline()  # type: ignore[union-attr]
    proc.stdout.close()  # type: ignore[union-attr]
    err = proc.stderr.read().decode()  # type: ignore[union-attr]
    assert proc.wait(timeout=120) == 0
    assert "Traceback" not in err and "Exception ignored" not in err
