/* Function pointers: tables of callbacks, functions returning and taking them. */
typedef unsigned long u64;
typedef int (*handler_t)(u64 addr, int pages);

struct enc_ops {
	int (*prepare)(u64 addr, int pages, int enc);
	int (*finish)(u64 addr, int pages, int enc);
	void (*flush)(void);
};

static int noop_prepare(u64 addr, int pages, int enc)
{
	return (int)(addr & 1) + pages * enc;
}

static int noop_finish(u64 addr, int pages, int enc)
{
	return noop_prepare(addr, pages, !enc);
}

static void noop_flush(void)
{
}

static struct enc_ops default_ops = {
	.prepare = noop_prepare,
	.finish = noop_finish,
	.flush = noop_flush,
};

static int (*pick_handler(int which))(u64, int, int)
{
	if (which)
		return default_ops.finish;
	return default_ops.prepare;
}

int run_handler(handler_t h, u64 addr, int pages)
{
	int (*local)(u64, int, int) = pick_handler(pages > 4);

	return h(addr, pages) + local(addr, pages, 1);
}

void call_all(struct enc_ops *ops, u64 addr)
{
	ops->prepare(addr, 1, 0);
	(*ops->finish)(addr, 1, 0);
	ops->flush();
}
