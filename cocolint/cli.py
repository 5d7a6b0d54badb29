"""The command line: a thin layer that parses arguments and hands work to the engine and reporters."""

from __future__ import annotations

import sys
from pathlib import Path

from cocolint import __version__
from cocolint.errors import CocolintError
from cocolint.report import FORMATS
from cocolint.ruleset.model import CONFIDENCES

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Sequence, TextIO

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    import argparse  # not for a plain `check` (cocolint/fastargs.py): start-up time

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

    def with_config(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--config", type=Path, metavar="FILE",
                        help="use this config file (default: the nearest .cocolint.toml or pyproject.toml "
                             "with [tool.cocolint] above the checked paths)")
        sp.add_argument("--no-config", action="store_true", help="ignore config files")

    c = sub.add_parser("check", help="check C files or trees")
    c.add_argument("paths", nargs="*", type=Path, default=[Path(".")])
    with_rules(c)
    with_config(c)
    c.add_argument("--format", choices=FORMATS, default="text",
                   help="text (default), json, sarif (code scanning), github (workflow annotations), "
                        "gitlab (Code Quality report)")
    c.add_argument("--output", type=Path, metavar="FILE",
                   help="write the report to FILE instead of stdout (the exit status still reflects findings)")
    c.add_argument("--quiet", action="store_true", help="no summary and no progress bar")
    c.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="check files in N processes (default: all cores; 1: in this process)")
    c.add_argument("--ext", action="append", default=[], metavar="EXT",
                   help="file name endings to check in directories (repeatable, comma-separated; default: .c,.h)")
    c.add_argument("--no-prefilter", action="store_true",
                   help="parse every file, even those holding none of the rules' names (slow; for checking the pre-filter)")
    c.add_argument("--exhaustive", action="store_true",
                   help="with --no-prefilter, also run every rule's query over every node, not only where its "
                        "names occur (slowest; the reference the fast paths are checked against)")
    c.add_argument("--min-confidence", choices=CONFIDENCES, default=None,
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
    with_config(r)
    e = sub.add_parser("explain", help="print a rule's documentation")
    e.add_argument("rule")
    with_rules(e)
    with_config(e)
    h = sub.add_parser("parse-health", help="how well tree-sitter reads C files (ERROR/MISSING nodes, functions)")
    h.add_argument("paths", nargs="*", type=Path, default=[Path(".")])
    h.add_argument("--format", choices=("text", "json"), default="text")
    h.add_argument("--top", type=int, default=20, metavar="N", help="list the N worst files (default 20)")
    h.add_argument("--raw", action="store_true", help="measure tree-sitter on the files as written (no normalisation)")

    t = sub.add_parser("test", help="test rules against their examples and annotated samples")
    with_rules(t)
    t.add_argument("--no-builtin", action="store_true",
                   help="do not load the shipped rules at all (with --rules, only those are tested anyway)")
    pt = sub.add_parser("patch", help="report the findings each patch of a series introduces and removes")
    pt.add_argument("patches", nargs="+", type=Path, metavar="FILE",
                    help="git format-patch files or mbox files, applied in order")
    with_rules(pt)
    with_config(pt)
    pt.add_argument("--tree", type=Path, metavar="DIR",
                    help="the tree the patches apply to (default: the git top or kernel tree around the cwd)")
    pt.add_argument("-p", dest="strip", type=int, default=1, metavar="NUM",
                    help="strip NUM leading components from paths in the patches (default 1, as git apply)")
    pt.add_argument("--format", choices=("text", "json"), default="text")
    pt.add_argument("--quiet", action="store_true", help="no summary")
    pt.add_argument("--min-confidence", choices=CONFIDENCES, default=None,
                    help="report only rules at least this confident (default: medium; 'low' adds judgement calls)")
    return p


def cmd_check(args: argparse.Namespace) -> int:
    """Check paths; exit 1 on findings (unused suppressions included), 2 if something could not be checked."""
    from cocolint.engine.pipeline import check
    from cocolint.report import make_reporter
    from cocolint.settings import resolve

    from cocolint.engine import only_new
    from cocolint.engine.pipeline import results

    settings = resolve(args)
    if args.baseline is None and args.write_baseline is None and settings.config.baseline is not None:
        args.baseline = settings.config.baseline
    paths, steps, finish = only_new.setup(args, settings.rules)
    options = _run_options(args)
    if args.write_baseline:
        return only_new.write_baseline(args.write_baseline, results(settings, paths, steps, options))
    out = _open_output(args.output) if args.output else sys.stdout
    try:
        reporter = make_reporter(args.format, out, sys.stderr, settings.metadata())
        if args.quiet:
            reporter.show_summary = False  # type: ignore[attr-defined]
        summary = check(settings, paths, reporter, extra=steps, finish=finish, options=options)
    finally:
        if out is not sys.stdout:
            out.close()
    if args.output and args.format in ("json", "sarif", "gitlab") and not args.quiet:
        from cocolint.report.text import summary_lines  # (the text format imports it anyway)

        print("\n".join([*summary_lines(summary), f"cocolint: report written to {args.output}"]), file=sys.stderr)
    if summary.failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if summary.findings else EXIT_CLEAN


def _run_options(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """How files are run: processes, pre-filter, file endings, progress bar."""
    from cocolint.engine.files import DEFAULT_SUFFIXES
    from cocolint.engine.parallel import RunOptions

    exts = [v for item in args.ext for v in item.split(",") if v]
    if any(not e.strip(".") for e in exts):
        raise CocolintError("cocolint", "--ext needs a file name ending such as .c or .h")
    suffixes = tuple("." + e.lstrip(".") for e in exts) if exts else DEFAULT_SUFFIXES
    return RunOptions(jobs=args.jobs, prefilter=not (args.no_prefilter or args.exhaustive), suffixes=suffixes,
                      progress=not args.quiet, exhaustive=args.exhaustive)


def _open_output(path: Path) -> TextIO:
    try:
        return open(path, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise CocolintError(str(path), f"cannot write the report: {exc.strerror or exc}") from None


def cmd_rules(args: argparse.Namespace) -> int:
    """List the rules (the config's and --rules directories included; select/ignore applied)."""
    from cocolint.ruleset.docs import one_line
    from cocolint.settings import resolve

    args.min_confidence = "low"  # list every selected rule, low-confidence ones included (as before)
    for r in resolve(args).rules:
        print(one_line(r))
    return EXIT_CLEAN


def cmd_explain(args: argparse.Namespace) -> int:
    """Print one rule's documentation (suppression diagnostics included)."""
    from cocolint.engine.suppress import PSEUDO_RULES
    from cocolint.ruleset.docs import render
    from cocolint.settings import resolve

    rules = {**PSEUDO_RULES, **{r.id: r for r in resolve(args).all_rules}}
    if args.rule not in rules:
        raise CocolintError("cocolint", f"unknown rule {args.rule!r} (see `cocolint rules`)")
    print(render(rules[args.rule]), end="")
    return EXIT_CLEAN


def cmd_test(args: argparse.Namespace) -> int:
    """Run every selected rule's examples and sample; exit 1 if any fails."""
    from cocolint.ruleset.selftest import check_rule

    from cocolint.settings import resolve

    args.min_confidence = "low"  # every rule is tested, whatever it would report by default
    rules = resolve(args, builtin=not args.no_builtin).rules
    if args.rules:  # a user testing their own rules: the shipped ones are loaded (ids must not clash), not tested
        dirs = [d.resolve() for d in args.rules]
        rules = [r for r in rules if any(Path(r.file).resolve().is_relative_to(d) for d in dirs)]
    failed = 0
    for rule in rules:
        problems = check_rule(rule)
        failed += bool(problems)
        for p in problems:
            print(p)
    print(f"{len(rules) - failed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def _tolerant_streams() -> None:
    """File names and source lines may hold bytes that are not UTF-8: print them, never crash on them."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            utf8 = (stream.encoding or "").lower().replace("-", "") == "utf8"
            stream.reconfigure(errors="surrogateescape" if utf8 else "backslashreplace")


def cmd_patch(args: argparse.Namespace) -> int:
    """Check a patch series; exit 1 if a patch adds findings, 3 if one does not apply, 2 on errors."""
    from cocolint.patches.command import run_patches
    from cocolint.settings import resolve

    return run_patches(resolve(args).rules, args.patches, args.tree, args.strip, args.format, args.quiet)


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
    _tolerant_streams()
    from cocolint.fastargs import parse_check

    args = parse_check(list(sys.argv[1:] if argv is None else argv))
    if args is None:
        args = _parser().parse_args(argv)
    handler = {"check": cmd_check, "rules": cmd_rules, "explain": cmd_explain, "test": cmd_test,
               "patch": cmd_patch, "parse-health": cmd_parse_health}[args.command]
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


def run() -> None:
    """The `cocolint` command: main(), then exit at once with its status.

    Everything cocolint writes is flushed or closed by then (reports, caches, worker
    processes), so the interpreter's teardown (collecting every object, unloading every
    module: ~4 % of a one-file check) is skipped with os._exit.  An exception main() does
    not handle still ends the usual way, with its traceback.
    """
    import os

    status = main()
    recache = sys.modules.get("cocolint.recache")
    if recache is not None:
        recache.save()  # regexes compiled for the first time in this run (atexit would not run)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away: as main() treats it, not an error
            pass
        except (OSError, ValueError):
            pass
    os._exit(status)
