/* enclosing(source, at), brace_contexts(source, offsets): macro_runs.py's _enclosing and _contexts
 * (with _brace_kind, _open_paren and scan.code_before) in C.
 *
 * enclosing: the unmatched `{` before at, walking back brace by brace (a brace after an odd number
 * of `"` on its line is skipped; -1 as soon as no `{` is left before the walk).  The walk's answers
 * for the offsets it passes at depth 0 are remembered for the rest of one call (a table's rows,
 * each walking back over the rows before it, then take one step each), as the Python's memo does.
 * brace_contexts: for each offset, (kind, brace): the kind (1 initialiser, 2 struct body, 3 block,
 * 4 other) of the brace directly around it, not inside parentheses.  macro_runs.py keeps the
 * Python originals (_enclosing, _contexts_py): tests/test_native_contexts.py compares the two.
 */
#include "native.h"

#include <string.h>

enum { INIT = 1, STRUCT_BODY = 2, BLOCK = 3, OTHER = 4 };

typedef struct {       /* offset -> the walk's answer, open addressing (key -1: empty) */
    Py_ssize_t *keys, *values;
    size_t cap, len;
} Memo;

static size_t memo_slot(const Memo *m, Py_ssize_t key)
{
    size_t h = ((size_t)key * (size_t)0x9E3779B97F4A7C15ull) & (m->cap - 1);
    while (m->keys[h] != -1 && m->keys[h] != key)
        h = (h + 1) & (m->cap - 1);
    return h;
}

static int memo_put(Memo *m, Py_ssize_t key, Py_ssize_t value)
{
    if (2 * (m->len + 1) > m->cap) {
        Memo grown = {NULL, NULL, m->cap ? m->cap * 2 : 256, 0};
        grown.keys = PyMem_Malloc(grown.cap * sizeof(Py_ssize_t));
        grown.values = PyMem_Malloc(grown.cap * sizeof(Py_ssize_t));
        if (grown.keys == NULL || grown.values == NULL) {
            PyMem_Free(grown.keys);
            PyMem_Free(grown.values);
            return -1;
        }
        memset(grown.keys, 0xFF, grown.cap * sizeof(Py_ssize_t));  /* (all -1) */
        for (size_t k = 0; k < m->cap; k++) {
            if (m->keys[k] != -1) {
                size_t h = memo_slot(&grown, m->keys[k]);
                grown.keys[h] = m->keys[k];
                grown.values[h] = m->values[k];
                grown.len++;
            }
        }
        PyMem_Free(m->keys);
        PyMem_Free(m->values);
        *m = grown;
    }
    size_t h = memo_slot(m, key);
    if (m->keys[h] == -1)
        m->len++;
    m->keys[h] = key;
    m->values[h] = value;
    return 0;
}

static int memo_get(const Memo *m, Py_ssize_t key, Py_ssize_t *value)
{
    if (m->cap == 0)
        return 0;
    size_t h = memo_slot(m, key);
    if (m->keys[h] == -1)
        return 0;
    *value = m->values[h];
    return 1;
}

typedef struct {
    const unsigned char *s;
    Py_ssize_t n;
    Py_ssize_t first_open;  /* the first `{` of the source, or n */
    Memo memo;
    Py_ssize_t *passed;     /* the walk's offsets at depth 0 */
    size_t passed_cap;
} Ctx;

/* _enclosing(src, at, memo); -2 when out of memory. */
static Py_ssize_t enclosing(Ctx *x, Py_ssize_t at)
{
    const unsigned char *s = x->s;
    Py_ssize_t depth = 0, found;
    size_t passed = 0;
    for (;;) {
        if (depth == 0) {
            if (memo_get(&x->memo, at, &found))
                break;
            if (passed == x->passed_cap) {
                size_t cap = x->passed_cap ? x->passed_cap * 2 : 64;
                Py_ssize_t *grown = PyMem_Realloc(x->passed, cap * sizeof(Py_ssize_t));
                if (grown == NULL)
                    return -2;
                x->passed = grown;
                x->passed_cap = cap;
            }
            x->passed[passed++] = at;
        }
        Py_ssize_t end = at < x->n ? at : x->n;  /* (rfind(.., 0, at): at most the whole source) */
        if (x->first_open >= end) {  /* no `{` before at */
            found = -1;
            break;
        }
        Py_ssize_t brace = end - 1;
        while (s[brace] != '{' && s[brace] != '}')
            brace--;  /* (a `{` lies before end) */
        Py_ssize_t line = brace, quotes = 0;
        while (line > 0 && s[line - 1] != '\n')
            line--;
        for (Py_ssize_t k = line; k < brace; k++)
            quotes += s[k] == '"';
        if (quotes % 2) {  /* `"bpf_{list_head}"` */
            at = brace;
            continue;
        }
        if (s[brace] == '}') {
            depth++;
            at = brace;
        } else if (depth) {
            depth--;
            at = brace;
        } else {
            found = brace;
            break;
        }
    }
    for (size_t k = 0; k < passed; k++)
        if (memo_put(&x->memo, x->passed[k], found) < 0)
            return -2;
    return found;
}

/* _open_paren: the `(` balancing the `)` at close, within 4000 bytes back, no `";{}` between; -1. */
static Py_ssize_t open_paren(const unsigned char *s, Py_ssize_t close)
{
    Py_ssize_t depth = 0, stop = close - 4000 > 0 ? close - 4000 : 0;
    for (Py_ssize_t i = close; i >= stop; i--) {
        unsigned char c = s[i];
        if (c == ')') {
            depth++;
        } else if (c == '(') {
            if (--depth == 0)
                return i;
        } else if (c == '"' || c == ';' || c == '{' || c == '}') {
            return -1;
        }
    }
    return -1;
}

static int ends_with(const unsigned char *s, Py_ssize_t end, const char *word)
{
    Py_ssize_t len = (Py_ssize_t)strlen(word);
    return end >= len && memcmp(s + end - len, word, (size_t)len) == 0;
}

static int struct_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* A keyword (struct or union) ending at end, starting at lo or after, at a word boundary. */
static int keyword_before(const unsigned char *s, Py_ssize_t lo, Py_ssize_t end)
{
    static const char *const words[] = {"struct", "union"};
    for (int k = 0; k < 2; k++) {
        Py_ssize_t len = (Py_ssize_t)strlen(words[k]), start = end - len;
        if (start >= lo && ends_with(s, end, words[k]) && (start == 0 || !is_word(s[start - 1])))
            return 1;
    }
    return 0;
}

/* _STRUCT.search(src, lo, end): `\b(?:struct|union)(?:[ \t\r\n]+[A-Za-z_]\w*)?[ \t\r\n]*\Z`. */
static int struct_before(const unsigned char *s, Py_ssize_t lo, Py_ssize_t end)
{
    while (end > lo && struct_space(s[end - 1]))
        end--;
    if (keyword_before(s, lo, end))
        return 1;
    Py_ssize_t word = end;  /* or a tag: a name after white space after the keyword */
    while (word > lo && is_word(s[word - 1]))
        word--;
    if (word == end || !is_ident_start(s[word]) || word == lo || !struct_space(s[word - 1]))
        return 0;
    while (word > lo && struct_space(s[word - 1]))
        word--;
    return keyword_before(s, lo, word);
}

/* _brace_kind(src, at, memo, nested); -2 when out of memory. */
static int brace_kind(Ctx *x, Py_ssize_t at, int nested)
{
    const unsigned char *s = x->s;
    Py_ssize_t i = cl_code_before(s, x->n, at - 1);
    unsigned char c = i >= 0 ? s[i] : 0;
    if (i >= 0 && c == '=')
        return INIT;
    if (i >= 0 && (c == ',' || c == '{')) {
        Py_ssize_t outer = nested ? enclosing(x, at) : -1;
        if (outer == -2)
            return -2;
        int kind = outer >= 0 ? brace_kind(x, outer, 0) : OTHER;
        return kind == INIT || kind == BLOCK || kind == -2 ? kind : OTHER;
    }
    if (i >= 0 && c == ')') {
        Py_ssize_t opened = open_paren(s, i);
        Py_ssize_t j = opened > 0 ? cl_code_before(s, x->n, opened - 1) : -1;
        if (j >= 0 && (s[j] == '=' || s[j] == ',' || s[j] == '(' || s[j] == '{' || ends_with(s, j + 1, "return")))
            return INIT;
        return BLOCK;
    }
    if (ends_with(s, i + 1, "else") || ends_with(s, i + 1, "do"))
        return BLOCK;
    if (i >= 0 && (c == ';' || c == '}' || c == ':') && nested) {
        Py_ssize_t outer = enclosing(x, at);
        if (outer == -2)
            return -2;
        int kind = outer >= 0 ? brace_kind(x, outer, 0) : OTHER;
        return kind == -2 ? -2 : kind == BLOCK ? BLOCK : OTHER;
    }
    if (struct_before(s, i - 80 > 0 ? i - 80 : 0, i + 1))
        return STRUCT_BODY;
    return OTHER;
}

static void ctx_init(Ctx *x, const Py_buffer *view)
{
    memset(x, 0, sizeof(*x));
    x->s = view->buf;
    x->n = view->len;
    const unsigned char *open = memchr(x->s, '{', (size_t)x->n);
    x->first_open = open != NULL ? open - x->s : x->n;
}

static void ctx_free(Ctx *x)
{
    PyMem_Free(x->memo.keys);
    PyMem_Free(x->memo.values);
    PyMem_Free(x->passed);
}

static PyObject *enclosing_fn(PyObject *Py_UNUSED(module), PyObject *args)
{
    Py_buffer view;
    Py_ssize_t at;
    if (!PyArg_ParseTuple(args, "y*n:enclosing", &view, &at))
        return NULL;
    Ctx x;
    ctx_init(&x, &view);
    Py_ssize_t found = at < 0 ? -3 : enclosing(&x, at);
    ctx_free(&x);
    PyBuffer_Release(&view);
    if (found == -3)
        return PyErr_Format(PyExc_ValueError, "enclosing: offset %zd is negative", at);
    return found == -2 ? PyErr_NoMemory() : PyLong_FromSsize_t(found);
}

static PyObject *brace_contexts(PyObject *Py_UNUSED(module), PyObject *args)
{
    Py_buffer view;
    PyObject *offsets;
    if (!PyArg_ParseTuple(args, "y*O!:brace_contexts", &view, &PyList_Type, &offsets))
        return NULL;
    Ctx x;
    ctx_init(&x, &view);
    const unsigned char *s = x.s;
    Py_ssize_t count = PyList_GET_SIZE(offsets);
    PyObject *out = PyList_New(count);
    for (Py_ssize_t k = 0; out != NULL && k < count; k++) {
        Py_ssize_t at = PyLong_AsSsize_t(PyList_GET_ITEM(offsets, k));
        if (at == -1 && PyErr_Occurred()) {
            Py_CLEAR(out);
            break;
        }
        if (at < 0 || at > x.n) {
            PyErr_Format(PyExc_ValueError, "brace_contexts: offset %zd is outside the source", at);
            Py_CLEAR(out);
            break;
        }
        Py_ssize_t brace = enclosing(&x, at);
        int kind = OTHER;
        if (brace >= 0) {
            Py_ssize_t depth = 0;
            for (Py_ssize_t i = brace; i < at; i++)
                depth += (s[i] == '(') - (s[i] == ')');
            if (depth == 0)
                kind = brace_kind(&x, brace, 1);
        }
        if (brace == -2 || kind == -2) {
            PyErr_NoMemory();
            Py_CLEAR(out);
            break;
        }
        PyObject *item = Py_BuildValue("(in)", kind, brace);
        if (item == NULL)
            Py_CLEAR(out);
        else
            PyList_SET_ITEM(out, k, item);
    }
    ctx_free(&x);
    PyBuffer_Release(&view);
    return out;
}

static PyMethodDef contexts_methods[] = {
    {"enclosing", (PyCFunction)enclosing_fn, METH_VARARGS,
     "enclosing(source, at) -> the unmatched `{` before at, or -1 (macro_runs._enclosing)"},
    {"brace_contexts", (PyCFunction)brace_contexts, METH_VARARGS,
     "brace_contexts(source, offsets) -> [(kind, brace), ...]: the kind of the brace directly around each "
     "offset and where it opens (macro_runs._contexts_py)"},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(contexts, contexts_methods)
