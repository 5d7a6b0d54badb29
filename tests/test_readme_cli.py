"""The README's table of `cocolint check` options names every option the parser has."""

from __future__ import annotations

import re
from pathlib import Path

from cocolint.cli import _parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_check_option_is_in_the_readme_table():
    section = README[README.index("## Using it"):README.index("## Writing a rule")]
    documented = set(re.findall(r"`(-[-a-z]+|-j)\b", section))
    check = next(a for a in _parser()._subparsers._group_actions[0].choices.items() if a[0] == "check")[1]
    options = {s for action in check._actions for s in action.option_strings if s not in ("-h", "--help", "--jobs")}
    assert options - documented == set()
