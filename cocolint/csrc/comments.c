/* comment_spans(source), blank_comments(source): the comments outside directives, strings and
 * character literals, exactly as cocolint/engine/comments.py finds them.
 *
 * One left-to-right lexer over the bytes.  Outside any token it knows four lexemes:
 *   - a directive: `#` first on its line after blanks, to the first newline no backslash escapes
 *     (a backslash takes the byte after it, whatever it is; one that is the last byte takes none);
 *   - a string or character literal: to its closing quote, escapes as above, ended (not a
 *     literal at all, the quote is a plain byte) by an unescaped newline or the end of the source;
 *   - a block comment: to the first `*` `/` after its opener, or to the end of the source;
 *   - a line comment: like a directive, so continued by a backslash-newline.
 * Every other byte is plain code.  A line starts after a newline byte ("\r" is a plain byte).
 *
 * The lexer is linear in the length of the source: a literal that does not close is remembered,
 * so the quotes its scan stepped over are not scanned again (see lex_literal).
 */
#include "native.h"

#include <string.h>

/* every x86-64: plain code is skipped sixteen bytes at a time (-DCOCOLINT_NO_SIMD: byte by byte) */
#if !defined(COCOLINT_NO_SIMD) && (defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2))
#define COCOLINT_SSE2 1
#include <emmintrin.h>
#endif

/* Every comment found: (start, end) pairs in order, in memory this file owns. */
struct spans {
	Py_ssize_t *v;		/* 2 * len offsets */
	Py_ssize_t len;
	Py_ssize_t cap;
};

/* Append one span; -1 when memory runs out (the caller raises).  No Python API: runs without the GIL. */
static int spans_push(struct spans *sp, Py_ssize_t start, Py_ssize_t end)
{
	if (sp->len == sp->cap) {
		Py_ssize_t cap = sp->cap ? sp->cap : 64;
		Py_ssize_t *v;

		if (sp->cap) {
			if (cap > PY_SSIZE_T_MAX / (Py_ssize_t)(4 * sizeof(Py_ssize_t)))
				return -1;
			cap *= 2;
		}
		v = PyMem_RawRealloc(sp->v, (size_t)cap * 2 * sizeof(Py_ssize_t));
		if (v == NULL)
			return -1;
		sp->v = v;
		sp->cap = cap;
	}
	sp->v[2 * sp->len] = start;
	sp->v[2 * sp->len + 1] = end;
	sp->len++;
	return 0;
}

/*
 * The end of a directive or line comment whose body starts at i (i <= n): the first newline no
 * backslash escapes, or n, or n - 1 when the last byte is a backslash left without a byte to take.
 *
 * Between i and a newline every byte but a run of backslashes just before it is taken one by one,
 * and that run starts where a byte is taken on its own (the byte before it is no backslash, so it
 * was taken alone or as an escaped byte), so the run's parity says whether it escapes the newline.
 */
static Py_ssize_t lex_line(const unsigned char *s, Py_ssize_t i, Py_ssize_t n)
{
	for (;;) {
		const unsigned char *nl = memchr(s + i, '\n', (size_t)(n - i));
		Py_ssize_t e = nl != NULL ? nl - s : n;
		Py_ssize_t k = e;

		while (k > i && s[k - 1] == '\\')
			k--;
		if ((e - k) % 2 == 0)
			return e;
		if (nl == NULL)
			return n - 1;
		i = e + 1;	/* a backslash-newline: the next line belongs to it */
	}
}

/*
 * The end of the string or character literal whose quote is s[i], or -1 if it is none: an
 * unescaped newline or the end of the source comes first.  Then *stop is set to where the scan
 * ended.  Any later quote of the same kind before *stop opens no literal either: the failed scan
 * stepped over it as an escaped byte (as a byte of its own it would have closed that scan), so
 * from the byte after it both scans take the very same steps.  That keeps a long line of
 * `"\"\"\"...` linear.
 */
static Py_ssize_t lex_literal(const unsigned char *s, Py_ssize_t i, Py_ssize_t n, Py_ssize_t *stop)
{
	const unsigned char quote = s[i];

	for (i++; i < n; i++) {
		const unsigned char c = s[i];

		if (c == quote)
			return i + 1;
		if (c == '\n')
			break;
		if (c == '\\') {
			if (i + 1 >= n)
				break;
			i++;
		}
	}
	*stop = i;
	return -1;
}

/* The end of the block comment whose body starts at i (i <= n): after its first `*` `/`, else n. */
static Py_ssize_t lex_block(const unsigned char *s, Py_ssize_t i, Py_ssize_t n)
{
	while (n - i >= 2) {
		const unsigned char *star = memchr(s + i, '*', (size_t)(n - i - 1));	/* a star with a byte after it */

		if (star == NULL)
			break;
		i = star - s;
		if (s[i + 1] == '/')
			return i + 2;
		i++;
	}
	return n;
}

/* The bytes that may open a token outside any token (`#` only first on its line, after blanks). */
static const unsigned char opens[256] = {
	['"'] = 1, ['\''] = 1, ['/'] = 1, ['#'] = 1,
};

/* The first byte at or after i that may open a token, or n. */
static Py_ssize_t skip_code(const unsigned char *s, Py_ssize_t i, Py_ssize_t n)
{
#ifdef COCOLINT_SSE2
	const __m128i dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\'');
	const __m128i sl = _mm_set1_epi8('/'), hs = _mm_set1_epi8('#');

	/* sixteen bytes at a time; the byte loop below finds the one a hit was for */
	while (n - i >= 16) {
		const __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, sq)),
						 _mm_or_si128(_mm_cmpeq_epi8(v, sl), _mm_cmpeq_epi8(v, hs)));

		if (_mm_movemask_epi8(hit) != 0)
			break;
		i += 16;
	}
#endif
	while (i < n && !opens[s[i]])
		i++;
	return i;
}

/* Every comment of s[0:n] into sp, in order; -1 when memory runs out.  No Python API. */
static int lex(const unsigned char *s, Py_ssize_t n, struct spans *sp)
{
	Py_ssize_t i = 0;
	Py_ssize_t code = 0;	/* where the code i is in starts: the end of the last token */
	Py_ssize_t dq_stop = 0, sq_stop = 0;	/* a '"' ('\'') before this opens no literal */

	for (;;) {
		Py_ssize_t e, k;
		unsigned char c;

		i = skip_code(s, i, n);
		if (i >= n)
			return 0;
		c = s[i];
		switch (c) {
		case '#':	/* a directive if only blanks of this code stand before it on its line */
			k = i;
			while (k > code && (s[k - 1] == ' ' || s[k - 1] == '\t'))
				k--;
			if (k == 0 || s[k - 1] == '\n') {
				i = code = lex_line(s, i + 1, n);
				continue;
			}
			i++;
			continue;
		case '/':
			if (i + 1 < n && s[i + 1] == '*')
				e = lex_block(s, i + 2, n);
			else if (i + 1 < n && s[i + 1] == '/')
				e = lex_line(s, i + 2, n);
			else {
				i++;
				continue;
			}
			if (spans_push(sp, i, e) < 0)
				return -1;
			i = code = e;
			continue;
		default: {	/* a quote */
			Py_ssize_t *stop = c == '"' ? &dq_stop : &sq_stop;

			e = i < *stop ? -1 : lex_literal(s, i, n, stop);
			if (e < 0) {
				i++;	/* not closed: the quote is a plain byte */
				continue;
			}
			i = code = e;
			continue;
		}
		}
	}
}

/* Sources at least this long are lexed with the GIL released (only immutable bytes are). */
#define NOGIL_LEN ((Py_ssize_t)1 << 16)

/* Lex the buffer of obj into sp; -1 with an exception set on failure. */
static int lex_object(PyObject *obj, const Py_buffer *view, struct spans *sp)
{
	const unsigned char *s = view->buf;
	Py_ssize_t n = view->len;
	int rc;

	if (n <= 0)
		return 0;
	if (n >= NOGIL_LEN && PyBytes_CheckExact(obj)) {
		Py_BEGIN_ALLOW_THREADS
		rc = lex(s, n, sp);
		Py_END_ALLOW_THREADS
	} else {
		rc = lex(s, n, sp);
	}
	if (rc < 0) {
		PyErr_NoMemory();
		return -1;
	}
	return 0;
}

PyDoc_STRVAR(comment_spans_doc,
"comment_spans(source: bytes) -> list[tuple[int, int]]\n\n"
"The comments of source outside directives, strings and character literals, in order\n"
"(cocolint/engine/comments.py comment_spans, the reference).");

static PyObject *comment_spans(PyObject *module, PyObject *source)
{
	Py_buffer view;
	struct spans sp = { NULL, 0, 0 };
	PyObject *list = NULL;
	Py_ssize_t k;

	(void)module;
	if (PyObject_GetBuffer(source, &view, PyBUF_SIMPLE) < 0)
		return NULL;
	if (lex_object(source, &view, &sp) < 0)
		goto out;
	list = PyList_New(sp.len);
	if (list == NULL)
		goto out;
	for (k = 0; k < sp.len; k++) {
		PyObject *span = Py_BuildValue("(nn)", sp.v[2 * k], sp.v[2 * k + 1]);

		if (span == NULL) {
			Py_CLEAR(list);
			goto out;
		}
		PyList_SET_ITEM(list, k, span);
	}
out:
	PyMem_RawFree(sp.v);
	PyBuffer_Release(&view);
	return list;
}

PyDoc_STRVAR(blank_comments_doc,
"blank_comments(source: bytes) -> bytes\n\n"
"source with every comment outside directives replaced by spaces (line breaks kept), same\n"
"length; source itself when it has no such comment (cocolint/engine/comments.py, the reference).");

static PyObject *blank_comments(PyObject *module, PyObject *source)
{
	Py_buffer view;
	struct spans sp = { NULL, 0, 0 };
	PyObject *out = NULL;
	Py_ssize_t k;

	(void)module;
	if (PyObject_GetBuffer(source, &view, PyBUF_SIMPLE) < 0)
		return NULL;
	if (lex_object(source, &view, &sp) < 0)
		goto done;
	if (sp.len == 0) {	/* nothing to blank: the very same object, as the reference returns it */
		out = Py_NewRef(source);
		goto done;
	}
	/* a new bytes object nobody else holds yet: written in place */
	out = PyBytes_FromStringAndSize(view.buf, view.len);
	if (out == NULL)
		goto done;
	{
		const unsigned char *in = view.buf;
		unsigned char *o = (unsigned char *)PyBytes_AS_STRING(out);

		for (k = 0; k < sp.len; k++) {
			Py_ssize_t i = sp.v[2 * k], end = sp.v[2 * k + 1];

			while (i < end) {	/* spaces up to each newline, which stays */
				const unsigned char *nl = memchr(in + i, '\n', (size_t)(end - i));
				Py_ssize_t to = nl != NULL ? nl - in : end;

				memset(o + i, ' ', (size_t)(to - i));
				i = to + 1;
			}
		}
	}
done:
	PyMem_RawFree(sp.v);
	PyBuffer_Release(&view);
	return out;
}

static PyMethodDef comment_methods[] = {
	{ "comment_spans", comment_spans, METH_O, comment_spans_doc },
	{ "blank_comments", blank_comments, METH_O, blank_comments_doc },
	{ NULL, NULL, 0, NULL },
};

COCOLINT_ADD_METHODS(comments, comment_methods)
