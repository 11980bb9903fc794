/* table.c - building and writing the summary table. */
#include "jsna/table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/util.h"

static const char *const header[TABLE_NCOLS] = {
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

/* Right-aligned (numeric) columns. */
static int numeric(int col)
{
	return col == COL_COUNT || col == COL_VALUE || col == COL_LOWER ||
	       col == COL_UPPER || col == COL_ENGLAND || col == COL_REGION ||
	       col == COL_NEIGHBOURS || col == COL_CHANGE || col == COL_RANK;
}

static char *num(double v, int dp)
{
	char s[64];

	return xstrdup(results_format(v, dp, s, sizeof(s)));
}

/* The value, or the symbol that stands for it. */
static char *value_cell(const struct result_point *p, int dp)
{
	if (!p || !p->present)
		return xstrdup("");
	if (isnan(p->value))
		return xstrdup(p->note[0] ? p->note : "x");
	return num(p->value, dp);
}

void table_summary(const struct results *r, struct table *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->header = header;
	t->cell = xcalloc(r->n + 1, sizeof(*t->cell));
	{
		struct buf cap = BUF_INIT;

		buf_addf(&cap, "Summary of indicators for %s, latest period, with England, the region and statistical neighbours",
			 r->area_name);
		t->caption = buf_detach(&cap, NULL);
	}
	for (i = 0; i < r->n; i++) {
		const struct result_indicator *ind = &r->ind[i];
		char **c = t->cell[t->nrows++];
		const struct result_point *a = NULL, *e = NULL, *g = NULL;
		const struct result_point *prev = NULL;
		int dp = ind->decimals;
		char buf[64];

		if (ind->latest >= 0) {
			size_t j = (size_t)ind->latest;

			a = &ind->series[SERIES_AREA].pt[j];
			e = &ind->series[SERIES_ENGLAND].pt[j];
			g = &ind->series[SERIES_REGION].pt[j];
			if (j > 0 && ind->series[SERIES_AREA].pt[j - 1].present)
				prev = &ind->series[SERIES_AREA].pt[j - 1];
		}
		c[COL_ID] = xstrdup(ind->id);
		c[COL_INDICATOR] = xstrdup(ind->title);
		c[COL_PERIOD] = xstrdup(a ? ind->periods[ind->latest].label : "");
		if (a && isnan(a->count) && a->note[0])
			c[COL_COUNT] = xstrdup(a->note);
		else
			c[COL_COUNT] = num(a ? a->count : NAN, 0);
		c[COL_VALUE] = value_cell(a, dp);
		c[COL_UNIT] = xstrdup(ind->unit);
		c[COL_LOWER] = num(a ? a->lower95 : NAN, dp);
		c[COL_UPPER] = num(a ? a->upper95 : NAN, dp);
		c[COL_ENGLAND] = value_cell(e, dp);
		c[COL_REGION] = value_cell(g, dp);
		c[COL_NEIGHBOURS] = num(a ? a->neighbour_avg : NAN, dp);
		c[COL_COMPARED] = xstrdup(a && a->cmp_england[0] ?
					  a->cmp_england : "");
		c[COL_TREND] = xstrdup(a ? a->trend : "");
		if (a && prev && !isnan(a->value) && !isnan(prev->value)) {
			double d = stats_round(a->value, dp) -
				   stats_round(prev->value, dp);

			results_format(d, dp, buf, sizeof(buf));
			c[COL_CHANGE] = xstrdup(buf);
			if (d > 0) {
				char plus[72];

				snprintf(plus, sizeof(plus), "+%s", buf);
				free(c[COL_CHANGE]);
				c[COL_CHANGE] = xstrdup(plus);
			}
		} else {
			c[COL_CHANGE] = xstrdup("");
		}
		if (a && a->rank > 0) {
			snprintf(buf, sizeof(buf), "%d of %d", a->rank,
				 a->rank_of);
			c[COL_RANK] = xstrdup(buf);
		} else {
			c[COL_RANK] = xstrdup("");
		}
		c[COL_QUARTILE] = xstrdup(a ? a->quartile : "");
		c[COL_SOURCE] = xstrdup(ind->source);
	}
}

void table_release(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < TABLE_NCOLS; j++)
			free(t->cell[i][j]);
	free(t->cell);
	free(t->caption);
	memset(t, 0, sizeof(*t));
}

void table_write_csv(const struct table *t, struct buf *out)
{
	size_t i, j;

	for (j = 0; j < TABLE_NCOLS; j++) {
		if (j)
			buf_addch(out, ',');
		buf_add_csv(out, t->header[j]);
	}
	buf_addch(out, '\n');
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < TABLE_NCOLS; j++) {
			if (j)
				buf_addch(out, ',');
			buf_add_csv(out, t->cell[i][j]);
		}
		buf_addch(out, '\n');
	}
}

static void md_cell(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			buf_addch(out, '\\');
		buf_addch(out, *s);
	}
}

void table_write_md(const struct table *t, struct buf *out)
{
	size_t i, j;

	buf_addf(out, "%s\n\n|", t->caption);
	for (j = 0; j < TABLE_NCOLS; j++) {
		buf_addch(out, ' ');
		md_cell(out, t->header[j]);
		buf_adds(out, " |");
	}
	buf_adds(out, "\n|");
	for (j = 0; j < TABLE_NCOLS; j++)
		buf_adds(out, numeric((int)j) ? " ---: |" : " --- |");
	buf_addch(out, '\n');
	for (i = 0; i < t->nrows; i++) {
		buf_addch(out, '|');
		for (j = 0; j < TABLE_NCOLS; j++) {
			buf_addch(out, ' ');
			md_cell(out, t->cell[i][j]);
			buf_adds(out, " |");
		}
		buf_addch(out, '\n');
	}
}

/* Is column j empty in every row? */
static int column_empty(const struct table *t, size_t j)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (t->cell[i][j][0])
			return 0;
	return 1;
}

void table_write_html(const struct table *t, int compact, struct buf *out)
{
	int show[TABLE_NCOLS];
	size_t i, j;

	for (j = 0; j < TABLE_NCOLS; j++)
		show[j] = !compact || (j != COL_ID && !column_empty(t, j));
	buf_adds(out, "<table class=\"summary\">\n<caption>");
	buf_add_html(out, t->caption);
	buf_adds(out, "</caption>\n<thead><tr>");
	for (j = 0; j < TABLE_NCOLS; j++) {
		if (!show[j])
			continue;
		buf_addf(out, "<th scope=\"col\"%s>",
			 numeric((int)j) ? " class=\"num\"" : "");
		buf_add_html(out, t->header[j]);
		buf_adds(out, "</th>");
	}
	buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < t->nrows; i++) {
		buf_adds(out, "<tr>");
		for (j = 0; j < TABLE_NCOLS; j++) {
			const char *tag = j == COL_INDICATOR ? "th" : "td";

			if (!show[j])
				continue;
			buf_addf(out, "<%s%s%s>", tag,
				 j == COL_INDICATOR ? " scope=\"row\"" : "",
				 numeric((int)j) ? " class=\"num\"" : "");
			buf_add_html(out, t->cell[i][j]);
			buf_addf(out, "</%s>", tag);
		}
		buf_adds(out, "</tr>\n");
	}
	buf_adds(out, "</tbody>\n</table>\n");
}
