/* compute.h - an indicator's values for every area and period.
 *
 *	struct compute_env env = { st, &cfg, &nb, &areas, run };
 *	rc = compute_indicator(&env, &def, &stats);
 *
 * Reads the definition's selections from the warehouse, computes the value
 * and its 95% and 99.8% intervals (stats.h), withholds small counts,
 * compares each area with England and with its parent (the region), and
 * adds the neighbour average, the rank and the quartile band among
 * authorities; writes the rows with store_put_value under env->run. The
 * caller owns the transaction. Returns COMPUTE_OK, COMPUTE_DATA (the
 * definition cannot be computed on what is loaded: reported with the
 * definition's FILE:LINE) or COMPUTE_SYSTEM (reported).
 */
#ifndef JSNA_COMPUTE_H
#define JSNA_COMPUTE_H

#include "jsna/config.h"
#include "jsna/indicator.h"
#include "jsna/neighbours.h"
#include "jsna/store.h"
#include "jsna/strmap.h"

enum compute_status { COMPUTE_OK, COMPUTE_DATA, COMPUTE_SYSTEM };

/* Areas as the warehouse knows them, by code (values: struct area_rec). */
struct area_rec {
	char *code, *name, *level, *parent;
};
int compute_load_areas(struct store *st, struct strmap *areas);
void compute_free_area(void *a);

struct compute_env {
	struct store *st;
	const struct config *cfg;
	const struct neighbours *nb;	/* may hold no lists */
	const struct strmap *areas;
	long long run;
};

struct compute_stats {
	long long values;	/* rows written */
	long long suppressed;
	long long missing_denominator;
};

enum compute_status compute_indicator(const struct compute_env *env,
				      const struct indicator_def *d,
				      struct compute_stats *out);

#endif
