// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "after": the gpadl set-up decrypts the buffer in place; the driver
 * keeps its one mapping.  Written for cocolint.
 */
#include <linux/netdevice.h>
#include <linux/vmalloc.h>
#include <linux/hyperv.h>
#include "hyperv_net.h"

static int netvsc_init_buf(struct hv_device *device, struct netvsc_device *net_device,
			   const struct netvsc_device_info *device_info)
{
	unsigned int buf_size;

	buf_size = device_info->recv_sections * device_info->recv_section_size;
	net_device->recv_buf = vzalloc(buf_size);
	if (!net_device->recv_buf)
		return -ENOMEM;

	/* vmbus_establish_gpadl() calls set_memory_decrypted() */
	return vmbus_establish_gpadl(device->channel, net_device->recv_buf, buf_size,	/* ok: shared-memory-second-alias */
				     &net_device->recv_buf_gpadl_handle);
}

static void negotiate_isolation(struct netvsc_device *net_device, struct net_device *ndev)
{
	/* a Hyper-V driver asking about isolation for its own protocol is fine */
	if (hv_is_isolation_supported() && net_device->nvsp_version < NVSP_PROTOCOL_VERSION_61)	/* ok: hyperv-check-in-set-memory-path */
		netdev_err(ndev, "Invalid NVSP version\n");
}
