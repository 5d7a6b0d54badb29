/* cocolint's native speed-ups: each source file adds its functions and types to the module. */
#ifndef COCOLINT_NATIVE_H
#define COCOLINT_NATIVE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* comments.c: comment_spans(source), blank_comments(source), as cocolint/engine/comments.py */
int cocolint_add_comments(PyObject *module);
/* literals.c: Literals(list of bytes) with find_all(source) -> every occurrence, overlapping */
int cocolint_add_literals(PyObject *module);
/* gaps.c: call_gaps(source), last_names(source): macro_runs.py's two whole-file searches */
int cocolint_add_gaps(PyObject *module);
/* directives.c: directive_lines(source) -> the #if lines, as cocolint/kernelc/conditionals.py */
int cocolint_add_directives(PyObject *module);
/* blank.c: blank_spans(source, spans): conditionals.blank (the #if views) */
int cocolint_add_blank(PyObject *module);
/* defines.c: define_fns_long(source): passes.py's _DEFINE_FN_LONG search (statement_macros) */
int cocolint_add_defines(PyObject *module);
/* defines_inline.c: define_openers(source): the searches of inline_directives._triggered */
int cocolint_add_defines_inline(PyObject *module);
/* heads.c: fragment_head(source, endpos): where fragments.py's _SKIP stops (comments and directives) */
int cocolint_add_heads(PyObject *module);

#endif
