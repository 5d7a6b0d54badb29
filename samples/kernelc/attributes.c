// SPDX-License-Identifier: GPL-2.0
/* Attribute-like macros on declarations and definitions. */

static int probe_count __read_mostly;
static unsigned long boot_flags __initdata = 1;
static const char banner[] __initconst = "demo";
static struct demo_dev __rcu *current_dev;
static DEFINE_PER_CPU(unsigned long, demo_hits);
static u64 __percpu *demo_counters;
const_debug unsigned int demo_tunable = 4;
static char demo_buf[64] __aligned(8) __section(".data..demo");

static __always_inline bool demo_enabled(void)
{
	return READ_ONCE(probe_count) > 0;
}

static int __must_check demo_map(void __iomem *base, void __user *arg)
{
	u32 val = readl(base + 0x10);

	if (copy_to_user(arg, &val, sizeof(val)))
		return -EFAULT;
	return 0;
}

static void __maybe_unused demo_report(const char *what)
{
	printk(KERN_ERR "demo: %s failed\n", what);
	pr_info(DRV_NAME ": %s\n", what);
}

__printf(2, 3) static void demo_log(int level, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vprintk(fmt, args);
	va_end(args);
}

static int __init demo_init(void)
{
	demo_counters = alloc_percpu(u64);
	return demo_counters ? 0 : -ENOMEM;
}

static void __exit demo_exit(void)
{
	free_percpu(demo_counters);
}

module_init(demo_init)
module_exit(demo_exit)
MODULE_LICENSE("GPL");
