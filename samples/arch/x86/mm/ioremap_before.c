// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "before": an ioremap helper that makes its protection shared by
 * clearing cc_mask itself (right for AMD's C-bit, wrong for TDX and vTOM).
 * Written for cocolint.
 */
#include <linux/io.h>
#include <asm/coco.h>
#include <asm/pgtable.h>

static void __iomem *__ioremap_caller(resource_size_t phys_addr, unsigned long size,
				      enum page_cache_mode pcm, void *caller, bool encrypted)
{
	pgprot_t prot = __pgprot(pgprot_val(PAGE_KERNEL_IO) | cachemode2protval(pcm));

	if (!encrypted)
		pgprot_val(prot) &= ~cc_mask;	/* expect: cc-mask-applied-by-hand */
	else
		prot = __pgprot(pgprot_val(prot) | cc_mask);	/* expect: cc-mask-applied-by-hand */

	return __ioremap_prot(phys_addr, size, prot, caller);
}
