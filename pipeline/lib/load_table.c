/* load_table.c - the council's own extracts, read as their source
 * definition declares (inputs/sources/README.md, "Local extracts").
 *
 * One row per area and period: the area code in the column named by
 * 'area' (its name, optionally, in 'area_name'), the period in the column
 * named by 'period', written as 'period_format' says (one of the formats
 * below, read strictly), the columns named by 'filters' breaking the values
 * down and those named by 'measures' holding them (a number, "1,234" too
 * with thousands = yes, a published symbol, or empty). Every
 * 'filter.NAME = value' adds the filter NAME=value to every row, for what
 * the extract does not say because it is all of one kind (an age band, a
 * source). An area the warehouse does not know yet is recorded, when the
 * extract names it, at the level 'area_level' (LA when not given).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsna/period.h"
#include "load_int.h"

enum form {
	F_YEAR, F_ACADEMIC, F_FINANCIAL, F_QUARTER, F_FIN_QUARTER, F_MONTH,
	F_DATE
};

/* The period formats: Y year digits (four, then two of the next year), Q
 * and other characters literal, n a quarter, MM a month, Mon an English
 * month's first three letters (any case), DD a day. */
static const struct format {
	const char *pattern;
	enum form form;
	const char *example;
} formats[] = {
	{ "YYYY", F_YEAR, "2024" },			/* calendar year */
	{ "YYYYYY", F_ACADEMIC, "202324" },		/* 2023/24 */
	{ "YYYY-YY", F_FINANCIAL, "2023-24" },		/* 2023/24 */
	{ "YYYY-Qn", F_QUARTER, "2024-Q1" },		/* January-March */
	{ "YYYY/YY Qn", F_FIN_QUARTER, "2024/25 Q1" },	/* April-June */
	{ "YYYY-MM", F_MONTH, "2024-04" },
	{ "Mon YYYY", F_MONTH, "Apr 2024" },
	{ "YYYY Mon", F_MONTH, "2024 Apr" },
	{ "DD/MM/YYYY", F_DATE, "30/04/2024" },		/* its month */
	{ "YYYY-MM-DD", F_DATE, "2024-04-30" },		/* its month */
	{ NULL, F_YEAR, NULL }
};

static const char months[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

struct parts {
	int year, next, month, day, quarter;
	int ny;				/* year digits read */
};

/* Reads s exactly as pattern says. Returns 0 or -1. */
static int match(const char *pat, const char *s, struct parts *p)
{
	memset(p, 0, sizeof(*p));
	while (*pat) {
		int d;

		if (!strncmp(pat, "Mon", 3)) {
			int m;

			for (m = 0; m < 12; m++)
				if (!strncasecmp(s, months[m], 3))
					break;
			if (m == 12)
				return -1;
			p->month = m + 1;
			pat += 3;
			s += 3;
			continue;
		}
		if (strchr("YMDn", *pat)) {
			if (!isdigit((unsigned char)*s))
				return -1;
			d = *s - '0';
			if (*pat == 'Y' && p->ny++ < 4)
				p->year = p->year * 10 + d;
			else if (*pat == 'Y')
				p->next = p->next * 10 + d;
			else if (*pat == 'M')
				p->month = p->month * 10 + d;
			else if (*pat == 'D')
				p->day = p->day * 10 + d;
			else
				p->quarter = d;
		} else if (*s != *pat) {
			return -1;
		}
		pat++;
		s++;
	}
	return *s ? -1 : 0;
}

static int days_in(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return days[month - 1] + (month == 2 && leap);
}

/* Parses text in format f. Returns 0 or -1. */
static int parse_period(const struct format *f, const char *text,
			struct period *out)
{
	struct parts p;

	memset(out, 0, sizeof(*out));
	if (match(f->pattern, text, &p) < 0)
		return -1;
	if ((f->form == F_ACADEMIC || f->form == F_FINANCIAL ||
	     f->form == F_FIN_QUARTER) && (p.year + 1) % 100 != p.next)
		return -1;
	if ((f->form == F_QUARTER || f->form == F_FIN_QUARTER) &&
	    (p.quarter < 1 || p.quarter > 4))
		return -1;
	if ((f->form == F_MONTH || f->form == F_DATE) &&
	    (p.month < 1 || p.month > 12))
		return -1;
	if (f->form == F_DATE &&
	    (p.day < 1 || p.day > days_in(p.year, p.month)))
		return -1;
	out->year = p.year;
	switch (f->form) {
	case F_YEAR:
		out->kind = PERIOD_CALENDAR;
		break;
	case F_ACADEMIC:
		out->kind = PERIOD_ACADEMIC;
		break;
	case F_FINANCIAL:
		out->kind = PERIOD_FINANCIAL;
		break;
	case F_QUARTER:
		/* Recorded, as every quarter, by its first month; labelled
		 * as the financial quarter it is (2024-Q1: 2023/24 Q4). */
		out->kind = PERIOD_QUARTER;
		out->month = (p.quarter - 1) * 3 + 1;
		break;
	case F_FIN_QUARTER:
		out->kind = PERIOD_QUARTER;
		out->year = p.quarter == 4 ? p.year + 1 : p.year;
		out->month = p.quarter == 4 ? 1 : 4 + (p.quarter - 1) * 3;
		break;
	case F_MONTH:
	case F_DATE:
		out->kind = PERIOD_MONTH;
		out->month = p.month;
		break;
	}
	period_finish(out);
	return 0;
}

struct fixed {
	const char *name, *value;	/* borrowed from the definition */
};

struct table {
	int area, area_name, period;
	const char *area_option, *period_option, *area_level;
	const struct format *format;
	int *fcol, *mcol;
	size_t nf, nm;
	struct fixed *fixed;
	size_t nfixed;
	struct strmap known;		/* area codes in the warehouse */
};

static int on_area(const struct area *a, void *vm)
{
	*strmap_put(vm, a->code) = NULL;
	return 0;
}

/* The column an option names; -1 when absent or after load_bad. */
static int column_of(struct load *l, const struct csvin_record *h,
		     const char *opt, int required, const char *what)
{
	const char *name = load_option(l, opt);

	if (!name || !*name) {
		if (required)
			load_bad(l, h->line, 0,
				 "the source definition '%s' needs '%s': the column holding %s",
				 l->def->path, opt, what);
		return -1;
	}
	return load_column(l, h, name, 1);
}

static void read_format(struct load *l, const struct csvin_record *h,
			struct table *t)
{
	const char *f = load_option(l, "period_format");
	struct buf known = BUF_INIT;
	size_t i;

	for (i = 0; f && formats[i].pattern; i++)
		if (!strcmp(f, formats[i].pattern)) {
			t->format = &formats[i];
			return;
		}
	for (i = 0; formats[i].pattern; i++)
		buf_addf(&known, "%s%s", i ? ", " : "", formats[i].pattern);
	if (f)
		load_bad(l, h->line, 0,
			 "the source definition '%s' gives 'period_format' as '%s', not one of %s",
			 l->def->path, f, known.buf);
	else
		load_bad(l, h->line, 0,
			 "the source definition '%s' needs 'period_format', one of %s",
			 l->def->path, known.buf);
	buf_release(&known);
}

static void read_fixed(struct load *l, const struct csvin_record *h,
		       struct table *t)
{
	const struct source_def *d = l->def;
	size_t i;

	t->fixed = xcalloc(d->nopts + 1, sizeof(*t->fixed));
	for (i = 0; i < d->nopts; i++) {
		const char *k = d->opts[i].key;

		if (strncmp(k, "filter.", 7) != 0)
			continue;
		if (!k[7]) {
			load_bad(l, h->line, 0,
				 "the source definition '%s' gives 'filter.' without a name (line %lu): write filter.NAME = value",
				 d->path, d->opts[i].line);
			continue;
		}
		t->fixed[t->nfixed].name = k + 7;
		t->fixed[t->nfixed++].value = d->opts[i].value;
	}
}

static int *columns(struct load *l, const struct csvin_record *h,
		    char *const *names, size_t n)
{
	int *cols = xcalloc(n + 1, sizeof(*cols));
	size_t i;

	for (i = 0; i < n; i++)
		cols[i] = load_column(l, h, names[i], 1);
	return cols;
}

static int header(struct load *l, const struct csvin_record *h)
{
	const struct source_def *d = l->def;
	struct table *t = xcalloc(1, sizeof(*t));
	const char *th = load_option(l, "thousands");

	l->state = t;
	t->area_option = load_option(l, "area");
	t->period_option = load_option(l, "period");
	t->area_level = load_option(l, "area_level");
	if (!t->area_level || !*t->area_level)
		t->area_level = "LA";
	t->area = column_of(l, h, "area", 1, "the area code");
	t->area_name = column_of(l, h, "area_name", 0, "the area name");
	t->period = column_of(l, h, "period", 1, "the period");
	read_format(l, h, t);
	read_fixed(l, h, t);
	if (th && strcmp(th, "yes") != 0 && strcmp(th, "no") != 0)
		load_bad(l, h->line, 0,
			 "the source definition '%s' gives 'thousands' as '%s': write yes or no",
			 d->path, th);
	if (!d->nmeasures)
		load_bad(l, h->line, 0,
			 "the source definition '%s' needs 'measures': the columns holding values",
			 d->path);
	t->fcol = columns(l, h, d->filters, d->nfilters);
	t->nf = d->nfilters;
	t->mcol = columns(l, h, d->measures, d->nmeasures);
	t->nm = d->nmeasures;
	if (l->res->errors)
		return -1;
	if (t->area_name >= 0 &&
	    store_each_area(l->st, on_area, &t->known) < 0) {
		l->system_error = 1;
		return -1;
	}
	return 0;
}

static int row(struct load *l, const struct csvin_record *r)
{
	const struct source_def *d = l->def;
	struct table *t = l->state;
	const char *code = load_field(r, t->area);
	const char *when = load_field(r, t->period);
	struct observation o;
	size_t i;

	memset(&o, 0, sizeof(o));
	if (!*code) {
		load_bad(l, r->line, (unsigned long)t->area + 1,
			 "column '%s': no area code", t->area_option);
		return 0;
	}
	if (parse_period(t->format, when, &o.period) < 0) {
		load_bad(l, r->line, (unsigned long)t->period + 1,
			 "column '%s': '%s' is not a period written '%s' (for example '%s')",
			 t->period_option, when, t->format->pattern,
			 t->format->example);
		return 0;
	}
	if (t->area_name >= 0 && !strmap_has(&t->known, code) &&
	    *load_field(r, t->area_name)) {
		struct area a;

		memset(&a, 0, sizeof(a));
		a.code = code;
		a.name = load_field(r, t->area_name);
		a.level = t->area_level;
		if (load_area(l, &a) < 0)
			return -1;
	}
	for (i = 0; i < t->nfixed; i++)
		load_filter(l, t->fixed[i].name, t->fixed[i].value);
	for (i = 0; i < t->nf; i++)
		load_filter(l, d->filters[i], load_field(r, t->fcol[i]));
	o.area = code;
	o.filters = l->filters.buf;
	for (i = 0; i < t->nm; i++) {
		char sym[8];

		if (load_value(l, r, t->mcol[i], d->measures[i], &o.value,
			       sym) < 0)
			continue;
		o.measure = d->measures[i];
		o.symbol = sym[0] ? sym : NULL;
		if (load_put(l, &o) < 0)
			return -1;
	}
	return 0;
}

static void release(struct load *l)
{
	struct table *t = l->state;

	if (!t)
		return;
	free(t->fcol);
	free(t->mcol);
	free(t->fixed);
	strmap_release(&t->known, NULL);
	free(t);
	l->state = NULL;
}

/* "filter." stands for every filter.NAME key (load.c: a trailing dot
 * matches a prefix). */
static const char *const options[] = {
	"area", "area_name", "area_level", "period", "period_format",
	"thousands", "filter.", NULL
};

const struct load_layout load_table = {
	"table", options, header, row, release, NULL
};
