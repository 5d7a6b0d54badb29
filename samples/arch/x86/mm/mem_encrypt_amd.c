// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample: the AMD SME core implements the C-bit helpers, so its arithmetic
 * is where the bit belongs and stays quiet.  Written for cocolint.
 */
#include <linux/mem_encrypt.h>
#include <asm/pgtable.h>

u64 sme_me_mask __section(".data") = 0;
EXPORT_SYMBOL(sme_me_mask);

static void __init __sme_early_map_unmap_mem(void *vaddr, unsigned long size, bool map)
{
	pgprot_t prot = map ? PAGE_KERNEL_EXEC : __pgprot(0);

	if (map)
		pgprot_val(prot) |= _PAGE_ENC;	/* ok: c-bit-applied-by-hand */
	else
		pgprot_val(prot) &= ~_PAGE_ENC;	/* ok: c-bit-applied-by-hand */
	__early_make_pgtable((unsigned long)vaddr, pgprot_val(prot) | sme_me_mask);	/* ok: c-bit-applied-by-hand */
}
