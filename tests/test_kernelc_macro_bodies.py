"""#define bodies are parsed as C at their own offsets, and rules' quiet zones still hold there."""

from __future__ import annotations

from pathlib import Path

from cocolint.engine.matcher import Matcher
from cocolint.kernelc.macro_bodies import find
from cocolint.ruleset import load_rules

DRIVER = b"#define SHARED_PA(x) ((x) | ms_hyperv.shared_gpa_boundary)\n"


def _rule(rule_id: str):
    return [r for r in load_rules([]) if r.id == rule_id]


def test_driver_macro_is_flagged_with_the_macro_as_function() -> None:
    findings = Matcher(_rule("vtom-boundary-applied-by-hand")).match("drivers/demo/x.c", DRIVER).findings
    assert [(f.line, f.column, f.function) for f in findings] == [(1, 23, "SHARED_PA")]


def test_macro_bodies_are_not_seen_without_normalisation() -> None:
    assert Matcher(_rule("vtom-boundary-applied-by-hand"), normalise=False).match("drivers/demo/x.c", DRIVER).findings == []


def test_each_body_keeps_its_offsets_and_damage_stays_inside_it() -> None:
    src = b"#define A(x) ((x) +\n#define B(y) foo(y)\nint z;\n#define C 3\n"
    bodies = find(src)
    assert bodies.names == ["A", "B", "C"]
    assert [src[s:e] for s, e in bodies.spans] == [b"((x) +", b"foo(y)", b"3"]
    assert len(bodies.copy) == len(src)
    for s, e in bodies.spans:
        assert bodies.copy[s:e] == src[s:e]
    assert bodies.name_at(src.index(b"foo")) == "B" and bodies.name_at(src.index(b"int z")) is None


def test_multi_line_statement_body_is_parsed(tmp_path: Path) -> None:
    src = (b"#define demo_share(pg)\t\t\\\n\tdo {\t\t\t\\\n"
           b"\t\tdemo_map(page_to_phys(pg) | ms_hyperv.shared_gpa_boundary);\t\\\n\t} while (0)\n")
    findings = Matcher(_rule("vtom-boundary-applied-by-hand")).match("drivers/demo/x.c", src).findings
    assert [(f.line, f.function) for f in findings] == [(3, "demo_share")]


def test_quiet_zone_on_the_enclosing_define_still_holds(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "demo-boundary-or.toml").write_text(r'''
id = "demo-boundary-or"
severity = "warning"
confidence = "high"
summary = "Flags ORing the boundary in, outside the one wrapper that may."
message = "boundary ORed in by hand; use demo_mkdec()"
rationale = "test rule"
use-instead = "demo_mkdec()"
patterns = ["$X | ms_hyperv.shared_gpa_boundary"]
[scope]
not-inside = [{ query = '((preproc_function_def name: (identifier) @_n) @match (#eq? @_n "__demo_set"))' }]
[[examples]]
bad = "#define P(x) ((x) | ms_hyperv.shared_gpa_boundary)\n"
good = "#define __demo_set(x) ((x) | ms_hyperv.shared_gpa_boundary)\n"
''')
    rule = [r for r in load_rules([rules], builtin=False) if r.id == "demo-boundary-or"]
    src = DRIVER + b"#define __demo_set(x) ((x) | ms_hyperv.shared_gpa_boundary)\n"
    findings = Matcher(rule).match("drivers/demo/x.c", src).findings
    assert [(f.line, f.function) for f in findings] == [(1, "SHARED_PA")]
