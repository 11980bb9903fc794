/* grouped.h - the methods of jsna-stats that compute over groups of rows
 * (an area's age bands, an area's time series, an area's deprivation
 * quantiles): one output row per group. The grouping column is `area`
 * when present; without it every row is one group. Groups are written in
 * the order they first appear.
 */
#ifndef JSNA_STATS_GROUPED_H
#define JSNA_STATS_GROUPED_H

#include <stddef.h>

#include "jsna/buf.h"
#include "jsna/stats.h"
#include "jsna/stats_sii.h"

/* The options of a grouped method. */
struct grouped_opts {
	double confidence;	/* in 0.9..1 (sii: sii.confidence) */
	double multiplier;	/* > 0; for sii any but 0 */
	enum stats_polarity polarity;	/* trend */
	struct stats_sii_opts sii;	/* sii: all but the multiplier */
};

/* The index of a grouped method called name, or -1. */
int grouped_find(const char *name);
/* 1 when method m is sii (which takes the --value-type, --transform,
 * --repetitions and --seed options and two confidence levels). */
int grouped_is_sii(int method);
/* Appends ", dsr, isr, ..." to b. */
void grouped_names(struct buf *b);
/* The method's default multiplier. */
double grouped_multiplier(int method);

/* Reads the CSV in data and appends the result CSV to out; every row
 * that cannot be used is reported with its line and counted in *errors
 * (its group's results are then empty). Returns 0, or -1 when nothing
 * could be read (the header lacks a column: reported). */
int grouped_run(int method, const struct grouped_opts *opts,
		const char *data, size_t len, struct buf *out,
		unsigned long *errors);

#endif
