"""What a compiled pattern is (loaded from the rule cache without the compiler, which only a cache miss needs)."""

from __future__ import annotations

from cocolint.record import dataclass

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from cocolint.pattern.anchor import Anchor

MATCH = "match"  # capture naming the node a finding points at


class PatternError(ValueError):
    """A pattern or raw query that cannot be compiled."""


@dataclass(frozen=True)
class CompiledPattern:
    """One pattern, compiled: the query text and what the pre-filter may rely on."""

    source: str
    query: str
    metavariables: tuple[str, ...]
    literals: frozenset[str]  # names every match contains (empty: no pre-filter)
    anchor: Anchor | None = None  # where matches can be (None: anywhere, e.g. a raw query)
    halves: tuple[str, str] | None = None  # commutative root: the query by the side the anchor is on
    # query and halves without the alternatives that see through redundant parentheses (None: the
    # pattern has none): they match the same at a node with no such parentheses below it (engine/anchored.py)
    plain: str | None = None
    plain_halves: tuple[str, str] | None = None
