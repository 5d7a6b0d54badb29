// SPDX-License-Identifier: GPL-2.0
/* Declaration macros: typed per-CPU data, bitmaps, syscalls, clock tables, exports. */

struct demo_state {
	DECLARE_BITMAP(busy, 64);
	struct mutex lock;
};

static DEFINE_MUTEX(demo_mutex);
static DEFINE_PER_CPU(struct demo_state, demo_state);
DECLARE_PER_CPU(unsigned int, demo_depth);
static DECLARE_WORK(demo_work, demo_work_fn);

static DEMO_CLK_GATE(uart_clk, "uart", "osc24M", 0x060, BIT(16), 0);
static DEMO_CLK_MUX(cpu_clk, "cpu", cpu_parents, 0x050, 16, 2, 0);

SYSCALL_DEFINE3(demo_ctl, int, cmd, unsigned long __user *, arg, size_t, len)
{
	if (len > PAGE_SIZE)
		return -EINVAL;
	return demo_do_ctl(cmd, arg, len);
}

SYSCALL_DEFINE0(demo_reset)
{
	return demo_do_reset();
}

int demo_register(struct demo_state *st)
{
	mutex_lock(&demo_mutex);
	set_bit(0, st->busy);
	mutex_unlock(&demo_mutex);
	return 0;
}
EXPORT_SYMBOL_GPL(demo_register);

static int demo_late(void)
{
	return 0;
}
late_initcall(demo_late)

static int demo_last(void)
{
	return 1;
}
