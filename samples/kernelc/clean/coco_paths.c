// SPDX-License-Identifier: GPL-2.0
/* Plain C that tree-sitter reads with or without normalisation: findings must not move. */

struct demo_buf {
	void *va;
	unsigned long pa;
};

static unsigned long demo_share(struct demo_buf *buf)
{
	unsigned long pa = virt_to_phys(buf->va);

	if (demo_isolated())
		pa = pa | ms_hyperv.shared_gpa_boundary; /* expect: vtom-boundary-applied-by-hand */	/* ok: shared-gpa-boundary-direct-use */
	return pa;
}

static int demo_setup(struct demo_buf *buf, int n)
{
	int i;

	for (i = 0; i < n; i++)
		buf[i].pa = buf[i].pa + ms_hyperv.shared_gpa_boundary; /* expect: vtom-boundary-applied-by-hand */	/* ok: shared-gpa-boundary-direct-use */
	return 0;
}
