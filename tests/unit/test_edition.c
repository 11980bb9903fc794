/* test_edition.c - signed-off editions (edition.h): names, the manifest
 * in sha256sum's format, copies that are not links, sealing, checking an
 * edition against its manifest, and listing editions.
 *
 * Each test works in a fresh mkdtemp folder, removed by teardown (made
 * writable first: a sealed edition's folders are 0555). The SHA-256
 * values are FIPS 180-2's published examples, not runs of our code.
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/edition.h"
#include "jsna/outset.h"

#include "capture.h"

/* SHA-256 of "abc" and of nothing (FIPS 180-2, and sha256sum agrees). */
#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

struct fixture {
	char root[64];
	char path[256];		/* scratch */
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	strcpy(fx->root, "/tmp/jsna-test-edition-XXXXXX");
	if (!mkdtemp(fx->root)) {
		free(fx);
		return -1;
	}
	unsetenv("SOURCE_DATE_EPOCH");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc = edition_remove(fx->root);

	unsetenv("SOURCE_DATE_EPOCH");
	free(fx);
	return rc;
}

static const char *at(struct fixture *fx, const char *rel)
{
	snprintf(fx->path, sizeof(fx->path), "%s/%s", fx->root, rel);
	return fx->path;
}

static void put(struct fixture *fx, const char *rel, const char *text)
{
	assert_int_equal(afile_write(at(fx, rel), text, strlen(text)), 0);
}

static void test_names(void **state)
{
	static const char *const good[] = {
		"2026-board", "a", "v1.2_final", "A.b-C_9",
		"1234567890123456789012345678901234567890123456789012345678901234",
	};
	static const char *const bad[] = {
		"", ".hidden", "..", "a/b", "a b", "caf\xc3\xa9", "x.tmp",
		"12345678901234567890123456789012345678901234567890123456789012345",
		"a\n", "$(x)",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(edition_name_ok(good[i]));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(edition_name_ok(bad[i]));
}

static void test_manifest(void **state)
{
	struct fixture *fx = *state;
	struct buf m = BUF_INIT;
	size_t n;

	put(fx, "set/c.txt", "");
	put(fx, "set/a/b.txt", "abc");
	put(fx, "set/a-z.txt", "abc");
	put(fx, "set/" EDITION_MANIFEST, "not itself");
	assert_int_equal(edition_manifest(at(fx, "set"), &m, &n), 0);
	assert_int_equal(n, 3);
	/* sha256sum's lines, in byte order of the path ('-' before '/') */
	assert_string_equal(m.buf, SHA_ABC "  a-z.txt\n"
				   SHA_ABC "  a/b.txt\n"
				   SHA_EMPTY "  c.txt\n");
	buf_release(&m);
}

static void test_copy_seal_verify(void **state)
{
	struct fixture *fx = *state;
	struct buf m = BUF_INIT;
	struct stat a, b;
	size_t n, bad;
	char from[128], *msg;

	put(fx, "set/index.html", "abc");
	put(fx, "set/report/r.html", "");
	snprintf(from, sizeof(from), "%s/set", fx->root);
	assert_int_equal(edition_copy(from, at(fx, "ed")), 0);
	assert_int_equal(stat(at(fx, "set/index.html"), &a), 0);
	assert_int_equal(stat(at(fx, "ed/index.html"), &b), 0);
	assert_true(a.st_ino != b.st_ino);	/* a copy, not a link */
	assert_int_equal(b.st_nlink, 1);
	assert_int_equal(edition_manifest(at(fx, "ed"), &m, &n), 0);
	assert_int_equal(n, 2);
	put(fx, "ed/" EDITION_MANIFEST, m.buf);
	assert_int_equal(edition_seal(at(fx, "ed")), 0);
	assert_int_equal(stat(at(fx, "ed/index.html"), &b), 0);
	assert_int_equal(b.st_mode & 07777, 0444);
	assert_int_equal(stat(at(fx, "ed/report"), &b), 0);
	assert_int_equal(b.st_mode & 07777, 0555);
	assert_int_equal(stat(at(fx, "ed"), &b), 0);
	assert_int_equal(b.st_mode & 07777, 0555);

	assert_int_equal(edition_verify(at(fx, "ed"), &n, &bad), 0);
	assert_int_equal(n, 2);
	assert_int_equal(bad, 0);

	/* Live outputs rewritten in place leave the edition alone. */
	put(fx, "set/index.html", "abd");
	assert_int_equal(edition_verify(at(fx, "ed"), &n, &bad), 0);
	assert_int_equal(bad, 0);

	/* A changed file, a missing one, an added one: each named. */
	assert_int_equal(chmod(at(fx, "ed"), 0755), 0);
	assert_int_equal(chmod(at(fx, "ed/report"), 0755), 0);
	assert_int_equal(chmod(at(fx, "ed/index.html"), 0644), 0);
	put(fx, "ed/index.html", "abd");
	assert_int_equal(unlink(at(fx, "ed/report/r.html")), 0);
	put(fx, "ed/extra.txt", "");
	capture_begin();
	assert_int_equal(edition_verify(at(fx, "ed"), &n, &bad), 0);
	msg = capture_end();
	assert_int_equal(bad, 3);
	assert_non_null(strstr(msg, "/ed/index.html: changed since the edition was frozen"));
	assert_non_null(strstr(msg, "/ed/report/r.html: missing, though " EDITION_MANIFEST " lists it"));
	assert_non_null(strstr(msg, "/ed/extra.txt: not in " EDITION_MANIFEST));
	free(msg);
	buf_release(&m);
}

static void test_verify_bad_manifest(void **state)
{
	struct fixture *fx = *state;
	size_t n, bad;
	char *msg;

	put(fx, "ed/a.txt", "abc");
	capture_begin();
	assert_int_equal(edition_verify(at(fx, "ed"), &n, &bad), 0);
	msg = capture_end();
	assert_int_equal(bad, 2);	/* no manifest, so a.txt is extra */
	assert_non_null(strstr(msg, EDITION_MANIFEST ": missing"));
	free(msg);

	put(fx, "ed/" EDITION_MANIFEST, SHA_ABC "  a.txt\n"
		"nonsense\n" SHA_ABC "  ../a.txt\n" SHA_ABC "  a.txt\n");
	capture_begin();
	assert_int_equal(edition_verify(at(fx, "ed"), &n, &bad), 0);
	msg = capture_end();
	assert_int_equal(n, 2);
	assert_int_equal(bad, 3);
	assert_non_null(strstr(msg, EDITION_MANIFEST ":2: not a 'SHA256  PATH' line"));
	assert_non_null(strstr(msg, EDITION_MANIFEST ":3: '../a.txt' is not a path inside the edition"));
	assert_non_null(strstr(msg, EDITION_MANIFEST ":4: 'a.txt' is listed twice"));
	free(msg);
}

static void test_list(void **state)
{
	struct fixture *fx = *state;
	struct edition_list l;
	size_t removed;

	assert_int_equal(edition_list(fx->root, &l), 0);	/* no folder */
	assert_int_equal(l.n, 0);
	edition_list_release(&l);
	put(fx, "editions/b/" EDITION_RECORD,
	    "# Edition b\n\n- Frozen: 2026-03-01T10:00:00Z\n- Refresh run: 12 (ended x)\n");
	put(fx, "editions/b/" EDITION_MANIFEST,
	    SHA_ABC "  x\n" SHA_ABC "  y\n");
	put(fx, "editions/a/" EDITION_RECORD,
	    "- Frozen: 2026-04-01T10:00:00Z\n- Refresh run: none recorded\n");
	put(fx, "editions/half.tmp/" EDITION_RECORD, "");
	put(fx, "editions/.hidden/" EDITION_RECORD, "");
	assert_int_equal(edition_seal(at(fx, "editions/half.tmp")), 0);
	assert_int_equal(edition_list(fx->root, &l), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.e[0].name, "b");	/* frozen first */
	assert_string_equal(l.e[0].frozen, "2026-03-01T10:00:00Z");
	assert_int_equal(l.e[0].run, 12);
	assert_int_equal(l.e[0].nfiles, 2);
	assert_string_equal(l.e[1].name, "a");
	assert_int_equal(l.e[1].run, 0);
	assert_int_equal(l.e[1].nfiles, 0);
	edition_list_release(&l);

	assert_int_equal(edition_remove_stale(at(fx, "editions"), &removed), 0);
	assert_int_equal(removed, 1);
	assert_int_equal(access(at(fx, "editions/half.tmp"), F_OK), -1);
	assert_int_equal(access(at(fx, "editions/b"), F_OK), 0);
}

static void test_timestamp(void **state)
{
	char t[32];
	char *msg;

	(void)state;
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "0", 1), 0);
	assert_int_equal(edition_timestamp(t), 0);
	assert_string_equal(t, "1970-01-01T00:00:00Z");
	/* date -u -d @1700000000: Tue Nov 14 22:13:20 UTC 2023 */
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
	assert_int_equal(edition_timestamp(t), 0);
	assert_string_equal(t, "2023-11-14T22:13:20Z");
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "yesterday", 1), 0);
	capture_begin();
	assert_int_equal(edition_timestamp(t), -1);
	msg = capture_end();
	assert_non_null(strstr(msg, "SOURCE_DATE_EPOCH is 'yesterday'"));
	free(msg);
	unsetenv("SOURCE_DATE_EPOCH");
	assert_int_equal(edition_timestamp(t), 0);
	assert_int_equal(strlen(t), 20);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_names),
		T(test_manifest),
		T(test_copy_seal_verify),
		T(test_verify_bad_manifest),
		T(test_list),
		T(test_timestamp),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
