// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "before": the monitor pages shared with the host and reached at
 * their address above vTOM.  Written for cocolint.
 */
#include <linux/io.h>
#include <linux/set_memory.h>
#include <asm/mshyperv.h>

int vmbus_connect(void)
{
	int ret;

	ret = set_memory_decrypted((unsigned long)vmbus_connection.monitor_pages[0], 1);
	if (ret)
		return ret;

	if (hv_isolation_type_snp()) {
		vmbus_connection.monitor_pages_pa[0] +=	/* expect: vtom-boundary-applied-by-hand */
			ms_hyperv.shared_gpa_boundary;	/* ok: shared-gpa-boundary-direct-use */
		vmbus_connection.monitor_pages[0] =
			memremap(vmbus_connection.monitor_pages_pa[0],
				 HV_HYP_PAGE_SIZE, MEMREMAP_WB);
		if (!vmbus_connection.monitor_pages[0])
			return -ENOMEM;
	}
	return 0;
}

int vmbus_negotiate_version(struct vmbus_channel_msginfo *msginfo, u32 version)
{
	struct vmbus_channel_initiate_contact *msg = (void *)msginfo->msg;

	/*
	 * shared_gpa_boundary is zero in non-SNP VMs, so it's safe to always
	 * bitwise OR it
	 */
	msg->monitor_page1 = virt_to_phys(vmbus_connection.monitor_pages[0]) |	/* expect: vtom-boundary-applied-by-hand */
				ms_hyperv.shared_gpa_boundary;	/* ok: shared-gpa-boundary-direct-use */
	return 0;
}
