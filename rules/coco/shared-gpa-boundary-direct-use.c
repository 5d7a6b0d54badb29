// SPDX-License-Identifier: GPL-2.0
/* cocolint-path: arch/x86/kernel/cpu/mshyperv.c */
/*
 * Annotated sample for shared-gpa-boundary-direct-use, written for cocolint.
 * The boundary is computed here and handed to the coco layer; nothing else reads it.
 */
#include <linux/swiotlb.h>
#include <asm/mshyperv.h>

struct ms_hyperv_info ms_hyperv;

/* Computation and a flagged read in the same function (as in Linux 6.1). */
static void __init ms_hyperv_init_platform(void)
{
	if (ms_hyperv.priv_high & HV_ISOLATION) {
		ms_hyperv.shared_gpa_boundary =	/* ok: shared-gpa-boundary-direct-use */
			BIT_ULL(ms_hyperv.shared_gpa_boundary_bits);	/* ok: shared-gpa-boundary-direct-use */
#ifdef CONFIG_SWIOTLB
		swiotlb_unencrypted_base = ms_hyperv.shared_gpa_boundary;	/* expect: shared-gpa-boundary-direct-use */
#endif
	}
}

/* The hand-over to the coco layer. */
void __init hv_vtom_init(void)
{
	cc_set_mask(ms_hyperv.shared_gpa_boundary);	/* ok: shared-gpa-boundary-direct-use */
	physical_mask &= ms_hyperv.shared_gpa_boundary - 1;	/* ok: shared-gpa-boundary-direct-use */
}

/* Reads anywhere else are Hyper-V knowledge in the wrong place. */
static bool hv_is_vtom_vm(void)
{
	return ms_hyperv.shared_gpa_boundary != 0;	/* expect: shared-gpa-boundary-direct-use */
}

static u64 hv_shared_addr(u64 pa)
{
	u64 boundary = ms_hyperv.shared_gpa_boundary;	/* expect: shared-gpa-boundary-direct-use */

	/* ms_hyperv.shared_gpa_boundary in a comment is not a use */	/* ok: shared-gpa-boundary-direct-use */
	pr_info("boundary is ms_hyperv.shared_gpa_boundary\n");	/* ok: shared-gpa-boundary-direct-use */
	return pa | boundary;
}

/* A different structure's field with the same name is not the vTOM boundary. */
static u64 other_boundary(struct vm_layout *layout)
{
	return layout->shared_gpa_boundary;	/* ok: shared-gpa-boundary-direct-use */
}
