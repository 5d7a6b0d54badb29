/* SPDX-License-Identifier: GPL-2.0 */
/* A C header with an assembler arm: C, with the assembler arm left unread. */
#ifndef __DEMO_ALTERNATIVE_H
#define __DEMO_ALTERNATIVE_H

#ifndef __ASSEMBLY__

struct demo_patch {
	s32 orig_offset;
	s32 repl_offset;
	u16 feature;
	u8 len;
};

static inline bool demo_patched(const struct demo_patch *p)
{
	return p->len != 0;
}

#else /* __ASSEMBLY__ */

	.macro	demo_patch_entry orig, repl, feature, len
	.long	\orig - .
	.long	\repl - .
	.hword	\feature
	.byte	\len
	.endm

	.macro	demo_alternative old, new, feature
	.pushsection .altinstructions, "a"
	demo_patch_entry 661f, 663f, \feature, 662f-661f
	.popsection
	.endm

#endif /* __ASSEMBLY__ */

#endif /* __DEMO_ALTERNATIVE_H */
