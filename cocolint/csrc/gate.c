/* The trigger gate's view of a scan (triggers.py): the hits kept in C, split once into what the
 * gate needs (the trigger ids found, the anchor spans, the name spans), and each pass's starts
 * read from them without a Python loop over every hit.
 *
 * Literals.scan_gate (literals.c) hands its hit array to gate_result; the Hits object owns it.
 * A pass asks with a mask: bytes with a non-zero byte at the index of each literal it wants.
 */
#include "native.h"

#include <string.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t *at;   /* (literal, start, end) triples, by start, then end, then literal */
    Py_ssize_t n;     /* in triples */
} HitsObject;

static void Hits_dealloc(HitsObject *self)
{
    PyMem_RawFree(self->at);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static Py_ssize_t Hits_len(HitsObject *self)
{
    return self->n;
}

/* Whether mask (m bytes) holds literal id. */
static inline int wanted(const unsigned char *mask, Py_ssize_t m, Py_ssize_t id)
{
    return id >= 0 && id < m && mask[id] != 0;
}

static PyObject *Hits_starts(HitsObject *self, PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *mask = view.buf;
    PyObject *out = PyList_New(0);
    for (Py_ssize_t k = 0; out != NULL && k < self->n; k++) {
        const Py_ssize_t *t = self->at + 3 * k;
        if (wanted(mask, view.len, t[0]) && append_offset(out, t[1]) < 0)
            Py_CLEAR(out);
    }
    PyBuffer_Release(&view);
    return out;
}

static PyObject *Hits_found(HitsObject *self, PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    unsigned char *seen = PyMem_Calloc(view.len ? (size_t)view.len : 1, 1);
    if (seen == NULL) {
        PyBuffer_Release(&view);
        return PyErr_NoMemory();
    }
    const unsigned char *mask = view.buf;
    for (Py_ssize_t k = 0; k < self->n; k++) {
        Py_ssize_t id = self->at[3 * k];
        if (wanted(mask, view.len, id))
            seen[id] = 1;
    }
    PyObject *out = PyList_New(0);
    for (Py_ssize_t id = 0; out != NULL && id < view.len; id++)
        if (seen[id] && append_offset(out, id) < 0)
            Py_CLEAR(out);
    PyMem_Free(seen);
    PyBuffer_Release(&view);
    return out;
}

static PyObject *Hits_tolist(HitsObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *out = PyList_New(self->n);
    for (Py_ssize_t k = 0; out != NULL && k < self->n; k++) {
        const Py_ssize_t *t = self->at + 3 * k;
        PyObject *item = Py_BuildValue("(nnn)", t[0], t[1], t[2]);
        if (item == NULL)
            Py_CLEAR(out);
        else
            PyList_SET_ITEM(out, k, item);
    }
    return out;
}

static PyMethodDef Hits_methods[] = {
    {"starts", (PyCFunction)Hits_starts, METH_O,
     "starts(mask) -> every start of a hit whose literal has a non-zero byte in mask, in order"},
    {"found", (PyCFunction)Hits_found, METH_O,
     "found(mask) -> the literals of mask that were hit, ascending, each once"},
    {"tolist", (PyCFunction)Hits_tolist, METH_NOARGS,
     "tolist() -> [(literal, start, end), ...]: as Literals.find_all returns them"},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods Hits_as_sequence = {
    .sq_length = (lenfunc)Hits_len,
};

static PyTypeObject HitsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cocolint._native.Hits",
    .tp_doc = "The hits of one Literals.scan_gate: starts(mask), found(mask), tolist(); len() is their number.",
    .tp_basicsize = sizeof(HitsObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = (destructor)Hits_dealloc,
    .tp_methods = Hits_methods,
    .tp_as_sequence = &Hits_as_sequence,
};

PyObject *cocolint_gate_result(Py_ssize_t *at, Py_ssize_t n, Py_ssize_t anchor_count, Py_ssize_t first_name)
{
    HitsObject *hits = PyObject_New(HitsObject, &HitsType);
    if (hits == NULL) {
        PyMem_RawFree(at);
        return NULL;
    }
    hits->at = at;
    hits->n = n;
    PyObject *low = PyList_New(0), *anchors = PyList_New(0), *spans = PyList_New(0), *out = NULL;
    unsigned char *seen = PyMem_Calloc(first_name > 0 ? (size_t)first_name : 1, 1);
    if (low == NULL || anchors == NULL || spans == NULL || seen == NULL) {
        if (seen == NULL)
            PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        const Py_ssize_t *t = at + 3 * k;
        if (t[0] < anchor_count && append_span(anchors, t[1], t[2]) < 0)
            goto done;
        if (t[0] >= first_name) {
            if (append_span(spans, t[1], t[2]) < 0)
                goto done;
        } else if (t[0] >= 0) {
            seen[t[0]] = 1;
        }
    }
    for (Py_ssize_t id = 0; id < first_name; id++)
        if (seen[id] && append_offset(low, id) < 0)
            goto done;
    out = PyTuple_Pack(4, (PyObject *)hits, low, anchors, spans);
done:
    PyMem_Free(seen);
    Py_DECREF(hits);
    Py_XDECREF(low);
    Py_XDECREF(anchors);
    Py_XDECREF(spans);
    return out;
}

int cocolint_add_gate(PyObject *module)
{
    if (PyType_Ready(&HitsType) < 0)
        return -1;
    Py_INCREF(&HitsType);
    if (PyModule_AddObject(module, "Hits", (PyObject *)&HitsType) < 0) {
        Py_DECREF(&HitsType);
        return -1;
    }
    return 0;
}
