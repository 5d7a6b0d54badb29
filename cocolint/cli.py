"""The command line: a thin layer that parses arguments and hands work to the engine and reporters."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from cocolint import __version__
from cocolint.errors import CocolintError
from cocolint.ruleset import Rule, load_rules
from cocolint.ruleset.model import CONFIDENCES

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cocolint", description=__doc__)
    p.add_argument("--version", action="version", version=f"cocolint {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def with_rules(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--rules", action="append", type=Path, default=[], metavar="DIR",
                        help="an extra directory of rule files (repeatable)")
        sp.add_argument("--select", action="append", default=[], metavar="RULE",
                        help="run only these rules (repeatable, comma-separated)")
        sp.add_argument("--ignore", action="append", default=[], metavar="RULE",
                        help="do not run these rules (repeatable, comma-separated)")

    c = sub.add_parser("check", help="check C files or trees")
    c.add_argument("paths", nargs="*", type=Path, default=[Path(".")])
    with_rules(c)
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--quiet", action="store_true", help="no summary")
    c.add_argument("--min-confidence", choices=CONFIDENCES, default="medium",
                   help="report only rules at least this confident (default: medium; 'low' adds judgement calls)")
    only_new = c.add_mutually_exclusive_group()
    only_new.add_argument("--diff", metavar="REV",
                          help="report only findings on lines added or changed in the working tree since REV"
                               " (with no paths: check only the changed files)")
    only_new.add_argument("--diff-file", type=Path, metavar="PATCH",
                          help="report only findings on lines a unified diff adds (paths relative to the git top or cwd)")
    known = c.add_mutually_exclusive_group()
    known.add_argument("--baseline", type=Path, metavar="FILE",
                       help="do not report findings recorded in FILE; report its entries that are now fixed")
    known.add_argument("--write-baseline", type=Path, metavar="FILE",
                       help="record the current findings in FILE (by fingerprint, not line) and exit 0")

    r = sub.add_parser("rules", help="list the rules")
    with_rules(r)
    e = sub.add_parser("explain", help="print a rule's documentation")
    e.add_argument("rule")
    with_rules(e)
    t = sub.add_parser("test", help="test rules against their examples and annotated samples")
    with_rules(t)
    t.add_argument("--no-builtin", action="store_true", help="test only the --rules directories")
    pt = sub.add_parser("patch", help="report the findings each patch of a series introduces and removes")
    pt.add_argument("patches", nargs="+", type=Path, metavar="FILE",
                    help="git format-patch files or mbox files, applied in order")
    with_rules(pt)
    pt.add_argument("--tree", type=Path, metavar="DIR",
                    help="the tree the patches apply to (default: the git top or kernel tree around the cwd)")
    pt.add_argument("-p", dest="strip", type=int, default=1, metavar="NUM",
                    help="strip NUM leading components from paths in the patches (default 1, as git apply)")
    pt.add_argument("--format", choices=("text", "json"), default="text")
    pt.add_argument("--quiet", action="store_true", help="no summary")
    pt.add_argument("--min-confidence", choices=CONFIDENCES, default="medium",
                    help="report only rules at least this confident (default: medium)")
    return p


def _split(values: list[str]) -> list[str]:
    return [v for item in values for v in item.split(",") if v]


def _rules(args: argparse.Namespace, builtin: bool = True) -> list[Rule]:
    rules = load_rules(args.rules, builtin=builtin)
    known = {r.id for r in rules}
    for rid in _split(args.select) + _split(args.ignore):
        if rid not in known:
            raise CocolintError("cocolint", f"unknown rule {rid!r} (see `cocolint rules`)")
    if args.select:
        rules = [r for r in rules if r.id in set(_split(args.select))]
    rules = [r for r in rules if r.id not in set(_split(args.ignore))]
    floor = getattr(args, "min_confidence", "low")
    return [r for r in rules if CONFIDENCES.index(r.confidence) <= CONFIDENCES.index(floor)]


def cmd_check(args: argparse.Namespace) -> int:
    """Check paths; exit 1 on findings, 2 if a file could not be checked."""
    from cocolint.engine.run import Summary, check_paths
    from cocolint.report import make_reporter
    from cocolint.report.text import TextReporter
    import time

    rules = _rules(args)
    reporter = make_reporter(args.format, sys.stdout, sys.stderr, {r.id: r for r in rules})
    if args.quiet and isinstance(reporter, TextReporter):
        reporter.show_summary = False
    from cocolint.engine import only_new

    paths, steps, finish = only_new.setup(args, rules)
    results = check_paths(rules, paths)
    for step in steps:
        results = map(step, results)
    if args.write_baseline:
        return only_new.write_baseline(args.write_baseline, results)
    summary = Summary()
    start = time.monotonic()
    for result in results:
        summary.add(result)
        reporter.file(result)
    summary.seconds = time.monotonic() - start
    finish(summary)
    reporter.finish(summary)
    if summary.failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if summary.findings else EXIT_CLEAN


def cmd_rules(args: argparse.Namespace) -> int:
    """List rules."""
    from cocolint.ruleset.docs import one_line

    for r in _rules(args):
        print(one_line(r))
    return EXIT_CLEAN


def cmd_explain(args: argparse.Namespace) -> int:
    """Print one rule's documentation."""
    from cocolint.ruleset.docs import render

    rules = {r.id: r for r in load_rules(args.rules)}
    if args.rule not in rules:
        raise CocolintError("cocolint", f"unknown rule {args.rule!r} (see `cocolint rules`)")
    print(render(rules[args.rule]), end="")
    return EXIT_CLEAN


def cmd_test(args: argparse.Namespace) -> int:
    """Run every selected rule's examples and sample; exit 1 if any fails."""
    from cocolint.ruleset.selftest import check_rule

    rules = _rules(args, builtin=not args.no_builtin)
    failed = 0
    for rule in rules:
        problems = check_rule(rule)
        failed += bool(problems)
        for p in problems:
            print(p)
    print(f"{len(rules) - failed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def cmd_patch(args: argparse.Namespace) -> int:
    """Check a patch series; exit 1 if a patch adds findings, 3 if one does not apply, 2 on errors."""
    from cocolint.patches.command import run_patches

    return run_patches(_rules(args), args.patches, args.tree, args.strip, args.format, args.quiet)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    handler = {"check": cmd_check, "rules": cmd_rules, "explain": cmd_explain, "test": cmd_test,
               "patch": cmd_patch}[args.command]
    try:
        return handler(args)
    except CocolintError as exc:
        print(f"{exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_CLEAN
    except KeyboardInterrupt:
        print("cocolint: interrupted", file=sys.stderr)
        return 130
