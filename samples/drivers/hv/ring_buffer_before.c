// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "before": the ring buffer of an isolated VM mapped by pfn above
 * vTOM, a second way next to the normal vmap().  Written for cocolint.
 */
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/hyperv.h>
#include <asm/mshyperv.h>

int hv_ringbuffer_init(struct hv_ring_buffer_info *ring_info,
		       struct page *pages, u32 page_cnt, u32 max_pkt_size)
{
	unsigned long *pfns_wraparound;
	u64 pfn;
	int i;

	if (hv_isolation_type_snp()) {	/* ok: hyperv-check-in-set-memory-path */
		pfn = page_to_pfn(pages) +	/* expect: vtom-boundary-applied-by-hand */
			PFN_DOWN(ms_hyperv.shared_gpa_boundary);	/* ok: shared-gpa-boundary-direct-use */

		pfns_wraparound = kcalloc(page_cnt * 2 - 1, sizeof(unsigned long), GFP_KERNEL);
		if (!pfns_wraparound)
			return -ENOMEM;

		pfns_wraparound[0] = pfn;
		for (i = 0; i < 2 * (page_cnt - 1); i++)
			pfns_wraparound[i + 1] = pfn + i % (page_cnt - 1) + 1;

		ring_info->ring_buffer = (struct hv_ring_buffer *)
			vmap_pfn(pfns_wraparound, page_cnt * 2 - 1, PAGE_KERNEL);
		kfree(pfns_wraparound);
		if (!ring_info->ring_buffer)
			return -ENOMEM;
	}
	return 0;
}
