/* util.c - messages, exit handling and checked allocation. */
#include "jsna/util.h"

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/stats.h"

/* Process-wide message state: the program name and the verbosity are set
 * once from main; the counters only grow. The message hook is the one
 * progress bar on the terminal, if any, set and removed by progress.c:
 * messages reach stderr from anywhere, so they must find it here. */
static const char *progname = "jsna";
static int verbosity;
static unsigned long nerrors;
static jsna_message_hook_fn *message_hook;
static void *message_hook_ctx;

void jsna_init(const char *argv0)
{
	const char *slash;

	if (argv0 && *argv0) {
		slash = strrchr(argv0, '/');
		progname = slash ? slash + 1 : argv0;
	}
	setlocale(LC_ALL, "C");
	stats_init();
}

void jsna_init_args(int argc, char **argv)
{
	jsna_init(argc > 0 ? argv[0] : NULL);
	if (argc > 0 && argv[0]) {
		char *slash = strrchr(argv[0], '/');

		if (slash)
			argv[0] = slash + 1;
	}
}

const char *jsna_progname(void)
{
	return progname;
}

void jsna_set_verbosity(int level)
{
	verbosity = level;
}

int jsna_verbosity(void)
{
	return verbosity;
}

void jsna_set_message_hook(jsna_message_hook_fn *fn, void *ctx)
{
	message_hook = fn;
	message_hook_ctx = ctx;
}

/* Before a message that ends the program: the bar goes for good. */
static void drop_message_hook(void)
{
	if (message_hook)
		message_hook(0, message_hook_ctx);
	message_hook = NULL;
	message_hook_ctx = NULL;
}

unsigned long jsna_error_count(void)
{
	return nerrors;
}

int jsna_finish(int status)
{
	int bad = 0;

	if (fflush(stdout) != 0 || ferror(stdout))
		bad = 1;
	if (fclose(stdout) != 0 && !bad)
		bad = 1;
	if (bad) {
		error_errno("cannot write the output");
		return JSNA_EXIT_SYSTEM;
	}
	return status;
}

static void vreport(const char *prefix, const char *file, unsigned long line,
		    unsigned long col, const char *fmt, va_list ap, int err)
{
	if (message_hook)
		message_hook(0, message_hook_ctx);
	fprintf(stderr, "%s: ", progname);
	if (prefix)
		fputs(prefix, stderr);
	if (file) {
		fputs(file, stderr);
		if (line) {
			fprintf(stderr, ":%lu", line);
			if (col)
				fprintf(stderr, ":%lu", col);
		}
		fputs(": ", stderr);
	}
	vfprintf(stderr, fmt, ap);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
	if (message_hook)
		message_hook(1, message_hook_ctx);
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", NULL, 0, 0, fmt, ap, 0);
	va_end(ap);
}

void warning_at(const char *file, unsigned long line, unsigned long col,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", file, line, col, fmt, ap, 0);
	va_end(ap);
}

int error(const char *fmt, ...)
{
	va_list ap;

	nerrors++;
	va_start(ap, fmt);
	vreport(NULL, NULL, 0, 0, fmt, ap, 0);
	va_end(ap);
	return -1;
}

int error_errno(const char *fmt, ...)
{
	va_list ap;
	int err = errno;

	nerrors++;
	va_start(ap, fmt);
	vreport(NULL, NULL, 0, 0, fmt, ap, err);
	va_end(ap);
	return -1;
}

int error_at(const char *file, unsigned long line, unsigned long col,
	     const char *fmt, ...)
{
	va_list ap;

	nerrors++;
	va_start(ap, fmt);
	vreport(NULL, file, line, col, fmt, ap, 0);
	va_end(ap);
	return -1;
}

void note(const char *fmt, ...)
{
	va_list ap;

	if (verbosity <= 0)
		return;
	va_start(ap, fmt);
	vreport(NULL, NULL, 0, 0, fmt, ap, 0);
	va_end(ap);
}

void die(int status, const char *fmt, ...)
{
	va_list ap;

	drop_message_hook();
	va_start(ap, fmt);
	vreport(NULL, NULL, 0, 0, fmt, ap, 0);
	va_end(ap);
	exit(status);
}

void die_errno(int status, const char *fmt, ...)
{
	va_list ap;
	int err = errno;

	drop_message_hook();
	va_start(ap, fmt);
	vreport(NULL, NULL, 0, 0, fmt, ap, err);
	va_end(ap);
	exit(status);
}

void bug_fl(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	drop_message_hook();
	fprintf(stderr, "%s: BUG: %s:%d: ", progname, file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die(JSNA_EXIT_SYSTEM, "out of memory (allocating %zu bytes)", n);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die(JSNA_EXIT_SYSTEM, "out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		die(JSNA_EXIT_SYSTEM, "out of memory (allocating %zu bytes)", n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void xgrow(void **p, size_t *alloc, size_t n, size_t sz)
{
	size_t want;

	if (n <= *alloc)
		return;
	want = *alloc ? *alloc : 8;
	while (want < n)
		want = want / 2 * 3 + 8;
	if (want > ((size_t)-1) / sz)
		die(JSNA_EXIT_SYSTEM, "out of memory");
	*p = xrealloc(*p, want * sz);
	*alloc = want;
}

int str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

int str_ieq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

char *str_trim(char *s)
{
	char *e;

	while (*s && isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int str_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int str_digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int str_all_digits(const char *s)
{
	return *s && s[strspn(s, "0123456789")] == '\0';
}
