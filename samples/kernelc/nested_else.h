/* SPDX-License-Identifier: GPL-2.0 */
/* An #else nested in the second arm of an outer group: every arm is read by some view. */
#ifndef _DEMO_WORD_H
#define _DEMO_WORD_H

#ifdef __BIG_ENDIAN
static inline unsigned long demo_zero_mask(unsigned long v)
{
	return v >> 1;
}
#else
#ifdef CONFIG_64BIT
static inline unsigned long demo_zero_mask(unsigned long v)
{
	return v << 1;
}
#else
static inline unsigned long demo_zero_mask(unsigned long v)
{
	return v << 2;
}

static inline unsigned long demo_count_bytes(unsigned long v)
{
	return v & 0xff;
}
#endif
#endif

#ifdef CONFIG_DEMO_MMU
int demo_set_ro(unsigned long addr, int pages);
#else
static inline int demo_set_ro(unsigned long addr, int pages) { return 0; }
#endif

#endif /* _DEMO_WORD_H */
