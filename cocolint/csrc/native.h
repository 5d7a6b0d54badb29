/* cocolint's native speed-ups: each source file adds its functions and types to the module. */
#ifndef COCOLINT_NATIVE_H
#define COCOLINT_NATIVE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Byte classes as the regexes of the Python originals read them (bytes patterns: ASCII only). */
static inline int is_blank(unsigned char c) { return c == ' ' || c == '\t'; }                /* [ \t] */
static inline int is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }  /* \s */
static inline int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static inline int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline int is_ident_start(unsigned char c) { return is_upper(c) || is_lower(c) || c == '_'; }
static inline int is_word(unsigned char c) { return is_ident_start(c) || is_digit(c); }      /* \w */
static inline int is_opener(unsigned char c) { return c == ',' || c == '(' || c == '{' || c == '='; }

/* Append (a, b) or the offset a to list: 0, or -1 with an exception set. */
static inline int append_span(PyObject *list, Py_ssize_t a, Py_ssize_t b)
{
    PyObject *span = Py_BuildValue("(nn)", a, b);
    int rc = span == NULL ? -1 : PyList_Append(list, span);
    Py_XDECREF(span);
    return rc;
}

static inline int append_offset(PyObject *list, Py_ssize_t a)
{
    PyObject *at = PyLong_FromSsize_t(a);
    int rc = at == NULL ? -1 : PyList_Append(list, at);
    Py_XDECREF(at);
    return rc;
}

static inline int append_triple(PyObject *list, Py_ssize_t a, Py_ssize_t b, Py_ssize_t c)
{
    PyObject *t = Py_BuildValue("(nnn)", a, b, c);
    int rc = t == NULL ? -1 : PyList_Append(list, t);
    Py_XDECREF(t);
    return rc;
}

/* The METH_O searches that read a source buffer and return a list: fill(s, n, out) appends to out (a new,
 * empty list) and returns 0, or -1 with an exception set; source_list(source, fill) gets the buffer,
 * makes the list, calls fill and releases the buffer: the list, or NULL. */
typedef int (*source_fill)(const unsigned char *s, Py_ssize_t n, PyObject *out);

static inline PyObject *source_list(PyObject *source, source_fill fill)
{
    Py_buffer view;
    if (PyObject_GetBuffer(source, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out != NULL && fill((const unsigned char *)view.buf, view.len, out) < 0)
        Py_CLEAR(out);
    PyBuffer_Release(&view);
    return out;
}

/* int cocolint_add_<part>(module): adds the file's PyMethodDef table (no `;` after it) */
#define COCOLINT_ADD_METHODS(part, methods) \
    int cocolint_add_##part(PyObject *module) { return PyModule_AddFunctions(module, methods); }

/* comments.c: comment_spans(source), blank_comments(source), as cocolint/engine/comments.py */
int cocolint_add_comments(PyObject *module);
/* literals.c: Literals(list of bytes) with find_all(source) -> every occurrence, overlapping */
int cocolint_add_literals(PyObject *module);
/* gate.c: the Hits type (starts(mask), found(mask)) and the split of Literals.scan_gate; gate_result
 * takes over at (n (literal, start, end) triples, PyMem_Raw) even when it fails */
int cocolint_add_gate(PyObject *module);
PyObject *cocolint_gate_result(Py_ssize_t *at, Py_ssize_t n, Py_ssize_t anchor_count, Py_ssize_t first_name);
/* trace.c: trace_events(source, buf) -> (buf, bytes changed): trace_events.py's pass */
int cocolint_add_trace(PyObject *module);
/* contexts.c: enclosing(source, at), brace_contexts(source, offsets): macro_runs.py's brace walk */
int cocolint_add_contexts(PyObject *module);
/* gaps.c: call_gaps(source), last_names(source): macro_runs.py's two whole-file searches */
int cocolint_add_gaps(PyObject *module);
/* directives.c: directive_lines(source) -> the #if lines, as cocolint/kernelc/conditionals.py */
int cocolint_add_directives(PyObject *module);
/* One directive found: (word index as conditionals.WORDS, line start, after the word, end). */
struct cocolint_directive {
    int word;
    Py_ssize_t line_start, after, end;
};
struct cocolint_directives {
    struct cocolint_directive *v;
    Py_ssize_t len, cap;
};
/* conditionals.directive_end(s, pos); *unclosed: n at first, then kept between calls on one source
 * (from there on no comment closes: many directives opening comments never closed stay linear) */
Py_ssize_t cocolint_directive_end(const unsigned char *s, Py_ssize_t pos, Py_ssize_t n, Py_ssize_t *unclosed);
/* directive_lines' search into d (free d->v with PyMem_Free): 0, or -1 when memory runs out */
int cocolint_directive_scan(const unsigned char *s, Py_ssize_t n, struct cocolint_directives *d);
/* usage.c: case_ranges(source, buf): usage_passes.case_ranges' writes, counted */
int cocolint_add_usage(PyObject *module);
/* conditionals.c: analyse_conditionals(source, max_views): conditionals.analyse's groups and views */
int cocolint_add_conditionals(PyObject *module);
/* blank.c: blank_spans(source, spans): conditionals.blank; blank_view(...): conditionals.view (the #if views) */
int cocolint_add_blank(PyObject *module);
/* defines.c: define_fns_long(source): passes.py's _DEFINE_FN_LONG search (statement_macros) */
int cocolint_add_defines(PyObject *module);
/* ... and its match at the `#` at p: the end of the name (the `(` follows), or -1; *name: its start */
Py_ssize_t cocolint_define_fn_long(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, Py_ssize_t *name);
/* defines_inline.c: define_openers(source): the searches of inline_directives._triggered;
 * inline_directive_spans(source, opened, look): inline_directives.inline_directives_py */
int cocolint_add_defines_inline(PyObject *module);
/* heads.c: fragment_head(source, endpos): where fragments.py's _SKIP stops (comments and directives) */
int cocolint_add_heads(PyObject *module);
/* scan.c: scan.py's byte helpers (blank, skip_space, code_before, close_paren, _close_paren,
 * top_commas, call_parens) for Python; the C-level cl_* ones are in helpers.h (included below) */
int cocolint_add_scan(PyObject *module);
/* the close of call_parens (its open in *open_at), -1: None, -2: an IndexError set */
Py_ssize_t cl_call_parens(const unsigned char *s, Py_ssize_t n, Py_ssize_t end, Py_ssize_t *open_at);
/* candidates.c: CandidateLoop(resolve, type_keywords).run(source, spans, hits): the normaliser's candidate loop */
int cocolint_add_candidates(PyObject *module);
/* bare.c, statics.c, statements.c, define_comments.c, variadic.c: passes.py's bare_macros, static_macros,
 * statement_macros, define_comments and variadic_params searches (bare_candidates, static_candidates,
 * statement_gaps, define_comment_spans, variadic_spans) */
int cocolint_add_bare(PyObject *module);
int cocolint_add_statics(PyObject *module);
int cocolint_add_statements(PyObject *module);
int cocolint_add_define_comments(PyObject *module);
int cocolint_add_variadic(PyObject *module);
/* declared.c, objstmts.c, opargs.c, braced.c, localattrs.c: whole-file passes (source, buf, out) -> buf
 * (declared_names, object_statements, operator_args, braced_calls, local_attributes), see passbuf.h */
int cocolint_add_declared(PyObject *module);
int cocolint_add_objstmts(PyObject *module);
int cocolint_add_opargs(PyObject *module);
int cocolint_add_braced(PyObject *module);
int cocolint_add_localattrs(PyObject *module);

/* the byte helpers shared by every file (static inline, each defined once) */
#include "helpers.h"

#endif
