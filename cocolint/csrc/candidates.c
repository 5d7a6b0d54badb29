/* CandidateLoop: the normaliser's candidate loop in C (normalise.Normaliser._loop_py, candidates.candidates).
 *
 * run(source, spans, hits) merges the trigger scan's name spans with its anchor hits widened to
 * their identifiers (sorted; deduplicated when there are hits), and for each candidate in order,
 * as the Python does: skips it inside the last rewrite (done_until), inside a longer identifier,
 * or as the name of a #define/#if/defined(); looks its bytes up (resolve(word), the Normaliser's
 * _native_entry, asked once per word: () or (name, kind, handler, code, type positions)); and
 * rewrites it: the kinds with a code natively (normalise.NATIVE_KINDS: attribute, attribute_call,
 * iterator, type_arguments, declaration, string_macro, typed_declaration, array_declaration and
 * more_kinds' specifier), every other kind by calling its Python handler(source, buf, start, end,
 * name) with the same bytearray.  It returns (the bytearray or None when nothing was
 * rewritten, {kind: bytes changed} in the order the kinds first changed something).
 * Spans and hits are the scan's (0 <= start <= end <= len); others raise ValueError.
 * tests/test_native_candidates.py compares it with the Python loop.
 */
#include "native.h"

#include <stdlib.h>
#include <string.h>

enum { K_ATTRIBUTE, K_ATTRIBUTE_CALL, K_ITERATOR, K_TYPE_ARGUMENTS, K_DECLARATION, K_STRING_MACRO, K_TYPED_DECLARATION,
       K_ARRAY_DECLARATION, K_SPECIFIER };

typedef struct {
    PyObject_HEAD
    PyObject *resolve;   /* word -> () or (name, kind, handler, code, positions) */
    PyObject *keywords;  /* the type keywords, as bytes (a set) */
    PyObject *entries;   /* word -> what resolve gave */
} Loop;

typedef struct { Py_ssize_t a, b; } Span;

static int by_span(const void *x, const void *y)
{
    const Span *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : (p->b > q->b);
}

/* the bytes _type_arguments strips (` \t\r\n\\`): not helpers.h's is_skip, which also takes \f and \v */
static int is_arg_pad(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\\'; }

/* _DIRECTIVE_NAME.search(s, lo, start): `#\s*(define|undef|ifdef|ifndef|elif|if)\s+$` or `defined\s*\(?\s*$` */
static int directive_name(const unsigned char *s, Py_ssize_t lo, Py_ssize_t start)
{
    static const char *const words[] = {"define", "undef", "ifdef", "ifndef", "elif", "if"};
    Py_ssize_t e = start;
    while (e > lo && is_space(s[e - 1]))
        e--;
    if (e < start) {
        for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
            Py_ssize_t len = (Py_ssize_t)strlen(words[k]), h = e - len;
            if (h < lo || memcmp(s + h, words[k], (size_t)len) != 0)
                continue;
            while (h > lo && is_space(s[h - 1]))
                h--;
            if (h > lo && s[h - 1] == '#')
                return 1;
        }
    }
    if (e > lo && s[e - 1] == '(') {
        e--;
        while (e > lo && is_space(s[e - 1]))
            e--;
    }
    return e - 7 >= lo && memcmp(s + e - 7, "defined", 7) == 0;
}

/* normalise._TYPE_START.match(s[a:b]) */
static int type_start(const unsigned char *s, Py_ssize_t a, Py_ssize_t b)
{
    static const char *const words[] = {"const", "volatile", "struct", "union", "enum", "unsigned", "signed", "short",
                                        "long", "int", "char", "float", "double", "_Bool", "bool", "void", "typeof",
                                        "__typeof__"};
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
        Py_ssize_t len = (Py_ssize_t)strlen(words[k]);
        if (b - a >= len && memcmp(s + a, words[k], (size_t)len) == 0 && (a + len == b || !is_word(s[a + len])))
            return 1;
    }
    if (a >= b || !is_ident_start(s[a]))
        return 0;
    Py_ssize_t i = a + 1;
    while (i < b && is_word(s[i]))
        i++;
    while (i < b && is_space(s[i]))
        i++;
    if (i >= b || s[i] != '*')
        return 0;
    while (i < b && (is_space(s[i]) || s[i] == '*'))
        i++;
    if (i == b)
        return 1;
    if (b - i < 5 || memcmp(s + i, "const", 5) != 0)
        return 0;
    for (i += 5; i < b && is_space(s[i]); i++)
        ;
    return i == b;
}

static int plain_id(const unsigned char *s, Py_ssize_t a, Py_ssize_t b)
{
    if (a >= b || !is_ident_start(s[a]))
        return 0;
    for (Py_ssize_t i = a + 1; i < b; i++) {
        if (!is_word(s[i]))
            return 0;
    }
    return 1;
}

static int has(const unsigned char *s, Py_ssize_t a, Py_ssize_t b, const char *sub, Py_ssize_t k)
{
    for (Py_ssize_t i = a; i + k <= b; i++) {
        if (memcmp(s + i, sub, (size_t)k) == 0)
            return 1;
    }
    return 0;
}

/* _type_arguments' work on the argument bounds: 0 with the count in *changed, -1 with an exception */
static int type_arguments(Loop *self, const unsigned char *s, unsigned char *out, Py_ssize_t *bounds, Py_ssize_t nb,
                          PyObject *positions, Py_ssize_t *changed)
{
    PyObject *seq = PySequence_Fast(positions, "type positions: a sequence of integers");
    if (seq == NULL)
        return -1;
    for (Py_ssize_t p = 0; p < PySequence_Fast_GET_SIZE(seq); p++) {
        Py_ssize_t k = PyNumber_AsSsize_t(PySequence_Fast_GET_ITEM(seq, p), NULL);
        if (k == -1 && PyErr_Occurred())
            goto fail;
        if (k + 1 >= nb)
            continue;
        Py_ssize_t i0 = k < 0 ? k + nb : k, i1 = k + 1 < 0 ? k + 1 + nb : k + 1;
        if (i0 < 0) {
            PyErr_SetString(PyExc_IndexError, "list index out of range");
            goto fail;
        }
        Py_ssize_t a = bounds[i0] + 1, b = bounds[i1];
        while (a < b && is_arg_pad(s[a]))
            a++;
        while (b > a && is_arg_pad(s[b - 1]))
            b--;
        if (a >= b || memchr(s + a, '\n', (size_t)(b - a)) != NULL || has(s, a, b, "/*", 2) || !type_start(s, a, b))
            continue;
        if (plain_id(s, a, b)) {
            PyObject *word = PyBytes_FromStringAndSize((const char *)s + a, b - a);
            int known = word == NULL ? -1 : PySet_Contains(self->keywords, word);
            Py_XDECREF(word);
            if (known < 0)
                goto fail;
            if (known) {
                out[b - 1] = '_';  /* `int` -> `in_`: an identifier, no longer a keyword */
                (*changed)++;
            }
            continue;
        }
        for (Py_ssize_t i = a; i < b; i++) {
            if (!is_word(s[i])) {
                out[i] = '_';
                (*changed)++;
            }
        }
    }
    Py_DECREF(seq);
    return 0;
fail:
    Py_DECREF(seq);
    return -1;
}

/* more_kinds.specifier's test of the code before the name: 1 when it is an operand (or follows case/return/sizeof/goto) */
static int operand_before(const unsigned char *s, Py_ssize_t before)
{
    static const char *const words[] = {"case", "return", "sizeof", "goto"};
    unsigned char c = s[before];
    if (c != 0 && strchr(",({[=!&|+-<>?:%^~/.", c) != NULL)
        return 1;
    if (c == '>' && before >= 1 && s[before - 1] == '-')
        return 1;
    Py_ssize_t lo = before > 7 ? before - 7 : 0;
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {  /* _WORD_BEFORE: the word ends at before */
        Py_ssize_t len = (Py_ssize_t)strlen(words[k]);
        if (before + 1 - len >= lo && memcmp(s + before + 1 - len, words[k], (size_t)len) == 0)
            return 1;
    }
    return 0;
}

/* A native rewrite: 1 with (*changed, *done), 0 for None, -1 with an exception set. */
static int rewrite(Loop *self, int code, PyObject *positions, const unsigned char *s, Py_ssize_t n, unsigned char *out,
                   Py_ssize_t start, Py_ssize_t end, Py_ssize_t *changed, Py_ssize_t *done)
{
    Py_ssize_t open_at = 0, close;
    switch (code) {
    case K_ATTRIBUTE_CALL: {
        Py_ssize_t at = cl_skip_space(s, n, end, 1);
        if (at >= n || s[at] != '(')
            return 0;
    }
        /* fall through */
    case K_ATTRIBUTE: {
        Py_ssize_t after = cl_skip_space(s, n, end, 1);
        if (after < n && s[after] == '(') {
            close = cl_close_paren(s, n, after, 0);
            if (close < 0)
                return 0;
            end = close + 1;
        }
        *changed = cl_blank(out, n, start, end);
        *done = end;
        return 1;
    }
    case K_ITERATOR: {
        if (end - start < 5)
            return 0;
        Py_ssize_t before = cl_code_before(s, n, start - 1);
        if (before >= 0) {
            unsigned char c = s[before];
            if (!(c == ';' || c == '{' || c == '}' || c == ')' || c == ':')
                    && !(before >= 3 && memcmp(s + before - 3, "else", 4) == 0)
                    && !(before >= 1 && memcmp(s + before - 1, "do", 2) == 0))
                return 0;
        }
        close = cl_call_parens(s, n, end, &open_at);
        if (close < 0)
            return close == -2 ? -1 : 0;
        Py_ssize_t nxt = cl_skip_space(s, n, close + 1, 1);
        if (nxt >= n || !(s[nxt] == '{' || is_word(s[nxt])))
            return 0;
        memcpy(out + start, "while", 5);
        *changed = 5 + cl_blank(out, n, start + 5, end);
        *done = open_at + 1;
        return 1;
    }
    case K_TYPE_ARGUMENTS: {
        close = cl_call_parens(s, n, end, &open_at);
        if (close < 0)
            return close == -2 ? -1 : 0;
        Py_ssize_t local[66], *bounds = local;
        Py_ssize_t count = cl_top_commas(s, n, open_at, close, local + 1, 64);
        if (count > 64) {
            bounds = PyMem_New(Py_ssize_t, (size_t)count + 2);
            if (bounds == NULL) {
                PyErr_NoMemory();
                return -1;
            }
            cl_top_commas(s, n, open_at, close, bounds + 1, count);
        }
        bounds[0] = open_at;
        bounds[count + 1] = close;
        *changed = 0;
        int rc = type_arguments(self, s, out, bounds, count + 2, positions, changed);
        if (bounds != local)
            PyMem_Free(bounds);
        if (rc < 0)
            return -1;
        *done = open_at + 1;
        return 1;
    }
    case K_DECLARATION: {
        if (start && s[start - 1] != '\n')
            return 0;
        if (one_line_statement(s, n, cl_skip_space(s, n, end, 1)))
            return 0;  /* `EXPORT_SYMBOL(x);` has its `;` */
        close = cl_call_parens(s, n, end, &open_at);
        if (close < 0)
            return close == -2 ? -1 : 0;
        Py_ssize_t nxt = cl_skip_space(s, n, close + 1, 1);
        if (nxt < n && s[nxt] == ';')
            return 0;
        *changed = cl_blank(out, n, start, close + 1);
        *done = close + 1;
        return 1;
    }
    case K_STRING_MACRO: {  /* `KERN_ERR "..."`: a blank string literal of its own length */
        if (end - start < 2)
            return 0;
        Py_ssize_t after = cl_skip_space(s, n, end, 1), before = cl_skip_space(s, n, start - 1, -1);
        if (!((after < n && s[after] == '"') || (before >= 0 && s[before] == '"')))
            return 0;
        out[start] = out[end - 1] = '"';
        *changed = 2 + cl_blank(out, n, start + 1, end - 1);
        *done = end;
        return 1;
    }
    case K_TYPED_DECLARATION: {
        open_at = cl_skip_space(s, n, end, 1);
        if (open_at >= n || s[open_at] != '(')
            return 0;
        close = cl_close_paren(s, n, open_at, 0);
        Py_ssize_t comma;
        if (close <= 0 || cl_top_commas(s, n, open_at, close, &comma, 1) == 0)
            return 0;
        *changed = cl_blank(out, n, start, open_at + 1) + cl_blank(out, n, comma, comma + 1);
        *changed += cl_blank(out, n, close, close + 1);
        *done = open_at + 1;
        return 1;
    }
    case K_ARRAY_DECLARATION: {  /* `DECLARE_BITMAP(bits, N)` becomes `long bits[ N]` */
        if (end - start < 5 || end != cl_skip_space(s, n, end, 1) || end >= n || s[end] != '(')
            return 0;
        close = cl_close_paren(s, n, end, 0);
        Py_ssize_t comma;
        if (close <= 0 || cl_top_commas(s, n, end, close, &comma, 1) != 1)
            return 0;
        *changed = cl_blank(out, n, start + 4, end + 1) + 4 + 2;
        memcpy(out + start, "long", 4);
        out[comma] = '[';
        out[close] = ']';
        *done = end + 1;
        return 1;
    }
    case K_SPECIFIER: {  /* `STATIC int f(...)`: blanked where it is not an operand */
        Py_ssize_t before = cl_code_before(s, n, start - 1);
        if (before >= 0 && operand_before(s, before))
            return 0;
        Py_ssize_t after = cl_skip_space(s, n, end, 1);
        if (after < n) {
            unsigned char c = s[after];
            if (c != 0 && strchr("([.,=):+-*/%&|^<>?!]}", c) != NULL)
                return 0;  /* a call, an operand */
            if (c == ';' && before >= 0 && !(s[before] == '}' || s[before] == ')' || s[before] == ']'))
                return 0;  /* a variable named like the macro */
        }
        *changed = cl_blank(out, n, start, end);
        *done = end;
        return 1;
    }
    }
    PyErr_Format(PyExc_ValueError, "CandidateLoop: no native rewrite numbered %d", code);
    return -1;
}

/* Read a list of (start, end) pairs into v[*k...]; -1 with an exception set. */
static int read_spans(PyObject *list, Py_ssize_t n, Span *v, Py_ssize_t *k)
{
    Py_ssize_t count = PySequence_Fast_GET_SIZE(list);
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(list, i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
            PyErr_SetString(PyExc_ValueError, "CandidateLoop.run: each span is a (start, end) tuple");
            return -1;
        }
        Py_ssize_t a = PyNumber_AsSsize_t(PyTuple_GET_ITEM(item, 0), NULL);
        Py_ssize_t b = PyNumber_AsSsize_t(PyTuple_GET_ITEM(item, 1), NULL);
        if (PyErr_Occurred())
            return -1;
        if (a < 0 || a > b || b > n) {
            PyErr_SetString(PyExc_ValueError, "CandidateLoop.run: a span outside the source");
            return -1;
        }
        v[*k].a = a;
        v[*k].b = b;
        (*k)++;
    }
    return 0;
}

/* The (name, kind, handler, code, positions) of word, or () (resolve asked once per word). */
static PyObject *entry(Loop *self, PyObject *word)
{
    PyObject *e = PyDict_GetItemWithError(self->entries, word);  /* borrowed */
    if (e != NULL || PyErr_Occurred())
        return e;
    if (PyDict_GET_SIZE(self->entries) > 100000)
        PyDict_Clear(self->entries);
    e = PyObject_CallOneArg(self->resolve, word);
    if (e == NULL)
        return NULL;
    if (!PyTuple_Check(e) || (PyTuple_GET_SIZE(e) != 0 && PyTuple_GET_SIZE(e) != 5)) {
        Py_DECREF(e);
        PyErr_SetString(PyExc_TypeError, "CandidateLoop: resolve(word) gives () or (name, kind, handler, code, positions)");
        return NULL;
    }
    int rc = PyDict_SetItem(self->entries, word, e);
    Py_DECREF(e);  /* the dict holds it */
    return rc < 0 ? NULL : e;
}

static int add_count(PyObject *counts, PyObject *kind, PyObject *n)
{
    PyObject *had = PyDict_GetItemWithError(counts, kind);
    if (had == NULL && PyErr_Occurred())
        return -1;
    if (had == NULL)
        return PyDict_SetItem(counts, kind, n);
    PyObject *sum = PyNumber_Add(had, n);
    int rc = sum == NULL ? -1 : PyDict_SetItem(counts, kind, sum);
    Py_XDECREF(sum);
    return rc;
}

static PyObject *loop_run(Loop *self, PyObject *args)
{
    PyObject *source, *spans_arg, *hits_arg;
    if (!PyArg_ParseTuple(args, "SOO:run", &source, &spans_arg, &hits_arg))
        return NULL;
    const unsigned char *s = (const unsigned char *)PyBytes_AS_STRING(source);
    Py_ssize_t n = PyBytes_GET_SIZE(source);
    PyObject *spans = PySequence_Fast(spans_arg, "CandidateLoop.run: spans is a list"), *hits = NULL;
    PyObject *buf = NULL, *counts = NULL, *result = NULL;
    Span *v = NULL;
    if (spans == NULL)
        return NULL;
    hits = PySequence_Fast(hits_arg, "CandidateLoop.run: hits is a list");
    if (hits == NULL)
        goto done;
    Py_ssize_t ns = PySequence_Fast_GET_SIZE(spans), nh = PySequence_Fast_GET_SIZE(hits), count = 0;
    v = PyMem_New(Span, (size_t)(ns + nh + 1));
    if (v == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (read_spans(spans, n, v, &count) < 0 || read_spans(hits, n, v, &count) < 0)
        goto done;
    for (Py_ssize_t k = ns; k < count; k++) {  /* each anchor hit widened to the identifier around it */
        Py_ssize_t lo = v[k].a > 80 ? v[k].a - 80 : 0, a = v[k].a, b = v[k].b;
        while (a > lo && is_word(s[a - 1]))
            a--;
        while (b < n && is_word(s[b]))
            b++;
        v[k].a = a;
        v[k].b = b;
    }
    qsort(v, (size_t)count, sizeof(Span), by_span);
    if (nh) {  /* sorted(set(spans) | set(widened)) */
        Py_ssize_t w = 0;
        for (Py_ssize_t k = 0; k < count; k++) {
            if (w == 0 || v[k].a != v[w - 1].a || v[k].b != v[w - 1].b)
                v[w++] = v[k];
        }
        count = w;
    }
    counts = PyDict_New();
    if (counts == NULL)
        goto done;
    Py_ssize_t done_until = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_ssize_t start = v[k].a, end = v[k].b;
        if (start < done_until)
            continue;
        if ((start && is_word(s[start - 1])) || (end < n && is_word(s[end])))
            continue;  /* part of a longer identifier */
        if (directive_name(s, start > 24 ? start - 24 : 0, start))
            continue;
        PyObject *word = PyBytes_FromStringAndSize((const char *)s + start, end - start);
        if (word == NULL)
            goto done;
        PyObject *e = entry(self, word);  /* borrowed */
        Py_DECREF(word);
        if (e == NULL)
            goto done;
        if (PyTuple_GET_SIZE(e) == 0)
            continue;  /* not a known macro */
        if (buf == NULL) {
            buf = PyByteArray_FromObject(source);
            if (buf == NULL)
                goto done;
        }
        PyObject *kind = PyTuple_GET_ITEM(e, 1);
        int code = PyLong_Check(PyTuple_GET_ITEM(e, 3)) ? (int)PyLong_AsLong(PyTuple_GET_ITEM(e, 3)) : -1;
        if (code >= 0 && PyByteArray_GET_SIZE(buf) == n) {
            Py_ssize_t changed = 0, until = 0;
            int rc = rewrite(self, code, PyTuple_GET_ITEM(e, 4), s, n, (unsigned char *)PyByteArray_AS_STRING(buf),
                             start, end, &changed, &until);
            if (rc < 0)
                goto done;
            if (rc == 0)
                continue;
            done_until = until;
            if (changed) {
                PyObject *c = PyLong_FromSsize_t(changed);
                int bad = c == NULL || add_count(counts, kind, c) < 0;
                Py_XDECREF(c);
                if (bad)
                    goto done;
            }
            continue;
        }
        /* a kind rewritten in Python: its handler, as the Python loop calls it */
        PyObject *span = PyObject_CallFunction(PyTuple_GET_ITEM(e, 2), "OOnnO", source, buf, start, end,
                                               PyTuple_GET_ITEM(e, 0));
        if (span == NULL)
            goto done;
        int truth = PyObject_IsTrue(span);
        if (truth <= 0) {
            Py_DECREF(span);
            if (truth < 0)
                goto done;
            continue;
        }
        PyObject *pair = PySequence_Fast(span, "a rewrite gives (changed, done_until) or None");
        Py_DECREF(span);
        if (pair == NULL)
            goto done;
        if (PySequence_Fast_GET_SIZE(pair) != 2) {
            Py_DECREF(pair);
            PyErr_SetString(PyExc_ValueError, "a rewrite gives (changed, done_until) or None");
            goto done;
        }
        PyObject *changed = PySequence_Fast_GET_ITEM(pair, 0);
        Py_ssize_t until = PyNumber_AsSsize_t(PySequence_Fast_GET_ITEM(pair, 1), NULL);
        int nonzero = PyErr_Occurred() ? -1 : PyObject_IsTrue(changed);
        if (nonzero < 0 || (nonzero && add_count(counts, kind, changed) < 0)) {
            Py_DECREF(pair);
            goto done;
        }
        Py_DECREF(pair);
        done_until = until;
    }
    result = Py_BuildValue("(OO)", buf != NULL ? buf : Py_None, counts);
done:
    PyMem_Free(v);
    Py_XDECREF(buf);
    Py_XDECREF(counts);
    Py_XDECREF(hits);
    Py_DECREF(spans);
    return result;
}

static int loop_init(Loop *self, PyObject *args, PyObject *kw)
{
    static char *names[] = {"resolve", "type_keywords", NULL};
    PyObject *resolve, *keywords;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO:CandidateLoop", names, &resolve, &keywords))
        return -1;
    PyObject *set = PySet_New(keywords), *entries = PyDict_New();
    if (set == NULL || entries == NULL) {
        Py_XDECREF(set);
        Py_XDECREF(entries);
        return -1;
    }
    Py_INCREF(resolve);
    Py_XSETREF(self->resolve, resolve);
    Py_XSETREF(self->keywords, set);
    Py_XSETREF(self->entries, entries);
    return 0;
}

static int loop_traverse(Loop *self, visitproc visit, void *arg)
{
    Py_VISIT(self->resolve);
    Py_VISIT(self->keywords);
    Py_VISIT(self->entries);
    return 0;
}

static int loop_clear(Loop *self)
{
    Py_CLEAR(self->resolve);
    Py_CLEAR(self->keywords);
    Py_CLEAR(self->entries);
    return 0;
}

static void loop_dealloc(Loop *self)
{
    PyObject_GC_UnTrack(self);
    loop_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef loop_methods[] = {
    {"run", (PyCFunction)loop_run, METH_VARARGS,
     "run(source, spans, hits) -> (bytearray | None, {kind: bytes changed}): the candidate loop."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject LoopType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cocolint._native.CandidateLoop",
    .tp_basicsize = sizeof(Loop),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "CandidateLoop(resolve, type_keywords): the normaliser's candidate loop (see csrc/candidates.c).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)loop_init,
    .tp_traverse = (traverseproc)loop_traverse,
    .tp_clear = (inquiry)loop_clear,
    .tp_dealloc = (destructor)loop_dealloc,
    .tp_methods = loop_methods,
};

int cocolint_add_candidates(PyObject *module)
{
    if (PyType_Ready(&LoopType) < 0)
        return -1;
    Py_INCREF(&LoopType);
    if (PyModule_AddObject(module, "CandidateLoop", (PyObject *)&LoopType) < 0) {
        Py_DECREF(&LoopType);
        return -1;
    }
    return 0;
}
