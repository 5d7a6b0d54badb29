// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "before": a Hyper-V vendor in the coco core.  The cc_mask
 * arithmetic here is the implementation of cc_mkenc()/cc_mkdec() and stays quiet.
 * Written for cocolint.
 */
#include <linux/export.h>
#include <linux/cc_platform.h>
#include <asm/coco.h>

enum cc_vendor cc_vendor __ro_after_init = CC_VENDOR_NONE;
u64 cc_mask __ro_after_init;

static bool hyperv_cc_platform_has(enum cc_attr attr)
{
	return attr == CC_ATTR_GUEST_MEM_ENCRYPT;
}

bool cc_platform_has(enum cc_attr attr)
{
	switch (cc_vendor) {
	case CC_VENDOR_AMD:
		return amd_cc_platform_has(attr);
	case CC_VENDOR_HYPERV:	/* expect: hyperv-check-in-set-memory-path */
		return hyperv_cc_platform_has(attr);
	default:
		return false;
	}
}
EXPORT_SYMBOL_GPL(cc_platform_has);

u64 cc_mkenc(u64 val)
{
	switch (cc_vendor) {
	case CC_VENDOR_AMD:
		return val | cc_mask;	/* ok: cc-mask-applied-by-hand */
	case CC_VENDOR_INTEL:
		return val & ~cc_mask;	/* ok: cc-mask-applied-by-hand */
	default:
		return val;
	}
}
