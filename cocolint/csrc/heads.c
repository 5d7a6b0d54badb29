/* fragment_head(source, endpos): where fragments.py's _SKIP regex stops, matched at 0 (kind()).
 *
 *   _SKIP = (?:\s++|COMMENT|//[^\n]*+|#[^\n]*+(?:(?:(?<=\\)|(?<=\\\r))\n[^\n]*+)*+)*+
 *
 * blank space, comments (the first star-slash closes; an unclosed one stops the match), `//`
 * lines, and directive lines with their `\` (or `\` CR) continuations, from the first byte; the
 * text ends at endpos (clipped to [0, len], as re clips it).  Every alternative consumes a byte,
 * nothing follows the possessive loop: the first alternative that matches is taken each time.
 * tests/test_native_heads.py compares both (fragments.fragment_head_py is the pure-Python path).
 */
#include "native.h"

#include <string.h>

/* The end of the comment opened at i (s[i], s[i + 1] are the slash and star), or -1: not closed before n. */
static Py_ssize_t comment_end(const unsigned char *s, Py_ssize_t n, Py_ssize_t i)
{
    Py_ssize_t close = find2(s, i + 2, n, '*', '/');
    return close < 0 ? -1 : close + 2;
}

static Py_ssize_t head(const unsigned char *s, Py_ssize_t n)
{
    Py_ssize_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (is_space(c)) {
            while (i < n && is_space(s[i]))
                i++;
        } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            Py_ssize_t e = comment_end(s, n, i);
            if (e < 0)
                return i;
            i = e;
        } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
            i = line_end(s, n, i + 2);
        } else if (c == '#') {
            i = line_end(s, n, i + 1);
            /* a newline after `\` or `\` CR continues the directive (the lookbehinds see the line read) */
            while (i < n && (s[i - 1] == '\\' || (i >= 2 && s[i - 1] == '\r' && s[i - 2] == '\\')))
                i = line_end(s, n, i + 1);
        } else {
            return i;
        }
    }
    return i;
}

static PyObject *fragment_head(PyObject *self, PyObject *args)
{
    (void)self;
    Py_buffer view;
    Py_ssize_t endpos;
    if (!PyArg_ParseTuple(args, "y*n:fragment_head", &view, &endpos))
        return NULL;
    Py_ssize_t n = endpos < 0 ? 0 : (endpos > view.len ? view.len : endpos);
    Py_ssize_t end = head(view.buf, n);
    PyBuffer_Release(&view);
    return PyLong_FromSsize_t(end);
}

static PyMethodDef methods[] = {
    {"fragment_head", fragment_head, METH_VARARGS,
     "fragment_head(source, endpos) -> int: fragments._SKIP.match(source, 0, endpos).end()."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(heads, methods)
