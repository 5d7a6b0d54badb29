"""Whole-tree audit speed, as ratios against baselines measured in the same run (never asserted).

Usage: benchmarks/audit_speed.py [--tree DIR] [--jobs N] [--sample SUBDIR,...] [--soundness SUBDIR] [--skip-tools]
       benchmarks/audit_speed.py --one-file-only [--tree DIR] [--repeat N]

Reports, in one table: cocolint's whole-tree wall time and peak RSS (largest process and all
processes together) next to `git grep -l -F` of the rules' names over the same .c/.h files;
one-file latency (arch/x86/mm/pat/set_memory.c) next to `python -c pass`; with the
pre-filter off, parse throughput next to raw tree-sitter parsing of the same files, per core;
optionally the findings with and without the pre-filter on a subtree (a rule set that matches
thousands of sites); and semgrep, ast-grep and Coccinelle with equivalent rules where they are
installed.  Results go to benchmarks/results/ (gitignored).  The tree is Debian's
linux-source-6.1 unpacked under ~/.cache/cocolint/trees (scripts/kernel_source.py fetches it).

What the pre-filter-off rows measure.  `--no-prefilter` parses every file, but a pattern that
pins names still runs only where those names occur (anchored matching, engine/anchored.py);
so with the shipped rules it shows the cost of reading, preparing and parsing every file.  Two
more rows keep the figure honest: a rule without names (`$X / 0`, which must be tried at every
node of every file), and `--exhaustive` (every shipped rule's query over every node, the
reference mode).  The in-process split divides one process's CPU time, as the engine spends it
(a batch of files prepared, then parsed), into kernel-C preparation (comment blanking,
normalisation, #if views) and parsing the prepared views plus matching (query compile,
anchored matching, findings), each against raw parse time of the same files.

Every cocolint row runs a realistic install: cocolint pip-installed (not editable, its native
speed-ups compiled) into a fresh venv made once per run, where pip writes the .pyc files at
install time even under PYTHONDONTWRITEBYTECODE=1.  An editable checkout under that variable
recompiles every module on every start (~0.15 s of CPU, ~5% of the pre-filter-off run of a
subtree); the one-file table shows it beside the install for reference.  Every row runs with a
warm rule cache (the first whole-tree run, not timed, fills it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from benchmarks.equivalent_rules import write_equivalent_rules  # noqa: E402

DEFAULT_TREE = Path.home() / ".cache" / "cocolint" / "trees" / "linux-source-6.1"
ONE_FILE = "arch/x86/mm/pat/set_memory.c"


class Sampler:
    """Polls a process tree's RSS (from /proc) while it runs: peak of the largest process and of the sum."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid, self.interval = pid, interval
        self.largest = self.total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        out, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            out.append(p)
            try:
                for task in os.listdir(f"/proc/{p}/task"):
                    with open(f"/proc/{p}/task/{task}/children") as f:
                        todo.extend(int(c) for c in f.read().split())
            except OSError:
                pass
        return out

    def _run(self) -> None:
        while not self._stop.is_set():
            sizes = []
            for p in self._tree():
                try:
                    with open(f"/proc/{p}/status") as f:
                        for line in f:
                            if line.startswith("VmRSS:"):
                                sizes.append(int(line.split()[1]) * 1024)
                except OSError:
                    pass
            if sizes:
                self.largest = max(self.largest, max(sizes))
                self.total = max(self.total, sum(sizes))
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def measure(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> dict:
    """Wall time, CPU time and peak RSS of one command (its output is discarded; env: added variables)."""
    before = os.times()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **env} if env else None)
    sampler = Sampler(proc.pid)
    out, err = proc.communicate()
    wall = time.monotonic() - start
    sampler.stop()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"cmd": " ".join(cmd), "wall": wall, "cpu": cpu, "rss_largest": sampler.largest,
            "rss_total": sampler.total, "status": proc.returncode, "stdout": out, "stderr": err.decode(errors="replace")}


def checked(r: dict, ok: tuple[int, ...] = (0, 1)) -> dict:
    """A run whose exit status says it failed stops the benchmark: its times would mean nothing."""
    if r["status"] not in ok:
        raise SystemExit(f"benchmark: `{r['cmd']}` exited {r['status']}:\n{r['stderr'][-2000:]}")
    return r


def median_wall(cmd: list[str], runs: int) -> float:
    return statistics.median(checked(measure(cmd))["wall"] for _ in range(runs))


def median_wall_cpu(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall and median CPU time (CPU says more when other jobs share the cores)."""
    rs = [checked(measure(cmd)) for _ in range(runs)]
    return statistics.median(r["wall"] for r in rs), statistics.median(r["cpu"] for r in rs)


def rule_tokens() -> list[str]:
    """The names a grep user would search for: the longest name of every pattern of the shipped rules."""
    from cocolint.ruleset import load_rules

    tokens = set()
    for rule in load_rules():
        for p in rule.patterns:
            if p.literals:
                tokens.add(max(p.literals, key=lambda n: (len(n), n)))
    return sorted(tokens)


# how every cocolint row starts it: main() points this at a pip-installed console script (see the
# module docstring); the checkout is the fallback when that install fails
RUNNER = [sys.executable, "-m", "cocolint"]


def cocolint(*args: str) -> list[str]:
    return [*RUNNER, "check", "--quiet", *args]


LITERAL_FREE = ('id = "literal-free"\nseverity = "info"\nconfidence = "high"\nsummary = "s"\nmessage = "m"\n'
                'rationale = "r"\nuse-instead = "u"\npatterns = ["$X / 0"]\n[[examples]]\nbad = "x = y / 0;"\n')


def installed_cocolint(tmp: Path) -> Path | None:
    """cocolint pip-installed (not editable) into a fresh venv under tmp: its console script, or None."""
    venv = tmp / "venv"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(REPO)], check=True,
                       capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"benchmark: could not pip-install cocolint into a venv ({exc}); one-file row from this checkout",
              file=sys.stderr)
        return None
    return venv / "bin" / "cocolint"


def one_file(one: Path, runs: int, script: Path | None) -> dict:
    """One-file latency: pip-installed (script, when the install worked) and from this checkout, next
    to `python -c pass` of each interpreter."""
    checkout = [sys.executable, "-m", "cocolint", "check", "--quiet", "--format", "json", str(one)]
    out = {"checkout": median_wall(checkout, runs),
           "checkout_python_pass": median_wall([sys.executable, "-c", "pass"], runs),
           "dont_write_bytecode": os.environ.get("PYTHONDONTWRITEBYTECODE", "")}
    if script is not None:
        cmd = [str(script), "check", "--quiet", "--format", "json", str(one)]
        checked(measure(cmd))  # first start: fills the rule cache
        out["installed"], out["installed_cpu"] = median_wall_cpu(cmd, runs)
        out["installed_python_pass"], out["installed_python_pass_cpu"] = median_wall_cpu(
            [str(script.parent / "python"), "-c", "pass"], runs)
    return out


def one_file_only(tree: Path, runs: int) -> int:
    """Only the one-file rows, for iterating on start-up latency."""
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        o = one_file(tree / ONE_FILE, runs, installed_cocolint(Path(tmp)))
    print(f"tree {tree}, load average {load[0]:.2f} before / {os.getloadavg()[0]:.2f} after, {runs} runs (median)")
    for row in one_file_rows(o):
        print("  ".join(row))
    return 0


def one_file_rows(o: dict) -> list[tuple[str, str, str]]:
    """The one-file table rows: pip-installed (when it could be installed) and this checkout."""
    rows = []
    if "installed" in o:
        rows.append(("one file (set_memory.c), pip-installed",
                     f"{o['installed'] * 1000:.0f} ms wall, {o['installed_cpu'] * 1000:.0f} ms CPU",
                     f"python -c pass: {o['installed_python_pass'] * 1000:.0f} ms wall, "
                     f"{o['installed_python_pass_cpu'] * 1000:.0f} ms CPU; target: under 100 ms wall"))
    rows.append(("one file, this checkout" + (" (no .pyc: PYTHONDONTWRITEBYTECODE)" if o["dont_write_bytecode"] else ""),
                 f"{o['checkout'] * 1000:.0f} ms", f"python -c pass: {o['checkout_python_pass'] * 1000:.0f} ms"))
    return rows


def stage_costs(files: list[Path]) -> dict:
    """One process, sources read beforehand: CPU of raw parsing, of the engine's two halves of a check.

    prepared: what the engine does to a batch before parsing (engine/run.py begin_file and
    prepare_batch: comments blanked, trigger scans, kernel C normalised, #if views planned);
    finished: finish_file (the views parsed, query compile, anchored matching, findings).
    finished - raw is what matching adds beyond parsing (the normalised text parses faster).
    """
    from cocolint import ts
    from cocolint.engine.matcher import Matcher, held
    from cocolint.engine.run import batches, begin_file, finish_file, prepare_batch
    from cocolint.ruleset import load_rules

    sources = []
    for f in files:
        try:
            data = f.read_bytes()
        except OSError:
            continue
        if b"\0" not in data:
            sources.append((f, data))
    rules = [r for r in load_rules() if r.confidence != "low"]  # the default selection
    matcher = Matcher(rules, prefilter=False)
    # batch by batch, so that other load on the machine falls on the three alike
    out = {"raw": 0.0, "prepared": 0.0, "finished": 0.0}
    clock = time.process_time
    for batch in batches(sources, lambda s: held(s[1])):
        t0 = clock()
        for _, data in batch:
            ts.parse(data)
        t1 = clock()
        prepared = prepare_batch(matcher, [begin_file(matcher, f, data) for f, data in batch])
        t2 = clock()
        for r, p in prepared:
            finish_file(matcher, r, p)
        t3 = clock()
        out["raw"] += t1 - t0
        out["prepared"] += t2 - t1
        out["finished"] += t3 - t2
    return out


def files_under(root: Path) -> list[Path]:
    from cocolint.engine.walk import walk

    return [Path(p) for p, err in walk([root]) if err is None]


def raw_parse(files: list[Path]) -> dict:
    """Read and parse every file with tree-sitter in this process: the floor a Python tool can reach."""
    from cocolint import ts

    total = 0
    start = time.process_time()
    for f in files:
        try:
            data = f.read_bytes()
        except OSError:
            continue
        ts.parse(data)
        total += len(data)
    cpu = time.process_time() - start
    return {"files": len(files), "bytes": total, "cpu": cpu, "mb_per_cpu_s": total / cpu / 1e6}


def soundness(subdir: Path, jobs: int) -> dict:
    """Findings of a busy rule set (thousands of matches) and the shipped rules, with and without the pre-filter."""
    from cocolint.engine.parallel import check_paths_parallel
    from cocolint.ruleset import load_rules
    from cocolint.ruleset.loader import load_rule_file

    with tempfile.TemporaryDirectory() as tmp:
        calls = ["kmalloc", "kzalloc", "kcalloc", "kfree", "memset", "memcpy", "spin_lock", "spin_unlock",
                 "mutex_lock", "mutex_unlock", "pr_err", "dev_err", "WARN_ON"]
        path = Path(tmp) / "busy" / "common-calls.toml"
        path.parent.mkdir()
        path.write_text('id = "common-calls"\nseverity = "info"\nconfidence = "high"\nsummary = "s"\n'
                        'message = "m"\nrationale = "r"\nuse-instead = "u"\npatterns = ['
                        + ", ".join(f"'{c}($...ARGS)'" for c in calls) + ']\n[[examples]]\nbad = "kfree(p);"\n')
        rules = [load_rule_file(path), *load_rules()]
        runs = {}
        for prefilter in (True, False):
            start = time.monotonic()
            found = [f for r in check_paths_parallel(rules, [subdir], jobs=jobs, prefilter=prefilter) for f in r.findings]
            runs[prefilter] = (found, time.monotonic() - start)
    return {"subtree": str(subdir), "findings": len(runs[False][0]), "identical": runs[True][0] == runs[False][0],
            "seconds_with": runs[True][1], "seconds_without": runs[False][1]}


def other_tools(tree: Path, jobs: int, one_file: Path) -> list[dict]:
    """semgrep, ast-grep and Coccinelle with equivalent rules, where installed."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        rules = write_equivalent_rules(Path(tmp))
        tools = [
            # semgrep checks for a newer version over the network on every run; offline, that wait
            # (~95 s here) would be timed as if it were scanning
            ("semgrep", ["semgrep", "scan", "--metrics=off", "--quiet", "--jobs", str(jobs), "--config",
                         str(rules["semgrep"]), "--include", "*.c", "--include", "*.h"],
             {"SEMGREP_ENABLE_VERSION_CHECK": "0"}),
            ("ast-grep", ["ast-grep", "scan", "--rule", str(rules["ast-grep"]), "--threads", str(jobs)], None),
            ("coccinelle", ["spatch", "--very-quiet", "-j", str(jobs), "--sp-file", str(rules["coccinelle"]),
                            "--use-gitgrep" if (tree / ".git").exists() else "--no-includes"], None),
        ]
        for name, cmd, env in tools:
            if shutil.which(cmd[0]) is None:
                out.append({"tool": name, "installed": False})
                continue
            target = ["--dir", str(tree)] if name == "coccinelle" else [str(tree)]
            whole = measure(cmd + target, env=env)
            single = measure(cmd + [str(one_file)], env=env)
            out.append({"tool": name, "installed": True, "wall": whole["wall"], "rss_largest": whole["rss_largest"],
                        "one_file": single["wall"], "status": whole["status"]})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, default=DEFAULT_TREE)
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--sample", default="arch/x86,kernel",
                    help="subtrees (comma-separated) for the pre-filter-off parse throughput")
    ap.add_argument("--soundness", default="", help="subtree to compare findings with and without the pre-filter")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure (the median is reported)")
    ap.add_argument("--skip-tools", action="store_true", help="do not run semgrep, ast-grep or Coccinelle")
    ap.add_argument("--one-file-only", action="store_true",
                    help="measure only the one-file latency rows (pip-installed and this checkout, next to python -c pass)")
    args = ap.parse_args()
    tree = args.tree.expanduser()
    if not (tree / "MAINTAINERS").exists():
        print(f"{tree}: not an unpacked kernel tree (scripts/kernel_source.py fetches Debian's linux-source-6.1)",
              file=sys.stderr)
        return 2
    if args.one_file_only:
        return one_file_only(tree, args.repeat + 2)
    with tempfile.TemporaryDirectory() as tmp:
        script = installed_cocolint(Path(tmp))
        if script is not None:
            RUNNER[:] = [str(script)]
        return run_all(args, tree, script)


def run_all(args: argparse.Namespace, tree: Path, script: Path | None) -> int:
    """Every row of the table, cocolint started as RUNNER says."""
    j = str(args.jobs)
    res: dict = {"tree": str(tree), "jobs": args.jobs, "python": sys.version.split()[0],
                 "load_before": os.getloadavg(), "cocolint": "pip-installed" if script is not None else "checkout"}
    tokens = rule_tokens()
    res["tokens"] = tokens

    # warm the page cache and the query cache once, then measure
    measure(cocolint("-j", j, str(tree)))
    runs = [checked(measure(cocolint("-j", j, str(tree)))) for _ in range(args.repeat)]
    best = min(runs, key=lambda r: r["wall"])
    res["cocolint_tree"] = {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu")}
    res["cocolint_tree"].update(rss_largest=max(r["rss_largest"] for r in runs),
                                rss_total=max(r["rss_total"] for r in runs), status=best["status"],
                                findings=best["stdout"].decode().count("\n"))
    grep = ["git", "grep", "--no-index", "-l", "-F", *[a for t in tokens for a in ("-e", t)], "--", "*.c", "*.h"]
    gruns = [checked(measure(grep, cwd=tree)) for _ in range(args.repeat)]
    res["git_grep"] = {"wall": statistics.median(r["wall"] for r in gruns),
                       "cpu": statistics.median(r["cpu"] for r in gruns),
                       "rss_largest": max(r["rss_largest"] for r in gruns),
                       "files": gruns[0]["stdout"].decode().count("\n")}
    one = tree / ONE_FILE
    res["one_file"] = one_file(one, args.repeat + 2, script)

    res["prefilter_off"] = []
    with tempfile.TemporaryDirectory() as tmp:
        free_dir = Path(tmp) / "rules"
        (free_dir / "bench").mkdir(parents=True)
        (free_dir / "bench" / "literal-free.toml").write_text(LITERAL_FREE)
        for name in [s for s in args.sample.split(",") if s]:
            sample = tree / name
            files = files_under(sample)
            # raw parse and cocolint -j1 alternate, --repeat times: the machine's speed drifts (other jobs,
            # clock frequency), so each pair's ratio is taken and the median pair reported
            pairs = []
            for _ in range(max(1, args.repeat)):
                r = raw_parse(files)
                pairs.append((r, checked(measure(cocolint("--no-prefilter", "-j", "1", str(sample))))))
            pairs.sort(key=lambda pr: pr[0]["bytes"] / pr[1]["cpu"] / 1e6 / pr[0]["mb_per_cpu_s"])
            raw, off1 = pairs[len(pairs) // 2]
            offn = checked(measure(cocolint("--no-prefilter", "-j", j, str(sample))))
            free = checked(measure(cocolint("--no-prefilter", "-j", "1", "--rules", str(free_dir),
                                            "--select", "literal-free", str(sample))))
            exh = checked(measure(cocolint("--exhaustive", "-j", "1", str(sample))))
            res["prefilter_off"].append({
                "sample": name, "files": raw["files"], "bytes": raw["bytes"], "raw_mb_per_cpu_s": raw["mb_per_cpu_s"],
                "cocolint_j1_mb_per_cpu_s": raw["bytes"] / off1["cpu"] / 1e6,
                "pair_ratios": [round(r["bytes"] / o["cpu"] / 1e6 / r["mb_per_cpu_s"], 3) for r, o in pairs],
                "literal_free_j1_mb_per_cpu_s": raw["bytes"] / free["cpu"] / 1e6,
                "exhaustive_j1_mb_per_cpu_s": raw["bytes"] / exh["cpu"] / 1e6,
                "cocolint_j1_wall": off1["wall"], "cocolint_jn_wall": offn["wall"],
                "cocolint_jn_rss_largest": offn["rss_largest"], "stages": stage_costs(files)})
    if args.soundness:
        res["soundness"] = soundness(tree / args.soundness, args.jobs)
    if not args.skip_tools:
        res["tools"] = other_tools(tree, args.jobs, one)
    res["load_after"] = os.getloadavg()
    print_table(res)
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    name = out / f"audit-speed-{time.strftime('%Y%m%dT%H%M%S')}.json"
    name.write_text(json.dumps(res, indent=2, default=str) + "\n")
    print(f"\nwritten to {name.relative_to(REPO)}")
    return 0


def print_table(r: dict) -> None:
    mib = 1024 * 1024
    c, g, o = r["cocolint_tree"], r["git_grep"], r["one_file"]
    rows = [
        ("whole tree, cocolint -j%d" % r["jobs"], f"{c['wall']:.2f} s wall, {c['cpu']:.2f} s CPU",
         f"{c['rss_largest'] / mib:.0f} MiB largest, {c['rss_total'] / mib:.0f} MiB all"),
        ("whole tree, git grep -l -F (%d names)" % len(r["tokens"]), f"{g['wall']:.2f} s wall, {g['cpu']:.2f} s CPU",
         f"{g['rss_largest'] / mib:.0f} MiB; {g['files']} files"),
        ("  ratio cocolint / git grep", f"{c['wall'] / g['wall']:.2f}x wall, {c['cpu'] / max(g['cpu'], 1e-9):.2f}x CPU",
         "target: at most 2x"),
    ]
    rows += one_file_rows(o)
    for p in r["prefilter_off"]:
        raw = p["raw_mb_per_cpu_s"]
        st = p["stages"]
        rows += [
            (f"pre-filter off, {p['sample']} ({p['files']} files, {p['bytes'] / 1e6:.0f} MB)",
             f"{p['cocolint_j1_mb_per_cpu_s']:.2f} MB per CPU-s (-j1)",
             f"raw tree-sitter {raw:.2f} MB per CPU-s: {p['cocolint_j1_mb_per_cpu_s'] / raw * 100:.0f}%"
             + (f" (median of {len(p['pair_ratios'])} alternating pairs: "
                f"{', '.join(f'{x * 100:.0f}%' for x in p['pair_ratios'])})" if "pair_ratios" in p else "")),
            ("  shipped rules, in-process split (% of raw parse)",
             f"kernel-C prep {st['prepared'] / st['raw'] * 100:.0f}%",
             f"parse + compile + match {(st['finished'] - st['raw']) / st['raw'] * 100:+.0f}% beyond raw parse; "
             f"total {(st['prepared'] + st['finished']) / st['raw'] * 100:.0f}%"),
            ("  a rule with no names ($X / 0, every node)", f"{p['literal_free_j1_mb_per_cpu_s']:.2f} MB per CPU-s",
             f"{p['literal_free_j1_mb_per_cpu_s'] / raw * 100:.0f}% of raw"),
            ("  --exhaustive (every query, every node)", f"{p['exhaustive_j1_mb_per_cpu_s']:.2f} MB per CPU-s",
             f"{p['exhaustive_j1_mb_per_cpu_s'] / raw * 100:.0f}% of raw"),
            ("  scaling -j1 -> -j%d" % r["jobs"], f"{p['cocolint_j1_wall']:.2f} s -> {p['cocolint_jn_wall']:.2f} s",
             f"{p['cocolint_j1_wall'] / p['cocolint_jn_wall']:.2f}x; {p['cocolint_jn_rss_largest'] / mib:.0f} MiB largest"),
        ]
    if "soundness" in r:
        s = r["soundness"]
        rows.append((f"pre-filter soundness, {Path(s['subtree']).name}", f"{s['findings']} findings",
                     "identical" if s["identical"] else "DIFFERENT"))
    for t in r.get("tools", []):
        if not t["installed"]:
            rows.append((t["tool"], "not installed", ""))
        else:
            rows.append((t["tool"], f"{t['wall']:.2f} s whole tree ({c['wall'] / t['wall']:.2f}x cocolint)",
                         f"{t['rss_largest'] / mib:.0f} MiB; one file {t['one_file'] * 1000:.0f} ms"))
    width = max(len(a) for a, _, _ in rows)
    print(f"tree {r['tree']}, cocolint {r.get('cocolint', 'checkout')}, "
          f"load average {r['load_before'][0]:.2f} before / {r['load_after'][0]:.2f} after")
    for a, b, c2 in rows:
        print(f"{a:<{width}}  {b:<40}  {c2}")
    print("pre-filter off: every file is read, prepared and parsed, and a pattern with names runs only at the nodes\n"
          "its names lead to (anchored matching); the no-names row and --exhaustive show the cost where that cannot help.")


if __name__ == "__main__":
    raise SystemExit(main())
