/* test_outset.c - output sets and atomic files (outset.h).
 *
 * Each test works in a fresh mkdtemp outputs folder, removed by teardown,
 * with JSNA_OUTSET unset so that every outset_open starts a set of its
 * own. What a reader sees is checked through the published names
 * (OUTPUTS/indicators.csv -> .current/indicators.csv), as a reader would.
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsna/outset.h"

struct fixture {
	char root[64];
	char path[256];		/* scratch */
};

#include "tmpdir.h"

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	if (unsetenv("JSNA_OUTSET") < 0)
		return -1;
	strcpy(fx->root, "/tmp/jsna-test-outset-XXXXXX");
	if (!mkdtemp(fx->root)) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc = tmpdir_remove(fx->root);

	unsetenv("JSNA_OUTSET");
	free(fx);
	return rc;
}

static const char *at(struct fixture *fx, const char *rel)
{
	snprintf(fx->path, sizeof(fx->path), "%s/%s", fx->root, rel);
	return fx->path;
}

/* The whole content of a file, or "" when it cannot be read; static. */
static const char *slurp(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "rb");
	size_t n;

	buf[0] = '\0';
	if (!f)
		return buf;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

/* Number of entries in OUTPUTS/.runs, and whether any is a .tmp. */
static int count_sets(struct fixture *fx, int *tmp)
{
	DIR *d = opendir(at(fx, ".runs"));
	struct dirent *e;
	int n = 0;

	*tmp = 0;
	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		n++;
		if (len > 4 && strcmp(e->d_name + len - 4, ".tmp") == 0)
			(*tmp)++;
	}
	closedir(d);
	return n;
}

/* One whole set: open, write indicators.csv (and more), publish. */
static void publish_set(struct fixture *fx, const char *content,
			const char *extra_rel)
{
	struct outset os;
	char *p;

	assert_int_equal(outset_open(fx->root, &os), 0);
	assert_int_equal(os.owned, 1);
	p = outset_path(&os, "indicators.csv");
	assert_non_null(p);
	assert_int_equal(afile_write(p, content, strlen(content)), 0);
	free(p);
	if (extra_rel) {
		p = outset_path(&os, extra_rel);
		assert_non_null(p);
		assert_int_equal(afile_write(p, "x", 1), 0);
		free(p);
	}
	assert_int_equal(outset_publish(&os), 0);
	assert_int_equal(os.owned, 0);
	/* the published set's folder has lost its .tmp */
	assert_true(strlen(os.dir) > 4);
	assert_string_not_equal(os.dir + strlen(os.dir) - 4, ".tmp");
	outset_release(&os);
	assert_null(os.dir);
	assert_null(os.root);
}

static void test_publish(void **state)
{
	struct fixture *fx = *state;
	char target[256];
	ssize_t n;
	int tmp;

	publish_set(fx, "v1\n", "charts/cla_rate_trend.png");
	/* the published name is a link through .current */
	n = readlink(at(fx, "indicators.csv"), target, sizeof(target) - 1);
	assert_true(n > 0);
	target[n] = '\0';
	assert_string_equal(target, ".current/indicators.csv");
	n = readlink(at(fx, ".current"), target, sizeof(target) - 1);
	assert_true(n > 0);
	target[n] = '\0';
	assert_memory_equal(target, ".runs/", 6);
	assert_string_equal(slurp(at(fx, "indicators.csv")), "v1\n");
	assert_string_equal(slurp(at(fx, "charts/cla_rate_trend.png")), "x");
	/* names not in the set get no link */
	assert_false(exists(at(fx, "index.html")));
	assert_false(exists(at(fx, "report")));
	assert_int_equal(count_sets(fx, &tmp), 1);
	assert_int_equal(tmp, 0);
	/* no temporary file left behind */
	assert_false(exists(at(fx, ".current/indicators.csv.tmp")));
	assert_false(exists(at(fx, ".current.new")));
}

static void test_second_set(void **state)
{
	struct fixture *fx = *state;
	char first[256], old_copy[400];
	char buf[16];
	ssize_t n;
	int fd, tmp;
	struct outset os;
	char *p;

	publish_set(fx, "v1\n", "charts/a.png");
	n = readlink(at(fx, ".current"), first, sizeof(first) - 1);
	assert_true(n > 0);
	first[n] = '\0';
	/* a reader opens the published file before the switch */
	fd = open(at(fx, "indicators.csv"), O_RDONLY);
	assert_true(fd >= 0);

	/* the second set starts as links to the first: a stage that
	 * writes only indicators.csv keeps the charts */
	assert_int_equal(outset_open(fx->root, &os), 0);
	p = outset_path(&os, "indicators.csv");
	assert_non_null(p);
	assert_string_equal(slurp(p), "v1\n");
	assert_int_equal(afile_write(p, "v2 longer\n", 10), 0);
	free(p);
	/* nothing is published before outset_publish */
	assert_string_equal(slurp(at(fx, "indicators.csv")), "v1\n");
	assert_int_equal(outset_publish(&os), 0);
	outset_release(&os);

	assert_string_equal(slurp(at(fx, "indicators.csv")), "v2 longer\n");
	assert_string_equal(slurp(at(fx, "charts/a.png")), "x");
	/* the reader still has the first set's file, whole */
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	assert_int_equal(n, 3);
	buf[n] = '\0';
	assert_string_equal(buf, "v1\n");
	close(fd);
	/* and the first set is still there by name */
	snprintf(old_copy, sizeof(old_copy), "%s/%s/indicators.csv",
		 fx->root, first);
	assert_string_equal(slurp(old_copy), "v1\n");
	assert_int_equal(count_sets(fx, &tmp), 2);
	assert_int_equal(tmp, 0);
}

static void test_abort(void **state)
{
	struct fixture *fx = *state;
	struct outset os;
	char cur[256], after[256];
	char *p, *dir;
	ssize_t n;
	int tmp;

	publish_set(fx, "v1\n", NULL);
	n = readlink(at(fx, ".current"), cur, sizeof(cur) - 1);
	assert_true(n > 0);
	cur[n] = '\0';

	assert_int_equal(outset_open(fx->root, &os), 0);
	p = outset_path(&os, "indicators.csv");
	assert_non_null(p);
	assert_int_equal(afile_write(p, "broken\n", 7), 0);
	free(p);
	p = outset_path(&os, "report/index.html");
	assert_non_null(p);
	assert_int_equal(afile_write(p, "<p>", 3), 0);
	free(p);
	dir = strdup(os.dir);
	assert_non_null(dir);
	assert_int_equal(count_sets(fx, &tmp), 2);
	assert_int_equal(tmp, 1);
	outset_abort(&os);
	assert_int_equal(os.owned, 0);
	outset_release(&os);

	/* the set being built is gone, the published one unchanged */
	assert_false(exists(dir));
	free(dir);
	n = readlink(at(fx, ".current"), after, sizeof(after) - 1);
	assert_true(n > 0);
	after[n] = '\0';
	assert_string_equal(after, cur);
	assert_string_equal(slurp(at(fx, "indicators.csv")), "v1\n");
	assert_false(exists(at(fx, "report")));
	assert_int_equal(count_sets(fx, &tmp), 1);
	assert_int_equal(tmp, 0);
}

/* The current set and the two before it are kept. */
static void test_prune(void **state)
{
	struct fixture *fx = *state;
	char content[16];
	int tmp;

	for (int i = 1; i <= 5; i++) {
		snprintf(content, sizeof(content), "v%d\n", i);
		publish_set(fx, content, NULL);
	}
	assert_int_equal(count_sets(fx, &tmp), 3);
	assert_int_equal(tmp, 0);
	assert_string_equal(slurp(at(fx, "indicators.csv")), "v5\n");
	/* the three kept are the newest: v3, v4, v5 */
	{
		DIR *d = opendir(at(fx, ".runs"));
		struct dirent *e;
		int seen[6] = { 0 };

		assert_non_null(d);
		while ((e = readdir(d)) != NULL) {
			char p[512];
			const char *s;

			if (e->d_name[0] == '.')
				continue;
			snprintf(p, sizeof(p), "%s/.runs/%s/indicators.csv",
				 fx->root, e->d_name);
			s = slurp(p);
			assert_int_equal(s[0], 'v');
			seen[s[1] - '0']++;
		}
		closedir(d);
		assert_int_equal(seen[1] + seen[2], 0);
		assert_int_equal(seen[3], 1);
		assert_int_equal(seen[4], 1);
		assert_int_equal(seen[5], 1);
	}
}

/* A leftover .tmp set of a killed run is cleared by the next publish. */
static void test_stale_tmp(void **state)
{
	struct fixture *fx = *state;
	struct outset os;
	int tmp;

	publish_set(fx, "v1\n", NULL);
	assert_int_equal(outset_open(fx->root, &os), 0);
	/* killed here: neither published nor aborted */
	outset_release(&os);
	assert_int_equal(count_sets(fx, &tmp), 2);
	assert_int_equal(tmp, 1);
	publish_set(fx, "v2\n", NULL);
	assert_int_equal(count_sets(fx, &tmp), 2);
	assert_int_equal(tmp, 0);
}

/* Under a refresh the stages join its set and do not publish it. */
static void test_joined(void **state)
{
	struct fixture *fx = *state;
	struct outset owner, os;
	char *p;
	int saved, devnull, rc;

	assert_int_equal(outset_open(fx->root, &owner), 0);
	assert_int_equal(outset_export(&owner), 0);
	assert_string_equal(getenv("JSNA_OUTSET"), owner.dir);
	assert_int_equal(outset_open(fx->root, &os), 0);
	assert_int_equal(os.owned, 0);
	assert_string_equal(os.dir, owner.dir);
	p = outset_path(&os, "tables/t.csv");
	assert_non_null(p);
	assert_int_equal(afile_write(p, "t\n", 2), 0);
	free(p);
	assert_int_equal(outset_publish(&os), 0);	/* left to the owner */
	outset_abort(&os);				/* not ours to remove */
	outset_release(&os);
	assert_false(exists(at(fx, ".current")));
	assert_true(exists(owner.dir));
	unsetenv("JSNA_OUTSET");
	assert_int_equal(outset_publish(&owner), 0);
	outset_release(&owner);
	assert_string_equal(slurp(at(fx, "tables/t.csv")), "t\n");

	/* a set named by the refresh that is not there */
	setenv("JSNA_OUTSET", at(fx, ".runs/missing"), 1);
	fflush(stderr);
	saved = dup(2);
	devnull = open("/dev/null", O_WRONLY);
	assert_true(saved >= 0 && devnull >= 0);
	dup2(devnull, 2);
	close(devnull);
	rc = outset_open(fx->root, &os);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(rc, -1);
	assert_null(os.dir);
	assert_null(os.root);
}

static void test_afile(void **state)
{
	struct fixture *fx = *state;
	struct afile a;
	char path[256], tmp[300];
	FILE *f;

	snprintf(path, sizeof(path), "%s/x/y/z.txt", fx->root);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);

	/* aborted: no file, no temporary file */
	f = afile_open(&a, path);
	assert_non_null(f);
	assert_true(exists(tmp));
	fputs("half written", f);
	afile_abort(&a);
	assert_false(exists(path));
	assert_false(exists(tmp));
	assert_null(a.f);
	assert_null(a.path);
	assert_null(a.tmp);

	/* committed: the file, whole, and no temporary file */
	f = afile_open(&a, path);
	assert_non_null(f);
	fputs("whole\n", f);
	assert_false(exists(path));	/* not before the commit */
	assert_int_equal(afile_commit(&a), 0);
	assert_string_equal(slurp(path), "whole\n");
	assert_false(exists(tmp));

	/* replacing keeps a reader's file intact */
	{
		int fd = open(path, O_RDONLY);
		char buf[16];
		ssize_t n;

		assert_true(fd >= 0);
		assert_int_equal(afile_write(path, "new\n", 4), 0);
		n = pread(fd, buf, sizeof(buf) - 1, 0);
		close(fd);
		assert_int_equal(n, 6);
		buf[n] = '\0';
		assert_string_equal(buf, "whole\n");
		assert_string_equal(slurp(path), "new\n");
	}
	/* an empty file */
	assert_int_equal(afile_write(path, "", 0), 0);
	assert_string_equal(slurp(path), "");
	assert_false(exists(tmp));
}

static void test_dirs(void **state)
{
	struct fixture *fx = *state;
	struct stat sb;
	char path[256];

	snprintf(path, sizeof(path), "%s/a/b/c", fx->root);
	assert_int_equal(make_dirs(path), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(make_dirs(path), 0);	/* already there */
	assert_int_equal(afile_write(at(fx, "a/b/c/f"), "f", 1), 0);
	assert_int_equal(symlink("/", at(fx, "a/b/link")), 0);
	assert_int_equal(remove_tree(at(fx, "a")), 0);
	assert_false(exists(at(fx, "a")));
	assert_int_equal(stat("/", &sb), 0);	/* a link is not followed */
	assert_int_equal(remove_tree(at(fx, "absent")), 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_publish),
		T(test_second_set),
		T(test_abort),
		T(test_prune),
		T(test_stale_tmp),
		T(test_joined),
		T(test_afile),
		T(test_dirs),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
