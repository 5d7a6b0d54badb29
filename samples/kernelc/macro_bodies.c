// SPDX-License-Identifier: GPL-2.0
/* Macro bodies are code: expressions, statements and declarations in #define. */
/* cocolint-path: drivers/demo/macro_bodies.c */

#define DEMO_SHARED_PA(x)	((x) | ms_hyperv.shared_gpa_boundary) /* expect: vtom-boundary-applied-by-hand */	/* ok: shared-gpa-boundary-direct-use */

#define DEMO_BOUNDARY		ms_hyperv.shared_gpa_boundary /* expect: shared-gpa-boundary-direct-use */

#define demo_share_page(pg)						\
	do {								\
		u64 __pa = page_to_phys(pg);				\
		demo_map(__pa | ms_hyperv.shared_gpa_boundary);	/* expect: vtom-boundary-applied-by-hand */ /* ok: shared-gpa-boundary-direct-use */ \
	} while (0)

#define DEMO_PAGES	16
#define DEMO_DECLARE_POOL(name) static struct demo_pool name = { .size = DEMO_PAGES }

static int demo_probe(struct page *pg)
{
	demo_share_page(pg);
	return 0;
}
