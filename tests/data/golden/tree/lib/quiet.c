// SPDX-License-Identifier: GPL-2.0
/* Written for cocolint's golden-file tests: per-path-ignores silence golden-hv-check here. */

bool lib_isolated(void)
{
	return hv_is_isolation_supported();
}
