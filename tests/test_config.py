"""Config files: discovery, validation errors (one line, exit 2), flags overriding config, each key's effect."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ci_helpers import GOLDEN, run, write

from cocolint.config import find_config, load_config

REPO = Path(__file__).resolve().parents[1]
VTOM = "vtom-boundary-applied-by-hand"
DIRECT = "shared-gpa-boundary-direct-use"
BAD = "u64 hv_alias(u64 pa)\n{\n\treturn pa | ms_hyperv.shared_gpa_boundary;\n}\n"


def check_json(cwd: Path, *args: str) -> tuple[int, dict, str]:
    rc, out, err = run(["check", "--format", "json", *args], cwd)
    return rc, (json.loads(out) if out else {}), err


def findings(doc: dict) -> list[tuple[str, str, int]]:
    return [(f["path"], f["rule"], f["line"]) for f in doc["findings"]]


def test_samples_marker_file_is_a_valid_empty_config() -> None:
    cfg = load_config(REPO / "samples/.cocolint.toml")
    assert cfg.select is None and cfg.ignore == [] and cfg.rule_options == {} and cfg.baseline is None


def test_nearest_config_wins(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", f'select = ["{DIRECT}"]\n')
    write(tmp_path / "sub/.cocolint.toml", f'select = ["{VTOM}"]\n')
    write(tmp_path / "sub/x.c", BAD)
    assert find_config([tmp_path / "sub/x.c"]) == (tmp_path / "sub/.cocolint.toml").absolute()
    _, doc, _ = check_json(tmp_path, "sub")
    assert {r for _, r, _ in findings(doc)} == {VTOM}
    _, doc, _ = check_json(tmp_path, "sub/x.c")
    assert {r for _, r, _ in findings(doc)} == {VTOM}
    # two paths: the config above both of them
    write(tmp_path / "other/y.c", BAD)
    assert find_config([tmp_path / "sub/x.c", tmp_path / "other"]) == (tmp_path / ".cocolint.toml").absolute()


def test_pyproject_tool_table(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", f'select = ["{DIRECT}"]\n')
    write(tmp_path / "a/pyproject.toml", '[project]\nname = "x"\n')  # no [tool.cocolint]: not a config
    write(tmp_path / "a/b/pyproject.toml", f'[project]\nname = "y"\n\n[tool.cocolint]\nselect = ["{VTOM}"]\n')
    write(tmp_path / "a/b/x.c", BAD)
    write(tmp_path / "a/y.c", BAD)
    assert find_config([tmp_path / "a/b"]) == (tmp_path / "a/b/pyproject.toml").absolute()
    assert find_config([tmp_path / "a/y.c"]) == (tmp_path / ".cocolint.toml").absolute()
    _, doc, _ = check_json(tmp_path / "a/b", ".")
    assert {r for _, r, _ in findings(doc)} == {VTOM}
    # in one directory, .cocolint.toml beats pyproject.toml
    write(tmp_path / "a/b/.cocolint.toml", f'select = ["{DIRECT}"]\n')
    _, doc, _ = check_json(tmp_path / "a/b", ".")
    assert {r for _, r, _ in findings(doc)} == {DIRECT}


@pytest.mark.parametrize("name, text, message", [
    (".cocolint.toml", 'selct = ["x"]\n', ".cocolint.toml:1: unknown key 'selct' (did you mean 'select'?)"),
    (".cocolint.toml", '# c\n\n[per-path-ignore]\n"a/**" = ["x"]\n',
     ".cocolint.toml:3: unknown key 'per-path-ignore' (did you mean 'per-path-ignores'?)"),
    ("pyproject.toml", '[tool.cocolint]\nexlude = ["a"]\n',
     "pyproject.toml:2: unknown key 'tool.cocolint.exlude' (did you mean 'exclude'?)"),
    ("pyproject.toml", '[tool.other]\nselect = "x"\n\n[tool.cocolint]\nselect = "y"\n',
     "pyproject.toml:5: 'tool.cocolint.select' must be a list of strings, not a string"),
    (".cocolint.toml", 'select = "vtom"\n', ".cocolint.toml:1: 'select' must be a list of strings, not a string"),
    (".cocolint.toml", 'min-confidence = 3\n', ".cocolint.toml:1: 'min-confidence' must be a string, not a number"),
    (".cocolint.toml", 'min-confidence = "sure"\n',
     ".cocolint.toml:1: 'min-confidence' must be one of high, medium, low, not 'sure'"),
    (".cocolint.toml", f'[severity]\n{VTOM} = "fatal"\n',
     f".cocolint.toml:2: 'severity.{VTOM}' must be one of error, warning, info, not 'fatal'"),
    (".cocolint.toml", '[severity]\nvtom-boundary = "info"\n',
     ".cocolint.toml:2: severity: unknown rule 'vtom-boundary' (did you mean 'vtom-boundary-applied-by-hand'?)"),
    (".cocolint.toml", f'[rules.{VTOM}]\nnot-function = "x"\n',
     f".cocolint.toml:2: unknown key 'rules.{VTOM}.not-function' (did you mean 'not-functions'?)"),
    (".cocolint.toml", f'[rules.{VTOM}]\nnot-functions = "(x"\n',
     f".cocolint.toml:2: 'rules.{VTOM}.not-functions': regex does not compile: missing ), unterminated "
     "subpattern at position 0"),
    (".cocolint.toml", 'rules = ["my-rules"]\n',
     ".cocolint.toml:1: rules is for per-rule tables [rules.<id>]; extra rule directories go in 'rule-dirs'"),
    (".cocolint.toml", 'baseline = ["a"]\n', ".cocolint.toml:1: 'baseline' must be a string, not a list"),
    (".cocolint.toml", 'select = [\n', ".cocolint.toml: not valid TOML"),
    (".cocolint.toml", '[per-path-ignores]\n"lib/**" = ["no-such-rule"]\n',
     ".cocolint.toml:2: per-path-ignores.lib/**: unknown rule 'no-such-rule'"),
    (".cocolint.toml", 'rule-dirs = ["nowhere"]\n', "nowhere: rules directory does not exist"),
])
def test_config_errors_are_one_line_and_exit_2(tmp_path: Path, name: str, text: str, message: str) -> None:
    write(tmp_path / name, text)
    write(tmp_path / "x.c", BAD)
    rc, out, err = run(["check", "."], tmp_path)
    assert rc == 2 and out == ""
    assert err.strip().splitlines() == [err.strip()]  # one line, no traceback
    if "not valid TOML" in message:
        assert err.startswith(".cocolint.toml:") and "not valid TOML" in err
    else:
        assert err.strip() == message or err.strip().endswith(message)


def test_flags_override_config(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", f'select = ["{DIRECT}"]\nmin-confidence = "high"\n')
    write(tmp_path / "x.c", BAD)
    _, doc, _ = check_json(tmp_path, ".")
    assert {r for _, r, _ in findings(doc)} == {DIRECT}
    _, doc, _ = check_json(tmp_path, "--select", VTOM, ".")
    assert {r for _, r, _ in findings(doc)} == {VTOM}
    _, doc, _ = check_json(tmp_path, "--no-config", ".")
    assert {r for _, r, _ in findings(doc)} == {VTOM}  # every rule runs; the read inside is superseded
    write(tmp_path / "strict.toml", f'ignore = ["{DIRECT}"]\n')
    _, doc, _ = check_json(tmp_path, "--config", "strict.toml", ".")
    assert {r for _, r, _ in findings(doc)} == {VTOM}
    rc, _, err = run(["check", "--config", "missing.toml", "."], tmp_path)
    assert rc == 2 and err.strip() == "missing.toml: config file does not exist"


def test_min_confidence_from_config_and_flag(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", 'rule-dirs = ["myrules"]\nmin-confidence = "low"\n')
    rule = (GOLDEN / "rules/golden/golden-hv-check.toml").read_text().replace(
        '"golden-hv-check"', '"low-hv-check"').replace('confidence = "medium"', 'confidence = "low"')
    write(tmp_path / "myrules/low-hv-check.toml", rule)
    write(tmp_path / "x.c", "int f(void)\n{\n\treturn hv_is_isolation_supported();\n}\n")
    _, doc, _ = check_json(tmp_path, "--select", "low-hv-check", ".")
    assert findings(doc) == [("x.c", "low-hv-check", 3)]  # config says low: reported
    _, doc, _ = check_json(tmp_path, "--select", "low-hv-check", "--min-confidence", "medium", ".")
    assert findings(doc) == []  # the flag wins


def test_severity_override(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", f'[severity]\n{VTOM} = "info"\n"unused-suppression" = "error"\n')
    write(tmp_path / "x.c", BAD + "/* cocolint: ignore[vtom-boundary-applied-by-hand] stale */\nint y;\n")
    rc, out, _ = run(["check", "--select", VTOM, "."], tmp_path)
    assert rc == 1
    assert out.splitlines()[0].startswith("x.c:3:9: info: vTOM bit ")
    assert out.splitlines()[1].startswith("x.c:5:4: error: unused suppression")


def test_exclude_and_per_path_ignores(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml",
          f'exclude = ["gen/**", "*.h"]\n[per-path-ignores]\n"drivers/hv/**" = ["{VTOM}"]\n')
    for p in ("gen/a.c", "b.h", "drivers/hv/c.c", "drivers/net/d.c"):
        write(tmp_path / p, BAD)
    rc, doc, _ = check_json(tmp_path, "--select", VTOM, ".")
    assert findings(doc) == [("drivers/net/d.c", VTOM, 3)] and rc == 1
    assert doc["summary"]["files"] == 2  # excluded files are not checked at all
    (s,) = doc["suppressed"]
    assert (s["path"], s["suppressed_by"], s["reason"], s["suppression_line"]) == \
        ("drivers/hv/c.c", "per-path-ignores", "drivers/hv/**", 3)
    # an excluded file named on the command line stays excluded (what pre-commit passes)
    rc, doc, _ = check_json(tmp_path, "--select", VTOM, "gen/a.c")
    assert rc == 0 and doc["summary"]["files"] == 0


def test_rule_options_widen_a_rules_quiet_zones(tmp_path: Path) -> None:
    """A downstream tree allows one more function to touch the vTOM boundary, and one more directory."""
    write(tmp_path / ".cocolint.toml",
          f'[rules.{VTOM}]\nnot-functions = "^(hv_alias|vendor_.*)$"\nexclude-paths = ["vendor/**"]\n')
    write(tmp_path / "drivers/hv/x.c", BAD + BAD.replace("hv_alias", "hv_other"))
    write(tmp_path / "vendor/y.c", BAD.replace("hv_alias", "hv_third"))
    _, doc, _ = check_json(tmp_path, "--select", VTOM, ".")
    assert findings(doc) == [("drivers/hv/x.c", VTOM, 7)]
    assert doc["suppressed"] == []  # a rule's quiet zone is not a suppression
    _, doc, _ = check_json(tmp_path, "--no-config", "--select", VTOM, ".")
    assert len(findings(doc)) == 3


def test_rule_dirs_and_baseline_are_relative_to_the_config(tmp_path: Path) -> None:
    shutil.copytree(GOLDEN / "rules", tmp_path / "conf/rules")
    write(tmp_path / "conf/.cocolint.toml", 'rule-dirs = ["rules"]\nbaseline = "ci/baseline.json"\n')
    cfg = load_config(tmp_path / "conf/.cocolint.toml")
    assert cfg.baseline == tmp_path / "conf/ci/baseline.json"
    assert cfg.rule_dirs == [tmp_path / "conf/rules"]
    rc, out, _ = run(["rules"], tmp_path / "conf")
    assert rc == 0 and "golden-vtom-or" in out
    rc, out, _ = run(["explain", "golden-vtom-or"], tmp_path / "conf")
    assert rc == 0 and out.startswith("# golden-vtom-or")
