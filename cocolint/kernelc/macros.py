"""The kernel macro list: packaged data, the tree's .clang-format ForEachMacros, and extra names."""

from __future__ import annotations

import functools
import marshal
import os
import re
import sys
from pathlib import Path

from cocolint import cachedir
from cocolint.engine.paths import find_root
from cocolint.errors import CocolintError
from cocolint.hashes import sha256
from cocolint import recache
from cocolint.kernelc import more_kinds
from cocolint.record import dataclass, field
from cocolint.lazyre import lazy_compile

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Iterable, Mapping

_KEYS = {"attributes": "attribute", "iterators": "iterator", "definition-headers": "definition_header",
         "typed-declarations": "typed_declaration", "declarations": "declaration",
         "array-declarations": "array_declaration",
         "string-macros": "string_macro", "initializer-items": "initializer_items",
         "initializer-starts": "initializer_start", "initializer-ends": "initializer_end",
         "initializer-declarators": "initializer_declarator",
         "attribute-calls": "attribute_call"}
_KEYS.update(more_kinds.KEYS)  # classes rewritten by cocolint/kernelc/more_kinds.py
TYPE_KEYWORDS = frozenset({
    "int", "char", "long", "short", "unsigned", "signed", "bool", "_Bool", "void", "float", "double",
    "size_t", "ssize_t", "uintptr_t", "intptr_t", "ptrdiff_t", "uint8_t", "uint16_t", "uint32_t",
    "uint64_t", "int8_t", "int16_t", "int32_t", "int64_t", "char16_t", "char32_t",
})
_CLANG_ITEM = lazy_compile(rb"^\s*-\s*'([A-Za-z_]\w*)'", re.M)


@dataclass(frozen=True)
class MacroSet:
    """Known macro names by rewrite class, with the patterns that classify more names."""

    kinds: Mapping[str, str]
    type_arguments: Mapping[str, tuple[int, ...]]
    iterator_patterns: tuple[re.Pattern[str], ...]
    anchor_regexes: tuple[re.Pattern[bytes], ...]  # literal words the name patterns contain
    static_macro: re.Pattern[str] | None = None  # `static NAME(...);` file-scope macro names
    type_keywords: frozenset[str] = TYPE_KEYWORDS
    anchors: tuple[str, ...] = ()  # the literal words of anchor_regexes
    _kind_cache: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    type_argument_patterns: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...] = ()
    declaration_patterns: tuple[re.Pattern[str], ...] = ()
    struct_groups: Mapping[str, int] = field(default_factory=dict)  # name -> leading arguments to blank

    def kind(self, name: str) -> str | None:
        """How name is rewritten, or None if it is not a known macro."""
        try:
            return self._kind_cache[name]
        except KeyError:
            pass
        if len(self._kind_cache) > 100_000:
            self._kind_cache.clear()
        k = self._kind_cache[name] = self._kind(name)
        return k

    def _kind(self, name: str) -> str | None:
        k = self.kinds.get(name)
        if k is None and any(p.search(name) for p in self.iterator_patterns):
            return "iterator"
        if k is None and self.type_positions(name):
            return "type_arguments"
        if k is None and any(p.search(name) for p in self.declaration_patterns):
            return "declaration"
        return k

    def type_positions(self, name: str) -> tuple[int, ...]:
        """Which arguments of name are types."""
        if name in self.type_arguments:
            return self.type_arguments[name]
        for pattern, positions in self.type_argument_patterns:
            if pattern.search(name):
                return positions
        return ()


_FORMAT = "packaged+classes-1"  # what a cache file holds: (_FORMAT, packaged(), classes())


@functools.lru_cache(maxsize=1)
def _both_once() -> tuple[dict, dict]:
    return _packaged_and_classes()


def packaged_once() -> dict:
    """packaged(), read once per process (its callers only read it)."""
    return _both_once()[0]


def packaged_classes() -> dict:
    """What macro_set() and candidates.names() derive from the packaged lists alone, read once per process
    (from the cache with the lists): "kinds", "type-arguments", "struct-groups" as macro_set() builds them,
    and "plain": the names holding no anchor word, as bytes (see names_holding)."""
    return _both_once()[1]


def packaged() -> dict:
    """The packaged macro lists (macros.toml and the files more_kinds adds) as one dict."""
    return _packaged_and_classes()[0]


def _packaged_and_classes() -> tuple[dict, dict]:
    here = Path(__file__).resolve().parent
    names = ["macros.toml", *more_kinds.FILES]
    cache = _packaged_cache(here, names)
    if cache is not None:
        try:
            stored = marshal.loads(cache.read_bytes())
            if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == _FORMAT \
                    and isinstance(stored[1], dict) and isinstance(stored[2], dict):
                return stored[1], stored[2]
        except (OSError, ValueError, EOFError, TypeError):
            pass
    # next to this module in every install (wheel or checkout); importlib.resources would cost a
    # one-file check its import of zipfile and friends
    text = (here / "macros.toml").read_bytes()
    import tomllib  # only when the macro cache is cold

    data = more_kinds.merged(tomllib.loads(text.decode("utf-8")))
    classes = _classes(data)
    if cache is not None:
        try:  # a one-file check reads 80 KB of TOML in ~30 ms, the same in marshal format in well under 1 ms
            cachedir.store(str(cache), marshal.dumps((_FORMAT, data, classes)), suffix=".marshal")
        except ValueError:
            pass
    return data, classes


def _classes(data: dict) -> dict:
    """packaged_classes() computed from the packaged lists."""
    kinds: dict[str, str] = {}
    typeargs: dict[str, tuple[int, ...]] = {}
    struct_groups: dict[str, int] = {}
    _classify(data, kinds, typeargs, struct_groups)
    holding = names_holding(list(kinds), data.get("pattern-anchors", []))
    return {"kinds": kinds, "type-arguments": typeargs, "struct-groups": struct_groups,
            "anchors": tuple(data.get("pattern-anchors", [])),
            "plain": [n.encode("ascii") for n in kinds if n not in holding]}


def _classify(source: Mapping, kinds: dict[str, str], typeargs: dict[str, tuple[int, ...]],
              struct_groups: dict[str, int]) -> None:
    """Add one source's names (the packaged lists or a config's extra names) by class; later sources win."""
    for key, kind in _KEYS.items():
        for name in source.get(key, ()):
            kinds[name] = kind
    for name, skip in dict(source.get("struct-groups", {})).items():
        kinds[name] = "struct_group"
        struct_groups[name] = int(skip)
    for name, positions in dict(source.get("type-arguments", {})).items():
        kinds[name] = "type_arguments"
        typeargs[name] = tuple(int(p) for p in positions)


def names_holding(names: list[str], anchors: Iterable[str]) -> set[str]:
    """The names holding an anchor word, found by one search of them all."""
    listed = "\n" + "\n".join(names) + "\n"
    holding = set()
    anchors = list(anchors)
    for hit in recache.compile("|".join(re.escape(a) for a in anchors)).finditer(listed) if anchors else ():
        holding.add(listed[listed.rfind("\n", 0, hit.start()) + 1:listed.find("\n", hit.end())])
    return holding


def _packaged_cache(here: Path, names: list[str]) -> Path | None:
    """Where the merged lists are cached (marshal: no import, fastest to read), keyed by the files they
    come from and the Python that wrote them (None: no cache)."""
    if os.environ.get("COCOLINT_NO_RULE_CACHE"):
        return None
    parts = []
    for name in [*names, "macros.py", "more_kinds.py"]:
        try:
            st = os.stat(here / name)
        except OSError:
            continue
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    parts.append(f"{sys.version_info[:2]}:{marshal.version}")
    key = sha256("|".join([str(here), *parts]).encode()).hexdigest()[:32]
    return Path(cachedir.path("macros", f"{key}.marshal"))


def clang_format_iterators(root: Path) -> list[str]:
    """The ForEachMacros names of root/.clang-format (empty if there is none)."""
    try:
        text = (root / ".clang-format").read_bytes()
    except OSError:
        return []
    start = text.find(b"ForEachMacros:")
    if start < 0:
        return []
    block = text[start + len(b"ForEachMacros:"):]
    end = re.search(rb"^[A-Za-z]", block, re.M)
    block = block[: end.start()] if end else block
    return [m.decode("ascii") for m in _CLANG_ITEM.findall(block)]


def tree_root(path: Path) -> Path | None:
    """The root of the tree path belongs to (a directory with a root marker)."""
    p = Path(path).absolute()
    if p.suffix in (".c", ".h"):  # a source file: no need to ask the file system what it is
        return find_root(p.parent)
    return find_root(p if p.is_dir() else p.parent)


def macro_set(root: Path | None = None, extra: Mapping[str, Iterable[str]] | None = None) -> MacroSet:
    """The macro set for a tree: packaged list + root's .clang-format + extra names by class.

    extra maps "attributes", "iterators", "typed-declarations", "declarations", "array-declarations",
    "definition-headers" to names, and "type-arguments"
    to a mapping of name -> argument positions (the same keys as macros.toml).
    """
    data, classes = _both_once()
    unknown = sorted(set(extra or {}) - set(_KEYS) - {"type-arguments", "struct-groups"})
    if unknown:
        raise CocolintError("kernel macros", f"unknown macro class {unknown[0]!r} (known: {', '.join(sorted(_KEYS))}, "
                            "type-arguments, struct-groups)")
    # the packaged lists' classes come with them from the cache; the extra names are added on top
    kinds: dict[str, str] = dict(classes["kinds"])
    typeargs: dict[str, tuple[int, ...]] = dict(classes["type-arguments"])
    struct_groups: dict[str, int] = dict(classes["struct-groups"])
    _classify(dict(extra or {}), kinds, typeargs, struct_groups)
    if root is not None:
        for name in clang_format_iterators(root):
            kinds.setdefault(name, "iterator")
    patterns = tuple(recache.compile(p) for p in data.get("iterator-patterns", ()))
    anchors = data.get("pattern-anchors", [])
    anchor_regexes = tuple(recache.compile(re.escape(a).encode("ascii")) for a in anchors)
    static = data.get("file-scope-macro-pattern")
    type_patterns = tuple((recache.compile(p), tuple(v)) for p, v in data.get("type-argument-patterns", {}).items())
    return MacroSet(kinds, typeargs, patterns, anchor_regexes, recache.compile(static) if static else None,
                    type_argument_patterns=type_patterns,
                    declaration_patterns=tuple(recache.compile(p) for p in data.get("declaration-patterns", ())),
                    struct_groups=struct_groups, anchors=tuple(anchors))


@functools.lru_cache(maxsize=64)
def cached_macro_set(root: Path | None) -> MacroSet:
    """macro_set(root), computed once per tree root."""
    return macro_set(root)
