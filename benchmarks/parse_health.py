"""Parse health of whole kernel trees, raw and normalised, measured in the same run (issue 4's figures).

    python benchmarks/parse_health.py [TREE...] [--stride N] [--json OUT] [--doc OUT.md] [--findings]

For every .c/.h file the raw source and the normalised views are parsed one after the
other, so the normalisation cost is a ratio against parse time measured on the same
files in the same run.  Files are prepared the way the engine prepares them: a batch of
files (engine/run.py batches) is normalised before any of them is parsed.  With --findings,
the built-in rules run over the tree with and without normalisation and the difference in
findings is listed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Iterator

from cocolint.engine.files import discover
from cocolint.engine.matcher import held
from cocolint.engine.run import batches
from cocolint.kernelc import candidates
from cocolint.kernelc.health import CLOCK, FileHealth, measure_file, measure_prepared, prepare_timed
from cocolint.kernelc.prepare import scan_ahead
from cocolint.kernelc.survey import MAX_BYTES, Totals

sys.path.insert(0, str(Path(__file__).resolve().parent))
from file_kinds import EXPLAINED, is_open, not_c  # noqa: E402

TREES = Path.home() / ".cache" / "cocolint" / "trees"
DEFAULT_TREES = [TREES / "linux-source-6.1", TREES / "linux-source-6.12"]


def _rule_literals() -> list[list[frozenset[str]] | None]:
    from cocolint.ruleset import load_rules

    return [r.literal_sets() for r in load_rules([])]


def _wanted(sets: list[list[frozenset[str]] | None], text: bytes) -> bool:
    """Whether some shipped rule's literals all occur in text (the matcher's test for other views)."""
    return any(s is None or any(all(lit.encode() in text for lit in group) for group in s) for s in sets)


def _sources(files: list[Path]) -> Iterator[tuple[Path, bytes]]:
    """The readable text files among files, with their bytes."""
    for path in files:
        try:
            source = path.read_bytes()
        except OSError:
            continue
        if b"\0" not in source and len(source) <= MAX_BYTES:
            yield path, source


def _shown(h: FileHealth, shown: str) -> FileHealth:
    h.path = shown
    return h


def measure_tree(tree: Path, stride: int) -> dict[str, object]:
    """Raw and normalised totals of one tree, with the worst files of the normalised run.

    Besides what parse health itself does (normalise, all #if views parsed), the matcher's other
    steps are timed on the same files: comment blanking on every file it parses, and for files
    where a shipped rule's literals occur (the only ones whose other views and macro bodies the
    matcher parses), finding the macro bodies and parsing them.
    """
    from cocolint import ts
    from cocolint.engine.comments import blank_comments
    from cocolint.kernelc import macro_bodies
    from cocolint.kernelc.conditionals import analyse

    raw, norm = Totals(), Totals()
    sets = _rule_literals()
    extra = {"comments_seconds": 0.0, "rule_files": 0, "rule_extra_views": 0, "rule_extra_parse_seconds": 0.0,
             "bodies_seconds": 0.0, "bodies_parses": 0, "bodies_parse_seconds": 0.0}
    not_c_files: list[dict[str, object]] = []
    files = [d.path for d in discover([tree]) if d.error is None][::stride]
    if files:  # built once per tree (macro list, name automaton): not a cost of any one file
        from cocolint.kernelc.normalise import normalise

        normalise(b"", files[0])
    done = 0
    for batch in batches(_sources(files), lambda f: held(f[1])):
        # as the engine runs (engine/run.py in_batches): a batch of files is prepared (comments
        # blanked, the normaliser's trigger scans run one after the other, kernel C normalised) before
        # any of them is parsed; a file's scan counts toward its normalisation time
        ahead = []
        for path, source in batch:
            t0 = CLOCK()
            blank_comments(source)
            extra["comments_seconds"] += CLOCK() - t0
        for path, source in batch:
            t0 = CLOCK()
            scan_ahead(source, path)
            ahead.append(CLOCK() - t0)
        prepared = []
        for (path, source), scanned in zip(batch, ahead):
            p, seconds = prepare_timed(path, source)
            prepared.append((p, seconds + scanned))
        for (path, source), (p, seconds) in zip(batch, prepared):
            shown = path.relative_to(tree).as_posix()
            raw.add(_shown(measure_file(path, source, False), shown))
            h = _shown(measure_prepared(path, source, p, seconds), shown)
            norm.add(h)
            if h.not_c:
                not_c_files.append({"path": shown, "why": h.not_c, "error_bytes": h.error_bytes,
                                    "total_bytes": h.total_bytes})
            if _wanted(sets, source):
                extra["rule_files"] += 1
                extra["rule_extra_views"] += h.extra_views
                extra["rule_extra_parse_seconds"] += h.extra_parse_seconds
                t0 = CLOCK()
                bodies = macro_bodies.find(source, analyse(source).dead)
                t1 = CLOCK()
                extra["bodies_seconds"] += t1 - t0
                if bodies.spans:
                    ts.parse(bodies.copy)
                    extra["bodies_parses"] += 1
                    extra["bodies_parse_seconds"] += CLOCK() - t1
        if done // 5000 != (done + len(batch)) // 5000:
            print(f"  {tree.name}: {done + len(batch)}/{len(files)} files", file=sys.stderr)
        done += len(batch)
    primary_parse = norm.parse_seconds - norm.extra_parse_seconds  # the normalised text, each file once
    over = [h for h in norm.worst if h.error_ratio > 0.10]
    sources = {h.path: (tree / h.path).read_bytes() for h in over}
    return {
        "tree": tree.name, "stride": stride,
        "raw": raw.to_dict(), "normalised": norm.to_dict(),
        # cost: normalising (macros, #if views) against parsing the same files as written
        "normalise_cost_ratio": round(norm.normalise_seconds / raw.parse_seconds, 4) if raw.parse_seconds else None,
        # what normalising adds to reading every file once: normalise + parse the primary view,
        # against parsing the files as written (tree-sitter recovers from fewer errors in the normalised text)
        "primary_net_cost_ratio": _ratio(norm.normalise_seconds + primary_parse - raw.parse_seconds, raw.parse_seconds),
        "primary_parse_ratio": _ratio(primary_parse, raw.parse_seconds),
        # net: normalise + parse every view, against parsing the files as written
        "net_cost_ratio": round((norm.normalise_seconds + norm.parse_seconds) / raw.parse_seconds - 1, 4)
        if raw.parse_seconds else None,
        # the whole price of reading kernel C, against parsing the files as written: comment blanking
        # and normalising every file, and the other views and macro bodies of the files a shipped rule
        # could match (every view's parse is counted in net_cost_ratio; the matcher parses only these)
        "comments_cost_ratio": _ratio(extra["comments_seconds"], raw.parse_seconds),
        "extra_views": norm.extra_views,
        "extra_parse_cost_ratio": _ratio(norm.extra_parse_seconds, raw.parse_seconds),
        "matcher_cost_ratio": _ratio(extra["comments_seconds"] + norm.normalise_seconds + extra["bodies_seconds"]
                                     + extra["rule_extra_parse_seconds"] + extra["bodies_parse_seconds"],
                                     raw.parse_seconds),
        "matcher": {k: round(v, 3) if isinstance(v, float) else v for k, v in extra.items()},
        "accelerated": candidates.accelerated(),
        "not_c": sorted(not_c_files, key=lambda f: f["path"]),
        "files_over_10pct": [{"path": h.path, "error_ratio": round(h.error_ratio, 4), "error_bytes": h.error_bytes,
                              "total_bytes": h.total_bytes, "not_c": not_c(h.path, sources[h.path])}
                             for h in sorted(over, key=lambda h: (-h.error_ratio, h.path))],
    }


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def compare_findings(tree: Path) -> dict[str, object]:
    """Findings of the built-in rules with and without normalisation, and how they differ."""
    from cocolint.engine.matcher import Matcher
    from cocolint.engine.paths import scope_path
    from cocolint.ruleset import load_rules

    rules = load_rules([])
    runs = {}
    for normalise in (False, True):
        matcher = Matcher(rules, normalise=normalise)
        found = set()
        start = time.monotonic()
        for d in discover([tree]):
            if d.error is not None:
                continue
            try:
                source = d.path.read_bytes()
            except OSError:
                continue
            if b"\0" in source:
                continue
            for f in matcher.match(scope_path(d.path), source, file=d.path).findings:
                found.add((f.tree_path, f.line, f.column, f.rule, f.function))
        runs[normalise] = (found, time.monotonic() - start)
    before, after = runs[False][0], runs[True][0]
    return {
        "tree": tree.name, "without": len(before), "with": len(after),
        "lost": sorted(before - after), "gained": sorted(after - before),
    }


def _pct(x: float) -> str:
    return f"{100 * x:.3f}%"


def markdown(report: list[dict]) -> str:
    """The figures and the list of files over 10% ERROR bytes, each with why (docs/parse-health.md)."""
    out = ["# Parse health of the Debian kernel trees", "",
           "Generated by `benchmarks/parse_health.py --doc` (do not edit by hand).  Targets (issue 4): files with",
           "ERROR/MISSING < 5%, bytes in ERROR < 0.1%, normalisation cost < 10% of parse time, no file over 10%",
           "ERROR bytes except the ones listed here, each with why a same-length normaliser should not read it",
           "as C (benchmarks/file_kinds.py; the category comes first: C++, not C, x-macro list, fragment, after",
           "expansion only, grammar limit, clean as checked).  A file with no reason, or one marked open, is open:",
           "the target is met when none is.", "",
           "How files that are not C count: cocolint recognises assembler headers and linker scripts named",
           "`.h`/`.c` (cocolint/kernelc/filekind.py: gas directives or linker commands at the start of lines once",
           "the `#ifdef __ASSEMBLY__` arms are set aside, and next to no C).  Both columns of each table are over",
           "the C files only; the files that are not C are measured too and given apart (count, bytes, ERROR",
           "bytes), with the ERROR share over all files beside it.  `cocolint check` skips them and counts them",
           "(`skipped_not_c` in the JSON summary).", ""]
    for e in report:
        raw, norm = e["raw"], e["normalised"]
        out += [f"## {e['tree']} (every {e['stride']} file{'s' if e['stride'] > 1 else ''}: "
                f"{norm['files']} C files, {norm.get('not_c_files', 0)} not C)", "",
                "| C files | raw | normalised |", "|---|---|---|",
                f"| files with ERROR/MISSING | {_pct(raw['files_with_errors_ratio'])} "
                f"| {_pct(norm['files_with_errors_ratio'])} |",
                f"| bytes in ERROR nodes | {_pct(raw['error_bytes_ratio'])} | {_pct(norm['error_bytes_ratio'])} |",
                f"| function definitions recovered | {raw['function_definitions_recovered']} "
                f"| {norm['function_definitions_recovered']} |",
                f"| kernel-layout bodies with no function | {raw['functions_not_recovered']} "
                f"| {norm['functions_not_recovered']} |", ""]
        if "not_c_files" in norm:
            out += [f"Not C, counted apart: {norm['not_c_files']} files, {norm['not_c_bytes']} bytes, "
                    f"{norm['not_c_error_bytes']} of them in ERROR nodes.  Bytes in ERROR nodes over all files, "
                    f"C and not C: {_pct(raw['error_bytes_ratio_all_files'])} raw, "
                    f"{_pct(norm['error_bytes_ratio_all_files'])} normalised.", ""]
        out += [f"Normalisation cost: {e['normalise_cost_ratio']} of raw parse time "
                f"(native name search: {'yes' if e.get('accelerated') else 'no'}); "
                f"net cost with the extra #if views parsed: {e['net_cost_ratio']}.", ""]
        if "primary_net_cost_ratio" in e:
            out[-1:-1] = [f"The normalised primary view parses in {e['primary_parse_ratio']} of the raw parse time "
                          f"(fewer errors to recover from), so normalising and parsing each file once costs "
                          f"{e['primary_net_cost_ratio']:+} of raw parse time over parsing it as written.", ""]
        if "matcher_cost_ratio" in e:
            m = e["matcher"]
            out[-1:-1] = [f"Comment blanking: {e['comments_cost_ratio']} of raw parse time.  Other #if views: "
                          f"{e['extra_views']} parsed for parse health ({e['extra_parse_cost_ratio']} of raw parse "
                          f"time); the matcher parses them only in files where a rule's literals occur "
                          f"({m['rule_files']} files with the shipped rules: {m['rule_extra_views']} views, "
                          f"{m['bodies_parses']} macro-body copies).  What a check pays for reading kernel C "
                          f"(comments, normalisation, those views and macro bodies): {e['matcher_cost_ratio']} "
                          f"of raw parse time.", ""]
        over = [dict(f, not_c=EXPLAINED.get(f["path"]) or f.get("not_c")) for f in e["files_over_10pct"]]
        still_open = [f for f in over if is_open(f.get("not_c"))]
        kinds: dict[str, int] = {}
        for f in over:
            if not is_open(f.get("not_c")):
                kind = f["not_c"].split(":", 1)[0]
                kinds[kind] = kinds.get(kind, 0) + 1
        out += [f"### C files over 10% ERROR bytes: {len(over)} ({len(over) - len(still_open)} explained, "
                f"{len(still_open)} open)", ""]
        if kinds:
            out += ["Explained, by category: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(),
                                                                                         key=lambda kv: -kv[1]))
                    + ".", ""]
        out += ["| file | ERROR bytes | why |", "|---|---|---|"]
        for f in over:
            out.append(f"| {f['path']} | {100 * f['error_ratio']:.1f}% | {f.get('not_c') or 'open: not yet read'} |")
        out.append("")
        if e.get("not_c"):
            out += [f"### Files recognised as not C: {len(e['not_c'])}", "", "| file | ERROR bytes | what |",
                    "|---|---|---|"]
            for f in e["not_c"]:
                share = f["error_bytes"] / f["total_bytes"] if f["total_bytes"] else 0.0
                out.append(f"| {f['path']} | {100 * share:.1f}% | {f['why']} |")
            out.append("")
    return "\n".join(out)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("trees", nargs="*", type=Path)
    p.add_argument("--stride", type=int, default=1, help="measure every Nth file (1: all)")
    p.add_argument("--json", type=Path, help="also write the figures here")
    p.add_argument("--doc", type=Path, help="also write the figures and the files over 10%% as Markdown")
    p.add_argument("--from-json", type=Path, help="only write --doc from figures a previous run saved with --json")
    p.add_argument("--findings", action="store_true", help="compare findings with and without normalisation")
    args = p.parse_args()
    if args.from_json:
        if args.doc:
            args.doc.write_text(markdown(json.loads(args.from_json.read_text())))
        return 0
    trees = args.trees or [t for t in DEFAULT_TREES if t.is_dir()]
    if not trees:
        print("no kernel tree given and none cached under ~/.cache/cocolint/trees", file=sys.stderr)
        return 2
    report = []
    for tree in trees:
        if not tree.is_dir():
            print(f"{tree}: not a directory", file=sys.stderr)
            return 2
        entry = measure_tree(tree, args.stride)
        if args.findings:
            entry["findings"] = compare_findings(tree)
        report.append(entry)
        print(json.dumps(entry, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    if args.doc:
        args.doc.write_text(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
