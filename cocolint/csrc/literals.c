/* Literals: every occurrence of a fixed set of byte strings in a source, overlapping.
 *
 * The literals go into a trie, numbered breadth-first (the nodes near the root, the ones a scan
 * visits most, lie together).  A literal's key is its first 1-4 bytes: as many as the shortest
 * literal with the same first byte has, 4 at most.  A scan takes the source 64 offsets at a time:
 * first, without branches, which of them may start a literal (a bit set indexed by a hash of the
 * key there; kernel C: about 1 offset in 30), then, for those only, the key's trie node is looked
 * up in a small hash table and the trie is walked on from there, reporting each literal it
 * passes.  No literal is shorter than its key, so none is missed before the walk starts.
 *
 * Hits come out by start, then by end, then by literal index (a literal given twice is reported
 * under both indexes): as a set, what an Aho-Corasick search with overlapping matches reports.
 * Building sorts the literals (radix passes over their first 8 bytes) and makes the trie a depth
 * at a time from the sorted list (about 0.6 ms for the normaliser's ~2,300 literals); a scan
 * allocates only its result, and runs without the GIL (a Literals never changes once made).
 */
#include "native.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DENSE_MIN 8          /* a node with more children than this has a 256-entry table of them */

typedef struct {
    uint32_t child;   /* the first child (a node's children are consecutive nodes, by byte); with
                       * more than DENSE_MIN children, the index of its dense block instead */
    uint16_t count;   /* number of children (at most 256) */
    uint16_t ends;    /* 1: literals end here (see walk_from) */
} Node;

typedef struct {
    uint32_t key;     /* the first bytes of a literal, as load4 reads them, masked by key_mask */
    uint32_t node;    /* the trie node they lead to; 0: an empty slot */
} Slot;

typedef struct {
    PyObject_HEAD
    Py_ssize_t literals;   /* how many literals were given */
    uint32_t nodes_n;      /* 0: no literals (nothing is allocated) */
    Node *nodes;           /* node 0 is the root */
    uint8_t *labels;       /* the byte leading to each node */
    uint32_t *dense;       /* 256 entries a block (block 0: the root's), 0 = no child */
    Py_ssize_t terms_n;    /* = literals */
    uint32_t *term_nodes;  /* the node each literal ends at, ascending ... */
    uint32_t *terms;       /* ... and the literal's index (ascending for one node) */
    uint64_t *bits;        /* bit set of the keys' hashes */
    unsigned bits_shift;   /* 32 - log2(number of bits) */
    Slot *slots;           /* the keys as a hash table, linear probing */
    uint32_t slot_mask;
    unsigned slot_shift;   /* 32 - log2(number of slots) */
    uint8_t key_len[256];  /* by first byte: the key's length (1-4) */
    uint32_t key_mask[256];  /* ... as a mask of the 4 bytes load4 reads */
} LiteralsObject;

static inline uint32_t hash_key(uint32_t key, unsigned shift)
{
    return (key * 0x9E3779B1u) >> shift;
}

static inline uint32_t load4(const uint8_t *p)
{
    uint32_t word;
    memcpy(&word, p, 4);
    return word;
}

static inline uint32_t child_of(const LiteralsObject *self, uint32_t v, uint8_t c)
{
    const Node *node = &self->nodes[v];
    if (node->count > DENSE_MIN)
        return self->dense[(size_t)node->child * 256 + c];
    const uint8_t *labels = self->labels;
    for (uint32_t k = node->child, last = node->child + node->count; k < last; k++)
        if (labels[k] >= c)
            return labels[k] == c ? k : 0;
    return 0;
}

/* ---- building ------------------------------------------------------------------------------- */

typedef struct {          /* a literal while the trie is built */
    uint64_t head;        /* its first 8 bytes, big-endian, zero-padded: the order of most literals */
    const uint8_t *bytes;
    Py_ssize_t size;
    uint32_t id;
} Lit;

/* Byte order, then the shorter first, then by index. */
static int lit_order(const Lit *x, const Lit *y)
{
    if (x->head != y->head)
        return x->head < y->head ? -1 : 1;
    if (x->size > 8 && y->size > 8) {
        int c = memcmp(x->bytes + 8, y->bytes + 8, (size_t)(x->size < y->size ? x->size : y->size) - 8);
        if (c != 0)
            return c;
    }  /* (equal heads, one of 8 bytes or fewer: it is a prefix of the other) */
    if (x->size != y->size)
        return x->size < y->size ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int lit_compare(const void *x, const void *y)
{
    return lit_order(x, y);
}

/* Sort lits (n; other: room for as many): by head with radix passes, then runs of equal heads. */
static void sort_lits(Lit *lits, Lit *other, Py_ssize_t n)
{
    Lit *from = lits, *to = other;
    for (int shift = 0; shift < 64; shift += 8) {  /* stable counting sorts, the last byte first */
        Py_ssize_t start[257] = {0};
        for (Py_ssize_t k = 0; k < n; k++)
            start[((from[k].head >> shift) & 0xFF) + 1]++;
        for (int b = 0; b < 256; b++)
            start[b + 1] += start[b];
        for (Py_ssize_t k = 0; k < n; k++)
            to[start[(from[k].head >> shift) & 0xFF]++] = from[k];
        Lit *swap = from;
        from = to;
        to = swap;
    }  /* (8 passes: the result is back in lits) */
    for (Py_ssize_t start = 0, end; start < n; start = end) {  /* then each run of equal heads */
        for (end = start + 1; end < n && lits[end].head == lits[start].head; end++)
            ;
        if (end - start > 16) {
            qsort(lits + start, (size_t)(end - start), sizeof(Lit), lit_compare);
            continue;
        }
        for (Py_ssize_t k = start + 1; k < end; k++) {  /* (an insertion sort: a run is short) */
            Lit lit = lits[k];
            Py_ssize_t b = k;
            for (; b > start && lit_order(&lits[b - 1], &lit) > 0; b--)
                lits[b] = lits[b - 1];
            lits[b] = lit;
        }
    }
}

static void literals_free_tables(LiteralsObject *self)
{
    PyMem_Free(self->nodes);
    PyMem_Free(self->labels);
    PyMem_Free(self->dense);
    PyMem_Free(self->term_nodes);
    PyMem_Free(self->terms);
    PyMem_Free(self->bits);
    PyMem_Free(self->slots);
    self->nodes = NULL;
    self->labels = NULL;
    self->dense = NULL;
    self->term_nodes = NULL;
    self->terms = NULL;
    self->bits = NULL;
    self->slots = NULL;
    self->nodes_n = 0;
}

static uint32_t common_prefix(const Lit *x, const Lit *y)
{
    Py_ssize_t k = 0, most = x->size < y->size ? x->size : y->size;
    while (k < most && x->bytes[k] == y->bytes[k])
        k++;
    return (uint32_t)k;
}

/* The trie of the literals (lits, sorted), built breadth-first a depth at a time: at each depth the
 * literals that reach it, in order, with the common prefix of each with the one before; a literal
 * makes a node where that prefix is shorter than the depth.  So the nodes of a depth are in byte
 * order, and each node's children consecutive.  0, or -1 when out of memory. */
static int build_trie(LiteralsObject *self, Lit *lits, Py_ssize_t n)
{
    uint32_t *live = PyMem_Malloc((size_t)n * sizeof(uint32_t));     /* the literals reaching a depth */
    uint32_t *common = PyMem_Malloc((size_t)n * sizeof(uint32_t));   /* ... their common prefixes */
    uint32_t *at = PyMem_Calloc((size_t)n, sizeof(uint32_t));        /* ... the node each is at */
    size_t used = 1;
    int rc = -1;
    if (live == NULL || common == NULL || at == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < n; k++) {
        live[k] = (uint32_t)k;
        common[k] = k ? common_prefix(&lits[k - 1], &lits[k]) : 0;
        used += (size_t)lits[k].size - common[k];
    }
    self->nodes = PyMem_Calloc(used, sizeof(Node));
    self->labels = PyMem_Calloc(used, 1);
    self->term_nodes = PyMem_Malloc((size_t)n * sizeof(uint32_t));
    self->terms = PyMem_Malloc((size_t)n * sizeof(uint32_t));
    if (self->nodes == NULL || self->labels == NULL || self->term_nodes == NULL || self->terms == NULL)
        goto done;
    self->nodes_n = (uint32_t)used;
    self->terms_n = n;
    uint32_t next = 1;
    Py_ssize_t count = n, terms = 0;
    for (Py_ssize_t depth = 1; count > 0; depth++) {
        uint32_t v = 0;
        for (Py_ssize_t a = 0; a < count; a++) {
            const Lit *lit = &lits[live[a]];
            if (a == 0 || common[a] < depth) {  /* a new prefix: a child of the node the literal is at */
                Node *parent = &self->nodes[at[live[a]]];
                v = next++;
                self->labels[v] = lit->bytes[depth - 1];
                if (parent->count++ == 0)
                    parent->child = v;
            }
            at[live[a]] = v;
            if (lit->size == depth) {
                self->nodes[v].ends = 1;
                self->term_nodes[terms] = v;
                self->terms[terms++] = lit->id;
            }
        }
        Py_ssize_t kept = 0;
        uint32_t least = UINT32_MAX;  /* the common prefix with the last literal kept */
        for (Py_ssize_t a = 0; a < count; a++) {
            if (common[a] < least)
                least = common[a];
            if (lits[live[a]].size > depth) {
                live[kept] = live[a];
                common[kept++] = least;
                least = UINT32_MAX;
            }
        }
        count = kept;
    }
    /* dense blocks: the root's (block 0), and those of the nodes with many children */
    uint32_t blocks = 0;
    for (uint32_t v = 0; v < used; v++)
        blocks += v == 0 || self->nodes[v].count > DENSE_MIN;
    self->dense = PyMem_Calloc((size_t)blocks * 256, sizeof(uint32_t));
    if (self->dense == NULL)
        goto done;
    blocks = 0;
    for (uint32_t v = 0; v < used; v++) {
        Node *node = &self->nodes[v];
        if (v == 0 || node->count > DENSE_MIN) {
            uint32_t *block = self->dense + (size_t)blocks * 256;
            for (uint32_t c = node->child; c < node->child + node->count; c++)
                block[self->labels[c]] = c;
            node->child = blocks++;
        }
    }
    if (self->nodes[0].count <= DENSE_MIN)  /* (child_of reads the root's block) */
        self->nodes[0].count = DENSE_MIN + 1;
    rc = 0;
done:
    PyMem_Free(live);
    PyMem_Free(common);
    PyMem_Free(at);
    return rc;
}

/* The key of a literal (its first key_len bytes, zero-padded, as load4 reads them). */
static uint32_t literal_key(const LiteralsObject *self, const uint8_t *lit, Py_ssize_t size)
{
    uint8_t head[4] = {0, 0, 0, 0};
    memcpy(head, lit, size < 4 ? (size_t)size : 4);
    return load4(head) & self->key_mask[lit[0]];
}

/* The filter (bit set) and the table of the keys' nodes. */
static int index_keys(LiteralsObject *self, PyObject **items, Py_ssize_t n)
{
    memset(self->key_len, 4, sizeof(self->key_len));
    for (Py_ssize_t k = 0; k < n; k++) {
        const uint8_t *lit = (const uint8_t *)PyBytes_AS_STRING(items[k]);
        Py_ssize_t size = PyBytes_GET_SIZE(items[k]);
        if (size < self->key_len[lit[0]])
            self->key_len[lit[0]] = (uint8_t)size;
    }
    for (unsigned c = 0; c < 256; c++) {
        uint8_t ones[4] = {0, 0, 0, 0};
        memset(ones, 0xFF, self->key_len[c]);
        self->key_mask[c] = load4(ones);
    }
    /* the keys' nodes: the number of distinct keys sizes both tables */
    uint32_t *key_nodes = PyMem_Malloc((n ? (size_t)n : 1) * sizeof(uint32_t));
    uint8_t *seen = PyMem_Calloc(self->nodes_n, 1);
    if (key_nodes == NULL || seen == NULL) {
        PyMem_Free(key_nodes);
        PyMem_Free(seen);
        return -1;
    }
    size_t keys = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        const uint8_t *lit = (const uint8_t *)PyBytes_AS_STRING(items[k]);
        uint32_t v = 0;
        for (unsigned d = 0; d < self->key_len[lit[0]]; d++)  /* (no literal is shorter than its key) */
            v = child_of(self, v, lit[d]);
        key_nodes[k] = v;
        keys += !seen[v];
        seen[v] = 1;
    }
    PyMem_Free(seen);
    unsigned log2bits = 12, log2slots = 4;  /* 64 bits a key (4 Kbit at least), twice as many slots */
    while (log2bits < 26 && ((size_t)1 << log2bits) < 64 * keys)
        log2bits++;
    while (((size_t)1 << log2slots) < 2 * keys)
        log2slots++;
    self->bits_shift = 32 - log2bits;
    self->slot_shift = 32 - log2slots;
    self->slot_mask = (uint32_t)(((size_t)1 << log2slots) - 1);
    self->bits = PyMem_Calloc(((size_t)1 << log2bits) / 64, sizeof(uint64_t));
    self->slots = PyMem_Calloc((size_t)1 << log2slots, sizeof(Slot));
    if (self->bits == NULL || self->slots == NULL) {
        PyMem_Free(key_nodes);
        return -1;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        uint32_t key = literal_key(self, (const uint8_t *)PyBytes_AS_STRING(items[k]), PyBytes_GET_SIZE(items[k]));
        uint32_t h = hash_key(key, self->bits_shift);
        self->bits[h >> 6] |= (uint64_t)1 << (h & 63);
        uint32_t slot = hash_key(key, self->slot_shift);
        while (self->slots[slot].node != 0 && self->slots[slot].key != key)
            slot = (slot + 1) & self->slot_mask;
        self->slots[slot].key = key;
        self->slots[slot].node = key_nodes[k];
    }
    PyMem_Free(key_nodes);
    return 0;
}

/* Build the tables from a sequence of bytes objects (the GIL is held); -1 with an exception set. */
static int literals_build(LiteralsObject *self, PyObject *seq)
{
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    size_t total = 1;  /* nodes at most: the root and one per literal byte */

    for (Py_ssize_t k = 0; k < n; k++) {
        if (!PyBytes_Check(items[k])) {
            PyErr_Format(PyExc_TypeError, "literal %zd is %.80s, not bytes", k, Py_TYPE(items[k])->tp_name);
            return -1;
        }
        Py_ssize_t size = PyBytes_GET_SIZE(items[k]);
        if (size == 0) {
            PyErr_Format(PyExc_ValueError, "literal %zd is empty", k);
            return -1;
        }
        total += (size_t)size;
        if (total >= UINT32_MAX / 2) {
            PyErr_SetString(PyExc_OverflowError, "too many literal bytes");
            return -1;
        }
    }
    self->literals = n;
    if (n == 0)
        return 0;
    Lit *lits = PyMem_Malloc((size_t)n * 2 * sizeof(Lit));
    if (lits == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        Lit *lit = &lits[k];
        lit->size = PyBytes_GET_SIZE(items[k]);
        lit->bytes = (const uint8_t *)PyBytes_AS_STRING(items[k]);
        lit->id = (uint32_t)k;
        lit->head = 0;
        for (int b = 0; b < 8; b++)
            lit->head = lit->head << 8 | (b < lit->size ? lit->bytes[b] : 0);
    }
    sort_lits(lits, lits + n, n);
    int rc = build_trie(self, lits, n) < 0 || index_keys(self, items, n) < 0 ? -1 : 0;
    PyMem_Free(lits);
    if (rc < 0) {
        literals_free_tables(self);
        PyErr_NoMemory();
    }
    return rc;
}

static PyObject *Literals_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"literals", NULL};
    PyObject *given;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:Literals", kwlist, &given))
        return NULL;
    PyObject *seq = PySequence_Fast(given, "Literals() takes a list of bytes");
    if (seq == NULL)
        return NULL;
    LiteralsObject *self = (LiteralsObject *)type->tp_alloc(type, 0);
    if (self != NULL && literals_build(self, seq) < 0)
        Py_CLEAR(self);
    Py_DECREF(seq);
    return (PyObject *)self;
}

static void Literals_dealloc(LiteralsObject *self)
{
    literals_free_tables(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* ---- scanning (no GIL) ---------------------------------------------------------------------- */

typedef struct {
    Py_ssize_t *at;   /* (literal, start, end) triples */
    size_t len, cap;  /* in triples */
} Hits;

static int hits_grow(Hits *h)
{
    size_t cap = h->cap ? h->cap * 2 : 256;
    if (cap > (size_t)PY_SSIZE_T_MAX / (3 * sizeof(Py_ssize_t)))
        return -1;
    Py_ssize_t *at = PyMem_RawRealloc(h->at, cap * 3 * sizeof(Py_ssize_t));
    if (at == NULL)
        return -1;
    h->at = at;
    h->cap = cap;
    return 0;
}

/* Every literal starting at offset i of s (n bytes), from node v at offset j on, shortest first;
 * -1 when out of memory. */
static int walk_from(const LiteralsObject *self, const uint8_t *s, Py_ssize_t n, Py_ssize_t i, uint32_t v,
                     Py_ssize_t j, Hits *hits)
{
    while (v != 0) {
        const Node *node = &self->nodes[v];
        if (node->ends) {  /* the literals ending here: a binary search of term_nodes */
            Py_ssize_t lo = 0, hi = self->terms_n;
            while (lo < hi) {
                Py_ssize_t mid = lo + (hi - lo) / 2;
                if (self->term_nodes[mid] < v)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (; lo < self->terms_n && self->term_nodes[lo] == v; lo++) {
                if (hits->len == hits->cap && hits_grow(hits) < 0)
                    return -1;
                Py_ssize_t *t = hits->at + 3 * hits->len++;
                t[0] = self->terms[lo];
                t[1] = i;
                t[2] = j;
            }
        }
        if (node->count == 0 || j >= n)
            return 0;
        v = child_of(self, v, s[j++]);
    }
    return 0;
}

/* Every literal starting at offset i, from the root (the last offsets of a source). */
static int walk(const LiteralsObject *self, const uint8_t *s, Py_ssize_t n, Py_ssize_t i, Hits *hits)
{
    return walk_from(self, s, n, i, self->dense[s[i]], i + 1, hits);
}

/* Every literal starting at offset i (4 bytes there), from the node of the key there. */
static inline int walk_key(const LiteralsObject *self, const uint8_t *s, Py_ssize_t n, Py_ssize_t i, Hits *hits)
{
    uint32_t key = load4(s + i) & self->key_mask[s[i]];
    for (uint32_t slot = hash_key(key, self->slot_shift); self->slots[slot].node != 0;
            slot = (slot + 1) & self->slot_mask)
        if (self->slots[slot].key == key)
            return walk_from(self, s, n, i, self->slots[slot].node, i + self->key_len[s[i]], hits);
    return 0;  /* (the filter's false positive) */
}

static inline int lowest_bit(uint64_t mask)
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_ctzll(mask);
#else
    int k = 0;
    while (!(mask & 1)) {
        mask >>= 1;
        k++;
    }
    return k;
#endif
}

/* Whether a literal may start at p (4 bytes there): no false negatives. */
static inline uint64_t may_start(const LiteralsObject *self, const uint8_t *p)
{
    uint32_t h = hash_key(load4(p) & self->key_mask[p[0]], self->bits_shift);
    return (self->bits[h >> 6] >> (h & 63)) & 1;
}

/* Which of the 64 offsets from p may start a literal (bit k: p + k); p[0..67) readable.  Four
 * chains of 16, each shifted by one (no variable shifts, and they overlap). */
static inline uint64_t block_mask(const LiteralsObject *self, const uint8_t *p)
{
    uint64_t m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    for (int k = 15; k >= 0; k--) {
        m0 = m0 << 1 | may_start(self, p + k);
        m1 = m1 << 1 | may_start(self, p + 16 + k);
        m2 = m2 << 1 | may_start(self, p + 32 + k);
        m3 = m3 << 1 | may_start(self, p + 48 + k);
    }
    return m0 | m1 << 16 | m2 << 32 | m3 << 48;
}

static int scan(const LiteralsObject *self, const uint8_t *s, Py_ssize_t n, Hits *hits)
{
    Py_ssize_t i = 0;
    if (self->nodes_n == 0)
        return 0;
    for (; n - i >= 67; i += 64) {
        for (uint64_t mask = block_mask(self, s + i); mask; mask &= mask - 1)
            if (walk_key(self, s, n, i + lowest_bit(mask), hits) < 0)
                return -1;
    }
    for (; i < n; i++) {  /* the last offsets (the last three from the root: fewer than 4 bytes left) */
        if (n - i >= 4 ? may_start(self, s + i) && walk_key(self, s, n, i, hits) < 0
                       : walk(self, s, n, i, hits) < 0)
            return -1;
    }
    return 0;
}

static PyObject *hits_list(const Hits *hits)
{
    PyObject *out = PyList_New((Py_ssize_t)hits->len);
    for (size_t k = 0; out != NULL && k < hits->len; k++) {
        PyObject *item = PyTuple_New(3);
        if (item == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, (Py_ssize_t)k, item);
        for (int f = 0; f < 3; f++) {
            PyObject *number = PyLong_FromSsize_t(hits->at[3 * k + f]);
            if (number == NULL) {
                Py_CLEAR(out);
                break;
            }
            PyTuple_SET_ITEM(item, f, number);
        }
    }
    return out;
}

static PyObject *Literals_find_all(LiteralsObject *self, PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    Hits hits = {NULL, 0, 0};
    int rc;
    if (view.len >= 4096) {
        Py_BEGIN_ALLOW_THREADS
        rc = scan(self, view.buf, view.len, &hits);
        Py_END_ALLOW_THREADS
    } else {
        rc = scan(self, view.buf, view.len, &hits);
    }
    PyBuffer_Release(&view);
    PyObject *out = rc < 0 ? PyErr_NoMemory() : hits_list(&hits);
    PyMem_RawFree(hits.at);
    return out;
}

/* Scan source (a bytes-like) into hits; -1 with an exception set. */
static int scan_source(LiteralsObject *self, PyObject *arg, Hits *hits)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return -1;
    int rc;
    if (view.len >= 4096) {
        Py_BEGIN_ALLOW_THREADS
        rc = scan(self, view.buf, view.len, hits);
        Py_END_ALLOW_THREADS
    } else {
        rc = scan(self, view.buf, view.len, hits);
    }
    PyBuffer_Release(&view);
    if (rc < 0)
        PyErr_NoMemory();
    return rc;
}

static PyObject *Literals_scan_gate(LiteralsObject *self, PyObject *args)
{
    PyObject *source;
    Py_ssize_t anchor_count, first_name;
    if (!PyArg_ParseTuple(args, "Onn:scan_gate", &source, &anchor_count, &first_name))
        return NULL;
    Hits hits = {NULL, 0, 0};
    if (scan_source(self, source, &hits) < 0) {
        PyMem_RawFree(hits.at);
        return NULL;
    }
    return cocolint_gate_result(hits.at, (Py_ssize_t)hits.len, anchor_count, first_name);  /* (owns hits.at) */
}

static Py_ssize_t Literals_len(LiteralsObject *self)
{
    return self->literals;
}

static PyMethodDef Literals_methods[] = {
    {"find_all", (PyCFunction)Literals_find_all, METH_O,
     "find_all(source) -> [(literal index, start, end), ...]: every occurrence of every literal in a "
     "bytes-like source, overlapping; by start, then end, then index."},
    {"scan_gate", (PyCFunction)Literals_scan_gate, METH_VARARGS,
     "scan_gate(source, anchor_count, first_name) -> (hits, trigger ids, anchor spans, name spans): "
     "the hits of find_all as a Hits object; the ids below first_name found, ascending, each once; "
     "(start, end) of the hits of ids below anchor_count, and of ids from first_name on (gate.c)."},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods Literals_as_sequence = {
    .sq_length = (lenfunc)Literals_len,
};

static PyTypeObject LiteralsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cocolint._native.Literals",
    .tp_doc = "Literals(literals): a list of non-empty bytes searched for together (find_all); "
              "len() is the number of literals.",
    .tp_basicsize = sizeof(LiteralsObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = Literals_new,
    .tp_dealloc = (destructor)Literals_dealloc,
    .tp_methods = Literals_methods,
    .tp_as_sequence = &Literals_as_sequence,
};

int cocolint_add_literals(PyObject *module)
{
    if (PyType_Ready(&LiteralsType) < 0)
        return -1;
    Py_INCREF(&LiteralsType);
    if (PyModule_AddObject(module, "Literals", (PyObject *)&LiteralsType) < 0) {
        Py_DECREF(&LiteralsType);
        return -1;
    }
    return 0;
}
