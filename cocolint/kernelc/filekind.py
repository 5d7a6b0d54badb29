"""Whole files that are not C although named .h/.c: assembler headers and linker-script fragments.

A C compiler never sees them (they are #include'd from .S files and .lds.S scripts), so
tree-sitter cannot read them and parse health counts them apart.  The test is conservative:
the arms a C compiler never sees (`#ifdef __ASSEMBLY__`, see conditionals.py) are removed
first, and what is left must hold gas directives or linker commands at the start of lines
and next to no C: a C header with an assembler arm, or with `.size = 4,` initialisers, is C.
"""

from __future__ import annotations

import re

from cocolint.kernelc import conditionals
from cocolint.lazyre import lazy_compile

# gas directives at the start of a line (not a designated initialiser: `.size = 4,`, `.set = fn,`)
_GAS = (rb"^[ \t]*\.(?:macro|endm|irp|irpc|rept|endr|purgem|text|data|globl|global|align|balign|p2align"
        rb"|section|pushsection|popsection|previous|word|long|quad|byte|short|hword|int|set|equ|type|size"
        rb"|ifc|ifnc|ifb|ifnb|ifdef|ifndef|if|else|endif|err|error|inst|insn|org|fill|space|skip|ltorg|pool"
        rb"|cfi_\w+|arch|arch_extension|cpu|fpu|arm|thumb|syntax|option|set|module|ent|end|frame|mask|fmask"
        rb"|noreorder|reorder|local|weak|hidden|asciz|ascii|string|rodata|bss)\b(?![ \t]*[=.\[,;)])")
_GAS_LINE = lazy_compile(_GAS, re.M)
# assembler entry and end markers of the kernel's linkage.h
_ENTRY_LINE = lazy_compile(rb"^[ \t]*(?:SYM_(?:FUNC|CODE|DATA|INNER_LABEL)\w*|ENTRY|END|ENDPROC|GLOBAL|WEAK"
                         rb"|_?ASM_NOKPROBE|LEAF|NESTED|FEXPORT|EXPORT)\([^)\n]*\)[ \t]*$", re.M)
# linker-script commands at the start of a line
_LINKER_LINE = lazy_compile(rb"^[ \t]*(?:\.[ \t]*=[ \t]*ALIGN\(|\*\(\.|KEEP\(\*|SECTIONS\b|PROVIDE(?:_HIDDEN)?\("
                          rb"|\.[\w.$]+[ \t]+(?:\([^)\n]*\)[ \t]*)?:[ \t]*(?:AT\(|ALIGN\(|\{|$))", re.M)
# a line that starts like assembler or a linker script; `\n` first: a fast literal search.  Every
# alternative starts with `.`, `*` or `S`: the indentation is taken possessively and that byte looked
# at first, so a line of C costs one failed test, not one per byte of indentation (a third faster)
_TRIGGER = lazy_compile(rb"\n[ \t]*+(?=[.*S])(?:\.(?:macro|endm|text|globl|global|align|p2align|section|pushsection|word"
                      rb"|long|quad|set|type|size|byte|short|cfi_\w+|if|ifdef)\b(?![ \t]*[=.\[,;)])"
                      rb"|\*\(\.|SECTIONS\b|\.[ \t]*=[ \t]*ALIGN\()")
# what C looks like line by line: a statement or declaration ending in `;`, a function body opening
# (a line naming a gas macro argument `\reg` or starting with a numeric label `1:` is assembler)
_C_LINE = lazy_compile(rb"^(?![ \t]*\d+:)(?![^\n]*\\\w)[^\n]*(?:;|^\{|\)[ \t]*\{)[ \t]*$", re.M)
_GAS_ARGUMENT = lazy_compile(rb"^[^\n]*\\[A-Za-z_]", re.M)  # `\reg`: never C outside strings and directives
_COMMENT = lazy_compile(rb"/\*.*?\*/|//[^\n]*", re.S)
_STRING = lazy_compile(rb'"(?:[^"\\\n]|\\[\s\S])*"|\'(?:[^\'\\\n]|\\[\s\S])*\'')  # `\` continues it
_DIRECTIVE = lazy_compile(rb"^[ \t]*#(?:[^\n]*\\\r?\n)*[^\n]*", re.M)

ASSEMBLER = "assembler (gas directives; included from .S files, never compiled as C)"
LINKER_SCRIPT = "linker script (section layout; included from .lds.S, never compiled as C)"


def not_c(src: bytes, path: str = "") -> str | None:
    """Why this .c/.h file is not C, or None when it is (or may be) C."""
    if path.endswith(".lds.h"):
        return LINKER_SCRIPT
    if _TRIGGER.search(src) is None:  # nearly every file: one regex search and out
        return None
    code = c_compiler_view(src)
    c_lines = len(_C_LINE.findall(code))
    linker = len(_LINKER_LINE.findall(code))
    if linker >= 2 and linker > c_lines:
        return LINKER_SCRIPT
    gas = len(_GAS_LINE.findall(code)) + len(_ENTRY_LINE.findall(code)) + len(_GAS_ARGUMENT.findall(code))
    if gas >= 3 and gas > 2 * c_lines:
        return ASSEMBLER
    return None


def c_compiler_view(src: bytes) -> bytes:
    """The code a C compiler would see of any configuration: assembler and C++ arms, comments,
    strings and preprocessor lines removed."""
    views = conditionals.analyse(src)
    if views.dead:
        src = conditionals.blank(src, views.dead)
    return _DIRECTIVE.sub(b"", _STRING.sub(b'""', _COMMENT.sub(b" ", src)))
