/* store.h - the SQLite warehouse: every table, every statement.
 *
 *	struct store *st;
 *	if (store_open(cfg.warehouse, &st) < 0) return JSNA_EXIT_SYSTEM;
 *	store_begin(st); ... store_put_observation(st, &o) ...;
 *	store_commit(st);
 *	store_close(st);
 *
 * The schema lives in schema.sql (embedded at build time) with forward
 * migrations by PRAGMA user_version; the database runs in WAL mode and
 * every statement is prepared once and bound. Every function returns 0 on
 * success or -1 after reporting SQLite's message with the statement's
 * purpose (a system error: exit 3). Strings passed to callbacks are
 * borrowed for the call; the store owns nothing the caller gave it.
 */
#ifndef JSNA_STORE_H
#define JSNA_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "jsna/period.h"

struct store;

/* Opens (creating the file and its folder if needed) and migrates. */
int store_open(const char *path, struct store **out);
void store_close(struct store *st);
/* The schema version the program writes (the last "-- version N"). */
int store_schema_version(void);

int store_begin(struct store *st);
int store_commit(struct store *st);
int store_rollback(struct store *st);
/* Savepoints inside a transaction: one per input file. */
int store_savepoint(struct store *st);
int store_savepoint_release(struct store *st);
int store_savepoint_rollback(struct store *st);

/* Runs: each command that writes records itself. */
int store_run_begin(struct store *st, const char *command, long long parent,
		    long long *run);
int store_run_end(struct store *st, long long run, int status);

/* Areas and datasets. */
struct area {
	const char *code;
	const char *name;
	const char *level;	/* England, Region, LA */
	const char *parent;	/* may be NULL */
	const char *la_number;	/* may be NULL */
};
/* Records an area; an area already known keeps its name, level and
 * parent (the first file read names it: files are read in path order, so
 * the result does not depend on which publication came last). */
int store_put_area(struct store *st, const struct area *a);
typedef int store_area_fn(const struct area *a, void *ctx);
int store_each_area(struct store *st, store_area_fn *fn, void *ctx);

int store_put_dataset(struct store *st, const char *id, const char *title,
		      const char *publisher, const char *source);

/* Source files: the hashes of the last good load of a path (the file's
 * and its source definition's), if any. */
int store_file_hash(struct store *st, const char *path, char sha[65],
		    char source_sha[65], int *found);
/* Replaces the load of path: drops its observations, records the file;
 * *file is the id to give its observations. */
int store_file_replace(struct store *st, const char *path,
		       const char *dataset, const char *sha256,
		       long long size, long long run, long long *file);
/* Completes the record of a good load: its hash, its definition's hash,
 * size and row count. */
int store_file_finish(struct store *st, long long file, const char *sha256,
		      const char *source_sha256, long long size,
		      long long rows);
/* Drops the load of every file not named in keep (a full-folder ingest
 * found them gone). *dropped counts them. */
int store_file_prune(struct store *st, const char *const *keep, size_t n,
		     size_t *dropped);

/* What became of a file at an ingest (status: loaded, unchanged,
 * rejected, unknown, empty). */
int store_put_file_status(struct store *st, long long run, const char *path,
			  const char *sha256, const char *status,
			  const char *dataset, long long rows,
			  unsigned long errors);

/* The last good load of each input file, by path (for an edition's
 * record of what it was computed from). */
struct source_file_info {
	const char *path;	/* as found under the inputs folder */
	const char *dataset;
	const char *sha256;
	long long size, rows;
	const char *loaded;	/* UTC, ISO 8601 */
	long long id;		/* observation.file */
};
typedef int store_source_file_fn(const struct source_file_info *f,
				 void *ctx);
int store_each_source_file(struct store *st, store_source_file_fn *fn,
			   void *ctx);

/* The newest run of command ("refresh"): any run when good is 0, else
 * only one that finished with status 0 or 1. *run 0 if none; *status -1
 * while running or killed; ended "" if it has not ended. */
int store_latest_run(struct store *st, const char *command, int good,
		     long long *run, int *status, char ended[32]);

struct observation {
	long long file;
	const char *dataset;
	const char *measure;
	const char *area;
	struct period period;
	const char *filters;	/* "col=value" pairs joined by 0x1f */
	double value;		/* NaN when symbol is set */
	const char *symbol;	/* NULL or "c", "x", ... */
	const char *note;	/* NULL or the publisher's note */
	uint32_t area_id;	/* read back: the store's number for area, the
				 * same for the same code; 0 when not known */
	unsigned long block;	/* read back: which block of the reading
				 * (file and filters are the same within
				 * one); 0 when not read back */
};
/* Observations are written in blocks, one series (a file's dataset,
 * measure and filters) each (obsblock.h): a put is held in memory until
 * its series holds a block's worth, its file is finished, a savepoint or
 * the transaction ends, or something reads the observations; a rollback
 * drops what is held. */
int store_put_observation(struct store *st, const struct observation *o);

/* The same for a loader writing many values of a few series (a wide
 * table of small areas): a handle per series and a number per area code
 * save looking each up for every value. Handles last until the file is
 * finished or a savepoint or transaction ends; symbol and note are text
 * numbers too (0: none). */
struct store_series;
int store_series(struct store *st, long long file, const char *dataset,
		 const char *measure, const char *filters,
		 struct store_series **out);
int store_text_id(struct store *st, const char *text, uint32_t *id);
int store_series_put(struct store *st, struct store_series *se,
		     uint32_t area, const struct period *p, double value,
		     uint32_t symbol, uint32_t note);
/* Whole numbers from 0 (counts), with no symbol or note, for n areas of
 * one period: faster. */
int store_series_put_wholes(struct store *st, struct store_series *se,
			    const uint32_t *area, const uint32_t *value,
			    size_t n, const struct period *p);

typedef int store_obs_fn(const struct observation *o, void *ctx);
/* Every observation of dataset.measure, by file (in the order files were
 * loaded) and in each series in the order written; a later file's value
 * for the same area, period and filters is the one to keep. The strings
 * are the store's, valid for the call. */
int store_each_observation(struct store *st, const char *dataset,
			   const char *measure, store_obs_fn *fn, void *ctx);
/* The same, keeping only the rows whose filters hold the pairs with1 and
 * with2 ("sex=Persons"; NULL: any), so that a narrow selection from a wide
 * dataset reads only its rows. */
int store_each_observation_with(struct store *st, const char *dataset,
				const char *measure, const char *with1,
				const char *with2, store_obs_fn *fn,
				void *ctx);
/* The same, keeping the series for which keep (when not NULL) returns
 * nonzero, given their filters: a selection of a few choices from a wide
 * dataset (five ages of 183 series) reads only their blocks. */
typedef int store_series_fn(const char *filters, void *ctx);
int store_each_observation_where(struct store *st, const char *dataset,
				 const char *measure, store_series_fn *keep,
				 void *keep_ctx, store_obs_fn *fn, void *ctx);

/* A row of a reference list (kind "parent", "neighbour", "la_number"):
 * code -> other, with an optional rank (0 = none) and label. */
struct lookup_row {
	long long file;
	const char *dataset;
	const char *kind;
	const char *code;
	const char *other;
	int rank;
	const char *label;
};
int store_put_lookup(struct store *st, const struct lookup_row *r);
typedef int store_lookup_fn(const struct lookup_row *r, void *ctx);
/* Every row of one kind, by code then rank. */
int store_each_lookup(struct store *st, const char *kind,
		      store_lookup_fn *fn, void *ctx);

/* Datasets as loaded: one call per dataset and measure; a reference list
 * comes as measure "lookup:KIND" with years 0. */
struct dataset_info {
	const char *id;
	const char *title;
	const char *publisher;
	const char *measure;
	long long rows;
	long long files;
	int first_year, last_year;
};
typedef int store_dataset_fn(const struct dataset_info *d, void *ctx);
int store_each_dataset(struct store *st, store_dataset_fn *fn, void *ctx);
/* The distinct filter strings of a dataset (for jsna-check --datasets). */
typedef int store_string_fn(const char *s, void *ctx);
int store_each_filter(struct store *st, const char *dataset,
		      store_string_fn *fn, void *ctx);
/* The same for one measure: the filters of each of its series, in
 * order. */
int store_each_series(struct store *st, const char *dataset,
		      const char *measure, store_string_fn *fn, void *ctx);

/* Indicator metadata and values, kept per calc run. */
struct indicator_meta {
	const char *id;
	const char *title;
	const char *domain;
	const char *type;
	double multiplier;
	const char *polarity;
	const char *ci;
	int decimals;
	const char *unit;
	const char *count_label;
	const char *sex;
	const char *age;
	const char *source;
	const char *definition;
	const char *sha256;
	const char *denominator_label;
	double target;		/* NaN: none */
	int base_year;		/* 0: none */
	const char *last_update, *next_update;
	const char *group_a, *group_b;	/* a gap's: "ID" or "ID/CATEGORY" */
	const char *datasets;	/* the dataset ids read, comma-separated */
	const char *continues;	/* a projection's estimates: an id, or "" */
};
int store_put_indicator(struct store *st, long long run,
			const struct indicator_meta *m);
typedef int store_indicator_fn(const struct indicator_meta *m, void *ctx);
/* In id order. */
int store_each_indicator(struct store *st, long long run,
			 store_indicator_fn *fn, void *ctx);

struct value_row {
	const char *indicator;
	const char *area;
	struct period period;
	const char *category_type;
	const char *category;
	double value, lower95, upper95, lower998, upper998;	/* NaN = none */
	double count, denominator;
	const char *note;
	const char *cmp_england;
	const char *cmp_parent;
	const char *trend;
	double neighbour_avg;
	int rank, rank_of;	/* 0 = none */
	const char *quartile;
	const char *cmp_goal;
	double change_prev, change_base;	/* NaN = none */
	int rank_region, rank_region_of;	/* 0 = none */
	int rank_neighbours, rank_neighbours_of;
	const char *new_data;
};
int store_put_value(struct store *st, long long run,
		    const struct value_row *v);
/* 1 when some value of dataset is loaded, 0 when none, -1 (reported). */
int store_dataset_loaded(struct store *st, const char *dataset);

/* A breakdown of an indicator, in the definition's order. */
int store_put_category(struct store *st, long long run, const char *indicator,
		       const char *name, const char *category_type,
		       const char *category, int ord);
typedef int store_category_fn(const char *indicator, const char *name,
			      const char *category_type, const char *category,
			      void *ctx);
int store_each_category(struct store *st, long long run,
			store_category_fn *fn, void *ctx);
typedef int store_value_fn(const struct value_row *v, void *ctx);
/* Values of one run; indicator and area may be NULL for all. Ordered by
 * indicator, area, category, period. */
int store_each_value(struct store *st, long long run, const char *indicator,
		     const char *area, store_value_fn *fn, void *ctx);
/* The latest calc run that finished (status 0 or 1); *run 0 if none. */
int store_latest_calc(struct store *st, long long *run);

/* The run record of a refresh: what it read, what it published. */
struct run_info {
	long long id;
	long long parent;	/* the refresh a stage ran under, or 0 */
	char command[16];
	int status;		/* -1 while running (or killed) */
	char started[32], ended[32];	/* UTC, ISO 8601; ended "" if none */
	char version[32];
	char fingerprint[65];	/* "" when not recorded */
	char outset[128];	/* the set published, "" if none */
	char note[256];
};
int store_run_info(struct store *st, long long id, struct run_info *out,
		   int *found);
/* The newest refresh that published (status 0 or 1) before run `before`
 * (0: the newest of all). */
int store_last_refresh(struct store *st, long long before,
		       struct run_info *out, int *found);
int store_run_record(struct store *st, long long run, const char *fingerprint,
		     const char *outset, const char *note);
/* The output set the newest good run published ("" if none recorded). */
int store_last_outset(struct store *st, char name[128]);
/* The files a refresh read (kind: input, definition, source, config,
 * neighbours, program), by kind then path. */
int store_put_run_file(struct store *st, long long run, const char *kind,
		       const char *path, const char *sha256, long long size);
typedef int store_run_file_fn(const char *kind, const char *path,
			      const char *sha256, long long size, void *ctx);
int store_each_run_file(struct store *st, long long run,
			store_run_file_fn *fn, void *ctx);

/* A file's identity: when all of it is as recorded, its hash is known. */
struct file_identity {
	long long size, mtime_ns, ctime_ns, inode;
};
int store_hash_get(struct store *st, const char *path,
		   const struct file_identity *id, char sha[65], int *found);
int store_hash_put(struct store *st, const char *path,
		   const struct file_identity *id, const char *sha);

/* The calc run whose values a refresh published: the newest good one run
 * under it or under an earlier refresh (a refresh with nothing new
 * publishes the values before it). *calc 0 if none. */
int store_values_run(struct store *st, long long refresh, long long *calc);
/* Keeps the values of the newest `keep` good calc runs and the file
 * records of the newest `keep` good refreshes (and of run `current`);
 * drops the rest, in one transaction. */
int store_prune_history(struct store *st, int keep, long long current);

/* What became of each input at the ingest run under a refresh. */
typedef int store_file_status_fn(const char *path, const char *status,
				 const char *dataset, long long rows,
				 long long errors, void *ctx);
int store_each_file_status(struct store *st, long long refresh,
			   store_file_status_fn *fn, void *ctx);

#endif
