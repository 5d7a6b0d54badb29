// SPDX-License-Identifier: GPL-2.0
/* asm statements whose template or operands are built by macros. */

#define DEMO_SIZE(insn)		__stringify(insn) "q"
#define DEMO_FENCE(a, b)	".insn r 0x73, 0, 0x11, x0, " #a ", " #b
#define DEMO_CC(c)		"=@cc" #c
#define DEMO_MEM_OPERAND(p)	"+m" (*(p))

static inline void demo_set_bit(long nr, unsigned long *addr)
{
	asm volatile("lock; " DEMO_SIZE(bts) " %1,%0"
		     : "+m" (*addr)
		     : "Ir" (nr)
		     : "memory");
}

static inline void demo_fence(unsigned long pa, unsigned long vmid)
{
	asm volatile(DEMO_FENCE(%0, %1)
		     : : "r" (pa >> 2), "r" (vmid) : "memory");
}

static inline bool demo_test_bit(long nr, unsigned long *addr)
{
	bool old;

	asm volatile("bt %2,%1"
		     : DEMO_CC(c) (old)
		     : "m" (*addr), "Ir" (nr));
	return old;
}

static inline void demo_or(unsigned long *p, unsigned long mask)
{
	asm volatile("orq %1,%0"
		     : DEMO_MEM_OPERAND(p)
		     : "ir" (mask));
}
