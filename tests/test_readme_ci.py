"""The README's CI snippets parse as YAML and use only cocolint flags that exist."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest
import yaml

from cocolint.cli import _parser

README = Path(__file__).resolve().parents[1] / "README.md"


def section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert m, f"README has no section {title!r}"
    return m.group(1)


def yaml_blocks(title: str) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```", section(title), re.M | re.S)


def strings(node: object) -> list[str]:
    """Every string in a parsed YAML document (commands hide in run:, script:, before_script: ...)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in strings(v)]
    return []


def cocolint_commands(text: str) -> list[list[str]]:
    out = []
    for line in text.splitlines():
        line = line.split(" #")[0].split("||")[0].strip()
        words = shlex.split(line) if line else []
        if words[:1] == ["cocolint"] and len(words) > 1:
            out.append(words[1:])
    return out


def options(sub: str) -> dict[str, argparse.Action]:
    parser = _parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return subparsers.choices[sub]._option_string_actions


@pytest.mark.parametrize("title", ["GitHub Actions", "GitLab CI"])
def test_ci_snippets_parse_and_use_real_flags(title: str) -> None:
    blocks = yaml_blocks(title)
    assert blocks, f"no yaml snippet in {title}"
    commands = []
    for block in blocks:
        doc = yaml.safe_load(block)
        assert isinstance(doc, (dict, list))
        for s in strings(doc):
            commands += cocolint_commands(s)
    assert commands, f"the {title} snippets never run cocolint"
    for words in commands:
        sub, rest = words[0], words[1:]
        known = options(sub)
        for w in rest:
            if w.startswith("--"):
                flag = w.split("=")[0]
                assert flag in known, f"{title}: `cocolint {sub}` has no flag {flag}"
        # the values given to choice flags are real choices
        for flag, value in zip(rest, rest[1:]):
            action = known.get(flag)
            if action is not None and action.choices:
                assert value in action.choices, f"{title}: {flag} {value} is not one of {action.choices}"


def test_github_snippet_uploads_the_sarif_it_writes() -> None:
    (job,) = yaml.safe_load(yaml_blocks("GitHub Actions")[0])["jobs"].values()
    steps = job["steps"]
    run_ = next(s["run"] for s in steps if "cocolint check" in s.get("run", ""))
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    out = shlex.split(run_)[shlex.split(run_).index("--output") + 1]
    assert upload["with"]["sarif_file"] == out
    assert job["permissions"]["security-events"] == "write"


def test_gitlab_snippet_reports_the_file_it_writes() -> None:
    (job,) = yaml.safe_load(yaml_blocks("GitLab CI")[0]).values()
    words = shlex.split(job["script"][0])
    assert words[words.index("--format") + 1] == "gitlab"
    assert job["artifacts"]["reports"]["codequality"] == words[words.index("--output") + 1]


def test_flag_check_catches_a_made_up_flag() -> None:
    """The checker itself is not vacuous."""
    (words,) = cocolint_commands("cocolint check --formatt sarif .")
    assert "--formatt" not in options(words[0])


def test_configuration_example_is_a_valid_config(tmp_path: Path) -> None:
    """The README's example .cocolint.toml loads, and every rule id it names exists."""
    from cocolint.config import check_rule_ids, load_config
    from cocolint.engine.suppress import PSEUDO_RULES
    from cocolint.ruleset import load_rules

    (block,) = re.findall(r"^```toml\n(.*?)^```", section("Configuration"), re.M | re.S)
    (tmp_path / ".cocolint.toml").write_text(block, encoding="utf-8")
    cfg = load_config(tmp_path / ".cocolint.toml")
    check_rule_ids(cfg, {r.id for r in load_rules()} | set(PSEUDO_RULES))
    assert cfg.rule_options and cfg.per_path_ignores and cfg.severity and cfg.baseline


def test_suppression_examples_suppress_what_they_say(tmp_path: Path) -> None:
    """The README's C example: every finding in it is suppressed, nothing is left over or unused."""
    import json

    from ci_helpers import run

    (block,) = re.findall(r"^```c\n(.*?)^```", section("Suppressions"), re.M | re.S)
    (tmp_path / ".cocolint.toml").write_text("", encoding="utf-8")
    (tmp_path / "x.c").write_text("void f(void *p)\n{\n" + block + "}\n", encoding="utf-8")
    rc, out, _ = run(["check", "--format", "json", "x.c"], tmp_path)
    doc = json.loads(out)
    assert rc == 0 and doc["findings"] == []
    assert {s["rule"] for s in doc["suppressed"]} == {"vtom-boundary-applied-by-hand", "shared-gpa-boundary-direct-use"}
