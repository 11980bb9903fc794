/* stats_trend.c - Fingertips' recent trend, ranks and LAIT quartile bands
 * (../shared/METHODS.md 9.3 and 9.5, UX.md 3.2).
 *
 * Pure functions: no I/O, no messages, no state. The regression goes
 * through stats_wls, so GSL stays in stats.c. Every output is set on
 * every path, so a caller never reads a stale marker, rank or band.
 */
#include "jsna/stats_trend.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

/* Width of a 95% interval in standard errors, as Fingertips writes it:
 * SE = (U95 - L95) / 3.92, not 2 x 1.959964 (TrendMarkerCalculator). */
#define CI95_WIDTH_SE 3.92

/* a == b for doubles, written so that -Wfloat-equal has nothing to say:
 * an exact comparison is what Fingertips does (count == denominator). */
static int same(double a, double b)
{
	return !(a < b) && !(a > b);
}

/* A number that is either missing (NaN) or finite: +-Inf is bad input. */
static int nan_or_finite(double x)
{
	return isnan(x) || isfinite(x);
}

static void trend_reset(struct stats_trend_result *out)
{
	size_t i;

	out->marker = TREND_CANNOT_CALCULATE;
	out->chi2 = NAN;
	out->slope = NAN;
	for (i = 0; i < STATS_TREND_POINTS; i++)
		out->used[i] = 0;
	out->nused = 0;
	out->nvalid = 0;
}

/* FT IsDataValid: a value, a count and a denominator > 0. The limits
 * are not part of it: they only pick the points fitted. */
static int point_valid(const struct stats_trend_point *p)
{
	return !isnan(p->value) && !isnan(p->count) && p->denominator > 0.0;
}

static int has_limits(const struct stats_trend_point *p)
{
	return !isnan(p->lower95) && !isnan(p->upper95);
}

/* Malformed input, as opposed to missing input: infinities, a negative
 * count or a reversed interval. */
static int point_bad(const struct stats_trend_point *p)
{
	return !nan_or_finite(p->value) || !nan_or_finite(p->lower95) ||
	       !nan_or_finite(p->upper95) || !nan_or_finite(p->count) ||
	       !nan_or_finite(p->denominator) || p->count < 0.0 ||
	       p->lower95 > p->upper95;
}

/*
 * The weighted slope over the points fitted, leaving out point skip
 * (0..4) or none (skip = STATS_TREND_POINTS). t runs 1..5 over the five
 * points whatever their periods, as in Fingertips, so a gap in the years
 * does not stretch the axis.
 */
static int fit(const double *y, const double *w, size_t skip, double *slope,
	       double *slope_var)
{
	double xs[STATS_TREND_POINTS], ys[STATS_TREND_POINTS];
	double ws[STATS_TREND_POINTS], intercept;
	size_t i, m = 0;

	for (i = 0; i < STATS_TREND_POINTS; i++) {
		if (i == skip)
			continue;
		xs[m] = (double)(i + 1);
		ys[m] = y[i];
		ws[m] = w[i];
		m++;
	}
	return stats_wls(xs, ys, ws, m, slope, slope_var, &intercept);
}

int stats_recent_trend(const struct stats_trend_point *pts, size_t n,
		       int type_eligible, struct stats_trend_result *out)
{
	double y[STATS_TREND_POINTS], w[STATS_TREND_POINTS];
	double slope, var, s, v, chi2;
	size_t i, k, m;
	int same_sign;

	trend_reset(out);
	if (n > 0 && !pts)
		return STATS_DOMAIN;
	for (i = 0; i < n; i++) {
		if (point_bad(&pts[i])) {
			trend_reset(out);
			return STATS_DOMAIN;
		}
		if (point_valid(&pts[i]))
			out->nvalid++;
	}
	if (!type_eligible || out->nvalid < STATS_TREND_POINTS)
		return STATS_OK;
	/* FT checks every valid point, not just the five fitted: a
	 * proportion of 1 makes the legacy SPC test divide by zero, and
	 * FT-Next kept the rule for every method. */
	for (i = 0; i < n; i++)
		if (point_valid(&pts[i]) &&
		    same(pts[i].count, pts[i].denominator))
			return STATS_OK;

	/* The five most recent valid points with both limits, gaps allowed
	 * (FT-Next GetValidDataList, then GetMostRecentData). */
	m = 0;
	for (i = n; i-- > 0 && m < STATS_TREND_POINTS;)
		if (point_valid(&pts[i]) && has_limits(&pts[i]))
			out->used[STATS_TREND_POINTS - 1 - m++] = i;
	if (m < STATS_TREND_POINTS) {
		/* FT would fit the fewer points left (its "GP registered
		 * population 65+" artefact); no trend is the honest answer. */
		for (i = 0; i < STATS_TREND_POINTS; i++)
			out->used[i] = 0;
		return STATS_OK;
	}

	for (k = 0; k < STATS_TREND_POINTS; k++) {
		const struct stats_trend_point *p = &pts[out->used[k]];
		double se = (p->upper95 - p->lower95) / CI95_WIDTH_SE;

		/* A zero-width interval would weigh infinitely. */
		if (!(se > 0.0)) {
			trend_reset(out);
			return STATS_DOMAIN;
		}
		y[k] = p->value;
		w[k] = 1.0 / (se * se);
	}

	if (fit(y, w, STATS_TREND_POINTS, &slope, &var) != STATS_OK ||
	    !(var > 0.0))
		goto failed;
	chi2 = slope * slope / var;

	/* The outlier check: the slope keeps its sign with each point left
	 * out in turn; 0 counts as positive (FT: slope < 0 ? -1 : 1). */
	same_sign = 1;
	for (k = 0; k < STATS_TREND_POINTS; k++) {
		if (fit(y, w, k, &s, &v) != STATS_OK)
			goto failed;
		if ((s < 0.0) != (slope < 0.0))
			same_sign = 0;
	}

	out->nused = STATS_TREND_POINTS;
	out->chi2 = chi2;
	out->slope = slope;
	out->marker = TREND_NO_CHANGE;
	if (same_sign && chi2 > STATS_TREND_CHI2) {
		if (slope > 0.0)
			out->marker = TREND_INCREASING;
		else if (slope < 0.0)
			out->marker = TREND_DECREASING;
	}
	return STATS_OK;

failed:
	trend_reset(out);
	return STATS_FAILED;
}

const char *stats_trend_label(enum stats_trend marker,
			      enum stats_polarity polarity)
{
	switch (marker) {
	case TREND_INCREASING:
		if (polarity == POLARITY_LOW_GOOD)
			return "Increasing and getting worse";
		if (polarity == POLARITY_HIGH_GOOD)
			return "Increasing and getting better";
		return "Increasing";
	case TREND_DECREASING:
		if (polarity == POLARITY_LOW_GOOD)
			return "Decreasing and getting better";
		if (polarity == POLARITY_HIGH_GOOD)
			return "Decreasing and getting worse";
		return "Decreasing";
	case TREND_NO_CHANGE:
		return "No significant change";
	case TREND_CANNOT_CALCULATE:
		break;
	}
	return "Cannot be calculated";
}

enum stats_trend stats_trend_two(double prev, double prev_lower,
				 double prev_upper, double cur,
				 double cur_lower, double cur_upper)
{
	if (isnan(prev) || isnan(prev_lower) || isnan(prev_upper) ||
	    isnan(cur) || isnan(cur_lower) || isnan(cur_upper) ||
	    prev_lower > prev_upper || cur_lower > cur_upper)
		return TREND_CANNOT_CALCULATE;
	/* Double overlapping CIs (method 12): the same unless the higher
	 * value's interval lies wholly above the lower value's. */
	if (cur > prev && cur_lower > prev_upper)
		return TREND_INCREASING;
	if (cur < prev && prev_lower > cur_upper)
		return TREND_DECREASING;
	return TREND_NO_CHANGE;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int ranked_polarity(enum stats_polarity polarity)
{
	return polarity == POLARITY_HIGH_GOOD || polarity == POLARITY_LOW_GOOD;
}

/*
 * The non-NaN values of values[0..n-1], sorted ascending, in a new array
 * (*sorted, NULL when there are none); *m their number. STATS_DOMAIN for
 * an infinite value, STATS_FAILED when out of memory.
 */
static int sorted_values(const double *values, size_t n, double **sorted,
			 size_t *m)
{
	double *s;
	size_t i, k = 0;

	*sorted = NULL;
	*m = 0;
	for (i = 0; i < n; i++) {
		if (!nan_or_finite(values[i]))
			return STATS_DOMAIN;
		if (!isnan(values[i]))
			k++;
	}
	if (k == 0)
		return STATS_OK;
	s = malloc(k * sizeof(*s));
	if (!s)
		return STATS_FAILED;
	k = 0;
	for (i = 0; i < n; i++)
		if (!isnan(values[i]))
			s[k++] = values[i];
	qsort(s, k, sizeof(*s), cmp_double);
	*sorted = s;
	*m = k;
	return STATS_OK;
}

/* Number of s[0..m-1] (ascending) below v, and at or below v. */
static size_t count_below(const double *s, size_t m, double v)
{
	size_t lo = 0, hi = m;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t count_at_or_below(const double *s, size_t m, double v)
{
	size_t lo = 0, hi = m;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid] > v)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

int stats_rank(const double *values, size_t n, enum stats_polarity polarity,
	       int *ranks, size_t *nranked)
{
	double *s;
	size_t i, m;
	int st;

	if (nranked)
		*nranked = 0;
	for (i = 0; i < n; i++)
		ranks[i] = 0;
	if (!ranked_polarity(polarity))
		return STATS_OK;
	if ((st = sorted_values(values, n, &s, &m)) != STATS_OK)
		return st;
	if (m > (size_t)INT_MAX - 1) {
		free(s);
		return STATS_DOMAIN;
	}
	/* 1 + the number of strictly better values: R's rank(ties = "min")
	 * on -v for high is good, on v for low is good. */
	for (i = 0; i < n; i++) {
		if (isnan(values[i]))
			continue;
		if (polarity == POLARITY_LOW_GOOD)
			ranks[i] = 1 + (int)count_below(s, m, values[i]);
		else
			ranks[i] = 1 + (int)(m - count_at_or_below(s, m,
								   values[i]));
	}
	if (nranked)
		*nranked = m;
	free(s);
	return STATS_OK;
}

/*
 * R's quantile(type = 7) of s[0..m-1] (ascending, m >= 1) at p, written
 * as quantile.default does: index = 1 + (m - 1) p, and (1 - h) x[lo] +
 * h x[hi] only when x[hi] differs from x[lo]. Another algebraic form can
 * differ in the last bit, and a value exactly on a cut point must fall in
 * the band R puts it in.
 */
static double quantile7(const double *s, size_t m, double p)
{
	double index = 1.0 + (double)(m - 1) * p;
	double lo = floor(index), hi = ceil(index), h, q;

	q = s[(size_t)lo - 1];
	if (index > lo && !same(s[(size_t)hi - 1], q)) {
		h = index - lo;
		q = (1.0 - h) * q + h * s[(size_t)hi - 1];
	}
	return q;
}

int stats_quartiles(const double *values, size_t n,
		    enum stats_polarity polarity, char *bands,
		    double upper[4])
{
	static const double probs[4] = { 0.25, 0.5, 0.75, 1.0 };
	double cut[4], *s;
	size_t i, m;
	int k, b, st;

	for (i = 0; i < n; i++)
		bands[i] = '\0';
	if (upper)
		for (k = 0; k < 4; k++)
			upper[k] = NAN;
	if (!ranked_polarity(polarity))
		return STATS_OK;
	if ((st = sorted_values(values, n, &s, &m)) != STATS_OK)
		return st;
	if (m < 4) {
		free(s);
		return STATS_OK;
	}
	for (k = 0; k < 4; k++)
		cut[k] = quantile7(s, m, probs[k]);
	free(s);
	for (i = 0; i < n; i++) {
		if (isnan(values[i]))
			continue;
		b = 0;
		while (b < 3 && values[i] > cut[b])
			b++;
		/* b counts from the lowest values: best when low is good. */
		bands[i] = (char)('A' + (polarity == POLARITY_HIGH_GOOD ?
					 3 - b : b));
	}
	if (upper)
		for (k = 0; k < 4; k++)
			upper[k] = cut[polarity == POLARITY_HIGH_GOOD ?
				       3 - k : k];
	return STATS_OK;
}
