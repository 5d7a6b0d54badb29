/* SPDX-License-Identifier: GPL-2.0 */
/* Struct members and statements hidden in macros that are used without their ';'. */
#ifndef _DEMO_MEMBER_MACROS_H
#define _DEMO_MEMBER_MACROS_H

#define DEMO_COMMON_HEADER \
	u8 type; \
	u8 flags; \
	u16 length;

struct demo_node {
	DEMO_COMMON_HEADER
	u32 id;
};

struct demo_leaf {
	DEMO_COMMON_HEADER};

struct demo_pair {
	DEMO_COMMON_HEADER u64 value;	/* written on one line */
};

#define DEMO_PROLOGUE \
	u64 sum = 0; \
	int i;

#define DEMO_EPILOGUE \
	sum ^= sum >> 7; \
	return sum;

static inline u64 demo_fold(const u64 *v, int n)
{
	DEMO_PROLOGUE
	for (i = 0; i < n; i++)
		sum += v[i];
	DEMO_EPILOGUE
}

/* byte-order bitfields: each call is one member and the rest of the list */
#ifdef __BIG_ENDIAN_BITFIELD
#define DEMO_FIELD(field, more) field; more
#else
#define DEMO_FIELD(field, more) more field;
#endif

union demo_reg {
	u32 u32;
	struct demo_reg_s {
		__BITFIELD_FIELD(u32 enable : 1,
		__BITFIELD_FIELD(u32 mode : 3,
		__BITFIELD_FIELD(u32 reserved : 28,
		;)))
	} s;
};

static inline int demo_reg_enabled(union demo_reg r)
{
	return r.s.enable;
}

#endif /* _DEMO_MEMBER_MACROS_H */
