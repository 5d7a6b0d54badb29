"""The real pre-commit package runs this checkout's hook: the README's snippet, then `try-repo`.

pre-commit builds the hook's environment with pip (cocolint and tree-sitter from PyPI, the hook
repository from a local path): these tests need PyPI, not GitHub.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from gitrepo import BAD_LINE, GIT_ENV, GOOD_LINE, Repo, c_file

PROJECT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.network, pytest.mark.slow]


def readme_snippet() -> str:
    """The YAML block of the README's "pre-commit" section."""
    text = (PROJECT / "README.md").read_text()
    section = re.search(r"^## pre-commit\n(.*?)(?=^## )", text, re.M | re.S)
    assert section, "README.md has no '## pre-commit' section"
    block = re.search(r"```yaml\n(.*?)```", section[1], re.S)
    assert block, "the README's pre-commit section has no ```yaml block"
    return block[1]


def hook_repo(dest: Path) -> tuple[Path, str]:
    """This checkout as it is now (tracked and new files), committed in a repository of its own."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=PROJECT, capture_output=True, check=True).stdout.decode().split("\0")
    r = Repo(dest)
    for name in filter(None, listed):
        if (PROJECT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(PROJECT / name, dest / name)
    return dest, r.commit("snapshot")


def env(home: Path) -> dict[str, str]:
    return {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}


def commit(project: Repo, home: Path, message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "commit", "-m", message], cwd=project.root, env=env(home),
                          capture_output=True, text=True)


def test_readme_snippet_is_four_lines_and_names_the_hook():
    snippet = readme_snippet()
    config = yaml.safe_load(snippet)
    assert [h["id"] for h in config["repos"][0]["hooks"]] == ["cocolint"]
    assert len(snippet.strip().splitlines()[1:]) == 4  # what a user adds under an existing `repos:`
    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"cocolint", "cocolint-all"}
    assert all(h["language"] == "python" and h["types"] == ["c"] for h in hooks)


def test_readme_config_blocks_a_bad_commit_and_lets_a_good_one_through(tmp_path):
    repo_dir, rev = hook_repo(tmp_path / "hookrepo")
    config = yaml.safe_load(readme_snippet())
    config["repos"][0].update(repo=str(repo_dir), rev=rev)  # the snippet, pointed at this checkout

    project = Repo(tmp_path / "linux")
    project.write("drivers/hv/ring.c", c_file(BAD_LINE, GOOD_LINE))  # an old finding, already committed
    project.write(".pre-commit-config.yaml", yaml.safe_dump(config))
    project.commit("initial")
    home = tmp_path / "pre-commit-home"
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project.root, env=env(home),
                   check=True, capture_output=True)
    head = project.git("rev-parse", "HEAD")

    project.write("drivers/hv/ring.c", c_file(BAD_LINE, BAD_LINE))  # a regression on line 11
    project.git("add", "drivers/hv/ring.c")
    bad = commit(project, home, "Drivers: hv: map above vTOM")
    assert bad.returncode != 0, bad.stdout + bad.stderr
    out = bad.stdout + bad.stderr
    assert "cocolint (new findings in the change)" in out and "Failed" in out
    assert "drivers/hv/ring.c:11:9: error: vTOM bit " in out
    assert "drivers/hv/ring.c:6:" not in out  # the old finding does not block the commit
    assert project.git("rev-parse", "HEAD") == head

    # a good staged change passes, although the (stashed) unstaged change is bad
    project.write("drivers/hv/ring.c", c_file(BAD_LINE, GOOD_LINE + GOOD_LINE))
    project.git("add", "drivers/hv/ring.c")
    project.write("drivers/hv/ring.c", c_file(BAD_LINE, GOOD_LINE + BAD_LINE))
    good = commit(project, home, "Drivers: hv: use cc_mkdec()")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"cocolint \(new findings in the change\)\.+Passed", good.stdout + good.stderr)
    assert project.git("rev-parse", "HEAD") != head
    assert (project.root / "drivers/hv/ring.c").read_text() == c_file(BAD_LINE, GOOD_LINE + BAD_LINE)


def test_try_repo_against_this_checkout(tmp_path):
    project = Repo(tmp_path / "linux")
    project.write("drivers/hv/ring.c", c_file(GOOD_LINE))
    project.commit("initial")
    project.write("drivers/hv/ring.c", c_file(GOOD_LINE, BAD_LINE))
    project.git("add", "-A")
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(PROJECT), "cocolint"]
    home = tmp_path / "pre-commit-home"
    bad = subprocess.run(cmd, cwd=project.root, env=env(home), capture_output=True, text=True)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "drivers/hv/ring.c:11:9: error: vTOM bit " in bad.stdout
    project.write("drivers/hv/ring.c", c_file(GOOD_LINE, GOOD_LINE))
    project.git("add", "-A")
    good = subprocess.run(cmd, cwd=project.root, env=env(home), capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
