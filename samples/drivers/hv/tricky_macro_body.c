// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, tricky: the vTOM bit applied inside a macro body.  Macro bodies
 * are parsed as C at their real offsets, so every rule sees them; a finding there
 * names the macro as its function.
 * Written for cocolint.
 */
#include <asm/mshyperv.h>

#define HV_SHARED_PA(pa)	((pa) | ms_hyperv.shared_gpa_boundary)	/* expect: vtom-boundary-applied-by-hand */	/* ok: shared-gpa-boundary-direct-use */

#define HV_SHARED_PFN(pfn)					\
	((pfn) + PFN_DOWN(ms_hyperv.shared_gpa_boundary))	/* expect: vtom-boundary-applied-by-hand */	/* ok: shared-gpa-boundary-direct-use */

#define EXAMPLE_MAP_TWICE(buf, size)	hv_map_memory(buf, size)	/* expect: shared-memory-second-alias */

static u64 example_monitor_pa(void *page)
{
	/* the use of the macro is not itself the arithmetic */
	return HV_SHARED_PA(virt_to_phys(page));	/* ok: vtom-boundary-applied-by-hand, shared-gpa-boundary-direct-use */
}
