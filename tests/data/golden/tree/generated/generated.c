/* Excluded by the config's `exclude`: never checked. */
u64 gen(void) { return pa | ms_hyperv.shared_gpa_boundary; }
