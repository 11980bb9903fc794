/* report.c - jsna-report: charts + tables -> the population-needs section.
 *
 * usage: jsna-report [-c jsna.ini]
 * Writes outputs/report/population-needs.html: one self-contained page
 * (inline SVG charts, accessible tables, no network references) with a
 * generated statement per indicator, its chart and the summary table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/results.h"
#include "jsna/stage.h"
#include "jsna/table.h"
#include "jsna/util.h"
#include "jsna/wording.h"

static const char usage[] =
	"usage: jsna-report [-c jsna.ini]\n"
	"Writes the population-needs section from the latest calculation and\n"
	"the charts of the output set.\n"
	"  -c, --config FILE  configuration (default jsna.ini)\n"
	"  -q, --quiet        only errors\n"
	"  -v, --verbose      say what was written\n"
	"  -h, --help         this text\n"
	"      --version      the program's version\n";

static const char style[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;color:#0b0c0c;"
	"max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
	"h1{font-size:1.8rem}h2{font-size:1.4rem;border-bottom:2px solid #12436d}"
	"h3{font-size:1.15rem}figure{margin:1rem 0}"
	"figure svg{width:100%;height:auto}"
	".scroll{overflow-x:auto}details{margin:.5rem 0 1rem}"
	"summary{cursor:pointer;color:#1d70b8}"
	"figcaption,.source{font-size:.9rem;color:#505a5f}"
	"table{border-collapse:collapse;font-size:.85rem;margin:1rem 0}"
	"caption{text-align:left;font-weight:bold;margin-bottom:.5rem}"
	"th,td{border-bottom:1px solid #b1b4b6;padding:.3rem .5rem;"
	"text-align:left;vertical-align:top}.num{text-align:right}"
	".statement{font-size:1.05rem}";

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

/* The chart's data as an accessible table, folded away under the chart. */
static void chart_data_table(const struct results *r,
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

	buf_adds(out, "<details>\n<summary>Data for this chart</summary>\n<div class=\"scroll\"><table>\n<caption>");
	buf_add_html(out, ind->title);
	buf_adds(out, ", ");
	buf_add_html(out, r->area_name);
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
		buf_add_html(out, p->cmp_england);
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

static void indicator_section(struct stage *s, const struct results *r,
			      const struct result_indicator *ind,
			      struct buf *out)
{
	struct buf statement = BUF_INIT, svg = BUF_INIT, alt = BUF_INIT;
	struct buf rel = BUF_INIT;

	buf_adds(out, "<section>\n<h3>");
	buf_add_html(out, ind->title);
	buf_adds(out, "</h3>\n");
	wording_headline(ind, r->area_name, s->cfg.suppress_below, &statement);
	if (statement.len) {
		buf_adds(out, "<p class=\"statement\">");
		buf_add_html(out, statement.buf);
		buf_adds(out, "</p>\n");
	}
	buf_addf(&rel, "charts/%s_trend.svg", ind->id);
	if (read_output(s, rel.buf, &svg) == 0) {
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s_trend.txt", ind->id);
		read_output(s, rel.buf, &alt);
		buf_adds(out, "<figure>\n");
		inline_svg(out, svg.buf, ind->id);
		buf_adds(out, "\n<figcaption>");
		buf_add_html(out, ind->title);
		buf_adds(out, ": ");
		buf_add_html(out, r->area_name);
		buf_adds(out, " against England over time.</figcaption>\n</figure>\n");
		chart_data_table(r, ind, out);
	}
	buf_adds(out, "<p class=\"source\">Source: ");
	buf_add_html(out, ind->source);
	buf_adds(out, "</p>\n</section>\n");
	buf_release(&statement);
	buf_release(&svg);
	buf_release(&alt);
	buf_release(&rel);
}

static void page(struct stage *s, const struct results *r, struct buf *out)
{
	struct table t;
	size_t i, j;

	buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	buf_adds(out, "Children and young people: population needs, ");
	buf_add_html(out, r->area_name);
	buf_addf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n",
		 style);
	buf_adds(out, "<h1>Children and young people: population needs</h1>\n<p>");
	buf_add_html(out, r->area_name);
	buf_adds(out, " (");
	buf_add_html(out, r->area_code);
	buf_adds(out, "), compared with England, the region and its statistical neighbours.</p>\n");
	if (r->n == 0)
		buf_adds(out, "<p>No indicator has been calculated yet.</p>\n");

	/* One section per domain, in the order indicators first name them. */
	for (i = 0; i < r->n; i++) {
		for (j = 0; j < i; j++)
			if (!strcmp(r->ind[j].domain, r->ind[i].domain))
				break;
		if (j < i)
			continue;
		buf_adds(out, "<h2>");
		buf_add_html(out, r->ind[i].domain[0] ? r->ind[i].domain :
			      "Indicators");
		buf_adds(out, "</h2>\n");
		for (j = i; j < r->n; j++)
			if (!strcmp(r->ind[j].domain, r->ind[i].domain))
				indicator_section(s, r, &r->ind[j], out);
	}
	if (r->n) {
		buf_adds(out, "<h2>Summary</h2>\n");
		table_summary(r, &t);
		buf_adds(out, "<div class=\"scroll\">\n");
		table_write_html(&t, 1, out);
		buf_adds(out, "</div>\n");
		table_release(&t);
	}
	buf_adds(out, "</main>\n</body>\n</html>\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		STAGE_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct stage s;
	struct results r;
	struct buf b = BUF_INIT;
	char *path;
	int c, rc, ret = JSNA_EXIT_OK;

	jsna_init_args(argc, argv);
	stage_init(&s, "report");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS, longopts,
				NULL)) != -1) {
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
	page(&s, &r, &b);
	path = stage_output(&s, "report/population-needs.html");
	if (!path || afile_write(path, b.buf, b.len) < 0)
		ret = JSNA_EXIT_SYSTEM;
	else
		note("report written");
	free(path);
	buf_release(&b);
	results_release(&r);
	return stage_finish(&s, ret);
}
