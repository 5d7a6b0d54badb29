"""`check --diff REV` and `--diff-file PATCH` against a real git repository."""

from __future__ import annotations

import pytest
from gitrepo import BAD_LINE, GOOD_LINE, Repo, RULE, c_file, run_check

from cocolint.cli import main

run = run_check


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Repo:
    r = Repo(tmp_path / "linux")
    r.write("drivers/hv/ring.c", c_file(BAD_LINE, GOOD_LINE))
    r.write("drivers/hv/other.c", c_file(BAD_LINE))
    r.commit("initial")
    monkeypatch.chdir(r.root)
    return r


def test_only_added_lines_are_reported(repo, capsys):
    repo.write("drivers/hv/ring.c", c_file(BAD_LINE, BAD_LINE))  # the second function regresses
    code, found, _ = run(capsys, "--diff", "HEAD")
    assert code == 1
    assert found == [("drivers/hv/ring.c", 11)]
    code, found, _ = run(capsys)  # without --diff the old findings are there too
    assert found == [("drivers/hv/other.c", 6), ("drivers/hv/ring.c", 6), ("drivers/hv/ring.c", 11)]


def test_no_change_is_clean_even_with_old_findings(repo, capsys):
    code, found, _ = run(capsys, "--diff", "HEAD")
    assert (code, found) == (0, [])


def test_file_names_after_the_revision_are_paths(repo, capsys):
    repo.write("drivers/hv/ring.c", c_file(BAD_LINE, BAD_LINE))
    repo.write("drivers/hv/other.c", c_file(BAD_LINE, BAD_LINE))
    code, found, _ = run(capsys, "--diff", "HEAD", "drivers/hv/other.c")
    assert (code, found) == (1, [("drivers/hv/other.c", 11)])


def test_diff_needs_a_value(repo, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "drivers/hv/ring.c", "--diff"])
    assert exc.value.code == 2
    assert "--diff: expected one argument" in capsys.readouterr().err


def test_changed_line_of_a_multiline_construct(repo, capsys):
    two_lines = "\treturn virt_to_phys(buf) |\n\t\tms_hyperv.shared_gpa_boundary;\n"
    repo.write("drivers/hv/ring.c", c_file(BAD_LINE, "\treturn virt_to_phys(buf) |\n\t\tPAGE_OFFSET;\n"))
    repo.commit()
    repo.write("drivers/hv/ring.c", c_file(BAD_LINE, two_lines))  # only the continuation line changes
    code, found, _ = run(capsys, "--diff", "HEAD")
    assert (code, found) == (1, [("drivers/hv/ring.c", 11)])


def test_staged_and_untracked_new_files_are_wholly_new(repo, capsys):
    repo.write("drivers/hv/staged.c", c_file(BAD_LINE))
    repo.git("add", "drivers/hv/staged.c")
    repo.write("drivers/hv/untracked.c", c_file(BAD_LINE))
    repo.write(".gitignore", "ignored.c\n")
    repo.write("drivers/hv/ignored.c", c_file(BAD_LINE))
    repo.write("drivers/hv/notes.txt", c_file(BAD_LINE))  # not C: not checked unless named
    code, found, _ = run(capsys, "--diff", "HEAD")
    assert (code, found) == (1, [("drivers/hv/staged.c", 6), ("drivers/hv/untracked.c", 6)])


def test_rename_reports_only_the_lines_it_changes(repo, capsys):
    repo.git("mv", "drivers/hv/ring.c", "drivers/hv/vmbus_ring.c")
    repo.write("drivers/hv/vmbus_ring.c", c_file(BAD_LINE, GOOD_LINE, BAD_LINE))
    code, found, _ = run(capsys, "--diff", "HEAD")
    assert (code, found) == (1, [("drivers/hv/vmbus_ring.c", 16)])


def test_deleted_file_and_quoted_names(repo, capsys):
    repo.git("rm", "-q", "drivers/hv/other.c")
    repo.write("drivers/hv/ä b.c", c_file(GOOD_LINE))
    repo.commit()
    repo.write("drivers/hv/ä b.c", c_file(GOOD_LINE, BAD_LINE))
    code, found, err = run(capsys, "--diff", "HEAD")
    assert (code, found) == (1, [("drivers/hv/ä b.c", 11)]), err


def test_paths_relative_to_a_subdirectory(repo, capsys, monkeypatch):
    repo.write("drivers/hv/ring.c", c_file(BAD_LINE, BAD_LINE))
    repo.write("arch/x86/mm/mem.c", c_file(BAD_LINE))  # changed, but not under the cwd
    monkeypatch.chdir(repo.root / "drivers")
    code, found, _ = run(capsys, "--diff", "HEAD", "hv")
    assert (code, found) == (1, [("hv/ring.c", 11)])
    code, found, _ = run(capsys, "--diff", "HEAD")  # no paths: the changed files under the cwd
    assert (code, found) == (1, [("hv/ring.c", 11)])
    code, found, _ = run(capsys, "--diff", "HEAD", str(repo.root))  # as the user named the directory
    assert (code, found) == (1, [(f"{repo.root}/arch/x86/mm/mem.c", 6), (f"{repo.root}/drivers/hv/ring.c", 11)])


def test_older_revision_and_unknown_revision(repo, capsys):
    first = repo.git("rev-parse", "HEAD").strip()
    repo.write("drivers/hv/ring.c", c_file(BAD_LINE, BAD_LINE))
    repo.commit()
    assert run(capsys, "--diff", "HEAD")[:2] == (0, [])
    assert run(capsys, "--diff", first)[:2] == (1, [("drivers/hv/ring.c", 11)])
    code, found, err = run(capsys, "--diff", "no-such-branch")
    assert code == 2 and found == []
    assert err.strip() == f"cocolint: --diff no-such-branch: not a commit in {repo.root}"


def test_first_commit_has_everything_new(tmp_path, monkeypatch, capsys):
    r = Repo(tmp_path / "fresh")
    r.write("drivers/hv/ring.c", c_file(BAD_LINE))
    r.git("add", "-A")
    monkeypatch.chdir(r.root)
    assert run(capsys, "--diff", "HEAD")[:2] == (1, [("drivers/hv/ring.c", 6)])


def test_outside_a_git_repository(tmp_path, monkeypatch, capsys):
    (tmp_path / "x.c").write_text(c_file(BAD_LINE))
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "--diff", "HEAD")
    assert code == 2
    assert "is not inside a git work tree (use --diff-file PATCH)" in err
    assert len(err.strip().splitlines()) == 1


def test_diff_file_from_git_diff(repo, capsys, tmp_path):
    repo.write("drivers/hv/ring.c", c_file(BAD_LINE, BAD_LINE))
    patch = tmp_path / "change.diff"
    patch.write_text(repo.git("diff", "HEAD"))  # default context of 3 lines, a/ b/ prefixes
    code, found, _ = run(capsys, "--diff-file", str(patch))
    assert (code, found) == (1, [("drivers/hv/ring.c", 11)])


def test_diff_file_outside_git_from_diff_u(tmp_path, monkeypatch, capsys):
    tree = tmp_path / "linux-source"
    (tree / "drivers/hv").mkdir(parents=True)
    (tree / "MAINTAINERS").write_text("")
    (tree / "drivers/hv/ring.c").write_text(c_file(BAD_LINE, BAD_LINE))
    patch = tmp_path / "p.diff"
    patch.write_text("--- linux.orig/drivers/hv/ring.c\t2026-11-26 04:00:00.000000000 +0000\n"
                     "+++ linux/drivers/hv/ring.c\t2026-11-26 04:01:00.000000000 +0000\n"
                     "@@ -10,2 +10,2 @@\n {\n-" + GOOD_LINE + "+" + BAD_LINE)
    monkeypatch.chdir(tree)
    code, found, _ = run(capsys, "--diff-file", str(patch))
    assert (code, found) == (1, [("drivers/hv/ring.c", 11)])
    monkeypatch.chdir(tree / "drivers")  # from a subdirectory the tree's top is found by MAINTAINERS
    code, found, _ = run(capsys, "--diff-file", str(patch))
    assert (code, found) == (1, [("hv/ring.c", 11)])


def test_diff_file_unreadable_or_broken(repo, capsys, tmp_path):
    code, _, err = run(capsys, "--diff-file", str(tmp_path / "missing.diff"))
    assert code == 2 and err.strip() == f"{tmp_path / 'missing.diff'}: cannot read: No such file or directory"
    bad = tmp_path / "bad.diff"
    bad.write_text("--- a/drivers/hv/ring.c\n+++ b/drivers/hv/ring.c\n@@ -1,3 +1,3 @@\n context\n")
    code, _, err = run(capsys, "--diff-file", str(bad))
    assert code == 2 and err.strip().startswith(f"{bad}:3: hunk @@ -1,3 +1,3 @@ ends early")


def test_diff_file_from_a_format_patch_mail(repo, capsys, tmp_path):
    repo.write("drivers/hv/ring.c", c_file(BAD_LINE, BAD_LINE))
    repo.commit("Drivers: hv: map above vTOM")
    patch = repo.git("format-patch", "-1", "--stdout")
    assert patch.startswith("From ") and "Subject: [PATCH] Drivers: hv: map above vTOM" in patch
    (tmp_path / "0001.patch").write_text(patch)
    code, found, _ = run(capsys, "--diff-file", str(tmp_path / "0001.patch"))
    assert (code, found) == (1, [("drivers/hv/ring.c", 11)])
