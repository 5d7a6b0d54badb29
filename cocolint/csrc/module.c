/* The cocolint._native module: the pieces the other files of this folder define. */
#include "native.h"

static struct PyModuleDef native_module = {
    PyModuleDef_HEAD_INIT, "cocolint._native",
    "Native speed-ups of cocolint's hottest pure-Python loops (same results; see cocolint/accel.py).",
    -1, NULL,
};

PyMODINIT_FUNC PyInit__native(void)
{
    PyObject *m = PyModule_Create(&native_module);
    if (m == NULL)
        return NULL;
    if (cocolint_add_comments(m) < 0 || cocolint_add_literals(m) < 0
        || cocolint_add_directives(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
