/* stats_funnel.h - PHE quantiles and funnel plots (METHODS.md 7 and 8).
 *
 *	struct stats_funnel f;	enum stats_funnel_sig sig[LEN];
 *	if (stats_funnel_proportion(x, n, LEN, 100, &f) == STATS_OK &&
 *	    stats_funnel_sig_proportion(x, n, LEN, sig) == STATS_OK)
 *		puts(stats_funnel_label(sig[0]));	"High (0.001)", ...
 *
 * Pure: caller-owned inputs and outputs, no I/O, nothing kept. Each call
 * returns an enum stats_status; on any but STATS_OK every output is NaN,
 * 0 (quantiles) or FUNNEL_SIG_NONE (labels). */
#ifndef JSNA_STATS_FUNNEL_H
#define JSNA_STATS_FUNNEL_H

#include <stddef.h>

#include "jsna/stats.h"

/*
 * PHE quantiles of one group (PIM phe_quantile; OHID "Assigning
 * deprivation categories"; METHODS.md 7). With N the non-NaN values and
 * rank the R rank(ties = "min") of v, or of max(v) - v when invert:
 *   quantile = floor((q + 1) - ceiling(((N + 1) - rank) / (N / q))),
 * 0 read as 1. invert = 1 (PIM's default) puts the highest value in
 * quantile 1. out[i] is 1..q, or 0 (NA) where values[i] is NaN.
 * Example: {5, 3, 9, 1, NaN}, q = 2, invert 0 -> {2, 1, 2, 1, 0}; invert 1
 * -> {1, 2, 1, 2, 0}.
 * N < q: every out[i] = 0 and STATS_MISSING (PIM warns "too few small
 * areas"). q < 1, an infinite value or a NULL array with n > 0:
 * STATS_DOMAIN. Sorts a temporary index, freed before the return:
 * STATS_FAILED when it cannot be allocated.
 */
int stats_quantiles(const double *values, size_t n, int nquantiles,
		    int invert, int *out);

/* The funnel-plot significance of a point (PIM assign_funnel_significance). */
enum stats_funnel_sig {
	FUNNEL_SIG_NONE = 0,	/* not assessed: the call failed */
	FUNNEL_HIGH_001,	/* above the 99.8% (3s) limit */
	FUNNEL_HIGH_025,	/* above the 95% (2s) limit only */
	FUNNEL_LOW_001,
	FUNNEL_LOW_025,
	FUNNEL_NOT_SIGNIFICANT,
	FUNNEL_NOT_APPLICABLE	/* a dsr with fewer than 10 events */
};

/* PIM's label: "High (0.001)", "High (0.025)", "Low (0.001)",
 * "Low (0.025)", "Not significant", "Not applicable for events less than
 * 10 for dsrs"; "" for FUNNEL_SIG_NONE. Static storage. */
const char *stats_funnel_label(enum stats_funnel_sig s);

enum stats_funnel_side { FUNNEL_SIDE_LOW, FUNNEL_SIDE_HIGH };

/* Beyond this many events PIM's Poisson sums take seconds a point. */
#define STATS_FUNNEL_MAX_EVENTS 1e7

/* How a ratio funnel shows O/E: "count" as O/E - 1 (0 is average), "isr"
 * as O/E x 100 (100 is average). */
enum stats_ratio_type { FUNNEL_RATIO_COUNT, FUNNEL_RATIO_ISR };

/* A rate is directly standardised (dsr) or crude. */
enum stats_rate_type { FUNNEL_RATE_DSR, FUNNEL_RATE_CRUDE };

/*
 * The proportion funnel limit at sample size n around the pooled
 * proportion average (0..1), on the 0..1 scale and unclamped: the
 * proportion whose Wilson interval at tail p just touches average (PIM
 * sigma_adjustment; METHODS.md 8.1). p = 0.975 gives the 2s limits, 0.999
 * the 3s limits. Example: average 0.5, n = 100, p = 0.975, low ->
 * 0.4020018008 (the Wilson upper limit of 40.20 of 100 is 0.5). NaN when an
 * argument is out of range (n <= 0, average outside 0..1, p outside 0.5..1).
 */
double stats_funnel_prop_limit(double average, double n, double p,
			       enum stats_funnel_side side);

/*
 * PIM poisson_funnel (R/utils.R; METHODS.md 8.2): the Poisson mean mu with
 * P(K <= obs | mu) = p (high) or P(K >= obs | mu) = p (low), found as PIM
 * does, by bisection on v in (0, 1), mu = (1 + obs) v / (1 - v), to a step
 * of 1e-7, so it reproduces PIM's outputs rather than the exact quantile
 * (they differ near 1e-7 relative). Example: obs 1, p 0.025: high ->
 * 5.571644585 (exact 5.571643391), low -> 0.025317898 (exact 0.025317808).
 * PIM's sums take about 23 (obs + 10 sqrt(obs)) steps: 14 ms at 1e5.
 * NaN for obs < 0, above STATS_FUNNEL_MAX_EVENTS or NaN, or p outside
 * (0, 1).
 */
double stats_poisson_funnel(double obs, double p,
			    enum stats_funnel_side side);

/*
 * The bound on obs / denom that a funnel significance test uses (PIM
 * funnel_ratio_significance; METHODS.md 8.2) at level 0.95 or 0.998: the
 * exact Poisson limit below 10 events, Byar's from 10, divided by denom;
 * 0 for obs = 0 on the low side. Example: obs 8, denom 6.239860227, 0.95,
 * low -> 0.5535111 (3.4538322 / 6.239860227).
 */
double stats_funnel_ratio_bound(double obs, double denom, double level,
				enum stats_funnel_side side);

/*
 * PIM's axis rounding (calculate_funnel_limits, signif.floor and
 * signif.ceiling): floor(0.95 x / 10^k) 10^k with k = nchar(floor(0.95 x))
 * - 1, and ceiling(1.05 x / 10^k) 10^k with k = nchar(ceiling(1.05 x)) - 2,
 * nchar counting digits. 0 gives 0. Examples: floor 16386 -> 10000 (via
 * 15566); ceiling 102950 -> 110000, 30929 -> 33000, 706.77 -> 750.
 */
double stats_signif_floor(double x);
double stats_signif_ceiling(double x);

/* A funnel table has 100 points along the x axis. */
#define STATS_FUNNEL_POINTS 100

/*
 * The 100 x positions between axis_min and axis_max (METHODS.md 8.4):
 * x[0] = max(1, axis_min), then x[j] = max(round((axis_max / x[j-1])^(1 /
 * (100 - j + ratio)) x[j-1]), x[j-1] + 1), with R's round half to even;
 * ratio = 1 for ratio funnels (which stop short of axis_max), else 0.
 * Example: 0 to 110000, ratio 0 -> 1, 2, 3, ..., 89294, 99108, 110000.
 * axis_max < 0 or an argument not finite: STATS_DOMAIN.
 */
int stats_funnel_axis(double axis_min, double axis_max, int ratio,
		      double x[STATS_FUNNEL_POINTS]);

/* One point of a funnel table: the control limits at x. */
struct stats_funnel_row {
	double x;		/* population, observed events or events */
	double lower2;		/* the 2s (95%) limits */
	double upper2;
	double lower3;		/* the 3s (99.8%) limits */
	double upper3;
	double at_lower2;	/* ratio: expected events at each limit; */
	double at_upper2;	/* rate: the population a year; */
	double at_lower3;	/* proportion: NaN */
	double at_upper3;
};

/* A funnel table (PIM calculate_funnel_limits), about 7 KB. */
struct stats_funnel {
	double baseline;	/* the average line on the limits' scale */
	double average;		/* the pooled average: sum x / sum n;
				   rates sum O / sum d; ratios sum O /
				   sum E, which their limits do not use */
	struct stats_funnel_row row[STATS_FUNNEL_POINTS];
};

/*
 * Proportion funnel over x[i] of n[i], i < len (METHODS.md 8.1): average =
 * sum x / sum n, x axis over n, limits stats_funnel_prop_limit x
 * multiplier, lower ones raised to 0 and upper ones capped at 100 (also
 * when multiplier is not 100, as PIM does); baseline = average x
 * multiplier. Example: x {30, 50}, n {100, 100}, 100 -> baseline 40, x
 * axis 90, 91, ..., 189 (PIM steps by 1 past the maximum, 110), at n =
 * 100 the 2s limits 30.398 and 49.602.
 * NaN x or n: STATS_MISSING. len = 0, x < 0, n <= 0, x > n or a bad
 * multiplier: STATS_DOMAIN.
 */
int stats_funnel_proportion(const double *x, const double *n, size_t len,
			    double multiplier, struct stats_funnel *out);

/*
 * Ratio funnel of observed obs[i] against expected[i] (METHODS.md 8.2):
 * the x axis is observed events built from the range of expected; at x
 * the 2s lower limit is x / stats_poisson_funnel(x, 0.025, high) and the
 * upper x / stats_poisson_funnel(x, 0.025, low) (0.001 for 3s), shown as
 * type says; at_* hold the expected events. baseline is 0 (count) or 100
 * (isr), the line PIM leaves to the chart. Example: at x = 1, count:
 * lower2 -0.820519779, upper2 38.49774946.
 * NaN obs or expected: STATS_MISSING. len = 0, obs < 0, expected <= 0 or
 * an axis beyond STATS_FUNNEL_MAX_EVENTS: STATS_DOMAIN.
 */
int stats_funnel_ratio(const double *obs, const double *expected, size_t len,
		       enum stats_ratio_type type, struct stats_funnel *out);

/*
 * Rate funnel (METHODS.md 8.3) from count[i] events at rate[i] per
 * multiplier over years of data. The denominator is d = multiplier x O /
 * rate; where O = 0 a dsr row has none and a crude row takes denom[i]
 * (denom may be NULL when no count is 0). average = sum O / sum d; the x
 * axis is events; at x the 2s lower limit is x / pop x multiplier, pop =
 * stats_poisson_funnel(x, 0.025, high) / average, and at_* hold pop /
 * years. Example: one row of 100 events at 50 per 1000 over 1 year: d
 * 2000, x axis 50, 51, ..., 149 events, at 100 the 2s limits 41.109 and
 * 61.452 per 1000.
 * NaN count, NaN rate where O > 0, or a crude O = 0 without denominator:
 * STATS_MISSING. len = 0, O < 0, rate <= 0 where O > 0, a crude
 * denominator <= 0 where O = 0, years <= 0, a bad multiplier, no
 * denominator at all or an axis beyond STATS_FUNNEL_MAX_EVENTS:
 * STATS_DOMAIN. (PIM also asks for a denominator where a dsr has O = 0;
 * it is not used, so it is not required here.)
 */
int stats_funnel_rate(const double *count, const double *rate,
		      const double *denom, size_t len,
		      enum stats_rate_type type, double multiplier,
		      double years, struct stats_funnel *out);

/*
 * Significance of each x[i] / n[i] against the proportion funnel around
 * sum x / sum n (METHODS.md 8.1): below the 0.999 limit "Low (0.001)",
 * else below 0.975 "Low (0.025)", else above 0.999 "High (0.001)", else
 * above 0.975 "High (0.025)", else "Not significant". Example: x {30, 50},
 * n {100, 100} -> {Low (0.025), High (0.025)}. Errors as
 * stats_funnel_proportion.
 */
int stats_funnel_sig_proportion(const double *x, const double *n, size_t len,
				enum stats_funnel_sig *out);

/*
 * Significance of obs[i] / expected[i] against 1 (METHODS.md 8.2): "High"
 * when the 99.8% (then 95%) lower bound of stats_funnel_ratio_bound is
 * above 1, "Low" when the upper bound is below 1. Examples: 151 of
 * 106.44 -> High (0.001); 8 of 6.24 -> Not significant.
 * NaN: STATS_MISSING. len = 0, obs < 0, expected <= 0: STATS_DOMAIN.
 */
int stats_funnel_sig_ratio(const double *obs, const double *expected,
			   size_t len, enum stats_funnel_sig *out);

/*
 * Significance of each rate against the weighted average sum O / sum d
 * (METHODS.md 8.3): the ratio test with d in place of expected and the
 * average in place of 1; a dsr with O < 10 is FUNNEL_NOT_APPLICABLE.
 * Arguments and errors as stats_funnel_rate (years aside).
 */
int stats_funnel_sig_rate(const double *count, const double *rate,
			  const double *denom, size_t len,
			  enum stats_rate_type type, double multiplier,
			  enum stats_funnel_sig *out);

/*
 * A rate's point on the funnel chart (PIM calculate_funnel_points): the
 * rate to plot and the population a year, multiplier x O / rate / years.
 * A dsr with O < 10 is not plotted (both NaN, STATS_OK); a crude O = 0
 * takes denom / years (NaN denom: STATS_MISSING). Example: 414 events at
 * 184 per 100000 over 3 years -> 184 and 75000.
 */
int stats_funnel_rate_point(double count, double rate, double denom,
			    enum stats_rate_type type, double multiplier,
			    double years, double *rate_chart,
			    double *denom_year);

#endif
