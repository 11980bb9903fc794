/* stats_trend.h - Fingertips' recent trend, ranks and LAIT quartile bands.
 *	struct stats_trend_result tr;
 *	if (stats_recent_trend(pts, n, 1, &tr) == STATS_OK)
 *		puts(stats_trend_label(tr.marker, POLARITY_LOW_GOOD));
 * Pure functions over caller-owned arrays: no I/O, no messages, nothing
 * kept between calls. Each returns a stats_status (the two-value trend an
 * enum, as stats_compare does); on any status but STATS_OK every output is
 * NaN, 0 or no band. Sources: ../shared/METHODS.md 9.3, 9.5; UX.md 3.2.
 */
#ifndef JSNA_STATS_TREND_H
#define JSNA_STATS_TREND_H

#include <stddef.h>

#include "jsna/stats.h"

/* The points a recent trend is fitted to, and Fingertips' threshold:
 * chi-squared on 1 df at 99.8%, 3.0902^2 (FT-Next TrendMarkerCalculator
 * ChiSquareConfidence). */
#define STATS_TREND_POINTS 5
#define STATS_TREND_CHI2 9.54953570608324

/* A trend marker before polarity (Fingertips' TrendMarker). */
enum stats_trend {
	TREND_CANNOT_CALCULATE = 0,	/* "Cannot be calculated" */
	TREND_NO_CHANGE,		/* "No significant change" */
	TREND_INCREASING,
	TREND_DECREASING
};

/* One period of a series; NaN where missing. */
struct stats_trend_point {
	double value;
	double lower95;
	double upper95;
	double count;
	double denominator;
};

/* The outcome of stats_recent_trend. chi2 and slope are NaN when the trend
 * cannot be calculated; used[] holds the indices (into the caller's
 * array, ascending) of the 5 points fitted, nvalid the number of valid
 * points seen. */
struct stats_trend_result {
	enum stats_trend marker;
	double chi2;
	double slope;		/* value units per point used */
	size_t used[STATS_TREND_POINTS];
	size_t nused;		/* 5, or 0 when not calculated */
	size_t nvalid;
};

/*
 * Fingertips' recent trend (METHODS.md 9.3; FT-Next TrendRequest.cs and
 * Legacy/TrendMarkerCalculator.cs) over pts[0..n-1] in ascending time
 * order, each the latest period last, single-year periods.
 *
 * A point is valid when it has a value, a count and a denominator > 0
 * (FT IsDataValid). Cannot be calculated, with STATS_OK, when
 * type_eligible is 0 (pass 1 only for a proportion, a crude rate or a
 * DSR over single years), when fewer than 5 points are valid, when a
 * valid point has count == denominator, or when fewer than 5 valid points
 * have both 95% limits. Otherwise the 5 most recent valid points with
 * limits are used even when not consecutive (FT-Next: "years don't need
 * to be consecutive"), indexed t = 1..5, with weights 1/SE^2, SE =
 * (U95 - L95)/3.92; chi2 = slope^2 / var(slope) by weighted least squares
 * (stats_wls). The trend is significant when chi2 > STATS_TREND_CHI2 and
 * the 6 slopes (all points, then each point left out in turn) share one
 * sign, a slope of exactly 0 counting as positive; then the marker is
 * Increasing (slope > 0) or Decreasing (slope < 0), else No significant
 * change.
 *
 * Example (fingertips-open TrendMarkerCalculatorTest, set 1): values
 * 24.67, 24.6, 28, 30.2, 30.6 with 95% limits 23.16-26.25, 23.15-26.19,
 * 26.44-29.64, 28.63-31.9, 28.98-32.25 give chi2 46.77, slope +1.75,
 * Increasing.
 *
 * Any point with an infinite number, a negative count or L95 > U95, or
 * a fitted point with L95 == U95 (an infinite weight): STATS_DOMAIN;
 * stats_wls failing: STATS_FAILED (Cannot be calculated in both).
 */
int stats_recent_trend(const struct stats_trend_point *pts, size_t n,
		       int type_eligible, struct stats_trend_result *out);

/*
 * Fingertips' export label for a marker read through polarity
 * (FT-legacy TrendMarkerLabelProvider.cs, FT-Next AdjustForPolarity):
 * low is good "Increasing and getting worse" / "Decreasing and getting
 * better", high is good "Increasing and getting better" / "Decreasing and
 * getting worse", otherwise "Increasing" / "Decreasing"; always "No
 * significant change" and "Cannot be calculated". Static strings.
 * Example: (TREND_DECREASING, POLARITY_LOW_GOOD) -> "Decreasing and
 * getting better".
 */
const char *stats_trend_label(enum stats_trend marker,
			      enum stats_polarity polarity);

/*
 * The trend between the previous and the latest value (METHODS.md 9.5;
 * FT-legacy TrendBetweenTwoValuesCalculator.cs): double overlapping 95%
 * CIs, no polarity. No change when the lower limit of the higher value is
 * at or below the upper limit of the lower one; otherwise Increasing or
 * Decreasing by the direction. Cannot be calculated when any input is
 * NaN or an interval is reversed.
 * Example: 80 (78-82) then 75 (73-77) -> Decreasing; 80 (78-82) then
 * 77 (75-79) -> No change.
 */
enum stats_trend stats_trend_two(double prev, double prev_lower,
				 double prev_upper, double cur,
				 double cur_lower, double cur_upper);

/*
 * LAIT rank among areas (UX.md 3.2): 1 = best by polarity, descending
 * for high is good, ascending for low is good; ties take the minimum
 * rank (R rank(ties = "min")); a NaN value gets rank 0. With any other
 * polarity every rank is 0. *nranked (may be NULL) receives the number
 * of values ranked, the "of N".
 * Example: {5, 3, NaN, 3, 9}, low is good -> {3, 1, 0, 1, 4}, of 4.
 * An infinite value: STATS_DOMAIN; no memory: STATS_FAILED.
 */
int stats_rank(const double *values, size_t n, enum stats_polarity polarity,
	       int *ranks, size_t *nranked);

/*
 * LAIT quartile bands (UX.md 3.2): cut points at R's default quantile()
 * (type 7) 25/50/75/100% of the non-NaN values; each band's upper limit
 * is inclusive; A = best by polarity (the lowest values when low is
 * good, the highest when high is good). bands[i] is 'A'..'D', or '\0'
 * for a NaN value, for fewer than 4 values or for a polarity other than
 * high or low is good. upper[k] (may be NULL) is the inclusive upper
 * limit of band 'A' + k, so a table prints "(A) Up to and including
 * upper[0]"; for high is good the limits fall from A to D (A runs up to
 * the maximum). NaN when there are no bands.
 * Example: {1, 2, 3, 4, 5}, low is good -> cut points 2, 3, 4, 5 and
 * bands A A B C D; high is good -> upper {5, 4, 3, 2}, bands D D C B A.
 * An infinite value: STATS_DOMAIN; no memory: STATS_FAILED.
 */
int stats_quartiles(const double *values, size_t n,
		    enum stats_polarity polarity, char *bands,
		    double upper[4]);

#endif
