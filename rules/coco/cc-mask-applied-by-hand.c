// SPDX-License-Identifier: GPL-2.0
/* cocolint-path: arch/x86/mm/example_cc.c */
/*
 * Annotated sample for cc-mask-applied-by-hand, written for cocolint.
 * Only cc_mkenc()/cc_mkdec() know which way cc_mask points on this vendor.
 */
#include <asm/coco.h>
#include <asm/pgtable.h>

/* The wrappers' definitions are where cc_mask belongs. */
#define pgprot_decrypted(prot)	__pgprot(pgprot_val(prot) & ~cc_mask)	/* ok: cc-mask-applied-by-hand */
#define _PAGE_CC		(_AT(pteval_t, cc_mask))	/* ok: cc-mask-applied-by-hand */

/* Before: the bit applied by hand, both polarities, both operand orders. */
static u64 example_shared_pa(void *buf)
{
	return virt_to_phys(buf) | cc_mask;	/* expect: cc-mask-applied-by-hand */
}

static u64 example_private_pa(u64 pa)
{
	return (pa) & (~cc_mask);	/* expect: cc-mask-applied-by-hand */
}

static void example_prot(pgprot_t *prot, pte_t *pte, bool shared)
{
	if (shared)
		pgprot_val(*prot) |= cc_mask;	/* expect: cc-mask-applied-by-hand */
	else
		pgprot_val(*prot) &= ~cc_mask;	/* expect: cc-mask-applied-by-hand */
	set_pte(pte, __pte(cc_mask | pte_val(*pte)));	/* expect: cc-mask-applied-by-hand */
}

/* After: the wrappers. */
static u64 example_shared_pa_fixed(void *buf)
{
	return cc_mkdec(virt_to_phys(buf));	/* ok: cc-mask-applied-by-hand */
}

static pgprot_t example_prot_fixed(pgprot_t prot)
{
	/* was: pgprot_val(prot) | cc_mask */	/* ok: cc-mask-applied-by-hand */
	pr_debug("no more | cc_mask\n");	/* ok: cc-mask-applied-by-hand */
	return pgprot_decrypted(prot);	/* ok: cc-mask-applied-by-hand */
}

/* The boot-time hand-over. */
static void __init example_setup(u64 gpa_width)
{
	cc_set_mask(BIT_ULL(gpa_width - 1) | cc_mask);	/* ok: cc-mask-applied-by-hand */
	physical_mask &= ~cc_mask;	/* ok: cc-mask-applied-by-hand */
}

/* Asking whether the bit is there is not applying it. */
static bool example_is_shared(u64 val)
{
	return val & cc_mask;	/* ok: cc-mask-applied-by-hand */
}

/* Fields, locals and parameters that are called cc_mask are not the global. */
static u32 example_wm_disable(struct example_regs *wm_regs, u32 addr)
{
	return addr & ~(wm_regs->cc_mask | wm_regs->wm_mask);	/* ok: cc-mask-applied-by-hand */
}

static u32 example_local(u32 attrs)
{
	u32 cc_mask = GENMASK(15, 0);

	return attrs | cc_mask;	/* ok: cc-mask-applied-by-hand */
}

static void example_param(u64 *val, u64 cc_mask)
{
	*val |= cc_mask;	/* ok: cc-mask-applied-by-hand */
}
