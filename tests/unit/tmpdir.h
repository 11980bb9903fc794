/* tmpdir.h - a private folder under /tmp for a unit test's files, made in
 * setup and removed, with all it holds, in teardown.
 *
 *	char dir[64] = "/tmp/jsna-test-x-XXXXXX";
 *	if (!mkdtemp(dir)) return -1;
 *	... ; assert_int_equal(tmpdir_remove(dir), 0);
 *
 * Needs _XOPEN_SOURCE-level <ftw.h> (nftw), as the tests are built.
 */
#ifndef JSNA_TEST_TMPDIR_H
#define JSNA_TEST_TMPDIR_H

#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>

static inline int tmpdir_entry(const char *p, const struct stat *st,
			       int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

/* Removes dir and everything below it; 0 on success. */
static inline int tmpdir_remove(const char *dir)
{
	return nftw(dir, tmpdir_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
