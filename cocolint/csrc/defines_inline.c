/* define_openers(source): the searches of inline_directives._triggered, as a byte loop.
 *
 * _triggered visits the first `#define`/`#undef` at column 0 of each run of lines starting with
 * `#` (_DEFINE_LINE = #(?<=\n#)(?:define|undef), searched again after _RUN_END = \n(?!#), the end
 * of the run).  Where the line before does not start with `#`, it steps back over blanks and
 * newlines from the newline before the `#` to j; only a j that is an opener (`,({=`) or the end
 * of a comment (`*` `/`: code_before, in Python, steps over it) can decide.  Those j are returned
 * in the order visited, exactly inline_directives.define_openers_py; the decision stays in Python.
 */
#include "native.h"

#include <string.h>

/* _DEFINE_LINE.search(source, pos): the `#` of the first `\n#define` or `\n#undef` from pos, or -1 */
static Py_ssize_t define_line(const unsigned char *s, Py_ssize_t n, Py_ssize_t pos)
{
    while (pos < n) {
        const unsigned char *hit = memchr(s + pos, '#', (size_t)(n - pos));
        if (hit == NULL)
            return -1;
        Py_ssize_t h = hit - s;
        if (h >= 1 && s[h - 1] == '\n' &&
            ((n - h - 1 >= 6 && memcmp(s + h + 1, "define", 6) == 0) ||
             (n - h - 1 >= 5 && memcmp(s + h + 1, "undef", 5) == 0)))
            return h;
        pos = h + 1;
    }
    return -1;
}

/* _RUN_END.search(source, pos): the first newline from pos not followed by `#`, or -1 */
static Py_ssize_t run_end(const unsigned char *s, Py_ssize_t n, Py_ssize_t pos)
{
    while (pos < n) {
        const unsigned char *hit = memchr(s + pos, '\n', (size_t)(n - pos));
        if (hit == NULL)
            return -1;
        Py_ssize_t r = hit - s;
        if (r + 1 >= n || s[r + 1] != '#')
            return r;
        pos = r + 1;
    }
    return -1;
}

static PyObject *define_openers(PyObject *self, PyObject *arg)
{
    (void)self;
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *s = view.buf;
    Py_ssize_t n = view.len;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        goto fail;
    Py_ssize_t found = define_line(s, n, 0);
    while (found >= 0) {
        Py_ssize_t at = found - 1;  /* the newline before the `#` */
        Py_ssize_t line = at - 1;   /* src.rfind(b"\n", 0, at) + 1: the line before */
        while (line >= 0 && s[line] != '\n')
            line--;
        if (s[line + 1] != '#') {
            Py_ssize_t j = at - 1;
            while (j >= 0 && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'))
                j--;
            if ((j >= 1 && s[j] == '/' && s[j - 1] == '*') || (j >= 0 && is_opener(s[j]))) {
                if (append_offset(out, j) < 0)
                    goto fail;
            }
        }
        Py_ssize_t end = run_end(s, n, at + 1);
        if (end < 0)
            break;
        found = define_line(s, n, end);
    }
    PyBuffer_Release(&view);
    return out;
fail:
    Py_XDECREF(out);
    PyBuffer_Release(&view);
    return NULL;
}

static PyMethodDef methods[] = {
    {"define_openers", define_openers, METH_O,
     "define_openers(source) -> [offset]: inline_directives.define_openers_py(source), the code bytes "
     "before #define runs that may decide _triggered."},
    {NULL, NULL, 0, NULL},
};

int cocolint_add_defines_inline(PyObject *module)
{
    return PyModule_AddFunctions(module, methods);
}
