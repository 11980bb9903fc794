/* load.c - loading one extract: recognise it, read it in its layout,
 * write it in a savepoint, keep the last good load when it is bad. The
 * layouts themselves are load_*.c (load_int.h). */
#include "jsna/load.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsna/sha256.h"
#include "load_int.h"

static const struct load_layout *const layouts[] = {
	&load_ees,		/* load_ees.c: DfE EES tidy files */
	&load_mye2,		/* load_mye2.c: ONS MYE2 wide tables */
	&load_snpp,		/* load_snpp.c: ONS population projections */
	&load_fingertips,	/* load_fingertips.c: OHID Fingertips exports */
	&load_lait,		/* load_lait.c: DfE's LAIT long table */
	&load_lookup,		/* load_lookup.c: area lookups, neighbours */
	&load_table,		/* load_table.c: local extracts, declared */
	&load_sape,		/* load_sape.c: ONS small-area estimates */
	NULL
};

const struct load_layout *load_layout_find(const char *name)
{
	size_t i;

	for (i = 0; layouts[i]; i++)
		if (!strcmp(layouts[i]->name, name))
			return layouts[i];
	return NULL;
}

const char *load_layout_name(const struct load_layout *layout)
{
	return layout->name;
}

int load_layout_option(const struct load_layout *layout, const char *key)
{
	size_t i;

	for (i = 0; layout->options && layout->options[i]; i++) {
		const char *o = layout->options[i];
		size_t n = strlen(o);

		/* "filter." stands for every key filter.NAME. */
		if (!strcmp(o, key) || (n && o[n - 1] == '.' &&
					!strncmp(o, key, n) && key[n]))
			return 1;
	}
	return 0;
}

const char *load_layout_names(void)
{
	static char names[256];
	size_t i, n = 0;

	if (names[0])
		return names;
	for (i = 0; layouts[i]; i++)
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
				      i ? ", " : "", layouts[i]->name);
	return names;
}

void load_bad(struct load *l, unsigned long line, unsigned long col,
	      const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	l->res->errors++;
	if (l->res->errors > LOAD_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	error_at(l->name, line, col, "%s", msg.buf);
	buf_release(&msg);
}

int load_area(struct load *l, const struct area *a)
{
	if (strmap_has(&l->areas, a->code))
		return 0;
	*strmap_put(&l->areas, a->code) = NULL;
	if (store_put_area(l->st, a) < 0) {
		l->system_error = 1;
		return -1;
	}
	return 0;
}

int load_put(struct load *l, struct observation *o)
{
	if (l->res->errors)
		return 0;	/* the file will be rejected: write no more */
	o->file = l->file;
	o->dataset = l->def->id;
	if (store_put_observation(l->st, o) < 0) {
		l->system_error = 1;
		return -1;
	}
	l->res->values++;
	return 0;
}

const char *load_field(const struct csvin_record *r, int i)
{
	const char *s;

	if (i < 0 || (size_t)i >= r->nfields)
		return "";
	/* Some files write a blank cell as " ": leading blanks go, and a
	 * cell of blanks is empty. */
	s = r->fields[i].ptr;
	while (*s == ' ')
		s++;
	return s;
}

int load_column(struct load *l, const struct csvin_record *h,
		const char *name, int required)
{
	int i = csvin_find(h, name);
	size_t j;

	if (i < 0) {
		if (required)
			load_bad(l, h->line, 0,
				 "no '%s' column, which the layout '%s' of '%s' reads",
				 name, l->def->layout->name, l->def->id);
		return -1;
	}
	for (j = (size_t)i + 1; j < h->nfields; j++) {
		struct csvin_record one = *h;

		one.fields = h->fields + j;
		one.nfields = 1;
		if (csvin_find(&one, name) == 0) {
			load_bad(l, h->line, j + 1,
				 "column '%s' appears twice in the header (columns %d and %zu): which one to read is unclear",
				 name, i + 1, j + 1);
			return -1;
		}
	}
	return i;
}

const char *load_option(const struct load *l, const char *key)
{
	return source_option(l->def, key);
}

void load_filter(struct load *l, const char *col, const char *value)
{
	if (l->filters.len)
		buf_addch(&l->filters, 0x1f);
	buf_addf(&l->filters, "%s=%s", col, value);
}

/* "1,234,567" to 1234567 when the commas group thousands. */
static int thousands(const char *s, double *v)
{
	char digits[64];
	size_t n = 0, group = 0;
	int seen_comma = 0;
	const char *p = s;

	if (*p == '-' || *p == '+')
		digits[n++] = *p++;
	for (; *p && *p != '.' && n < sizeof(digits) - 1; p++) {
		if (*p == ',') {
			if (!group || (seen_comma && group != 3))
				return -1;
			seen_comma = 1;
			group = 0;
		} else {
			digits[n++] = *p;
			group++;
		}
	}
	if (seen_comma && group != 3)
		return -1;
	while (*p && n < sizeof(digits) - 1)
		digits[n++] = *p++;
	digits[n] = '\0';
	return csvin_parse_double(digits, v);
}

int load_value(struct load *l, const struct csvin_record *r, int col,
	       const char *what, double *v, char sym[8])
{
	const char *s = load_field(r, col);
	const char *t = load_option(l, "thousands");

	*v = NAN;
	sym[0] = '\0';
	if (!*s)
		return 0;
	if (csvin_parse_double(s, v) == 0)
		return 0;
	if (t && !strcmp(t, "yes") && thousands(s, v) == 0)
		return 0;
	if (csvin_symbol(s, sym))
		return 0;
	load_bad(l, r->line, (unsigned long)col + 1,
		 "column '%s': expected a number or a published symbol (c, x, z, u, low, ...), got '%s'",
		 what, s);
	return -1;
}

int load_population(struct load *l, const struct csvin_record *r, int col,
		    const char *what, double *v, char sym[8])
{
	const char *s = load_field(r, col);
	char digits[64];
	size_t n = 0, group = 0;
	int commas = 0;
	const char *p;

	*v = NAN;
	sym[0] = '\0';
	if (!*s || csvin_symbol(s, sym))
		return 0;
	if (csvin_parse_double(s, v) == 0 && *v >= 0)
		return 0;
	/* Thousands: every comma after one to three digits, then three
	 * digits after each. */
	for (p = s; *p && *p != '.' && n < sizeof(digits) - 1; p++) {
		if (*p == ',') {
			if (!group || group > 3 || (commas && group != 3))
				break;
			commas = 1;
			group = 0;
		} else {
			digits[n++] = *p;
			group++;
		}
	}
	if (commas && group == 3 && (!*p || *p == '.')) {
		while (*p && n < sizeof(digits) - 1)
			digits[n++] = *p++;
		digits[n] = '\0';
		if (!*p && csvin_parse_double(digits, v) == 0 && *v >= 0)
			return 0;
	}
	*v = NAN;
	load_bad(l, r->line, (unsigned long)col + 1,
		 "column '%s': expected a population (a number, '1,234' or a published symbol), got '%s'",
		 what, s);
	return -1;
}

int load_one_of(struct load *l, const struct csvin_record *h, const char *a,
		const char *b)
{
	if (load_option(l, a) && load_option(l, b)) {
		load_bad(l, h->line, 0,
			 "the source definition '%s' gives both '%s' and '%s': keep one",
			 l->def->path, a, b);
		return -1;
	}
	return 0;
}

/* Finds the year in name by year_from_name; returns it, 0 when the pattern
 * does not occur, or -1 when the pattern is malformed. */
static int year_in_name(const char *pat, const char *name)
{
	const char *ph = strchr(pat, '{'), *after;
	size_t before, ndig, rest, i, k;

	if (!ph)
		return -1;
	if (!strncmp(ph, "{yyyy}", 6))
		ndig = 4;
	else if (!strncmp(ph, "{yy}", 4))
		ndig = 2;
	else
		return -1;
	after = ph + ndig + 2;
	if (strchr(after, '{') || strchr(after, '}') ||
	    memchr(pat, '}', (size_t)(ph - pat)))
		return -1;
	before = (size_t)(ph - pat);
	rest = strlen(after);
	for (i = 0; name[i]; i++) {
		const char *d = name + i + before;
		int y = 0;

		if (strncasecmp(name + i, pat, before) != 0)
			continue;
		/* A placeholder at the start must not begin inside a longer
		 * number either. */
		if (before == 0 && i > 0 && isdigit((unsigned char)name[i - 1]))
			continue;
		for (k = 0; k < ndig; k++) {
			if (!isdigit((unsigned char)d[k]))
				break;
			y = y * 10 + (d[k] - '0');
		}
		if (k < ndig || isdigit((unsigned char)d[ndig]) ||
		    strncasecmp(d + ndig, after, rest) != 0)
			continue;
		return ndig == 2 ? 2000 + y : y;
	}
	return 0;
}

int load_year(struct load *l, const struct csvin_record *h, int *year)
{
	const char *fixed = load_option(l, "year");
	const char *pat = load_option(l, "year_from_name");
	const char *base = strrchr(l->name, '/');
	int y;

	base = base ? base + 1 : l->name;
	if (load_one_of(l, h, "year", "year_from_name") < 0)
		return -1;
	if (fixed) {
		if (strlen(fixed) != 4 || strspn(fixed, "0123456789") != 4) {
			load_bad(l, h->line, 0,
				 "the source definition '%s' gives 'year' as '%s', not a four-digit year",
				 l->def->path, fixed);
			return -1;
		}
		y = atoi(fixed);
	} else if (pat) {
		y = year_in_name(pat, base);
		if (y < 0) {
			load_bad(l, h->line, 0,
				 "the source definition '%s' gives 'year_from_name' as '%s': it needs text around one '{yyyy}' or '{yy}'",
				 l->def->path, pat);
			return -1;
		}
		if (y == 0) {
			load_bad(l, h->line, 0,
				 "the file name '%s' does not contain the year pattern '%s' (year_from_name of '%s')",
				 base, pat, l->def->path);
			return -1;
		}
	} else {
		load_bad(l, h->line, 0,
			 "the layout '%s' needs the year: give 'year' or 'year_from_name' in '%s'",
			 l->def->layout->name, l->def->path);
		return -1;
	}
	*year = y;
	return 0;
}

/* The ONS geographies the warehouse takes: the name the MYE2 tables give
 * them, the first three characters of their codes, their level. */
static const struct ons_level {
	const char *geography;
	const char *code;
	const char *level;
} ons_levels[] = {
	{ "Country", "E92", "England" },	/* as the other layouts */
	{ "Country", "K02", "Country" },	/* United Kingdom */
	{ "Country", "K03", "Country" },	/* Great Britain */
	{ "Country", "K04", "Country" },	/* England and Wales */
	{ "Country", "W92", "Country" },
	{ "Country", "S92", "Country" },
	{ "Country", "N92", "Country" },
	{ "Region", "E12", "Region" },
	{ "Unitary Authority", "E06", "LA" },
	{ "Metropolitan District", "E08", "LA" },
	{ "London Borough", "E09", "LA" },
	{ "County", "E10", "LA" },
	{ "Non-metropolitan District", "E07", "LAD" },
	{ "Metropolitan County", "E11", "Metropolitan County" },
	{ "Unitary Authority", "W06", "LA (Wales)" },
	{ "Council Area", "S12", "LA (Scotland)" },
	{ "Local Government District", "N09", "LA (Northern Ireland)" },
};

const char *load_level(const char *geography, const char *code)
{
	size_t i;

	if (geography && str_ieq(geography, "Country"))
		return !strncmp(code, "E92", 3) ? "England" : "Country";
	for (i = 0; i < sizeof(ons_levels) / sizeof(ons_levels[0]); i++) {
		const struct ons_level *o = &ons_levels[i];

		if (geography ? str_ieq(geography, o->geography) &&
		    code[0] == o->code[0] : !strncmp(code, o->code, 3))
			return o->level;
	}
	return NULL;
}

/* The callback of csvin: the header picks the definition and starts the
 * layout; every other row goes to the layout. */
struct ctx {
	struct load l;
	const struct source_registry *reg;
	size_t nheader;
	int unknown;
	int started;
};

static int on_row(const struct csvin_record *r, void *vc)
{
	struct ctx *c = vc;
	struct load *l = &c->l;

	if (r->recno == 1) {
		const struct source_def *amb;

		l->def = source_match(c->reg, l->name, r, &amb);
		if (!l->def) {
			if (amb)
				load_bad(l, r->line, 0,
					 "the header matches two source definitions equally ('%s' and another): make one of them require more columns",
					 amb->path);
			else
				c->unknown = 1;
			return -1;
		}
		l->res->dataset = l->def->id;
		c->nheader = r->nfields;
		if (store_put_dataset(l->st, l->def->id, l->def->title,
				      l->def->publisher, l->def->path) < 0 ||
		    store_file_replace(l->st, l->name, l->def->id, "", 0,
				       l->run, &l->file) < 0) {
			l->system_error = 1;
			return -1;
		}
		c->started = 1;
		if (l->def->layout->header(l, r) < 0 && !l->res->errors)
			l->res->errors = 1;
		return l->res->errors ? -1 : 0;
	}
	if (r->nfields != c->nheader) {
		load_bad(l, r->line, r->nfields < c->nheader ? r->nfields + 1 :
			 c->nheader + 1,
			 "row has %zu fields but the header has %zu",
			 r->nfields, c->nheader);
		return 0;
	}
	buf_reset(&l->filters);
	switch (l->def->layout->row(l, r)) {
	case 0:
		l->res->rows++;
		break;
	case 1:
		l->res->skipped++;	/* a geography the section does not use */
		break;
	default:
		return -1;
	}
	return l->system_error ? -1 : 0;
}

const char *load_status_name(enum load_status s)
{
	static const char *const names[] = {
		[LOAD_OK] = "loaded", [LOAD_UNCHANGED] = "unchanged",
		[LOAD_UNKNOWN] = "unknown", [LOAD_EMPTY] = "empty",
		[LOAD_REJECTED] = "rejected", [LOAD_SYSTEM] = "failed",
	};

	return names[s];
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
	memcpy(res->sha256, sha, sizeof(res->sha256));
	if (store_file_hash(st, name, old, old_source, &found) < 0)
		return LOAD_SYSTEM;
	/* Unchanged only if the bytes and the definition that read them are
	 * both the same: a changed definition may read more from them. */
	if (found && !force && strcmp(old, sha) == 0 &&
	    source_unchanged(reg, old_source))
		return LOAD_UNCHANGED;

	memset(&c, 0, sizeof(c));
	c.reg = reg;
	c.l.st = st;
	c.l.path = path;
	c.l.name = name;
	c.l.run = run;
	c.l.res = res;
	buf_init(&c.l.filters, 0);
	if (store_savepoint(st) < 0)
		return LOAD_SYSTEM;
	rc = csvin_read_named(path, name, on_row, &c, &io);
	if (rc == 0 && c.started && !res->errors && !c.l.system_error &&
	    !io && c.l.def->layout->finish &&
	    c.l.def->layout->finish(&c.l) < 0)
		c.l.system_error = 1;
	if (c.l.system_error || io)
		ret = LOAD_SYSTEM;
	else if (c.unknown)
		ret = LOAD_UNKNOWN;
	else if (rc < 0 && !res->errors) {
		/* csvin reported a parse error (unterminated quote...). */
		res->errors = 1;
		ret = LOAD_REJECTED;
	} else if (res->errors)
		ret = LOAD_REJECTED;
	else if (!c.l.def)
		ret = LOAD_EMPTY;
	else if (res->rows == 0 && res->skipped == 0) {
		/* A header and nothing else would replace the last good load
		 * with nothing: more likely a failed export than real news. */
		res->no_rows = 1;
		ret = LOAD_REJECTED;
	} else
		ret = LOAD_OK;
	if (ret == LOAD_REJECTED && res->errors > LOAD_MAX_ERRORS)
		error_at(name, 0, 0, "%lu more bad rows not shown",
			 res->errors - LOAD_MAX_ERRORS);
	/* The hash is recorded only now that the whole file is good. */
	if (ret == LOAD_OK &&
	    (store_file_finish(st, c.l.file, sha, c.l.def->sha256, size,
			       res->rows) < 0 ||
	     store_savepoint_release(st) < 0))
		ret = LOAD_SYSTEM;
	if (ret != LOAD_OK)
		store_savepoint_rollback(st);
	if (c.started && c.l.def->layout->release)
		c.l.def->layout->release(&c.l);
	strmap_release(&c.l.areas, NULL);
	buf_release(&c.l.filters);
	return ret;
}
