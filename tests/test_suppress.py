"""Inline suppressions: placement, the comment scanner, malformed and unused ones, counting, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ci_helpers import run, sarif, write

from cocolint.engine.suppress import comments, directives

RULE = "vtom-boundary-applied-by-hand"
OR = "pa | ms_hyperv.shared_gpa_boundary"


def tree(tmp: Path, body: str) -> Path:
    write(tmp / ".cocolint.toml", "")
    write(tmp / "drivers/hv/x.c", "u64 f(u64 pa)\n{\n" + body + "}\n")
    return tmp


def check(tmp: Path, *args: str) -> tuple[int, dict]:
    rc, out, _ = run(["check", "--format", "json", "--select", RULE, *args, "."], tmp)
    return rc, json.loads(out)


def rules_of(doc: dict) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in doc["findings"]]


@pytest.mark.parametrize("body", [
    f"\treturn {OR}; /* cocolint: ignore[{RULE}] the host reads it through the alias */\n",
    f"\treturn {OR}; // cocolint: ignore[{RULE}] the host reads it through the alias\n",
    f"\t/* cocolint: ignore[{RULE}] the host reads it through the alias */\n\treturn {OR};\n",
    f"\t/*\n\t * cocolint: ignore[{RULE}] the host reads\n\t * it through the alias\n\t */\n\treturn {OR};\n",
    f"\treturn pa |\t/* cocolint: ignore[{RULE}] on the finding's second line */\n"
    "\t\tms_hyperv.shared_gpa_boundary;\n",
    f"\t// cocolint: ignore[shared-gpa-boundary-direct-use, {RULE}] both rules, one reason\n\treturn {OR};\n",
    # the statement below a standalone comment, though the finding starts on its second line
    f"\t/* cocolint: ignore[{RULE}] the host reads it through the alias */\n\tmsg->pa =\n\t\t{OR};\n\treturn 0;\n",
    # a comment after code covers the rest of its statement
    f"\tmsg->pa =\t/* cocolint: ignore[{RULE}] the host reads it through the alias */\n\t\t{OR};\n\treturn 0;\n",
])
def test_suppressed_placements(tmp_path: Path, body: str) -> None:
    rc, doc = check(tree(tmp_path, body))
    assert rules_of(doc) == [] and rc == 0  # a run with only suppressed findings is clean
    (s,) = doc["suppressed"]
    assert s["rule"] == RULE and s["suppressed_by"] == "inline" and s["reason"]
    assert doc["summary"]["suppressed"] == 1 and doc["summary"]["suppressed_by_rule"] == {RULE: 1}


@pytest.mark.parametrize("body, finding_line", [
    # a trailing comment speaks for its own line only, not the next
    (f"\tu64 x = 0; /* cocolint: ignore[{RULE}] not this line's finding */\n\treturn {OR};\n", 4),
    # a comment two lines above is too far
    (f"\t/* cocolint: ignore[{RULE}] too far above */\n\n\treturn {OR};\n", 5),
    # the statement below ends at its `;`: the next statement is not covered
    (f"\t/* cocolint: ignore[{RULE}] only the first */\n\tx = 1 +\n\t\t2;\n\treturn {OR};\n", 6),
])
def test_suppression_too_far_is_unused(tmp_path: Path, body: str, finding_line: int) -> None:
    rc, doc = check(tree(tmp_path, body))
    assert rc == 1
    assert rules_of(doc) == [("unused-suppression", 3), (RULE, finding_line)]
    assert doc["suppressed"] == []


def test_unused_suppression_is_reported_in_every_format(tmp_path: Path) -> None:
    t = tree(tmp_path, f"\t/* cocolint: ignore[{RULE}] left over from the old code */\n\treturn cc_mkdec(pa);\n")
    rc, out, err = run(["check", "--select", RULE, "."], t)
    assert rc == 1  # unused suppressions fail the run, like findings
    assert out == ("drivers/hv/x.c:3:5: warning: unused suppression: no vtom-boundary-applied-by-hand finding in "
                   "the statement after this comment; remove 'vtom-boundary-applied-by-hand' from the comment "
                   "[unused-suppression]\n")
    rc, out, _ = run(["check", "--format", "github", "--select", RULE, "."], t)
    assert rc == 1 and out.startswith("::warning file=drivers/hv/x.c,line=3,") and "unused-suppression" in out
    rc, doc, _ = sarif(["--select", RULE, "."], t)
    (res,) = doc["runs"][0]["results"]
    assert res["ruleId"] == "unused-suppression"
    assert "unused-suppression" in [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]]


@pytest.mark.parametrize("comment, problem", [
    ("/* cocolint: ignore */", "blanket `cocolint: ignore` is not allowed"),
    ("/* cocolint: ignore reason without ids */", "blanket `cocolint: ignore` is not allowed"),
    ("/* cocolint: ignore[] why */", "names no rule"),
    (f"/* cocolint: ignore[{RULE}] */", "gives no reason"),
    (f"// cocolint: ignore[{RULE}]", "gives no reason"),
    ("/* cocolint: ignore[vtom-boundary-applied-by-han] typo */",
     "unknown rule 'vtom-boundary-applied-by-han' (did you mean 'vtom-boundary-applied-by-hand'?)"),
    ("/* cocolint: noqa */", "unknown cocolint directive 'noqa'"),
])
def test_malformed_suppressions_are_reported_and_suppress_nothing(tmp_path: Path, comment: str,
                                                                   problem: str) -> None:
    rc, doc = check(tree(tmp_path, f"\t{comment}\n\treturn {OR};\n"))
    assert rc == 1
    assert rules_of(doc) == [("invalid-suppression", 3), (RULE, 4)]
    assert problem in doc["findings"][0]["message"]
    assert doc["suppressed"] == []


def test_suppression_of_a_rule_that_does_not_run_is_not_unused(tmp_path: Path) -> None:
    t = tree(tmp_path, "\t/* cocolint: ignore[shared-gpa-boundary-direct-use] computed here */\n"
                       "\treturn cc_mkdec(pa);\n")
    rc, doc = check(t)  # --select runs only the vtom rule
    assert rc == 0 and doc["findings"] == []


def test_unused_suppression_can_be_ignored(tmp_path: Path) -> None:
    t = tree(tmp_path, f"\t/* cocolint: ignore[{RULE}] left over */\n\treturn cc_mkdec(pa);\n")
    rc, doc = check(t, "--ignore", "unused-suppression")
    assert rc == 0 and doc["findings"] == []


def test_text_summary_counts_suppressed(tmp_path: Path) -> None:
    t = tree(tmp_path, f"\treturn {OR}; /* cocolint: ignore[{RULE}] the host needs the alias */\n")
    rc, out, err = run(["check", "--select", RULE, "."], t)
    assert rc == 0 and out == ""
    assert "0 findings, 1 suppressed in 1 file" in err
    assert f"1  {RULE} (suppressed)" in err


def test_scanner_skips_strings_and_character_literals() -> None:
    src = (b'char *s = "/* cocolint: ignore[x] in a string */";\n'
           b"char q = '\"'; /* real comment */\n"
           b'char *t = "\\" // not a comment";\n'
           b"#define M(a) a // cocolint: ignore[x] macro line\n")
    text = src.decode()
    assert [text[s:e] for s, e in comments(text)] == ["/* real comment */", "// cocolint: ignore[x] macro line"]
    (d,) = directives(src, {"x"})
    assert (d.line, d.rules, d.reason, d.problem) == (4, ["x"], "macro line", None)


def test_prose_mentioning_cocolint_is_not_a_directive() -> None:
    src = b"/* run cocolint: ignore[x] is how you silence it */\nint a;\n"
    assert directives(src, {"x"}) == []


def test_file_without_marker_is_not_scanned() -> None:
    assert directives(b"int a; /* cocolint ignore[x] no colon */\n", {"x"}) == []


def test_crlf_line_endings() -> None:
    src = b"int a;\r\n/* cocolint: ignore[x] windows editor */\r\nint b;\r\n"
    (d,) = directives(src, {"x"})
    assert (d.line, d.rules, d.reason, d.standalone_next) == (2, ["x"], "windows editor", 3)


def test_only_files_with_the_marker_are_read_again(tmp_path: Path) -> None:
    from cocolint.engine.run import check_paths
    from cocolint.ruleset import load_rules

    write(tmp_path / "plain.c", f"u64 f(u64 pa)\n{{\n\treturn {OR};\n}}\n")
    write(tmp_path / "marked.c", "/* cocolint: ignore[x] why */\nint a;\n")
    got = {Path(r.path).name: r.directives for r in check_paths(load_rules(), [tmp_path])}
    assert got == {"plain.c": False, "marked.c": True}


def test_statement_end() -> None:
    from cocolint.engine.suppress import statement_end

    lines = ["\tx = a |\t/* c */", "\t\tb;", "", "\tif (y) {", "\t\tz();", "#define M(a) \\", "\t(a)", "foo(a,"]
    assert statement_end(lines, 1) == 2
    assert statement_end(lines, 3) == 3  # a blank line is its own end
    assert statement_end(lines, 4) == 4
    assert statement_end(lines, 6) == 7  # a macro runs over its continuation lines
    assert statement_end(lines, 8) == 8  # no end in sight: only the line itself


def test_explain_knows_the_suppression_diagnostics(tmp_path: Path) -> None:
    for rid in ("unused-suppression", "invalid-suppression"):
        rc, out, _ = run(["explain", rid], tmp_path)
        assert rc == 0 and out.startswith(f"# {rid}\n") and "## Use instead" in out


def test_invalid_bytes_in_a_suppression_are_reported_not_a_crash(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", "")
    (tmp_path / "x.c").write_bytes(b"int a; /* cocolint: ignore[\xff\xfe] caf\xe9 */\nint b;\n")
    for fmt in ("text", "json", "sarif", "github", "gitlab"):
        rc, out, err = run(["check", "--format", fmt, "."], tmp_path)
        assert rc == 1 and "Traceback" not in err
    rc, out, _ = run(["check", "."], tmp_path)
    assert out == ("x.c:1:11: warning: suppression names unknown rule '\\udcff\\udcfe'; see `cocolint rules` "
                   "[invalid-suppression]\n")
