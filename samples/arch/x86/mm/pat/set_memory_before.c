// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "before": the Hyper-V special case at the top of the generic
 * encryption-state change (the shape Linux 6.1 still has).  Written for cocolint.
 */
#include <linux/mm.h>
#include <linux/set_memory.h>
#include <linux/cc_platform.h>
#include <asm/mshyperv.h>

static DEFINE_SPINLOCK(cpa_lock);

static int __set_memory_enc_pgtable(unsigned long addr, int numpages, bool enc)
{
	unsigned long flags;

	spin_lock_irqsave(&cpa_lock, flags);
	/* change the page tables, flush TLB and caches */
	spin_unlock_irqrestore(&cpa_lock, flags);
	return 0;
}

static int __set_memory_enc_dec(unsigned long addr, int numpages, bool enc)
{
	if (hv_is_isolation_supported())	/* expect: hyperv-check-in-set-memory-path */
		return hv_set_mem_host_visibility(addr, numpages, !enc);

	if (cc_platform_has(CC_ATTR_MEM_ENCRYPT))
		return __set_memory_enc_pgtable(addr, numpages, enc);

	return 0;
}

int set_memory_encrypted(unsigned long addr, int numpages)
{
	return __set_memory_enc_dec(addr, numpages, true);
}
EXPORT_SYMBOL_GPL(set_memory_encrypted);

int set_memory_decrypted(unsigned long addr, int numpages)
{
	return __set_memory_enc_dec(addr, numpages, false);
}
EXPORT_SYMBOL_GPL(set_memory_decrypted);
