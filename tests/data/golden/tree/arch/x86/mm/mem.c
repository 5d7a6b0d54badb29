// SPDX-License-Identifier: GPL-2.0
/* Written for cocolint's golden-file tests. */

int mem_set_shared(unsigned long addr, int numpages)
{
	if (hv_is_isolation_supported())	// cocolint: ignore[golden-hv-chek] typo in the rule id
		return hv_set_mem_host_visibility(addr, numpages, true);
	return set_memory_decrypted(addr, numpages);
}
