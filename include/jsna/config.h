/* config.h - the pipeline's configuration, jsna.ini.
 *
 *	struct config cfg;
 *	if (config_load("jsna.ini", &cfg) < 0) return JSNA_EXIT_USAGE;
 *	... cfg.area_code, cfg.warehouse ...
 *	config_release(&cfg);
 *
 * Paths in the file are relative to the file's folder and are stored
 * resolved. Unknown sections and keys are errors with FILE:LINE. The
 * struct owns every string in it until config_release().
 */
#ifndef JSNA_CONFIG_H
#define JSNA_CONFIG_H

#include <stddef.h>

#define CONFIG_MAX_BENCHMARKS 4

enum {
	FORMAT_PNG = 1 << 0,
	FORMAT_SVG = 1 << 1,
	FORMAT_PDF = 1 << 2,
	FORMAT_CSV = 1 << 3,
	FORMAT_MD = 1 << 4,
	FORMAT_HTML = 1 << 5,
	FORMAT_XLSX = 1 << 6
};

struct config {
	char *path;		/* the file read */
	char *area_code;	/* [area] code */
	char *benchmarks[CONFIG_MAX_BENCHMARKS];	/* England, then region */
	size_t nbenchmarks;
	char *neighbours;	/* resolved path, or NULL */
	char *inputs;
	char *sources;		/* source definitions: INPUTS/sources unless
				 * [paths] sources says otherwise */
	char *indicators;
	char *warehouse;
	char *outputs;
	int suppress_below;
	int suppress_below_locality;	/* stricter, inside an authority */
	unsigned formats;	/* FORMAT_* of charts */
	int palette;		/* 0 govuk, 1 fingertips */
	int history_runs;	/* [history] runs: refreshes whose values,
				 * run records and logs are kept */
};

/* Reads path into cfg (defaults first). Returns 0, or -1 after reporting
 * every problem; cfg is then released. */
int config_load(const char *path, struct config *cfg);
void config_release(struct config *cfg);

/* Parses "png, svg, pdf" (any of png svg pdf csv md html xlsx) into
 * FORMAT_* bits. Returns 0 or -1 (reported, naming where). */
int config_parse_formats(const char *list, const char *where,
			 unsigned allowed, unsigned *out);

/* Joins dir and rel unless rel is absolute. Caller frees. */
char *path_join(const char *dir, const char *rel);

#endif
