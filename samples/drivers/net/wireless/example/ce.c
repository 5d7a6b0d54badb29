// SPDX-License-Identifier: ISC
/*
 * cocolint sample: a driver with its own "cc_mask" (a copy-complete interrupt bit),
 * as a struct field, a local and a parameter.  None of them is the coco global.
 * Written for cocolint.
 */
#include <linux/bits.h>
#include "ce.h"

struct example_wm_regs {
	u32 addr;
	u32 cc_mask;
	u32 wm_mask;
};

static void example_ce_watermark_intr_disable(struct example_hw *hw,
					      const struct example_wm_regs *wm_regs)
{
	u32 host_ie_addr = example_read32(hw, wm_regs->addr);

	example_write32(hw, wm_regs->addr,
			host_ie_addr & ~(wm_regs->cc_mask | wm_regs->wm_mask));	/* ok: cc-mask-applied-by-hand */
}

static u32 example_ce_local(u32 attrs)
{
	u32 cc_mask = BIT(0) | GENMASK(15, 8);

	attrs |= cc_mask;	/* ok: cc-mask-applied-by-hand */
	return attrs & ~cc_mask;	/* ok: cc-mask-applied-by-hand */
}

static u32 example_ce_param(u32 attrs, u32 cc_mask)
{
	return attrs | cc_mask;	/* ok: cc-mask-applied-by-hand */
}
