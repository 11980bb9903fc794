/* stats.c - the PHE / Fingertips statistical methods (../shared/METHODS.md).
 *
 * Every function is pure: no I/O, no messages, no global state. Quantiles
 * come from GSL, and this is the only file in the project that includes
 * GSL. Each function returns a stats_status and leaves NaN in every output
 * it could not compute, so a caller never sees a stale or zero limit. The
 * random number generator is GSL's too, behind an opaque struct stats_rng.
 */
#include "jsna/stats.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "jsna/util.h"

/* The count below which rates use exact Poisson limits (METHODS.md 3):
 * "x < 10" in PIM, so 10 itself uses Byar's. */
#define EXACT_BELOW 10.0

/* A relative distance from a .5 tie that stats_round still calls a tie,
 * and a cap on it in units of the last digit kept, so that a large value
 * (2e9 at 0 dp) is never taken for a tie. */
#define TIE_REL_TOL 1e-9
#define TIE_ABS_CAP 1e-3

void stats_init(void)
{
	gsl_set_error_handler_off();
}

static void ci_set_nan(struct stats_ci *out)
{
	out->value = NAN;
	out->lower = NAN;
	out->upper = NAN;
}

double stats_confidence(double c)
{
	if (isnan(c))
		return NAN;
	if (c >= 90.0 && c <= 100.0)
		return c / 100.0;
	if (c >= 0.9 && c <= 1.0)
		return c;
	return NAN;
}

/* The upper tail probability alpha/2 for a level already in 0.9..1. */
static double half_alpha(double level)
{
	return (1.0 - level) / 2.0;
}

/* z for a level in 0.9..1; +Inf at 1. Computed from the upper tail, so
 * 1 - alpha/2 is never formed and rounded. */
static double z_of_level(double level)
{
	double a2 = half_alpha(level);

	if (!(a2 > 0.0))
		return INFINITY;
	return gsl_cdf_ugaussian_Qinv(a2);
}

double stats_z(double confidence)
{
	double level = stats_confidence(confidence);

	if (isnan(level))
		return NAN;
	return z_of_level(level);
}

/*
 * Reads a confidence argument shared by the interval functions.
 * Returns STATS_OK with *level in 0.9..1, or with *level NaN when
 * confidence is NaN (PIM's confidence = NA: a value without limits),
 * or STATS_DOMAIN for any other level.
 */
static int read_level(double confidence, double *level)
{
	*level = NAN;
	if (isnan(confidence))
		return STATS_OK;
	*level = stats_confidence(confidence);
	return isnan(*level) ? STATS_DOMAIN : STATS_OK;
}

/* A multiplier must be a finite positive number. */
static int check_multiplier(double multiplier)
{
	if (isnan(multiplier))
		return STATS_MISSING;
	if (!isfinite(multiplier) || !(multiplier > 0.0))
		return STATS_DOMAIN;
	return STATS_OK;
}

/* Checks x of n for a proportion: NaN -> MISSING; x < 0, n <= 0, x > n or
 * an infinite value -> DOMAIN. */
static int check_x_of_n(double x, double n)
{
	if (isnan(x) || isnan(n))
		return STATS_MISSING;
	if (!isfinite(x) || !isfinite(n) || x < 0.0 || !(n > 0.0) || x > n)
		return STATS_DOMAIN;
	return STATS_OK;
}

/*
 * Wilson score limits for x of n on the 0..1 scale (METHODS.md 2, PIM
 * wilson_lower / wilson_upper). x = 0 gives lower 0 and x = n upper 1
 * exactly, which the formula only gives to rounding; level 1 gives 0..1.
 */
static void wilson(double x, double n, double level, double *lower,
		   double *upper)
{
	double z, z2, root, den;

	if (!(level < 1.0)) {
		*lower = 0.0;
		*upper = 1.0;
		return;
	}
	z = z_of_level(level);
	z2 = z * z;
	root = z * sqrt(z2 + 4.0 * x * (1.0 - x / n));
	den = 2.0 * (n + z2);
	*lower = (2.0 * x + z2 - root) / den;
	*upper = (2.0 * x + z2 + root) / den;
	if (!(x > 0.0))
		*lower = 0.0;
	if (!(x < n))
		*upper = 1.0;
}

int stats_proportion(double x, double n, double multiplier, double confidence,
		     struct stats_ci *out)
{
	double level, lower, upper;
	int st;

	ci_set_nan(out);
	if ((st = check_x_of_n(x, n)) != STATS_OK ||
	    (st = check_multiplier(multiplier)) != STATS_OK ||
	    (st = read_level(confidence, &level)) != STATS_OK)
		return st;
	out->value = x / n * multiplier;
	if (isnan(level))
		return STATS_OK;
	wilson(x, n, level, &lower, &upper);
	out->lower = lower * multiplier;
	out->upper = upper * multiplier;
	return STATS_OK;
}

/*
 * Byar's approximation to the limits on a Poisson count O at a level in
 * 0.9..1 (PIM byars_lower / byars_upper). A negative lower limit is NaN.
 */
static void byars(double o, double level, double *lower, double *upper)
{
	double z = z_of_level(level);
	double o1 = o + 1.0;
	double lo, b;

	b = 1.0 - 1.0 / (9.0 * o) - z / (3.0 * sqrt(o));
	lo = o * b * b * b;
	*lower = lo < 0.0 ? NAN : lo;
	b = 1.0 - 1.0 / (9.0 * o1) + z / (3.0 * sqrt(o1));
	*upper = o1 * b * b * b;
}

/*
 * Exact limits on a Poisson count O: qchisq(alpha/2, 2O)/2 and
 * qchisq(1 - alpha/2, 2O + 2)/2, lower 0 when O = 0. The upper limit is
 * taken from the upper tail (Qinv) so that 1 - alpha/2 is not rounded.
 * Returns STATS_FAILED, with NaN limits, when GSL fails (it returns NaN
 * with the handler off) or gives a limit on the wrong side of O.
 */
static int exact_poisson(double o, double level, double *lower, double *upper)
{
	double a2 = half_alpha(level);

	if (!(a2 > 0.0)) {
		*lower = 0.0;
		*upper = INFINITY;
		return STATS_OK;
	}
	*lower = o > 0.0 ? gsl_cdf_chisq_Pinv(a2, 2.0 * o) / 2.0 : 0.0;
	*upper = gsl_cdf_chisq_Qinv(a2, 2.0 * o + 2.0) / 2.0;
	/* The lower quantile lies below the mean O and the upper one above
	 * it. GSL's starting guess overflows for a count far below 1 (a
	 * non-integer count such as 1e-10 gives +Inf), so check. */
	if (!(*lower >= 0.0 && *lower <= o) ||
	    !(*upper > o && isfinite(*upper))) {
		*lower = NAN;
		*upper = NAN;
		return STATS_FAILED;
	}
	return STATS_OK;
}

/* Checks a Poisson count: NaN -> MISSING, negative or infinite -> DOMAIN. */
static int check_count(double count)
{
	if (isnan(count))
		return STATS_MISSING;
	if (!isfinite(count) || count < 0.0)
		return STATS_DOMAIN;
	return STATS_OK;
}

/* Poisson limits on a count: exact below 10 (or always, when exact is
 * set), Byar's from 10. */
static int count_limits(double count, double confidence, int exact,
			double *lower, double *upper)
{
	double level;
	int st;

	*lower = NAN;
	*upper = NAN;
	if ((st = check_count(count)) != STATS_OK ||
	    (st = read_level(confidence, &level)) != STATS_OK)
		return st;
	if (isnan(level))
		return STATS_OK;
	if (exact || count < EXACT_BELOW)
		return exact_poisson(count, level, lower, upper);
	byars(count, level, lower, upper);
	return STATS_OK;
}

int stats_poisson_limits(double count, double confidence, double *lower,
			 double *upper)
{
	return count_limits(count, confidence, 0, lower, upper);
}

int stats_byars_limits(double count, double confidence, double *lower,
		       double *upper)
{
	double level;
	int st;

	*lower = NAN;
	*upper = NAN;
	if ((st = check_count(count)) != STATS_OK ||
	    (st = read_level(confidence, &level)) != STATS_OK)
		return st;
	if (!(count > 0.0))
		return STATS_DOMAIN;
	if (isnan(level))
		return STATS_OK;
	byars(count, level, lower, upper);
	return STATS_OK;
}

static int rate(double count, double n, double multiplier,
		double confidence, int exact, struct stats_ci *out)
{
	double lower, upper;
	int st;

	ci_set_nan(out);
	if (isnan(count) || isnan(n))
		return STATS_MISSING;
	if ((st = check_count(count)) != STATS_OK)
		return st;
	if (!isfinite(n) || !(n > 0.0))
		return STATS_DOMAIN;
	if ((st = check_multiplier(multiplier)) != STATS_OK)
		return st;
	st = count_limits(count, confidence, exact, &lower, &upper);
	if (st != STATS_OK)
		return st;
	out->value = count / n * multiplier;
	out->lower = lower / n * multiplier;
	out->upper = upper / n * multiplier;
	return STATS_OK;
}

int stats_rate(double count, double n, double multiplier, double confidence,
	       struct stats_ci *out)
{
	return rate(count, n, multiplier, confidence, 0, out);
}

int stats_rate_exact(double count, double n, double multiplier,
		     double confidence, struct stats_ci *out)
{
	return rate(count, n, multiplier, confidence, 1, out);
}

int stats_mean(double mean, double sd, double n, double confidence,
	       struct stats_ci *out)
{
	double level, t, half;
	int st;

	ci_set_nan(out);
	if (isnan(mean) || isnan(n))
		return STATS_MISSING;
	if (!isfinite(mean) || !isfinite(n) || n < 1.0)
		return STATS_DOMAIN;
	if ((st = read_level(confidence, &level)) != STATS_OK)
		return st;
	if (n < 2.0 || isnan(level)) {
		out->value = mean;
		return STATS_OK;
	}
	if (isnan(sd))
		return STATS_MISSING;
	if (!isfinite(sd) || sd < 0.0)
		return STATS_DOMAIN;
	out->value = mean;
	if (!(half_alpha(level) > 0.0)) {
		out->lower = -INFINITY;
		out->upper = INFINITY;
		return STATS_OK;
	}
	t = gsl_cdf_tdist_Qinv(half_alpha(level), n - 1.0);
	if (isnan(t)) {
		out->value = NAN;
		return STATS_FAILED;
	}
	half = fabs(t) * sd / sqrt(n);
	out->lower = mean - half;
	out->upper = mean + half;
	return STATS_OK;
}

int stats_gap(double x1, double n1, double x2, double n2, double multiplier,
	      double confidence, struct stats_ci *out)
{
	double level, p1, p2, l1, u1, l2, u2, d;
	int st;

	ci_set_nan(out);
	if (isnan(x1) || isnan(n1) || isnan(x2) || isnan(n2))
		return STATS_MISSING;
	if ((st = check_x_of_n(x1, n1)) != STATS_OK ||
	    (st = check_x_of_n(x2, n2)) != STATS_OK ||
	    (st = check_multiplier(multiplier)) != STATS_OK ||
	    (st = read_level(confidence, &level)) != STATS_OK)
		return st;
	p1 = x1 / n1;
	p2 = x2 / n2;
	d = p1 - p2;
	out->value = d * multiplier;
	if (isnan(level))
		return STATS_OK;
	/* Newcombe (1998) method 10: the two Wilson intervals combined. */
	wilson(x1, n1, level, &l1, &u1);
	wilson(x2, n2, level, &l2, &u2);
	out->lower = (d - sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2))) *
		     multiplier;
	out->upper = (d + sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2))) *
		     multiplier;
	return STATS_OK;
}

/* Direction of the area against the benchmark, before polarity. */
enum direction { DIR_LOWER, DIR_HIGHER };

/* Reads a direction at 95% (strong = 0) or 99.8% (strong = 1) through
 * polarity. */
static enum stats_cmp judge(enum direction dir, int strong,
			    enum stats_polarity polarity)
{
	int higher = dir == DIR_HIGHER;

	switch (polarity) {
	case POLARITY_HIGH_GOOD:
		if (higher)
			return strong ? CMP_BEST : CMP_BETTER;
		return strong ? CMP_WORST : CMP_WORSE;
	case POLARITY_LOW_GOOD:
		if (higher)
			return strong ? CMP_WORST : CMP_WORSE;
		return strong ? CMP_BEST : CMP_BETTER;
	case POLARITY_NONE:
		if (higher)
			return strong ? CMP_HIGHEST : CMP_HIGHER;
		return strong ? CMP_LOWEST : CMP_LOWER;
	case POLARITY_NOT_APPLICABLE:
		break;
	}
	return CMP_NOT_COMPARED;
}

static int comparable(enum stats_polarity polarity)
{
	return polarity == POLARITY_NONE || polarity == POLARITY_HIGH_GOOD ||
	       polarity == POLARITY_LOW_GOOD;
}

/*
 * FT-Next writes the rule as U < B -> lower and L > B -> higher, so a
 * benchmark exactly on a limit is Similar. An interval with L > U has no
 * meaning and is not compared.
 */
enum stats_cmp stats_compare(double value, double lower, double upper,
			     double benchmark, enum stats_polarity polarity)
{
	if (!comparable(polarity) || isnan(value) || isnan(lower) ||
	    isnan(upper) || isnan(benchmark) || lower > upper)
		return CMP_NOT_COMPARED;
	if (upper < benchmark)
		return judge(DIR_LOWER, 0, polarity);
	if (lower > benchmark)
		return judge(DIR_HIGHER, 0, polarity);
	return CMP_SIMILAR;
}

/*
 * FT-legacy SingleOverlappingCIsForTwoCILevelsComparer: Similar inside
 * [L95, U95]; significant at 95% only when B lies in [L99.8, L95) or
 * (U95, U99.8]; significant at 99.8% beyond the 99.8% limits. The two
 * intervals must nest, L99.8 <= L95 <= U95 <= U99.8.
 */
enum stats_cmp stats_compare2(double value, double lower95, double upper95,
			      double lower998, double upper998,
			      double benchmark, enum stats_polarity polarity)
{
	if (!comparable(polarity) || isnan(value) || isnan(lower95) ||
	    isnan(upper95) || isnan(lower998) || isnan(upper998) ||
	    isnan(benchmark) || lower95 > upper95 || lower998 > lower95 ||
	    upper95 > upper998)
		return CMP_NOT_COMPARED;
	if (upper998 < benchmark)
		return judge(DIR_LOWER, 1, polarity);
	if (upper95 < benchmark)
		return judge(DIR_LOWER, 0, polarity);
	if (lower998 > benchmark)
		return judge(DIR_HIGHER, 1, polarity);
	if (lower95 > benchmark)
		return judge(DIR_HIGHER, 0, polarity);
	return CMP_SIMILAR;
}

int stats_cmp_tested(enum stats_cmp c)
{
	return c != CMP_NOT_COMPARED && c != CMP_HIGHER_UNTESTED &&
	       c != CMP_LOWER_UNTESTED && c != CMP_SAME_UNTESTED;
}

const char *stats_cmp_label(enum stats_cmp c)
{
	switch (c) {
	case CMP_SIMILAR:
		return "Similar";
	case CMP_BETTER:
	case CMP_BEST:
		return "Better";
	case CMP_WORSE:
	case CMP_WORST:
		return "Worse";
	case CMP_HIGHER:
	case CMP_HIGHEST:
		return "Higher";
	case CMP_LOWER:
	case CMP_LOWEST:
		return "Lower";
	case CMP_HIGHER_UNTESTED:
		return "Higher, not tested";
	case CMP_LOWER_UNTESTED:
		return "Lower, not tested";
	case CMP_SAME_UNTESTED:
		return "Same, not tested";
	case CMP_NOT_COMPARED:
		break;
	}
	return "Not compared";
}

/*
 * Half away from zero on |x| * 10^dp. A scaled value within a relative
 * 1e-9 of k + .5 is the tie k + .5 (408.0 / 640 * 100 is 63.7499999...
 * as a double but 63.75 as meant). NaN and infinities come back as they
 * are, and so does a value too large to have digits at dp; a result of
 * zero is +0, never -0.
 */
double stats_qnorm(double p)
{
	if (!(p > 0.0 && p < 1.0))
		return !(p < 0.0) && !(p > 0.0) ? -INFINITY :
		       !(p < 1.0) && !(p > 1.0) ? INFINITY : NAN;
	return gsl_cdf_ugaussian_Pinv(p);
}

double stats_qnorm_upper(double q)
{
	if (!(q > 0.0 && q < 1.0))
		return !(q < 0.0) && !(q > 0.0) ? INFINITY :
		       !(q < 1.0) && !(q > 1.0) ? -INFINITY : NAN;
	return gsl_cdf_ugaussian_Qinv(q);
}

double stats_pnorm(double x)
{
	if (isnan(x))
		return NAN;
	return gsl_cdf_ugaussian_P(x);
}

/* GSL's inverse of the chi-squared (gamma) distribution fails to converge
 * for large degrees of freedom (about 1e5 and more): check its answer on
 * the distribution function, which stays accurate, and bisect on it when
 * the answer is wrong. q is the tail probability: lower when upper is 0. */
static double chisq_inverse(double q, double df, int upper)
{
	double x, got, lo, hi;
	int i;

	x = upper ? gsl_cdf_chisq_Qinv(q, df) : gsl_cdf_chisq_Pinv(q, df);
	if (isfinite(x) && x >= 0.0) {
		got = upper ? gsl_cdf_chisq_Q(x, df) : gsl_cdf_chisq_P(x, df);
		if (fabs(got - q) <= 1e-10 * q)
			return x;
	}
	/* The quantile lies within 40 standard deviations of the mean for
	 * every tail probability a confidence interval uses. */
	lo = fmax(0.0, df - 40.0 * sqrt(2.0 * df) - 40.0);
	hi = df + 40.0 * sqrt(2.0 * df) + 40.0;
	for (i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
		double mid = 0.5 * (lo + hi);
		double tail = upper ? gsl_cdf_chisq_Q(mid, df) :
			      gsl_cdf_chisq_P(mid, df);

		/* The lower tail grows with x, the upper one falls. */
		if (upper ? tail > q : tail < q)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}

double stats_qchisq(double p, double df)
{
	if (!(df > 0.0) || !(p >= 0.0 && p <= 1.0))
		return NAN;
	if (!(p > 0.0))
		return 0.0;
	if (!(p < 1.0))
		return INFINITY;
	return chisq_inverse(p, df, 0);
}

double stats_qchisq_upper(double q, double df)
{
	if (!(df > 0.0) || !(q >= 0.0 && q <= 1.0))
		return NAN;
	if (!(q > 0.0))
		return INFINITY;
	if (!(q < 1.0))
		return 0.0;
	return chisq_inverse(q, df, 1);
}

double stats_pchisq(double x, double df)
{
	if (!(df > 0.0) || isnan(x))
		return NAN;
	if (x <= 0.0)
		return 0.0;
	return gsl_cdf_chisq_P(x, df);
}

double stats_qt(double p, double df)
{
	if (!(df > 0.0) || !(p > 0.0 && p < 1.0))
		return NAN;
	return gsl_cdf_tdist_Pinv(p, df);
}

double stats_ppois(double k, double mu)
{
	if (!(k >= 0.0) || !(mu >= 0.0) || !isfinite(k) || k > 4294967295.0)
		return NAN;
	return gsl_cdf_poisson_P((unsigned int)floor(k), mu);
}

int stats_wls(const double *x, const double *y, const double *w, size_t n,
	      double *slope, double *slope_var, double *intercept)
{
	double c0, c1, cov00, cov01, cov11, sumsq;
	size_t i;

	*slope = *slope_var = *intercept = NAN;
	if (n < 2)
		return STATS_DOMAIN;
	for (i = 0; i < n; i++)
		if (!(w[i] > 0.0) || !isfinite(w[i]) || !isfinite(x[i]) ||
		    !isfinite(y[i]))
			return STATS_DOMAIN;
	if (gsl_fit_wlinear(x, 1, w, 1, y, 1, n, &c0, &c1, &cov00, &cov01,
			    &cov11, &sumsq) != GSL_SUCCESS ||
	    !isfinite(c1) || !isfinite(cov11))
		return STATS_DOMAIN;
	*slope = c1;
	*slope_var = cov11;
	*intercept = c0;
	return STATS_OK;
}

double stats_round(double x, int dp)
{
	double scale, y, f, half, r;

	if (!isfinite(x))
		return x;
	scale = pow(10.0, fabs((double)dp));
	if (!isfinite(scale))
		return dp > 0 ? x : 0.0;
	y = dp >= 0 ? fabs(x) * scale : fabs(x) / scale;
	if (!isfinite(y) || y >= 4503599627370496.0)	/* 2^52 */
		return x;
	f = floor(y);
	half = f + 0.5;
	if (fabs(y - half) <= fmin(TIE_REL_TOL * half, TIE_ABS_CAP) ||
	    y > half)
		r = f + 1.0;
	else
		r = f;
	if (r < 0.5)
		return 0.0;
	r = dp >= 0 ? r / scale : r * scale;
	return x < 0.0 ? -r : r;
}

/* The generator is GSL's; the struct only hides its header from the other
 * files. */
struct stats_rng {
	gsl_rng *rng;
};

struct stats_rng *stats_rng_new(unsigned long seed)
{
	struct stats_rng *r = xmalloc(sizeof(*r));

	r->rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!r->rng)
		die(JSNA_EXIT_SYSTEM, "out of memory (random number generator)");
	gsl_rng_set(r->rng, seed);
	return r;
}

void stats_rng_seed(struct stats_rng *r, unsigned long seed)
{
	gsl_rng_set(r->rng, seed);
}

void stats_rng_gaussian(struct stats_rng *r, double *z, size_t n)
{
	for (size_t i = 0; i < n; i++)
		z[i] = gsl_ran_gaussian_ziggurat(r->rng, 1.0);
}

void stats_rng_free(struct stats_rng *r)
{
	if (!r)
		return;
	gsl_rng_free(r->rng);
	free(r);
}
