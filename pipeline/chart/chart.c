/* chart.c - jsna-chart: indicator values -> PNG, SVG and PDF charts.
 *
 * usage: jsna-chart [-c jsna.ini] [--only ID...] [--format png,svg,pdf]
 * For each indicator of the latest calculation, the configured area's
 * trend against England, the region and the statistical-neighbour
 * average, with 95% intervals and points marked by their comparison with
 * England; and, in the latest period where the area has a value, a
 * compare-areas bar chart of England, the region, the area and its
 * statistical neighbours, bars filled by their comparison with England.
 * Beside each chart the plotted data (CSV) and a plain-text alternative
 * (TXT).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/chart.h"
#include "jsna/export.h"
#include "jsna/neighbours.h"
#include "jsna/results.h"
#include "jsna/stage.h"
#include "jsna/util.h"

static const char usage[] =
	"usage: jsna-chart [-c jsna.ini] [--only ID...] [--format png,svg,pdf]\n"
	"Draws the configured area's charts from the latest calculation.\n"
	"  -c, --config FILE    configuration (default jsna.ini)\n"
	"  -o, --only ID        only this indicator (may be repeated)\n"
	"  -f, --format LIST    chart formats (default: [publish] formats)\n"
	"  -q, --quiet          only errors\n"
	"  -v, --verbose        say what was drawn\n"
	"  -h, --help           this text\n"
	"      --version        the program's version\n";

/* The data of one trend chart, in the arrays chart.h borrows. */
struct trend_data {
	const char **labels;
	double *v[4], *lo, *hi;
	enum stats_cmp *cmp;
	struct chart_series series[4];
	size_t nseries;
	int suppressed;
};

static void trend_data_release(struct trend_data *t)
{
	int k;

	free(t->labels);
	for (k = 0; k < 4; k++)
		free(t->v[k]);
	free(t->lo);
	free(t->hi);
	free(t->cmp);
}

static void build(const struct result_indicator *ind, struct trend_data *t)
{
	size_t n = ind->nperiods, j, k;
	const struct result_series *area = &ind->series[SERIES_AREA];
	int have_nb = 0;

	memset(t, 0, sizeof(*t));
	t->labels = xcalloc(n + 1, sizeof(*t->labels));
	for (k = 0; k < 4; k++)
		t->v[k] = xcalloc(n + 1, sizeof(double));
	t->lo = xcalloc(n + 1, sizeof(double));
	t->hi = xcalloc(n + 1, sizeof(double));
	t->cmp = xcalloc(n + 1, sizeof(*t->cmp));
	for (j = 0; j < n; j++) {
		const struct result_point *p = &area->pt[j];

		t->labels[j] = ind->periods[j].label;
		t->v[0][j] = p->value;
		t->lo[j] = p->lower95;
		t->hi[j] = p->upper95;
		t->cmp[j] = results_cmp(p->cmp_england);
		t->v[1][j] = ind->series[SERIES_ENGLAND].pt[j].value;
		t->v[2][j] = ind->series[SERIES_REGION].pt[j].value;
		t->v[3][j] = p->neighbour_avg;
		if (!isnan(p->neighbour_avg))
			have_nb = 1;
		if (p->present && !strcmp(p->note, "c"))
			t->suppressed = 1;
	}
	t->series[0].name = area->name;
	t->series[0].is_area = 1;
	t->series[0].value = t->v[0];
	t->series[0].lower = t->lo;
	t->series[0].upper = t->hi;
	t->series[0].cmp = t->cmp;
	t->series[1].name = ind->series[SERIES_ENGLAND].name;
	t->series[1].value = t->v[1];
	t->nseries = 2;
	if (ind->series[SERIES_REGION].name &&
	    strcmp(ind->series[SERIES_REGION].code,
		   ind->series[SERIES_AREA].code) != 0) {
		t->series[t->nseries].name = ind->series[SERIES_REGION].name;
		t->series[t->nseries++].value = t->v[2];
	}
	if (have_nb) {
		t->series[t->nseries].name = "Statistical neighbours (average)";
		t->series[t->nseries++].value = t->v[3];
	}
}

/* The plotted data beside the chart. */
static void plotted_csv(const struct result_indicator *ind,
			const struct trend_data *t, struct buf *b)
{
	size_t j, k;

	buf_adds(b, "Time period,Time period Sortable");
	for (k = 0; k < t->nseries; k++) {
		buf_addch(b, ',');
		buf_add_csv(b, t->series[k].name);
		if (k == 0)
			buf_adds(b, ",Lower CI 95.0 limit,Upper CI 95.0 limit,Compared to England");
	}
	buf_addch(b, '\n');
	for (j = 0; j < ind->nperiods; j++) {
		buf_add_csv(b, t->labels[j]);
		buf_addf(b, ",%ld", ind->periods[j].sortable);
		for (k = 0; k < t->nseries; k++) {
			buf_addch(b, ',');
			export_number(b, t->series[k].value[j]);
			if (k == 0) {
				buf_addch(b, ',');
				export_number(b, t->lo[j]);
				buf_addch(b, ',');
				export_number(b, t->hi[j]);
				buf_addch(b, ',');
				buf_add_csv(b, ind->series[SERIES_AREA].pt[j].cmp_england);
			}
		}
		buf_addch(b, '\n');
	}
}

static int write_rel(struct stage *s, const char *rel, const struct buf *b)
{
	char *path = stage_output(s, rel);
	int ret;

	if (!path)
		return -1;
	ret = afile_write(path, b->buf, b->len);
	free(path);
	return ret;
}

/* Draws the trend chart tc, or else the compare chart cc. */
static int render(struct stage *s, const struct trend_chart *tc,
		  const struct compare_chart *cc, enum chart_format f,
		  const char *rel)
{
	char *path = stage_output(s, rel);
	struct buf tmp = BUF_INIT;
	int ret = -1;

	if (!path)
		return -1;
	buf_addf(&tmp, "%s.tmp", path);
	if ((tc ? chart_render_trend(tc, f, tmp.buf) :
		  chart_render_compare(cc, f, tmp.buf)) == 0) {
		if (rename(tmp.buf, path) < 0)
			error_errno("cannot replace '%s'", path);
		else
			ret = 0;
	}
	if (ret < 0)
		remove(tmp.buf);
	buf_release(&tmp);
	free(path);
	return ret;
}

/* What the y axis measures: "Rate per 10,000 children aged under 18". */
static void measure_name(const struct result_indicator *ind, struct buf *b)
{
	if (!strcmp(ind->unit, "%"))
		buf_adds(b, "Percentage");
	else if (!strcmp(ind->type, "rate"))
		buf_addf(b, "Rate %s", ind->unit);
	else if (!strcmp(ind->type, "count"))
		buf_adds(b, ind->count_label[0] ? "Number" : "Count");
	else
		buf_adds(b, ind->unit[0] ? ind->unit : "Value");
}

static const struct { unsigned bit; enum chart_format f;
		      const char *ext; } fmts[] = {
	{ FORMAT_PNG, CHART_PNG, "png" },
	{ FORMAT_SVG, CHART_SVG, "svg" },
	{ FORMAT_PDF, CHART_PDF, "pdf" },
};
#define NFMTS (sizeof(fmts) / sizeof(fmts[0]))

static int draw_trend(struct stage *s, const struct results *r,
		      const struct result_indicator *ind, unsigned formats)
{
	struct trend_data t;
	struct trend_chart tc;
	struct buf subtitle = BUF_INIT, source = BUF_INIT, ylab = BUF_INIT;
	struct buf notes = BUF_INIT, b = BUF_INIT, rel = BUF_INIT;
	size_t i;
	int ret = 0;

	if (ind->nperiods == 0 || ind->latest < 0) {
		warning("%s: no values for %s; no chart drawn", ind->id,
			r->area_name);
		return 0;
	}
	build(ind, &t);
	measure_name(ind, &ylab);
	buf_addf(&subtitle, "%s, %s, %s to %s", ylab.buf, r->area_name,
		 ind->periods[0].label, ind->periods[ind->nperiods - 1].label);
	buf_addf(&source, "Source: %s. Latest period %s.", ind->source,
		 ind->periods[ind->latest].label);
	if (t.suppressed)
		buf_addf(&notes, "Values from fewer than %d are suppressed (c).",
			 s->cfg.suppress_below);

	memset(&tc, 0, sizeof(tc));
	tc.title = ind->title;
	tc.subtitle = subtitle.buf;
	tc.source = source.buf;
	tc.note = notes.len ? notes.buf : NULL;
	tc.y_label = ylab.buf;
	tc.nperiods = ind->nperiods;
	tc.period_labels = t.labels;
	tc.nseries = t.nseries;
	tc.series = t.series;
	tc.decimals = ind->decimals;
	tc.palette = s->cfg.palette ? PALETTE_FINGERTIPS : PALETTE_GOVUK;
	tc.y_from_zero = 1;

	for (i = 0; i < NFMTS && ret == 0; i++) {
		if (!(formats & fmts[i].bit))
			continue;
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s_trend.%s", ind->id, fmts[i].ext);
		ret = render(s, &tc, NULL, fmts[i].f, rel.buf);
	}
	if (ret == 0) {
		plotted_csv(ind, &t, &b);
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s_trend.csv", ind->id);
		ret = write_rel(s, rel.buf, &b);
	}
	if (ret == 0) {
		buf_reset(&b);
		chart_describe_trend(&tc, &b);
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s_trend.txt", ind->id);
		ret = write_rel(s, rel.buf, &b);
	}
	if (ret == 0)
		note("%s: trend chart drawn", ind->id);
	buf_release(&subtitle);
	buf_release(&source);
	buf_release(&ylab);
	buf_release(&notes);
	buf_release(&b);
	buf_release(&rel);
	trend_data_release(&t);
	return ret;
}

/* The areas of one compare chart: codes, names and values, in the order
 * loaded (England, the region, the area, its neighbours). */
struct compare_data {
	size_t n;
	const char *code[COMPARE_MAX_BARS];
	struct result_point pt[COMPARE_MAX_BARS];
	struct compare_bar bar[COMPARE_MAX_BARS];
};

static void compare_add(struct compare_data *d, const struct results *r,
			const char *code, int is_area, int is_benchmark)
{
	size_t i;

	if (!code || d->n == COMPARE_MAX_BARS)
		return;
	for (i = 0; i < d->n; i++)
		if (!strcmp(d->code[i], code))
			return;
	d->code[d->n] = code;
	d->bar[d->n].name = results_area_name(r, code);
	d->bar[d->n].is_area = is_area;
	d->bar[d->n].is_benchmark = is_benchmark;
	d->n++;
}

/* The plotted data beside the compare chart, in the chart's order, with
 * the long export's column names and numbers. */
static void compare_csv(const struct result_indicator *ind, size_t j,
			const struct compare_data *d,
			const struct compare_chart *cc, struct buf *b)
{
	size_t idx[COMPARE_MAX_BARS], k;

	chart_compare_order(cc, idx);
	buf_adds(b, "Area Code,Area Name,Time period,Time period Sortable,"
		    "Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Value note,"
		    "Compared to England value or percentiles\n");
	for (k = 0; k < d->n; k++) {
		const struct result_point *p = &d->pt[idx[k]];

		buf_add_csv(b, d->code[idx[k]]);
		buf_addch(b, ',');
		buf_add_csv(b, d->bar[idx[k]].name);
		buf_addch(b, ',');
		buf_add_csv(b, ind->periods[j].label);
		buf_addf(b, ",%ld,", ind->periods[j].sortable);
		export_number(b, p->value);
		buf_addch(b, ',');
		export_number(b, p->lower95);
		buf_addch(b, ',');
		export_number(b, p->upper95);
		buf_addch(b, ',');
		buf_add_csv(b, p->note);
		buf_addch(b, ',');
		buf_add_csv(b, p->cmp_england);
		buf_addch(b, '\n');
	}
}

static int draw_compare(struct stage *s, const struct results *r,
			const struct result_indicator *ind,
			const struct neighbours *nb, unsigned formats)
{
	struct compare_data d;
	struct compare_chart cc;
	struct buf subtitle = BUF_INIT, source = BUF_INIT, what = BUF_INIT;
	struct buf notes = BUF_INIT, b = BUF_INIT, rel = BUF_INIT;
	const char *region = ind->series[SERIES_REGION].code;
	char *const *nbs;
	size_t nnb = 0, i;
	int j, ret = 0, suppressed = 0;

	/* The latest period where the area has a value. */
	for (j = ind->latest; j >= 0; j--)
		if (!isnan(ind->series[SERIES_AREA].pt[j].value))
			break;
	if (j < 0) {
		note("%s: no value for %s; no compare chart drawn", ind->id,
		     r->area_name);
		return 0;
	}
	memset(&d, 0, sizeof(d));
	if (region && !strcmp(region, r->area_code))
		region = NULL;
	compare_add(&d, r, ind->series[SERIES_ENGLAND].code, 0, 1);
	compare_add(&d, r, region, 0, 1);
	compare_add(&d, r, r->area_code, 1, 0);
	nbs = neighbours_of(nb, r->area_code, &nnb);
	for (i = 0; i < nnb; i++)
		compare_add(&d, r, nbs[i], 0, 0);
	if (results_load_compare(s->st, r, ind->id, ind->periods[j].sortable,
				 d.code, d.n, d.pt) < 0)
		return -1;
	for (i = 0; i < d.n; i++) {
		d.bar[i].value = d.pt[i].value;
		d.bar[i].lower = d.pt[i].lower95;
		d.bar[i].upper = d.pt[i].upper95;
		d.bar[i].cmp = results_cmp(d.pt[i].cmp_england);
		d.bar[i].note = d.pt[i].note;
		if (!strcmp(d.pt[i].note, "c"))
			suppressed = 1;
	}

	measure_name(ind, &what);
	buf_addf(&subtitle, "%s, %s: %s", what.buf, ind->periods[j].label,
		 r->area_name);
	if (nnb)
		buf_adds(&subtitle, ", its statistical neighbours");
	if (region)
		buf_addf(&subtitle, ", %s (region)",
			 results_area_name(r, region));
	buf_addf(&subtitle, " and %s", results_area_name(r,
			 ind->series[SERIES_ENGLAND].code));
	buf_addf(&source, "Source: %s. Compared with England at the 95%% "
		 "level.", ind->source);
	if (suppressed)
		buf_addf(&notes, "Values from fewer than %d are suppressed: "
			 "\"withheld\".", s->cfg.suppress_below);

	memset(&cc, 0, sizeof(cc));
	cc.title = ind->title;
	cc.subtitle = subtitle.buf;
	cc.source = source.buf;
	cc.note = notes.len ? notes.buf : NULL;
	cc.nbars = d.n;
	cc.bars = d.bar;
	cc.decimals = ind->decimals;
	cc.palette = s->cfg.palette ? PALETTE_FINGERTIPS : PALETTE_GOVUK;

	for (i = 0; i < NFMTS && ret == 0; i++) {
		if (!(formats & fmts[i].bit))
			continue;
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s_compare.%s", ind->id, fmts[i].ext);
		ret = render(s, NULL, &cc, fmts[i].f, rel.buf);
	}
	if (ret == 0) {
		compare_csv(ind, (size_t)j, &d, &cc, &b);
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s_compare.csv", ind->id);
		ret = write_rel(s, rel.buf, &b);
	}
	if (ret == 0) {
		buf_reset(&b);
		chart_describe_compare(&cc, &b);
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s_compare.txt", ind->id);
		ret = write_rel(s, rel.buf, &b);
	}
	if (ret == 0)
		note("%s: compare chart drawn", ind->id);
	buf_release(&subtitle);
	buf_release(&source);
	buf_release(&what);
	buf_release(&notes);
	buf_release(&b);
	buf_release(&rel);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		STAGE_LONG_OPTIONS,
		{ "only", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct stage s;
	struct results r;
	struct neighbours nb = NEIGHBOURS_INIT;
	char **only = NULL;
	size_t nonly = 0, oalloc = 0, i, j;
	unsigned formats = 0;
	int c, rc, ret = JSNA_EXIT_OK;

	jsna_init_args(argc, argv);
	stage_init(&s, "chart");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS "o:f:",
				longopts, NULL)) != -1) {
		switch (c) {
		case 'o':	/* --only */
			XGROW(only, oalloc, nonly + 1);
			only[nonly++] = optarg;
			break;
		case 'f':	/* --format */
			if (config_parse_formats(optarg, "--format",
						 FORMAT_PNG | FORMAT_SVG |
						 FORMAT_PDF, &formats) < 0) {
				free(only);
				return jsna_finish(JSNA_EXIT_USAGE);
			}
			break;
		default:
			rc = stage_option(&s, c, optarg, usage);
			if (rc) {
				free(only);
				return jsna_finish(rc > 0 ? JSNA_EXIT_OK :
						   JSNA_EXIT_USAGE);
			}
		}
	}
	if (optind < argc) {
		fputs(usage, stderr);
		free(only);
		return jsna_finish(JSNA_EXIT_USAGE);
	}
	if ((rc = stage_start(&s, STAGE_STORE | STAGE_WRITE |
			      STAGE_OUTPUTS)) != 0) {
		free(only);
		return rc;
	}
	if (!formats)
		formats = s.cfg.formats;
	if (results_load(s.st, &s.cfg, &r) < 0) {
		free(only);
		return stage_finish(&s, JSNA_EXIT_SYSTEM);
	}
	/* Without a list, the compare charts show the area, region and
	 * England only (jsna-calc has said so already). */
	if (s.cfg.neighbours && neighbours_load(s.cfg.neighbours, s.st,
						 &nb) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	for (i = 0; i < nonly; i++) {
		for (j = 0; j < r.n; j++)
			if (!strcmp(r.ind[j].id, only[i]))
				break;
		if (j == r.n) {
			error("no indicator '%s' in the latest calculation",
			      only[i]);
			ret = JSNA_EXIT_USAGE;
			goto out;
		}
	}
	if (!nonly && stage_clear_output(&s, "charts") < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	for (i = 0; i < r.n; i++) {
		int want = !nonly;

		for (j = 0; j < nonly; j++)
			if (!strcmp(r.ind[i].id, only[j]))
				want = 1;
		if (want && (draw_trend(&s, &r, &r.ind[i], formats) < 0 ||
			     draw_compare(&s, &r, &r.ind[i], &nb,
					  formats) < 0)) {
			ret = JSNA_EXIT_SYSTEM;
			break;
		}
	}
out:
	chart_render_shutdown();
	neighbours_release(&nb);
	results_release(&r);
	free(only);
	return stage_finish(&s, ret);
}
