// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocolint sample, "before": the send and receive buffers get a second kernel mapping
 * in an isolated VM.  Written for cocolint.
 */
#include <linux/netdevice.h>
#include <linux/vmalloc.h>
#include <linux/hyperv.h>
#include "hyperv_net.h"

static int netvsc_init_buf(struct hv_device *device, struct netvsc_device *net_device,
			   const struct netvsc_device_info *device_info)
{
	unsigned int buf_size;
	void *vaddr;
	int ret;

	buf_size = device_info->recv_sections * device_info->recv_section_size;
	net_device->recv_buf = vzalloc(buf_size);
	if (!net_device->recv_buf)
		return -ENOMEM;

	ret = vmbus_establish_gpadl(device->channel, net_device->recv_buf, buf_size,
				    &net_device->recv_buf_gpadl_handle);
	if (ret)
		return ret;

	if (hv_isolation_type_snp()) {
		vaddr = hv_map_memory(net_device->recv_buf, buf_size);	/* expect: shared-memory-second-alias */
		if (!vaddr)
			return -ENOMEM;

		net_device->recv_original_buf = net_device->recv_buf;
		net_device->recv_buf = vaddr;
	}
	return 0;
}

void netvsc_device_remove(struct hv_device *device)
{
	struct netvsc_device *net_device = hv_device_to_netvsc_device(device);

	if (net_device->recv_original_buf)
		hv_unmap_memory(net_device->recv_buf);
}
