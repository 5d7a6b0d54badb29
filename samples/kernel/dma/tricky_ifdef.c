// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, tricky: findings in both arms of #ifdef, and a function whose
 * header is split across #ifdef arms.  Written for cocolint.
 */
#include <linux/swiotlb.h>
#include <linux/io.h>

static void *swiotlb_example_remap(struct io_tlb_mem *mem, unsigned long bytes)
{
	phys_addr_t paddr;

#ifdef CONFIG_HAS_IOMEM
	paddr = mem->start + swiotlb_unencrypted_base;	/* expect: shared-memory-second-alias */
#else
	paddr = mem->start | swiotlb_unencrypted_base;	/* expect: shared-memory-second-alias */
#endif
	return memremap(paddr, bytes, MEMREMAP_WB);
}

#ifdef CONFIG_SWIOTLB_DYNAMIC
static int swiotlb_example_init(struct io_tlb_mem *mem, unsigned long nslabs)
#else
static int swiotlb_example_init(struct io_tlb_mem *mem)
#endif
{
	if (hv_is_isolation_supported())	/* expect: hyperv-check-in-set-memory-path */
		return -EINVAL;
	return 0;
}
