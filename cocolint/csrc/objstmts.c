/* object_statements(source, buf, out, names): cocolint/kernelc/object_statements.py's pass in C.
 *
 * names: the packaged member-list names that occur in source (the Python wrapper reads them off
 * the trigger scan).  The file's own statement macros are found here as _local finds them:
 *   _BODY_END = \\[ \t]*\r?\n[^\n\\]*;[ \t]*\r?\n   (searched at every backslash; resumes after a match)
 *   _DEFINE   = [ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w{3,})[ \t\\]   at the first line of that macro
 * The uses regex (?:NAME|...)\b matches only where a whole word is a name (the names are words):
 * a match inside a longer word is skipped by the pass anyway, so only words are looked up.
 * object_statements.object_statements_py stays the reference (tests/test_native_objstmts.py).
 */
#include "passbuf.h"

/* object_statements._continued: whether the line before line_start ends in a backslash. */
static int continued(const unsigned char *s, Py_ssize_t line_start)
{
    Py_ssize_t i = line_start - 2;
    while (i >= 0 && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
        i--;
    return i >= 0 && s[i] == '\\';
}

/* Whether the first byte of s[line:end] that is not a blank is `#`. */
static int directive(const unsigned char *s, Py_ssize_t line, Py_ssize_t end)
{
    while (line < end && is_blank(s[line]))
        line++;
    return line < end && s[line] == '#';
}

/* object_statements._code_before: the last code byte before start, directives skipped (-1: none). */
static Py_ssize_t code_before_directives(const unsigned char *s, Py_ssize_t n, Py_ssize_t start)
{
    Py_ssize_t i = start - 1;
    while (i >= 0) {
        i = cl_code_before(s, n, i);
        if (i < 0)
            return -1;
        Py_ssize_t line = rfind_byte(s, 0, i, '\n') + 1;
        if (!(directive(s, line, i + 1) || continued(s, line)))
            return i;
        while (continued(s, line))
            line = rfind_byte(s, 0, line - 1, '\n') + 1;
        i = line - 1;
    }
    return -1;
}

/* _BODY_END matched at the backslash p: the end of the match, or -1. */
static Py_ssize_t body_end(const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
{
    Py_ssize_t k = p + 1;
    while (k < n && is_blank(s[k]))
        k++;
    if (k < n && s[k] == '\r' && k + 1 < n && s[k + 1] == '\n')
        k++;
    if (k >= n || s[k] != '\n')
        return -1;
    Py_ssize_t from = ++k;
    while (k < n && s[k] != '\n' && s[k] != '\\')
        k++;
    if (k >= n || s[k] != '\n')
        return -1;
    Py_ssize_t j = k - 1;  /* back from the line's end: `\r`, blanks, then the `;` */
    if (j >= from && s[j] == '\r')
        j--;
    while (j >= from && is_blank(s[j]))
        j--;
    return j >= from && s[j] == ';' ? k + 1 : -1;
}

/* _DEFINE matched at line: adds its name. */
static int add_define(Words *w, const unsigned char *s, Py_ssize_t n, Py_ssize_t k)
{
    while (k < n && is_blank(s[k]))
        k++;
    if (k >= n || s[k] != '#')
        return 0;
    k++;
    while (k < n && is_blank(s[k]))
        k++;
    if (!starts_with(s, n, k, "define"))
        return 0;
    k += 6;
    Py_ssize_t blanks = k;
    while (k < n && is_blank(s[k]))
        k++;
    if (k == blanks || k >= n || !is_ident_start(s[k]))
        return 0;
    Py_ssize_t name = k++;
    while (k < n && is_word(s[k]))
        k++;
    if (k - name < 4 || k >= n || !(is_blank(s[k]) || s[k] == '\\'))
        return 0;
    return words_add(w, s + name, k - name, 0);
}

/* object_statements._local: the macros src defines over several lines with a body ending in `;`. */
static int local_macros(Words *w, const unsigned char *s, Py_ssize_t n)
{
    Py_ssize_t at = 0;
    for (;;) {
        const unsigned char *hit = at < n ? memchr(s + at, '\\', (size_t)(n - at)) : NULL;
        if (hit == NULL)
            return 0;
        Py_ssize_t p = hit - s, end = body_end(s, n, p);
        if (end < 0) {
            at = p + 1;
            continue;
        }
        Py_ssize_t line = rfind_byte(s, 0, p, '\n') + 1;
        for (;;) {  /* back to the first line of the macro: while the line before ends in a backslash */
            if (line <= 1)
                break;
            Py_ssize_t j = line - 2;
            while (j >= 0 && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
                j--;
            if (j < 0 || s[j] != '\\')
                break;
            line = rfind_byte(s, 0, line - 1, '\n') + 1;
        }
        if (add_define(w, s, n, line) < 0)
            return -1;
        at = end;
    }
}

static int is_start(unsigned char c) { return c == '{' || c == ';' || c == '}' || c == ')' || c == ':'; }

static int not_after(unsigned char c)
{
    return c != 0 && strchr(";(,)=[.-+*/|&?<>", c) != NULL;
}

static int uses(Pass *p, const Words *w)
{
    const unsigned char *s = p->s;
    Py_ssize_t n = p->n, prev_start = -1, prev_end = -1, i = 0;
    while (i < n) {
        if (!is_word(s[i])) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        while (i < n && is_word(s[i]))
            i++;
        Py_ssize_t end = i;
        if (words_find(w, s + start, end - start) == NULL || (start > 0 && s[start - 1] == '#'))
            continue;
        Py_ssize_t line = rfind_byte(s, 0, start, '\n') + 1;
        if (directive(s, line, start) || continued(s, line))
            continue;
        Py_ssize_t before = code_before_directives(s, n, start);
        if (before >= 0 && !is_start(s[before]) && !(prev_start <= before && before < prev_end))
            continue;
        Py_ssize_t gap = end;
        while (gap < n && is_blank(s[gap]))
            gap++;
        if (gap < n && not_after(s[gap])
                && !(gap + 1 < n && s[gap] == '/' && (s[gap + 1] == '*' || s[gap + 1] == '/')))
            continue;
        prev_start = start;
        prev_end = end;
        if (pass_buf(p) < 0)
            return -1;
        p->b[gap > end ? end : end - 1] = ';';
        if (pass_count(p, "object_statement", 1) < 0)
            return -1;
    }
    return 0;
}

static int all_word(const char *name, Py_ssize_t len)
{
    for (Py_ssize_t i = 0; i < len; i++) {
        if (!is_word((unsigned char)name[i]))
            return 0;
    }
    return len > 0;
}

static PyObject *object_statements(PyObject *self, PyObject *args)
{
    (void)self;
    Pass p;
    PyObject *names;
    if (pass_open(&p, args, "OOOO:object_statements", &names) < 0)
        return NULL;
    Words w = {0};
    PyObject *seq = PySequence_Fast(names, "object_statements: names is a list of bytes");
    int ok = seq == NULL ? -1 : 0;
    for (Py_ssize_t k = 0; ok == 0 && k < PySequence_Fast_GET_SIZE(seq); k++) {
        PyObject *name = PySequence_Fast_GET_ITEM(seq, k);
        if (!PyBytes_Check(name)) {
            PyErr_SetString(PyExc_TypeError, "object_statements: names is a list of bytes");
            ok = -1;
        } else if (!all_word(PyBytes_AS_STRING(name), PyBytes_GET_SIZE(name))) {
            /* the word lookup stands for the regex only when every name is a word */
            PyErr_SetString(PyExc_ValueError, "object_statements: each name is a non-empty identifier");
            ok = -1;
        } else {
            ok = words_add(&w, (const unsigned char *)PyBytes_AS_STRING(name), PyBytes_GET_SIZE(name), 0);
        }
    }
    if (ok == 0)
        ok = local_macros(&w, p.s, p.n);
    if (ok == 0 && w.count > 0)
        ok = uses(&p, &w);
    words_free(&w);
    Py_XDECREF(seq);
    return pass_close(&p, ok);
}

static PyMethodDef methods[] = {
    {"object_statements", object_statements, METH_VARARGS,
     "object_statements(source, buf, out, names) -> buf: object_statements.object_statements_py in C "
     "(names: the packaged member-list names found in source)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(objstmts, methods)
