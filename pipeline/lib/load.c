/* load.c - EES tidy files to observations. */
#include "jsna/load.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/period.h"
#include "jsna/sha256.h"
#include "jsna/strmap.h"
#include "jsna/util.h"

/* The standard EES geography and time columns. */
enum ees_col {
	C_TIME, C_TIMEID, C_LEVEL, C_COUNTRY_CODE, C_COUNTRY, C_REGION_CODE,
	C_REGION, C_OLD_LA, C_NEW_LA, C_LA_NAME, C_NCOLS
};
static const char *const ees_names[C_NCOLS] = {
	"time_period", "time_identifier", "geographic_level", "country_code",
	"country_name", "region_code", "region_name", "old_la_code",
	"new_la_code", "la_name"
};
/* Columns a file must have; the LA ones only when it has LA rows. */
static const int ees_required[] = { C_TIME, C_TIMEID, C_LEVEL, C_COUNTRY_CODE,
				    C_COUNTRY };

struct ctx {
	struct store *st;
	const struct source_registry *reg;
	const struct source_def *def;
	const char *name;
	long long run, file;
	int col[C_NCOLS];
	int *fcol, *mcol;
	size_t nheader;
	struct strmap areas;	/* codes already recorded in this file */
	struct buf filters;
	struct load_result *res;
	int system_error;
	int unknown;
};

static int bad(struct ctx *c, unsigned long line, unsigned long col,
	       const char *fmt, ...) JSNA_PRINTF(4, 5);

/* Reports a bad row while under the limit; always counts it. */
static int bad(struct ctx *c, unsigned long line, unsigned long col,
	       const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	c->res->errors++;
	if (c->res->errors > LOAD_MAX_ERRORS)
		return 0;
	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	error_at(c->name, line, col, "%s", msg.buf);
	buf_release(&msg);
	return 0;
}

static const char *field(const struct csvin_record *r, int i)
{
	return i >= 0 && (size_t)i < r->nfields ? r->fields[i].ptr : "";
}

static int on_header(struct ctx *c, const struct csvin_record *r)
{
	const struct source_def *amb;
	size_t i;

	c->def = source_match(c->reg, c->name, r, &amb);
	if (!c->def) {
		if (amb) {
			bad(c, r->line, 0,
			    "the header matches two source definitions equally ('%s' and another); make one of them stricter",
			    amb->path);
			return -1;
		}
		c->unknown = 1;
		return -1;
	}
	c->res->dataset = c->def->id;
	c->nheader = r->nfields;
	for (i = 0; i < C_NCOLS; i++)
		c->col[i] = csvin_find(r, ees_names[i]);
	for (i = 0; i < sizeof(ees_required) / sizeof(ees_required[0]); i++)
		if (c->col[ees_required[i]] < 0)
			bad(c, r->line, 0,
			    "no '%s' column: the layout '%s' (%s) needs the EES geography and time columns",
			    ees_names[ees_required[i]], c->def->id,
			    c->def->path);
	c->fcol = xcalloc(c->def->nfilters + 1, sizeof(int));
	c->mcol = xcalloc(c->def->nmeasures + 1, sizeof(int));
	for (i = 0; i < c->def->nfilters; i++)
		if ((c->fcol[i] = csvin_find(r, c->def->filters[i])) < 0)
			bad(c, r->line, 0, "no filter column '%s' (%s)",
			    c->def->filters[i], c->def->path);
	for (i = 0; i < c->def->nmeasures; i++)
		if ((c->mcol[i] = csvin_find(r, c->def->measures[i])) < 0)
			bad(c, r->line, 0, "no measure column '%s' (%s)",
			    c->def->measures[i], c->def->path);
	if (c->res->errors)
		return -1;
	if (store_put_dataset(c->st, c->def->id, c->def->title,
			      c->def->publisher, c->def->path) < 0 ||
	    store_file_replace(c->st, c->name, c->def->id, "", 0, c->run,
			       &c->file) < 0) {
		c->system_error = 1;
		return -1;
	}
	return 0;
}

static int record_area(struct ctx *c, const struct area *a)
{
	void **slot;

	if (strmap_has(&c->areas, a->code))
		return 0;
	slot = strmap_put(&c->areas, a->code);
	*slot = NULL;
	if (store_put_area(c->st, a) < 0) {
		c->system_error = 1;
		return -1;
	}
	return 0;
}

static int on_row(const struct csvin_record *r, void *vc)
{
	struct ctx *c = vc;
	struct observation o;
	struct area a;
	const char *level;
	size_t i;

	if (r->recno == 1)
		return on_header(c, r);
	if (r->nfields != c->nheader) {
		bad(c, r->line, r->nfields < c->nheader ? r->nfields + 1 :
		    c->nheader + 1,
		    "row has %zu fields but the header has %zu", r->nfields,
		    c->nheader);
		return c->res->errors > 1000000 ? -1 : 0;
	}
	memset(&o, 0, sizeof(o));
	if (period_parse(field(r, c->col[C_TIME]), field(r, c->col[C_TIMEID]),
			 &o.period) < 0) {
		bad(c, r->line, (unsigned long)c->col[C_TIME] + 1,
		    "column 'time_period': '%s' is not a period for time_identifier '%s'",
		    field(r, c->col[C_TIME]), field(r, c->col[C_TIMEID]));
		return 0;
	}
	level = field(r, c->col[C_LEVEL]);
	memset(&a, 0, sizeof(a));
	if (strcmp(level, "National") == 0) {
		a.code = field(r, c->col[C_COUNTRY_CODE]);
		a.name = field(r, c->col[C_COUNTRY]);
		a.level = "England";
	} else if (strcmp(level, "Regional") == 0) {
		a.code = field(r, c->col[C_REGION_CODE]);
		a.name = field(r, c->col[C_REGION]);
		a.level = "Region";
		a.parent = field(r, c->col[C_COUNTRY_CODE]);
	} else if (strcmp(level, "Local authority") == 0) {
		a.code = field(r, c->col[C_NEW_LA]);
		a.name = field(r, c->col[C_LA_NAME]);
		a.level = "LA";
		a.parent = field(r, c->col[C_REGION_CODE]);
		a.la_number = field(r, c->col[C_OLD_LA]);
	} else {
		/* Other geographies (LA districts, parliamentary...) are not
		 * used by the population-needs section yet. */
		c->res->skipped++;
		return 0;
	}
	if (!*a.code) {
		bad(c, r->line, 0, "%s row without an area code", level);
		return 0;
	}
	if (record_area(c, &a) < 0)
		return -1;

	buf_reset(&c->filters);
	for (i = 0; i < c->def->nfilters; i++) {
		if (i)
			buf_addch(&c->filters, 0x1f);
		buf_addf(&c->filters, "%s=%s", c->def->filters[i],
			 field(r, c->fcol[i]));
	}
	o.file = c->file;
	o.dataset = c->def->id;
	o.area = a.code;
	o.filters = c->filters.buf;
	for (i = 0; i < c->def->nmeasures; i++) {
		const char *v = field(r, c->mcol[i]);
		char sym[8];

		o.measure = c->def->measures[i];
		o.symbol = NULL;
		o.value = NAN;
		if (*v == '\0' || strspn(v, " ") == strlen(v)) {
			/* An empty cell: no value and no symbol. */
		} else if (csvin_parse_double(v, &o.value) == 0) {
		} else if (csvin_symbol(v, sym)) {
			o.symbol = sym;
		} else {
			bad(c, r->line, (unsigned long)c->mcol[i] + 1,
			    "column '%s': expected a number or a published symbol (c, x, z, u, low, ...), got '%s'",
			    o.measure, v);
			continue;
		}
		if (c->res->errors)
			continue;	/* the file is rejected: stop writing */
		if (store_put_observation(c->st, &o) < 0) {
			c->system_error = 1;
			return -1;
		}
		c->res->rows++;
	}
	return 0;
}

/* Is a definition with this hash still in the registry? */
static int source_unchanged(const struct source_registry *reg,
			    const char *sha)
{
	size_t i;

	for (i = 0; i < reg->n; i++)
		if (!strcmp(reg->defs[i].sha256, sha))
			return 1;
	return 0;
}

enum load_status load_file(struct store *st, const struct source_registry *reg,
			   const char *path, const char *name, long long run,
			   int force, struct load_result *res)
{
	struct ctx c;
	char sha[65], old[65], old_source[65];
	long long size;
	int found, io = 0, rc;
	enum load_status ret;

	memset(res, 0, sizeof(*res));
	if (sha256_file(path, sha, &size) < 0)
		return LOAD_SYSTEM;
	if (store_file_hash(st, name, old, old_source, &found) < 0)
		return LOAD_SYSTEM;
	/* Unchanged only if the bytes and the definition that read them are
	 * both the same: a changed definition may read more from them. */
	if (found && !force && strcmp(old, sha) == 0 &&
	    source_unchanged(reg, old_source))
		return LOAD_UNCHANGED;

	memset(&c, 0, sizeof(c));
	c.st = st;
	c.reg = reg;
	c.name = name;
	c.run = run;
	c.res = res;
	if (store_savepoint(st) < 0)
		return LOAD_SYSTEM;
	rc = csvin_read_named(path, name, on_row, &c, &io);
	if (c.system_error || io) {
		ret = LOAD_SYSTEM;
	} else if (c.unknown) {
		ret = LOAD_UNKNOWN;
	} else if (rc < 0 && !res->errors) {
		/* csvin reported a parse error (unterminated quote...). */
		res->errors = 1;
		ret = LOAD_REJECTED;
	} else if (res->errors) {
		ret = LOAD_REJECTED;
	} else if (!c.def) {
		/* An empty file: nothing to recognise. */
		ret = LOAD_UNKNOWN;
	} else {
		ret = LOAD_OK;
	}
	if (ret == LOAD_REJECTED && res->errors > LOAD_MAX_ERRORS)
		error_at(name, 0, 0, "%lu more bad rows not shown",
			 res->errors - LOAD_MAX_ERRORS);
	/* The hash is recorded only now that the whole file is good. */
	if (ret == LOAD_OK &&
	    (store_file_finish(st, c.file, sha, c.def->sha256, size,
			       res->rows) < 0 ||
	     store_savepoint_release(st) < 0))
		ret = LOAD_SYSTEM;
	if (ret != LOAD_OK)
		store_savepoint_rollback(st);
	strmap_release(&c.areas, NULL);
	buf_release(&c.filters);
	free(c.fcol);
	free(c.mcol);
	return ret;
}
