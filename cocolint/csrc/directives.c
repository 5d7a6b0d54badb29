/* directive_lines(source): the #if/#ifdef/#ifndef/#elif/#else/#endif lines of a source, and the
 * #include lines inside an initialiser, exactly as cocolint/kernelc/conditionals.py finds them
 * (directive_lines_py, the reference: its `_DIRECTIVE` search, start-of-line check and
 * directive_end).
 */
#include "native.h"

#include <string.h>

/* the words, by the index the Python gets (conditionals.WORDS) */
static const struct {
	const char *text;
	Py_ssize_t len;
} words[] = {
	{ "if", 2 }, { "ifdef", 5 }, { "ifndef", 6 }, { "elif", 4 }, { "else", 4 }, { "endif", 5 },
	{ "include", 7 },
};
#define N_WORDS ((int)(sizeof(words) / sizeof(words[0])))
#define INCLUDE 6

static int directives_push(struct cocolint_directives *d, int word, Py_ssize_t line_start, Py_ssize_t after,
			   Py_ssize_t end)
{
	if (d->len == d->cap) {
		Py_ssize_t cap = d->cap ? d->cap : 32;
		struct cocolint_directive *v;

		if (d->cap) {
			if (cap > PY_SSIZE_T_MAX / (Py_ssize_t)(2 * sizeof(struct cocolint_directive)))
				return -1;
			cap *= 2;
		}
		v = PyMem_Realloc(d->v, (size_t)cap * sizeof(struct cocolint_directive));
		if (v == NULL)
			return -1;
		d->v = v;
		d->cap = cap;
	}
	d->v[d->len].word = word;
	d->v[d->len].line_start = line_start;
	d->v[d->len].after = after;
	d->v[d->len].end = end;
	d->len++;
	return 0;
}

/* conditionals.directive_end: the end of the directive whose text starts at pos, continuation
 * lines and a comment opened on it included.  *unclosed: no `*` `/` at or after it (known once a
 * search failed: many directives opening comments that never close stay linear). */
Py_ssize_t cocolint_directive_end(const unsigned char *s, Py_ssize_t pos, Py_ssize_t n, Py_ssize_t *unclosed)
{
	for (;;) {
		const unsigned char *p = memchr(s + pos, '\n', (size_t)(n - pos));
		Py_ssize_t nl, opened, last;

		if (p == NULL)
			return n;
		nl = p - s;
		opened = rfind2(s, pos, nl, '/', '*');
		if (opened < 0 && memchr(s + pos, '\\', (size_t)(nl - pos)) == NULL)
			return nl;	/* the common line: no continuation, no comment opened */
		if (opened >= 0 && find2(s, opened, nl, '*', '/') < 0) {
			Py_ssize_t close = opened + 2 < *unclosed ? find2(s, opened + 2, n, '*', '/') : -1;

			if (close < 0) {
				if (opened + 2 < *unclosed)
					*unclosed = opened + 2;
				return n;
			}
			pos = close + 2;
			continue;
		}
		last = nl - 1;	/* the line's last byte before trailing blanks: a backslash continues it */
		while (last >= pos && (s[last] == ' ' || s[last] == '\t' || s[last] == '\r'))
			last--;
		if (last >= pos && s[last] == '\\') {
			pos = nl + 1;
			continue;
		}
		return nl;
	}
}

/* The directive whose `#` is at h into d (or nothing: not one of the words, not first on its line,
 * an #include outside an initialiser); -1 when memory runs out. */
static int directive_at(const unsigned char *s, Py_ssize_t n, Py_ssize_t h, struct cocolint_directives *d,
			Py_ssize_t *unclosed)
{
	Py_ssize_t p = h + 1, q, line_start, len;
	int w;

	while (p < n && (s[p] == ' ' || s[p] == '\t'))
		p++;
	for (q = p; q < n && is_word(s[q]); q++)
		;
	len = q - p;	/* `\b` after the word: the whole identifier is the word */
	for (w = 0; w < N_WORDS; w++)
		if (len == words[w].len && memcmp(s + p, words[w].text, (size_t)len) == 0)
			break;
	if (w == N_WORDS)
		return 0;
	/* `#include` first on its line after a line ending in code other than `{,(=`: the usual one */
	if (w == INCLUDE && p == h + 1 && h >= 2 && s[h - 1] == '\n' && !is_space(s[h - 2]) && !is_opener(s[h - 2]))
		return 0;
	line_start = h;	/* only blanks may stand before the `#` on its line */
	while (line_start > 0 && (s[line_start - 1] == ' ' || s[line_start - 1] == '\t'))
		line_start--;
	if (line_start > 0 && s[line_start - 1] != '\n')
		return 0;
	if (w == INCLUDE) {	/* blanked when it stands inside an initialiser or argument list */
		const unsigned char *nl;
		unsigned char last = line_start >= 2 ? s[line_start - 2] : ' ';
		Py_ssize_t lo = line_start > 200 ? line_start - 200 : 0, k = line_start;

		if (!is_space(last) && !is_opener(last))
			return 0;
		while (k > lo && is_space(s[k - 1]))
			k--;
		if (k == lo || !is_opener(s[k - 1]))
			return 0;
		nl = memchr(s + q, '\n', (size_t)(n - q));
		return directives_push(d, w, line_start, q, nl != NULL ? nl - s : n);
	}
	return directives_push(d, w, line_start, q, cocolint_directive_end(s, q, n, unclosed));
}

/* Every directive of s[0, n) in order into d (conditionals.c's analyse reads them too): 0, or -1
 * when memory runs out (d->v is the caller's to free either way). */
int cocolint_directive_scan(const unsigned char *s, Py_ssize_t n, struct cocolint_directives *d)
{
	Py_ssize_t h, unclosed = n;

	for (h = 0; h < n; h++) {
		const unsigned char *p = memchr(s + h, '#', (size_t)(n - h));

		if (p == NULL)
			break;
		h = p - s;
		if (directive_at(s, n, h, d, &unclosed) < 0)
			return -1;
	}
	return 0;
}

PyDoc_STRVAR(directive_lines_doc,
"directive_lines(source: bytes) -> list[tuple[int, int, int, int]]\n\n"
"The conditional directives of source in order, as (word index, line start, after the word, end),\n"
"and the #include lines inside an initialiser (cocolint/kernelc/conditionals.py directive_lines_py).");

static PyObject *directive_lines(PyObject *module, PyObject *source)
{
	Py_buffer view;
	struct cocolint_directives d = { NULL, 0, 0 };
	PyObject *list = NULL;
	const unsigned char *s;
	Py_ssize_t n, k;

	(void)module;
	if (PyObject_GetBuffer(source, &view, PyBUF_SIMPLE) < 0)
		return NULL;
	s = view.buf;
	n = view.len;
	if (cocolint_directive_scan(s, n, &d) < 0) {
		PyErr_NoMemory();
		goto out;
	}
	list = PyList_New(d.len);
	if (list == NULL)
		goto out;
	for (k = 0; k < d.len; k++) {
		const struct cocolint_directive *e = &d.v[k];
		PyObject *t = Py_BuildValue("(innn)", e->word, e->line_start, e->after, e->end);

		if (t == NULL) {
			Py_CLEAR(list);
			goto out;
		}
		PyList_SET_ITEM(list, k, t);
	}
out:
	PyMem_Free(d.v);
	PyBuffer_Release(&view);
	return list;
}

static PyMethodDef directive_methods[] = {
	{ "directive_lines", directive_lines, METH_O, directive_lines_doc },
	{ NULL, NULL, 0, NULL },
};

COCOLINT_ADD_METHODS(directives, directive_methods)
