/* test_stats_trend.c - known-answer tests for stats_trend.c: Fingertips'
 * recent trend, the trend between two values, LAIT ranks and quartiles.
 *
 * Expected values come from outside stats_trend.c:
 *  - ../shared/reference/fingertips/trend_marker_testcases.csv, the
 *    Fingertips unit-test series (JSNA_FT_REFDIR overrides the folder);
 *  - the published OHID Fingertips extracts in
 *    ../shared/data/real/ohid_fingertips/ (JSNA_FT_REALDIR overrides):
 *    their confidence limits, "Compared to England" and "Recent Trend"
 *    labels (METHODS.md 9.6);
 *  - series, ranks and bands worked by hand in the comments.
 * The tests run from the project root; an absent folder skips its tests
 * with a message. Doubles are never compared with ==.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jsna/csvin.h"
#include "jsna/stats.h"
#include "jsna/stats_trend.h"

#define TIGHT_TOL 1e-12		/* hand-worked results */
#define REAL_TOL 1e-6		/* published limits, 7 or more digits */

#define ENGLAND "E92000001"

/* ------------------------------------------------------------------ */
/* Comparing doubles */

#include "assertnum.h"

/* got equals a value published as text: within half a unit of its last
 * decimal ("46.77" -> 0.005), plus rounding noise. */
static void assert_digits_at(double got, const char *text, const char *what,
			     const char *file, int line)
{
	const char *dot = strchr(text, '.');
	int dp = dot ? (int)strlen(dot + 1) : 0;
	double want, tol;

	if (csvin_parse_double(text, &want) != 0) {
		print_error("%s: '%s' is not a number\n", what, text);
		_fail(file, line);
	}
	tol = 0.5 * pow(10.0, -dp) * (1.0 + 1e-9);
	if (!(fabs(got - want) <= tol)) {
		print_error("%s = %.10g, published %s (to %d dp)\n", what, got,
			    text, dp);
		_fail(file, line);
	}
}

#define assert_digits(got, text) \
	assert_digits_at((got), (text), #got, __FILE__, __LINE__)

/* ------------------------------------------------------------------ */
/* Folders of outside data */

static const char *env_or(const char *name, const char *dflt)
{
	const char *d = getenv(name);

	return d && *d ? d : dflt;
}

static const char *ft_refdir(void)
{
	return env_or("JSNA_FT_REFDIR", "../shared/reference/fingertips");
}

static const char *realdir(void)
{
	return env_or("JSNA_FT_REALDIR",
		      "../shared/data/real/ohid_fingertips");
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Skips the calling test when dir is absent. A missing file inside a
 * present folder is a failure, not a skip. */
#define REQUIRE_DIR(dir) \
	do { \
		if (!is_dir(dir)) { \
			print_message("skipped: folder '%s' not found\n", \
				      (dir)); \
			skip(); \
		} \
	} while (0)

/* A number from a field: "" is NaN; thousands separators ("74,588", as
 * Fingertips exports counts) are dropped. Returns -1 for other text. */
static int parse_num(const char *s, double *out)
{
	char buf[64];
	size_t k = 0;

	*out = NAN;
	for (; *s; s++) {
		if (*s == ',')
			continue;
		if (k + 1 >= sizeof buf)
			return -1;
		buf[k++] = *s;
	}
	buf[k] = '\0';
	if (k == 0)
		return 0;
	return csvin_parse_double(buf, out);
}

/* Decimals written in a number ("53.5403" -> 4). */
static int decimals(const char *s)
{
	const char *dot = strchr(s, '.');

	return dot ? (int)strspn(dot + 1, "0123456789") : 0;
}

/* Half a unit in the last decimal of a published number. */
static double half_unit(int dp)
{
	return 0.5 * pow(10.0, -dp) * (1.0 + 1e-9);
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	assert_non_null(p);
	memcpy(p, s, n);
	return p;
}

/* ------------------------------------------------------------------ */
/* A series typed in: values with their 95% limits, counts of 100 out of
 * 1000 (a rate), ascending time order. */

static struct stats_trend_point pt(double v, double l, double u)
{
	struct stats_trend_point p = { v, l, u, 100, 1000 };

	return p;
}

/* FT's own sums over five points (TrendMarkerCalculator.IsSignificant),
 * an independent check of the route through stats_wls. */
static double ft_chi2(const struct stats_trend_point *p, const size_t *idx,
		      double *slope)
{
	double s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, b, beta;
	int t;

	for (t = 1; t <= 5; t++) {
		const struct stats_trend_point *q = &p[idx[t - 1]];
		double se = (q->upper95 - q->lower95) / 3.92;
		double d = se * se;

		s1 += 1 / d;
		s2 += q->value * t / d;
		s3 += t / d;
		s4 += q->value / d;
		s5 += (double)t * t / d;
	}
	b = (s1 * s2 - s3 * s4) / (s1 * s5 - s3 * s3);
	beta = sqrt(s1 / (s1 * s5 - s3 * s3));
	*slope = b;
	return (b / beta) * (b / beta);
}

static void assert_not_calculated(const struct stats_trend_result *r)
{
	assert_int_equal(r->marker, TREND_CANNOT_CALCULATE);
	assert_true(isnan(r->chi2));
	assert_true(isnan(r->slope));
	assert_int_equal(r->nused, 0);
}

/* ------------------------------------------------------------------ */
/* trend_marker_testcases.csv */

#define REF_MAX 64

struct ref_row {
	char *name, *method, *chi2, *significant, *marker, *source;
	double year;
	struct stats_trend_point p;
};

struct ref_ctx {
	int col[12];
	struct ref_row rows[REF_MAX];
	size_t n;
	char err[160];
};

static const char *const ref_cols[12] = {
	"case", "method", "year", "count", "denominator", "value",
	"lower_ci95", "upper_ci95", "expected_chi2", "expected_significant",
	"expected_marker", "expected_source"
};

static int ref_row_cb(const struct csvin_record *r, void *vctx)
{
	struct ref_ctx *c = vctx;
	struct ref_row *row;
	double *num[6];
	int i;

	if (r->recno == 1) {
		for (i = 0; i < 12; i++)
			if ((c->col[i] = csvin_find(r, ref_cols[i])) < 0) {
				snprintf(c->err, sizeof c->err,
					 "no column '%s'", ref_cols[i]);
				return -2;
			}
		return 0;
	}
	if (c->n == REF_MAX || r->nfields < 12) {
		snprintf(c->err, sizeof c->err, "line %lu: too many rows or "
			 "too few fields", r->line);
		return -2;
	}
	row = &c->rows[c->n++];
	memset(row, 0, sizeof *row);
	row->name = xstrdup(r->fields[c->col[0]].ptr);
	row->method = xstrdup(r->fields[c->col[1]].ptr);
	row->chi2 = xstrdup(r->fields[c->col[8]].ptr);
	row->significant = xstrdup(r->fields[c->col[9]].ptr);
	row->marker = xstrdup(r->fields[c->col[10]].ptr);
	row->source = xstrdup(r->fields[c->col[11]].ptr);
	num[0] = &row->year;
	num[1] = &row->p.count;
	num[2] = &row->p.denominator;
	num[3] = &row->p.value;
	num[4] = &row->p.lower95;
	num[5] = &row->p.upper95;
	for (i = 0; i < 6; i++)
		if (parse_num(r->fields[c->col[2 + i]].ptr, num[i]) != 0) {
			snprintf(c->err, sizeof c->err, "line %lu: '%s' is "
				 "not a number", r->line,
				 r->fields[c->col[2 + i]].ptr);
			return -2;
		}
	return 0;
}

static void ref_free(struct ref_ctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->rows[i].name);
		free(c->rows[i].method);
		free(c->rows[i].chi2);
		free(c->rows[i].significant);
		free(c->rows[i].marker);
		free(c->rows[i].source);
	}
	c->n = 0;
}

static enum stats_trend marker_of(const char *s)
{
	if (strcmp(s, "Increasing") == 0)
		return TREND_INCREASING;
	if (strcmp(s, "Decreasing") == 0)
		return TREND_DECREASING;
	if (strcmp(s, "NoChange") == 0)
		return TREND_NO_CHANGE;
	if (strcmp(s, "CannotBeCalculated") == 0)
		return TREND_CANNOT_CALCULATE;
	print_error("unknown expected_marker '%s'\n", s);
	fail();
	return TREND_CANNOT_CALCULATE;
}

/*
 * The weighted-regression chi-squared of a legacy case, as its source
 * note states it ("weighted-regression chi2 = 418.54"), copied into buf;
 * NULL when the note does not say.
 */
static const char *wls_chi2_in_note(const char *note, char *buf, size_t n)
{
	static const char tag[] = "weighted-regression chi2 = ";
	const char *p = strstr(note, tag);
	size_t k = 0;

	if (!p)
		return NULL;
	for (p += sizeof tag - 1; k + 1 < n && (*p == '.' ||
	     (*p >= '0' && *p <= '9')); p++)
		buf[k++] = *p;
	buf[k] = '\0';
	return k ? buf : NULL;
}

static unsigned long ref_cases, ref_asserts;

/*
 * One case: rows[0..n-1], its five annual points.
 *
 * Only the weighted regression, the one test left in FingertipsNext, is
 * implemented: the legacy "SPC for proportions" chi-squared (Armitage's
 * test on counts) was removed from Fingertips, and live Fingertips now
 * gives the regression's answer (METHODS.md 9.3, 9.6). So a
 * legacy_spc_proportions case is held to what the regression gives: the
 * marker the case asserts (the FingertipsNext cases state that both
 * methods agree on it) and the regression chi-squared its note gives,
 * not the legacy chi-squared in expected_chi2.
 */
static void check_ref_case(struct ref_row *rows, size_t n)
{
	struct stats_trend_point p[REF_MAX];
	struct stats_trend_result r;
	const char *want_chi2 = NULL, *slope;
	char buf[32];
	int legacy = strcmp(rows[0].method, "legacy_spc_proportions") == 0;
	size_t i;

	if (!legacy && strcmp(rows[0].method, "weighted_regression") != 0) {
		print_error("%s: unknown method '%s'\n", rows[0].name,
			    rows[0].method);
		fail();
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			assert_true(rows[i].year > rows[i - 1].year);
		p[i] = rows[i].p;
	}
	assert_int_equal(stats_recent_trend(p, n, 1, &r), STATS_OK);
	ref_asserts++;

	if (rows[0].marker[0]) {
		assert_int_equal(r.marker, marker_of(rows[0].marker));
		ref_asserts++;
	} else if (legacy) {
		/* set1_proportion: the set1_generic series again; the legacy
		 * test asserted significance only (its marker was the bug
		 * that left the slope at 0). */
		assert_int_equal(r.marker, TREND_INCREASING);
		ref_asserts++;
	}
	if (strcmp(rows[0].significant, "TRUE") == 0 ||
	    strcmp(rows[0].significant, "FALSE") == 0) {
		int sig = r.marker == TREND_INCREASING ||
			  r.marker == TREND_DECREASING;

		assert_int_equal(sig, rows[0].significant[0] == 'T');
		ref_asserts++;
	}

	if (!legacy)
		want_chi2 = rows[0].chi2;
	else if (strcmp(rows[0].name, "set1_proportion") == 0)
		want_chi2 = "46.77";	/* set1_generic's, same points */
	else
		want_chi2 = wls_chi2_in_note(rows[0].source, buf, sizeof buf);
	/* set1_generic's note gives the slope ("slope +1.7516"). */
	if (!legacy && (slope = strstr(rows[0].source, "slope +")) != NULL) {
		assert_digits(r.slope, slope + strlen("slope +"));
		ref_asserts++;
	}
	if (r.marker == TREND_CANNOT_CALCULATE) {
		/* Fingertips reports chi2 = 0 with its validation message;
		 * here a trend not calculated has no statistic. */
		assert_not_calculated(&r);
		ref_asserts++;
	} else if (want_chi2 && want_chi2[0]) {
		assert_digits(r.chi2, want_chi2);
		ref_asserts++;
	}
	ref_cases++;
}

static void test_reference_cases(void **state)
{
	static struct ref_ctx c;
	char path[1024];
	size_t i, start;
	int rc;

	(void)state;
	REQUIRE_DIR(ft_refdir());
	memset(&c, 0, sizeof c);
	snprintf(path, sizeof path, "%s/trend_marker_testcases.csv",
		 ft_refdir());
	rc = csvin_read_file(path, ref_row_cb, &c, NULL);
	if (rc != 0) {
		print_error("%s: %s\n", path, c.err[0] ? c.err : "unreadable");
		ref_free(&c);
		fail();
	}
	assert_true(c.n >= 5);
	for (start = 0, i = 1; i <= c.n; i++) {
		if (i < c.n && strcmp(c.rows[i].name, c.rows[start].name) == 0)
			continue;
		check_ref_case(&c.rows[start], i - start);
		start = i;
	}
	/* The file's 7 cases (README.md): every one checked. */
	assert_int_equal(ref_cases, 7);
	print_message("trend_marker_testcases.csv: %lu cases, %lu "
		      "assertions\n", ref_cases, ref_asserts);
	ref_free(&c);
}

/* ------------------------------------------------------------------ */
/* Recent trend: series worked by hand */

static void test_trend_increasing(void **state)
{
	/* 10, 12, 14, 16, 18 with limits +-1: SE = 2/3.92 for every point,
	 * slope 2, var(slope) = SE^2/10, chi2 = 4 x 10 x 3.92^2/4 =
	 * 153.664. */
	struct stats_trend_point p[5] = {
		pt(10, 9, 11), pt(12, 11, 13), pt(14, 13, 15),
		pt(16, 15, 17), pt(18, 17, 19)
	};
	struct stats_trend_result r;
	size_t i;

	(void)state;
	assert_int_equal(stats_recent_trend(p, 5, 1, &r), STATS_OK);
	assert_int_equal(r.marker, TREND_INCREASING);
	assert_close(r.slope, 2.0, TIGHT_TOL);
	assert_close(r.chi2, 153.664, TIGHT_TOL);
	assert_int_equal(r.nused, 5);
	assert_int_equal(r.nvalid, 5);
	for (i = 0; i < 5; i++)
		assert_int_equal(r.used[i], i);
	assert_string_equal(stats_trend_label(r.marker, POLARITY_LOW_GOOD),
			    "Increasing and getting worse");
	assert_string_equal(stats_trend_label(r.marker, POLARITY_HIGH_GOOD),
			    "Increasing and getting better");
	assert_string_equal(stats_trend_label(r.marker, POLARITY_NONE),
			    "Increasing");

	/* Turned round in time: Decreasing, the same chi2. */
	for (i = 0; i < 5; i++)
		p[i] = pt(18 - 2.0 * (double)i, 17 - 2.0 * (double)i,
			  19 - 2.0 * (double)i);
	assert_int_equal(stats_recent_trend(p, 5, 1, &r), STATS_OK);
	assert_int_equal(r.marker, TREND_DECREASING);
	assert_close(r.slope, -2.0, TIGHT_TOL);
	assert_close(r.chi2, 153.664, TIGHT_TOL);

	/* Not a proportion, crude rate or DSR (or not single years). */
	assert_int_equal(stats_recent_trend(p, 5, 0, &r), STATS_OK);
	assert_not_calculated(&r);
	assert_int_equal(r.nvalid, 5);
}

static void test_trend_flat(void **state)
{
	/* 20, 20.5, 19.8, 20.2, 20, each +-2: slope -0.03, chi2 0.0086436
	 * (the sums of METHODS.md 9.3 by hand). */
	struct stats_trend_point p[5] = {
		pt(20, 18, 22), pt(20.5, 18.5, 22.5), pt(19.8, 17.8, 21.8),
		pt(20.2, 18.2, 22.2), pt(20, 18, 22)
	};
	struct stats_trend_result r;

	(void)state;
	assert_int_equal(stats_recent_trend(p, 5, 1, &r), STATS_OK);
	assert_int_equal(r.marker, TREND_NO_CHANGE);
	assert_close(r.slope, -0.03, 1e-9);
	assert_close(r.chi2, 0.0086436, 1e-9);
	assert_string_equal(stats_trend_label(r.marker, POLARITY_LOW_GOOD),
			    "No significant change");
}

static void test_trend_count_equals_denominator(void **state)
{
	/* A proportion of 1 in any valid point, even one older than the
	 * five fitted, stops the trend (FT IsPossibleDivideByZeroErrors). */
	struct stats_trend_point p[6] = {
		pt(10, 9, 11), pt(10, 9, 11), pt(12, 11, 13),
		pt(14, 13, 15), pt(16, 15, 17), pt(18, 17, 19)
	};
	struct stats_trend_result r;

	(void)state;
	p[0].count = p[0].denominator = 40;
	assert_int_equal(stats_recent_trend(p, 6, 1, &r), STATS_OK);
	assert_not_calculated(&r);
	assert_int_equal(r.nvalid, 6);
	assert_string_equal(stats_trend_label(r.marker, POLARITY_LOW_GOOD),
			    "Cannot be calculated");

	/* Not when that point is invalid (no value): then it is not one of
	 * the valid points FT checks. */
	p[0].value = NAN;
	assert_int_equal(stats_recent_trend(p, 6, 1, &r), STATS_OK);
	assert_int_equal(r.marker, TREND_INCREASING);

	/* In the latest point too. */
	p[0] = pt(10, 9, 11);
	p[5].count = p[5].denominator = 1000;
	assert_int_equal(stats_recent_trend(p, 6, 1, &r), STATS_OK);
	assert_not_calculated(&r);
}

static void test_trend_four_valid(void **state)
{
	/* Six periods; one suppressed (no value), one with no count, one
	 * with a denominator of 0: 3 valid. Then 4 valid: still too few. */
	struct stats_trend_point p[6] = {
		pt(10, 9, 11), pt(12, 11, 13), pt(14, 13, 15),
		pt(16, 15, 17), pt(18, 17, 19), pt(20, 19, 21)
	};
	struct stats_trend_result r;

	(void)state;
	p[1].value = NAN;
	p[3].count = NAN;
	p[4].denominator = 0;
	assert_int_equal(stats_recent_trend(p, 6, 1, &r), STATS_OK);
	assert_not_calculated(&r);
	assert_int_equal(r.nvalid, 3);
	p[4].denominator = 1000;
	assert_int_equal(stats_recent_trend(p, 6, 1, &r), STATS_OK);
	assert_not_calculated(&r);
	assert_int_equal(r.nvalid, 4);
	assert_int_equal(stats_recent_trend(p, 4, 1, &r), STATS_OK);
	assert_not_calculated(&r);

	/* Five valid, but one without limits: fewer than 5 to fit. */
	p[3].count = 100;
	p[2].lower95 = NAN;
	assert_int_equal(stats_recent_trend(p, 6, 1, &r), STATS_OK);
	assert_not_calculated(&r);
	assert_int_equal(r.nvalid, 5);

	/* No points at all. */
	assert_int_equal(stats_recent_trend(NULL, 0, 1, &r), STATS_OK);
	assert_not_calculated(&r);
	assert_int_equal(r.nvalid, 0);
}

static void test_trend_gap(void **state)
{
	/* Eight periods, the latest last. Period 6 is suppressed and period
	 * 4 has a value and count but no limits: the five most recent valid
	 * points with limits are 1, 2, 3, 5, 7 (FT-Next; the legacy
	 * unbroken run would stop at period 6 with only 1 point). */
	struct stats_trend_point p[8] = {
		pt(30, 28, 32), pt(29, 27.5, 30.5), pt(26, 24.8, 27.2),
		pt(25, 23, 27), pt(24, 22.5, 25.5), pt(22, 20.9, 23.1),
		pt(21, 19, 23), pt(19, 18, 20)
	};
	static const size_t want[5] = { 1, 2, 3, 5, 7 };
	struct stats_trend_result r;
	double slope, chi2;
	size_t i;

	(void)state;
	p[6].value = NAN;
	p[4].upper95 = NAN;
	assert_int_equal(stats_recent_trend(p, 8, 1, &r), STATS_OK);
	assert_int_equal(r.nvalid, 7);
	assert_int_equal(r.nused, 5);
	for (i = 0; i < 5; i++)
		assert_int_equal(r.used[i], want[i]);
	chi2 = ft_chi2(p, want, &slope);
	assert_close(r.chi2, chi2, 1e-9);
	assert_close(r.slope, slope, 1e-9);
	assert_true(chi2 > STATS_TREND_CHI2);
	assert_int_equal(r.marker, TREND_DECREASING);
	assert_string_equal(stats_trend_label(r.marker, POLARITY_LOW_GOOD),
			    "Decreasing and getting better");
	assert_string_equal(stats_trend_label(r.marker, POLARITY_HIGH_GOOD),
			    "Decreasing and getting worse");
	assert_string_equal(stats_trend_label(r.marker, POLARITY_NONE),
			    "Decreasing");
}

static void test_trend_sign_check(void **state)
{
	/* 14, 13, 12, 11 (+-1) then 30 (+-0.2): chi2 3078 on a slope of
	 * +5.49, but without the last point the slope is -1. An outlier, so
	 * No significant change. */
	struct stats_trend_point p[5] = {
		pt(14, 13, 15), pt(13, 12, 14), pt(12, 11, 13),
		pt(11, 10, 12), pt(30, 29.8, 30.2)
	};
	static const size_t all[5] = { 0, 1, 2, 3, 4 };
	struct stats_trend_result r;
	double slope;

	(void)state;
	assert_int_equal(stats_recent_trend(p, 5, 1, &r), STATS_OK);
	assert_close(r.chi2, ft_chi2(p, all, &slope), 1e-9);
	assert_close(r.slope, slope, 1e-9);
	assert_true(r.chi2 > 3000 && r.slope > 5);
	assert_int_equal(r.marker, TREND_NO_CHANGE);

	/* 10, 10, 10, 10, 20 (+-0.5): slope +2, chi2 614.656; leaving out
	 * the last point gives a slope of exactly 0, which counts as
	 * positive: Increasing. */
	p[0] = pt(10, 9.5, 10.5);
	p[1] = p[2] = p[3] = p[0];
	p[4] = pt(20, 19.5, 20.5);
	assert_int_equal(stats_recent_trend(p, 5, 1, &r), STATS_OK);
	assert_close(r.slope, 2.0, 1e-12);
	assert_close(r.chi2, 614.656, 1e-12);
	assert_int_equal(r.marker, TREND_INCREASING);

	/* Mirrored, 20, 10, 10, 10, 10: slope -2, but the zero slope
	 * without the first point counts as positive: No significant
	 * change. */
	p[0] = pt(20, 19.5, 20.5);
	p[4] = pt(10, 9.5, 10.5);
	assert_int_equal(stats_recent_trend(p, 5, 1, &r), STATS_OK);
	assert_close(r.slope, -2.0, 1e-12);
	assert_close(r.chi2, 614.656, 1e-12);
	assert_int_equal(r.marker, TREND_NO_CHANGE);
}

static void test_trend_domain(void **state)
{
	struct stats_trend_point p[5] = {
		pt(10, 9, 11), pt(12, 11, 13), pt(14, 13, 15),
		pt(16, 15, 17), pt(18, 17, 19)
	};
	struct stats_trend_result r;

	(void)state;
	p[2].upper95 = 12;		/* reversed interval */
	assert_int_equal(stats_recent_trend(p, 5, 1, &r), STATS_DOMAIN);
	assert_not_calculated(&r);
	assert_int_equal(r.nvalid, 0);
	p[2].upper95 = 13;		/* zero width: infinite weight */
	assert_int_equal(stats_recent_trend(p, 5, 1, &r), STATS_DOMAIN);
	assert_not_calculated(&r);
	p[2].upper95 = INFINITY;
	assert_int_equal(stats_recent_trend(p, 5, 1, &r), STATS_DOMAIN);
	p[2].upper95 = 15;
	p[1].count = -1;
	assert_int_equal(stats_recent_trend(p, 5, 1, &r), STATS_DOMAIN);
	p[1].count = 100;
	assert_int_equal(stats_recent_trend(p, 5, 1, &r), STATS_OK);
	assert_int_equal(r.marker, TREND_INCREASING);
	assert_int_equal(stats_recent_trend(NULL, 3, 1, &r), STATS_DOMAIN);
}

static void test_trend_labels(void **state)
{
	static const struct {
		enum stats_trend m;
		enum stats_polarity pol;
		const char *want;
	} cases[] = {
		{ TREND_INCREASING, POLARITY_LOW_GOOD,
		  "Increasing and getting worse" },
		{ TREND_DECREASING, POLARITY_LOW_GOOD,
		  "Decreasing and getting better" },
		{ TREND_INCREASING, POLARITY_HIGH_GOOD,
		  "Increasing and getting better" },
		{ TREND_DECREASING, POLARITY_HIGH_GOOD,
		  "Decreasing and getting worse" },
		{ TREND_INCREASING, POLARITY_NONE, "Increasing" },
		{ TREND_DECREASING, POLARITY_NONE, "Decreasing" },
		{ TREND_INCREASING, POLARITY_NOT_APPLICABLE, "Increasing" },
		{ TREND_DECREASING, POLARITY_NOT_APPLICABLE, "Decreasing" },
		{ TREND_NO_CHANGE, POLARITY_LOW_GOOD,
		  "No significant change" },
		{ TREND_NO_CHANGE, POLARITY_HIGH_GOOD,
		  "No significant change" },
		{ TREND_NO_CHANGE, POLARITY_NONE, "No significant change" },
		{ TREND_CANNOT_CALCULATE, POLARITY_LOW_GOOD,
		  "Cannot be calculated" },
		{ TREND_CANNOT_CALCULATE, POLARITY_HIGH_GOOD,
		  "Cannot be calculated" },
		{ TREND_CANNOT_CALCULATE, POLARITY_NONE,
		  "Cannot be calculated" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(stats_trend_label(cases[i].m,
						      cases[i].pol),
				    cases[i].want);
}

/* ------------------------------------------------------------------ */
/* Trend between two values */

static void test_trend_two(void **state)
{
	(void)state;
	/* 80 (78-82) then 75 (73-77): 78 > 77, no overlap. */
	assert_int_equal(stats_trend_two(80, 78, 82, 75, 73, 77),
			 TREND_DECREASING);
	/* 80 (78-82) then 77 (75-79): 78 <= 79, overlapping. */
	assert_int_equal(stats_trend_two(80, 78, 82, 77, 75, 79),
			 TREND_NO_CHANGE);
	/* Touching limits count as overlapping (<=). */
	assert_int_equal(stats_trend_two(80, 78, 82, 76, 74, 78),
			 TREND_NO_CHANGE);
	assert_int_equal(stats_trend_two(75, 73, 77, 80, 78, 82),
			 TREND_INCREASING);
	assert_int_equal(stats_trend_two(75, 73, 77, 80, 77, 82),
			 TREND_NO_CHANGE);
	/* The benchmark rule (9.2) would call 80 (78-82) against 75 higher;
	 * with 75's own interval 73-79 overlapping, this one does not. */
	assert_int_equal(stats_trend_two(75, 73, 79, 80, 78, 82),
			 TREND_NO_CHANGE);
	assert_int_equal(stats_trend_two(80, 78, 82, 80, 78, 82),
			 TREND_NO_CHANGE);
	assert_int_equal(stats_trend_two(NAN, 78, 82, 75, 73, 77),
			 TREND_CANNOT_CALCULATE);
	assert_int_equal(stats_trend_two(80, 78, 82, 75, NAN, 77),
			 TREND_CANNOT_CALCULATE);
	assert_int_equal(stats_trend_two(80, 82, 78, 75, 73, 77),
			 TREND_CANNOT_CALCULATE);
}

/* ------------------------------------------------------------------ */
/* Ranks and quartile bands, worked by hand */

static void test_rank(void **state)
{
	static const double v[6] = { 5, 3, NAN, 3, 9, 5 };
	static const int low[6] = { 3, 1, 0, 1, 5, 3 };
	static const int high[6] = { 2, 4, 0, 4, 1, 2 };
	static const double none[3] = { NAN, NAN, NAN };
	int r[6];
	size_t of, i;

	(void)state;
	/* Low is good: 3, 3 share 1; 5, 5 share 3; 9 is 5th. */
	assert_int_equal(stats_rank(v, 6, POLARITY_LOW_GOOD, r, &of),
			 STATS_OK);
	assert_int_equal(of, 5);
	for (i = 0; i < 6; i++)
		assert_int_equal(r[i], low[i]);
	/* High is good: 9 first, 5, 5 share 2, 3, 3 share 4. */
	assert_int_equal(stats_rank(v, 6, POLARITY_HIGH_GOOD, r, &of),
			 STATS_OK);
	assert_int_equal(of, 5);
	for (i = 0; i < 6; i++)
		assert_int_equal(r[i], high[i]);
	/* No polarity, or not applicable: no ranks. */
	assert_int_equal(stats_rank(v, 6, POLARITY_NONE, r, &of), STATS_OK);
	assert_int_equal(of, 0);
	for (i = 0; i < 6; i++)
		assert_int_equal(r[i], 0);
	assert_int_equal(stats_rank(v, 6, POLARITY_NOT_APPLICABLE, r, NULL),
			 STATS_OK);
	for (i = 0; i < 6; i++)
		assert_int_equal(r[i], 0);
	/* All missing, or nothing. */
	assert_int_equal(stats_rank(none, 3, POLARITY_LOW_GOOD, r, &of),
			 STATS_OK);
	assert_int_equal(of, 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(r[i], 0);
	assert_int_equal(stats_rank(v, 0, POLARITY_LOW_GOOD, r, &of),
			 STATS_OK);
	assert_int_equal(of, 0);
	/* A single value is 1 of 1. */
	assert_int_equal(stats_rank(v, 1, POLARITY_HIGH_GOOD, r, &of),
			 STATS_OK);
	assert_int_equal(r[0], 1);
	assert_int_equal(of, 1);
}

static void test_rank_domain(void **state)
{
	double v[3] = { 1, INFINITY, 2 };
	int r[3] = { 7, 7, 7 };
	size_t of = 9;

	(void)state;
	assert_int_equal(stats_rank(v, 3, POLARITY_LOW_GOOD, r, &of),
			 STATS_DOMAIN);
	assert_int_equal(of, 0);
	assert_int_equal(r[0] + r[1] + r[2], 0);
}

static void assert_bands(const char *got, const char *want, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (got[i] != (want[i] == '-' ? '\0' : want[i])) {
			print_error("band %zu = '%c', expected '%c'\n", i,
				    got[i] ? got[i] : '-', want[i]);
			fail();
		}
}

static void test_quartiles(void **state)
{
	static const double five[5] = { 1, 2, 3, 4, 5 };
	/* Sorted 1 1 2 3 4 5 6 9: R quantile() gives 1.75, 3.5, 5.25 and
	 * 9 (index 1 + 7p: 2.75, 4.5, 6.25, 8). */
	static const double eight[9] = { 3, 1, 4, 1, 5, 9, NAN, 2, 6 };
	static const double few[5] = { 2, NAN, 1, 3, NAN };
	double up[4];
	char b[9];

	(void)state;
	/* 1..5: cut points 2, 3, 4, 5; each upper limit inclusive. */
	assert_int_equal(stats_quartiles(five, 5, POLARITY_LOW_GOOD, b, up),
			 STATS_OK);
	assert_bands(b, "AABCD", 5);
	assert_close(up[0], 2, TIGHT_TOL);
	assert_close(up[1], 3, TIGHT_TOL);
	assert_close(up[2], 4, TIGHT_TOL);
	assert_close(up[3], 5, TIGHT_TOL);
	/* High is good: A holds the highest values; the limits by band
	 * run down from the maximum. */
	assert_int_equal(stats_quartiles(five, 5, POLARITY_HIGH_GOOD, b, up),
			 STATS_OK);
	assert_bands(b, "DDCBA", 5);
	assert_close(up[0], 5, TIGHT_TOL);
	assert_close(up[1], 4, TIGHT_TOL);
	assert_close(up[2], 3, TIGHT_TOL);
	assert_close(up[3], 2, TIGHT_TOL);

	/* Interpolated cut points, ties (1, 1) and a missing value. */
	assert_int_equal(stats_quartiles(eight, 9, POLARITY_LOW_GOOD, b, up),
			 STATS_OK);
	assert_close(up[0], 1.75, TIGHT_TOL);
	assert_close(up[1], 3.5, TIGHT_TOL);
	assert_close(up[2], 5.25, TIGHT_TOL);
	assert_close(up[3], 9, TIGHT_TOL);
	assert_bands(b, "BACACD-BD", 9);
	assert_int_equal(stats_quartiles(eight, 9, POLARITY_HIGH_GOOD, b, up),
			 STATS_OK);
	assert_bands(b, "CDBDBA-CA", 9);
	assert_close(up[0], 9, TIGHT_TOL);
	assert_close(up[3], 1.75, TIGHT_TOL);

	/* No polarity, or fewer than 4 values: no bands, NaN limits. */
	assert_int_equal(stats_quartiles(eight, 9, POLARITY_NONE, b, up),
			 STATS_OK);
	assert_bands(b, "---------", 9);
	assert_true(isnan(up[0]) && isnan(up[3]));
	assert_int_equal(stats_quartiles(eight, 9, POLARITY_NOT_APPLICABLE,
					 b, NULL), STATS_OK);
	assert_bands(b, "---------", 9);
	assert_int_equal(stats_quartiles(few, 5, POLARITY_LOW_GOOD, b, up),
			 STATS_OK);
	assert_bands(b, "-----", 5);
	assert_true(isnan(up[1]));
	/* Exactly 4 values: h = 0.75, 1.5, 2.25 -> 1.75, 2.5, 3.25, 4. */
	assert_int_equal(stats_quartiles(five, 4, POLARITY_LOW_GOOD, b, up),
			 STATS_OK);
	assert_bands(b, "ABCD", 4);
	assert_close(up[0], 1.75, TIGHT_TOL);
	assert_close(up[1], 2.5, TIGHT_TOL);
	assert_close(up[2], 3.25, TIGHT_TOL);
	/* All equal: every value sits on the first cut point: all A. */
	{
		static const double flat[4] = { 7, 7, 7, 7 };

		assert_int_equal(stats_quartiles(flat, 4, POLARITY_LOW_GOOD,
						 b, up), STATS_OK);
		assert_bands(b, "AAAA", 4);
		assert_int_equal(stats_quartiles(flat, 4, POLARITY_HIGH_GOOD,
						 b, up), STATS_OK);
		assert_bands(b, "DDDD", 4);
	}
	{
		double inf[4] = { 1, 2, -INFINITY, 4 };

		assert_int_equal(stats_quartiles(inf, 4, POLARITY_LOW_GOOD, b,
						 up), STATS_DOMAIN);
		assert_bands(b, "----", 4);
		assert_true(isnan(up[2]));
	}
}

/* ------------------------------------------------------------------ */
/* The real OHID Fingertips extracts (METHODS.md 9.6) */

struct ft_row {
	char *key;		/* parent, area, sex, age, category type and
				 * category: one series */
	char *area, *name, *sex, *cat_type, *period, *trend, *cmp;
	long sortable;
	int one_year;
	double value, l95, u95, l998, u998, count, den;
	int dp[7];		/* decimals published, value .. den */
	unsigned long line;
};

enum {
	C_PARENT, C_AREA, C_NAME, C_SEX, C_AGE, C_CATTYPE, C_CAT, C_PERIOD,
	C_SORTABLE, C_VALUE, C_L95, C_U95, C_L998, C_U998, C_COUNT, C_DEN,
	C_TREND, C_CMP, C_RANGE, C_NCOLS
};

static const char *const ft_cols[C_NCOLS] = {
	"Parent Code", "Area Code", "Area Name", "Sex", "Age",
	"Category Type", "Category", "Time period", "Time period Sortable",
	"Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit",
	"Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator",
	"Recent Trend", "Compared to England value or percentiles",
	"Time period range"
};

/* A cell as Fingertips' web page shows "no data", found in an export. */
#define NO_DATA_HTML "<div class=\"no-data\">-</div>"

struct ft_file {
	int col[C_NCOLS];
	unsigned long no_data_html;
	struct ft_row *rows;
	size_t n, alloc;
	char err[200];
};

static int ft_row_cb(const struct csvin_record *r, void *vctx)
{
	struct ft_file *f = vctx;
	struct ft_row *row;
	double *num[7], sortable;
	const char *key_parts[6];
	char key[1024];
	int i;

	if (r->recno == 1) {
		for (i = 0; i < C_NCOLS; i++) {
			f->col[i] = csvin_find(r, ft_cols[i]);
			/* The 2022/23 exports spell it AreaName. */
			if (f->col[i] < 0 && i == C_NAME)
				f->col[i] = csvin_find(r, "AreaName");
			if (f->col[i] < 0) {
				snprintf(f->err, sizeof f->err,
					 "no column '%s'", ft_cols[i]);
				return -2;
			}
		}
		return 0;
	}
	for (i = 0; i < C_NCOLS; i++)
		if ((size_t)f->col[i] >= r->nfields) {
			snprintf(f->err, sizeof f->err, "line %lu: %zu fields",
				 r->line, r->nfields);
			return -2;
		}
	if (f->n == f->alloc) {
		size_t na = f->alloc ? 2 * f->alloc : 1024;
		struct ft_row *p = realloc(f->rows, na * sizeof *p);

		if (!p) {
			snprintf(f->err, sizeof f->err, "out of memory");
			return -2;
		}
		f->rows = p;
		f->alloc = na;
	}
	row = &f->rows[f->n];
	memset(row, 0, sizeof *row);
	num[0] = &row->value;
	num[1] = &row->l95;
	num[2] = &row->u95;
	num[3] = &row->l998;
	num[4] = &row->u998;
	num[5] = &row->count;
	num[6] = &row->den;
	for (i = 0; i < 7; i++) {
		const char *s = r->fields[f->col[C_VALUE + i]].ptr;

		/* la_hospital_admissions_2223.csv has 7 counts exported as
		 * web-page markup for "no data". */
		if (strcmp(s, NO_DATA_HTML) == 0) {
			*num[i] = NAN;
			f->no_data_html++;
			continue;
		}
		row->dp[i] = decimals(s);
		if (parse_num(s, num[i]) != 0) {
			snprintf(f->err, sizeof f->err, "line %lu: '%s' is "
				 "not a number", r->line, s);
			return -2;
		}
	}
	if (parse_num(r->fields[f->col[C_SORTABLE]].ptr, &sortable) != 0 ||
	    isnan(sortable)) {
		snprintf(f->err, sizeof f->err, "line %lu: bad sortable "
			 "period", r->line);
		return -2;
	}
	row->sortable = (long)sortable;
	row->one_year = strcmp(r->fields[f->col[C_RANGE]].ptr, "1y") == 0;
	key_parts[0] = r->fields[f->col[C_PARENT]].ptr;
	key_parts[1] = r->fields[f->col[C_AREA]].ptr;
	key_parts[2] = r->fields[f->col[C_SEX]].ptr;
	key_parts[3] = r->fields[f->col[C_AGE]].ptr;
	key_parts[4] = r->fields[f->col[C_CATTYPE]].ptr;
	key_parts[5] = r->fields[f->col[C_CAT]].ptr;
	snprintf(key, sizeof key, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s",
		 key_parts[0], key_parts[1], key_parts[2], key_parts[3],
		 key_parts[4], key_parts[5]);
	row->key = xstrdup(key);
	row->area = xstrdup(key_parts[1]);
	row->name = xstrdup(r->fields[f->col[C_NAME]].ptr);
	row->sex = xstrdup(key_parts[2]);
	row->cat_type = xstrdup(key_parts[4]);
	row->period = xstrdup(r->fields[f->col[C_PERIOD]].ptr);
	row->trend = xstrdup(r->fields[f->col[C_TREND]].ptr);
	row->cmp = xstrdup(r->fields[f->col[C_CMP]].ptr);
	row->line = r->line;
	f->n++;
	return 0;
}

static void ft_free(struct ft_file *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		struct ft_row *r = &f->rows[i];

		free(r->key);
		free(r->area);
		free(r->name);
		free(r->sex);
		free(r->cat_type);
		free(r->period);
		free(r->trend);
		free(r->cmp);
	}
	free(f->rows);
	memset(f, 0, sizeof *f);
}

/* Series, then time. */
static int cmp_series(const void *a, const void *b)
{
	const struct ft_row *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return (x->sortable > y->sortable) - (x->sortable < y->sortable);
}

/* England's own row (not a deprivation decile of England). */
static int is_england_total(const struct ft_row *r)
{
	return strcmp(r->area, ENGLAND) == 0 && r->cat_type[0] == '\0';
}

/* Figures for the summary printed after the tests. */
struct real_stats {
	char file[64];
	unsigned long rows, ci_exact, ci_rounded, ci_rounded_exact, cmp_n,
		      cmp_ok, trend_n, trend_ok, trend_mirror, trend_other,
		      no_data_html;
	double max_rel;		/* limits from an exact count */
	int trend_checked, swapped;
	unsigned long nassert;	/* comparisons made against the file */
};

#define REAL_MAX 16
static struct real_stats real[REAL_MAX];
static size_t nreal;

/* Files known to carry a defect in their Recent Trend column: Increasing
 * and Decreasing swapped at source (METHODS.md 9.6). */
static int trend_swapped_at_source(const char *file)
{
	return strcmp(file, "la_hospital_admissions_2324.csv") == 0;
}

/*
 * The published limits of one row. Before 2012/13 the count is exact
 * and the limits are reproduced to REAL_TOL. From 2012/13 HES counts
 * are published rounded to 5 while the limits use the true count,
 * within 2 of it: the published limits must lie between those from
 * count - 2 and count + 2 (each limit rises with the count).
 */
static void check_limits(const struct ft_row *r, struct real_stats *s)
{
	static const double level[2] = { 0.95, 0.998 };
	const double pub[2][2] = { { r->l95, r->u95 }, { r->l998, r->u998 } };
	struct stats_ci ci, lo, hi;
	int k, j, exact = r->sortable < 20120000, all_close = 1;

	/* The published value is published count / denominator, to the
	 * decimals published (7 in the 2023/24 files, 4 in 2022/23), within
	 * one unit of the last: the 2022/23 exports round twice
	 * (610 / 49720 = 122.6870475 -> 122.68705 -> 122.6871). */
	assert_int_equal(stats_rate(r->count, r->den, 10000, 0.95, &ci),
			 STATS_OK);
	s->nassert++;
	if (!(fabs(ci.value - r->value) <= 2 * half_unit(r->dp[0]))) {
		print_error("line %lu %s %s: value %.10g, published %.10g\n",
			    r->line, r->name, r->period, ci.value, r->value);
		fail();
	}
	if (isnan(r->l95) && isnan(r->u95))
		return;
	for (k = 0; k < 2; k++) {
		if (isnan(pub[k][0]) && isnan(pub[k][1]))
			continue;
		assert_int_equal(stats_rate(r->count, r->den, 10000, level[k],
					    &ci), STATS_OK);
		for (j = 0; j < 2; j++) {
			double got = j ? ci.upper : ci.lower;
			double e = rel_err(got, pub[k][j]);

			if (!(e <= REAL_TOL))
				all_close = 0;
			if (exact) {
				if (!(e <= REAL_TOL))
					print_error("line %lu %s %s: limit "
						    "%.10g, published %.10g\n",
						    r->line, r->name,
						    r->period, got,
						    pub[k][j]);
				assert_true(e <= REAL_TOL);
				s->nassert++;
				if (e > s->max_rel)
					s->max_rel = e;
			}
		}
		if (exact)
			continue;
		assert_int_equal(stats_rate(fmax(r->count - 2, 0), r->den,
					    10000, level[k], &lo), STATS_OK);
		assert_int_equal(stats_rate(r->count + 2, r->den, 10000,
					    level[k], &hi), STATS_OK);
		for (j = 0; j < 2; j++) {
			double a = j ? lo.upper : lo.lower;
			double b = j ? hi.upper : hi.lower;
			double p = pub[k][j];
			/* The published digits' own rounding, done twice
			 * in 2022/23 (42.29004722 -> 42.2901): one unit. */
			double slack = fmax(REAL_TOL * fabs(p), 2 *
					    half_unit(r->dp[1 + 2 * k + j]));

			s->nassert++;
			if (!(p >= a - slack && p <= b + slack)) {
				print_error("line %lu %s %s: published limit "
					    "%.10g outside %.10g..%.10g "
					    "(count %g +- 2)\n", r->line,
					    r->name, r->period, p, a, b,
					    r->count);
				fail();
			}
		}
	}
	if (exact)
		s->ci_exact++;
	else {
		s->ci_rounded++;
		if (all_close)
			s->ci_rounded_exact++;
	}
}

/* England's own rows of a file, to look a benchmark up in. */
struct bench {
	const struct ft_row **rows;
	size_t n;
};

static void bench_collect(const struct ft_file *f, struct bench *b)
{
	size_t i;

	b->n = 0;
	b->rows = calloc(f->n ? f->n : 1, sizeof *b->rows);
	assert_non_null(b->rows);
	for (i = 0; i < f->n; i++)
		if (is_england_total(&f->rows[i]) && !isnan(f->rows[i].value))
			b->rows[b->n++] = &f->rows[i];
}

/* "Compared to England" by the 95% rule, low is good, against England's
 * own value for the same period and sex (deprivation deciles of England
 * included; England's own rows skipped: some say Similar, some Not
 * compared). */
static void check_cmp(const struct bench *b, const struct ft_row *r,
		      struct real_stats *s)
{
	double bench = NAN;
	const char *got;
	size_t i;

	if (is_england_total(r) || r->cmp[0] == '\0')
		return;
	for (i = 0; i < b->n; i++)
		if (b->rows[i]->sortable == r->sortable &&
		    strcmp(b->rows[i]->sex, r->sex) == 0) {
			bench = b->rows[i]->value;
			break;
		}
	got = stats_cmp_label(stats_compare(r->value, r->l95, r->u95, bench,
					    POLARITY_LOW_GOOD));
	s->cmp_n++;
	s->nassert++;
	if (strcmp(got, r->cmp) != 0) {
		print_error("line %lu %s %s %s: compared to England '%s', "
			    "published '%s'\n", r->line, r->name, r->sex,
			    r->period, got, r->cmp);
		fail();
	}
	s->cmp_ok++;
}

/* The label of the opposite direction, for the swapped-label count. */
static const char *mirror_label(enum stats_trend m)
{
	if (m == TREND_INCREASING)
		return stats_trend_label(TREND_DECREASING, POLARITY_LOW_GOOD);
	if (m == TREND_DECREASING)
		return stats_trend_label(TREND_INCREASING, POLARITY_LOW_GOOD);
	return NULL;
}

/*
 * The Recent Trend of every row that has one, from its series up to that
 * row (rows[first..i], sorted by time). Indicator 90284 is a crude rate,
 * so eligible whenever the periods are single years.
 */
static void check_trends(struct ft_row *rows, size_t first, size_t last,
			 struct real_stats *s, struct stats_trend_point *pts)
{
	struct stats_trend_result tr;
	size_t i, k;

	for (i = first; i < last; i++) {
		const char *got, *mirror;

		if (rows[i].trend[0] == '\0')
			continue;
		for (k = first; k <= i; k++) {
			pts[k - first].value = rows[k].value;
			pts[k - first].lower95 = rows[k].l95;
			pts[k - first].upper95 = rows[k].u95;
			pts[k - first].count = rows[k].count;
			pts[k - first].denominator = rows[k].den;
		}
		assert_int_equal(stats_recent_trend(pts, i - first + 1,
						    rows[i].one_year, &tr),
				 STATS_OK);
		got = stats_trend_label(tr.marker, POLARITY_LOW_GOOD);
		mirror = mirror_label(tr.marker);
		s->trend_n++;
		s->nassert++;
		if (strcmp(got, rows[i].trend) == 0) {
			s->trend_ok++;
			continue;
		}
		if (mirror && strcmp(mirror, rows[i].trend) == 0)
			s->trend_mirror++;
		else
			s->trend_other++;
		if (!s->swapped)
			print_error("line %lu %s %s %s %s: trend '%s' "
				    "(chi2 %.4g), published '%s'\n",
				    rows[i].line, rows[i].name, rows[i].sex,
				    rows[i].cat_type, rows[i].period, got,
				    tr.chi2, rows[i].trend);
	}
}

static void check_real_file(const char *dir, const char *name)
{
	static struct ft_file f;
	struct bench b;
	struct real_stats *s;
	struct stats_trend_point *pts;
	char path[1024];
	size_t i, first, periods_max = 0;

	assert_true(nreal < REAL_MAX);
	s = &real[nreal++];
	memset(s, 0, sizeof *s);
	snprintf(s->file, sizeof s->file, "%s", name);
	s->swapped = trend_swapped_at_source(name);
	memset(&f, 0, sizeof f);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (csvin_read_file(path, ft_row_cb, &f, NULL) != 0) {
		print_error("%s: %s\n", path, f.err[0] ? f.err : "unreadable");
		ft_free(&f);
		fail();
	}
	s->rows = f.n;
	s->no_data_html = f.no_data_html;
	assert_true(f.n > 0);

	bench_collect(&f, &b);
	for (i = 0; i < f.n; i++) {
		if (!isnan(f.rows[i].count) && !isnan(f.rows[i].den))
			check_limits(&f.rows[i], s);
		check_cmp(&b, &f.rows[i], s);
	}
	free(b.rows);

	qsort(f.rows, f.n, sizeof *f.rows, cmp_series);
	for (first = 0, i = 1; i <= f.n; i++)
		if (i == f.n || strcmp(f.rows[i].key, f.rows[first].key)) {
			/* One period per series and key: within a series,
			 * periods must not repeat. */
			for (size_t k = first + 1; k < i; k++)
				assert_true(f.rows[k].sortable >
					    f.rows[k - 1].sortable);
			if (i - first > periods_max)
				periods_max = i - first;
			first = i;
		}
	/* A file holding a single period has none of the history its trend
	 * labels were computed from. */
	s->trend_checked = periods_max >= STATS_TREND_POINTS;
	if (s->trend_checked) {
		pts = calloc(periods_max, sizeof *pts);
		assert_non_null(pts);
		for (first = 0, i = 1; i <= f.n; i++)
			if (i == f.n ||
			    strcmp(f.rows[i].key, f.rows[first].key)) {
				check_trends(f.rows, first, i, s, pts);
				first = i;
			}
		free(pts);
	}
	ft_free(&f);

	if (!s->trend_checked)
		return;
	if (!s->swapped) {
		assert_int_equal(s->trend_ok, s->trend_n);
		return;
	}
	/* The defect must show: many labels disagree, and the large
	 * majority of those say the opposite direction of the data. */
	assert_true(s->trend_n > 0);
	assert_true(s->trend_mirror + s->trend_other >= s->trend_n / 4);
	assert_true(s->trend_mirror * 10 >= 9 * (s->trend_mirror +
						 s->trend_other));
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_real_fingertips(void **state)
{
	const char *dir = realdir();
	char *names[64];
	size_t n = 0, i;
	struct dirent *de;
	DIR *d;

	(void)state;
	REQUIRE_DIR(dir);
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len > 4 && strcmp(de->d_name + len - 4, ".csv") == 0 &&
		    n < sizeof names / sizeof names[0])
			names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof names[0], name_cmp);
	if (n == 0) {
		print_message("skipped: no .csv in '%s'\n", dir);
		skip();
	}
	for (i = 0; i < n; i++) {
		char *name = names[i];

		names[i] = NULL;
		check_real_file(dir, name);
		free(name);
	}
}

static void print_real_summary(void)
{
	unsigned long rows = 0, limits = 0, cmp = 0, trend = 0, nassert = 0;
	double max_rel = 0;
	size_t i;

	for (i = 0; i < nreal; i++) {
		const struct real_stats *s = &real[i];

		print_message("%s: %lu rows; limits %lu exact (largest "
			      "relative error %.3g), %lu from counts rounded "
			      "to 5 within count +- 2 (%lu also to %.0e); "
			      "compared to England %lu/%lu\n", s->file,
			      s->rows, s->ci_exact, s->max_rel,
			      s->ci_rounded, s->ci_rounded_exact, REAL_TOL,
			      s->cmp_ok, s->cmp_n);
		if (s->no_data_html)
			print_message("  %lu cells hold the markup '%s', read "
				      "as missing\n", s->no_data_html,
				      NO_DATA_HTML);
		if (!s->trend_checked)
			print_message("  recent trend: not checked, one "
				      "period in the file\n");
		else if (s->swapped)
			print_message("  recent trend: %lu/%lu reproduced; of "
				      "the %lu that differ, %lu are the mirror "
				      "image (the file's swapped labels), %lu "
				      "other\n", s->trend_ok, s->trend_n,
				      s->trend_mirror + s->trend_other,
				      s->trend_mirror, s->trend_other);
		else
			print_message("  recent trend: %lu/%lu reproduced\n",
				      s->trend_ok, s->trend_n);
		print_message("  %lu assertions\n", s->nassert);
		rows += s->rows;
		nassert += s->nassert;
		limits += s->ci_exact + s->ci_rounded;
		cmp += s->cmp_ok;
		trend += s->trend_ok;
		if (s->max_rel > max_rel)
			max_rel = s->max_rel;
	}
	if (nreal)
		print_message("real data: %lu rows, %lu with limits checked "
			      "(largest relative error %.3g), %lu comparison "
			      "and %lu trend labels reproduced; %lu "
			      "assertions\n", rows, limits, max_rel, cmp,
			      trend, nassert);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_cases),
		cmocka_unit_test(test_trend_increasing),
		cmocka_unit_test(test_trend_flat),
		cmocka_unit_test(test_trend_count_equals_denominator),
		cmocka_unit_test(test_trend_four_valid),
		cmocka_unit_test(test_trend_gap),
		cmocka_unit_test(test_trend_sign_check),
		cmocka_unit_test(test_trend_domain),
		cmocka_unit_test(test_trend_labels),
		cmocka_unit_test(test_trend_two),
		cmocka_unit_test(test_rank),
		cmocka_unit_test(test_rank_domain),
		cmocka_unit_test(test_quartiles),
		cmocka_unit_test(test_real_fingertips),
	};
	int failed;

	stats_init();
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	print_real_summary();
	return failed;
}
