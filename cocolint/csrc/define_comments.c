/* define_comment_spans(source): the comments passes.define_comments blanks, in order.
 *
 * For each continued line (`\` then `\r?\n`) after the last directive read: back to the first line of
 * its directive (lines ending in `\`), on to its end (conditionals.directive_end); when that directive
 * is a `#define` (`[ \t]*#[ \t]*define\b`) holding a comment opener, each comment inside it.  The Python
 * does this with three regexes; here a byte loop returns the spans and define_comments blanks them.
 * tests/test_native_define_comments.py compares both (passes.define_comment_spans_py: the pure-Python path).
 */
#include "native.h"

/* _CONTINUATION.search(src, from): the `\` of the next `\\\r?\n`, or -1; *end: the match's end. */
static Py_ssize_t continuation(const unsigned char *s, Py_ssize_t n, Py_ssize_t from, Py_ssize_t *end)
{
    while (from < n) {
        const unsigned char *hit = memchr(s + from, '\\', (size_t)(n - from));
        if (hit == NULL)
            return -1;
        Py_ssize_t p = hit - s;
        if (p + 1 < n && s[p + 1] == '\n') {
            *end = p + 2;
            return p;
        }
        if (p + 2 < n && s[p + 1] == '\r' && s[p + 2] == '\n') {
            *end = p + 3;
            return p;
        }
        from = p + 1;
    }
    return -1;
}

/* _DEFINE_START.match(src, p): [ \t]*#[ \t]*define\b */
static int define_start(const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
{
    while (p < n && is_blank(s[p]))
        p++;
    if (p >= n || s[p] != '#')
        return 0;
    for (p++; p < n && is_blank(s[p]); p++)
        ;
    if (n - p < 6 || memcmp(s + p, "define", 6) != 0)
        return 0;
    return p + 6 == n || !is_word(s[p + 6]);
}

static int fill_define_comment_spans(const unsigned char *s, Py_ssize_t n, PyObject *out)
{
    Py_ssize_t done = 0, cont_end = 0, cont;
    while ((cont = continuation(s, n, done, &cont_end)) >= 0) {
        Py_ssize_t start = line_start(s, cont);
        while (start > 1 && s[start - 2] == '\\')  /* back to the first line of the directive */
            start = line_start(s, start - 1);
        Py_ssize_t end = directive_end(s, n, start);
        done = end > cont_end ? end : cont_end;
        if (!define_start(s, n, start) || find2(s, start, end, '/', '*') < 0)
            continue;
        for (Py_ssize_t at = start;;) {  /* _COMMENT.finditer(src, start, end) */
            Py_ssize_t open = find2(s, at, end, '/', '*');
            if (open < 0)
                break;
            Py_ssize_t close = find2(s, open + 2, end, '*', '/');
            if (close < 0)
                break;  /* (no later opener closes either) */
            if (append_span(out, open, close + 2) < 0)
                return -1;
            at = close + 2;
        }
    }
    return 0;
}

static PyObject *define_comment_spans(PyObject *self, PyObject *arg)
{
    (void)self;
    return source_list(arg, fill_define_comment_spans);
}

static PyMethodDef methods[] = {
    {"define_comment_spans", define_comment_spans, METH_O,
     "define_comment_spans(source) -> [(start, end)]: passes.define_comment_spans_py(source)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(define_comments, methods)
