// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, tricky: findings surrounded by kernel macros tree-sitter does not
 * know (__init, __iomem, __read_mostly, list_for_each_entry, scoped_guard, DEFINE_*).
 * Written for cocolint.
 */
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/cleanup.h>
#include <asm/mshyperv.h>

static DEFINE_MUTEX(example_buf_lock);
static DEFINE_PER_CPU(struct example_stats, example_stats);
static LIST_HEAD(example_bufs) __read_mostly;
static void __iomem *example_regs __read_mostly;

struct example_buf {
	struct list_head list;
	void *vaddr;
	unsigned int size;
	u64 shared_pa;
};

static int __init example_map_all(void)
{
	struct example_buf *buf;

	mutex_lock(&example_buf_lock);
	list_for_each_entry(buf, &example_bufs, list) {
		buf->vaddr = hv_map_memory(buf->vaddr, buf->size);	/* expect: shared-memory-second-alias */
		buf->shared_pa = virt_to_phys(buf->vaddr) | ms_hyperv.shared_gpa_boundary;	/* expect: vtom-boundary-applied-by-hand */	/* ok: shared-gpa-boundary-direct-use */
	}
	mutex_unlock(&example_buf_lock);
	return 0;
}

static void __iomem *example_map_regs(u64 gpa)
{
	scoped_guard(mutex, &example_buf_lock) {
		gpa &= ~ms_hyperv.shared_gpa_boundary;	/* expect: vtom-boundary-applied-by-hand */	/* ok: shared-gpa-boundary-direct-use */
	}
	return ioremap_cache(gpa, PAGE_SIZE);
}

static int __init example_fixed(void)
{
	struct example_buf *buf;

	list_for_each_entry(buf, &example_bufs, list)
		buf->shared_pa = cc_mkdec(virt_to_phys(buf->vaddr));	/* ok: vtom-boundary-applied-by-hand */
	return 0;
}
module_init(example_fixed);
