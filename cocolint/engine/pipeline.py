"""One check run: discover, match, filter each file's result (config, suppressions, then extra steps), report."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from cocolint.engine.filters import ConfigFilter, FindingFilter, excluded
from cocolint.engine.run import FileResult, Summary, check_paths
from cocolint.report import Reporter
from cocolint.settings import Settings


def results(settings: Settings, paths: Iterable[Path], extra: Sequence[FindingFilter] = ()) -> Iterator[FileResult]:
    """Each file's result after the config filter and then the `extra` steps (baseline, --diff), in order."""
    steps: list[FindingFilter] = [ConfigFilter(settings), *extra]
    for result in check_paths(settings.rules, paths, skip=excluded(settings)):
        for step in steps:
            result = step(result)
        yield result


def check(settings: Settings, paths: Iterable[Path], reporter: Reporter, extra: Sequence[FindingFilter] = (),
          finish: Callable[[Summary], None] | None = None) -> Summary:
    """Report every filtered result and the summary; finish(summary) runs just before the reporter's finish."""
    summary = Summary()
    start = time.monotonic()
    for result in results(settings, paths, extra):
        summary.add(result)
        reporter.file(result)
    summary.seconds = time.monotonic() - start
    if finish is not None:
        finish(summary)
    reporter.finish(summary)
    return summary
