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


# ---- the copy is the same as the straightforward construction (one byte at a time) ----

import re as _re  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402

from cocolint.kernelc.conditionals import directive_end  # noqa: E402

_REF_DEFINE = _re.compile(rb"#[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)\n]*\))?")


def _reference(src: bytes, skip: list[tuple[int, int]] = ()) -> tuple[list, list, bytes]:
    spans, names = [], []
    for m in _REF_DEFINE.finditer(src):
        start = m.start()
        line_start = src.rfind(b"\n", 0, start) + 1
        if src[line_start:start].strip(b" \t") or any(s <= start < e for s, e in skip):
            continue
        body, end = m.end(), directive_end(src, m.end())
        while body < end and src[body] in b" \t\\\r\n":
            body += 1
        tail = end
        while tail > body and src[tail - 1] in b" \t\r\\":
            tail -= 1
        if tail > body:
            spans.append((body, tail))
            names.append(m.group(1).decode("ascii"))
    if not spans:
        return spans, names, b""
    buf = bytearray(b if b == 0x0A else 0x20 for b in src)
    taken = 0
    for i, (s, e) in enumerate(spans):
        chunk = bytearray(src[s:e])
        for j in range(len(chunk) - 1):
            if chunk[j] == 0x5C and chunk[j + 1] in b"\r\n":
                chunk[j] = 0x20
        buf[s:e] = chunk
        if s - 1 >= taken:
            buf[s - 1] = ord("{")
        limit = spans[i + 1][0] - 1 if i + 1 < len(spans) else len(buf)
        placed, p = 0, e
        while p < limit and placed < 2:
            if buf[p] == 0x20:
                buf[p] = b";}"[placed]
                placed += 1
            p += 1
        taken = p
    return spans, names, bytes(buf)


_TRICKY_DEFINES = [
    b"#define A 1\n#define B 2\n#define C(x) ((x) + 1)\n",
    b"#define A \\\n#define B 2\nint x;\n#define C \\\r\n\t3 \\\r\n\t+ 4\r\n",
    b"  #  define IND(a, b) do { a; b; } while (0) /* note\n still */ \n#define Z\n#define Y  \\\n",
    b"#define X1 1\n#define X2 2\n#define X3 3",
    b"int y; #define NOT_FIRST 1\n#define LAST(a) a",
    b"#ifdef __ASSEMBLY__\n#define ASM 1\n#else\n#define C_SIDE 1\n#endif\n",
]


def test_copy_matches_the_byte_by_byte_construction() -> None:
    for src in _TRICKY_DEFINES:
        skip = [(src.find(b"#define ASM"), src.find(b"#else"))] if b"ASM" in src else []
        got = find(src, skip)
        spans, names, copy = _reference(src, skip)
        assert (got.spans, got.names, got.copy) == (spans, names, copy), src
        assert got.text == b"\n".join(copy[s:e] for s, e in spans), src


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([b"#define ", b"A", b"(x)", b" ", b"\t", b"\\", b"\n", b"\r\n", b"1", b"/*", b"*/",
                                 b";", b"  #  define B ", b"x"]), max_size=30),
       st.lists(st.tuples(st.integers(0, 120), st.integers(0, 120)), max_size=3))
def test_random_defines_match_the_byte_by_byte_construction(pieces: list[bytes], skip: list[tuple[int, int]]) -> None:
    src = b"".join(pieces)
    got = find(src, skip)
    spans, names, copy = _reference(src, skip)
    assert (got.spans, got.names) == (spans, names)
    if spans:
        assert got.text == b"\n".join(copy[s:e] for s, e in spans)  # read before the copy is built
        assert got.copy == copy
