/* fingerprint.h - everything a refresh reads, hashed: the extracts under
 * the inputs folder, the indicator and source definitions, the
 * configuration, the neighbour list and the programs. Two refreshes with
 * the same digest publish the same outputs, so the second has nothing to
 * do. The struct owns its entries until fingerprint_release().
 *
 *	struct fingerprint fp;
 *	if (fingerprint_take(&fp, st, &cfg, programs) < 0) ... reported ...
 *	... fp.digest, fp.entry[i] ...
 *	fingerprint_record(&fp, st, run);
 *	fingerprint_release(&fp);
 *
 * A file whose size, times and inode are those the warehouse remembers is
 * not read again (store_hash_get), as git's index does, so a night with
 * nothing new costs a stat(2) per file.
 */
#ifndef JSNA_FINGERPRINT_H
#define JSNA_FINGERPRINT_H

#include <stddef.h>

#include "jsna/config.h"
#include "jsna/store.h"

struct fp_entry {
	const char *kind;	/* input, definition, source, config,
				 * neighbours, program (static strings) */
	char *path;		/* relative to its folder */
	char sha256[65];
	long long size;
};

struct fingerprint {
	struct fp_entry *entry;	/* by kind, then path */
	size_t n, alloc;
	char digest[65];	/* of the version and every entry */
	size_t hashed;		/* files read (not known by identity) */
};

/* Hashes what a refresh with cfg reads; programs is a NULL-ended list of
 * the program files run (may be NULL). Returns 0 or -1 (reported). */
int fingerprint_take(struct fingerprint *fp, struct store *st,
		     const struct config *cfg, const char *const *programs);
/* Records every entry and the digest against run (one transaction). */
int fingerprint_record(const struct fingerprint *fp, struct store *st,
		       long long run);
void fingerprint_release(struct fingerprint *fp);

#endif
