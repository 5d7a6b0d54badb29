"""`cocolint check` with the everyday flags, read without building the argparse parser (start-up time).

Importing argparse and building every subcommand's parser costs ~25 ms of a one-file
check (pre-commit and editors start cocolint once per commit or save).  This reads
only argument lists whose meaning is beyond doubt: `check`, then known options written
out in full (`--quiet`, `--format json`, `--format=json`, `-j 2`, ...) with values that
do not start with '-', and one run of paths that do not start with '-'.  It returns the
namespace argparse would build (tests compare them), or None for anything else, which
then goes through argparse with its usual help, abbreviations and error messages.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from cocolint.report import FORMATS
from cocolint.ruleset.model import CONFIDENCES

FLAGS = {"--quiet": "quiet", "--no-config": "no_config", "--no-prefilter": "no_prefilter",
         "--exhaustive": "exhaustive"}
_str = str
# option -> (attribute, convert, allowed values or None, repeatable)
VALUES = {
    "--format": ("format", _str, FORMATS, False),
    "--min-confidence": ("min_confidence", _str, CONFIDENCES, False),
    "--diff": ("diff", _str, None, False),
    "--config": ("config", Path, None, False),
    "--output": ("output", Path, None, False),
    "-j": ("jobs", int, None, False),
    "--jobs": ("jobs", int, None, False),
    "--rules": ("rules", Path, None, True),
    "--select": ("select", _str, None, True),
    "--ignore": ("ignore", _str, None, True),
    "--ext": ("ext", _str, None, True),
}


def defaults() -> dict[str, object]:
    """What `cocolint check` with no arguments means (argparse's defaults for the check subcommand)."""
    return {"command": "check", "paths": [Path(".")], "rules": [], "select": [], "ignore": [], "config": None,
            "no_config": False, "format": "text", "output": None, "quiet": False, "jobs": 0, "ext": [],
            "no_prefilter": False, "exhaustive": False, "min_confidence": None, "diff": None, "diff_file": None,
            "baseline": None, "write_baseline": None}


def parse_check(argv: list[str]) -> SimpleNamespace | None:
    """The namespace for a plain `check` command line, or None when argparse must read it."""
    if not argv or argv[0] != "check":
        return None
    ns = defaults()
    paths: list[Path] = []
    ended = False  # the run of paths is over: another path would be an argparse error
    i = 1
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("-"):
            if ended:
                return None
            paths.append(Path(arg))
            i += 1
            continue
        if paths:
            ended = True
        name, eq, value = arg.partition("=")
        if name in FLAGS and not eq:
            ns[FLAGS[name]] = True
            i += 1
            continue
        if name not in VALUES or name == "-j" and eq:
            return None
        if not eq:
            if i + 1 >= len(argv):
                return None
            value = argv[i + 1]
            i += 1
        i += 1
        if not value or value.startswith("-"):
            return None
        attr, convert, allowed, repeat = VALUES[name]
        if allowed is not None and value not in allowed:
            return None
        if convert is int and not (value.isascii() and value.isdigit()):
            return None
        converted = convert(value)
        if repeat:
            ns[attr] = [*ns[attr], converted]  # type: ignore[list-item]
        else:
            ns[attr] = converted
    if paths:
        ns["paths"] = paths
    return SimpleNamespace(**ns)
