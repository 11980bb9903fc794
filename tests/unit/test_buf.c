/* test_buf.c - the growable buffer (buf.h).
 *
 * Each test gets a fresh BUF_INIT buffer from setup; teardown releases it
 * and checks it is back in its initial state (git's u-strbuf.c). Expected
 * strings are written out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"

/* The buffer is empty and owns nothing. */
static void assert_initial(const struct buf *b)
{
	assert_int_equal(b->len, 0);
	assert_int_equal(b->alloc, 0);
	assert_ptr_equal(b->buf, buf_empty);
	assert_string_equal(b->buf, "");
}

static int setup(void **state)
{
	struct buf *b = malloc(sizeof(*b));
	struct buf init = BUF_INIT;

	if (!b)
		return -1;
	*b = init;
	*state = b;
	return 0;
}

static int teardown(void **state)
{
	struct buf *b = *state;

	buf_release(b);
	assert_initial(b);
	free(b);
	return 0;
}

static void test_init(void **state)
{
	struct buf *b = *state;
	struct buf h;

	assert_initial(b);
	buf_init(&h, 0);
	assert_initial(&h);
	buf_init(&h, 100);
	assert_true(h.alloc >= 101);
	assert_int_equal(h.len, 0);
	assert_string_equal(h.buf, "");
	buf_release(&h);
	assert_initial(&h);
	/* releasing twice is harmless */
	buf_release(&h);
	assert_initial(&h);
}

static void test_add_grows(void **state)
{
	struct buf *b = *state;
	char want[301];
	size_t i;

	/* 300 bytes added 7 at a time: many reallocations past 64 bytes */
	for (i = 0; i < 300; i++)
		want[i] = (char)('a' + i % 26);
	want[300] = '\0';
	for (i = 0; i < 300; i += 7)
		buf_add(b, want + i, i + 7 <= 300 ? 7 : 300 - i);
	assert_int_equal(b->len, 300);
	assert_true(b->alloc > 300);
	assert_string_equal(b->buf, want);
	assert_int_equal(strlen(b->buf), 300);
}

static void test_add_binary(void **state)
{
	struct buf *b = *state;

	buf_add(b, "a\0b", 3);
	assert_int_equal(b->len, 3);
	assert_memory_equal(b->buf, "a\0b", 4);	/* and the NUL after */
	buf_add(b, "", 0);
	assert_int_equal(b->len, 3);
}

static void test_adds_addch(void **state)
{
	struct buf *b = *state;

	buf_adds(b, "E06");
	buf_addch(b, '0');
	buf_adds(b, "");
	buf_adds(b, "00050");
	assert_string_equal(b->buf, "E06000050");
	assert_int_equal(b->len, 9);
	for (int i = 0; i < 100; i++)
		buf_addch(b, 'x');
	assert_int_equal(b->len, 109);
	assert_int_equal(b->buf[108], 'x');
	assert_int_equal(b->buf[109], '\0');
}

static void test_addf(void **state)
{
	struct buf *b = *state;
	char longs[201];

	buf_addf(b, "%d children", 584);
	assert_string_equal(b->buf, "584 children");
	buf_addf(b, " in %s", "care");
	assert_string_equal(b->buf, "584 children in care");
	assert_int_equal(b->len, strlen("584 children in care"));

	/* longer than the 64 bytes tried first: the second vsnprintf */
	memset(longs, 'y', 200);
	longs[200] = '\0';
	buf_reset(b);
	buf_addf(b, "<%s|%05d>", longs, 42);
	assert_int_equal(b->len, 1 + 200 + 1 + 5 + 1);
	assert_int_equal(b->buf[0], '<');
	assert_memory_equal(b->buf + 1, longs, 200);
	assert_string_equal(b->buf + 201, "|00042>");

	/* an empty format */
	buf_reset(b);
	buf_addf(b, "%s", "");
	assert_int_equal(b->len, 0);
	assert_string_equal(b->buf, "");
}

/* Every length around the 64 bytes tried first, from empty and after
 * some text, so that one of them fills the free space exactly. */
static void test_addf_lengths(void **state)
{
	struct buf *b = *state;
	static const char *const prefix[] = { "", "ab", "abcdefghij" };
	char s[161];

	memset(s, 'z', 160);
	s[160] = '\0';
	for (size_t k = 0; k < 3; k++) {
		size_t plen = strlen(prefix[k]);

		for (int n = 0; n <= 160; n++) {
			buf_release(b);
			buf_adds(b, prefix[k]);
			buf_addf(b, "%.*s", n, s);
			assert_int_equal(b->len, plen + (size_t)n);
			assert_int_equal(strlen(b->buf), b->len);
			assert_memory_equal(b->buf, prefix[k], plen);
			assert_int_equal(strspn(b->buf + plen, "z"),
					 (size_t)n);
		}
	}
}

/* addf after text already there, with the result crossing the 64-byte
 * boundary of the first attempt. */
static void test_addf_append_boundary(void **state)
{
	struct buf *b = *state;
	char want[200];
	int i;

	for (i = 0; i < 20; i++)
		buf_addf(b, "%02d,", i);
	want[0] = '\0';
	for (i = 0; i < 20; i++) {
		char item[4] = { (char)('0' + i / 10), (char)('0' + i % 10),
				 ',', '\0' };

		strcat(want, item);
	}
	assert_string_equal(b->buf, want);
	assert_int_equal(b->len, 60);
}

static void test_detach(void **state)
{
	struct buf *b = *state;
	size_t len = 99;
	char *s;

	buf_adds(b, "Cheshire West and Chester");
	s = buf_detach(b, &len);
	assert_initial(b);		/* the buffer gave its storage away */
	assert_string_equal(s, "Cheshire West and Chester");
	assert_int_equal(len, 25);
	free(s);			/* ours now: LSan/valgrind check it */

	/* an empty buffer still gives a string we may free */
	s = buf_detach(b, &len);
	assert_non_null(s);
	assert_ptr_not_equal(s, buf_empty);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	assert_initial(b);

	/* len may be NULL; the buffer can be used again */
	buf_adds(b, "x");
	s = buf_detach(b, NULL);
	assert_string_equal(s, "x");
	free(s);
	buf_adds(b, "again");
	assert_string_equal(b->buf, "again");
}

static void test_reset(void **state)
{
	struct buf *b = *state;
	size_t alloc;
	char *storage;

	buf_reset(b);			/* on a never-allocated buffer */
	assert_initial(b);
	buf_adds(b, "some text that is here");
	alloc = b->alloc;
	storage = b->buf;
	buf_reset(b);
	assert_int_equal(b->len, 0);
	assert_string_equal(b->buf, "");
	assert_int_equal(b->alloc, alloc);	/* storage kept */
	assert_ptr_equal(b->buf, storage);
	buf_adds(b, "new");
	assert_string_equal(b->buf, "new");
}

static void test_setlen(void **state)
{
	struct buf *b = *state;

	buf_adds(b, "2017/18");
	buf_setlen(b, 4);
	assert_int_equal(b->len, 4);
	assert_string_equal(b->buf, "2017");
}

static void test_add_html(void **state)
{
	struct buf *b = *state;

	buf_add_html(b, "<a href=\"x\">Tom & Jerry's</a>");
	assert_string_equal(b->buf, "&lt;a href=&quot;x&quot;&gt;Tom &amp; "
			    "Jerry&#39;s&lt;/a&gt;");
	buf_reset(b);
	buf_add_html(b, "plain text, 10% & more");
	assert_string_equal(b->buf, "plain text, 10% &amp; more");
	buf_reset(b);
	buf_add_html(b, "");
	assert_string_equal(b->buf, "");
	buf_reset(b);
	/* an entity is escaped again: the input is text, not HTML */
	buf_add_html(b, "&amp;");
	assert_string_equal(b->buf, "&amp;amp;");
	/* UTF-8 passes through */
	buf_reset(b);
	buf_add_html(b, "\xc2\xa3" "5 <\xe2\x80\x93>");
	assert_string_equal(b->buf, "\xc2\xa3" "5 &lt;\xe2\x80\x93&gt;");
}

static void test_add_csv(void **state)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "plain", "plain" },
		{ "", "" },
		{ "with space", "with space" },
		{ "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "\"", "\"\"\"\"" },
		{ "line\rfeed", "\"line\rfeed\"" },
		{ "two\nlines", "\"two\nlines\"" },
		{ "crlf\r\n", "\"crlf\r\n\"" },
		{ "per 10,000 \"children\"",
		  "\"per 10,000 \"\"children\"\"\"" },
		{ "semi;colon\ttab", "semi;colon\ttab" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct buf *b = *state;

		buf_reset(b);
		buf_add_csv(b, t[i].in);
		assert_string_equal(b->buf, t[i].out);
	}
}

/* Fields written one after another make a row. */
static void test_add_csv_row(void **state)
{
	struct buf *b = *state;

	buf_add_csv(b, "E06000050");
	buf_addch(b, ',');
	buf_add_csv(b, "Cheshire West, and Chester");
	buf_addch(b, ',');
	buf_add_csv(b, "");
	buf_addch(b, '\n');
	assert_string_equal(b->buf,
			    "E06000050,\"Cheshire West, and Chester\",\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_grows, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_add_binary, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_adds_addch, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_addf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_addf_lengths, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_addf_append_boundary,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_detach, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_setlen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_html, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_add_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_csv_row, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
