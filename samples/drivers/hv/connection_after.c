// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "after": the monitor pages are decrypted in place, and the host gets
 * their shared address from cc_mkdec().  Written for cocolint.
 */
#include <linux/io.h>
#include <linux/set_memory.h>
#include <asm/coco.h>

int vmbus_connect(void)
{
	int ret;

	ret = set_memory_decrypted((unsigned long)vmbus_connection.monitor_pages[0], 1);
	ret |= set_memory_decrypted((unsigned long)vmbus_connection.monitor_pages[1], 1);
	if (ret)
		return ret;

	memset(vmbus_connection.monitor_pages[0], 0x00, HV_HYP_PAGE_SIZE);
	memset(vmbus_connection.monitor_pages[1], 0x00, HV_HYP_PAGE_SIZE);
	return 0;
}

int vmbus_negotiate_version(struct vmbus_channel_msginfo *msginfo, u32 version)
{
	struct vmbus_channel_initiate_contact *msg = (void *)msginfo->msg;

	msg->monitor_page1 = cc_mkdec(virt_to_phys(vmbus_connection.monitor_pages[0]));	/* ok: vtom-boundary-applied-by-hand */
	msg->monitor_page2 = cc_mkdec(virt_to_phys(vmbus_connection.monitor_pages[1]));
	return 0;
}
