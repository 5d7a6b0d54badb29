// SPDX-License-Identifier: GPL-2.0
/* cocolint-path: arch/x86/mm/pat/set_memory.c */
/*
 * Annotated sample for hyperv-check-in-set-memory-path, written for cocolint.
 * Generic memory-encryption code must not ask which hypervisor it runs on.
 */
#include <linux/mm.h>
#include <linux/cc_platform.h>
#include <asm/mshyperv.h>

/* Before: the special case that short-cuts the page-table update. */
static int __set_memory_enc_dec(unsigned long addr, int numpages, bool enc)
{
	if (hv_is_isolation_supported())	/* expect: hyperv-check-in-set-memory-path */
		return hv_set_mem_host_visibility(addr, numpages, !enc);

	if (cc_platform_has(CC_ATTR_MEM_ENCRYPT))
		return __set_memory_enc_pgtable(addr, numpages, enc);

	return 0;
}

/* A negated check and a vendor test are special cases too. */
static int __set_memory_enc_prepare(unsigned long addr, int numpages, bool enc)
{
	if (!hv_isolation_type_snp())		/* expect: hyperv-check-in-set-memory-path */
		return 0;
	if (hv_get_isolation_type() == HV_ISOLATION_TYPE_SNP &&	/* expect: hyperv-check-in-set-memory-path */
	    numpages > 1)
		hv_mark_gpa_visibility(numpages, NULL, 0);	/* expect: hyperv-check-in-set-memory-path */
	return 0;
}

/* After: the platform callbacks do the work. */
static int __set_memory_enc_pgtable(unsigned long addr, int numpages, bool enc)
{
	struct x86_platform_ops *ops = &x86_platform;	/* ok: hyperv-check-in-set-memory-path */

	if (!ops->guest.enc_status_change_prepare(addr, numpages, enc))
		return -EIO;
	/* hv_is_isolation_supported() used to be asked here */	/* ok: hyperv-check-in-set-memory-path */
	pr_debug("no hv_set_mem_host_visibility() needed\n");	/* ok: hyperv-check-in-set-memory-path */
	return 0;
}

/* Outside the set_memory paths, in a file that is in scope by path, a member named like the call is not it. */
static bool set_memory_example_field(struct hv_ops *ops)
{
	return ops->hv_is_isolation_supported;	/* ok: hyperv-check-in-set-memory-path */
}

/* One special case is reported once, however long. */
int set_memory_decrypted(unsigned long addr, int numpages)
{
	if (hv_isolation_type_snp()) {		/* expect: hyperv-check-in-set-memory-path */
		hv_set_mem_host_visibility(addr, numpages, true);
		return 0;
	}
	return __set_memory_enc_dec(addr, numpages, false);
}

/* A Hyper-V vendor case is reported once per case; the enumerator itself is a declaration. */
enum example_cc_vendor {
	EXAMPLE_VENDOR_AMD,
	CC_VENDOR_HYPERV,	/* ok: hyperv-check-in-set-memory-path */
};

static bool set_memory_vendor_has(enum cc_vendor vendor, enum cc_attr attr)
{
	switch (vendor) {
	case CC_VENDOR_AMD:
		return amd_cc_platform_has(attr);
	case CC_VENDOR_HYPERV:			/* expect: hyperv-check-in-set-memory-path */
		return hyperv_cc_platform_has(attr);
	default:
		return vendor == CC_VENDOR_HYPERV;	/* expect: hyperv-check-in-set-memory-path */
	}
}
