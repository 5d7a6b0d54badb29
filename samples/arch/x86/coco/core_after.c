// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "after": vTOM is an AMD flavour with its own polarity, decided in
 * one place.  Written for cocolint.
 */
#include <linux/export.h>
#include <linux/cc_platform.h>
#include <asm/coco.h>

u64 cc_mask __ro_after_init;

u64 cc_mkdec(u64 val)
{
	switch (cc_vendor) {
	case CC_VENDOR_AMD:
		if (sev_status & MSR_AMD64_SNP_VTOM)
			return val | cc_mask;	/* ok: cc-mask-applied-by-hand */
		return val & ~cc_mask;	/* ok: cc-mask-applied-by-hand */
	case CC_VENDOR_INTEL:
		return val | cc_mask;	/* ok: cc-mask-applied-by-hand */
	default:
		return val;
	}
}
EXPORT_SYMBOL_GPL(cc_mkdec);
