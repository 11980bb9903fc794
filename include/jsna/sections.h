/* sections.h - the report's sections, indicators/sections.ini.
 *
 *	struct sections secs;
 *	if (sections_load("indicators/sections.ini", &set, &secs) < 0) ...
 *	for (i = 0; i < secs.n; i++) ... secs.sec[i].title, .ids[j] ...
 *	sections_release(&secs);
 *
 * Which indicators each section of the population-needs section holds,
 * in order: configuration, not code (indicators/README.md). The struct
 * owns its strings.
 */
#ifndef JSNA_SECTIONS_H
#define JSNA_SECTIONS_H

#include <stddef.h>

#include "jsna/indicator.h"

struct section {
	char *id;
	char *title;
	char *intro;		/* optional sentence under the heading, or "" */
	char **ids;		/* indicator ids, in order */
	size_t nids;
	unsigned long line;
};

struct sections {
	struct section *sec;
	size_t n;
};

/* Reads path; every id must name a definition of set (when set is not
 * NULL). Returns 0, or -1 after reporting each problem as FILE:LINE (the
 * struct then holds the good sections). */
int sections_load(const char *path, const struct indicator_set *set,
		  struct sections *out);
void sections_release(struct sections *s);

#endif
