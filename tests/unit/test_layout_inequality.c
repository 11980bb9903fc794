/* test_layout_inequality.c - the inequality chart (an indicator by
 * deprivation decile): round ticks from a zero baseline, bars as tall as
 * their values, whiskers, the area's line and its label, the fitted line
 * through its given points, withheld and missing deciles, negative values,
 * long names, the text alternative and the three renderers.
 *
 * Expected geometry comes from the inputs and the layout's own scale
 * (chart_layout_ypos), never from the layout's items alone: a bar of value
 * v must be k * v tall for one k, whatever the scale chosen.
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/chart.h"
#include "jsna/util.h"
#include "tmpdir.h"
#include "layouttest.h"

#define W CHART_WIDTH_PT
#define H CHART_HEIGHT_PT
#define N 10

static struct inequality_bar bars[N];
static double rank[N], fit[N];
static struct inequality_chart chart;
static char labels[N][24];

/* Children's centre reach by local decile, 2024/25 (the bundled sample,
 * rounded), and a fitted line chosen by hand: 85 at rank 0 falling 83
 * points to 2 at rank 1, each decile at rank (k - 0.5) / 10 but the
 * first two (0.06 and 0.18: a larger first decile). */
static void sample_init(void)
{
	static const double v[N] = { 81.8, 70.7, 59.7, 46.4, 39.6, 37.2,
				     28.4, 19.7, 12.9, 5.8 };
	static const double lo[N] = { 80.2, 68.7, 57.4, 44.2, 37.3, 34.9,
				      26.4, 17.8, 11.3, 4.6 };
	static const double hi[N] = { 83.4, 72.6, 61.9, 48.8, 42.0, 39.5,
				      30.6, 21.7, 14.6, 7.2 };
	size_t k;

	memset(bars, 0, sizeof(bars));
	for (k = 0; k < N; k++) {
		snprintf(labels[k], sizeof(labels[k]), "%zu", k + 1);
		bars[k].label = labels[k];
		bars[k].name = "A decile (IMD2025)";
		bars[k].value = v[k];
		bars[k].lower = lo[k];
		bars[k].upper = hi[k];
		rank[k] = k == 0 ? 0.06 : k == 1 ? 0.18 : (k + 0.5) / 10;
		fit[k] = 85 - 83 * rank[k];
	}
	memset(&chart, 0, sizeof(chart));
	chart.title = "Children's centre reach by deprivation of the area";
	chart.subtitle = "Under-5s reached as a percentage of children aged "
			 "under 5, Cheshire West and Chester, 2024/25, by "
			 "deprivation decile of the authority's small areas "
			 "(IMD2025)";
	chart.source = "Source: Cheshire West and Chester Council.";
	chart.y_label = "Percentage";
	chart.axis_label = "Deprivation decile within the authority (IMD2025)";
	chart.first_end = "Most deprived";
	chart.last_end = "Least deprived";
	chart.nbars = N;
	chart.bars = bars;
	chart.area_name = "Cheshire West and Chester";
	chart.overall = 43.4;
	chart.rank = rank;
	chart.fit = fit;
	chart.fit_start = 85;
	chart.fit_end = 2;
	chart.sii_text = "Slope index of inequality: -82.5 percentage points "
			 "(95% confidence interval -84.4 to -80.5).";
	chart.decimals = 1;
}

static int setup(void **state)
{
	(void)state;
	sample_init();
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	chart_render_shutdown();
	return 0;
}

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

static void lay(struct chart_layout *l)
{
	*l = (struct chart_layout)CHART_LAYOUT_INIT;
	assert_int_equal(chart_layout_inequality(&chart, W, H, measure_est,
						 NULL, l), 0);
}

/* The bars, left to right, into r[]; returns how many. */
static size_t bar_rects(const struct chart_layout *l,
			const struct chart_item **r, size_t max)
{
	size_t i, n = 0, j;
	const struct chart_item *t;

	for (i = 0; i < l->nitems && n < max; i++)
		if (l->items[i].op == CHART_OP_RECT &&
		    l->items[i].fill == INEQUALITY_BAR &&
		    l->items[i].y < l->plot_bottom + 1e-9)
			r[n++] = &l->items[i];
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && r[j]->x < r[j - 1]->x; j--) {
			t = r[j];
			r[j] = r[j - 1];
			r[j - 1] = t;
		}
	return n;
}

static const struct chart_item *find_text(const struct chart_layout *l,
					  const char *text)
{
	size_t i;

	for (i = 0; i < l->nitems; i++)
		if (l->items[i].op == CHART_OP_TEXT &&
		    !strcmp(l->items[i].text, text))
			return &l->items[i];
	return NULL;
}

/* The text item with this text nearest to x, or NULL. */
static const struct chart_item *text_near(const struct chart_layout *l,
					  const char *text, double x)
{
	const struct chart_item *best = NULL;
	size_t i;

	for (i = 0; i < l->nitems; i++)
		if (l->items[i].op == CHART_OP_TEXT &&
		    !strcmp(l->items[i].text, text) &&
		    (!best || fabs(l->items[i].x - x) < fabs(best->x - x)))
			best = &l->items[i];
	return best;
}

/* The lines of colour ink, width w and dash d, into r[]. */
static size_t lines_of(const struct chart_layout *l, unsigned long ink,
		       double w, enum chart_dash d,
		       const struct chart_item **r, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < l->nitems && n < max; i++)
		if (l->items[i].op == CHART_OP_LINE &&
		    l->items[i].stroke == ink && l->items[i].dash == d &&
		    fabs(l->items[i].width - w) < 1e-9)
			r[n++] = &l->items[i];
	return n;
}

static int is_round(double step)
{
	double m = step / pow(10, floor(log10(step) + 1e-9));

	return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9;
}

static void test_ticks_zero_bars(void **state)
{
	struct chart_layout l;
	const struct chart_item *r[N + 2];
	double y0, k, slot;
	size_t i, n;
	int t;
	char s[32];

	(void)state;
	lay(&l);
	/* Round ticks from zero, labelled, covering every value and limit. */
	assert_true(fabs(l.tick_start) < 1e-12);
	assert_true(fabs(l.y_min) < 1e-12);
	assert_true(is_round(l.tick_step));
	assert_true(l.nticks >= 3 && l.nticks <= 8);
	assert_true(l.y_max >= 85);
	for (t = 0; t < l.nticks; t++) {
		snprintf(s, sizeof(s), "%g", l.tick_start + t * l.tick_step);
		assert_non_null(find_text(&l, s));
	}
	/* Ten bars left to right, from the zero line, as tall as their
	 * values, each centred in its tenth of the plot over its number. */
	n = bar_rects(&l, r, N + 2);
	assert_int_equal(n, N);
	y0 = chart_layout_ypos(&l, 0);
	assert_true(fabs(y0 - l.plot_bottom) < 1e-9);
	k = r[0]->h / bars[0].value;
	slot = (l.plot_right - l.plot_left) / N;
	for (i = 0; i < n; i++) {
		const struct chart_item *num;
		double mid = r[i]->x + r[i]->w / 2;

		assert_true(fabs(r[i]->y + r[i]->h - y0) < 1e-9);
		assert_true(fabs(r[i]->h - k * bars[i].value) < 1e-6);
		assert_true(fabs(r[i]->y - chart_layout_ypos(&l, bars[i].value))
			    < 1e-9);
		assert_true(fabs(mid - (l.plot_left + (i + 0.5) * slot)) <
			    1e-9);
		assert_int_equal(r[i]->stroke, INEQUALITY_BAR_OUTLINE);
		num = text_near(&l, bars[i].label, mid);
		assert_non_null(num);
		assert_true(fabs(num->x - mid) < 1e-9);
		assert_true(num->y > l.plot_bottom);
	}
	/* The words under the ends, and the axis's name. */
	assert_true(find_text(&l, "Most deprived")->x <= r[0]->x + 1e-9);
	assert_true(find_text(&l, "Least deprived")->x >=
		    r[N - 1]->x + r[N - 1]->w - 1e-9);
	assert_non_null(find_text(&l, chart.axis_label));
	assert_non_null(find_text(&l, "Percentage"));
	chart_layout_release(&l);
}

static void test_whiskers_labels(void **state)
{
	struct chart_layout l;
	const struct chart_item *r[N + 2], *ci[N + 4], *t;
	size_t i, n, m;
	char s[16];

	(void)state;
	lay(&l);
	n = bar_rects(&l, r, N + 2);
	/* Ten whiskers (and the legend's swatch, under the plot). */
	m = lines_of(&l, 0x505A5FUL, 0.8, CHART_DASH_SOLID, ci, N + 4);
	assert_int_equal(m, N + 1);
	for (i = 0; i < n; i++) {
		double mid = r[i]->x + r[i]->w / 2;

		assert_int_equal(ci[i]->npts, 8);
		/* caps at the limits, the stem at the bar's middle */
		assert_true(fabs(ci[i]->pts[6] - mid) < 1e-9);
		assert_true(fabs(ci[i]->pts[7] -
				 chart_layout_ypos(&l, bars[i].upper)) < 1e-9);
		assert_true(fabs(ci[i]->pts[9] -
				 chart_layout_ypos(&l, bars[i].lower)) < 1e-9);
		/* the value with the indicator's decimals, above the
		 * whisker, inside the plot */
		snprintf(s, sizeof(s), "%.1f", bars[i].value);
		t = text_near(&l, s, mid);
		assert_non_null(t);
		assert_true(fabs(t->x - mid) < 1e-9);
		assert_true(t->y < chart_layout_ypos(&l, bars[i].upper));
		assert_true(t->y - 0.93 * t->size >= l.plot_top - 1e-9);
	}
	assert_non_null(find_text(&l, "95% confidence interval"));
	chart_layout_release(&l);
}

static void test_area_line(void **state)
{
	struct chart_layout l;
	const struct chart_item *r[4], *t, *v;
	size_t n;
	double y;

	(void)state;
	lay(&l);
	n = lines_of(&l, INEQUALITY_AREA_INK, 1.5, CHART_DASH_SOLID, r, 4);
	assert_int_equal(n, 1);
	y = chart_layout_ypos(&l, 43.4);
	assert_int_equal(r[0]->npts, 2);
	assert_true(fabs(r[0]->pts[0] - l.plot_left) < 1e-9);
	assert_true(fabs(r[0]->pts[2] - l.plot_right) < 1e-9);
	assert_true(fabs(r[0]->pts[1] - y) < 1e-9);
	assert_true(fabs(r[0]->pts[3] - y) < 1e-9);
	/* Labelled at its right end with the name and the value, in the
	 * area's blue, the value bold, on the page. */
	t = find_text(&l, "Cheshire West and Chester");
	if (!t)
		t = find_text(&l, "Cheshire West and");
	assert_non_null(t);
	assert_true(t->x > l.plot_right);
	assert_int_equal(t->stroke, INEQUALITY_AREA_INK);
	v = find_text(&l, "43.4");
	assert_non_null(v);
	assert_int_equal(v->bold, 1);
	assert_true(v->x > l.plot_right);
	assert_true(fabs(v->y - y) < 2 * 1.25 * 8.5);
	assert_true(v->x + measure_est(NULL, "43.4", v->size, 1) <= W);
	chart_layout_release(&l);
}

static void test_fit(void **state)
{
	struct chart_layout l;
	const struct chart_item *r[4], *b[N + 2];
	size_t n, i;

	(void)state;
	lay(&l);
	n = lines_of(&l, INEQUALITY_FIT_INK, 1.25, CHART_DASH_DASHED, r, 4);
	assert_int_equal(n, 2);	/* the line and its legend swatch */
	assert_int_equal(r[0]->npts, N + 2);
	bar_rects(&l, b, N + 2);
	/* The ends: rank 0 at the plot's left edge, rank 1 at its right. */
	assert_true(fabs(r[0]->pts[0] - l.plot_left) < 1e-9);
	assert_true(fabs(r[0]->pts[1] - chart_layout_ypos(&l, 85)) < 1e-9);
	assert_true(fabs(r[0]->pts[2 * (N + 1)] - l.plot_right) < 1e-9);
	assert_true(fabs(r[0]->pts[2 * (N + 1) + 1] -
			 chart_layout_ypos(&l, 2)) < 1e-9);
	/* Over each bar's middle, the bar's own fitted value. */
	for (i = 0; i < N; i++) {
		assert_true(fabs(r[0]->pts[2 * (i + 1)] -
				 (b[i]->x + b[i]->w / 2)) < 1e-9);
		assert_true(fabs(r[0]->pts[2 * (i + 1) + 1] -
				 chart_layout_ypos(&l, 85 - 83 * rank[i]))
			    < 1e-9);
	}
	assert_non_null(find_text(&l, "Fitted line (slope index of "
				      "inequality)"));
	/* The SII's sentence, under the legend (wrapped when long). */
	for (i = 0; i < l.nitems; i++)
		if (l.items[i].op == CHART_OP_TEXT &&
		    !strncmp(l.items[i].text, "Slope index of inequality: "
			     "-82.5 percentage points", 50))
			break;
	assert_true(i < l.nitems);
	assert_true(l.items[i].y > find_text(&l, "Fitted line (slope index "
					     "of inequality)")->y);
	chart_layout_release(&l);
}

static void test_withheld_missing(void **state)
{
	struct chart_layout l;
	const struct chart_item *r[N + 2], *c;
	struct buf b = BUF_INIT;
	double slot, mid8, mid3;
	size_t i, n;

	(void)state;
	bars[8].value = bars[8].lower = bars[8].upper = NAN;
	bars[8].note = "c";
	bars[3].value = bars[3].lower = bars[3].upper = NAN;	/* missing */
	chart.fit = NULL;
	chart.sii_text = NULL;
	lay(&l);
	n = bar_rects(&l, r, N + 2);
	assert_int_equal(n, N - 2);
	slot = (l.plot_right - l.plot_left) / N;
	mid8 = l.plot_left + 8.5 * slot;
	mid3 = l.plot_left + 3.5 * slot;
	/* No bar at either; a "c" on the zero line at the ninth. */
	for (i = 0; i < n; i++) {
		assert_true(fabs(r[i]->x + r[i]->w / 2 - mid8) > slot / 2);
		assert_true(fabs(r[i]->x + r[i]->w / 2 - mid3) > slot / 2);
	}
	c = find_text(&l, "c");
	assert_non_null(c);
	assert_true(fabs(c->x - mid8) < 1e-9);
	assert_true(c->y < l.plot_bottom && c->y > l.plot_bottom - 12);
	/* Nothing at the fourth: no text over its slot inside the plot. */
	for (i = 0; i < l.nitems; i++)
		if (l.items[i].op == CHART_OP_TEXT &&
		    l.items[i].y < l.plot_bottom && l.items[i].y > l.plot_top)
			assert_true(fabs(l.items[i].x - mid3) > 1e-6);
	/* No fitted line without the ranks. */
	assert_null(find_text(&l, "Fitted line (slope index of inequality)"));
	chart_layout_release(&l);

	chart_describe_inequality(&chart, &b);
	assert_non_null(strstr(b.buf, "\n9, A decile (IMD2025): withheld "
				      "(c).\n"));
	assert_non_null(strstr(b.buf, "\n4, A decile (IMD2025): no value.\n"));
	assert_non_null(strstr(b.buf, "1 of the 10 groups has no value and "
				      "no bar.\n"));
	assert_null(strstr(b.buf, "fitted"));
	buf_release(&b);
}

/* A zero (a count of none, a decile with no small area) is its label
 * alone: no bar of no height. */
static void test_zero(void **state)
{
	struct chart_layout l;
	const struct chart_item *r[N + 2], *t;
	double mid;

	(void)state;
	bars[9].value = 0;
	bars[9].lower = bars[9].upper = NAN;
	lay(&l);
	assert_int_equal(bar_rects(&l, r, N + 2), N - 1);
	mid = l.plot_left + 9.5 * (l.plot_right - l.plot_left) / N;
	t = text_near(&l, "0.0", mid);
	assert_non_null(t);
	assert_true(fabs(t->x - mid) < 1e-9);
	assert_true(t->y < chart_layout_ypos(&l, 0));
	chart_layout_release(&l);
}

/* A mean that can be negative (a progress score): bars grow down from the
 * zero line, their labels under them. */
static void test_negative(void **state)
{
	static const double v[N] = { -0.52, -0.41, -0.3, -0.18, -0.05, 0.04,
				     0.12, 0.2, 0.31, 0.45 };
	struct chart_layout l;
	const struct chart_item *r[N + 2], *t;
	double y0, k;
	size_t i, n;
	char s[16];
	int zero = 0, j;

	(void)state;
	for (i = 0; i < N; i++) {
		bars[i].value = v[i];
		bars[i].lower = v[i] - 0.08;
		bars[i].upper = v[i] + 0.08;
		fit[i] = -0.55 + 1.0 * rank[i];
	}
	chart.fit_start = -0.55;
	chart.fit_end = 0.45;
	chart.overall = -0.02;
	chart.decimals = 2;
	lay(&l);
	assert_true(l.y_min < -0.6 && l.y_max > 0.53);
	for (j = 0; j < l.nticks; j++)
		if (fabs(l.tick_start + j * l.tick_step) < 1e-9)
			zero = 1;
	assert_true(zero);	/* zero is a tick */
	assert_true(is_round(l.tick_step));
	n = bar_rects(&l, r, N + 2);
	assert_int_equal(n, N);
	y0 = chart_layout_ypos(&l, 0);
	k = r[0]->h / 0.52;
	for (i = 0; i < n; i++) {
		assert_true(fabs(r[i]->h - k * fabs(v[i])) < 1e-6);
		if (v[i] < 0) {
			assert_true(fabs(r[i]->y - y0) < 1e-9);
			snprintf(s, sizeof(s), "%.2f", v[i]);
			t = text_near(&l, s, r[i]->x + r[i]->w / 2);
			assert_non_null(t);
			/* under the whisker's foot, inside the plot */
			assert_true(t->y > chart_layout_ypos(&l, v[i] - 0.08));
			assert_true(t->y <= l.plot_bottom + 1e-9);
		} else {
			assert_true(fabs(r[i]->y + r[i]->h - y0) < 1e-9);
		}
	}
	chart_layout_release(&l);
}

static void test_long_names(void **state)
{
	struct chart_layout l;
	const struct chart_item *it;
	double right;
	size_t i;

	(void)state;
	chart.area_name = "The Royal Borough of Windsor and Maidenhead, with a "
			  "name far longer than any real local authority's, "
			  "which must not push the chart off the page";
	chart.title = "Supercalifragilistic children's centre reach among "
		      "under-fives by deprivation decile of neighbourhood "
		      "across every locality";
	chart.axis_label = "Deprivation decile within the authority, by the "
			   "Index of Multiple Deprivation 2025 rank of each "
			   "small area";
	lay(&l);
	assert_true(l.plot_right - l.plot_left > 0.6 * (W - 16));
	for (i = 0; i < l.nitems; i++) {
		it = &l.items[i];
		if (it->op == CHART_OP_RECT)
			assert_true(it->x + it->w <= W + 1e-9);
		if (it->op != CHART_OP_TEXT)
			continue;
		right = it->x;
		if (it->align == CHART_ALIGN_LEFT)
			right += measure_est(NULL, it->text, it->size,
					     it->bold);
		else if (it->align == CHART_ALIGN_CENTRE)
			right += measure_est(NULL, it->text, it->size,
					     it->bold) / 2;
		if (right > W + 1e-9)
			print_error("'%s' ends at %g\n", it->text, right);
		assert_true(right <= W + 1e-9);
		assert_true(it->x >= 0);
		assert_true(it->y <= H);
	}
	/* The value still says itself under the wrapped name. */
	assert_non_null(find_text(&l, "43.4"));
	chart_layout_release(&l);
}

static void test_rejects(void **state)
{
	struct chart_layout l = CHART_LAYOUT_INIT;
	size_t i;

	(void)state;
#define REJECT(w, h)							\
	do {								\
		assert_int_equal(chart_layout_inequality(&chart, w, h, NULL, \
							 NULL, &l), -1); \
		chart_layout_release(&l);				\
	} while (0)
	chart.nbars = 1;
	REJECT(W, H);
	chart.nbars = INEQUALITY_MAX_BARS + 1;
	REJECT(W, H);
	chart.nbars = N;
	chart.title = "";
	REJECT(W, H);
	sample_init();
	chart.rank = NULL;	/* a line without its ranks */
	REJECT(W, H);
	sample_init();
	rank[4] = rank[3];	/* not ascending */
	REJECT(W, H);
	sample_init();
	chart.area_name = NULL;	/* a line without a name */
	REJECT(W, H);
	sample_init();
	for (i = 0; i < N; i++)
		bars[i].value = NAN;
	REJECT(W, H);
	sample_init();
	REJECT(W, 80);
	REJECT(60, H);
#undef REJECT
}

static void test_describe(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	bars[0].name = "Most deprived decile (IMD2025)";
	chart_describe_inequality(&chart, &b);
	assert_non_null(strstr(b.buf, "Bar chart of 10 groups, from the most "
				      "deprived (1) on the left to the least "
				      "deprived (10) on the right; a line "
				      "across the bars marks Cheshire West "
				      "and Chester's own value; a dashed "
				      "line"));
	assert_non_null(strstr(b.buf, "\n1, Most deprived decile (IMD2025): "
				      "81.8 (95% confidence interval 80.2 to "
				      "83.4).\n"));
	assert_non_null(strstr(b.buf, "\nCheshire West and Chester overall: "
				      "43.4.\n"));
	assert_non_null(strstr(b.buf, "\nThe fitted line runs from 85.0 at "
				      "the most deprived end to 2.0 at the "
				      "least deprived end.\n"));
	assert_non_null(strstr(b.buf, "\nSlope index of inequality: -82.5 "
				      "percentage points"));
	assert_non_null(strstr(b.buf, "\nSource: Cheshire West and Chester "
				      "Council.\n"));
	buf_release(&b);
}

static void test_render(void **state)
{
	char dir[] = "/tmp/jsna-inequality-XXXXXX", path[600];
	static const enum chart_format f[3] = { CHART_PNG, CHART_SVG,
						CHART_PDF };
	static const char *const ext[3] = { "png", "svg", "pdf" };
	unsigned char *p, *q;
	size_t len, len2, i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/c.%s", dir, ext[i]);
		assert_int_equal(chart_render_inequality(&chart, f[i], path),
				 0);
		p = slurp(path, &len);
		assert_int_equal(chart_render_inequality(&chart, f[i], path),
				 0);
		q = slurp(path, &len2);
		assert_int_equal(len, len2);
		assert_memory_equal(p, q, len);	/* the same bytes */
		if (f[i] == CHART_PNG)
			assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
		if (f[i] == CHART_PDF)
			assert_memory_equal(p, "%PDF", 4);
		if (f[i] == CHART_SVG) {
			assert_non_null(strstr((char *)p, "<title>Children"
					"&#39;s centre reach by deprivation "
					"of the area</title>\n<desc>"));
			/* the bars: #A0B4C5 */
			assert_non_null(strstr((char *)p,
				"fill:rgb(62.745098%,70.588235%,77.254902%)"));
		}
		free(p);
		free(q);
	}
	assert_int_equal(tmpdir_remove(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_ticks_zero_bars, setup),
		cmocka_unit_test_setup(test_whiskers_labels, setup),
		cmocka_unit_test_setup(test_area_line, setup),
		cmocka_unit_test_setup(test_fit, setup),
		cmocka_unit_test_setup(test_withheld_missing, setup),
		cmocka_unit_test_setup(test_zero, setup),
		cmocka_unit_test_setup(test_negative, setup),
		cmocka_unit_test_setup(test_long_names, setup),
		cmocka_unit_test_setup(test_rejects, setup),
		cmocka_unit_test_setup(test_describe, setup),
		cmocka_unit_test_setup(test_render, setup),
	};

	jsna_init("test_layout_inequality");
	return cmocka_run_group_tests(tests, NULL, group_teardown);
}
