"""A real git repository in a temporary directory, for tests of --diff, baselines and patches."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from cocolint.cli import main

RULE = "vtom-boundary-applied-by-hand"

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
}

# kernel-style C written for these tests
BAD_LINE = "\treturn virt_to_phys(buf) | ms_hyperv.shared_gpa_boundary;\n"
GOOD_LINE = "\treturn cc_mkdec(virt_to_phys(buf));\n"


def c_file(*bodies: str) -> str:
    """A C file with one small function per body line (named ring_gpa0, ring_gpa1, ...)."""
    out = ["// SPDX-License-Identifier: GPL-2.0\n#include <linux/mm.h>\n"]
    for i, body in enumerate(bodies):
        out.append(f"\nstatic u64 ring_gpa{i}(void *buf)\n{{\n{body}}}\n")
    return "".join(out)


class Repo:
    """git in a directory, with the environment pinned so user config cannot change the output."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, cwd: Path | None = None) -> str:
        env = {**os.environ, **GIT_ENV}
        return subprocess.run(["git", *args], cwd=cwd or self.root, env=env, check=True,
                              capture_output=True, text=True).stdout

    def write(self, path: str, text: str) -> Path:
        p = self.root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
        return p

    def commit(self, message: str = "change") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


def run_check(capsys, *argv: str) -> tuple[int, list[tuple[str, int]], str]:
    """`cocolint check --select RULE ...`: exit status, (path, line) of each finding, and stderr."""
    code = main(["check", "--select", RULE, *argv])
    cap = capsys.readouterr()
    found = [(m[1], int(m[2])) for m in re.finditer(r"^(.+?):(\d+):\d+: error: .*\[" + RULE + r"\]$", cap.out, re.M)]
    return code, found, cap.err
