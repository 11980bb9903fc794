/* load_lait.c - DfE's Local Authority Interactive Tool (LAIT) long table.
 *
 * One value per row, found by name in any order: Short Desc (the measure),
 * Years, LA and Regions (the area's name), Values, LA Number (DfE's old
 * three-digit number) and Region (an authority's region; "NA" on the rows
 * of England and the regions). Data item, the measure's wording, is not
 * kept: the data dictionary has it (a 'lait_measure' reference list).
 *
 * Measure: Short Desc as written; no filters.
 *
 * Value: a number (LAIT's float noise, "635.79999999999995", is the
 * shortest text of the double 635.8 and reads back as exactly it), a
 * published symbol kept as such ("-", LAIT's no value), or empty.
 *
 * Period: LAIT writes one four-digit year per row and does not say which
 * year it means; the dictionary's Year_Type says it per measure (the
 * academic year ending then, the financial year, the calendar year...).
 * The year is recorded as written, as a calendar year ("2025"): the series
 * stays in order and lines up year for year with the other datasets,
 * without claiming a span the table does not state.
 *
 * Areas: England and the regions by name (the table below, which also
 * knows LAIT's "London (Inner)" and "London (Outer)": EES codes them as
 * regions, E13), so their LA Numbers (970, 980..990) are not needed. An
 * authority by its LA Number, mapped to the GSS code that the warehouse
 * already gives that number (area.la_number: EES files, or an la_number
 * reference list with GSS codes), the area itself left as recorded. A
 * number no loaded file has given yet is kept as the code "LA" followed by
 * the number ("LA896"), recorded as an area of level LA with LAIT's name
 * and region but no la_number, so that it never stands in for the GSS area
 * where numbers are looked up (statistical neighbours). Such codes stay
 * until the file is loaded again (a change, or jsna-ingest --force) after
 * the files that give the numbers.
 */
#include <stdlib.h>
#include <string.h>

#include "jsna/period.h"
#include "load_int.h"

enum col { C_MEASURE, C_YEARS, C_NAME, C_VALUE, C_NUMBER, C_REGION, C_NCOLS };

static const char *const col_names[C_NCOLS] = {
	"Short Desc", "Years", "LA and Regions", "Values", "LA Number",
	"Region"
};

#define ENGLAND "E92000001"

/* England and the regions as LAIT (and its Region column) names them,
 * matched ignoring case ("Yorkshire and the Humber"); recorded with the
 * names EES gives them. */
static const struct named_area {
	const char *name;
	const char *code;
	const char *recorded;
} named[] = {
	{ "England", ENGLAND, "England" },
	{ "North East", "E12000001", "North East" },
	{ "North West", "E12000002", "North West" },
	{ "Yorkshire and The Humber", "E12000003", "Yorkshire and The Humber" },
	{ "East Midlands", "E12000004", "East Midlands" },
	{ "West Midlands", "E12000005", "West Midlands" },
	{ "East of England", "E12000006", "East of England" },
	{ "London", "E12000007", "London" },
	{ "Inner London", "E13000001", "Inner London" },
	{ "London (Inner)", "E13000001", "Inner London" },
	{ "Outer London", "E13000002", "Outer London" },
	{ "London (Outer)", "E13000002", "Outer London" },
	{ "South East", "E12000008", "South East" },
	{ "South West", "E12000009", "South West" },
	{ NULL, NULL, NULL }
};

struct lait {
	int col[C_NCOLS];
	struct strmap by_number;	/* LA number -> GSS code (owned) */
	struct buf code;		/* "LA896" */
};

static const struct named_area *named_area(const char *name)
{
	size_t i;

	for (i = 0; named[i].name; i++)
		if (str_ieq(name, named[i].name))
			return &named[i];
	return NULL;
}

/* Areas in code order. A number given to two codes is a county made a
 * unitary under its old number (North Yorkshire 815, Somerset 933,
 * Buckinghamshire 825: E10 then E06), or an authority given a new code
 * (Northumberland E06000048 then E06000057, Gateshead E08000020 then
 * E08000037); the authority as it is now wins: an E06 code over another,
 * and otherwise the later code. */
static int on_area(const struct area *a, void *vm)
{
	struct strmap *m = vm;
	void **slot;

	if (!a->la_number || !*a->la_number)
		return 0;
	slot = strmap_put(m, a->la_number);
	if (*slot && strncmp(a->code, "E06", 3) != 0 &&
	    strncmp(*slot, "E06", 3) == 0)
		return 0;
	free(*slot);
	*slot = xstrdup(a->code);
	return 0;
}

static int header(struct load *l, const struct csvin_record *h)
{
	struct lait *e = xcalloc(1, sizeof(*e));
	size_t i;

	l->state = e;
	buf_init(&e->code, 16);
	for (i = 0; i < C_NCOLS; i++)
		e->col[i] = load_column(l, h, col_names[i], 1);
	if (l->res->errors)
		return -1;
	if (store_each_area(l->st, on_area, &e->by_number) < 0) {
		l->system_error = 1;
		return -1;
	}
	return 0;
}

/* The area of a row: England or a region by name, else an authority by
 * number. Returns its code, or NULL after load_bad or a system error. */
static const char *row_area(struct load *l, struct lait *e,
			    const struct csvin_record *r)
{
	const char *name = load_field(r, e->col[C_NAME]);
	const char *num = load_field(r, e->col[C_NUMBER]);
	const struct named_area *n = named_area(name), *reg;
	struct area a;
	const char *code;

	memset(&a, 0, sizeof(a));
	if (n) {
		a.code = n->code;
		a.name = n->recorded;
		a.level = strcmp(n->code, ENGLAND) ? "Region" : "England";
		a.parent = strcmp(n->code, ENGLAND) ? ENGLAND : NULL;
		return load_area(l, &a) < 0 ? NULL : n->code;
	}
	if (!str_all_digits(num)) {
		load_bad(l, r->line, (unsigned long)e->col[C_NUMBER] + 1,
			 "column 'LA Number': '%s' is not an LA number, and '%s' is not England or a region",
			 num, name);
		return NULL;
	}
	code = strmap_get(&e->by_number, num);
	if (code)
		return code;
	if (!*name) {
		load_bad(l, r->line, (unsigned long)e->col[C_NAME] + 1,
			 "column 'LA and Regions': no name for the LA number '%s', which no loaded file gives a code",
			 num);
		return NULL;
	}
	buf_reset(&e->code);
	buf_addf(&e->code, "LA%s", num);
	reg = named_area(load_field(r, e->col[C_REGION]));
	a.code = e->code.buf;
	a.name = name;
	a.level = "LA";
	a.parent = reg ? reg->code : NULL;
	return load_area(l, &a) < 0 ? NULL : e->code.buf;
}

static int row(struct load *l, const struct csvin_record *r)
{
	struct lait *e = l->state;
	const char *years = load_field(r, e->col[C_YEARS]);
	struct observation o;
	char sym[8];

	memset(&o, 0, sizeof(o));
	o.measure = load_field(r, e->col[C_MEASURE]);
	if (!*o.measure) {
		load_bad(l, r->line, (unsigned long)e->col[C_MEASURE] + 1,
			 "column 'Short Desc': no measure");
		return 0;
	}
	if (period_parse(years, "Calendar year", &o.period) < 0) {
		load_bad(l, r->line, (unsigned long)e->col[C_YEARS] + 1,
			 "column 'Years': '%s' is not a four-digit year",
			 years);
		return 0;
	}
	o.area = row_area(l, e, r);
	if (!o.area)
		return l->system_error ? -1 : 0;
	if (load_value(l, r, e->col[C_VALUE], "Values", &o.value, sym) < 0)
		return 0;
	o.symbol = sym[0] ? sym : NULL;
	o.filters = "";
	return load_put(l, &o) < 0 ? -1 : 0;
}

static void release(struct load *l)
{
	struct lait *e = l->state;

	if (!e)
		return;
	strmap_release(&e->by_number, free);
	buf_release(&e->code);
	free(e);
	l->state = NULL;
}

static const char *const options[] = { NULL };

const struct load_layout load_lait = {
	"lait", options, header, row, release, NULL
};
