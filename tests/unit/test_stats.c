/* test_stats.c - known-answer tests for stats.c (../shared/METHODS.md).
 *
 * Every expected value comes from outside stats.c:
 *  - the PHEindicatormethods expected-value tables, read at run time from
 *    ../shared/reference/pheindicatormethods/ (the tests run from the
 *    project root; JSNA_PIM_REFDIR overrides the folder). When the folder
 *    is absent those tests are skipped, with a message;
 *  - values typed in from METHODS.md (z, the exact Poisson table,
 *    Newcombe 1998 Table II) and edge cases stated there.
 * Doubles are never compared with ==: assert_close() checks a relative
 * error (absolute when the expected value is 0).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jsna/stats.h"

#define REF_TOL 1e-9		/* the reference tables (METHODS.md 11) */
#define TIGHT_TOL 1e-15		/* exact decimal results, e.g. rounding */
#define TABLE_TOL 5e-15		/* METHODS.md 3 table, printed to 17 digits */

#define Z95 1.959963984540054	/* METHODS.md 1 */
#define Z998 3.090232306167813

/* ------------------------------------------------------------------ */
/* Comparing doubles */

#include "assertnum.h"

static void assert_ci_nan(const struct stats_ci *ci)
{
	assert_true(isnan(ci->value));
	assert_true(isnan(ci->lower));
	assert_true(isnan(ci->upper));
}

/* ------------------------------------------------------------------ */
/* Reference files: largest error and number of assertions per file */

struct ref_file {
	const char *name;
	double max_rel;
	unsigned long nassert;
};

static struct ref_file ref_files[] = {
	{ "proportion_expected.csv", 0, 0 },
	{ "proportion_grouped_expected.csv", 0, 0 },
	{ "ncmp_prevalence_by_decile.csv", 0, 0 },
	{ "byars_wilson_expected.csv", 0, 0 },
	{ "rate_expected.csv", 0, 0 },
	{ "rate_grouped_expected.csv", 0, 0 },
	{ "isr_expected.csv", 0, 0 },
	{ "mean_expected.csv", 0, 0 },
};


/* One comparison against a value in a reference row. */
static void assert_ref_at(struct ref_file *rf, double got, double want,
			  double tol, const char *what, unsigned long line,
			  const char *file, int srcline)
{
	double e = rel_err(got, want);

	rf->nassert++;
	if (e > rf->max_rel && isfinite(e))
		rf->max_rel = e;
	if (!(e <= tol)) {
		print_error("%s line %lu: %s = %.17g, expected %.17g "
			    "(relative error %.3g > %.3g)\n", rf->name, line,
			    what, got, want, e, tol);
		_fail(file, srcline);
	}
}

#define assert_ref(rf, got, want, line) \
	assert_ref_at((rf), (got), (want), REF_TOL, #want, (line), \
		      __FILE__, __LINE__)

/* ------------------------------------------------------------------ */
/* A tiny CSV reader: one record a line, fields split on commas, double
 * quotes around a field allowed ("" inside is a quote). Enough for the
 * reference tables, which have no embedded newlines. */

#include "refcsv.h"

/* A number; an empty field is NA, read as NaN. A trailing '%' is
 * allowed when pct is set. */
static double csv_num_pct(const struct csv *c, int col, int pct)
{
	const char *s = c->field[col];
	char *end;
	double v;

	if (*s == '\0' || strcmp(s, "NA") == 0)
		return NAN;
	v = strtod(s, &end);
	if (pct && *end == '%')
		end++;
	if (end == s || *end != '\0') {
		print_error("%s:%lu: '%s' is not a number\n", c->path,
			    c->lineno, s);
		fail();
	}
	return v;
}

static double csv_num(const struct csv *c, int col)
{
	return csv_num_pct(c, col, 0);
}

/* ------------------------------------------------------------------ */
/* stats_confidence and stats_z */

/* The chi-squared quantiles stay right where GSL's own inverse fails to
 * converge (about 1e5 degrees of freedom and more): for O = 50,625 the
 * exact 95% limits on a Poisson count agree with the Wilson-Hilferty
 * cube-root approximation behind Byar's method to about 1e-6. */
static void test_qchisq_large(void **state)
{
	const double z = 1.959963984540054, o = 50625;
	double wh_lo = o * pow(1 - 1 / (9 * o) - z / (3 * sqrt(o)), 3);
	double wh_hi = (o + 1) * pow(1 - 1 / (9 * (o + 1)) +
				     z / (3 * sqrt(o + 1)), 3);
	double lo = stats_qchisq(0.025, 2 * o) / 2;
	double hi = stats_qchisq_upper(0.025, 2 * (o + 1)) / 2;

	(void)state;
	assert_true(rel_err(lo, wh_lo) < 1e-6);
	assert_true(rel_err(hi, wh_hi) < 1e-6);
	assert_true(rel_err(stats_pchisq(2 * lo, 2 * o), 0.025) < 1e-9);
	assert_true(rel_err(stats_qchisq(0.5, 1e6), 1e6 - 2.0 / 3) < 1e-6);
}

static void test_confidence(void **state)
{
	static const double bad[] = { 0.89, 1.01, 1.5, 50, 89.9, 100.1,
				      0, -0.95, -95, 1000 };

	(void)state;
	assert_close(stats_confidence(0.95), 0.95, TIGHT_TOL);
	assert_close(stats_confidence(95), 0.95, TIGHT_TOL);
	assert_close(stats_confidence(99.8), 0.998, TIGHT_TOL);
	assert_close(stats_confidence(0.998), 0.998, TIGHT_TOL);
	assert_close(stats_confidence(90), 0.9, TIGHT_TOL);
	assert_close(stats_confidence(0.9), 0.9, TIGHT_TOL);
	assert_close(stats_confidence(100), 1.0, TIGHT_TOL);
	assert_close(stats_confidence(1), 1.0, TIGHT_TOL);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_true(isnan(stats_confidence(bad[i])));
	assert_true(isnan(stats_confidence(NAN)));
	assert_true(isnan(stats_confidence(INFINITY)));
}

static void test_z(void **state)
{
	(void)state;
	/* METHODS.md 1: qnorm(0.975) and qnorm(0.999) */
	assert_close(stats_z(0.95), Z95, TIGHT_TOL);
	assert_close(stats_z(95), Z95, TIGHT_TOL);
	assert_close(stats_z(0.998), Z998, TIGHT_TOL);
	assert_close(stats_z(99.8), Z998, TIGHT_TOL);
	/* standard normal tables: qnorm(0.95), qnorm(0.995) */
	assert_close(stats_z(0.90), 1.6448536269514722, 1e-15);
	assert_close(stats_z(0.99), 2.5758293035489004, 1e-15);
	assert_true(isinf(stats_z(1)) && stats_z(1) > 0);
	assert_true(isnan(stats_z(0.5)));
	assert_true(isnan(stats_z(NAN)));
}

/* ------------------------------------------------------------------ */
/* Reference tables */

static void test_proportion_reference(void **state)
{
	struct ref_file *rf = &ref_files[0];
	struct csv c;
	struct stats_ci ci;
	int cx, cn, cv, cl95, cu95, cl998, cu998, cm;
	unsigned long rows = 0;

	(void)state;
	REQUIRE_REFDIR();
	csv_open(&c, rf->name);
	cx = csv_col(&c, "Numerator");
	cn = csv_col(&c, "Denominator");
	cv = csv_col(&c, "value");
	cl95 = csv_col(&c, "lower95_0cl");
	cu95 = csv_col(&c, "upper95_0cl");
	cl998 = csv_col(&c, "lower99_8cl");
	cu998 = csv_col(&c, "upper99_8cl");
	cm = csv_col(&c, "multiplier");
	while (csv_next(&c)) {
		double x = csv_num(&c, cx), n = csv_num(&c, cn);
		double m = csv_num(&c, cm);
		int want = isnan(x) || isnan(n) ? STATS_MISSING : STATS_OK;

		rows++;
		assert_int_equal(stats_proportion(x, n, m, 0.95, &ci), want);
		assert_ref(rf, ci.value, csv_num(&c, cv), c.lineno);
		assert_ref(rf, ci.lower, csv_num(&c, cl95), c.lineno);
		assert_ref(rf, ci.upper, csv_num(&c, cu95), c.lineno);
		assert_int_equal(stats_proportion(x, n, m, 0.998, &ci), want);
		assert_ref(rf, ci.value, csv_num(&c, cv), c.lineno);
		assert_ref(rf, ci.lower, csv_num(&c, cl998), c.lineno);
		assert_ref(rf, ci.upper, csv_num(&c, cu998), c.lineno);
	}
	csv_close(&c);
	assert_int_equal(rows, 19);
}

static void test_proportion_grouped_reference(void **state)
{
	struct ref_file *rf = &ref_files[1];
	struct csv c;
	struct stats_ci ci;
	int cx, cn, cv, cl, cu, cc, cm;
	unsigned long rows = 0;

	(void)state;
	REQUIRE_REFDIR();
	csv_open(&c, rf->name);
	cx = csv_col(&c, "Numerator");
	cn = csv_col(&c, "Denominator");
	cv = csv_col(&c, "value");
	cl = csv_col(&c, "lowercl");
	cu = csv_col(&c, "uppercl");
	cc = csv_col(&c, "confidence");
	cm = csv_col(&c, "multiplier");
	while (csv_next(&c)) {
		double x = csv_num(&c, cx), n = csv_num(&c, cn);
		int want = isnan(x) || isnan(n) ? STATS_MISSING : STATS_OK;

		rows++;
		/* "95%" is passed as 95: the 90..100 form */
		assert_int_equal(stats_proportion(x, n, csv_num(&c, cm),
						  csv_num_pct(&c, cc, 1), &ci),
				 want);
		assert_ref(rf, ci.value, csv_num(&c, cv), c.lineno);
		assert_ref(rf, ci.lower, csv_num(&c, cl), c.lineno);
		assert_ref(rf, ci.upper, csv_num(&c, cu), c.lineno);
	}
	csv_close(&c);
	assert_int_equal(rows, 11);
}

/* NCMP prevalence: LCL and UCL are Wilson 95% limits x 100. */
static void test_ncmp_wilson_reference(void **state)
{
	struct ref_file *rf = &ref_files[2];
	struct csv c;
	struct stats_ci ci;
	int cn, cx, cr, cl, cu;
	unsigned long rows = 0;

	(void)state;
	REQUIRE_REFDIR();
	csv_open(&c, rf->name);
	cn = csv_col(&c, "Measured");
	cx = csv_col(&c, "Count");
	cr = csv_col(&c, "Rate");
	cl = csv_col(&c, "LCL");
	cu = csv_col(&c, "UCL");
	while (csv_next(&c)) {
		rows++;
		assert_int_equal(stats_proportion(csv_num(&c, cx),
						  csv_num(&c, cn), 100, 0.95,
						  &ci),
				 STATS_OK);
		assert_ref(rf, ci.value, csv_num(&c, cr), c.lineno);
		assert_ref(rf, ci.lower, csv_num(&c, cl), c.lineno);
		assert_ref(rf, ci.upper, csv_num(&c, cu), c.lineno);
	}
	csv_close(&c);
	assert_int_equal(rows, 240);
}

/* The helpers: Byar's on a count (any size) and Wilson on 0..1. */
static void test_byars_wilson_reference(void **state)
{
	struct ref_file *rf = &ref_files[3];
	struct csv c;
	struct stats_ci ci;
	int cx, cn, cl, cu, cc, cmeth;
	unsigned long rows = 0;

	(void)state;
	REQUIRE_REFDIR();
	csv_open(&c, rf->name);
	cx = csv_col(&c, "x");
	cn = csv_col(&c, "n");
	cl = csv_col(&c, "lowercl");
	cu = csv_col(&c, "uppercl");
	cc = csv_col(&c, "confidence");
	cmeth = csv_col(&c, "method");
	while (csv_next(&c)) {
		double x = csv_num(&c, cx);
		double conf = csv_num_pct(&c, cc, 1);
		double lo, hi;

		rows++;
		if (strcmp(csv_str(&c, cmeth), "Byars") == 0) {
			assert_int_equal(stats_byars_limits(x, conf, &lo, &hi),
					 STATS_OK);
			assert_ref(rf, lo, csv_num(&c, cl), c.lineno);
			assert_ref(rf, hi, csv_num(&c, cu), c.lineno);
			if (x < 10)
				continue;
			/* from 10 the rate limits are Byar's too */
			assert_int_equal(stats_poisson_limits(x, conf, &lo,
							      &hi),
					 STATS_OK);
			assert_ref(rf, lo, csv_num(&c, cl), c.lineno);
			assert_ref(rf, hi, csv_num(&c, cu), c.lineno);
		} else {
			assert_string_equal(csv_str(&c, cmeth), "Wilson");
			assert_int_equal(stats_proportion(x, csv_num(&c, cn),
							  1, conf, &ci),
					 STATS_OK);
			assert_ref(rf, ci.lower, csv_num(&c, cl), c.lineno);
			assert_ref(rf, ci.upper, csv_num(&c, cu), c.lineno);
		}
	}
	csv_close(&c);
	assert_int_equal(rows, 13);
}

static void check_rate_file(struct ref_file *rf, int two_levels,
			    unsigned long nrows)
{
	struct csv c;
	struct stats_ci ci;
	int cx, cn, cv, cl95, cu95, cl998 = -1, cu998 = -1, cm, cmeth;
	unsigned long rows = 0;

	csv_open(&c, rf->name);
	cx = csv_col(&c, "Numerator");
	cn = csv_col(&c, "Denominator");
	cv = csv_col(&c, "value");
	cl95 = csv_col(&c, two_levels ? "lower95_0cl" : "lowercl");
	cu95 = csv_col(&c, two_levels ? "upper95_0cl" : "uppercl");
	if (two_levels) {
		cl998 = csv_col(&c, "lower99_8cl");
		cu998 = csv_col(&c, "upper99_8cl");
	}
	cm = csv_col(&c, "multiplier");
	cmeth = csv_col(&c, "method");
	while (csv_next(&c)) {
		double x = csv_num(&c, cx), n = csv_num(&c, cn);
		double m = csv_num(&c, cm);
		int want = isnan(x) || isnan(n) ? STATS_MISSING : STATS_OK;

		rows++;
		/* the method column agrees with the < 10 threshold */
		if (!isnan(x))
			assert_string_equal(csv_str(&c, cmeth),
					    x < 10 ? "Exact" : "Byars");
		assert_int_equal(stats_rate(x, n, m, 0.95, &ci), want);
		assert_ref(rf, ci.value, csv_num(&c, cv), c.lineno);
		assert_ref(rf, ci.lower, csv_num(&c, cl95), c.lineno);
		assert_ref(rf, ci.upper, csv_num(&c, cu95), c.lineno);
		if (!two_levels)
			continue;
		assert_int_equal(stats_rate(x, n, m, 99.8, &ci), want);
		assert_ref(rf, ci.value, csv_num(&c, cv), c.lineno);
		assert_ref(rf, ci.lower, csv_num(&c, cl998), c.lineno);
		assert_ref(rf, ci.upper, csv_num(&c, cu998), c.lineno);
	}
	csv_close(&c);
	assert_int_equal(rows, nrows);
}

static void test_rate_reference(void **state)
{
	(void)state;
	REQUIRE_REFDIR();
	check_rate_file(&ref_files[4], 1, 20);
}

static void test_rate_grouped_reference(void **state)
{
	(void)state;
	REQUIRE_REFDIR();
	check_rate_file(&ref_files[5], 0, 12);
}

/* Indirect standardisation uses the rate limits on O, divided by E and
 * times ref_rate (ISRate) or refvalue (ISRatio): stats_rate(O, E, mult). */
static void test_isr_reference(void **state)
{
	struct ref_file *rf = &ref_files[6];
	struct csv c;
	struct stats_ci ci;
	int co, ce, crr, cv, cl95, cu95, cl998, cu998, cstat;
	unsigned long rows = 0;

	(void)state;
	REQUIRE_REFDIR();
	csv_open(&c, rf->name);
	co = csv_col(&c, "observed");
	ce = csv_col(&c, "expected");
	crr = csv_col(&c, "ref_rate");
	cv = csv_col(&c, "value");
	cl95 = csv_col(&c, "lower95_0cl");
	cu95 = csv_col(&c, "upper95_0cl");
	cl998 = csv_col(&c, "lower99_8cl");
	cu998 = csv_col(&c, "upper99_8cl");
	cstat = csv_col(&c, "statistic");
	while (csv_next(&c)) {
		double o = csv_num(&c, co), e = csv_num(&c, ce);
		double mult = csv_num(&c, crr);

		rows++;
		/* ISRatio rows: "indirectly standardised ratio x R" */
		if (isnan(mult)) {
			const char *s = strrchr(csv_str(&c, cstat), ' ');

			assert_non_null(s);
			mult = strtod(s + 1, NULL);
			assert_true(mult > 0);
		}
		assert_int_equal(stats_rate(o, e, mult, 0.95, &ci), STATS_OK);
		assert_ref(rf, ci.value, csv_num(&c, cv), c.lineno);
		assert_ref(rf, ci.lower, csv_num(&c, cl95), c.lineno);
		assert_ref(rf, ci.upper, csv_num(&c, cu95), c.lineno);
		if (isnan(csv_num(&c, cl998)))	/* rows 13-16: 95% only */
			continue;
		assert_int_equal(stats_rate(o, e, mult, 0.998, &ci), STATS_OK);
		assert_ref(rf, ci.lower, csv_num(&c, cl998), c.lineno);
		assert_ref(rf, ci.upper, csv_num(&c, cu998), c.lineno);
	}
	csv_close(&c);
	assert_int_equal(rows, 16);
}

/* Summary of the values of one group of mean_input.csv. */
struct summary {
	char area[64];
	double sum;
	double n;
	double mean;
	double sd;
};

static void summarise(struct summary *s, const double *v, size_t n)
{
	double ss = 0;

	s->sum = 0;
	for (size_t i = 0; i < n; i++)
		s->sum += v[i];
	s->n = (double)n;
	s->mean = s->sum / s->n;
	for (size_t i = 0; i < n; i++)
		ss += (v[i] - s->mean) * (v[i] - s->mean);
	s->sd = n > 1 ? sqrt(ss / (s->n - 1)) : NAN;
}

static void test_mean_reference(void **state)
{
	struct ref_file *rf = &ref_files[7];
	struct csv c;
	struct stats_ci ci;
	double all[64], grp[64];
	size_t nall = 0, ngrp = 0, nsum = 0;
	struct summary sums[8];
	char cur[64] = "";
	int ca, cval, csum, ccount, csd, cv, cl95, cu95, cl998, cu998;
	unsigned long rows = 0;

	(void)state;
	REQUIRE_REFDIR();

	/* the input, summarised per area and in total */
	csv_open(&c, "mean_input.csv");
	ca = csv_col(&c, "area");
	cval = csv_col(&c, "values");
	for (;;) {
		int more = csv_next(&c);

		if (!more || strcmp(csv_str(&c, ca), cur) != 0) {
			if (ngrp > 0) {
				assert_true(nsum < 7);
				snprintf(sums[nsum].area, sizeof sums[0].area,
					 "%s", cur);
				summarise(&sums[nsum++], grp, ngrp);
			}
			if (!more)
				break;
			snprintf(cur, sizeof cur, "%s", csv_str(&c, ca));
			ngrp = 0;
		}
		assert_true(nall < 64 && ngrp < 64);
		all[nall++] = grp[ngrp++] = csv_num(&c, cval);
	}
	csv_close(&c);
	assert_int_equal(nall, 26);
	snprintf(sums[nsum].area, sizeof sums[0].area, "No grouping");
	summarise(&sums[nsum++], all, nall);

	csv_open(&c, rf->name);
	ca = csv_col(&c, "area");
	csum = csv_col(&c, "value_sum");
	ccount = csv_col(&c, "value_count");
	csd = csv_col(&c, "stdev");
	cv = csv_col(&c, "value");
	cl95 = csv_col(&c, "lower95_0cl");
	cu95 = csv_col(&c, "upper95_0cl");
	cl998 = csv_col(&c, "lower99_8cl");
	cu998 = csv_col(&c, "upper99_8cl");
	while (csv_next(&c)) {
		struct summary *s = NULL;

		rows++;
		for (size_t i = 0; i < nsum; i++)
			if (strcmp(sums[i].area, csv_str(&c, ca)) == 0)
				s = &sums[i];
		assert_non_null(s);
		/* the test's own summary agrees with the table ... */
		assert_ref(rf, s->sum, csv_num(&c, csum), c.lineno);
		assert_ref(rf, s->n, csv_num(&c, ccount), c.lineno);
		assert_ref(rf, s->sd, csv_num(&c, csd), c.lineno);
		/* ... and stats_mean gives the limits */
		assert_int_equal(stats_mean(s->mean, s->sd, s->n, 0.95, &ci),
				 STATS_OK);
		assert_ref(rf, ci.value, csv_num(&c, cv), c.lineno);
		assert_ref(rf, ci.lower, csv_num(&c, cl95), c.lineno);
		assert_ref(rf, ci.upper, csv_num(&c, cu95), c.lineno);
		assert_int_equal(stats_mean(s->mean, s->sd, s->n, 99.8, &ci),
				 STATS_OK);
		assert_ref(rf, ci.value, csv_num(&c, cv), c.lineno);
		assert_ref(rf, ci.lower, csv_num(&c, cl998), c.lineno);
		assert_ref(rf, ci.upper, csv_num(&c, cu998), c.lineno);
	}
	csv_close(&c);
	assert_int_equal(rows, 3);
}

/* ------------------------------------------------------------------ */
/* Values typed in from METHODS.md */

/* METHODS.md 3: exact 95% limits on the count for O = 0..9. */
static void test_exact_poisson_table(void **state)
{
	static const double table[10][2] = {
		{ 0, 3.6888794541139354 },
		{ 0.025317807984289876, 5.571643390938898 },
		{ 0.24220927854396496, 7.22468766772396 },
		{ 0.6186721228956014, 8.767273069742323 },
		{ 1.0898653736263249, 10.241588675403694 },
		{ 1.6234863901184207, 11.66833207932267 },
		{ 2.2018942534908508, 13.059474022518685 },
		{ 2.8143630515198654, 14.422675361702376 },
		{ 3.4538321767485014, 15.763189220193313 },
		{ 4.115373097378334, 17.084803451419166 },
	};
	struct stats_ci ci;
	double lo, hi;

	(void)state;
	for (int o = 0; o < 10; o++) {
		assert_int_equal(stats_poisson_limits(o, 0.95, &lo, &hi),
				 STATS_OK);
		assert_close(lo, table[o][0], TABLE_TOL);
		assert_close(hi, table[o][1], TABLE_TOL);
		/* as a rate: times multiplier / n */
		assert_int_equal(stats_rate(o, 2500, 1000, 95, &ci), STATS_OK);
		assert_close(ci.value, o * 1000.0 / 2500, TIGHT_TOL);
		assert_close(ci.lower, table[o][0] * 1000 / 2500, TABLE_TOL);
		assert_close(ci.upper, table[o][1] * 1000 / 2500, TABLE_TOL);
	}
}

static void test_poisson_edges(void **state)
{
	double lo, hi;

	(void)state;
	/* O = 0: lower 0, upper -ln(0.025) and -ln(0.001) (METHODS.md 3) */
	assert_int_equal(stats_poisson_limits(0, 0.95, &lo, &hi), STATS_OK);
	assert_zero(lo);
	assert_close(hi, 3.688879454113936, TABLE_TOL);
	assert_int_equal(stats_poisson_limits(0, 0.998, &lo, &hi), STATS_OK);
	assert_zero(lo);
	assert_close(hi, 6.907755278982137, TABLE_TOL);

	/* O = 10 is Byar's (byars_wilson_expected.csv row 6, 99.8%) ... */
	assert_int_equal(stats_poisson_limits(10, 0.998, &lo, &hi), STATS_OK);
	assert_close(lo, 2.916318374695686, REF_TOL);
	assert_close(hi, 24.193724927880535, REF_TOL);
	/* ... and so at 95% (rate_grouped_expected.csv Area2, 10 of 200
	 * per 100000), not the exact 4.795 */
	assert_int_equal(stats_poisson_limits(10, 0.95, &lo, &hi), STATS_OK);
	assert_close(lo, 2393.7249569837822 * 200 / 100000, REF_TOL);
	assert_close(hi, 9195.729302878237 * 200 / 100000, REF_TOL);
	/* 9 is still exact: the table above */
	assert_int_equal(stats_poisson_limits(9, 0.95, &lo, &hi), STATS_OK);
	assert_close(lo, 4.115373097378334, TABLE_TOL);

	/* errors leave NaN */
	assert_int_equal(stats_poisson_limits(-1, 0.95, &lo, &hi),
			 STATS_DOMAIN);
	assert_true(isnan(lo) && isnan(hi));
	assert_int_equal(stats_poisson_limits(NAN, 0.95, &lo, &hi),
			 STATS_MISSING);
	assert_true(isnan(lo) && isnan(hi));
	assert_int_equal(stats_poisson_limits(5, 0.5, &lo, &hi), STATS_DOMAIN);
	assert_true(isnan(lo) && isnan(hi));
	assert_int_equal(stats_poisson_limits(INFINITY, 0.95, &lo, &hi),
			 STATS_DOMAIN);
	/* confidence NA: no limits */
	assert_int_equal(stats_poisson_limits(5, NAN, &lo, &hi), STATS_OK);
	assert_true(isnan(lo) && isnan(hi));
	/* a count far below 1 defeats GSL's gamma quantile: reported as a
	 * failure, with NaN, not as a wrong limit (and GSL does not abort) */
	assert_int_equal(stats_poisson_limits(1e-10, 0.95, &lo, &hi),
			 STATS_FAILED);
	assert_true(isnan(lo) && isnan(hi));
}

static void test_byars_edges(void **state)
{
	double lo, hi;

	(void)state;
	/* byars_wilson_expected.csv row 13: negative lower -> NaN */
	assert_int_equal(stats_byars_limits(1, 0.998, &lo, &hi), STATS_OK);
	assert_true(isnan(lo));
	assert_close(hi, 9.362180217908362, REF_TOL);
	assert_int_equal(stats_byars_limits(0, 0.95, &lo, &hi), STATS_DOMAIN);
	assert_true(isnan(lo) && isnan(hi));
	assert_int_equal(stats_byars_limits(NAN, 0.95, &lo, &hi),
			 STATS_MISSING);
	assert_int_equal(stats_byars_limits(65, 80, &lo, &hi), STATS_DOMAIN);
}

static void test_proportion_edges(void **state)
{
	struct stats_ci ci;
	double z2 = Z95 * Z95;

	(void)state;
	/* x = 0: lower exactly 0, upper z^2 / (n + z^2) (METHODS.md 2) */
	assert_int_equal(stats_proportion(0, 50, 1, 0.95, &ci), STATS_OK);
	assert_zero(ci.value);
	assert_zero(ci.lower);
	assert_close(ci.upper, z2 / (50 + z2), 1e-14);
	/* x = n: upper exactly 1 x multiplier, lower n / (n + z^2) */
	assert_int_equal(stats_proportion(50, 50, 100, 0.95, &ci), STATS_OK);
	assert_close(ci.value, 100, TIGHT_TOL);
	assert_close(ci.upper, 100, 0);
	assert_close(ci.lower, 100 * 50 / (50 + z2), 1e-14);
	/* confidence 1: 0 to 1 (PIM's helper) */
	assert_int_equal(stats_proportion(3, 10, 1, 1, &ci), STATS_OK);
	assert_zero(ci.lower);
	assert_close(ci.upper, 1, 0);

	/* x > n, x < 0, n <= 0: domain errors with NaN outputs */
	assert_int_equal(stats_proportion(11, 10, 1, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_proportion(-1, 10, 1, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_proportion(0, 0, 1, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_proportion(1, -5, 1, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_proportion(1, INFINITY, 1, 0.95, &ci),
			 STATS_DOMAIN);
	assert_int_equal(stats_proportion(1, 10, 0, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_proportion(1, 10, 1, 0.5, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_proportion(1, 10, 1, 101, &ci), STATS_DOMAIN);
	/* NaN inputs: missing with NaN outputs */
	assert_int_equal(stats_proportion(NAN, 10, 1, 0.95, &ci),
			 STATS_MISSING);
	assert_ci_nan(&ci);
	assert_int_equal(stats_proportion(1, NAN, 1, 0.95, &ci),
			 STATS_MISSING);
	assert_ci_nan(&ci);
	assert_int_equal(stats_proportion(1, 10, NAN, 0.95, &ci),
			 STATS_MISSING);
	assert_ci_nan(&ci);
	/* confidence NA: the value only (PIM v2) */
	assert_int_equal(stats_proportion(1, 10, 100, NAN, &ci), STATS_OK);
	assert_close(ci.value, 10, TIGHT_TOL);
	assert_true(isnan(ci.lower) && isnan(ci.upper));
}

static void test_rate_edges(void **state)
{
	struct stats_ci ci;

	(void)state;
	/* O = 0: lower 0, upper 3.688879454113936 / n x mult */
	assert_int_equal(stats_rate(0, 4000, 100000, 0.95, &ci), STATS_OK);
	assert_zero(ci.value);
	assert_zero(ci.lower);
	assert_close(ci.upper, 3.688879454113936 / 4000 * 100000, TABLE_TOL);
	/* O exactly 10: Byar's (rate_grouped_expected.csv, Area2) */
	assert_int_equal(stats_rate(10, 200, 100000, 0.95, &ci), STATS_OK);
	assert_close(ci.value, 5000, TIGHT_TOL);
	assert_close(ci.lower, 2393.7249569837822, REF_TOL);
	assert_close(ci.upper, 9195.729302878237, REF_TOL);
	/* O > n is allowed (rate_expected.csv, Area12) */
	assert_int_equal(stats_rate(250, 220, 100000, 95, &ci), STATS_OK);
	assert_close(ci.value, 113636.36363636365, REF_TOL);
	assert_close(ci.lower, 99984.94738532876, REF_TOL);
	assert_close(ci.upper, 128631.14487455782, REF_TOL);

	assert_int_equal(stats_rate(-1, 100, 1000, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_rate(1, 0, 1000, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_rate(1, -100, 1000, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_rate(1, 100, -1, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_rate(1, 100, 1000, 80, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_rate(NAN, 100, 1000, 0.95, &ci), STATS_MISSING);
	assert_ci_nan(&ci);
	assert_int_equal(stats_rate(10, NAN, 1000, 0.95, &ci), STATS_MISSING);
	assert_ci_nan(&ci);
	/* confidence NA: the value only */
	assert_int_equal(stats_rate(5, 100, 1000, NAN, &ci), STATS_OK);
	assert_close(ci.value, 50, TIGHT_TOL);
	assert_true(isnan(ci.lower) && isnan(ci.upper));
}

static void test_mean_edges(void **state)
{
	struct stats_ci ci;

	(void)state;
	/* one value: the mean, no limits (PIM: sd of one value is NA) */
	assert_int_equal(stats_mean(4.5, NAN, 1, 0.95, &ci), STATS_OK);
	assert_close(ci.value, 4.5, TIGHT_TOL);
	assert_true(isnan(ci.lower) && isnan(ci.upper));
	/* n = 2: t(0.975; 1) = 12.706204736174707 (t tables) */
	assert_int_equal(stats_mean(10, 2, 2, 0.95, &ci), STATS_OK);
	assert_close(ci.lower, 10 - 12.706204736174707 * 2 / sqrt(2), 1e-12);
	assert_close(ci.upper, 10 + 12.706204736174707 * 2 / sqrt(2), 1e-12);
	/* sd 0: a zero-width interval */
	assert_int_equal(stats_mean(3, 0, 5, 0.95, &ci), STATS_OK);
	assert_close(ci.lower, 3, TIGHT_TOL);
	assert_close(ci.upper, 3, TIGHT_TOL);

	assert_int_equal(stats_mean(NAN, 1, 5, 0.95, &ci), STATS_MISSING);
	assert_ci_nan(&ci);
	assert_int_equal(stats_mean(1, 1, NAN, 0.95, &ci), STATS_MISSING);
	assert_ci_nan(&ci);
	assert_int_equal(stats_mean(1, NAN, 5, 0.95, &ci), STATS_MISSING);
	assert_ci_nan(&ci);
	assert_int_equal(stats_mean(1, 1, 0, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_mean(1, -1, 5, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_mean(1, 1, 5, 0.8, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
}

/* Newcombe (1998) Table II, method 10, 95% (METHODS.md 9b): published to
 * 4 decimals, so compared within 0.5e-4. */
static void test_gap_newcombe(void **state)
{
	static const struct {
		double x1, n1, x2, n2, lower, upper;
	} t[] = {
		{ 56, 70, 48, 80, 0.0524, 0.3339 },
		{ 9, 10, 3, 10, 0.1705, 0.8090 },
		{ 6, 7, 2, 7, 0.0582, 0.8062 },
		{ 5, 56, 0, 29, -0.0381, 0.1926 },
	};
	struct stats_ci ci;

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		double d = t[i].x1 / t[i].n1 - t[i].x2 / t[i].n2;

		assert_int_equal(stats_gap(t[i].x1, t[i].n1, t[i].x2, t[i].n2,
					   1, 0.95, &ci),
				 STATS_OK);
		assert_close(ci.value, d, 1e-15);
		assert_within(ci.lower, t[i].lower, 0.5e-4 + 1e-12);
		assert_within(ci.upper, t[i].upper, 0.5e-4 + 1e-12);
		/* in percentage points */
		assert_int_equal(stats_gap(t[i].x1, t[i].n1, t[i].x2, t[i].n2,
					   100, 95, &ci),
				 STATS_OK);
		assert_close(ci.value, 100 * d, 1e-14);
		assert_within(ci.lower, 100 * t[i].lower, 0.5e-2 + 1e-10);
		assert_within(ci.upper, 100 * t[i].upper, 0.5e-2 + 1e-10);
	}
}

static void test_gap_edges(void **state)
{
	struct stats_ci ci, a, b;

	(void)state;
	/* built from the two Wilson intervals (METHODS.md 9b), here taken
	 * from proportion_expected.csv Area4 (65/100) and Area3 (20/100) */
	assert_int_equal(stats_gap(65, 100, 20, 100, 1, 0.95, &ci), STATS_OK);
	assert_close(ci.value, 0.45, 1e-15);
	assert_close(ci.lower, 0.45 - sqrt(pow(0.65 - 0.5525444329688797, 2) +
					   pow(0.28882916559315885 - 0.2, 2)),
		     1e-12);
	assert_close(ci.upper, 0.45 + sqrt(pow(0.7363575175690247 - 0.65, 2) +
					   pow(0.2 - 0.1333669333310325, 2)),
		     1e-12);
	/* swapping the groups negates and swaps the interval */
	assert_int_equal(stats_gap(20, 100, 65, 100, 1, 0.95, &a), STATS_OK);
	assert_close(a.value, -ci.value, 1e-15);
	assert_close(a.lower, -ci.upper, 1e-14);
	assert_close(a.upper, -ci.lower, 1e-14);
	/* equal proportions: value 0, a symmetric interval */
	assert_int_equal(stats_gap(5, 10, 50, 100, 1, 0.95, &b), STATS_OK);
	assert_zero(b.value);
	assert_true(b.lower < 0 && b.upper > 0);
	/* x = 0 and x = n are fine */
	assert_int_equal(stats_gap(0, 10, 10, 10, 1, 0.95, &ci), STATS_OK);
	assert_close(ci.value, -1, TIGHT_TOL);
	assert_true(ci.lower >= -1 && ci.upper <= 0);

	assert_int_equal(stats_gap(11, 10, 1, 10, 1, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_gap(1, 10, 1, 0, 1, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_gap(1, 10, -1, 10, 1, 0.95, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_gap(1, 10, 1, 10, 1, 0.5, &ci), STATS_DOMAIN);
	assert_ci_nan(&ci);
	assert_int_equal(stats_gap(NAN, 10, 1, 10, 1, 0.95, &ci),
			 STATS_MISSING);
	assert_ci_nan(&ci);
	assert_int_equal(stats_gap(1, 10, 1, NAN, 1, 0.95, &ci),
			 STATS_MISSING);
	assert_ci_nan(&ci);
}

/* 95 and 0.95 are the same level everywhere. */
static void test_confidence_forms(void **state)
{
	struct stats_ci a, b;
	double l1, u1, l2, u2;

	(void)state;
	assert_int_equal(stats_proportion(7, 40, 100, 95, &a), STATS_OK);
	assert_int_equal(stats_proportion(7, 40, 100, 0.95, &b), STATS_OK);
	assert_close(a.lower, b.lower, TIGHT_TOL);
	assert_close(a.upper, b.upper, TIGHT_TOL);
	assert_int_equal(stats_rate(7, 40, 100, 99.8, &a), STATS_OK);
	assert_int_equal(stats_rate(7, 40, 100, 0.998, &b), STATS_OK);
	assert_close(a.lower, b.lower, TIGHT_TOL);
	assert_close(a.upper, b.upper, TIGHT_TOL);
	assert_int_equal(stats_poisson_limits(70, 95, &l1, &u1), STATS_OK);
	assert_int_equal(stats_poisson_limits(70, 0.95, &l2, &u2), STATS_OK);
	assert_close(l1, l2, TIGHT_TOL);
	assert_close(u1, u2, TIGHT_TOL);
	assert_int_equal(stats_mean(1, 2, 30, 95, &a), STATS_OK);
	assert_int_equal(stats_mean(1, 2, 30, 0.95, &b), STATS_OK);
	assert_close(a.lower, b.lower, TIGHT_TOL);
	assert_int_equal(stats_gap(7, 40, 3, 50, 100, 95, &a), STATS_OK);
	assert_int_equal(stats_gap(7, 40, 3, 50, 100, 0.95, &b), STATS_OK);
	assert_close(a.lower, b.lower, TIGHT_TOL);
	assert_close(a.upper, b.upper, TIGHT_TOL);
}

/* ------------------------------------------------------------------ */
/* Comparison with a benchmark (METHODS.md 9.2) */

static void test_compare(void **state)
{
	(void)state;
	/* inside, and exactly on either limit: Similar for every polarity */
	for (int p = POLARITY_NONE; p <= POLARITY_LOW_GOOD; p++) {
		enum stats_polarity pol = (enum stats_polarity)p;

		assert_int_equal(stats_compare(10, 8, 12, 11, pol),
				 CMP_SIMILAR);
		assert_int_equal(stats_compare(10, 8, 12, 12, pol),
				 CMP_SIMILAR);
		assert_int_equal(stats_compare(10, 8, 12, 8, pol),
				 CMP_SIMILAR);
	}
	/* benchmark above the interval: the area is lower */
	assert_int_equal(stats_compare(10, 8, 12, 12.0001, POLARITY_HIGH_GOOD),
			 CMP_WORSE);
	assert_int_equal(stats_compare(10, 8, 12, 12.0001, POLARITY_LOW_GOOD),
			 CMP_BETTER);
	assert_int_equal(stats_compare(10, 8, 12, 12.0001, POLARITY_NONE),
			 CMP_LOWER);
	/* benchmark below the interval: the area is higher */
	assert_int_equal(stats_compare(10, 8, 12, 7.9999, POLARITY_HIGH_GOOD),
			 CMP_BETTER);
	assert_int_equal(stats_compare(10, 8, 12, 7.9999, POLARITY_LOW_GOOD),
			 CMP_WORSE);
	assert_int_equal(stats_compare(10, 8, 12, 7.9999, POLARITY_NONE),
			 CMP_HIGHER);
	/* a rate well above the benchmark, Low is good: Worse */
	assert_int_equal(stats_compare(93.6, 90.1, 97.2, 72.7,
				       POLARITY_LOW_GOOD),
			 CMP_WORSE);
	/* not applicable; missing value, limit or benchmark */
	assert_int_equal(stats_compare(10, 8, 12, 20, POLARITY_NOT_APPLICABLE),
			 CMP_NOT_COMPARED);
	assert_int_equal(stats_compare(NAN, 8, 12, 20, POLARITY_HIGH_GOOD),
			 CMP_NOT_COMPARED);
	assert_int_equal(stats_compare(10, NAN, 12, 20, POLARITY_HIGH_GOOD),
			 CMP_NOT_COMPARED);
	assert_int_equal(stats_compare(10, 8, NAN, 20, POLARITY_HIGH_GOOD),
			 CMP_NOT_COMPARED);
	assert_int_equal(stats_compare(10, 8, 12, NAN, POLARITY_LOW_GOOD),
			 CMP_NOT_COMPARED);
	assert_int_equal(stats_compare(10, 8, 12, NAN, POLARITY_NONE),
			 CMP_NOT_COMPARED);
	/* an inverted interval is not an interval */
	assert_int_equal(stats_compare(10, 12, 8, 20, POLARITY_HIGH_GOOD),
			 CMP_NOT_COMPARED);
}

static void test_compare2(void **state)
{
	static const struct {
		double b;
		enum stats_cmp high_good, low_good, none;
	} t[] = {
		{ 10, CMP_SIMILAR, CMP_SIMILAR, CMP_SIMILAR },
		{ 12, CMP_SIMILAR, CMP_SIMILAR, CMP_SIMILAR },
		{ 8, CMP_SIMILAR, CMP_SIMILAR, CMP_SIMILAR },
		/* above the 95% limit, within the 99.8% one: lower at 95% */
		{ 13, CMP_WORSE, CMP_BETTER, CMP_LOWER },
		{ 14, CMP_WORSE, CMP_BETTER, CMP_LOWER },
		/* beyond the 99.8% limit */
		{ 14.5, CMP_WORST, CMP_BEST, CMP_LOWEST },
		/* below: higher */
		{ 7, CMP_BETTER, CMP_WORSE, CMP_HIGHER },
		{ 6, CMP_BETTER, CMP_WORSE, CMP_HIGHER },
		{ 5.5, CMP_BEST, CMP_WORST, CMP_HIGHEST },
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		assert_int_equal(stats_compare2(10, 8, 12, 6, 14, t[i].b,
						POLARITY_HIGH_GOOD),
				 t[i].high_good);
		assert_int_equal(stats_compare2(10, 8, 12, 6, 14, t[i].b,
						POLARITY_LOW_GOOD),
				 t[i].low_good);
		assert_int_equal(stats_compare2(10, 8, 12, 6, 14, t[i].b,
						POLARITY_NONE),
				 t[i].none);
		assert_int_equal(stats_compare2(10, 8, 12, 6, 14, t[i].b,
						POLARITY_NOT_APPLICABLE),
				 CMP_NOT_COMPARED);
	}
	assert_int_equal(stats_compare2(NAN, 8, 12, 6, 14, 20,
					POLARITY_HIGH_GOOD),
			 CMP_NOT_COMPARED);
	assert_int_equal(stats_compare2(10, 8, 12, NAN, 14, 20,
					POLARITY_HIGH_GOOD),
			 CMP_NOT_COMPARED);
	assert_int_equal(stats_compare2(10, 8, 12, 6, 14, NAN,
					POLARITY_HIGH_GOOD),
			 CMP_NOT_COMPARED);
	/* the 99.8% interval must contain the 95% one */
	assert_int_equal(stats_compare2(10, 8, 12, 9, 14, 20,
					POLARITY_HIGH_GOOD),
			 CMP_NOT_COMPARED);
}

static void test_cmp_labels(void **state)
{
	(void)state;
	assert_string_equal(stats_cmp_label(CMP_NOT_COMPARED), "Not compared");
	assert_string_equal(stats_cmp_label(CMP_SIMILAR), "Similar");
	assert_string_equal(stats_cmp_label(CMP_BETTER), "Better");
	assert_string_equal(stats_cmp_label(CMP_WORSE), "Worse");
	assert_string_equal(stats_cmp_label(CMP_HIGHER), "Higher");
	assert_string_equal(stats_cmp_label(CMP_LOWER), "Lower");
	assert_string_equal(stats_cmp_label(CMP_BEST), "Better");
	assert_string_equal(stats_cmp_label(CMP_WORST), "Worse");
	assert_string_equal(stats_cmp_label(CMP_HIGHEST), "Higher");
	assert_string_equal(stats_cmp_label(CMP_LOWEST), "Lower");
	assert_string_equal(stats_cmp_label(CMP_HIGHER_UNTESTED),
			    "Higher, not tested");
	assert_string_equal(stats_cmp_label(CMP_LOWER_UNTESTED),
			    "Lower, not tested");
	assert_string_equal(stats_cmp_label(CMP_SAME_UNTESTED),
			    "Same, not tested");
	/* only outcomes of a test count as tested */
	assert_true(stats_cmp_tested(CMP_SIMILAR));
	assert_true(stats_cmp_tested(CMP_WORST));
	assert_true(stats_cmp_tested(CMP_HIGHER));
	assert_false(stats_cmp_tested(CMP_NOT_COMPARED));
	assert_false(stats_cmp_tested(CMP_HIGHER_UNTESTED));
	assert_false(stats_cmp_tested(CMP_LOWER_UNTESTED));
	assert_false(stats_cmp_tested(CMP_SAME_UNTESTED));
	/* each polarity's words, through stats_compare */
	assert_string_equal(stats_cmp_label(stats_compare(10, 8, 12, 20,
							  POLARITY_LOW_GOOD)),
			    "Better");
	assert_string_equal(stats_cmp_label(stats_compare(10, 8, 12, 20,
							  POLARITY_HIGH_GOOD)),
			    "Worse");
	assert_string_equal(stats_cmp_label(stats_compare(10, 8, 12, 20,
							  POLARITY_NONE)),
			    "Lower");
	assert_string_equal(stats_cmp_label(stats_compare(10, 8, 12, 2,
							  POLARITY_NONE)),
			    "Higher");
	assert_string_equal(
		stats_cmp_label(stats_compare(10, 8, 12, 2,
					      POLARITY_NOT_APPLICABLE)),
		"Not compared");
}

/* ------------------------------------------------------------------ */
/* stats_round */

static void test_round(void **state)
{
	volatile double num = 408.0;	/* computed at run time */

	(void)state;
	/* DfE: 408/640 = 63.75 exactly, though the double is 63.7499... */
	assert_close(stats_round(num / 640 * 100, 1), 63.8, TIGHT_TOL);
	assert_close(stats_round(2.5, 0), 3, TIGHT_TOL);
	assert_close(stats_round(-2.5, 0), -3, TIGHT_TOL);
	assert_close(stats_round(0.5, 0), 1, TIGHT_TOL);
	assert_close(stats_round(1.5, 0), 2, TIGHT_TOL); /* not to even */
	assert_close(stats_round(0.125, 2), 0.13, TIGHT_TOL);
	assert_close(stats_round(1.005, 2), 1.01, TIGHT_TOL);
	assert_close(stats_round(-0.365, 2), -0.37, TIGHT_TOL);
	assert_close(stats_round(1.2345, 3), 1.235, TIGHT_TOL);
	/* not ties */
	assert_close(stats_round(2.4, 0), 2, TIGHT_TOL);
	assert_close(stats_round(2.6, 0), 3, TIGHT_TOL);
	assert_close(stats_round(-2.4, 0), -2, TIGHT_TOL);
	assert_close(stats_round(63.74, 1), 63.7, TIGHT_TOL);
	assert_close(stats_round(63.7499, 1), 63.7, TIGHT_TOL);
	assert_close(stats_round(12.3456789, 4), 12.3457, TIGHT_TOL);
	assert_close(stats_round(7, 2), 7, TIGHT_TOL);
	/* negative dp rounds to tens, hundreds */
	assert_close(stats_round(1250, -2), 1300, TIGHT_TOL);
	assert_close(stats_round(1249, -2), 1200, TIGHT_TOL);
	assert_close(stats_round(-15, -1), -20, TIGHT_TOL);
	/* zero is +0, never -0 */
	assert_zero(stats_round(-0.001, 2));
	assert_false(signbit(stats_round(-0.001, 2)));
	assert_zero(stats_round(0, 3));
	/* NaN and infinities pass through; huge values are unchanged */
	assert_true(isnan(stats_round(NAN, 1)));
	assert_true(isinf(stats_round(INFINITY, 1)));
	assert_close(stats_round(1e300, 2), 1e300, TIGHT_TOL);
	assert_close(stats_round(123456789.125, 20), 123456789.125,
		     TIGHT_TOL);
}

static void test_init(void **state)
{
	struct stats_ci ci;

	(void)state;
	stats_init();	/* may be called again */
	assert_int_equal(stats_rate(584, 71565, 10000, 0.95, &ci), STATS_OK);
	assert_close(ci.value, 584.0 / 71565 * 10000, TIGHT_TOL);
	assert_true(ci.lower < ci.value && ci.value < ci.upper);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_confidence),
		cmocka_unit_test(test_z),
		cmocka_unit_test(test_proportion_reference),
		cmocka_unit_test(test_proportion_grouped_reference),
		cmocka_unit_test(test_ncmp_wilson_reference),
		cmocka_unit_test(test_byars_wilson_reference),
		cmocka_unit_test(test_rate_reference),
		cmocka_unit_test(test_rate_grouped_reference),
		cmocka_unit_test(test_isr_reference),
		cmocka_unit_test(test_mean_reference),
		cmocka_unit_test(test_exact_poisson_table),
		cmocka_unit_test(test_poisson_edges),
		cmocka_unit_test(test_byars_edges),
		cmocka_unit_test(test_proportion_edges),
		cmocka_unit_test(test_rate_edges),
		cmocka_unit_test(test_mean_edges),
		cmocka_unit_test(test_gap_newcombe),
		cmocka_unit_test(test_gap_edges),
		cmocka_unit_test(test_confidence_forms),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_compare2),
		cmocka_unit_test(test_cmp_labels),
		cmocka_unit_test(test_round),
		cmocka_unit_test(test_qchisq_large),
	};
	unsigned long total = 0;
	int failed;

	stats_init();
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	for (size_t i = 0; i < sizeof ref_files / sizeof ref_files[0]; i++) {
		if (!ref_files[i].nassert)
			continue;
		print_message("reference %-32s %4lu assertions, largest "
			      "relative error %.3g\n", ref_files[i].name,
			      ref_files[i].nassert, ref_files[i].max_rel);
		total += ref_files[i].nassert;
	}
	if (total)
		print_message("reference total: %lu assertions\n", total);
	return failed;
}
