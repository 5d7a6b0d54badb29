"""The fast reading of plain `check` command lines gives exactly argparse's namespace, or steps aside."""

from __future__ import annotations

import contextlib
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from cocolint.cli import _parser
from cocolint.fastargs import VALUES, defaults, parse_check

TOKENS = ["--quiet", "--format", "json", "text", "sarif", "xml", "--format=json", "--format=", "-j", "2", "0", "+2",
          "-1", "a.c", "b.c", "dir/x.h", "", "a=b.c", "--diff", "HEAD", "HEAD~1", "--rules", "rules", "--select",
          "x,y", "--ignore", "z", "--ext", ".c", "--min-confidence", "low", "medium", "--", "-", "--qui", "-h",
          "--help", "--jobs=3", "-j=2", "-j2", "--config", "c.toml", "--output", "o.txt", "--no-config",
          "--exhaustive", "--no-prefilter", "--diff-file", "p.diff", "--baseline", "b.json", "--write-baseline",
          "--quiet=1", "check", "rules", "--version", "-x y"]


def _argparse(argv: list[str]) -> dict[str, object] | None:
    """argparse's namespace for argv, or None if it rejects it (its message is swallowed)."""
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            return vars(_parser().parse_args(argv))
    except SystemExit:
        return None


def test_the_defaults_are_argparses() -> None:
    assert defaults() == _argparse(["check"])
    assert vars(parse_check(["check"])) == _argparse(["check"])  # type: ignore[arg-type]


def test_every_fast_option_exists_with_the_same_destination() -> None:
    check = next(a for a in _parser()._subparsers._group_actions[0].choices.items() if a[0] == "check")[1]
    dests = {s: a.dest for a in check._actions for s in a.option_strings}
    for option, (attr, *_rest) in VALUES.items():
        assert dests[option] == attr


def test_common_command_lines() -> None:
    for argv in (["check", "a.c"], ["check", "--quiet", "--format", "json", "a.c", "b.c"],
                 ["check", "--diff", "HEAD", "a.c", "b.c"], ["check", "a.c", "b.c", "--quiet"],
                 ["check", "-j", "1", "--format=sarif", "--rules", "r1", "--rules", "r2", "--select", "a,b", "x"],
                 ["check", "--min-confidence", "low", "--ext", ".c", "--ext", "h", "--no-config", "."]):
        fast = parse_check(argv)
        assert fast is not None, argv
        assert vars(fast) == _argparse(argv), argv
    for argv in (["check", "a.c", "--quiet", "b.c"], ["check", "--qui", "a.c"], ["check", "-h"], ["rules"],
                 ["check", "--format", "xml", "a.c"], ["check", "--baseline", "b.json", "a.c"], ["check", "-"]):
        assert parse_check(argv) is None, argv  # argparse's own reading (and error messages) apply


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=7))
def test_never_differs_from_argparse(tail: list[str]) -> None:
    argv = ["check", *tail]
    fast = parse_check(argv)
    if fast is not None:
        assert vars(fast) == _argparse(argv), argv
