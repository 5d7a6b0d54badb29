// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "before": bounce buffers remapped at an offset above vTOM, with
 * the Hyper-V special case inside swiotlb set-up.  Written for cocolint.
 */
#include <linux/swiotlb.h>
#include <linux/io.h>
#include <linux/set_memory.h>

phys_addr_t swiotlb_unencrypted_base;

#ifdef CONFIG_HAS_IOMEM
static void *swiotlb_mem_remap(struct io_tlb_mem *mem, unsigned long bytes)
{
	void *vaddr = NULL;

	if (swiotlb_unencrypted_base) {	/* ok: shared-memory-second-alias */
		phys_addr_t paddr = mem->start + swiotlb_unencrypted_base;	/* expect: shared-memory-second-alias */

		vaddr = memremap(paddr, bytes, MEMREMAP_WB);
		if (!vaddr)
			pr_err("Failed to map the unencrypted memory %pa size %lx.\n",
			       &paddr, bytes);
	}
	return vaddr;
}
#else
static void *swiotlb_mem_remap(struct io_tlb_mem *mem, unsigned long bytes)
{
	return NULL;
}
#endif

void __init swiotlb_update_mem_attributes(void)
{
	struct io_tlb_mem *mem = &io_tlb_default_mem;
	unsigned long bytes = PAGE_ALIGN(mem->nslabs << IO_TLB_SHIFT);
	void *vaddr = phys_to_virt(mem->start);

	if (hv_is_isolation_supported())	/* expect: hyperv-check-in-set-memory-path */
		hv_set_mem_host_visibility((unsigned long)vaddr, bytes >> PAGE_SHIFT, true);
	else
		set_memory_decrypted((unsigned long)vaddr, bytes >> PAGE_SHIFT);

	mem->vaddr = swiotlb_mem_remap(mem, bytes);
	if (!mem->vaddr)
		mem->vaddr = vaddr;
}
