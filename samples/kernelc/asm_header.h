/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Demo assembler macros, #include'd only from .S files: not C.
 */
#ifndef __DEMO_ASM_MACROS_H
#define __DEMO_ASM_MACROS_H

#include <asm/demo-regs.h>

	.macro	demo_save_regs
	stp	x0, x1, [sp, #-16]!
	stp	x2, x3, [sp, #-16]!
	.endm

	.macro	demo_restore_regs
	ldp	x2, x3, [sp], #16
	ldp	x0, x1, [sp], #16
	.endm

	.macro	demo_set_shared, reg, tmp
	ldr	\tmp, =demo_shared_mask
	orr	\reg, \reg, \tmp
	.endm

	.pushsection .rodata
	.align	3
demo_table:
	.quad	0, 1, 2, 3
	.popsection

#endif /* __DEMO_ASM_MACROS_H */
