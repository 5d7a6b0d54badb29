/* Nested calls, conditionals and loops over one buffer. */
typedef unsigned long size_t;
typedef unsigned long long u64;

extern u64 virt_to_phys(void *p);
extern void *page_address(void *page);
extern int set_memory_decrypted(unsigned long addr, int numpages);

static int table[16] = { 1, 2, 3, 4 };

static u64 phys_of(void *page, size_t offset)
{
	return virt_to_phys((char *)page_address(page) + offset) + (u64)table[offset % 16];
}

int share_pages(void **pages, int count)
{
	int i, ret = 0;

	for (i = 0; i < count; i++) {
		ret = set_memory_decrypted((unsigned long)phys_of(pages[i], 0),
					   i == count - 1 ? 1 : 2);
		if (ret)
			break;
	}
	while (ret > 0 && count--)
		ret -= table[(count + 1) % 16];
	do {
		ret++;
	} while (ret < 0);
	return ret;
}

int
split_header(int a,
	     int b)
{
	switch (a) {
	case 0:
		return b;
	default:
		return split_header(a - 1, b + 1);
	}
}

static int counter = 3 + 4;
