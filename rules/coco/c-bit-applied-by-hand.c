// SPDX-License-Identifier: GPL-2.0
/* cocolint-path: arch/x86/kernel/example_pgtable.c */
/*
 * Annotated sample for c-bit-applied-by-hand, written for cocolint.
 * The AMD C-bit is applied by __sme_set()/__sme_clr() and pgprot_encrypted().
 */
#include <linux/mem_encrypt.h>
#include <asm/pgtable_types.h>

/* The wrappers' definitions are where the C-bit belongs. */
#define __sme_set(x)		((x) | sme_me_mask)	/* ok: c-bit-applied-by-hand */
#define __sme_clr(x)		((x) & ~sme_me_mask)	/* ok: c-bit-applied-by-hand */
#define _PAGE_ENC		(_AT(pteval_t, sme_me_mask))	/* ok: c-bit-applied-by-hand */

/* Before: page-table flags built by hand (kexec, EFI, KASAN and espfix still do this). */
static void example_kexec_flags(struct x86_mapping_info *info)
{
	info->page_flag   |= _PAGE_ENC;	/* expect: c-bit-applied-by-hand */
	info->kernpg_flag |= _PAGE_ENC;	/* expect: c-bit-applied-by-hand */
}

static pte_t example_espfix_pte(unsigned long pa, pteval_t ptemask)
{
	return __pte(pa | ((__PAGE_KERNEL_RO | _PAGE_ENC) & ptemask));	/* expect: c-bit-applied-by-hand */
}

static pgprot_t example_kasan_prot(void)
{
	return __pgprot(_PAGE_ENC | __PAGE_KERNEL_RO);	/* expect: c-bit-applied-by-hand */
}

static u64 example_table_pa(void *table)
{
	return virt_to_phys(table) | sme_me_mask;	/* expect: c-bit-applied-by-hand */
}

static u64 example_clear(u64 pa, pgprot_t *prot)
{
	pgprot_val(*prot) &= ~_PAGE_ENC;	/* expect: c-bit-applied-by-hand */
	return pa & ~sme_me_mask;	/* expect: c-bit-applied-by-hand */
}

/* After: the wrappers. */
static u64 example_table_pa_fixed(void *table)
{
	return __sme_set(virt_to_phys(table));	/* ok: c-bit-applied-by-hand */
}

static pgprot_t example_kasan_prot_fixed(void)
{
	/* was: __pgprot(__PAGE_KERNEL_RO | _PAGE_ENC) */	/* ok: c-bit-applied-by-hand */
	pr_debug("prot | _PAGE_ENC\n");	/* ok: c-bit-applied-by-hand */
	return pgprot_encrypted(__pgprot(__PAGE_KERNEL_RO));	/* ok: c-bit-applied-by-hand */
}

/* Testing the bit is not applying it. */
static bool example_is_encrypted(unsigned long page_flags, pte_t pte)
{
	if (!(page_flags & _PAGE_ENC))	/* ok: c-bit-applied-by-hand */
		return false;
	return WARN_ON_ONCE(pte_val(pte) & _PAGE_ENC);	/* ok: c-bit-applied-by-hand */
}

/* The boot-time hand-over, and a parameter that is not the global. */
static void __init example_boot(u64 bitpos)
{
	physical_mask &= ~sme_me_mask;	/* ok: c-bit-applied-by-hand */
}

static unsigned long example_param(unsigned long flags, u64 sme_me_mask)
{
	return flags | sme_me_mask;	/* ok: c-bit-applied-by-hand */
}
