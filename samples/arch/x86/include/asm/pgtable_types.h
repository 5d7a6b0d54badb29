/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cocolint sample: the page-table encryption bits and wrappers, defined.
 * Written for cocolint.
 */
#ifndef _ASM_X86_PGTABLE_DEFS_H
#define _ASM_X86_PGTABLE_DEFS_H

#define _PAGE_CC		(_AT(pteval_t, cc_mask))	/* ok: cc-mask-applied-by-hand */
#define _PAGE_ENC		(_AT(pteval_t, sme_me_mask))	/* ok: c-bit-applied-by-hand */

#define pgprot_encrypted(prot)	__pgprot(cc_mkenc(pgprot_val(prot)))
#define pgprot_decrypted(prot)	__pgprot(cc_mkdec(pgprot_val(prot)))

#endif /* _ASM_X86_PGTABLE_DEFS_H */
