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


def test_gitlab_code_quality_fields(tmp_path: Path) -> None:
    """GitLab needs description, check_name, a fingerprint unique per issue, a severity it knows, a path and line."""
    import json

    write(tmp_path / ".cocolint.toml", "")
    twice = "u64 f(u64 pa)\n{\n\tx = pa | ms_hyperv.shared_gpa_boundary;\n\treturn pa | ms_hyperv.shared_gpa_boundary;\n}\n"
    write(tmp_path / "drivers/hv/x.c", twice)
    rc, out, _ = run(["check", "--format", "gitlab", "--select", "vtom-boundary-applied-by-hand", "."], tmp_path)
    issues = json.loads(out)
    assert rc == 1 and len(issues) == 2
    for issue in issues:
        assert issue["description"] and issue["check_name"] == "vtom-boundary-applied-by-hand"
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == "drivers/hv/x.c"
    assert [i["location"]["lines"]["begin"] for i in issues] == [3, 4]
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]  # same construct twice: still two issues


def test_text_report_to_an_output_file(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", "")
    write(tmp_path / "x.c", "u64 f(u64 pa)\n{\n\treturn pa | ms_hyperv.shared_gpa_boundary;\n}\n")
    rc, out, err = run(["check", "--select", "vtom-boundary-applied-by-hand", "--output", "r.txt", "."], tmp_path)
    assert rc == 1 and out == ""
    assert (tmp_path / "r.txt").read_text(encoding="utf-8").startswith("x.c:3:9: error: vTOM bit ")
    assert "1 finding in 1 file" in err
