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

enum ind_type { IND_COUNT, IND_PROPORTION, IND_RATE };
enum ind_ci { CI_NONE, CI_WILSON, CI_BYAR };

#define IND_MAX_WHERE 8

struct ind_where {
	char *column;
	char *value;
};

/* A selection of one measure from one dataset. */
struct ind_selection {
	char *dataset;
	char *measure;
	struct ind_where where[IND_MAX_WHERE];
	size_t nwhere;
	int period_offset;	/* years; the denominator's period shift */
	char *label;		/* "children in care", "children aged under 18" */
	unsigned long line;	/* of the section header's first key */
};

struct indicator_def {
	char *path;
	char *sha256;		/* of the file, to see a definition change */
	char *id;
	char *title;
	char *domain;
	char *source;
	char *sex;		/* Fingertips "Sex": Persons by default */
	char *age;		/* Fingertips "Age", e.g. "<18 yrs" */
	enum ind_type type;
	double multiplier;
	enum stats_polarity polarity;
	enum ind_ci ci;
	int decimals;
	struct ind_selection numerator;
	struct ind_selection denominator;
	int has_denominator;
};

struct indicator_set {
	struct indicator_def *defs;
	size_t n;
};

/* Reads and checks one definition. Returns 0, or -1 after reporting every
 * problem as FILE:LINE (def is then released). */
int indicator_load(const char *path, struct indicator_def *def);
void indicator_release(struct indicator_def *def);

/* Reads every DIR/NAME.ini but sections.ini, in name order. Returns 0, or -1
 * when any file was rejected (reported); the set holds the good ones. */
int indicator_load_dir(const char *dir, struct indicator_set *set);
void indicator_set_release(struct indicator_set *set);

/* Names used in files, the warehouse and messages. Static strings. */
const char *indicator_type_name(enum ind_type t);
const char *indicator_ci_name(enum ind_ci c);
const char *indicator_polarity_name(enum stats_polarity p);

/* "per 10,000 children aged under 18", "%", "" into out (size n). */
void indicator_unit(const struct indicator_def *d, char *out, size_t n);

#endif
