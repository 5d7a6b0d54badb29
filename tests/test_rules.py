"""The shipped rules and samples: every rule file is valid and keeps its promises, every sample's annotations hold."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from cocolint import record, ts
from cocolint.cli import main
from cocolint.engine.matcher import Matcher
from cocolint.pattern import compile_pattern
from cocolint.ruleset import builtin_rules_dir, load_rules
from cocolint.ruleset.annotations import compare, parse_annotations
from cocolint.ruleset.loader import load_rule_file as _load_rule_file
from cocolint.ruleset.selftest import check_examples, check_sample, sample_for

REPO = Path(__file__).resolve().parents[1]
RULE_FILES = sorted(builtin_rules_dir().rglob("*.toml"))
SAMPLES = REPO / "samples"
SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".c", ".h"))
NEVER = compile_pattern("__cocolint_no_such_function_anywhere()")


@functools.lru_cache(maxsize=None)
def load_rule_file(path: Path):
    """Load (and compile) each rule file once per test session."""
    return _load_rule_file(path)


def _rid(path: Path) -> str:
    return path.stem


def _sid(path: Path) -> str:
    return path.relative_to(SAMPLES).as_posix()


@pytest.fixture(scope="module")
def all_rules():
    return load_rules()


@pytest.fixture(scope="module")
def all_matcher(all_rules):
    return Matcher(all_rules)


def test_rules_are_discovered():
    assert len(RULE_FILES) >= 6
    assert SAMPLE_FILES


@pytest.mark.parametrize("path", RULE_FILES, ids=_rid)
def test_rule_file_is_valid(path):
    rule = load_rule_file(path)
    assert rule.id == path.stem
    assert rule.message.strip() and "\n" not in rule.message.strip()
    assert rule.summary.strip() and "\n" not in rule.summary.strip()
    assert rule.rationale and rule.use_instead
    assert rule.references and all(r.startswith("https://") for r in rule.references)


@pytest.mark.parametrize("path", RULE_FILES, ids=_rid)
def test_rule_has_bad_and_good_examples(path):
    rule = load_rule_file(path)
    assert any(e.bad for e in rule.examples), "no bad example"
    assert any(not e.bad for e in rule.examples), "no good example"


@pytest.mark.parametrize("path", RULE_FILES, ids=_rid)
def test_rule_examples_pass(path):
    assert check_examples(load_rule_file(path)) == []


@pytest.mark.parametrize("path", RULE_FILES, ids=_rid)
def test_rule_sample_passes(path):
    rule = load_rule_file(path)
    sample = sample_for(rule)
    assert sample.is_file(), f"no annotated sample {sample.name} beside {path.name}"
    assert check_sample(Matcher([rule]), sample, {rule.id}) == []


@pytest.mark.parametrize("path", RULE_FILES, ids=_rid)
def test_rule_that_matches_nothing_fails_its_examples_and_sample(path):
    """The examples and the sample really test the patterns: without them, both fail."""
    rule = record.replace(load_rule_file(path), patterns=(NEVER,), patterns_not=())
    assert any("is not flagged" in p for p in check_examples(rule))
    assert any("expected a finding" in p for p in check_sample(Matcher([rule]), sample_for(rule), {rule.id}))


def _has_quiet_zones(path: Path) -> bool:
    rule = load_rule_file(path)
    return rule.scope != type(rule.scope)() or bool(rule.globals)


@pytest.mark.parametrize("path", [p for p in RULE_FILES if _has_quiet_zones(p)], ids=_rid)
def test_quiet_zones_are_tested(path):
    """Without its scope and globals a rule fires on some good example or `ok` line: the quiet zones are exercised."""
    rule = load_rule_file(path)
    bare = record.replace(rule, scope=type(rule.scope)(), globals=())
    problems = check_examples(bare) + check_sample(Matcher([bare]), sample_for(rule), {rule.id})
    assert problems, "removing the rule's scope changes nothing in its examples or sample"


def test_rule_ids_are_unique(all_rules):
    ids = [load_rule_file(p).id for p in RULE_FILES]
    assert len(ids) == len(set(ids))
    assert [r.id for r in all_rules] == sorted(ids)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=_sid)
def test_sample_annotations_hold(sample, all_rules, all_matcher):
    """Each samples/ file is checked at its samples-relative path against every shipped rule."""
    text = sample.read_text(encoding="utf-8")
    findings = all_matcher.match(_sid(sample), text.encode()).findings
    problems = compare(parse_annotations(text), findings, {r.id for r in all_rules})
    assert problems == []


@pytest.mark.parametrize("sample", [p for p in SAMPLE_FILES if p.stem.endswith(("_before", "_after"))], ids=_sid)
def test_before_files_are_flagged_and_after_files_are_clean(sample, all_matcher):
    findings = all_matcher.match(_sid(sample), sample.read_bytes()).findings
    if sample.stem.endswith("_after"):
        assert findings == []
    else:
        assert findings


def test_samples_have_a_before_and_an_after_for_every_rule(all_rules):
    expected, quiet = set(), set()
    for sample in SAMPLE_FILES:
        for a in parse_annotations(sample.read_text(encoding="utf-8")):
            (expected if a.kind == "expect" else quiet).add(a.rule)
    ids = {r.id for r in all_rules}
    assert ids <= expected, f"no flagged sample for {sorted(ids - expected)}"
    assert ids <= quiet, f"no clean sample for {sorted(ids - quiet)}"
    stems = {p.stem for p in SAMPLE_FILES}
    befores = {s[: -len("_before")] for s in stems if s.endswith("_before")}
    afters = {s[: -len("_after")] for s in stems if s.endswith("_after")}
    assert befores and befores == afters


def test_a_wrong_annotation_is_caught(tmp_path):
    """Turning one `expect` into `ok` (or deleting it) must make the sample check fail."""
    rule = load_rule_file(builtin_rules_dir() / "coco" / "vtom-boundary-applied-by-hand.toml")
    text = sample_for(rule).read_text(encoding="utf-8")
    flipped = tmp_path / "flipped.c"
    flipped.write_text(text.replace("/* expect: vtom-boundary-applied-by-hand */",
                                    "/* ok: vtom-boundary-applied-by-hand */", 1))
    problems = check_sample(Matcher([rule]), flipped, {rule.id})
    assert any("marked ok" in p for p in problems)
    dropped = tmp_path / "dropped.c"
    dropped.write_text(text.replace("/* expect: vtom-boundary-applied-by-hand */", "", 1))
    assert any("unexpected finding" in p for p in check_sample(Matcher([rule]), dropped, {rule.id}))


def test_globals_see_locals_and_parameters_but_not_the_global():
    rule = load_rule_file(builtin_rules_dir() / "coco" / "cc-mask-applied-by-hand.toml")
    m = Matcher([rule])
    code = b"u64 f(u64 v)\n{\n\treturn v | cc_mask;\n}\n"
    assert len(m.match("arch/x86/mm/x.c", code).findings) == 1
    local = b"u64 f(u64 v)\n{\n\tu64 cc_mask = 1;\n\treturn v | cc_mask;\n}\n"
    param = b"u64 f(u64 v, u64 cc_mask)\n{\n\treturn v | cc_mask;\n}\n"
    field = b"u64 f(struct r *r, u64 v)\n{\n\treturn v | r->cc_mask;\n}\n"
    for src in (local, param, field):
        assert m.match("arch/x86/mm/x.c", src).findings == []


@pytest.mark.parametrize("rule_id, names", [
    ("cc-mask-applied-by-hand", {"pgprot_encrypted", "pgprot_decrypted", "_PAGE_CC"}),
    ("c-bit-applied-by-hand", {"__sme_set", "__sme_clr", "__sme_pa", "__sme_pa_nodebug",
                               "pgprot_encrypted", "pgprot_decrypted", "_PAGE_ENC"}),
])
def test_wrapper_definitions_are_quiet_zones(rule_id, names):
    """The not-inside queries cover each wrapper's macro definition, so they stay quiet once macro bodies are parsed."""
    rule = load_rule_file(builtin_rules_dir() / "coco" / f"{rule_id}.toml")
    source = "".join(f"#define {n}(x)\t((x) | mask)\n" for n in sorted(names) if n.startswith(("__", "pgprot")))
    source += "".join(f"#define {n}\t(mask)\n" for n in sorted(names) if n.startswith("_PAGE"))
    source += "#define pgprot_other(x)\t((x) | mask)\n"
    tree = ts.parse(source.encode())
    covered = set()
    for region in rule.scope.not_inside:
        for _, captures in ts.matches(ts.compile_query(region.pattern.query), tree.root_node):
            node = captures["match"][0]
            covered.add(node.child_by_field_name("name").text.decode())
    assert covered == names


def test_quick_start_shows_findings_on_samples(capsys):
    """README's first command: findings on samples/, exit status 1, editor-style lines."""
    assert main(["check", str(SAMPLES)]) == 1
    out = capsys.readouterr().out
    assert "set_memory_before.c:" in out and "[hyperv-check-in-set-memory-path]" in out
    assert "_after.c:" not in out


def test_low_confidence_rule_is_hidden_by_default(capsys):
    assert main(["check", "--quiet", str(SAMPLES / "arch/x86/kernel/machine_kexec_64_before.c")]) == 0
    assert main(["check", "--quiet", "--min-confidence", "low", str(SAMPLES / "arch/x86/kernel/machine_kexec_64_before.c")]) == 1
    assert "[c-bit-applied-by-hand]" in capsys.readouterr().out
