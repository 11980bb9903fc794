/* source.c - reading and matching source definitions. */
#include "jsna/source.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/inifile.h"
#include "jsna/load.h"
#include "jsna/sha256.h"
#include "jsna/util.h"

#define MAX_LIST 256

struct parse {
	struct source_def *d;
	int seen_source;
	int bad;
};

static int set_list(char ***dst, size_t *n, const char *v)
{
	char *copy = xstrdup(v), *items[MAX_LIST];
	int i, m = inifile_split_list(copy, items, MAX_LIST);

	for (i = 0; i < (int)*n; i++)
		free((*dst)[i]);
	free(*dst);
	*dst = xcalloc((size_t)m + 1, sizeof(**dst));
	for (i = 0; i < m; i++)
		(*dst)[i] = xstrdup(items[i]);
	*n = (size_t)m;
	free(copy);
	return 0;
}

static int set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
	return 0;
}

static int on_key(const struct ini_key *k, void *vp)
{
	struct parse *p = vp;
	struct source_def *d = p->d;
	const char *n = k->name, *v = k->value;

	if (strcmp(k->section, "source") != 0)
		return error_at(k->path, k->line, 0,
				"unknown section '[%s]' (a source definition has only [source])",
				k->section);
	p->seen_source = 1;
	if (!strcmp(n, "id"))
		return set_str(&d->id, v);
	if (!strcmp(n, "title"))
		return set_str(&d->title, v);
	if (!strcmp(n, "publisher"))
		return set_str(&d->publisher, v);
	if (!strcmp(n, "match"))
		return set_str(&d->match, v);
	if (!strcmp(n, "require"))
		return set_list(&d->require, &d->nrequire, v);
	if (!strcmp(n, "filters"))
		return set_list(&d->filters, &d->nfilters, v);
	if (!strcmp(n, "measures"))
		return set_list(&d->measures, &d->nmeasures, v);
	if (!strcmp(n, "layout")) {
		d->layout = load_layout_find(v);
		if (d->layout)
			return 0;
		return error_at(k->path, k->line, 0,
				"unknown layout '%s' (known: %s)", v,
				load_layout_names());
	}
	/* Any other key belongs to the layout: checked once it is known. */
	d->opts = xrealloc(d->opts, (d->nopts + 1) * sizeof(*d->opts));
	d->opts[d->nopts].key = xstrdup(n);
	d->opts[d->nopts].value = xstrdup(v);
	d->opts[d->nopts].line = k->line;
	d->nopts++;
	return 0;
}

static void def_release(struct source_def *d)
{
	size_t i;

	free(d->path);
	free(d->sha256);
	free(d->id);
	free(d->title);
	free(d->publisher);
	free(d->match);
	for (i = 0; i < d->nrequire; i++)
		free(d->require[i]);
	free(d->require);
	for (i = 0; i < d->nfilters; i++)
		free(d->filters[i]);
	free(d->filters);
	for (i = 0; i < d->nmeasures; i++)
		free(d->measures[i]);
	free(d->measures);
	for (i = 0; i < d->nopts; i++) {
		free(d->opts[i].key);
		free(d->opts[i].value);
	}
	free(d->opts);
	memset(d, 0, sizeof(*d));
}

static int valid_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return 0;
	return 1;
}

static int read_def(const char *path, struct source_def *d)
{
	struct parse p = { d, 0, 0 };
	int ret;

	memset(d, 0, sizeof(*d));
	d->path = xstrdup(path);
	ret = inifile_read(path, on_key, &p);
	if (ret == 0) {
		size_t i;

		if (!d->layout)
			d->layout = load_layout_find("ees");
		for (i = 0; i < d->nopts; i++)
			if (!load_layout_option(d->layout, d->opts[i].key))
				ret = error_at(path, d->opts[i].line, 0,
					       "unknown key '%s' for the layout '%s'",
					       d->opts[i].key,
					       load_layout_name(d->layout));
		if (!d->id || !valid_id(d->id))
			ret = error_at(path, 0, 0,
				       "[source] needs an 'id' of lowercase letters, digits and '_'");
		else if (!d->nrequire)
			ret = error_at(path, 0, 0,
				       "[source] needs 'require': the header columns that identify the file");
	}
	if (ret == 0) {
		char sha[65];
		long long size;

		if (sha256_file(path, sha, &size) < 0)
			return -1;
		d->sha256 = xstrdup(sha);
		if (!d->title)
			d->title = xstrdup(d->id);
		if (!d->publisher)
			d->publisher = xstrdup("");
	}
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int source_registry_load(const char *dir, struct source_registry *reg)
{
	DIR *dp;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, alloc = 0, i, j, dalloc = 0;
	int ret = 0;

	reg->defs = NULL;
	reg->n = 0;
	dp = opendir(dir);
	if (!dp) {
		if (errno == ENOENT)
			return 0;
		return error_errno("cannot read the source definitions in '%s'",
				   dir);
	}
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.' || !str_ends_with(e->d_name, ".ini"))
			continue;
		XGROW(names, alloc, n + 1);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dp);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		struct buf p = BUF_INIT;
		struct source_def d;

		buf_addf(&p, "%s/%s", dir, names[i]);
		if (read_def(p.buf, &d) < 0) {
			def_release(&d);
			ret = -1;
		} else {
			for (j = 0; j < reg->n; j++)
				if (strcmp(reg->defs[j].id, d.id) == 0)
					break;
			if (j < reg->n) {
				ret = error_at(p.buf, 0, 0,
					       "dataset id '%s' is already defined in '%s'",
					       d.id, reg->defs[j].path);
				def_release(&d);
			} else {
				XGROW(reg->defs, dalloc, reg->n + 1);
				reg->defs[reg->n++] = d;
			}
		}
		buf_release(&p);
		free(names[i]);
	}
	free(names);
	return ret;
}

void source_registry_release(struct source_registry *reg)
{
	size_t i;

	for (i = 0; i < reg->n; i++)
		def_release(&reg->defs[i]);
	free(reg->defs);
	reg->defs = NULL;
	reg->n = 0;
}

const struct source_def *source_match(const struct source_registry *reg,
				      const char *filename,
				      const struct csvin_record *header,
				      const struct source_def **ambiguous)
{
	const struct source_def *best = NULL;
	const char *base = strrchr(filename, '/');
	size_t i, j;

	base = base ? base + 1 : filename;
	*ambiguous = NULL;
	for (i = 0; i < reg->n; i++) {
		const struct source_def *d = &reg->defs[i];

		if (d->match && fnmatch(d->match, base, 0) != 0)
			continue;
		for (j = 0; j < d->nrequire; j++)
			if (csvin_find(header, d->require[j]) < 0)
				break;
		if (j < d->nrequire)
			continue;
		if (!best || d->nrequire > best->nrequire) {
			best = d;
			*ambiguous = NULL;
		} else if (d->nrequire == best->nrequire) {
			*ambiguous = d;
		}
	}
	return *ambiguous ? NULL : best;
}

const char *source_option(const struct source_def *def, const char *key)
{
	size_t i;

	for (i = 0; i < def->nopts; i++)
		if (!strcmp(def->opts[i].key, key))
			return def->opts[i].value;
	return NULL;
}

const struct source_def *source_find(const struct source_registry *reg,
				     const char *id)
{
	size_t i;

	for (i = 0; i < reg->n; i++)
		if (strcmp(reg->defs[i].id, id) == 0)
			return &reg->defs[i];
	return NULL;
}
