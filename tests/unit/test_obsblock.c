/* test_obsblock.c - the packing of observation blocks (obsblock.h).
 *
 * Rows go in and must come out exactly as they went in, bit for bit for
 * values (-0, fractions, the largest whole numbers, NaN), in order; the
 * sizes of typical blocks are checked against what the format promises;
 * and damaged bytes are refused, never read past.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/obsblock.h"

struct got {
	struct obsblock_row *r;
	size_t n, cap;
};

static int collect(const struct obsblock_row *r, void *ctx)
{
	struct got *g = ctx;

	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->r = realloc(g->r, g->cap * sizeof(*g->r));
		assert_non_null(g->r);
	}
	g->r[g->n++] = *r;
	return 0;
}

static void same_value(double a, double b)
{
	uint64_t ua, ub;

	if (isnan(a)) {
		assert_true(isnan(b));
		return;
	}
	memcpy(&ua, &a, sizeof(ua));
	memcpy(&ub, &b, sizeof(ub));
	assert_true(ua == ub);
}

/* Encodes rows, decodes the block and compares. Returns its size. */
static size_t round_trip(const struct obsblock_row *rows, size_t n)
{
	struct obsblock_enc e;
	struct buf blob = BUF_INIT;
	struct got g = { NULL, 0, 0 };
	size_t i, size;

	obsblock_init(&e);
	for (i = 0; i < n; i++)
		obsblock_add(&e, &rows[i]);
	obsblock_finish(&e, &blob);
	assert_int_equal(e.nrows, 0);	/* empty again */
	assert_int_equal(obsblock_decode(blob.buf, blob.len, collect, &g), 0);
	assert_int_equal(g.n, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(g.r[i].area, rows[i].area);
		assert_int_equal(g.r[i].kind, rows[i].kind);
		assert_int_equal(g.r[i].year, rows[i].year);
		assert_int_equal(g.r[i].month, rows[i].month);
		same_value(g.r[i].value, rows[i].value);
		assert_int_equal(g.r[i].symbol, rows[i].symbol);
		assert_int_equal(g.r[i].note, rows[i].note);
	}
	size = blob.len;
	free(g.r);
	buf_release(&blob);
	obsblock_release(&e);
	return size;
}

static struct obsblock_row row(uint32_t area, enum period_kind kind,
			       int year, int month, double value)
{
	struct obsblock_row r;

	memset(&r, 0, sizeof(r));
	r.area = area;
	r.kind = kind;
	r.year = year;
	r.month = month;
	r.value = value;
	return r;
}

static void test_values(void **state)
{
	struct obsblock_row rows[] = {
		row(7, PERIOD_CALENDAR, 2023, 0, 584),
		row(7, PERIOD_CALENDAR, 2023, 0, -0.0),
		row(8, PERIOD_CALENDAR, 2023, 0, 0),
		row(9, PERIOD_CALENDAR, 2023, 0, -17),
		row(10, PERIOD_CALENDAR, 2023, 0, 74.17377000149544),
		row(2, PERIOD_ACADEMIC, 2017, 0, 9007199254740991.0),
		row(3, PERIOD_ACADEMIC, 2017, 0, -9007199254740991.0),
		row(4, PERIOD_ACADEMIC, 2017, 0, 9007199254740992.0),
		row(5, PERIOD_QUARTER, 2018, 4, 1e300),
		row(6, PERIOD_MONTH, 2024, 12, 0.1),
		row(6, PERIOD_MONTH, 1999, 1, NAN),
		row(40000, PERIOD_REPORTING, 2025, 0, 3.5),
		row(1, PERIOD_FINANCIAL, 2023, 0, -1e-300),
	};
	size_t n = sizeof(rows) / sizeof(rows[0]);

	(void)state;
	rows[10].symbol = 3;		/* "c" */
	rows[11].note = 123456;
	rows[11].symbol = 1;
	round_trip(rows, n);
	round_trip(rows, 1);
}

/* A population table's cells: the next area each row, one period, small
 * whole numbers: a byte a row and a few for the block. */
static void test_population_size(void **state)
{
	struct obsblock_row *rows = calloc(30000, sizeof(*rows));
	size_t i, size;

	(void)state;
	assert_non_null(rows);
	for (i = 0; i < 30000; i++)
		rows[i] = row((uint32_t)(1000 + i), PERIOD_CALENDAR, 2022, 0,
			      (double)(i % 97));
	size = round_trip(rows, 30000);
	assert_true(size < 30000 + 30000 / 2 + 32);
	free(rows);
}

/* Whole numbers through obsblock_add_whole, mixed with other rows, read
 * back as the same rows (the fast path and the general one agree). */
static void test_whole(void **state)
{
	struct obsblock_enc e;
	struct buf blob = BUF_INIT;
	struct got g = { NULL, 0, 0 };
	struct obsblock_row odd = row(3, PERIOD_ACADEMIC, 2017, 0, 2.5);
	size_t i;

	(void)state;
	obsblock_init(&e);
	for (i = 0; i < 1000; i++) {
		if (i == 500)
			obsblock_add(&e, &odd);
		obsblock_add_whole(&e, (uint32_t)(10 + i), PERIOD_CALENDAR,
				   i < 700 ? 2022 : 2023, 0,
				   (uint32_t)(i * 37 % 5000));
	}
	obsblock_add_whole(&e, 7, PERIOD_MONTH, 2024, 12, 4000000000U);
	obsblock_finish(&e, &blob);
	assert_int_equal(obsblock_decode(blob.buf, blob.len, collect, &g), 0);
	assert_int_equal(g.n, 1002);
	for (i = 0; i < 1000; i++) {
		const struct obsblock_row *r = &g.r[i < 500 ? i : i + 1];

		assert_int_equal(r->area, 10 + i);
		assert_int_equal(r->year, i < 700 ? 2022 : 2023);
		assert_int_equal(r->kind, PERIOD_CALENDAR);
		same_value(r->value, (double)(i * 37 % 5000));
		assert_int_equal(r->symbol, 0);
	}
	assert_int_equal(g.r[500].area, 3);
	same_value(g.r[500].value, 2.5);
	assert_int_equal(g.r[1001].kind, PERIOD_MONTH);
	assert_int_equal(g.r[1001].month, 12);
	same_value(g.r[1001].value, 4000000000.0);
	free(g.r);
	buf_release(&blob);
	obsblock_release(&e);
}

static void test_empty(void **state)
{
	struct obsblock_enc e;
	struct buf blob = BUF_INIT;
	struct got g = { NULL, 0, 0 };

	(void)state;
	obsblock_init(&e);
	obsblock_finish(&e, &blob);
	assert_int_equal(obsblock_decode(blob.buf, blob.len, collect, &g), 0);
	assert_int_equal(g.n, 0);
	buf_release(&blob);
	obsblock_release(&e);
}

static int stop_at_two(const struct obsblock_row *r, void *ctx)
{
	int *n = ctx;

	(void)r;
	return ++*n == 2 ? -1 : 0;
}

/* Every cut of a good block, and every byte changed, is either refused
 * (-2) or read within its bounds (ASan and valgrind watch the reads). */
static void test_damaged(void **state)
{
	struct obsblock_row rows[40];
	struct obsblock_enc e;
	struct buf blob = BUF_INIT;
	size_t i, cut;
	int n;

	(void)state;
	for (i = 0; i < 40; i++) {
		rows[i] = row((uint32_t)(i % 9 ? i + 1 : 3 * i), PERIOD_CALENDAR,
			      2000 + (int)(i / 10), 0,
			      i % 3 ? (double)i : i + 0.5);
		rows[i].symbol = i % 11 == 0 ? 2 : 0;
	}
	obsblock_init(&e);
	for (i = 0; i < 40; i++)
		obsblock_add(&e, &rows[i]);
	obsblock_finish(&e, &blob);
	for (cut = 0; cut < blob.len; cut++) {
		struct got g = { NULL, 0, 0 };

		assert_int_equal(obsblock_decode(blob.buf, cut, collect, &g),
				 -2);
		free(g.r);
	}
	for (i = 0; i < blob.len; i++) {
		struct got g = { NULL, 0, 0 };
		char *copy = malloc(blob.len);
		int rc;

		assert_non_null(copy);
		memcpy(copy, blob.buf, blob.len);
		copy[i] ^= 0x5a;
		rc = obsblock_decode(copy, blob.len, collect, &g);
		assert_true(rc == 0 || rc == -2);
		free(g.r);
		free(copy);
	}
	/* a callback's negative value stops the reading */
	n = 0;
	assert_int_equal(obsblock_decode(blob.buf, blob.len, stop_at_two, &n),
			 -1);
	assert_int_equal(n, 2);
	/* not a block at all */
	assert_int_equal(obsblock_decode("\x02\x01\x01", 3, stop_at_two, &n),
			 -2);
	buf_release(&blob);
	obsblock_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_population_size),
		cmocka_unit_test(test_whole),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_damaged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
