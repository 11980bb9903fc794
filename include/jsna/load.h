/* load.h - loading one extract into the warehouse.
 *
 *	struct load_result res;
 *	rc = load_file(st, &reg, "inputs/dfe/cla.csv", "dfe/cla.csv", run, &res);
 *
 * The file is recognised by its header (source.h), read row by row and
 * written as observations inside a savepoint: a file with any row that
 * cannot be read in its layout is rolled back whole, each bad row
 * reported as FILE:LINE:COLUMN (up to LOAD_MAX_ERRORS, then a count), so
 * the source keeps its last good load. The caller owns the transaction.
 */
#ifndef JSNA_LOAD_H
#define JSNA_LOAD_H

#include "jsna/source.h"
#include "jsna/store.h"

#define LOAD_MAX_ERRORS 20

enum load_status {
	LOAD_OK = 0,		/* loaded */
	LOAD_UNCHANGED,		/* same bytes as the last good load: skipped */
	LOAD_UNKNOWN,		/* no source definition recognises it */
	LOAD_EMPTY,		/* no header at all: nothing to load */
	LOAD_REJECTED,		/* bad data: rolled back, reported */
	LOAD_SYSTEM		/* I/O or SQLite error: reported */
};

struct load_result {
	const char *dataset;	/* borrowed from the registry */
	long long rows;		/* data rows loaded */
	long long values;	/* observations written */
	long long skipped;	/* rows of geographies not loaded */
	unsigned long errors;	/* bad rows */
	int no_rows;		/* refused: a header and no rows */
	char sha256[65];	/* of the file */
};

/* The word recorded for a status: "loaded", "unchanged", ... Static. */
const char *load_status_name(enum load_status s);

/* The layout called name ("ees", ...), or NULL. */
const struct load_layout *load_layout_find(const char *name);
/* The layout's name, and whether key is one of its own options. */
const char *load_layout_name(const struct load_layout *layout);
int load_layout_option(const struct load_layout *layout, const char *key);
/* "ees, ..." for messages. Static. */
const char *load_layout_names(void);

/* path is opened; name is what the warehouse records and messages show.
 * force loads even when the file is unchanged. */
enum load_status load_file(struct store *st,
			   const struct source_registry *reg,
			   const char *path, const char *name, long long run,
			   int force, struct load_result *res);

#endif
