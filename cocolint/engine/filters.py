"""The finding filter step after matching: config rule options, per-path ignores, inline suppressions.

A filter takes one file's result and returns it with findings kept, moved to
`suppressed` (counted in every summary), or added (suppression diagnostics).  Later
steps (baseline, --diff) can be chained after this one the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cocolint import record
from cocolint.engine import suppress
from cocolint.engine.findings import Finding, Suppressed
from cocolint.engine.paths import matches_any, scope_path
from cocolint.engine.run import FileResult
from cocolint.settings import Settings

FindingFilter = Callable[[FileResult], FileResult]


def excluded(settings: Settings) -> Callable[[Path], bool] | None:
    """The config's `exclude` globs as a predicate on discovered files (None: nothing is excluded)."""
    cfg = settings.config
    globs = tuple(cfg.exclude)
    if not globs:
        return None  # no Path built per file for nothing
    return lambda path: matches_any(cfg.relative(path), globs)


class ConfigFilter:
    """Rule options (extra quiet zones), per-path ignores, then inline suppressions, for one file at a time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cfg = settings.config
        self.known = settings.known
        self.active = settings.active

    def __call__(self, result: FileResult) -> FileResult:
        if result.error is not None or (not result.findings and result.directives is False):
            return result  # the common case on a whole tree: nothing to filter, nothing to read
        rel = self.cfg.relative(result.path)
        kept: list[Finding] = []
        suppressed: list[Suppressed] = list(result.suppressed)
        for f in result.findings:
            if self._quiet(f, rel):
                continue
            glob = self._ignored_by_path(f.rule, rel)
            if glob is not None:
                suppressed.append(Suppressed(f, "per-path-ignores", glob, self.cfg.line_of(glob)))
            else:
                kept.append(f)
        kept, inline = self._inline(result, kept)
        kept = [self._severity(f) for f in kept]
        return record.replace(result, findings=kept, suppressed=suppressed + inline)

    def _quiet(self, f: Finding, rel: str) -> bool:
        opts = self.cfg.rule_options.get(f.rule)
        if opts is None:
            return False
        if opts.exclude_paths and matches_any(rel, opts.exclude_paths):
            return True
        return bool(opts.not_functions and f.function and opts.not_functions.search(f.function))

    def _ignored_by_path(self, rule: str, rel: str) -> str | None:
        for glob, ids in self.cfg.per_path_ignores.items():
            if rule in ids and matches_any(rel, (glob,)):
                return glob
        return None

    def _inline(self, result: FileResult, findings: list[Finding]) -> tuple[list[Finding], list[Suppressed]]:
        if result.directives is False:  # check_file saw the bytes: no `cocolint:` anywhere
            return findings, []
        try:
            source = Path(result.path).read_bytes()
        except OSError:
            return findings, []
        if suppress.MARKER not in source:
            return findings, []
        kept, inline = suppress.apply(findings, source, result.path, scope_path(Path(result.path)),
                                      self.known, self.active)
        rel = self.cfg.relative(result.path)
        out = []
        for f in kept:  # diagnostics obey per-path ignores too
            glob = self._ignored_by_path(f.rule, rel) if f.rule in suppress.PSEUDO_RULES else None
            if glob is None:
                out.append(f)
            else:
                inline.append(Suppressed(f, "per-path-ignores", glob, self.cfg.line_of(glob)))
        return out, inline

    def _severity(self, f: Finding) -> Finding:
        rule = self.settings.pseudo.get(f.rule)
        return record.replace(f, severity=rule.severity) if rule and rule.severity != f.severity else f
