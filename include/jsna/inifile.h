/* inifile.h - reading ini files (through libinih) with line numbers.
 *
 *	static int on_key(const struct ini_key *k, void *ctx) { ... }
 *	if (inifile_read("jsna.ini", on_key, &cfg) < 0) ... reported ...
 *
 * The configuration, indicator definitions and source definitions are all
 * ini files; every message about them must point at FILE:LINE, which
 * libinih's plain handler cannot give, so this wrapper feeds it line by
 * line and counts. Strings in struct ini_key are borrowed for the call.
 */
#ifndef JSNA_INIFILE_H
#define JSNA_INIFILE_H

struct ini_key {
	const char *path;
	unsigned long line;
	const char *section;	/* "" before the first [section] */
	const char *name;
	const char *value;	/* trimmed, inline "; comment" removed */
};

/* Return 0 to go on, -1 after reporting an error (reading goes on, so
 * that every error in the file is reported; inifile_read returns -1). */
typedef int inifile_key_fn(const struct ini_key *k, void *ctx);

/* Reads path. Returns 0, or -1 when the file cannot be read (reported),
 * has a syntax error (reported with its line), or a callback failed. */
int inifile_read(const char *path, inifile_key_fn *fn, void *ctx);

/* Splits a comma-separated list in place; returns the number of items
 * stored in items (at most max), trimmed, empty items dropped. */
int inifile_split_list(char *s, char **items, int max);

#endif
