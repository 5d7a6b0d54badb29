"""Why a file tree-sitter cannot read is not C: linker script, assembler, or an #include'd table fragment.

Used by parse_health.py to explain each file left over 10% ERROR bytes (issue 4 allows such
files when they are listed and explained; docs/parse-health.md is the list).
"""

from __future__ import annotations

import re

_LINKER = re.compile(rb"^[ \t]*(?:\.[ \t]*=[ \t]*ALIGN\(|\*\(\.|SECTIONS\b|PROVIDE\()", re.M)
_ASM_MACRO = re.compile(rb"^[ \t]*\.(?:macro|endm|irp|irpc|rept|endr|purgem)\b", re.M)
_ASM_DIRECTIVE = re.compile(rb"^[ \t]*\.(?:text|globl|global|align|p2align|section|word|long|quad|set|type|size"
                            rb"|ifc|ifnc|ifb|ifnb|error|pushsection|popsection|inst|byte|short|hword)\b", re.M)
_ASM_ENTRY = re.compile(rb"^(?:SYM_FUNC_START|ENTRY|ENDPROC|SYM_CODE_START|SYM_FUNC_END)\(", re.M)
_COMMENT = re.compile(rb"/\*.*?\*/|//[^\n]*", re.S)
_STRING = re.compile(rb'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_DIRECTIVE = re.compile(rb"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", re.M)


def code_only(src: bytes) -> bytes:
    """The file without comments, strings and preprocessor lines."""
    return _DIRECTIVE.sub(b"", _STRING.sub(b'""', _COMMENT.sub(b" ", src)))


def not_c(path: str, src: bytes) -> str | None:
    """Why the file is not C that tree-sitter should read, or None when it is (or may be) C."""
    if path.endswith((".lds.h", ".lds.S")) or len(_LINKER.findall(src)) >= 2:
        return "linker script (section layout, not C)"
    if _ASM_MACRO.search(src) or len(_ASM_DIRECTIVE.findall(src)) >= 3 or len(_ASM_ENTRY.findall(src)) >= 2:
        return "assembler (gas directives or macros; the C in it, if any, is under #ifndef __ASSEMBLY__)"
    code = code_only(src)
    if code.strip() and b";" not in code:
        return ("table fragment (initialiser items or macro invocations with no ';', "
                "#include'd into an array, enum or switch)")
    return None
