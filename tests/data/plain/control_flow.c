/* Labels, goto, nested blocks, the comma operator and a brace on the header line. */
typedef unsigned long u64;

extern int try_one(u64 addr);
extern void undo_one(u64 addr);

int map_all(u64 *addrs, int n)
{
	int i, err = 0;

	for (i = 0; i < n; i++) {
		err = try_one(addrs[i]);
		if (err)
			goto undo;
	}
	return 0;

undo:
	while (i--) {
		{
			u64 a = addrs[i];

			undo_one(a);
		}
	}
	return err;
}

static int sum_pairs(const int *v, int n) {
	int s = 0, i, j;

	for (i = 0, j = n - 1; i < j; i++, j--)
		s += v[i] + v[j];
	return s > 0 ? s : -s;
}

static int classify(int x)
{
	switch (x & 3) {
	case 0: {
		int half = x / 2;
		return half;
	}
	case 1:
		return sum_pairs(&x, 1);
	default:
		break;
	}
	return x ? classify(x - 1) : 0;
}
