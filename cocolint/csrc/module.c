/* The cocolint._native module: the pieces the other files of this folder define. */
#include "native.h"

static struct PyModuleDef native_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "cocolint._native",
    .m_doc = "Native speed-ups of cocolint's hottest pure-Python loops (same results; see cocolint/accel.py).",
    .m_size = -1,
};

/* each source file adds its own functions and types (native.h) */
static int (*const parts[])(PyObject *) = {
    cocolint_add_comments, cocolint_add_literals, cocolint_add_gaps, cocolint_add_directives,
    cocolint_add_blank, cocolint_add_defines, cocolint_add_defines_inline, cocolint_add_heads,
    cocolint_add_scan, cocolint_add_candidates, cocolint_add_gate, cocolint_add_trace, cocolint_add_contexts,
    cocolint_add_bare, cocolint_add_statics, cocolint_add_statements, cocolint_add_define_comments,
    cocolint_add_variadic, cocolint_add_declared, cocolint_add_objstmts, cocolint_add_opargs,
    cocolint_add_braced, cocolint_add_localattrs, cocolint_add_conditionals, cocolint_add_usage,
};

PyMODINIT_FUNC PyInit__native(void)
{
    PyObject *m = PyModule_Create(&native_module);
    if (m == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        if (parts[i](m) < 0) {
            Py_DECREF(m);
            return NULL;
        }
    }
    return m;
}
