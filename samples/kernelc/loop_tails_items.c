// SPDX-License-Identifier: GPL-2.0
/* A loop closed by a macro, register-table entries opened by a macro, attributes after a name. */

static int demo_count_threads(struct task_struct *leader)
{
	struct task_struct *t = leader;
	int n = 0;

	do {
		n++;
	} while_each_thread(leader, t);
	return n;
}

static int demo_count_vmas(struct vma_iterator *vmi, struct vm_area_struct *vma, unsigned long end)
{
	int n = 0;

	do {
		n++;
	} for_each_vma_range(*vmi, vma, end);
	return n;
}

static const struct demo_bias_reg demo_bias_regs[] = {
	{ DEMO_BIAS_REG("PUPR0", 0xe6060100, "PDPR0", 0xe6060110) {
		[0] = DEMO_PIN(0, 1),
		[1] = DEMO_PIN(0, 2),
	} },
	{ DEMO_BIAS_REG("PUPR1", 0xe6060104, "PDPR1", 0xe6060114) {
		[0] = DEMO_PIN(1, 1),
	} },
	{ /* sentinel */ },
};

static u64 demo_constants[2] __attribute__((aligned(16))) = { 0x1d, 0x1d };

static int demo_first_page(void)
{
	static int page[64] __attribute__((aligned(64))) = { 0 };

	return page[0] + (int)demo_constants[0];
}
