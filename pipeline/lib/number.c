/* number.c - formatting numbers for readers. */
#include "jsna/number.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jsna/stats.h"

void number_format(struct buf *b, double v, int dp)
{
	char digits[512];
	const char *p, *dot;
	size_t nint, i;
	int neg;

	if (!isfinite(v))
		return;
	snprintf(digits, sizeof(digits), "%.*f", dp, stats_round(v, dp));
	neg = digits[0] == '-';
	p = digits + neg;
	if (neg && strspn(p, "0.") == strlen(p))
		neg = 0;	/* -0.04 at one decimal is "0.0" */
	if (neg)
		buf_addch(b, '-');
	dot = strchr(p, '.');
	nint = dot ? (size_t)(dot - p) : strlen(p);
	for (i = 0; i < nint; i++) {
		if (i && (nint - i) % 3 == 0)
			buf_addch(b, ',');
		buf_addch(b, p[i]);
	}
	buf_adds(b, p + nint);
}
