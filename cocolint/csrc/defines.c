/* define_fns_long(source): where passes.py's _DEFINE_FN_LONG regex matches (statement_macros).
 *
 *   _DEFINE_FN_LONG = #[ \t]*+define[ \t]++([A-Za-z_]\w*+)\((?=[^\n]*;|[^\n]*\/\*|[^\n]*\\[ \t\r]*(?:\n|\Z))
 *
 * (its `/` before the `\*` is written `\/` here: written plainly, it would end this comment)
 * a function-like #define whose first line, after the `(`, holds a `;` or opens a comment or ends
 * in a `\` (blanks and \r after it).  The whole-file finditer was most of statement_macros' time;
 * here a byte loop from `#` to `#` with the regex's exact semantics returns each match's group 1
 * span.  tests/test_native_defines.py compares both (passes.define_fns_long_py is the pure-Python path).
 */
#include "native.h"

#include <string.h>

/* The lookahead at r (after the `(`): the rest of the line has a `;`, a comment opener, or ends in `\` [ \t\r]*. */
static int long_first_line(const unsigned char *s, Py_ssize_t n, Py_ssize_t r)
{
    const unsigned char *nl = memchr(s + r, '\n', (size_t)(n - r));
    Py_ssize_t eol = nl != NULL ? nl - s : n;
    for (Py_ssize_t i = r; i < eol; i++) {
        if (s[i] == ';' || (s[i] == '/' && i + 1 < eol && s[i + 1] == '*'))
            return 1;
    }
    Py_ssize_t t = eol - 1;
    while (t >= r && (is_blank(s[t]) || s[t] == '\r'))
        t--;
    return t >= r && s[t] == '\\';
}

/* The regex tried at the `#` at p: the end of its name (the `(` follows), or -1 (native.h: statements.c uses it). */
Py_ssize_t cocolint_define_fn_long(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, Py_ssize_t *name)
{
    Py_ssize_t j = p + 1;
    while (j < n && is_blank(s[j]))
        j++;
    if (n - j < 6 || memcmp(s + j, "define", 6) != 0)
        return -1;
    j += 6;
    if (j >= n || !is_blank(s[j]))
        return -1;
    while (j < n && is_blank(s[j]))
        j++;
    if (j >= n || !is_ident_start(s[j]))
        return -1;
    *name = j;
    for (j++; j < n && is_word(s[j]); j++)
        ;
    if (j >= n || s[j] != '(' || !long_first_line(s, n, j + 1))
        return -1;
    return j;
}

static int fill_define_fns_long(const unsigned char *s, Py_ssize_t n, PyObject *out)
{
    Py_ssize_t p = 0;
    while (p < n) {
        const unsigned char *hit = memchr(s + p, '#', (size_t)(n - p));
        if (hit == NULL)
            break;
        p = hit - s;
        Py_ssize_t name = 0;
        Py_ssize_t end = cocolint_define_fn_long(s, n, p, &name);
        if (end < 0) {
            p++;
            continue;
        }
        if (append_span(out, name, end) < 0)
            return -1;
        p = end + 1;  /* finditer: the next match starts after this one's `(` */
    }
    return 0;
}

static PyObject *define_fns_long(PyObject *self, PyObject *arg)
{
    (void)self;
    return source_list(arg, fill_define_fns_long);
}

static PyMethodDef methods[] = {
    {"define_fns_long", define_fns_long, METH_O,
     "define_fns_long(source) -> [(start, end)]: the name of each passes._DEFINE_FN_LONG.finditer(source) match."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(defines, methods)
