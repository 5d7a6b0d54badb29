// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "after": the pgprot wrappers pick the vendor's polarity.
 * Written for cocolint.
 */
#include <linux/io.h>
#include <asm/pgtable.h>

static void __iomem *__ioremap_caller(resource_size_t phys_addr, unsigned long size,
				      enum page_cache_mode pcm, void *caller, bool encrypted)
{
	pgprot_t prot = __pgprot(pgprot_val(PAGE_KERNEL_IO) | cachemode2protval(pcm));

	prot = encrypted ? pgprot_encrypted(prot) : pgprot_decrypted(prot);	/* ok: cc-mask-applied-by-hand */
	return __ioremap_prot(phys_addr, size, prot, caller);
}
