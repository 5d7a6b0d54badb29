"""SARIF output: schema-valid, GitHub's required properties, stable fingerprints, file errors as notifications."""

from __future__ import annotations

import json
from pathlib import Path

from ci_helpers import golden_tree, run, sarif, validate_sarif, write

import pytest

BAD = """\
u64 shared_pa(void *buf)
{
	return virt_to_phys(buf) | ms_hyperv.shared_gpa_boundary;
}
"""


def results(doc: dict) -> list[dict]:
    return doc["runs"][0]["results"]


def test_github_required_properties(tmp_path: Path) -> None:
    rc, doc, _ = sarif(["."], golden_tree(tmp_path))
    assert rc == 1
    assert doc["version"] == "2.1.0" and doc["$schema"]
    run_ = doc["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "cocolint"
    ids = [r["id"] for r in driver["rules"]]
    for r in driver["rules"]:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
        assert len(r["shortDescription"]["text"]) <= 1024 and len(r["fullDescription"]["text"]) <= 1024
        assert r["defaultConfiguration"]["level"] in ("note", "warning", "error")
        assert r["properties"]["precision"] in ("very-high", "high", "medium", "low")
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    for res in results(doc):
        assert res["message"]["text"]
        assert ids[res["ruleIndex"]] == res["ruleId"]
        assert res["partialFingerprints"]["primaryLocationLineHash"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not loc["artifactLocation"]["uri"].startswith(("/", "file:"))
        region = loc["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) > (region["startLine"], region["startColumn"])


def test_rule_help_carries_the_fix_and_reference(tmp_path: Path) -> None:
    _, doc, _ = sarif(["."], golden_tree(tmp_path))
    rule = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}["golden-vtom-or"]
    assert "cc_mkdec(pa) to make an address shared" in rule["help"]["markdown"]  # use-instead
    assert "pa = cc_mkdec(virt_to_phys(buf));" in rule["help"]["markdown"]  # the good example
    assert "```c" in rule["help"]["markdown"] and "```" not in rule["help"]["text"]
    assert rule["helpUri"].startswith("https://lore.kernel.org/")
    assert rule["defaultConfiguration"]["level"] == "error"
    hv = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}["golden-hv-check"]
    assert hv["defaultConfiguration"]["level"] == "note"  # severity = "info" from the config
    assert "helpUri" not in hv  # no reference, no link


def test_region_is_one_based_with_exclusive_end_column(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", "")
    write(tmp_path / "a.c", BAD)
    _, doc, _ = sarif(["--select", "vtom-boundary-applied-by-hand", "a.c"], tmp_path)
    (res,) = results(doc)
    region = res["locations"][0]["physicalLocation"]["region"]
    line = BAD.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == \
        "virt_to_phys(buf) | ms_hyperv.shared_gpa_boundary"
    assert res["level"] == "error"
    assert res["locations"][0]["logicalLocations"] == [{"name": "shared_pa", "kind": "function"}]


def test_fingerprints_survive_unrelated_line_moves(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", "")
    c = write(tmp_path / "drivers/hv/x.c", BAD)
    _, before, _ = sarif(["."], tmp_path)
    c.write_text("/* a new comment\n * of three lines */\nstatic int unrelated;\n\n" + BAD, encoding="utf-8")
    _, after, _ = sarif(["."], tmp_path)
    fp = lambda d: [r["partialFingerprints"] for r in results(d)]  # noqa: E731
    assert fp(before) == fp(after) and fp(before)
    lines = lambda d: [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results(d)]  # noqa: E731
    assert [n + 4 for n in lines(before)] == lines(after)


def test_fingerprints_change_with_the_code_and_tell_copies_apart(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", "")
    twice = BAD.replace("\treturn", "\tx = virt_to_phys(buf) | ms_hyperv.shared_gpa_boundary;\n\treturn")
    write(tmp_path / "a.c", twice)
    write(tmp_path / "b.c", BAD.replace("buf", "page"))
    _, doc, _ = sarif(["--select", "vtom-boundary-applied-by-hand", "."], tmp_path)
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results(doc)]
    assert len(hashes) == 3 and len(set(hashes)) == 3
    a1, a2, b = hashes
    assert a1.split(":")[0] == a2.split(":")[0] and (a1[-2:], a2[-2:]) == (":1", ":2")
    assert b.split(":")[0] != a1.split(":")[0]


def test_file_errors_become_notifications(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", "")
    write(tmp_path / "good.c", BAD)
    (tmp_path / "blob.c").write_bytes(b"int x;\n\0\1\2")
    rc, doc, err = sarif(["."], tmp_path)
    assert rc == 2
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and "binary" in note["message"]["text"]
    loc = note["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "blob.c" and loc["region"]["startLine"] == 2
    assert len(results(doc)) >= 1  # the other file's findings are not lost
    assert "blob.c:2: error: binary file" in err


def test_paths_outside_the_source_root_are_absolute_file_uris(tmp_path: Path) -> None:
    inside, outside = tmp_path / "repo", tmp_path / "elsewhere"
    write(inside / ".cocolint.toml", "")
    write(outside / ".cocolint.toml", "")
    write(outside / "x.c", BAD)
    _, doc, _ = sarif(["--no-config", str(outside / "x.c")], inside)
    loc = results(doc)[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": (outside / "x.c").resolve().as_uri()}


def test_suppressed_findings_are_counted_not_uploaded(tmp_path: Path) -> None:
    """GitHub ingests SARIF results with `suppressions` as open alerts, so they are counted instead."""
    _, doc, _ = sarif(["."], golden_tree(tmp_path))
    summary = doc["runs"][0]["properties"]["summary"]
    assert summary["suppressed"] == 2
    assert all("suppressions" not in r for r in results(doc))
    messages = " ".join(r["message"]["text"] for r in results(doc))
    assert "virt_to_phys(page)" not in messages  # the inline-suppressed finding


@pytest.mark.parametrize("args", [[], ["--select", "hyperv-check-in-set-memory-path"]])
def test_clean_run_is_a_valid_empty_log(tmp_path: Path, args: list[str]) -> None:
    write(tmp_path / ".cocolint.toml", "")
    write(tmp_path / "ok.c", "int f(void)\n{\n\treturn cc_mkdec(0);\n}\n")
    rc, doc, _ = sarif([*args, "."], tmp_path)
    assert rc == 0 and results(doc) == []
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_output_file(tmp_path: Path) -> None:
    tree = golden_tree(tmp_path)
    rc, out, err = run(["check", "--format", "sarif", "--output", "report.sarif", "."], tree)
    assert rc == 1 and out == ""  # findings still decide the exit status; nothing on stdout
    validate_sarif(json.loads((tree / "report.sarif").read_text(encoding="utf-8")))
    assert "7 findings" in err  # the summary still goes to stderr


def test_output_file_that_cannot_be_written(tmp_path: Path) -> None:
    write(tmp_path / ".cocolint.toml", "")
    rc, out, err = run(["check", "--output", "no/such/dir/r.txt", "."], tmp_path)
    assert rc == 2 and out == ""
    assert err.strip().splitlines() == [err.strip()] and err.startswith("no/such/dir/r.txt: cannot write the report")


def test_schema_validation_is_not_vacuous(tmp_path: Path) -> None:
    """The OASIS schema rejects what GitHub would: a 0-based line, an unknown level."""
    import jsonschema

    _, doc, _ = sarif(["."], golden_tree(tmp_path))
    region = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    region["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validate_sarif(doc)
    region["startLine"] = 1
    doc["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validate_sarif(doc)
