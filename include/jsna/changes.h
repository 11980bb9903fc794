/* changes.h - what changed between two refreshes, in words: the page
 * outputs/changes.md and the answer of `jsna changes`.
 *
 *	struct buf md = BUF_INIT;
 *	if (changes_write(st, &cfg, now, then, &md) < 0) ... reported ...
 *
 * now and then are refresh runs (then 0: no earlier refresh). The page
 * lists the inputs that arrived, changed, went or were rejected; changed
 * definitions, configuration, neighbour list and programs; new periods;
 * values that moved; comparisons with England that flipped; gaps that
 * widened or narrowed. Values are the report area's headline values
 * (breakdowns are counted, not listed), as readers see them: a value
 * moved when its rounded figure did. Appends to the caller's buf.
 */
#ifndef JSNA_CHANGES_H
#define JSNA_CHANGES_H

#include "jsna/buf.h"
#include "jsna/config.h"
#include "jsna/store.h"

/* Most lines listed under one heading; the rest are counted. */
#define CHANGES_MAX_LINES 40

int changes_write(struct store *st, const struct config *cfg, long long now,
		  long long then, struct buf *md);

#endif
