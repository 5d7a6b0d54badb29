"""`cocolint parse-health`: totals as text or one JSON object; bad files get one line and the run goes on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cocolint.cli import main

GOOD = b"static int __init demo_init(void)\n{\n\treturn 0;\n}\n"
BROKEN = b"int f(void)\n{\n\tx = = 3;\n\treturn 0;\n}\n"


def _tree(tmp_path: Path) -> Path:
    (tmp_path / ".cocolint.toml").write_text("")
    (tmp_path / "good.c").write_bytes(GOOD)
    (tmp_path / "broken.c").write_bytes(BROKEN)
    return tmp_path


def test_json_totals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse-health", "--format", "json", str(_tree(tmp_path))]) == 0
    data = json.loads(capsys.readouterr().out)
    t = data["totals"]
    assert (t["files"], t["files_with_errors"], t["total_bytes"]) == (2, 1, len(GOOD) + len(BROKEN))
    assert 0 < t["error_bytes"] < len(BROKEN)
    assert t["function_definitions_recovered"] == 2
    assert t["rewritten_bytes"] == len("__init")
    assert [w["path"].rsplit("/", 1)[-1] for w in data["worst"]] == ["broken.c"]


def test_raw_measures_the_file_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse-health", "--raw", "--format", "json", str(_tree(tmp_path))]) == 0
    t = json.loads(capsys.readouterr().out)["totals"]
    assert t["rewritten_bytes"] == 0 and t["files_with_errors"] == 2


def test_text_lists_worst_files_and_totals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["parse-health", str(_tree(tmp_path))])
    out = capsys.readouterr().out
    assert "broken.c" in out and "files: 2, with ERROR/MISSING nodes: 1 (50.00%)" in out


def test_bad_files_get_one_line_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = _tree(tmp_path)
    (tree / "blob.c").write_bytes(b"int x;\n\0\0binary")
    (tree / "latin1.c").write_bytes(b"/* caf\xe9 */\nint y;\n")
    unreadable = tree / "secret.c"
    unreadable.write_bytes(GOOD)
    unreadable.chmod(0)
    code = main(["parse-health", "--format", "json", str(tree), str(tree / "missing.c")])
    out, err = capsys.readouterr()
    assert code == 2
    lines = err.strip().splitlines()
    assert any("blob.c:2: error: binary file" in line for line in lines)
    assert any("missing.c: error: no such file" in line for line in lines)
    if os.geteuid() != 0:  # root reads any file
        assert any("secret.c: error: cannot read" in line for line in lines)
    assert "Traceback" not in err
    assert json.loads(out)["totals"]["files"] >= 3  # good, broken and the Latin-1 file still measured
