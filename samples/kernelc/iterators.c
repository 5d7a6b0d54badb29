// SPDX-License-Identifier: GPL-2.0
/* Iterator macros used as loops, with and without braces. */
/* cocolint-path: drivers/demo/iterators.c */

struct demo_buf {
	struct list_head node;
	void *va;
	u64 pa;
};

static LIST_HEAD(demo_bufs);
static DEFINE_SPINLOCK(demo_lock);

static void demo_share_all(void)
{
	struct demo_buf *buf, *tmp;
	int cpu;

	list_for_each_entry(buf, &demo_bufs, node) {
		buf->pa = virt_to_phys(buf->va) | ms_hyperv.shared_gpa_boundary; /* expect: vtom-boundary-applied-by-hand */	/* ok: shared-gpa-boundary-direct-use */
	}

	list_for_each_entry_safe(buf, tmp, &demo_bufs, node)
		kfree(buf);

	for_each_possible_cpu(cpu) {
		per_cpu(demo_hits, cpu) = 0;
	}

	/* a comment between the statement and the loop */
	for_each_online_cpu(cpu)
		demo_kick(cpu);
}

static int demo_count(struct hlist_head *head)
{
	struct demo_item *item;
	int n = 0;

	rcu_read_lock();
	hlist_for_each_entry_rcu(item, head, hnode)
		n++;
	rcu_read_unlock();
	return n;
}

/* a function whose name contains for_each is a definition, not a loop */
static void demo_for_each_buf(void (*fn)(struct demo_buf *))
{
	struct demo_buf *buf;

	spin_lock(&demo_lock);
	list_for_each_entry(buf, &demo_bufs, node)
		fn(buf);
	spin_unlock(&demo_lock);
}
