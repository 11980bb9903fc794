/* test_csvin.c - reading CSV through csvin_read_mem (csvin.h).
 *
 * Each input is written out in the test with the rows, fields and
 * physical line numbers expected of it, counted by hand. Rows are copied
 * out of the callback (its fields are borrowed) into a struct collect,
 * which teardown frees. Parse errors are reported on stderr: the tests
 * capture it to check the FILE:LINE:COLUMN of the message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsna/csvin.h"
#include "jsna/util.h"

#define MAXROWS 16
#define MAXF 8

struct row {
	unsigned long recno, line;
	size_t nf;
	char *f[MAXF];
	size_t len[MAXF];
	int qempty[MAXF];
	unsigned long fline[MAXF];
	int find_area;		/* csvin_find(r, "area_code") on the header */
};

struct collect {
	struct row r[MAXROWS];
	size_t n;
	unsigned long stop_at;	/* recno whose callback stops, or 0 */
	int stop_with;
};

static int on_row(const struct csvin_record *rec, void *ctx)
{
	struct collect *c = ctx;
	struct row *r;

	if (c->n == MAXROWS)
		return -100;
	r = &c->r[c->n++];
	r->recno = rec->recno;
	r->line = rec->line;
	r->nf = rec->nfields;
	for (size_t i = 0; i < rec->nfields && i < MAXF; i++) {
		const struct csvin_field *f = &rec->fields[i];

		r->f[i] = malloc(f->len + 1);
		if (!r->f[i])
			return -101;
		memcpy(r->f[i], f->ptr, f->len + 1);	/* with its NUL */
		r->len[i] = f->len;
		r->qempty[i] = f->quoted_empty;
		r->fline[i] = f->line;
	}
	r->find_area = csvin_find(rec, "area_code");
	if (c->stop_at && rec->recno == c->stop_at)
		return c->stop_with;
	return 0;
}

static int setup(void **state)
{
	struct collect *c = calloc(1, sizeof(*c));

	*state = c;
	return c ? 0 : -1;
}

static void collect_clear(struct collect *c)
{
	for (size_t i = 0; i < c->n; i++)
		for (size_t j = 0; j < c->r[i].nf && j < MAXF; j++)
			free(c->r[i].f[j]);
	memset(c, 0, sizeof(*c));
}

static int teardown(void **state)
{
	collect_clear(*state);
	free(*state);
	return 0;
}

static int read_str(struct collect *c, const char *s)
{
	collect_clear(c);
	return csvin_read_mem("t.csv", s, strlen(s), on_row, c);
}

/* Row i has recno i+1, starts on line and holds the n given fields. */
static void check_row_at(const struct collect *c, size_t i,
			 unsigned long line, size_t n, const char *const *f,
			 const char *file, int srcline)
{
	const struct row *r;

	if (i >= c->n) {
		print_error("row %zu missing: %zu rows read\n", i + 1, c->n);
		_fail(file, srcline);
	}
	r = &c->r[i];
	if (r->recno != i + 1 || r->line != line || r->nf != n) {
		print_error("row %zu: recno %lu line %lu with %zu fields, "
			    "expected line %lu with %zu fields\n", i + 1,
			    r->recno, r->line, r->nf, line, n);
		_fail(file, srcline);
	}
	for (size_t j = 0; j < n; j++)
		if (strcmp(r->f[j], f[j]) != 0 ||
		    r->len[j] != strlen(f[j])) {
			print_error("row %zu field %zu: '%s' (%zu bytes), "
				    "expected '%s'\n", i + 1, j + 1, r->f[j],
				    r->len[j], f[j]);
			_fail(file, srcline);
		}
}

#define check_row(c, i, line, ...) \
	do { \
		const char *const f_[] = { __VA_ARGS__ }; \
		check_row_at((c), (i), (line), sizeof(f_) / sizeof(f_[0]), \
			     f_, __FILE__, __LINE__); \
	} while (0)

/* ------------------------------------------------------------------ */
/* Capturing stderr, where error_at() writes */

#include "capture.h"

/* Reads s expecting a parse error whose message holds where. */
static void expect_error_at(struct collect *c, const char *s,
			    const char *where, const char *file, int line)
{
	char *msg;
	int rc;

	capture_begin();
	rc = read_str(c, s);
	msg = capture_end();
	if (rc != -1 || !strstr(msg, where)) {
		print_error("returned %d, message '%s'; expected -1 and "
			    "'%s'\n", rc, msg, where);
		free(msg);
		_fail(file, line);
	}
	free(msg);
}

#define expect_error(c, s, where) \
	expect_error_at((c), (s), (where), __FILE__, __LINE__)

/* ------------------------------------------------------------------ */

static void test_lf(void **state)
{
	struct collect *c = *state;

	assert_int_equal(read_str(c, "area_code,value\nE06000050,584\n"
				  "E92000001,83630\n"), 0);
	assert_int_equal(c->n, 3);
	check_row(c, 0, 1, "area_code", "value");
	check_row(c, 1, 2, "E06000050", "584");
	check_row(c, 2, 3, "E92000001", "83630");
	assert_int_equal(c->r[0].find_area, 0);
	/* each field's line is its row's */
	assert_int_equal(c->r[2].fline[0], 3);
	assert_int_equal(c->r[2].fline[1], 3);
}

static void test_no_final_newline(void **state)
{
	struct collect *c = *state;

	assert_int_equal(read_str(c, "a,b\n1,2"), 0);
	assert_int_equal(c->n, 2);
	check_row(c, 1, 2, "1", "2");
	assert_int_equal(read_str(c, ""), 0);
	assert_int_equal(c->n, 0);
}

static void test_bom(void **state)
{
	struct collect *c = *state;

	assert_int_equal(read_str(c, "\xEF\xBB\xBF" "area_code,value\n"
				  "E06000050,1\n"), 0);
	assert_int_equal(c->n, 2);
	check_row(c, 0, 1, "area_code", "value");
	assert_int_equal(c->r[0].find_area, 0);
	check_row(c, 1, 2, "E06000050", "1");
	/* only a leading BOM is skipped: one later is data */
	assert_int_equal(read_str(c, "x\n\xEF\xBB\xBFy\n"), 0);
	check_row(c, 1, 2, "\xEF\xBB\xBFy");
}

static void test_crlf(void **state)
{
	struct collect *c = *state;

	assert_int_equal(read_str(c, "a,b\r\n1,2\r\n3,4\r\n"), 0);
	assert_int_equal(c->n, 3);
	check_row(c, 0, 1, "a", "b");
	check_row(c, 1, 2, "1", "2");
	check_row(c, 2, 3, "3", "4");
	/* mixed endings, and a BOM with CRLF */
	assert_int_equal(read_str(c, "\xEF\xBB\xBF" "a,b\r\n1,2\n3,4\r\n5,6"),
			 0);
	assert_int_equal(c->n, 4);
	check_row(c, 0, 1, "a", "b");
	check_row(c, 1, 2, "1", "2");
	check_row(c, 2, 3, "3", "4");
	check_row(c, 3, 4, "5", "6");
}

static void test_quoted(void **state)
{
	struct collect *c = *state;

	assert_int_equal(read_str(c, "la_name,note\n"
				  "\"Cheshire West, and Chester\","
				  "\"say \"\"hi\"\"\"\n"
				  "\"\"\"\",\"a,\"\"b\"\",c\"\n"), 0);
	assert_int_equal(c->n, 3);
	check_row(c, 1, 2, "Cheshire West, and Chester", "say \"hi\"");
	check_row(c, 2, 3, "\"", "a,\"b\",c");
	assert_int_equal(c->r[1].qempty[0], 0);
}

/* A quoted field holding line breaks: the rows after it keep their
 * physical line numbers. */
static void test_embedded_newlines(void **state)
{
	struct collect *c = *state;

	assert_int_equal(read_str(c,
				  "id,text,more\n"		/* line 1 */
				  "1,\"two\nlines\",x\n"	/* 2-3 */
				  "2,after,y\n"			/* 4 */
				  "3,\"a\r\nb\r\nc\",z\n"	/* 5-7 */
				  "4,end,w\n"			/* 8 */
				  "\"5\n\",\"\n\n\",v\n"	/* 9-12 */
				  "6,last,u\n"),		/* 13 */
			 0);
	assert_int_equal(c->n, 7);
	check_row(c, 1, 2, "1", "two\nlines", "x");
	assert_int_equal(c->r[1].fline[1], 2);	/* where it starts */
	assert_int_equal(c->r[1].fline[2], 3);	/* after it: line 3 */
	check_row(c, 2, 4, "2", "after", "y");
	assert_int_equal(c->r[2].fline[2], 4);
	check_row(c, 3, 5, "3", "a\r\nb\r\nc", "z");
	assert_int_equal(c->r[3].fline[2], 7);
	check_row(c, 4, 8, "4", "end", "w");
	check_row(c, 5, 9, "5\n", "\n\n", "v");
	assert_int_equal(c->r[5].fline[0], 9);
	assert_int_equal(c->r[5].fline[1], 10);
	assert_int_equal(c->r[5].fline[2], 12);
	check_row(c, 6, 13, "6", "last", "u");
	assert_int_equal(c->r[6].fline[0], 13);
}

static void test_empty_fields(void **state)
{
	struct collect *c = *state;

	assert_int_equal(read_str(c, "a,b,c,d\n,\"\",x,\n"), 0);
	assert_int_equal(c->n, 2);
	check_row(c, 1, 2, "", "", "x", "");
	assert_int_equal(c->r[1].qempty[0], 0);	/* nothing between commas */
	assert_int_equal(c->r[1].qempty[1], 1);	/* "" */
	assert_int_equal(c->r[1].qempty[2], 0);
	assert_int_equal(c->r[1].qempty[3], 0);	/* trailing comma */
	/* a row of one quoted empty field is a row, not a blank line */
	assert_int_equal(read_str(c, "a\n\"\"\nb\n"), 0);
	assert_int_equal(c->n, 3);
	check_row(c, 1, 2, "");
	assert_int_equal(c->r[1].qempty[0], 1);
	check_row(c, 2, 3, "b");
}

static void test_blank_lines(void **state)
{
	struct collect *c = *state;

	/* blank lines give no row and keep the next row's line */
	assert_int_equal(read_str(c, "a,b\n\n1,2\n\n\n3,4\n"), 0);
	assert_int_equal(c->n, 3);
	check_row(c, 0, 1, "a", "b");
	check_row(c, 1, 3, "1", "2");
	assert_int_equal(c->r[1].fline[1], 3);
	check_row(c, 2, 6, "3", "4");
	/* at the start and the end, and with CRLF */
	assert_int_equal(read_str(c, "\n\r\na,b\r\n\r\n1,2\r\n\r\n"), 0);
	assert_int_equal(c->n, 2);
	check_row(c, 0, 3, "a", "b");
	check_row(c, 1, 5, "1", "2");
	/* a blank line after a multi-line field */
	assert_int_equal(read_str(c, "a\n\"x\ny\"\n\nb\n"), 0);
	assert_int_equal(c->n, 3);
	check_row(c, 1, 2, "x\ny");
	check_row(c, 2, 5, "b");
}

static void test_errors(void **state)
{
	struct collect *c = *state;

	/* the closing quote is missing: the field starts on line 2 */
	expect_error(c, "a,b\n\"open,1\n2,3\n", "t.csv:2:1: ");
	expect_error(c, "a,b\n1,2\n\n3,\"open\n", "t.csv:4:2: ");
	expect_error(c, "\"", "t.csv:1:1: ");
	/* a quote inside an unquoted field, line 3 field 2 */
	expect_error(c, "a,b\n1,2\n3,x\"y\n", "t.csv:3:2: ");
	expect_error(c, "a,b\r\nab\"c,1\r\n", "t.csv:2:1: ");
	/* text after a closing quote */
	expect_error(c, "a,b\n\"x\"y,1\n", "t.csv:2:1: ");
	/* the rows before the error were delivered */
	expect_error(c, "a,b\n1,2\n3,x\"y\n", "t.csv:3");
	assert_int_equal(c->n, 2);
}

/* A field over 1 MiB stops reading; its row is not delivered. */
static void check_too_long(struct collect *c, const char *pre,
			   const char *where)
{
	size_t n = (1u << 20) + 1, plen = strlen(pre);
	char *s = malloc(plen + n + 2);
	char *msg;
	int rc;

	assert_non_null(s);
	memcpy(s, pre, plen);
	memset(s + plen, 'x', n);
	memcpy(s + plen + n, "\n", 2);
	capture_begin();
	collect_clear(c);
	rc = csvin_read_mem("t.csv", s, plen + n + 1, on_row, c);
	msg = capture_end();
	free(s);
	assert_int_equal(rc, -1);
	if (!strstr(msg, where)) {
		print_error("message '%s' lacks '%s'\n", msg, where);
		free(msg);
		fail();
	}
	free(msg);
	assert_int_equal(c->n, 1);	/* the header only */
}

static void test_field_too_long(void **state)
{
	check_too_long(*state, "a\n", "t.csv:2:1: ");
	check_too_long(*state, "a,b\n\n1,", "t.csv:3:2: ");
}

static void test_stop(void **state)
{
	struct collect *c = *state;
	const char *s = "a\n1\n2\n3\n";

	collect_clear(c);
	c->stop_at = 2;
	c->stop_with = -7;
	assert_int_equal(csvin_read_mem("t.csv", s, strlen(s), on_row, c), -7);
	assert_int_equal(c->n, 2);	/* nothing after the stop */
	/* stopping on the header */
	collect_clear(c);
	c->stop_at = 1;
	c->stop_with = -1;
	assert_int_equal(csvin_read_mem("t.csv", s, strlen(s), on_row, c), -1);
	assert_int_equal(c->n, 1);
	/* stopping on a last row that has no line break (read at the end) */
	s = "a\n1\n2";
	collect_clear(c);
	c->stop_at = 3;
	c->stop_with = -42;
	assert_int_equal(csvin_read_mem("t.csv", s, strlen(s), on_row, c),
			 -42);
	assert_int_equal(c->n, 3);
	/* a stop before a malformed line: the stop wins, no error */
	s = "a\n1\n\"x\"y\n";
	collect_clear(c);
	c->stop_at = 2;
	c->stop_with = -3;
	assert_int_equal(csvin_read_mem("t.csv", s, strlen(s), on_row, c),
			 -3);
}

/* Only the header row's fields matter to csvin_find. */
static void test_find(void **state)
{
	struct collect *c = *state;
	const char *hdr = " area_code ,\tvalue\t,time_period,\" la_name \","
			  "Area_Code2,,x\n";
	struct csvin_field f[7];
	struct csvin_record h;

	assert_int_equal(read_str(c, hdr), 0);
	assert_int_equal(c->n, 1);
	assert_int_equal(c->r[0].nf, 7);
	for (size_t i = 0; i < 7; i++) {
		f[i].ptr = c->r[0].f[i];
		f[i].len = c->r[0].len[i];
		f[i].quoted_empty = c->r[0].qempty[i];
		f[i].line = 1;
	}
	memset(&h, 0, sizeof(h));
	h.path = "t.csv";
	h.recno = 1;
	h.line = 1;
	h.nfields = 7;
	h.fields = f;
	assert_int_equal(csvin_find(&h, "area_code"), 0);
	assert_int_equal(c->r[0].find_area, 0);
	assert_int_equal(csvin_find(&h, "value"), 1);
	assert_int_equal(csvin_find(&h, "time_period"), 2);
	assert_int_equal(csvin_find(&h, "la_name"), 3);
	assert_int_equal(csvin_find(&h, "x"), 6);
	/* exact names: no case folding, no prefixes */
	assert_int_equal(csvin_find(&h, "Area_code"), -1);
	assert_int_equal(csvin_find(&h, "area"), -1);
	assert_int_equal(csvin_find(&h, "Area_Code"), -1);
	assert_int_equal(csvin_find(&h, "missing"), -1);
	/* never by position */
	assert_int_equal(csvin_find(&h, "0"), -1);
	assert_int_equal(csvin_find(&h, "1"), -1);
	assert_int_equal(csvin_find(&h, "2"), -1);
	/* the trimming is on the header, not the name asked for */
	assert_int_equal(csvin_find(&h, " value"), -1);

	/* the first match wins when a name is repeated */
	f[1].ptr = "area_code";
	f[1].len = 9;
	assert_int_equal(csvin_find(&h, "area_code"), 0);
	/* an empty header gives nothing */
	h.nfields = 0;
	assert_int_equal(csvin_find(&h, "area_code"), -1);
}

/* Windows-1252 text is converted to UTF-8; UTF-8 is left alone; bytes
 * that are characters in neither, and control characters, are binary. */
static void test_encoding(void **state)
{
	struct collect *c = *state;
	static const char cp[] = "name\nCaf\xe9 \x96 \x93q\x94\n";
	static const char utf8[] = "name\nCaf\xc3\xa9\n";

	assert_int_equal(csvin_read_mem("t", cp, sizeof(cp) - 1, on_row, c), 0);
	assert_int_equal(c->n, 2);
	/* e acute U+00E9, en dash U+2013, curly quotes U+201C and U+201D */
	assert_string_equal(c->r[1].f[0],
			    "Caf\xc3\xa9 \xe2\x80\x93 \xe2\x80\x9cq\xe2\x80\x9d");
	assert_int_equal(c->r[1].len[0], strlen(c->r[1].f[0]));
	collect_clear(c);
	assert_int_equal(csvin_read_mem("t", utf8, sizeof(utf8) - 1, on_row, c),
			 0);
	assert_string_equal(c->r[1].f[0], "Caf\xc3\xa9");
	collect_clear(c);
	/* 0x81 is undefined in Windows-1252 */
	assert_int_equal(csvin_read_mem("t", "a\nx\x81y\n", 7, on_row, c), -1);
	collect_clear(c);
	/* a control character in the first bytes: refused before any row */
	assert_int_equal(csvin_read_mem("t", "a\x01\nb\n", 5, on_row, c), -1);
	assert_int_equal(c->n, 0);
}

static void test_parse_double(void **state)
{
	static const struct {
		const char *s;
		double v;
	} good[] = {
		{ "12", 12 }, { " 12 ", 12 }, { "\t12\t", 12 },
		{ "1e3", 1000 }, { "-3.5", -3.5 }, { "+0.25", 0.25 },
		{ "0", 0 }, { "63.75", 63.75 }, { ".5", 0.5 },
		{ "83630", 83630 }, { "1E-2", 0.01 },
	};
	static const char *const bad[] = {
		"12a", "", " ", "\t", "nan", "NaN", "inf", "-inf", "Infinity",
		"1,234", "c", "x", "12 3", "1e999", "--1", "1.2.3", "12%",
		"0x10", "0X1A", "0x1p3",
	};
	double v;

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		v = -999;
		if (csvin_parse_double(good[i].s, &v) != 0) {
			print_error("'%s' rejected\n", good[i].s);
			fail();
		}
		/* each written value is the double strtod gives: a
		 * tolerance of one part in 1e15 is plenty */
		if (!(v - good[i].v <= 1e-15 * (good[i].v < 0 ? -good[i].v :
						good[i].v) &&
		      good[i].v - v <= 1e-15 * (good[i].v < 0 ? -good[i].v :
						good[i].v))) {
			print_error("'%s' read as %.17g\n", good[i].s, v);
			fail();
		}
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = -999;
		if (csvin_parse_double(bad[i], &v) != -1) {
			print_error("'%s' accepted as %.17g\n", bad[i], v);
			fail();
		}
		/* the output is left alone on failure */
		assert_true(v < -998.5 && v > -999.5);
	}
}

/* Plain decimals take a fast path: it must give strtod's double, bit
 * for bit, for any digits and point (a fixed pseudo-random sample, and
 * the edges: 15 digits, 22 places are past the fast path's reach). */
static void test_parse_double_exact(void **state)
{
	uint64_t x = 88172645463325252ULL;
	char s[40];
	int i;

	(void)state;
	for (i = 0; i < 200000; i++) {
		int ndig, point, k, n = 0;
		double a = 0, b;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		ndig = 1 + (int)(x % 17);
		point = (int)((x >> 8) % (uint64_t)(ndig + 2)) - 1;
		if ((x >> 16) & 1)
			s[n++] = '-';
		for (k = 0; k < ndig; k++) {
			if (k == point)
				s[n++] = '.';
			s[n++] = (char)('0' + (x >> (20 + 2 * (k % 20))) % 10);
		}
		s[n] = '\0';
		b = strtod(s, NULL);
		assert_int_equal(csvin_parse_double(s, &a), 0);
		if (memcmp(&a, &b, sizeof(a)) != 0) {
			print_error("'%s' read as %.17g, strtod %.17g\n", s, a,
				    b);
			fail();
		}
	}
}

static void test_symbol(void **state)
{
	static const char *const yes[] = {
		"c", "x", "z", "u", "low", "k", ":", "~", "-", "NULL", "..",
	};
	static const char *const no[] = {
		"cc", "12", "", " ", "lowest", "NULLx", "c x", "xc", "0",
		"null", "NUL", "--", "...", ".", "lo",
	};
	char sym[8];

	(void)state;
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		memset(sym, '#', sizeof(sym));
		if (csvin_symbol(yes[i], sym) != 1) {
			print_error("'%s' is not taken as a symbol\n", yes[i]);
			fail();
		}
		assert_string_equal(sym, yes[i]);
	}
	/* blanks around are allowed; the symbol is copied bare */
	assert_int_equal(csvin_symbol(" c ", sym), 1);
	assert_string_equal(sym, "c");
	assert_int_equal(csvin_symbol("low  ", sym), 1);
	assert_string_equal(sym, "low");
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (csvin_symbol(no[i], sym) != 0) {
			print_error("'%s' taken as a symbol\n", no[i]);
			fail();
		}
}

/* ------------------------------------------------------------------ */
/* Simple lines are cut by csvin itself, the others read by libcsv: the
 * two must not be told apart. Texts made of the pieces that matter to a
 * CSV reader, read both ways (JSNA_CSV_FAST=never sends every line
 * through libcsv), from memory and from a file through the reading
 * thread, must give the same rows, fields, lines and messages. */

struct trace {
	char *s;
	size_t len, alloc;
};

static void trace_add(struct trace *t, const void *p, size_t n)
{
	if (t->len + n + 1 > t->alloc) {
		t->alloc = (t->len + n + 1) * 2;
		t->s = realloc(t->s, t->alloc);
		assert_non_null(t->s);
	}
	memcpy(t->s + t->len, p, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static int on_trace(const struct csvin_record *rec, void *ctx)
{
	struct trace *t = ctx;
	char head[96];

	snprintf(head, sizeof(head), "row %lu line %lu, %zu fields:",
		 rec->recno, rec->line, rec->nfields);
	trace_add(t, head, strlen(head));
	for (size_t i = 0; i < rec->nfields; i++) {
		const struct csvin_field *f = &rec->fields[i];

		snprintf(head, sizeof(head), " [line %lu%s %zu]", f->line,
			 f->quoted_empty ? " quoted" : "", f->len);
		trace_add(t, head, strlen(head));
		assert_int_equal(f->ptr[f->len], '\0');
		trace_add(t, f->ptr, f->len);
	}
	trace_add(t, "\n", 1);
	return rec->recno == 40 ? -7 : 0;	/* a callback that stops */
}

/* What reading text gives, one way: its rows, return and messages (a
 * field may hold a NUL: the trace is compared by its length). */
static char *read_traced(const char *text, size_t len, const char *file,
			 int fast, size_t *out_len)
{
	struct trace t = { NULL, 0, 0 };
	char tail[48], *msg;
	int rc;

	if (fast)
		unsetenv("JSNA_CSV_FAST");
	else
		setenv("JSNA_CSV_FAST", "never", 1);
	capture_begin();
	if (file) {
		FILE *f = fopen(file, "wb");

		assert_non_null(f);
		assert_int_equal(fwrite(text, 1, len, f), len);
		assert_int_equal(fclose(f), 0);
		rc = csvin_read_named(file, "t.csv", on_trace, &t, NULL);
	} else {
		rc = csvin_read_mem("t.csv", text, len, on_trace, &t);
	}
	msg = capture_end();
	unsetenv("JSNA_CSV_FAST");
	snprintf(tail, sizeof(tail), "returned %d\n", rc);
	trace_add(&t, tail, strlen(tail));
	trace_add(&t, msg, strlen(msg));
	free(msg);
	*out_len = t.len;
	return t.s;
}

static void test_fast_lines_as_libcsv(void **state)
{
	static const char *const pieces[] = {
		"a", "17", "E06000050", "City of London 001A", ",", ",",
		",", "\n", "\n", "\r\n", "\r", "\"", "\"x,y\"", "\"\"", " ",
		"  ", "\t", "caf\xc3\xa9", "caf\xe9", "\xef\xbb\xbf", "-",
		"1,234", "\x81",
		"\x01", "\x7f",	/* binary: last, and rare */
	};
	const size_t npieces = sizeof(pieces) / sizeof(pieces[0]);
	char file[] = "/tmp/jsna-csvin-XXXXXX";
	uint32_t seed = 20261207u;
	char text[4096];
	int fd = mkstemp(file), texts, differ = 0, fast_rows = 0;

	/* Then texts where a quoted field spans lines that would be
	 * simple on their own, the first of them after a row that a
	 * carriage return ended inside a line. */
	static const char *const spans[] = {
		"a\r\"b\nc,d\n\"\ne,f\n",
		"x,\"multi\nline,two\",y\nz,w\n",
		"\"\nq,r\n\"\ns,t\n",
		"a,b\r\r\nc,d\n\"e\r\nf\",g\n",
		"  \n a,b\n\t\nc , d\n",
	};
	const int nspans = (int)(sizeof(spans) / sizeof(spans[0]));

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	for (texts = 0; texts < 3000 + nspans; texts++) {
		size_t len = 0, n, k, pick, alen, blen;
		char *a, *b;
		int way;

		if (texts >= 3000) {
			len = strlen(spans[texts - 3000]);
			memcpy(text, spans[texts - 3000], len);
			n = 0;
		}
		seed = seed * 1103515245u + 12345u;
		if (texts < 3000)
			n = (seed >> 16) % 160;
		for (k = 0; k < n; k++) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			/* Mostly text and commas: long simple runs; a
			 * binary byte in one text of a hundred or so. */
			pick = (seed >> 16) % 1000;
			p = pieces[pick < 700 ? (seed >> 8) % 7 :
				   pick < 999 ? (seed >> 8) % (npieces - 2) :
				   npieces - 2 + (seed >> 8) % 2];
			if (len + strlen(p) >= sizeof(text))
				break;
			memcpy(text + len, p, strlen(p));
			len += strlen(p);
		}
		for (way = 0; way < 2; way++) {
			const char *where = way ? file : NULL;

			if (way)
				setenv("JSNA_CSV_THREAD", "always", 1);
			a = read_traced(text, len, where, 1, &alen);
			b = read_traced(text, len, where, 0, &blen);
			unsetenv("JSNA_CSV_THREAD");
			if ((alen != blen || memcmp(a, b, alen) != 0) &&
			    differ++ < 3)
				print_error("text %d (%s) read differently:\n"
					    "cut here:\n%s\nby libcsv:\n%s\n",
					    texts, way ? "file" : "memory", a,
					    b);
			if (strstr(a, "row "))
				fast_rows++;
			free(a);
			free(b);
		}
	}
	unlink(file);
	assert_int_equal(differ, 0);
	assert_true(fast_rows > 1000);	/* texts with rows, not only errors */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_lf),
		T(test_no_final_newline),
		T(test_bom),
		T(test_crlf),
		T(test_quoted),
		T(test_embedded_newlines),
		T(test_empty_fields),
		T(test_blank_lines),
		T(test_errors),
		T(test_field_too_long),
		T(test_stop),
		T(test_find),
		cmocka_unit_test_setup_teardown(test_encoding, setup, teardown),
		cmocka_unit_test(test_parse_double),
		cmocka_unit_test(test_parse_double_exact),
		cmocka_unit_test(test_symbol),
		cmocka_unit_test(test_fast_lines_as_libcsv),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
