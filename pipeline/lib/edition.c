/* edition.c - signed-off editions: frozen copies, their manifest and
 * record, and checking them. */
#include "jsna/edition.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "jsna/outset.h"
#include "jsna/sha256.h"
#include "jsna/util.h"

int edition_name_ok(const char *name)
{
	size_t n = strlen(name), i;

	if (n == 0 || n > EDITION_NAME_MAX || name[0] == '.' ||
	    str_ends_with(name, ".tmp"))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr("._-", name[i]))
			return 0;
	return 1;
}

/* ---- walking a tree ---- */

struct names {
	char **v;
	size_t n, alloc;
};

static void names_release(struct names *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds to out the path, relative to top, of everything under top/rel
 * that is not a folder. */
static int walk(const char *top, const char *rel, struct names *out)
{
	struct buf path = BUF_INIT;
	struct dirent *e;
	DIR *dp;
	int ret = 0;

	buf_adds(&path, top);
	if (*rel)
		buf_addf(&path, "/%s", rel);
	dp = opendir(path.buf);
	if (!dp) {
		ret = error_errno("cannot open the folder '%s'", path.buf);
		buf_release(&path);
		return ret;
	}
	while (ret == 0 && (e = readdir(dp)) != NULL) {
		struct buf sub = BUF_INIT, full = BUF_INIT;
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (*rel)
			buf_addf(&sub, "%s/%s", rel, e->d_name);
		else
			buf_adds(&sub, e->d_name);
		buf_addf(&full, "%s/%s", top, sub.buf);
		if (lstat(full.buf, &st) < 0) {
			ret = error_errno("cannot read '%s'", full.buf);
		} else if (S_ISDIR(st.st_mode)) {
			ret = walk(top, sub.buf, out);
		} else {
			XGROW(out->v, out->alloc, out->n + 1);
			out->v[out->n++] = buf_detach(&sub, NULL);
		}
		buf_release(&sub);
		buf_release(&full);
	}
	closedir(dp);
	buf_release(&path);
	return ret;
}

/* ---- freezing ---- */

static int copy_tree(const char *from, const char *to)
{
	struct dirent *e;
	DIR *dp = opendir(from);
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
		if (lstat(a.buf, &st) < 0)
			ret = error_errno("cannot read '%s'", a.buf);
		else if (S_ISDIR(st.st_mode))
			ret = mkdir(b.buf, 0755) < 0 ?
			      error_errno("cannot create the folder '%s'",
					  b.buf) :
			      copy_tree(a.buf, b.buf);
		else if (S_ISREG(st.st_mode))
			ret = copy_file(a.buf, b.buf);
		else
			ret = error("'%s' is neither a file nor a folder: an edition holds only files",
				    a.buf);
		buf_release(&a);
		buf_release(&b);
	}
	closedir(dp);
	return ret;
}

int edition_copy(const char *from, const char *to)
{
	if (make_dirs(to) < 0)
		return -1;
	return copy_tree(from, to);
}

int edition_manifest(const char *dir, struct buf *out, size_t *nfiles)
{
	struct names l = { 0 };
	size_t i;
	int ret;

	*nfiles = 0;
	ret = walk(dir, "", &l);
	if (ret == 0 && l.n)
		qsort(l.v, l.n, sizeof(*l.v), cmp_str);
	for (i = 0; ret == 0 && i < l.n; i++) {
		struct buf p = BUF_INIT;
		struct stat st;
		char hex[65];
		long long size;

		if (!strcmp(l.v[i], EDITION_MANIFEST))
			continue;
		buf_addf(&p, "%s/%s", dir, l.v[i]);
		/* sha256sum writes such names escaped: keep to plain ones. */
		if (strpbrk(l.v[i], "\\\n\r"))
			ret = error("'%s': a name with a backslash or a line break cannot go in the manifest",
				    p.buf);
		else if (lstat(p.buf, &st) < 0)
			ret = error_errno("cannot read '%s'", p.buf);
		else if (!S_ISREG(st.st_mode))
			ret = error("'%s' is not a file: an edition holds only files",
				    p.buf);
		else if (sha256_file(p.buf, hex, &size) < 0)
			ret = -1;
		if (ret == 0) {
			buf_addf(out, "%s  %s\n", hex, l.v[i]);
			(*nfiles)++;
		}
		buf_release(&p);
	}
	names_release(&l);
	return ret;
}

/* Read-only, and on disk: a file 0444, a folder 0555 once all it holds
 * is. */
static int seal_entry(const char *path, const struct stat *st, void *ctx)
{
	int dir = S_ISDIR(st->st_mode);

	(void)ctx;
	if (!dir && !S_ISREG(st->st_mode))
		return 0;
	if (chmod(path, dir ? 0555 : 0444) < 0)
		return error_errno("cannot make %s'%s' read-only",
				   dir ? "the folder " : "", path);
	return sync_path(path);
}

int edition_seal(const char *dir)
{
	return tree_each(dir, seal_entry, NULL);
}

int edition_install(const char *tmp, const char *final)
{
	char *parent = xstrdup(final), *slash = strrchr(parent, '/');
	int ret = 0;

	if (rename(tmp, final) < 0)
		ret = error_errno("cannot rename '%s' to '%s'", tmp, final);
	if (ret == 0) {
		if (slash && slash != parent)
			*slash = '\0';
		else
			strcpy(parent, slash ? "/" : ".");
		ret = sync_path(parent);
	}
	free(parent);
	return ret;
}

/* Gives the owner write access to every folder of the tree again. */
static void unseal(const char *dir)
{
	struct dirent *e;
	DIR *dp;

	chmod(dir, 0755);
	dp = opendir(dir);
	if (!dp)
		return;
	while ((e = readdir(dp)) != NULL) {
		struct buf p = BUF_INIT;
		struct stat st;

		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			buf_addf(&p, "%s/%s", dir, e->d_name);
			if (lstat(p.buf, &st) == 0 && S_ISDIR(st.st_mode))
				unseal(p.buf);
		}
		buf_release(&p);
	}
	closedir(dp);
}

int edition_remove(const char *dir)
{
	struct stat st;

	if (lstat(dir, &st) < 0)
		return errno == ENOENT ? 0 :
		       error_errno("cannot read '%s'", dir);
	unseal(dir);
	return remove_tree(dir);
}

int edition_remove_stale(const char *editions, size_t *removed)
{
	struct dirent *e;
	DIR *dp = opendir(editions);
	int ret = 0;

	*removed = 0;
	if (!dp)
		return errno == ENOENT ? 0 :
		       error_errno("cannot open the folder '%s'", editions);
	while ((e = readdir(dp)) != NULL) {
		struct buf p = BUF_INIT;

		if (e->d_name[0] != '.' && str_ends_with(e->d_name, ".tmp")) {
			buf_addf(&p, "%s/%s", editions, e->d_name);
			if (edition_remove(p.buf) < 0)
				ret = -1;
			else
				(*removed)++;
		}
		buf_release(&p);
	}
	closedir(dp);
	return ret;
}

/* ---- checking ---- */

struct entry {
	char *path;
	char hex[65];
	unsigned long line;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* A path that stays inside the edition: relative, no "..". */
static int inside(const char *path)
{
	const char *p = path;

	if (!*path || *path == '/')
		return 0;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && !strncmp(p, "..", 2))
			return 0;
		p += n;
		if (*p == '/')
			p++;
	}
	return 1;
}

/* Reads the manifest's lines into *ents (sorted by path); a line that
 * cannot be read is reported and counted in *nbad. */
static int read_manifest(const char *manifest, struct entry **ents,
			 size_t *n, size_t *nbad)
{
	FILE *f = fopen(manifest, "r");
	char *line = NULL;
	size_t cap = 0, alloc = 0, i;
	unsigned long lineno = 0;
	ssize_t len;

	*ents = NULL;
	*n = 0;
	if (!f) {
		if (errno != ENOENT)
			return error_errno("cannot open '%s'", manifest);
		error_at(manifest, 0, 0,
			 "missing: the edition cannot be checked");
		(*nbad)++;
		return 0;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		char *path = line + 66;

		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		for (i = 0; i < 64 && isxdigit((unsigned char)line[i]); i++)
			;
		if (i < 64 || len < 67 || line[64] != ' ' ||
		    (line[65] != ' ' && line[65] != '*')) {
			error_at(manifest, lineno, 0,
				 "not a 'SHA256  PATH' line");
			(*nbad)++;
			continue;
		}
		if (!inside(path)) {
			error_at(manifest, lineno, 0,
				 "'%s' is not a path inside the edition", path);
			(*nbad)++;
			continue;
		}
		XGROW(*ents, alloc, *n + 1);
		memcpy((*ents)[*n].hex, line, 64);
		(*ents)[*n].hex[64] = '\0';
		(*ents)[*n].path = xstrdup(path);
		(*ents)[*n].line = lineno;
		(*n)++;
	}
	if (ferror(f)) {
		error_errno("cannot read '%s'", manifest);
		free(line);
		fclose(f);
		return -1;
	}
	free(line);
	fclose(f);
	if (*n)
		qsort(*ents, *n, sizeof(**ents), cmp_entry);
	return 0;
}

/* Checks one file listed in the manifest and found in the edition. */
static void check_file(const char *dir, const struct entry *m, size_t *nbad)
{
	struct buf p = BUF_INIT;
	struct stat st;
	char hex[65];
	long long size;

	buf_addf(&p, "%s/%s", dir, m->path);
	if (lstat(p.buf, &st) < 0 || !S_ISREG(st.st_mode)) {
		error_at(p.buf, 0, 0, "not a file, though %s lists it",
			 EDITION_MANIFEST);
		(*nbad)++;
	} else if (sha256_file(p.buf, hex, &size) < 0) {
		(*nbad)++;
	} else if (strcasecmp(hex, m->hex)) {
		error_at(p.buf, 0, 0,
			 "changed since the edition was frozen (its SHA-256 is not the one in %s)",
			 EDITION_MANIFEST);
		(*nbad)++;
	}
	buf_release(&p);
}

int edition_verify(const char *dir, size_t *nfiles, size_t *nbad)
{
	struct buf manifest = BUF_INIT, p = BUF_INIT;
	struct names have = { 0 };
	struct entry *m = NULL;
	size_t nm = 0, i = 0, j = 0;
	int ret;

	*nfiles = 0;
	*nbad = 0;
	buf_addf(&manifest, "%s/%s", dir, EDITION_MANIFEST);
	ret = read_manifest(manifest.buf, &m, &nm, nbad);
	if (ret == 0)
		ret = walk(dir, "", &have);
	if (ret < 0)
		goto out;
	if (have.n)
		qsort(have.v, have.n, sizeof(*have.v), cmp_str);
	*nfiles = nm;
	while (i < nm || j < have.n) {
		int c;

		if (j < have.n && !strcmp(have.v[j], EDITION_MANIFEST)) {
			j++;
			continue;
		}
		if (i > 0 && i < nm && !strcmp(m[i].path, m[i - 1].path)) {
			error_at(manifest.buf, m[i].line, 0,
				 "'%s' is listed twice", m[i].path);
			(*nbad)++;
			i++;
			continue;
		}
		c = i >= nm ? 1 : j >= have.n ? -1 : strcmp(m[i].path,
							     have.v[j]);
		buf_reset(&p);
		if (c == 0) {
			check_file(dir, &m[i++], nbad);
			j++;
		} else if (c < 0) {
			buf_addf(&p, "%s/%s", dir, m[i++].path);
			error_at(p.buf, 0, 0, "missing, though %s lists it",
				 EDITION_MANIFEST);
			(*nbad)++;
		} else {
			buf_addf(&p, "%s/%s", dir, have.v[j++]);
			error_at(p.buf, 0, 0,
				 "not in %s: added since the edition was frozen",
				 EDITION_MANIFEST);
			(*nbad)++;
		}
	}
out:
	for (i = 0; i < nm; i++)
		free(m[i].path);
	free(m);
	names_release(&have);
	buf_release(&manifest);
	buf_release(&p);
	return ret;
}

/* ---- the record ---- */

/* Appends s as the text of a Markdown table cell. */
static void add_cell(struct buf *b, const char *s)
{
	if (!s || !*s) {
		buf_adds(b, "not recorded");
		return;
	}
	for (; *s; s++) {
		if (*s == '|')
			buf_adds(b, "\\|");
		else if (*s == '\n' || *s == '\r')
			buf_addch(b, ' ');
		else
			buf_addch(b, *s);
	}
}

/* The label of the area's latest period with a value, or NULL. */
static const char *latest_with_value(const struct result_indicator *ind)
{
	const struct result_point *pt = ind->series[SERIES_AREA].pt;
	size_t j;

	for (j = ind->nperiods; pt && j-- > 0;)
		if (pt[j].present && !isnan(pt[j].value))
			return ind->periods[j].label;
	return NULL;
}

static int on_source_file(const struct source_file_info *f, void *vb)
{
	struct buf *b = vb;

	buf_adds(b, "| `");
	add_cell(b, f->path);
	buf_adds(b, "` | ");
	add_cell(b, f->dataset);
	buf_addf(b, " | `%s` | ", f->sha256);
	add_cell(b, f->loaded);
	buf_adds(b, " |\n");
	return 0;
}

int edition_record(const struct edition_meta *m, const struct results *r,
		   struct store *st, struct buf *out)
{
	size_t i;

	buf_addf(out, "# Edition %s\n\n", m->name);
	buf_adds(out,
		 "A signed-off edition of the children's JSNA outputs, frozen "
		 "as they were\npublished. It is read-only, and later "
		 "refreshes never change it. To check\nthat no file has "
		 "changed since, run `sha256sum -c " EDITION_MANIFEST "` in "
		 "this\nfolder, or `jsna publish --verify ");
	buf_addf(out, "%s`.\n\n", m->name);
	buf_addf(out, "- Edition: %s\n- Frozen: %s\n", m->name, m->frozen);
	if (m->run > 0) {
		buf_addf(out, "- Refresh run: %lld", m->run);
		if (m->run_ended && *m->run_ended)
			buf_addf(out, " (ended %s)", m->run_ended);
		buf_adds(out, "\n");
	} else {
		buf_adds(out, "- Refresh run: none recorded (the outputs were "
			      "published by a stage run on its own)\n");
	}
	buf_addf(out, "- Program: jsna %s\n- Area: ", m->version);
	add_cell(out, r->area_name);
	buf_addf(out, " (%s)\n\n", r->area_code);

	buf_adds(out, "## Data vintage\n\nEach indicator's source, when that "
		      "source was last published, and\nthe latest period with "
		      "a value for ");
	add_cell(out, r->area_name);
	buf_adds(out, ".\n\n| Indicator | Latest period | Source | "
		      "Published |\n|---|---|---|---|\n");
	for (i = 0; i < r->n; i++) {
		const struct result_indicator *ind = &r->ind[i];
		const char *latest = latest_with_value(ind);

		buf_adds(out, "| ");
		add_cell(out, ind->title);
		buf_addf(out, " (`%s`) | ", ind->id);
		buf_adds(out, latest ? latest : "no value");
		buf_adds(out, " | ");
		add_cell(out, ind->source);
		buf_adds(out, " | ");
		add_cell(out, ind->last_update);
		buf_adds(out, " |\n");
	}
	if (!r->n)
		buf_adds(out, "| no indicator calculated | | | |\n");
	buf_adds(out, "\n## Input files\n\nThe extracts in the warehouse "
		      "when the edition was frozen, each as last\nloaded.\n\n"
		      "| File | Dataset | SHA-256 | Loaded |\n|---|---|---|---|\n");
	return store_each_source_file(st, on_source_file, out);
}

int edition_timestamp(char out[32])
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (env && *env) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(env, &end, 10);
		if (*end || v < 0 || errno || v > 253402300799LL)
			return error("SOURCE_DATE_EPOCH is '%s', not a number of seconds since 1970",
				     env);
		t = (time_t)v;
	}
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}

/* ---- listing ---- */

static void read_info(const char *dir, struct edition_info *e)
{
	struct buf p = BUF_INIT;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;

	buf_addf(&p, "%s/%s", dir, EDITION_RECORD);
	f = fopen(p.buf, "r");
	while (f && (len = getline(&line, &cap, f)) >= 0) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!strncmp(line, "- Frozen: ", 10) && !*e->frozen)
			snprintf(e->frozen, sizeof(e->frozen), "%s",
				 line + 10);
		else if (!strncmp(line, "- Refresh run: ", 15) && !e->run)
			e->run = atoll(line + 15);
	}
	if (f)
		fclose(f);
	buf_reset(&p);
	buf_addf(&p, "%s/%s", dir, EDITION_MANIFEST);
	f = fopen(p.buf, "r");
	while (f && (len = getline(&line, &cap, f)) >= 0)
		if (len > 1)
			e->nfiles++;
	if (f)
		fclose(f);
	free(line);
	buf_release(&p);
}

static int cmp_info(const void *a, const void *b)
{
	const struct edition_info *x = a, *y = b;
	int c = strcmp(x->frozen, y->frozen);

	return c ? c : strcmp(x->name, y->name);
}

int edition_list(const char *outputs, struct edition_list *l)
{
	struct buf dir = BUF_INIT;
	struct dirent *e;
	size_t alloc = 0;
	DIR *dp;

	memset(l, 0, sizeof(*l));
	buf_addf(&dir, "%s/%s", outputs, EDITIONS_DIR);
	dp = opendir(dir.buf);
	if (!dp) {
		int ret = errno == ENOENT ? 0 :
			  error_errno("cannot open the folder '%s'", dir.buf);

		buf_release(&dir);
		return ret;
	}
	while ((e = readdir(dp)) != NULL) {
		struct buf p = BUF_INIT;
		struct stat st;

		if (!edition_name_ok(e->d_name))
			continue;
		buf_addf(&p, "%s/%s", dir.buf, e->d_name);
		if (lstat(p.buf, &st) == 0 && S_ISDIR(st.st_mode)) {
			struct edition_info *info;

			XGROW(l->e, alloc, l->n + 1);
			info = &l->e[l->n++];
			memset(info, 0, sizeof(*info));
			info->name = xstrdup(e->d_name);
			read_info(p.buf, info);
		}
		buf_release(&p);
	}
	closedir(dp);
	buf_release(&dir);
	if (l->n)
		qsort(l->e, l->n, sizeof(*l->e), cmp_info);
	return 0;
}

void edition_list_release(struct edition_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->e[i].name);
	free(l->e);
	memset(l, 0, sizeof(*l));
}
