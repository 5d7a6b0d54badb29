/* statement_gaps(source): where passes.statement_macros writes its `;`s, in order.
 *
 * The macros this file defines with a body ending in `;` (defines.c's search, then the body's last
 * byte before blanks and `\`s): each `NAME(` of them (leftmost, not overlapping: as finditer over
 * their alternation), not part of a longer name, a member or a directive, whose parentheses close and
 * which a statement follows (a letter, `_` or `}` after blanks) with a space or tab between: that
 * first space or tab.  tests/test_native_statements.py compares both (passes.statement_gaps_py is the
 * pure-Python path).
 */
#include "native.h"

#include <stdlib.h>

typedef struct { Py_ssize_t start, len; } Span;

static int by_start(const void *a, const void *b)
{
    Py_ssize_t x = ((const Span *)a)->start, y = ((const Span *)b)->start;
    return (x > y) - (x < y);
}

/* Append to *v (size *k, room *cap); 0, or -1 with MemoryError set. */
static int push(Span **v, Py_ssize_t *k, Py_ssize_t *cap, Py_ssize_t start, Py_ssize_t len)
{
    if (*k == *cap) {
        Py_ssize_t room = *cap ? *cap * 2 : 64;
        Span *grown = PyMem_Realloc(*v, (size_t)room * sizeof(Span));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        *v = grown;
        *cap = room;
    }
    (*v)[*k].start = start;
    (*v)[*k].len = len;
    (*k)++;
    return 0;
}

/* _NOT_BEFORE_CALL: a name's byte, `.`, `>` or `#` */
static inline int not_before_call(unsigned char c) { return is_word(c) || c == '.' || c == '>' || c == '#'; }

/* The statement macros' names (unique, by first definition): 0, or -1 with an exception set. */
static int statement_names(const unsigned char *s, Py_ssize_t n, Span **names, Py_ssize_t *k, Py_ssize_t *cap)
{
    for (Py_ssize_t p = 0; p < n;) {
        const unsigned char *hit = memchr(s + p, '#', (size_t)(n - p));
        if (hit == NULL)
            break;
        p = hit - s;
        Py_ssize_t name = 0, open_at = cocolint_define_fn_long(s, n, p, &name);
        if (open_at < 0) {
            p++;
            continue;
        }
        p = open_at + 1;
        Py_ssize_t last = directive_end(s, n, open_at + 1) - 1;
        while (is_blank(s[last]) || s[last] == '\\' || s[last] == '\r' || s[last] == '\n')
            last--;  /* (the `(` stops it) */
        if (s[last] != ';')
            continue;
        Py_ssize_t len = open_at - name, seen = 0;
        for (Py_ssize_t i = 0; i < *k && !seen; i++)
            seen = (*names)[i].len == len && memcmp(s + (*names)[i].start, s + name, (size_t)len) == 0;
        if (!seen && push(names, k, cap, name, len) < 0)
            return -1;
    }
    return 0;
}

/* Every `NAME(` of names, by start: 0, or -1 with an exception set. */
static int name_calls(const unsigned char *s, Py_ssize_t n, const Span *names, Py_ssize_t k, Span **hits,
                      Py_ssize_t *h, Py_ssize_t *cap)
{
    for (Py_ssize_t i = 0; i < k; i++) {
        const unsigned char *name = s + names[i].start;
        Py_ssize_t len = names[i].len;
        for (Py_ssize_t at = 0; at + len < n;) {
            const unsigned char *hit = memchr(s + at, name[0], (size_t)(n - len - at));
            if (hit == NULL)
                break;
            at = hit - s;
            if (memcmp(s + at, name, (size_t)len) == 0 && s[at + len] == '(' && push(hits, h, cap, at, len) < 0)
                return -1;
            at++;
        }
    }
    qsort(*hits, (size_t)*h, sizeof(Span), by_start);
    return 0;
}

/* The gap for the call at start whose `(` is at open_at, or -1. */
static Py_ssize_t call_gap(const unsigned char *s, Py_ssize_t n, Py_ssize_t start, Py_ssize_t open_at)
{
    if (start > 0 && not_before_call(s[start - 1]))
        return -1;
    Py_ssize_t k = line_start(s, start);
    while (k < start && is_blank(s[k]))
        k++;
    if (k < start && s[k] == '#')
        return -1;  /* in a directive */
    Py_ssize_t close = cl_close_paren(s, n, open_at, 0);
    if (close < 0)
        return -1;
    Py_ssize_t nxt = cl_skip_space(s, n, close + 1, 1);
    if (nxt >= n || !(is_upper(s[nxt]) || is_lower(s[nxt]) || s[nxt] == '_' || s[nxt] == '}'))
        return -1;
    Py_ssize_t gap = close + 1;
    while (gap < nxt && !is_blank(s[gap]))
        gap++;
    return gap < nxt ? gap : -1;
}

/* statement_gaps' search into out: 0, or -1 with an exception set */
static int fill_statement_gaps(const unsigned char *s, Py_ssize_t n, PyObject *out)
{
    if (n == 0 || memchr(s, ';', (size_t)n) == NULL)
        return 0;  /* no body ends in `;` (the Python's quick exit; the search below would find none) */
    Span *names = NULL, *hits = NULL;
    Py_ssize_t k = 0, kcap = 0, h = 0, hcap = 0;
    int rc = -1;
    if (statement_names(s, n, &names, &k, &kcap) < 0 || name_calls(s, n, names, k, &hits, &h, &hcap) < 0)
        goto done;
    Py_ssize_t until = 0;  /* leftmost, not overlapping: a call starts after the last one's `(` */
    for (Py_ssize_t i = 0; i < h; i++) {
        Py_ssize_t start = hits[i].start, open_at = start + hits[i].len;
        if (start < until)
            continue;
        until = open_at + 1;
        Py_ssize_t gap = call_gap(s, n, start, open_at);
        if (gap >= 0 && append_offset(out, gap) < 0)
            goto done;
    }
    rc = 0;
done:
    PyMem_Free(names);
    PyMem_Free(hits);
    return rc;
}

static PyObject *statement_gaps(PyObject *self, PyObject *arg)
{
    (void)self;
    return source_list(arg, fill_statement_gaps);
}

static PyMethodDef methods[] = {
    {"statement_gaps", statement_gaps, METH_O,
     "statement_gaps(source) -> [offset]: passes.statement_gaps_py(source), where statement_macros writes `;`."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(statements, methods)
