/* Braces in strings, characters and comments must not confuse either parser. */
extern int printf(const char *fmt, ...);

static const char *braces = "}{ } {";

/* a comment with a fake function: int fake(void) { return 0; } */
static int count_braces(const char *s)
{
	int n = 0;

	while (*s) {
		if (*s == '{' || *s == '}')
			n++;	/* } */
		s++;
	}
	return n;
}

// a line comment with { and }
int report(void)
{
	return printf("%d %s\n", count_braces(braces), "{");
}

static int last_one(int x) { return x + '}'; }

/*
 * A block comment standing where a function could be:
 * static int ghost(void)
 * {
 *	return 1;
 * }
 */
static int after_comment(const char *s, int n)
{
	int total = count_braces(s) + n; /* { */

	total = total + report();
	return total + last_one(n);
}
