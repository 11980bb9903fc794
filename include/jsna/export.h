/* export.h - the long export, outputs/indicators.csv, in OHID Fingertips'
 * export layout followed by our columns (DESIGN.md section 5).
 *
 *	if (export_long(st, &cfg, run, f) < 0) ... reported ...
 *
 * Values are written at full precision (the shortest text that reads back
 * as the same double); rounding belongs to tables, charts and the report.
 */
#ifndef JSNA_EXPORT_H
#define JSNA_EXPORT_H

#include <stdio.h>

#include "jsna/buf.h"
#include "jsna/config.h"
#include "jsna/store.h"

/* The header line, without its newline. */
extern const char export_header[];

/* Writes every value of calc run `run`. Returns 0 or -1 (reported). */
int export_long(struct store *st, const struct config *cfg, long long run,
		FILE *f);

/* Appends the shortest decimal text of v that reads back as v; nothing
 * for NaN. */
void export_number(struct buf *b, double v);

#endif
