"""`cocolint patch FILE...`: real `git format-patch` series applied in memory to a tree, findings compared."""

from __future__ import annotations

import json
import quopri
import shutil
from pathlib import Path

import pytest
from gitrepo import BAD_LINE, GOOD_LINE, Repo, c_file
from patchgen import format_patch

from cocolint.cli import main

RULE = "vtom-boundary-applied-by-hand"
RULES = ["--select", RULE]


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts}


@pytest.fixture
def series(tmp_path):
    """A git history of three commits exported with format-patch, and the tree at its first commit."""
    r = Repo(tmp_path / "work")
    r.write("MAINTAINERS", "")
    r.write("drivers/hv/ring.c", c_file(BAD_LINE, GOOD_LINE))
    r.write("drivers/hv/hv.c", c_file(BAD_LINE, BAD_LINE))
    r.write("Documentation/hv.rst", "Hyper-V\n")
    base = r.commit("base")
    r.write("drivers/hv/ring.c", c_file(GOOD_LINE, GOOD_LINE))
    r.commit("Drivers: hv: Use cc_mkdec() for the ring buffer")
    r.write("drivers/hv/ring.c", c_file(GOOD_LINE + BAD_LINE, GOOD_LINE))  # its context is patch 1's line
    r.write("Documentation/hv.rst", "Hyper-V vTOM\n")
    r.commit("Drivers: hv: Map the second ring above vTOM")
    r.write("drivers/hv/hv.c", c_file(GOOD_LINE, GOOD_LINE, GOOD_LINE))
    r.commit("Drivers: hv: Stop applying the vTOM bit in hv.c")
    out = tmp_path / "outgoing"
    r.git("format-patch", "-q", "-o", str(out), base)
    tree = tmp_path / "linux-source"  # a plain unpacked tree: no git
    r.git("worktree", "add", "-q", "--detach", str(tmp_path / "wt"), base)
    shutil.copytree(tmp_path / "wt", tree, ignore=shutil.ignore_patterns(".git"))
    return tree, sorted(out.iterdir()), r


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["patch", *RULES, *argv])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def _message(rule_id: str, match: str) -> str:
    """The shipped rule's message for a match (so the test does not pin its wording)."""
    from cocolint.ruleset import load_rules

    (rule,) = [r for r in load_rules() if r.id == rule_id]
    return rule.message.replace("{match}", match)


def test_series_in_a_plain_tree_reports_new_and_fixed_per_patch(series, capsys, monkeypatch):
    tree, patches, _ = series
    before = snapshot(tree)
    monkeypatch.chdir(tree / "drivers")  # the tree is found upward (MAINTAINERS)
    code, out, err = run(capsys, *map(str, patches))
    assert code == 1
    msg = _message(RULE, "virt_to_phys(buf) | ms_hyperv.shared_gpa_boundary")
    assert out.splitlines() == [
        "0001-Drivers-hv-Use-cc_mkdec-for-the-ring-buffer.patch: +0 new, -1 fixed",
        f"fixed: drivers/hv/ring.c:6:9: error: {msg} [{RULE}]",
        "0002-Drivers-hv-Map-the-second-ring-above-vTOM.patch: +1 new, -0 fixed",
        f"drivers/hv/ring.c:7:9: error: {msg} [{RULE}]",
        "0003-Drivers-hv-Stop-applying-the-vTOM-bit-in-hv.c.patch: +0 new, -2 fixed",
        f"fixed: drivers/hv/hv.c:6:9: error: {msg} [{RULE}]",
        f"fixed: drivers/hv/hv.c:11:9: error: {msg} [{RULE}]",
    ]
    assert err == "cocolint: 3 patches: +1 new, -3 fixed\n"
    assert snapshot(tree) == before  # the user's tree is never touched


def test_patches_only_removing_findings_exit_0(series, capsys):
    tree, patches, _ = series
    code, out, _ = run(capsys, "--tree", str(tree), str(patches[0]))
    assert code == 0 and out.startswith("0001-Drivers-hv-Use-cc_mkdec-for-the-ring-buffer.patch: +0 new, -1 fixed\n")


def test_a_series_applies_in_order(series, capsys):
    """Patch 2's context only exists after patch 1: alone it does not apply."""
    tree, patches, _ = series
    code, out, err = run(capsys, "--tree", str(tree), str(patches[1]))
    assert code == 3
    assert out == ("0002-Drivers-hv-Map-the-second-ring-above-vTOM.patch: does not apply:"
                   " drivers/hv/ring.c: hunk #1 @@ -4,6 +4,7 @@ does not apply: its context is not in the file\n")
    assert err == "cocolint: 1 patch: +0 new, -0 fixed; 1 did not apply\n"


def test_one_mbox_holding_the_series(series, capsys, tmp_path):
    tree, patches, _ = series
    mbox = tmp_path / "series.mbox"
    mbox.write_bytes(b"".join(p.read_bytes() for p in patches))
    code, out, _ = run(capsys, "--tree", str(tree), "--format", "json", str(mbox))
    doc = json.loads(out)
    assert code == 1
    assert [(p["patch"], p["subject"], len(p["new"]), len(p["fixed"])) for p in doc["patches"]] == [
        ("series.mbox[1]", "[PATCH 1/3] Drivers: hv: Use cc_mkdec() for the ring buffer", 0, 1),
        ("series.mbox[2]", "[PATCH 2/3] Drivers: hv: Map the second ring above vTOM", 1, 0),
        ("series.mbox[3]", "[PATCH 3/3] Drivers: hv: Stop applying the vTOM bit in hv.c", 0, 2),
    ]
    assert doc["patches"][1]["new"][0]["line"] == 7
    assert doc["patches"][1]["files"] == ["drivers/hv/ring.c"]  # Documentation/ is not C: not applied


def test_in_a_git_checkout_from_a_subdirectory(series, capsys, monkeypatch, tmp_path):
    _, patches, r = series
    r.git("worktree", "add", "-q", "--detach", str(tmp_path / "checkout"), "HEAD~3")
    (tmp_path / "checkout/MAINTAINERS").unlink()  # only .git marks the top now
    monkeypatch.chdir(tmp_path / "checkout/drivers/hv")
    code, out, _ = run(capsys, *map(str, patches))
    assert code == 1
    assert [l.split(":")[0] for l in out.splitlines() if l.endswith("fixed")] == [p.name for p in patches]


def test_new_deleted_and_renamed_files(tmp_path, capsys):
    tree = tmp_path / "tree"
    (tree / "drivers/hv").mkdir(parents=True)
    (tree / "drivers/hv/old.c").write_text(c_file(BAD_LINE))
    (tree / "drivers/hv/moving.c").write_text(c_file(BAD_LINE))
    new = tmp_path / "1.patch"
    new.write_text(format_patch("drivers/hv/new.c", None, c_file(BAD_LINE), "add a file"))
    gone = tmp_path / "2.patch"
    gone.write_text(format_patch("drivers/hv/old.c", c_file(BAD_LINE), None, "remove a file"))
    moved = tmp_path / "3.patch"
    moved.write_text(
        "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] move\n\n---\n"
        "diff --git a/drivers/hv/moving.c b/drivers/hv/moved.c\n"
        "similarity index 100%\nrename from drivers/hv/moving.c\nrename to drivers/hv/moved.c\n-- \n2.39.5\n")
    code, out, _ = run(capsys, "--tree", str(tree), str(new), str(gone), str(moved))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "1.patch: +1 new, -0 fixed" and lines[1].startswith("drivers/hv/new.c:6:9: error:")
    assert lines[2] == "2.patch: +0 new, -1 fixed" and lines[3].startswith("fixed: drivers/hv/old.c:6:9: error:")
    assert lines[4:] == ["3.patch: +0 new, -0 fixed"]  # a rename carries its findings along


def test_creating_a_file_that_exists_and_deleting_one_that_does_not(tmp_path, capsys):
    tree = tmp_path / "tree"
    (tree / "drivers").mkdir(parents=True)
    (tree / "drivers/a.c").write_text(c_file(GOOD_LINE))
    p1 = tmp_path / "1.patch"
    p1.write_text(format_patch("drivers/a.c", None, c_file(BAD_LINE), "add"))
    p2 = tmp_path / "2.patch"
    p2.write_text(format_patch("drivers/b.c", c_file(BAD_LINE), c_file(GOOD_LINE), "change"))
    code, out, _ = run(capsys, "--tree", str(tree), str(p1), str(p2))
    assert code == 3
    assert out.splitlines() == [
        "1.patch: does not apply: drivers/a.c: already exists in the tree, but the patch creates it",
        "2.patch: does not apply: drivers/b.c: does not exist in the tree",
    ]


def test_a_failing_file_leaves_the_whole_patch_unapplied(tmp_path, capsys):
    tree = tmp_path / "tree"
    (tree / "d").mkdir(parents=True)
    (tree / "d/a.c").write_text(c_file(GOOD_LINE))
    (tree / "d/b.c").write_text(c_file(GOOD_LINE))
    both = (format_patch("d/a.c", c_file(GOOD_LINE), c_file(BAD_LINE), "two files")
            + format_patch("d/b.c", c_file(BAD_LINE), c_file(GOOD_LINE), "x").split("---\n", 1)[1])
    p = tmp_path / "both.patch"
    p.write_text(both)
    again = tmp_path / "again.patch"
    again.write_text(format_patch("d/a.c", c_file(GOOD_LINE), c_file(BAD_LINE), "a only"))
    code, out, _ = run(capsys, "--tree", str(tree), str(p), str(again))
    assert code == 3
    assert out.splitlines()[0] == ("both.patch: does not apply: d/b.c: hunk #1 @@ -3,5 +3,5 @@ does not apply:"
                                   " its context is not in the file")
    assert out.splitlines()[1] == "again.patch: +1 new, -0 fixed"  # d/a.c was left as it was


def test_cover_letter_unreadable_and_escaping_paths(tmp_path, capsys):
    tree = tmp_path / "tree"
    tree.mkdir()
    cover = tmp_path / "0000-cover-letter.patch"
    cover.write_text("From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
                     "Subject: [PATCH 0/2] a series\n\nWhy this series.\n")
    code, out, _ = run(capsys, "--tree", str(tree), str(cover))
    assert (code, out) == (0, "0000-cover-letter.patch: no diff in it (a cover letter?), nothing to check\n")
    evil = tmp_path / "evil.patch"
    evil.write_text(format_patch("../outside.c", "int x;\n", "int y;\n", "escape"))
    code, out, _ = run(capsys, "--tree", str(tree), str(evil))
    assert code == 3 and out == "evil.patch: does not apply: ../outside.c: path leaves the tree; not applied\n"
    (tmp_path / "ring.c").write_bytes(b"int x;\n\0\xff")
    code, out, err = run(capsys, "--tree", str(tree), str(tmp_path / "ring.c"))
    assert (code, out, err) == (2, "", "ring.c: error: not a patch: no unified diff in it\n"
                                     "cocolint: 1 patch: +0 new, -0 fixed\n")
    code, out, err = run(capsys, "--tree", str(tree), str(tmp_path / "missing.patch"))
    assert code == 2 and out == "" and err.startswith(f"missing.patch: error: cannot read {tmp_path / 'missing.patch'}: No such file")


def test_quoted_printable_mail_from_a_list(tmp_path, capsys):
    tree = tmp_path / "tree"
    (tree / "drivers/hv").mkdir(parents=True)
    (tree / "drivers/hv/ring.c").write_text(c_file(GOOD_LINE))
    long_bad = "\tpa = virt_to_phys(buf) | ms_hyperv.shared_gpa_boundary; /* the shared alias, for the host */\n"
    plain = format_patch("drivers/hv/ring.c", c_file(GOOD_LINE), c_file(long_bad), "qp")
    head, body = plain.split("\n\n", 1)
    qp = quopri.encodestring(body.encode()).decode()
    assert "=3D" in qp and "=\n" in qp  # encoded '=' and a soft line break: undecoded, the hunk is broken
    mail = tmp_path / "qp.eml"
    mail.write_text(head + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
                    "Content-Transfer-Encoding: quoted-printable\n\n" + qp)
    code, out, _ = run(capsys, "--tree", str(tree), str(mail))
    assert code == 1 and out.startswith("qp.eml: +1 new, -0 fixed\n")


def test_unreadable_tree_file_is_one_line(tmp_path, capsys):
    tree = tmp_path / "tree"
    (tree / "d.c").mkdir(parents=True)
    (tree / "loop.c").symlink_to("loop.c")  # unreadable even for root
    p = tmp_path / "p.patch"
    p.write_text(format_patch("loop.c", c_file(GOOD_LINE), c_file(BAD_LINE), "x"))
    q = tmp_path / "q.patch"
    q.write_text(format_patch("d.c", c_file(GOOD_LINE), c_file(BAD_LINE), "x"))
    code, out, _ = run(capsys, "--tree", str(tree), str(p), str(q))
    assert code == 3
    assert out.splitlines() == ["p.patch: does not apply: loop.c: cannot read: Too many levels of symbolic links",
                                "q.patch: does not apply: d.c: is a directory in the tree"]


def test_a_touched_file_that_cannot_be_checked_is_an_error(tmp_path, capsys):
    tree = tmp_path / "tree"
    (tree / "d").mkdir(parents=True)
    (tree / "d/a.c").write_text(c_file(GOOD_LINE))
    p = tmp_path / "nul.patch"
    p.write_text(format_patch("d/a.c", c_file(GOOD_LINE), c_file(GOOD_LINE, "\tchar c = '\0';\n"), "nul"))
    code, out, err = run(capsys, "--tree", str(tree), str(p))
    assert code == 2
    assert out == "nul.patch: +0 new, -0 fixed\n"
    assert err.splitlines()[0] == "nul.patch: error: d/a.c: binary file (NUL byte), not checked"
