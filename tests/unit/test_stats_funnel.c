/* test_stats_funnel.c - known-answer tests for stats_funnel.c
 * (../shared/METHODS.md 7 and 8).
 *
 * Every expected value comes from outside stats_funnel.c:
 *  - the PHEindicatormethods expected-value tables, read at run time from
 *    ../shared/reference/pheindicatormethods/ (the tests run from the
 *    project root; JSNA_PIM_REFDIR overrides the folder). When the folder
 *    is absent those tests are skipped, with a message. The funnel tables
 *    are stored rounded, so a value passes within 1e-9 relative or half a
 *    unit of its last stored digit, whichever is wider;
 *  - cases worked by hand here (quantiles of small vectors, exp(-x) for
 *    the exact Poisson bounds of O = 0) and identities checked through
 *    stats.c (a proportion limit is where the Wilson interval touches the
 *    average; poisson_funnel is near the exact chi-square quantile).
 * Doubles are never compared with ==.
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
#include "jsna/stats_funnel.h"

#define REF_TOL 1e-9		/* the reference tables (METHODS.md 11) */
#define TIGHT_TOL 1e-14		/* closed forms worked by hand */
#define BISECT_TOL 2e-6		/* a funnel limit against the exact one */

/* ------------------------------------------------------------------ */
/* Comparing doubles */

#include "assertnum.h"

/* A whole number, exactly (x axis positions). */
#define assert_whole(got, want) \
	assert_close_at((got), (double)(want), 0.0, #got, __FILE__, __LINE__)

#define assert_label(got, want) \
	assert_string_equal(stats_funnel_label(got), (want))

static void assert_funnel_nan(const struct stats_funnel *f)
{
	assert_true(isnan(f->baseline) && isnan(f->average));
	for (int j = 0; j < STATS_FUNNEL_POINTS; j++) {
		const struct stats_funnel_row *r = &f->row[j];

		assert_true(isnan(r->x) && isnan(r->lower2) &&
			    isnan(r->upper2) && isnan(r->lower3) &&
			    isnan(r->upper3) && isnan(r->at_lower2) &&
			    isnan(r->at_upper2) && isnan(r->at_lower3) &&
			    isnan(r->at_upper3));
	}
}

/* ------------------------------------------------------------------ */
/* Reference files: largest error and number of assertions per file */

struct ref_file {
	const char *name;
	double max_rel;		/* largest relative error */
	double max_share;	/* largest error / half the stored unit */
	unsigned long nassert;
	int exact;		/* labels or quantiles: matched exactly */
};

enum {
	RF_QUANT, RF_PROP_SIG, RF_PROP_LIM, RF_PROP_AXIS, RF_RATIO_SIG,
	RF_RATIO_LIM, RF_RATE_SIG, RF_RATE_POINTS, RF_RATE_DSR,
	RF_RATE_LT10, RF_RATE_ZERO
};

static struct ref_file ref_files[] = {
	[RF_QUANT] = { .name = "quantiles_expected.csv" },
	[RF_PROP_SIG] = { .name = "funnel_prop_inputs_significance.csv" },
	[RF_PROP_LIM] = { .name = "funnel_prop_limits_expected.csv" },
	[RF_PROP_AXIS] = {
		.name = "funnel_prop_limits_axis_variation_expected.csv" },
	[RF_RATIO_SIG] = { .name = "funnel_ratio_inputs_significance.csv" },
	[RF_RATIO_LIM] = { .name = "funnel_ratio_limits_expected.csv" },
	[RF_RATE_SIG] = { .name = "funnel_rate_inputs_significance.csv" },
	[RF_RATE_POINTS] = { .name = "funnel_rate_limits_input.csv" },
	[RF_RATE_DSR] = { .name = "funnel_rate_limits_expected_dsr.csv" },
	[RF_RATE_LT10] = {
		.name = "funnel_rate_limits_expected_crude_lt10.csv" },
	[RF_RATE_ZERO] = {
		.name = "funnel_rate_limits_expected_crude_zero_"
			"with_denom.csv" },
};


/* Half a unit of the last digit written in s ("5.571644585" -> 5e-10,
 * "1.5e-05" -> 5e-7); 0 for a whole number written without a point,
 * which is taken as exact. */
static double half_unit(const char *s)
{
	const char *p = strchr(s, '.'), *e = strpbrk(s, "eE");
	long ex = e ? strtol(e + 1, NULL, 10) : 0;
	long dec = 0;

	if (!p && !e)
		return 0.0;
	if (p)
		for (p++; *p >= '0' && *p <= '9'; p++)
			dec++;
	return 0.5 * pow(10.0, (double)(ex - dec));
}

/* got against the value stored as the text want_s: within REF_TOL
 * relative or half a stored unit. Records the largest errors. */
static void assert_stored_at(struct ref_file *rf, double got,
			     const char *want_s, const char *what,
			     unsigned long line, const char *file, int srcline)
{
	double want = strcmp(want_s, "NA") == 0 || *want_s == '\0' ? NAN :
		      strtod(want_s, NULL);
	double e = rel_err(got, want), half = half_unit(want_s);
	double diff = fabs(got - want);

	rf->nassert++;
	if (e > rf->max_rel && isfinite(e))
		rf->max_rel = e;
	if (half > 0.0 && diff / half > rf->max_share)
		rf->max_share = diff / half;
	if (!(e <= REF_TOL) && !(diff <= half * (1.0 + 1e-6))) {
		print_error("%s line %lu: %s = %.17g, expected %s (relative "
			    "error %.3g)\n", rf->name, line, what, got,
			    want_s, e);
		_fail(file, srcline);
	}
}

#define assert_stored(rf, got, want_s, line) \
	assert_stored_at((rf), (got), (want_s), #got, (line), __FILE__, \
			 __LINE__)

/* An exact match: a label or a quantile. */
static void assert_ref_str_at(struct ref_file *rf, const char *got,
			      const char *want, unsigned long line,
			      const char *file, int srcline)
{
	rf->nassert++;
	rf->exact = 1;
	if (strcmp(got, want) != 0) {
		print_error("%s line %lu: got '%s', expected '%s'\n",
			    rf->name, line, got, want);
		_fail(file, srcline);
	}
}

#define assert_ref_str(rf, got, want, line) \
	assert_ref_str_at((rf), (got), (want), (line), __FILE__, __LINE__)

/* ------------------------------------------------------------------ */
/* A tiny CSV reader: one record a line, fields split on commas, double
 * quotes around a field allowed ("" inside is a quote). Enough for the
 * reference tables, which have no embedded newlines. */

#include "refcsv.h"


/* ------------------------------------------------------------------ */
/* Input tables held in memory */

#define MAXROWS 1100
#define MAXCOLS 16

struct table {
	size_t n;
	int ncol;
	double col[MAXCOLS][MAXROWS];
	char str[MAXROWS][64];		/* one text column, if asked */
};

/* Loads the named numeric columns (a NULL-terminated list) and, when
 * strcol is set, one text column, from a reference file. */
static void table_load(struct table *t, const char *file,
		       const char *const *cols, const char *strcol)
{
	struct csv c;
	int idx[MAXCOLS], sidx = -1;

	memset(t, 0, sizeof *t);
	csv_open(&c, file);
	for (t->ncol = 0; cols[t->ncol]; t->ncol++) {
		assert_true(t->ncol < MAXCOLS);
		idx[t->ncol] = csv_col(&c, cols[t->ncol]);
	}
	if (strcol)
		sidx = csv_col(&c, strcol);
	while (csv_next(&c)) {
		assert_true(t->n < MAXROWS);
		for (int k = 0; k < t->ncol; k++)
			t->col[k][t->n] = csv_number(&c, idx[k]);
		if (sidx >= 0) {
			assert_true(strlen(csv_str(&c, sidx)) <
				    sizeof t->str[0]);
			strcpy(t->str[t->n], csv_str(&c, sidx));
		}
		t->n++;
	}
	csv_close(&c);
}

/* The limit columns of an expected funnel table, in stats_funnel_row
 * order: lower2, upper2, lower3, upper3 and, where the table has them,
 * at_lower2 .. at_upper3. */
struct funnel_cols {
	const char *x;
	const char *lim[4];
	const char *at[4];		/* NULL: not in this table */
	const char *baseline;		/* NULL: not in this table */
};

/* Compares a funnel table row by row with an expected file. */
static void check_funnel(struct ref_file *rf, const struct stats_funnel *f,
			 const struct funnel_cols *fc)
{
	struct csv c;
	int cx, cl[4], ca[4], cb = -1;
	unsigned long rows = 0;

	csv_open(&c, rf->name);
	cx = csv_col(&c, fc->x);
	for (int k = 0; k < 4; k++) {
		cl[k] = csv_col(&c, fc->lim[k]);
		ca[k] = fc->at[k] ? csv_col(&c, fc->at[k]) : -1;
	}
	if (fc->baseline)
		cb = csv_col(&c, fc->baseline);
	while (csv_next(&c)) {
		const struct stats_funnel_row *r;

		assert_true(rows < STATS_FUNNEL_POINTS);
		r = &f->row[rows++];
		assert_stored(rf, r->x, csv_str(&c, cx), c.lineno);
		assert_stored(rf, r->lower2, csv_str(&c, cl[0]), c.lineno);
		assert_stored(rf, r->upper2, csv_str(&c, cl[1]), c.lineno);
		assert_stored(rf, r->lower3, csv_str(&c, cl[2]), c.lineno);
		assert_stored(rf, r->upper3, csv_str(&c, cl[3]), c.lineno);
		if (ca[0] >= 0) {
			assert_stored(rf, r->at_lower2, csv_str(&c, ca[0]),
				      c.lineno);
			assert_stored(rf, r->at_upper2, csv_str(&c, ca[1]),
				      c.lineno);
			assert_stored(rf, r->at_lower3, csv_str(&c, ca[2]),
				      c.lineno);
			assert_stored(rf, r->at_upper3, csv_str(&c, ca[3]),
				      c.lineno);
		}
		if (cb >= 0)
			assert_stored(rf, f->baseline, csv_str(&c, cb),
				      c.lineno);
	}
	csv_close(&c);
	assert_int_equal(rows, STATS_FUNNEL_POINTS);
}

/* ------------------------------------------------------------------ */
/* Quantiles worked by hand */

static void test_quantiles_hand(void **state)
{
	static const double v[] = { 5, 3, 9, 1, NAN };
	static const int direct[] = { 2, 1, 2, 1, 0 };
	static const int inverted[] = { 1, 2, 1, 2, 0 };
	/* N = 17, q = 7, invert: the top value has rank 1 and
	 * (18 - 1) / (17 / 7.) rounds to 7.000000000000001, so ceiling 8
	 * and quantile 0, which PIM reads as 1. The rest by hand:
	 * rank r -> floor(8 - ceiling((18 - r) 7 / 17)). */
	static const int q17[] = { 7, 7, 6, 6, 5, 5, 5, 4, 4, 3, 3, 3, 2, 2,
				   1, 1, 1 };
	double seq[17], ties[] = { 1, 1, 1, 2 }, deciles[10];
	int out[17];

	(void)state;
	assert_int_equal(stats_quantiles(v, 5, 2, 0, out), STATS_OK);
	assert_memory_equal(out, direct, sizeof direct);
	assert_int_equal(stats_quantiles(v, 5, 2, 1, out), STATS_OK);
	assert_memory_equal(out, inverted, sizeof inverted);

	for (int i = 0; i < 17; i++)
		seq[i] = i + 1;
	assert_int_equal(stats_quantiles(seq, 17, 7, 1, out), STATS_OK);
	assert_memory_equal(out, q17, sizeof q17);

	/* ties take the smallest rank: three 1s rank 1, the 2 rank 4 */
	assert_int_equal(stats_quantiles(ties, 4, 2, 0, out), STATS_OK);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 1);
	assert_int_equal(out[2], 1);
	assert_int_equal(out[3], 2);
	/* inverted, the 2 has rank 1 and the three 1s rank 2: with N / q
	 * = 2, ceiling(4 / 2) = ceiling(3 / 2) = 2, so all are quantile 1 */
	assert_int_equal(stats_quantiles(ties, 4, 2, 1, out), STATS_OK);
	for (int i = 0; i < 4; i++)
		assert_int_equal(out[i], 1);

	/* ten values into deciles: one each */
	for (int i = 0; i < 10; i++)
		deciles[i] = 0.5 * (10 - i);
	assert_int_equal(stats_quantiles(deciles, 10, 10, 0, out), STATS_OK);
	for (int i = 0; i < 10; i++)
		assert_int_equal(out[i], 10 - i);
	assert_int_equal(stats_quantiles(deciles, 10, 10, 1, out), STATS_OK);
	for (int i = 0; i < 10; i++)
		assert_int_equal(out[i], i + 1);
}

static void test_quantiles_edges(void **state)
{
	double v[] = { 4, NAN, 2, 8 }, inf[] = { 1, INFINITY, 3 };
	double nan3[] = { NAN, NAN, NAN };
	int out[4] = { 9, 9, 9, 9 };

	(void)state;
	/* 3 values for 4 quantiles: all NA, as PIM with its warning */
	assert_int_equal(stats_quantiles(v, 4, 4, 1, out), STATS_MISSING);
	for (int i = 0; i < 4; i++)
		assert_int_equal(out[i], 0);
	assert_int_equal(stats_quantiles(v, 4, 3, 0, out), STATS_OK);
	assert_int_equal(out[0], 2);
	assert_int_equal(out[1], 0);
	assert_int_equal(out[2], 1);
	assert_int_equal(out[3], 3);
	assert_int_equal(stats_quantiles(nan3, 3, 1, 1, out), STATS_MISSING);
	assert_int_equal(stats_quantiles(v, 0, 1, 1, out), STATS_MISSING);
	assert_int_equal(stats_quantiles(v, 4, 0, 1, out), STATS_DOMAIN);
	assert_int_equal(out[0], 0);
	assert_int_equal(stats_quantiles(v, 4, -3, 1, out), STATS_DOMAIN);
	assert_int_equal(stats_quantiles(inf, 3, 1, 1, out), STATS_DOMAIN);
	assert_int_equal(stats_quantiles(NULL, 3, 1, 1, out), STATS_DOMAIN);
	assert_int_equal(stats_quantiles(v, 4, 1, 1, NULL), STATS_DOMAIN);
	/* one quantile: everything in it */
	assert_int_equal(stats_quantiles(v, 4, 1, 1, out), STATS_OK);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 0);
	assert_int_equal(out[3], 1);
}

/* ------------------------------------------------------------------ */
/* Quantiles: quantiles_expected.csv */

#define QROWS 1100

struct qrow {
	char set[16];		/* GroupSet */
	char key[128];		/* the group within the set */
	double value;
	int invert;		/* from Polarity */
	int want;		/* QuantileInGrp, 0 = NA */
	unsigned long line;
};

static struct qrow qrows[QROWS];

/* Runs stats_quantiles on every group of set and compares. */
static void check_quantile_set(struct ref_file *rf, size_t nrows,
			       const char *set, int nq, int by_polarity)
{
	static double v[QROWS];
	static int out[QROWS];
	static size_t at[QROWS];
	static char done[QROWS];
	size_t i, j, m;

	memset(done, 0, sizeof done);
	for (i = 0; i < nrows; i++) {
		int invert, st, any_na = 0, all_na = 1;
		char got[16], want[16];

		if (done[i] || strcmp(qrows[i].set, set) != 0)
			continue;
		invert = by_polarity ? qrows[i].invert : 1;
		for (j = i, m = 0; j < nrows; j++) {
			if (done[j] || strcmp(qrows[j].set, set) != 0 ||
			    strcmp(qrows[j].key, qrows[i].key) != 0)
				continue;
			/* PIM errors when invert varies in a group */
			if (by_polarity)
				assert_int_equal(qrows[j].invert, invert);
			done[j] = 1;
			at[m] = j;
			v[m++] = qrows[j].value;
		}
		st = stats_quantiles(v, m, nq, invert, out);
		for (j = 0; j < m; j++) {
			const struct qrow *r = &qrows[at[j]];

			snprintf(got, sizeof got, "%d", out[j]);
			snprintf(want, sizeof want, "%d", r->want);
			assert_ref_str(rf, got, want, r->line);
			if (!isnan(r->value)) {
				any_na |= r->want == 0;
				all_na &= r->want == 0;
			}
		}
		/* a group too small for nq is all NA, and only then */
		assert_int_equal(st, all_na ? STATS_MISSING : STATS_OK);
		assert_true(!any_na || all_na);
	}
}

static void test_quantiles_reference(void **state)
{
	struct ref_file *rf = &ref_files[RF_QUANT];
	struct csv c;
	int ct, cs, ci, cp, cv, cq, cpol;
	size_t n = 0, good = 0;

	(void)state;
	REQUIRE_REFDIR();
	csv_open(&c, rf->name);
	ct = csv_col(&c, "Test");
	cs = csv_col(&c, "GroupSet");
	ci = csv_col(&c, "IndSexRef");
	cp = csv_col(&c, "ParentCode");
	cv = csv_col(&c, "Value");
	cq = csv_col(&c, "QuantileInGrp");
	cpol = csv_col(&c, "Polarity");
	while (csv_next(&c)) {
		struct qrow *r = &qrows[n];
		const char *pol = csv_str(&c, cpol);
		double q = csv_number(&c, cq);

		/* the package tests only the "Good..." rows */
		if (strncmp(csv_str(&c, ct), "Good", 4) != 0)
			continue;
		assert_true(n < QROWS);
		assert_true(strlen(csv_str(&c, cs)) < sizeof r->set);
		strcpy(r->set, csv_str(&c, cs));
		/* IndSexReg: by indicator-sex and region; IndSex: by
		 * indicator-sex; None: one set */
		if (strcmp(r->set, "IndSexReg") == 0)
			snprintf(r->key, sizeof r->key, "%s|%s",
				 csv_str(&c, ci), csv_str(&c, cp));
		else if (strcmp(r->set, "IndSex") == 0)
			snprintf(r->key, sizeof r->key, "%s", csv_str(&c, ci));
		else
			r->key[0] = '\0';
		r->value = csv_number(&c, cv);
		if (strcmp(pol, "RAG - Low is good") == 0 ||
		    strcmp(pol, "TRUE") == 0)
			r->invert = 1;
		else if (strcmp(pol, "RAG - High is good") == 0 ||
			 strcmp(pol, "FALSE") == 0)
			r->invert = 0;
		else
			fail_msg("line %lu: polarity '%s'", c.lineno, pol);
		r->want = isnan(q) ? 0 : (int)q;
		r->line = c.lineno;
		n++;
		good++;
	}
	csv_close(&c);
	assert_int_equal(good, 982);
	/* as testQuantiles.R: deciles by region and quartiles of the
	 * whole set with invert from polarity; septiles with it; quartiles
	 * of the ungrouped set with the default invert = TRUE */
	check_quantile_set(rf, n, "IndSexReg", 10, 1);
	check_quantile_set(rf, n, "IndSex", 7, 1);
	check_quantile_set(rf, n, "None", 4, 0);
	assert_int_equal(rf->nassert, 982);
}

/* ------------------------------------------------------------------ */
/* The pieces worked by hand */

static void test_labels(void **state)
{
	(void)state;
	assert_label(FUNNEL_HIGH_001, "High (0.001)");
	assert_label(FUNNEL_HIGH_025, "High (0.025)");
	assert_label(FUNNEL_LOW_001, "Low (0.001)");
	assert_label(FUNNEL_LOW_025, "Low (0.025)");
	assert_label(FUNNEL_NOT_SIGNIFICANT, "Not significant");
	assert_label(FUNNEL_NOT_APPLICABLE,
		     "Not applicable for events less than 10 for dsrs");
	assert_label(FUNNEL_SIG_NONE, "");
	assert_label((enum stats_funnel_sig)99, "");
}

/* A proportion limit L at n is where the Wilson interval of L n of n
 * touches the average (METHODS.md 8.1): checked through stats.c. */
static void test_prop_limit_hand(void **state)
{
	static const double avs[] = { 0.5, 0.4, 0.806424, 0.03, 0.97 };
	static const double ns[] = { 100, 1000, 10, 2000, 41980 };
	static const double ps[] = { 0.975, 0.999 };
	struct stats_ci ci;

	(void)state;
	for (size_t a = 0; a < sizeof avs / sizeof avs[0]; a++)
		for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++)
			for (size_t i = 0; i < 2; i++) {
				double level = 2 * ps[i] - 1, n = ns[k];
				double lo = stats_funnel_prop_limit(avs[a], n,
						ps[i], FUNNEL_SIDE_LOW);
				double hi = stats_funnel_prop_limit(avs[a], n,
						ps[i], FUNNEL_SIDE_HIGH);

				assert_true(lo < avs[a] && avs[a] < hi);
				if (lo > 0.0) {
					assert_int_equal(stats_proportion(
						lo * n, n, 1, level, &ci),
						STATS_OK);
					assert_close(ci.upper, avs[a], 1e-12);
				}
				if (hi < 1.0) {
					assert_int_equal(stats_proportion(
						hi * n, n, 1, level, &ci),
						STATS_OK);
					assert_close(ci.lower, avs[a], 1e-12);
				}
			}
	/* the header's example: average 0.5, n 100, 2s */
	assert_close(stats_funnel_prop_limit(0.5, 100, 0.975,
					     FUNNEL_SIDE_LOW),
		     0.402001800773, 1e-11);
	assert_true(isnan(stats_funnel_prop_limit(0.5, 0, 0.975,
						  FUNNEL_SIDE_LOW)));
	assert_true(isnan(stats_funnel_prop_limit(1.5, 10, 0.975,
						  FUNNEL_SIDE_LOW)));
	assert_true(isnan(stats_funnel_prop_limit(0.5, 10, 0.4,
						  FUNNEL_SIDE_LOW)));
	assert_true(isnan(stats_funnel_prop_limit(NAN, 10, 0.975,
						  FUNNEL_SIDE_HIGH)));
}

/* poisson_funnel is the exact limit to the bisection's last step: v is
 * found to 0.5^24 = 6e-8 and mu = (1 + O) v / (1 - v), so mu is within
 * 6e-8 dmu/dv = 6e-8 (1 + O + mu)^2 / (1 + O) of the exact value (chi-
 * square quantiles; the METHODS.md 3 table for O = 1). */
static void assert_bisected_at(double got, double exact, double o,
			       const char *file, int line)
{
	double tol = 6e-8 * (1 + o + exact) * (1 + o + exact) / (1 + o);

	if (!(fabs(got - exact) <= tol)) {
		print_error("poisson_funnel(%g) = %.17g, exact %.17g, more "
			    "than %.3g apart\n", o, got, exact, tol);
		_fail(file, line);
	}
}

#define assert_bisected(got, exact, o) \
	assert_bisected_at((got), (exact), (o), __FILE__, __LINE__)

static void test_poisson_funnel_hand(void **state)
{
	static const double obs[] = { 1, 2, 5, 9, 10, 50, 300, 1360 };
	static const double tails[] = { 0.025, 0.001 };

	(void)state;
	for (size_t i = 0; i < sizeof obs / sizeof obs[0]; i++)
		for (size_t k = 0; k < 2; k++) {
			double o = obs[i], t = tails[k];

			/* high: P(K <= O) = t, the exact upper limit */
			assert_bisected(stats_poisson_funnel(o, t,
							     FUNNEL_SIDE_HIGH),
					stats_qchisq_upper(t, 2 * o + 2) / 2,
					o);
			/* low: P(K >= O) = t, the exact lower limit */
			assert_bisected(stats_poisson_funnel(o, t,
							     FUNNEL_SIDE_LOW),
					stats_qchisq(t, 2 * o) / 2, o);
		}
	/* METHODS.md 3 table, O = 1 at 95% */
	assert_bisected(stats_poisson_funnel(1, 0.025, FUNNEL_SIDE_HIGH),
			5.571643390938898, 1);
	assert_bisected(stats_poisson_funnel(1, 0.025, FUNNEL_SIDE_LOW),
			0.025317807984289876, 1);
	/* and PIM's own bisection, as its table stores it */
	assert_close(stats_poisson_funnel(1, 0.025, FUNNEL_SIDE_HIGH),
		     5.571644585, 1e-10);
	assert_close(stats_poisson_funnel(1, 0.025, FUNNEL_SIDE_LOW),
		     0.025317898, 2e-8);
	assert_true(isnan(stats_poisson_funnel(-1, 0.025, FUNNEL_SIDE_LOW)));
	assert_true(isnan(stats_poisson_funnel(1, 0, FUNNEL_SIDE_LOW)));
	assert_true(isnan(stats_poisson_funnel(1, 1, FUNNEL_SIDE_HIGH)));
	assert_true(isnan(stats_poisson_funnel(NAN, 0.5, FUNNEL_SIDE_HIGH)));
	assert_true(isnan(stats_poisson_funnel(INFINITY, 0.5,
					       FUNNEL_SIDE_HIGH)));
	assert_true(isnan(stats_poisson_funnel(2e7, 0.5, FUNNEL_SIDE_HIGH)));
}

/*
 * Ratio bounds and labels by hand. For O = 0 the exact upper bound is
 * qchisq(c, 2) / 2 = -log(1 - c): 3.6888794541 at 97.5% and 6.9077552790
 * at 99.9%. So O = 0 against E = 5 has bounds 0.738 (95%) and 1.382
 * (99.8%): "Low (0.025)"; against E = 3, 1.230 and 2.303: "Not
 * significant"; against E = 8: 0.461 and 0.863: "Low (0.001)".
 * O = 151, E = 106.4429719 (PIM's input row 2): Byar's lower 99.8% bound
 * 151 (1 - 1/1359 - 3.0902/(3 sqrt 151))^3 = 115.9, / E = 1.089 > 1:
 * "High (0.001)".
 */
static void test_ratio_sig_hand(void **state)
{
	static const double o[] = { 0, 0, 0, 151, 8, 159 };
	static const double e[] = { 5, 3, 8, 106.4429719, 6.239860227,
				    232.9329036 };
	enum stats_funnel_sig sig[6];
	double z998 = 3.090232306167813, b;

	(void)state;
	assert_close(stats_funnel_ratio_bound(0, 5, 0.95, FUNNEL_SIDE_HIGH),
		     -log(0.025) / 5, TIGHT_TOL);
	assert_close(stats_funnel_ratio_bound(0, 5, 0.998, FUNNEL_SIDE_HIGH),
		     -log(0.001) / 5, TIGHT_TOL);
	assert_true(!(stats_funnel_ratio_bound(0, 5, 0.95,
					       FUNNEL_SIDE_LOW) > 0.0));
	b = 1 - 1 / (9.0 * 151) - z998 / (3 * sqrt(151));
	assert_close(stats_funnel_ratio_bound(151, 106.4429719, 0.998,
					      FUNNEL_SIDE_LOW),
		     151 * b * b * b / 106.4429719, 1e-14);
	/* below 10 events the exact bound: the METHODS.md 3 table */
	assert_close(stats_funnel_ratio_bound(8, 6.239860227, 0.95,
					      FUNNEL_SIDE_LOW),
		     3.4538321767485014 / 6.239860227, 1e-12);
	assert_close(stats_funnel_ratio_bound(8, 1, 0.95, FUNNEL_SIDE_HIGH),
		     15.763189220193313, 1e-12);

	assert_int_equal(stats_funnel_sig_ratio(o, e, 6, sig), STATS_OK);
	assert_label(sig[0], "Low (0.025)");
	assert_label(sig[1], "Not significant");
	assert_label(sig[2], "Low (0.001)");
	assert_label(sig[3], "High (0.001)");
	assert_label(sig[4], "Not significant");
	assert_label(sig[5], "Low (0.001)");	/* PIM's row 3 */
}

static void test_axis_hand(void **state)
{
	double x[STATS_FUNNEL_POINTS];

	(void)state;
	/* signif.floor: 0.95 x to the first digit of floor(0.95 x) */
	assert_whole(stats_signif_floor(16386), 10000);	/* 15566.7 */
	assert_whole(stats_signif_floor(100), 90);
	assert_whole(stats_signif_floor(2000), 1000);	/* 1900 */
	assert_whole(stats_signif_floor(9), 8);		/* 8.55 */
	assert_whole(stats_signif_floor(105264), 100000);
	assert_whole(stats_signif_floor(0), 0);
	/* signif.ceiling: 1.05 x to the first two digits */
	assert_whole(stats_signif_ceiling(102950), 110000); /* 108097.5 */
	assert_whole(stats_signif_ceiling(30929), 33000);   /* 32475.45 */
	assert_whole(stats_signif_ceiling(706.7669173), 750);
	assert_whole(stats_signif_ceiling(100), 110);	/* 105 */
	assert_whole(stats_signif_ceiling(95238), 100000); /* "1e+05" */
	assert_whole(stats_signif_ceiling(0), 0);
	assert_true(isnan(stats_signif_ceiling(NAN)));
	assert_true(isnan(stats_signif_floor(INFINITY)));

	/* 0 to 110000: the first and last points of PIM's table */
	assert_int_equal(stats_funnel_axis(0, 110000, 0, x), STATS_OK);
	assert_whole(x[0], 1);
	assert_whole(x[1], 2);
	assert_whole(x[2], 3);
	assert_whole(x[3], 4);
	assert_whole(x[97], 89294);
	assert_whole(x[98], 99108);
	assert_whole(x[99], 110000);
	for (int j = 1; j < STATS_FUNNEL_POINTS; j++)
		assert_true(x[j] >= x[j - 1] + 1);
	/* a ratio axis stops short: the last step is a square root,
	 * sqrt(750 x 684) = 716.2 */
	assert_int_equal(stats_funnel_axis(0, 750, 1, x), STATS_OK);
	assert_whole(x[99], 716);
	/* a narrow range: steps of 1 from the minimum, past the maximum */
	assert_int_equal(stats_funnel_axis(90, 110, 0, x), STATS_OK);
	for (int j = 0; j < STATS_FUNNEL_POINTS; j++)
		assert_whole(x[j], 90 + j);
	/* R's round() takes halves to even. The last step of an axis to
	 * a .5 maximum is (max / x) x = max exactly, here: 1000000.5 goes
	 * to 1000000 and 1000001.5 to 1000002 (half up would give 1000001) */
	assert_int_equal(stats_funnel_axis(0, 1000000.5, 0, x), STATS_OK);
	assert_whole(x[98], 880003);
	assert_whole(x[99], 1000000);
	assert_int_equal(stats_funnel_axis(0, 1000001.5, 0, x), STATS_OK);
	assert_whole(x[99], 1000002);
	assert_int_equal(stats_funnel_axis(NAN, 10, 0, x), STATS_DOMAIN);
	assert_true(isnan(x[0]));
	assert_int_equal(stats_funnel_axis(0, -1, 0, x), STATS_DOMAIN);
	assert_int_equal(stats_funnel_axis(0, INFINITY, 0, x), STATS_DOMAIN);
}

/* x {30, 50} of n {100, 100}: average 0.4. The areas' own Wilson
 * intervals are (0.2189, 0.3958) and (0.4038, 0.5962) at 95%, both
 * excluding 0.4, and at 99.8% both include it: Low then High (0.025). */
static void test_funnel_prop_hand(void **state)
{
	static const double x[] = { 30, 50 }, n[] = { 100, 100 };
	enum stats_funnel_sig sig[2];
	struct stats_funnel f;
	struct stats_ci ci;

	(void)state;
	assert_int_equal(stats_funnel_sig_proportion(x, n, 2, sig), STATS_OK);
	assert_label(sig[0], "Low (0.025)");
	assert_label(sig[1], "High (0.025)");
	assert_int_equal(stats_proportion(30, 100, 1, 0.95, &ci), STATS_OK);
	assert_true(ci.upper < 0.4);
	assert_int_equal(stats_proportion(30, 100, 1, 0.998, &ci), STATS_OK);
	assert_true(ci.upper > 0.4);

	assert_int_equal(stats_funnel_proportion(x, n, 2, 100, &f), STATS_OK);
	assert_close(f.average, 0.4, TIGHT_TOL);
	assert_close(f.baseline, 40, TIGHT_TOL);
	/* max 100 <= 2 min: axis from signif.floor(100) = 90 to 110 */
	assert_whole(f.row[0].x, 90);
	assert_whole(f.row[10].x, 100);
	assert_whole(f.row[99].x, 189);
	/* at n = 100 the 2s limits are the proportions whose Wilson 95%
	 * interval ends at 0.4 */
	assert_int_equal(stats_proportion(f.row[10].lower2, 100, 100, 0.95,
					  &ci), STATS_OK);
	assert_close(ci.upper, 40, 1e-12);
	assert_int_equal(stats_proportion(f.row[10].upper2, 100, 100, 0.95,
					  &ci), STATS_OK);
	assert_close(ci.lower, 40, 1e-12);
	assert_close(f.row[10].lower2, 30.3981766473, 1e-11);
	assert_close(f.row[10].upper2, 49.6018233527, 1e-11);
	assert_true(isnan(f.row[10].at_lower2));

	/* the clamps: tiny n has no lower limit, and the upper one stops at
	 * 100 even on the 0..1 scale */
	assert_int_equal(stats_funnel_proportion(x, n, 2, 1, &f), STATS_OK);
	for (int j = 0; j < STATS_FUNNEL_POINTS; j++) {
		assert_true(!(f.row[j].lower3 < 0.0));
		assert_true(f.row[j].upper3 < 1.0);
	}
}

/* One row of 100 events at 50 per 1000 over a year: d = 2000, average
 * 0.05; the axis 1000 .. 2100 people is 50 .. 105 events. At 100 events
 * the limits are 100 / (mu / 0.05) x 1000 with mu the exact Poisson
 * limits on 100. */
static void test_funnel_rate_hand(void **state)
{
	static const double ev[] = { 100 }, rate[] = { 50 };
	struct stats_funnel f;
	double hi = stats_qchisq_upper(0.025, 202) / 2;
	double lo = stats_qchisq(0.025, 200) / 2;
	double rc, dy;

	(void)state;
	assert_int_equal(stats_funnel_rate(ev, rate, NULL, 1, FUNNEL_RATE_DSR,
					   1000, 1, &f), STATS_OK);
	assert_close(f.average, 0.05, TIGHT_TOL);
	assert_close(f.baseline, 50, TIGHT_TOL);
	assert_whole(f.row[0].x, 50);
	assert_whole(f.row[50].x, 100);
	assert_close(f.row[50].lower2, 100 / (hi / 0.05) * 1000, BISECT_TOL);
	assert_close(f.row[50].upper2, 100 / (lo / 0.05) * 1000, BISECT_TOL);
	assert_close(f.row[50].at_lower2, hi / 0.05, BISECT_TOL);
	assert_close(f.row[50].lower2, 41.1093570, 1e-8);
	assert_close(f.row[50].upper2, 61.4522340, 1e-8);
	/* two years: the axis is set on 1000 a year, signif.floor(950) x 2
	 * = 1800 people or 90 events, and at_* are halved */
	assert_int_equal(stats_funnel_rate(ev, rate, NULL, 1,
					   FUNNEL_RATE_CRUDE, 1000, 2, &f),
			 STATS_OK);
	assert_whole(f.row[0].x, 90);
	assert_close(f.row[10].at_lower2,
		     stats_poisson_funnel(100, 0.025, FUNNEL_SIDE_HIGH) / 0.05 /
		     2, TIGHT_TOL);
	assert_close(f.row[10].at_lower2, hi / 0.05 / 2, BISECT_TOL);
	assert_close(f.row[10].lower2, 41.1093570, 1e-8);

	/* calculate_funnel_points */
	assert_int_equal(stats_funnel_rate_point(414, 184, NAN,
						 FUNNEL_RATE_DSR, 1e5, 3, &rc,
						 &dy), STATS_OK);
	assert_close(rc, 184, TIGHT_TOL);
	assert_close(dy, 75000, TIGHT_TOL);
	assert_int_equal(stats_funnel_rate_point(5, 167, NAN, FUNNEL_RATE_DSR,
						 1e5, 3, &rc, &dy), STATS_OK);
	assert_true(isnan(rc) && isnan(dy));
	assert_int_equal(stats_funnel_rate_point(0, 167, 6883,
						 FUNNEL_RATE_CRUDE, 1e5, 5,
						 &rc, &dy), STATS_OK);
	assert_close(rc, 167, TIGHT_TOL);
	assert_close(dy, 1376.6, TIGHT_TOL);
	assert_int_equal(stats_funnel_rate_point(0, 0, NAN, FUNNEL_RATE_CRUDE,
						 1e5, 5, &rc, &dy),
			 STATS_MISSING);
	assert_true(isnan(rc) && isnan(dy));
	assert_int_equal(stats_funnel_rate_point(20, 0, NAN, FUNNEL_RATE_CRUDE,
						 1e5, 5, &rc, &dy),
			 STATS_DOMAIN);
	assert_int_equal(stats_funnel_rate_point(20, 10, NAN,
						 FUNNEL_RATE_CRUDE, 1e5, 0,
						 &rc, &dy), STATS_DOMAIN);
}

/* A rate's significance: the ratio test against the weighted average,
 * and a dsr below 10 events is not assessed. */
static void test_rate_sig_hand(void **state)
{
	/* d = 1000, 1000, 1000: average (0 + 30 + 70) / 3000 = 1/30; a dsr
	 * row with O = 0 has no denominator, so average 100 / 2000 */
	static const double ev[] = { 0, 30, 70 }, rate[] = { NAN, 30, 70 };
	static const double pop[] = { 1000, 1000, 1000 };
	enum stats_funnel_sig sig[3];

	(void)state;
	assert_int_equal(stats_funnel_sig_rate(ev, rate, pop, 3,
					       FUNNEL_RATE_CRUDE, 1000, sig),
			 STATS_OK);
	/* O = 0 of 1000: upper bounds 3.69 and 6.91 per 1000 < 33.3 */
	assert_label(sig[0], "Low (0.001)");
	/* 30 per 1000 against 33.3: Byar's 95% interval 20.2 to 42.8 */
	assert_label(sig[1], "Not significant");
	/* 70 against 33.3: 99.8% Byar's lower bound 50.5 */
	assert_label(sig[2], "High (0.001)");
	assert_int_equal(stats_funnel_sig_rate(ev, rate, pop, 3,
					       FUNNEL_RATE_DSR, 1000, sig),
			 STATS_OK);
	assert_label(sig[0], "Not applicable for events less than 10 for dsrs");
	/* against 50 per 1000: 30 has Byar's upper bounds 42.8 (95%) and
	 * 51.1 (99.8%); 70 has lower bounds 54.6 and 46.9 */
	assert_label(sig[1], "Low (0.025)");
	assert_label(sig[2], "High (0.025)");
}

static void test_errors(void **state)
{
	static const double x[] = { 3, 4 }, n[] = { 10, 10 };
	static const double big[] = { 30, 4 }, neg[] = { -1, 4 };
	static const double nan2[] = { NAN, 4 }, zero[] = { 0, 10 };
	static const double ev[] = { 20, 0 }, rate[] = { 50, 0 };
	static const double huge[] = { 1e7, 1.2e7 };
	enum stats_funnel_sig sig[2];
	struct stats_funnel f;

	(void)state;
	assert_int_equal(stats_funnel_proportion(big, n, 2, 100, &f),
			 STATS_DOMAIN);
	assert_funnel_nan(&f);
	assert_int_equal(stats_funnel_proportion(neg, n, 2, 100, &f),
			 STATS_DOMAIN);
	assert_int_equal(stats_funnel_proportion(x, zero, 2, 100, &f),
			 STATS_DOMAIN);
	assert_int_equal(stats_funnel_proportion(nan2, n, 2, 100, &f),
			 STATS_MISSING);
	assert_funnel_nan(&f);
	assert_int_equal(stats_funnel_proportion(x, n, 0, 100, &f),
			 STATS_DOMAIN);
	assert_int_equal(stats_funnel_proportion(x, n, 2, 0, &f),
			 STATS_DOMAIN);
	assert_int_equal(stats_funnel_proportion(x, n, 2, NAN, &f),
			 STATS_MISSING);
	assert_int_equal(stats_funnel_sig_proportion(big, n, 2, sig),
			 STATS_DOMAIN);
	assert_true(sig[0] == FUNNEL_SIG_NONE && sig[1] == FUNNEL_SIG_NONE);
	assert_int_equal(stats_funnel_sig_proportion(nan2, n, 2, sig),
			 STATS_MISSING);

	assert_int_equal(stats_funnel_ratio(x, zero, 2, FUNNEL_RATIO_COUNT,
					    &f), STATS_DOMAIN);
	assert_int_equal(stats_funnel_ratio(neg, n, 2, FUNNEL_RATIO_ISR, &f),
			 STATS_DOMAIN);
	assert_int_equal(stats_funnel_ratio(nan2, n, 2, FUNNEL_RATIO_ISR,
					    &f), STATS_MISSING);
	assert_funnel_nan(&f);
	assert_int_equal(stats_funnel_ratio(x, n, 2, (enum stats_ratio_type)7,
					    &f), STATS_DOMAIN);
	assert_int_equal(stats_funnel_sig_ratio(x, zero, 2, sig),
			 STATS_DOMAIN);
	assert_true(sig[0] == FUNNEL_SIG_NONE);
	assert_int_equal(stats_funnel_sig_ratio(nan2, n, 2, sig),
			 STATS_MISSING);
	assert_int_equal(stats_funnel_sig_ratio(x, n, 0, sig), STATS_DOMAIN);
	/* an axis of more than 1e7 events: PIM's sums would take minutes */
	assert_int_equal(stats_funnel_ratio(huge, huge, 2, FUNNEL_RATIO_ISR,
					    &f), STATS_DOMAIN);
	assert_funnel_nan(&f);

	/* a crude 0 needs a denominator; a dsr 0 does not */
	assert_int_equal(stats_funnel_rate(ev, rate, NULL, 2,
					   FUNNEL_RATE_CRUDE, 1e5, 1, &f),
			 STATS_MISSING);
	assert_funnel_nan(&f);
	assert_int_equal(stats_funnel_rate(ev, rate, NULL, 2, FUNNEL_RATE_DSR,
					   1e5, 1, &f), STATS_OK);
	assert_int_equal(stats_funnel_rate(ev, rate, zero, 2,
					   FUNNEL_RATE_CRUDE, 1e5, 1, &f),
			 STATS_OK);
	assert_int_equal(stats_funnel_rate(ev, rate, x, 2, FUNNEL_RATE_DSR,
					   1e5, 0, &f), STATS_DOMAIN);
	assert_int_equal(stats_funnel_rate(ev, rate, x, 2, FUNNEL_RATE_DSR,
					   1e5, NAN, &f), STATS_MISSING);
	assert_int_equal(stats_funnel_rate(neg, rate, x, 2, FUNNEL_RATE_DSR,
					   1e5, 1, &f), STATS_DOMAIN);
	assert_int_equal(stats_funnel_rate(x, rate, x, 2, FUNNEL_RATE_DSR,
					   1e5, 1, &f), STATS_DOMAIN);
	assert_int_equal(stats_funnel_rate(x, nan2, x, 2, FUNNEL_RATE_DSR,
					   1e5, 1, &f), STATS_MISSING);
	/* only zero counts in a dsr: no denominator at all */
	assert_int_equal(stats_funnel_rate(zero, rate, x, 1, FUNNEL_RATE_DSR,
					   1e5, 1, &f), STATS_DOMAIN);
	assert_int_equal(stats_funnel_sig_rate(ev, rate, NULL, 2,
					       FUNNEL_RATE_CRUDE, 1e5, sig),
			 STATS_MISSING);
	assert_true(sig[0] == FUNNEL_SIG_NONE && sig[1] == FUNNEL_SIG_NONE);
	assert_int_equal(stats_funnel_sig_rate(ev, rate, NULL, 2,
					       FUNNEL_RATE_DSR, -5, sig),
			 STATS_DOMAIN);
}

/* ------------------------------------------------------------------ */
/* Funnels: the reference tables */

/* funnel_prop_inputs_significance.csv, loaded once per test */
static struct table tab;

static void load_prop_inputs(void)
{
	static const char *const cols[] = { "numerator", "denominator",
					    NULL };

	table_load(&tab, ref_files[RF_PROP_SIG].name, cols, "significance");
	assert_int_equal(tab.n, 303);
}

static void test_prop_sig_reference(void **state)
{
	struct ref_file *rf = &ref_files[RF_PROP_SIG];
	static enum stats_funnel_sig sig[MAXROWS];

	(void)state;
	REQUIRE_REFDIR();
	load_prop_inputs();
	assert_int_equal(stats_funnel_sig_proportion(tab.col[0], tab.col[1],
						     tab.n, sig), STATS_OK);
	for (size_t i = 0; i < tab.n; i++)
		assert_ref_str(rf, stats_funnel_label(sig[i]), tab.str[i],
			       i + 2);
}

static const struct funnel_cols prop_cols = {
	"Population",
	{ "lower_2s_limit", "upper_2s_limit", "lower_3s_limit",
	  "upper_3s_limit" },
	{ NULL, NULL, NULL, NULL },
	"baseline"
};

static void test_prop_limits_reference(void **state)
{
	struct stats_funnel f;

	(void)state;
	REQUIRE_REFDIR();
	load_prop_inputs();
	assert_int_equal(stats_funnel_proportion(tab.col[0], tab.col[1],
						 tab.n, 100, &f), STATS_OK);
	check_funnel(&ref_files[RF_PROP_LIM], &f, &prop_cols);
}

/* The same inputs with denominator < 31000: the axis 10000 .. 33000. */
static void test_prop_axis_reference(void **state)
{
	static double x[MAXROWS], n[MAXROWS];
	struct stats_funnel f;
	size_t m = 0;

	(void)state;
	REQUIRE_REFDIR();
	load_prop_inputs();
	for (size_t i = 0; i < tab.n; i++)
		if (tab.col[1][i] < 31000) {
			x[m] = tab.col[0][i];
			n[m++] = tab.col[1][i];
		}
	assert_int_equal(stats_funnel_proportion(x, n, m, 100, &f), STATS_OK);
	assert_whole(f.row[0].x, 10000);
	assert_whole(f.row[99].x, 33000);
	check_funnel(&ref_files[RF_PROP_AXIS], &f, &prop_cols);
}

static void load_ratio_inputs(void)
{
	static const char *const cols[] = { "obs", "expected", NULL };

	table_load(&tab, ref_files[RF_RATIO_SIG].name, cols, "significance");
	assert_int_equal(tab.n, 300);
}

static void test_ratio_sig_reference(void **state)
{
	struct ref_file *rf = &ref_files[RF_RATIO_SIG];
	static enum stats_funnel_sig sig[MAXROWS];

	(void)state;
	REQUIRE_REFDIR();
	load_ratio_inputs();
	assert_int_equal(stats_funnel_sig_ratio(tab.col[0], tab.col[1], tab.n,
						sig), STATS_OK);
	for (size_t i = 0; i < tab.n; i++)
		assert_ref_str(rf, stats_funnel_label(sig[i]), tab.str[i],
			       i + 2);
}

static void test_ratio_limits_reference(void **state)
{
	static const struct funnel_cols count_cols = {
		"Observed_events",
		{ "lower_2s_count", "upper_2s_count", "lower_3s_count",
		  "upper_3s_count" },
		{ "lower_2s_exp_events", "upper_2s_exp_events",
		  "lower_3s_exp_events", "upper_3s_exp_events" },
		NULL
	};
	static const struct funnel_cols isr_cols = {
		"Observed_events",
		{ "lower_2s_isr", "upper_2s_isr", "lower_3s_isr",
		  "upper_3s_isr" },
		{ "lower_2s_exp_events", "upper_2s_exp_events",
		  "lower_3s_exp_events", "upper_3s_exp_events" },
		NULL
	};
	struct stats_funnel f;

	(void)state;
	REQUIRE_REFDIR();
	load_ratio_inputs();
	assert_int_equal(stats_funnel_ratio(tab.col[0], tab.col[1], tab.n,
					    FUNNEL_RATIO_COUNT, &f), STATS_OK);
	assert_close(f.baseline, 0, 0);
	check_funnel(&ref_files[RF_RATIO_LIM], &f, &count_cols);
	assert_int_equal(stats_funnel_ratio(tab.col[0], tab.col[1], tab.n,
					    FUNNEL_RATIO_ISR, &f), STATS_OK);
	assert_close(f.baseline, 100, 0);
	check_funnel(&ref_files[RF_RATIO_LIM], &f, &isr_cols);
}

/* funnel_rate_inputs_significance.csv: 8 expected label columns, each a
 * run over all rows or over the rows with count > 0. */
static void test_rate_sig_reference(void **state)
{
	static const char *const cols[] = {
		"count", "pop", "rate_dsr", "rate_crude_per_100000",
		"rate_crude_per_100", NULL
	};
	static const struct {
		const char *col;
		int rate_col;
		enum stats_rate_type type;
		double mult;
		int with_0;
	} runs[] = {
		{ "dsr_per_100000_with_0", 2, FUNNEL_RATE_DSR, 1e5, 1 },
		{ "dsr_per_100_with_0", 2, FUNNEL_RATE_DSR, 100, 1 },
		{ "dsr_per_100000_without_0", 2, FUNNEL_RATE_DSR, 1e5, 0 },
		{ "dsr_per_100_without_0", 2, FUNNEL_RATE_DSR, 100, 0 },
		{ "crude_per_100000_with_0", 3, FUNNEL_RATE_CRUDE, 1e5, 1 },
		{ "crude_per_100_with_0", 4, FUNNEL_RATE_CRUDE, 100, 1 },
		{ "crude_per_100000_without_0", 3, FUNNEL_RATE_CRUDE, 1e5, 0 },
		{ "crude_per_100_without_0", 4, FUNNEL_RATE_CRUDE, 100, 0 },
	};
	struct ref_file *rf = &ref_files[RF_RATE_SIG];
	static double ev[MAXROWS], rate[MAXROWS], pop[MAXROWS];
	static enum stats_funnel_sig sig[MAXROWS];
	static size_t row[MAXROWS];

	(void)state;
	REQUIRE_REFDIR();
	for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
		const char *const cols_r[] = {
			cols[0], cols[1], cols[2], cols[3], cols[4], NULL
		};
		size_t m = 0;

		table_load(&tab, rf->name, cols_r, runs[r].col);
		assert_int_equal(tab.n, 40);
		for (size_t i = 0; i < tab.n; i++) {
			/* the "without_0" runs drop the count = 0 row */
			if (!runs[r].with_0 && !(tab.col[0][i] > 0.0))
				continue;
			ev[m] = tab.col[0][i];
			pop[m] = tab.col[1][i];
			rate[m] = tab.col[runs[r].rate_col][i];
			row[m++] = i;
		}
		assert_int_equal(m, runs[r].with_0 ? 40 : 39);
		assert_int_equal(stats_funnel_sig_rate(ev, rate, pop, m,
						       runs[r].type,
						       runs[r].mult, sig),
				 STATS_OK);
		for (size_t i = 0; i < m; i++)
			assert_ref_str(rf, stats_funnel_label(sig[i]),
				       tab.str[row[i]], row[i] + 2);
	}
}

/* funnel_rate_limits_input.csv: ev, rate, pop, and the expected output
 * of calculate_funnel_points for three runs. */
static void load_rate_inputs(void)
{
	static const char *const cols[] = {
		"ev", "rate", "pop", "rate_chart", "denominator_derived",
		"rate_chart_crude", "denominator_derived_crude",
		"rate_chart_crude_with_denom",
		"denominator_derived_crude_with_denom", NULL
	};

	table_load(&tab, ref_files[RF_RATE_POINTS].name, cols, NULL);
	assert_int_equal(tab.n, 50);
}

/* The row with the most events, which the package's tests change. */
static size_t max_ev_row(void)
{
	size_t k = 0;

	for (size_t i = 1; i < tab.n; i++)
		if (tab.col[0][i] > tab.col[0][k])
			k = i;
	return k;
}

static void test_rate_points_reference(void **state)
{
	struct ref_file *rf = &ref_files[RF_RATE_POINTS];
	struct csv c;
	size_t k, i = 0;
	int col[6];

	(void)state;
	REQUIRE_REFDIR();
	load_rate_inputs();
	k = max_ev_row();
	/* the stored text, for the rounding of each expected value */
	csv_open(&c, rf->name);
	col[0] = csv_col(&c, "rate_chart");
	col[1] = csv_col(&c, "denominator_derived");
	col[2] = csv_col(&c, "rate_chart_crude");
	col[3] = csv_col(&c, "denominator_derived_crude");
	col[4] = csv_col(&c, "rate_chart_crude_with_denom");
	col[5] = csv_col(&c, "denominator_derived_crude_with_denom");
	while (csv_next(&c)) {
		double ev = tab.col[0][i], rate = tab.col[1][i];
		double pop = tab.col[2][i], rc, dy;

		assert_true(i < tab.n);
		/* dsr, 3 years, the max-ev row set to 5 events */
		assert_int_equal(stats_funnel_rate_point(i == k ? 5 : ev, rate,
				 pop, FUNNEL_RATE_DSR, 1e5, 3, &rc, &dy),
				 STATS_OK);
		assert_stored(rf, rc, csv_str(&c, col[0]), c.lineno);
		assert_stored(rf, dy, csv_str(&c, col[1]), c.lineno);
		/* crude, 3 years, as given */
		assert_int_equal(stats_funnel_rate_point(ev, rate, NAN,
				 FUNNEL_RATE_CRUDE, 1e5, 3, &rc, &dy),
				 STATS_OK);
		assert_stored(rf, rc, csv_str(&c, col[2]), c.lineno);
		assert_stored(rf, dy, csv_str(&c, col[3]), c.lineno);
		/* crude with denominator, 5 years, the max-ev row 0 */
		assert_int_equal(stats_funnel_rate_point(i == k ? 0 : ev, rate,
				 pop, FUNNEL_RATE_CRUDE, 1e5, 5, &rc, &dy),
				 STATS_OK);
		assert_stored(rf, rc, csv_str(&c, col[4]), c.lineno);
		assert_stored(rf, dy, csv_str(&c, col[5]), c.lineno);
		i++;
	}
	csv_close(&c);
	assert_int_equal(i, 50);
}

static const struct funnel_cols rate_cols = {
	"Events",
	{ "lower_2s_limit", "upper_2s_limit", "lower_3s_limit",
	  "upper_3s_limit" },
	{ "lower_2s_population_1_year", "upper_2s_population_1_year",
	  "lower_3s_population_1_year", "upper_3s_population_1_year" },
	"baseline"
};

static void test_rate_dsr_reference(void **state)
{
	struct stats_funnel f;

	(void)state;
	REQUIRE_REFDIR();
	load_rate_inputs();
	assert_int_equal(stats_funnel_rate(tab.col[0], tab.col[1], NULL,
					   tab.n, FUNNEL_RATE_DSR, 1e5, 3, &f),
			 STATS_OK);
	check_funnel(&ref_files[RF_RATE_DSR], &f, &rate_cols);
}

static void test_rate_crude_lt10_reference(void **state)
{
	static double ev[MAXROWS];
	struct stats_funnel f;
	size_t k;

	(void)state;
	REQUIRE_REFDIR();
	load_rate_inputs();
	k = max_ev_row();
	memcpy(ev, tab.col[0], tab.n * sizeof ev[0]);
	ev[k] = 5;
	assert_int_equal(stats_funnel_rate(ev, tab.col[1], NULL, tab.n,
					   FUNNEL_RATE_CRUDE, 1e5, 3, &f),
			 STATS_OK);
	check_funnel(&ref_files[RF_RATE_LT10], &f, &rate_cols);
}

/* pop = 1e5 ev / rate from the original rows; then the max-ev row has
 * ev = 0 and rate = 0, and only rows with pop > max(pop) / 2 are kept. */
static void test_rate_crude_zero_reference(void **state)
{
	static double ev[MAXROWS], rate[MAXROWS], pop[MAXROWS];
	static double popall[MAXROWS];
	struct stats_funnel f;
	double maxpop = -INFINITY;
	size_t k, m = 0;

	(void)state;
	REQUIRE_REFDIR();
	load_rate_inputs();
	k = max_ev_row();
	for (size_t i = 0; i < tab.n; i++) {
		popall[i] = 100000 * tab.col[0][i] / tab.col[1][i];
		if (popall[i] > maxpop)
			maxpop = popall[i];
	}
	for (size_t i = 0; i < tab.n; i++) {
		if (!(popall[i] > maxpop / 2))
			continue;
		ev[m] = i == k ? 0 : tab.col[0][i];
		rate[m] = i == k ? 0 : tab.col[1][i];
		pop[m++] = popall[i];
	}
	assert_int_equal(stats_funnel_rate(ev, rate, pop, m,
					   FUNNEL_RATE_CRUDE, 1e5, 3, &f),
			 STATS_OK);
	check_funnel(&ref_files[RF_RATE_ZERO], &f, &rate_cols);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quantiles_hand),
		cmocka_unit_test(test_quantiles_edges),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_prop_limit_hand),
		cmocka_unit_test(test_poisson_funnel_hand),
		cmocka_unit_test(test_ratio_sig_hand),
		cmocka_unit_test(test_axis_hand),
		cmocka_unit_test(test_funnel_prop_hand),
		cmocka_unit_test(test_funnel_rate_hand),
		cmocka_unit_test(test_rate_sig_hand),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_quantiles_reference),
		cmocka_unit_test(test_prop_sig_reference),
		cmocka_unit_test(test_prop_limits_reference),
		cmocka_unit_test(test_prop_axis_reference),
		cmocka_unit_test(test_ratio_sig_reference),
		cmocka_unit_test(test_ratio_limits_reference),
		cmocka_unit_test(test_rate_sig_reference),
		cmocka_unit_test(test_rate_points_reference),
		cmocka_unit_test(test_rate_dsr_reference),
		cmocka_unit_test(test_rate_crude_lt10_reference),
		cmocka_unit_test(test_rate_crude_zero_reference),
	};
	unsigned long total = 0;
	int failed;

	stats_init();
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	for (size_t i = 0; i < sizeof ref_files / sizeof ref_files[0]; i++) {
		const struct ref_file *rf = &ref_files[i];

		if (!rf->nassert)
			continue;
		if (rf->exact)
			print_message("reference %-55s %4lu assertions, all "
				      "exact\n", rf->name, rf->nassert);
		else
			print_message("reference %-55s %4lu assertions, "
				      "largest relative error %.3g (%.4f of "
				      "half a stored unit)\n", rf->name,
				      rf->nassert, rf->max_rel,
				      rf->max_share);
		total += rf->nassert;
	}
	if (total)
		print_message("reference total: %lu assertions\n", total);
	return failed;
}
