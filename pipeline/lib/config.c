/* config.c - reading and checking jsna.ini. */
#include "jsna/config.h"

#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/inifile.h"
#include "jsna/util.h"

struct loader {
	struct config *cfg;
	char *dir;
	unsigned long area_line;
};

char *path_join(const char *dir, const char *rel)
{
	struct buf b = BUF_INIT;

	if (rel[0] == '/' || !dir || !*dir || strcmp(dir, ".") == 0)
		return xstrdup(rel);
	buf_adds(&b, dir);
	if (b.buf[b.len - 1] != '/')
		buf_addch(&b, '/');
	buf_adds(&b, rel);
	return buf_detach(&b, NULL);
}

int config_parse_formats(const char *list, const char *where,
			 unsigned allowed, unsigned *out)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "png", FORMAT_PNG }, { "svg", FORMAT_SVG },
		{ "pdf", FORMAT_PDF }, { "csv", FORMAT_CSV },
		{ "md", FORMAT_MD }, { "html", FORMAT_HTML },
		{ "xlsx", FORMAT_XLSX },
	};
	char *copy = xstrdup(list), *items[16];
	int n = inifile_split_list(copy, items, 16), i, ret = 0;
	size_t j;

	*out = 0;
	for (i = 0; i < n; i++) {
		for (j = 0; j < sizeof(names) / sizeof(names[0]); j++)
			if (strcmp(items[i], names[j].name) == 0 &&
			    (names[j].bit & allowed))
				break;
		if (j == sizeof(names) / sizeof(names[0])) {
			ret = error("%s: unknown format '%s'", where, items[i]);
			continue;
		}
		*out |= names[j].bit;
	}
	if (n == 0)
		ret = error("%s: no format given", where);
	free(copy);
	return ret;
}

static int set_path(char **dst, const struct loader *l,
		    const struct ini_key *k)
{
	const char *v = k->value;

	/* Joined to the folder, an empty value would name the folder of
	 * the configuration itself. */
	if (!*v)
		return error_at(k->path, k->line, 0, "'%s' needs a path",
				k->name);
	free(*dst);
	*dst = path_join(l->dir, v);
	return 0;
}

static int on_key(const struct ini_key *k, void *vl)
{
	struct loader *l = vl;
	struct config *c = l->cfg;
	const char *s = k->section, *n = k->name, *v = k->value;

	if (strcmp(s, "area") == 0) {
		if (strcmp(n, "code") == 0) {
			if (!*v)
				return error_at(k->path, k->line, 0,
						"'code' needs the authority's GSS code, e.g. E06000050");
			free(c->area_code);
			c->area_code = xstrdup(v);
			return 0;
		}
		if (strcmp(n, "benchmarks") == 0) {
			char *copy = xstrdup(v), *items[CONFIG_MAX_BENCHMARKS + 1];
			int i, m = inifile_split_list(copy, items,
						      CONFIG_MAX_BENCHMARKS + 1);

			if (m > CONFIG_MAX_BENCHMARKS || m == 0) {
				free(copy);
				return error_at(k->path, k->line, 0,
						"'benchmarks' takes 1 to %d area codes (England first, then the region)",
						CONFIG_MAX_BENCHMARKS);
			}
			for (i = 0; i < (int)c->nbenchmarks; i++)
				free(c->benchmarks[i]);
			for (i = 0; i < m; i++)
				c->benchmarks[i] = xstrdup(items[i]);
			c->nbenchmarks = (size_t)m;
			free(copy);
			return 0;
		}
		if (strcmp(n, "neighbours") == 0)
			return *v ? set_path(&c->neighbours, l, k) : 0;
	} else if (strcmp(s, "paths") == 0) {
		if (strcmp(n, "inputs") == 0)
			return set_path(&c->inputs, l, k);
		if (strcmp(n, "sources") == 0)
			return set_path(&c->sources, l, k);
		if (strcmp(n, "indicators") == 0)
			return set_path(&c->indicators, l, k);
		if (strcmp(n, "warehouse") == 0)
			return set_path(&c->warehouse, l, k);
		if (strcmp(n, "outputs") == 0)
			return set_path(&c->outputs, l, k);
	} else if (strcmp(s, "publish") == 0) {
		if (strcmp(n, "suppress_below") == 0 ||
		    strcmp(n, "suppress_below_locality") == 0) {
			char *end;
			long x = strtol(v, &end, 10);

			if (!*v || *end || x < 0 || x > 1000)
				return error_at(k->path, k->line, 0,
						"'%s' must be a whole number from 0 to 1000, not '%s'",
						n, v);
			if (n[strlen("suppress_below")])
				c->suppress_below_locality = (int)x;
			else
				c->suppress_below = (int)x;
			return 0;
		}
		if (strcmp(n, "formats") == 0) {
			struct buf where = BUF_INIT;
			int ret;

			buf_addf(&where, "%s:%lu", k->path, k->line);
			ret = config_parse_formats(v, where.buf,
						   FORMAT_PNG | FORMAT_SVG |
						   FORMAT_PDF, &c->formats);
			buf_release(&where);
			return ret;
		}
		if (strcmp(n, "palette") == 0) {
			if (strcmp(v, "govuk") == 0)
				c->palette = 0;
			else if (strcmp(v, "fingertips") == 0)
				c->palette = 1;
			else
				return error_at(k->path, k->line, 0,
						"'palette' is 'govuk' or 'fingertips', not '%s'",
						v);
			return 0;
		}
	} else if (strcmp(s, "history") == 0) {
		if (strcmp(n, "runs") == 0) {
			char *end;
			long x = strtol(v, &end, 10);

			if (!*v || *end || x < 1 || x > 10000)
				return error_at(k->path, k->line, 0,
						"'runs' must be a whole number from 1 to 10000, not '%s'",
						v);
			c->history_runs = (int)x;
			return 0;
		}
	} else {
		return error_at(k->path, k->line, 0,
				"unknown section '[%s]' (known: area, paths, publish, history)",
				s);
	}
	return error_at(k->path, k->line, 0, "unknown key '%s' in [%s]", n, s);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int config_load(const char *path, struct config *cfg)
{
	struct loader l;
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	l.cfg = cfg;
	l.dir = dir_of(path);
	cfg->path = xstrdup(path);
	cfg->inputs = path_join(l.dir, "inputs");
	cfg->indicators = path_join(l.dir, "indicators");
	cfg->warehouse = path_join(l.dir, "var/jsna.db");
	cfg->outputs = path_join(l.dir, "outputs");
	cfg->suppress_below = 5;
	cfg->suppress_below_locality = 10;
	cfg->history_runs = 30;
	cfg->formats = FORMAT_PNG | FORMAT_SVG | FORMAT_PDF;
	cfg->benchmarks[0] = xstrdup("E92000001");
	cfg->nbenchmarks = 1;

	ret = inifile_read(path, on_key, &l);
	if (!cfg->sources) {
		/* Beside the extracts, wherever inputs was set. */
		struct buf b = BUF_INIT;

		buf_addf(&b, "%s/sources", cfg->inputs);
		cfg->sources = buf_detach(&b, NULL);
	}
	if (ret == 0 && !cfg->area_code)
		ret = error_at(path, 0, 0,
			       "no area: set 'code' in [area] to the authority's GSS code, e.g. E06000050");
	free(l.dir);
	if (ret < 0)
		config_release(cfg);
	return ret;
}

void config_release(struct config *cfg)
{
	size_t i;

	free(cfg->path);
	free(cfg->area_code);
	for (i = 0; i < cfg->nbenchmarks; i++)
		free(cfg->benchmarks[i]);
	free(cfg->neighbours);
	free(cfg->inputs);
	free(cfg->sources);
	free(cfg->indicators);
	free(cfg->warehouse);
	free(cfg->outputs);
	memset(cfg, 0, sizeof(*cfg));
}
