// SPDX-License-Identifier: GPL-2.0
/*
 * `asm_inline`, the kernel's spelling of `asm inline`, and register variables bound to a
 * register by an asm name (cocolint/kernelc/asm_keywords.py, local_attributes.py).
 */
#include <linux/types.h>

static inline unsigned long demo_hypercall(unsigned long cmd, unsigned long arg)
{
	register unsigned long r0 asm("r0") = cmd;
	register unsigned long r1 asm("r1") = arg;

	asm_inline volatile("hvc #0"
			    : "+r" (r0)
			    : "r" (r1)
			    : "memory");
	return r0;
}

static inline void demo_barrier(void)
{
	asm_inline volatile("" : : : "memory");
}
