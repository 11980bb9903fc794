/* load_mye2.c - ONS mid-year population estimates, the MYE2 wide tables.
 *
 * One row per area: Code, Name, Geography ("Geography1" in some releases),
 * then "All ages" and one column per single year of age, 0 .. 89 and 90+.
 * Each age cell becomes an observation of the measure 'population' with
 * the filters sex=S and age=N (age=90+ for the open-ended column, age=all
 * for All ages); any other column is ignored. The rows do not say the
 * year or the sex: the source definition does, or the file's name.
 *
 *	year = 2022			a fixed mid-year, or
 *	year_from_name = mye{yy}	the year found in the file's base name
 *	sex = Persons			a fixed sex, or
 *	sex_from_name = Persons=Persons, Females=Female, Males=Male
 *
 * year_from_name is literal text (matched ignoring case) around exactly
 * one placeholder, {yyyy} (four digits) or {yy} (two digits, the year
 * 20yy); the first place in the base name where it fits, with no further
 * digit right after the placeholder's, gives the year: "mye{yy}" finds
 * 2022 in mye22final_MYE2_Persons.csv, "{yyyy}" the first four digits.
 * sex_from_name lists KEY=VALUE pairs (a KEY alone is its own value): the
 * first KEY in the order written that occurs in the base name, ignoring
 * case, gives the sex, so a key inside another ("Males" in "Females")
 * must come after it. With neither sex option, or when no key occurs in
 * the name, a 'Sex' column gives each row's sex.
 *
 * The period is the mid-year as a calendar year ("2022"). Cells are
 * populations (load_population()): whole numbers, possibly written with
 * thousands separators ("1,234,567", quoted in the file), a published
 * symbol, or empty.
 *
 * Levels, from the Geography column and the code's first letter, the
 * nation (load_level() in load.c, which the snpp layout also uses):
 * Country E92 (England) "England", as the other layouts name it; any
 * other Country (K02 UK, K03 GB, K04 England and Wales, W92, S92,
 * N92) "Country"; Region "Region"; the English upper tier, which DfE's
 * and OHID's "local authority" means (Unitary Authority E06, Metropolitan
 * District E08, London Borough E09, County E10), "LA"; Non-metropolitan
 * District (E07) "LAD"; Metropolitan County (E11, no council since 1986)
 * "Metropolitan County"; the single tier elsewhere, Welsh Unitary
 * Authority (W06), Scottish Council Area (S12) and Northern Irish Local
 * Government District (N09), "LA (Wales)", "LA (Scotland)" and
 * "LA (Northern Ireland)", so that they never join the English LAs'
 * rankings. Rows of any other geography are skipped. ONS writes the names
 * of countries and regions in capitals ("YORKSHIRE AND THE HUMBER"): a
 * name with no lower-case letter is recorded with each word capitalised
 * but "and" and "of" ("Yorkshire and The Humber"), as DfE writes it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/inifile.h"
#include "jsna/period.h"
#include "load_int.h"

struct mye2 {
	int code, name, geo, sex_col;
	int *col;		/* header index of each age column */
	char **age;		/* its age filter value: "all", "0", "90+" */
	size_t n;
	char *sex;		/* from the definition or the name, or NULL */
	struct period period;
	struct buf name_buf;	/* a recased name */
};

/* The file's name without its folders. */
static const char *base_name(const char *name)
{
	const char *s = strrchr(name, '/');

	return s ? s + 1 : name;
}

/* Does s start with the n bytes of p, ignoring case? */
static int prefix_ci(const char *s, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!s[i] || tolower((unsigned char)s[i]) !=
		    tolower((unsigned char)p[i]))
			return 0;
	return 1;
}

/* The sex for the file's name by sex_from_name, in an allocated string, or
 * NULL when no key occurs in it. */
static char *sex_in_name(const char *list, const char *name)
{
	char *copy = xstrdup(list), *items[64], *found = NULL;
	int i, n = inifile_split_list(copy, items, 64);

	for (i = 0; i < n && !found; i++) {
		char *eq = strchr(items[i], '='), *key = items[i];
		char *value = items[i];
		size_t len, j;

		if (eq) {
			*eq = '\0';
			key = str_trim(key);
			value = str_trim(eq + 1);
		}
		len = strlen(key);
		if (!len || !*value)
			continue;
		for (j = 0; name[j]; j++)
			if (prefix_ci(name + j, key, len)) {
				found = xstrdup(value);
				break;
			}
	}
	free(copy);
	return found;
}

static int read_year(struct load *l, const struct csvin_record *h,
		     struct mye2 *m)
{
	int y;

	if (load_year(l, h, &y) < 0)
		return -1;
	memset(&m->period, 0, sizeof(m->period));
	m->period.kind = PERIOD_CALENDAR;
	m->period.year = y;
	period_finish(&m->period);
	return 0;
}

static int read_sex(struct load *l, const struct csvin_record *h,
		    struct mye2 *m)
{
	const char *fixed = load_option(l, "sex");
	const char *list = load_option(l, "sex_from_name");

	m->sex_col = csvin_find(h, "Sex");
	if (fixed && *fixed)
		m->sex = xstrdup(fixed);
	else if (list)
		m->sex = sex_in_name(list, base_name(l->name));
	if (m->sex)
		return 0;
	if (m->sex_col >= 0)
		return load_column(l, h, "Sex", 1) < 0 ? -1 : 0;
	if (list)
		load_bad(l, h->line, 0,
			 "the file name '%s' contains none of the sex_from_name keys '%s' of '%s', and the file has no 'Sex' column",
			 base_name(l->name), list, l->def->path);
	else
		load_bad(l, h->line, 0,
			 "the layout 'mye2' needs the sex: give 'sex' or 'sex_from_name' in '%s', or a 'Sex' column",
			 l->def->path);
	return -1;
}

/* The age a header names: "all", "0".."120", "90+"; NULL for another
 * column. */
static const char *age_of(const char *name, char out[8])
{
	size_t n = strspn(name, "0123456789");

	if (str_ieq(name, "All ages"))
		return strcpy(out, "all");
	if (n == 0 || n > 3 || (name[n] && strcmp(name + n, "+") != 0))
		return NULL;
	return strcpy(out, name);
}

static int header(struct load *l, const struct csvin_record *h)
{
	struct mye2 *m = xcalloc(1, sizeof(*m));
	size_t i;

	l->state = m;
	m->name_buf = (struct buf)BUF_INIT;
	m->code = load_column(l, h, "Code", 1);
	m->name = load_column(l, h, "Name", 1);
	m->geo = load_column(l, h, csvin_find(h, "Geography") < 0 &&
			     csvin_find(h, "Geography1") >= 0 ?
			     "Geography1" : "Geography", 1);
	for (i = 0; i < h->nfields; i++) {
		const char *name = load_field(h, (int)i);
		char age[8];

		if (!age_of(name, age) || csvin_find(h, name) != (int)i)
			continue;	/* not an age, or a repeat: reported */
		if (load_column(l, h, name, 1) < 0)
			continue;
		m->col = xrealloc(m->col, (m->n + 1) * sizeof(*m->col));
		m->age = xrealloc(m->age, (m->n + 1) * sizeof(*m->age));
		m->col[m->n] = (int)i;
		m->age[m->n] = xstrdup(age);
		m->n++;
	}
	if (!m->n && !l->res->errors)
		load_bad(l, h->line, 0,
			 "no age columns ('All ages', '0' .. '89', '90+')");
	if (load_one_of(l, h, "sex", "sex_from_name") < 0)
		return -1;
	if (l->res->errors || read_year(l, h, m) < 0 ||
	    read_sex(l, h, m) < 0)
		return -1;
	return 0;
}

/* "YORKSHIRE AND THE HUMBER" -> "Yorkshire and The Humber"; a name with a
 * lower-case letter is kept as written. */
static const char *recase(struct buf *b, const char *name)
{
	const char *p;
	int start = 1;

	for (p = name; *p; p++)
		if (islower((unsigned char)*p))
			return name;
	buf_reset(b);
	for (p = name; *p; p++) {
		int c = (unsigned char)*p;

		if (!isalpha(c) && c != '\'') {
			buf_addch(b, c);
			start = 1;
			continue;
		}
		if (start && p != name &&
		    ((!strncmp(p, "AND", 3) && !isalpha((unsigned char)p[3])) ||
		     (!strncmp(p, "OF", 2) && !isalpha((unsigned char)p[2]))))
			buf_addch(b, tolower(c));
		else
			buf_addch(b, start ? c : tolower(c));
		/* The rest of "AND" and "OF" follow in lower case. */
		start = 0;
	}
	return b->buf;
}

static int row(struct load *l, const struct csvin_record *r)
{
	struct mye2 *m = l->state;
	struct observation o;
	struct area a;
	const char *sex;
	size_t i, base;

	memset(&a, 0, sizeof(a));
	a.code = load_field(r, m->code);
	if (!*a.code) {
		load_bad(l, r->line, (unsigned long)m->code + 1,
			 "a row without an area code");
		return 0;
	}
	a.level = load_level(load_field(r, m->geo), a.code);
	if (!a.level)
		return 1;	/* a geography the section does not use */
	a.name = recase(&m->name_buf, load_field(r, m->name));
	sex = m->sex ? m->sex : load_field(r, m->sex_col);
	if (!*sex) {
		load_bad(l, r->line, (unsigned long)m->sex_col + 1,
			 "column 'Sex' is empty");
		return 0;
	}
	if (load_area(l, &a) < 0)
		return -1;
	memset(&o, 0, sizeof(o));
	o.area = a.code;
	o.period = m->period;
	o.measure = "population";
	load_filter(l, "sex", sex);
	base = l->filters.len;
	for (i = 0; i < m->n; i++) {
		char sym[8];

		if (load_population(l, r, m->col[i],
				    strcmp(m->age[i], "all") ? m->age[i] :
				    "All ages", &o.value, sym) < 0)
			continue;
		buf_setlen(&l->filters, base);
		load_filter(l, "age", m->age[i]);
		o.filters = l->filters.buf;
		o.symbol = sym[0] ? sym : NULL;
		if (load_put(l, &o) < 0)
			return -1;
	}
	return 0;
}

static void release(struct load *l)
{
	struct mye2 *m = l->state;
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++)
		free(m->age[i]);
	free(m->age);
	free(m->col);
	free(m->sex);
	buf_release(&m->name_buf);
	free(m);
	l->state = NULL;
}

static const char *const options[] = {
	"year", "year_from_name", "sex", "sex_from_name", NULL
};

const struct load_layout load_mye2 = {
	"mye2", options, header, row, release, NULL
};
