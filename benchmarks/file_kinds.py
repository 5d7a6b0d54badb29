"""Why a C file tree-sitter still cannot read is not a parser defect to fix: table fragments.

Used by parse_health.py to explain each C file left over 10% ERROR bytes (issue 4 allows such
files when they are listed and explained; docs/parse-health.md is the list).  Files that are
not C at all (assembler headers, linker scripts) are recognised by cocolint itself
(cocolint/kernelc/filekind.py) and counted apart; they are not explained here.
"""

from __future__ import annotations

import re

from cocolint.kernelc import fragments

_COMMENT = re.compile(rb"/\*.*?\*/|//[^\n]*", re.S)
_STRING = re.compile(rb'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_DIRECTIVE = re.compile(rb"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", re.M)


def code_only(src: bytes) -> bytes:
    """The file without comments, strings and preprocessor lines."""
    return _DIRECTIVE.sub(b"", _STRING.sub(b'""', _COMMENT.sub(b" ", src)))


def not_c(path: str, src: bytes) -> str | None:
    """Why the file is not C that tree-sitter should read as a whole, or None when it is."""
    if fragments.kind(src) is not None and fragments._LEAD.match(src).end() == 0:
        return ("table fragment starting at its first byte (#include'd into an array: no comment "
                "before it to write the opening it would be parsed in)")
    code = code_only(src)
    if code.strip() and b";" not in code:
        return ("table fragment (macro invocations with no ';' or ',' between them, #include'd "
                "into an array, enum or switch: an x-macro list)")
    return None
