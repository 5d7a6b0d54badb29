"""One check run: discover, match, filter each file's result (config, suppressions, then extra steps), report."""

from __future__ import annotations

import time
from pathlib import Path

from cocolint.engine.filters import ConfigFilter, FindingFilter, excluded
from cocolint.engine.parallel import Progress, RunOptions, check_paths_parallel, default_jobs
from cocolint.engine.run import FileResult, Summary
from cocolint.record import replace
from cocolint.report import Reporter
from cocolint.settings import Settings

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Callable, Iterable, Iterator, Sequence


def results(settings: Settings, paths: Iterable[Path], extra: Sequence[FindingFilter] = (),
            options: RunOptions | None = None, progress: Progress | None = None) -> Iterator[FileResult]:
    """Each file's result after the config filter and then the `extra` steps (baseline, --diff), in order."""
    steps: list[FindingFilter] = [ConfigFilter(settings), *extra]
    o = options or RunOptions()
    found = check_paths_parallel(settings.rules, paths, o.jobs, prefilter=o.prefilter, suffixes=o.suffixes,
                                 skip=excluded(settings), progress=progress, exhaustive=o.exhaustive)
    for result in found:
        for step in steps:
            result = step(result)
        yield result


def check(settings: Settings, paths: Iterable[Path], reporter: Reporter, extra: Sequence[FindingFilter] = (),
          finish: Callable[[Summary], None] | None = None, options: RunOptions | None = None) -> Summary:
    """Report every filtered result and the summary; finish(summary) runs just before the reporter's finish."""
    import sys

    from cocolint.report.progress import ProgressBar

    o = options or RunOptions()
    summary = Summary(jobs=o.jobs if o.jobs > 0 else default_jobs())
    progress = Progress()
    bar = ProgressBar(sys.stderr, progress, enabled=None if o.progress else False)
    start = time.monotonic()
    for result in results(settings, paths, extra, replace(o, jobs=summary.jobs), progress):
        summary.add(result)
        if result.findings or result.error is not None:
            bar.clear()  # findings and errors are printed on lines of their own
        reporter.file(result)
        bar.tick()
    bar.clear()
    summary.seconds = time.monotonic() - start
    if finish is not None:
        finish(summary)
    reporter.finish(summary)
    return summary
