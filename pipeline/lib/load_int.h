/* load_int.h - what load.c gives the layout readers (load_*.c), private
 * to libjsna.
 *
 * A layout reads one file's header, then its rows, and turns each row
 * into areas and observations through load_area() and load_put(); a row
 * that does not fit is reported with load_bad() (FILE:LINE:COLUMN) and
 * the file is then rejected whole by load.c. A layout keeps its own state
 * in l->state (allocated in header(), freed in release()).
 */
#ifndef JSNA_LOAD_INT_H
#define JSNA_LOAD_INT_H

#include "jsna/buf.h"
#include "jsna/csvin.h"
#include "jsna/load.h"
#include "jsna/source.h"
#include "jsna/store.h"
#include "jsna/strmap.h"
#include "jsna/util.h"

struct load {
	struct store *st;
	const struct source_def *def;
	const char *path;		/* on disk */
	const char *name;		/* as recorded and reported */
	long long run, file;
	struct load_result *res;
	struct strmap areas;		/* codes recorded from this file */
	struct buf filters;		/* scratch for filter strings */
	int system_error;
	void *state;			/* the layout's own */
};

struct load_layout {
	const char *name;		/* the 'layout' of a definition */
	const char *const *options;	/* its own keys, NULL-terminated */
	/* Reads the header; returns 0, or -1 when the file cannot be read in
	 * this layout (reported with load_bad). */
	int (*header)(struct load *l, const struct csvin_record *h);
	/* Reads a data row; returns 0 (read, or bad and reported with
	 * load_bad: the reading goes on), 1 (a row the layout leaves out on
	 * purpose), or -1 to stop (a system error). */
	int (*row)(struct load *l, const struct csvin_record *r);
	void (*release)(struct load *l);
	/* Optional: writes what the rows left pending, once every row of a
	 * file without bad rows is read; 0, or -1 for a system error. */
	int (*finish)(struct load *l);
};

extern const struct load_layout load_ees;
extern const struct load_layout load_mye2;
extern const struct load_layout load_snpp;
extern const struct load_layout load_fingertips;
extern const struct load_layout load_lait;
extern const struct load_layout load_lookup;
extern const struct load_layout load_table;
extern const struct load_layout load_sape;

/* Reports a row that does not fit: counted always, shown up to
 * LOAD_MAX_ERRORS. */
void load_bad(struct load *l, unsigned long line, unsigned long col,
	      const char *fmt, ...) JSNA_PRINTF(4, 5);

/* Records an area once per file. Returns 0 or -1 (system error). */
int load_area(struct load *l, const struct area *a);

/* Writes an observation (file and dataset are filled in); nothing once the
 * file has a bad row. Returns 0 or -1 (system error). */
int load_put(struct load *l, struct observation *o);

/* The text of field i without leading blanks; "" when the row is short
 * or the cell is blank. Borrowed until the next row. */
const char *load_field(const struct csvin_record *r, int i);

/* Finds a header column by name. A name given twice is an error (the
 * layout could not tell which to read); a required one missing is an
 * error. Returns the index, or -1. */
int load_column(struct load *l, const struct csvin_record *h,
		const char *name, int required);

/* Reads a value cell of column col (named what in messages): a number
 * (strict; "1,234" only when the definition says thousands = yes), a
 * published symbol (kept in sym) or empty (NaN, sym ""). Returns 0, or
 * -1 after load_bad. */
int load_value(struct load *l, const struct csvin_record *r, int col,
	       const char *what, double *v, char sym[8]);

/* Reads a population cell of column col (named what in messages), as the
 * ONS layouts (mye2, snpp) write them: a number not below 0, possibly
 * with decimals or thousands separators ("1,234,567.5"), a published
 * symbol (kept in sym) or empty (NaN, sym ""). Returns 0, or -1 after
 * load_bad. */
int load_population(struct load *l, const struct csvin_record *r, int col,
		    const char *what, double *v, char sym[8]);

/* The level of an ONS area, NULL for one the warehouse does not take (the
 * row is skipped). With geography (the MYE2 tables' column), by its name
 * and the code's nation (its first letter): "Country" is "England" for
 * E92 and "Country" otherwise. With geography NULL, by the code's first
 * three characters alone: E92 "England"; K02, K03, K04, W92, S92, N92
 * "Country"; E12 "Region"; E06, E08, E09, E10 "LA"; E07 "LAD"; E11
 * "Metropolitan County"; W06 "LA (Wales)"; S12 "LA (Scotland)"; N09
 * "LA (Northern Ireland)". Borrowed, static. */
const char *load_level(const char *geography, const char *code);

/* A definition that gives both forms of an option (year and
 * year_from_name) is unclear: reported, -1. */
int load_one_of(struct load *l, const struct csvin_record *h, const char *a,
		const char *b);

/* The year of a file whose rows do not say it: the definition's 'year'
 * (four digits) or the year its 'year_from_name' finds in the file's name
 * (literal text, matched ignoring case, around one placeholder, {yyyy} or
 * {yy} for 20yy; the first place it fits, its digits not running on into
 * another digit). Returns 0, or -1 after load_bad. */
int load_year(struct load *l, const struct csvin_record *h, int *year);

/* A layout option of the definition, or NULL. */
const char *load_option(const struct load *l, const char *key);

/* Appends "col=value" to l->filters, separated by 0x1f. */
void load_filter(struct load *l, const char *col, const char *value);

#endif
