/* comment_spans(source): the comments outside directives, strings and character literals. */
#include "native.h"

/* placeholder until the port lands: nothing is added, cocolint/accel.py sees no comment_spans */
int cocolint_add_comments(PyObject *module)
{
    (void)module;
    return 0;
}
