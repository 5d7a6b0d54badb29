/* Literals: every occurrence of a fixed set of byte strings in a source, overlapping. */
#include "native.h"

/* placeholder until the scanner lands: nothing is added, cocolint/accel.py sees no Literals */
int cocolint_add_literals(PyObject *module)
{
    (void)module;
    return 0;
}
