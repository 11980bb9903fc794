/* indicator.h - indicator definition files, indicators/ID.ini.
 *
 *	struct indicator_set set;
 *	if (indicator_load_dir("indicators", &set) < 0) ... each error shown ...
 *	for (i = 0; i < set.n; i++) use(&set.defs[i]);
 *	indicator_set_release(&set);
 *
 * An analyst adds an indicator by adding a file: nothing about one is
 * written in C. Every key keeps its line, so every message points into
 * the analyst's file as FILE:LINE. The set owns all its strings.
 * The format is documented in indicators/README.md.
 */
#ifndef JSNA_INDICATOR_H
#define JSNA_INDICATOR_H

#include <stddef.h>

#include "jsna/stats.h"

enum ind_type {
	IND_COUNT, IND_PROPORTION, IND_RATE, IND_MEAN, IND_GAP, IND_SHARE,
	IND_RATIO, IND_PREVALENCE, IND_PROJECTION, IND_AVERAGE, IND_SII
};
enum ind_ci { CI_NONE, CI_WILSON, CI_BYAR, CI_EXACT, CI_T, CI_NEWCOMBE,
	      CI_SIMULATION };

/* How a selection reads plain years: as written, or as the academic or
 * financial year ending in that year (LAIT's 2022 is 2021/22). */
enum ind_period_as { PERIOD_AS_YEAR, PERIOD_AS_ACADEMIC, PERIOD_AS_FINANCIAL };

#define IND_MAX_WHERE 8
#define IND_MAX_CHOICES 128

/* "column = a | b | 0..17": the row's value must be one of choices; the
 * rows of different choices are added. */
struct ind_where {
	char *column;
	char *value;		/* as written */
	char **choices;
	size_t nchoices;
};

/* A selection of one measure from one dataset. */
struct ind_selection {
	char *name;		/* section name: "numerator", "numerator.ehc" */
	char *dataset;
	char *measure;
	struct ind_where where[IND_MAX_WHERE];
	size_t nwhere;
	int period_offset;	/* years */
	enum ind_period_as period_as;
	char *label;		/* "children in care", "children aged under 18" */
	unsigned long line;	/* of the section's first key */
};

/* A numerator, denominator, value or spread: parts added together. */
struct ind_term {
	struct ind_selection *parts;
	size_t nparts;
};

/* A breakdown: one group, as [category NAME]. */
struct ind_category {
	char *name;
	char *type;		/* Category Type */
	char *label;		/* Category */
	struct ind_where where[IND_MAX_WHERE];
	size_t nwhere;
	char *fallback;		/* measure replacing [fallback]'s; NULL */
	int no_fallback;	/* fallback = none */
	int secondary;		/* the groups of its type add up to the total */
	unsigned long line;
};

/* A gap's group: another indicator's value, or one of its categories. */
struct ind_group {
	char *indicator;
	char *category;		/* NULL: the indicator's own value */
	unsigned long line;
};

struct indicator_def {
	char *path;
	char *sha256;		/* of the file, to see a definition change */
	char *id;
	char *title;
	char *domain;
	char *source;
	char *unit;		/* NULL: derived from the type */
	char *sex;		/* Fingertips "Sex": Persons by default */
	char *age;		/* Fingertips "Age", e.g. "<18 yrs" */
	char *last_update, *next_update;	/* "" when not given */
	enum ind_type type;
	double multiplier;
	enum stats_polarity polarity;
	enum ind_ci ci;
	int decimals;
	double target;		/* NaN: none */
	int base_year;		/* 0: none */
	int months[12];		/* averages: the months, in order */
	size_t nmonths;
	double rate, rate_per;	/* prevalences */
	struct ind_term numerator, denominator, value, sd;
	struct ind_selection *fallbacks;
	size_t nfallbacks;
	struct ind_category *categories;
	size_t ncategories;
	struct ind_group group_a, group_b;
	struct ind_group deciles;	/* an SII's indicator by decile */
	unsigned long repetitions;	/* an SII's simulation */
	char *continues;	/* a projection: the id of the estimates it
				 * carries on, or NULL */
	unsigned long line_continues;
	unsigned long line_type;
};

struct indicator_set {
	struct indicator_def *defs;
	size_t n;
};

/* Reads and checks one definition. Returns 0, or -1 after reporting every
 * problem as FILE:LINE (def is then released). */
int indicator_load(const char *path, struct indicator_def *def);
void indicator_release(struct indicator_def *def);

/* Reads every DIR/NAME.ini but sections.ini, in name order, and checks
 * what lies between files: gaps naming indicators and categories that
 * exist. Returns 0, or -1 when any file was rejected (reported); the set
 * holds the good ones. */
int indicator_load_dir(const char *dir, struct indicator_set *set);
void indicator_set_release(struct indicator_set *set);

/* Is s an indicator id: lowercase letters, digits and '_'? */
int indicator_valid_id(const char *s);

/* The definition of id in set, or NULL. */
const struct indicator_def *indicator_find(const struct indicator_set *set,
					   const char *id);
/* The category called name of d, or NULL. */
const struct ind_category *indicator_category(const struct indicator_def *d,
					      const char *name);

/* Checks the gaps of set against the rest: each group names a definition
 * of set that is not itself a gap, and one of its categories. Reports as
 * FILE:LINE and drops the bad ones. Returns 0 or -1. */
int indicator_check_links(struct indicator_set *set);

/* Names used in files, the warehouse and messages. Static strings. */
const char *indicator_type_name(enum ind_type t);
const char *indicator_ci_name(enum ind_ci c);
const char *indicator_polarity_name(enum stats_polarity p);

/* Is the value a percentage (proportions, shares, ratios and averages
 * with multiplier 100)? */
int indicator_is_percentage(const struct indicator_def *d);

/* "per 10,000 children aged under 18", "%", "percentage points",
 * "score points", "" into out (size n). A gap's unit needs the set. */
void indicator_unit(const struct indicator_def *d,
		    const struct indicator_set *set, char *out, size_t n);

/* The words of what is counted ("children in care"), or "". */
const char *indicator_count_label(const struct indicator_def *d);

#endif
