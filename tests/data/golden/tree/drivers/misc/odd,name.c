/* A file name with a comma: GitHub annotations must escape it. */
u64 odd(u64 pa)
{
	return pa | ms_hyperv.shared_gpa_boundary;
}
