"""Broken rule files: one line on stderr naming the file (and line), exit status 2, never a traceback."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cocolint.cli import main
from conftest import rule_text, run_cli, write_rule

C_FILE = "int f(void)\n{\n\treturn a | MASK;\n}\n"


def check_with_rules(tmp_path: Path, capsys, *rule_dirs: Path) -> tuple[int, list[str]]:
    """Run `cocolint check --rules DIR... probe.c` in-process; (exit status, stderr lines)."""
    target = tmp_path / "probe.c"
    target.write_text(C_FILE)
    argv = ["check", "--quiet"]
    for d in rule_dirs:
        argv += ["--rules", str(d)]
    status = main(argv + [str(target)])
    captured = capsys.readouterr()
    check_with_rules.stdout = captured.out
    return status, captured.err.splitlines()


def broken(tmp_path: Path, capsys, text: str, rule_id: str = "test-rule") -> tuple[str, str]:
    """Write one rule file, run check, assert the one-line contract; return (file, message line)."""
    rules = tmp_path / "rules"
    path = write_rule(rules, text, rule_id)
    status, lines = check_with_rules(tmp_path, capsys, rules)
    assert status == 2, lines
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0]
    assert lines[0].startswith(str(path) + ":"), lines[0]
    return str(path), lines[0]


def line_of(text: str, fragment: str) -> int:
    """1-based line of the first occurrence of fragment in text."""
    return text[:text.index(fragment)].count("\n") + 1


def assert_line(line: str, path: str, expected_line: int, *fragments: str) -> None:
    assert line.startswith(f"{path}:{expected_line}: "), line
    for fragment in fragments:
        assert fragment in line, line


def test_a_valid_rule_dir_loads(tmp_path, capsys):
    write_rule(tmp_path / "rules", rule_text())
    status, lines = check_with_rules(tmp_path, capsys, tmp_path / "rules")
    assert status == 1 and lines == []
    assert f"{tmp_path / 'probe.c'}:3:9: warning: found a | MASK [test-rule]" in check_with_rules.stdout


def test_unknown_key_with_did_you_mean(tmp_path, capsys):
    text = rule_text().replace("patterns =", "patern =")
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "patern"), "unknown key 'patern'", "did you mean 'patterns'?")


def test_unknown_nested_key_with_did_you_mean(tmp_path, capsys):
    text = rule_text(extra='\n[scope]\nexclude-path = ["arch/x86/coco/**"]\n')
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "exclude-path"), "'scope.exclude-path'",
                "did you mean 'scope.exclude-paths'?")


def test_wrong_type(tmp_path, capsys):
    text = rule_text().replace('severity = "warning"', "severity = 3")
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, 2, "'severity' must be a string, not a number")


def test_wrong_type_of_list(tmp_path, capsys):
    text = rule_text(extra='\n[scope]\npaths = "arch/**"\n')
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "paths"), "'scope.paths' must be a list of strings")


def test_bad_enum_value(tmp_path, capsys):
    text = rule_text(confidence="certain")
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, 3, "'confidence' must be one of high, medium, low, not 'certain'")


def test_missing_required_key(tmp_path, capsys):
    text = rule_text().replace('rationale = "Because."\n', "")
    path, line = broken(tmp_path, capsys, text)
    assert "missing required key 'rationale'" in line


def test_missing_required_key_in_a_table(tmp_path, capsys):
    text = rule_text(extra='\n[[where]]\nregex = "^pa"\n')
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "[[where]]"), "missing required key 'metavariable'", "'where[0]'")


def test_rule_without_patterns(tmp_path, capsys):
    text = rule_text(patterns=[])
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "patterns"), "'patterns' or 'queries'")


def test_invalid_toml(tmp_path, capsys):
    text = rule_text().replace('summary = "A test rule."', "summary = A test rule.")
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "summary"), "not valid TOML")


def test_pattern_that_does_not_parse(tmp_path, capsys):
    text = rule_text(patterns=["$X | MASK", "$X |"])
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "patterns"), "does not parse", "'$X |'")


def test_ellipsis_in_a_bad_place(tmp_path, capsys):
    text = rule_text(patterns=["foo($...ARGS + 1)"], bad="int f(void) { foo(x + 1); }")
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "patterns"), "$...ARGS", "foo($...ARGS + 1)")


def test_raw_query_that_does_not_compile(tmp_path, capsys):
    text = rule_text(patterns=[]).replace("patterns = []", "queries = ['(call_expression']")
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "queries"), "does not compile")


def test_where_regex_that_does_not_compile(tmp_path, capsys):
    text = rule_text(extra='\n[[where]]\nmetavariable = "X"\nregex = "(pa"\n')
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "regex ="), "'where[0].regex'", "does not compile")


def test_scope_regex_that_does_not_compile(tmp_path, capsys):
    text = rule_text(extra='\n[scope]\nfunctions = "^(set_memory"\n')
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "functions"), "'scope.functions'", "does not compile")


def test_where_naming_an_unknown_metavariable(tmp_path, capsys):
    text = rule_text(extra='\n[[where]]\nmetavariable = "Y"\nregex = "^pa"\n')
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, '"Y"'), "$Y", "no pattern uses")


def test_where_for_one_metavariable_is_not_applied_to_a_longer_name(tmp_path, capsys):
    # `$X` constrains the first pattern; the second only has `$XY` and must still load
    text = rule_text(patterns=["$X | MASK", "$XY & MASK"],
                     extra='\n[[where]]\nmetavariable = "X"\nregex = "^pa"\n',
                     bad="int f(void) { return pa | MASK; }")
    write_rule(tmp_path / "rules", text)
    status, lines = check_with_rules(tmp_path, capsys, tmp_path / "rules")
    assert lines == []
    assert status == 0  # probe.c uses `a | MASK`, which `^pa` rejects


def test_where_on_a_raw_query_is_refused_rather_than_ignored(tmp_path, capsys):
    text = rule_text(patterns=[], message="found {match}",
                     extra='\n[[where]]\nmetavariable = "F"\nregex = "^hv_"\n')
    text = text.replace("patterns = []", "queries = ['((call_expression function: (identifier) @F) @match)']")
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "queries"), "'where' on $F", "#match?")


def test_rule_without_a_bad_example(tmp_path, capsys):
    text = rule_text().replace("bad = ", "good = ")
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "[[examples]]"), "'bad' example")


def test_empty_message(tmp_path, capsys):
    text = rule_text(message="  ")
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "message"), "'message' must not be empty")


def test_globals_naming_something_no_pattern_mentions(tmp_path, capsys):
    text = rule_text(patterns=["$X | cc_mask_bits"], extra='globals = ["cc_mask"]\n')
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "globals"), "'globals' names 'cc_mask'")


def test_id_not_matching_the_file_stem(tmp_path, capsys):
    text = rule_text(rule_id="other-rule")
    path, line = broken(tmp_path, capsys, text, rule_id="test-rule")
    assert_line(line, path, 1, "'other-rule'", "'test-rule'")


def test_id_not_kebab_case(tmp_path, capsys):
    text = rule_text(rule_id="Test_Rule")
    path, line = broken(tmp_path, capsys, text, rule_id="Test_Rule")
    assert_line(line, path, 1, "kebab-case")


def test_duplicate_id_across_directories(tmp_path, capsys):
    first = write_rule(tmp_path / "one", rule_text())
    second = write_rule(tmp_path / "two", rule_text())
    status, lines = check_with_rules(tmp_path, capsys, tmp_path / "one", tmp_path / "two")
    assert status == 2
    assert len(lines) == 1
    assert lines[0].startswith(f"{second}:")
    assert "'test-rule'" in lines[0] and str(first) in lines[0]


def test_duplicate_of_a_builtin_rule(tmp_path, capsys):
    from cocolint.ruleset import load_rules

    builtin_id = load_rules()[0].id
    path = write_rule(tmp_path / "rules", rule_text(rule_id=builtin_id))
    status, lines = check_with_rules(tmp_path, capsys, tmp_path / "rules")
    assert status == 2 and len(lines) == 1
    assert lines[0].startswith(f"{path}:") and "already defined" in lines[0]


def test_message_naming_an_unbound_metavariable(tmp_path, capsys):
    text = rule_text(message="found {Y}")
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "message"), "{Y}")


def test_message_naming_a_metavariable_only_some_patterns_bind(tmp_path, capsys):
    text = rule_text(patterns=["$X | MASK", "MASK_ALL"], message="found {X}")
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "message"), "{X}", "not every pattern")


def test_scope_at_naming_an_unknown_metavariable(tmp_path, capsys):
    text = rule_text(extra='\n[scope]\nnot-inside = [{ pattern = "$L = $R", at = "B" }]\n')
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "not-inside"), "'at' names $B")


def test_scope_pattern_that_does_not_parse(tmp_path, capsys):
    text = rule_text(extra='\n[scope]\ninside = ["cc_set_mask("]\n')
    path, line = broken(tmp_path, capsys, text)
    assert_line(line, path, line_of(text, "inside"), "scope.inside", "does not parse")


def test_non_utf8_rule_file(tmp_path, capsys):
    rules = tmp_path / "rules"
    path = write_rule(rules, rule_text())
    data = path.read_bytes().replace(b"A test rule.", b"A caf\xe9 rule.")
    path.write_bytes(data)
    status, lines = check_with_rules(tmp_path, capsys, rules)
    assert status == 2 and len(lines) == 1
    assert_line(lines[0], str(path), line_of(data.decode("latin-1"), "caf"), "not UTF-8")


def test_unreadable_rule_file(tmp_path, capsys):
    rules = tmp_path / "rules" / "test"
    rules.mkdir(parents=True)
    path = rules / "test-rule.toml"
    path.symlink_to(path.name)  # a symlink loop cannot be read, even by root
    status, lines = check_with_rules(tmp_path, capsys, tmp_path / "rules")
    assert status == 2 and len(lines) == 1
    assert lines[0].startswith(f"{path}: cannot read rule file")
    assert lines[0].count(str(path)) == 1  # the reason does not repeat the path
    if os.geteuid() != 0:  # permissions only stop a non-root user
        path.unlink()
        write_rule(tmp_path / "rules", rule_text()).chmod(0)
        status, lines = check_with_rules(tmp_path, capsys, tmp_path / "rules")
        assert status == 2 and len(lines) == 1 and "cannot read rule file" in lines[0]


def test_missing_rules_directory(tmp_path, capsys):
    status, lines = check_with_rules(tmp_path, capsys, tmp_path / "nowhere")
    assert status == 2
    assert lines == [f"{tmp_path / 'nowhere'}: rules directory does not exist"]


def test_broken_rule_in_a_subprocess_has_no_traceback(tmp_path):
    path = write_rule(tmp_path / "rules", rule_text().replace("patterns =", "patern ="))
    (tmp_path / "probe.c").write_text(C_FILE)
    proc = run_cli("check", "--rules", tmp_path / "rules", tmp_path / "probe.c")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert re.fullmatch(re.escape(str(path)) + r":\d+: unknown key 'patern' \(did you mean 'patterns'\?\)\n",
                        proc.stderr)


@pytest.mark.parametrize("command", ["rules", "explain", "test"])
def test_other_commands_report_broken_rules_the_same_way(tmp_path, capsys, command):
    path = write_rule(tmp_path / "rules", rule_text(severity="fatal"))
    argv = [command, "--rules", str(tmp_path / "rules")] + (["test-rule"] if command == "explain" else [])
    assert main(argv) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:2: ")
