"""The README's "Only new findings" and "Kernel workflow" commands use only flags that exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from cocolint.cli import _parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def commands() -> list[str]:
    out = []
    for title in ("Only new findings", "Kernel workflow", "pre-commit"):
        section = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
        assert section, f"README has no '## {title}' section"
        out += [m[1] for m in re.finditer(r"(?:^    |&& |`)(cocolint (?:check|patch)\b[^`\n#]*)", section[1], re.M)]
    return out


def test_sections_have_commands():
    assert len(commands()) >= 6


@pytest.mark.parametrize("command", commands())
def test_command_parses(command):
    args = _parser().parse_args(shlex.split(command)[1:])
    assert args.command in ("check", "patch")
