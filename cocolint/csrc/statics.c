/* static_candidates(source): the structural half of passes.static_macros (every check but the name's).
 *
 *   _STATIC_CALL = (static[ \t]++(?:const[ \t]++)?)([A-Z][A-Z0-9_]*+)\(
 *
 * each match with only blanks before it on its line, whose parentheses close with a `;` after them,
 * and whose arguments are not one identifier (`static DEFINE_MUTEX(lock);` reads as a declaration).
 * Returns each (start, name start, `(`) in order: static_macros keeps those whose name is a static
 * macro of the MacroSet (cached Python) and blanks [start, name start).  The Python read the trigger
 * scan's `static`/`const` hits; here one memchr loop over the `s` of the file.
 * tests/test_native_statics.py compares both (passes.static_candidates_py is the pure-Python path).
 */
#include "native.h"

static inline int is_macro_byte(unsigned char c) { return is_upper(c) || is_digit(c) || c == '_'; }

/* _ONE_IDENT.fullmatch(src, a, b): \s*[A-Za-z_]\w*\s* */
static int one_ident(const unsigned char *s, Py_ssize_t a, Py_ssize_t b)
{
    while (a < b && is_space(s[a]))
        a++;
    if (a >= b || !is_ident_start(s[a]))
        return 0;
    for (a++; a < b && is_word(s[a]); a++)
        ;
    while (a < b && is_space(s[a]))
        a++;
    return a == b;
}

/* The regex and the checks at the `static` at p: the `(` after the name, or -1; *name: the name's start. */
static Py_ssize_t static_call(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, Py_ssize_t *name)
{
    Py_ssize_t j = p + 6;
    if (j >= n || !is_blank(s[j]))
        return -1;
    while (j < n && is_blank(s[j]))
        j++;
    if (n - j > 5 && memcmp(s + j, "const", 5) == 0 && is_blank(s[j + 5])) {
        for (j += 5; j < n && is_blank(s[j]); j++)
            ;
    }
    if (j >= n || !is_upper(s[j]))
        return -1;  /* (with `const` skipped, the name would start at its `c`) */
    *name = j;
    for (j++; j < n && is_macro_byte(s[j]); j++)
        ;
    if (j >= n || s[j] != '(')
        return -1;
    for (Py_ssize_t k = line_start(s, p); k < p; k++) {
        if (!is_blank(s[k]))
            return -1;  /* not at the start of its line */
    }
    Py_ssize_t close = cl_close_paren(s, n, j, 0);
    if (close < 0)
        return -1;
    Py_ssize_t after = cl_skip_space(s, n, close + 1, 1);
    if (after >= n || s[after] != ';' || one_ident(s, j + 1, close))
        return -1;
    return j;
}

static int fill_static_candidates(const unsigned char *s, Py_ssize_t n, PyObject *out)
{
    /* a match holds no other `static`: every match starts at one, and the matches are finditer's */
    for (Py_ssize_t p = 0; p + 6 <= n; p++) {
        const unsigned char *hit = memchr(s + p, 's', (size_t)(n - 5 - p));
        if (hit == NULL)
            break;
        p = hit - s;
        if (memcmp(s + p, "static", 6) != 0)
            continue;
        Py_ssize_t name = 0, open_at = static_call(s, n, p, &name);
        if (open_at < 0)
            continue;
        if (append_triple(out, p, name, open_at) < 0)
            return -1;
    }
    return 0;
}

static PyObject *static_candidates(PyObject *self, PyObject *arg)
{
    (void)self;
    return source_list(arg, fill_static_candidates);
}

static PyMethodDef methods[] = {
    {"static_candidates", static_candidates, METH_O,
     "static_candidates(source) -> [(start, name_start, open_at)]: passes.static_candidates_py(source)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(statics, methods)
