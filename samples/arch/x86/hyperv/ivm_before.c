// SPDX-License-Identifier: GPL-2.0
/*
 * cocolint sample, "before": a second mapping of a buffer above vTOM, built by
 * hand from pfns.  Written for cocolint.
 */
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <asm/mshyperv.h>

/* Map memory to the extra space above the shared GPA boundary. */
void *hv_map_memory(void *addr, unsigned long size)
{
	unsigned long *pfns = kcalloc(size / PAGE_SIZE, sizeof(unsigned long), GFP_KERNEL);
	void *vaddr;
	int i;

	if (!pfns)
		return NULL;

	for (i = 0; i < size / PAGE_SIZE; i++)
		pfns[i] = vmalloc_to_pfn(addr + i * PAGE_SIZE) +	/* expect: vtom-boundary-applied-by-hand */
			(ms_hyperv.shared_gpa_boundary >> PAGE_SHIFT);	/* ok: shared-gpa-boundary-direct-use */

	vaddr = vmap_pfn(pfns, size / PAGE_SIZE, PAGE_KERNEL_IO);
	kfree(pfns);

	return vaddr;
}
EXPORT_SYMBOL_GPL(hv_map_memory);

void hv_unmap_memory(void *addr)
{
	vunmap(addr);
}
