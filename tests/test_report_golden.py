"""Golden-file tests: every --format over the same small tree, compared byte for byte (run time normalised)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from ci_helpers import GOLDEN, golden_tree, run, validate_sarif

EXPECTED = GOLDEN / "expected"
SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "github": "txt", "gitlab": "json"}


def normalise(fmt: str, out: str, err: str, root: Path) -> str:
    """Make the output independent of the run time, the version and the temporary directory."""
    uri = root.resolve().as_uri()
    if fmt in ("json", "sarif"):
        doc = json.loads(out.replace(uri, "file:///SRCROOT"))
        for run_ in doc.get("runs", [doc]):
            summary = run_["properties"]["summary"] if fmt == "sarif" else run_["summary"]
            summary["seconds"] = 0.0
            if fmt == "sarif":
                run_["tool"]["driver"]["version"] = run_["tool"]["driver"]["semanticVersion"] = "VERSION"
        out = json.dumps(doc, indent=2) + "\n"
    err = re.sub(r" in \d+\.\d+s$", " in 0.00s", err, flags=re.M)
    return out + "--- stderr ---\n" + err


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab"])
def test_golden(fmt: str, tmp_path: Path) -> None:
    tree = golden_tree(tmp_path)
    rc, out, err = run(["check", "--format", fmt, "."], tree)
    assert rc == 1  # findings and suppression diagnostics, no file errors
    if fmt == "sarif":
        validate_sarif(json.loads(out))
    got = normalise(fmt, out, err, tree)
    expected = EXPECTED / f"{fmt}.{SUFFIX[fmt]}"
    if os.environ.get("COCOLINT_UPDATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")


def test_golden_tree_covers_what_it_should(tmp_path: Path) -> None:
    """The golden tree exercises each case the goldens are meant to pin (so a regeneration cannot lose one)."""
    tree = golden_tree(tmp_path)
    _, out, _ = run(["check", "--format", "json", "."], tree)
    doc = json.loads(out)
    rules = {f["rule"] for f in doc["findings"]}
    assert {"golden-vtom-or", "golden-hv-check", "unused-suppression", "invalid-suppression"} <= rules
    assert {s["suppressed_by"] for s in doc["suppressed"]} == {"inline", "per-path-ignores"}
    assert (tree / "generated/generated.c").is_file()  # a finding there, but the config excludes it
    assert not any(f["path"].startswith("generated/") for f in doc["findings"] + doc["suppressed"])
    assert doc["summary"]["files"] == 4
    assert any(f["end_line"] > f["line"] for f in doc["findings"])  # a multi-line finding
    assert any("," in f["path"] for f in doc["findings"])  # a path GitHub annotations must escape
    assert {f["severity"] for f in doc["findings"] if f["rule"] == "golden-hv-check"} == {"info"}
