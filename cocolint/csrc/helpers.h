/* The byte helpers every C file shares, each defined once (static inline: the hot passes inline them).
 *
 * cl_*: cocolint/kernelc/scan.py's blank, skip_space, code_before, close_paren, _close_paren and
 * top_commas (scan.c wraps them for Python; tests/test_native_scan.py compares them with the Python).
 * Offsets are read as the Python reads them: a str.find/rfind/count or a slice clips (and counts a
 * negative offset from the end), a regex search or match clips its pos and endpos to [0, len].
 * find2/rfind2, line_start/line_end: bytes.find/rfind of a two-byte needle and of b"\n".
 * one_line_statement: passes.ONE_LINE_STATEMENT.match.  (conditionals.directive_end is
 * cocolint_directive_end, directives.c.)  Every function reads s[0:n] and never past n.
 */
#ifndef COCOLINT_HELPERS_H
#define COCOLINT_HELPERS_H

#include "native.h"

#include <string.h>

#define MAX_ARGS 4000  /* scan.MAX_ARGS: close_paren looks no further */

/* a slice's [*a, *b) as Python reads src[a:b] (and bytes.find(x, a, b)) */
static inline void cl_slice(Py_ssize_t n, Py_ssize_t *a, Py_ssize_t *b)
{
    if (*a < 0) {
        *a += n;
        if (*a < 0)
            *a = 0;
    } else if (*a > n) {
        *a = n;
    }
    if (*b < 0) {
        *b += n;
        if (*b < 0)
            *b = 0;
    } else if (*b > n) {
        *b = n;
    }
}

static inline Py_ssize_t cl_clip(Py_ssize_t x, Py_ssize_t n) { return x < 0 ? 0 : (x > n ? n : x); }

/* bytes.find(sub, a, b) for a sub of k >= 1 bytes, or -1 */
static inline Py_ssize_t cl_find(const unsigned char *s, Py_ssize_t n, const char *sub, Py_ssize_t k, Py_ssize_t a,
                                 Py_ssize_t b)
{
    cl_slice(n, &a, &b);
    while (a + k <= b) {
        const unsigned char *hit = memchr(s + a, (unsigned char)sub[0], (size_t)(b - k + 1 - a));
        if (hit == NULL)
            return -1;
        a = hit - s;
        if (memcmp(hit, sub, (size_t)k) == 0)
            return a;
        a++;
    }
    return -1;
}

/* bytes.rfind(sub, a, b) for a sub of k >= 1 bytes, or -1 */
static inline Py_ssize_t cl_rfind(const unsigned char *s, Py_ssize_t n, const char *sub, Py_ssize_t k, Py_ssize_t a,
                                  Py_ssize_t b)
{
    cl_slice(n, &a, &b);
    for (Py_ssize_t i = b - k; i >= a; i--) {
        if (s[i] == (unsigned char)sub[0] && memcmp(s + i, sub, (size_t)k) == 0)
            return i;
    }
    return -1;
}

/* The first p in [from, to - 1) with s[p] == a and s[p + 1] == b (s.find(ab, from, to), to <= n), or -1. */
static inline Py_ssize_t find2(const unsigned char *s, Py_ssize_t from, Py_ssize_t to, unsigned char a,
                               unsigned char b)
{
    if (from < 0)
        from = 0;
    while (from + 1 < to) {
        const unsigned char *hit = memchr(s + from, a, (size_t)(to - 1 - from));
        if (hit == NULL)
            return -1;
        Py_ssize_t p = hit - s;
        if (s[p + 1] == b)
            return p;
        from = p + 1;
    }
    return -1;
}

/* The last p in [from, to - 1) with s[p] == a and s[p + 1] == b (s.rfind(ab, from, to), from >= 0), or -1. */
static inline Py_ssize_t rfind2(const unsigned char *s, Py_ssize_t from, Py_ssize_t to, unsigned char a,
                                unsigned char b)
{
    for (Py_ssize_t p = to - 2; p >= from; p--) {
        if (s[p] == a && s[p + 1] == b)
            return p;
    }
    return -1;
}

/* src.rfind(b"\n", 0, to) + 1 for to >= 0: where the line holding offset to starts. */
static inline Py_ssize_t line_start(const unsigned char *s, Py_ssize_t to)
{
    while (to > 0 && s[to - 1] != '\n')
        to--;
    return to;
}

/* src.find(b"\n", from) for from >= 0, or n. */
static inline Py_ssize_t line_end(const unsigned char *s, Py_ssize_t n, Py_ssize_t from)
{
    if (from >= n)
        return n;
    const unsigned char *nl = memchr(s + from, '\n', (size_t)(n - from));
    return nl != NULL ? nl - s : n;
}

/* s[at:].startswith(lit) */
static inline int starts_with(const unsigned char *s, Py_ssize_t n, Py_ssize_t at, const char *lit)
{
    size_t m = strlen(lit);
    return at >= 0 && at + (Py_ssize_t)m <= n && memcmp(s + at, lit, m) == 0;
}

/* conditionals.directive_end(src, pos): the end of the directive starting at pos (continuation lines
 * and a comment opened on it included): the `\n` ending it, or n. */
static inline Py_ssize_t directive_end(const unsigned char *s, Py_ssize_t n, Py_ssize_t pos)
{
    Py_ssize_t unclosed = n;
    return cocolint_directive_end(s, pos < n ? pos : n, n, &unclosed);
}

/* scan.skip_space's set: whitespace and a line continuation's backslash */
static inline int is_skip(unsigned char c) { return is_space(c) || c == '\\'; }

/* scan.skip_space(src, i, step) */
static inline Py_ssize_t cl_skip_space(const unsigned char *s, Py_ssize_t n, Py_ssize_t i, Py_ssize_t step)
{
    while (0 <= i && i < n && is_skip(s[i]))
        i += step;
    return i;
}

/* scan.code_before(src, i) for i < n (or i <= 0; the Python raises IndexError on a first i >= n > 0):
 * the last code byte at or before i (comments and whitespace skipped), or -1 from i >= -1.
 * A `//` counts as a comment when an even number of `"` precede it on its line. */
static inline Py_ssize_t cl_code_before(const unsigned char *s, Py_ssize_t n, Py_ssize_t i)
{
    for (;;) {
        i = cl_skip_space(s, n, i, -1);
        if (i > 0 && s[i] == '/' && s[i - 1] == '*') {  /* the end of a comment */
            Py_ssize_t opened = cl_rfind(s, n, "/*", 2, 0, i - 1);
            if (opened < 0)
                return i;
            i = opened - 1;
            continue;
        }
        Py_ssize_t line = cl_rfind(s, n, "\n", 1, 0, i) + 1;
        Py_ssize_t slashes = cl_find(s, n, "//", 2, line, i + 1);
        if (slashes >= 0) {
            Py_ssize_t a = line, b = slashes, quotes = 0;
            cl_slice(n, &a, &b);
            for (Py_ssize_t k = a; k < b; k++)
                quotes += s[k] == '"';
            if (quotes % 2 == 0) {
                i = slashes - 1;
                continue;
            }
        }
        return i;
    }
}

/* scan._close_paren: each special byte ( ) " ' ; { } or a comment opener up to n read in turn */
static inline Py_ssize_t cl_close_paren_slow(const unsigned char *s, Py_ssize_t len, Py_ssize_t open_at, Py_ssize_t n,
                                             int statements)
{
    Py_ssize_t depth = 0, end = cl_clip(n, len), i = cl_clip(open_at, len);
    for (;;) {
        while (i < end) {  /* the regex search: [()"';{}]|/\* */
            unsigned char c = s[i];
            if (c == '(' || c == ')' || c == '"' || c == '\'' || c == ';' || c == '{' || c == '}'
                    || (c == '/' && i + 1 < end && s[i + 1] == '*'))
                break;
            i++;
        }
        if (i >= end)
            return -1;
        unsigned char c = s[i];
        if (c == '(') {
            depth++;
        } else if (c == ')') {
            if (--depth == 0)
                return i;
        } else if (c == '"' || c == '\'') {  /* the closing quote, a newline, or the end */
            i++;
            while (i < end) {
                if (s[i] == '\\') {
                    if (i + 1 >= end)
                        break;
                    i += 2;
                } else if (s[i] == c || s[i] == '\n') {
                    break;
                } else {
                    i++;
                }
            }
        } else if (c == '/') {
            Py_ssize_t e = cl_find(s, len, "*/", 2, i + 2, end);
            if (e < 0)
                return -1;
            i = e + 1;
        } else if (!statements) {
            return -1;
        }
        i++;
        /* (after a quote or a comment i may pass end: the next search finds nothing) */
        if (i > end)
            i = end;
    }
}

/* scan.close_paren(src, open_at, statements): the `)` balancing the `(` at open_at within MAX_ARGS
 * bytes, strings and comments respected; -1 (also at a `;`, `{` or `}` unless statements). */
static inline Py_ssize_t cl_close_paren(const unsigned char *s, Py_ssize_t len, Py_ssize_t open_at, int statements)
{
    Py_ssize_t n = open_at > PY_SSIZE_T_MAX - MAX_ARGS ? len : open_at + MAX_ARGS;
    if (n > len)
        n = len;
    if (open_at == PY_SSIZE_T_MAX)
        return -1;  /* (past any buffer: no `(`, nothing found) */
    Py_ssize_t a = open_at, b = open_at + 1;
    cl_slice(len, &a, &b);
    if (b - a == 1 && s[a] == '(') {  /* the usual: the first `)`, with nothing special before it */
        Py_ssize_t close = cl_find(s, len, ")", 1, open_at + 1, n);
        if (close > 0) {
            Py_ssize_t x = open_at + 1, y = close;
            cl_slice(len, &x, &y);
            int plain = 1;
            for (Py_ssize_t k = x; k < y && plain; k++) {
                unsigned char c = s[k];
                if (c == '(' || c == ')' || c == '"' || c == '\'' || (c == '/' && k + 1 < y && s[k + 1] == '*'))
                    plain = 0;
                else if (!statements && (c == ';' || c == '{' || c == '}'))
                    plain = 0;
            }
            if (plain)
                return close;
        }
    }
    return cl_close_paren_slow(s, len, open_at, n, statements);
}

/* scan.top_commas: how many top-level commas (outside nested () and []); the first cap written to out */
static inline Py_ssize_t cl_top_commas(const unsigned char *s, Py_ssize_t len, Py_ssize_t open_at, Py_ssize_t close_at,
                                       Py_ssize_t *out, Py_ssize_t cap)
{
    Py_ssize_t count = 0;
    Py_ssize_t a = open_at + 1, b = close_at;
    cl_slice(len, &a, &b);
    int nested = 0;
    for (Py_ssize_t k = a; k < b && !nested; k++)
        nested = s[k] == '(' || s[k] == ')' || s[k] == '[' || s[k] == ']';
    if (close_at > open_at && !nested) {  /* the usual: nothing nested */
        for (Py_ssize_t k = a; k < b; k++) {
            if (s[k] == ',') {
                if (count < cap)
                    out[count] = k;
                count++;
            }
        }
        return count;
    }
    Py_ssize_t depth = 0, end = cl_clip(close_at, len);
    for (Py_ssize_t k = cl_clip(open_at + 1, len); k < end; k++) {
        unsigned char c = s[k];
        if (c == ',') {
            if (depth == 0) {
                if (count < cap)
                    out[count] = k;
                count++;
            }
        } else if (c == '(' || c == '[') {
            depth++;
        } else if (c == ')' || c == ']') {
            depth--;
        }
    }
    return count;
}

/* scan.blank(buf, start, end) on a writable buf: buf[start:end] to spaces (newlines kept); how many changed */
static inline Py_ssize_t cl_blank(unsigned char *buf, Py_ssize_t len, Py_ssize_t start, Py_ssize_t end)
{
    if (end <= start)
        return 0;
    cl_slice(len, &start, &end);
    Py_ssize_t changed = 0;
    for (Py_ssize_t k = start; k < end; k++) {
        if (buf[k] != ' ' && buf[k] != '\n') {
            buf[k] = ' ';
            changed++;
        }
    }
    return changed;
}

/* passes.ONE_LINE_STATEMENT.match(src, p): `(` simple arguments (strings allowed, no nesting) `)` [ \t]* `;`
 * on one line. */
static inline int one_line_statement(const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
{
    if (p >= n || s[p] != '(')
        return 0;
    Py_ssize_t k = p + 1;
    for (;;) {
        while (k < n && s[k] != '(' && s[k] != ')' && s[k] != '\n' && s[k] != '"' && s[k] != '\'' && s[k] != '/')
            k++;
        if (k >= n || s[k] != '"')
            break;
        Py_ssize_t m = k + 1;
        while (m < n && s[m] != '"' && s[m] != '\\' && s[m] != '\n')
            m++;
        if (m >= n || s[m] != '"')
            break;  /* the string group fails: the match is left before its `"` */
        k = m + 1;
    }
    if (k >= n || s[k] != ')')
        return 0;
    for (k++; k < n && is_blank(s[k]); k++)
        ;
    return k < n && s[k] == ';';
}

#endif
