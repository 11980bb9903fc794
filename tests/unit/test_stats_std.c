/* test_stats_std.c - known-answer tests for stats_std.c (METHODS.md 4-5).
 *
 * Every expected value comes from outside stats_std.c:
 *  - the PHEindicatormethods tables dsr_expected.csv and isr_expected.csv
 *    with their inputs, read at run time from
 *    ../shared/reference/pheindicatormethods/ (the tests run from the
 *    project root; JSNA_PIM_REFDIR overrides the folder). When the folder
 *    is absent those tests are skipped, with a message;
 *  - small cases worked out by hand from the formulas (at 40 digits, with
 *    z typed in from METHODS.md 1), so the module stays covered without
 *    ../shared.
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
#include "jsna/stats_std.h"

#define REF_TOL 1e-9		/* the reference tables (METHODS.md 11) */
#define NONIND_ABS 1e-6		/* non-independent rows, stored to 8 dp */
#define HAND_TOL 1e-12		/* hand-worked cases, 40-digit arithmetic */
#define TIGHT_TOL 1e-15		/* the same sum in another order */

/* ------------------------------------------------------------------ */
/* Comparing doubles */

#include "assertnum.h"

static void assert_dsr_nan(const struct stats_dsr *d)
{
	assert_true(isnan(d->value));
	assert_true(isnan(d->lower));
	assert_true(isnan(d->upper));
	assert_true(isnan(d->total_count));
	assert_true(isnan(d->total_pop));
}

static void assert_isr_nan(const struct stats_isr *r)
{
	assert_true(isnan(r->value));
	assert_true(isnan(r->lower));
	assert_true(isnan(r->upper));
	assert_true(isnan(r->observed));
	assert_true(isnan(r->expected));
	assert_true(isnan(r->ref_rate));
}

/* ------------------------------------------------------------------ */
/* Reference files: largest error and number of assertions per file */

struct ref_file {
	const char *name;
	double max_rel;		/* over the relative comparisons */
	double max_abs;		/* over the absolute ones (rounded rows) */
	unsigned long nassert;
};

enum { RF_DSR, RF_ISR, RF_ERR };

static struct ref_file ref_files[] = {
	[RF_DSR] = { "dsr_expected.csv", 0, 0, 0 },
	[RF_ISR] = { "isr_expected.csv", 0, 0, 0 },
	[RF_ERR] = { "dsr_isr_input_err1..4 (status)", 0, 0, 0 },
};


static void note_rel(struct ref_file *rf, double e)
{
	rf->nassert++;
	if (e > rf->max_rel && isfinite(e))
		rf->max_rel = e;
}

/* One comparison against a value in a reference row. */
static void assert_ref_at(struct ref_file *rf, double got, double want,
			  double tol, const char *what, unsigned long line,
			  const char *file, int srcline)
{
	double e = rel_err(got, want);

	note_rel(rf, e);
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

/* An absolute comparison, for a value stored rounded; NaN matches NaN. */
static void assert_ref_abs_at(struct ref_file *rf, double got, double want,
			      double tol, const char *what,
			      unsigned long line, const char *file,
			      int srcline)
{
	double d = isnan(got) && isnan(want) ? 0.0 : fabs(got - want);

	rf->nassert++;
	if (d > rf->max_abs)
		rf->max_abs = d;
	if (!(d <= tol)) {
		print_error("%s line %lu: %s = %.17g, expected %.17g within "
			    "%.3g\n", rf->name, line, what, got, want, tol);
		_fail(file, srcline);
	}
}

#define assert_ref_abs(rf, got, want, line) \
	assert_ref_abs_at((rf), (got), (want), NONIND_ABS, #want, (line), \
			  __FILE__, __LINE__)

/* ------------------------------------------------------------------ */
/* A tiny CSV reader: one record a line, fields split on commas, double
 * quotes around a field allowed ("" inside is a quote). Enough for the
 * reference tables, which have no embedded newlines. */

#include "refcsv.h"


/* ------------------------------------------------------------------ */
/* Input files read into groups of bands (an area's rows, in order) */

#define MAXBANDS 24
#define MAXGROUPS 8
#define MAXCOLS 8

struct group {
	char area[64];
	size_t n;
	double v[MAXCOLS][MAXBANDS];	/* v[column][band] */
};

struct groups {
	struct group g[MAXGROUPS];
	size_t ng;
};

/* Reads the named columns of a file, one group per value of areacol in
 * file order (areacol NULL: the whole file is one group named ""). */
static void load_groups(const char *name, const char *areacol,
			const char *const *cols, int ncols, struct groups *gs)
{
	struct csv c;
	int ca = -1, ci[MAXCOLS];

	assert_true(ncols <= MAXCOLS);
	memset(gs, 0, sizeof *gs);
	csv_open(&c, name);
	if (areacol)
		ca = csv_col(&c, areacol);
	for (int k = 0; k < ncols; k++)
		ci[k] = csv_col(&c, cols[k]);
	while (csv_next(&c)) {
		const char *area = ca < 0 ? "" : csv_str(&c, ca);
		struct group *g = gs->ng ? &gs->g[gs->ng - 1] : NULL;

		if (!g || strcmp(g->area, area) != 0) {
			assert_true(gs->ng < MAXGROUPS);
			g = &gs->g[gs->ng++];
			snprintf(g->area, sizeof g->area, "%s", area);
		}
		assert_true(g->n < MAXBANDS);
		for (int k = 0; k < ncols; k++)
			g->v[k][g->n] = csv_number(&c, ci[k]);
		g->n++;
	}
	csv_close(&c);
	assert_true(gs->ng > 0);
}

static const struct group *find_group(const struct groups *gs,
				      const char *area)
{
	for (size_t i = 0; i < gs->ng; i++)
		if (strcmp(gs->g[i].area, area) == 0)
			return &gs->g[i];
	print_error("no input group '%s'\n", area);
	fail();
	return NULL;
}

/* The number after the last space of a statistic label, such as
 * "dsr per 10000" or "indirectly standardised ratio x 100". */
static double label_number(const char *label)
{
	const char *s = strrchr(label, ' ');
	char *end;
	double v;

	assert_non_null(s);
	v = strtod(s + 1, &end);
	assert_true(end > s + 1 && *end == '\0' && v > 0);
	return v;
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ------------------------------------------------------------------ */
/* Typed-in cases */

/* METHODS.md 4: the ESP2013 bands, which sum to 100000. */
static void test_esp2013(void **state)
{
	static const double want[19] = {
		5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
		7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000
	};
	double sum = 0;

	(void)state;
	assert_int_equal(STATS_ESP2013_BANDS, 19);
	for (int i = 0; i < 19; i++) {
		assert_close(stats_esp2013[i], want[i], TIGHT_TOL);
		sum += stats_esp2013[i];
	}
	assert_close(sum, 100000, TIGHT_TOL);
}

/*
 * x {20, 30}, n {1000, 2000}, w {600, 400}, worked by hand:
 *   DSR = (20 x 0.6 + 30 x 0.2) / 1000 = 0.018 -> 1800 per 100000;
 *   Var = (20 x 0.36 + 30 x 0.04) / 1000^2 = 8.4e-6; O = 50;
 *   Byar's on 50, 95%: 50 (1 - 1/450 - z/(3 sqrt 50))^3 = 37.10810040903418
 *   and 51 (1 - 1/459 + z/(3 sqrt 51))^3 = 65.92015669395775;
 *   lower = 0.018 + sqrt(8.4e-6 / 50) (37.108... - 50), times 1e5.
 */
static const double hand_x[] = { 20, 30 };
static const double hand_n[] = { 1000, 2000 };
static const double hand_w[] = { 600, 400 };

static void test_dsr_hand(void **state)
{
	struct stats_dsr d;

	(void)state;
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, 1e5, 0.95, &d),
			 STATS_OK);
	assert_close(d.value, 1800, HAND_TOL);
	assert_close(d.lower, 1271.5893584467142, HAND_TOL);
	assert_close(d.upper, 2452.5322473173886, HAND_TOL);
	assert_close(d.total_count, 50, TIGHT_TOL);
	assert_close(d.total_pop, 3000, TIGHT_TOL);
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, 1e5, 99.8, &d),
			 STATS_OK);
	assert_close(d.value, 1800, HAND_TOL);
	assert_close(d.lower, 1018.5555841739414, HAND_TOL);
	assert_close(d.upper, 2864.4245782944480, HAND_TOL);
	/* the multiplier scales everything but the totals */
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, 1000, 95, &d),
			 STATS_OK);
	assert_close(d.value, 18, HAND_TOL);
	assert_close(d.lower, 12.715893584467142, HAND_TOL);
	assert_close(d.upper, 24.525322473173886, HAND_TOL);
	assert_close(d.total_count, 50, TIGHT_TOL);
}

/*
 * The same bands with people who had several events: band 1 = 10 people
 * with 1 event + 5 with 2 (20 events), band 2 = 10 x 1 + 4 x 2 + 4 x 3
 * (30 events). The value is unchanged; by hand
 *   Var = [1 (10 x 0.36 + 10 x 0.04) + 4 (5 x 0.36 + 4 x 0.04)
 *          + 9 (0 + 4 x 0.04)] / 1000^2 = 1.328e-5,
 * so the 95% limits are 1135.5979715798764 and 2620.4674823595419.
 */
static void test_dsr_nonindependent_hand(void **state)
{
	static const double persons[] = { 10, 5, 0, 10, 4, 4 };
	static const double freqs[] = { 1, 2, 3 };
	struct stats_dsr d, e;

	(void)state;
	assert_int_equal(stats_dsr_nonindependent(persons, freqs, 3, hand_n,
						  hand_w, 2, 1e5, 0.95, &d),
			 STATS_OK);
	assert_close(d.value, 1800, HAND_TOL);
	assert_close(d.lower, 1135.5979715798764, HAND_TOL);
	assert_close(d.upper, 2620.4674823595419, HAND_TOL);
	assert_close(d.total_count, 50, TIGHT_TOL);
	assert_close(d.total_pop, 3000, TIGHT_TOL);
	assert_int_equal(stats_dsr_nonindependent(persons, freqs, 3, hand_n,
						  hand_w, 2, 1e5, 0.998, &d),
			 STATS_OK);
	assert_close(d.lower, 817.44360513592053, HAND_TOL);
	assert_close(d.upper, 3138.3641306696700, HAND_TOL);

	/* everyone with one event is the independent DSR */
	assert_int_equal(stats_dsr_nonindependent(hand_x, freqs, 1, hand_n,
						  hand_w, 2, 1e5, 0.95, &d),
			 STATS_OK);
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, 1e5, 0.95, &e),
			 STATS_OK);
	assert_close(d.value, e.value, TIGHT_TOL);
	assert_close(d.lower, e.lower, TIGHT_TOL);
	assert_close(d.upper, e.upper, TIGHT_TOL);

	/* NA persons are 0; below 10 events it is suppressed, totals set:
	 * 1 + 3 events in band 1, 2 + 3 in band 2 */
	{
		static const double few[] = { 1, NAN, 1, 0, 1, 1 };

		assert_int_equal(stats_dsr_nonindependent(few, freqs, 3,
							  hand_n, hand_w, 2,
							  1e5, 0.95, &d),
				 STATS_SUPPRESSED);
		assert_close(d.total_count, 9, TIGHT_TOL);
		assert_close(d.total_pop, 3000, TIGHT_TOL);
		assert_true(isnan(d.value) && isnan(d.lower) &&
			    isnan(d.upper));
	}
	/* domain */
	{
		static const double neg[] = { 10, -1, 0, 10, 4, 4 };
		static const double badf[] = { 1, -2, 3 };
		static const double nanf[] = { 1, NAN, 3 };

		assert_int_equal(stats_dsr_nonindependent(neg, freqs, 3,
							  hand_n, hand_w, 2,
							  1e5, 0.95, &d),
				 STATS_DOMAIN);
		assert_dsr_nan(&d);
		assert_int_equal(stats_dsr_nonindependent(persons, badf, 3,
							  hand_n, hand_w, 2,
							  1e5, 0.95, &d),
				 STATS_DOMAIN);
		assert_dsr_nan(&d);
		assert_int_equal(stats_dsr_nonindependent(persons, nanf, 3,
							  hand_n, hand_w, 2,
							  1e5, 0.95, &d),
				 STATS_DOMAIN);
		assert_dsr_nan(&d);
		assert_int_equal(stats_dsr_nonindependent(persons, freqs, 0,
							  hand_n, hand_w, 2,
							  1e5, 0.95, &d),
				 STATS_DOMAIN);
		assert_dsr_nan(&d);
	}
}

static void test_dsr_suppression(void **state)
{
	static const double nine[] = { 4, 5 };
	static const double ten[] = { 5, 5 };
	static const double na[] = { NAN, 30 };
	static const double zero[] = { 0, 30 };
	struct stats_dsr d, e;

	(void)state;
	/* total count 9: withheld, the totals still reported */
	assert_int_equal(stats_dsr(nine, hand_n, hand_w, 2, 1e5, 0.95, &d),
			 STATS_SUPPRESSED);
	assert_true(isnan(d.value) && isnan(d.lower) && isnan(d.upper));
	assert_close(d.total_count, 9, TIGHT_TOL);
	assert_close(d.total_pop, 3000, TIGHT_TOL);
	/* 10 is published: "total_count < 10" is strict */
	assert_int_equal(stats_dsr(ten, hand_n, hand_w, 2, 1e5, 0.95, &d),
			 STATS_OK);
	assert_close(d.value, (5 * 0.6 + 5 * 0.2) / 1000 * 1e5, HAND_TOL);
	assert_true(d.lower > 0 && d.lower < d.value && d.upper > d.value);
	/* an NA count is 0 */
	assert_int_equal(stats_dsr(na, hand_n, hand_w, 2, 1e5, 0.95, &d),
			 STATS_OK);
	assert_int_equal(stats_dsr(zero, hand_n, hand_w, 2, 1e5, 0.95, &e),
			 STATS_OK);
	assert_close(d.value, e.value, TIGHT_TOL);
	assert_close(d.lower, e.lower, TIGHT_TOL);
	assert_close(d.upper, e.upper, TIGHT_TOL);
	assert_close(d.total_count, 30, TIGHT_TOL);
	assert_close(d.value, 600, HAND_TOL);
	/* all counts 0: suppressed, count 0 */
	assert_int_equal(stats_dsr(na, hand_n, hand_w, 1, 1e5, 0.95, &d),
			 STATS_SUPPRESSED);
	assert_zero(d.total_count);
	assert_close(d.total_pop, 1000, TIGHT_TOL);
}

static void test_dsr_domain(void **state)
{
	static const double negx[] = { 20, -1 };
	static const double zeron[] = { 1000, 0 };
	static const double negn[] = { 1000, -2000 };
	static const double nann[] = { 1000, NAN };
	static const double infn[] = { 1000, INFINITY };
	static const double infx[] = { 20, INFINITY };
	static const double negw[] = { 600, -400 };
	static const double nanw[] = { 600, NAN };
	static const double zerow[] = { 0, 0 };
	struct stats_dsr d;

	(void)state;
	assert_int_equal(stats_dsr(negx, hand_n, hand_w, 2, 1e5, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(infx, hand_n, hand_w, 2, 1e5, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(hand_x, zeron, hand_w, 2, 1e5, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(hand_x, negn, hand_w, 2, 1e5, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(hand_x, nann, hand_w, 2, 1e5, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(hand_x, infn, hand_w, 2, 1e5, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(hand_x, hand_n, negw, 2, 1e5, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(hand_x, hand_n, nanw, 2, 1e5, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(hand_x, hand_n, zerow, 2, 1e5, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	/* no bands, no array; multiplier and confidence */
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 0, 1e5, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(NULL, hand_n, hand_w, 2, 1e5, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, 0, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, -1, 0.95, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, NAN, 0.95, &d),
			 STATS_MISSING);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, 1e5, 80, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, 1e5, 0.5, &d),
			 STATS_DOMAIN);
	assert_dsr_nan(&d);
}

static void test_dsr_confidence(void **state)
{
	struct stats_dsr a, b;

	(void)state;
	/* confidence NA: the value and totals without limits */
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, 1e5, NAN, &a),
			 STATS_OK);
	assert_close(a.value, 1800, HAND_TOL);
	assert_true(isnan(a.lower) && isnan(a.upper));
	assert_close(a.total_count, 50, TIGHT_TOL);
	/* 95 and 0.95 are the same level */
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, 1e5, 95, &a),
			 STATS_OK);
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, 1e5, 0.95, &b),
			 STATS_OK);
	assert_close(a.lower, b.lower, TIGHT_TOL);
	assert_close(a.upper, b.upper, TIGHT_TOL);
	/* a wider level gives a wider interval around the same value */
	assert_int_equal(stats_dsr(hand_x, hand_n, hand_w, 2, 1e5, 0.998, &a),
			 STATS_OK);
	assert_true(a.lower < b.lower && a.upper > b.upper);
}

/*
 * pop {1000, 2000, 0}, refcount {10, 60, 5}, refpop {10000, 20000, 5000}:
 * reference rates 0.001, 0.003, 0.001, so E = 1 + 6 + 0 = 7 (the empty
 * band adds nothing); the reference rate is 75 / 35000 = 214.2857... per
 * 100000. O = 4 + 10 = 14 >= 10: Byar's, 95% on 14 is 7.6475307 to
 * 23.490998 (worked as for the DSR above), divided by 7.
 */
static const double isr_x[] = { 4, 10, 0 };
static const double isr_n[] = { 1000, 2000, 0 };
static const double isr_rx[] = { 10, 60, 5 };
static const double isr_rn[] = { 10000, 20000, 5000 };

static void test_isr_hand(void **state)
{
	struct stats_isr r;

	(void)state;
	assert_int_equal(stats_isratio(isr_x, NAN, isr_n, isr_rx, isr_rn, 3,
				       1, 0.95, &r),
			 STATS_OK);
	assert_close(r.observed, 14, TIGHT_TOL);
	assert_close(r.expected, 7, HAND_TOL);
	assert_true(isnan(r.ref_rate));
	assert_close(r.value, 2, HAND_TOL);
	assert_close(r.lower, 1.0925043857126943, HAND_TOL);
	assert_close(r.upper, 3.3558568255106640, HAND_TOL);
	assert_int_equal(stats_isratio(isr_x, NAN, isr_n, isr_rx, isr_rn, 3,
				       100, 0.998, &r),
			 STATS_OK);
	assert_close(r.value, 200, HAND_TOL);
	assert_close(r.lower, 73.647504448611664, HAND_TOL);
	assert_close(r.upper, 427.18141102818699, HAND_TOL);

	assert_int_equal(stats_israte(isr_x, NAN, isr_n, isr_rx, isr_rn, 3,
				      1e5, 0.95, &r),
			 STATS_OK);
	assert_close(r.ref_rate, 214.28571428571429, HAND_TOL);
	assert_close(r.expected, 7, HAND_TOL);
	assert_close(r.value, 428.57142857142857, HAND_TOL);
	assert_close(r.lower, 234.10808265272021, HAND_TOL);
	assert_close(r.upper, 719.11217689514228, HAND_TOL);
	assert_int_equal(stats_israte(isr_x, NAN, isr_n, isr_rx, isr_rn, 3,
				      1e5, 99.8, &r),
			 STATS_OK);
	assert_close(r.lower, 157.81608096131071, HAND_TOL);
	assert_close(r.upper, 915.38873791754355, HAND_TOL);

	/* O = 3 given as a total: exact limits, METHODS.md 3 table */
	assert_int_equal(stats_isratio(NULL, 3, isr_n, isr_rx, isr_rn, 3, 1,
				       0.95, &r),
			 STATS_OK);
	assert_close(r.observed, 3, TIGHT_TOL);
	assert_close(r.value, 3.0 / 7, HAND_TOL);
	assert_close(r.lower, 0.6186721228956014 / 7, 5e-15);
	assert_close(r.upper, 8.767273069742323 / 7, 5e-15);
	/* O = 0: lower 0, upper 3.6888794541139354 / E */
	assert_int_equal(stats_israte(NULL, 0, isr_n, isr_rx, isr_rn, 3, 1e5,
				      0.95, &r),
			 STATS_OK);
	assert_zero(r.value);
	assert_zero(r.lower);
	assert_close(r.upper, 3.6888794541139354 / 7 * 75 / 35000 * 1e5,
		     5e-15);
}

static void test_isr_edges(void **state)
{
	static const double nan_n[] = { 1000, 2000, NAN };
	static const double nan_rx[] = { 10, 60, NAN };
	static const double neg_x[] = { 4, -10, 0 };
	static const double neg_n[] = { 1000, -2000, 0 };
	static const double neg_rx[] = { 10, -60, 5 };
	static const double zero_rn[] = { 10000, 0, 5000 };
	static const double nan_rn[] = { 10000, NAN, 5000 };
	static const double zero_n[] = { 0, 0, 0 };
	struct stats_isr r, s;

	(void)state;
	/* NA pop or reference count is 0 */
	assert_int_equal(stats_isratio(isr_x, NAN, nan_n, isr_rx, isr_rn, 3,
				       1, 0.95, &r),
			 STATS_OK);
	assert_close(r.expected, 7, HAND_TOL);
	assert_int_equal(stats_israte(isr_x, NAN, isr_n, nan_rx, isr_rn, 3,
				      1e5, 0.95, &s),
			 STATS_OK);
	assert_close(s.expected, 7, HAND_TOL);
	assert_close(s.ref_rate, 70.0 / 35000 * 1e5, HAND_TOL);
	/* NA counts are dropped from O */
	{
		static const double na_x[] = { 4, 10, NAN };

		assert_int_equal(stats_isratio(na_x, NAN, isr_n, isr_rx,
					       isr_rn, 3, 1, 0.95, &r),
				 STATS_OK);
		assert_close(r.observed, 14, TIGHT_TOL);
	}
	/* no suppression below 10 */
	assert_int_equal(stats_isratio(NULL, 1, isr_n, isr_rx, isr_rn, 3, 1,
				       0.95, &r),
			 STATS_OK);
	assert_close(r.value, 1.0 / 7, HAND_TOL);

	/* negatives, an empty reference population, E = 0 */
	assert_int_equal(stats_isratio(neg_x, NAN, isr_n, isr_rx, isr_rn, 3,
				       1, 0.95, &r),
			 STATS_DOMAIN);
	assert_isr_nan(&r);
	assert_int_equal(stats_israte(isr_x, NAN, neg_n, isr_rx, isr_rn, 3,
				      1e5, 0.95, &r),
			 STATS_DOMAIN);
	assert_isr_nan(&r);
	assert_int_equal(stats_israte(isr_x, NAN, isr_n, neg_rx, isr_rn, 3,
				      1e5, 0.95, &r),
			 STATS_DOMAIN);
	assert_isr_nan(&r);
	assert_int_equal(stats_isratio(NULL, -1, isr_n, isr_rx, isr_rn, 3, 1,
				       0.95, &r),
			 STATS_DOMAIN);
	assert_isr_nan(&r);
	assert_int_equal(stats_isratio(NULL, INFINITY, isr_n, isr_rx, isr_rn,
				       3, 1, 0.95, &r),
			 STATS_DOMAIN);
	assert_isr_nan(&r);
	assert_int_equal(stats_isratio(isr_x, NAN, isr_n, isr_rx, zero_rn, 3,
				       1, 0.95, &r),
			 STATS_DOMAIN);
	assert_isr_nan(&r);
	assert_int_equal(stats_isratio(isr_x, NAN, zero_n, isr_rx, isr_rn, 3,
				       1, 0.95, &r),
			 STATS_DOMAIN);
	assert_isr_nan(&r);
	/* both a per-band count and a total: ambiguous */
	assert_int_equal(stats_isratio(isr_x, 14, isr_n, isr_rx, isr_rn, 3, 1,
				       0.95, &r),
			 STATS_DOMAIN);
	assert_isr_nan(&r);
	assert_int_equal(stats_isratio(isr_x, NAN, isr_n, isr_rx, isr_rn, 0,
				       1, 0.95, &r),
			 STATS_DOMAIN);
	assert_isr_nan(&r);
	assert_int_equal(stats_isratio(isr_x, NAN, isr_n, NULL, isr_rn, 3, 1,
				       0.95, &r),
			 STATS_DOMAIN);
	assert_isr_nan(&r);
	assert_int_equal(stats_isratio(isr_x, NAN, isr_n, isr_rx, isr_rn, 3,
				       0, 0.95, &r),
			 STATS_DOMAIN);
	assert_isr_nan(&r);
	assert_int_equal(stats_israte(isr_x, NAN, isr_n, isr_rx, isr_rn, 3,
				      1e5, 85, &r),
			 STATS_DOMAIN);
	assert_isr_nan(&r);
	/* missing: a reference population, or the observed total */
	assert_int_equal(stats_israte(isr_x, NAN, isr_n, isr_rx, nan_rn, 3,
				      1e5, 0.95, &r),
			 STATS_MISSING);
	assert_isr_nan(&r);
	assert_int_equal(stats_isratio(NULL, NAN, isr_n, isr_rx, isr_rn, 3, 1,
				       0.95, &r),
			 STATS_MISSING);
	assert_isr_nan(&r);
	assert_int_equal(stats_isratio(isr_x, NAN, isr_n, isr_rx, isr_rn, 3,
				       NAN, 0.95, &r),
			 STATS_MISSING);
	assert_isr_nan(&r);
	/* a negative is reported before a missing reference population */
	assert_int_equal(stats_isratio(neg_x, NAN, isr_n, isr_rx, nan_rn, 3,
				       1, 0.95, &r),
			 STATS_DOMAIN);
	/* confidence NA: the value without limits */
	assert_int_equal(stats_israte(isr_x, NAN, isr_n, isr_rx, isr_rn, 3,
				      1e5, NAN, &r),
			 STATS_OK);
	assert_close(r.value, 428.57142857142857, HAND_TOL);
	assert_true(isnan(r.lower) && isnan(r.upper));
}

/* ------------------------------------------------------------------ */
/* Reference tables */

/* dsr_expected.csv, rows 1-8: calculate_dsr on the multiarea input
 * (ESP2013) and on testdata_1976 (its own esp1976 column). */
static void test_dsr_reference(void **state)
{
	static const char *const ma_cols[] = { "count", "pop" };
	static const char *const e76_cols[] = { "count", "pop", "esp1976" };
	struct ref_file *rf = &ref_files[RF_DSR];
	struct groups *ma, *e76;
	struct csv c;
	struct stats_dsr d;
	int ca, cO, cN, cv, cl95, cu95, cl998, cu998, cstat, cmeth;
	unsigned long rows = 0, defects = 0;
	double mult = NAN;

	(void)state;
	REQUIRE_REFDIR();
	ma = malloc(sizeof *ma);
	e76 = malloc(sizeof *e76);
	assert_non_null(ma);
	assert_non_null(e76);
	load_groups("dsr_isr_input_multiarea.csv", "area", ma_cols, 2, ma);
	load_groups("dsr_input_esp1976.csv", NULL, e76_cols, 3, e76);
	assert_int_equal(ma->ng, 3);
	assert_int_equal(e76->g[0].n, 18);

	csv_open(&c, rf->name);
	ca = csv_col(&c, "area");
	cO = csv_col(&c, "total_count");
	cN = csv_col(&c, "total_pop");
	cv = csv_col(&c, "value");
	cl95 = csv_col(&c, "lower95_0cl");
	cu95 = csv_col(&c, "upper95_0cl");
	cl998 = csv_col(&c, "lower99_8cl");
	cu998 = csv_col(&c, "upper99_8cl");
	cstat = csv_col(&c, "statistic");
	cmeth = csv_col(&c, "method");
	while (csv_next(&c)) {
		const char *area = csv_str(&c, ca);
		const char *stat = csv_str(&c, cstat);
		const double *x, *n, *w;
		size_t nb;
		int want, is1976;

		if (strcmp(csv_str(&c, cmeth), "Dobson") != 0)
			continue;	/* non-independent rows: below */
		rows++;
		/* a suppressed row carries no multiplier: the rows come in
		 * blocks, so it is the one of the row before */
		if (starts_with(stat, "dsr per "))
			mult = label_number(stat);
		else
			assert_string_equal(stat,
					    "dsr NA for total count < 10");
		assert_true(mult > 0);
		is1976 = strcmp(area, "testdata_1976") == 0;
		if (is1976) {
			const struct group *g = &e76->g[0];

			x = g->v[0];
			n = g->v[1];
			w = g->v[2];
			nb = g->n;
		} else {
			const struct group *g = find_group(ma, area);

			x = g->v[0];
			n = g->v[1];
			w = stats_esp2013;
			nb = g->n;
			assert_int_equal(nb, STATS_ESP2013_BANDS);
		}
		want = csv_number(&c, cO) < 10 ? STATS_SUPPRESSED : STATS_OK;

		assert_int_equal(stats_dsr(x, n, w, nb, mult, 0.95, &d), want);
		assert_ref(rf, d.total_count, csv_number(&c, cO), c.lineno);
		assert_ref(rf, d.total_pop, csv_number(&c, cN), c.lineno);
		assert_ref(rf, d.value, csv_number(&c, cv), c.lineno);
		assert_ref(rf, d.lower, csv_number(&c, cl95), c.lineno);
		assert_ref(rf, d.upper, csv_number(&c, cu95), c.lineno);

		assert_int_equal(stats_dsr(x, n, w, nb, mult, 0.998, &d),
				 want);
		assert_ref(rf, d.value, csv_number(&c, cv), c.lineno);
		if (!is1976) {
			assert_ref(rf, d.lower, csv_number(&c, cl998), c.lineno);
			assert_ref(rf, d.upper, csv_number(&c, cu998), c.lineno);
			continue;
		}
		/*
		 * README, rows 4 and 8 (⚠): the 99.8% columns of
		 * testdata_1976 are 10 times too large. Assert that this is
		 * exactly the defect (file = 10 x ours at the row's own
		 * multiplier; for row 4 that is our per-100,000 value) and
		 * that ours is the corrected value the README gives.
		 */
		defects++;
		assert_ref(rf, 10 * d.lower, csv_number(&c, cl998), c.lineno);
		assert_ref(rf, 10 * d.upper, csv_number(&c, cu998), c.lineno);
		if (mult < 1e5) {
			struct stats_dsr h;

			assert_int_equal(stats_dsr(x, n, w, nb, 10 * mult,
						   0.998, &h),
					 STATS_OK);
			assert_ref(rf, h.lower, csv_number(&c, cl998), c.lineno);
			assert_ref(rf, h.upper, csv_number(&c, cu998), c.lineno);
		} else {
			rf->nassert += 2;
			assert_within(d.lower, 7659.282, 0.0005);
			assert_within(d.upper, 9599.212, 0.0005);
		}
	}
	csv_close(&c);
	free(ma);
	free(e76);
	assert_int_equal(rows, 8);
	assert_int_equal(defects, 2);
}

/* dsr_expected.csv, rows 9-12: non-independent events. The test pivots
 * f1..f4 to persons by frequency, dropping f4 for every area but
 * testdata_nonind_big (README). Values are stored to 8 decimals. */
static void test_dsr_nonindependent_reference(void **state)
{
	static const char *const cols[] = { "pop", "f1", "f2", "f3", "f4",
					    "count" };
	static const double freqs[] = { 1, 2, 3, 4 };
	struct ref_file *rf = &ref_files[RF_DSR];
	struct groups *gs;
	struct csv c;
	struct stats_dsr d;
	int ca, cO, cN, cv, cl95, cu95, cl998, cu998, cstat;
	unsigned long rows = 0;

	(void)state;
	REQUIRE_REFDIR();
	gs = malloc(sizeof *gs);
	assert_non_null(gs);
	load_groups("dsr_input_nonindependent_events.csv", "area", cols, 6,
		    gs);
	assert_int_equal(gs->ng, 4);

	csv_open(&c, rf->name);
	ca = csv_col(&c, "area");
	cO = csv_col(&c, "total_count");
	cN = csv_col(&c, "total_pop");
	cv = csv_col(&c, "value");
	cl95 = csv_col(&c, "lower95_0cl");
	cu95 = csv_col(&c, "upper95_0cl");
	cl998 = csv_col(&c, "lower99_8cl");
	cu998 = csv_col(&c, "upper99_8cl");
	cstat = csv_col(&c, "statistic");
	while (csv_next(&c)) {
		const char *area = csv_str(&c, ca);
		const struct group *g;
		double persons[MAXBANDS * 4];
		size_t nfreq;
		int want;

		if (!starts_with(area, "testdata_nonind_"))
			continue;
		rows++;
		assert_string_equal(csv_str(&c,
					    csv_col(&c, "method")),
				    "Dobson, with confidence adjusted for "
				    "non-independent events");
		g = find_group(gs, area);
		assert_int_equal(g->n, STATS_ESP2013_BANDS);
		nfreq = strcmp(area, "testdata_nonind_big") == 0 ? 4 : 3;
		for (size_t i = 0; i < g->n; i++)
			for (size_t k = 0; k < nfreq; k++)
				persons[i * nfreq + k] = g->v[1 + k][i];
		want = csv_number(&c, cO) < 10 ? STATS_SUPPRESSED : STATS_OK;
		if (want == STATS_SUPPRESSED)
			assert_string_equal(csv_str(&c, cstat),
					    "dsr NA for total count < 10");
		else
			assert_string_equal(csv_str(&c, cstat),
					    "dsr per 100000");

		assert_int_equal(stats_dsr_nonindependent(persons, freqs,
							  nfreq, g->v[0],
							  stats_esp2013,
							  g->n, 1e5, 0.95,
							  &d),
				 want);
		assert_ref(rf, d.total_count, csv_number(&c, cO), c.lineno);
		assert_ref(rf, d.total_pop, csv_number(&c, cN), c.lineno);
		assert_ref_abs(rf, d.value, csv_number(&c, cv), c.lineno);
		assert_ref_abs(rf, d.lower, csv_number(&c, cl95), c.lineno);
		assert_ref_abs(rf, d.upper, csv_number(&c, cu95), c.lineno);
		assert_int_equal(stats_dsr_nonindependent(persons, freqs,
							  nfreq, g->v[0],
							  stats_esp2013,
							  g->n, 1e5, 0.998,
							  &d),
				 want);
		assert_ref_abs(rf, d.lower, csv_number(&c, cl998), c.lineno);
		assert_ref_abs(rf, d.upper, csv_number(&c, cu998), c.lineno);

		/* the events per band are the input's count column, and
		 * the value is that of the independent DSR on them */
		{
			struct stats_dsr e;

			for (size_t i = 0; i < g->n; i++) {
				double ev = 0;

				for (size_t k = 0; k < nfreq; k++)
					if (!isnan(persons[i * nfreq + k]))
						ev += freqs[k] *
						      persons[i * nfreq + k];
				assert_close(ev, g->v[5][i], TIGHT_TOL);
			}
			assert_int_equal(stats_dsr(g->v[5], g->v[0],
						   stats_esp2013, g->n, 1e5,
						   0.95, &e),
					 want);
			assert_close(e.value, d.value, 1e-14);
			assert_close(e.total_count, d.total_count, TIGHT_TOL);
		}
	}
	csv_close(&c);
	free(gs);
	assert_int_equal(rows, 4);
}

/* One row of isr_expected.csv against a computed result. */
static void check_isr_row(struct ref_file *rf, const struct csv *c,
			  const struct stats_isr *r, int level998)
{
	assert_ref(rf, r->observed, csv_number(c, csv_col(c, "observed")),
		   c->lineno);
	assert_ref(rf, r->expected, csv_number(c, csv_col(c, "expected")),
		   c->lineno);
	assert_ref(rf, r->ref_rate, csv_number(c, csv_col(c, "ref_rate")),
		   c->lineno);
	assert_ref(rf, r->value, csv_number(c, csv_col(c, "value")), c->lineno);
	if (level998) {
		assert_ref(rf, r->lower, csv_number(c, csv_col(c, "lower99_8cl")),
			   c->lineno);
		assert_ref(rf, r->upper, csv_number(c, csv_col(c, "upper99_8cl")),
			   c->lineno);
	} else {
		assert_ref(rf, r->lower, csv_number(c, csv_col(c, "lower95_0cl")),
			   c->lineno);
		assert_ref(rf, r->upper, csv_number(c, csv_col(c, "upper95_0cl")),
			   c->lineno);
	}
}

/*
 * isr_expected.csv. Rows 1-12: the multiarea input grouped by area with
 * the reference from isr_input_reference.csv, computed three ways: from
 * the age-specific counts, from isr_input_observed_totals.csv, and with
 * the reference as fields (isr_input_multiarea_with_ref.csv, whose tiny
 * 10-14 row has NA pop and refcount). Rows 13-16: the err2 input (a zero
 * pop in Area1), 95% only.
 */
static void test_isr_reference(void **state)
{
	static const char *const ma_cols[] = { "count", "pop" };
	static const char *const ref_cols[] = { "refcount", "refpop" };
	static const char *const f_cols[] = { "count", "pop", "refcount",
					      "refpop" };
	static const char *const tot_cols[] = { "total_count" };
	struct ref_file *rf = &ref_files[RF_ISR];
	struct groups *ma, *ref, *fld, *tot, *err2;
	const struct group *rg;
	struct csv c;
	struct stats_isr r;
	int ca, cstat, cmeth, cl998;
	unsigned long rows = 0;

	(void)state;
	REQUIRE_REFDIR();
	ma = malloc(sizeof *ma);
	ref = malloc(sizeof *ref);
	fld = malloc(sizeof *fld);
	tot = malloc(sizeof *tot);
	err2 = malloc(sizeof *err2);
	assert_true(ma && ref && fld && tot && err2);
	load_groups("dsr_isr_input_multiarea.csv", "area", ma_cols, 2, ma);
	load_groups("isr_input_reference.csv", NULL, ref_cols, 2, ref);
	load_groups("isr_input_multiarea_with_ref.csv", "area", f_cols, 4,
		    fld);
	load_groups("isr_input_observed_totals.csv", "area", tot_cols, 1,
		    tot);
	load_groups("dsr_isr_input_err2_zero_pop.csv", "area", ma_cols, 2,
		    err2);
	rg = &ref->g[0];
	assert_int_equal(rg->n, 19);

	csv_open(&c, rf->name);
	ca = csv_col(&c, "area");
	cstat = csv_col(&c, "statistic");
	cmeth = csv_col(&c, "method");
	cl998 = csv_col(&c, "lower99_8cl");
	while (csv_next(&c)) {
		const char *area = csv_str(&c, ca);
		const char *stat = csv_str(&c, cstat);
		int is_rate = starts_with(stat,
					  "indirectly standardised rate per ");
		int is_err2 = !starts_with(area, "testdata_");
		double scale = label_number(stat);
		const struct group *g;
		int levels = isnan(csv_number(&c, cl998)) ? 1 : 2;

		rows++;
		if (!is_rate)
			assert_true(starts_with(stat, "indirectly standardised "
						      "ratio x "));
		g = find_group(is_err2 ? err2 : ma, area);
		assert_int_equal(g->n, rg->n);
		/* the method column follows the < 10 threshold on O */
		assert_string_equal(csv_str(&c, cmeth),
				    csv_number(&c, csv_col(&c, "observed")) < 10 ?
				    "Exact" : "Byars");
		for (int lv = 0; lv < levels; lv++) {
			double conf = lv ? 0.998 : 0.95;
			const struct group *f, *t;

			assert_int_equal((is_rate ? stats_israte
					  : stats_isratio)(g->v[0], NAN,
							   g->v[1], rg->v[0],
							   rg->v[1], g->n,
							   scale, conf, &r),
					 STATS_OK);
			check_isr_row(rf, &c, &r, lv);
			if (is_err2)
				continue;
			/* observed given as totals */
			t = find_group(tot, area);
			assert_int_equal((is_rate ? stats_israte
					  : stats_isratio)(NULL, t->v[0][0],
							   g->v[1], rg->v[0],
							   rg->v[1], g->n,
							   scale, conf, &r),
					 STATS_OK);
			check_isr_row(rf, &c, &r, lv);
			/* the reference as fields of the data */
			f = find_group(fld, area);
			assert_int_equal((is_rate ? stats_israte
					  : stats_isratio)(f->v[0], NAN,
							   f->v[1], f->v[2],
							   f->v[3], f->n,
							   scale, conf, &r),
					 STATS_OK);
			check_isr_row(rf, &c, &r, lv);
		}
	}
	csv_close(&c);
	free(ma);
	free(ref);
	free(fld);
	free(tot);
	free(err2);
	assert_int_equal(rows, 16);
}

/* Status of an error input, counted as a reference assertion. */
static void assert_status_ref(int got, int want, const char *what)
{
	ref_files[RF_ERR].nassert++;
	if (got != want) {
		print_error("%s: status %d, expected %d\n", what, got, want);
		fail();
	}
}

/*
 * The error inputs (README): a negative count, a zero pop (an error for
 * DSR only), a negative pop, a negative stdpop (DSR only). DSR uses each
 * file's stdpop column; ISR the reference of isr_input_reference.csv.
 */
static void test_error_inputs(void **state)
{
	static const char *const files[] = {
		"dsr_isr_input_err1_negative_count.csv",
		"dsr_isr_input_err3_negative_pop.csv",
		"dsr_isr_input_err4_negative_stdpop.csv",
	};
	static const int dsr_want[] = { STATS_DOMAIN, STATS_DOMAIN,
					STATS_DOMAIN };
	static const int isr_want[] = { STATS_DOMAIN, STATS_DOMAIN, STATS_OK };
	static const char *const cols[] = { "count", "pop", "stdpop" };
	static const char *const ref_cols[] = { "refcount", "refpop" };
	struct groups *gs, *ref;
	struct stats_dsr d;
	struct stats_isr r;

	(void)state;
	REQUIRE_REFDIR();
	gs = malloc(sizeof *gs);
	ref = malloc(sizeof *ref);
	assert_true(gs && ref);
	load_groups("isr_input_reference.csv", NULL, ref_cols, 2, ref);
	for (size_t i = 0; i < 3; i++) {
		const struct group *g;
		int neg = 0;

		load_groups(files[i], NULL, cols, 3, gs);
		g = &gs->g[0];
		assert_int_equal(g->n, 19);
		/* the stdpop column is ESP2013 but for the bad value */
		for (size_t b = 0; b < g->n; b++)
			if (g->v[2][b] < 0)
				neg++;
			else
				assert_close(g->v[2][b], stats_esp2013[b],
					     TIGHT_TOL);
		assert_int_equal(neg, i == 2);

		assert_status_ref(stats_dsr(g->v[0], g->v[1], g->v[2], g->n,
					    1e5, 0.95, &d),
				  dsr_want[i], files[i]);
		assert_dsr_nan(&d);
		assert_status_ref(stats_dsr(g->v[0], g->v[1], stats_esp2013,
					    g->n, 1e5, 0.95, &d),
				  i == 2 ? STATS_OK : dsr_want[i], files[i]);
		assert_status_ref(stats_isratio(g->v[0], NAN, g->v[1],
						ref->g[0].v[0],
						ref->g[0].v[1], g->n, 1,
						0.95, &r),
				  isr_want[i], files[i]);
		assert_status_ref(stats_israte(g->v[0], NAN, g->v[1],
					       ref->g[0].v[0], ref->g[0].v[1],
					       g->n, 1e5, 0.95, &r),
				  isr_want[i], files[i]);
		if (isr_want[i] != STATS_OK)
			assert_isr_nan(&r);
	}

	/* err2: pop 0 in Area1's second band is an error for DSR only
	 * (the ISR values are checked against isr_expected.csv) */
	{
		static const char *const e2_cols[] = { "count", "pop" };
		const struct group *a1, *a2;

		load_groups("dsr_isr_input_err2_zero_pop.csv", "area", e2_cols,
			    2, gs);
		a1 = find_group(gs, "Area1");
		a2 = find_group(gs, "Area2");
		assert_status_ref(stats_dsr(a1->v[0], a1->v[1], stats_esp2013,
					    a1->n, 1e5, 0.95, &d),
				  STATS_DOMAIN, "err2 Area1 DSR");
		assert_dsr_nan(&d);
		assert_status_ref(stats_dsr(a2->v[0], a2->v[1], stats_esp2013,
					    a2->n, 1e5, 0.95, &d),
				  STATS_OK, "err2 Area2 DSR");
		assert_status_ref(stats_isratio(a1->v[0], NAN, a1->v[1],
						ref->g[0].v[0],
						ref->g[0].v[1], a1->n, 100,
						0.95, &r),
				  STATS_OK, "err2 Area1 ISRatio");
	}
	free(gs);
	free(ref);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esp2013),
		cmocka_unit_test(test_dsr_hand),
		cmocka_unit_test(test_dsr_nonindependent_hand),
		cmocka_unit_test(test_dsr_suppression),
		cmocka_unit_test(test_dsr_domain),
		cmocka_unit_test(test_dsr_confidence),
		cmocka_unit_test(test_isr_hand),
		cmocka_unit_test(test_isr_edges),
		cmocka_unit_test(test_dsr_reference),
		cmocka_unit_test(test_dsr_nonindependent_reference),
		cmocka_unit_test(test_isr_reference),
		cmocka_unit_test(test_error_inputs),
	};
	unsigned long total = 0;
	int failed;

	stats_init();
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	for (size_t i = 0; i < sizeof ref_files / sizeof ref_files[0]; i++) {
		const struct ref_file *rf = &ref_files[i];

		if (!rf->nassert)
			continue;
		print_message("reference %-32s %4lu assertions", rf->name,
			      rf->nassert);
		if (i != RF_ERR)	/* statuses have no error to show */
			print_message(", largest relative error %.3g",
				      rf->max_rel);
		if (rf->max_abs > 0)
			print_message(", largest absolute error %.3g "
				      "(rounded rows)", rf->max_abs);
		print_message("\n");
		total += rf->nassert;
	}
	if (total)
		print_message("reference total: %lu assertions\n", total);
	return failed;
}
