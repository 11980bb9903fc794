/* util.h - exit codes, messages and allocation for every jsna program.
 *
 *	jsna_init_args(argc, argv);          program name, C locale, GSL quiet
 *	if (bad) return error_at(path, line, col, "column '%s': ...", name);
 *	p = xmalloc(n);                       never NULL: dies with exit 3
 *	return jsna_finish(status);          flushes stdout, write errors -> 3
 *
 * Messages go to stderr only, as "PROG: FILE:LINE:COLUMN: what is wrong".
 * Library code reports with error()/error_at() and returns -1; only a
 * program's main decides the exit status (die() is for main and x*alloc).
 */
#ifndef JSNA_UTIL_H
#define JSNA_UTIL_H

#include <stddef.h>
#include <stdio.h>

/* Exit statuses: part of the contract, documented in README.md. */
enum jsna_exit {
	JSNA_EXIT_OK = 0,	/* success */
	JSNA_EXIT_DATA = 1,	/* an input or definition was rejected */
	JSNA_EXIT_USAGE = 2,	/* usage or configuration error */
	JSNA_EXIT_SYSTEM = 3,	/* I/O, SQLite, cairo, out of memory */
	JSNA_EXIT_LOCKED = 4	/* another process holds the warehouse lock */
};

#define JSNA_VERSION "0.1.0"

#if defined(__GNUC__)
#define JSNA_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define JSNA_NORETURN __attribute__((noreturn))
#else
#define JSNA_PRINTF(f, a)
#define JSNA_NORETURN
#endif

/* Sets the program name used in messages (basename of argv0), LC_NUMERIC
 * "C", and turns GSL's abort-on-error handler off. */
void jsna_init(const char *argv0);

/* jsna_init for a main: also shortens argv[0] to the program's name, so
 * that getopt's own messages read "jsna-calc: ...", as ours do, whatever
 * path the program was started by. */
void jsna_init_args(int argc, char **argv);

/* The program name given to jsna_init ("jsna" before it). Borrowed. */
const char *jsna_progname(void);

/* Flushes and closes stdout; a write error (e.g. /dev/full) makes the
 * status JSNA_EXIT_SYSTEM. Returns the status to exit with. */
int jsna_finish(int status);

/* Messages. error*() print and return -1, so "return error(...)" works.
 * *_errno variants append ": strerror(errno)". */
void warning(const char *fmt, ...) JSNA_PRINTF(1, 2);
int error(const char *fmt, ...) JSNA_PRINTF(1, 2);
int error_errno(const char *fmt, ...) JSNA_PRINTF(1, 2);
/* line or column 0 leaves that part out: "FILE:LINE: msg", "FILE: msg". */
int error_at(const char *file, unsigned long line, unsigned long col,
	     const char *fmt, ...) JSNA_PRINTF(4, 5);
void warning_at(const char *file, unsigned long line, unsigned long col,
		const char *fmt, ...) JSNA_PRINTF(4, 5);
/* Informational line on stderr, shown only when verbosity > 0. */
void note(const char *fmt, ...) JSNA_PRINTF(1, 2);
void jsna_set_verbosity(int level);
int jsna_verbosity(void);

/* Called around each message of the helpers above: with after = 0 just
 * before it is written, 1 just after (die() and BUG() call it with 0
 * only, then drop it: the program ends). A progress bar on the terminal
 * uses it to clear its line and redraw below the message. NULL removes
 * it; one hook at a time. */
typedef void jsna_message_hook_fn(int after, void *ctx);
void jsna_set_message_hook(jsna_message_hook_fn *fn, void *ctx);

/* Counts of error() / warning() calls so far in this process. */
unsigned long jsna_error_count(void);

JSNA_NORETURN void die(int status, const char *fmt, ...) JSNA_PRINTF(2, 3);
JSNA_NORETURN void die_errno(int status, const char *fmt, ...)
	JSNA_PRINTF(2, 3);
JSNA_NORETURN void bug_fl(const char *file, int line, const char *fmt, ...)
	JSNA_PRINTF(3, 4);
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)

/* Allocation that never returns NULL: out of memory dies with exit 3. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grows *p (of *alloc elements of size sz) to hold at least n elements. */
void xgrow(void **p, size_t *alloc, size_t n, size_t sz);
#define XGROW(p, alloc, n) xgrow((void **)&(p), &(alloc), (n), sizeof(*(p)))

/* Small string helpers. */
int str_eq(const char *a, const char *b);	/* NULL-safe strcmp == 0 */
int str_ieq(const char *a, const char *b);	/* ASCII case-insensitive */
char *str_trim(char *s);			/* in place; returns s+k */
int str_ends_with(const char *s, const char *suffix);
/* The number written by exactly n digits at s, or -1. */
int str_digits(const char *s, int n);
/* 1 when s is one or more digits and nothing else. */
int str_all_digits(const char *s);

#endif
