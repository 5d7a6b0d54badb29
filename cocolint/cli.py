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

    r = sub.add_parser("rules", help="list the rules")
    with_rules(r)
    e = sub.add_parser("explain", help="print a rule's documentation")
    e.add_argument("rule")
    with_rules(e)
    h = sub.add_parser("parse-health", help="how well tree-sitter reads C files (ERROR/MISSING nodes, functions)")
    h.add_argument("paths", nargs="*", type=Path, default=[Path(".")])
    h.add_argument("--format", choices=("text", "json"), default="text")
    h.add_argument("--top", type=int, default=20, metavar="N", help="list the N worst files (default 20)")
    h.add_argument("--raw", action="store_true", help="measure tree-sitter on the files as written (no normalisation)")

    t = sub.add_parser("test", help="test rules against their examples and annotated samples")
    with_rules(t)
    t.add_argument("--no-builtin", action="store_true", help="test only the --rules directories")
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
    summary = Summary()
    start = time.monotonic()
    for result in check_paths(rules, args.paths):
        summary.add(result)
        reporter.file(result)
    summary.seconds = time.monotonic() - start
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


def cmd_parse_health(args: argparse.Namespace) -> int:
    """Measure parse health; exit 2 if a file could not be measured."""
    from cocolint.engine.findings import FileError
    from cocolint.kernelc.survey import Totals, measure_paths
    from cocolint.report.health import render_json, render_text

    totals = Totals()
    for item in measure_paths(args.paths, normalised=not args.raw):
        if isinstance(item, FileError):
            totals.failed += 1
            print(item, file=sys.stderr)
        else:
            totals.add(item)
    (render_json if args.format == "json" else render_text)(totals, sys.stdout, args.top)
    return EXIT_ERROR if totals.failed else EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    handler = {"check": cmd_check, "rules": cmd_rules, "explain": cmd_explain, "test": cmd_test,
               "parse-health": cmd_parse_health}[args.command]
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
