/* braced_calls(source, buf, out): cocolint/kernelc/braced_calls.py's pass in C.
 *
 *   _HIT       = , (?:\.[A-Za-z_]\w*[ \t]*=[ \t]*)?\{   tried at every `, ` (its matches cannot overlap)
 *   _CAPITALS  = [A-Z][A-Z0-9_]*\Z
 *   _DEFINE_FN = #[ \t]*+define[ \t]++([A-Za-z_]\w*+)\(   (the file's function-like macros, read once when needed)
 * _opener walks back over brackets of any kind within WINDOW (3000) bytes; MAX_HITS (2000) braced
 * items are looked at per file, counted after the byte-before filter as the Python counts them.
 * braced_calls.braced_calls_py stays the reference (tests/test_native_braced.py).
 */
#include "passbuf.h"

#define WINDOW 3000
#define MAX_HITS 2000

/* _HIT matched at the `, ` at p: the `{`, or -1. */
static Py_ssize_t hit_brace(const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
{
    Py_ssize_t k = p + 2;
    if (k < n && s[k] == '.') {
        k++;
        if (k >= n || !is_ident_start(s[k]))
            return -1;
        while (k < n && is_word(s[k]))
            k++;
        while (k < n && is_blank(s[k]))
            k++;
        if (k >= n || s[k] != '=')
            return -1;
        k++;
        while (k < n && is_blank(s[k]))
            k++;
    }
    return k < n && s[k] == '{' ? k : -1;
}

static int item_before(unsigned char c)
{
    return is_word(c) || c == ')' || c == ']' || c == '"' || c == '\'';
}

/* braced_calls._opener: the unmatched bracket before at (within WINDOW bytes), or -1. */
static Py_ssize_t opener(const unsigned char *s, Py_ssize_t at)
{
    Py_ssize_t depth = 0, lo = at - WINDOW > 0 ? at - WINDOW : 0;
    for (Py_ssize_t k = at - 1; k >= lo; k--) {
        unsigned char c = s[k];
        if (c == ')' || c == '}' || c == ']')
            depth++;
        else if (c == '(' || c == '{' || c == '[') {
            if (depth == 0)
                return k;
            depth--;
        }
    }
    return -1;
}

/* _DEFINE_FN's names, every match (finditer: they cannot overlap, each holds one `#`). */
static int defined_names(Words *w, const unsigned char *s, Py_ssize_t n)
{
    for (Py_ssize_t at = 0; at < n;) {
        const unsigned char *hit = memchr(s + at, '#', (size_t)(n - at));
        if (hit == NULL)
            return 0;
        Py_ssize_t k = hit - s + 1;
        at = k;
        while (k < n && is_blank(s[k]))
            k++;
        if (!starts_with(s, n, k, "define"))
            continue;
        k += 6;
        Py_ssize_t blanks = k;
        while (k < n && is_blank(s[k]))
            k++;
        if (k == blanks || k >= n || !is_ident_start(s[k]))
            continue;
        Py_ssize_t name = k++;
        while (k < n && is_word(s[k]))
            k++;
        if (k < n && s[k] == '(') {
            if (words_add(w, s + name, k - name, 0) < 0)
                return -1;
            at = k + 1;
        }
    }
    return 0;
}

static int capitals(const unsigned char *s, Py_ssize_t start, Py_ssize_t end)
{
    if (!is_upper(s[start]))
        return 0;
    for (Py_ssize_t k = start + 1; k < end; k++) {
        if (!(is_upper(s[k]) || is_digit(s[k]) || s[k] == '_'))
            return 0;
    }
    return 1;
}

static int rewrite(Pass *p, Words *defined, int *have_defined)
{
    const unsigned char *s = p->s;
    Py_ssize_t n = p->n, done = 0, hits = 0;
    for (Py_ssize_t at = 0; hits < MAX_HITS;) {
        Py_ssize_t comma = cl_find(s, n, ", ", 2, at, n);
        if (comma < 0)
            return 0;
        at = comma + 1;
        Py_ssize_t brace = hit_brace(s, n, comma);
        if (brace < 0 || comma == 0 || !item_before(s[comma - 1]))
            continue;
        hits++;
        if (brace < done)
            continue;
        Py_ssize_t open = opener(s, brace);
        if (open < 0 || s[open] != '(')
            continue;
        Py_ssize_t j = open;
        while (j > 0 && is_word(s[j - 1]))
            j--;
        if (j == open)
            continue;
        if (!capitals(s, j, open)) {
            if (!*have_defined) {
                if (defined_names(defined, s, n) < 0)
                    return -1;
                *have_defined = 1;
            }
            if (words_find(defined, s + j, open - j) == NULL)
                continue;
        }
        Py_ssize_t close = cl_close_paren(s, n, open, 1);
        if (close < brace)
            continue;
        Py_ssize_t before = cl_code_before(s, n, j - 1), after = cl_skip_space(s, n, close + 1, 1);
        if (before < 0 || after >= n || !(s[before] == '{' || s[before] == ',' || s[before] == '='))
            continue;
        if (!(s[after] == ',' || s[after] == '}' || (s[before] == '=' && s[after] == ';')))
            continue;
        if (pass_buf(p) < 0)
            return -1;
        if (memcmp(p->b + j, s + j, (size_t)(open + 1 - j)) != 0 || p->b[close] != s[close])
            continue;  /* already rewritten by another pass */
        Py_ssize_t changed = pass_blank(p, j, open) + 2;
        p->b[open] = '{';
        p->b[close] = '}';
        if (pass_count(p, "braced_call", changed) < 0)
            return -1;
        done = close;
    }
    return 0;
}

static PyObject *braced_calls(PyObject *self, PyObject *args)
{
    (void)self;
    Pass p;
    if (pass_open(&p, args, "OOO:braced_calls", NULL) < 0)
        return NULL;
    int ok = 0, have_defined = 0;
    Words defined = {0};
    if (p.n > 0 && memchr(p.s, '{', (size_t)p.n) != NULL)
        ok = rewrite(&p, &defined, &have_defined);
    words_free(&defined);
    return pass_close(&p, ok);
}

static PyMethodDef methods[] = {
    {"braced_calls", braced_calls, METH_VARARGS,
     "braced_calls(source, buf, out) -> buf: braced_calls.braced_calls_py in C (same bytes, same counts)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(braced, methods)
