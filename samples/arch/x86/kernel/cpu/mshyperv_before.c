// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "before": the boundary is computed and, in the same function,
 * copied into a second variable for swiotlb.  Written for cocolint.
 */
#include <linux/swiotlb.h>
#include <asm/mshyperv.h>

struct ms_hyperv_info ms_hyperv;

static void __init ms_hyperv_init_platform(void)
{
	if (ms_hyperv.priv_high & HV_ISOLATION) {
		ms_hyperv.isolation_config_b = cpuid_ebx(HYPERV_CPUID_ISOLATION_CONFIG);
		ms_hyperv.shared_gpa_boundary =	/* ok: shared-gpa-boundary-direct-use */
			BIT_ULL(ms_hyperv.shared_gpa_boundary_bits);

		if (hv_get_isolation_type() == HV_ISOLATION_TYPE_SNP) {	/* ok: hyperv-check-in-set-memory-path */
			static_branch_enable(&isolation_type_snp);
#ifdef CONFIG_SWIOTLB
			swiotlb_unencrypted_base = ms_hyperv.shared_gpa_boundary;	/* expect: shared-gpa-boundary-direct-use */
#endif
		}
	}
}
