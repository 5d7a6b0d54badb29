/* scan.py's and conditionals.py's byte helpers, as the passes of passes.py read them (bare.c, statics.c,
 * statements.c, define_comments.c).  Static: each C file keeps its own copy (the lead may unify them
 * with the core's later).  Every function reads s[0:n] and never past n.
 */
#ifndef COCOLINT_PASSBYTES_H
#define COCOLINT_PASSBYTES_H

#include "native.h"

#include <string.h>

#define PASS_MAX_ARGS 4000  /* scan.MAX_ARGS: close_paren looks no further */

/* The first p in [from, to - 1) with s[p] == a and s[p + 1] == b (bytes.find of a two-byte needle), or -1. */
static inline Py_ssize_t pb_find2(const unsigned char *s, Py_ssize_t from, Py_ssize_t to, unsigned char a,
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

/* The last p in [from, to - 1) with s[p] == a and s[p + 1] == b (bytes.rfind), or -1. */
static inline Py_ssize_t pb_rfind2(const unsigned char *s, Py_ssize_t from, Py_ssize_t to, unsigned char a,
                                   unsigned char b)
{
    for (Py_ssize_t p = to - 2; p >= from; p--) {
        if (s[p] == a && s[p + 1] == b)
            return p;
    }
    return -1;
}

/* src.rfind(b"\n", 0, to) + 1: where the line holding offset to starts. */
static inline Py_ssize_t pb_line_start(const unsigned char *s, Py_ssize_t to)
{
    while (to > 0 && s[to - 1] != '\n')
        to--;
    return to;
}

/* src.find(b"\n", from), or n. */
static inline Py_ssize_t pb_line_end(const unsigned char *s, Py_ssize_t n, Py_ssize_t from)
{
    if (from >= n)
        return n;
    const unsigned char *nl = memchr(s + from, '\n', (size_t)(n - from));
    return nl != NULL ? nl - s : n;
}

/* scan.skip_space forwards: past whitespace and line continuations (` \t\r\n\f\v\\`). */
static inline Py_ssize_t pb_skip_space(const unsigned char *s, Py_ssize_t n, Py_ssize_t i)
{
    while (i >= 0 && i < n && (is_space(s[i]) || s[i] == '\\'))
        i++;
    return i;
}

/* scan.close_paren(src, open_at) (statements=False): the `)` balancing the `(` at open_at within
 * MAX_ARGS bytes, strings and comments skipped; -1 at a `;`, `{`, `}`, an unclosed comment or the limit. */
static inline Py_ssize_t pb_close_paren(const unsigned char *s, Py_ssize_t len, Py_ssize_t open_at)
{
    Py_ssize_t n = len - open_at < PASS_MAX_ARGS ? len : open_at + PASS_MAX_ARGS;
    Py_ssize_t depth = 0, i = open_at;
    for (;;) {
        while (i < n) {  /* _SPECIAL: [()"';{}] or a comment opener */
            unsigned char c = s[i];
            if (c == '(' || c == ')' || c == '"' || c == '\'' || c == ';' || c == '{' || c == '}')
                break;
            if (c == '/' && i + 1 < n && s[i + 1] == '*')
                break;
            i++;
        }
        if (i >= n)
            return -1;
        unsigned char c = s[i];
        if (c == '(') {
            depth++;
        } else if (c == ')') {
            if (--depth == 0)
                return i;
        } else if (c == '"' || c == '\'') {  /* _STRING: up to the closing quote, a newline, or n */
            Py_ssize_t j = i + 1;
            while (j < n && s[j] != c && s[j] != '\n') {
                if (s[j] == '\\') {
                    if (j + 1 >= n)
                        break;
                    j++;
                }
                j++;
            }
            i = j;
        } else if (c == '/') {
            Py_ssize_t end = pb_find2(s, i + 2, n, '*', '/');
            if (end < 0)
                return -1;
            i = end + 1;
        } else {
            return -1;
        }
        i++;
    }
}

/* conditionals.directive_end(src, pos): the end of the directive starting at pos (continuation lines
 * and a comment opened on it included): the `\n` ending it, or n. */
static inline Py_ssize_t pb_directive_end(const unsigned char *s, Py_ssize_t n, Py_ssize_t pos)
{
    for (;;) {
        if (pos > n)
            pos = n;
        const unsigned char *hit = memchr(s + pos, '\n', (size_t)(n - pos));
        if (hit == NULL)
            return n;
        Py_ssize_t nl = hit - s;
        if (memchr(s + pos, '\\', (size_t)(nl - pos)) == NULL && pb_find2(s, pos, nl, '/', '*') < 0)
            return nl;
        Py_ssize_t opened = pb_rfind2(s, pos, nl, '/', '*');
        if (opened >= 0 && pb_find2(s, opened, nl, '*', '/') < 0) {
            Py_ssize_t close = pb_find2(s, opened + 2, n, '*', '/');
            if (close < 0)
                return n;
            pos = close + 2;
            continue;
        }
        Py_ssize_t last = nl - 1;
        while (last >= pos && (is_blank(s[last]) || s[last] == '\r'))
            last--;
        if (last >= pos && s[last] == '\\') {
            pos = nl + 1;
            continue;
        }
        return nl;
    }
}

/* passes.ONE_LINE_STATEMENT.match(src, p): `(` simple arguments `)` [ \t]* `;` on one line. */
static inline int pb_one_line_statement(const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
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
