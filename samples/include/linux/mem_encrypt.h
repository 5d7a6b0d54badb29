/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cocolint sample: the wrappers' own definitions.  Their bodies apply the bit by
 * design; the rules' not-inside scopes keep them quiet once macro bodies are parsed.
 * Written for cocolint.
 */
#ifndef __MEM_ENCRYPT_H__
#define __MEM_ENCRYPT_H__

#include <asm/mem_encrypt.h>

#define __sme_set(x)		((x) | sme_me_mask)	/* ok: c-bit-applied-by-hand */
#define __sme_clr(x)		((x) & ~sme_me_mask)	/* ok: c-bit-applied-by-hand */
#define __sme_pa(x)		(__pa(x) | sme_me_mask)	/* ok: c-bit-applied-by-hand */

#endif	/* __MEM_ENCRYPT_H__ */
