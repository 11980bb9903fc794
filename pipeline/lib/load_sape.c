/* load_sape.c - ONS small area population estimates (SAPE): one row per
 * lower layer super output area (LSOA), its district, then Total and the
 * single years of age by sex, F0 .. F90 and M0 .. M90 (90: 90 and over).
 *
 *	code          = LSOA 2021 Code	the LSOA's column (a pattern)
 *	name          = LSOA 2021 Name
 *	district      = LAD 2023 Code	its local authority district
 *	district_name = LAD 2023 Name
 *	year_from_name = mid-{yyyy}	or year = 2024 (as mye2)
 *
 * The column options are shell patterns ("LAD * Code"), so that an
 * edition naming its boundaries' year differently needs no change; each
 * must match exactly one column. Each age cell is an observation of the
 * measure 'population' with the filters sex=Female or sex=Male and age=0
 * .. age=89 or age=90+, and Total one with sex=Persons and age=all: the
 * filters of the mye2 layout, so that a definition selects single years
 * the same way. The period is the mid-year as a calendar year. Cells are
 * populations (load_population()).
 *
 * The LSOA is recorded as an area of level 'LSOA' whose parent is its
 * district; the district at its own level from its code (an E06, E08 or
 * E09 code is the upper tier itself, 'LA'; an E07 district 'LAD', whose
 * county the LTLA-UTLA lookup gives). A national file holds about 33,700
 * rows of 183 values: the values go through the store's series handles
 * (one per age and sex, looked up once per file). Rows of whole numbers
 * are held a few dozen at a time and written series by series, each
 * series' block then written in one run rather than 183 blocks a cell
 * at a time.
 */
#include <fnmatch.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/period.h"
#include "load_int.h"

#define SAPE_AGES	91		/* 0 .. 89 and 90+ */
#define SAPE_CELLS	(1 + 2 * SAPE_AGES)	/* Total, F0 .. F90, M0 .. M90 */
#define SAPE_HELD	64		/* rows held before they are written */

struct sape {
	int code, name, district, district_name;
	char *code_col, *district_col;	/* their header names */
	int col[SAPE_CELLS];		/* Total, then female, then male */
	struct store_series *series[SAPE_CELLS];
	struct period period;
	char district_seen[16];		/* the last row's district */
	/* Rows of whole numbers not yet written: their areas and cells. */
	uint32_t held_area[SAPE_HELD];
	uint32_t held[SAPE_CELLS][SAPE_HELD];
	int nheld;
};

/* The one column matching the pattern an option gives. */
static int column_like(struct load *l, const struct csvin_record *h,
		       const char *opt)
{
	const char *pat = load_option(l, opt);
	size_t i;
	int found = -1;

	if (!pat || !*pat) {
		load_bad(l, h->line, 0,
			 "the source definition '%s' needs '%s': the column (or a pattern such as 'LSOA * Code') that holds it",
			 l->def->path, opt);
		return -1;
	}
	for (i = 0; i < h->nfields; i++) {
		if (fnmatch(pat, load_field(h, (int)i), 0) != 0)
			continue;
		if (found >= 0) {
			load_bad(l, h->line, i + 1,
				 "columns %d and %zu both match '%s' ('%s' of '%s'): which one to read is unclear",
				 found + 1, i + 1, pat, opt, l->def->path);
			return -1;
		}
		found = (int)i;
	}
	if (found < 0)
		load_bad(l, h->line, 0, "no column matches '%s' ('%s' of '%s')",
			 pat, opt, l->def->path);
	return found;
}

static int header(struct load *l, const struct csvin_record *h)
{
	static const char sexes[2] = { 'F', 'M' };
	static const char *const sex_names[2] = { "Female", "Male" };
	struct sape *s = xcalloc(1, sizeof(*s));
	struct buf f = BUF_INIT;
	int sex, age, y;

	l->state = s;
	s->code = column_like(l, h, "code");
	s->name = column_like(l, h, "name");
	s->district = column_like(l, h, "district");
	s->district_name = column_like(l, h, "district_name");
	s->code_col = xstrdup(s->code >= 0 ? load_field(h, s->code) : "");
	s->district_col = xstrdup(s->district >= 0 ?
				  load_field(h, s->district) : "");
	s->col[0] = load_column(l, h, "Total", 1);
	for (sex = 0; sex < 2; sex++)
		for (age = 0; age < SAPE_AGES; age++) {
			char col[16];

			snprintf(col, sizeof(col), "%c%d", sexes[sex], age);
			s->col[1 + sex * SAPE_AGES + age] =
				load_column(l, h, col, 1);
		}
	if (l->res->errors || load_year(l, h, &y) < 0)
		return -1;
	s->period.kind = PERIOD_CALENDAR;
	s->period.year = y;
	period_finish(&s->period);
	if (store_series(l->st, l->file, l->def->id, "population",
			 "sex=Persons\x1f" "age=all", &s->series[0]) < 0)
		goto system;
	for (sex = 0; sex < 2; sex++)
		for (age = 0; age < SAPE_AGES; age++) {
			buf_reset(&f);
			buf_addf(&f, "sex=%s\x1f" "age=%d%s", sex_names[sex],
				 age, age == SAPE_AGES - 1 ? "+" : "");
			if (store_series(l->st, l->file, l->def->id,
					 "population", f.buf,
					 &s->series[1 + sex * SAPE_AGES +
						    age]) < 0)
				goto system;
		}
	buf_release(&f);
	return 0;
system:
	buf_release(&f);
	l->system_error = 1;
	return -1;
}

/* 1 when the field is digits only (at most 9): *n their number. */
static int whole(const struct csvin_field *f, uint32_t *n)
{
	const char *t = f->ptr;
	uint32_t v = 0;
	size_t i;

	if (!f->len || f->len > 9)
		return 0;
	for (i = 0; i < f->len; i++) {
		if (t[i] < '0' || t[i] > '9')
			return 0;
		v = v * 10 + (uint32_t)(t[i] - '0');
	}
	*n = v;
	return 1;
}

/* Cell k (0 Total, then F0 .. F90, M0 .. M90): a whole or decimal
 * population. */
static int cell(struct load *l, const struct csvin_record *r, int k,
		double *v, char sym[8])
{
	struct sape *s = l->state;
	const char *t;
	char name[16];

	t = load_field(r, s->col[k]);
	if (*t && csvin_parse_double(t, v) == 0 && *v >= 0) {
		sym[0] = '\0';
		return 0;
	}
	if (k == 0)
		snprintf(name, sizeof(name), "Total");
	else
		snprintf(name, sizeof(name), "%c%d", k > SAPE_AGES ? 'M' : 'F',
			 (k - 1) % SAPE_AGES);
	return load_population(l, r, s->col[k], name, v, sym);
}

/* Writes the rows held, series by series. */
static int flush(struct load *l)
{
	struct sape *s = l->state;
	int k;

	for (k = 0; k < SAPE_CELLS; k++)
		if (store_series_put_wholes(l->st, s->series[k], s->held_area,
					    s->held[k], (size_t)s->nheld,
					    &s->period) < 0) {
			l->system_error = 1;
			return -1;
		}
	l->res->values += (unsigned long)s->nheld * SAPE_CELLS;
	s->nheld = 0;
	return 0;
}

static int finish(struct load *l)
{
	return flush(l);
}

static int put(struct load *l, struct store_series *se, uint32_t area,
	       const struct period *p, double v, const char *sym)
{
	uint32_t symbol = 0;

	if (l->res->errors)
		return 0;	/* the file will be rejected: write no more */
	if (*sym && store_text_id(l->st, sym, &symbol) < 0)
		goto system;
	if (store_series_put(l->st, se, area, p, v, symbol, 0) < 0)
		goto system;
	l->res->values++;
	return 0;
system:
	l->system_error = 1;
	return -1;
}

static int row(struct load *l, const struct csvin_record *r)
{
	struct sape *s = l->state;
	const char *code = load_field(r, s->code);
	const char *district = load_field(r, s->district);
	struct area a;
	uint32_t id = 0;
	char sym[8];
	double v;
	int k;

	if (!*code) {
		load_bad(l, r->line, (unsigned long)s->code + 1,
			 "column '%s': no LSOA code", s->code_col);
		return 0;
	}
	if (!*district || !load_level(NULL, district)) {
		load_bad(l, r->line, (unsigned long)s->district + 1,
			 "column '%s': '%s' is not a local authority district code",
			 s->district_col, district);
		return 0;
	}
	memset(&a, 0, sizeof(a));
	/* Rows come district by district: its area once per run of them. */
	if (strcmp(district, s->district_seen) != 0) {
		a.code = district;
		a.name = load_field(r, s->district_name);
		a.level = load_level(NULL, district);
		if (load_area(l, &a) < 0)
			return -1;
		snprintf(s->district_seen, sizeof(s->district_seen), "%s",
			 strlen(district) < sizeof(s->district_seen) ?
			 district : "");
	}
	/* Each LSOA once a file: the store knows those it has seen. */
	a.code = code;
	a.name = load_field(r, s->name);
	a.level = "LSOA";
	a.parent = district;
	if (store_put_area(l->st, &a) < 0) {
		l->system_error = 1;
		return -1;
	}
	if (!l->res->errors && store_text_id(l->st, code, &id) < 0) {
		l->system_error = 1;
		return -1;
	}
	if (!l->res->errors) {
		/* Nearly every row is whole numbers: held, and written
		 * with the next rows. */
		for (k = 0; k < SAPE_CELLS; k++)
			if (!whole(&r->fields[s->col[k]],
				   &s->held[k][s->nheld]))
				break;
		if (k == SAPE_CELLS) {
			s->held_area[s->nheld++] = id;
			return s->nheld == SAPE_HELD ? flush(l) : 0;
		}
		if (flush(l) < 0)
			return -1;
	}
	/* A bad cell is reported; put() writes nothing once one was. */
	for (k = 0; k < SAPE_CELLS; k++)
		if (cell(l, r, k, &v, sym) == 0 &&
		    put(l, s->series[k], id, &s->period, v, sym) < 0)
			return -1;
	return 0;
}

static void release(struct load *l)
{
	struct sape *s = l->state;

	if (!s)
		return;
	free(s->code_col);
	free(s->district_col);
	free(s);
	l->state = NULL;
}

static const char *const options[] = {
	"code", "name", "district", "district_name", "year", "year_from_name",
	NULL
};

const struct load_layout load_sape = {
	"sape", options, header, row, release, finish
};
