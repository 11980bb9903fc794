/* stats_funnel.c - PHE quantiles and funnel-plot limits and significance,
 * built on the primitives in stats.c (../shared/METHODS.md 7 and 8).
 *
 * The arithmetic follows PHEindicatormethods v2.1.0 (R/Quantiles.R,
 * R/Funnels.R, R/utils.R) term by term, in R's order of operations, so
 * that the package's outputs are reproduced to rounding. Where PIM takes
 * a shortcut (the 1e-7 bisection of poisson_funnel with its own Poisson
 * sums, the axis that overshoots or stops short) the shortcut is copied,
 * not corrected: the charts must match PIM's and Fingertips'. No GSL
 * here: chi-square and normal quantiles come through stats.h.
 */
#include "jsna/stats_funnel.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* PIM's thresholds: exact Poisson bounds below 10 events (funnel_ratio_
 * significance) and no dsr significance below 10 events. */
#define EXACT_BELOW 10.0
#define DSR_SIG_BELOW 10.0

/* Tail probabilities of the funnel lines: 2s is 0.025 each side (95%),
 * 3s 0.001 (99.8%). The proportion lines are drawn at 1 - tail, the
 * significance tests at the two-sided level. */
#define TAIL2 0.025
#define TAIL3 0.001
#define PROP_P2 0.975
#define PROP_P3 0.999
#define LEVEL2 0.95
#define LEVEL3 0.998

/* ------------------------------------------------------------------ */
/* Quantiles */

struct qitem {
	double key;
	size_t idx;
};

/* Ascending key; the index breaks ties so the order is total. */
static int qitem_cmp(const void *a, const void *b)
{
	const struct qitem *x = a, *y = b;

	if (x->key < y->key)
		return -1;
	if (x->key > y->key)
		return 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

int stats_quantiles(const double *values, size_t n, int nquantiles,
		    int invert, int *out)
{
	struct qitem *items;
	double q = nquantiles, big_n, max = -INFINITY, rank = 0.0, quant;
	size_t i, k, m = 0;

	if (n > 0 && (!values || !out))
		return STATS_DOMAIN;
	for (i = 0; i < n; i++)
		out[i] = 0;
	if (nquantiles < 1)
		return STATS_DOMAIN;
	for (i = 0; i < n; i++) {
		if (isnan(values[i]))
			continue;
		if (isinf(values[i]))
			return STATS_DOMAIN;
		if (values[i] > max)
			max = values[i];
		m++;
	}
	if (m < (size_t)nquantiles)
		return STATS_MISSING;
	if (m > SIZE_MAX / sizeof *items)
		return STATS_FAILED;
	items = malloc(m * sizeof *items);
	if (!items)
		return STATS_FAILED;
	/* PIM ranks max(v) - v, not -v, when inverting: the same order,
	 * except that values closer than the rounding of max - v tie, as
	 * they do in R. */
	for (i = 0, k = 0; i < n; i++) {
		if (isnan(values[i]))
			continue;
		items[k].key = invert ? max - values[i] : values[i];
		items[k].idx = i;
		k++;
	}
	qsort(items, m, sizeof *items, qitem_cmp);
	big_n = (double)m;
	for (k = 0; k < m; k++) {
		/* ties.method = "min": a tie keeps the rank of its first */
		if (k == 0 || items[k - 1].key < items[k].key)
			rank = (double)(k + 1);
		quant = floor((q + 1.0) -
			      ceil(((big_n + 1.0) - rank) / (big_n / q)));
		/* N / (N / q) can round above q, giving 0: PIM reads it 1 */
		out[items[k].idx] = quant < 1.0 ? 1 : (int)quant;
	}
	free(items);
	return STATS_OK;
}

/* ------------------------------------------------------------------ */
/* Labels */

const char *stats_funnel_label(enum stats_funnel_sig s)
{
	switch (s) {
	case FUNNEL_HIGH_001:
		return "High (0.001)";
	case FUNNEL_HIGH_025:
		return "High (0.025)";
	case FUNNEL_LOW_001:
		return "Low (0.001)";
	case FUNNEL_LOW_025:
		return "Low (0.025)";
	case FUNNEL_NOT_SIGNIFICANT:
		return "Not significant";
	case FUNNEL_NOT_APPLICABLE:
		return "Not applicable for events less than 10 for dsrs";
	case FUNNEL_SIG_NONE:
		break;
	}
	return "";
}

/* ------------------------------------------------------------------ */
/* The limits at one point */

double stats_funnel_prop_limit(double average, double n, double p,
			       enum stats_funnel_side side)
{
	double z, q, first, t, adj, last;

	if (!(n > 0.0) || !isfinite(n) || !(average >= 0.0 && average <= 1.0)
	    || !(p > 0.5 && p < 1.0))
		return NAN;
	z = stats_qnorm(p);
	q = z * z;
	/* sigma_adjustment, grouped as R evaluates it */
	first = average * (n / q + 1.0);
	t = -8.0 * average * (n / q + 1.0);
	adj = sqrt(t * t - 64.0 * (1.0 / q + 1.0 / n) * average *
		   (n * (average * (n / q + 2.0) - 1.0) +
		    q * (average - 1.0)));
	last = 1.0 / q + 1.0 / n;
	if (side == FUNNEL_SIDE_LOW)
		return (first - adj / 8.0) / last / n;
	return (first + adj / 8.0) / last / n;
}

/*
 * PIM poisson_cis: P(xa <= K <= xb) for K Poisson with mean z, summed
 * from k = 0 up to the mean and on until a term is below 1e-10 of the
 * total, rescaled past 1e30. Kept as PIM has it (rather than
 * stats_ppois) so that the bisection below takes the same steps.
 */
static double poisson_cis(double z, double xa, double xb)
{
	double q = 1.0, tot = 0.0, s = 0.0, k = 0.0;

	while (k <= z || q > tot * 1e-10) {
		tot += q;
		if (k >= xa && k <= xb)
			s += q;
		if (tot > 1e30) {
			s /= 1e30;
			tot /= 1e30;
			q /= 1e30;
		}
		k += 1.0;
		q = q * z / k;
	}
	return s / tot;
}

double stats_poisson_funnel(double obs, double p,
			    enum stats_funnel_side side)
{
	double v = 0.5, dv = 0.5;

	if (!(obs >= 0.0 && obs <= STATS_FUNNEL_MAX_EVENTS) ||
	    !(p > 0.0 && p < 1.0))
		return NAN;
	while (dv > 1e-7) {
		dv /= 2.0;
		if (side == FUNNEL_SIDE_LOW) {
			if (poisson_cis((1.0 + obs) * v / (1.0 - v), obs,
					10000000000.0) > p)
				v -= dv;
			else
				v += dv;
		} else {
			if (poisson_cis((1.0 + obs) * v / (1.0 - v), 0.0,
					obs) < p)
				v -= dv;
			else
				v += dv;
		}
	}
	return (1.0 + obs) * v / (1.0 - v);
}

double stats_funnel_ratio_bound(double obs, double denom, double level,
				enum stats_funnel_side side)
{
	double pp, z, oa, b, bound;

	if (!(obs >= 0.0) || !isfinite(obs) || isnan(denom) ||
	    !(level > 0.0 && level < 1.0))
		return NAN;
	pp = 0.5 + level / 2.0;
	if (!(obs > 0.0) && side == FUNNEL_SIDE_LOW) {
		bound = 0.0;
	} else if (obs < EXACT_BELOW) {
		if (side == FUNNEL_SIDE_LOW)
			bound = stats_qchisq_upper(pp, 2.0 * obs) / 2.0;
		else
			bound = stats_qchisq(pp, 2.0 * obs + 2.0) / 2.0;
	} else {
		z = stats_qnorm(pp);
		if (side == FUNNEL_SIDE_LOW) {
			oa = obs;
			b = 1.0 - 1.0 / (9.0 * oa) - z / 3.0 / sqrt(oa);
		} else {
			oa = obs + 1.0;
			b = 1.0 - 1.0 / (9.0 * oa) + z / 3.0 / sqrt(oa);
		}
		bound = oa * pow(b, 3.0);
	}
	return bound / denom;
}

/* ------------------------------------------------------------------ */
/* The x axis */

/*
 * nchar() of a whole number: its count of digits. R measures
 * as.character(x), which writes 100000 as "1e+05" (5 characters, not 6);
 * that only happens when the number is m x 10^k with k above the digits
 * kept, and then a smaller k gives the same floor or ceiling, so counting
 * digits gives PIM's axis.
 */
static int r_nchar(double x)
{
	char buf[400];
	int len = snprintf(buf, sizeof buf, "%.0f", fabs(x));

	return len > 0 ? len : 1;
}

double stats_signif_floor(double x)
{
	double n;

	if (!isfinite(x))
		return NAN;
	if (!(fabs(x) > 0.0))
		return 0.0;
	n = r_nchar(floor(x * 0.95)) - 1;
	return floor(x * 0.95 / pow(10.0, n)) * pow(10.0, n);
}

double stats_signif_ceiling(double x)
{
	double n;

	if (!isfinite(x))
		return NAN;
	if (!(fabs(x) > 0.0))
		return 0.0;
	n = r_nchar(ceil(x * 1.05)) - 2;
	return ceil(x * 1.05 / pow(10.0, n)) * pow(10.0, n);
}

int stats_funnel_axis(double axis_min, double axis_max, int ratio,
		      double x[STATS_FUNNEL_POINTS])
{
	double prev, next, step;
	int j, off;

	for (j = 0; j < STATS_FUNNEL_POINTS; j++)
		x[j] = NAN;
	if (!isfinite(axis_min) || !isfinite(axis_max) || axis_max < 0.0)
		return STATS_DOMAIN;
	x[0] = axis_min > 1.0 ? axis_min : 1.0;
	/* R's j runs 2..100; the exponent is 1 / (101 - offset) */
	for (j = 2; j <= STATS_FUNNEL_POINTS; j++) {
		off = ratio ? j - 1 : j;
		prev = x[j - 2];
		/* R's round() at 0 digits is rint: halves go to even */
		step = nearbyint(pow(axis_max / prev, 1.0 / (101 - off)) *
				 prev);
		next = prev + 1.0;
		x[j - 1] = step > next ? step : next;
	}
	return STATS_OK;
}

/* ------------------------------------------------------------------ */
/* Funnel tables */

static void funnel_set_nan(struct stats_funnel *out)
{
	out->baseline = NAN;
	out->average = NAN;
	for (int j = 0; j < STATS_FUNNEL_POINTS; j++) {
		struct stats_funnel_row *r = &out->row[j];

		r->x = r->lower2 = r->upper2 = r->lower3 = r->upper3 = NAN;
		r->at_lower2 = r->at_upper2 = NAN;
		r->at_lower3 = r->at_upper3 = NAN;
	}
}

static void sig_set_none(enum stats_funnel_sig *out, size_t len)
{
	for (size_t i = 0; i < len; i++)
		out[i] = FUNNEL_SIG_NONE;
}

/* A multiplier: NaN -> MISSING, else finite and > 0, as in stats.c. */
static int check_scale(double m)
{
	if (isnan(m))
		return STATS_MISSING;
	if (!isfinite(m) || !(m > 0.0))
		return STATS_DOMAIN;
	return STATS_OK;
}

/* R's max(0, v) and min(100, v): NaN stays NaN. */
static double at_least_0(double v)
{
	return v < 0.0 ? 0.0 : v;
}

static double at_most_100(double v)
{
	return v > 100.0 ? 100.0 : v;
}

/* x of n for a proportion funnel: NaN -> MISSING; x < 0, n <= 0, x > n
 * or infinite -> DOMAIN. */
static int check_prop(double x, double n)
{
	if (isnan(x) || isnan(n))
		return STATS_MISSING;
	if (!isfinite(x) || !isfinite(n) || x < 0.0 || !(n > 0.0) || x > n)
		return STATS_DOMAIN;
	return STATS_OK;
}

/* Checks the rows and forms sum x / sum n. R's sum() adds in long
 * double, so this does too. */
static int prop_average(const double *x, const double *n, size_t len,
			double *average)
{
	long double sx = 0.0L, sn = 0.0L;
	int st;

	*average = NAN;
	if (len == 0 || !x || !n)
		return STATS_DOMAIN;
	for (size_t i = 0; i < len; i++) {
		if ((st = check_prop(x[i], n[i])) != STATS_OK)
			return st;
		sx += x[i];
		sn += n[i];
	}
	*average = (double)(sx / sn);
	return STATS_OK;
}

/* The smallest and largest of the non-NaN d[i]. */
static void range_of(const double *d, size_t len, double *lo, double *hi)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	for (size_t i = 0; i < len; i++) {
		if (d[i] < *lo)
			*lo = d[i];
		if (d[i] > *hi)
			*hi = d[i];
	}
}

int stats_funnel_proportion(const double *x, const double *n, size_t len,
			    double multiplier, struct stats_funnel *out)
{
	double av, lo, hi, axis_min, xs[STATS_FUNNEL_POINTS];
	int st;

	funnel_set_nan(out);
	if ((st = prop_average(x, n, len, &av)) != STATS_OK ||
	    (st = check_scale(multiplier)) != STATS_OK)
		return st;
	range_of(n, len, &lo, &hi);
	axis_min = hi > 2.0 * lo ? 0.0 : stats_signif_floor(lo);
	if ((st = stats_funnel_axis(axis_min, stats_signif_ceiling(hi), 0,
				    xs)) != STATS_OK)
		return st;
	for (int j = 0; j < STATS_FUNNEL_POINTS; j++) {
		struct stats_funnel_row *r = &out->row[j];
		double p = xs[j];

		r->x = p;
		r->lower2 = at_least_0(multiplier * stats_funnel_prop_limit(
					av, p, PROP_P2, FUNNEL_SIDE_LOW));
		r->upper2 = at_most_100(multiplier * stats_funnel_prop_limit(
					av, p, PROP_P2, FUNNEL_SIDE_HIGH));
		r->lower3 = at_least_0(multiplier * stats_funnel_prop_limit(
					av, p, PROP_P3, FUNNEL_SIDE_LOW));
		r->upper3 = at_most_100(multiplier * stats_funnel_prop_limit(
					av, p, PROP_P3, FUNNEL_SIDE_HIGH));
	}
	out->average = av;
	out->baseline = av * multiplier;
	return STATS_OK;
}

/* obs against expected for a ratio: NaN -> MISSING; obs < 0, expected
 * <= 0 or infinite -> DOMAIN. */
static int check_ratio(double obs, double expected)
{
	if (isnan(obs) || isnan(expected))
		return STATS_MISSING;
	if (!isfinite(obs) || !isfinite(expected) || obs < 0.0 ||
	    !(expected > 0.0))
		return STATS_DOMAIN;
	return STATS_OK;
}

int stats_funnel_ratio(const double *obs, const double *expected, size_t len,
		       enum stats_ratio_type type, struct stats_funnel *out)
{
	long double so = 0.0L, se = 0.0L;
	double lo, hi, axis_min, xs[STATS_FUNNEL_POINTS];
	double lim[4];
	int st;

	funnel_set_nan(out);
	if (len == 0 || !obs || !expected ||
	    (type != FUNNEL_RATIO_COUNT && type != FUNNEL_RATIO_ISR))
		return STATS_DOMAIN;
	for (size_t i = 0; i < len; i++) {
		if ((st = check_ratio(obs[i], expected[i])) != STATS_OK)
			return st;
		so += obs[i];
		se += expected[i];
	}
	range_of(expected, len, &lo, &hi);
	axis_min = hi > 2.0 * lo ? 0.0 : stats_signif_floor(lo);
	if ((st = stats_funnel_axis(axis_min, stats_signif_ceiling(hi), 1,
				    xs)) != STATS_OK)
		return st;
	if (!(xs[STATS_FUNNEL_POINTS - 1] <= STATS_FUNNEL_MAX_EVENTS))
		return STATS_DOMAIN;
	for (int j = 0; j < STATS_FUNNEL_POINTS; j++) {
		struct stats_funnel_row *r = &out->row[j];
		double o = xs[j];

		/* the lower limit is where O is the top of the range for E */
		r->x = o;
		r->at_lower2 = stats_poisson_funnel(o, TAIL2, FUNNEL_SIDE_HIGH);
		r->at_upper2 = stats_poisson_funnel(o, TAIL2, FUNNEL_SIDE_LOW);
		r->at_lower3 = stats_poisson_funnel(o, TAIL3, FUNNEL_SIDE_HIGH);
		r->at_upper3 = stats_poisson_funnel(o, TAIL3, FUNNEL_SIDE_LOW);
		lim[0] = o / r->at_lower2;
		lim[1] = o / r->at_upper2;
		lim[2] = o / r->at_lower3;
		lim[3] = o / r->at_upper3;
		for (int k = 0; k < 4; k++)
			lim[k] = type == FUNNEL_RATIO_COUNT ? lim[k] - 1.0 :
				 lim[k] * 100.0;
		r->lower2 = lim[0];
		r->upper2 = lim[1];
		r->lower3 = lim[2];
		r->upper3 = lim[3];
	}
	out->average = (double)(so / se);
	out->baseline = type == FUNNEL_RATIO_COUNT ? 0.0 : 100.0;
	return STATS_OK;
}

/*
 * The denominator of a rate row (METHODS.md 8.3). O > 0: d = multiplier x
 * O / rate, formed as PIM forms it, (m O) / rate for the limits and
 * (O / rate) m for the significance (sig set). O = 0: a dsr has none
 * (NaN), a crude rate takes denom. Errors as stats_funnel_rate.
 */
static int rate_denominator(double count, double rate, const double *denom,
			    size_t i, enum stats_rate_type type,
			    double multiplier, int sig, double *d)
{
	*d = NAN;
	if (isnan(count))
		return STATS_MISSING;
	if (!isfinite(count) || count < 0.0)
		return STATS_DOMAIN;
	if (count > 0.0) {
		if (isnan(rate))
			return STATS_MISSING;
		if (!isfinite(rate) || !(rate > 0.0))
			return STATS_DOMAIN;
		*d = sig ? count / rate * multiplier :
			   multiplier * count / rate;
		return STATS_OK;
	}
	if (type == FUNNEL_RATE_DSR)
		return STATS_OK;
	if (!denom || isnan(denom[i]))
		return STATS_MISSING;
	if (!isfinite(denom[i]) || !(denom[i] > 0.0))
		return STATS_DOMAIN;
	*d = denom[i];
	return STATS_OK;
}

/* Checks a rate data set and forms the weighted average sum O / sum d
 * (NaN d dropped, long double sums as R's sum) and the range of d. */
static int rate_average(const double *count, const double *rate,
			const double *denom, size_t len,
			enum stats_rate_type type, double multiplier, int sig,
			double *average, double *lo, double *hi)
{
	long double so = 0.0L, sd = 0.0L;
	size_t nd = 0;
	double d;
	int st;

	*average = *lo = *hi = NAN;
	if (len == 0 || !count || !rate ||
	    (type != FUNNEL_RATE_DSR && type != FUNNEL_RATE_CRUDE))
		return STATS_DOMAIN;
	if ((st = check_scale(multiplier)) != STATS_OK)
		return st;
	*lo = INFINITY;
	*hi = -INFINITY;
	for (size_t i = 0; i < len; i++) {
		st = rate_denominator(count[i], rate[i], denom, i, type,
				      multiplier, sig, &d);
		if (st != STATS_OK)
			return st;
		so += count[i];
		if (isnan(d))
			continue;
		sd += d;
		nd++;
		if (d < *lo)
			*lo = d;
		if (d > *hi)
			*hi = d;
	}
	if (nd == 0)
		return STATS_DOMAIN;
	*average = (double)(so / sd);
	return STATS_OK;
}

int stats_funnel_rate(const double *count, const double *rate,
		      const double *denom, size_t len,
		      enum stats_rate_type type, double multiplier,
		      double years, struct stats_funnel *out)
{
	double av, lo, hi, axis_min, axis_max, xs[STATS_FUNNEL_POINTS];
	double pop[4];
	int st;

	funnel_set_nan(out);
	if ((st = rate_average(count, rate, denom, len, type, multiplier, 0,
			       &av, &lo, &hi)) != STATS_OK)
		return st;
	if (isnan(years))
		return STATS_MISSING;
	if (!isfinite(years) || !(years > 0.0) || !(av > 0.0))
		return STATS_DOMAIN;
	/* the axis is set on the population a year, then read as events */
	axis_min = hi > 2.0 * lo ? 0.0 :
		   stats_signif_floor(lo / years) * years;
	axis_max = stats_signif_ceiling(hi / years) * years;
	axis_min = floor(axis_min * av);
	axis_max = ceil(axis_max * av);
	if ((st = stats_funnel_axis(axis_min, axis_max, 0, xs)) != STATS_OK)
		return st;
	if (!(xs[STATS_FUNNEL_POINTS - 1] <= STATS_FUNNEL_MAX_EVENTS))
		return STATS_DOMAIN;
	for (int j = 0; j < STATS_FUNNEL_POINTS; j++) {
		struct stats_funnel_row *r = &out->row[j];
		double e = xs[j];

		r->x = e;
		pop[0] = stats_poisson_funnel(e, TAIL2, FUNNEL_SIDE_HIGH) / av;
		pop[1] = stats_poisson_funnel(e, TAIL2, FUNNEL_SIDE_LOW) / av;
		pop[2] = stats_poisson_funnel(e, TAIL3, FUNNEL_SIDE_HIGH) / av;
		pop[3] = stats_poisson_funnel(e, TAIL3, FUNNEL_SIDE_LOW) / av;
		r->lower2 = e / pop[0] * multiplier;
		r->upper2 = e / pop[1] * multiplier;
		r->lower3 = e / pop[2] * multiplier;
		r->upper3 = e / pop[3] * multiplier;
		r->at_lower2 = pop[0] / years;
		r->at_upper2 = pop[1] / years;
		r->at_lower3 = pop[2] / years;
		r->at_upper3 = pop[3] / years;
	}
	out->average = av;
	out->baseline = av * multiplier;
	return STATS_OK;
}

/* ------------------------------------------------------------------ */
/* Significance */

/* PIM's order of tests for a ratio or rate: obs / denom against ref. */
static enum stats_funnel_sig sig_against(double obs, double denom,
					 double ref)
{
	if (ref < stats_funnel_ratio_bound(obs, denom, LEVEL3,
					   FUNNEL_SIDE_LOW))
		return FUNNEL_HIGH_001;
	if (ref < stats_funnel_ratio_bound(obs, denom, LEVEL2,
					   FUNNEL_SIDE_LOW))
		return FUNNEL_HIGH_025;
	if (ref > stats_funnel_ratio_bound(obs, denom, LEVEL3,
					   FUNNEL_SIDE_HIGH))
		return FUNNEL_LOW_001;
	if (ref > stats_funnel_ratio_bound(obs, denom, LEVEL2,
					   FUNNEL_SIDE_HIGH))
		return FUNNEL_LOW_025;
	return FUNNEL_NOT_SIGNIFICANT;
}

int stats_funnel_sig_proportion(const double *x, const double *n, size_t len,
				enum stats_funnel_sig *out)
{
	double av;
	int st;

	if (len > 0 && !out)
		return STATS_DOMAIN;
	sig_set_none(out, len);
	if ((st = prop_average(x, n, len, &av)) != STATS_OK)
		return st;
	for (size_t i = 0; i < len; i++) {
		double p = x[i] / n[i];

		if (p < stats_funnel_prop_limit(av, n[i], PROP_P3,
						FUNNEL_SIDE_LOW))
			out[i] = FUNNEL_LOW_001;
		else if (p < stats_funnel_prop_limit(av, n[i], PROP_P2,
						     FUNNEL_SIDE_LOW))
			out[i] = FUNNEL_LOW_025;
		else if (p > stats_funnel_prop_limit(av, n[i], PROP_P3,
						     FUNNEL_SIDE_HIGH))
			out[i] = FUNNEL_HIGH_001;
		else if (p > stats_funnel_prop_limit(av, n[i], PROP_P2,
						     FUNNEL_SIDE_HIGH))
			out[i] = FUNNEL_HIGH_025;
		else
			out[i] = FUNNEL_NOT_SIGNIFICANT;
	}
	return STATS_OK;
}

int stats_funnel_sig_ratio(const double *obs, const double *expected,
			   size_t len, enum stats_funnel_sig *out)
{
	int st;

	if (len > 0 && !out)
		return STATS_DOMAIN;
	sig_set_none(out, len);
	if (len == 0 || !obs || !expected)
		return STATS_DOMAIN;
	for (size_t i = 0; i < len; i++)
		if ((st = check_ratio(obs[i], expected[i])) != STATS_OK)
			return st;
	for (size_t i = 0; i < len; i++)
		out[i] = sig_against(obs[i], expected[i], 1.0);
	return STATS_OK;
}

int stats_funnel_sig_rate(const double *count, const double *rate,
			  const double *denom, size_t len,
			  enum stats_rate_type type, double multiplier,
			  enum stats_funnel_sig *out)
{
	double av, lo, hi, d;
	int st;

	if (len > 0 && !out)
		return STATS_DOMAIN;
	sig_set_none(out, len);
	if ((st = rate_average(count, rate, denom, len, type, multiplier, 1,
			       &av, &lo, &hi)) != STATS_OK)
		return st;
	for (size_t i = 0; i < len; i++) {
		if (type == FUNNEL_RATE_DSR && count[i] < DSR_SIG_BELOW) {
			out[i] = FUNNEL_NOT_APPLICABLE;
			continue;
		}
		rate_denominator(count[i], rate[i], denom, i, type,
				 multiplier, 1, &d);
		out[i] = sig_against(count[i], d, av);
	}
	return STATS_OK;
}

int stats_funnel_rate_point(double count, double rate, double denom,
			    enum stats_rate_type type, double multiplier,
			    double years, double *rate_chart,
			    double *denom_year)
{
	double d;
	int st;

	*rate_chart = NAN;
	*denom_year = NAN;
	if (type != FUNNEL_RATE_DSR && type != FUNNEL_RATE_CRUDE)
		return STATS_DOMAIN;
	if ((st = check_scale(multiplier)) != STATS_OK ||
	    (st = check_scale(years)) != STATS_OK)
		return st;
	if (isnan(count))
		return STATS_MISSING;
	/* PIM drops a small dsr before it reads the rate */
	if (type == FUNNEL_RATE_DSR && count >= 0.0 && count < DSR_SIG_BELOW)
		return STATS_OK;
	if ((st = rate_denominator(count, rate, &denom, 0, type, multiplier,
				   0, &d)) != STATS_OK)
		return st;
	*rate_chart = rate;
	*denom_year = d / years;
	return STATS_OK;
}
