/* Structs, unions, enums, designated initialisers and compound literals. */
typedef unsigned int u32;
typedef unsigned long long u64;

enum visibility { VISIBLE_NONE, VISIBLE_READ = 1, VISIBLE_RW = 3 };

struct range {
	u64 start;
	u64 end;
};

union value {
	u32 word;
	unsigned char bytes[4];
};

struct region {
	struct range r;
	union value v;
	enum visibility vis;
	struct region *next;
};

static struct region first = {
	.r = { .start = 0, .end = 4096 },
	.v.word = 7,
	.vis = VISIBLE_RW,
};

static u64 region_size(const struct region *reg)
{
	return reg->r.end - reg->r.start;
}

u64 total_size(struct region *head)
{
	u64 sum = 0;
	struct region *it;

	for (it = head; it; it = it->next)
		sum += region_size(it);
	return sum + region_size(&(struct region){ .r = { 0, 8 } });
}

struct range make_range(u64 start, u64 len)
{
	struct range out = { start, start + len };

	if (len == 0) {
		struct range empty = { 0, 0 };
		return empty;
	}
	return out;
}

int bytes_sum(union value v)
{
	int i, s = 0;

	for (i = 0; i < 4; i++)
		s += v.bytes[i];
	return s + (int)sizeof(first);
}
