// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "after": one way of mapping the ring buffer, with a protection that
 * says "decrypted".  Written for cocolint.
 */
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/hyperv.h>

int hv_ringbuffer_init(struct hv_ring_buffer_info *ring_info,
		       struct page *pages, u32 page_cnt, u32 max_pkt_size)
{
	struct page **pages_wraparound;
	int i;

	pages_wraparound = kcalloc(page_cnt * 2 - 1, sizeof(struct page *), GFP_KERNEL);
	if (!pages_wraparound)
		return -ENOMEM;

	pages_wraparound[0] = pages;
	for (i = 0; i < 2 * (page_cnt - 1); i++)
		pages_wraparound[i + 1] = &pages[i % (page_cnt - 1) + 1];

	ring_info->ring_buffer = (struct hv_ring_buffer *)
		vmap(pages_wraparound, page_cnt * 2 - 1, VM_MAP,
		     pgprot_decrypted(PAGE_KERNEL));	/* ok: shared-memory-second-alias */
	kfree(pages_wraparound);
	if (!ring_info->ring_buffer)
		return -ENOMEM;

	memset(ring_info->ring_buffer, 0, HV_HYP_PAGE_SIZE);
	return 0;
}
