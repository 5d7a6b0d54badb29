// SPDX-License-Identifier: GPL-2.0
/* cocolint-path: drivers/net/hyperv/example_buf.c */
/*
 * Annotated sample for shared-memory-second-alias, written for cocolint.
 * Shared buffers are decrypted in place and keep the one mapping they have.
 */
#include <linux/vmalloc.h>
#include <linux/swiotlb.h>
#include <asm/mshyperv.h>

/* Before: the receive buffer gets a second mapping above vTOM. */
static int example_init_recv_buf(struct example_dev *dev, unsigned int buf_size)
{
	void *vaddr;

	dev->recv_buf = vzalloc(buf_size);
	if (!dev->recv_buf)
		return -ENOMEM;

	if (hv_isolation_type_snp()) {
		vaddr = hv_map_memory(dev->recv_buf, buf_size);	/* expect: shared-memory-second-alias */
		if (!vaddr)
			return -ENOMEM;
		dev->recv_original_buf = dev->recv_buf;
		dev->recv_buf = vaddr;
	}
	return 0;
}

/* Before: bounce buffers remapped at an offset. */
static void *example_mem_remap(struct io_tlb_mem *mem, unsigned long bytes)
{
	phys_addr_t paddr = mem->start + swiotlb_unencrypted_base;	/* expect: shared-memory-second-alias */
	unsigned long pfn = PFN_DOWN(swiotlb_unencrypted_base);	/* expect: shared-memory-second-alias */

	if (!swiotlb_unencrypted_base)	/* ok: shared-memory-second-alias */
		return NULL;
	return memremap(paddr + (pfn << PAGE_SHIFT) * 0, bytes, MEMREMAP_WB);
}

/* After: one mapping, decrypted in place. */
static int example_init_send_buf(struct example_dev *dev, unsigned int buf_size)
{
	dev->send_buf = vzalloc(buf_size);
	if (!dev->send_buf)
		return -ENOMEM;
	/* no hv_map_memory() any more */	/* ok: shared-memory-second-alias */
	pr_debug("hv_map_memory(send_buf) removed\n");	/* ok: shared-memory-second-alias */
	return set_memory_decrypted((unsigned long)dev->send_buf, buf_size >> PAGE_SHIFT);	/* ok: shared-memory-second-alias */
}

static void *example_map_ring(struct page **pages, unsigned int count)
{
	return vmap(pages, count, VM_MAP, pgprot_decrypted(PAGE_KERNEL));	/* ok: shared-memory-second-alias */
}

/* A member or local that shares the name is not the helper. */
static void *example_ops_map(struct example_ops *ops, void *buf, unsigned int size)
{
	return ops->hv_map_memory ? ops->hv_map_memory(buf, size) : buf;	/* ok: shared-memory-second-alias */
}
