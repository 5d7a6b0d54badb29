/* call_gaps(source), last_names(source): where macro_runs.py's _CALL_GAP and _LAST_NAME regexes match.
 *
 * The two whole-file searches are nearly all of that pass's time (one regex step per `)` and per
 * `}` of the file); here they are a byte loop each, with the regexes' exact semantics:
 *
 *   _NEXT     = \n[ \t\n]*+(?:(?<=[ \t])(?=[A-Z_.{}])|(?=\};|#(?:if|endif)|/\*))
 *   _CALL_GAP = \)(?:_NEXT|(?<=\t\))\n[ \t\n]*+(?<=[ \t])(?=[a-z_]\w*[ \t]+[A-Za-z_*])
 *                    |[ \t]*\/\*[^\n]*?\*\/_NEXT)
 *   _LAST_NAME = \}(?<=[A-Z0-9_]\n\})
 *
 * tests/test_native_gaps.py compares both with the regexes (which remain the pure-Python path).
 */
#include "native.h"

#include <string.h>

static inline int space_or_newline(unsigned char c) { return c == ' ' || c == '\t' || c == '\n'; }

/* The end of the newline and blanks at i ([ \t\n]*+ after the \n), or -1 when s[i] is not a newline. */
static Py_ssize_t line_break(const unsigned char *s, Py_ssize_t n, Py_ssize_t i)
{
    if (i >= n || s[i] != '\n')
        return -1;
    for (i++; i < n && space_or_newline(s[i]); i++)
        ;
    return i;
}

/* _NEXT matched at i: its end, or -1. */
static Py_ssize_t next_item(const unsigned char *s, Py_ssize_t n, Py_ssize_t i)
{
    Py_ssize_t j = line_break(s, n, i);
    if (j < 0)
        return -1;
    /* (s[j - 1] is inside the match: the newline at i or a blank after it) */
    if (is_blank(s[j - 1]) && j < n && (is_upper(s[j]) || s[j] == '_' || s[j] == '.' || s[j] == '{' || s[j] == '}'))
        return j;
    if (starts_with(s, n, j, "};") || starts_with(s, n, j, "#if") || starts_with(s, n, j, "#endif") || starts_with(s, n, j, "/*"))
        return j;
    return -1;
}

/* The second alternative at the `)` at p: a tab before it, then a declaration's line. */
static Py_ssize_t member_line(const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
{
    if (p < 1 || s[p - 1] != '\t')
        return -1;
    Py_ssize_t j = line_break(s, n, p + 1);
    if (j < 0 || !is_blank(s[j - 1]) || j >= n || !(is_lower(s[j]) || s[j] == '_'))
        return -1;
    Py_ssize_t k = j + 1;
    while (k < n && is_word(s[k]))
        k++;
    if (k >= n || !is_blank(s[k]))
        return -1;
    while (k < n && is_blank(s[k]))
        k++;
    if (k < n && (is_upper(s[k]) || is_lower(s[k]) || s[k] == '_' || s[k] == '*'))
        return j;
    return -1;
}

/* The third alternative at the `)` at p: a comment on the rest of its line, then _NEXT.  The lazy
 * `[^\n]*?` tries each `*` `/` of the line in turn until _NEXT matches after one. */
static Py_ssize_t comment_then_next(const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
{
    Py_ssize_t k = p + 1;
    while (k < n && is_blank(s[k]))
        k++;
    if (!starts_with(s, n, k, "/*"))
        return -1;
    for (Py_ssize_t e = k + 2; e + 1 < n && s[e] != '\n'; e++) {
        if (s[e] == '*' && s[e + 1] == '/') {
            Py_ssize_t end = next_item(s, n, e + 2);
            if (end >= 0)
                return end;
        }
    }
    return -1;
}

static int fill_call_gaps(const unsigned char *s, Py_ssize_t n, PyObject *out)
{
    Py_ssize_t p = 0;
    while (p < n) {
        const unsigned char *hit = memchr(s + p, ')', (size_t)(n - p));
        if (hit == NULL)
            break;
        p = hit - s;
        Py_ssize_t end = next_item(s, n, p + 1);
        if (end < 0)
            end = member_line(s, n, p);
        if (end < 0)
            end = comment_then_next(s, n, p);
        if (end < 0) {
            p++;
            continue;
        }
        if (append_span(out, p, end) < 0)
            return -1;
        p = end;  /* finditer: the next match starts after this one (never empty: it holds the `)`) */
    }
    return 0;
}

static PyObject *call_gaps(PyObject *self, PyObject *arg)
{
    (void)self;
    return source_list(arg, fill_call_gaps);
}

static int fill_last_names(const unsigned char *s, Py_ssize_t n, PyObject *out)
{
    for (Py_ssize_t p = 2; p < n; p++) {
        const unsigned char *hit = memchr(s + p, '}', (size_t)(n - p));
        if (hit == NULL)
            break;
        p = hit - s;
        unsigned char c = s[p - 2];
        if (s[p - 1] == '\n' && (is_upper(c) || is_digit(c) || c == '_')) {
            if (append_offset(out, p) < 0)
                return -1;
        }
    }
    return 0;
}

static PyObject *last_names(PyObject *self, PyObject *arg)
{
    (void)self;
    return source_list(arg, fill_last_names);
}

static PyMethodDef methods[] = {
    {"call_gaps", call_gaps, METH_O,
     "call_gaps(source) -> [(start, end)]: the spans macro_runs._CALL_GAP.finditer(source) matches."},
    {"last_names", last_names, METH_O,
     "last_names(source) -> [offset]: where macro_runs._LAST_NAME.finditer(source) matches (a `}`)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(gaps, methods)
