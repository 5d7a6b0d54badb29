/* variadic_spans(source): the GNU variadic parameter names passes.variadic_params blanks, in order.
 *
 *   _VARIADIC_DEFINE = #[ \t]*+define[ \t]++\w++\([^)\n]*?(\w+)\.\.\.\)
 *
 * group 1 of each finditer match: in a function-like #define's parameter list (no `)` or newline
 * before it), the first name followed by `...)` (`#define pr(fmt, args...)`: `args`).  The lazy
 * `[^)\n]*?` reaches each word at its first byte, and a word not followed by `...)` is passed whole
 * (any later start in it ends at the same byte).  A file with no `...)` after a name byte has none.
 * tests/test_native_variadic.py compares both (passes.variadic_spans_py is the pure-Python path).
 */
#include "native.h"

/* The regex at the `#` at p: the end of the match, or -1; *a, *b: group 1. */
static Py_ssize_t variadic_define(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, Py_ssize_t *a, Py_ssize_t *b)
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
    if (j >= n || !is_word(s[j]))
        return -1;
    while (j < n && is_word(s[j]))
        j++;
    if (j >= n || s[j] != '(')
        return -1;
    for (j++; j < n && s[j] != ')' && s[j] != '\n';) {
        if (!is_word(s[j])) {
            j++;
            continue;
        }
        Py_ssize_t e = j;
        while (e < n && is_word(s[e]))
            e++;
        if (n - e >= 4 && memcmp(s + e, "...)", 4) == 0) {
            *a = j;
            *b = e;
            return e + 4;
        }
        j = e;
    }
    return -1;
}

/* Whether some `...)` follows a name byte (passes.variadic_params' quick exit). */
static int any_named_ellipsis(const unsigned char *s, Py_ssize_t n)
{
    for (Py_ssize_t at = 1; at + 4 <= n; at++) {
        const unsigned char *hit = memchr(s + at, '.', (size_t)(n - 3 - at));
        if (hit == NULL)
            return 0;
        at = hit - s;
        if (memcmp(s + at, "...)", 4) == 0 && is_word(s[at - 1]))
            return 1;
    }
    return 0;
}

static int fill_variadic_spans(const unsigned char *s, Py_ssize_t n, PyObject *out)
{
    if (!any_named_ellipsis(s, n))
        return 0;
    for (Py_ssize_t p = 0; p < n;) {
        const unsigned char *hit = memchr(s + p, '#', (size_t)(n - p));
        if (hit == NULL)
            break;
        p = hit - s;
        Py_ssize_t a = 0, b = 0, end = variadic_define(s, n, p, &a, &b);
        if (end < 0) {
            p++;
            continue;
        }
        if (append_span(out, a, b) < 0)
            return -1;
        p = end;
    }
    return 0;
}

static PyObject *variadic_spans(PyObject *self, PyObject *arg)
{
    (void)self;
    return source_list(arg, fill_variadic_spans);
}

static PyMethodDef methods[] = {
    {"variadic_spans", variadic_spans, METH_O,
     "variadic_spans(source) -> [(start, end)]: passes.variadic_spans_py(source)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(variadic, methods)
