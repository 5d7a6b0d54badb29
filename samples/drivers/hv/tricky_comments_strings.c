// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, tricky: every construct the rules look for, but only in comments,
 * strings and names that merely look alike.  Nothing here may be reported.
 * Written for cocolint.
 *
 *	pa | ms_hyperv.shared_gpa_boundary		(in a block comment)
 *	if (hv_is_isolation_supported()) return hv_set_mem_host_visibility(a, n, v);
 *	vaddr = hv_map_memory(buf, size);
 */
#include <linux/printk.h>
#include <asm/mshyperv.h>

static void example_messages(u64 pa)
{
	// pfn + PFN_DOWN(ms_hyperv.shared_gpa_boundary) in a line comment	/* ok: vtom-boundary-applied-by-hand, shared-gpa-boundary-direct-use */
	pr_info("pa | ms_hyperv.shared_gpa_boundary = %llx\n", pa);	/* ok: vtom-boundary-applied-by-hand, shared-gpa-boundary-direct-use */
	pr_info("call hv_map_memory(buf, size) " "and swiotlb_unencrypted_base + x\n");	/* ok: shared-memory-second-alias */
	pr_debug("flags | _PAGE_ENC, val & ~cc_mask\n");	/* ok: c-bit-applied-by-hand, cc-mask-applied-by-hand */
	pr_debug("%s\n", "hv_is_isolation_supported()");	/* ok: hyperv-check-in-set-memory-path */
}

/* A different structure's shared_gpa_boundary is not ms_hyperv's. */
static u64 example_other_boundary(struct example_layout *layout, u64 pa)
{
	return pa | layout->shared_gpa_boundary;	/* ok: vtom-boundary-applied-by-hand, shared-gpa-boundary-direct-use */
}

/* The boundary's declaration is not a use. */
struct example_ms_hyperv_info {
	u32 shared_gpa_boundary_active : 1;
	u32 shared_gpa_boundary_bits : 6;
	u64 shared_gpa_boundary;	/* ok: shared-gpa-boundary-direct-use */
};
