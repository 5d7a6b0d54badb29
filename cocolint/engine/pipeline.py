"""One check run: discover, match, filter each file's result, report it, count it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterable, Sequence

from cocolint.engine.filters import ConfigFilter, FindingFilter, excluded
from cocolint.engine.run import Summary, check_paths
from cocolint.report import Reporter
from cocolint.settings import Settings


def check(settings: Settings, paths: Iterable[Path], reporter: Reporter,
          extra: Sequence[FindingFilter] = ()) -> Summary:
    """Run the check; each result passes the config filter, then `extra` steps (baseline, diff), in order."""
    steps: list[FindingFilter] = [ConfigFilter(settings), *extra]
    summary = Summary()
    start = time.monotonic()
    for result in check_paths(settings.rules, paths, skip=excluded(settings)):
        for step in steps:
            result = step(result)
        summary.add(result)
        reporter.file(result)
    summary.seconds = time.monotonic() - start
    reporter.finish(summary)
    return summary
