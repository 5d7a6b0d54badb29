/* trace_events(source, buf) -> (buf, bytes changed): cocolint/kernelc/trace_events.py's pass in C.
 *
 * Every TRACE_EVENT/DECLARE_EVENT_CLASS/DEFINE_EVENT/DECLARE_TRACE call at the start of the file or
 * of a line becomes the function it describes, same length (see trace_events.py, the reference:
 * trace_events_py).  The edits of an event are collected from the source, then applied in order to
 * buf (made from the source at the first event rewritten, when buf is None).  close_paren and
 * top_commas are scan.py's (helpers.h).
 */
#include "native.h"

#include <string.h>

typedef struct {
    Py_ssize_t start, end;
    const char *text;  /* NULL: blank; else written from its first byte, padded with spaces */
} Edit;

typedef struct {
    Edit *at;
    size_t len, cap;
} Edits;

static int edit(Edits *e, Py_ssize_t start, Py_ssize_t end, const char *text)
{
    if (e->len == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 64;
        Edit *at = PyMem_Realloc(e->at, cap * sizeof(Edit));
        if (at == NULL)
            return -1;
        e->at = at;
        e->cap = cap;
    }
    e->at[e->len++] = (Edit){start, end, text};
    return 0;
}

typedef struct {
    Py_ssize_t *at;
    size_t len, cap;
} Offsets;

/* scan.top_commas (helpers.h's cl_top_commas) into out: 0, or -1 when memory runs out. */
static int top_commas(const uint8_t *s, Py_ssize_t len, Py_ssize_t open_at, Py_ssize_t close_at, Offsets *out)
{
    Py_ssize_t count = cl_top_commas(s, len, open_at, close_at, out->at, (Py_ssize_t)out->cap);
    if (count > (Py_ssize_t)out->cap) {
        Py_ssize_t *grown = PyMem_Realloc(out->at, (size_t)count * sizeof(Py_ssize_t));
        if (grown == NULL)
            return -1;
        out->at = grown;
        out->cap = (size_t)count;
        cl_top_commas(s, len, open_at, close_at, out->at, count);
    }
    out->len = (size_t)count;
    return 0;
}

/* _ITEM.match(src, pos, end): `\s*([A-Za-z_]\w*)\s*\(`; the name's span and the match's end (after
 * the `(`), or 0. */
static int item_match(const uint8_t *s, Py_ssize_t pos, Py_ssize_t end, Py_ssize_t *name, Py_ssize_t *name_end,
                      Py_ssize_t *after)
{
    while (pos < end && is_space(s[pos]))
        pos++;
    if (pos >= end || !is_ident_start(s[pos]))
        return 0;
    *name = pos;
    while (pos < end && is_word(s[pos]))
        pos++;
    *name_end = pos;
    while (pos < end && is_space(s[pos]))
        pos++;
    if (pos >= end || s[pos] != '(')
        return 0;
    *after = pos + 1;
    return 1;
}

static int is_word_span(const uint8_t *s, Py_ssize_t a, Py_ssize_t b, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(b - a) == n && memcmp(s + a, word, n) == 0;
}

static const char *const TYPE_FIRST[] = {
    "__field", "__field_ext", "__field_struct", "__field_struct_ext", "__field_packed", "__array",
    "__dynamic_array", "__rel_dynamic_array", "__field_desc", "__array_desc", NULL,
};

/* _fields: the edits of a TP_STRUCT__entry body [start, end); 1, 0 (not rewritten) or -1 (memory). */
static int fields(const uint8_t *s, Py_ssize_t len, Py_ssize_t start, Py_ssize_t end, Edits *e, Offsets *commas)
{
    Py_ssize_t pos = start;
    for (;;) {
        Py_ssize_t name, name_end, after;
        if (!item_match(s, pos, end, &name, &name_end, &after)) {
            /* _BARE_FIELDS: a comment, or a name not called (a macro naming a field list) */
            Py_ssize_t p = pos;
            while (p < end && is_space(s[p]))
                p++;
            if (p + 1 < end && s[p] == '/' && s[p + 1] == '*') {
                Py_ssize_t j = p + 2;
                while (j + 1 < end && !(s[j] == '*' && s[j + 1] == '/'))
                    j++;
                if (j + 1 < end) {
                    pos = j + 2;
                    continue;
                }
            } else if (p < end && is_ident_start(s[p])) {
                Py_ssize_t q = p;
                while (q < end && is_word(s[q]))
                    q++;
                Py_ssize_t r = q;
                while (r < end && is_space(s[r]))
                    r++;
                if (!(r < end && s[r] == '(')) {
                    if (edit(e, p, q, NULL) < 0)
                        return -1;
                    pos = q;
                    continue;
                }
            }
            for (; pos < end; pos++)  /* only white space left: done */
                if (!is_space(s[pos]))
                    return 0;
            return 1;
        }
        Py_ssize_t open_at = after - 1, close = cl_close_paren(s, len, open_at, 0);
        if (close < 0 || close >= end)
            return 0;
        if (top_commas(s, len, open_at, close, commas) < 0)
            return -1;
        int type_first = 0;
        for (const char *const *w = TYPE_FIRST; *w != NULL && !type_first; w++)
            type_first = is_word_span(s, name, name_end, *w);
        Py_ssize_t first_end = commas->len ? commas->at[0] : close;
        /* _NAME.fullmatch of the first argument, stripped */
        Py_ssize_t a = open_at + 1, b = first_end;
        while (a < b && is_space(s[a]))
            a++;
        while (b > a && is_space(s[b - 1]))
            b--;
        int named = a < b && is_ident_start(s[a]);
        for (Py_ssize_t k = a; named && k < b; k++)
            named = is_word(s[k]);
        if (type_first && commas->len) {
            if (edit(e, name, open_at + 1, NULL) < 0 || edit(e, commas->at[0], commas->at[0] + 1, NULL) < 0)
                return -1;
            if (commas->len > 1 && edit(e, commas->at[1], close, NULL) < 0)
                return -1;
        } else if (!named) {  /* `DEV_ENTRY(dev_of(qp))`: fields of a macro, no name */
            if (edit(e, name, close + 1, NULL) < 0)
                return -1;
            pos = close + 1;
            continue;
        } else if (name_end - name >= 3) {
            if (edit(e, name, open_at + 1, "int") < 0)
                return -1;
            if (commas->len && edit(e, commas->at[0], close, NULL) < 0)
                return -1;
        } else {
            return 0;
        }
        if (edit(e, close, close + 1, ";") < 0)
            return -1;
        pos = close + 1;
    }
}

/* _event: the edits of the event named at [name, name_end) (its `(` at name_end); 1, 0 or -1. */
static int event(const uint8_t *s, Py_ssize_t len, Py_ssize_t name, Py_ssize_t name_end, Edits *e,
                 Offsets *commas, Offsets *inner)
{
    Py_ssize_t open_at = name_end, close = cl_close_paren(s, len, open_at, 1);
    e->len = 0;
    if (close < 0)
        return 0;
    Py_ssize_t semi = close + 1;
    while (semi < len && is_blank(s[semi]))
        semi++;
    if (!(semi < len && s[semi] == ';'))
        semi = -1;
    if (top_commas(s, len, open_at, close, commas) < 0)
        return -1;
    size_t leading = name_end - name >= 12 && memcmp(s + name, "DEFINE_EVENT", 12) == 0 ? 2 : 1;
    if (edit(e, name, open_at + 1, NULL) < 0)
        return -1;
    if (leading == 1 && name_end - name >= 4 && edit(e, name, name + 4, "void") < 0)
        return -1;
    for (size_t k = 0; k < leading && k < commas->len; k++)
        if (edit(e, commas->at[k], commas->at[k] + 1, NULL) < 0)
            return -1;
    int opened = 0;
    for (size_t k = leading; k <= commas->len; k++) {  /* argument k: from bound k to bound k + 1 */
        Py_ssize_t a = (k == 0 ? open_at : commas->at[k - 1]) + 1;
        Py_ssize_t after = k < commas->len ? commas->at[k] : close;
        Py_ssize_t word = -1, word_end = -1, item_end = -1, inner_close = -1;
        if (item_match(s, a, after, &word, &word_end, &item_end))
            inner_close = cl_close_paren(s, len, item_end - 1, 1);
        else
            word = word_end = 0;
        if (is_word_span(s, word, word_end, "TP_PROTO") && inner_close > 0 && !opened) {
            if (edit(e, word, word_end, NULL) < 0 || edit(e, after, after + 1, "{") < 0)
                return -1;
            opened = 1;
            continue;
        }
        if (!opened)
            return 0;
        if (is_word_span(s, word, word_end, "TP_STRUCT__entry") && inner_close > 0 && item_end - word >= 8) {
            if (edit(e, word, item_end, "struct {") < 0)
                return -1;
            int got = fields(s, len, item_end, inner_close, e, inner);
            if (got <= 0)
                return got;
            if (edit(e, inner_close, inner_close + 1, "}") < 0 || edit(e, after, after + 1, ";") < 0)
                return -1;
        } else if (is_word_span(s, word, word_end, "TP_fast_assign") && inner_close > 0) {
            if (edit(e, word, item_end, "{") < 0 || edit(e, inner_close, inner_close + 1, "}") < 0)
                return -1;
            if (after != close && edit(e, after, after + 1, NULL) < 0)
                return -1;
        } else if (after != close && edit(e, after, after + 1, ";") < 0) {
            return -1;
        }
    }
    if (!opened)
        return 0;
    if (semi < 0)
        return edit(e, close, close + 1, "}") < 0 ? -1 : 1;
    if (edit(e, close, close + 1, ";") < 0 || edit(e, semi, semi + 1, "}") < 0)
        return -1;
    return 1;
}

/* An event's name at p (TRACE_EVENT... then word bytes, then `(`): its end (the `(`), or -1. */
static Py_ssize_t event_name(const uint8_t *s, Py_ssize_t len, Py_ssize_t p)
{
    static const char *const prefixes[] = {"TRACE_EVENT", "DECLARE_EVENT_CLASS", "DEFINE_EVENT", "DECLARE_TRACE"};
    for (size_t k = 0; k < 4; k++) {
        size_t n = strlen(prefixes[k]);
        if ((size_t)(len - p) >= n && memcmp(s + p, prefixes[k], n) == 0) {
            Py_ssize_t q = p + (Py_ssize_t)n;
            while (q < len && is_word(s[q]))
                q++;
            return q < len && s[q] == '(' ? q : -1;
        }
    }
    return -1;
}

/* Apply e to out (what scan.blank and a slice assignment do); the bytes changed, counted as the
 * Python counts them (a blank: the bytes not already a space or newline; a text: its span). */
static Py_ssize_t apply(const Edits *e, uint8_t *out)
{
    Py_ssize_t n = 0;
    for (size_t k = 0; k < e->len; k++) {
        const Edit *d = &e->at[k];
        if (d->text == NULL) {
            for (Py_ssize_t i = d->start; i < d->end; i++) {
                if (out[i] != ' ' && out[i] != '\n') {
                    n++;
                    out[i] = ' ';
                }
            }
        } else {
            size_t t = strlen(d->text);
            for (Py_ssize_t i = d->start; i < d->end; i++)
                out[i] = (size_t)(i - d->start) < t ? (uint8_t)d->text[i - d->start] : ' ';
            n += d->end - d->start;
        }
    }
    return n;
}

static PyObject *trace_events(PyObject *Py_UNUSED(module), PyObject *args)
{
    Py_buffer view;
    PyObject *buf;
    if (!PyArg_ParseTuple(args, "y*O:trace_events", &view, &buf))
        return NULL;
    if (buf != Py_None && (!PyByteArray_Check(buf) || PyByteArray_GET_SIZE(buf) != view.len)) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_TypeError, "trace_events: buf must be None or a bytearray as long as the source");
        return NULL;
    }
    const uint8_t *s = view.buf;
    Py_ssize_t len = view.len, changed = 0;
    Edits e = {NULL, 0, 0};
    Offsets commas = {NULL, 0, 0}, inner = {NULL, 0, 0};
    PyObject *out = NULL;
    Py_INCREF(buf);
    for (Py_ssize_t p = 0; p < len; p++) {
        if (p > 0) {  /* the events after a newline (and one at the very start) */
            const uint8_t *nl = memchr(s + p - 1, '\n', (size_t)(len - p + 1));
            if (nl == NULL)
                break;
            p = nl - s + 1;
        }
        Py_ssize_t open_at = event_name(s, len, p);
        if (open_at < 0)
            continue;
        int got = event(s, len, p, open_at, &e, &commas, &inner);
        if (got < 0) {
            PyErr_NoMemory();
            goto done;
        }
        if (got == 0)
            continue;
        if (buf == Py_None) {
            Py_DECREF(buf);
            buf = PyByteArray_FromStringAndSize((const char *)s, len);
            if (buf == NULL)
                goto done;
        }
        changed += apply(&e, (uint8_t *)PyByteArray_AS_STRING(buf));
    }
    out = Py_BuildValue("(On)", buf, changed);
done:
    Py_XDECREF(buf);
    PyMem_Free(e.at);
    PyMem_Free(commas.at);
    PyMem_Free(inner.at);
    PyBuffer_Release(&view);
    return out;
}

static PyMethodDef trace_methods[] = {
    {"trace_events", (PyCFunction)trace_events, METH_VARARGS,
     "trace_events(source, buf) -> (buf, bytes changed): trace_events.py's pass (buf: None or a bytearray "
     "of the source's length; a new one when None and an event is rewritten)."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(trace, trace_methods)
