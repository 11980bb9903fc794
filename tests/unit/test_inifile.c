/* test_inifile.c - reading ini files with line numbers (inifile.h).
 *
 * Each test writes its file into a fresh mkdtemp folder, removed by
 * teardown. The keys the callback sees are copied into a list and
 * compared with the file as written, line numbers counted by hand.
 * Messages go to stderr, which the tests capture to check FILE:LINE.
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsna/inifile.h"
#include "jsna/util.h"

/* ------------------------------------------------------------------ */
/* A temporary folder per test */

struct fixture {
	char dir[64];
	char path[128];		/* the file written by write_ini */
	struct seen *seen;
	size_t nseen;
	int fail_on_line;	/* the callback fails for this line */
};

struct seen {
	unsigned long line;
	char *section, *name, *value;
	char *path;
};

#include "tmpdir.h"

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	strcpy(fx->dir, "/tmp/jsna-test-ini-XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static void seen_clear(struct fixture *fx)
{
	for (size_t i = 0; i < fx->nseen; i++) {
		free(fx->seen[i].section);
		free(fx->seen[i].name);
		free(fx->seen[i].value);
		free(fx->seen[i].path);
	}
	free(fx->seen);
	fx->seen = NULL;
	fx->nseen = 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc = tmpdir_remove(fx->dir);

	seen_clear(fx);
	free(fx);
	return rc;
}

static const char *write_ini(struct fixture *fx, const char *text)
{
	FILE *f;

	snprintf(fx->path, sizeof(fx->path), "%s/t.ini", fx->dir);
	f = fopen(fx->path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	return fx->path;
}

static int on_key(const struct ini_key *k, void *ctx)
{
	struct fixture *fx = ctx;
	struct seen *s;

	s = realloc(fx->seen, (fx->nseen + 1) * sizeof(*fx->seen));
	if (!s)
		return -1;
	fx->seen = s;
	s = &fx->seen[fx->nseen++];
	s->line = k->line;
	s->section = strdup(k->section);
	s->name = strdup(k->name);
	s->value = strdup(k->value);
	s->path = strdup(k->path);
	if (fx->fail_on_line && k->line == (unsigned long)fx->fail_on_line)
		return error_at(k->path, k->line, 0, "refused by the test");
	return 0;
}

static void check_key_at(const struct fixture *fx, size_t i,
			 unsigned long line, const char *section,
			 const char *name, const char *value,
			 const char *file, int srcline)
{
	const struct seen *s;

	if (i >= fx->nseen) {
		print_error("key %zu missing: %zu keys seen\n", i + 1,
			    fx->nseen);
		_fail(file, srcline);
	}
	s = &fx->seen[i];
	if (s->line != line || strcmp(s->section, section) ||
	    strcmp(s->name, name) || strcmp(s->value, value) ||
	    strcmp(s->path, fx->path)) {
		print_error("key %zu: line %lu [%s] '%s' = '%s' in '%s'; "
			    "expected line %lu [%s] '%s' = '%s'\n", i + 1,
			    s->line, s->section, s->name, s->value, s->path,
			    line, section, name, value);
		_fail(file, srcline);
	}
}

#define check_key(fx, i, line, section, name, value) \
	check_key_at((fx), (i), (line), (section), (name), (value), \
		     __FILE__, __LINE__)

/* ------------------------------------------------------------------ */
/* Capturing stderr */

#include "capture.h"

/* Reads the file expecting rc, and a message holding "PATH:want" (or no
 * message at all when want is NULL). */
static void read_expect_at(struct fixture *fx, int rc, const char *want,
			   const char *file, int line)
{
	char where[256];
	char *msg;
	int got;

	seen_clear(fx);
	capture_begin();
	got = inifile_read(fx->path, on_key, fx);
	msg = capture_end();
	if (want)
		snprintf(where, sizeof(where), "%s%s", fx->path, want);
	if (got != rc || (want && !strstr(msg, where)) ||
	    (!want && *msg)) {
		print_error("returned %d, message '%s'; expected %d and '%s'\n",
			    got, msg, rc, want ? where : "no message");
		free(msg);
		_fail(file, line);
	}
	free(msg);
}

#define read_expect(fx, rc, want) \
	read_expect_at((fx), (rc), (want), __FILE__, __LINE__)

/* ------------------------------------------------------------------ */

static void test_values(void **state)
{
	struct fixture *fx = *state;

	write_ini(fx, "; The pipeline's configuration.\n"	/* 1 */
		      "# another comment\n"			/* 2 */
		      "\n"					/* 3 */
		      "[area]\n"				/* 4 */
		      "code   =   E06000050    ; Cheshire West\n"	/* 5 */
		      "name = Cheshire West and Chester\n"	/* 6 */
		      "empty =\n"				/* 7 */
		      "  [paths]  \n"				/* 8 */
		      "inputs=inputs\n"				/* 9 */
		      "semi = a;b\n"				/* 10 */
		      "spaced key = two words here\t\n"		/* 11 */
		      "eq = a = b\n");				/* 12 */
	read_expect(fx, 0, NULL);
	assert_int_equal(fx->nseen, 7);
	check_key(fx, 0, 5, "area", "code", "E06000050");
	check_key(fx, 1, 6, "area", "name", "Cheshire West and Chester");
	check_key(fx, 2, 7, "area", "empty", "");
	check_key(fx, 3, 9, "paths", "inputs", "inputs");
	/* a ';' not after a blank is part of the value */
	check_key(fx, 4, 10, "paths", "semi", "a;b");
	check_key(fx, 5, 11, "paths", "spaced key", "two words here");
	/* the first '=' splits */
	check_key(fx, 6, 12, "paths", "eq", "a = b");
}

static void test_no_section_crlf_bom(void **state)
{
	struct fixture *fx = *state;

	/* a key before any section has section "" */
	write_ini(fx, "\xEF\xBB\xBF" "top = 1\r\n"
		      "[s]\r\n"
		      "k = v ; note\r\n"
		      "\r\n"
		      "last = end");			/* no final newline */
	read_expect(fx, 0, NULL);
	assert_int_equal(fx->nseen, 3);
	check_key(fx, 0, 1, "", "top", "1");
	check_key(fx, 1, 3, "s", "k", "v");
	check_key(fx, 2, 5, "s", "last", "end");
}

/* An indented line is a key like any other, never a continuation of the
 * key above (libinih's multi-line values would swallow it). */
static void test_indented_key(void **state)
{
	struct fixture *fx = *state;

	write_ini(fx, "[area]\n"
		      "code = E06000050\n"
		      "    benchmarks = E92000001\n"
		      "\tname = x\n");
	read_expect(fx, 0, NULL);
	assert_int_equal(fx->nseen, 3);
	check_key(fx, 0, 2, "area", "code", "E06000050");
	check_key(fx, 1, 3, "area", "benchmarks", "E92000001");
	check_key(fx, 2, 4, "area", "name", "x");
}

static void test_long_line(void **state)
{
	struct fixture *fx = *state;
	char text[1024], value[251];

	memset(value, 'v', 250);
	value[250] = '\0';
	snprintf(text, sizeof(text), "[s]\nbefore = 1\nlong = %s\n"
		 "after = 2\n", value);
	write_ini(fx, text);
	read_expect(fx, -1, ":3: line longer than");
	/* the rest of the file is still read, with the right lines */
	assert_int_equal(fx->nseen, 2);
	check_key(fx, 0, 2, "s", "before", "1");
	check_key(fx, 1, 4, "s", "after", "2");

	/* a long line at the very end, without a line break */
	snprintf(text, sizeof(text), "[s]\nlong = %s", value);
	write_ini(fx, text);
	read_expect(fx, -1, ":2: line longer than");
	assert_int_equal(fx->nseen, 0);

	/* 190 characters is fine */
	snprintf(text, sizeof(text), "[s]\nk = %.*s\n", 186, value);
	write_ini(fx, text);
	read_expect(fx, 0, NULL);
	assert_int_equal(fx->nseen, 1);
	assert_int_equal(strlen(fx->seen[0].value), 186);
}

static void test_syntax_error(void **state)
{
	struct fixture *fx = *state;

	write_ini(fx, "[area]\n"
		      "code = x\n"
		      "this is not ini\n"
		      "name = y\n");
	read_expect(fx, -1, ":3: not a 'key = value' line");
	/* the keys either side are still given */
	assert_int_equal(fx->nseen, 2);
	check_key(fx, 0, 2, "area", "code", "x");
	check_key(fx, 1, 4, "area", "name", "y");

	write_ini(fx, "[area\ncode = x\n");
	read_expect(fx, -1, ":1: ");
	write_ini(fx, "[s]\nok = 1\n[\n");
	read_expect(fx, -1, ":3: ");
}

static void test_callback_error(void **state)
{
	struct fixture *fx = *state;

	write_ini(fx, "[s]\na = 1\nb = 2\nc = 3\n");
	fx->fail_on_line = 3;
	read_expect(fx, -1, ":3: refused by the test");
	/* reading went on, so that every error is reported */
	assert_int_equal(fx->nseen, 3);
	check_key(fx, 2, 4, "s", "c", "3");
}

static void test_missing_file(void **state)
{
	struct fixture *fx = *state;
	char *msg;

	snprintf(fx->path, sizeof(fx->path), "%s/absent.ini", fx->dir);
	capture_begin();
	assert_int_equal(inifile_read(fx->path, on_key, fx), -1);
	msg = capture_end();
	assert_non_null(strstr(msg, "cannot open"));
	assert_non_null(strstr(msg, "absent.ini"));
	free(msg);
	assert_int_equal(fx->nseen, 0);
}

static void test_empty_file(void **state)
{
	struct fixture *fx = *state;

	write_ini(fx, "");
	read_expect(fx, 0, NULL);
	assert_int_equal(fx->nseen, 0);
	write_ini(fx, "; only a comment\n[empty]\n");
	read_expect(fx, 0, NULL);
	assert_int_equal(fx->nseen, 0);
}

static void test_split_list(void **state)
{
	char s1[] = " png, svg ,,pdf ";
	char s2[] = "a,b,c,d";
	char s3[] = "";
	char s4[] = " , ,";
	char s5[] = "E92000001";
	char *items[4];

	(void)state;
	assert_int_equal(inifile_split_list(s1, items, 4), 3);
	assert_string_equal(items[0], "png");
	assert_string_equal(items[1], "svg");
	assert_string_equal(items[2], "pdf");
	/* at most max items */
	assert_int_equal(inifile_split_list(s2, items, 2), 2);
	assert_string_equal(items[0], "a");
	assert_string_equal(items[1], "b");
	assert_int_equal(inifile_split_list(s3, items, 4), 0);
	assert_int_equal(inifile_split_list(s4, items, 4), 0);
	assert_int_equal(inifile_split_list(s5, items, 4), 1);
	assert_string_equal(items[0], "E92000001");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_values),
		T(test_no_section_crlf_bom),
		T(test_indented_key),
		T(test_long_line),
		T(test_syntax_error),
		T(test_callback_error),
		T(test_missing_file),
		T(test_empty_file),
		cmocka_unit_test(test_split_list),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
