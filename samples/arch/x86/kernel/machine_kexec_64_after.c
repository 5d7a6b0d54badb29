// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "after": the same identity map built with the pgprot wrapper.
 * Written for cocolint.
 */
#include <linux/kexec.h>
#include <asm/init.h>

static int init_pgtable(struct kimage *image, unsigned long start_pgtable)
{
	struct x86_mapping_info info = {
		.alloc_pgt_page	= alloc_pgt_page,
		.context	= image,
		.page_flag	= __PAGE_KERNEL_LARGE_EXEC,
		.kernpg_flag	= _KERNPG_TABLE_NOENC,
	};

	info.page_flag = pgprot_val(pgprot_encrypted(__pgprot(info.page_flag)));	/* ok: c-bit-applied-by-hand */
	info.kernpg_flag = pgprot_val(pgprot_encrypted(__pgprot(info.kernpg_flag)));
	return kernel_ident_mapping_init(&info, (pgd_t *)start_pgtable, 0, PAGE_SIZE);
}
