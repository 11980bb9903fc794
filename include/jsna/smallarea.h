/* smallarea.h - small areas (LSOAs) added up into the areas a report is
 * about.
 *
 *	struct smallarea *sa;
 *	smallarea_load(st, &areas, "E92000001", &sa);
 *	smallarea_each_observation(sa, st, "ons_sape", "population",
 *				   "sex=Female", NULL, 1, on_obs, ctx);
 *	smallarea_free(sa);
 *
 * A small area (an area of level LSOA, recorded by the sape layout with
 * its district as parent) belongs to an upper-tier authority (its
 * district, or the district's county by the LTLA-UTLA lookup), that
 * authority's region, England, and a locality where the council's lookup
 * (kind 'locality') names one; its national deprivation decile comes
 * from the IMD lookup (kind 'imd', other = decile, rank = rank). Reading a
 * dataset through smallarea_each_observation gives each observation of a
 * small area as part of sums for those areas: an observation per area,
 * period and filters, the sum of its small areas; with split (a mask of
 * SMALLAREA_SPLIT_*), one per decile as well, with the filter
 * imd_decile=N or imd_local_decile=N added (1 the most deprived; a decile
 * none of the area's small areas is in sums to 0). A sum is given only for an area whose every small area the
 * file has a value for (a council's own extract of its small areas gives
 * no sum for England), and not where the dataset has the area's own
 * value. Other observations pass through unchanged. The module owns
 * what it allocates; observations are valid for the call.
 */
#ifndef JSNA_SMALLAREA_H
#define JSNA_SMALLAREA_H

#include <stddef.h>

#include "jsna/store.h"
#include "jsna/strmap.h"

/* The filter columns a split adds: the national decile, and the decile
 * among the small areas of the authority (its own ranked by IMD rank and
 * cut into ten groups as even as can be), given for authorities and
 * their localities only. */
#define SMALLAREA_DECILE "imd_decile"
#define SMALLAREA_LOCAL_DECILE "imd_local_decile"
enum { SMALLAREA_SPLIT_NATIONAL = 1, SMALLAREA_SPLIT_LOCAL = 2 };

struct smallarea;

/* Builds the geography from areas (code -> struct area_rec, compute.h)
 * and the warehouse's lookups. england is the code sums for England go
 * to. Small areas whose authority cannot be told (a district with no
 * county recorded) are counted and said once as a warning. Returns 0 or
 * -1 (reported). */
int smallarea_load(struct store *st, const struct strmap *areas,
		   const char *england, struct smallarea **out);
void smallarea_free(struct smallarea *sa);

/* How many small areas the geography holds (0: nothing to add up). */
size_t smallarea_count(const struct smallarea *sa);

/* As store_each_observation_where, with small areas added up (above). */
int smallarea_each_observation(struct smallarea *sa, struct store *st,
			       const char *dataset, const char *measure,
			       store_series_fn *keep, void *keep_ctx,
			       int split, store_obs_fn *fn, void *ctx);

#endif
