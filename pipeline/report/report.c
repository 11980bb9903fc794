/* report.c - jsna-report: the population-needs section, as a web page and
 * a printed document, and the index of everything published.
 *
 * usage: jsna-report [-c jsna.ini]
 * Writes, from the latest calculation and the charts and tables of the
 * output set:
 *   report/population-needs.html  one self-contained page: inline SVG
 *                                 charts, accessible tables, no network
 *   report/population-needs.pdf   the same on A4 pages (cairo)
 *   index.html                    every chart, table and report, linked
 * The sections and their indicators come from indicators/sections.ini
 * (the partnership's strategic outcomes); each opens with the generated
 * statements. Key messages come first, definitions last.
 */
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/chart.h"
#include "jsna/doc.h"
#include "jsna/edition.h"
#include "jsna/neighbours.h"
#include "jsna/progress.h"
#include "jsna/results.h"
#include "jsna/sections.h"
#include "jsna/stage.h"
#include "jsna/table.h"
#include "jsna/util.h"
#include "jsna/wording.h"

static const char usage[] =
	"usage: jsna-report [-c jsna.ini] [--index-only]\n"
	"Writes the population-needs section (HTML and PDF) and the index of\n"
	"the outputs, from the latest calculation and the output set.\n"
	"      --index-only   write only the index (as jsna publish does)\n"
	"  -c, --config FILE  configuration (default jsna.ini)\n"
	"  -q, --quiet        only errors\n"
	"  -v, --verbose      say what was written\n"
	"  -h, --help         this text\n"
	"      --version      the program's version\n";

#define REPORT_TITLE "Children and young people: population needs"

enum { OPT_INDEX_ONLY = 256 };

static const char style[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;color:#0b0c0c;"
	"max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
	"h1{font-size:1.8rem}h2{font-size:1.4rem;border-bottom:2px solid #12436d;"
	"margin-top:2.5rem}h3{font-size:1.15rem;margin-top:2rem}"
	"figure{margin:1rem 0}figure svg{width:100%;height:auto}"
	".scroll{overflow-x:auto}details{margin:.5rem 0 1rem}"
	"summary{cursor:pointer;color:#1d70b8}"
	"figcaption,.source,.small{font-size:.9rem;color:#505a5f}"
	"table{border-collapse:collapse;font-size:.85rem;margin:1rem 0}"
	"caption{text-align:left;font-weight:bold;margin-bottom:.5rem}"
	"th,td{border-bottom:1px solid #b1b4b6;padding:.3rem .5rem;"
	"text-align:left;vertical-align:top}.num{text-align:right}"
	".statement{font-size:1.05rem}.statements li{margin:.3rem 0}"
	".key{border-left:5px solid #12436d;padding:.2rem 1rem;"
	"background:#f3f2f1}nav ol{columns:2}"
	"dl{display:grid;grid-template-columns:11rem 1fr;gap:.2rem 1rem}"
	"dt{font-weight:bold}dd{margin:0}";

/* The head of both pages. The policy forbids every request: the pages
 * are self-contained, and a browser says so on its console should
 * anything try. */
static const char page_head[] =
	"<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
	"<meta charset=\"utf-8\">\n"
	"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
	"'none'; style-src 'unsafe-inline'; img-src data:\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, "
	"initial-scale=1\">\n";

/* ---- the output set ---- */

/* Reads a file of the output set into b; 0, or -1 when absent. */
static int read_output(struct stage *s, const char *rel, struct buf *b)
{
	char *path = stage_output(s, rel);
	FILE *f;
	char block[8192];
	size_t n;

	if (!path)
		return -1;
	f = fopen(path, "rb");
	free(path);
	if (!f)
		return -1;
	while ((n = fread(block, 1, sizeof(block), f)) > 0)
		buf_add(b, block, n);
	fclose(f);
	return 0;
}

static int have_output(struct stage *s, const char *rel)
{
	char *path = stage_output(s, rel);
	int ok = path && access(path, R_OK) == 0;

	free(path);
	return ok;
}

/* Inlines an SVG: drops the XML declaration and prefixes its ids so that
 * several charts can share one page. */
static void inline_svg(struct buf *out, const char *svg, const char *prefix)
{
	const char *p = strstr(svg, "<svg");

	if (!p)
		return;
	while (*p) {
		if (!strncmp(p, "id=\"", 4)) {
			buf_addf(out, "id=\"%s-", prefix);
			p += 4;
		} else if (!strncmp(p, "href=\"#", 7)) {
			buf_addf(out, "href=\"#%s-", prefix);
			p += 7;
		} else if (!strncmp(p, "url(#", 5)) {
			buf_addf(out, "url(#%s-", prefix);
			p += 5;
		} else {
			buf_addch(out, *p++);
		}
	}
}

/* ---- what the report holds ---- */

struct report {
	struct stage *s;
	const struct results *r;
	struct sections secs;
	const char **nb_names;		/* the statistical neighbours */
	size_t nnb;
	const char *region;		/* its name, or NULL */
	struct buf html;
	struct doc *pdf;
	struct progress bar;		/* of the indicators written */
};

static const struct result_indicator *find(const struct results *r,
					   const char *id)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->ind[i].id, id))
			return &r->ind[i];
	return NULL;
}

/* The statement of one indicator (a gap's tells how it moved). */
static void statement(const struct report *rp,
		      const struct result_indicator *ind, struct buf *out)
{
	wording_headline(ind, rp->r->area_name, rp->s->cfg.suppress_below,
			 out);
}

#define MAX_STEMS 5

/* The charts of an indicator in the report, in order: the gap, the
 * trend, then inside the area, by deprivation decile and by locality. */
static int chart_stems(struct report *rp, const struct result_indicator *ind,
		       const char *stems[MAX_STEMS], char buf[MAX_STEMS][96])
{
	static const char *const kinds[] = {
		"gap", "trend", "inequality", "localities"
	};
	struct buf rel = BUF_INIT;
	size_t k;
	int n = 0;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		snprintf(buf[n], sizeof(buf[n]), "%s_%s", ind->id, kinds[k]);
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s.svg", buf[n]);
		if (have_output(rp->s, rel.buf)) {
			stems[n] = buf[n];
			n++;
		}
	}
	buf_release(&rel);
	/* The children's population by age and sex, beside their number. */
	if (!strcmp(ind->id, "pop_0_17") &&
	    have_output(rp->s, "charts/population_pyramid.svg")) {
		snprintf(buf[n], sizeof(buf[n]), "population_pyramid");
		stems[n] = buf[n];
		n++;
	}
	return n;
}

/* The first line of a chart's text alternative: its title. */
static void chart_caption(struct report *rp, const char *stem,
			  struct buf *out)
{
	struct buf txt = BUF_INIT, rel = BUF_INIT;
	const char *nl;

	buf_addf(&rel, "charts/%s.txt", stem);
	if (read_output(rp->s, rel.buf, &txt) == 0 && txt.len) {
		nl = strchr(txt.buf, '\n');
		buf_add(out, txt.buf, nl ? (size_t)(nl - txt.buf) : txt.len);
	}
	buf_release(&txt);
	buf_release(&rel);
}

/* The chart's data as an accessible table, folded away under the chart;
 * each comparison word carries the export row it comes from. */
static void chart_data_table(const struct report *rp,
			     const struct result_indicator *ind,
			     struct buf *out)
{
	static const char *const head[] = {
		"Period", "Value", "95% interval", "Compared with England",
		"England", "Region", "Statistical neighbours"
	};
	const struct result_series *a = &ind->series[SERIES_AREA];
	size_t i, j;
	char s[64], l[64];

	buf_adds(out, "<details>\n<summary>Data for this chart</summary>\n"
		      "<div class=\"scroll\"><table>\n<caption>");
	buf_add_html(out, ind->title);
	buf_adds(out, ", ");
	buf_add_html(out, rp->r->area_name);
	buf_adds(out, "</caption>\n<thead><tr>");
	for (j = 0; j < sizeof(head) / sizeof(head[0]); j++) {
		buf_addf(out, "<th scope=\"col\"%s>", j && j != 3 ?
			 " class=\"num\"" : "");
		buf_add_html(out, head[j]);
		buf_adds(out, "</th>");
	}
	buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < ind->nperiods; i++) {
		const struct result_point *p = &a->pt[i];

		if (!p->present && isnan(ind->series[SERIES_ENGLAND].pt[i].value))
			continue;
		buf_adds(out, "<tr><th scope=\"row\">");
		buf_add_html(out, ind->periods[i].label);
		buf_adds(out, "</th><td class=\"num\">");
		if (p->present && isnan(p->value))
			buf_add_html(out, p->note[0] ? p->note : "x");
		else
			buf_add_html(out, results_format(p->value,
							 ind->decimals, s,
							 sizeof(s)));
		buf_adds(out, "</td><td class=\"num\">");
		if (!isnan(p->lower95) && !isnan(p->upper95)) {
			results_format(p->lower95, ind->decimals, s, sizeof(s));
			results_format(p->upper95, ind->decimals, l, sizeof(l));
			buf_addf(out, "%s to %s", s, l);
		}
		buf_adds(out, "</td><td>");
		if (p->cmp_england[0]) {
			buf_addf(out, "<span class=\"cmp\" data-indicator=\"%s\" "
				 "data-area=\"%s\" data-period=\"%ld\">",
				 ind->id, rp->r->area_code,
				 ind->periods[i].sortable);
			buf_add_html(out, p->cmp_england);
			buf_adds(out, "</span>");
		}
		buf_adds(out, "</td><td class=\"num\">");
		buf_add_html(out, results_format(
			ind->series[SERIES_ENGLAND].pt[i].value,
			ind->decimals, s, sizeof(s)));
		buf_adds(out, "</td><td class=\"num\">");
		buf_add_html(out, results_format(
			ind->series[SERIES_REGION].pt[i].value,
			ind->decimals, s, sizeof(s)));
		buf_adds(out, "</td><td class=\"num\">");
		buf_add_html(out, results_format(p->neighbour_avg,
						 ind->decimals, s, sizeof(s)));
		buf_adds(out, "</td></tr>\n");
	}
	buf_adds(out, "</tbody>\n</table></div>\n</details>\n");
}

/* The source line: the publisher, the period and the publication date. */
static void source_line(const struct result_indicator *ind, struct buf *out)
{
	int j;

	buf_addf(out, "Source: %s", ind->source);
	for (j = ind->latest; j >= 0; j--)
		if (ind->series[SERIES_AREA].pt[j].present)
			break;
	if (j >= 0)
		buf_addf(out, "; latest period %s", ind->periods[j].label);
	if (ind->last_update[0])
		buf_addf(out, "; published %s", ind->last_update);
	if (ind->next_update[0])
		buf_addf(out, "; next update %s", ind->next_update);
	buf_addch(out, '.');
}

static void indicator_part(struct report *rp,
			   const struct result_indicator *ind)
{
	struct buf st = BUF_INIT, svg = BUF_INIT, rel = BUF_INIT,
		   cap = BUF_INIT, src = BUF_INIT;
	const char *stems[MAX_STEMS];
	char stembuf[MAX_STEMS][96];
	int n, k;
	struct buf *h = &rp->html;

	buf_addf(h, "<article id=\"%s\">\n<h3>", ind->id);
	buf_add_html(h, ind->title);
	buf_adds(h, "</h3>\n");
	n = chart_stems(rp, ind, stems, stembuf);
	/* The heading, its statement and its first chart on one page. */
	doc_need(rp->pdf, 80.0 + (n ? doc_picture_height(CHART_WIDTH_PT,
							   CHART_HEIGHT_PT) : 0));
	doc_heading(rp->pdf, 3, ind->title);
	statement(rp, ind, &st);
	if (st.len) {
		int j = wording_latest(ind);

		/* The row it speaks of, and the comparison it puts in words,
		 * so that a reader (and a test) can check one by the other. */
		buf_addf(h, "<p class=\"statement\" data-indicator=\"%s\" "
			 "data-area=\"%s\" data-period=\"%ld\" data-cmp=\"",
			 ind->id, rp->r->area_code,
			 j >= 0 ? ind->periods[j].sortable : 0L);
		if (j >= 0)
			buf_add_html(h, ind->series[SERIES_AREA].pt[j].cmp_england);
		buf_adds(h, "\">");
		buf_add_html(h, st.buf);
		buf_adds(h, "</p>\n");
		doc_text(rp->pdf, DOC_STATEMENT, st.buf);
	}
	for (k = 0; k < n; k++) {
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s.svg", stems[k]);
		buf_reset(&svg);
		if (read_output(rp->s, rel.buf, &svg) < 0)
			continue;
		buf_reset(&cap);
		chart_caption(rp, stems[k], &cap);
		buf_adds(h, "<figure>\n");
		inline_svg(h, svg.buf, stems[k]);
		buf_adds(h, "\n<figcaption>");
		buf_add_html(h, cap.buf);
		buf_addf(h, " (<a href=\"../charts/%s.png\">PNG</a>, "
			 "<a href=\"../charts/%s.svg\">SVG</a>, "
			 "<a href=\"../charts/%s.pdf\">PDF</a>, "
			 "<a href=\"../charts/%s.csv\">data</a>)"
			 "</figcaption>\n</figure>\n",
			 stems[k], stems[k], stems[k], stems[k]);
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s.png", stems[k]);
		{
			char *png = stage_output(rp->s, rel.buf);

			if (png)
				doc_picture(rp->pdf, png, NULL);
			free(png);
		}
	}
	if (ind->nperiods)
		chart_data_table(rp, ind, h);
	source_line(ind, &src);
	buf_adds(h, "<p class=\"source\">");
	buf_add_html(h, src.buf);
	buf_adds(h, "</p>\n</article>\n");
	doc_text(rp->pdf, DOC_SMALL, src.buf);
	buf_release(&st);
	buf_release(&svg);
	buf_release(&rel);
	buf_release(&cap);
	buf_release(&src);
}

/* ---- key messages ---- */

static void key_messages(struct report *rp)
{
	const struct results *r = rp->r;
	struct buf msg = BUF_INIT, *h = &rp->html;
	size_t i, n = 0;
	static const char rule[] =
		"Listed: an indicator worse than England that is also getting "
		"worse (its recent trend); an indicator in the worst quarter of "
		"authorities; a gap between pupils' groups that widened since "
		"the period before.";

	buf_adds(h, "<section id=\"key-messages\" class=\"key\">\n"
		    "<h2>Key messages</h2>\n<ul>\n");
	doc_heading(rp->pdf, 2, "Key messages");
	for (i = 0; i < r->n; i++) {
		buf_reset(&msg);
		if (!wording_concern(&r->ind[i], &msg))
			continue;
		buf_adds(h, "<li>");
		buf_add_html(h, msg.buf);
		buf_addf(h, " <a href=\"#%s\">More</a></li>\n", r->ind[i].id);
		doc_text(rp->pdf, DOC_BULLET, msg.buf);
		n++;
	}
	if (!n) {
		buf_adds(h, "<li>No indicator is worse than England and getting "
			    "worse, none is in the worst quarter of "
			    "authorities, and no gap widened.</li>\n");
		doc_text(rp->pdf, DOC_BULLET, "No indicator is worse than "
			 "England and getting worse, none is in the worst "
			 "quarter of authorities, and no gap widened.");
	}
	buf_adds(h, "</ul>\n<p class=\"small\">");
	buf_add_html(h, rule);
	buf_adds(h, "</p>\n</section>\n");
	doc_text(rp->pdf, DOC_SMALL, rule);
	buf_release(&msg);
}

/* ---- the summary ---- */

/* Table t on the printed page: the columns cols[ncols] of it, or all of
 * them when cols is NULL. */
static void table_to_doc(struct doc *d, const struct table *t,
			 const int *cols, size_t ncols)
{
	const char **head, **cells;
	int *numeric;
	size_t r, c, k;

	if (!cols)
		ncols = t->ncols;
	head = xcalloc(ncols + 1, sizeof(*head));
	cells = xcalloc(ncols * t->nrows + 1, sizeof(*cells));
	numeric = xcalloc(ncols + 1, sizeof(*numeric));
	for (c = 0; c < ncols; c++) {
		k = cols ? (size_t)cols[c] : c;
		head[c] = t->header[k];
		numeric[c] = t->numeric[k];
	}
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < ncols; c++)
			cells[r * ncols + c] =
				t->cell[r][cols ? (size_t)cols[c] : c];
	doc_table(d, t->caption, ncols, head, t->nrows, cells, numeric);
	free(head);
	free(cells);
	free(numeric);
}

static void summary(struct report *rp)
{
	static const int cols[] = { COL_INDICATOR, COL_PERIOD, COL_VALUE,
				    COL_ENGLAND, COL_COMPARED };
	struct buf svg = BUF_INIT, cap = BUF_INIT, *h = &rp->html;
	struct table t;
	char *png;

	buf_adds(h, "<section id=\"summary\">\n<h2>Summary</h2>\n");
	doc_page_break(rp->pdf);	/* the spine fills a page */
	doc_heading(rp->pdf, 2, "Summary");
	if (read_output(rp->s, "charts/summary_spine.svg", &svg) == 0) {
		chart_caption(rp, "summary_spine", &cap);
		buf_adds(h, "<figure>\n");
		inline_svg(h, svg.buf, "summary_spine");
		buf_adds(h, "\n<figcaption>");
		buf_add_html(h, cap.buf);
		buf_adds(h, "</figcaption>\n</figure>\n");
		png = stage_output(rp->s, "charts/summary_spine.png");
		if (png)
			doc_picture(rp->pdf, png, NULL);
		free(png);
	}
	table_summary(rp->r, &t);
	buf_adds(h, "<div class=\"scroll\">\n");
	table_write_html(&t, 1, h);
	buf_adds(h, "</div>\n</section>\n");
	doc_page_break(rp->pdf);
	table_to_doc(rp->pdf, &t, cols, sizeof(cols) / sizeof(cols[0]));
	table_release(&t);
	buf_release(&svg);
	buf_release(&cap);
}

/* ---- sections ---- */

static void section(struct report *rp, const char *id, const char *title,
		    const char *intro, char *const *ids, size_t nids)
{
	struct buf st = BUF_INIT, *h = &rp->html;
	size_t i;

	buf_addf(h, "<section id=\"section-%s\">\n<h2>", id);
	buf_add_html(h, title);
	buf_adds(h, "</h2>\n");
	doc_page_break(rp->pdf);
	doc_heading(rp->pdf, 2, title);
	if (intro && *intro) {
		buf_adds(h, "<p>");
		buf_add_html(h, intro);
		buf_adds(h, "</p>\n");
		doc_text(rp->pdf, DOC_BODY, intro);
	}
	/* The section opens with its statements, then each indicator. */
	buf_adds(h, "<ul class=\"statements\">\n");
	for (i = 0; i < nids; i++) {
		const struct result_indicator *ind = find(rp->r, ids[i]);

		if (!ind)
			continue;
		buf_reset(&st);
		statement(rp, ind, &st);
		if (!st.len)
			continue;
		buf_adds(h, "<li>");
		buf_add_html(h, st.buf);
		buf_adds(h, "</li>\n");
		doc_text(rp->pdf, DOC_BULLET, st.buf);
	}
	buf_adds(h, "</ul>\n");
	for (i = 0; i < nids; i++) {
		const struct result_indicator *ind = find(rp->r, ids[i]);

		if (ind) {
			indicator_part(rp, ind);
			progress_next(&rp->bar);
		}
	}
	buf_adds(h, "</section>\n");
	buf_release(&st);
}

/* ---- the attainment and gap tables ---- */

static int attainment(struct report *rp)
{
	static const enum table_kind kinds[] = {
		TABLE_EYFS, TABLE_KS2, TABLE_KS4, TABLE_FSM_GAP, TABLE_SEN_GAP
	};
	struct buf *h = &rp->html;
	struct table t;
	size_t k;
	int started = 0, ret = 0;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]) && ret == 0; k++) {
		memset(&t, 0, sizeof(t));
		ret = table_build(rp->s->st, rp->r, kinds[k], &t);
		if (ret == 0 && !table_empty(&t)) {
			if (!started++) {
				buf_adds(h, "<section id=\"attainment\">\n"
					    "<h2>Attainment and the gaps, by "
					    "stage and by year</h2>\n");
				doc_page_break(rp->pdf);
				doc_heading(rp->pdf, 2, "Attainment and the "
					    "gaps, by stage and by year");
			}
			buf_adds(h, "<div class=\"scroll\">\n");
			table_write_html(&t, 1, h);
			buf_adds(h, "</div>\n");
			table_to_doc(rp->pdf, &t, NULL, 0);
		}
		table_release(&t);
	}
	if (started)
		buf_adds(h, "</section>\n");
	return ret;
}

/* ---- definitions ---- */

/* What an indicator measures and how, from its type, unit and labels:
 * "The percentage of children looked after for 12 months, with 95%
 * intervals by Wilson's score method". */
static void measure_words(const struct result_indicator *ind, struct buf *m)
{
	const char *t = ind->type, *den = ind->denominator_label;
	const char *cnt = ind->count_label;

	if (!strcmp(t, "count"))
		buf_addf(m, "The number of %s", cnt[0] ? cnt : "cases");
	else if ((!strcmp(t, "proportion") || !strcmp(t, "share")) &&
		 cnt[0] && den[0])
		buf_addf(m, "%c%s as a percentage of %s",
			 toupper((unsigned char)cnt[0]), cnt + 1, den);
	else if (!strcmp(t, "proportion") || !strcmp(t, "share"))
		buf_adds(m, "A percentage of a group");
	else if (!strcmp(t, "rate"))
		buf_addf(m, "The number of %s %s", cnt[0] ? cnt : "cases",
			 ind->unit);
	else if (!strcmp(t, "mean"))
		buf_addf(m, "The average, in %s, over %s", ind->unit[0] ?
			 ind->unit : "points", den[0] ? den : "the group");
	else if (!strcmp(t, "gap"))
		buf_addf(m, "The difference between two groups of pupils, in %s",
			 ind->unit[0] ? ind->unit : "points");
	else if (!strcmp(t, "ratio") && cnt[0] && den[0])
		buf_addf(m, "%c%s as a percentage of %s (it may exceed 100%%)",
			 toupper((unsigned char)cnt[0]), cnt + 1, den);
	else if (!strcmp(t, "ratio"))
		buf_adds(m, "A ratio as a percentage (it may exceed 100%)");
	else if (!strcmp(t, "prevalence"))
		buf_addf(m, "An estimate of %s: a national rate applied to the "
			 "local population", cnt[0] ? cnt : "the number");
	else if (!strcmp(t, "projection"))
		buf_addf(m, "A projection of %s", cnt[0] ? cnt : "the population");
	else if (!strcmp(t, "average"))
		buf_adds(m, "The average of the monthly values over the year");
	else
		buf_adds(m, t);
	if (!strcmp(ind->ci, "wilson"))
		buf_adds(m, ", with 95% intervals by Wilson's score method");
	else if (!strcmp(ind->ci, "byar"))
		buf_adds(m, ", with 95% intervals by Byar's method (exact "
			    "Poisson under 10 events)");
	else if (!strcmp(ind->ci, "exact"))
		buf_adds(m, ", with exact Poisson 95% intervals");
	else if (!strcmp(ind->ci, "t"))
		buf_adds(m, ", with 95% intervals from Student's t");
	else if (!strcmp(ind->ci, "newcombe"))
		buf_adds(m, ", with 95% intervals by Newcombe's method");
}

static const char *polarity_words(const char *p)
{
	if (!strcmp(p, "high_is_good"))
		return "higher is better";
	if (!strcmp(p, "low_is_good"))
		return "lower is better";
	if (!strcmp(p, "none"))
		return "neither higher nor lower is better: compared as "
		       "higher, similar or lower";
	return "not compared with England";
}

static void definition(struct report *rp, const struct result_indicator *ind)
{
	struct buf m = BUF_INIT, v = BUF_INIT, *h = &rp->html;
	const char *term[5], *desc[5];
	size_t k, n = 0;
	int j;

	measure_words(ind, &m);
	if (!strcmp(ind->type, "count") || !strcmp(ind->type, "projection") ||
	    !strcmp(ind->type, "prevalence"))
		buf_adds(&m, "; a total, not compared with England's.");
	else
		buf_addf(&m, "; %s.", polarity_words(ind->polarity));
	for (j = ind->latest; j >= 0; j--)
		if (ind->series[SERIES_AREA].pt[j].present)
			break;
	buf_addf(&v, "%s", j >= 0 ? ind->periods[j].label : "no data yet");
	if (ind->last_update[0])
		buf_addf(&v, ", published %s", ind->last_update);
	term[n] = "Measure";
	desc[n++] = m.buf;
	term[n] = "Source";
	desc[n++] = ind->source;
	term[n] = "Latest data";
	desc[n++] = v.buf;
	term[n] = "Next update";
	desc[n++] = ind->next_update[0] ? ind->next_update : "not known";
	term[n] = "Indicator id";
	desc[n++] = ind->id;

	buf_addf(h, "<h3 id=\"def-%s\">", ind->id);
	buf_add_html(h, ind->title);
	buf_adds(h, "</h3>\n<dl>\n");
	doc_heading(rp->pdf, 3, ind->title);
	for (k = 0; k < n; k++) {
		struct buf line = BUF_INIT;

		buf_adds(h, "<dt>");
		buf_add_html(h, term[k]);
		buf_adds(h, "</dt><dd>");
		buf_add_html(h, desc[k]);
		buf_adds(h, "</dd>\n");
		buf_addf(&line, "%s: %s", term[k], desc[k]);
		doc_text(rp->pdf, DOC_SMALL, line.buf);
		buf_release(&line);
	}
	buf_adds(h, "</dl>\n");
	buf_release(&m);
	buf_release(&v);
}

static void definitions(struct report *rp, const char *const *order,
			size_t n)
{
	struct buf cmp = BUF_INIT, *h = &rp->html;
	size_t i;

	buf_addf(&cmp, "Each indicator is compared with England%s%s%s",
		 rp->region ? ", " : "", rp->region ? rp->region : "",
		 rp->region ? " (the region)" : "");
	if (rp->nnb) {
		buf_adds(&cmp, " and the statistical neighbours (the DfE "
			       "list): ");
		for (i = 0; i < rp->nnb; i++)
			buf_addf(&cmp, "%s%s", i ? ", " : "", rp->nb_names[i]);
	}
	buf_adds(&cmp, ". Totals (counts, projections and estimates of "
		       "numbers) are not compared.");
	buf_adds(h, "<section id=\"definitions\">\n<h2>Definitions</h2>\n<p>");
	buf_add_html(h, cmp.buf);
	buf_adds(h, "</p>\n");
	doc_page_break(rp->pdf);
	doc_heading(rp->pdf, 2, "Definitions");
	doc_text(rp->pdf, DOC_BODY, cmp.buf);
	for (i = 0; i < n; i++) {
		const struct result_indicator *ind = find(rp->r, order[i]);

		if (ind)
			definition(rp, ind);
	}
	buf_adds(h, "</section>\n");
	buf_release(&cmp);
}

/* ---- the page ---- */

/* Every indicator once: those of the sections in their order, then the
 * rest by id. */
static size_t indicator_order(const struct report *rp, const char **order)
{
	size_t n = 0, i, k, m;

	for (i = 0; i < rp->secs.n; i++)
		for (k = 0; k < rp->secs.sec[i].nids; k++) {
			const char *id = rp->secs.sec[i].ids[k];

			for (m = 0; m < n && strcmp(order[m], id); m++)
				;
			if (m == n && find(rp->r, id))
				order[n++] = id;
		}
	for (i = 0; i < rp->r->n; i++) {
		for (m = 0; m < n && strcmp(order[m], rp->r->ind[i].id); m++)
			;
		if (m == n)
			order[n++] = rp->r->ind[i].id;
	}
	return n;
}

static int page(struct report *rp)
{
	const struct results *r = rp->r;
	struct buf *h = &rp->html, sub = BUF_INIT;
	const char **order = xcalloc(r->n + 1, sizeof(*order));
	char **rest = xcalloc(r->n + 1, sizeof(*rest));
	size_t n, i, k, nrest = 0;
	int ret = 0;

	n = indicator_order(rp, order);
	progress_begin(&rp->bar, "indicators", n);
	buf_addf(h, "%s<title>" REPORT_TITLE ", ", page_head);
	buf_add_html(h, r->area_name);
	buf_addf(h, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n"
		 "<h1>" REPORT_TITLE "</h1>\n<p>", style);
	buf_addf(&sub, "%s (%s), compared with England, %s%sits statistical "
		 "neighbours. Figures from the latest calculation: each names "
		 "its period and source.", r->area_name, r->area_code,
		 rp->region ? rp->region : "", rp->region ? " and " : "");
	buf_add_html(h, sub.buf);
	buf_adds(h, "</p>\n");
	doc_heading(rp->pdf, 1, REPORT_TITLE);
	doc_text(rp->pdf, DOC_BODY, sub.buf);
	if (!r->n) {
		buf_adds(h, "<p>No indicator has been calculated yet.</p>\n");
		doc_text(rp->pdf, DOC_BODY,
			 "No indicator has been calculated yet.");
	} else {
		buf_adds(h, "<nav aria-label=\"Contents\"><h2>Contents</h2>"
			    "<ol>\n<li><a href=\"#key-messages\">Key messages"
			    "</a></li>\n<li><a href=\"#summary\">Summary</a>"
			    "</li>\n");
		for (i = 0; i < rp->secs.n; i++) {
			buf_addf(h, "<li><a href=\"#section-%s\">",
				 rp->secs.sec[i].id);
			buf_add_html(h, rp->secs.sec[i].title);
			buf_adds(h, "</a></li>\n");
		}
		buf_adds(h, "<li><a href=\"#definitions\">Definitions</a></li>"
			    "\n</ol></nav>\n");
		key_messages(rp);
		summary(rp);
		for (i = 0; i < rp->secs.n; i++)
			section(rp, rp->secs.sec[i].id, rp->secs.sec[i].title,
				rp->secs.sec[i].intro, rp->secs.sec[i].ids,
				rp->secs.sec[i].nids);
		/* Indicators no section names still appear. */
		for (i = 0; i < n; i++) {
			for (k = 0; k < rp->secs.n; k++) {
				size_t m;

				for (m = 0; m < rp->secs.sec[k].nids; m++)
					if (!strcmp(rp->secs.sec[k].ids[m],
						    order[i]))
						break;
				if (m < rp->secs.sec[k].nids)
					break;
			}
			if (k == rp->secs.n)
				rest[nrest++] = (char *)order[i];
		}
		if (nrest)
			section(rp, "other", rp->secs.n ? "Other indicators" :
				"Indicators", NULL, rest, nrest);
		ret = attainment(rp);
		definitions(rp, order, n);
	}
	buf_adds(h, "</main>\n</body>\n</html>\n");
	progress_end(&rp->bar);
	free(order);
	free(rest);
	buf_release(&sub);
	return ret;
}

/* ---- the index of the outputs ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in rel of the output set, sorted; *n of them. */
static char **list_output(struct stage *s, const char *rel, size_t *n)
{
	char *path = stage_output(s, rel);
	char **names = NULL;
	size_t alloc = 0;
	DIR *dp;
	struct dirent *e;

	*n = 0;
	dp = path ? opendir(path) : NULL;
	free(path);
	if (!dp)
		return NULL;
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.' || strstr(e->d_name, ".tmp"))
			continue;
		XGROW(names, alloc, *n + 1);
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(dp);
	if (*n)
		qsort(names, *n, sizeof(*names), cmp_str);
	return names;
}

/* A chart's name for readers: its indicator's title and its kind. */
static void chart_name(const struct results *r, const char *stem,
		       struct buf *h)
{
	static const struct { const char *suffix, *words; } kinds[] = {
		{ "_trend", "over time" },
		{ "_compare", "beside other areas" },
		{ "_gap", "the two groups and the gap" },
		{ "_inequality", "by deprivation decile" },
		{ "_localities", "by locality" },
	};
	size_t k, n = strlen(stem), m;
	char *id;

	if (!strcmp(stem, "summary_spine")) {
		buf_adds(h, "Summary: where the area sits among authorities");
		return;
	}
	if (!strcmp(stem, "population_pyramid")) {
		buf_adds(h, "Children and young people by age and sex");
		return;
	}
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		m = strlen(kinds[k].suffix);
		if (n <= m || strcmp(stem + n - m, kinds[k].suffix))
			continue;
		id = xstrdup(stem);
		id[n - m] = '\0';
		if (find(r, id)) {
			buf_add_html(h, find(r, id)->title);
			buf_addf(h, ": %s", kinds[k].words);
			free(id);
			return;
		}
		free(id);
	}
	buf_add_html(h, stem);
}

/* The signed-off editions (jsna publish), newest first. They live in
 * OUTPUTS/editions, beside the sets, and the index is read as
 * OUTPUTS/index.html, so links relative to OUTPUTS reach them. */
static void editions_part(struct report *rp, struct buf *h)
{
	struct edition_list l;
	size_t i;

	if (edition_list(rp->s->cfg.outputs, &l) < 0 || !l.n) {
		edition_list_release(&l);
		return;
	}
	buf_adds(h, "<h2>Editions</h2>\n<p>Signed-off editions of these "
		    "outputs, each frozen as it was published: later "
		    "refreshes never change them.</p>\n<div class=\"scroll\">"
		    "<table>\n<caption>Each edition's report, its record (what "
		    "it was made from) and its manifest (the SHA-256 of every "
		    "file)</caption>\n<thead><tr><th scope=\"col\">Edition"
		    "</th><th scope=\"col\">Frozen</th><th scope=\"col\">"
		    "Report</th><th scope=\"col\">Record</th></tr></thead>\n"
		    "<tbody>\n");
	for (i = l.n; i-- > 0;) {
		const char *n = l.e[i].name;	/* [A-Za-z0-9._-]: safe */

		buf_addf(h, "<tr><th scope=\"row\">%s</th><td>", n);
		if (*l.e[i].frozen) {
			buf_adds(h, "<time datetime=\"");
			buf_add_html(h, l.e[i].frozen);
			buf_adds(h, "\">");
			buf_add(h, l.e[i].frozen, strnlen(l.e[i].frozen, 10));
			buf_adds(h, "</time>");
		}
		buf_addf(h, "</td><td><a href=\"" EDITIONS_DIR "/%s/report/"
			 "population-needs.html\">Web page</a>, <a href=\""
			 EDITIONS_DIR "/%s/report/population-needs.pdf\">PDF"
			 "</a></td><td><a href=\"" EDITIONS_DIR "/%s/"
			 EDITION_RECORD "\">" EDITION_RECORD "</a>, <a href=\""
			 EDITIONS_DIR "/%s/" EDITION_MANIFEST "\">"
			 EDITION_MANIFEST "</a></td></tr>\n", n, n, n, n);
	}
	buf_adds(h, "</tbody>\n</table></div>\n");
	edition_list_release(&l);
}

static void index_page(struct report *rp, struct buf *h)
{
	static const char *const exts[] = { "png", "svg", "pdf", "csv", "txt" };
	const struct results *r = rp->r;
	char **charts, **tables, *stem;
	size_t nc, nt, i, k;

	charts = list_output(rp->s, "charts", &nc);
	tables = list_output(rp->s, "tables", &nt);
	buf_addf(h, "%s<title>Outputs, ", page_head);
	buf_add_html(h, r->area_name);
	buf_addf(h, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n"
		 "<h1>Outputs: ", style);
	buf_add_html(h, r->area_name);
	buf_adds(h, "</h1>\n<h2>The population-needs section</h2>\n<ul>\n"
		    "<li><a href=\"report/population-needs.html\">Web page"
		    "</a></li>\n<li><a href=\"report/population-needs.pdf\">"
		    "PDF (A4)</a></li>\n<li><a href=\"indicators.csv\">Every "
		    "value (the long export, CSV)</a></li>\n");
	if (have_output(rp->s, "changes.md"))
		buf_adds(h, "<li><a href=\"changes.md\">What changed since the "
			    "last refresh</a></li>\n");
	buf_adds(h, "</ul>\n");
	editions_part(rp, h);
	buf_adds(h, "<h2>Tables</h2>\n<ul>\n");
	for (i = 0; i < nt; i++) {
		buf_addf(h, "<li><a href=\"tables/%s\">", tables[i]);
		buf_add_html(h, tables[i]);
		buf_adds(h, "</a></li>\n");
	}
	buf_adds(h, "</ul>\n<h2>Charts</h2>\n<div class=\"scroll\"><table>\n"
		    "<caption>Each chart as a picture (PNG, 300 dpi), a "
		    "drawing (SVG), a print file (PDF), its data (CSV) and its "
		    "text alternative (TXT)</caption>\n<thead><tr>"
		    "<th scope=\"col\">Chart</th>");
	for (k = 0; k < 5; k++)
		buf_addf(h, "<th scope=\"col\">%s</th>", exts[k]);
	buf_adds(h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < nc; i++) {
		size_t len = strlen(charts[i]);

		if (len < 4 || strcmp(charts[i] + len - 4, ".png"))
			continue;
		stem = xstrdup(charts[i]);
		stem[len - 4] = '\0';
		buf_adds(h, "<tr><th scope=\"row\">");
		chart_name(r, stem, h);
		buf_adds(h, "</th>");
		for (k = 0; k < 5; k++)
			buf_addf(h, "<td><a href=\"charts/%s.%s\">%s</a></td>",
				 stem, exts[k], exts[k]);
		buf_adds(h, "</tr>\n");
		free(stem);
	}
	buf_adds(h, "</tbody>\n</table></div>\n</main>\n</body>\n</html>\n");
	for (i = 0; i < nc; i++)
		free(charts[i]);
	for (i = 0; i < nt; i++)
		free(tables[i]);
	free(charts);
	free(tables);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		STAGE_LONG_OPTIONS,
		{ "index-only", no_argument, NULL, OPT_INDEX_ONLY },
		{ NULL, 0, NULL, 0 }
	};
	struct stage s;
	struct results r;
	struct report rp;
	struct neighbours nb = NEIGHBOURS_INIT;
	struct buf path = BUF_INIT, idx = BUF_INIT, tmp = BUF_INIT;
	char *const *codes;
	char *pdf = NULL;
	size_t i;
	int c, rc, ret = JSNA_EXIT_OK;
	int index_only = 0;

	jsna_init_args(argc, argv);
	stage_init(&s, "report");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS, longopts,
				NULL)) != -1) {
		if (c == OPT_INDEX_ONLY) {	/* --index-only */
			index_only = 1;
			continue;
		}
		rc = stage_option(&s, c, optarg, usage);
		if (rc)
			return jsna_finish(rc > 0 ? JSNA_EXIT_OK :
					   JSNA_EXIT_USAGE);
	}
	if (optind < argc) {
		fputs(usage, stderr);
		return jsna_finish(JSNA_EXIT_USAGE);
	}
	if ((rc = stage_start(&s, STAGE_STORE | STAGE_WRITE |
			      STAGE_OUTPUTS)) != 0)
		return rc;
	if (results_load(s.st, &s.cfg, &r) < 0)
		return stage_finish(&s, JSNA_EXIT_SYSTEM);
	memset(&rp, 0, sizeof(rp));
	rp.s = &s;
	rp.r = &r;
	if (index_only)
		goto write_index;
	buf_addf(&path, "%s/sections.ini", s.cfg.indicators);
	if (access(path.buf, F_OK) == 0 &&
	    sections_load(path.buf, NULL, &rp.secs) < 0) {
		ret = JSNA_EXIT_DATA;
		goto out;
	}
	if (s.cfg.neighbours && neighbours_load(s.cfg.neighbours, s.st,
						 &nb) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	codes = neighbours_of(&nb, r.area_code, &rp.nnb);
	rp.nb_names = xcalloc(rp.nnb + 1, sizeof(*rp.nb_names));
	for (i = 0; i < rp.nnb; i++)
		rp.nb_names[i] = results_area_name(&r, codes[i]);
	for (i = 0; i < r.n && !rp.region; i++)
		if (r.ind[i].series[SERIES_REGION].name &&
		    strcmp(r.ind[i].series[SERIES_REGION].code, r.area_code))
			rp.region = r.ind[i].series[SERIES_REGION].name;

	pdf = stage_output(&s, "report/population-needs.pdf");
	if (!pdf) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	buf_addf(&tmp, "%s.tmp", pdf);
	buf_reset(&path);
	buf_addf(&path, REPORT_TITLE ", %s", r.area_name);
	rp.pdf = doc_open(tmp.buf, path.buf, path.buf);
	if (!rp.pdf) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	rc = page(&rp);
	if (doc_close(rp.pdf) < 0)
		rc = -1;
	if (rc == 0 && rename(tmp.buf, pdf) < 0)
		rc = error_errno("cannot replace '%s'", pdf);
	if (rc < 0) {
		remove(tmp.buf);
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	if (stage_write_output(&s, "report/population-needs.html", &rp.html) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
write_index:
	index_page(&rp, &idx);
	if (stage_write_output(&s, "index.html", &idx) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	note(index_only ? "index of the outputs written" :
	     "report written: HTML, PDF and the index of the outputs");
out:
	free(pdf);
	free(rp.nb_names);
	sections_release(&rp.secs);
	neighbours_release(&nb);
	buf_release(&rp.html);
	buf_release(&path);
	buf_release(&idx);
	buf_release(&tmp);
	results_release(&r);
	return stage_finish(&s, ret);
}
