// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "after": the platform callbacks do the vendor work (the shape of
 * Linux 6.12).  Written for cocolint.
 */
#include <linux/mm.h>
#include <linux/set_memory.h>
#include <linux/cc_platform.h>
#include <asm/x86_init.h>

static int __set_memory_enc_pgtable(unsigned long addr, int numpages, bool enc)
{
	if (!x86_platform.guest.enc_status_change_prepare(addr, numpages, enc))
		return -EIO;
	/* change the page tables, flush TLB and caches */
	if (!x86_platform.guest.enc_status_change_finish(addr, numpages, enc))
		return -EIO;
	return 0;
}

static int __set_memory_enc_dec(unsigned long addr, int numpages, bool enc)
{
	if (cc_platform_has(CC_ATTR_MEM_ENCRYPT))	/* ok: hyperv-check-in-set-memory-path */
		return __set_memory_enc_pgtable(addr, numpages, enc);

	return 0;
}

/* Testing the C-bit is not applying it. */
static bool __init page_flags_encrypted(unsigned long page_flags)
{
	return !!(page_flags & _PAGE_ENC);	/* ok: c-bit-applied-by-hand */
}

int set_memory_decrypted(unsigned long addr, int numpages)
{
	return __set_memory_enc_dec(addr, numpages, false);
}
EXPORT_SYMBOL_GPL(set_memory_decrypted);
