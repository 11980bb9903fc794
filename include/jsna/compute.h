/* compute.h - an indicator's values for every area, period and breakdown.
 *
 *	struct compute_cache cache = COMPUTE_CACHE_INIT;
 *	struct compute_env env = { st, &cfg, &nb, &areas, &set, &cache, run };
 *	rc = compute_indicator(&env, &def, &stats);    groups before gaps
 *	compute_cache_release(&cache);
 *
 * Reads the definition's selections from the warehouse (indicators/
 * README.md: parts added, choices summed, fallbacks where the counts give
 * nothing, breakdowns by category), computes each value and its 95% and
 * 99.8% intervals (stats.h), withholds small counts (and a second group
 * where one withheld could be worked back from the total), compares each
 * value with England, the region and the target, adds the neighbour
 * average, the ranks (among authorities, in the region, among the
 * neighbours), the quartile band, the changes since the previous period
 * and the base year and the recent trend; writes the rows with
 * store_put_value under env->run. The values are kept in env->cache for
 * the gaps computed later. The caller owns the transaction. Returns
 * COMPUTE_OK, COMPUTE_DATA (the definition cannot be computed on what is
 * loaded: reported with the definition's FILE:LINE; nothing was written)
 * or COMPUTE_SYSTEM (reported).
 */
#ifndef JSNA_COMPUTE_H
#define JSNA_COMPUTE_H

#include "jsna/config.h"
#include "jsna/indicator.h"
#include "jsna/neighbours.h"
#include "jsna/source.h"
#include "jsna/store.h"
#include "jsna/strmap.h"

enum compute_status { COMPUTE_OK, COMPUTE_DATA, COMPUTE_SYSTEM };

struct smallarea;	/* smallarea.h */

/* Areas as the warehouse knows them, by code (values: struct area_rec). */
struct area_rec {
	char *code, *name, *level, *parent;
	char *la_number;	/* DfE's three digits, or NULL */
};
int compute_load_areas(struct store *st, struct strmap *areas);
void compute_free_area(void *a);

/* Values computed so far, for gaps: "ID\x1fCATEGORY\x1fAREA\x1fSORTABLE". */
struct compute_cache {
	struct strmap values;
};
#define COMPUTE_CACHE_INIT { STRMAP_INIT }
void compute_cache_release(struct compute_cache *c);

struct compute_env {
	struct store *st;
	const struct config *cfg;
	const struct neighbours *nb;	/* may hold no lists */
	const struct strmap *areas;
	const struct indicator_set *set;
	struct compute_cache *cache;
	const struct source_registry *sources;	/* to tell a misspelt
						 * dataset; may be NULL */
	long long run;
	struct smallarea *sa;	/* small areas to add up; may be NULL */
};

struct compute_stats {
	long long values;	/* rows written */
	long long suppressed;	/* withheld: small counts and symbols 'c' */
	long long secondary;	/* of which withheld to protect another */
	long long fallback;	/* taken from a [fallback] */
	long long missing_denominator;
	long long unloaded;	/* selections whose data is not loaded */
};

enum compute_status compute_indicator(const struct compute_env *env,
				      const struct indicator_def *d,
				      struct compute_stats *out);

/* The order to compute set in: every gap after its groups. Fills order
 * (set->n indices). */
void compute_order(const struct indicator_set *set, size_t *order);

#endif
