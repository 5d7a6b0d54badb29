"""The unified-diff reader and the in-memory applier, on diffs real git writes."""

from __future__ import annotations

import pytest
from gitrepo import Repo

from cocolint.patches.apply import ApplyError, apply_hunks
from cocolint.patches.unidiff import DiffError, parse, unquote

LINES = "".join(f"line {i}\n" for i in range(1, 31))


def git_diff(tmp_path, old: bytes, new: bytes, *opts: str) -> bytes:
    r = Repo(tmp_path / "r")
    (r.root / "f.c").write_bytes(old)
    r.commit()
    (r.root / "f.c").write_bytes(new)
    return r.git("diff", "--src-prefix=a/", "--dst-prefix=b/", *opts).encode()


@pytest.mark.parametrize("opts", [(), ("-U0",), ("-U1",)])
@pytest.mark.parametrize("edit", [
    lambda t: t.replace("line 1\n", "first\n", 1),                   # at the top
    lambda t: "new top\n" + t,                                       # pure insertion before line 1
    lambda t: t.replace("line 15\n", "line 15\nadded\nadded 2\n"),   # pure insertion
    lambda t: t.replace("line 7\nline 8\n", ""),                    # pure deletion
    lambda t: t.replace("line 30\n", "line 30"),                     # no newline at end of file
    lambda t: t.replace("line 3\n", "x\n").replace("line 28\n", "y\n"),  # two hunks
    lambda t: t + "tail\n",
])
def test_git_diffs_apply_back_exactly(tmp_path, opts, edit):
    new = edit(LINES).encode()
    (d,) = parse(git_diff(tmp_path, LINES.encode(), new, *opts))
    assert d.old_path == d.new_path == "f.c"
    assert apply_hunks("f.c", LINES.encode(), d) == new
    # added lines are the lines of new that old does not have, by number
    added = sorted(n for h in d.hunks for n in h.added())
    new_lines = new.decode().splitlines()
    old_set = LINES.splitlines()
    assert all(new_lines[n - 1] not in old_set or new_lines[n - 1] == "line 30" for n in added)


def test_hunks_still_apply_when_the_file_moved_on(tmp_path):
    new = LINES.replace("line 20\n", "changed\n").encode()
    (d,) = parse(git_diff(tmp_path, LINES.encode(), new))
    drifted = ("/* five new lines */\n" * 5 + LINES).encode()
    assert apply_hunks("f.c", drifted, d) == ("/* five new lines */\n" * 5 + LINES.replace("line 20\n", "changed\n")).encode()


def test_mail_damaged_trailing_whitespace_still_applies(tmp_path):
    old = LINES.replace("line 9\n", "line 9  \n").encode()
    new = old.replace(b"line 10\n", b"ten\n")
    diff = git_diff(tmp_path, old, new).replace(b" line 9  \n", b" line 9\n")
    (d,) = parse(diff)
    assert apply_hunks("f.c", old, d).count(b"ten\n") == 1


def test_context_that_is_gone_names_the_hunk(tmp_path):
    new = LINES.replace("line 3\n", "x\n").replace("line 28\n", "y\n").encode()
    (d,) = parse(git_diff(tmp_path, LINES.encode(), new))
    with pytest.raises(ApplyError) as exc:
        apply_hunks("f.c", LINES.replace("line 27\n", "other\n").encode(), d)
    assert str(exc.value) == "f.c: hunk #2 @@ -25,6 +25,6 @@ does not apply: its context is not in the file"


def test_truncated_hunk_is_an_error_with_its_line():
    with pytest.raises(DiffError) as exc:
        parse(b"junk\n--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,3 @@\n a\n-b\n")
    assert exc.value.line == 4


def test_paths_quoted_timestamped_and_stripped():
    assert unquote(b'"a/t\\303\\244b\\tc.c"') == "a/täb\tc.c".encode()
    (d,) = parse(b'diff --git "a/t\\303\\244b.c" "b/t\\303\\244b.c"\n--- "a/t\\303\\244b.c"\n+++ "b/t\\303\\244b.c"\n'
                 b"@@ -1 +1 @@\n-a\n+b\n")
    assert d.new_path == "täb.c"
    (d,) = parse(b"--- linux.orig/mm/x.c\t2026-01-01 00:00:00\n+++ linux/mm/x.c\t2026-01-01\n@@ -1 +1 @@\n-a\n+b\n")
    assert (d.old_path, d.new_path) == ("mm/x.c", "mm/x.c")
    (d,) = parse(b"--- a/a/b/c.c\n+++ b/a/b/c.c\n@@ -1 +1 @@\n-a\n+b\n", strip=2)
    assert d.new_path == "b/c.c"


def test_signature_after_the_last_hunk_is_not_part_of_it():
    (d,) = parse(b"diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n-- \n2.39.5\n\n")
    assert d.hunks[0].lines == [(b" ", b"a\n"), (b"-", b"b\n"), (b"+", b"c\n")]
