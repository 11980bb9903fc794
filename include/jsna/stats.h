/* stats.h - the PHE / Fingertips statistical methods, as pure functions.
 *
 *	struct stats_ci ci;
 *	if (stats_rate(584, 71565, 10000, 0.95, &ci) == STATS_OK)
 *		printf("%.1f (%.1f to %.1f)\n", ci.value, ci.lower, ci.upper);
 *
 * No I/O, no messages, no allocation that outlives a call (but for the
 * random number generator, which its caller frees): each function
 * returns a status and the caller adds context (indicator, area, period).
 * A missing value is NaN, never a silent zero: on any status but STATS_OK
 * every output is NaN. Confidence is 0.9..1 or 90..100 (else STATS_DOMAIN);
 * a NaN confidence gives the value with NaN limits, as PIM's
 * confidence = NA does. A multiplier must be finite and > 0. stats.c is
 * the only file that includes GSL. Methods and edge cases:
 * ../shared/METHODS.md.
 */
#ifndef JSNA_STATS_H
#define JSNA_STATS_H

#include <stddef.h>

enum stats_status {
	STATS_OK = 0,
	STATS_MISSING,		/* an input was NaN: outputs are NaN */
	STATS_DOMAIN,		/* an input is out of range (x > n, n <= 0...) */
	STATS_SUPPRESSED,	/* the method withholds the value (DSR < 10) */
	STATS_FAILED		/* a GSL routine failed */
};

/* A value with its confidence limits; limits are NaN when not defined. */
struct stats_ci {
	double value;
	double lower;
	double upper;
};

/* Turns GSL's abort-on-error handler off; jsna_init() calls it. */
void stats_init(void);

/* Checks a confidence level as PHEindicatormethods does: 0.9..1, or 90..100
 * (divided by 100). Returns the level in 0.9..1, or NaN when invalid. */
double stats_confidence(double c);

/* z = Phi^-1(1 - (1 - confidence)/2); 1.959963984540054 at 0.95. */
double stats_z(double confidence);

/* Wilson score interval for x of n, times multiplier (METHODS.md 2).
 * x < 0, n <= 0 or x > n: STATS_DOMAIN. */
int stats_proportion(double x, double n, double multiplier, double confidence,
		     struct stats_ci *out);

/* Crude rate O / n times multiplier with Byar's limits, exact Poisson
 * limits when O < 10 (METHODS.md 3). A negative Byar lower limit is NaN.
 * O < 0 or n <= 0: STATS_DOMAIN. O > n is allowed. */
int stats_rate(double count, double n, double multiplier, double confidence,
	       struct stats_ci *out);

/* The same with exact Poisson limits whatever the count. */
int stats_rate_exact(double count, double n, double multiplier,
		     double confidence, struct stats_ci *out);

/* Limits on a Poisson count O: exact below 10, Byar's from 10. */
int stats_poisson_limits(double count, double confidence, double *lower,
			 double *upper);

/* Byar's limits on a count O > 0 whatever its size (PIM byars_lower and
 * byars_upper; METHODS.md 3); a negative lower limit is NaN. For tests
 * and funnels: rates use stats_poisson_limits. O <= 0: STATS_DOMAIN. */
int stats_byars_limits(double count, double confidence, double *lower,
		       double *upper);

/* Mean with Student's t interval from a summary (mean, sd, n); n < 2 gives
 * NaN limits and STATS_OK (sd is then not read); n < 1 or sd < 0:
 * STATS_DOMAIN. */
int stats_mean(double mean, double sd, double n, double confidence,
	       struct stats_ci *out);

/* Difference of two proportions p1 - p2 (x1/n1 - x2/n2) with Newcombe's
 * hybrid score interval, times multiplier. */
int stats_gap(double x1, double n1, double x2, double n2, double multiplier,
	      double confidence, struct stats_ci *out);

/* Polarity of an indicator, as Fingertips reads a comparison. */
enum stats_polarity {
	POLARITY_NONE,		/* higher / similar / lower (Blue-Orange-Blue) */
	POLARITY_HIGH_GOOD,	/* RAG - High is good */
	POLARITY_LOW_GOOD,	/* RAG - Low is good */
	POLARITY_NOT_APPLICABLE	/* not compared */
};

/* Outcome of a comparison with a benchmark. The 99.8% levels exist only in
 * the two-level comparison. */
enum stats_cmp {
	CMP_NOT_COMPARED = 0,
	CMP_SIMILAR,
	CMP_BETTER,
	CMP_WORSE,
	CMP_HIGHER,
	CMP_LOWER,
	CMP_BEST,		/* better at 99.8% */
	CMP_WORST,		/* worse at 99.8% */
	CMP_HIGHEST,		/* higher at 99.8%, no polarity */
	CMP_LOWEST,		/* lower at 99.8%, no polarity */
	/* Without an interval only the direction is known (a published
	 * average, a ratio): higher, lower or the same, never tested. */
	CMP_HIGHER_UNTESTED,
	CMP_LOWER_UNTESTED,
	CMP_SAME_UNTESTED
};

/* Fingertips' "confidence intervals overlapping reference value" rule
 * (methods 1 and 18): the benchmark b against the area's interval
 * [lower, upper], inclusive, read through polarity. NaN anywhere gives
 * CMP_NOT_COMPARED. */
enum stats_cmp stats_compare(double value, double lower, double upper,
			     double benchmark, enum stats_polarity polarity);

/* The two-level rule (method 17) over the 95% and 99.8% intervals. */
enum stats_cmp stats_compare2(double value, double lower95, double upper95,
			      double lower998, double upper998,
			      double benchmark, enum stats_polarity polarity);

/* Export label: "Better", "Similar", "Worse", "Higher", "Lower",
 * "Not compared" (the 99.8% levels print as their 95% word), "Higher, not
 * tested", "Lower, not tested", "Same, not tested". Static. */
const char *stats_cmp_label(enum stats_cmp c);

/* 1 when c is the outcome of a test against the benchmark's interval:
 * neither "Not compared" nor a direction "not tested". */
int stats_cmp_tested(enum stats_cmp c);

/* Distribution primitives for the methods built on this module (the
 * standardised rates, funnels and trends in stats_*.c): GSL behind them,
 * NaN for arguments out of range. Lower-tail unless named _upper. */
double stats_qnorm(double p);			/* Phi^-1(p) */
double stats_qnorm_upper(double q);		/* Phi^-1(1 - q), exactly */
double stats_pnorm(double x);
double stats_qchisq(double p, double df);
double stats_qchisq_upper(double q, double df);	/* at 1 - q, exactly */
double stats_pchisq(double x, double df);
double stats_qt(double p, double df);
/* P(K <= k) for K Poisson with mean mu (k a whole number >= 0). */
double stats_ppois(double k, double mu);

/* Weighted least squares y = c0 + c1 x with weights w (1/variance):
 * the slope, its variance, the intercept. n >= 2. Returns STATS_OK or
 * STATS_DOMAIN (too few points, non-positive weights, no spread). */
int stats_wls(const double *x, const double *y, const double *w, size_t n,
	      double *slope, double *slope_var, double *intercept);

/* A stream of pseudo-random numbers for the simulations built on this
 * module (stats_sii.c): GSL's MT19937, so that one seed gives the same
 * numbers on every machine and every run. The caller owns it and frees it
 * with stats_rng_free(); one stream is for one thread.
 *
 *	struct stats_rng *r = stats_rng_new(seed);
 *	stats_rng_gaussian(r, z, n);         n draws from Normal(0, 1)
 *	stats_rng_free(r);
 */
struct stats_rng;

/* A generator seeded with seed (GSL: seed 0 is its default, 4357). Never
 * NULL: out of memory dies with exit 3, as xmalloc does. */
struct stats_rng *stats_rng_new(unsigned long seed);

/* Restarts the stream at seed, as stats_rng_new(seed) would. */
void stats_rng_seed(struct stats_rng *r, unsigned long seed);

/* Fills z[0..n-1] with standard normal deviates, by Marsaglia and Tsang's
 * ziggurat (gsl_ran_gaussian_ziggurat), the fastest of GSL's. */
void stats_rng_gaussian(struct stats_rng *r, double *z, size_t n);

/* Frees r; NULL is allowed. */
void stats_rng_free(struct stats_rng *r);

/* Rounds half away from zero to dp decimals, treating a value within a
 * relative 1e-9 of a .5 tie as the tie (DfE rounds the exact value:
 * 408/640 = 63.75 -> 63.8 though the double is 63.74999...). */
double stats_round(double x, int dp);

#endif
