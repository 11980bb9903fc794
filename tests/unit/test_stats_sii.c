/* test_stats_sii.c - known-answer tests for stats_sii.c (the slope and
 * relative indices of inequality, PHEindicatormethods phe_sii).
 *
 * Every expected value comes from outside stats_sii.c:
 *  - PHEindicatormethods' sii_expected.csv (inputs and expected outputs
 *    of its testSII.R), read at run time from
 *    ../shared/reference/pheindicatormethods/ (JSNA_PIM_REFDIR overrides
 *    the folder); those tests are skipped, with a message, when it is
 *    absent. SII, RII and intercept are deterministic and must agree to
 *    REF_TOL; the limits are simulated (by R's generator there, by GSL's
 *    here), so they are held to CI_TOL, as testSII.R holds its own runs;
 *  - small cases worked out by hand below, and a simulation's limits
 *    checked against the normal distribution they must follow, or
 *    against a full sort of the same draws.
 * Doubles are never compared with == (assert_close, assert_memory_equal
 * for "the same bits").
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
#include "jsna/stats_sii.h"

#define REF_TOL 1e-9		/* SII, RII, intercept: the reference */
#define CI_TOL 0.05		/* simulated limits: testSII.R's tolerance */
#define HAND_TOL 1e-12		/* hand-worked cases */

#include "assertnum.h"
#include "refcsv.h"

static void assert_sii_nan(const struct stats_sii *s)
{
	assert_true(isnan(s->sii) && isnan(s->rii) && isnan(s->intercept));
	for (int k = 0; k < 2; k++) {
		assert_true(isnan(s->sii_lower[k]) && isnan(s->sii_upper[k]));
		assert_true(isnan(s->rii_lower[k]) && isnan(s->rii_upper[k]));
	}
}

/* ------------------------------------------------------------------ */
/* Worked by hand */

/*
 * Five quantiles of equal population: a_i = 0.2, and the relative ranks
 * are the mid-points b = 0.1, 0.3, 0.5, 0.7, 0.9 (0.2/2, 0.2 + 0.2/2...).
 * Values 10, 12, 14, 16, 18 lie on y = 9 + 10 b, so the weighted fit is
 * exact: SII = 10, the difference between the fitted ends at b = 0 and
 * b = 1 (wider than the 8 between the end quantiles, whose ranks are 0.1
 * and 0.9); intercept 9; RII = (9 + 10) / 9 = 19/9.
 * Off the line, values 10, 14, 12, 16, 18: weighted means b 0.5, y 14;
 * sum a (b - 0.5)^2 = 0.2 (0.16 + 0.04 + 0 + 0.04 + 0.16) = 0.08;
 * sum a (b - 0.5)(y - 14) = 0.2 (1.6 + 0 + 0 + 0.4 + 1.6) = 0.72; so
 * SII = 0.72 / 0.08 = 9, intercept 14 - 9 x 0.5 = 9.5, RII 18.5 / 9.5 =
 * 37/19.
 */
static const double eq_pop[] = { 500, 500, 500, 500, 500 };
static const double line_y[] = { 10, 12, 14, 16, 18 };
static const double off_y[] = { 10, 14, 12, 16, 18 };
static const double one_se[] = { 1, 1, 1, 1, 1 };
static const double zero_se[] = { 0, 0, 0, 0, 0 };

static struct stats_sii_opts opts_with(enum stats_sii_type t, int transform,
				       double mult, double conf,
				       unsigned long reps)
{
	struct stats_sii_opts o = STATS_SII_OPTS_INIT;

	o.type = t;
	o.transform = transform;
	o.multiplier = mult;
	o.confidence[0] = conf;
	o.nconfidence = 1;
	o.repetitions = reps;
	return o;
}

static void test_hand(void **state)
{
	struct stats_sii_data d = { 5, eq_pop, line_y, NULL, zero_se, NULL,
				    NULL };
	struct stats_sii_opts o = opts_with(STATS_SII_NORMAL, 0, 1, 0.95,
					    1000);
	struct stats_sii_fit f;
	struct stats_sii s;
	double rank[5];

	(void)state;
	assert_int_equal(stats_sii(&d, &o, NULL, &s), STATS_OK);
	assert_close(s.sii, 10, HAND_TOL);
	assert_close(s.intercept, 9, HAND_TOL);
	assert_close(s.rii, 19.0 / 9, HAND_TOL);
	/* no error to sample: every repetition is the fit itself */
	assert_close(s.sii_lower[0], 10, HAND_TOL);
	assert_close(s.sii_upper[0], 10, HAND_TOL);
	assert_close(s.rii_lower[0], 19.0 / 9, HAND_TOL);
	assert_close(s.rii_upper[0], 19.0 / 9, HAND_TOL);
	assert_true(isnan(s.sii_lower[1]) && isnan(s.rii_upper[1]));

	assert_int_equal(stats_sii_line(&d, &o, rank, &f), STATS_OK);
	for (int i = 0; i < 5; i++)
		assert_close(rank[i], 0.1 + 0.2 * i, HAND_TOL);
	assert_close(f.sii, 10, HAND_TOL);
	assert_close(f.intercept, 9, HAND_TOL);
	assert_close(f.rii, 19.0 / 9, HAND_TOL);
	assert_close(stats_sii_fitted(&f, 0), 9, HAND_TOL);
	assert_close(stats_sii_fitted(&f, 1), 19, HAND_TOL);
	assert_close(stats_sii_fitted(&f, 0.3), 12, HAND_TOL);

	/* a multiplier of -2: SII x -2, RII inverted, intercept as it was */
	o.multiplier = -2;
	assert_int_equal(stats_sii(&d, &o, NULL, &s), STATS_OK);
	assert_close(s.sii, -20, HAND_TOL);
	assert_close(s.rii, 9.0 / 19, HAND_TOL);
	assert_close(s.intercept, 9, HAND_TOL);
	assert_close(s.sii_lower[0], -20, HAND_TOL);

	d.value = off_y;
	o.multiplier = 1;
	assert_int_equal(stats_sii(&d, &o, NULL, &s), STATS_OK);
	assert_close(s.sii, 9, HAND_TOL);
	assert_close(s.intercept, 9.5, HAND_TOL);
	assert_close(s.rii, 37.0 / 19, HAND_TOL);
}

/*
 * Unequal populations 10, 20, 30, 20, 20 (of 100): a = 0.1, 0.2, 0.3,
 * 0.2, 0.2; b = 0.05, 0.1 + 0.1 = 0.2, 0.3 + 0.15 = 0.45, 0.6 + 0.1 =
 * 0.7, 0.8 + 0.1 = 0.9. Values 3 + 2b lie on a line: SII 2, intercept 3.
 */
static void test_hand_ranks(void **state)
{
	static const double pop[] = { 10, 20, 30, 20, 20 };
	static const double b[] = { 0.05, 0.2, 0.45, 0.7, 0.9 };
	double y[5], rank[5];
	struct stats_sii_data d = { 5, pop, y, NULL, NULL, NULL, NULL };
	struct stats_sii_opts o = STATS_SII_OPTS_INIT;
	struct stats_sii_fit f;

	(void)state;
	for (int i = 0; i < 5; i++)
		y[i] = 3 + 2 * b[i];
	assert_int_equal(stats_sii_line(&d, &o, rank, &f), STATS_OK);
	for (int i = 0; i < 5; i++)
		assert_close(rank[i], b[i], HAND_TOL);
	assert_close(f.sii, 2, HAND_TOL);
	assert_close(f.intercept, 3, HAND_TOL);
	assert_close(f.rii, 5.0 / 3, HAND_TOL);
}

/*
 * With transform the line is fitted on the log (rate) or logit
 * (proportion) scale and read back on the value's:
 *  - rates exp(1 + 2 b): log y = 1 + 2 b, so intercept e, SII e^3 - e =
 *    17.36725509472862, RII e^2 = 7.3890560989306495;
 *  - proportions invlogit(-1 + b): intercept 1 / (1 + e) =
 *    0.2689414213699951, SII 0.5 - 1 / (1 + e) = 0.2310585786300049,
 *    RII (1 + e) / 2 = 1.8591409142295225.
 * Without transform the same values are fitted as they are.
 */
static void test_hand_transform(void **state)
{
	double rate[5], prop[5], cnt[5];
	struct stats_sii_data d = { 5, eq_pop, rate, NULL, NULL, NULL, NULL };
	struct stats_sii_opts o = STATS_SII_OPTS_INIT;
	struct stats_sii_fit f, g;

	(void)state;
	for (int i = 0; i < 5; i++) {
		double b = 0.1 + 0.2 * i;

		rate[i] = exp(1 + 2 * b);
		prop[i] = 1 / (1 + exp(-(-1 + b)));
		cnt[i] = prop[i] * eq_pop[i];
	}
	o.type = STATS_SII_RATE;
	o.transform = 1;
	assert_int_equal(stats_sii_line(&d, &o, NULL, &f), STATS_OK);
	assert_close(f.intercept, 2.718281828459045, HAND_TOL);
	assert_close(f.sii, 17.36725509472862, HAND_TOL);
	assert_close(f.rii, 7.3890560989306495, HAND_TOL);
	assert_close(f.c, 1, HAND_TOL);
	assert_close(f.s, 2, HAND_TOL);
	assert_close(stats_sii_fitted(&f, 0.5), exp(2), HAND_TOL);
	o.multiplier = -1;
	assert_int_equal(stats_sii_line(&d, &o, NULL, &f), STATS_OK);
	assert_close(f.sii, -17.36725509472862, HAND_TOL);
	assert_close(f.rii, 1 / 7.3890560989306495, HAND_TOL);
	assert_close(f.intercept, 2.718281828459045, HAND_TOL);

	d.value = prop;
	o.type = STATS_SII_PROPORTION;
	o.multiplier = 100;
	assert_int_equal(stats_sii_line(&d, &o, NULL, &f), STATS_OK);
	assert_close(f.intercept, 0.2689414213699951, HAND_TOL);
	assert_close(f.sii, 23.10585786300049, HAND_TOL);
	assert_close(f.rii, 1.8591409142295225, HAND_TOL);
	/* the same from counts */
	d.value = NULL;
	d.count = cnt;
	assert_int_equal(stats_sii_line(&d, &o, NULL, &g), STATS_OK);
	assert_close(g.sii, f.sii, HAND_TOL);
	assert_close(g.intercept, f.intercept, HAND_TOL);

	/* untransformed, a proportion is fitted as a plain value */
	o.transform = 0;
	o.multiplier = 1;
	assert_int_equal(stats_sii_line(&d, &o, NULL, &f), STATS_OK);
	d.value = prop;
	d.count = NULL;
	o.type = STATS_SII_NORMAL;
	assert_int_equal(stats_sii_line(&d, &o, NULL, &g), STATS_OK);
	assert_close(f.sii, g.sii, HAND_TOL);
	assert_close(f.intercept, g.intercept, HAND_TOL);
	assert_close(f.rii, g.rii, HAND_TOL);
}

/*
 * The limits follow the distribution they sample. Equal populations and
 * se = 1 everywhere: the simulated SII is sum(w_i y_i) with w_i = a_i (b_i
 * - 0.5) / 0.08 = -1, -0.5, 0, 0.5, 1, so it is Normal(10, sum w^2 = 2.5)
 * and its 95% limits are 10 -+ 1.959964 x sqrt(2.5) = 10 -+ 3.098975.
 * The 2.5th percentile of 100000 draws has a standard error of about
 * 0.013 here; 0.05 is nearly four of them.
 */
static void test_limits_normal(void **state)
{
	struct stats_sii_data d = { 5, eq_pop, line_y, NULL, one_se, NULL,
				    NULL };
	struct stats_sii_opts o = opts_with(STATS_SII_NORMAL, 0, 1, 0.95,
					    100000);
	struct stats_sii s;

	(void)state;
	assert_int_equal(stats_sii(&d, &o, NULL, &s), STATS_OK);
	assert_within(s.sii_lower[0], 10 - 3.098975161522808, 0.05);
	assert_within(s.sii_upper[0], 10 + 3.098975161522808, 0.05);
	assert_true(s.rii_lower[0] < s.rii && s.rii < s.rii_upper[0]);
	/* a negative multiplier turns the distribution over */
	o.multiplier = -1;
	assert_int_equal(stats_sii(&d, &o, NULL, &s), STATS_OK);
	assert_within(s.sii_lower[0], -10 - 3.098975161522808, 0.05);
	assert_within(s.sii_upper[0], -10 + 3.098975161522808, 0.05);
	assert_true(s.rii_lower[0] < s.rii && s.rii < s.rii_upper[0]);
}

/* ------------------------------------------------------------------ */
/* The order statistics and their positions, against a full sort */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y ? 1 : 0;
}

/*
 * The same draws as stats_sii (one stats_rng stream, n per repetition),
 * fitted the slow way (centred weighted least squares each time) and
 * sorted in full; the limits must be the values at the positions worked
 * out by hand from round(reps x (1 - cv)) and round(reps x cv) with R's
 * half-to-even rounding:
 *   1000 at 95%: 25.00000000000002 -> 25 and 975.0 -> 975;
 *   1001 at 95%: 25.025... -> 25 and 975.975 -> 976;
 *   1100 at 99%: 5.500000000000005 -> 6 and 1094.5 -> 1094 (to even);
 * and two levels at once give each its own.
 */
static void test_order_statistics(void **state)
{
	static const double pop[] = { 120, 80, 100, 90, 110, 95 };
	static const double y[] = { 30, 26, 27, 22, 20, 17 };
	static const double se[] = { 2, 1.5, 1, 3, 2, 1 };
	static const struct {
		unsigned long reps;
		double conf[2];
		size_t nconf;
		size_t pos[4];
	} cases[] = {
		{ 1000, { 0.95, 0 }, 1, { 25, 975 } },
		{ 1001, { 95, 0 }, 1, { 25, 976 } },
		{ 1100, { 0.99, 0 }, 1, { 6, 1094 } },
		{ 1100, { 0.99, 0.95 }, 2, { 6, 1094, 28, 1072 } },
	};
	struct stats_sii_data d = { 6, pop, y, NULL, se, NULL, NULL };
	struct stats_sii_work w = STATS_SII_WORK_INIT;

	(void)state;
	for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
		struct stats_sii_opts o = opts_with(STATS_SII_NORMAL, 0, 1,
						    0.95, cases[t].reps);
		struct stats_rng *rng = stats_rng_new(o.seed);
		double *sii = malloc(cases[t].reps * sizeof(double));
		double *rii = malloc(cases[t].reps * sizeof(double));
		double a[6], b[6], total = 0, cum = 0;
		struct stats_sii s;

		assert_true(sii && rii);
		o.confidence[0] = cases[t].conf[0];
		o.confidence[1] = cases[t].conf[1];
		o.nconfidence = cases[t].nconf;
		for (int i = 0; i < 6; i++)
			total += pop[i];
		for (int i = 0; i < 6; i++) {
			a[i] = pop[i] / total;
			b[i] = cum + a[i] / 2;
			cum += a[i];
		}
		for (unsigned long r = 0; r < cases[t].reps; r++) {
			double z[6], yy[6], mb = 0, my = 0, sbb = 0, sby = 0;

			stats_rng_gaussian(rng, z, 6);
			for (int i = 0; i < 6; i++) {
				yy[i] = y[i] + se[i] * z[i];
				mb += a[i] * b[i];
				my += a[i] * yy[i];
			}
			for (int i = 0; i < 6; i++) {
				sbb += a[i] * (b[i] - mb) * (b[i] - mb);
				sby += a[i] * (b[i] - mb) * (yy[i] - my);
			}
			sii[r] = sby / sbb;
			rii[r] = (my - sii[r] * mb + sii[r]) /
				 (my - sii[r] * mb);
		}
		stats_rng_free(rng);
		qsort(sii, cases[t].reps, sizeof(double), cmp_double);
		qsort(rii, cases[t].reps, sizeof(double), cmp_double);
		assert_int_equal(stats_sii(&d, &o, &w, &s), STATS_OK);
		for (size_t k = 0; k < cases[t].nconf; k++) {
			assert_close(s.sii_lower[k],
				     sii[cases[t].pos[2 * k] - 1], 1e-12);
			assert_close(s.sii_upper[k],
				     sii[cases[t].pos[2 * k + 1] - 1], 1e-12);
			assert_close(s.rii_lower[k],
				     rii[cases[t].pos[2 * k] - 1], 1e-12);
			assert_close(s.rii_upper[k],
				     rii[cases[t].pos[2 * k + 1] - 1], 1e-12);
		}
		free(sii);
		free(rii);
	}
	stats_sii_work_release(&w);
	assert_null(w.buf);
	assert_null(w.rng);
}

/* ------------------------------------------------------------------ */
/* Reproducible */

static void test_determinism(void **state)
{
	static const double pop[] = { 120, 80, 100, 90, 110, 95, 70 };
	static const double y[] = { 0.3, 0.26, 0.27, 0.22, 0.2, 0.17, 0.15 };
	static const double lo[] = { 0.25, 0.2, 0.22, 0.18, 0.15, 0.12, 0.1 };
	static const double hi[] = { 0.35, 0.31, 0.33, 0.27, 0.25, 0.22, 0.2 };
	struct stats_sii_data d = { 7, pop, y, NULL, NULL, lo, hi };
	struct stats_sii_opts o = opts_with(STATS_SII_PROPORTION, 1, 100, 0.95,
					    20000);
	struct stats_sii_work w = STATS_SII_WORK_INIT;
	struct stats_sii s1, s2, s3, s4;

	(void)state;
	o.confidence[1] = 99.8;
	o.nconfidence = 2;
	assert_int_equal(stats_sii(&d, &o, NULL, &s1), STATS_OK);
	/* the same seed, with a kept workspace used before by a bigger run */
	o.repetitions = 50000;
	assert_int_equal(stats_sii(&d, &o, &w, &s3), STATS_OK);
	o.repetitions = 20000;
	assert_int_equal(stats_sii(&d, &o, &w, &s2), STATS_OK);
	assert_memory_equal(&s1, &s2, sizeof s1);
	/* 95 and 0.95 are one level */
	o.confidence[0] = 95;
	o.confidence[1] = 0.998;
	assert_int_equal(stats_sii(&d, &o, &w, &s2), STATS_OK);
	assert_memory_equal(&s1, &s2, sizeof s1);
	/* another seed: other limits, the same fit */
	o.seed = 20240501;
	assert_int_equal(stats_sii(&d, &o, &w, &s4), STATS_OK);
	assert_memory_equal(&s1.sii, &s4.sii, sizeof s1.sii);
	assert_memory_not_equal(s1.sii_lower, s4.sii_lower,
				sizeof s1.sii_lower);
	stats_sii_work_release(&w);
	/* the 99.8% interval holds the 95% one */
	assert_true(s1.sii_lower[1] < s1.sii_lower[0] &&
		    s1.sii_upper[0] < s1.sii_upper[1]);
	assert_true(s1.rii_lower[1] < s1.rii_lower[0] &&
		    s1.rii_upper[0] < s1.rii_upper[1]);
}

/* ------------------------------------------------------------------ */
/* Arguments out of range */

static void test_domain(void **state)
{
	static const double neg_pop[] = { 500, -1, 500, 500, 500 };
	static const double nan_pop[] = { 500, NAN, 500, 500, 500 };
	static const double zero_pop[] = { 500, 0, 500, 500, 500 };
	static const double neg_se[] = { 1, 1, -1, 1, 1 };
	static const double nan_se[] = { 1, 1, NAN, 1, 1 };
	static const double props[] = { 0.1, 0.2, 0.3, 0.4, 0.5 };
	static const double lo[] = { 0.05, 0.1, 0.2, 0.3, 0.4 };
	static const double hi[] = { 0.15, 0.3, 0.4, 0.5, 0.6 };
	static const double lo_zero[] = { 0, 0.1, 0.2, 0.3, 0.4 };
	static const double hi_swapped[] = { 0.15, 0.3, 0.1, 0.5, 0.6 };
	static const double count_big[] = { 50, 100, 150, 200, 600 };
	static const double big_pop[101] = { 0 };
	struct stats_sii_data d = { 5, eq_pop, line_y, NULL, one_se, NULL,
				    NULL };
	struct stats_sii_opts o = opts_with(STATS_SII_NORMAL, 0, 1, 0.95,
					    1000);
	struct stats_sii s;
	struct stats_sii_fit f;
	double rank[5];

	(void)state;
	(void)big_pop;
#define EXPECT(st) do { \
		assert_int_equal(stats_sii(&d, &o, NULL, &s), (st)); \
		if ((st) != STATS_OK) \
			assert_sii_nan(&s); \
	} while (0)
	EXPECT(STATS_OK);
	/* populations */
	d.population = neg_pop;
	EXPECT(STATS_DOMAIN);
	d.population = zero_pop;
	EXPECT(STATS_DOMAIN);
	d.population = nan_pop;
	EXPECT(STATS_MISSING);
	assert_int_equal(stats_sii_line(&d, &o, rank, &f), STATS_MISSING);
	assert_true(isnan(f.sii) && isnan(rank[0]) && isnan(rank[4]));
	d.population = eq_pop;
	/* standard errors; a negative one wins over a missing one */
	d.se = neg_se;
	EXPECT(STATS_DOMAIN);
	d.se = nan_se;
	EXPECT(STATS_MISSING);
	d.population = neg_pop;
	EXPECT(STATS_DOMAIN);
	d.population = eq_pop;
	/* no value, no se and no limits */
	d.se = NULL;
	EXPECT(STATS_DOMAIN);
	d.se = one_se;
	d.value = NULL;
	EXPECT(STATS_DOMAIN);
	d.value = line_y;

	/* proportions: inside 0..1, limits too; not 0 or 1 (logit) */
	o.type = STATS_SII_PROPORTION;
	EXPECT(STATS_DOMAIN);	/* 10..18 */
	d.value = props;
	EXPECT(STATS_OK);
	d.se = NULL;
	d.lower = lo;
	d.upper = hi;
	EXPECT(STATS_OK);
	d.lower = lo_zero;
	EXPECT(STATS_DOMAIN);
	d.lower = lo;
	d.upper = hi_swapped;
	EXPECT(STATS_DOMAIN);
	d.upper = hi;
	/* counts: above 0 and at most the population */
	d.value = NULL;
	d.count = count_big;
	EXPECT(STATS_DOMAIN);	/* 600 of 500 */
	d.count = NULL;
	EXPECT(STATS_DOMAIN);
	d.value = props;
	/* rates: above 0 */
	o.type = STATS_SII_RATE;
	d.lower = lo_zero;
	EXPECT(STATS_DOMAIN);
	d.lower = lo;
	EXPECT(STATS_OK);

	/* options */
	o.transform = 1;
	EXPECT(STATS_OK);
	d.se = one_se;
	EXPECT(STATS_DOMAIN);	/* PIM: se to be missing when transform */
	d.se = NULL;
	o.type = STATS_SII_NORMAL;
	EXPECT(STATS_DOMAIN);	/* transform needs a rate or proportion */
	o.transform = 0;
	EXPECT(STATS_OK);
	o.type = (enum stats_sii_type)3;
	EXPECT(STATS_DOMAIN);
	o.type = STATS_SII_NORMAL;
	o.repetitions = 999;
	EXPECT(STATS_DOMAIN);
	o.repetitions = 1000;
	o.multiplier = 0;
	EXPECT(STATS_DOMAIN);
	o.multiplier = INFINITY;
	EXPECT(STATS_DOMAIN);
	o.multiplier = NAN;
	EXPECT(STATS_MISSING);
	o.multiplier = 1;
	{
		static const double bad[] = { 0.35, 0.49, 1, 40, 99.995, 135,
					      NAN };
		static const double good[] = { 0.5, 0.9999, 50, 99.99, 0.998 };

		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			o.confidence[0] = bad[i];
			EXPECT(STATS_DOMAIN);
		}
		for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
			o.confidence[0] = good[i];
			EXPECT(STATS_OK);
		}
		o.confidence[0] = 0.95;
		o.confidence[1] = 40;
		o.nconfidence = 2;
		EXPECT(STATS_DOMAIN);
		o.nconfidence = 3;
		EXPECT(STATS_DOMAIN);
		o.nconfidence = 0;
		EXPECT(STATS_DOMAIN);
		o.nconfidence = 1;
	}

	/* 5 to 100 quantiles */
	d.n = 4;
	EXPECT(STATS_DOMAIN);
	assert_int_equal(stats_sii_line(&d, &o, NULL, &f), STATS_DOMAIN);
	{
		double pop[101], y[101], se[101];

		for (int i = 0; i < 101; i++) {
			pop[i] = 100 + i;
			y[i] = 50 - 0.1 * i;
			se[i] = 1;
		}
		d.population = pop;
		d.value = y;
		d.se = se;
		d.n = 101;
		EXPECT(STATS_DOMAIN);
		d.n = 100;
		EXPECT(STATS_OK);
		assert_true(s.sii < 0 && s.sii_lower[0] < s.sii &&
			    s.sii < s.sii_upper[0]);
	}
#undef EXPECT
}

/* ------------------------------------------------------------------ */
/* PHEindicatormethods' reference (sii_expected.csv) */

#define MAXROWS 520
#define MAXBLOCKS 64
#define MAXQ 20

struct ref_row {
	char desc[128];
	char area[16];
	unsigned long line;
	double pop, count, value, lower, upper, se, reps;
	double want[11];	/* in the order of want_cols */
};

static const char *const want_cols[] = {
	"sii", "rii", "sii_lowercl_1", "sii_uppercl_1", "rii_lowercl_1",
	"rii_uppercl_1", "sii_lowercl_2", "sii_uppercl_2", "rii_lowercl_2",
	"rii_uppercl_2", "Intercept"
};

enum { W_SII, W_RII, W_L1 = 2, W_L2 = 6, W_INTERCEPT = 10 };

struct block {
	const struct ref_row *row;	/* first row: the expected values */
	size_t n;
};

struct ref {
	struct ref_row rows[MAXROWS];
	size_t nrows;
	struct block blocks[MAXBLOCKS];
	size_t nblocks;
};

/* The largest differences seen, for the summary main prints. */
static struct {
	double point;		/* SII, RII, intercept: relative */
	double ci;		/* simulated limits: relative */
	char ci_where[320];
	unsigned long npoint, nci, nstatus;
} seen;

static struct ref *load_ref(void)
{
	struct ref *r = calloc(1, sizeof *r);
	struct csv c;
	int cd, ca, cp, cc, cv, cl, cu, cs, cr, cw[11];

	assert_non_null(r);
	csv_open(&c, "sii_expected.csv");
	cd = csv_col(&c, "TestDescription");
	ca = csv_col(&c, "Area");
	cp = csv_col(&c, "Population");
	cc = csv_col(&c, "Count");
	cv = csv_col(&c, "Value");
	cl = csv_col(&c, "LowerCL");
	cu = csv_col(&c, "UpperCL");
	cs = csv_col(&c, "StandardError");
	cr = csv_col(&c, "Repetitions");
	for (int k = 0; k < 11; k++)
		cw[k] = csv_col(&c, want_cols[k]);
	while (csv_next(&c)) {
		struct ref_row *w;
		struct block *b;

		assert_true(r->nrows < MAXROWS);
		w = &r->rows[r->nrows++];
		snprintf(w->desc, sizeof w->desc, "%s", csv_str(&c, cd));
		snprintf(w->area, sizeof w->area, "%s", csv_str(&c, ca));
		w->line = c.lineno;
		w->pop = csv_number(&c, cp);
		w->count = csv_number(&c, cc);
		w->value = csv_number(&c, cv);
		w->lower = csv_number(&c, cl);
		w->upper = csv_number(&c, cu);
		w->se = csv_number(&c, cs);
		w->reps = csv_number(&c, cr);
		for (int k = 0; k < 11; k++)
			w->want[k] = csv_number(&c, cw[k]);
		b = r->nblocks ? &r->blocks[r->nblocks - 1] : NULL;
		if (!b || strcmp(b->row->desc, w->desc) != 0 ||
		    strcmp(b->row->area, w->area) != 0) {
			assert_true(r->nblocks < MAXBLOCKS);
			b = &r->blocks[r->nblocks++];
			b->row = w;
			b->n = 0;
		}
		b->n++;
	}
	csv_close(&c);
	/* README: 505 rows */
	assert_int_equal(r->nrows, 505);
	return r;
}

/* The columns of one block, by quantile (file order is quantile order). */
struct cols {
	size_t n;
	double pop[MAXQ], count[MAXQ], value[MAXQ], lower[MAXQ], upper[MAXQ],
	       se[MAXQ];
};

static void block_cols(const struct block *b, size_t first, size_t n,
		       struct cols *c)
{
	assert_true(first + n <= b->n && n <= MAXQ);
	c->n = n;
	for (size_t i = 0; i < n; i++) {
		const struct ref_row *w = &b->row[first + i];

		c->pop[i] = w->pop;
		c->count[i] = w->count;
		c->value[i] = w->value;
		c->lower[i] = w->lower;
		c->upper[i] = w->upper;
		c->se[i] = w->se;
	}
}

/* Which of the block's inputs a run uses, as testSII.R's calls do. */
enum { IN_SE = 1, IN_CL = 2, IN_COUNT = 4 };

static struct stats_sii_data data_of(const struct cols *c, int in)
{
	struct stats_sii_data d = { c->n, c->pop, c->value, NULL, NULL, NULL,
				    NULL };

	if (in == IN_COUNT) {	/* a proportion from x, with its limits */
		d.value = NULL;
		d.count = c->count;
		in = IN_CL;
	}
	if (in == IN_SE) {
		d.se = c->se;
	} else {
		d.lower = c->lower;
		d.upper = c->upper;
	}
	return d;
}

static const struct ref_block_opts {
	const char *prefix;	/* TestDescription starts with it */
	enum stats_sii_type type;
	int transform;
	double multiplier;
	double conf[2];		/* 0: one level */
	int inputs;		/* IN_* runs, each compared */
} ref_opts[] = {
	{ "default (e.g. life expectancy) - default parameters",
	  STATS_SII_NORMAL, 0, 1, { 0.95, 0 }, IN_SE | IN_CL },
	{ "default - testing 99% confidence", STATS_SII_NORMAL, 0, 1,
	  { 0.99, 0 }, IN_SE | IN_CL },
	{ "default - testing 10,000 repetitions", STATS_SII_NORMAL, 0, 1,
	  { 0.95, 0 }, IN_SE },
	{ "default - testing quintiles", STATS_SII_NORMAL, 0, 1, { 0.95, 0 },
	  IN_SE },
	{ "rate (e.g. infant mortality) - default parameters",
	  STATS_SII_RATE, 0, 1, { 0.95, 0 }, IN_SE | IN_CL },
	{ "proportion (e.g. child obesity) - default parameters",
	  STATS_SII_PROPORTION, 0, 1, { 0.95, 0 }, IN_SE | IN_CL | IN_COUNT },
	{ "proportion - testing multiplier (x 100)", STATS_SII_PROPORTION, 0,
	  100, { 0.95, 0 }, IN_CL },
	{ "proportion - testing multiplier (x -100)", STATS_SII_PROPORTION, 0,
	  -100, { 0.95, 0 }, IN_CL },
	{ "default (e.g. life expectancy) - multiple CIs", STATS_SII_NORMAL,
	  0, 1, { 95, 99 }, IN_SE },
	{ "default (e.g. life expectancy) - intercept", STATS_SII_NORMAL, 0,
	  1, { 0.95, 0 }, IN_CL },
	{ "rate (e.g. infant mortality) - intercept", STATS_SII_RATE, 0, 1,
	  { 0.95, 0 }, IN_CL },
	/* testSII.R runs this proportion block with value_type = 1 */
	{ "proportion (e.g. child obesity) - intercept", STATS_SII_RATE, 0, 1,
	  { 0.95, 0 }, IN_CL },
	{ "rate (e.g. infant mortality) - log transform with intercept",
	  STATS_SII_RATE, 1, 1, { 0.95, 0 }, IN_CL },
	{ "proportion (e.g. child obesity) - logit transform with intercept",
	  STATS_SII_PROPORTION, 1, 1, { 0.95, 0 }, IN_CL },
	{ "proportion (e.g. child obesity) - logit transform with negative multiplier",
	  STATS_SII_PROPORTION, 1, -1, { 0.95, 0 }, IN_CL },
	{ "rate (e.g. infant mortality) - log transform with multiple Cis",
	  STATS_SII_RATE, 1, 1, { 95, 98 }, IN_CL },
	{ "rate (e.g. infant mortality) - log transform with negative multiplier",
	  STATS_SII_RATE, 1, -1, { 0.95, 0 }, IN_CL },
	/* the Confidence column says 95 here, the R call 98 */
	{ "rate (e.g. infant mortality) - log transform with 98% CI",
	  STATS_SII_RATE, 1, 1, { 98, 0 }, IN_CL },
	{ "rate (e.g. infant mortality) - log transform without rii",
	  STATS_SII_RATE, 1, 1, { 0.95, 0 }, IN_CL },
	{ "proportion (e.g. child obesity) - logit transform without rii",
	  STATS_SII_PROPORTION, 1, 1, { 0.95, 0 }, IN_CL },
	{ "proportion (e.g. child obesity) - logit transform with 98% cis",
	  STATS_SII_PROPORTION, 1, 1, { 98, 0 }, IN_CL },
	{ "proportion (e.g. child obesity) - logit transform with 95% and 98% cis",
	  STATS_SII_PROPORTION, 1, 1, { 95, 98 }, IN_CL },
};

static const struct ref_block_opts *opts_of(const char *desc)
{
	for (size_t i = 0; i < sizeof ref_opts / sizeof ref_opts[0]; i++)
		if (!strncmp(desc, ref_opts[i].prefix,
			     strlen(ref_opts[i].prefix)))
			return &ref_opts[i];
	return NULL;
}

static void check_point(double got, double want, const struct ref_row *w,
			const char *what)
{
	double e;

	if (isnan(want))
		return;
	e = rel_err(got, want);
	seen.npoint++;
	if (e > seen.point)
		seen.point = e;
	if (!(e <= REF_TOL)) {
		print_error("sii_expected.csv line %lu (%s, %s): %s = %.17g, "
			    "expected %.17g (relative error %.3g)\n", w->line,
			    w->desc, w->area, what, got, want, e);
		fail();
	}
}

static void check_ci(double got, double want, const struct ref_row *w,
		     const char *what, int in)
{
	double e;

	if (isnan(want))
		return;
	e = rel_err(got, want);
	seen.nci++;
	if (e > seen.ci) {
		seen.ci = e;
		snprintf(seen.ci_where, sizeof seen.ci_where,
			 "line %lu %s %s, %s from %s", w->line, w->area, what,
			 w->desc, in == IN_SE ? "se" : in == IN_CL ?
			 "limits" : "counts");
	}
	if (!(e <= CI_TOL)) {
		print_error("sii_expected.csv line %lu (%s, %s): %s = %.17g, "
			    "expected %.17g (relative difference %.3g > "
			    "%.3g)\n", w->line, w->desc, w->area, what, got,
			    want, e, CI_TOL);
		fail();
	}
}

static void test_reference(void **state)
{
	struct stats_sii_work work = STATS_SII_WORK_INIT;
	struct ref *r;
	size_t nrun = 0;

	(void)state;
	REQUIRE_REFDIR();
	r = load_ref();
	for (size_t i = 0; i < r->nblocks; i++) {
		const struct block *b = &r->blocks[i];
		const struct ref_row *w = b->row;
		const struct ref_block_opts *bo = opts_of(w->desc);
		struct cols c;

		if (isnan(w->want[W_SII]))
			continue;	/* the error and warning blocks */
		if (!bo) {
			print_error("no options for block '%s'\n", w->desc);
			fail();
		}
		block_cols(b, 0, b->n, &c);
		for (int in = IN_SE; in <= IN_COUNT; in <<= 1) {
			struct stats_sii_data d = data_of(&c, in);
			struct stats_sii_opts o = STATS_SII_OPTS_INIT;
			struct stats_sii_fit f;
			struct stats_sii s;

			if (!(bo->inputs & in))
				continue;
			o.type = bo->type;
			o.transform = bo->transform;
			o.multiplier = bo->multiplier;
			o.confidence[0] = bo->conf[0];
			o.confidence[1] = bo->conf[1];
			o.nconfidence = bo->conf[1] > 0 ? 2 : 1;
			o.repetitions = (unsigned long)w->reps;
			assert_int_equal(stats_sii(&d, &o, &work, &s),
					 STATS_OK);
			nrun++;
			check_point(s.sii, w->want[W_SII], w, "sii");
			check_point(s.rii, w->want[W_RII], w, "rii");
			check_point(s.intercept, w->want[W_INTERCEPT], w,
				    "Intercept");
			for (size_t k = 0; k < o.nconfidence; k++) {
				const double *want = &w->want[k ? W_L2 : W_L1];
				char what[32];

				snprintf(what, sizeof what, "sii_lowercl_%d",
					 (int)k + 1);
				check_ci(s.sii_lower[k], want[0], w, what, in);
				snprintf(what, sizeof what, "sii_uppercl_%d",
					 (int)k + 1);
				check_ci(s.sii_upper[k], want[1], w, what, in);
				snprintf(what, sizeof what, "rii_lowercl_%d",
					 (int)k + 1);
				check_ci(s.rii_lower[k], want[2], w, what, in);
				snprintf(what, sizeof what, "rii_uppercl_%d",
					 (int)k + 1);
				check_ci(s.rii_upper[k], want[3], w, what, in);
			}
			/* the line alone gives the same fit */
			assert_int_equal(stats_sii_line(&d, &o, NULL, &f),
					 STATS_OK);
			assert_close(f.sii, s.sii, 1e-15);
			assert_close(f.rii, s.rii, 1e-15);
			assert_close(f.intercept, s.intercept, 1e-15);
		}
	}
	/* 44 blocks with results, 27 runs for each of the two areas */
	assert_int_equal(nrun, 54);
	stats_sii_work_release(&work);
	free(r);
}

static const struct block *find_block(const struct ref *r, const char *prefix)
{
	for (size_t i = 0; i < r->nblocks; i++)
		if (!strncmp(r->blocks[i].row->desc, prefix, strlen(prefix)))
			return &r->blocks[i];
	print_error("no block '%s'\n", prefix);
	fail();
	return NULL;
}

static void expect_status(const struct block *b, size_t first, size_t n,
			  int in, enum stats_sii_type type, int want)
{
	struct stats_sii_opts o = opts_with(type, 0, 1, 0.95, 1000);
	struct stats_sii_data d;
	struct stats_sii s;
	struct cols c;
	int got;

	block_cols(b, first, n, &c);
	d = data_of(&c, in);
	got = stats_sii(&d, &o, NULL, &s);
	seen.nstatus++;
	if (got != want) {
		print_error("sii_expected.csv line %lu (%s), rows %zu..%zu: "
			    "status %d, expected %d\n", b->row->line,
			    b->row->desc, first + 1, first + n, got, want);
		fail();
	}
	if (got != STATS_OK)
		assert_sii_nan(&s);
}

/*
 * The error and warning blocks, with the rows testSII.R passes. PIM stops
 * on each error; a missing se, limit, value or population makes the group
 * incomplete, which PIM drops with a warning (its check of missing se and
 * limits stops instead): no result, STATS_MISSING.
 */
static void test_reference_errors(void **state)
{
	const struct block *b;
	struct ref *r;

	(void)state;
	REQUIRE_REFDIR();
	r = load_ref();
	b = find_block(r, "error handling - negative populations");
	expect_status(b, 0, 10, IN_SE, STATS_SII_NORMAL, STATS_DOMAIN);
	b = find_block(r, "error handling - negative counts/standard error");
	expect_status(b, 0, 5, IN_SE, STATS_SII_NORMAL, STATS_DOMAIN);
	expect_status(b, 0, 10, IN_SE, STATS_SII_NORMAL, STATS_DOMAIN);
	/* rows 166:170, x = Count with a count of 0 */
	{
		struct stats_sii_opts o = opts_with(STATS_SII_PROPORTION, 0, 1,
						    0.95, 1000);
		struct stats_sii_data d;
		struct stats_sii s;
		struct cols c;

		block_cols(b, 5, 5, &c);
		d = data_of(&c, IN_SE);
		d.value = NULL;
		d.count = c.count;
		assert_int_equal(stats_sii(&d, &o, NULL, &s), STATS_DOMAIN);
		assert_sii_nan(&s);
		seen.nstatus++;
	}
	b = find_block(r, "error handling - invalid proportion in CLs");
	expect_status(b, 0, 5, IN_CL, STATS_SII_PROPORTION, STATS_DOMAIN);
	expect_status(b, 5, 5, IN_CL, STATS_SII_PROPORTION, STATS_DOMAIN);
	/* an upper limit of 11 is fine for a plain value; a lower limit of
	 * 8 above its upper one never is */
	expect_status(b, 0, 5, IN_CL, STATS_SII_NORMAL, STATS_OK);
	expect_status(b, 5, 5, IN_CL, STATS_SII_NORMAL, STATS_DOMAIN);
	/* life expectancies are no proportions */
	b = find_block(r, "default (e.g. life expectancy) - default");
	expect_status(b, 0, 10, IN_SE, STATS_SII_PROPORTION, STATS_DOMAIN);
	/* too few quantiles: rows 1:3 */
	expect_status(b, 0, 3, IN_CL, STATS_SII_NORMAL, STATS_DOMAIN);
	b = find_block(r, "error handling - missing value field");
	{
		struct stats_sii_opts o = opts_with(STATS_SII_NORMAL, 0, 1,
						    0.95, 1000);
		struct stats_sii_data d;
		struct stats_sii s;
		struct cols c;

		block_cols(b, 0, 10, &c);
		d = data_of(&c, IN_SE);
		d.value = NULL;	/* no value field */
		assert_int_equal(stats_sii(&d, &o, NULL, &s), STATS_DOMAIN);
		o.type = STATS_SII_PROPORTION;	/* nor x */
		assert_int_equal(stats_sii(&d, &o, NULL, &s), STATS_DOMAIN);
		seen.nstatus += 2;
	}
	/* a field of empty cells */
	expect_status(b, 0, 10, IN_SE, STATS_SII_NORMAL, STATS_MISSING);
	b = find_block(r, "error handling - missing confidence limits and se");
	expect_status(b, 0, 10, IN_SE, STATS_SII_NORMAL, STATS_MISSING);
	expect_status(b, 0, 10, IN_CL, STATS_SII_NORMAL, STATS_MISSING);
	b = find_block(r, "warning handling - missing populations");
	expect_status(b, 0, 10, IN_SE, STATS_SII_NORMAL, STATS_MISSING);
	expect_status(b, 0, 10, IN_CL, STATS_SII_NORMAL, STATS_MISSING);
	{
		struct stats_sii_opts o = STATS_SII_OPTS_INIT;
		struct stats_sii_data d;
		struct stats_sii_fit f;
		struct cols c;

		block_cols(b, 0, 10, &c);
		d = data_of(&c, IN_CL);
		assert_int_equal(stats_sii_line(&d, &o, NULL, &f),
				 STATS_MISSING);
		assert_true(isnan(f.sii));
		seen.nstatus++;
	}
	/* 15 quantiles: computed; more than 10 is the caller's warning */
	b = find_block(r, "warning handling - large number of quantiles");
	assert_true(b->n > STATS_SII_MANY_QUANTILES);
	expect_status(b, 0, b->n, IN_CL, STATS_SII_NORMAL, STATS_OK);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand),
		cmocka_unit_test(test_hand_ranks),
		cmocka_unit_test(test_hand_transform),
		cmocka_unit_test(test_limits_normal),
		cmocka_unit_test(test_order_statistics),
		cmocka_unit_test(test_determinism),
		cmocka_unit_test(test_domain),
		cmocka_unit_test(test_reference),
		cmocka_unit_test(test_reference_errors),
	};
	int failed;

	stats_init();
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	if (seen.npoint)
		print_message("reference sii_expected.csv: %lu SII/RII/intercept"
			      " values, largest relative error %.3g\n",
			      seen.npoint, seen.point);
	if (seen.nci)
		print_message("reference sii_expected.csv: %lu simulated limits,"
			      " largest relative difference %.3g (%s)\n",
			      seen.nci, seen.ci, seen.ci_where);
	if (seen.nstatus)
		print_message("reference sii_expected.csv: %lu error and warning"
			      " statuses\n", seen.nstatus);
	return failed;
}
