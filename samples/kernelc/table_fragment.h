/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Demo quirk table, #include'd into the middle of an array:
 *
 *	static const struct demo_quirk demo_quirks[] = {
 *	#include "table_fragment.h"
 *	};
 */

#define DEMO_QUIRK(vendor, product, flags) \
	{ .vendor = (vendor), .product = (product), .flags = (flags) }

DEMO_QUIRK(0x1af4, 0x1000, DEMO_NO_DMA),
DEMO_QUIRK(0x1af4, 0x1001, DEMO_NO_DMA | DEMO_SHARED_ONLY),

#ifdef CONFIG_HYPERV
{
	.vendor = 0x1414,
	.product = 0x5353,
	/* the vTOM boundary, read by hand */
	.shared_base = ms_hyperv.shared_gpa_boundary,	/* expect: shared-gpa-boundary-direct-use */
},
#endif

#undef DEMO_QUIRK
