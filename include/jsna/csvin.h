/* csvin.h - reading CSV extracts over libcsv, with lines and columns.
 *
 *	static int on_row(const struct csvin_record *r, void *ctx) { ... }
 *	if (csvin_read_file("inputs/x.csv", on_row, &ctx) < 0)
 *		... the error was reported as FILE:LINE:COLUMN ...
 *
 * A UTF-8 byte-order mark is skipped, CRLF and LF both end a row, quoted
 * fields may hold commas, quotes and newlines. Fields are borrowed: they
 * are valid only during the callback. Columns are found by header name
 * (csvin_find), never by position. Column numbers in messages count
 * fields from 1; line numbers are physical lines of the file.
 */
#ifndef JSNA_CSVIN_H
#define JSNA_CSVIN_H

#include <stddef.h>

struct csvin_field {
	const char *ptr;	/* NUL-terminated; "" when empty */
	size_t len;
	int quoted_empty;	/* 1 for "" (an empty quoted field) */
	unsigned long line;	/* physical line where the field starts */
};

struct csvin_record {
	const char *path;	/* the name given to the reader */
	unsigned long recno;	/* 1 for the header row */
	unsigned long line;	/* physical line where the row starts */
	size_t nfields;
	const struct csvin_field *fields;
};

/* Called once per row, the header included. Return 0 to go on, a negative
 * value to stop reading (csvin_read_* then returns that value). */
typedef int csvin_record_fn(const struct csvin_record *r, void *ctx);

/* Reads a whole file. Returns 0, or -1 after reporting a parse or I/O
 * error with error_at() (errno-style problems: error_errno()), or the
 * callback's negative value. *io_error, when not NULL, is set to 1 when
 * the failure was the system's (cannot open or read) rather than the
 * data's. */
int csvin_read_file(const char *path, csvin_record_fn *fn, void *ctx,
		    int *io_error);

/* The same, naming the file in messages and records as name (e.g. its
 * path relative to the inputs folder). */
int csvin_read_named(const char *path, const char *name, csvin_record_fn *fn,
		     void *ctx, int *io_error);

/* The same over a buffer in memory; name is used in messages. */
int csvin_read_mem(const char *name, const char *data, size_t len,
		   csvin_record_fn *fn, void *ctx);

/* Index of the field whose (trimmed) text equals name, or -1. */
int csvin_find(const struct csvin_record *header, const char *name);

/* Parses a whole field as a finite number; surrounding blanks allowed.
 * Returns 0 on success, -1 when the text is not a number. */
int csvin_parse_double(const char *s, double *out);

/* 1 when s is one of the published suppression or missing-value symbols
 * (c x z u low : k ~ - NULL, case as published); the symbol is then
 * copied into sym (at most 7 characters). */
int csvin_symbol(const char *s, char sym[8]);

#endif
