"""What the parser is given for one file: macros normalised, then one plain-C view per #if arm."""

from __future__ import annotations

from pathlib import Path

from cocolint.kernelc import conditionals, fragments
from cocolint.kernelc.inline_directives import inline_directives
from cocolint.kernelc.normalise import Normalised, normalise, scan_ahead
from cocolint.record import dataclass

__all__ = ["Prepared", "prepare", "scan_ahead"]


# the rewrite classes that write a `{` or an `=` (blanking never makes `= {` or `={`: it moves no byte)
_WRITES_BRACES = frozenset({"initializer_start", "initializer_declarator", "struct_group", "braced_call",
                            "trace_event", "statement_call"})


def _inline_triggered(n: Normalised | None) -> bool | None:
    """Whether the normaliser's scan saw an inline directive's trigger (None: look in the text)."""
    if n is None or n.run is None:
        return None  # no trigger scan ran
    if "inline_directives" in n.run:
        return True
    # the scan saw the original: where a class wrote a `{` or `=`, the text is looked at again
    return None if not _WRITES_BRACES.isdisjoint(n.by_class) else False


@dataclass
class Prepared:
    """The primary view of a file, and what is needed for the alternate view and macro bodies."""

    source: bytes  # primary view: same length and newlines as the original
    normalised: bytes  # macros normalised, conditionals untouched
    views: conditionals.Views
    rewritten: int = 0  # bytes changed by macro normalisation
    by_class: dict[str, int] | None = None
    suffix: bytes = b""  # a table fragment's closing, parsed after the last byte: ts.parse(source, suffix)
    present: set[bytes] | None = None  # prepare(extra=...) literals found in source (None: not looked for)

    @property
    def conditional_bytes(self) -> int:
        """Bytes of directive lines and dead arms blanked in both views."""
        return sum(e - s for s, e in self.views.directives + self.views.dead)

    def alternates(self) -> list[tuple[bytes, list[tuple[int, int]]]]:
        """The other views of the #if groups, each with the spans only it sees first."""
        return [(conditionals.view(self.normalised, self.views, i), self.views.only(i))
                for i in range(1, self.views.count)]


def prepare(source: bytes, path: Path | None = None, macros: bool = True, conds: bool = True,
            extra: tuple[bytes, ...] = ()) -> Prepared:
    """Normalise source for parsing (either step can be switched off to measure it).

    extra: literals to look for in the normaliser's scan of source (found: Prepared.present).
    """
    n = normalise(source, path, extra) if macros else None
    text = n.source if n is not None else source
    suffix = b""
    if n is not None:
        text, suffix = fragments.wrap(text, n)
    views = conditionals.analyse(text) if conds else conditionals.Views()
    if conds:
        views.directives += inline_directives(text, opened=bool(suffix), maybe=_inline_triggered(n))
    primary = conditionals.view(text, views, 0) if conds else text
    return Prepared(primary, text, views, n.rewritten if n else 0, n.by_class if n else None,
                    suffix, n.present if n else None)
