/* table.c - building the summary tables and writing them as CSV,
 * Markdown and HTML (the workbook is xlsx.c's). */
#include "jsna/table.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/number.h"
#include "jsna/util.h"

static const char *const summary_header[TABLE_NCOLS] = {
	[COL_ID] = "Indicator ID",
	[COL_INDICATOR] = "Indicator",
	[COL_PERIOD] = "Period",
	[COL_COUNT] = "Count",
	[COL_VALUE] = "Value",
	[COL_UNIT] = "Unit",
	[COL_LOWER] = "Lower 95% limit",
	[COL_UPPER] = "Upper 95% limit",
	[COL_ENGLAND] = "England",
	[COL_REGION] = "Region",
	[COL_NEIGHBOURS] = "Statistical neighbours",
	[COL_COMPARED] = "Compared with England",
	[COL_TREND] = "Recent trend",
	[COL_CHANGE] = "Change since previous period",
	[COL_RANK] = "Rank",
	[COL_QUARTILE] = "Quartile",
	[COL_SOURCE] = "Source",
};

static const struct kind_def {
	const char *name, *stem, *title;
} kinds[TABLE_KINDS] = {
	[TABLE_SUMMARY] = { "Summary", "summary", "Summary of indicators" },
	[TABLE_EYFS] = { "Early years", "attainment_eyfs",
			 "Early Years Foundation Stage" },
	[TABLE_KS2] = { "Key stage 2", "attainment_ks2", "Key Stage 2" },
	[TABLE_KS4] = { "Key stage 4", "attainment_ks4", "Key Stage 4" },
	[TABLE_FSM_GAP] = { "FSM gap", "gap_fsm",
			    "Free school meals gap by year" },
	[TABLE_SEN_GAP] = { "SEN gap", "gap_sen", "SEN gap by year" },
	[TABLE_LOCALITIES] = { "Localities", "localities",
			       "Figures by locality" },
};

/* The measures of each school stage, the first choosing the period. */
#define STAGE_MEASURES 2
static const struct measure_def {
	const char *id, *label;
} stage_measures[TABLE_KINDS][STAGE_MEASURES] = {
	[TABLE_EYFS] = {
		{ "eyfs_gld", "Good level of development (%)" },
		{ "eyfs_comm_lang", "Communication, language and literacy "
				    "at the expected level (%)" },
	},
	[TABLE_KS2] = {
		{ "ks2_rwm",
		  "Reading, writing and maths at the expected standard (%)" },
	},
	[TABLE_KS4] = {
		{ "ks4_att8", "Average Attainment 8 score" },
		{ "ks4_p8", "Average Progress 8 score" },
	},
};

/* The pupil groups of the attainment tables: the breakdown of each
 * indicator, NULL for its own value. */
static const struct group_def {
	const char *label, *breakdown;
} groups[] = {
	{ "All pupils", NULL },
	{ "Eligible for free school meals", "fsm" },
	{ "Pupils with an EHC plan", "ehc" },
	{ "Pupils on SEN support", "sen_support" },
};
#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

/* The gaps of each gap table, by stage. */
#define STAGE_GAPS 3
static const struct measure_def gap_measures[TABLE_KINDS][STAGE_GAPS] = {
	[TABLE_FSM_GAP] = {
		{ "eyfs_gld_fsm_gap", "EYFS good level of development gap" },
		{ "ks2_rwm_fsm_gap", "KS2 reading, writing and maths gap" },
		{ "ks4_att8_fsm_gap", "KS4 Attainment 8 gap" },
	},
	[TABLE_SEN_GAP] = {
		{ "eyfs_gld_sen_gap", "EYFS good level of development gap" },
		{ "ks2_rwm_sen_gap", "KS2 reading, writing and maths gap" },
		{ "ks4_att8_sen_gap", "KS4 Attainment 8 gap" },
	},
};

static const char *const gap_meaning[TABLE_KINDS] = {
	[TABLE_FSM_GAP] = "pupils not eligible for free school meals minus "
			  "those eligible",
	[TABLE_SEN_GAP] = "pupils with no identified SEN minus those with "
			  "an EHC plan",
};

/* DfE's symbols, in the order the key lists them, with their meaning. */
static const struct symbol_def {
	const char *sym, *meaning;
} symbols[] = {
	{ "c", "confidential, withheld to protect individuals" },
	{ "low", "rounds to 0 but is not 0" },
	{ "k", "rounds to 0 but is not 0" },
	{ "u", "low reliability" },
	{ "x", "not available" },
	{ "z", "not applicable" },
};
#define NSYMBOLS (sizeof(symbols) / sizeof(symbols[0]))

/* The symbol shown for a value note: the note when it is one of DfE's,
 * "x" (not available) for anything else ("not computable"). */
static const char *symbol_of(const char *note)
{
	size_t i;

	for (i = 0; i < NSYMBOLS; i++)
		if (note && strcmp(note, symbols[i].sym) == 0)
			return symbols[i].sym;
	return "x";
}

/* --- cells ------------------------------------------------------------ */

struct table_cell *table_cell(const struct table *t, size_t i, size_t j)
{
	if (i >= t->nrows || j >= t->ncols)
		BUG("cell %zu,%zu of a %zu x %zu table", i, j, t->nrows,
		    t->ncols);
	return &t->cells[i * t->ncols + j];
}

int table_empty(const struct table *t)
{
	return t->nrows == 0 || t->ncols < 2;
}

static void table_start(struct table *t, enum table_kind kind, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->name = kinds[kind].name;
	t->stem = kinds[kind].stem;
	t->title = kinds[kind].title;
	t->ncols = ncols;
	t->header = xcalloc(ncols ? ncols : 1, sizeof(*t->header));
	t->numeric = xcalloc(ncols ? ncols : 1, sizeof(*t->numeric));
	t->idcol = -1;
}

static void set_header(struct table *t, size_t j, int numeric,
		       const char *fmt, ...) JSNA_PRINTF(4, 5);

static void set_header(struct table *t, size_t j, int numeric,
		       const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	free(t->header[j]);
	t->header[j] = buf_detach(&b, NULL);
	t->numeric[j] = (unsigned char)numeric;
}

/* Appends a row of empty cells ("x" in the workbook); returns its first
 * cell, valid until the next row is added. */
static struct table_cell *add_row(struct table *t)
{
	struct table_cell *row;
	size_t j;

	t->cells = xrealloc(t->cells, (t->nrows + 1) * t->ncols *
			    sizeof(*t->cells));
	row = &t->cells[t->nrows++ * t->ncols];
	for (j = 0; j < t->ncols; j++) {
		memset(&row[j], 0, sizeof(row[j]));
		row[j].text = xstrdup("");
		row[j].kind = TABLE_EMPTY;
		row[j].num = NAN;
		row[j].absent = 'x';
	}
	return row;
}

static void cell_text(struct table_cell *c, const char *s)
{
	free(c->text);
	c->text = xstrdup(s ? s : "");
	c->kind = c->text[0] ? TABLE_TEXT : TABLE_EMPTY;
}

static void cell_symbol(struct table_cell *c, const char *note)
{
	cell_text(c, symbol_of(note));
	c->kind = TABLE_SYMBOL;
}

/* v rounded to dp; empty for NaN. */
static void cell_number(struct table_cell *c, double v, int dp)
{
	struct buf b = BUF_INIT;

	if (isnan(v))
		return;
	number_format(&b, v, dp);
	free(c->text);
	c->text = buf_detach(&b, NULL);
	c->kind = TABLE_NUMBER;
	c->num = stats_round(v, dp);
	c->dp = dp;
	c->style = TABLE_PLAIN;
}

/* A point's value, or the symbol that stands for it; empty when there is
 * no row. */
static void cell_point(struct table_cell *c, const struct result_point *p,
		       int dp)
{
	if (!p || !p->present)
		return;
	if (isnan(p->value))
		cell_symbol(c, p->note);
	else
		cell_number(c, p->value, dp);
}

/* Makes the text view t->cell of the finished table. */
static void table_seal(struct table *t)
{
	char **flat;
	size_t i;

	flat = xcalloc(t->nrows * t->ncols + 1, sizeof(*flat));
	t->cell = xcalloc(t->nrows + 1, sizeof(*t->cell));
	for (i = 0; i < t->nrows * t->ncols; i++)
		flat[i] = t->cells[i].text;
	for (i = 0; i < t->nrows; i++)
		t->cell[i] = flat + i * t->ncols;
	t->cell[t->nrows] = flat + t->nrows * t->ncols;
}

static void table_finish_caption(struct table *t, struct buf *cap)
{
	free(t->caption);
	t->caption = buf_detach(cap, NULL);
}

/* Adds ind's source to a "; "-separated list unless one of the
 * indicators before it, ind[0..m), has the same. */
static void add_source_of(struct buf *list,
			  const struct result_indicator *const *ind, size_t m)
{
	size_t k;

	if (!ind[m]->source[0])
		return;
	for (k = 0; k < m; k++)
		if (ind[k] && !strcmp(ind[k]->source, ind[m]->source))
			return;
	if (list->len)
		buf_adds(list, "; ");
	buf_adds(list, ind[m]->source);
}

static const struct result_indicator *find_indicator(const struct results *r,
						     const char *id)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->ind[i].id, id) == 0)
			return &r->ind[i];
	return NULL;
}

static int period_at(const struct result_indicator *ind, long sortable)
{
	size_t j;

	for (j = 0; j < ind->nperiods; j++)
		if (ind->periods[j].sortable == sortable)
			return (int)j;
	return -1;
}

static int polarity_ranked(const char *polarity)
{
	return !strcmp(polarity, "high_is_good") ||
	       !strcmp(polarity, "low_is_good");
}

/* --- the summary ------------------------------------------------------ */

static void summary_row(struct table *t, const struct result_indicator *ind)
{
	struct table_cell *c = add_row(t);
	const struct result_point *a = NULL, *e = NULL, *g = NULL;
	const struct result_point *prev = NULL;
	int dp = ind->decimals;
	int ranked = polarity_ranked(ind->polarity);

	if (ind->latest >= 0) {
		size_t j = (size_t)ind->latest;

		a = &ind->series[SERIES_AREA].pt[j];
		e = &ind->series[SERIES_ENGLAND].pt[j];
		g = &ind->series[SERIES_REGION].pt[j];
		if (j > 0 && ind->series[SERIES_AREA].pt[j - 1].present)
			prev = &ind->series[SERIES_AREA].pt[j - 1];
	}
	cell_text(&c[COL_ID], ind->id);
	cell_text(&c[COL_INDICATOR], ind->title);
	if (a)
		cell_text(&c[COL_PERIOD], ind->periods[ind->latest].label);
	if (!strcmp(ind->type, "gap"))
		c[COL_COUNT].absent = 'z';	/* a gap counts no one */
	if (a && isnan(a->count) && isnan(a->value) && a->note[0])
		cell_symbol(&c[COL_COUNT], a->note);
	else if (a)
		cell_number(&c[COL_COUNT], a->count, 0);
	cell_point(&c[COL_VALUE], a, dp);
	cell_text(&c[COL_UNIT], ind->unit);
	c[COL_UNIT].absent = 'z';
	if (!strcmp(ind->ci, "none") || !ind->ci[0])
		c[COL_LOWER].absent = c[COL_UPPER].absent = 'z';
	if (a) {
		cell_number(&c[COL_LOWER], a->lower95, dp);
		cell_number(&c[COL_UPPER], a->upper95, dp);
	}
	cell_point(&c[COL_ENGLAND], e, dp);
	cell_point(&c[COL_REGION], g, dp);
	if (a)
		cell_number(&c[COL_NEIGHBOURS], a->neighbour_avg, dp);
	if (!strcmp(ind->polarity, "not_applicable"))
		c[COL_COMPARED].absent = 'z';
	if (a && a->cmp_england[0]) {
		cell_text(&c[COL_COMPARED], a->cmp_england);
		c[COL_COMPARED].cmp = results_cmp(a->cmp_england);
	}
	if (a)
		cell_text(&c[COL_TREND], a->trend);
	if (a && prev && !isnan(a->value) && !isnan(prev->value)) {
		/* the change readers can check from the figures shown */
		double d = stats_round(a->value, dp) -
			   stats_round(prev->value, dp);
		struct table_cell *ch = &c[COL_CHANGE];

		cell_number(ch, d, dp);
		ch->style = TABLE_SIGNED;
		if (ch->num > 0) {
			char *plus = xmalloc(strlen(ch->text) + 2);

			plus[0] = '+';
			strcpy(plus + 1, ch->text);
			free(ch->text);
			ch->text = plus;
		}
	}
	if (!ranked)
		c[COL_RANK].absent = c[COL_QUARTILE].absent = 'z';
	if (a && a->rank > 0) {
		struct table_cell *rk = &c[COL_RANK];
		char s[64];

		snprintf(s, sizeof(s), "%d of %d", a->rank, a->rank_of);
		cell_text(rk, s);
		rk->kind = TABLE_NUMBER;
		rk->num = a->rank;
		rk->dp = 0;
		rk->style = TABLE_RANK;
		rk->of = a->rank_of;
	}
	if (a)
		cell_text(&c[COL_QUARTILE], a->quartile);
	cell_text(&c[COL_SOURCE], ind->source);
}

void table_summary(const struct results *r, struct table *t)
{
	struct buf cap = BUF_INIT;
	size_t i;

	table_start(t, TABLE_SUMMARY, TABLE_NCOLS);
	for (i = 0; i < TABLE_NCOLS; i++)
		set_header(t, i, i == COL_COUNT || i == COL_VALUE ||
			   i == COL_LOWER || i == COL_UPPER ||
			   i == COL_ENGLAND || i == COL_REGION ||
			   i == COL_NEIGHBOURS || i == COL_CHANGE ||
			   i == COL_RANK, "%s", summary_header[i]);
	t->rowhead = COL_INDICATOR;
	t->idcol = COL_ID;
	buf_addf(&cap, "Summary of indicators for %s, latest period, with England, the region and statistical neighbours",
		 r->area_name);
	table_finish_caption(t, &cap);
	for (i = 0; i < r->n; i++)
		summary_row(t, &r->ind[i]);
	table_seal(t);
}

/* --- attainment by pupil group ---------------------------------------- */

/* A breakdown as the warehouse names it. */
struct breakdown {
	char *indicator, *name, *type, *category;
};

struct breakdowns {
	struct breakdown *b;
	size_t n, alloc;
};

static int on_category(const char *indicator, const char *name,
		       const char *category_type, const char *category,
		       void *vb)
{
	struct breakdowns *bs = vb;
	struct breakdown *b;

	XGROW(bs->b, bs->alloc, bs->n + 1);
	b = &bs->b[bs->n++];
	b->indicator = xstrdup(indicator);
	b->name = xstrdup(name);
	b->type = xstrdup(category_type ? category_type : "");
	b->category = xstrdup(category ? category : "");
	return 0;
}

static void breakdowns_release(struct breakdowns *bs)
{
	size_t i;

	for (i = 0; i < bs->n; i++) {
		free(bs->b[i].indicator);
		free(bs->b[i].name);
		free(bs->b[i].type);
		free(bs->b[i].category);
	}
	free(bs->b);
	memset(bs, 0, sizeof(*bs));
}

static const struct breakdown *find_breakdown(const struct breakdowns *bs,
					      const char *indicator,
					      const char *name)
{
	size_t i;

	for (i = 0; i < bs->n; i++)
		if (!strcmp(bs->b[i].indicator, indicator) &&
		    !strcmp(bs->b[i].name, name))
			return &bs->b[i];
	return NULL;
}

/* Reading one area's groups of one indicator for one period. */
struct group_read {
	const struct breakdown *want[NGROUPS];	/* NULL: not read */
	long period;
	struct result_point pt[NGROUPS];
};

static int on_group_value(const struct value_row *v, void *vg)
{
	struct group_read *g = vg;
	size_t k;

	if (v->period.sortable != g->period || !v->category ||
	    !*v->category)
		return 0;
	for (k = 0; k < NGROUPS; k++) {
		const struct breakdown *b = g->want[k];

		if (b && !strcmp(b->category, v->category) &&
		    !strcmp(b->type, v->category_type ?
			    v->category_type : "")) {
			g->pt[k].present = 1;
			g->pt[k].value = v->value;
			snprintf(g->pt[k].note, sizeof(g->pt[k].note), "%s",
				 v->note ? v->note : "");
		}
	}
	return 0;
}

/* The latest period in which the area has a value of ind, or -1. */
static int latest_value(const struct result_indicator *ind)
{
	int j;

	for (j = (int)ind->nperiods - 1; j >= 0; j--) {
		const struct result_point *p =
			&ind->series[SERIES_AREA].pt[j];

		if (p->present && !isnan(p->value))
			return j;
	}
	return ind->latest;
}

int table_attainment(struct store *st, const struct results *r,
		     enum table_kind kind, struct table *t)
{
	const struct measure_def *defs = stage_measures[kind];
	const struct result_indicator *ind[STAGE_MEASURES] = { NULL };
	const struct result_indicator *first = NULL;
	struct breakdowns bs = { NULL, 0, 0 };
	struct buf cap = BUF_INIT, src = BUF_INIT;
	struct table_cell *rows[NGROUPS];
	const char *england = "England";
	size_t m, k, col, nm = 0;
	long period = 0;
	int fp = -1, ret = 0;

	if (kind != TABLE_EYFS && kind != TABLE_KS2 && kind != TABLE_KS4)
		BUG("table_attainment of kind %d", (int)kind);
	for (m = 0; m < STAGE_MEASURES && defs[m].id; m++) {
		ind[m] = find_indicator(r, defs[m].id);
		if (!ind[m])
			continue;
		nm++;
		if (!first && (fp = latest_value(ind[m])) >= 0)
			first = ind[m];
	}
	table_start(t, kind, first ? 1 + 2 * nm : 1);
	set_header(t, 0, 0, "Pupil group");
	t->rowhead = 0;
	if (!first) {
		table_seal(t);
		return 0;	/* nothing calculated: an empty table */
	}
	period = first->periods[fp].sortable;
	if (first->series[SERIES_ENGLAND].name)
		england = first->series[SERIES_ENGLAND].name;
	for (k = 0; k < NGROUPS; k++)
		cell_text(add_row(t), groups[k].label);
	for (k = 0; k < NGROUPS; k++)	/* settled: no more rows */
		rows[k] = table_cell(t, k, 0);
	if (store_each_category(st, r->run, on_category, &bs) < 0)
		ret = -1;
	for (m = 0, col = 1; m < STAGE_MEASURES && defs[m].id; m++) {
		const struct result_indicator *in = ind[m];
		int j, s;

		if (!in)
			continue;
		set_header(t, col, 1, "%s: %s", defs[m].label, r->area_name);
		set_header(t, col + 1, 1, "%s: %s", defs[m].label, england);
		add_source_of(&src, ind, m);
		j = period_at(in, period);
		for (s = 0; s < 2; s++) {
			const struct result_series *se =
				&in->series[s ? SERIES_ENGLAND : SERIES_AREA];
			struct group_read g;

			memset(&g, 0, sizeof(g));
			g.period = period;
			for (k = 0; k < NGROUPS; k++) {
				if (groups[k].breakdown)
					g.want[k] = find_breakdown(&bs, in->id,
						groups[k].breakdown);
				else if (j >= 0)
					g.pt[k] = se->pt[j];
			}
			if (ret == 0 && se->code && j >= 0 &&
			    store_each_value(st, r->run, in->id, se->code,
					     on_group_value, &g) < 0)
				ret = -1;
			for (k = 0; k < NGROUPS; k++)
				cell_point(&rows[k][col + s], &g.pt[k],
					   in->decimals);
		}
		col += 2;
	}
	buf_addf(&cap, "%s: %s and %s by pupil group, %s", t->title,
		 r->area_name, england, first->periods[fp].label);
	table_finish_caption(t, &cap);
	t->source = buf_detach(&src, NULL);
	breakdowns_release(&bs);
	table_seal(t);
	return ret;
}

/* --- gaps by year ----------------------------------------------------- */

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

void table_gaps(const struct results *r, enum table_kind kind,
		struct table *t)
{
	const struct measure_def *defs = gap_measures[kind];
	const struct result_indicator *ind[STAGE_GAPS] = { NULL };
	struct buf cap = BUF_INIT, src = BUF_INIT;
	const char *england = "England";
	long *periods = NULL;
	size_t np = 0, alloc = 0, nm = 0, m, i, col;

	if (kind != TABLE_FSM_GAP && kind != TABLE_SEN_GAP)
		BUG("table_gaps of kind %d", (int)kind);
	for (m = 0; m < STAGE_GAPS; m++) {
		size_t j;

		ind[m] = find_indicator(r, defs[m].id);
		if (!ind[m])
			continue;
		nm++;
		if (ind[m]->series[SERIES_ENGLAND].name)
			england = ind[m]->series[SERIES_ENGLAND].name;
		/* every period with a row for the area or England */
		for (j = 0; j < ind[m]->nperiods; j++) {
			long p = ind[m]->periods[j].sortable;

			if (!ind[m]->series[SERIES_AREA].pt[j].present &&
			    !ind[m]->series[SERIES_ENGLAND].pt[j].present)
				continue;
			for (i = 0; i < np && periods[i] != p; i++)
				;
			if (i == np) {
				XGROW(periods, alloc, np + 1);
				periods[np++] = p;
			}
		}
	}
	table_start(t, kind, 1 + 2 * nm);
	set_header(t, 0, 0, "Year");
	t->rowhead = 0;
	for (m = 0, col = 1; m < STAGE_GAPS; m++) {
		if (!ind[m])
			continue;
		set_header(t, col++, 1, "%s (%s): %s", defs[m].label,
			   ind[m]->unit, r->area_name);
		set_header(t, col++, 1, "%s (%s): %s", defs[m].label,
			   ind[m]->unit, england);
		add_source_of(&src, ind, m);
	}
	if (np)
		qsort(periods, np, sizeof(*periods), cmp_long);
	for (i = 0; i < np; i++) {
		struct table_cell *row = add_row(t);

		for (m = 0, col = 1; m < STAGE_GAPS; m++) {
			int j;

			if (!ind[m])
				continue;
			j = period_at(ind[m], periods[i]);
			if (j >= 0) {
				if (!row[0].text[0])
					cell_text(&row[0],
						  ind[m]->periods[j].label);
				const struct result_series *se =
					ind[m]->series;

				cell_point(&row[col], &se[SERIES_AREA].pt[j],
					   ind[m]->decimals);
				cell_point(&row[col + 1],
					   &se[SERIES_ENGLAND].pt[j],
					   ind[m]->decimals);
			}
			col += 2;
		}
	}
	buf_addf(&cap, "%s (%s): %s and %s", t->title, gap_meaning[kind],
		 r->area_name, england);
	if (t->nrows) {
		const char *from = table_cell(t, 0, 0)->text;
		const char *to = table_cell(t, t->nrows - 1, 0)->text;

		if (strcmp(from, to))
			buf_addf(&cap, ", %s to %s", from, to);
		else
			buf_addf(&cap, ", %s", from);
	}
	table_finish_caption(t, &cap);
	t->source = buf_detach(&src, NULL);
	free(periods);
	table_seal(t);
}

/* --- localities -------------------------------------------------------- */

struct locality {
	char *code, *name;
};

struct localities {
	const char *area;
	struct locality *l;
	size_t n, alloc;
};

static int on_locality_area(const struct area *a, void *vl)
{
	struct localities *ls = vl;

	if (strcmp(a->level, "Locality") != 0 || !a->parent ||
	    strcmp(a->parent, ls->area) != 0)
		return 0;
	XGROW(ls->l, ls->alloc, ls->n + 1);
	ls->l[ls->n].code = xstrdup(a->code);
	ls->l[ls->n++].name = xstrdup(a->name);
	return 0;
}

static int cmp_locality(const void *a, const void *b)
{
	return strcmp(((const struct locality *)a)->name,
		      ((const struct locality *)b)->name);
}

/* One locality's rows of an indicator (its own, not a breakdown). */
struct locality_read {
	struct result_point *pt;	/* [nperiods] */
	const struct result_indicator *ind;
	int any;
};

static int on_locality_value(const struct value_row *v, void *vr)
{
	struct locality_read *lr = vr;
	int j;

	if (v->category_type[0])
		return 0;
	j = period_at(lr->ind, v->period.sortable);
	if (j < 0)
		return 0;
	lr->pt[j].present = 1;
	lr->pt[j].value = v->value;
	snprintf(lr->pt[j].note, sizeof(lr->pt[j].note), "%s", v->note);
	snprintf(lr->pt[j].cmp_parent, sizeof(lr->pt[j].cmp_parent), "%s",
		 v->cmp_parent);
	if (!isnan(v->value) || !strcmp(v->note, "c"))
		lr->any = 1;
	return 0;
}

int table_localities(struct store *st, const struct results *r,
		     struct table *t)
{
	struct localities ls;
	struct result_point **pts = NULL;
	size_t i, k;
	int ret = 0;

	memset(&ls, 0, sizeof(ls));
	ls.area = r->area_code;
	if (store_each_area(st, on_locality_area, &ls) < 0)
		ret = -1;
	if (ls.n)
		qsort(ls.l, ls.n, sizeof(*ls.l), cmp_locality);
	table_start(t, TABLE_LOCALITIES, ls.n ? 4 + ls.n : 1);
	set_header(t, 0, 0, "Indicator");
	t->rowhead = 0;
	if (!ls.n || ret < 0)
		goto out;
	set_header(t, 1, 0, "Period");
	set_header(t, 2, 0, "Unit");
	set_header(t, 3, 1, "%s", r->area_name);
	for (k = 0; k < ls.n; k++)
		set_header(t, 4 + k, 1, "%s", ls.l[k].name);
	pts = xcalloc(ls.n + 1, sizeof(*pts));
	for (i = 0; i < r->n && ret == 0; i++) {
		const struct result_indicator *ind = &r->ind[i];
		struct table_cell *row;
		int j, latest = -1, any = 0;

		for (k = 0; k < ls.n && ret == 0; k++) {
			struct locality_read lr;

			free(pts[k]);
			pts[k] = xcalloc(ind->nperiods + 1, sizeof(**pts));
			for (j = 0; j < (int)ind->nperiods; j++)
				pts[k][j].value = NAN;
			memset(&lr, 0, sizeof(lr));
			lr.pt = pts[k];
			lr.ind = ind;
			if (store_each_value(st, r->run, ind->id, ls.l[k].code,
					     on_locality_value, &lr) < 0)
				ret = -1;
			any |= lr.any;
		}
		if (!any || ret < 0)
			continue;
		/* The latest period with a locality's figure. */
		for (j = (int)ind->nperiods - 1; j >= 0 && latest < 0; j--)
			for (k = 0; k < ls.n; k++)
				if (pts[k][j].present &&
				    (!isnan(pts[k][j].value) ||
				     !strcmp(pts[k][j].note, "c")))
					latest = j;
		row = add_row(t);
		cell_text(&row[0], ind->title);
		cell_text(&row[1], ind->periods[latest].label);
		cell_text(&row[2], ind->unit);
		cell_point(&row[3], &ind->series[SERIES_AREA].pt[latest],
			   ind->decimals);
		for (k = 0; k < ls.n; k++) {
			cell_point(&row[4 + k], &pts[k][latest],
				   ind->decimals);
			row[4 + k].cmp = results_cmp(
				pts[k][latest].cmp_parent);
		}
	}
	{
		struct buf cap = BUF_INIT;

		buf_addf(&cap, "%s: %s and its localities, each locality "
			 "compared with %s (95%% confidence intervals), the "
			 "latest period with a locality's figure", t->title,
			 r->area_name, r->area_name);
		table_finish_caption(t, &cap);
	}
out:
	for (k = 0; k < ls.n; k++) {
		free(ls.l[k].code);
		free(ls.l[k].name);
		free(pts ? pts[k] : NULL);
	}
	free(pts);
	free(ls.l);
	table_seal(t);
	return ret;
}

int table_build(struct store *st, const struct results *r,
		enum table_kind kind, struct table *t)
{
	switch (kind) {
	case TABLE_SUMMARY:
		table_summary(r, t);
		return 0;
	case TABLE_EYFS:
	case TABLE_KS2:
	case TABLE_KS4:
		return table_attainment(st, r, kind, t);
	case TABLE_FSM_GAP:
	case TABLE_SEN_GAP:
		table_gaps(r, kind, t);
		return 0;
	case TABLE_LOCALITIES:
		return table_localities(st, r, t);
	case TABLE_KINDS:
		break;
	}
	BUG("table_build of kind %d", (int)kind);
}

void table_release(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].text);
	for (i = 0; i < t->ncols; i++)
		free(t->header[i]);
	free(t->cells);
	if (t->cell)
		free(t->cell[0]);	/* the flat array of the view */
	free(t->cell);
	free(t->header);
	free(t->numeric);
	free(t->caption);
	free(t->source);
	memset(t, 0, sizeof(*t));
}

/* --- writers ---------------------------------------------------------- */

void table_write_csv(const struct table *t, struct buf *out)
{
	size_t i, j;

	for (j = 0; j < t->ncols; j++) {
		if (j)
			buf_addch(out, ',');
		buf_add_csv(out, t->header[j]);
	}
	buf_addch(out, '\n');
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			if (j)
				buf_addch(out, ',');
			buf_add_csv(out, table_cell(t, i, j)->text);
		}
		buf_addch(out, '\n');
	}
}

void table_write_key(const struct table *t, struct buf *out)
{
	size_t i, k, n = 0;

	for (k = 0; k < NSYMBOLS; k++) {
		for (i = 0; i < t->nrows * t->ncols; i++)
			if (t->cells[i].kind == TABLE_SYMBOL &&
			    !strcmp(t->cells[i].text, symbols[k].sym))
				break;
		if (i == t->nrows * t->ncols)
			continue;
		buf_adds(out, n++ ? "; " : "Symbols: ");
		buf_addf(out, "%s = %s", symbols[k].sym, symbols[k].meaning);
		if (!strcmp(symbols[k].sym, "c") && t->suppress_below > 0)
			buf_addf(out, " (counts under %d, figures that "
				 "would reveal them, or withheld by the "
				 "publisher)", t->suppress_below);
	}
	if (n)
		buf_addch(out, '.');
}

/* "Source: S." */
static void add_source(struct buf *out, const char *s, int html)
{
	size_t n = strlen(s);

	buf_adds(out, "Source: ");
	if (html)
		buf_add_html(out, s);
	else
		buf_adds(out, s);
	if (n && s[n - 1] != '.')
		buf_addch(out, '.');
}

static void md_cell(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '\\')
			buf_addch(out, '\\');
		buf_addch(out, *s == '\n' ? ' ' : *s);
	}
}

void table_write_md(const struct table *t, struct buf *out)
{
	struct buf key = BUF_INIT;
	size_t i, j;

	buf_addf(out, "%s\n\n|", t->caption ? t->caption : "");
	for (j = 0; j < t->ncols; j++) {
		buf_addch(out, ' ');
		md_cell(out, t->header[j]);
		buf_adds(out, " |");
	}
	buf_adds(out, "\n|");
	for (j = 0; j < t->ncols; j++)
		buf_adds(out, t->numeric[j] ? " ---: |" : " --- |");
	buf_addch(out, '\n');
	for (i = 0; i < t->nrows; i++) {
		buf_addch(out, '|');
		for (j = 0; j < t->ncols; j++) {
			buf_addch(out, ' ');
			md_cell(out, table_cell(t, i, j)->text);
			buf_adds(out, " |");
		}
		buf_addch(out, '\n');
	}
	if (t->source && t->source[0]) {
		buf_addch(out, '\n');
		add_source(out, t->source, 0);
		buf_addch(out, '\n');
	}
	table_write_key(t, &key);
	if (key.len)
		buf_addf(out, "\n%s\n", key.buf);
	buf_release(&key);
}

/* Is column j empty in every row? */
static int column_empty(const struct table *t, size_t j)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (table_cell(t, i, j)->text[0])
			return 0;
	return 1;
}

/* The class of a comparison's cell, or NULL. */
static const char *cmp_class(enum stats_cmp c)
{
	switch (c) {
	case CMP_BETTER:
	case CMP_BEST:
		return "better";
	case CMP_SIMILAR:
		return "similar";
	case CMP_WORSE:
	case CMP_WORST:
		return "worse";
	case CMP_HIGHER:
	case CMP_HIGHEST:
		return "higher";
	case CMP_LOWER:
	case CMP_LOWEST:
		return "lower";
	default:
		return NULL;
	}
}

void table_write_html(const struct table *t, int compact, struct buf *out)
{
	unsigned char *show = xcalloc(t->ncols ? t->ncols : 1, 1);
	struct buf key = BUF_INIT;
	size_t i, j;

	for (j = 0; j < t->ncols; j++)
		show[j] = !compact || ((int)j != t->idcol &&
				       !column_empty(t, j));
	buf_adds(out, "<table class=\"summary\">\n<caption>");
	buf_add_html(out, t->caption ? t->caption : "");
	buf_adds(out, "</caption>\n<thead><tr>");
	for (j = 0; j < t->ncols; j++) {
		if (!show[j])
			continue;
		buf_addf(out, "<th scope=\"col\"%s>",
			 t->numeric[j] ? " class=\"num\"" : "");
		buf_add_html(out, t->header[j]);
		buf_adds(out, "</th>");
	}
	buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < t->nrows; i++) {
		buf_adds(out, "<tr>");
		for (j = 0; j < t->ncols; j++) {
			const struct table_cell *c = table_cell(t, i, j);
			int head = j == t->rowhead;
			const char *tag = head ? "th" : "td";
			const char *cmp = cmp_class(c->cmp);

			if (!show[j])
				continue;
			buf_addf(out, "<%s%s", tag,
				 head ? " scope=\"row\"" : "");
			if (t->numeric[j])
				buf_adds(out, " class=\"num\"");
			else if (cmp)
				buf_addf(out, " class=\"cmp %s\"", cmp);
			buf_addch(out, '>');
			buf_add_html(out, c->text);
			buf_addf(out, "</%s>", tag);
		}
		buf_adds(out, "</tr>\n");
	}
	buf_adds(out, "</tbody>\n</table>\n");
	if (t->source && t->source[0]) {
		buf_adds(out, "<p class=\"table-source\">");
		add_source(out, t->source, 1);
		buf_adds(out, "</p>\n");
	}
	table_write_key(t, &key);
	if (key.len) {
		buf_adds(out, "<p class=\"table-key\">");
		buf_add_html(out, key.buf);
		buf_adds(out, "</p>\n");
	}
	buf_release(&key);
	free(show);
}
