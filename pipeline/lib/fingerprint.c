/* fingerprint.c - the digest of everything a refresh reads. */
#include "jsna/fingerprint.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "jsna/buf.h"
#include "jsna/sha256.h"
#include "jsna/util.h"

/* A file changed less than this many seconds before it was hashed could
 * change again within the same clock tick unseen: its hash is not kept
 * (git's "racily clean" entries). */
#define RACY_SECONDS 2

static long long ns_of(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static int add_file(struct fingerprint *fp, struct store *st,
		    const char *kind, const char *path, const char *rel)
{
	struct stat sb;
	struct file_identity id;
	struct fp_entry *e;
	int found = 0;

	if (stat(path, &sb) < 0)
		return error_errno("cannot read '%s'", path);
	id.size = (long long)sb.st_size;
	id.mtime_ns = ns_of(&sb.st_mtim);
	id.ctime_ns = ns_of(&sb.st_ctim);
	id.inode = (long long)sb.st_ino;
	XGROW(fp->entry, fp->alloc, fp->n + 1);
	e = &fp->entry[fp->n];
	e->kind = kind;
	e->size = id.size;
	if (st && store_hash_get(st, path, &id, e->sha256, &found) < 0)
		return -1;
	if (!found) {
		long long size;

		if (sha256_file(path, e->sha256, &size) < 0)
			return -1;
		fp->hashed++;
		if (st && time(NULL) - sb.st_mtim.tv_sec > RACY_SECONDS &&
		    time(NULL) - sb.st_ctim.tv_sec > RACY_SECONDS &&
		    store_hash_put(st, path, &id, e->sha256) < 0)
			return -1;
	}
	e->path = xstrdup(rel);
	fp->n++;
	return 0;
}

/* Every regular file under dir whose name ends in suffix ("" for any),
 * leaving out hidden names, temporary files and the folder skip. */
static int add_tree(struct fingerprint *fp, struct store *st,
		    const char *kind, const char *dir, const char *rel,
		    const char *suffix, const struct stat *skip)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int ret = 0;

	if (!dp) {
		if (errno == ENOENT && !*rel)
			return 0;	/* a folder not made yet: nothing */
		return error_errno("cannot read the folder '%s'", dir);
	}
	while (ret == 0 && (e = readdir(dp)) != NULL) {
		struct buf p = BUF_INIT, r = BUF_INIT;
		struct stat sb;

		if (e->d_name[0] == '.' || str_ends_with(e->d_name, ".tmp"))
			continue;
		buf_addf(&p, "%s/%s", dir, e->d_name);
		buf_addf(&r, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		if (stat(p.buf, &sb) < 0) {
			ret = error_errno("cannot read '%s'", p.buf);
		} else if (S_ISDIR(sb.st_mode)) {
			if (!skip || sb.st_dev != skip->st_dev ||
			    sb.st_ino != skip->st_ino)
				ret = add_tree(fp, st, kind, p.buf, r.buf,
					       suffix, skip);
		} else if (S_ISREG(sb.st_mode) &&
			   str_ends_with(e->d_name, suffix)) {
			ret = add_file(fp, st, kind, p.buf, r.buf);
		}
		buf_release(&p);
		buf_release(&r);
	}
	closedir(dp);
	return ret;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct fp_entry *x = a, *y = b;
	int c = strcmp(x->kind, y->kind);

	return c ? c : strcmp(x->path, y->path);
}

int fingerprint_take(struct fingerprint *fp, struct store *st,
		     const struct config *cfg, const char *const *programs)
{
	struct sha256 c;
	struct stat sources;
	int have_sources;
	size_t i;

	memset(fp, 0, sizeof(*fp));
	have_sources = stat(cfg->sources, &sources) == 0;
	/* The hashes learnt are remembered in one transaction. */
	if (st && store_begin(st) < 0)
		return -1;
	if (add_tree(fp, st, "input", cfg->inputs, "", "",
		     have_sources ? &sources : NULL) < 0 ||
	    add_tree(fp, st, "source", cfg->sources, "", ".ini", NULL) < 0 ||
	    add_tree(fp, st, "definition", cfg->indicators, "", ".ini",
		     NULL) < 0 ||
	    add_file(fp, st, "config", cfg->path, base_name(cfg->path)) < 0 ||
	    (cfg->neighbours &&
	     add_file(fp, st, "neighbours", cfg->neighbours,
		      base_name(cfg->neighbours)) < 0))
		goto fail;
	for (i = 0; programs && programs[i]; i++)
		if (add_file(fp, st, "program", programs[i],
			     base_name(programs[i])) < 0)
			goto fail;
	if (st && store_commit(st) < 0)
		goto fail_done;
	qsort(fp->entry, fp->n, sizeof(*fp->entry), cmp_entry);
	sha256_init(&c);
	sha256_update(&c, JSNA_VERSION, strlen(JSNA_VERSION) + 1);
	for (i = 0; i < fp->n; i++) {
		const struct fp_entry *e = &fp->entry[i];

		sha256_update(&c, e->kind, strlen(e->kind) + 1);
		sha256_update(&c, e->path, strlen(e->path) + 1);
		sha256_update(&c, e->sha256, 64);
	}
	sha256_final(&c, fp->digest);
	return 0;
fail:
	if (st)
		store_rollback(st);
fail_done:
	fingerprint_release(fp);
	return -1;
}

int fingerprint_record(const struct fingerprint *fp, struct store *st,
		       long long run)
{
	size_t i;

	if (store_begin(st) < 0)
		return -1;
	for (i = 0; i < fp->n; i++) {
		const struct fp_entry *e = &fp->entry[i];

		if (store_put_run_file(st, run, e->kind, e->path, e->sha256,
				       e->size) < 0)
			goto fail;
	}
	if (store_run_record(st, run, fp->digest, NULL, NULL) < 0)
		goto fail;
	return store_commit(st);
fail:
	store_rollback(st);
	return -1;
}

void fingerprint_release(struct fingerprint *fp)
{
	size_t i;

	for (i = 0; i < fp->n; i++)
		free(fp->entry[i].path);
	free(fp->entry);
	memset(fp, 0, sizeof(*fp));
}
