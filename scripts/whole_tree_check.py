#!/usr/bin/env python3
"""Run `cocolint check` over every .c/.h file of a full Debian kernel tree and report what happened.

    python scripts/whole_tree_check.py 6.1 [--every-file] [--json FILE] [-- CHECK-OPTIONS...]

Reports files, parse damage, findings per rule and per top-level directory, every `error:` line
and traceback on stderr, the exit status, wall time and the child's peak RSS. --every-file adds a
second pass with a probe rule that has no literals, so the pre-filter passes every file: each one
is parsed and matched (whole-tree parse health, and a crash test of the engine on all of them).
Heavy: run it with `nice`, one at a time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kernel_source  # noqa: E402

PROBE_ID = "whole-tree-probe"
PROBE_RULE = f'''id = "{PROBE_ID}"
severity = "info"
confidence = "high"
summary = "Matches nothing real; it has no literals, so every file is parsed and matched."
message = "probe"
rationale = "whole_tree_check.py --every-file"
use-instead = "nothing"
queries = ['((identifier) @match (#eq? @match "cocolint_whole_tree_probe_never_written"))']

[[examples]]
bad = "int cocolint_whole_tree_probe_never_written;"
'''


def run_check(root: Path, options: Sequence[str], extra_rules: Path | None = None) -> dict:
    """One `cocolint check --format json .` in root; the parsed output plus stderr, status and costs."""
    cmd = [sys.executable, "-m", "cocolint", "check", "--format", "json", *options]
    if extra_rules is not None:
        cmd += ["--rules", str(extra_rules)]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.monotonic()
    proc = subprocess.run([*cmd, "."], cwd=root, capture_output=True, text=True, errors="replace")
    wall = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError:
        doc = {"findings": [], "errors": [], "summary": {}}
    doc["findings"] = [f for f in doc.get("findings", []) if f["rule"] != PROBE_ID]
    lines = proc.stderr.splitlines()
    return {
        "command": " ".join(cmd + ["."]), "status": proc.returncode, "wall_seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
        "peak_rss_mib": round(max(peak, before) / 1024, 1) if peak > before else None,
        "summary": doc.get("summary", {}), "findings": doc["findings"],
        "error_lines": [ln for ln in lines if ": error: " in ln or ln.startswith("error:")],
        "tracebacks": sum("Traceback (most recent call last)" in ln for ln in lines),
        "stderr_tail": lines[-5:] if proc.returncode not in (0, 1) else [],
    }


def top_dir(path: str) -> str:
    """arch/x86/mm/x.c -> arch/x86 (arch and drivers split one level further), kernel/x.c -> kernel."""
    parts = Path(path).parts
    if len(parts) > 2 and parts[0] in ("arch", "drivers"):
        return "/".join(parts[:2])
    return parts[0] if len(parts) > 1 else "."


def print_pass(name: str, r: dict) -> None:
    """The human-readable part of the report for one pass."""
    s = r["summary"]
    print(f"== {name}: {r['command']}")
    print(f"   exit status {r['status']}, wall {r['wall_seconds']} s, cpu {r['cpu_seconds']} s, peak RSS "
          f"{r['peak_rss_mib'] if r['peak_rss_mib'] is not None else '?'} MiB")
    for key in ("files", "parsed", "skipped_by_prefilter", "parse_damaged", "failed", "findings"):
        if key in s:
            print(f"   {key:22} {s[key]}")
    if s.get("parsed"):
        print(f"   {'damaged/parsed':22} {100 * s['parse_damaged'] / s['parsed']:.1f}%")
    print(f"   error lines {len(r['error_lines'])}, tracebacks {r['tracebacks']}")
    for ln in r["error_lines"][:20]:
        print(f"     {ln}")
    for ln in r["stderr_tail"]:
        print(f"     stderr: {ln}")
    by_rule = Counter((f["rule"], f["confidence"]) for f in r["findings"])
    for (rule, conf), n in sorted(by_rule.items()):
        print(f"   {n:5}  {rule} ({conf})")
    for d, n in sorted(Counter(top_dir(f["path"]) for f in r["findings"]).items()):
        print(f"   {n:5}  {d}/")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("version", help="6.1 or 6.12 (Debian linux-source-<version>)")
    p.add_argument("--every-file", action="store_true", help="also parse and match every file (slow)")
    p.add_argument("--json", type=Path, metavar="FILE", help="write the full results (with findings) here")
    argv = list(sys.argv[1:] if argv is None else argv)
    cut = argv.index("--") if "--" in argv else len(argv)
    args = p.parse_args(argv[:cut])
    args.check_options = argv[cut + 1:]  # passed to `cocolint check`
    try:
        root = kernel_source.kernel_tree(args.version, full=True)
    except kernel_source.KernelSourceError as exc:
        print(f"whole_tree_check: error: {exc}", file=sys.stderr)
        return 2
    print(f"tree {root}", flush=True)
    results = {"tree": str(root), "passes": {}}
    results["passes"]["check"] = run_check(root, args.check_options)
    print_pass("check", results["passes"]["check"])
    sys.stdout.flush()
    if args.every_file:
        with tempfile.TemporaryDirectory() as rules:
            (Path(rules) / f"{PROBE_ID}.toml").write_text(PROBE_RULE)
            results["passes"]["every-file"] = run_check(root, args.check_options, Path(rules))
        print_pass("every file parsed and matched", results["passes"]["every-file"])
    sys.stdout.flush()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    bad = any(r["tracebacks"] or r["status"] not in (0, 1) for r in results["passes"].values())
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
