/* stats_sii.h - the slope and relative indices of inequality (SII, RII)
 * across deprivation quantiles, as PHEindicatormethods v2 phe_sii.
 *
 *	struct stats_sii_data d = { 10, pops, values, NULL, NULL, lo, hi };
 *	struct stats_sii_opts o = STATS_SII_OPTS_INIT;
 *	struct stats_sii_work w = STATS_SII_WORK_INIT;
 *	struct stats_sii s;
 *	if (stats_sii(&d, &o, &w, &s) == STATS_OK)
 *		printf("%.2f (%.2f to %.2f)\n", s.sii, s.sii_lower[0],
 *		       s.sii_upper[0]);
 *	stats_sii_work_release(&w);
 *
 * Pure functions over caller-owned arrays, one element per quantile, most
 * deprived first; nothing is kept but the buffers of a struct
 * stats_sii_work, which the caller owns and releases. On any status but
 * STATS_OK every output is NaN. GSL is reached through stats.h only.
 */
#ifndef JSNA_STATS_SII_H
#define JSNA_STATS_SII_H

#include <stddef.h>

#include "jsna/stats.h"

/* PIM's bounds on the number of quantiles (else STATS_DOMAIN), and the
 * count above which it warns that small values can make the SII unstable;
 * the warning is the caller's to give. */
#define STATS_SII_MIN_QUANTILES 5
#define STATS_SII_MAX_QUANTILES 100
#define STATS_SII_MANY_QUANTILES 10

/* The fewest repetitions PIM accepts, its default, and our default seed
 * (any fixed number: the point is that a run can be repeated byte for
 * byte; this one is GSL's own default for MT19937). */
#define STATS_SII_MIN_REPETITIONS 1000UL
#define STATS_SII_REPETITIONS 100000UL
#define STATS_SII_SEED 4357UL

/* PIM's value_type: what the value is, which fixes the scale on which it
 * is sampled (and fitted, with transform). */
enum stats_sii_type {
	STATS_SII_NORMAL = 0,	/* any value (a life expectancy): as it is */
	STATS_SII_RATE = 1,	/* above 0: sampled on the log scale */
	STATS_SII_PROPORTION = 2	/* in (0, 1): sampled on the logit scale */
};

/* One group's quantiles: n arrays of n elements (NULL: not given). */
struct stats_sii_data {
	size_t n;		/* quantiles, 5 to 100 */
	const double *population;	/* each > 0 */
	const double *value;	/* NULL: count / population, proportions */
	const double *count;	/* read only when value is NULL */
	const double *se;	/* NULL: from lower and upper (not read then) */
	const double *lower;	/* the value's 95% limits */
	const double *upper;
};

struct stats_sii_opts {
	enum stats_sii_type type;
	int transform;		/* fit on the log or logit scale (not NORMAL) */
	double multiplier;	/* SII x multiplier; < 0 also inverts the RII */
	double confidence[2];	/* 0.5..0.9999 or 50..99.99 */
	size_t nconfidence;	/* 1 or 2 */
	unsigned long repetitions;	/* >= STATS_SII_MIN_REPETITIONS */
	unsigned long seed;	/* the simulation's MT19937 seed */
};

#define STATS_SII_OPTS_INIT { STATS_SII_NORMAL, 0, 1.0, { 0.95, 0.998 }, 1, \
			      STATS_SII_REPETITIONS, STATS_SII_SEED }

/* The result for one group; the limits of level k (in the order of
 * opts.confidence) are [k], and NaN past nconfidence. */
struct stats_sii {
	double sii;		/* x multiplier */
	double rii;		/* inverted when the multiplier is < 0 */
	double intercept;	/* fitted value at rank 0, not multiplied */
	double sii_lower[2];
	double sii_upper[2];
	double rii_lower[2];
	double rii_upper[2];
};

/* Buffers kept between calls, so that a nightly run of thousands of
 * groups allocates once: the simulated values and the generator. */
struct stats_sii_work {
	double *buf;
	size_t alloc;		/* doubles in buf */
	struct stats_rng *rng;
};

#define STATS_SII_WORK_INIT { NULL, 0, NULL }

/* A confidence level of the SII's limits as PIM's SimulationFunc reads it:
 * 0.5..0.9999, or 50..99.99 divided by 100 (95 -> 0.95 exactly). Returns
 * the level, or NaN when c is out of range. */
double stats_sii_confidence(double c);

/* Frees the buffers of w (not w itself); w is then STATS_SII_WORK_INIT. */
void stats_sii_work_release(struct stats_sii_work *w);

/*
 * SII and RII with limits by simulation (PIM v2 R/SII_function.R and
 * SimulationFunc in R/utils.R; Low & Low, J Public Health 2004;26:388-95):
 *  - a_i = pop_i / sum(pop), relative rank b_i = sum(a_j, j < i) + a_i/2;
 *  - weighted least squares of y_i on b_i, weights a_i (PIM's regression
 *    of sqrt(a) y on sqrt(a) and b sqrt(a), without intercept term): y =
 *    c + s b. SII = s, intercept = c, RII = (c + s) / c; with transform,
 *    y is log(value) (rate) or logit(value) (proportion) and, back on the
 *    value scale by bt = exp or the inverse logit, intercept = bt(c),
 *    SII = bt(c + s) - bt(c), RII = bt(c + s) / bt(c);
 *  - the SII (and its limits) is multiplied by the multiplier; a negative
 *    one inverts the RII, and so swaps the limits of both;
 *  - limits: each repetition draws every quantile's value from Normal(v,
 *    se) on the sampling scale (log for rates, logit for proportions,
 *    whether fitted there or not, as PIM's own test data has it), maps
 *    it back unless transform, fits the same line and keeps its SII and
 *    RII; a level's limits are the order statistics at positions
 *    round(reps x (1 - cv)) and round(reps x cv), cv = conf + (1 -
 *    conf) / 2, R's round (half to even) and 1-based, clamped to 1..reps;
 *  - se is given, or (T(upper) - T(lower)) / z / 2 with z = 1.95996...
 *    (95%) and T the sampling scale's log, logit or identity.
 * Example (worked by hand in test_stats_sii.c): 5 quantiles of equal
 * population, values 10, 12, 14, 16, 18: b = 0.1, 0.3, ..., 0.9, SII = 10
 * (the difference between the fitted ends), intercept 9, RII 19/9.
 * work may be NULL (the buffers are then allocated and freed here). The
 * draws restart at opts.seed on each call, so a group's limits depend on
 * its data and options only, never on the groups computed before it.
 * STATS_DOMAIN: n out of 5..100; a population <= 0 or infinite; a value
 * or limit not finite, a rate's not above 0, a proportion's not in
 * (0, 1) (a count <= 0 or above its population); no value (value NULL
 * but for a proportion with counts), no se and no limits; se < 0 or
 * lower > upper; transform of a NORMAL value, or with se given (PIM
 * takes the limits then); a type, confidence, repetitions or multiplier
 * (0, infinite) out of range. STATS_MISSING: a NaN multiplier; or, when
 * no quantile is out of range, a NaN population, value, count, se or
 * limit: that quantile is incomplete and the group has no result (PIM
 * drops such a group with a warning, but stops on a missing se or
 * limit). A simulated SII or RII that is NaN (an overflow) leaves that
 * statistic's limits NaN, with STATS_OK.
 */
int stats_sii(const struct stats_sii_data *d, const struct stats_sii_opts *o,
	      struct stats_sii_work *work, struct stats_sii *out);

/* The fitted line alone, for a chart: no limits, no simulation. */
struct stats_sii_fit {
	double sii;		/* as struct stats_sii */
	double rii;
	double intercept;
	double c;		/* y = c + s b, on the fitted scale (log or */
	double s;		/* logit with transform), not multiplied */
	enum stats_sii_type type;
	int transform;
};

/*
 * Fits the line of stats_sii() and writes each quantile's relative rank
 * b_i to rank[0..n-1] (NULL: not wanted). Reads population and value (or
 * count) only; se and limits, confidence, repetitions and seed are not
 * read. Returns STATS_OK or, with every output NaN, STATS_DOMAIN or
 * STATS_MISSING as stats_sii().
 */
int stats_sii_line(const struct stats_sii_data *d,
		   const struct stats_sii_opts *o, double *rank,
		   struct stats_sii_fit *fit);

/* The fitted value at relative rank b (0..1) on the value's own scale,
 * without the multiplier: c + s b, or bt(c + s b) with transform. NaN
 * for a fit that failed. */
double stats_sii_fitted(const struct stats_sii_fit *fit, double b);

#endif
