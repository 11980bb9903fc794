/* assertnum.h - numeric assertions for the unit tests: relative and
 * absolute closeness with a message that shows both numbers to 17
 * digits, NaN-aware. Include after <cmocka.h>.
 */
#ifndef JSNA_TEST_ASSERTNUM_H
#define JSNA_TEST_ASSERTNUM_H

#include <math.h>

/* Relative error of got against want; absolute when want is 0; 0 when
 * both are NaN and +Inf when only one is. */
static inline double rel_err(double got, double want)
{
	if (isnan(want) || isnan(got))
		return isnan(want) && isnan(got) ? 0.0 : INFINITY;
	if (isinf(want) || isinf(got))
		return (isinf(want) && isinf(got) &&
			!(want < 0.0) == !(got < 0.0)) ? 0.0 : INFINITY;
	if (!(fabs(want) > 0.0))
		return fabs(got);
	return fabs(got - want) / fabs(want);
}

static inline void assert_close_at(double got, double want, double tol,
			    const char *what, const char *file, int line)
{
	double e = rel_err(got, want);

	if (!(e <= tol)) {
		print_error("%s = %.17g, expected %.17g (relative error %.3g "
			    "> %.3g)\n", what, got, want, e, tol);
		_fail(file, line);
	}
}

#define assert_close(got, want, tol) \
	assert_close_at((got), (want), (tol), #got, __FILE__, __LINE__)

/* Absolute difference, for values published to a few decimals. */
static inline void assert_within_at(double got, double want, double abs_tol,
			     const char *what, const char *file, int line)
{
	if (!(fabs(got - want) <= abs_tol)) {
		print_error("%s = %.17g, expected %.17g within %.3g\n", what,
			    got, want, abs_tol);
		_fail(file, line);
	}
}

#define assert_within(got, want, tol) \
	assert_within_at((got), (want), (tol), #got, __FILE__, __LINE__)

/* x is exactly +0 or -0. */
#define assert_zero(x) assert_true(!isnan(x) && !((x) < 0.0) && !((x) > 0.0))

#endif
