/* results.h - the latest computed values, as the chart, table and report
 * stages read them: one struct per indicator with the area's series and
 * its benchmarks' (England, region) over all periods.
 *
 *	struct results r;
 *	if (results_load(st, &cfg, &r) < 0) return JSNA_EXIT_SYSTEM;
 *	for (i = 0; i < r.n; i++) draw(&r.ind[i]);
 *	results_release(&r);
 *
 * The struct owns everything in it. Periods of every series are aligned:
 * series[k].pt[j] is the value for periods[j] (NaN when absent).
 */
#ifndef JSNA_RESULTS_H
#define JSNA_RESULTS_H

#include <stddef.h>

#include "jsna/config.h"
#include "jsna/period.h"
#include "jsna/stats.h"
#include "jsna/store.h"
#include "jsna/strmap.h"

struct result_point {
	double value, lower95, upper95, lower998, upper998;
	double count, denominator;
	double neighbour_avg;
	int rank, rank_of;
	char quartile[2];
	char note[32];
	char cmp_england[32];	/* "Higher, not tested" */
	char cmp_parent[32];
	char trend[48];		/* Fingertips' recent trend, latest row only */
	double change_prev;	/* since the period before, NaN = none */
	double change_base;	/* since the base year, NaN = none */
	int present;		/* 0: no row for this period */
};

enum { SERIES_AREA, SERIES_ENGLAND, SERIES_REGION, SERIES_COUNT };

struct result_series {
	char *code;		/* NULL when unknown (no region) */
	char *name;
	struct result_point *pt;	/* [nperiods] */
};

struct result_indicator {
	char *id, *title, *domain, *type, *polarity, *ci, *unit;
	char *count_label, *source;
	char *group_a, *group_b;	/* a gap's groups: "ID/CATEGORY" or
					 * "ID"; "" otherwise */
	char *continues;	/* a projection's estimates: an id, or "" */
	char *last_update;	/* when its publication was last updated, as
				 * the definition writes it, or "" */
	char *next_update;	/* when it is next due, or "" */
	char *denominator_label;	/* "children aged under 18", or "" */
	char *datasets;		/* the dataset ids read, comma-separated */
	int base_year;		/* a year to measure change from, or 0 */
	double target;		/* NaN: none */
	double multiplier;
	int decimals;
	size_t nperiods;
	struct period *periods;	/* ascending */
	struct result_series series[SERIES_COUNT];
	int latest;		/* index of the area's latest period with a
				 * row, or -1 */
};

struct results {
	long long run;		/* the calc run read */
	char *area_code, *area_name;
	struct result_indicator *ind;
	size_t n;
	struct strmap names;	/* every area: code -> name */
};

/* Reads the latest finished calc run for cfg's area. A warehouse with no
 * calc run gives n = 0 and run = 0. Returns 0 or -1 (reported). */
int results_load(struct store *st, const struct config *cfg,
		 struct results *r);
void results_release(struct results *r);

/* The name of area code (the code itself when unknown). Borrowed. */
const char *results_area_name(const struct results *r, const char *code);

/* The values of indicator_id in run r->run for the period whose sortable
 * key is period, one per area of codes[n], into out[n] (an empty point,
 * present 0 and NaN values, where an area has no row). For the
 * compare-areas chart: any area's values, not only the series loaded.
 * Returns 0 or -1 (reported). */
int results_load_compare(struct store *st, const struct results *r,
			 const char *indicator_id, long period,
			 const char *const *codes, size_t n,
			 struct result_point *out);

/* A gap's group ("ID/CATEGORY": the breakdown CATEGORY of indicator ID,
 * or "ID" for its own values) in run r->run: for each area of codes[n] and
 * each of periods[np], the value into out[i * np + j], NaN when there is
 * none. *label: the breakdown's Category ("Eligible for free school
 * meals"), or the indicator's title; allocated, the caller frees it.
 * Returns 0 or -1 (reported; also when the group is unknown). */
int results_load_group(struct store *st, const struct results *r,
		       const char *group, const struct period *periods,
		       size_t np, const char *const *codes, size_t n,
		       double *out, char **label);

/* ---- below the area: what only jsna-chart reads ---- */

/* An indicator's breakdown by deprivation decile for the area: the ten
 * categories decile1 (the most deprived) to decile10 that 'deciles' or
 * 'local_deciles' gives a definition (indicator.c). */
#define RESULT_DECILES 10
struct result_deciles {
	size_t ind;		/* its indicator: r->ind[ind] */
	char *category_type;	/* "LSOA deprivation deciles within the
				 * authority (IMD2025)" */
	char *category[RESULT_DECILES];	/* "Most deprived decile
					 * (IMD2025)", ... */
	struct result_point *pt;	/* [nperiods * RESULT_DECILES]:
					 * decile k + 1 in periods[j] at
					 * pt[j * 10 + k]; present 0 where
					 * there is no row */
};

/* A locality of the area: an area of level Locality whose parent it is. */
struct result_locality {
	char *code, *name;
};

struct result_below {
	struct result_deciles *deciles;	/* in the order of r->ind */
	size_t ndeciles;
	struct result_locality *loc;	/* by code */
	size_t nloc;
	/* [n]: NULL where no locality has a row of r->ind[i]; else
	 * [nperiods * nloc]: locality m in periods[j] at [j * nloc + m]. */
	struct result_point **loc_pt;
	size_t n;		/* r->n */
};
#define RESULT_BELOW_INIT { NULL, 0, NULL, 0, NULL, 0 }

/* Reads what lies below the area in run r->run, which only the charts
 * draw (results_load does not read it, so the other stages are not slowed
 * by it): each indicator's deprivation deciles for the area, and the
 * indicators' own values (no breakdowns) in the area's localities. Rows
 * of a period the indicator's series (r) lack are left out. out is
 * released with results_below_release(), also after a failure.
 * Returns 0 or -1 (reported). */
int results_load_below(struct store *st, const struct results *r,
		       struct result_below *out);
void results_below_release(struct result_below *b);

/* The deciles of r->ind[i], or NULL when it has none. Borrowed. */
const struct result_deciles *results_deciles_of(const struct result_below *b,
						size_t i);

/* The comparison label stored ("Higher", ...) as an enum stats_cmp. */
enum stats_cmp results_cmp(const char *label);

/* Formats v with dp decimals, rounded half away from zero, with
 * thousands separators ("1,234.5"); "" for NaN. Returns out. */
char *results_format(double v, int dp, char *out, size_t n);

#endif
