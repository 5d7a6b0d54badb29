/* Shared by the whole-file passes in C (declared.c, objstmts.c, opargs.c, braced.c, localattrs.c):
 * the (source, buf, out) call convention and a small set of words (scan.py's helpers: helpers.h).
 *
 * A pass is called as the Python one is: pass(source, buf, out) -> buf.  source is any buffer;
 * buf is None (nothing rewritten yet: a bytearray copy of source is made at the first rewrite)
 * or a bytearray of source's length; out is the Normalised whose count(kind, n) is called where
 * the Python calls it, with the same numbers, in the same order.
 */
#ifndef COCOLINT_PASSBUF_H
#define COCOLINT_PASSBUF_H

#include "native.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    Py_buffer view;
    const unsigned char *s;  /* the source */
    Py_ssize_t n;
    PyObject *buf;           /* the bytearray being rewritten (a new reference), or NULL: not yet made */
    unsigned char *b;        /* its bytes */
    PyObject *out;           /* the Normalised (borrowed) */
} Pass;

/* Read (source, buf, out) and, when format has a fourth "O", one more argument into *extra;
 * 0, or -1 with an exception set (nothing to release). */
static inline int pass_open(Pass *p, PyObject *args, const char *format, PyObject **extra)
{
    PyObject *src, *buf;
    memset(p, 0, sizeof(*p));
    if (!PyArg_ParseTuple(args, format, &src, &buf, &p->out, extra))
        return -1;
    if (PyObject_GetBuffer(src, &p->view, PyBUF_SIMPLE) < 0)
        return -1;
    p->s = (const unsigned char *)p->view.buf;
    p->n = p->view.len;
    if (buf != Py_None) {
        if (!PyByteArray_Check(buf) || PyByteArray_GET_SIZE(buf) != p->n) {
            PyErr_SetString(PyExc_TypeError, "buf is None or a bytearray of the source's length");
            PyBuffer_Release(&p->view);
            return -1;
        }
        Py_INCREF(buf);
        p->buf = buf;
        p->b = (unsigned char *)PyByteArray_AS_STRING(buf);
    }
    return 0;
}

/* The result (buf, or None) and the source released; on error (ok < 0) NULL. */
static inline PyObject *pass_close(Pass *p, int ok)
{
    PyBuffer_Release(&p->view);
    if (ok < 0) {
        Py_XDECREF(p->buf);
        return NULL;
    }
    if (p->buf == NULL)
        Py_RETURN_NONE;
    return p->buf;
}

/* buf = bytearray(src) unless made already: 0, or -1 with an exception set. */
static inline int pass_buf(Pass *p)
{
    if (p->buf != NULL)
        return 0;
    p->buf = PyByteArray_FromStringAndSize((const char *)p->s, p->n);
    if (p->buf == NULL)
        return -1;
    p->b = (unsigned char *)PyByteArray_AS_STRING(p->buf);
    return 0;
}

/* out.count(kind, n): 0, or -1 with an exception set. */
static inline int pass_count(Pass *p, const char *kind, Py_ssize_t n)
{
    PyObject *r = PyObject_CallMethod(p->out, "count", "sn", kind, n);
    if (r == NULL)
        return -1;
    Py_DECREF(r);
    return 0;
}

/* scan.blank(buf, start, end) for 0 <= start (buf made): how many bytes changed. */
static inline Py_ssize_t pass_blank(Pass *p, Py_ssize_t start, Py_ssize_t end)
{
    return cl_blank(p->b, p->n, start, end);
}

/* The index of the last c in s[lo:hi], or -1. */
static inline Py_ssize_t rfind_byte(const unsigned char *s, Py_ssize_t lo, Py_ssize_t hi, unsigned char c)
{
    for (Py_ssize_t k = hi - 1; k >= lo; k--) {
        if (s[k] == c)
            return k;
    }
    return -1;
}

/* A set of words (pointers into memory the caller keeps alive), each with a flag. */
typedef struct {
    const unsigned char *p;
    Py_ssize_t len;
    int flag;
} Word;

typedef struct {
    Word *slots;
    size_t cap, count;
    Py_ssize_t min_len, max_len;
    unsigned char first[256];
} Words;

static inline uint64_t word_hash(const unsigned char *p, Py_ssize_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

static inline void words_free(Words *w)
{
    free(w->slots);
    memset(w, 0, sizeof(*w));
}

static inline Word *words_find(const Words *w, const unsigned char *p, Py_ssize_t len)
{
    if (w->count == 0 || len < w->min_len || len > w->max_len || !w->first[p[0]])
        return NULL;
    for (size_t i = word_hash(p, len) & (w->cap - 1);; i = (i + 1) & (w->cap - 1)) {
        Word *slot = &w->slots[i];
        if (slot->p == NULL)
            return NULL;
        if (slot->len == len && memcmp(slot->p, p, (size_t)len) == 0)
            return slot;
    }
}

/* Add a non-empty word, or set the flag of the word already there: 0, or -1 with MemoryError set. */
static inline int words_add(Words *w, const unsigned char *p, Py_ssize_t len, int flag)
{
    Word *had = words_find(w, p, len);
    if (had != NULL) {
        had->flag = flag;
        return 0;
    }
    if (2 * (w->count + 1) > w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 16;
        Word *slots = calloc(cap, sizeof(Word));
        if (slots == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        for (size_t i = 0; i < w->cap; i++) {
            if (w->slots[i].p == NULL)
                continue;
            size_t j = word_hash(w->slots[i].p, w->slots[i].len) & (cap - 1);
            while (slots[j].p != NULL)
                j = (j + 1) & (cap - 1);
            slots[j] = w->slots[i];
        }
        free(w->slots);
        w->slots = slots;
        w->cap = cap;
    }
    size_t j = word_hash(p, len) & (w->cap - 1);
    while (w->slots[j].p != NULL)
        j = (j + 1) & (w->cap - 1);
    w->slots[j].p = p;
    w->slots[j].len = len;
    w->slots[j].flag = flag;
    if (w->count == 0 || len < w->min_len)
        w->min_len = len;
    if (w->count == 0 || len > w->max_len)
        w->max_len = len;
    w->first[p[0]] = 1;
    w->count++;
    return 0;
}

#endif
