/* C99: declarations in for, inline, restrict, _Bool, variable-length arrays, static asserts avoided. */
typedef unsigned long long u64;

static inline u64 align_up(u64 x, u64 a)
{
	return (x + a - 1) & ~(a - 1);
}

static inline _Bool is_aligned(u64 x, u64 a)
{
	return (x & (a - 1)) == 0;
}

void copy_words(u64 *restrict dst, const u64 *restrict src, int n)
{
	for (int i = 0; i < n; i++)
		dst[i] = src[i];
}

u64 sum_vla(int n)
{
	u64 tmp[n];
	u64 s = 0;

	for (int i = 0; i < n; i++) {
		tmp[i] = align_up((u64)i, 8);
		s += tmp[i];
	}
	return s;
}

int
main(void)
{
	u64 buf[4] = { 0 };

	copy_words(buf, (u64[]){ 1, 2, 3, 4 }, 4);
	return is_aligned(sum_vla(3), 8) ? 0 : 1;
}
