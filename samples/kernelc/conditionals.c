// SPDX-License-Identifier: GPL-2.0
/* #if arms the grammar cannot read as written: both arms must still be checked. */
/* cocolint-path: drivers/demo/conditionals.c */

#ifndef __ASSEMBLY__
struct demo_ops {
	int (*share)(u64 pa);
};
#else
	.macro demo_entry
	movq %rax, %rbx
	.endm
#endif

/* a function header split across the arms */
#ifdef CONFIG_DEMO_WIDE
static u64 demo_shared_pa(u64 pa, bool wide)
#else
static u64 demo_shared_pa(u64 pa)
#endif
{
	return pa;
}

/* unbalanced braces in each arm */
static int demo_share(u64 pa)
{
#ifdef CONFIG_HYPERV
	if (hv_is_isolated()) {
		pa |= ms_hyperv.shared_gpa_boundary; /* expect: vtom-boundary-applied-by-hand */	/* ok: shared-gpa-boundary-direct-use */
#else
	if (demo_is_isolated()) {
		pa = demo_mkdec(pa);
#endif
		return demo_map(pa);
	}
	return 0;
}

/* the #else arm holds the only finding of this function */
static u64 demo_pa(void *va)
{
#if IS_ENABLED(CONFIG_DEMO_NATIVE)
	return virt_to_phys(va);
#elif defined(CONFIG_DEMO_OLD)
	return virt_to_phys(va) + 1;
#else
	return virt_to_phys(va) | ms_hyperv.shared_gpa_boundary; /* expect: vtom-boundary-applied-by-hand */	/* ok: shared-gpa-boundary-direct-use */
#endif
}

static const struct demo_ops demo_table[] = {
#ifdef CONFIG_DEMO_A
	{ .share = demo_share },
#endif
	{ }
};

#ifdef CONFIG_SYSFS
static int demo_sysfs_add(int n)
{
#ifdef CONFIG_DEMO_DEBUG
	pr_info("add %d\n", n);
#endif
	return 0;
}
#else
static inline int demo_sysfs_add(int n) { return 0; }
#endif
