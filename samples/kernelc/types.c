// SPDX-License-Identifier: GPL-2.0
/* Macros that take a type, GNU ranges and named variadic macro parameters. */

#define demo_dbg(fmt, args...) pr_debug("demo: " fmt, ##args)

struct demo_node {
	struct rb_node rb;
	struct list_head link;
	u32 key;
};

static const u8 demo_map[16] = { [0 ... 7] = 1, [8 ... 15] = 2 };

static struct demo_node *demo_first(struct list_head *head)
{
	return list_first_entry(head, struct demo_node, link);
}

static struct demo_node *demo_of(struct rb_node *n)
{
	return rb_entry(n, struct demo_node, rb);
}

static size_t demo_len(size_t a, size_t b)
{
	size_t off = offsetof(struct demo_node, key);

	return min_t(unsigned long, a, b) + off + sizeof_field(struct demo_node, key);
}

static int demo_class(int prio)
{
	switch (prio) {
	case 0 ... 99:
		return 1;
	case 100 ... 139:
		return 2;
	default:
		demo_dbg("odd prio %d\n", prio);
		return 0;
	}
}

static struct demo_node *demo_owner(struct list_head *link)
{
	return container_of(link, struct demo_node, link);
}
