/* source.h - source definitions: how a file becomes a dataset.
 *
 *	struct source_registry reg;
 *	if (source_registry_load("inputs/sources", &reg) < 0) ... reported ...
 *	def = source_match(&reg, "cla_2026.csv", header_record, &why);
 *	source_registry_release(&reg);
 *
 * Definitions never name files: each says which header columns (and,
 * optionally, which file-name pattern) identify a layout and gives it a
 * stable dataset id, so next year's renamed publication loads unchanged.
 * One definition per file, inputs/sources/NAME.ini (see its README.md).
 * The registry owns every definition and string in it.
 */
#ifndef JSNA_SOURCE_H
#define JSNA_SOURCE_H

#include <stddef.h>

#include "jsna/csvin.h"

struct load_layout;

/* A layout's own key: "year = 2022", with its line for messages. */
struct source_opt {
	char *key;
	char *value;
	unsigned long line;
};

struct source_def {
	char *path;		/* the definition file */
	char *sha256;		/* of the definition file: a change reloads */
	char *id;		/* dataset id, e.g. dfe_cla_number_and_rate */
	char *title;
	char *publisher;
	const struct load_layout *layout;	/* how rows are read */
	struct source_opt *opts;	/* the layout's own keys */
	size_t nopts;
	char **require;		/* header columns that identify the file */
	size_t nrequire;
	char **filters;		/* filter columns */
	size_t nfilters;
	char **measures;	/* indicator columns */
	size_t nmeasures;
	char *match;		/* file-name glob, or NULL */
};

struct source_registry {
	struct source_def *defs;
	size_t n;
};

/* Reads every DIR/NAME.ini in name order. Returns 0, or -1 after reporting
 * each problem as FILE:LINE; the registry then holds the good ones. */
int source_registry_load(const char *dir, struct source_registry *reg);
void source_registry_release(struct source_registry *reg);

/* The definition whose required columns are all in the header (and whose
 * pattern, if any, matches the file's base name); the one requiring the
 * most columns wins. NULL when none does, or when two tie (*ambiguous
 * then names the second). */
const struct source_def *source_match(const struct source_registry *reg,
				      const char *filename,
				      const struct csvin_record *header,
				      const struct source_def **ambiguous);

/* The value of a layout option, or NULL. Borrowed. */
const char *source_option(const struct source_def *def, const char *key);

/* A definition by dataset id, or NULL. */
const struct source_def *source_find(const struct source_registry *reg,
				     const char *id);

#endif
