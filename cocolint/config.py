"""Project configuration: find `.cocolint.toml` or `[tool.cocolint]` upward, validate it, one line per error."""

from __future__ import annotations

import os
import re
from pathlib import Path

from cocolint.errors import CocolintError
from cocolint.record import dataclass, field
from cocolint.ruleset.model import CONFIDENCES, SEVERITIES

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any, Iterable

CONFIG_NAME = ".cocolint.toml"
PYPROJECT = "pyproject.toml"

# key -> (kind, what it is for); kinds: str, str-list, enum:a|b, table:<kind of values>, rule-options
KEYS: dict[str, tuple[str, str]] = {
    "select": ("str-list", "run only these rules"),
    "ignore": ("str-list", "do not run these rules"),
    "rule-dirs": ("str-list", "extra directories of rule files, relative to the config file"),
    "exclude": ("str-list", "path globs (relative to the config file's directory) never checked"),
    "per-path-ignores": ("table:str-list", "path glob -> rule ids whose findings there are suppressed"),
    "severity": ("table:enum:" + "|".join(SEVERITIES), "rule id -> severity override"),
    "min-confidence": ("enum:" + "|".join(CONFIDENCES), "report only rules at least this confident"),
    "baseline": ("str", "a baseline file, relative to the config file (for --baseline)"),
    "rules": ("rule-options", "per-rule options: [rules.<id>] tables"),
}
RULE_OPTIONS: dict[str, tuple[str, str]] = {
    "not-functions": ("regex", "more functions (a regex on the enclosing function's name) the rule stays quiet in"),
    "exclude-paths": ("str-list", "more path globs (relative to the config file's directory) the rule stays quiet in"),
}


@dataclass(frozen=True)
class RuleOptions:
    """Per-rule additions to a rule's quiet zones."""

    not_functions: re.Pattern[str] | None = None
    exclude_paths: tuple[str, ...] = ()


@dataclass
class Config:
    """A validated configuration; `path` is None when no config file was found."""

    path: Path | None = None
    text: str = ""
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    rule_dirs: list[Path] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    min_confidence: str | None = None
    baseline: Path | None = None
    rule_options: dict[str, RuleOptions] = field(default_factory=dict)

    @property
    def root(self) -> Path | None:
        """The directory config globs are relative to."""
        return self.path.parent if self.path else None

    @property
    def shown(self) -> str:
        """The config file as error messages name it."""
        return shown_path(self.path) if self.path else "cocolint"

    def line_of(self, key: str) -> int | None:
        """The line of the config file where key first appears (best effort)."""
        return line_of(self.text, key)

    def relative(self, path: str | Path) -> str:
        """A checked file's path relative to the config's directory (posix), for config globs."""
        p = Path(path).absolute()
        if self.root is not None:
            try:
                return p.relative_to(self.root.absolute()).as_posix()
            except ValueError:
                pass
        return p.as_posix().lstrip("/")


def shown_path(path: Path) -> str:
    """A path relative to the working directory when it is below it, else absolute."""
    rel = os.path.relpath(path)
    return rel if not rel.startswith("..") else str(path)


def find_config(paths: Iterable[Path]) -> Path | None:
    """The nearest config file at or above the deepest directory containing every checked path."""
    dirs = [(p if p.is_dir() else p.parent).absolute() for p in paths] or [Path.cwd()]
    start = Path(os.path.commonpath([str(d) for d in dirs]))
    for d in (start, *start.parents):
        if (d / CONFIG_NAME).is_file():
            return d / CONFIG_NAME
        py = d / PYPROJECT
        if py.is_file() and _has_tool_table(py):
            return py
    return None


def _has_tool_table(py: Path) -> bool:
    try:
        text = py.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*cocolint\s*[\].]", text, re.M) is not None


def load_config(path: Path) -> Config:
    """Read and validate one config file (.cocolint.toml, or pyproject.toml's [tool.cocolint])."""
    shown = shown_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CocolintError(shown, f"cannot read config file: {exc}") from None
    from cocolint.tomlcheck import loads  # only when there is a config file (start-up time)

    data = loads(text, shown)
    prefix = ""
    if path.name == PYPROJECT:
        data = data.get("tool", {}).get("cocolint", {})
        prefix = "tool.cocolint."
        header = re.search(r"^\s*\[\s*tool\s*\.\s*cocolint\s*[\].]", text, re.M)
        if header:  # look for keys from our table on, so other tools' same-named keys are not blamed
            text = "\n" * text.count("\n", 0, header.start()) + text[header.start():]
        if not isinstance(data, dict):
            raise CocolintError(shown, "'tool.cocolint' must be a table", line_of(text, "cocolint"))
    return _build(data, path, text, prefix)


def _build(data: dict[str, Any], path: Path, text: str, prefix: str) -> Config:
    shown = shown_path(path)
    cfg = Config(path=path, text=text)
    for key, value in data.items():
        if key not in KEYS:
            import difflib  # only for a misspelt key: not on every start

            close = difflib.get_close_matches(key, list(KEYS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise CocolintError(shown, f"unknown key {prefix + key!r}{hint}", line_of(text, key))
        kind = KEYS[key][0]
        if key == "rules" and isinstance(value, list):
            raise CocolintError(shown, f"{prefix}rules is for per-rule tables [rules.<id>]; "
                                "extra rule directories go in 'rule-dirs'", line_of(text, key))
        _check(value, kind, prefix + key, shown, text)
    base = path.parent
    cfg.select = list(data["select"]) if "select" in data else None
    cfg.ignore = list(data.get("ignore", []))
    cfg.rule_dirs = [base / d for d in data.get("rule-dirs", [])]
    cfg.exclude = list(data.get("exclude", []))
    cfg.per_path_ignores = {g: list(ids) for g, ids in data.get("per-path-ignores", {}).items()}
    cfg.severity = dict(data.get("severity", {}))
    cfg.min_confidence = data.get("min-confidence")
    cfg.baseline = base / data["baseline"] if "baseline" in data else None
    for rid, opts in data.get("rules", {}).items():
        nf = opts.get("not-functions")
        cfg.rule_options[rid] = RuleOptions(
            not_functions=re.compile(nf) if nf is not None else None,
            exclude_paths=tuple(opts.get("exclude-paths", ())))
    return cfg


def _check(value: Any, kind: str, name: str, shown: str, text: str) -> None:
    line = line_of(text, name.rsplit(".", 1)[-1])
    from cocolint.tomlcheck import scalar_problem, type_name

    problem = scalar_problem(value, kind, name)
    if problem is not None:
        raise CocolintError(shown, problem, line)
    if kind.startswith("table:"):
        if not isinstance(value, dict):
            raise CocolintError(shown, f"{name!r} must be a table, not {type_name(value)}", line)
        for k, v in value.items():
            _check(v, kind[6:], f"{name}.{k}", shown, text)
    elif kind == "rule-options":
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            raise CocolintError(shown, f"{name!r} must hold [rules.<rule-id>] tables", line)
        for rid, opts in value.items():
            for k, v in opts.items():
                if k not in RULE_OPTIONS:
                    import difflib

                    close = difflib.get_close_matches(k, list(RULE_OPTIONS), n=1)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    raise CocolintError(shown, f"unknown key {name + '.' + rid + '.' + k!r}{hint}",
                                        line_of(text, k))
                _check(v, RULE_OPTIONS[k][0], f"{name}.{rid}.{k}", shown, text)


def check_rule_ids(cfg: Config, known: set[str]) -> None:
    """Every rule id the config names must exist (one line, with did-you-mean, on the first that does not)."""
    named: list[tuple[str, str]] = [(r, "select") for r in cfg.select or []]
    named += [(r, "ignore") for r in cfg.ignore]
    named += [(r, f"per-path-ignores.{g}") for g, ids in cfg.per_path_ignores.items() for r in ids]
    named += [(r, "severity") for r in cfg.severity]
    named += [(r, "rules") for r in cfg.rule_options]
    for rid, where in named:
        if rid not in known:
            import difflib

            close = difflib.get_close_matches(rid, sorted(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise CocolintError(cfg.shown, f"{where}: unknown rule {rid!r}{hint}", cfg.line_of(rid))


def line_of(text: str, key: str) -> int | None:
    """The first line where key appears as a TOML key, a table name part, or a quoted string."""
    k = re.escape(key)
    for pat in (rf"^[ \t]*[\"']?{k}[\"']?[ \t]*=", rf"^[ \t]*\[[^\]\n]*\b{k}\b[^\]\n]*\]", rf"[\"']{k}[\"']"):
        m = re.search(pat, text, re.M)
        if m:
            return text.count("\n", 0, m.start()) + 1
    return None

