// SPDX-License-Identifier: GPL-2.0
/*
 * Attributes the grammar cannot place (cocolint/kernelc/local_attributes.py): attribute
 * macros this file defines for itself, and an attribute before a parenthesised declarator.
 */
#include <stdarg.h>

#define DEMO_PRINTF(i, j)	__attribute__((format(printf, i, j)))
#define DEMO_NORETURN		__attribute__((noreturn))

typedef int __attribute__((nonnull(2, 3))) (*demo_cmp_t)(void *, const void *, const void *);

void DEMO_PRINTF(1, 2) DEMO_NORETURN demo_die(const char *fmt, ...);

static inline void DEMO_PRINTF(2, 3) demo_log(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	va_end(ap);
}

int demo_compare(demo_cmp_t cmp, const void *a, const void *b)
{
	return cmp(0, a, b);
}
