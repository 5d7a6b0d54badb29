/* local_attributes(source, buf, out): cocolint/kernelc/local_attributes.py's pass in C.
 *
 *   _REGISTER_ASM = register\b[^;=(){}]*?\b((?:__asm__|__asm|asm)[ \t]*\()\"[^\"\n]*\"[ \t]*\)(?=[ \t]*[=;,])
 *   _DEFINE = #[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)\n]*\))?[ \t]+__attribute__[ \t]*\(\(
 *   uses    = \b(?:NAME|...)\b   (a name is a word: the whole word is looked up)
 *   _BEFORE_DECLARATOR = __attribute__[ \t]*\(\(   then its `)` followed by ` (*`
 * The lazy run of _REGISTER_ASM is tried byte by byte, as the regex tries it; the other regexes
 * match deterministically.  Each search resumes where its last match ended, as finditer does.
 * local_attributes.local_attributes_py stays the reference (tests/test_native_localattrs.py).
 */
#include "passbuf.h"

static int word_at(const unsigned char *s, Py_ssize_t n, Py_ssize_t i) { return i >= 0 && i < n && is_word(s[i]); }

/* The rest of _REGISTER_ASM from the asm keyword's end k: the end of the match, or -1. */
static Py_ssize_t asm_name(const unsigned char *s, Py_ssize_t n, Py_ssize_t k)
{
    while (k < n && is_blank(s[k]))
        k++;
    if (k + 1 >= n || s[k] != '(' || s[k + 1] != '"')
        return -1;
    k += 2;
    while (k < n && s[k] != '"' && s[k] != '\n')
        k++;
    if (k >= n || s[k] != '"')
        return -1;
    k++;
    while (k < n && is_blank(s[k]))
        k++;
    if (k >= n || s[k] != ')')
        return -1;
    Py_ssize_t end = ++k;
    while (k < n && is_blank(s[k]))
        k++;
    return k < n && (s[k] == '=' || s[k] == ';' || s[k] == ',') ? end : -1;
}

/* _REGISTER_ASM matched at p (`register` there): sets the asm name's start, returns the end (-1: no match). */
static Py_ssize_t register_asm(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, Py_ssize_t *name)
{
    static const char *const keywords[] = {"__asm__", "__asm", "asm"};
    Py_ssize_t k = p + 8;
    if (word_at(s, n, k))
        return -1;  /* `register\b` */
    for (;; k++) {
        if (word_at(s, n, k - 1) != word_at(s, n, k)) {
            for (int w = 0; w < 3; w++) {
                if (starts_with(s, n, k, keywords[w])) {
                    Py_ssize_t end = asm_name(s, n, k + (Py_ssize_t)strlen(keywords[w]));
                    if (end >= 0) {
                        *name = k;
                        return end;
                    }
                }
            }
        }
        if (k >= n || (s[k] != 0 && strchr(";=(){}", s[k]) != NULL))
            return -1;
    }
}

/* _DEFINE matched at the `#` at p: adds the name (flag: function-like), returns the end (-1: no match). */
static Py_ssize_t attribute_define(Words *w, const unsigned char *s, Py_ssize_t n, Py_ssize_t p, int *err)
{
    Py_ssize_t k = p + 1;
    while (k < n && is_blank(s[k]))
        k++;
    if (!starts_with(s, n, k, "define"))
        return -1;
    k += 6;
    Py_ssize_t blanks = k;
    while (k < n && is_blank(s[k]))
        k++;
    if (k == blanks || k >= n || !is_ident_start(s[k]))
        return -1;
    Py_ssize_t name = k++;
    while (k < n && is_word(s[k]))
        k++;
    Py_ssize_t name_end = k;
    int params = 0;
    if (k < n && s[k] == '(') {
        k++;
        while (k < n && s[k] != ')' && s[k] != '\n')
            k++;
        if (k >= n || s[k] != ')')
            return -1;
        k++;
        params = 1;
    }
    blanks = k;
    while (k < n && is_blank(s[k]))
        k++;
    if (k == blanks || !starts_with(s, n, k, "__attribute__"))
        return -1;
    k += 13;
    while (k < n && is_blank(s[k]))
        k++;
    if (!starts_with(s, n, k, "(("))
        return -1;
    if (words_add(w, s + name, name_end - name, params) < 0)
        *err = 1;
    return k + 2;
}

static int blank_span(Pass *p, Py_ssize_t start, Py_ssize_t end)
{
    if (pass_buf(p) < 0)
        return -1;
    return pass_count(p, "local_attribute", pass_blank(p, start, end));
}

/* The uses of the file's own attribute macros, outside directives and continuation lines. */
static int uses(Pass *p, const Words *w)
{
    const unsigned char *s = p->s;
    Py_ssize_t n = p->n, i = 0;
    while (i < n) {
        if (!is_word(s[i])) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        while (i < n && is_word(s[i]))
            i++;
        Word *name = words_find(w, s + start, i - start);
        if (name == NULL)
            continue;
        Py_ssize_t line = rfind_byte(s, 0, start, '\n') + 1, k = line;
        while (k < n && is_blank(s[k]))
            k++;
        if ((k < n && s[k] == '#') || (line > 1 && s[line - 2] == '\\'))
            continue;
        Py_ssize_t end = i;
        if (name->flag) {  /* function-like: its arguments too */
            if (end >= n || s[end] != '(')
                continue;
            end = cl_close_paren(s, n, end, 0) + 1;
            if (end <= 0)
                continue;
        }
        if (blank_span(p, start, end) < 0)
            return -1;
    }
    return 0;
}

static int rewrite(Pass *p, Words *w)
{
    const unsigned char *s = p->s;
    Py_ssize_t n = p->n, at = 0, p0;
    while ((p0 = cl_find(s, n, "register", 8, at, n)) >= 0) {
        Py_ssize_t name, end = register_asm(s, n, p0, &name);
        if (end < 0) {
            at = p0 + 1;
            continue;
        }
        if (blank_span(p, name, end) < 0)
            return -1;
        at = end;
    }
    if (cl_find(s, n, "__attribute__", 13, 0, n) < 0)
        return 0;
    for (at = 0; at < n;) {
        const unsigned char *hit = memchr(s + at, '#', (size_t)(n - at));
        if (hit == NULL)
            break;
        int err = 0;
        Py_ssize_t end = attribute_define(w, s, n, hit - s, &err);
        if (err)
            return -1;
        at = end >= 0 ? end : hit - s + 1;
    }
    if (w->count > 0 && uses(p, w) < 0)
        return -1;
    if (cl_find(s, n, ")) (*", 5, 0, n) < 0)
        return 0;
    at = 0;
    while ((p0 = cl_find(s, n, "__attribute__", 13, at, n)) >= 0) {
        Py_ssize_t k = p0 + 13;
        while (k < n && is_blank(s[k]))
            k++;
        if (!starts_with(s, n, k, "((")) {
            at = p0 + 1;
            continue;
        }
        at = k + 2;
        Py_ssize_t close = cl_close_paren(s, n, k, 0);
        if (close > 0 && starts_with(s, n, close + 1, " (*") && blank_span(p, p0, close + 1) < 0)
            return -1;
    }
    return 0;
}

static PyObject *local_attributes(PyObject *self, PyObject *args)
{
    (void)self;
    Pass p;
    if (pass_open(&p, args, "OOO:local_attributes", NULL) < 0)
        return NULL;
    Words w = {0};
    int ok = rewrite(&p, &w);
    words_free(&w);
    return pass_close(&p, ok);
}

static PyMethodDef methods[] = {
    {"local_attributes", local_attributes, METH_VARARGS,
     "local_attributes(source, buf, out) -> buf: local_attributes.local_attributes_py in C (same bytes, same counts)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(localattrs, methods)
