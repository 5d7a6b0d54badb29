/* blank_spans(source, spans): conditionals.blank in C (the #if views: directives and other arms blanked).
 *
 * The Python reads the spans in order and joins the bytes between them with each span's bytes
 * translated (every byte but a newline to a space); the spans may overlap or be empty.  Its result
 * is the source with the union of the spans, each clipped to the source, blanked: here one copy of
 * the source and a pass over each span, in any order.  Offsets are read as slices read them
 * (__index__, huge values clipped); no span (an empty list) returns the source object itself.
 *
 * tests/test_native_blank.py compares both (conditionals.blank_py stays the pure-Python path).
 */
#include "native.h"

#include <string.h>

/* One (start, end) of spans, clipped to [0, n]; -1 with an exception set when it is not two integers. */
static int read_span(PyObject *item, Py_ssize_t n, Py_ssize_t *start, Py_ssize_t *end)
{
    PyObject *pair = PySequence_Fast(item, "blank_spans: each span is a (start, end) pair");
    if (pair == NULL)
        return -1;
    if (PySequence_Fast_GET_SIZE(pair) != 2) {
        Py_DECREF(pair);
        PyErr_SetString(PyExc_ValueError, "blank_spans: each span is a (start, end) pair");
        return -1;
    }
    Py_ssize_t s = PyNumber_AsSsize_t(PySequence_Fast_GET_ITEM(pair, 0), NULL);  /* NULL: clip, never overflow */
    if (s == -1 && PyErr_Occurred()) {
        Py_DECREF(pair);
        return -1;
    }
    Py_ssize_t e = PyNumber_AsSsize_t(PySequence_Fast_GET_ITEM(pair, 1), NULL);
    Py_DECREF(pair);
    if (e == -1 && PyErr_Occurred())
        return -1;
    *start = s < 0 ? 0 : (s > n ? n : s);
    *end = e < 0 ? 0 : (e > n ? n : e);
    return 0;
}

static PyObject *blank_spans(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *src, *spans;
    if (!PyArg_ParseTuple(args, "OO:blank_spans", &src, &spans))
        return NULL;
    PyObject *seq = PySequence_Fast(spans, "blank_spans: spans is a list of (start, end) pairs");
    if (seq == NULL)
        return NULL;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(seq);
    if (count == 0) {  /* the Python returns its argument untouched */
        Py_DECREF(seq);
        Py_INCREF(src);
        return src;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(src, &view, PyBUF_SIMPLE) < 0) {
        Py_DECREF(seq);
        return NULL;
    }
    Py_ssize_t n = view.len;
    /* a new object (given the bytes, one of length 1 would be CPython's shared single-byte bytes) */
    PyObject *out = PyBytes_FromStringAndSize(NULL, n);
    if (out == NULL)
        goto fail;
    char *o = PyBytes_AS_STRING(out);
    if (n > 0)
        memcpy(o, view.buf, (size_t)n);
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_ssize_t s, e;
        if (read_span(PySequence_Fast_GET_ITEM(seq, k), n, &s, &e) < 0)
            goto fail;
        for (Py_ssize_t i = s; i < e; i++) {
            if (o[i] != '\n')
                o[i] = ' ';
        }
    }
    Py_DECREF(seq);
    PyBuffer_Release(&view);
    return out;
fail:
    Py_XDECREF(out);
    Py_DECREF(seq);
    PyBuffer_Release(&view);
    return NULL;
}

/* Blank every span of the sequence spans in o[0, n): 0, or -1 with an exception set. */
static int blank_all(char *o, Py_ssize_t n, PyObject *spans, Py_ssize_t skip)
{
    PyObject *seq = PySequence_Fast(spans, "blank_view: spans are lists of (start, end) pairs");
    if (seq == NULL)
        return -1;
    for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(seq); k++) {
        Py_ssize_t s, e;
        if (k == skip)
            continue;
        if (read_span(PySequence_Fast_GET_ITEM(seq, k), n, &s, &e) < 0) {
            Py_DECREF(seq);
            return -1;
        }
        for (Py_ssize_t i = s; i < e; i++) {
            if (o[i] != '\n')
                o[i] = ' ';
        }
    }
    Py_DECREF(seq);
    return 0;
}

/* blank_view(source, directives, dead, groups, choice): conditionals.view_py's bytes, with no span
 * list built: directives and dead blanked, and every live arm of each group but the one choice
 * keeps (groups: conditionals._Group objects, read for .live; zipped with choice as the Python
 * zips them).  Nothing to blank: the source object itself, as blank_py returns it. */
static PyObject *blank_view(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *src, *directives, *dead, *groups, *choice, *lives = NULL, *out = NULL;
    static PyObject *live_name = NULL;
    Py_buffer view;
    if (!PyArg_ParseTuple(args, "OOOOO:blank_view", &src, &directives, &dead, &groups, &choice))
        return NULL;
    if (live_name == NULL && (live_name = PyUnicode_InternFromString("live")) == NULL)
        return NULL;
    /* (live arms, kept index) of each group with more than one live arm */
    PyObject *gseq = PySequence_Fast(groups, "blank_view: groups is a list");
    PyObject *cseq = gseq == NULL ? NULL : PySequence_Fast(choice, "blank_view: choice is a list");
    lives = PyList_New(0);
    if (gseq == NULL || cseq == NULL || lives == NULL)
        goto done;
    Py_ssize_t ng = PySequence_Fast_GET_SIZE(gseq), nc = PySequence_Fast_GET_SIZE(cseq);
    for (Py_ssize_t k = 0; k < ng && k < nc; k++) {
        PyObject *live = PyObject_GetAttr(PySequence_Fast_GET_ITEM(gseq, k), live_name);
        Py_ssize_t arms = live == NULL ? -1 : PyObject_Length(live);
        int rc = arms < 0 ? -1 : 0;
        if (arms > 1) {
            PyObject *pair = PyTuple_Pack(2, live, PySequence_Fast_GET_ITEM(cseq, k));
            rc = pair == NULL ? -1 : PyList_Append(lives, pair);
            Py_XDECREF(pair);
        }
        Py_XDECREF(live);
        if (rc < 0)
            goto done;
    }
    Py_ssize_t nd = PyObject_Length(directives), nx = nd < 0 ? -1 : PyObject_Length(dead);
    if (nx < 0)
        goto done;
    if (nd == 0 && nx == 0 && PyList_GET_SIZE(lives) == 0) {  /* the Python returns its argument untouched */
        out = Py_NewRef(src);
        goto done;
    }
    if (PyObject_GetBuffer(src, &view, PyBUF_SIMPLE) < 0)
        goto done;
    out = PyBytes_FromStringAndSize(NULL, view.len);
    if (out != NULL) {
        char *o = PyBytes_AS_STRING(out);
        Py_ssize_t n = view.len;
        if (n > 0)
            memcpy(o, view.buf, (size_t)n);
        int rc = blank_all(o, n, directives, -1) < 0 || blank_all(o, n, dead, -1) < 0;
        for (Py_ssize_t k = 0; !rc && k < PyList_GET_SIZE(lives); k++) {
            PyObject *pair = PyList_GET_ITEM(lives, k);
            /* the kept arm: `i != keep` compares any integer; one out of range keeps none */
            Py_ssize_t keep = PyNumber_AsSsize_t(PyTuple_GET_ITEM(pair, 1), NULL);
            rc = (keep == -1 && PyErr_Occurred()) || blank_all(o, n, PyTuple_GET_ITEM(pair, 0), keep) < 0;
        }
        if (rc)
            Py_CLEAR(out);
    }
    PyBuffer_Release(&view);
done:
    Py_XDECREF(lives);
    Py_XDECREF(cseq);
    Py_XDECREF(gseq);
    return out;
}

static PyMethodDef methods[] = {
    {"blank_view", blank_view, METH_VARARGS,
     "blank_view(source, directives, dead, groups, choice) -> bytes: conditionals.view_py (blank_py of "
     "the directives, the dead arms and every live arm of each group but the one choice keeps)."},
    {"blank_spans", blank_spans, METH_VARARGS,
     "blank_spans(source, spans) -> bytes: conditionals.blank_py(source, spans) (every byte of the spans "
     "but newlines turned to spaces)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(blank, methods)
