/* The normaliser's byte helpers in C: cocolint/kernelc/scan.py's blank, skip_space, code_before,
 * close_paren, _close_paren, top_commas and call_parens, same signatures, same results.
 *
 * Offsets are read as the Python reads them: a str.find/rfind/count or a slice clips (and counts a
 * negative offset from the end), a regex search or match clips its pos and endpos to [0, len], an
 * index past the end raises IndexError.  The C-level functions (cl_*) are static inline in helpers.h,
 * shared by every C file; the Python-level ones here wrap them.
 * tests/test_native_scan.py compares both (scan.<name>_py stays the pure-Python path).
 */
#include "native.h"

/* ---- the Python-level functions ---- */

static PyObject *py_skip_space(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *names[] = {"src", "i", "step", NULL};
    Py_buffer v;
    Py_ssize_t i, step = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "y*n|n:skip_space", names, &v, &i, &step))
        return NULL;
    Py_ssize_t r = cl_skip_space(v.buf, v.len, i, step);
    PyBuffer_Release(&v);
    return PyLong_FromSsize_t(r);
}

static PyObject *py_code_before(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *names[] = {"src", "i", NULL};
    Py_buffer v;
    Py_ssize_t i;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "y*n:code_before", names, &v, &i))
        return NULL;
    if (i > 0 && i >= v.len) {
        PyBuffer_Release(&v);
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return NULL;
    }
    Py_ssize_t r = cl_code_before(v.buf, v.len, i);
    PyBuffer_Release(&v);
    return PyLong_FromSsize_t(r);
}

static PyObject *py_close_paren(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *names[] = {"src", "open_at", "statements", NULL};
    Py_buffer v;
    Py_ssize_t open_at;
    int statements = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "y*n|p:close_paren", names, &v, &open_at, &statements))
        return NULL;
    Py_ssize_t r = cl_close_paren(v.buf, v.len, open_at, statements);
    PyBuffer_Release(&v);
    return PyLong_FromSsize_t(r);
}

static PyObject *py_close_paren_slow(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *names[] = {"src", "open_at", "n", "statements", NULL};
    Py_buffer v;
    Py_ssize_t open_at, n;
    int statements;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "y*nnp:_close_paren", names, &v, &open_at, &n, &statements))
        return NULL;
    Py_ssize_t r = cl_close_paren_slow(v.buf, v.len, open_at, n, statements);
    PyBuffer_Release(&v);
    return PyLong_FromSsize_t(r);
}

static PyObject *py_top_commas(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *names[] = {"src", "open_at", "close_at", NULL};
    Py_buffer v;
    Py_ssize_t open_at, close_at, local[64];
    if (!PyArg_ParseTupleAndKeywords(args, kw, "y*nn:top_commas", names, &v, &open_at, &close_at))
        return NULL;
    Py_ssize_t *at = local, count = cl_top_commas(v.buf, v.len, open_at, close_at, local, 64);
    if (count > 64) {
        at = PyMem_New(Py_ssize_t, (size_t)count);
        if (at == NULL) {
            PyBuffer_Release(&v);
            return PyErr_NoMemory();
        }
        cl_top_commas(v.buf, v.len, open_at, close_at, at, count);
    }
    PyBuffer_Release(&v);
    PyObject *out = PyList_New(count);
    for (Py_ssize_t k = 0; out != NULL && k < count; k++) {
        PyObject *x = PyLong_FromSsize_t(at[k]);
        if (x == NULL)
            Py_CLEAR(out);
        else
            PyList_SET_ITEM(out, k, x);
    }
    if (at != local)
        PyMem_Free(at);
    return out;
}

/* call_parens's (open, close), or -1 for None; -2 with an IndexError set (a negative index past the start) */
Py_ssize_t cl_call_parens(const unsigned char *s, Py_ssize_t len, Py_ssize_t end, Py_ssize_t *open_at)
{
    Py_ssize_t o = cl_skip_space(s, len, end, 1);
    if (o >= len)
        return -1;
    if (o < -len) {
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return -2;
    }
    if (s[o < 0 ? o + len : o] != '(')
        return -1;
    *open_at = o;
    return cl_close_paren(s, len, o, 0);
}

static PyObject *py_call_parens(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *names[] = {"src", "end", NULL};
    Py_buffer v;
    Py_ssize_t end, open_at = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "y*n:call_parens", names, &v, &end))
        return NULL;
    Py_ssize_t close = cl_call_parens(v.buf, v.len, end, &open_at);
    PyBuffer_Release(&v);
    if (close == -2)
        return NULL;
    if (close < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("(nn)", open_at, close);
}

static PyObject *py_blank(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *names[] = {"buf", "start", "end", NULL};
    PyObject *obj;
    Py_ssize_t start, end;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "Onn:blank", names, &obj, &start, &end))
        return NULL;
    Py_buffer v;
    if (PyObject_GetBuffer(obj, &v, PyBUF_SIMPLE) < 0)
        return NULL;
    Py_ssize_t a = start, b = end, changed = 0;
    if (end > start) {
        cl_slice(v.len, &a, &b);
        for (Py_ssize_t k = a; k < b; k++)
            changed += ((unsigned char *)v.buf)[k] != ' ' && ((unsigned char *)v.buf)[k] != '\n';
    }
    if (changed && v.readonly) {  /* the Python's slice assignment into bytes */
        PyErr_Format(PyExc_TypeError, "'%.100s' object does not support item assignment", Py_TYPE(obj)->tp_name);
        PyBuffer_Release(&v);
        return NULL;
    }
    if (changed)
        cl_blank(v.buf, v.len, start, end);
    PyBuffer_Release(&v);
    return PyLong_FromSsize_t(changed);
}

static PyMethodDef methods[] = {
    {"skip_space", (PyCFunction)(void (*)(void))py_skip_space, METH_VARARGS | METH_KEYWORDS,
     "skip_space(src, i, step=1) -> int: scan.skip_space_py."},
    {"code_before", (PyCFunction)(void (*)(void))py_code_before, METH_VARARGS | METH_KEYWORDS,
     "code_before(src, i) -> int: scan.code_before_py."},
    {"close_paren", (PyCFunction)(void (*)(void))py_close_paren, METH_VARARGS | METH_KEYWORDS,
     "close_paren(src, open_at, statements=False) -> int: scan.close_paren_py."},
    {"_close_paren", (PyCFunction)(void (*)(void))py_close_paren_slow, METH_VARARGS | METH_KEYWORDS,
     "_close_paren(src, open_at, n, statements) -> int: scan._close_paren_py."},
    {"top_commas", (PyCFunction)(void (*)(void))py_top_commas, METH_VARARGS | METH_KEYWORDS,
     "top_commas(src, open_at, close_at) -> list[int]: scan.top_commas_py."},
    {"call_parens", (PyCFunction)(void (*)(void))py_call_parens, METH_VARARGS | METH_KEYWORDS,
     "call_parens(src, end) -> (open, close) | None: scan.call_parens_py."},
    {"blank", (PyCFunction)(void (*)(void))py_blank, METH_VARARGS | METH_KEYWORDS,
     "blank(buf, start, end) -> int: scan.blank_py (buf[start:end] blanked, newlines kept)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(scan, methods)
