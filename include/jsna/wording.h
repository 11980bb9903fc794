/* wording.h - plain-English statements about an indicator, in the style
 * analysts write them.
 *
 *	wording_headline(&results.ind[i], results.area_name, suppress, &b);
 *	-> "In 2025 there were 496 children in care, a rate of 74 per 10,000
 *	    children aged under 18, higher than England (65)."
 *
 * Wording follows the values and their comparison: a rate always with its
 * base, "similar to" only when the comparison says so, differences of
 * percentages in percentage points, and a suppressed value never
 * described. Appends to a caller's buffer.
 */
#ifndef JSNA_WORDING_H
#define JSNA_WORDING_H

#include "jsna/buf.h"
#include "jsna/results.h"

/* The latest period's statement for the area; nothing when the area has
 * no value at all. */
void wording_headline(const struct result_indicator *ind,
		      const char *area_name, int suppress_below,
		      struct buf *out);

/* "higher than England", "similar to England", ... for a stored label. */
const char *wording_comparison(const char *label);

#endif
