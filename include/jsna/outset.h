/* outset.h - publishing outputs as one set, and writing files atomically.
 *
 *	struct outset os;
 *	if (outset_open(cfg.outputs, &os) < 0) return JSNA_EXIT_SYSTEM;
 *	path = outset_path(&os, "charts/cla_rate_trend.png");
 *	... write with afile_open/afile_commit ...
 *	outset_publish(&os);        or outset_abort(&os) on failure
 *	outset_release(&os);
 *
 * A reader never sees a mix of two refreshes: each set is built apart in
 * OUTPUTS/.runs/NAME.tmp (starting as hard links to the current set, so a
 * stage run alone changes only its own files), then renamed and switched
 * to by replacing the symbolic link OUTPUTS/.current in one rename(2).
 * The published names (indicators.csv, charts/, tables/, report/, ...)
 * are links through .current. The two sets before the current one are
 * kept for readers still holding their files. Under `jsna refresh` the
 * stages share the refresh's set (JSNA_OUTSET) and the driver publishes.
 * Files must be replaced, never rewritten in place: use afile.
 */
#ifndef JSNA_OUTSET_H
#define JSNA_OUTSET_H

#include <stdio.h>

struct outset {
	char *root;	/* the outputs folder */
	char *dir;	/* the set being built */
	int owned;	/* 1: this process publishes it */
};

/* Starts a set, or joins the refresh's. Returns 0 or -1 (reported). */
int outset_open(const char *outputs, struct outset *os);
/* Makes the set the one children join (sets JSNA_OUTSET). */
int outset_export(const struct outset *os);
/* Path of rel inside the set, with its folders made. Caller frees. */
char *outset_path(const struct outset *os, const char *rel);
/* The name the set has once published (its folder under .runs). Caller
 * frees. */
char *outset_name(const struct outset *os);
/* Publishes an owned set (a joined one is left to its owner). */
int outset_publish(struct outset *os);
/* Throws an owned set away. */
void outset_abort(struct outset *os);
void outset_release(struct outset *os);

/* Names published at the top of the outputs folder, each a link into the
 * current set. */
extern const char *const outset_entries[];

struct afile {
	FILE *f;
	char *path;
	char *tmp;
};

/* Opens path.tmp for writing (making folders). Returns the FILE or NULL
 * (reported). */
FILE *afile_open(struct afile *a, const char *path);
/* Flushes, syncs, closes and renames onto path. Returns 0 or -1
 * (reported; the temporary file is removed). */
int afile_commit(struct afile *a);
void afile_abort(struct afile *a);
/* Writes a whole buffer to path atomically. */
int afile_write(const char *path, const void *data, size_t len);

/* Makes a folder and its parents. Returns 0 or -1 (reported). */
int make_dirs(const char *dir);
/* Removes a folder tree. Returns 0 or -1 (reported). */
int remove_tree(const char *dir);
/* Calls fn on every entry under dir and on dir itself, a folder after
 * what it holds (lstat(2) data in st: links are not followed); stops at
 * the first non-zero return, which it returns. */
struct stat;
typedef int tree_fn(const char *path, const struct stat *st, void *ctx);
int tree_each(const char *dir, tree_fn *fn, void *ctx);
/* Copies the file from into a new file to (which must not exist).
 * Returns 0 or -1 (reported). */
int copy_file(const char *from, const char *to);
/* fsync(2)s a file or a folder. Returns 0 or -1 (reported). */
int sync_path(const char *path);

#endif
