"""GitHub workflow-command annotations: escaping, levels, and columns only on one-line findings."""

from __future__ import annotations

from pathlib import Path

from ci_helpers import run, write

from cocolint.engine.findings import Finding
from cocolint.report.github import annotation, command, escape_data, escape_property


def finding(**kw: object) -> Finding:
    base = dict(path="drivers/hv/x.c", line=3, column=9, end_line=3, end_column=20, rule="r", severity="error",
                confidence="high", message="m", function="f", source_line="", code="")
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def test_escaping_follows_the_toolkit() -> None:
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert command("warning", "x: y, z", file="a,b:c.c", line=1) == "::warning file=a%2Cb%3Ac.c,line=1::x: y, z"
    assert command("error", "bare") == "::error::bare"


def test_levels_and_columns(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    one = annotation(finding(path=str(root / "a.c"), message="50% wrong"), root)
    assert one == "::error file=a.c,line=3,endLine=3,col=9,endColumn=20,title=cocolint r::50%25 wrong"
    multi = annotation(finding(end_line=5, severity="info"), root)
    assert multi.startswith("::notice file=drivers/hv/x.c,line=3,endLine=5,title=cocolint r::")
    assert "col=" not in multi  # GitHub drops columns when the lines differ
    assert annotation(finding(severity="warning"), root).startswith("::warning ")


def test_paths_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    """Run from a subdirectory: annotations still name files from the git top level."""
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / "linux/.cocolint.toml", "")
    write(tmp_path / "linux/drivers/hv/x.c", "u64 f(u64 pa)\n{\n\treturn pa | ms_hyperv.shared_gpa_boundary;\n}\n")
    rc, out, _ = run(["check", "--format", "github", "drivers"], tmp_path / "linux")
    assert rc == 1
    assert out.startswith("::error file=linux/drivers/hv/x.c,line=3,")


def test_file_errors_are_error_annotations(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", "")
    (tmp_path / "blob.c").write_bytes(b"\0")
    rc, out, err = run(["check", "--format", "github", "."], tmp_path)
    assert rc == 2
    assert out == "::error file=blob.c,line=1,title=cocolint%3A file not checked::binary file (NUL byte), not checked\n"
    assert "blob.c:1: error: binary file" in err
