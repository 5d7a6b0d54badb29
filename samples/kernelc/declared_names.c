// SPDX-License-Identifier: GPL-2.0
/*
 * Names pasted together by a macro where an enumerator or a declarator stands
 * (cocolint/kernelc/declared_names.py): each call reads as one identifier.
 */
#include <linux/types.h>

#define DEMO_CODE(name)		DEMO_FMT_ ## name = DEMO_BUS_FMT_ ## name
#define DEMO_OP(name)		DEMO_OP_ ## name
#define DEMO_TABLE(t, a, b)	static const struct demo_case_ ## t demo_ ## t ## _cases[]

enum demo_code {
	DEMO_CODE(FIXED),
	DEMO_CODE(RGB565_2X8),
	DEMO_OP(READ)		= 0x01,
	DEMO_OP(WRITE)		= 0x02,
};

struct demo_case_u8 {
	u8 a, b;
};

DEMO_TABLE(u8, u8, u8) = {
	{ 1, 2 },
	{ 3, 4 },
};

static int demo_sum(const struct demo_case_u8 *c)
{
	return c->a + c->b;
}
