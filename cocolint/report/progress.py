"""A progress bar on stderr for a person watching a long run; silent when not on a terminal."""

from __future__ import annotations

import time

from cocolint.engine.parallel import Progress

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import TextIO

DELAY = 0.5  # seconds before the bar appears: short runs never show one
INTERVAL = 0.1  # seconds between redraws


class ProgressBar:
    """Redraws one status line (files done / total, findings so far) at most every INTERVAL seconds."""

    def __init__(self, stream: TextIO, progress: Progress, enabled: bool | None = None, width: int = 24) -> None:
        self.stream, self.progress, self.width = stream, progress, width
        self.enabled = _is_terminal(stream) if enabled is None else enabled
        self.start = time.monotonic()
        self.next_draw = self.start + DELAY
        self.shown = False

    def tick(self) -> None:
        """Called after each file; cheap when nothing needs drawing."""
        if not self.enabled:
            return
        now = time.monotonic()
        if now < self.next_draw:
            return
        self.next_draw = now + INTERVAL
        self.stream.write("\r" + self.line(now) + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def line(self, now: float | None = None) -> str:
        """The status line itself."""
        p = self.progress
        elapsed = (time.monotonic() if now is None else now) - self.start
        total = f"{p.discovered:,}" if p.discovery_done else f"{p.discovered:,}+"
        frac = p.done / p.discovered if p.discovery_done and p.discovered else 0.0
        filled = int(frac * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        return (f"cocolint [{bar}] {p.done:,}/{total} files, {p.findings:,} finding{'s' * (p.findings != 1)}"
                f" {int(elapsed) // 60}:{int(elapsed) % 60:02d}")

    def clear(self) -> None:
        """Erase the bar before the summary is printed."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
