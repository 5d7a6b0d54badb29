/* operator_args(source, buf, out): cocolint/kernelc/operator_args.py's pass in C.
 *
 *   _AFTER_COMMA = ,(?:([ \t]*)(?=[-+*\/%&|^~!<>=])(OPS)[ \t]*|([ \t]+))(?=[,)])
 *   OPS = <<= | >>= | << | >> | == | != | <= | >= | && | \|\| | [-+*\/%&|^]= | [-+*\/%&|^~!<>]
 *
 * Tried at every comma (a match holds one comma, its first byte, and ends before the next `,` or
 * `)`: finditer's matches are the matches at each comma).  The operators are tried in the regex's
 * order, three bytes, two, one: the first followed by blanks and `,` or `)` is the argument; else
 * blanks alone before `,` or `)` are an empty argument.  operator_args.operator_args_py stays the
 * reference (tests/test_native_opargs.py).
 */
#include "passbuf.h"

static int is_op1(unsigned char c) { return c != 0 && strchr("-+*/%&|^~!<>", c) != NULL; }

/* Whether the l bytes at q are one of OPS. */
static int is_op(const unsigned char *s, Py_ssize_t q, int l)
{
    unsigned char a = s[q], b = l > 1 ? s[q + 1] : 0;
    if (l == 3)
        return (a == '<' || a == '>') && b == a && s[q + 2] == '=';
    if (l == 2)
        return ((a == '<' || a == '>' || a == '&' || a == '|') && b == a) || (a == '=' && b == '=')
               || ((a == '!' || a == '<' || a == '>') && b == '=')
               || (a != 0 && strchr("-+*/%&|^", a) != NULL && b == '=');
    return is_op1(a);
}

static PyObject *operator_args(PyObject *self, PyObject *args)
{
    (void)self;
    Pass p;
    if (pass_open(&p, args, "OOO:operator_args", NULL) < 0)
        return NULL;
    const unsigned char *s = p.s;
    Py_ssize_t n = p.n, at = 0;
    int ok = 0;
    while (ok == 0 && at < n) {
        const unsigned char *hit = memchr(s + at, ',', (size_t)(n - at));
        if (hit == NULL)
            break;
        Py_ssize_t c = hit - s, q = c + 1, start = -1, end = -1;
        at = c + 1;
        while (q < n && is_blank(s[q]))
            q++;
        if (q < n && (is_op1(s[q]) || s[q] == '=')) {
            for (int l = 3; l >= 1 && start < 0; l--) {
                if (q + l > n || !is_op(s, q, l))
                    continue;
                Py_ssize_t t = q + l;
                while (t < n && is_blank(s[t]))
                    t++;
                if (t < n && (s[t] == ',' || s[t] == ')')) {
                    start = q;
                    end = q + l;
                }
            }
        }
        const char *kind = "operator_argument";
        if (start < 0) {
            if (!(q > c + 1 && q < n && (s[q] == ',' || s[q] == ')')))
                continue;
            start = c + 1;  /* empty: a `0` in its first space */
            end = c + 2;
            kind = "empty_argument";
        }
        if (pass_buf(&p) < 0) {
            ok = -1;
            break;
        }
        memset(p.b + start, '0', (size_t)(end - start));
        ok = pass_count(&p, kind, end - start);
    }
    return pass_close(&p, ok);
}

static PyMethodDef methods[] = {
    {"operator_args", operator_args, METH_VARARGS,
     "operator_args(source, buf, out) -> buf: operator_args.operator_args_py in C (same bytes, same counts)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(opargs, methods)
