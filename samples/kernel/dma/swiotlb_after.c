// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "after": the bounce buffers are decrypted in place and keep their
 * one mapping.  Written for cocolint.
 */
#include <linux/swiotlb.h>
#include <linux/set_memory.h>

void __init swiotlb_update_mem_attributes(void)
{
	struct io_tlb_pool *mem = &io_tlb_default_mem.defpool;
	unsigned long bytes;

	if (!mem->nslabs || mem->late_alloc)
		return;
	bytes = PAGE_ALIGN(mem->nslabs << IO_TLB_SHIFT);
	set_memory_decrypted((unsigned long)mem->vaddr, bytes >> PAGE_SHIFT);	/* ok: hyperv-check-in-set-memory-path, shared-memory-second-alias */
}
