// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "before": kexec's identity map with the C-bit set by hand (a site
 * upstream never converted; c-bit-applied-by-hand reports it at low confidence).
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

	if (cc_platform_has(CC_ATTR_GUEST_MEM_ENCRYPT)) {
		info.page_flag   |= _PAGE_ENC;	/* expect: c-bit-applied-by-hand */
		info.kernpg_flag |= _PAGE_ENC;	/* expect: c-bit-applied-by-hand */
	}
	return kernel_ident_mapping_init(&info, (pgd_t *)start_pgtable, 0, PAGE_SIZE);
}
