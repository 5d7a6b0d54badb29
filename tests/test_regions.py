"""Only the top-level items holding a rule's names are parsed (kernelc/regions.py): same findings as parsing it all."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_helpers import TREE_61, TREE_612, make_rule, needs_tree
from cocolint import ts
from cocolint.engine.matcher import Matcher
from cocolint.engine.parallel import check_paths_parallel
from cocolint.engine.prefilter import whole_identifier
from cocolint.kernelc import regions
from cocolint.ruleset import load_rules

REPO = Path(__file__).resolve().parents[1]

FILE = b"""\
static int a(void)
{
\treturn 1;
}

struct s x = {
\t.f = 1,
};
static int b(void)
{
\treturn kmalloc(1, 2);
}
#define M(x) \\
} while (0)
static int c(void)
{
\treturn 3;
}
"""


def test_pieces_end_after_top_level_closing_lines() -> None:
    starts = regions.pieces(FILE)
    # `} while (0)` ends the macro, not an item: no cut after it
    assert [FILE[s:s + 12] for s in starts[1:]] == [b"\nstruct s x ", b"static int b", b"#define M(x)"]
    assert starts[0] == 0


def test_only_pieces_holding_a_name_are_kept() -> None:
    spans = regions.kept(FILE, [b"kmalloc"])
    assert spans is not None and len(spans) == 1
    s, e = spans[0]
    assert FILE[s:e].startswith(b"static int b") and FILE[s:e].endswith(b"}\n")
    assert regions.kept(FILE, [b"malloc"]) is None  # whole identifiers only: no piece, nothing to keep
    assert regions.kept(FILE, [b"return", b"x"]) is None  # every piece: more than KEEP_AT_MOST, parse it all


def test_names_are_looked_for_in_the_original() -> None:
    rewritten = FILE.replace(b"kmalloc", b"k_xxxxx")  # what a normaliser rewrite of the name would leave
    assert regions.kept(rewritten, [b"kmalloc"]) is None
    assert regions.kept(rewritten, [b"kmalloc"], FILE) == regions.kept(FILE, [b"kmalloc"])


def test_adjacent_kept_pieces_are_joined() -> None:
    funcs = [b"int f%d(void)\n{\n\treturn %s(%d);\n}\n" % (i, b"h" if i in (4, 5, 9) else b"g", i) for i in range(12)]
    text = b"".join(funcs)
    at = [sum(map(len, funcs[:i])) for i in range(13)]
    assert regions.kept(text, [b"h"]) == [(at[4], at[6]), (at[9], at[10])]


def _rules(tmp_path: Path) -> list:
    names = ["kmalloc", "memcpy", "dev_err", "WARN_ON", "list_add", "container_of"]
    rules = [make_rule(tmp_path, f"calls-{n.lower().replace('_', '-')}", f"patterns = ['{n}($...ARGS)']") for n in names]
    rules.append(make_rule(tmp_path, "field-dev", "patterns = ['$X->dev']"))
    rules.append(make_rule(tmp_path, "enomem", "patterns = ['if (!$X) return -ENOMEM;']"))
    rules.append(make_rule(tmp_path, "scoped", "patterns = ['kfree($P)']\n[scope]\ninside = ['if ($C) $S;']\n"))
    return rules


class Counted:
    """How often the pieces were parsed, and how often their parse was damaged (the whole file then)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reduced = self.fallback = 0
        real = ts.parse_ranges

        def parse_ranges(source: bytes, spans: list[tuple[int, int]]) -> ts.Tree:
            tree = real(source, spans)
            if tree.root_node.has_error:
                self.fallback += 1
            else:
                self.reduced += 1
            return tree

        monkeypatch.setattr(ts, "parse_ranges", parse_ranges)


def _each(rules: list, paths: list[Path], prefilter: bool, jobs: int = 1) -> list:
    out = []
    for r in check_paths_parallel(rules, paths, jobs=jobs, prefilter=prefilter):
        assert r.error is None, str(r.error)
        out.extend((f.path, f.line, f.column, f.end_line, f.end_column, f.rule, f.message) for f in r.findings)
    return out


def test_same_findings_on_the_samples_one_rule_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counted = Counted(monkeypatch)
    samples = [REPO / "samples", REPO / "rules"]
    for rule in [*_rules(tmp_path), *load_rules()]:
        assert _each([rule], samples, prefilter=True) == _each([rule], samples, prefilter=False)
    assert counted.reduced > 10, "the samples must exercise the parse of pieces"


def test_a_damaged_piece_falls_back_to_the_whole_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a `}` at the start of a line inside a body (not kernel style) cuts the function in two
    src = ("int a(void)\n{\n\treturn 0;\n}\n" * 20 + "int f(int x)\n{\n\tif (x) {\n\t\tx++;\n}\n"
           "\treturn kmalloc(x, 0);\n}\n" + "int b(void)\n{\n\treturn 0;\n}\n" * 20)
    path = tmp_path / "f.c"
    path.write_text(src)
    rule = _rules(tmp_path)[0]
    counted = Counted(monkeypatch)
    found = Matcher([rule]).match("f.c", src.encode(), path).findings
    assert counted.fallback == 1 and counted.reduced == 0
    assert [(f.line, f.function) for f in found] == [(src.count("\n", 0, src.index("kmalloc")) + 1, "f")]
    assert found == Matcher([rule], prefilter=False).match("f.c", src.encode(), path).findings


@pytest.mark.kernel
@pytest.mark.slow
@pytest.mark.parametrize("tree, subdirs", [
    (TREE_61, ["arch/x86/mm", "kernel/dma", "kernel/sched", "drivers/net/hyperv", "drivers/hv"]),
    (TREE_612, ["arch/x86/coco", "kernel/dma", "kernel/sched", "drivers/hv"]),
])
def test_same_findings_on_real_code_one_rule_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        tree: Path, subdirs: list[str]) -> None:
    root = needs_tree(tree)
    counted = Counted(monkeypatch)
    paths = [root / d for d in subdirs]
    total = 0
    for rule in [*_rules(tmp_path), *load_rules()]:
        with_pieces = _each([rule], paths, prefilter=True)
        assert with_pieces == _each([rule], paths, prefilter=False), rule.id
        total += len(with_pieces)
    assert total > 300, "the comparison must cover hundreds of real matches"
    assert counted.reduced > 100 and counted.fallback < counted.reduced


def test_the_end_of_a_macro_inside_a_body_is_no_cut() -> None:
    text = b"int f(void)\n{\n#define X do { \\\n\ty(); \\\n} while (0)\n\tkfree(p);\n}\nint g(void)\n{\n}\n"
    assert regions.pieces(text) == [0, text.index(b"int g")]
    crlf = text.replace(b"\n", b"\r\n")
    assert regions.pieces(crlf) == [0, crlf.index(b"int g")]


def test_pieces_that_balance_each_other_fall_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # two bodies each cut by a `}` at the start of a line: the first kept piece opens a brace the last
    # one closes, so the pieces parse without an error but as one function across them
    filler = "int a%d(void)\n{\n\treturn 0;\n}\n"
    src = ("int f(void)\n{\n\tkfree(a);\n\tif (x) {\n\t\ty();\n}\n\treturn 0;\n}\n"
           + "".join(filler % i for i in range(30))
           + "int g(void)\n{\n\tif (x) {\n\t\ty();\n}\n\tkfree(b);\n}\n")
    path = tmp_path / "f.c"
    path.write_text(src)
    rule = make_rule(tmp_path, "frees", "patterns = ['kfree($P)']")
    counted = Counted(monkeypatch)
    found = Matcher([rule]).match("f.c", src.encode(), path).findings
    assert counted.reduced == 1  # the pieces parsed clean, and were still not used
    assert [f.function for f in found] == ["f", "g"]
    assert found == Matcher([rule], prefilter=False).match("f.c", src.encode(), path).findings


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40).map(lambda b: bytes(b"ab1_.\\\n \xc3"[c % 9] for c in b)), st.sampled_from([b"ab", b"b1", b"a_b"]))
def test_a_piece_is_kept_wherever_the_prefilter_sees_the_name(text: bytes, name: bytes) -> None:
    # the same test of an occurrence as the pre-filter's: a file it lets through keeps that name's piece
    assert bool(regions.occurrences(text, [name])) == whole_identifier(text, name)
