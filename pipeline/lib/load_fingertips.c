/* load_fingertips.c - OHID Fingertips "all data" exports.
 *
 * One row per indicator, area, sex, age, category and period, found by
 * column name: Indicator ID, Parent Code, Area Code, Area Name (or
 * AreaName, as the 2022/23 exports spell it), Area Type, Sex, Age,
 * Category Type, Category, Time period, the seven value columns, Value
 * note and Time period range. The comparison, trend and sortable columns
 * are Fingertips' own judgements, named differently from file to file,
 * and are not read.
 *
 * Measures: each value column of a row is a measure named after the
 * indicator, "ID:value" (Value), "ID:lower95", "ID:upper95",
 * "ID:lower998", "ID:upper998" (the 95% and 99.8% limits), "ID:count"
 * and "ID:denominator": 90284:count is the Count of indicator 90284.
 * Filters, in this order: indicator (the id again), sex, age (as written:
 * "Persons", "<15 yrs"), category_type and category (both empty on the
 * area's own row, so a definition keeps to it with "where =
 * category_type =" and leaves the deprivation deciles out), parent (the
 * Parent Code) and range (Time period range: "1y", "3y").
 *
 * Periods: "2023/24" is a financial year, "2022" a calendar year (as
 * period_parse reads them); a range of years, "2020 - 22" or
 * "2018/19 - 20/21", is the calendar or financial period of its first
 * year, and Time period range, when given, must say as many years ("3y").
 * The warehouse keeps a period's kind and first year only, so the range
 * filter is what tells a 3-year value from a 1-year value of the same
 * first year.
 *
 * Levels, from Area Type: "England" England; "Regions (statistical)" and
 * "Government Office Region (E12)" Region; "Counties & UAs ..." and
 * "Upper tier local authorities ..." LA; "Districts & UAs ..." and
 * "Lower tier local authorities ..." LAD; rows of other area types (ICBs,
 * practices) are skipped. An area's parent is recorded only as the
 * warehouse means it: a region's England, an LA's region (E12), a
 * district's county or unitary authority.
 *
 * Value cells hold a number (thousands separators allowed: the 2022/23
 * exports write Count as "74,588"), a published symbol, or nothing; a cell
 * holding HTML (the web page's "<div class="no-data">-</div>") is read by
 * its text, and "-" or nothing there is a missing value. Value note goes
 * into each observation's note, without the HTML and the "* " Fingertips
 * puts before it in some exports.
 *
 * England's rows are repeated in some exports, once with no Parent Code
 * and once with England as its own parent. A parent that is the area
 * itself is no parent, and a repeated England row (same indicator, sex,
 * age, category, parent and period) writes nothing when its values and
 * note are those of the first, and is a bad row when they differ. The row
 * counts as loaded either way.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/period.h"
#include "load_int.h"

enum fcol {
	F_IND, F_PARENT, F_CODE, F_NAME, F_TYPE, F_SEX, F_AGE, F_CAT_TYPE,
	F_CAT, F_TIME, F_RANGE, F_NOTE, F_NCOLS
};

static const struct {
	const char *name;
	int required;
} fcols[F_NCOLS] = {
	{ "Indicator ID", 1 }, { "Parent Code", 0 }, { "Area Code", 1 },
	{ "Area Name", 1 }, { "Area Type", 1 }, { "Sex", 1 }, { "Age", 1 },
	{ "Category Type", 0 }, { "Category", 0 }, { "Time period", 1 },
	{ "Time period range", 0 }, { "Value note", 0 }
};

#define NVALUES 7

static const struct {
	const char *column;
	const char *suffix;
	int required;
} vcols[NVALUES] = {
	{ "Value", "value", 1 },
	{ "Lower CI 95.0 limit", "lower95", 0 },
	{ "Upper CI 95.0 limit", "upper95", 0 },
	{ "Lower CI 99.8 limit", "lower998", 0 },
	{ "Upper CI 99.8 limit", "upper998", 0 },
	{ "Count", "count", 0 },
	{ "Denominator", "denominator", 0 }
};

struct fingertips {
	int col[F_NCOLS];
	int vcol[NVALUES];
	struct strmap seen;	/* England rows read: key -> their values */
	struct buf measure, note, text, key, values;
};

static int header(struct load *l, const struct csvin_record *h)
{
	struct fingertips *f = xcalloc(1, sizeof(*f));
	size_t i;
	int k;

	l->state = f;
	f->measure = f->note = f->text = f->key = f->values =
		(struct buf)BUF_INIT;
	f->seen = (struct strmap)STRMAP_INIT;
	for (i = 0; i < F_NCOLS; i++) {
		const char *name = fcols[i].name;

		/* The 2022/23 exports spell it AreaName. */
		if (i == F_NAME && csvin_find(h, name) < 0 &&
		    csvin_find(h, "AreaName") >= 0)
			name = "AreaName";
		f->col[i] = load_column(l, h, name, fcols[i].required);
	}
	k = csvin_find(h, "AreaName");
	if (k >= 0 && csvin_find(h, "Area Name") >= 0)
		load_bad(l, h->line, (unsigned long)k + 1,
			 "both 'Area Name' and 'AreaName': which one to read is unclear");
	for (i = 0; i < NVALUES; i++)
		f->vcol[i] = load_column(l, h, vcols[i].column,
					 vcols[i].required);
	return l->res->errors ? -1 : 0;
}

static const char *level_of(const char *type)
{
	static const struct {
		const char *prefix;
		const char *level;
	} map[] = {
		{ "Regions (statistical)", "Region" },
		{ "Government Office Region", "Region" },
		{ "Counties & UAs", "LA" },
		{ "Upper tier local authorities", "LA" },
		{ "Districts & UAs", "LAD" },
		{ "Lower tier local authorities", "LAD" },
	};
	size_t i;

	if (!strcmp(type, "England"))
		return "England";
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strncmp(type, map[i].prefix, strlen(map[i].prefix)))
			return map[i].level;
	return NULL;
}

/* The year whose last two digits are yy, at or after start. */
static int year_after(int start, int yy)
{
	int y = start - start % 100 + yy;

	return y < start ? y + 100 : y;
}

/* Reads Time period; writes the range it spans ("1y", "3y") into range.
 * Returns 0, -1 when the text is not a period, or -2 when Time period
 * range (given, may be "") says another range. */
static int read_period(const char *text, const char *given,
		       struct period *p, char range[16])
{
	static const char *const ranges[] = {
		"2y", "3y", "4y", "5y", "6y", "7y", "8y", "9y", "10y"
	};
	size_t len = strlen(text);
	int a, b, years;

	while (len && text[len - 1] == ' ')
		len--;
	if (period_parse(text, NULL, p) == 0) {
		snprintf(range, 16, "%s", p->range);
		return *given && strcmp(given, range) ? -2 : 0;
	}
	memset(p, 0, sizeof(*p));
	if (len == 9 && !strncmp(text + 4, " - ", 3) &&
	    (a = str_digits(text, 4)) >= 0 && (b = str_digits(text + 7, 2)) >= 0) {
		/* "2020 - 22": calendar years 2020 to 2022. */
		p->kind = PERIOD_CALENDAR;
		years = year_after(a, b) - a + 1;
	} else if (len == 15 && text[4] == '/' && text[12] == '/' &&
		   !strncmp(text + 7, " - ", 3) &&
		   (a = str_digits(text, 4)) >= 0 &&
		   str_digits(text + 5, 2) == (a + 1) % 100 &&
		   (b = str_digits(text + 10, 2)) >= 0 &&
		   str_digits(text + 13, 2) == (b + 1) % 100) {
		/* "2018/19 - 20/21": financial years 2018/19 to 2020/21. */
		p->kind = PERIOD_FINANCIAL;
		years = year_after(a, b) - a + 1;
	} else {
		return -1;
	}
	if (years < 2 || years > 10)
		return -1;
	p->year = a;
	period_finish(p);
	snprintf(range, 16, "%dy", years);
	snprintf(p->label, sizeof(p->label), "%.*s", (int)len, text);
	p->range = ranges[years - 2];
	return *given && strcmp(given, range) ? -2 : 0;
}

/* The text of a cell, without HTML tags ("<span ...>", "</div>") and the
 * commonest entities, trimmed, in b. A '<' not followed by a letter, '/'
 * or '!' ("<15 yrs") is text. */
static const char *strip_html(struct buf *b, const char *s)
{
	static const struct {
		const char *entity;
		char c;
	} ent[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&#39;", '\'' }, { "&nbsp;", ' ' },
	};
	size_t i;

	buf_reset(b);
	while (*s) {
		if (*s == '<' && (isalpha((unsigned char)s[1]) ||
				  s[1] == '/' || s[1] == '!')) {
			const char *end = strchr(s, '>');

			if (!end) {	/* no tag can close: the rest is text */
				buf_adds(b, s);
				break;
			}
			s = end + 1;
			continue;
		}
		if (*s == '&') {
			for (i = 0; i < sizeof(ent) / sizeof(ent[0]); i++)
				if (!strncmp(s, ent[i].entity,
					     strlen(ent[i].entity)))
					break;
			if (i < sizeof(ent) / sizeof(ent[0])) {
				buf_addch(b, ent[i].c);
				s += strlen(ent[i].entity);
				continue;
			}
		}
		buf_addch(b, *s++);
	}
	while (b->len && isspace((unsigned char)b->buf[b->len - 1]))
		buf_setlen(b, b->len - 1);
	return b->buf + strspn(b->buf, " \t\r\n");
}

/* "74,588" -> 74588: commas only between groups of three digits. */
static int grouped(const char *s, double *v)
{
	char digits_[64];
	size_t n = 0, group = 0;
	int commas = 0;

	if (*s == '-')
		digits_[n++] = *s++;
	for (; *s && *s != '.' && n < sizeof(digits_) - 1; s++) {
		if (*s == ',') {
			if (!group || group > 3 || (commas && group != 3))
				return -1;
			commas = 1;
			group = 0;
		} else {
			digits_[n++] = *s;
			group++;
		}
	}
	if (!commas || group != 3)
		return -1;
	while (*s && n < sizeof(digits_) - 1)
		digits_[n++] = *s++;
	if (*s)
		return -1;
	digits_[n] = '\0';
	return csvin_parse_double(digits_, v);
}

/* A value cell: a number, "1,234", a published symbol, empty, or HTML
 * whose text is one of those or "-" (missing). Returns 0, or -1 after
 * load_bad. */
static int cell(struct load *l, const struct csvin_record *r, int col,
		const char *what, double *v, char sym[8])
{
	struct fingertips *f = l->state;
	const char *s = load_field(r, col);
	int html = 0;

	*v = NAN;
	sym[0] = '\0';
	if (*s == '<' && strchr(s, '>')) {
		s = strip_html(&f->text, s);
		html = 1;
		if (!strcmp(s, "-"))
			return 0;	/* the web page's "no data" */
	}
	if (!*s || csvin_parse_double(s, v) == 0 || grouped(s, v) == 0 ||
	    csvin_symbol(s, sym))
		return 0;
	*v = NAN;
	load_bad(l, r->line, (unsigned long)col + 1,
		 "column '%s': expected a number or a published symbol (c, x, z, u, low, ...), got '%s'",
		 what, html ? load_field(r, col) : s);
	return -1;
}

/* The note of a row: Value note without HTML and its "* " mark, or NULL. */
static const char *read_note(struct fingertips *f, const char *s)
{
	s = strip_html(&f->note, s);
	if (s[0] == '*' && s[1] == ' ')
		s += 2;
	return *s ? s : NULL;
}

/* An England row read before, in the map of repeated(). */
struct seen {
	char *values;		/* its value cells and note, 0x1f apart */
	unsigned long line;
};

static void free_seen(void *v)
{
	struct seen *s = v;

	if (s)
		free(s->values);
	free(s);
}

/* Is this England row one read before in this file? 0 new, 1 the same
 * again (write nothing), -1 the same breakdown with other values
 * (reported). */
static int repeated(struct load *l, const struct csvin_record *r,
		    const char *area, const struct period *p)
{
	struct fingertips *f = l->state;
	struct seen *s;
	void **slot;
	size_t i;

	buf_reset(&f->key);
	buf_addf(&f->key, "%s\x1f%d\x1f%ld\x1f%s", area, (int)p->kind,
		 p->sortable, l->filters.buf);
	buf_reset(&f->values);
	for (i = 0; i < NVALUES; i++)
		buf_addf(&f->values, "%s\x1f", load_field(r, f->vcol[i]));
	buf_adds(&f->values, load_field(r, f->col[F_NOTE]));
	slot = strmap_put(&f->seen, f->key.buf);
	s = *slot;
	if (!s) {
		s = xcalloc(1, sizeof(*s));
		s->values = xstrdup(f->values.buf);
		s->line = r->line;
		*slot = s;
		return 0;
	}
	if (!strcmp(s->values, f->values.buf))
		return 1;
	load_bad(l, r->line, 0,
		 "the row repeats England's row of line %lu (the same indicator, sex, age, category and period) with other values",
		 s->line);
	return -1;
}

static int row(struct load *l, const struct csvin_record *r)
{
	struct fingertips *f = l->state;
	struct observation o;
	struct area a;
	const char *ind, *parent, *note, *time;
	char range[16];
	size_t i, base;

	memset(&o, 0, sizeof(o));
	memset(&a, 0, sizeof(a));
	ind = load_field(r, f->col[F_IND]);
	a.code = load_field(r, f->col[F_CODE]);
	if (!*ind || !*a.code) {
		load_bad(l, r->line, (unsigned long)f->col[*ind ? F_CODE :
							      F_IND] + 1,
			 "column '%s' is empty",
			 *ind ? "Area Code" : "Indicator ID");
		return 0;
	}
	a.level = level_of(load_field(r, f->col[F_TYPE]));
	if (!a.level)
		return 1;	/* an area type the section does not use */
	time = load_field(r, f->col[F_TIME]);
	switch (read_period(time, load_field(r, f->col[F_RANGE]), &o.period,
			    range)) {
	case 0:
		break;
	case -1:
		load_bad(l, r->line, (unsigned long)f->col[F_TIME] + 1,
			 "column 'Time period': '%s' is not a period ('2023/24', '2022', '2020 - 22', '2018/19 - 20/21', ...)",
			 time);
		return 0;
	default:
		load_bad(l, r->line, (unsigned long)f->col[F_RANGE] + 1,
			 "column 'Time period range': '%s', but the period '%s' spans '%s'",
			 load_field(r, f->col[F_RANGE]), time, range);
		return 0;
	}
	/* England is given as its own parent in one copy of its rows. */
	parent = load_field(r, f->col[F_PARENT]);
	if (!strcmp(parent, a.code))
		parent = "";
	a.name = load_field(r, f->col[F_NAME]);
	if ((!strcmp(a.level, "Region") && *parent) ||
	    (!strcmp(a.level, "LA") && !strncmp(parent, "E12", 3)) ||
	    (!strcmp(a.level, "LAD") && *parent &&
	     strncmp(parent, "E12", 3) && strncmp(parent, "E92", 3)))
		a.parent = parent;
	if (load_area(l, &a) < 0)
		return -1;

	load_filter(l, "indicator", ind);
	load_filter(l, "sex", load_field(r, f->col[F_SEX]));
	load_filter(l, "age", load_field(r, f->col[F_AGE]));
	load_filter(l, "category_type", load_field(r, f->col[F_CAT_TYPE]));
	load_filter(l, "category", load_field(r, f->col[F_CAT]));
	load_filter(l, "parent", parent);
	load_filter(l, "range", range);
	/* A repeat is written from its first copy, or reported. */
	if (!strcmp(a.level, "England") &&
	    repeated(l, r, a.code, &o.period) != 0)
		return 0;

	note = read_note(f, load_field(r, f->col[F_NOTE]));
	o.area = a.code;
	o.filters = l->filters.buf;
	o.note = note;
	buf_reset(&f->measure);
	buf_addf(&f->measure, "%s:", ind);
	base = f->measure.len;
	for (i = 0; i < NVALUES; i++) {
		char sym[8];

		if (f->vcol[i] < 0 ||
		    cell(l, r, f->vcol[i], vcols[i].column, &o.value,
			 sym) < 0)
			continue;
		buf_setlen(&f->measure, base);
		buf_adds(&f->measure, vcols[i].suffix);
		o.measure = f->measure.buf;
		o.symbol = sym[0] ? sym : NULL;
		if (load_put(l, &o) < 0)
			return -1;
	}
	return 0;
}

static void release(struct load *l)
{
	struct fingertips *f = l->state;

	if (!f)
		return;
	strmap_release(&f->seen, free_seen);
	buf_release(&f->measure);
	buf_release(&f->note);
	buf_release(&f->text);
	buf_release(&f->key);
	buf_release(&f->values);
	free(f);
	l->state = NULL;
}

static const char *const options[] = { NULL };

const struct load_layout load_fingertips = {
	"fingertips", options, header, row, release, NULL
};
