/* test_results.c - formatting values and reading comparisons back
 * (results.h), and the LAIT quartile bands (stats_trend.h).
 *
 * Formatted strings are worked out by hand: rounding half away from zero
 * on the decimal value (DfE's rule, METHODS.md), thousands separated by
 * commas. A small warehouse shows a yearly series read back with the
 * years missing inside it filled in, without values. Quartile cut points are R's quantile(x, type = 7), worked out
 * by hand: for 1..8 they are 2.75, 4.5 and 6.25; for 1..5, 2, 3 and 4.
 */
#define _XOPEN_SOURCE 700	/* mkdtemp, nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/stats_trend.h"
#include "jsna/results.h"
#include "jsna/stats.h"
#include "jsna/store.h"
#include "tmpdir.h"

static void check_fmt_at(double v, int dp, const char *want,
			 const char *file, int line)
{
	char out[64];
	char *r = results_format(v, dp, out, sizeof(out));

	if (r != out || strcmp(out, want) != 0) {
		print_error("results_format(%.17g, %d) = '%s', expected '%s'\n",
			    v, dp, out, want);
		_fail(file, line);
	}
}

#define check_fmt(v, dp, want) \
	check_fmt_at((v), (dp), (want), __FILE__, __LINE__)

static void test_format(void **state)
{
	volatile double num = 408.0;	/* computed at run time */

	(void)state;
	check_fmt(74.17, 0, "74");
	check_fmt(1234567.891, 1, "1,234,567.9");
	/* rounds to zero: +0, so no sign */
	check_fmt(-0.04, 1, "0.0");
	check_fmt(-0.004, 2, "0.00");
	/* DfE: 408 of 640 is 63.75 exactly, though the double is below */
	check_fmt(num / 640 * 100, 1, "63.8");
	check_fmt(NAN, 1, "");
	check_fmt(NAN, 0, "");
	/* half away from zero, both signs */
	check_fmt(2.5, 0, "3");
	check_fmt(-2.5, 0, "-3");
	check_fmt(0.125, 2, "0.13");
	check_fmt(-1234.56, 1, "-1,234.6");
	/* carrying into a new group */
	check_fmt(999.95, 1, "1,000.0");
	check_fmt(999999.5, 0, "1,000,000");
	/* separators at every size */
	check_fmt(0, 2, "0.00");
	check_fmt(7, 0, "7");
	check_fmt(100, 0, "100");
	check_fmt(1000, 0, "1,000");
	check_fmt(12345, 1, "12,345.0");
	check_fmt(123456, 0, "123,456");
	check_fmt(-123456, 0, "-123,456");
	check_fmt(12, 3, "12.000");
	check_fmt(93.56, 1, "93.6");
	check_fmt(83630, 0, "83,630");
}

/* Values whose last shown digit is far from the first: 10^dp |v| at or
 * above 5e8. */
static void test_format_large(void **state)
{
	(void)state;
	/* stats_round's tie tolerance is capped well below half a unit, so
	 * large values are not taken for ties. */
	check_fmt(1e15, 0, "1,000,000,000,000,000");
	check_fmt(2e9, 0, "2,000,000,000");
	check_fmt(1234567.891, 3, "1,234,567.891");
	check_fmt(12000000, 2, "12,000,000.00");
}

/* A short buffer: cut, but always a string. */
static void test_format_short(void **state)
{
	char out[8];

	(void)state;
	memset(out, '#', sizeof(out));
	results_format(1234567.891, 1, out, 5);
	assert_true(strlen(out) < 5);
	assert_memory_equal(out, "1,234,567.9", strlen(out));
	results_format(-5, 0, out, 2);
	assert_true(strlen(out) < 2);
	results_format(5, 0, out, 1);
	assert_string_equal(out, "");
}

static void test_cmp(void **state)
{
	(void)state;
	assert_int_equal(results_cmp("Similar"), CMP_SIMILAR);
	assert_int_equal(results_cmp("Better"), CMP_BETTER);
	assert_int_equal(results_cmp("Worse"), CMP_WORSE);
	assert_int_equal(results_cmp("Higher"), CMP_HIGHER);
	assert_int_equal(results_cmp("Lower"), CMP_LOWER);
	assert_int_equal(results_cmp(""), CMP_NOT_COMPARED);
	assert_int_equal(results_cmp("Not compared"), CMP_NOT_COMPARED);
	assert_int_equal(results_cmp("similar"), CMP_NOT_COMPARED);
	assert_int_equal(results_cmp("Better "), CMP_NOT_COMPARED);
	/* every label stats.c writes reads back as a comparison of the same
	 * sense */
	assert_int_equal(results_cmp(stats_cmp_label(CMP_SIMILAR)),
			 CMP_SIMILAR);
	assert_int_equal(results_cmp(stats_cmp_label(CMP_WORSE)), CMP_WORSE);
	assert_int_equal(results_cmp(stats_cmp_label(CMP_LOWER)), CMP_LOWER);
	assert_int_equal(results_cmp(stats_cmp_label(CMP_NOT_COMPARED)),
			 CMP_NOT_COMPARED);
	/* the directions calc writes where there is no interval */
	assert_int_equal(results_cmp("Higher, not tested"),
			 CMP_HIGHER_UNTESTED);
	assert_int_equal(results_cmp(stats_cmp_label(CMP_LOWER_UNTESTED)),
			 CMP_LOWER_UNTESTED);
	assert_int_equal(results_cmp(stats_cmp_label(CMP_SAME_UNTESTED)),
			 CMP_SAME_UNTESTED);
}

/* 2018/19 and 2021/22 in the warehouse: the two years between come back
 * as periods of their own, labelled, with no row and no value. */
static void test_missing_years(void **state)
{
	char dir[64] = "/tmp/jsna-test-results-XXXXXX", path[96];
	struct store *st = NULL;
	struct indicator_meta m;
	struct value_row v;
	struct config cfg;
	struct results r;
	char area[] = "E06000050", bench[] = "E92000001";
	static const char *const want[4] = { "2018/19", "2019/20", "2020/21",
					     "2021/22" };
	long long run;
	size_t i;
	int y;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/w.db", dir);
	assert_int_equal(store_open(path, &st), 0);
	assert_int_equal(store_run_begin(st, "calc", 0, &run), 0);
	memset(&m, 0, sizeof(m));
	m.id = "ks2_rwm";
	m.title = "Reading, writing and maths";
	m.domain = m.type = m.polarity = m.ci = m.unit = "";
	m.count_label = m.sex = m.age = m.source = m.definition = "";
	m.sha256 = "";
	m.target = NAN;
	assert_int_equal(store_put_indicator(st, run, &m), 0);
	for (y = 2018; y <= 2021; y += 3) {
		memset(&v, 0, sizeof(v));
		v.indicator = "ks2_rwm";
		v.area = "E06000050";
		assert_int_equal(period_parse(y == 2018 ? "201819" : "202122",
					      "Academic year", &v.period), 0);
		v.category_type = v.category = v.note = v.cmp_england = "";
		v.cmp_parent = v.trend = v.quartile = v.cmp_goal = "";
		v.new_data = "";
		v.value = y == 2018 ? 65.0 : 61.0;
		v.lower95 = v.upper95 = v.lower998 = v.upper998 = NAN;
		v.count = v.denominator = v.neighbour_avg = NAN;
		v.change_prev = v.change_base = NAN;
		assert_int_equal(store_put_value(st, run, &v), 0);
	}
	assert_int_equal(store_run_end(st, run, 0), 0);
	memset(&cfg, 0, sizeof(cfg));
	cfg.area_code = area;
	cfg.benchmarks[0] = bench;
	cfg.nbenchmarks = 1;
	assert_int_equal(results_load(st, &cfg, &r), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.ind[0].nperiods, 4);
	for (i = 0; i < 4; i++)
		assert_string_equal(r.ind[0].periods[i].label, want[i]);
	assert_true(r.ind[0].series[SERIES_AREA].pt[0].present);
	assert_false(r.ind[0].series[SERIES_AREA].pt[1].present);
	assert_true(isnan(r.ind[0].series[SERIES_AREA].pt[2].value));
	assert_true(fabs(r.ind[0].series[SERIES_AREA].pt[3].value - 61.0) <
		    1e-12);
	assert_int_equal(r.ind[0].latest, 3);
	results_release(&r);
	store_close(st);
	assert_int_equal(tmpdir_remove(dir), 0);
}

static const double one_to_eight[] = { 1, 2, 3, 4, 5, 6, 7, 8 };

/* The LAIT band stats_quartiles gives values[i] among values[0..n). */
static char band(const double *values, size_t n, size_t i,
		 enum stats_polarity p)
{
	char bands[16];

	assert_true(n <= sizeof(bands));
	assert_int_equal(stats_quartiles(values, n, p, bands, NULL), STATS_OK);
	return bands[i];
}

static void test_quartile_bands(void **state)
{
	/* cut points 2.75, 4.5, 6.25: {1,2} {3,4} {5,6} {7,8} */
	static const char high[8] = { 'D', 'D', 'C', 'C', 'B', 'B', 'A', 'A' };
	static const char low[8] = { 'A', 'A', 'B', 'B', 'C', 'C', 'D', 'D' };
	static const double with_nan[] = { 1, 2, NAN, 3, 4 };

	(void)state;
	for (size_t i = 0; i < 8; i++) {
		assert_int_equal(band(one_to_eight, 8, i, POLARITY_HIGH_GOOD),
				 high[i]);
		assert_int_equal(band(one_to_eight, 8, i, POLARITY_LOW_GOOD),
				 low[i]);
		assert_int_equal(band(one_to_eight, 8, i, POLARITY_NONE), 0);
		assert_int_equal(band(one_to_eight, 8, i,
				      POLARITY_NOT_APPLICABLE), 0);
	}
	/* A missing value has no band and takes no part in the cuts. */
	assert_int_equal(band(with_nan, 5, 2, POLARITY_LOW_GOOD), 0);
	assert_int_equal(band(with_nan, 5, 0, POLARITY_LOW_GOOD), 'A');
	assert_int_equal(band(with_nan, 5, 4, POLARITY_LOW_GOOD), 'D');
}

/* A value equal to a cut point is in the band below it. */
static void test_quartile_cut_points(void **state)
{
	static const double five[] = { 1, 2, 3, 4, 5 };	/* cuts 2, 3, 4 */

	(void)state;
	assert_int_equal(band(five, 5, 0, POLARITY_LOW_GOOD), 'A');
	assert_int_equal(band(five, 5, 1, POLARITY_LOW_GOOD), 'A');
	assert_int_equal(band(five, 5, 2, POLARITY_LOW_GOOD), 'B');
	assert_int_equal(band(five, 5, 3, POLARITY_LOW_GOOD), 'C');
	assert_int_equal(band(five, 5, 4, POLARITY_LOW_GOOD), 'D');
	assert_int_equal(band(five, 5, 1, POLARITY_HIGH_GOOD), 'D');
	assert_int_equal(band(five, 5, 3, POLARITY_HIGH_GOOD), 'B');
}

static void test_quartile_few(void **state)
{
	/* 1..4: cuts 1.75, 2.5, 3.25 */
	static const double four[] = { 1, 2, 3, 4 };
	/* ties: every cut is 10 */
	static const double tied[] = { 10, 10, 10, 10, 20 };

	(void)state;
	assert_int_equal(band(four, 3, 0, POLARITY_HIGH_GOOD), 0);
	assert_int_equal(band(four, 1, 0, POLARITY_LOW_GOOD), 0);
	assert_int_equal(band(four, 4, 0, POLARITY_LOW_GOOD), 'A');
	assert_int_equal(band(four, 4, 1, POLARITY_LOW_GOOD), 'B');
	assert_int_equal(band(four, 4, 2, POLARITY_LOW_GOOD), 'C');
	assert_int_equal(band(four, 4, 3, POLARITY_LOW_GOOD), 'D');
	assert_int_equal(band(tied, 5, 0, POLARITY_LOW_GOOD), 'A');
	assert_int_equal(band(tied, 5, 4, POLARITY_LOW_GOOD), 'D');
	assert_int_equal(band(tied, 5, 4, POLARITY_HIGH_GOOD), 'A');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_large),
		cmocka_unit_test(test_format_short),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_missing_years),
		cmocka_unit_test(test_quartile_bands),
		cmocka_unit_test(test_quartile_cut_points),
		cmocka_unit_test(test_quartile_few),
	};

	stats_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
