// SPDX-License-Identifier: GPL-2.0
/* Written for cocolint's golden-file tests. */

static const char *note = "/* cocolint: ignore[golden-vtom-or] inside a string */";

u64 ring_shared_pa(void *buf)
{
	return virt_to_phys(buf) | ms_hyperv.shared_gpa_boundary;
}

u64 ring_monitor_pa(void *page)
{
	/* cocolint: ignore[golden-vtom-or] the host reads this page through the alias */
	return virt_to_phys(page) | ms_hyperv.shared_gpa_boundary;
}

u64 ring_other_pa(void *page)
{
	u64 pa = virt_to_phys(page); /* cocolint: ignore[golden-vtom-or] stale excuse */

	/* cocolint: ignore */
	return pa |
	       ms_hyperv.shared_gpa_boundary;
}
