// SPDX-License-Identifier: GPL-2.0
/* Macros that take an operator, and a test table that defines its entry macro inline. */
/* cocolint-path: lib/demo_alu.c */

#define DEMO_ALU(name, op)				\
	static u64 demo_##name(u64 a, u64 b)		\
	{						\
		return a op b;				\
	}

DEMO_ALU(add, +);
DEMO_ALU(and, &);
DEMO_ALU(shl, <<);

#define DEMO_JMP(cond, op)				\
	case DEMO_##cond:				\
		if (dst op src)				\
			goto taken;			\
		break;

static int demo_run(int code, u64 dst, u64 src)
{
	switch (code) {
	DEMO_JMP(EQ, ==)
	DEMO_JMP(NE, !=)
	DEMO_JMP(GT, >)
	DEMO_JMP(LE, <=)
	default:
		return -EINVAL;
	}
	return 0;
taken:
	return 1;
}

struct demo_test {
	const char *name;
	u64 a, b, want;
};

static struct demo_test demo_tests[] = {
	{ "add", 1, 2, 3 },
#define DEMO_CASE(a, op, b) { #a " " #op " " #b, a, b, (a) op (b) }
	DEMO_CASE(2, +, 3),
	DEMO_CASE(6, &, 3),
	DEMO_CASE(1, <<, 4),
#undef DEMO_CASE
	{ "last", 0, 0, 0 },
};

static int demo_check(void)
{
	int i, bad = 0;

	for (i = 0; i < ARRAY_SIZE(demo_tests); i++)
		bad += demo_run(0, demo_tests[i].a, demo_tests[i].b) != 0;
	return bad;
}
