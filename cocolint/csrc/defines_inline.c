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

/* The run of #define/#undef lines whose first `#` is at found: the byte before it that may decide
 * _triggered (the end of a comment, or one of `,({=`), or -1 (none, or the line before is a directive) */
static Py_ssize_t run_opener(const unsigned char *s, Py_ssize_t found)
{
    Py_ssize_t at = found - 1;  /* the newline before the `#` */
    Py_ssize_t line = at - 1;   /* src.rfind(b"\n", 0, at) + 1: the line before */
    while (line >= 0 && s[line] != '\n')
        line--;
    if (s[line + 1] == '#')
        return -1;
    Py_ssize_t j = at - 1;
    while (j >= 0 && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'))
        j--;
    if ((j >= 1 && s[j] == '/' && s[j - 1] == '*') || (j >= 0 && is_opener(s[j])))
        return j;
    return -1;
}

static int fill_define_openers(const unsigned char *s, Py_ssize_t n, PyObject *out)
{
    Py_ssize_t found = define_line(s, n, 0);
    while (found >= 0) {
        Py_ssize_t j = run_opener(s, found);
        if (j >= 0 && append_offset(out, j) < 0)
            return -1;
        Py_ssize_t end = run_end(s, n, found);
        if (end < 0)
            break;
        found = define_line(s, n, end);
    }
    return 0;
}

static PyObject *define_openers(PyObject *self, PyObject *arg)
{
    (void)self;
    return source_list(arg, fill_define_openers);
}

/* inline_directives._triggered(source, look=False): one of TRIGGERS is known to occur (the caller
 * looks for them: a bytes `in` is quicker than a byte loop here) */
static int triggered(const unsigned char *s, Py_ssize_t n)
{
    Py_ssize_t found = define_line(s, n, 0);
    while (found >= 0) {
        Py_ssize_t j = run_opener(s, found);
        if (j >= 0 && s[j] == '/')
            j = cl_code_before(s, n, j);
        if (j >= 0 && is_opener(s[j]))
            return 1;
        Py_ssize_t end = run_end(s, n, found);
        if (end < 0)
            break;
        found = define_line(s, n, end);
    }
    return 0;
}

/* _DIRECTIVE / _FRAGMENT_DIRECTIVE .match(s, start): `^[ \t]*#[ \t]*(words)\b` */
static int directive_word(const unsigned char *s, Py_ssize_t n, Py_ssize_t i, int opened)
{
    static const char *const words[] = { "define", "undef", "pragma", "error", "warning", "include" };
    size_t count = opened ? 6 : 5;
    while (i < n && is_blank(s[i]))
        i++;
    if (i >= n || s[i] != '#')
        return 0;
    i++;
    while (i < n && is_blank(s[i]))
        i++;
    for (size_t k = 0; k < count; k++) {
        Py_ssize_t len = (Py_ssize_t)strlen(words[k]);
        if (n - i >= len && memcmp(s + i, words[k], (size_t)len) == 0 && (i + len == n || !is_word(s[i + len])))
            return 1;
    }
    return 0;
}

/* The next line starting with `#` after blanks at or after from (a line start): (start, after the `#`) */
static Py_ssize_t next_directive_line(const unsigned char *s, Py_ssize_t n, Py_ssize_t from, Py_ssize_t *hash_end)
{
    while (from < n) {
        Py_ssize_t i = from;
        while (i < n && is_blank(s[i]))
            i++;
        if (i < n && s[i] == '#') {
            *hash_end = i + 1;
            return from;
        }
        const unsigned char *nl = memchr(s + i, '\n', (size_t)(n - i));
        if (nl == NULL)
            return -1;
        from = nl - s + 1;
    }
    return -1;
}

static PyObject *inline_directive_spans(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *source;
    int opened;
    Py_buffer view;
    if (!PyArg_ParseTuple(args, "Op:inline_directive_spans", &source, &opened))
        return NULL;
    if (PyObject_GetBuffer(source, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *s = view.buf;
    Py_ssize_t n = view.len, last = 0, unclosed = n, start, hash_end = 0, line = 0;
    int before = 0;  /* the last code byte before `last` (0: none yet) */
    PyObject *out = PyList_New(0);
    if (out == NULL || (!opened && !triggered(s, n)))
        goto done;
    while ((start = next_directive_line(s, n, line, &hash_end)) >= 0) {
        const unsigned char *nl = memchr(s + hash_end, '\n', (size_t)(n - hash_end));
        line = nl == NULL ? n : nl - s + 1;  /* the next line after this one's `#` */
        if (start < last)
            continue;  /* inside the previous directive's continuation lines */
        Py_ssize_t at = start ? cl_code_before(s, n, start - 1) : -1;
        if (at >= last)
            before = s[at];
        Py_ssize_t end = cocolint_directive_end(s, hash_end, n, &unclosed);
        if (opened ? directive_word(s, n, start, 1) : is_opener((unsigned char)before) && directive_word(s, n, start, 0)) {
            if (append_span(out, start, end) < 0) {
                Py_CLEAR(out);
                goto done;
            }
        }
        last = end;
    }
done:
    PyBuffer_Release(&view);
    return out;
}

static PyMethodDef methods[] = {
    {"inline_directive_spans", inline_directive_spans, METH_VARARGS,
     "inline_directive_spans(source, opened) -> [(start, end)]: inline_directives.inline_directives_py"
     "(source, opened, maybe=True): one of its TRIGGERS known to occur."},
    {"define_openers", define_openers, METH_O,
     "define_openers(source) -> [offset]: inline_directives.define_openers_py(source), the code bytes "
     "before #define runs that may decide _triggered."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(defines_inline, methods)
