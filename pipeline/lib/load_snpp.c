/* load_snpp.c - ONS subnational population projections (SNPP), the CSV
 * tables ("2018 SNPP Population persons.csv").
 *
 * Columns AREA_CODE, AREA_NAME, COMPONENT, SEX, AGE_GROUP, then one column
 * per year ("2018", "2019", ... "2043"); one row per area, sex and age
 * group. Each year cell of a row whose COMPONENT is "Population" becomes
 * an observation of the measure 'population' with the filters sex=S and
 * age=A, for that year as a calendar year ("2030"), the period kind of the
 * mye2 layout's mid-years, so projections line up with the estimates. Any
 * other column is ignored. Rows of another component (ONS publishes the
 * births, deaths and migration of the projection in tables of the same
 * shape) are skipped. The layout has no keys of its own.
 *
 * Sex: "persons", "males", "females" (any case, singular too) are written
 * "Persons", "Male", "Female", as the mye2 layout writes them (the
 * ons_mye2 definition's sex_from_name). Age: "0" .. "89" as written
 * (without leading zeros), "90 and over" (any "N and over") "90+", "All
 * ages" "all", again as mye2 writes them. Any other sex or age group is a
 * bad row: a table by five-year age group is not this one.
 *
 * Levels from the code alone (the tables have no geography column), as
 * load_level() gives them to the mye2 layout: E92 England, E12 Region,
 * E06/E08/E09/E10 LA, E07 LAD, ...; rows of any other code (a combined
 * authority, say) are skipped. The area's name is AREA_NAME as written.
 *
 * Cells are populations (load_population()): projections are not whole
 * numbers ("1046.826"); a published symbol or empty is kept as such.
 */
#include <stdlib.h>
#include <string.h>

#include "jsna/period.h"
#include "load_int.h"

enum col { C_CODE, C_NAME, C_COMPONENT, C_SEX, C_AGE, C_NCOLS };

static const char *const col_names[C_NCOLS] = {
	"AREA_CODE", "AREA_NAME", "COMPONENT", "SEX", "AGE_GROUP"
};

struct snpp {
	int col[C_NCOLS];
	int *year_col;		/* header index of each year column */
	struct period *period;	/* its year */
	size_t n;
};

static int header(struct load *l, const struct csvin_record *h)
{
	struct snpp *s = xcalloc(1, sizeof(*s));
	size_t i;

	l->state = s;
	for (i = 0; i < C_NCOLS; i++)
		s->col[i] = load_column(l, h, col_names[i], 1);
	for (i = 0; i < h->nfields; i++) {
		const char *name = load_field(h, (int)i);
		struct period *p;

		if (strlen(name) != 4 || strspn(name, "0123456789") != 4 ||
		    csvin_find(h, name) != (int)i)
			continue;	/* not a year, or a repeat: reported */
		if (load_column(l, h, name, 1) < 0)
			continue;
		s->year_col = xrealloc(s->year_col,
				       (s->n + 1) * sizeof(*s->year_col));
		s->period = xrealloc(s->period,
				     (s->n + 1) * sizeof(*s->period));
		s->year_col[s->n] = (int)i;
		p = &s->period[s->n];
		memset(p, 0, sizeof(*p));
		p->kind = PERIOD_CALENDAR;
		p->year = atoi(name);
		period_finish(p);
		s->n++;
	}
	if (!s->n && !l->res->errors)
		load_bad(l, h->line, 0,
			 "no year columns ('2018', '2019', ...)");
	return l->res->errors ? -1 : 0;
}

/* "persons", "males", "females" as the mye2 layout writes them; NULL for
 * another. */
static const char *sex_of(const char *s)
{
	static const struct {
		const char *plural, *singular, *sex;
	} map[] = {
		{ "persons", "person", "Persons" },
		{ "males", "male", "Male" },
		{ "females", "female", "Female" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (str_ieq(s, map[i].plural) || str_ieq(s, map[i].singular))
			return map[i].sex;
	return NULL;
}

/* The age filter of an AGE_GROUP: "all", "0".."999", "90+"; NULL for
 * another group. */
static const char *age_of(const char *s, char out[8])
{
	size_t n = strspn(s, "0123456789"), k = 0;
	int plus;

	if (str_ieq(s, "All ages"))
		return strcpy(out, "all");
	if (n == 0 || n > 3)
		return NULL;
	plus = s[n] != '\0';
	if (plus && !str_ieq(s + n, " and over"))
		return NULL;
	while (n > 1 && *s == '0') {
		s++;
		n--;
	}
	memcpy(out, s, n);
	k = n;
	if (plus)
		out[k++] = '+';
	out[k] = '\0';
	return out;
}

static int row(struct load *l, const struct csvin_record *r)
{
	struct snpp *s = l->state;
	const char *component = load_field(r, s->col[C_COMPONENT]);
	const char *sex, *age;
	struct observation o;
	struct area a;
	char age_buf[8];
	unsigned long bad = l->res->errors;
	size_t i;

	if (!*component) {
		load_bad(l, r->line, (unsigned long)s->col[C_COMPONENT] + 1,
			 "column 'COMPONENT' is empty");
		return 0;
	}
	if (!str_ieq(component, "Population"))
		return 1;	/* births, deaths, migration: not loaded */
	memset(&a, 0, sizeof(a));
	a.code = load_field(r, s->col[C_CODE]);
	if (!*a.code) {
		load_bad(l, r->line, (unsigned long)s->col[C_CODE] + 1,
			 "a row without an area code");
		return 0;
	}
	a.level = load_level(NULL, a.code);
	if (!a.level)
		return 1;	/* a geography the warehouse does not take */
	a.name = load_field(r, s->col[C_NAME]);
	sex = sex_of(load_field(r, s->col[C_SEX]));
	if (!sex)
		load_bad(l, r->line, (unsigned long)s->col[C_SEX] + 1,
			 "column 'SEX': expected 'persons', 'males' or 'females', got '%s'",
			 load_field(r, s->col[C_SEX]));
	age = age_of(load_field(r, s->col[C_AGE]), age_buf);
	if (!age)
		load_bad(l, r->line, (unsigned long)s->col[C_AGE] + 1,
			 "column 'AGE_GROUP': expected an age ('0' .. '89', '90 and over' or 'All ages'), got '%s'",
			 load_field(r, s->col[C_AGE]));
	if (l->res->errors != bad)
		return 0;
	if (load_area(l, &a) < 0)
		return -1;
	memset(&o, 0, sizeof(o));
	o.area = a.code;
	o.measure = "population";
	load_filter(l, "sex", sex);
	load_filter(l, "age", age);
	o.filters = l->filters.buf;
	for (i = 0; i < s->n; i++) {
		char sym[8];

		if (load_population(l, r, s->year_col[i],
				    s->period[i].label, &o.value, sym) < 0)
			continue;
		o.period = s->period[i];
		o.symbol = sym[0] ? sym : NULL;
		if (load_put(l, &o) < 0)
			return -1;
	}
	return 0;
}

static void release(struct load *l)
{
	struct snpp *s = l->state;

	if (!s)
		return;
	free(s->year_col);
	free(s->period);
	free(s);
	l->state = NULL;
}

static const char *const options[] = { NULL };

const struct load_layout load_snpp = {
	"snpp", options, header, row, release, NULL
};
