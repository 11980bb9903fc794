/* load_ees.c - DfE explore-education-statistics tidy files.
 *
 * The standard geography and time columns, found by name in any order,
 * then filter columns and indicator columns. Which are which comes from
 * the source definition (filters, measures), else from the companion
 * NAME.meta.csv beside the file (col_name, col_type), else from the
 * values: a column whose every cell is a number, a published symbol or
 * empty holds an indicator, any other a filter (a first pass over the
 * file, which streams like the second).
 */
#include <stdlib.h>
#include <string.h>

#include "jsna/period.h"
#include "load_int.h"

enum col {
	C_TIME, C_TIMEID, C_LEVEL, C_COUNTRY_CODE, C_COUNTRY, C_REGION_CODE,
	C_REGION, C_OLD_LA, C_NEW_LA, C_LA_NAME, C_LAD_CODE, C_LAD_NAME,
	C_NCOLS
};

static const char *const std_names[C_NCOLS] = {
	"time_period", "time_identifier", "geographic_level", "country_code",
	"country_name", "region_code", "region_name", "old_la_code",
	"new_la_code", "la_name", "lad_code", "lad_name"
};

struct ees {
	int col[C_NCOLS];
	int *fcol, *mcol;	/* header index of each filter and measure */
	char **fname, **mname;	/* their names (borrowed from the header
				 * copy in names) */
	size_t nf, nm;
	char **names;		/* the header, owned */
	size_t nnames;
	struct buf code;	/* scratch for a code made from a name */
	int warned_code;
};

static int is_standard(const char *name)
{
	size_t i;

	for (i = 0; i < C_NCOLS; i++)
		if (!strcmp(name, std_names[i]))
			return 1;
	return 0;
}

/* --- which columns are indicators --------------------------------- */

enum kind { K_UNKNOWN, K_FILTER, K_INDICATOR };

struct classify {
	enum kind *kind;	/* per header column */
	int *fixed;		/* 1: said by the .meta.csv */
	size_t n;
	int meta_name, meta_type;	/* columns of a .meta.csv */
	const char *const *names;
};

/* A first pass over the data: a cell that is neither a number, a symbol
 * nor empty makes its column a filter. */
static int classify_row(const struct csvin_record *r, void *vc)
{
	struct classify *c = vc;
	size_t i;

	if (r->recno == 1)
		return 0;
	for (i = 0; i < r->nfields && i < c->n; i++) {
		const char *s = r->fields[i].ptr + strspn(r->fields[i].ptr,
							   " ");
		double v;
		char sym[8];

		if (c->fixed[i] || c->kind[i] == K_FILTER || !*s)
			continue;
		if (csvin_parse_double(s, &v) == 0 || csvin_symbol(s, sym))
			c->kind[i] = K_INDICATOR;
		else
			c->kind[i] = K_FILTER;
	}
	return 0;
}

/* The companion metadata: col_name, col_type = Filter or Indicator. */
static int meta_row(const struct csvin_record *r, void *vc)
{
	struct classify *c = vc;
	const char *name, *type;
	size_t i;

	if (r->recno == 1) {
		c->meta_name = csvin_find(r, "col_name");
		c->meta_type = csvin_find(r, "col_type");
		return c->meta_name < 0 || c->meta_type < 0 ? -1 : 0;
	}
	if ((size_t)c->meta_name >= r->nfields ||
	    (size_t)c->meta_type >= r->nfields)
		return 0;
	name = r->fields[c->meta_name].ptr;
	type = r->fields[c->meta_type].ptr;
	for (i = 0; i < c->n; i++)
		if (!strcmp(c->names[i], name)) {
			c->kind[i] = str_ieq(type, "Indicator") ? K_INDICATOR :
				     K_FILTER;
			c->fixed[i] = 1;
		}
	return 0;
}

/* Reads NAME.meta.csv beside the file, when there is one. */
static int read_meta(struct load *l, struct classify *c)
{
	struct buf meta = BUF_INIT;
	size_t n = strlen(l->path);
	int ret = 0;
	FILE *f;

	if (n < 4 || strcmp(l->path + n - 4, ".csv") != 0)
		return 0;
	buf_add(&meta, l->path, n - 4);
	buf_adds(&meta, ".meta.csv");
	f = fopen(meta.buf, "r");
	if (f) {
		fclose(f);
		/* A malformed companion is ignored: the values decide. */
		ret = csvin_read_file(meta.buf, meta_row, c, NULL) == 0;
	}
	buf_release(&meta);
	return ret;
}

static void add_col(int **cols, char ***names, size_t *n, int i, char *name)
{
	*cols = xrealloc(*cols, (*n + 1) * sizeof(**cols));
	*names = xrealloc(*names, (*n + 1) * sizeof(**names));
	(*cols)[*n] = i;
	(*names)[*n] = name;
	(*n)++;
}

static int header(struct load *l, const struct csvin_record *h)
{
	struct ees *e = xcalloc(1, sizeof(*e));
	const struct source_def *d = l->def;
	size_t i;

	l->state = e;
	buf_init(&e->code, 0);
	e->nnames = h->nfields;
	e->names = xcalloc(h->nfields + 1, sizeof(char *));
	for (i = 0; i < h->nfields; i++)
		e->names[i] = xstrdup(h->fields[i].ptr +
				      strspn(h->fields[i].ptr, " "));
	for (i = 0; i < C_NCOLS; i++)
		e->col[i] = load_column(l, h, std_names[i],
					i <= C_COUNTRY_CODE);
	if (l->res->errors)
		return -1;

	if (d->nmeasures) {
		/* The definition says which columns to read. */
		for (i = 0; i < d->nfilters; i++) {
			int k = load_column(l, h, d->filters[i], 1);

			if (k >= 0)
				add_col(&e->fcol, &e->fname, &e->nf, k,
					e->names[k]);
		}
		for (i = 0; i < d->nmeasures; i++) {
			int k = load_column(l, h, d->measures[i], 1);

			if (k >= 0)
				add_col(&e->mcol, &e->mname, &e->nm, k,
					e->names[k]);
		}
		return l->res->errors ? -1 : 0;
	}

	/* Otherwise every other column, classified. */
	{
		struct classify c;

		memset(&c, 0, sizeof(c));
		c.n = h->nfields;
		c.kind = xcalloc(c.n + 1, sizeof(*c.kind));
		c.fixed = xcalloc(c.n + 1, sizeof(*c.fixed));
		c.names = (const char *const *)e->names;
		read_meta(l, &c);
		/* Columns the metadata does not name (a filter's grouping
		 * column, say) are told by their values. */
		for (i = 0; i < c.n; i++)
			if (!c.fixed[i] && !is_standard(e->names[i]))
				break;
		if (i < c.n)
			csvin_read_file(l->path, classify_row, &c, NULL);
		for (i = 0; i < h->nfields; i++) {
			if (is_standard(e->names[i]) || !*e->names[i])
				continue;
			if (load_column(l, h, e->names[i], 1) < 0)
				continue;	/* a name given twice */
			if (c.kind[i] == K_FILTER)
				add_col(&e->fcol, &e->fname, &e->nf, (int)i,
					e->names[i]);
			else
				add_col(&e->mcol, &e->mname, &e->nm, (int)i,
					e->names[i]);
		}
		free(c.kind);
		free(c.fixed);
	}
	if (!e->nm && !l->res->errors)
		load_bad(l, h->line, 0,
			 "no indicator columns: every column but the standard ones holds text");
	return l->res->errors ? -1 : 0;
}

static int row(struct load *l, const struct csvin_record *r)
{
	struct ees *e = l->state;
	struct observation o;
	struct area a;
	const char *level;
	size_t i;

	memset(&o, 0, sizeof(o));
	if (period_parse(load_field(r, e->col[C_TIME]),
			 load_field(r, e->col[C_TIMEID]), &o.period) < 0) {
		load_bad(l, r->line, (unsigned long)e->col[C_TIME] + 1,
			 "column 'time_period': '%s' is not a period (time_identifier '%s')",
			 load_field(r, e->col[C_TIME]),
			 load_field(r, e->col[C_TIMEID]));
		return 0;
	}
	level = load_field(r, e->col[C_LEVEL]);
	memset(&a, 0, sizeof(a));
	if (!strcmp(level, "National")) {
		a.code = load_field(r, e->col[C_COUNTRY_CODE]);
		a.name = load_field(r, e->col[C_COUNTRY]);
		a.level = "England";
	} else if (!strcmp(level, "Regional")) {
		a.code = load_field(r, e->col[C_REGION_CODE]);
		a.name = load_field(r, e->col[C_REGION]);
		a.level = "Region";
		a.parent = load_field(r, e->col[C_COUNTRY_CODE]);
	} else if (!strcmp(level, "Local authority")) {
		a.code = load_field(r, e->col[C_NEW_LA]);
		a.name = load_field(r, e->col[C_LA_NAME]);
		a.level = "LA";
		a.parent = load_field(r, e->col[C_REGION_CODE]);
		a.la_number = load_field(r, e->col[C_OLD_LA]);
	} else if (!strcmp(level, "Local authority district")) {
		a.code = load_field(r, e->col[C_LAD_CODE]);
		a.name = load_field(r, e->col[C_LAD_NAME]);
		a.level = "LAD";
		a.parent = load_field(r, e->col[C_NEW_LA]);
		/* A unitary authority is its own district: its district row
		 * (counted another way, EYFSP 2022) must not stand in for
		 * its "Local authority" row. */
		if (*a.code && !strcmp(a.code, a.parent))
			return 1;
	} else {
		/* Schools, constituencies...: not used by the section. */
		return 1;
	}
	if (!*a.code && !*a.name) {
		load_bad(l, r->line, 0,
			 "a '%s' row with neither an area code nor a name",
			 level);
		return 0;
	}
	if (!*a.code) {
		/* A named area without a GSS code (DfE's dashboards carry
		 * "Region demo" rows): kept under its name, said once. */
		buf_reset(&e->code);
		buf_addf(&e->code, "name:%s", a.name);
		a.code = e->code.buf;
		if (!e->warned_code++)
			warning_at(l->name, r->line, 0,
				   "'%s' has no area code: its rows are kept under the name, as '%s'",
				   a.name, a.code);
	}
	if (load_area(l, &a) < 0)
		return -1;
	for (i = 0; i < e->nf; i++)
		load_filter(l, e->fname[i], load_field(r, e->fcol[i]));
	o.area = a.code;
	o.filters = l->filters.buf;
	for (i = 0; i < e->nm; i++) {
		char sym[8];

		if (load_value(l, r, e->mcol[i], e->mname[i], &o.value,
			       sym) < 0)
			continue;
		o.measure = e->mname[i];
		o.symbol = sym[0] ? sym : NULL;
		if (load_put(l, &o) < 0)
			return -1;
	}
	return 0;
}

static void release(struct load *l)
{
	struct ees *e = l->state;
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->nnames; i++)
		free(e->names[i]);
	free(e->names);
	free(e->fcol);
	free(e->mcol);
	free(e->fname);
	free(e->mname);
	buf_release(&e->code);
	free(e);
	l->state = NULL;
}

static const char *const options[] = { "thousands", NULL };

const struct load_layout load_ees = {
	"ees", options, header, row, release, NULL
};
