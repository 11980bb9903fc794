/* neighbours.h - statistical-neighbour lists in DfE's layout.
 *
 *	struct neighbours nb = NEIGHBOURS_INIT;
 *	if (neighbours_load(cfg.neighbours, st, &nb) < 0) ... reported ...
 *	list = neighbours_of(&nb, "E06000050", &n);    GSS codes, nearest first
 *	neighbours_release(&nb);
 *
 * The file is DfE's (`LA num, LA Name, ..., SN1, SNP, SN2, SNP, ...`): LA
 * numbers are turned into GSS codes through the areas in the warehouse
 * (the old_la_code of the EES files). The struct owns the lists.
 */
#ifndef JSNA_NEIGHBOURS_H
#define JSNA_NEIGHBOURS_H

#include <stddef.h>

#include "jsna/store.h"
#include "jsna/strmap.h"

#define NEIGHBOURS_MAX 10

struct neighbour_list {
	size_t n;
	char *code[NEIGHBOURS_MAX];
};

struct neighbours {
	struct strmap by_code;	/* GSS code -> struct neighbour_list */
};

#define NEIGHBOURS_INIT { STRMAP_INIT }

/* Returns 0, or -1 after reporting FILE:LINE:COLUMN problems. */
int neighbours_load(const char *path, struct store *st,
		    struct neighbours *nb);
/* The neighbours of code (NULL, *n = 0 when it has none). Borrowed. */
char *const *neighbours_of(const struct neighbours *nb, const char *code,
			   size_t *n);
void neighbours_release(struct neighbours *nb);

#endif
