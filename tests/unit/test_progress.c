/* test_progress.c - the progress bar (progress.h).
 *
 * The bar line and the record reader are pure functions, checked against
 * lines written out by hand. The records of a stage under `jsna refresh`
 * are read back from a real pipe (JSNA_PROGRESS_FD), and the bar a stage
 * draws on its own terminal from a pseudo-terminal put in place of
 * stderr, byte for byte.
 */
#define _XOPEN_SOURCE 700	/* posix_openpt */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "jsna/progress.h"
#include "jsna/util.h"

static int setup(void **state)
{
	(void)state;
	jsna_init("jsna-calc");
	jsna_set_verbosity(0);
	unsetenv("JSNA_PROGRESS_FD");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	jsna_set_verbosity(0);
	unsetenv("JSNA_PROGRESS_FD");
	return 0;
}

/* ---- the bar line ---- */

static void test_format(void **state)
{
	char out[128];

	(void)state;
	/* 29 of 58 is half of the 20 columns */
	assert_int_equal(progress_format(out, sizeof(out), "calc", 29, 58,
					 "indicators", 80), 48);
	assert_string_equal(out,
			    "calc    [##########..........]  29/58 indicators");
	/* the count is as wide as the total, so the line keeps still */
	progress_format(out, sizeof(out), "ingest", 5, 100, "files", 80);
	assert_string_equal(out,
			    "ingest  [#...................]    5/100 files");
	progress_format(out, sizeof(out), "ingest", 100, 100, "files", 80);
	assert_string_equal(out,
			    "ingest  [####################]  100/100 files");
	/* nothing to do is done */
	progress_format(out, sizeof(out), "report", 0, 0, "indicators", 80);
	assert_string_equal(out,
			    "report  [####################]  0/0 indicators");
	/* past the end counts as the end */
	progress_format(out, sizeof(out), "calc", 70, 58, "indicators", 80);
	assert_string_equal(out,
			    "calc    [####################]  58/58 indicators");
	/* no unit */
	progress_format(out, sizeof(out), "calc", 29, 58, NULL, 80);
	assert_string_equal(out, "calc    [##########..........]  29/58");
	progress_format(out, sizeof(out), "calc", 29, 58, "", 80);
	assert_string_equal(out, "calc    [##########..........]  29/58");
	/* an unknown width is 80 columns */
	progress_format(out, sizeof(out), "calc", 29, 58, "indicators", 0);
	assert_string_equal(out,
			    "calc    [##########..........]  29/58 indicators");
}

/* A narrow terminal: the bar shrinks, then goes, then the line is cut;
 * never does it reach the last column. */
static void test_format_narrow(void **state)
{
	char out[128];
	int w;

	(void)state;
	/* 39 usable columns: 24 of text, 4 around the bar, 11 of bar;
	 * 29 * 11 / 58 = 5.5, so 5 filled */
	assert_int_equal(progress_format(out, sizeof(out), "calc", 29, 58,
					 "indicators", 40), 39);
	assert_string_equal(out, "calc    [#####......]  29/58 indicators");
	/* room for a bar of 3 only: no bar */
	progress_format(out, sizeof(out), "calc", 29, 58, "indicators", 32);
	assert_string_equal(out, "calc    29/58 indicators");
	/* not even the text: cut at 11 columns */
	assert_int_equal(progress_format(out, sizeof(out), "calc", 29, 58,
					 "indicators", 12), 11);
	assert_string_equal(out, "calc    29/");
	for (w = 1; w < 100; w++)
		assert_true(progress_format(out, sizeof(out), "report", 7,
					    1234, "indicators", w) <
			    (size_t)w);
}

/* The buffer is never overrun, and always terminated. */
static void test_format_small_buffer(void **state)
{
	char out[10];

	(void)state;
	memset(out, 'x', sizeof(out));
	assert_int_equal(progress_format(out, sizeof(out), "calc", 29, 58,
					 "indicators", 80), 9);
	assert_string_equal(out, "calc    [");
	assert_int_equal(progress_format(out, 0, "calc", 29, 58,
					 "indicators", 80), 0);
}

/* ---- the records ---- */

static void test_parse(void **state)
{
	struct progress_record rec;
	char line[80];

	(void)state;
	assert_int_equal(progress_parse("calc 29 58 indicators", &rec), 0);
	assert_string_equal(rec.stage, "calc");
	assert_int_equal(rec.done, 29);
	assert_int_equal(rec.total, 58);
	assert_string_equal(rec.unit, "indicators");
	assert_int_equal(progress_parse("report 0 0", &rec), 0);
	assert_string_equal(rec.stage, "report");
	assert_int_equal(rec.done, 0);
	assert_int_equal(rec.total, 0);
	assert_string_equal(rec.unit, "");
	/* the largest count there is */
	snprintf(line, sizeof(line), "calc %zu %zu u", SIZE_MAX, SIZE_MAX);
	assert_int_equal(progress_parse(line, &rec), 0);
	assert_true(rec.done == SIZE_MAX && rec.total == SIZE_MAX);
}

static void test_parse_rejects(void **state)
{
	static const char *const bad[] = {
		"",
		"calc",
		"calc ",
		"calc 29",
		"calc 29 ",
		" calc 29 58 indicators",
		"calc  29 58 indicators",
		"calc x 58 indicators",
		"calc -1 58 indicators",
		"calc 29 58x indicators",
		"calc 29 58\tindicators",
		"calc 29 58 two words",
		"calc 29 58 \033[2J",
		"ca\033lc 29 58 indicators",
		"calc 29 58 caf\xc3\xa9",
		"calc 18446744073709551616 58 indicators",
		"calc 99999999999999999999999 58 indicators",
		"a_stage_name_of_thirty_two_chars 1 2 u",
		"calc 1 2 a_unit_name_of_thirty_two_chars_",
	};
	struct progress_record rec;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (progress_parse(bad[i], &rec) != -1)
			fail_msg("accepted '%s'", bad[i]);
	/* the longest names are taken */
	assert_int_equal(progress_parse("a_stage_name_of_thirty_one_char 1 2 "
					"a_unit_name_of_thirty_one_chars",
					&rec), 0);
	assert_string_equal(rec.stage, "a_stage_name_of_thirty_one_char");
	assert_string_equal(rec.unit, "a_unit_name_of_thirty_one_chars");
}

/* ---- under jsna refresh: records on the inherited pipe ---- */

/* Points JSNA_PROGRESS_FD at a new pipe's write end; fds[0] reads. */
static void pipe_env(int fds[2])
{
	char v[16];

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
	snprintf(v, sizeof(v), "%d", fds[1]);
	assert_int_equal(setenv("JSNA_PROGRESS_FD", v, 1), 0);
}

/* Everything the pipe holds, as a string (the caller frees). */
static char *drain(int fd)
{
	size_t len = 0, alloc = 1 << 16;
	char *s = malloc(alloc);
	ssize_t n;

	assert_non_null(s);
	while ((n = read(fd, s + len, alloc - 1 - len)) > 0)
		len += (size_t)n;
	s[len] = '\0';
	return s;
}

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_pipe_records(void **state)
{
	struct progress p = PROGRESS_INIT;
	int fds[2];
	char *got;

	(void)state;
	pipe_env(fds);
	progress_begin(&p, "files", 4);
	assert_int_equal(p.mode, PROGRESS_PIPE);
	progress_step(&p, 4);	/* the last step is always sent */
	progress_end(&p);	/* and not twice */
	progress_end(&p);
	got = drain(fds[0]);
	assert_string_equal(got, "calc 0 4 files\ncalc 4 4 files\n");
	free(got);
	close(fds[0]);
	close(fds[1]);
}

/* A million steps make a handful of records: the first, one per tenth of
 * a second at most, and the last. */
static void test_pipe_throttled(void **state)
{
	struct progress p = PROGRESS_INIT;
	int fds[2];
	size_t i, n, prev = 0;
	double t0, secs;
	char *got, *line, *save = NULL;

	(void)state;
	pipe_env(fds);
	t0 = progress_now();
	progress_begin(&p, "rows", 1000000);
	for (i = 1; i <= 1000000; i++)
		progress_next(&p);
	progress_end(&p);
	secs = progress_now() - t0;
	got = drain(fds[0]);
	n = count_lines(got);
	assert_true(n >= 2);
	assert_true((double)n <= 2.0 + secs / 0.1 + 1.0);
	assert_true(strncmp(got, "calc 0 1000000 rows\n", 20) == 0);
	assert_non_null(strstr(got, "\ncalc 1000000 1000000 rows\n"));
	assert_true(str_ends_with(got, "\ncalc 1000000 1000000 rows\n"));
	for (line = strtok_r(got, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct progress_record rec;

		assert_int_equal(progress_parse(line, &rec), 0);
		assert_true(rec.done >= prev);
		prev = rec.done;
	}
	free(got);
	close(fds[0]);
	close(fds[1]);
}

/* A step held back by the throttle is sent by progress_end. */
static void test_pipe_end_sends_last(void **state)
{
	struct progress p = PROGRESS_INIT;
	int fds[2];
	char *got;

	(void)state;
	pipe_env(fds);
	progress_begin(&p, "tables", 10);
	progress_step(&p, 3);
	progress_end(&p);
	got = drain(fds[0]);
	/* 3 came within a tenth of a second of 0, or after it */
	if (strcmp(got, "calc 0 10 tables\ncalc 3 10 tables\n") != 0)
		fail_msg("got '%s'", got);
	free(got);
	close(fds[0]);
	close(fds[1]);
}

/* -q, a descriptor that is not a pipe, or none: nothing is sent. */
static void test_pipe_off(void **state)
{
	struct progress p = PROGRESS_INIT, never = PROGRESS_INIT;
	int fds[2];
	char *got;
	FILE *f;
	char v[16];

	(void)state;
	progress_end(&never);	/* never begun: nothing to do */
	assert_int_equal(never.mode, PROGRESS_OFF);

	pipe_env(fds);
	jsna_set_verbosity(-1);
	progress_begin(&p, "files", 4);
	assert_int_equal(p.mode, PROGRESS_OFF);
	progress_step(&p, 2);
	progress_end(&p);
	jsna_set_verbosity(0);
	got = drain(fds[0]);
	assert_string_equal(got, "");
	free(got);

	f = tmpfile();
	assert_non_null(f);
	snprintf(v, sizeof(v), "%d", fileno(f));
	setenv("JSNA_PROGRESS_FD", v, 1);
	progress_begin(&p, "files", 4);
	assert_int_not_equal(p.mode, PROGRESS_PIPE);
	progress_end(&p);
	setenv("JSNA_PROGRESS_FD", "3x", 1);
	progress_begin(&p, "files", 4);
	assert_int_not_equal(p.mode, PROGRESS_PIPE);
	progress_end(&p);
	assert_int_equal(ftell(f), 0);
	fclose(f);
	close(fds[0]);
	close(fds[1]);
}

/* ---- run alone on a terminal: its own bar, around its messages ---- */

struct tty {
	int master, slave, saved;
};

/* Puts a pseudo-terminal of 40 columns in place of stderr. */
static void tty_open(struct tty *t)
{
	struct winsize ws;
	struct termios tio;

	memset(&ws, 0, sizeof(ws));
	ws.ws_col = 40;
	ws.ws_row = 24;
	t->master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(t->master >= 0);
	assert_int_equal(grantpt(t->master), 0);
	assert_int_equal(unlockpt(t->master), 0);
	t->slave = open(ptsname(t->master), O_RDWR | O_NOCTTY);
	assert_true(t->slave >= 0);
	/* the bytes as written: no "\n" -> "\r\n" */
	assert_int_equal(tcgetattr(t->slave, &tio), 0);
	tio.c_oflag &= ~(tcflag_t)OPOST;
	assert_int_equal(tcsetattr(t->slave, TCSANOW, &tio), 0);
	assert_int_equal(ioctl(t->slave, TIOCSWINSZ, &ws), 0);
	fflush(stderr);
	t->saved = dup(2);
	assert_true(t->saved >= 0);
	assert_true(dup2(t->slave, 2) >= 0);
}

/* Puts stderr back; returns what the terminal was sent (caller frees). */
static char *tty_close(struct tty *t)
{
	struct pollfd pf;
	size_t len = 0, alloc = 8192;
	char *s = malloc(alloc);
	ssize_t n;

	assert_non_null(s);
	fflush(stderr);
	dup2(t->saved, 2);
	close(t->saved);
	pf.fd = t->master;
	pf.events = POLLIN;
	while (len + 1 < alloc && poll(&pf, 1, 200) > 0 &&
	       (n = read(t->master, s + len, alloc - 1 - len)) > 0)
		len += (size_t)n;
	s[len] = '\0';
	close(t->slave);
	close(t->master);
	return s;
}

static void test_terminal(void **state)
{
	struct progress p = PROGRESS_INIT;
	struct tty t;
	const char *tail;
	char *got;
	/* 40 columns: 39 usable, 17 of text, 4 around, a bar of 18; the
	 * last line gives 6 of them to "  0.0s" */
	static const char want[] =
		"\rcalc    [..................]  0/4 files\033[K"
		"\rcalc    [##################]  4/4 files\033[K"
		"\r\033[K" "jsna-calc: warning: a message\n"
		"\rcalc    [##################]  4/4 files\033[K"
		"\rcalc    [############]  4/4 files  0.";

	(void)state;
	setenv("TERM", "xterm", 1);
	tty_open(&t);
	progress_begin(&p, "files", 4);
	assert_int_equal(p.mode, PROGRESS_TERMINAL);
	progress_step(&p, 4);
	warning("a message");
	note("not shown at verbosity 0");
	progress_end(&p);
	warning("after the bar");	/* the hook is gone with it */
	got = tty_close(&t);
	if (strncmp(got, want, sizeof(want) - 1) != 0)
		fail_msg("got '%s'", got);
	/* then the seconds it took, and the line ends */
	tail = got + sizeof(want) - 1;
	tail += strspn(tail, "0123456789");
	assert_string_equal(tail,
			    "s\033[K\njsna-calc: warning: after the bar\n");
	free(got);
}

/* TERM=dumb, or -q: no bar on the terminal. */
static void test_terminal_off(void **state)
{
	struct progress p = PROGRESS_INIT;
	struct tty t;
	char *got;

	(void)state;
	tty_open(&t);
	setenv("TERM", "dumb", 1);
	progress_begin(&p, "files", 4);
	assert_int_equal(p.mode, PROGRESS_OFF);
	progress_end(&p);
	setenv("TERM", "xterm", 1);
	jsna_set_verbosity(-1);
	progress_begin(&p, "files", 4);
	assert_int_equal(p.mode, PROGRESS_OFF);
	progress_end(&p);
	warning("a message");
	got = tty_close(&t);
	assert_string_equal(got, "jsna-calc: warning: a message\n");
	free(got);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_format),
		T(test_format_narrow),
		T(test_format_small_buffer),
		T(test_parse),
		T(test_parse_rejects),
		T(test_pipe_records),
		T(test_pipe_throttled),
		T(test_pipe_end_sends_last),
		T(test_pipe_off),
		T(test_terminal),
		T(test_terminal_off),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
