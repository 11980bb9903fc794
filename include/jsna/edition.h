/* edition.h - signed-off editions: frozen, read-only copies of a published
 * output set under OUTPUTS/editions/NAME, which refreshes never touch,
 * each with its record (EDITION.md) and MANIFEST.sha256 (sha256sum's
 * format, so `sha256sum -c MANIFEST.sha256` in the folder checks it).
 *
 *	if (!edition_name_ok(name)) ... a usage error ...
 *	edition_copy(set, tmp);  edition_record(&m, &r, st, &md) into tmp;
 *	edition_manifest(tmp, &sums, &n) into tmp;  edition_seal(tmp);
 *	rename(tmp, final);  ...  edition_verify(final, &n, &bad);
 *
 * Functions that can fail return 0 or -1 after reporting with error().
 * A struct edition_list owns its strings until edition_list_release().
 */
#ifndef JSNA_EDITION_H
#define JSNA_EDITION_H

#include <stddef.h>

#include "jsna/buf.h"
#include "jsna/results.h"
#include "jsna/store.h"

#define EDITIONS_DIR "editions"		/* in the outputs folder */
#define EDITION_MANIFEST "MANIFEST.sha256"
#define EDITION_RECORD "EDITION.md"
#define EDITION_NAME_MAX 64

/* 1 when name can name an edition: 1 to 64 of A-Z a-z 0-9 . _ -, not
 * starting with '.' and not ending in ".tmp" (the name of an edition
 * being frozen); 0 otherwise. */
int edition_name_ok(const char *name);

/* Copies the tree `from` into the folder `to` (made): folders, and real
 * copies of the regular files, never hard links, so that a file of the
 * live outputs rewritten in place cannot alter the edition. Anything else
 * (a symbolic link, a device) is an error. */
int edition_copy(const char *from, const char *to);

/* Appends to out the manifest of dir: one line "SHA256  PATH" for each
 * regular file under it but the manifest itself, PATH relative to dir,
 * in byte order of PATH; *nfiles gets the number of lines. */
int edition_manifest(const char *dir, struct buf *out, size_t *nfiles);

/* Makes every file under dir read-only (0444) and every folder 0555, dir
 * itself last, syncing each file and folder to disk. */
int edition_seal(const char *dir);

/* Renames the sealed edition tmp to final in one rename(2) (the caller
 * holds the warehouse lock and has made sure final does not exist), then
 * syncs the folder that holds them. */
int edition_install(const char *tmp, const char *final);

/* Removes a folder tree made read-only by edition_seal. */
int edition_remove(const char *dir);

/* Removes every NAME.tmp left in the editions folder by a publish that
 * was killed (the caller holds the warehouse lock, so none is being
 * made); *removed counts them. A missing folder holds none. */
int edition_remove_stale(const char *editions, size_t *removed);

/* Checks the edition in dir against its manifest, naming with error()
 * each file that differs, is missing or is not in the manifest, and each
 * line of the manifest that cannot be read (or the manifest itself when
 * it is missing). *nfiles: the manifest's lines; *nbad: the problems
 * found. Returns 0 when it could look (whatever it found), -1 on a system
 * error. */
int edition_verify(const char *dir, size_t *nfiles, size_t *nbad);

struct edition_meta {
	const char *name;
	const char *frozen;	/* UTC, ISO 8601 */
	long long run;		/* the refresh whose outputs they are; 0: none
				 * recorded */
	const char *run_ended;	/* when it ended, or "" */
	const char *version;	/* of the program */
};

/* Appends EDITION.md's text to out: the edition's name, when it was
 * frozen, from which refresh, by which program, for which area, then its
 * data vintage: for each indicator of r its latest period with a value
 * for the area, its source and when that was published, and each input
 * file as last loaded into st (path, SHA-256, when loaded). */
int edition_record(const struct edition_meta *m, const struct results *r,
		   struct store *st, struct buf *out);

/* Writes the time now, UTC, as "2026-05-01T09:30:00Z", or the time
 * SOURCE_DATE_EPOCH gives when it is set (reproducible outputs). Returns 0,
 * or -1 when SOURCE_DATE_EPOCH is not a number of seconds (reported). */
int edition_timestamp(char out[32]);

struct edition_info {
	char *name;
	char frozen[32];	/* "" when its record does not say */
	long long run;		/* 0 when its record does not say */
	size_t nfiles;		/* lines of its manifest */
};

struct edition_list {
	struct edition_info *e;
	size_t n;
};

/* The finished editions in outputs/editions (none when the folder is
 * absent), oldest first: by the time frozen, then by name. */
int edition_list(const char *outputs, struct edition_list *l);
void edition_list_release(struct edition_list *l);

#endif
