// SPDX-License-Identifier: GPL-2.0
/*
 * cocolint sample, "after": the boundary is handed to the coco layer once, and the
 * host-visibility hypercall runs as a platform callback.  Written for cocolint.
 */
#include <asm/coco.h>
#include <asm/mshyperv.h>
#include <asm/x86_init.h>

static bool hv_vtom_set_host_visibility(unsigned long kbuffer, int pagecount, bool enc)
{
	/* Hyper-V code is where Hyper-V checks belong. */
	if (!hv_is_isolation_supported())	/* ok: hyperv-check-in-set-memory-path */
		return true;
	return hv_mark_gpa_visibility(pagecount, NULL, enc) == 0;	/* ok: hyperv-check-in-set-memory-path */
}

static bool hv_vtom_tlb_flush_required(bool private)
{
	return true;
}

void __init hv_vtom_init(void)
{
	sev_status = MSR_AMD64_SNP_VTOM;
	cc_vendor = CC_VENDOR_AMD;
	cc_set_mask(ms_hyperv.shared_gpa_boundary);	/* ok: shared-gpa-boundary-direct-use, vtom-boundary-applied-by-hand */
	physical_mask &= ms_hyperv.shared_gpa_boundary - 1;	/* ok: shared-gpa-boundary-direct-use, vtom-boundary-applied-by-hand */

	x86_platform.guest.enc_tlb_flush_required = hv_vtom_tlb_flush_required;
	x86_platform.guest.enc_status_change_finish = hv_vtom_set_host_visibility;
}
