/* bare_candidates(source): the structural half of passes.bare_macros (every check but the name's).
 *
 * A capital name of two or more [A-Z0-9_] at the start of a line (or of the file) followed by `(` or by
 * the line's end, that is not a one-line statement (ONE_LINE_STATEMENT), whose parentheses close, with
 * nothing but blanks or a comment after it on its line, and not followed by `{=;,)` or an indented line.
 * Returns each (start, name end, end) in order: bare_macros keeps those whose name is a bare macro of
 * the MacroSet (static_macro and kind, cached Python) and blanks [start, end).  The Python tried its
 * _BARE_CALL regex at every `\n` + capital the trigger scan found; here one memchr loop reads the file.
 * tests/test_native_bare.py compares both (passes.bare_candidates_py is the pure-Python path).
 */
#include "native.h"

static inline int is_macro_byte(unsigned char c) { return is_upper(c) || is_digit(c) || c == '_'; }

/* The end of the blanked span of a candidate whose name starts at start, or -1; *name_end: its name's end. */
static Py_ssize_t bare_call(const unsigned char *s, Py_ssize_t n, Py_ssize_t start, Py_ssize_t *name_end)
{
    Py_ssize_t j = start + 1;
    while (j < n && is_macro_byte(s[j]))
        j++;
    if (j == start + 1)
        return -1;  /* [A-Z][A-Z0-9_]++: two bytes at least */
    if (j >= n)
        return -1;
    if (s[j] != '(') {  /* (?=[ \t]*\r?\n) */
        Py_ssize_t k = j;
        while (k < n && is_blank(s[k]))
            k++;
        if (k < n && s[k] == '\r')
            k++;
        if (k >= n || s[k] != '\n')
            return -1;
    }
    *name_end = j;
    Py_ssize_t end = j;
    if (s[j] == '(') {
        if (one_line_statement(s, n, j))
            return -1;  /* `EXPORT_SYMBOL(x);` */
        Py_ssize_t close = cl_close_paren(s, n, j, 0);
        if (close < 0)
            return -1;
        end = close + 1;
    }
    Py_ssize_t eol = line_end(s, n, end);
    Py_ssize_t a = end, b = eol;  /* the rest of the line: blanks and \r only, or a comment */
    while (a < b && (is_blank(s[a]) || s[a] == '\r'))
        a++;
    while (b > a && (is_blank(s[b - 1]) || s[b - 1] == '\r'))
        b--;
    if (a < b) {
        Py_ssize_t k = end;
        while (k < eol && is_space(s[k]))
            k++;
        if (!(k + 1 < eol && s[k] == '/' && (s[k + 1] == '*' || s[k + 1] == '/')))
            return -1;  /* more code on the line */
    }
    Py_ssize_t nxt = cl_skip_space(s, n, eol, 1);
    if (nxt < n) {
        unsigned char c = s[nxt];
        if (c == '{' || c == '=' || c == ';' || c == ',' || c == ')' || is_blank(s[nxt - 1]))
            return -1;  /* a function header, an initialiser, or an indented continuation */
    }
    return end;
}

static int fill_bare_candidates(const unsigned char *s, Py_ssize_t n, PyObject *out)
{
    Py_ssize_t start = n > 0 && is_upper(s[0]) ? 0 : -1;  /* _BARE_FIRST at the very start */
    Py_ssize_t p = 0;
    for (;;) {
        if (start >= 0) {
            Py_ssize_t name_end = 0, end = bare_call(s, n, start, &name_end);
            if (end >= 0) {
                if (append_triple(out, start, name_end, end) < 0)
                    return -1;
            }
        }
        start = -1;
        if (p >= n)
            break;
        const unsigned char *nl = memchr(s + p, '\n', (size_t)(n - p));
        if (nl == NULL)
            break;
        p = nl - s + 1;
        if (p < n && is_upper(s[p]))
            start = p;  /* _BARE_CALL: `\n` then a capital */
    }
    return 0;
}

static PyObject *bare_candidates(PyObject *self, PyObject *arg)
{
    (void)self;
    return source_list(arg, fill_bare_candidates);
}

static PyMethodDef methods[] = {
    {"bare_candidates", bare_candidates, METH_O,
     "bare_candidates(source) -> [(start, name_end, end)]: passes.bare_candidates_py(source)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(bare, methods)
