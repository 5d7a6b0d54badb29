"""The engine: scopes, de-duplication, enclosing functions, positions, root-relative paths, discovery, bad files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cocolint import ts
from cocolint.engine.comments import blank_comments
from cocolint.engine.files import discover
from cocolint.engine.paths import find_root, glob_regex, matches_any, scope_path
from cocolint.engine.run import run
from conftest import check_code, in_function, load_rule, rule_text, run_cli, write_rule

BODY = in_function("x = pa | MASK;")  # line 3, column 6


def where(findings) -> list[tuple[int, int, str | None]]:
    return [(f.line, f.column, f.function) for f in findings]


# ---------------------------------------------------------------- path scopes


@pytest.mark.parametrize("glob, path, expected", [
    ("arch/x86/coco/**", "arch/x86/coco/core.c", True),
    ("arch/x86/coco/**", "arch/x86/coco/tdx/tdx.c", True),
    ("arch/x86/coco/**", "arch/x86/cocoa/core.c", False),
    ("arch/x86/mm/mem_encrypt*.c", "arch/x86/mm/mem_encrypt_amd.c", True),
    ("arch/x86/mm/mem_encrypt*.c", "arch/x86/mm/sub/mem_encrypt.c", False),
    ("**/hyperv/*.c", "drivers/net/hyperv/netvsc.c", True),
    ("**/hyperv/*.c", "hyperv/x.c", True),
    ("**/hyperv/*.c", "drivers/net/hyperv/sub/x.c", False),
    ("drivers/hv/?v.c", "drivers/hv/hv.c", True),
    ("drivers/hv/?v.c", "drivers/hv/h/v.c", False),
    ("include/linux/dma-*.h", "include/linux/dma-direct.h", True),
    ("kernel/dma/**", "kernel/dma", False),
])
def test_path_globs(glob, path, expected):
    assert matches_any(path, (glob,)) is expected
    assert bool(glob_regex(glob).match(path)) is expected


def test_a_list_of_globs_matches_when_any_one_matches_the_whole_path():
    globs = ("arch/x86/mm/*.c", "arch/x86/**", "drivers/hv/hv.c")  # one regex for the list
    assert matches_any("arch/x86/mm/pat/set_memory.c", globs)  # the first matches a prefix only
    assert matches_any("drivers/hv/hv.c", globs)
    assert not matches_any("drivers/hv/hv.c.orig", globs)
    assert not matches_any("arch/x86", globs) and not matches_any("x", ())
    assert matches_any("drivers/hv/hv.c", ["drivers/hv/hv.c"])  # lists are accepted as well


def test_paths_and_exclude_paths_scope(tmp_path):
    rule = load_rule(tmp_path, rule_text(extra='\n[scope]\npaths = ["arch/x86/**", "drivers/hv/*.c"]\n'
                                              'exclude-paths = ["arch/x86/coco/**"]\n'))
    assert where(check_code([rule], BODY, "arch/x86/mm/ioremap.c")) == [(3, 6, "probe")]
    assert where(check_code([rule], BODY, "drivers/hv/hv.c")) == [(3, 6, "probe")]
    assert check_code([rule], BODY, "arch/x86/coco/core.c") == []
    assert check_code([rule], BODY, "drivers/hv/sub/hv.c") == []
    assert check_code([rule], BODY, "kernel/dma/swiotlb.c") == []


# ---------------------------------------------------------------- function scopes


TWO_FUNCTIONS = """\
static int set_memory_decrypted_here(void)
{
	return pa | MASK;
}

static int other(void)
{
	return pb | MASK;
}

static u64 file_scope = pc | MASK;
"""


def test_functions_scope_uses_the_enclosing_function(tmp_path):
    rule = load_rule(tmp_path, rule_text(extra='\n[scope]\nfunctions = "^set_memory_"\n'))
    assert where(check_code([rule], TWO_FUNCTIONS)) == [(3, 9, "set_memory_decrypted_here")]


def test_not_functions_scope(tmp_path):
    rule = load_rule(tmp_path, rule_text(extra='\n[scope]\nnot-functions = "^set_memory_"\n'))
    assert where(check_code([rule], TWO_FUNCTIONS)) == [(8, 9, "other"), (11, 25, None)]


def test_functions_regex_searches_the_name(tmp_path):
    rule = load_rule(tmp_path, rule_text(extra='\n[scope]\nfunctions = "decrypt"\n'))
    assert [f.function for f in check_code([rule], TWO_FUNCTIONS)] == ["set_memory_decrypted_here"]


# ---------------------------------------------------------------- inside / not-inside


REGION_CODE = in_function("""
    ms_hyperv.boundary = BIT_ULL(bits);
    base = ms_hyperv.boundary;
    cc_set_mask(ms_hyperv.boundary);
    x = ms_hyperv.boundary | pa;
""")


def lines(findings) -> list[int]:
    return [f.line for f in findings]


def test_not_inside_a_pattern(tmp_path):
    rule = load_rule(tmp_path, rule_text(patterns=["ms_hyperv.boundary"],
                                         extra='\n[scope]\nnot-inside = ["cc_set_mask($...ARGS)"]\n'))
    assert lines(check_code([rule], REGION_CODE)) == [3, 4, 6]


def test_not_inside_with_at_exempts_only_that_part(tmp_path):
    # the target of an assignment is exempt; the value of an assignment is not
    rule = load_rule(tmp_path, rule_text(patterns=["ms_hyperv.boundary"],
                                         extra='\n[scope]\nnot-inside = [{ pattern = "$L = $R", at = "L" }]\n'))
    assert lines(check_code([rule], REGION_CODE)) == [4, 5, 6]


def test_not_inside_without_at_exempts_the_whole_match(tmp_path):
    rule = load_rule(tmp_path, rule_text(patterns=["ms_hyperv.boundary"],
                                         extra='\n[scope]\nnot-inside = ["$L = $R"]\n'))
    assert lines(check_code([rule], REGION_CODE)) == [5]


def test_inside_with_and_without_at(tmp_path):
    with_at = load_rule(tmp_path, rule_text(patterns=["ms_hyperv.boundary"],
                                            extra='\n[scope]\ninside = [{ pattern = "$L = $R", at = "R" }]\n'))
    assert lines(check_code([with_at], REGION_CODE)) == [4, 6]
    whole = load_rule(tmp_path / "2", rule_text(patterns=["ms_hyperv.boundary"],
                                                extra='\n[scope]\ninside = ["cc_set_mask($X)"]\n'))
    assert lines(check_code([whole], REGION_CODE)) == [5]


def test_any_of_needs_one_alternative(tmp_path):
    extra = ('\n[[scope.any-of]]\npaths = ["arch/x86/mm/**"]\n'
             '\n[[scope.any-of]]\nfunctions = "^set_memory_"\n')
    rule = load_rule(tmp_path, rule_text(extra=extra))
    assert lines(check_code([rule], TWO_FUNCTIONS, "arch/x86/mm/pat/set_memory.c")) == [3, 8, 11]
    assert where(check_code([rule], TWO_FUNCTIONS, "drivers/x.c")) == [(3, 9, "set_memory_decrypted_here")]


def test_any_of_combined_with_exclude_paths(tmp_path):
    extra = ('\n[scope]\nexclude-paths = ["drivers/hv/**"]\n'
             '\n[[scope.any-of]]\nfunctions = "^set_memory_"\n')
    rule = load_rule(tmp_path, rule_text(extra=extra))
    assert lines(check_code([rule], TWO_FUNCTIONS, "drivers/x.c")) == [3]
    assert check_code([rule], TWO_FUNCTIONS, "drivers/hv/x.c") == []


# ---------------------------------------------------------------- globals


GLOBALS_CODE = """\
static u64 uses_global(u64 pa)
{
	return pa | cc_mask;
}

static u64 has_local(u64 pa)
{
	u64 cc_mask = 0;

	return pa | cc_mask;
}

static u64 has_param(u64 pa, u64 cc_mask)
{
	return pa | cc_mask;
}

static u64 copies_global(u64 pa)
{
	u64 saved = cc_mask;

	return pa | cc_mask;
}

static u64 has_local_pointer(u64 pa)
{
	u64 *cc_mask = get();

	return pa | *cc_mask;
}
"""


def test_globals_are_not_confused_with_a_local_or_parameter_of_the_same_name(tmp_path):
    rule = load_rule(tmp_path, rule_text(patterns=["$X | cc_mask"], extra='globals = ["cc_mask"]\n'))
    assert [f.function for f in check_code([rule], GLOBALS_CODE)] == ["uses_global", "copies_global"]


def test_without_globals_every_use_is_reported(tmp_path):
    rule = load_rule(tmp_path, rule_text(patterns=["$X | cc_mask"]))
    assert [f.function for f in check_code([rule], GLOBALS_CODE)] == [
        "uses_global", "has_local", "has_param", "copies_global"]


# ---------------------------------------------------------------- one node once, two rules both


def test_nested_matches_of_one_rule_are_reported_once_at_the_outermost(tmp_path):
    rule = load_rule(tmp_path, rule_text(patterns=["$X | MASK"]))
    code = in_function("x = (a | MASK) | MASK;\ny = b | MASK;")
    findings = check_code([rule], code)
    assert [(f.line, f.column, f.code) for f in findings] == [(3, 6, "(a | MASK) | MASK"), (4, 6, "b | MASK")]


def test_two_patterns_of_one_rule_on_one_node_report_once(tmp_path):
    rule = load_rule(tmp_path, rule_text(patterns=["$X | MASK", "pa | $Y", "if (1) x = pa | MASK;"]))
    code = in_function("if (1) x = pa | MASK;")
    assert [(f.line, f.code) for f in check_code([rule], code)] == [(3, "if (1) x = pa | MASK;")]


def test_two_rules_may_both_report_one_construct(tmp_path):
    one = load_rule(tmp_path, rule_text(rule_id="rule-one", patterns=["$X | MASK"]))
    two = load_rule(tmp_path, rule_text(rule_id="rule-two", patterns=["pa | $Y"]))
    findings = check_code([one, two], BODY)
    assert sorted((f.rule, f.line, f.column) for f in findings) == [("rule-one", 3, 6), ("rule-two", 3, 6)]


def test_patterns_not_drops_a_match(tmp_path):
    rule = load_rule(tmp_path, rule_text(patterns=["$X | MASK"], extra="patterns-not = ['pa | MASK']\n"))
    code = in_function("x = pa | MASK;\ny = pb | MASK;")
    assert lines(check_code([rule], code)) == [4]


# ---------------------------------------------------------------- enclosing function


KERNEL_MACROS = """\
static int __init hv_probe_init(void)
{
	return a | MASK;
}

static void walk_items(struct list_head *head)
{
	struct item *it;

	list_for_each_entry(it, head, list) {
		it->pa = it->va | MASK;
	}
}

DEFINE_PER_CPU(int, probe_count)

static void __iomem *map_probe(void __iomem *p)
{
	return b | MASK;
}

static struct probe_ops ops = {
	.mask = c | MASK,
};

static int
multi_line_header(int x,
		  int y)
{
	scoped_guard(spinlock, &probe_lock) {
		return d | MASK;
	}
}

u64 probe_global = e | MASK;
"""


def test_enclosing_function_in_kernel_code_with_error_nodes(tmp_path):
    rule = load_rule(tmp_path, rule_text(patterns=["$X | MASK"]))
    found = [(f.line, f.function) for f in check_code([rule], KERNEL_MACROS)]
    assert found == [(3, "hv_probe_init"), (11, "walk_items"), (19, "map_probe"), (23, None),
                     (31, "multi_line_header"), (35, None)]


def test_enclosing_function_when_the_tree_is_badly_damaged(tmp_path):
    # a function whose body tree-sitter cannot make sense of still gets its name from the layout
    code = """\
static int damaged_function(struct dev *dev)
{
	DECLARE_BITMAP(bits, 64) __aligned(8) = { [0 ... 3] = 1 } for_each_x {
	u64 v = va | MASK;
	guard(mutex)(&lock) {{
	return 0;
}

static int after_damage(void)
{
	return vb | MASK;
}
"""
    rule = load_rule(tmp_path, rule_text(patterns=["$X | MASK"]))
    found = [(f.line, f.function) for f in check_code([rule], code)]
    assert found == [(4, "damaged_function"), (11, "after_damage")]


def test_enclosing_function_of_a_damaged_definition_not_in_kernel_layout(tmp_path):
    code = "static int __init brace_on_header_line(void) {\n\treturn a | MASK;\n}\n"
    rule = load_rule(tmp_path, rule_text(patterns=["$X | MASK"]))
    assert [(f.line, f.function) for f in check_code([rule], code)] == [(2, "brace_on_header_line")]


def test_an_initialiser_opening_at_column_0_is_not_a_function(tmp_path):
    code = ("static int __init real_function(void)\n{\n\treturn 0;\n}\n\n"
            "static struct probe_ops table[] __section(\".data\") __ro_after_init =\n{\n\t.mask = c | MASK,\n};\n")
    rule = load_rule(tmp_path, rule_text(patterns=["$X | MASK"]))
    assert [(f.line, f.function) for f in check_code([rule], code)] == [(8, None)]


def test_enclosing_function_in_clean_code(tmp_path):
    code = """\
static int outer(void)
{
	int (*fp)(int) = inner_cb;

	if (x) {
		return pa | MASK;
	}
	return 0;
}

static int (*pick(int which))(int)
{
	return table[which | MASK];
}

static const char *name_of(void)
{
	return names[ne | MASK];
}
"""
    rule = load_rule(tmp_path, rule_text(patterns=["$X | MASK"]))
    assert [(f.line, f.function) for f in check_code([rule], code)] == [
        (6, "outer"), (13, "pick"), (18, "name_of")]


def test_both_branches_of_an_ifdef_are_matched_in_their_function(tmp_path):
    code = """\
static u64 probe_ifdef(u64 pa)
{
#ifdef CONFIG_AMD_MEM_ENCRYPT
	pa = pa | MASK;
#else
	pa = pb | MASK;
#endif
	return pa;
}
"""
    rule = load_rule(tmp_path, rule_text(patterns=["$X | MASK"]))
    assert [(f.line, f.column, f.function) for f in check_code([rule], code)] == [
        (4, 7, "probe_ifdef"), (6, 7, "probe_ifdef")]


def test_code_in_comments_and_strings_is_not_matched(tmp_path):
    code = in_function("""
        /* pa | MASK */
        // pb | MASK
        pr_info("pc | MASK");
        x = pd /* | MASK */;
    """)
    rule = load_rule(tmp_path, rule_text(patterns=["$X | MASK"]))
    assert check_code([rule], code) == []


# ---------------------------------------------------------------- positions


def finding_at(tmp_path, source: bytes):
    rule = load_rule(tmp_path, rule_text(patterns=["$X | MASK"]))
    from cocolint.engine.matcher import Matcher

    [f] = Matcher([rule]).match("drivers/x.c", source).findings
    return f


def test_positions_are_one_based_and_count_a_tab_as_one_column(tmp_path):
    f = finding_at(tmp_path, b"int f(void)\n{\n\t\tx = pa | MASK;\n}\n")
    assert (f.line, f.column, f.end_line, f.end_column) == (3, 7, 3, 16)
    assert f.source_line == "\t\tx = pa | MASK;"


def test_positions_with_crlf_line_endings(tmp_path):
    f = finding_at(tmp_path, b"int f(void)\r\n{\r\n\tx = pa | MASK;\r\n}\r\n")
    assert (f.line, f.column, f.end_column) == (3, 6, 15)
    assert f.source_line == "\tx = pa | MASK;"
    assert f.function == "f"


def test_positions_count_characters_not_bytes(tmp_path):
    source = "int f(void)\n{\n\t/* é€ */ x = \"😀\" + (pa | MASK);\n}\n".encode()
    f = finding_at(tmp_path, source)
    assert (f.line, f.column) == (3, 22)
    assert f.source_line[f.column - 1:f.end_column - 1] == "pa | MASK"


def test_positions_survive_invalid_utf8(tmp_path):
    f = finding_at(tmp_path, b"int f(void)\n{\n\t/* \xff\xfe */ x = \"\xe9\" + (pa | MASK);\n}\n")
    assert (f.line, f.column, f.end_column) == (3, 22, 31)
    assert "pa | MASK" in f.source_line


def test_multi_line_match_end_position(tmp_path):
    f = finding_at(tmp_path, b"int f(void)\n{\n\tx = pa |\n\t\tMASK;\n}\n")
    assert (f.line, f.column, f.end_line, f.end_column) == (3, 6, 4, 7)
    assert f.code == "pa | MASK"


def test_comments_are_blanked_keeping_offsets():
    source = b'a(/* x\n y */ 1); s = "/* not */"; c = \'"\'; // tail \\\n more\nb(2); /* \xff */'
    out = blank_comments(source)
    assert len(out) == len(source)
    assert out.count(b"\n") == source.count(b"\n")
    assert b"/*" not in out.replace(b'"/* not */"', b"")
    assert b'"/* not */"' in out and b"'\"'" in out
    assert b"more" not in out  # a `//` comment continues over a backslash-newline
    assert b"b(2);" in out


def test_comments_on_directive_lines_are_kept():
    # blanked, `#define debug(x) /* */` would have a whitespace-only body, which tree-sitter-c
    # reads as running on into the next line
    source = b"#define debug(x) /* */\nint a = b; /* gone */\n#endif /* X */\n"
    out = blank_comments(source)
    assert out.startswith(b"#define debug(x) /* */\nint a = b;")
    assert b"gone" not in out
    assert out.endswith(b"#endif /* X */\n")


def test_code_after_a_macro_whose_body_is_a_comment_is_still_matched(tmp_path):
    rule = load_rule(tmp_path, rule_text())
    code = "#define debug_putaddr(x) /* */\nstatic u64 probe_global = pa | MASK;\n"
    assert [(f.line, f.column) for f in check_code([rule], code)] == [(2, 27)]


# ---------------------------------------------------------------- root-relative paths


@pytest.mark.parametrize("marker", [".git", ".cocolint.toml", "MAINTAINERS"])
def test_scope_path_is_relative_to_the_nearest_root_marker(tmp_path, marker):
    root = tmp_path / "tree"
    (root / "arch/x86/mm").mkdir(parents=True)
    (root / marker).mkdir() if marker == ".git" else (root / marker).write_text("")
    c_file = root / "arch/x86/mm/x.c"
    c_file.write_text(BODY)
    find_root.cache_clear()
    assert find_root(c_file.parent) == root
    assert scope_path(c_file) == "arch/x86/mm/x.c"


def test_path_scope_sees_the_root_relative_path_whatever_the_cwd(tmp_path):
    root = tmp_path / "tree"
    (root / "arch/x86/coco").mkdir(parents=True)
    (root / "drivers").mkdir()
    (root / "MAINTAINERS").write_text("")
    (root / "arch/x86/coco/core.c").write_text(BODY)
    (root / "drivers/d.c").write_text(BODY)
    write_rule(tmp_path / "rules", rule_text(extra='\n[scope]\nexclude-paths = ["arch/x86/coco/**"]\n'))
    other = tmp_path / "elsewhere"
    other.mkdir()
    proc = run_cli("check", "--quiet", "--select", "test-rule", "--rules", tmp_path / "rules", "../tree", cwd=other)
    assert proc.stdout.splitlines() == ["../tree/drivers/d.c:3:6: warning: found pa | MASK [test-rule]"]
    assert proc.returncode == 1


# ---------------------------------------------------------------- discovery


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_aware_discovery_skips_ignored_files(tmp_path):
    root = tmp_path / "repo"
    (root / "src").mkdir(parents=True)
    (root / "build").mkdir()
    git(root, "init", "-q")
    (root / ".gitignore").write_text("build/\n*.mod.c\n")
    for name in ("src/tracked.c", "src/untracked.h", "build/gen.c", "src/x.mod.c", "src/notes.txt"):
        (root / name).write_text(BODY)
    git(root, "add", "src/tracked.c", ".gitignore")
    found = [d.path.relative_to(root).as_posix() for d in discover([root])]
    assert found == ["src/tracked.c", "src/untracked.h"]
    # a file named explicitly is checked even if git ignores it
    assert [d.path for d in discover([root / "build/gen.c"])] == [root / "build/gen.c"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_directory_named_on_purpose_is_checked_even_if_git_ignores_it(tmp_path):
    root = tmp_path / "repo"
    (root / "build" / "gen").mkdir(parents=True)
    git(root, "init", "-q")
    (root / ".gitignore").write_text("build/\n")
    (root / "build" / "gen" / "x.c").write_text(BODY)
    assert [d.path for d in discover([root])] == []
    assert [d.path.relative_to(root).as_posix() for d in discover([root / "build"])] == ["build/gen/x.c"]


def test_discovery_without_git_walks_c_and_h_files(tmp_path):
    root = tmp_path / "plain"
    (root / "a/b").mkdir(parents=True)
    for name in ("a/x.c", "a/b/y.h", "a/z.S", "top.c"):
        (root / name).write_text(BODY)
    (root / "MAINTAINERS").write_text("")
    found = [d.path.relative_to(root).as_posix() for d in discover([root])]
    assert sorted(found) == ["a/b/y.h", "a/x.c", "top.c"]


# ---------------------------------------------------------------- files that cannot be checked


def test_bad_files_each_give_one_error_line_and_other_findings_survive(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / ".cocolint.toml").write_text("")
    (tree / "good.c").write_text(BODY)
    (tree / "binary.c").write_bytes(b"int f(void)\n{\n\0x = pa | MASK;\n}\n")
    (tree / "loop.c").symlink_to("loop.c")  # unreadable, even for root
    (tree / "dir.c").mkdir()
    (tree / "dir.c" / "inner.c").write_text(BODY)
    os.mkfifo(tree / "pipe.c")  # reading it would block for ever
    write_rule(tmp_path / "rules", rule_text())
    proc = run_cli("check", "--quiet", "--select", "test-rule", "--rules", tmp_path / "rules",
                   "tree", "missing.c", cwd=tmp_path)
    assert proc.returncode == 2
    assert sorted(proc.stdout.splitlines()) == [
        "tree/dir.c/inner.c:3:6: warning: found pa | MASK [test-rule]",
        "tree/good.c:3:6: warning: found pa | MASK [test-rule]",
    ]
    errors = sorted(proc.stderr.splitlines())
    assert errors == [
        "missing.c: error: no such file or directory",
        "tree/binary.c:3: error: binary file (NUL byte), not checked",
        "tree/loop.c: error: cannot read: Too many levels of symbolic links",
        "tree/pipe.c: error: not a regular file, not checked",
    ]
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_tracked_symlink_to_a_directory_named_like_a_c_file(tmp_path):
    root = tmp_path / "repo"
    (root / "sub").mkdir(parents=True)
    git(root, "init", "-q")
    (root / "good.c").write_text(BODY)
    (root / "looks_like.c").symlink_to("sub")
    git(root, "add", "good.c", "looks_like.c")
    write_rule(tmp_path / "rules", rule_text())
    proc = run_cli("check", "--quiet", "--select", "test-rule", "--rules", tmp_path / "rules", "repo", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout.splitlines() == ["repo/good.c:3:6: warning: found pa | MASK [test-rule]"]
    assert proc.stderr.splitlines() == ["repo/looks_like.c: error: is a directory"]


def test_unreadable_file_by_permission(tmp_path):
    if os.geteuid() == 0:
        # root reads any file whatever its mode; the symlink loop above covers the read failure
        target = tmp_path / "loop.c"
        target.symlink_to("loop.c")
    else:
        target = tmp_path / "secret.c"
        target.write_text(BODY)
        target.chmod(0)
    rule = load_rule(tmp_path, rule_text())
    results, summary = run([rule], [target, tmp_path / "absent.c"])
    assert summary.failed == 2 and summary.findings == 0
    shown = [str(r.error).split(": error: ")[0] for r in results]
    assert shown == [target.as_posix(), (tmp_path / "absent.c").as_posix()]
    assert all(r.error.message.startswith(("cannot read", "no such file")) for r in results)


def test_a_large_generated_header_is_checked_not_rejected(tmp_path):
    header = tmp_path / "regs.h"
    lines = [f"#define REG_{i:06d}_OFFSET 0x{i:08x}\n" for i in range(60000)]
    header.write_text("".join(lines) + "static u64 probe_global = pa | MASK;\n")
    assert header.stat().st_size > 2_000_000
    rule = load_rule(tmp_path, rule_text())
    results, summary = run([rule], [header])
    assert summary.failed == 0
    assert [(f.line, f.column) for f in results[0].findings] == [(60001, 27)]


def test_parse_damage_is_counted(tmp_path):
    (tmp_path / "clean.c").write_text(BODY)
    (tmp_path / "damaged.c").write_text(KERNEL_MACROS)
    rule = load_rule(tmp_path, rule_text())
    results, summary = run([rule], [tmp_path / "clean.c", tmp_path / "damaged.c"])
    assert (summary.files, summary.parsed, summary.damaged) == (2, 2, 1)
    assert [r.damaged for r in results] == [False, True]


# ---------------------------------------------------------------- properties


# every piece is valid inside a function body, so the parser never has to recover and
# any comment node it reports is one the blanking really left behind
PIECES = st.sampled_from([
    "int a = 1;", "/* block */", "/* multi\n line */", "// line\n", 's = "str /* not */";', "c = '\"';",
    "c = '/';", "#define X /* kept */\n", "x = y / z;", "\n", "\t", " ", "/* \xe9 */", "// continued \\\n still\n",
    "a(/*c*/ b);", 's = "// not either";',
])


@settings(max_examples=80, deadline=None)
@given(st.lists(PIECES, max_size=12))
def test_blank_comments_keeps_offsets_and_leaves_no_comment_in_code(pieces):
    source = ("void f(void)\n{\n" + "\n".join(pieces) + "\n}\n").encode()
    out = blank_comments(source)
    assert len(out) == len(source)
    assert [i for i, c in enumerate(out) if c == 0x0A] == [i for i, c in enumerate(source) if c == 0x0A]
    tree = ts.parse(out)
    assert not tree.root_node.has_error, out
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "comment":
            line_start = out.rfind(b"\n", 0, node.start_byte) + 1
            assert out[line_start:node.start_byte].lstrip().startswith(b"#"), node.text  # only in directives
        stack.extend(node.children)


@pytest.mark.parametrize("rel", ["drivers/hv/vmbus.c", "a.c", "deep/er/still/x.h", "up/../down/y.c", "../z.c",
                                 "./dot/w.c", "with space/v.c"])
def test_scope_path_string_work_matches_pathlib(rel: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cocolint.engine import paths

    tree = tmp_path / "linux"
    (tree / "deep").mkdir(parents=True)
    (tree / "MAINTAINERS").write_text("")  # a root marker
    monkeypatch.chdir(tree / "deep")
    for path in (Path(rel), tree / rel, tmp_path / rel, Path("/") / rel):
        assert paths.scope_path(path) == paths._scope_path(path), path
