// SPDX-License-Identifier: GPL-2.0
/*
 * Macro runs: table items, member lists and statement macros written one per line, the
 * `,` or `;` supplied by each macro's expansion (cocolint/kernelc/macro_runs.py).
 */
#include <linux/types.h>

/* the DEMO_* macros come from a header: each expands to its own `,` or `;` */

struct demo_pin {
	int bank, nr, mux;
};

static const struct demo_pin demo_pins[] = {
	DEMO_PIN(0, 1, 4)
	DEMO_PIN(0, 2, 4)	/* uart rx */
	DEMO_PIN(1, 7, 2)
};

struct demo_part {
	const char *name;
	unsigned int id, size, flags;
	bool probe;
};

static const struct demo_part demo_parts[] = {
	/* first vendor */
	{ "demo-a", DEMO_PART(0x1f01, 64)
		DEMO_LOCK(1)
		DEMO_NO_PROBE
		.name = "demo-a" },
	{ "demo-b", DEMO_PART(0x1f02, 128)
		DEMO_LOCK(0) },
};

struct demo_step {
	int on, delay;
};

static const struct demo_step demo_power_on[] = {
	DEMO_STEP_ON
	DEMO_STEP_END
};

struct demo_shift {
	DEMO_FIELDS(u8)
	DEMO_FIELDS(u8)
};

struct demo_mask {
	u32 extra;
	DEMO_FIELDS(u32)
};

static const char *demo_name(int x)
{
	switch (x) {
		DEMO_CASE(1)
		DEMO_CASE(2)
	}
	return "unknown";
}

static int demo_mode(const struct demo_mask *m)
{
	return m->extra ? 1 : 0;
}
