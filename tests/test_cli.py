"""The command line: output formats, exit codes, rule selection, rules/explain/test, `python -m cocolint`."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from cocolint import __version__
from cocolint.cli import main
from cocolint.ruleset import load_rules
from conftest import in_function, rule_text, run_cli, write_rule

TEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info): "
                       r"(?P<message>.+) \[(?P<rule>[a-z0-9-]+)\]$")

FINDING_SCHEMA = {
    "type": "object",
    "required": ["path", "line", "column", "end_line", "end_column", "rule", "severity", "confidence",
                 "message", "function", "source_line", "fingerprint"],
    "properties": {
        "path": {"type": "string"},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
        "end_line": {"type": "integer", "minimum": 1},
        "end_column": {"type": "integer", "minimum": 1},
        "rule": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "severity": {"enum": ["error", "warning", "info"]},
        "confidence": {"enum": ["high", "medium", "low"]},
        "message": {"type": "string", "minLength": 1},
        "function": {"type": ["string", "null"]},
        "source_line": {"type": "string"},
        "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{16,}$"},
    },
}
OUTPUT_SCHEMA = {
    "type": "object",
    "required": ["version", "findings", "errors", "summary"],
    "properties": {
        "version": {"const": 1},
        "findings": {"type": "array", "items": FINDING_SCHEMA},
        "errors": {"type": "array", "items": {"type": "object", "required": ["path", "line", "message"]}},
        "summary": {"type": "object", "required": ["files", "parsed", "parse_damaged", "failed", "findings",
                                                   "findings_by_rule"]},
    },
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small tree (root marker, one finding-bearing file, one clean file) and a rules dir with two rules."""
    tree = tmp_path / "tree"
    (tree / "drivers/x").mkdir(parents=True)
    (tree / ".cocolint.toml").write_text("")
    (tree / "drivers/x/bad.c").write_text(in_function("x = pa | MASK;\ny = EVIL;"))
    (tree / "drivers/x/clean.c").write_text(in_function("x = pa;"))
    rules = tmp_path / "rules"
    write_rule(rules, rule_text(rule_id="mask-by-hand", message="mask applied by hand to {X}",
                                severity="error"))
    write_rule(rules, rule_text(rule_id="evil-used", patterns=["EVIL"], severity="info", confidence="low",
                                message="EVIL used", bad="int f(void) { return EVIL; }"))
    return tmp_path


def cli(project: Path, *args: str):
    return run_cli(*args, cwd=project)


# ---------------------------------------------------------------- formats


def test_text_format(project):
    proc = cli(project, "check", "--rules", "rules", "--select", "mask-by-hand", "tree")
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == ["tree/drivers/x/bad.c:3:6: error: mask applied by hand to pa [mask-by-hand]"]
    m = TEXT_LINE.match(proc.stdout.splitlines()[0])
    assert m and m["rule"] == "mask-by-hand"
    # the summary goes to stderr, so stdout stays machine-readable
    assert "1 finding in 2 files" in proc.stderr


def test_quiet_drops_the_summary(project):
    proc = cli(project, "check", "--quiet", "--rules", "rules", "--select", "mask-by-hand", "tree")
    assert proc.returncode == 1 and proc.stderr == ""


def test_builtin_rules_text_lines_are_well_formed(tmp_path):
    (tmp_path / "arch/x86/mm").mkdir(parents=True)
    (tmp_path / "MAINTAINERS").write_text("")
    (tmp_path / "arch/x86/mm/probe.c").write_text(in_function("pa = virt_to_phys(p) | ms_hyperv.shared_gpa_boundary;"))
    proc = run_cli("check", "--quiet", ".", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines
    for line in lines:
        m = TEXT_LINE.match(line)
        assert m, line
        assert m["path"] == "arch/x86/mm/probe.c" and m["line"] == "3"


def test_json_format(project):
    proc = cli(project, "check", "--format", "json", "--min-confidence", "low", "--rules", "rules",
               "--select", "mask-by-hand,evil-used", "tree", "tree/missing.c")
    assert proc.returncode == 2  # a finding and a missing file: the error wins
    doc = json.loads(proc.stdout)
    jsonschema.validate(doc, OUTPUT_SCHEMA)
    assert doc["version"] == 1
    [mask, evil] = doc["findings"]
    assert (mask["path"], mask["line"], mask["column"], mask["end_line"], mask["end_column"]) == \
        ("tree/drivers/x/bad.c", 3, 6, 3, 15)
    assert (mask["rule"], mask["severity"], mask["confidence"]) == ("mask-by-hand", "error", "high")
    assert mask["message"] == "mask applied by hand to pa"
    assert mask["function"] == "probe"
    assert mask["source_line"] == "\tx = pa | MASK;"
    assert (evil["rule"], evil["line"], evil["severity"], evil["confidence"]) == ("evil-used", 4, "info", "low")
    assert doc["errors"] == [{"path": "tree/missing.c", "line": None, "message": "no such file or directory"}]
    assert doc["summary"]["files"] == 3 and doc["summary"]["findings"] == 2 and doc["summary"]["failed"] == 1
    assert doc["summary"]["findings_by_rule"] == {"evil-used": 1, "mask-by-hand": 1}
    # errors still go to stderr as one line each
    assert proc.stderr.splitlines() == ["tree/missing.c: error: no such file or directory"]


def test_json_with_no_findings_is_still_one_object(project):
    proc = cli(project, "check", "--format", "json", "--rules", "rules", "tree/drivers/x/clean.c")
    assert proc.returncode == 0
    doc = json.loads(proc.stdout)
    jsonschema.validate(doc, OUTPUT_SCHEMA)
    assert doc["findings"] == [] and doc["errors"] == []


def test_fingerprint_survives_a_line_move(project):
    first = json.loads(cli(project, "check", "--format", "json", "--rules", "rules", "--select", "mask-by-hand",
                           "tree").stdout)["findings"][0]
    bad = project / "tree/drivers/x/bad.c"
    bad.write_text("/* a new comment\n * moves everything down */\n" + bad.read_text())
    second = json.loads(cli(project, "check", "--format", "json", "--rules", "rules", "--select", "mask-by-hand",
                            "tree").stdout)["findings"][0]
    assert second["line"] == first["line"] + 2
    assert second["fingerprint"] == first["fingerprint"]


# ---------------------------------------------------------------- exit codes


def test_exit_0_when_clean(project):
    proc = cli(project, "check", "--rules", "rules", "tree/drivers/x/clean.c")
    assert proc.returncode == 0 and proc.stdout == ""


def test_exit_1_on_findings(project):
    assert cli(project, "check", "--rules", "rules", "tree").returncode == 1


def test_exit_2_on_a_file_error_even_with_findings(project):
    proc = cli(project, "check", "--rules", "rules", "tree", "nowhere.c")
    assert proc.returncode == 2
    assert "tree/drivers/x/bad.c:3:6:" in proc.stdout


def test_exit_2_on_usage_errors(project):
    proc = cli(project, "check", "--format", "xml", "tree")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert cli(project, "frobnicate").returncode == 2
    assert cli(project).returncode == 2


def test_default_path_is_the_current_directory(project):
    proc = run_cli("check", "--quiet", "--rules", "../rules", "--select", "mask-by-hand", cwd=project / "tree")
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == ["drivers/x/bad.c:3:6: error: mask applied by hand to pa [mask-by-hand]"]


# ---------------------------------------------------------------- rule selection


def rules_in(proc) -> list[str]:
    return sorted({TEXT_LINE.match(line)["rule"] for line in proc.stdout.splitlines()})


def test_select_comma_separated_and_repeated(project):
    base = ("check", "--quiet", "--min-confidence", "low", "--rules", "rules")
    assert rules_in(cli(project, *base, "--select", "evil-used", "tree")) == ["evil-used"]
    assert rules_in(cli(project, *base, "--select", "evil-used,mask-by-hand", "tree")) == ["evil-used", "mask-by-hand"]
    assert rules_in(cli(project, *base, "--select", "evil-used", "--select", "mask-by-hand", "tree")) == \
        ["evil-used", "mask-by-hand"]


def test_ignore_comma_separated_and_repeated(project):
    base = ("check", "--quiet", "--min-confidence", "low", "--rules", "rules")
    assert rules_in(cli(project, *base, "--ignore", "evil-used", "tree")) == ["mask-by-hand"]
    proc = cli(project, *base, "--ignore", "evil-used,mask-by-hand", "tree")
    assert proc.returncode == 0 and proc.stdout == ""
    proc = cli(project, *base, "--ignore", "evil-used", "--ignore", "mask-by-hand", "tree")
    assert proc.returncode == 0 and proc.stdout == ""


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_unknown_rule_id_is_a_usage_error(project, flag):
    proc = cli(project, "check", "--rules", "rules", flag, "mask-by-hand,no-such-rule", "tree")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == ["cocolint: unknown rule 'no-such-rule' (see `cocolint rules`)"]


def test_min_confidence(project):
    base = ("check", "--quiet", "--rules", "rules", "tree")
    assert rules_in(cli(project, *base)) == ["mask-by-hand"]  # default: medium, the low rule is off
    assert rules_in(cli(project, *base, "--min-confidence", "low")) == ["evil-used", "mask-by-hand"]
    write_rule(project / "rules", rule_text(rule_id="medium-one", confidence="medium"))
    assert rules_in(cli(project, *base, "--min-confidence", "high")) == ["mask-by-hand"]
    assert rules_in(cli(project, *base, "--min-confidence", "medium")) == ["mask-by-hand", "medium-one"]
    assert cli(project, *base, "--min-confidence", "sure").returncode == 2


# ---------------------------------------------------------------- rules, explain, test


def test_rules_lists_builtin_and_user_rules(project):
    proc = cli(project, "rules", "--rules", "rules")
    assert proc.returncode == 0
    ids = [line.split()[0] for line in proc.stdout.splitlines()]
    builtin = [r.id for r in load_rules()]
    assert sorted(ids) == sorted(builtin + ["evil-used", "mask-by-hand"])
    assert any(line.split()[:3] == ["evil-used", "info", "low"] for line in proc.stdout.splitlines())


def test_explain_has_the_documented_sections(capsys):
    rule = load_rules()[0]
    assert main(["explain", rule.id]) == 0
    out = capsys.readouterr().out
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    for section in ("## What it does", "## Why is this bad?", "## Use instead"):
        assert section in headings
    if any(e.bad for e in rule.examples):
        assert "## Example" in headings
        assert headings.index("## Example") < headings.index("## Use instead")
    assert rule.summary in out and rule.rationale.splitlines()[0] in out
    assert "```c" in out


def test_explain_a_user_rule(project, capsys):
    assert main(["explain", "--rules", str(project / "rules"), "mask-by-hand"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# mask-by-hand\n")
    assert "int f(void) { return a | MASK; }" in out


def test_explain_unknown_rule(project):
    proc = cli(project, "explain", "no-such-rule")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == ["cocolint: unknown rule 'no-such-rule' (see `cocolint rules`)"]


def user_rule_dir(tmp_path: Path, bad_example: str, sample: str) -> Path:
    rules = tmp_path / "myrules"
    toml = write_rule(rules, rule_text(rule_id="my-mask", bad=bad_example, good="int f(void) { return a; }"))
    toml.with_suffix(".c").write_text(sample)
    return rules


SAMPLE = """\
/* cocolint-path: drivers/x/sample.c */
static int sample(void)
{
	u64 a = pa | MASK;	/* expect: my-mask */
	u64 b = pa;		/* ok: my-mask */

	return a + b;
}
"""


def test_cocolint_test_passes_on_a_good_user_rule_dir(tmp_path):
    rules = user_rule_dir(tmp_path, "int f(void) { return a | MASK; }", SAMPLE)
    proc = run_cli("test", "--rules", rules, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.splitlines()[-1] == "1 passed, 0 failed"


def test_cocolint_test_fails_when_a_bad_example_is_not_flagged(tmp_path):
    rules = user_rule_dir(tmp_path, "int f(void) { return a & MASK; }", SAMPLE)
    proc = run_cli("test", "--rules", rules, cwd=tmp_path)
    assert proc.returncode == 1
    assert "bad example 1 is not flagged" in proc.stdout
    assert proc.stdout.splitlines()[-1] == "0 passed, 1 failed"


def test_cocolint_test_fails_on_a_sample_mismatch(tmp_path):
    rules = user_rule_dir(tmp_path, "int f(void) { return a | MASK; }",
                          SAMPLE.replace("u64 b = pa;", "u64 b = pb | MASK;"))
    proc = run_cli("test", "--rules", rules, cwd=tmp_path)
    assert proc.returncode == 1
    assert "line 5: my-mask reported here, but the line is marked ok" in proc.stdout


@pytest.mark.parametrize("io_encoding", ["utf-8", "ascii"])
def test_non_utf8_file_names_and_source_never_crash_the_output(project, io_encoding):
    tree = project / "tree"
    name = os.fsdecode(b"caf\xe9.c")  # a Latin-1 file name, not valid UTF-8
    (tree / name).write_bytes(b"int f(void)\n{\n\t/* \xe9t\xe9 */ x = pa | MASK; /* \xc3\xa9 */\n}\n")
    proc = run_cli("check", "--rules", "rules", "--select", "mask-by-hand", "tree/" + name, cwd=project,
                   env={"PYTHONIOENCODING": io_encoding}, text=False)
    assert proc.returncode == 1, proc.stderr
    assert b"Traceback" not in proc.stderr
    [line] = proc.stdout.splitlines()
    assert line.endswith(b":3:16: error: mask applied by hand to pa [mask-by-hand]")
    if io_encoding == "utf-8":
        assert line.startswith(b"tree/caf\xe9.c:")  # the real bytes: an editor can open the file


# ---------------------------------------------------------------- entry points


def test_python_dash_m_cocolint(tmp_path):
    proc = run_cli("--version", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"cocolint {__version__}"
    proc = run_cli("rules", cwd=tmp_path)
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == len(load_rules())
