// SPDX-License-Identifier: GPL-2.0
/* cocolint-path: drivers/hv/example_vtom.c */
/*
 * Annotated sample for vtom-boundary-applied-by-hand, written for cocolint.
 * The vTOM bit belongs to cc_mkdec()/cc_mkenc() and pgprot_decrypted().
 */
#include <linux/vmalloc.h>
#include <asm/mshyperv.h>

/* The pfn form: an alias above vTOM for vmap_pfn(). */
static void *example_map_shared(void *addr, unsigned long size, unsigned long *pfns)
{
	int i;

	for (i = 0; i < size / PAGE_SIZE; i++)
		pfns[i] = vmalloc_to_pfn(addr + i * PAGE_SIZE) +	/* expect: vtom-boundary-applied-by-hand */
			(ms_hyperv.shared_gpa_boundary >> PAGE_SHIFT);
	return vmap_pfn(pfns, size / PAGE_SIZE, PAGE_KERNEL_IO);
}

static u64 example_ring_pfn(struct page *pages)
{
	return page_to_pfn(pages) + PFN_DOWN(ms_hyperv.shared_gpa_boundary);	/* expect: vtom-boundary-applied-by-hand */
}

static unsigned long example_pfn_offsets(void)
{
	return PHYS_PFN(ms_hyperv.shared_gpa_boundary) +	/* expect: vtom-boundary-applied-by-hand */
	       ms_hyperv.shared_gpa_boundary / PAGE_SIZE;	/* expect: vtom-boundary-applied-by-hand */
}

/* Addresses made shared, or private again, by hand. */
static void example_monitor_pages(struct example_msg *msg, void *page)
{
	msg->monitor_page1 = virt_to_phys(page) |	/* expect: vtom-boundary-applied-by-hand */
			     ms_hyperv.shared_gpa_boundary;
	msg->monitor_page2 = ms_hyperv.shared_gpa_boundary | virt_to_phys(page);	/* expect: vtom-boundary-applied-by-hand */
	msg->monitor_pa += ms_hyperv.shared_gpa_boundary;	/* expect: vtom-boundary-applied-by-hand */
	msg->private_pa = msg->monitor_pa & ~ms_hyperv.shared_gpa_boundary;	/* expect: vtom-boundary-applied-by-hand */
	msg->private_pa &= ms_hyperv.shared_gpa_boundary - 1;	/* expect: vtom-boundary-applied-by-hand */
	msg->private_pa = ((msg->monitor_pa)) & (~(ms_hyperv.shared_gpa_boundary));	/* expect: vtom-boundary-applied-by-hand */
}

/* After: the wrappers. */
static void example_monitor_pages_fixed(struct example_msg *msg, void *page)
{
	msg->monitor_page1 = cc_mkdec(virt_to_phys(page));	/* ok: vtom-boundary-applied-by-hand */
	msg->private_pa = cc_mkenc(msg->monitor_pa);	/* ok: vtom-boundary-applied-by-hand */
	/* was: virt_to_phys(page) | ms_hyperv.shared_gpa_boundary */	/* ok: vtom-boundary-applied-by-hand */
	pr_debug("pa | ms_hyperv.shared_gpa_boundary\n");	/* ok: vtom-boundary-applied-by-hand */
	msg->flags = msg->flags | other.shared_gpa_boundary;	/* ok: vtom-boundary-applied-by-hand */
}

/* Testing whether the VM has a boundary is not applying it (another rule's business). */
static bool example_is_vtom(void)
{
	return ms_hyperv.shared_gpa_boundary != 0;	/* ok: vtom-boundary-applied-by-hand */
}

/* The hand-over sites. */
static void __init example_vtom_init(void)
{
	cc_set_mask(ms_hyperv.shared_gpa_boundary);	/* ok: vtom-boundary-applied-by-hand */
	physical_mask &= ms_hyperv.shared_gpa_boundary - 1;	/* ok: vtom-boundary-applied-by-hand */
}
