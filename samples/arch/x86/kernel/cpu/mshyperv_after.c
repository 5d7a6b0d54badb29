// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "after": the boundary is computed here and nothing else.
 * Written for cocolint.
 */
#include <asm/mshyperv.h>

struct ms_hyperv_info ms_hyperv;

static void __init ms_hyperv_init_platform(void)
{
	if (ms_hyperv.priv_high & HV_ISOLATION) {
		ms_hyperv.isolation_config_b = cpuid_ebx(HYPERV_CPUID_ISOLATION_CONFIG);
		if (ms_hyperv.shared_gpa_boundary_active)
			ms_hyperv.shared_gpa_boundary =	/* ok: shared-gpa-boundary-direct-use */
				BIT_ULL(ms_hyperv.shared_gpa_boundary_bits);
	}
}
