/* layouttest.h - what the chart layout tests share: a rendered file read
 * back whole, and a text width estimate that needs no fonts.
 *
 *	p = slurp(path, &len);   caller frees
 *	lay_measure(..., measure_est, NULL) ...
 *
 * Include after <cmocka.h>, with "jsna/buf.h".
 */
#ifndef JSNA_TEST_LAYOUTTEST_H
#define JSNA_TEST_LAYOUTTEST_H

#include <stdio.h>
#include <string.h>

static inline unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return (unsigned char *)buf_detach(&b, NULL);
}

/* Widths in proportion to the characters: bold a tenth wider. */
static inline double measure_est(void *ctx, const char *text, double size,
				 int bold)
{
	(void)ctx;
	return (double)strlen(text) * size * (bold ? 0.66 : 0.60);
}

#endif
