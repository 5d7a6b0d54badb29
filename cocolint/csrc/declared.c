/* declared_names(source, buf, out): cocolint/kernelc/declared_names.py's pass in C.
 *
 *   _ENUM       = enum(?:[ \t\r\n]+[A-Za-z_]\w*)?[ \t\r\n]*\{
 *   _ENUMERATOR = ([A-Z][A-Za-z0-9_]*)\(([\w \t,]*)\)(?=[ \t]*(?:[,=}\n]|/[*\/]))   searched up to the enum's `}`
 *   _DECLARATOR = (?:static[ \t]+|const[ \t]+)*([A-Z][A-Za-z0-9_]*)\(([\w \t,]*)\) = \{   at a line start
 *
 * Each regex matches deterministically (no class can give back a byte the next part needs), so a
 * match is read left to right.  _ENUMERATOR's search is the regex's, with the text ending at the
 * enum's `}` (the lookahead never sees it); a failed start fails for every later start inside the
 * same word.  The trigger literals (`enum`, `) = {`) are searched here: every occurrence, as the
 * scan's hits give them.  declared_names.declared_names_py stays the reference (tests/test_native_declared.py).
 */
#include "passbuf.h"

static inline int is_enum_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
static inline int is_arg(unsigned char c) { return is_word(c) || c == ' ' || c == '\t' || c == ','; }

/* _ENUM matched at p (`enum` there): its end, or -1. */
static Py_ssize_t match_enum(const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
{
    Py_ssize_t i = p + 4, k = i;
    while (k < n && is_enum_space(s[k]))
        k++;
    if (k > i && k < n && is_ident_start(s[k])) {  /* the tag, then blanks */
        k++;
        while (k < n && is_word(s[k]))
            k++;
        while (k < n && is_enum_space(s[k]))
            k++;
    }
    return k < n && s[k] == '{' ? k + 1 : -1;
}

/* declared_names._join: `(a, b)` at start..end as `_a__b_` (` a__b_` for a declaration). */
static int join(Pass *p, Py_ssize_t start, Py_ssize_t end, const char *kind, int declaration)
{
    const unsigned char *s = p->s;
    Py_ssize_t a = start + 1, z = end - 1;
    while (a < z && is_space(s[a]))
        a++;
    while (z > a && is_space(s[z - 1]))
        z--;
    if (a >= z || memchr(s + a, '\n', (size_t)(z - a)) != NULL)
        return 0;
    if (p->b != NULL && memcmp(p->b + start, s + start, (size_t)(end - start)) != 0)
        return 0;
    if (pass_buf(p) < 0)
        return -1;
    Py_ssize_t lead = 0, changed = 0;
    while (start + 1 + lead < end && is_space(s[start + 1 + lead]))
        lead++;
    for (Py_ssize_t k = start; k < end; k++) {
        unsigned char c = is_word(s[k]) ? s[k] : '_';  /* the span holds only ASCII: _JOIN's class */
        if (declaration && k < start + 1 + lead)
            c = ' ';
        changed += c != s[k];
        p->b[k] = c;
    }
    return pass_count(p, kind, changed);
}

/* The enumerators written as calls in the enum whose body starts at from. */
static int enumerators(Pass *p, Py_ssize_t from)
{
    const unsigned char *s = p->s;
    const unsigned char *close = memchr(s + from, '}', (size_t)(p->n - from));
    if (close == NULL)
        return 0;
    Py_ssize_t end = close - s;
    if (memchr(s + from, '(', (size_t)(end - from)) == NULL)
        return 0;
    Py_ssize_t i = from;
    while (i < end) {
        if (!is_upper(s[i])) {
            i++;
            continue;
        }
        Py_ssize_t q = i + 1;
        while (q < end && is_word(s[q]))
            q++;
        if (q < end && s[q] == '(') {
            Py_ssize_t r = q + 1;
            while (r < end && is_arg(s[r]))
                r++;
            if (r < end && s[r] == ')') {
                Py_ssize_t t = r + 1;
                while (t < end && is_blank(s[t]))
                    t++;
                if (t < end && (s[t] == ',' || s[t] == '=' || s[t] == '}' || s[t] == '\n'
                                || (s[t] == '/' && t + 1 < end && (s[t + 1] == '*' || s[t + 1] == '/')))) {
                    Py_ssize_t before = cl_code_before(s, p->n, i - 1);
                    if (before >= 0 && (s[before] == '{' || s[before] == ',')
                            && join(p, q, r + 1, "enumerator_call", 0) < 0)
                        return -1;
                    i = r + 1;
                    continue;
                }
            }
        }
        i = q;  /* every later start in this word reads the same tail */
    }
    return 0;
}

/* _DECLARATOR matched at line: sets the `(` and the `)`; 0 when it does not match. */
static int match_declarator(const unsigned char *s, Py_ssize_t n, Py_ssize_t k, Py_ssize_t *open, Py_ssize_t *close)
{
    for (;;) {
        Py_ssize_t w = starts_with(s, n, k, "static") ? 6 : starts_with(s, n, k, "const") ? 5 : 0;
        if (w == 0 || k + w >= n || !is_blank(s[k + w]))
            break;
        k += w;
        while (k < n && is_blank(s[k]))
            k++;
    }
    if (k >= n || !is_upper(s[k]))
        return 0;
    k++;
    while (k < n && is_word(s[k]))
        k++;
    if (k >= n || s[k] != '(')
        return 0;
    *open = k++;
    while (k < n && is_arg(s[k]))
        k++;
    if (k >= n || s[k] != ')' || !starts_with(s, n, k + 1, " = {"))
        return 0;
    *close = k;
    return 1;
}

static PyObject *declared_names(PyObject *self, PyObject *args)
{
    (void)self;
    Pass p;
    if (pass_open(&p, args, "OOO:declared_names", NULL) < 0)
        return NULL;
    const unsigned char *s = p.s;
    Py_ssize_t n = p.n, done = 0, at = 0;
    int ok = 0;
    while (ok == 0 && (at = cl_find(s, n, "enum", 4, at, n)) >= 0) {
        if (at >= done) {
            Py_ssize_t end = match_enum(s, n, at);
            if (end >= 0) {
                done = end;
                if (!(at > 0 && is_word(s[at - 1])))
                    ok = enumerators(&p, end);
            }
        }
        at++;
    }
    at = 0;
    while (ok == 0 && (at = cl_find(s, n, ") = {", 5, at, n)) >= 0) {
        Py_ssize_t line = rfind_byte(s, 0, at, '\n') + 1, open, close;
        if (match_declarator(s, n, line, &open, &close) && close == at)
            ok = join(&p, open, close + 1, "declarator_call", 1);
        at++;
    }
    return pass_close(&p, ok);
}

static PyMethodDef methods[] = {
    {"declared_names", declared_names, METH_VARARGS,
     "declared_names(source, buf, out) -> buf: declared_names.declared_names_py in C (same bytes, same counts)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(declared, methods)
