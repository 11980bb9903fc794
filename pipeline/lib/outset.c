/* outset.c - output sets switched in one step; atomic file writes. */
#include "jsna/outset.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/util.h"

#define SETS_DIR ".runs"
#define CURRENT ".current"
#define KEEP_SETS 3	/* the current set and the two before it */

const char *const outset_entries[] = {
	"indicators.csv", "changes.md", "index.html", "charts", "tables",
	"report", NULL
};

int make_dirs(const char *dir)
{
	char *d = xstrdup(dir), *p;
	int ret = 0;

	for (p = d + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(d, 0777) < 0 && errno != EEXIST)
			ret = -1;
		*p = '/';
		if (ret < 0)
			break;
	}
	if (ret == 0 && mkdir(d, 0777) < 0 && errno != EEXIST)
		ret = -1;
	if (ret < 0)
		error_errno("cannot create the folder '%s'", d);
	free(d);
	return ret;
}

int remove_tree(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int ret = 0;

	if (!dp) {
		if (errno == ENOENT)
			return 0;
		return error_errno("cannot open the folder '%s'", dir);
	}
	while ((e = readdir(dp)) != NULL) {
		struct buf p = BUF_INIT;
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		buf_addf(&p, "%s/%s", dir, e->d_name);
		if (lstat(p.buf, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (remove_tree(p.buf) < 0)
				ret = -1;
		} else if (unlink(p.buf) < 0 && errno != ENOENT) {
			ret = error_errno("cannot remove '%s'", p.buf);
		}
		buf_release(&p);
	}
	closedir(dp);
	if (rmdir(dir) < 0 && errno != ENOENT)
		ret = error_errno("cannot remove the folder '%s'", dir);
	return ret;
}

int copy_file(const char *from, const char *to)
{
	char block[65536];
	ssize_t n, w, off;
	int in, out, ret = 0;

	in = open(from, O_RDONLY);
	if (in < 0)
		return error_errno("cannot open '%s'", from);
	out = open(to, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (out < 0) {
		close(in);
		return error_errno("cannot create '%s'", to);
	}
	while (ret == 0 && (n = read(in, block, sizeof(block))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = error_errno("cannot read '%s'", from);
			break;
		}
		for (off = 0; off < n; off += w) {
			w = write(out, block + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR) {
				w = 0;
			} else if (w < 0) {
				ret = error_errno("cannot write '%s'", to);
				break;
			}
		}
	}
	close(in);
	if (close(out) < 0 && ret == 0)
		ret = error_errno("cannot write '%s'", to);
	return ret;
}

/* Fills a new set with links to (or copies of) the files of the last. */
static int link_tree(const char *from, const char *to)
{
	DIR *dp = opendir(from);
	struct dirent *e;
	int ret = 0;

	if (!dp)
		return error_errno("cannot open the folder '%s'", from);
	while (ret == 0 && (e = readdir(dp)) != NULL) {
		struct buf a = BUF_INIT, b = BUF_INIT;
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		buf_addf(&a, "%s/%s", from, e->d_name);
		buf_addf(&b, "%s/%s", to, e->d_name);
		if (lstat(a.buf, &st) < 0) {
			ret = error_errno("cannot read '%s'", a.buf);
		} else if (S_ISDIR(st.st_mode)) {
			if (mkdir(b.buf, 0777) < 0 && errno != EEXIST)
				ret = error_errno("cannot create '%s'", b.buf);
			else
				ret = link_tree(a.buf, b.buf);
		} else if (S_ISREG(st.st_mode) && link(a.buf, b.buf) < 0) {
			ret = copy_file(a.buf, b.buf);
		}
		buf_release(&a);
		buf_release(&b);
	}
	closedir(dp);
	return ret;
}

int outset_open(const char *outputs, struct outset *os)
{
	const char *env = getenv("JSNA_OUTSET");
	struct buf b = BUF_INIT;
	struct stat st;
	char stamp[32];
	struct timespec ts;
	time_t t;
	struct tm tm;

	os->root = xstrdup(outputs);
	os->dir = NULL;
	os->owned = 0;
	if (env && *env) {
		if (stat(env, &st) < 0 || !S_ISDIR(st.st_mode)) {
			error("the output set '%s' given by the refresh is missing",
			      env);
			outset_release(os);
			return -1;
		}
		os->dir = xstrdup(env);
		return 0;
	}
	/* Names sort in time order, to the nanosecond, so pruning keeps the
	 * newest sets. */
	clock_gettime(CLOCK_REALTIME, &ts);
	t = ts.tv_sec;
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", &tm);
	buf_addf(&b, "%s/%s/%s.%09ldZ-%ld.tmp", outputs, SETS_DIR, stamp,
		 (long)ts.tv_nsec, (long)getpid());
	if (make_dirs(b.buf) < 0) {
		buf_release(&b);
		outset_release(os);
		return -1;
	}
	os->dir = buf_detach(&b, NULL);
	os->owned = 1;
	buf_addf(&b, "%s/%s", outputs, CURRENT);
	if (stat(b.buf, &st) == 0 && S_ISDIR(st.st_mode) &&
	    link_tree(b.buf, os->dir) < 0) {
		buf_release(&b);
		outset_abort(os);
		outset_release(os);
		return -1;
	}
	buf_release(&b);
	return 0;
}

int outset_export(const struct outset *os)
{
	if (setenv("JSNA_OUTSET", os->dir, 1) < 0)
		return error_errno("cannot pass on the output set");
	return 0;
}

char *outset_path(const struct outset *os, const char *rel)
{
	struct buf b = BUF_INIT;
	char *slash;

	buf_addf(&b, "%s/%s", os->dir, rel);
	slash = strrchr(b.buf, '/');
	*slash = '\0';
	if (make_dirs(b.buf) < 0) {
		buf_release(&b);
		return NULL;
	}
	*slash = '/';
	return buf_detach(&b, NULL);
}

int sync_path(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return error_errno("cannot open '%s'", path);
	if (fsync(fd) < 0 && errno != EINVAL) {
		close(fd);
		return error_errno("cannot sync '%s' to disk", path);
	}
	close(fd);
	return 0;
}

int tree_each(const char *dir, tree_fn *fn, void *ctx)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	struct stat st;
	int ret = 0;

	if (!dp)
		return error_errno("cannot open the folder '%s'", dir);
	while (ret == 0 && (e = readdir(dp)) != NULL) {
		struct buf p = BUF_INIT;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		buf_addf(&p, "%s/%s", dir, e->d_name);
		if (lstat(p.buf, &st) < 0)
			ret = error_errno("cannot read '%s'", p.buf);
		else if (S_ISDIR(st.st_mode))
			ret = tree_each(p.buf, fn, ctx);
		else
			ret = fn(p.buf, &st, ctx);
		buf_release(&p);
	}
	closedir(dp);
	if (ret == 0 && lstat(dir, &st) < 0)
		ret = error_errno("cannot read '%s'", dir);
	return ret ? ret : fn(dir, &st, ctx);
}

/* Syncs every file and folder of a set before it is switched to, so that
 * after a power cut .current never points to a set that is not whole:
 * the stages' libraries (cairo, libxlsxwriter) write files without
 * syncing them, and each folder's names need a sync of their own. */
static int sync_entry(const char *path, const struct stat *st, void *ctx)
{
	(void)ctx;
	if (S_ISDIR(st->st_mode) || S_ISREG(st->st_mode))
		return sync_path(path);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes sets beyond the newest KEEP_SETS and leftovers of killed runs
 * (the caller holds the warehouse lock, so no other set is being built). */
static void prune(const char *root)
{
	struct buf sets = BUF_INIT, cur = BUF_INIT;
	char target[4096];
	const char *current;
	ssize_t len;
	DIR *dp;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, alloc = 0, i, kept = 0;

	buf_addf(&sets, "%s/%s", root, SETS_DIR);
	dp = opendir(sets.buf);
	if (!dp) {
		buf_release(&sets);
		return;
	}
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		XGROW(names, alloc, n + 1);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), cmp_names);
	buf_addf(&cur, "%s/%s", root, CURRENT);
	len = readlink(cur.buf, target, sizeof(target) - 1);
	target[len > 0 ? len : 0] = '\0';
	current = strrchr(target, '/');
	current = current ? current + 1 : target;
	for (i = n; i-- > 0;) {
		int stale = str_ends_with(names[i], ".tmp");

		if (!strcmp(names[i], current))
			continue;	/* never the set readers are shown */
		if (stale || ++kept >= KEEP_SETS) {
			struct buf p = BUF_INIT;

			buf_addf(&p, "%s/%s", sets.buf, names[i]);
			remove_tree(p.buf);
			buf_release(&p);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_release(&sets);
	buf_release(&cur);
}

char *outset_name(const struct outset *os)
{
	const char *base = strrchr(os->dir, '/');
	char *name = xstrdup(base ? base + 1 : os->dir);

	if (str_ends_with(name, ".tmp"))
		name[strlen(name) - strlen(".tmp")] = '\0';
	return name;
}

int outset_publish(struct outset *os)
{
	struct buf final = BUF_INIT, link_tmp = BUF_INIT, cur = BUF_INIT;
	struct buf target = BUF_INIT, top = BUF_INIT, via = BUF_INIT;
	const char *base;
	int ret = -1;
	size_t i;

	if (!os->owned)
		return 0;
	buf_add(&final, os->dir, strlen(os->dir) - strlen(".tmp"));
	if (tree_each(os->dir, sync_entry, NULL) < 0)
		goto out;
	if (rename(os->dir, final.buf) < 0) {
		error_errno("cannot publish the output set '%s'", os->dir);
		goto out;
	}
	free(os->dir);
	os->dir = xstrdup(final.buf);
	os->owned = 0;
	/* The set's final name is on disk before .current names it. */
	buf_addf(&target, "%s/%s", os->root, SETS_DIR);
	if (sync_path(target.buf) < 0)
		goto out;
	buf_reset(&target);

	/* Switch .current in one rename of a fresh symbolic link. */
	base = strrchr(final.buf, '/') + 1;
	buf_addf(&target, "%s/%s", SETS_DIR, base);
	buf_addf(&link_tmp, "%s/%s.new", os->root, CURRENT);
	buf_addf(&cur, "%s/%s", os->root, CURRENT);
	unlink(link_tmp.buf);
	if (symlink(target.buf, link_tmp.buf) < 0 ||
	    rename(link_tmp.buf, cur.buf) < 0) {
		error_errno("cannot switch '%s' to the new output set", cur.buf);
		goto out;
	}
	/* The published names point through .current once and for all. */
	for (i = 0; outset_entries[i]; i++) {
		struct stat st;

		buf_reset(&top);
		buf_reset(&via);
		buf_addf(&top, "%s/%s", os->root, outset_entries[i]);
		buf_addf(&via, "%s/%s", CURRENT, outset_entries[i]);
		buf_reset(&target);
		buf_addf(&target, "%s/%s", os->dir, outset_entries[i]);
		if (lstat(target.buf, &st) < 0) {
			/* Not in this set: no link to nothing. */
			if (lstat(top.buf, &st) == 0 && S_ISLNK(st.st_mode))
				unlink(top.buf);
			continue;
		}
		if (lstat(top.buf, &st) == 0) {
			if (S_ISLNK(st.st_mode))
				continue;
			/* A real file or folder from an older layout. */
			if (S_ISDIR(st.st_mode) ? remove_tree(top.buf) < 0 :
			    unlink(top.buf) < 0) {
				error_errno("cannot replace '%s'", top.buf);
				goto out;
			}
		}
		if (symlink(via.buf, top.buf) < 0 && errno != EEXIST) {
			error_errno("cannot link '%s'", top.buf);
			goto out;
		}
	}
	sync_path(os->root);
	prune(os->root);
	ret = 0;
out:
	buf_release(&final);
	buf_release(&link_tmp);
	buf_release(&cur);
	buf_release(&target);
	buf_release(&top);
	buf_release(&via);
	return ret;
}

void outset_abort(struct outset *os)
{
	if (os->owned && os->dir)
		remove_tree(os->dir);
	os->owned = 0;
}

void outset_release(struct outset *os)
{
	free(os->root);
	free(os->dir);
	os->root = os->dir = NULL;
}

FILE *afile_open(struct afile *a, const char *path)
{
	struct buf b = BUF_INIT;
	char *slash;

	a->f = NULL;
	a->path = xstrdup(path);
	buf_addf(&b, "%s.tmp", path);
	a->tmp = buf_detach(&b, NULL);
	slash = strrchr(a->path, '/');
	if (slash && slash != a->path) {
		*slash = '\0';
		if (make_dirs(a->path) < 0) {
			*slash = '/';
			afile_abort(a);
			return NULL;
		}
		*slash = '/';
	}
	a->f = fopen(a->tmp, "wb");
	if (!a->f) {
		error_errno("cannot create '%s'", a->tmp);
		afile_abort(a);
		return NULL;
	}
	return a->f;
}

int afile_commit(struct afile *a)
{
	int ret = 0;

	if (fflush(a->f) != 0 || ferror(a->f) || fsync(fileno(a->f)) < 0)
		ret = error_errno("cannot write '%s'", a->path);
	if (fclose(a->f) != 0 && ret == 0)
		ret = error_errno("cannot write '%s'", a->path);
	a->f = NULL;
	if (ret == 0 && rename(a->tmp, a->path) < 0)
		ret = error_errno("cannot replace '%s'", a->path);
	if (ret < 0)
		unlink(a->tmp);
	free(a->path);
	free(a->tmp);
	a->path = a->tmp = NULL;
	return ret;
}

void afile_abort(struct afile *a)
{
	if (a->f)
		fclose(a->f);
	if (a->tmp)
		unlink(a->tmp);
	free(a->path);
	free(a->tmp);
	a->f = NULL;
	a->path = a->tmp = NULL;
}

int afile_write(const char *path, const void *data, size_t len)
{
	struct afile a;
	FILE *f = afile_open(&a, path);

	if (!f)
		return -1;
	if (len && fwrite(data, 1, len, f) != len) {
		error_errno("cannot write '%s'", path);
		afile_abort(&a);
		return -1;
	}
	return afile_commit(&a);
}
