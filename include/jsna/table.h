/* table.h - the summary table: one row per indicator for the area, its
 * latest period beside England, the region and the neighbour average.
 *
 *	struct table t;
 *	table_summary(&results, &t);
 *	table_write_csv(&t, &buf);    or _md, _html
 *	table_release(&t);
 *
 * Cells are text, already rounded (half away from zero, per indicator)
 * with suppression symbols in place, so every writer shows the same
 * figures. The table owns its strings.
 */
#ifndef JSNA_TABLE_H
#define JSNA_TABLE_H

#include <stddef.h>

#include "jsna/buf.h"
#include "jsna/results.h"

enum {
	COL_ID, COL_INDICATOR, COL_PERIOD, COL_COUNT, COL_VALUE, COL_UNIT,
	COL_LOWER, COL_UPPER, COL_ENGLAND, COL_REGION, COL_NEIGHBOURS,
	COL_COMPARED, COL_TREND, COL_CHANGE, COL_RANK, COL_QUARTILE,
	COL_SOURCE, TABLE_NCOLS
};

struct table {
	const char *const *header;	/* [TABLE_NCOLS], static */
	size_t nrows;
	char *(*cell)[TABLE_NCOLS];	/* [nrows][TABLE_NCOLS], owned */
	char *caption;
};

void table_summary(const struct results *r, struct table *t);
void table_release(struct table *t);

void table_write_csv(const struct table *t, struct buf *out);
void table_write_md(const struct table *t, struct buf *out);
/* An HTML <table> with a <caption> and scoped header cells. compact
 * leaves out the id column and every column empty in all rows (for the
 * report's page width). */
void table_write_html(const struct table *t, int compact, struct buf *out);

#endif
