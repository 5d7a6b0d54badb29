// SPDX-License-Identifier: GPL-2.0
/*
 * Macro classes shown by how they are used, and GNU forms the grammar lacks:
 * storage-class macros, string macros, statement and operator arguments,
 * member declarations, offsetof designators, typeof declarations, case ranges
 * without spaces, macros in asm statements, attributes after a declarator.
 */

#define DEMO_STATIC static

struct demo_ring {
	u32 head;
	struct {
		u32 slot[8];
	} tail;
	DECLARE_HASHTABLE(lookup, 6);
	DECLARE_KFIFO(events, struct demo_event *, 32);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4 * 16);
	__type(key, int);
	__type(value, struct demo_ring);
} demo_map SEC(".maps");

static struct demo_ring demo_rings[2] __attribute__((aligned(64)));

static int demo_timeout = 5;
module_param(demo_timeout, int, 0444);
MODULE_PARM_DESC(demo_timeout, "Seconds to wait (default="
		 __MODULE_STRING(5) ")");

STATIC int
demo_kind(int code)
{
	switch (code) {
	case 'a'...'f':
		return 1;
	case DEMO_FIRST...DEMO_LAST:
		return 2;
	}
	return 0;
}

STATIC size_t demo_slot_offset(int i)
{
	return offsetof(struct demo_ring, tail.slot[i]);
}

static u32 demo_head(struct demo_ring *r)
{
	typeof(r->head) head = READ_ONCE(r->head);

	ASSERTCMP(head, <=, 255);
	return head;
}

static int demo_wait(struct demo_dev *dd)
{
	nvkm_msec(dd->device, 2000,
		if (demo_idle(dd))
			break;
	);
	return 0;
}

static unsigned long demo_arg(va_list ap)
{
	return va_arg(ap, unsigned long);
}

static inline void demo_barrier(void)
{
	asm volatile(DEMO_SYNC(%0) : : "r" (0) : "memory");
}
