/* case_ranges(source, buf): usage_passes.case_ranges_py's search, checks and writes in C.
 *
 * Every `...` not written ` ... ` and not part of a longer run of dots, on a line with no `#`
 * before it, where `(?:\bcase\b[^:;]*|\[[^\];]*)\Z` matches the line up to it (_CASE_BEFORE: a
 * `case` word with no `:` or `;` after it, or a `[` with no `]` or `;` after it), becomes ` - `
 * in buf.  Returns how many were written (the Python counts 2 bytes for each); the searches go on
 * in source, as the Python's do.  buf is as long as source (the wrapper checks).
 *
 * tests/test_native_usage.py compares it with case_ranges_py.
 */
#include "native.h"

#include <string.h>

/* _CASE_BEFORE.search(s, line_start, at) and no `#` in s[line_start, at) */
static int case_before(const unsigned char *s, Py_ssize_t line_start, Py_ssize_t at)
{
    Py_ssize_t stop = line_start - 1, bracket = 0;  /* the last `:` or `;`; whether a `[` is open */
    for (Py_ssize_t k = line_start; k < at; k++) {
        if (s[k] == '#')
            return 0;
        if (s[k] == ':' || s[k] == ';')
            stop = k;
    }
    for (Py_ssize_t k = at - 1; k >= line_start; k--) {  /* a `[` with no `]` or `;` after it */
        if (s[k] == ']' || s[k] == ';')
            break;
        if (s[k] == '[') {
            bracket = 1;
            break;
        }
    }
    if (bracket)
        return 1;
    /* `\bcase\b` starting after the last `:`/`;` (the `\b` before reads the byte before line_start too) */
    for (Py_ssize_t p = stop + 1 > line_start ? stop + 1 : line_start; p + 4 <= at; p++) {
        if (memcmp(s + p, "case", 4) == 0 && (p == 0 || !is_word(s[p - 1])) && (p + 4 == at || !is_word(s[p + 4])))
            return 1;
    }
    return 0;
}

/* s.find(b"...", from) */
static Py_ssize_t find_dots(const unsigned char *s, Py_ssize_t n, Py_ssize_t from)
{
    while (n - from >= 3) {
        const unsigned char *p = memchr(s + from, '.', (size_t)(n - from - 2));
        if (p == NULL)
            return -1;
        from = p - s;
        if (s[from + 1] == '.' && s[from + 2] == '.')
            return from;
        from++;
    }
    return -1;
}

static PyObject *case_ranges(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *source, *buffer;
    Py_buffer view, out;
    Py_ssize_t written = 0;
    if (!PyArg_ParseTuple(args, "OO:case_ranges", &source, &buffer))
        return NULL;
    if (PyObject_GetBuffer(source, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    if (PyObject_GetBuffer(buffer, &out, PyBUF_WRITABLE) < 0) {
        PyBuffer_Release(&view);
        return NULL;
    }
    const unsigned char *s = view.buf;
    unsigned char *o = out.buf;
    Py_ssize_t n = view.len;
    if (out.len != n) {
        PyErr_SetString(PyExc_ValueError, "case_ranges: buf is not as long as source");
        goto done;
    }
    for (Py_ssize_t at = find_dots(s, n, 0); at >= 0; at = find_dots(s, n, at + 3)) {
        int before = at > 0 ? s[at - 1] : -1, after = at + 3 < n ? s[at + 3] : -1;
        if ((before == ' ' && after == ' ') || after == '.' || before == '.')
            continue;
        Py_ssize_t line_start = at;
        while (line_start > 0 && s[line_start - 1] != '\n')
            line_start--;
        if (case_before(s, line_start, at)) {
            memcpy(o + at, " - ", 3);
            written++;
        }
    }
done:
    PyBuffer_Release(&out);
    PyBuffer_Release(&view);
    return PyErr_Occurred() ? NULL : PyLong_FromSsize_t(written);
}

static PyMethodDef methods[] = {
    {"case_ranges", case_ranges, METH_VARARGS,
     "case_ranges(source, buf) -> int: usage_passes.case_ranges_py's ` - ` writes into buf (as long as "
     "source); how many."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(usage, methods)
