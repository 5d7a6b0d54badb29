/* analyse_conditionals(source, max_views): cocolint/kernelc/conditionals.py's analyse_py in C.
 *
 * One call does all of it: the directive search (directives.c), the #if group stack (which arms
 * are live, which are assembler or C++: the _DEAD_IF/_DEAD_IFDEF/_LIVE_IFNDEF matches), and
 * Views.plan (the greedy choice of views until every live arm is seen, at most max_views).
 * Returns None for an unterminated #if (the Python then reads the file as it is written: Views()),
 * else (directives, dead, groups, choices, firsts) with each group as the fields of a
 * conditionals._Group in order: (start, dead, ifndef_live, live, parent).
 *
 * tests/test_native_conditionals.py compares it with analyse_py on every input it can make.
 */
#include "native.h"

#include <string.h>

enum { W_IF, W_IFDEF, W_IFNDEF, W_ELIF, W_ELSE, W_ENDIF, W_INCLUDE };

/* One #if group while it is read, then its live arms and where it sits (conditionals._Group). */
struct group {
    Py_ssize_t start;       /* where the current arm's code starts */
    int dead;               /* the current arm is dead */
    int ifndef_live;        /* `#ifndef __ASSEMBLY__`: its #else arm is not C */
    Py_ssize_t parent;      /* the group it is nested in, or -1 */
    Py_ssize_t parent_arm;  /* the live arm of parent it is in; -1: inside a dead arm */
    PyObject *live;         /* list of (start, end): its live arms */
};

/* `\s*` read from i, the match ending at end (re's endpos) */
static Py_ssize_t skip_spaces(const unsigned char *s, Py_ssize_t i, Py_ssize_t end)
{
    while (i < end && is_space(s[i]))
        i++;
    return i;
}

/* whether the literal w stands at i, wholly before end */
static int literal_at(const unsigned char *s, Py_ssize_t i, Py_ssize_t end, const char *w)
{
    size_t len = strlen(w);
    return end - i >= (Py_ssize_t)len && memcmp(s + i, w, len) == 0;
}

/* _DEAD_IFDEF.match(s, i, end): `\s*(?:__ASSEMBLY__|__cplusplus)\b` */
static int dead_ifdef(const unsigned char *s, Py_ssize_t i, Py_ssize_t end)
{
    static const char *const names[] = { "__ASSEMBLY__", "__cplusplus" };
    i = skip_spaces(s, i, end);
    for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
        Py_ssize_t j = i + (Py_ssize_t)strlen(names[k]);
        if (literal_at(s, i, end, names[k]) && (j == end || !is_word(s[j])))
            return 1;
    }
    return 0;
}

/* _DEAD_IF.match(s, i, end): `\s*defined\s*\(?\s*(?:__ASSEMBLY__|__cplusplus)\b` */
static int dead_if(const unsigned char *s, Py_ssize_t i, Py_ssize_t end)
{
    i = skip_spaces(s, i, end);
    if (!literal_at(s, i, end, "defined"))
        return 0;
    i = skip_spaces(s, i + 7, end);
    if (i < end && s[i] == '(')
        i++;
    return dead_ifdef(s, i, end);
}

/* The group stack over the directives: groups, *ngroups, directive and dead spans appended.
 * 1: balanced; 0: an #if left open; -1: an exception. */
static int read_groups(const unsigned char *s, const struct cocolint_directives *d, struct group *groups,
                       Py_ssize_t *ngroups, Py_ssize_t *stack, PyObject *directives, PyObject *dead)
{
    Py_ssize_t depth = 0, count = 0;
    for (Py_ssize_t k = 0; k < d->len; k++) {
        const struct cocolint_directive *e = &d->v[k];
        if (e->word == W_INCLUDE) {
            if (append_span(directives, e->line_start, e->end) < 0)
                return -1;
            continue;
        }
        if (e->word <= W_IFNDEF) {
            struct group *g = &groups[count];
            g->start = e->end;
            g->dead = (e->word == W_IF && dead_if(s, e->after, e->end))
                      || (e->word == W_IFDEF && dead_ifdef(s, e->after, e->end));
            g->ifndef_live = e->word == W_IFNDEF && dead_ifdef(s, e->after, e->end);
            g->parent = g->parent_arm = -1;
            if (depth) {
                const struct group *outer = &groups[stack[depth - 1]];
                g->parent = stack[depth - 1];
                g->parent_arm = outer->dead ? -1 : PyList_GET_SIZE(outer->live);
            }
            g->live = PyList_New(0);
            if (g->live == NULL)
                return -1;
            stack[depth++] = count++;
            *ngroups = count;
        } else if (!depth) {
            continue;  /* unbalanced #else/#endif: the text stays as it is */
        } else {
            struct group *g = &groups[stack[depth - 1]];
            if (append_span(g->dead ? dead : g->live, g->start, e->line_start) < 0)
                return -1;
            if (e->word == W_ENDIF) {
                depth--;
            } else {
                g->dead = g->ifndef_live || (e->word == W_ELIF && dead_if(s, e->after, e->end));
                g->start = e->end;
            }
        }
        if (append_span(directives, e->line_start, e->end) < 0)
            return -1;
    }
    return depth == 0;
}

/* Views.plan's state across views (seen: how many arms of each group some view has seen; the
 * Python's set of arm indexes is always the first so many, since each view picks the first unseen). */
struct plan {
    const struct group *groups;
    Py_ssize_t n, *seen, *choice, *todo, ntodo, *offset;
    unsigned char *visible, *flagged, *waiting;  /* waiting: per arm, offset[gi] + i */
};

static Py_ssize_t arms(const struct plan *p, Py_ssize_t gi)
{
    return PyList_GET_SIZE(p->groups[gi].live);
}

/* Views._unsettled: the groups with an arm no view has seen, or such a group nested in them */
static void unsettled(struct plan *p)
{
    memset(p->flagged, 0, (size_t)p->n);
    p->ntodo = 0;
    for (Py_ssize_t gi = p->n - 1; gi >= 0; gi--) {
        if (p->flagged[gi] || p->seen[gi] < arms(p, gi)) {
            p->todo[p->ntodo++] = gi;
            if (p->groups[gi].parent >= 0)
                p->flagged[p->groups[gi].parent] = 1;
        }
    }
    for (Py_ssize_t i = 0, j = p->ntodo - 1; i < j; i++, j--) {
        Py_ssize_t t = p->todo[i];
        p->todo[i] = p->todo[j];
        p->todo[j] = t;
    }
}

/* Views._waiting: the arms holding a nested group some arm of which no view has seen yet */
static void waiting(struct plan *p)
{
    memset(p->waiting, 0, (size_t)p->offset[p->n]);
    for (Py_ssize_t gi = p->n - 1; gi >= 0; gi--) {
        const struct group *g = &p->groups[gi];
        int unseen = p->seen[gi] < arms(p, gi);
        if (g->parent < 0)
            continue;
        for (Py_ssize_t i = 0; !unseen && i < arms(p, gi); i++)
            unseen = p->waiting[p->offset[gi] + i];
        /* (an arm index of -1, inside a dead arm, is never asked for: the Python's (p, -1) is never read) */
        if (unseen && g->parent_arm >= 0 && g->parent_arm < arms(p, g->parent))
            p->waiting[p->offset[g->parent] + g->parent_arm] = 1;
    }
}

/* list of n Py_ssize_t */
static PyObject *int_list(const Py_ssize_t *v, Py_ssize_t n)
{
    PyObject *list = PyList_New(n);
    for (Py_ssize_t i = 0; list != NULL && i < n; i++) {
        PyObject *x = PyLong_FromSsize_t(v[i]);
        if (x == NULL)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, i, x);
    }
    return list;
}

/* Views.plan: choices and firsts appended; 0, or -1 with an exception set */
static int plan(struct plan *p, Py_ssize_t max_views, PyObject *choices, PyObject *firsts)
{
    Py_ssize_t n = p->n, views = 0;
    int several = 0;
    for (Py_ssize_t gi = 0; gi < n; gi++)
        several |= arms(p, gi) > 1;
    if (!several) {  /* no #else anywhere (header guards): one view, its firsts never asked for */
        memset(p->choice, 0, (size_t)n * sizeof(Py_ssize_t));
        PyObject *choice = int_list(p->choice, n), *none = PyList_New(0);
        int rc = choice == NULL || none == NULL || PyList_Append(choices, choice) < 0
                 || PyList_Append(firsts, none) < 0 ? -1 : 0;
        Py_XDECREF(choice);
        Py_XDECREF(none);
        return rc;
    }
    for (Py_ssize_t gi = 0; gi < n; gi++)
        p->todo[gi] = gi;
    p->ntodo = n;
    for (;;) {
        memset(p->choice, 0, (size_t)n * sizeof(Py_ssize_t));
        memset(p->visible, 0, (size_t)n);
        PyObject *fresh = PyList_New(0);
        if (fresh == NULL)
            return -1;
        int wait = 0;
        for (Py_ssize_t t = 0; views && !wait && t < p->ntodo; t++) {
            Py_ssize_t gi = p->todo[t];
            wait = arms(p, gi) > 1 && p->seen[gi] >= arms(p, gi);
        }
        if (wait)
            waiting(p);
        for (Py_ssize_t t = 0; t < p->ntodo; t++) {
            Py_ssize_t gi = p->todo[t], pick = 0, count = arms(p, gi);
            const struct group *g = &p->groups[gi];
            int vis = g->parent < 0 || (p->visible[g->parent] && p->choice[g->parent] == g->parent_arm);
            if (vis) {
                if (p->seen[gi] < count) {  /* the first arm not seen yet */
                    pick = p->seen[gi]++;
                    if (PyList_Append(fresh, PyList_GET_ITEM(g->live, pick)) < 0) {
                        Py_DECREF(fresh);
                        return -1;
                    }
                } else if (count > 1) {  /* every arm seen: one holding a group with an arm not seen, else the first */
                    for (Py_ssize_t i = 0; i < count; i++) {
                        if (p->waiting[p->offset[gi] + i]) {
                            pick = i;
                            break;
                        }
                    }
                }
            }
            p->choice[gi] = pick;
            p->visible[gi] = (unsigned char)vis;
        }
        if ((views && PyList_GET_SIZE(fresh) == 0) || views >= max_views) {
            Py_DECREF(fresh);
            return 0;
        }
        PyObject *choice = int_list(p->choice, n);
        int rc = choice == NULL || PyList_Append(choices, choice) < 0 || PyList_Append(firsts, fresh) < 0;
        Py_XDECREF(choice);
        Py_DECREF(fresh);
        if (rc)
            return -1;
        views++;
        unsettled(p);
    }
}

/* The groups as conditionals._Group's fields: (start, dead, ifndef_live, live, parent) */
static PyObject *group_tuples(const struct group *groups, Py_ssize_t n)
{
    PyObject *list = PyList_New(n);
    for (Py_ssize_t gi = 0; list != NULL && gi < n; gi++) {
        const struct group *g = &groups[gi];
        PyObject *t;
        if (g->parent < 0)
            t = Py_BuildValue("(nNNOO)", g->start, PyBool_FromLong(g->dead), PyBool_FromLong(g->ifndef_live),
                              g->live, Py_None);
        else
            t = Py_BuildValue("(nNNO(nn))", g->start, PyBool_FromLong(g->dead), PyBool_FromLong(g->ifndef_live),
                              g->live, g->parent, g->parent_arm);
        if (t == NULL)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, gi, t);
    }
    return list;
}

static PyObject *analyse_conditionals(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *source, *result = NULL, *directives = NULL, *dead = NULL, *choices = NULL, *firsts = NULL;
    Py_ssize_t max_views, ngroups = 0;
    Py_buffer view;
    struct cocolint_directives d = { NULL, 0, 0 };
    struct group *groups = NULL;
    Py_ssize_t *ints = NULL;
    unsigned char *bytes = NULL;
    struct plan p;

    if (!PyArg_ParseTuple(args, "On:analyse_conditionals", &source, &max_views))
        return NULL;
    if (PyObject_GetBuffer(source, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    if (cocolint_directive_scan(view.buf, view.len, &d) < 0) {
        PyErr_NoMemory();
        goto out;
    }
    /* at most one group, one stack entry per directive; ints: stack, seen, choice, todo, offset (+1) */
    groups = PyMem_Calloc((size_t)d.len + 1, sizeof(*groups));
    ints = PyMem_Calloc(5 * ((size_t)d.len + 1), sizeof(*ints));
    directives = PyList_New(0);
    dead = PyList_New(0);
    if (groups == NULL || ints == NULL) {
        PyErr_NoMemory();
        goto out;
    }
    if (directives == NULL || dead == NULL)
        goto out;
    int balanced = read_groups(view.buf, &d, groups, &ngroups, ints, directives, dead);
    if (balanced < 0)
        goto out;
    if (!balanced) {  /* unterminated #if: read the file as it is written */
        result = Py_NewRef(Py_None);
        goto out;
    }
    p.groups = groups;
    p.n = ngroups;
    p.seen = ints + (d.len + 1);
    p.choice = ints + 2 * (d.len + 1);
    p.todo = ints + 3 * (d.len + 1);
    p.offset = ints + 4 * (d.len + 1);
    memset(p.seen, 0, (size_t)(ngroups + 1) * sizeof(Py_ssize_t));
    p.offset[0] = 0;
    for (Py_ssize_t gi = 0; gi < ngroups; gi++)
        p.offset[gi + 1] = p.offset[gi] + arms(&p, gi);
    /* visible, flagged (one per group), waiting (one per live arm) */
    bytes = PyMem_Calloc(2 * (size_t)ngroups + (size_t)p.offset[ngroups] + 1, 1);
    if (bytes == NULL) {
        PyErr_NoMemory();
        goto out;
    }
    p.visible = bytes;
    p.flagged = bytes + ngroups;
    p.waiting = bytes + 2 * ngroups;
    choices = PyList_New(0);
    firsts = PyList_New(0);
    if (choices == NULL || firsts == NULL || plan(&p, max_views, choices, firsts) < 0)
        goto out;
    PyObject *tuples = group_tuples(groups, ngroups);
    if (tuples != NULL)
        result = Py_BuildValue("(OONOO)", directives, dead, tuples, choices, firsts);
out:
    for (Py_ssize_t gi = 0; groups != NULL && gi < ngroups; gi++)
        Py_XDECREF(groups[gi].live);
    Py_XDECREF(directives);
    Py_XDECREF(dead);
    Py_XDECREF(choices);
    Py_XDECREF(firsts);
    PyMem_Free(bytes);
    PyMem_Free(ints);
    PyMem_Free(groups);
    PyMem_Free(d.v);
    PyBuffer_Release(&view);
    return result;
}

static PyMethodDef methods[] = {
    {"analyse_conditionals", analyse_conditionals, METH_VARARGS,
     "analyse_conditionals(source, max_views) -> None (an #if left open) or (directives, dead, groups, "
     "choices, firsts): conditionals.analyse_py's Views, each group as _Group's fields in order."},
    {NULL, NULL, 0, NULL},
};

COCOLINT_ADD_METHODS(conditionals, methods)
