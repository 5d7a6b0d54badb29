"""Load rule files (TOML) from the shipped rules and extra directories, validated and compiled."""

from __future__ import annotations

import os
import re
from pathlib import Path

from cocolint.errors import CocolintError
from cocolint.pattern import CompiledPattern, PatternError
from cocolint.ruleset.cache import cache_key, load_cached, store_cached
from cocolint.ruleset.model import Example, Region, Rule, Scope

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any, Iterable


def builtin_rules_dir() -> Path:
    """The rules shipped with cocolint (inside the wheel, or rules/ in a source tree)."""
    installed = Path(__file__).parent.parent / "builtin_rules"  # where a wheel puts them: no import needed
    if installed.is_dir():
        return installed
    try:
        import cocolint.builtin_rules as pkg

        return Path(next(iter(pkg.__path__)))
    except ImportError:
        return Path(__file__).resolve().parents[2] / "rules"


def rule_files(directory: Path) -> list[Path]:
    """Rule files below directory, in a stable order."""
    if not directory.is_dir():
        reason = "is not a directory" if directory.exists() else "does not exist"
        raise CocolintError(str(directory), f"rules directory {reason}")
    # os.walk rather than Path.rglob, which compiles a regex for its pattern (start-up time); like
    # rglob it does not follow symlinked directories, and the order is Path's
    return sorted(Path(folder, name) for folder, _, names in os.walk(directory) for name in names
                  if name.endswith(".toml"))


def load_rules(extra_dirs: Iterable[Path] = (), builtin: bool = True) -> list[Rule]:
    """Every rule, sorted by id; duplicate ids across directories are an error."""
    dirs = ([builtin_rules_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    rules: dict[str, Rule] = {}
    for d in dirs:
        for f in rule_files(d):
            rule = load_rule_file(f)
            if rule.id in rules:
                raise CocolintError(str(f), f"rule id {rule.id!r} is already defined in {rules[rule.id].file}")
            rules[rule.id] = rule
    for rule in rules.values():
        for other in rule.superseded_by:
            if other not in rules or other == rule.id:
                raise CocolintError(rule.file, f"'superseded-by' names {other!r}, which is not another rule",
                                    _line_containing(Path(rule.file).read_text(encoding="utf-8"), "superseded-by"))
    return [rules[k] for k in sorted(rules)]


def load_rule_file(path: Path) -> Rule:
    """Read, validate and compile one rule file."""
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CocolintError(shown, f"cannot read rule file: {exc.strerror or exc}") from None
    k = cache_key(shown, raw)
    cached = load_cached(k)
    if isinstance(cached, Rule) and cached.file == shown:
        return cached  # these exact bytes at this path validated and compiled before, with this code
    from cocolint.ruleset.schema import validate  # a cache miss only: most starts need neither
    from cocolint.tomlcheck import loads

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CocolintError(shown, f"rule file is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                            raw.count(b"\n", 0, exc.start) + 1) from None
    data = loads(text, shown)
    validate(data, shown, text)
    if data["id"] != path.stem:
        raise CocolintError(shown, f"rule id {data['id']!r} does not match the file name {path.stem!r}", 1)
    rule = _build(data, path, text)
    store_cached(k, rule)
    return rule


def _build(data: dict[str, Any], path: Path, text: str) -> Rule:
    from cocolint.pattern.compiler import compile_pattern, compile_raw_query  # a rule cache miss only

    shown = str(path)
    regexes: dict[str, list[tuple[str, bool]]] = {}
    for w in data.get("where", []):
        name = w["metavariable"].lstrip("$")
        if "regex" in w:
            regexes.setdefault(name, []).append((w["regex"], True))
        if "not-regex" in w:
            regexes.setdefault(name, []).append((w["not-regex"], False))

    def compile_all(key: str, with_where: bool) -> tuple[CompiledPattern, ...]:
        out = []
        for p in data.get(key, []):
            try:
                if key == "queries":
                    raw = compile_raw_query(p)
                    for name in set(regexes) & set(raw.metavariables):
                        raise PatternError(f"'where' on ${name} does not apply to a raw query; "
                                           f"write (#match? @{name} \"...\") inside the query instead")
                    out.append(raw)
                else:
                    used = {k: v for k, v in regexes.items() if _uses(p, k)} if with_where else {}
                    out.append(compile_pattern(p, used))
            except PatternError as exc:
                raise CocolintError(shown, str(exc), _line_containing(text, p)) from None
        return tuple(out)

    patterns = compile_all("patterns", True) + compile_all("queries", True)
    for name in regexes:
        if not any(name in p.metavariables for p in patterns):
            raise CocolintError(shown, f"'where' names ${name}, which no pattern uses",
                                _line_of_value(text, "metavariable", name))
    _check_message(data["message"], patterns, shown, text)
    for name in data.get("globals", []):
        if not any(re.search(rf"(?<![A-Za-z0-9_$]){re.escape(name)}(?![A-Za-z0-9_])", p.source) for p in patterns):
            raise CocolintError(shown, f"'globals' names {name!r}, which no pattern mentions",
                                _line_containing(text, "globals"))
    examples = []
    for ex in data["examples"]:
        for kind in ("bad", "good"):
            if kind in ex:
                examples.append(Example(code=ex[kind], bad=kind == "bad", path=ex.get("path", "example.c")))
    return Rule(
        id=data["id"],
        file=shown,
        category=data.get("category", path.parent.name),
        severity=data["severity"],
        confidence=data["confidence"],
        message=data["message"],
        summary=data["summary"],
        rationale=data["rationale"].strip(),
        use_instead=data["use-instead"].strip(),
        patterns=patterns,
        patterns_not=compile_all("patterns-not", False),
        globals=tuple(data.get("globals", [])),
        superseded_by=tuple(data.get("superseded-by", [])),
        scope=_scope(data.get("scope", {}), shown, text),
        references=tuple(data.get("references", [])),
        examples=tuple(examples),
    )


def _scope(data: dict[str, Any], shown: str, text: str) -> Scope:
    from cocolint.pattern.compiler import compile_pattern, compile_raw_query

    def regions(key: str) -> tuple[Region, ...]:
        out = []
        for item in data.get(key, []):
            item = {"pattern": item} if isinstance(item, str) else item
            try:
                compiled = (compile_pattern(item["pattern"]) if "pattern" in item
                            else compile_raw_query(item["query"]))
            except PatternError as exc:
                raise CocolintError(shown, f"scope.{key}: {exc}",
                                    _line_containing(text, item.get("pattern") or item["query"])) from None
            at = item.get("at")
            if at is not None and at not in compiled.metavariables:
                raise CocolintError(shown, f"scope.{key}: 'at' names ${at}, which its pattern does not use",
                                    _line_of_value(text, "at", at))
            out.append(Region(compiled, at))
        return tuple(out)

    return Scope(
        paths=tuple(data.get("paths", ())),
        exclude_paths=tuple(data.get("exclude-paths", ())),
        functions=re.compile(data["functions"]) if "functions" in data else None,
        not_functions=re.compile(data["not-functions"]) if "not-functions" in data else None,
        inside=regions("inside"),
        not_inside=regions("not-inside"),
        any_of=tuple(_scope(alt, shown, text) for alt in data.get("any-of", [])),
    )


def _check_message(message: str, patterns: tuple[CompiledPattern, ...], shown: str, text: str) -> None:
    if "\n" in message.strip():
        raise CocolintError(shown, "'message' must be one line", _line_containing(text, "message"))
    for name in re.findall(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", message):
        if name != "match" and not all(name in p.metavariables for p in patterns):
            raise CocolintError(shown, f"'message' names {{{name}}}, which not every pattern binds",
                                _line_containing(text, "message"))


def _uses(pattern: str, name: str) -> bool:
    """Whether pattern names metavariable $name (not merely a longer one such as $NAME2)."""
    return re.search(rf"\$(?:\.\.\.)?{re.escape(name)}(?![A-Za-z0-9_])", pattern) is not None


def _line_of_value(text: str, key: str, value: str) -> int | None:
    """The line where `key = "value"` (or `key = "$value"`) is written."""
    m = re.search(rf"\b{re.escape(key)}\s*=\s*[\"']\$?{re.escape(value)}[\"']", text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _line_containing(text: str, needle: str) -> int | None:
    first = needle.strip().splitlines()[0] if needle.strip() else needle
    idx = text.find(first)
    return text.count("\n", 0, idx) + 1 if idx >= 0 else None
