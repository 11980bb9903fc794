/* test_layout_gap.c - the gap chart: the order of the latest period's
 * rows, the two groups' lines and the upright gaps between them, the gap
 * labels, missing and withheld values, a single period, negative values,
 * a scale that stays at or above zero, one scale shared by both panels,
 * long names, no right panel, thinned tick labels, invalid charts, the
 * text alternative, and the three renderers.
 *
 * Text is measured with the layout's own estimate (measure = NULL), so
 * est() below mirrors lay_text_width() in layout_int.h: code points times
 * the size times 0.60, or 0.66 in bold. */
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
#define NP 5
#define NR 8

/* As in layout_gap.c and layout_int.h. */
#define A_INK 0x12436DUL
#define B_INK 0xF46A25UL
#define GAP_INK 0x505A5FUL
#define INK2 0x505A5FUL
#define GRID 0xDDDDDDUL
#define WHITE 0xFFFFFFUL
#define MARGIN 8.0
#define POINT_R 3.3
#define ELLIPSIS "\xE2\x80\xA6"

#define GROUP_A "Not eligible for free school meals"
#define GROUP_B "Eligible for free school meals"

static const char *const periods[NP] = {
	"2019/20", "2020/21", "2021/22", "2022/23", "2023/24"
};
static double a[NP], b[NP], gap[NP];
/* Given out of order on purpose: the layout sorts. */
static struct gap_row rows[GAP_MAX_ROWS + 1];
static struct gap_chart chart;

/* Attainment 8 of pupils not eligible and eligible for free school meals:
 * a gap of about 16 points. Bristol and Halton tie on their gap; Wirral's
 * is withheld and Aardvark has nothing. */
static void sample_init(void)
{
	static const double ia[NP] = { 49.8, 52.4, 51.6, 50.9, 50.6 };
	static const double ib[NP] = { 33.9, 36.0, 35.1, 34.8, 34.3 };
	static const double ig[NP] = { 15.9, 16.4, 16.5, 16.1, 16.3 };
	static const struct gap_row init[NR] = {
		{ "Halton", 47.1, 32.0, 15.1, NULL, CMP_SIMILAR, 0, 0 },
		{ "England", 50.3, 34.6, 15.7, NULL, CMP_NOT_COMPARED, 0, 1 },
		{ "Warrington", 52.0, 33.5, 18.5, NULL, CMP_WORSE, 0, 0 },
		{ "Cheshire West and Chester", 50.6, 34.3, 16.3, NULL,
		  CMP_NOT_COMPARED, 1, 0 },
		{ "North West", 49.0, 33.1, 15.9, NULL, CMP_NOT_COMPARED, 0,
		  1 },
		{ "Bristol, City of", 51.0, 35.9, 15.1, NULL, CMP_SIMILAR, 0,
		  0 },
		{ "Wirral", 49.5, NAN, NAN, "c", CMP_NOT_COMPARED, 0, 0 },
		{ "Aardvark", NAN, NAN, NAN, NULL, CMP_NOT_COMPARED, 0, 0 },
	};

	memcpy(a, ia, sizeof(a));
	memcpy(b, ib, sizeof(b));
	memcpy(gap, ig, sizeof(gap));
	memset(rows, 0, sizeof(rows));
	memcpy(rows, init, sizeof(init));
	memset(&chart, 0, sizeof(chart));
	chart.title = "A wide gap between pupils eligible for free school "
		      "meals and the rest";
	chart.subtitle = "Average Attainment 8 score, Cheshire West and "
			 "Chester, 2019/20 to 2023/24";
	chart.source = "Source: DfE, Key stage 4 performance.";
	chart.note = "Values from fewer than 10 are suppressed (c).";
	chart.group_a = GROUP_A;
	chart.group_b = GROUP_B;
	chart.gap_unit = "pts";
	chart.nperiods = NP;
	chart.period_labels = periods;
	chart.a = a;
	chart.b = b;
	chart.gap = gap;
	chart.latest_label = "2023/24";
	chart.nrows = NR;
	chart.rows = rows;
	chart.decimals = 1;
	chart.palette = PALETTE_GOVUK;
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

/* The layout's estimate of a text's width (lay_text_width, measure NULL):
 * UTF-8 continuation bytes do not count. */
static double est(const char *s, double size, int bold)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return (double)n * size * (bold ? 0.66 : 0.60);
}

static double text_left(const struct chart_item *t)
{
	double w = est(t->text, t->size, t->bold);

	return t->align == CHART_ALIGN_LEFT ? t->x :
	       t->align == CHART_ALIGN_CENTRE ? t->x - w / 2 : t->x - w;
}

static double text_right(const struct chart_item *t)
{
	return text_left(t) + est(t->text, t->size, t->bold);
}

static void lay(struct chart_layout *l)
{
	*l = (struct chart_layout)CHART_LAYOUT_INIT;
	assert_int_equal(chart_layout_gap(&chart, W, H, NULL, NULL, l), 0);
}

static int lay_fails(double width, double height)
{
	struct chart_layout l = CHART_LAYOUT_INIT;
	int ret = chart_layout_gap(&chart, width, height, NULL, NULL, &l);

	chart_layout_release(&l);
	return ret == -1;
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

static const struct chart_item *find_aligned(const struct chart_layout *l,
					     const char *text,
					     enum chart_align align)
{
	size_t i;

	for (i = 0; i < l->nitems; i++)
		if (l->items[i].op == CHART_OP_TEXT &&
		    l->items[i].align == align &&
		    !strcmp(l->items[i].text, text))
			return &l->items[i];
	return NULL;
}

static const struct chart_item *find_prefix(const struct chart_layout *l,
					    const char *prefix)
{
	size_t i;

	for (i = 0; i < l->nitems; i++)
		if (l->items[i].op == CHART_OP_TEXT &&
		    !strncmp(l->items[i].text, prefix, strlen(prefix)))
			return &l->items[i];
	return NULL;
}

/* The right panel's name of a row: the name, or its start and an
 * ellipsis when cut. */
static const struct chart_item *row_name(const struct chart_layout *l,
					 const char *name)
{
	size_t i, n, e = strlen(ELLIPSIS);
	const struct chart_item *it;

	for (i = 0; i < l->nitems; i++) {
		it = &l->items[i];
		if (it->op != CHART_OP_TEXT || it->align != CHART_ALIGN_LEFT ||
		    it->x <= l->plot_right)
			continue;
		if (!strcmp(it->text, name))
			return it;
		n = strlen(it->text);
		if (n > e && !strcmp(it->text + n - e, ELLIPSIS) &&
		    !strncmp(it->text, name, n - e))
			return it;
	}
	return NULL;
}

/* Every item placed at finite coordinates: only a line's y may be NaN,
 * where it breaks. */
static void check_finite(const struct chart_layout *l)
{
	size_t i, j;
	const struct chart_item *it;

	for (i = 0; i < l->nitems; i++) {
		it = &l->items[i];
		if (it->op == CHART_OP_LINE) {
			for (j = 0; j < it->npts; j++)
				assert_true(isfinite(it->pts[2 * j]));
			continue;
		}
		assert_true(isfinite(it->x) && isfinite(it->y));
		if (it->op == CHART_OP_RECT)
			assert_true(isfinite(it->w) && isfinite(it->h));
	}
}

/* The left edge of the right panel: its header's x. */
static double panel_left(const struct chart_layout *l)
{
	const struct chart_item *t = find_prefix(l, "Latest period, ");

	assert_non_null(t);
	return t->x;
}

/* A group's line over time: a LINE in ink through every period's x (the
 * legend's swatch starts at the margin, left of the first period). */
static const struct chart_item *series_line(const struct chart_layout *l,
					    unsigned long ink)
{
	size_t i;
	const struct chart_item *it;

	for (i = 0; i < l->nitems; i++) {
		it = &l->items[i];
		if (it->op == CHART_OP_LINE && it->stroke == ink &&
		    it->npts == l->nperiods &&
		    fabs(it->pts[0] - l->period_x[0]) < 1e-9)
			return it;
	}
	return NULL;
}

/* 1 when it is a thin upright gap line of the left panel. */
static int is_upright(const struct chart_layout *l,
		      const struct chart_item *it)
{
	return it->op == CHART_OP_LINE && it->stroke == GAP_INK &&
	       fabs(it->width - 0.9) < 1e-9 && it->npts == 2 &&
	       fabs(it->pts[0] - it->pts[2]) < 1e-9 &&
	       it->pts[0] <= l->plot_right + 1e-9;
}

/* The left panel's markers of one group, left to right, into r[]. */
static size_t left_marks(const struct chart_layout *l, unsigned long fill,
			 unsigned long stroke, const struct chart_item **r,
			 size_t max)
{
	size_t i, n = 0;
	const struct chart_item *it;

	for (i = 0; i < l->nitems && n < max; i++) {
		it = &l->items[i];
		if (it->op == CHART_OP_MARK && it->fill == fill &&
		    it->stroke == stroke && it->x <= l->plot_right + 1e-9 &&
		    it->y <= l->plot_bottom + 1e-9)
			r[n++] = it;
	}
	return n;
}

/* The right panel's marker of one group on the row whose middle is y. */
static const struct chart_item *row_mark(const struct chart_layout *l,
					 double y, unsigned long fill,
					 unsigned long stroke)
{
	size_t i;
	const struct chart_item *it;

	for (i = 0; i < l->nitems; i++) {
		it = &l->items[i];
		if (it->op == CHART_OP_MARK && it->fill == fill &&
		    it->stroke == stroke && it->x > l->plot_right &&
		    fabs(it->y - y) < 1e-9)
			return it;
	}
	return NULL;
}

/* The right panel's dumbbell bar on the row whose middle is y. */
static const struct chart_item *row_bar(const struct chart_layout *l,
					double y)
{
	size_t i;
	const struct chart_item *it;

	for (i = 0; i < l->nitems; i++) {
		it = &l->items[i];
		if (it->op == CHART_OP_LINE && it->stroke == GAP_INK &&
		    it->npts == 2 && it->pts[0] > l->plot_right &&
		    fabs(it->pts[1] - y) < 1e-9 &&
		    fabs(it->pts[3] - y) < 1e-9)
			return it;
	}
	return NULL;
}

/* The middle of a row from its name (drawn on the baseline). */
static double row_mid(const struct chart_item *name)
{
	return name->y - 0.35 * name->size;
}

static void sort_by_x(const struct chart_item **r, size_t n)
{
	size_t i, j;
	const struct chart_item *t;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && r[j]->x < r[j - 1]->x; j--) {
			t = r[j];
			r[j] = r[j - 1];
			r[j - 1] = t;
		}
}

/* The right panel's upright gridlines, left to right: their x. */
static size_t right_grid(const struct chart_layout *l, double *x, size_t max)
{
	size_t i, j, n = 0;
	const struct chart_item *it;
	double t;

	for (i = 0; i < l->nitems && n < max; i++) {
		it = &l->items[i];
		if (it->op == CHART_OP_LINE && it->stroke == GRID &&
		    it->npts == 2 && fabs(it->pts[0] - it->pts[2]) < 1e-9 &&
		    it->pts[0] > l->plot_right)
			x[n++] = it->pts[0];
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && x[j] < x[j - 1]; j--) {
			t = x[j];
			x[j] = x[j - 1];
			x[j - 1] = t;
		}
	return n;
}

/* The left panel's tick labels (right-aligned left of the plot), bottom
 * to top, or the right panel's (centred under it), left to right. */
static size_t tick_labels(const struct chart_layout *l, int right,
			  const struct chart_item **r, size_t max)
{
	size_t i, j, n = 0;
	const struct chart_item *it, *t;

	for (i = 0; i < l->nitems && n < max; i++) {
		it = &l->items[i];
		if (it->op != CHART_OP_TEXT)
			continue;
		if (!right && it->align == CHART_ALIGN_RIGHT &&
		    fabs(it->x - (l->plot_left - 5.0)) < 1e-9)
			r[n++] = it;
		if (right && it->align == CHART_ALIGN_CENTRE &&
		    it->x > l->plot_right && it->y > l->plot_bottom &&
		    it->y < l->plot_bottom + 20)
			r[n++] = it;
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && (right ? r[j]->x < r[j - 1]->x :
					      r[j]->y > r[j - 1]->y); j--) {
			t = r[j];
			r[j] = r[j - 1];
			r[j - 1] = t;
		}
	return n;
}

/* A tick label's value: "1,200" is 1200. */
static double tick_value(const char *s)
{
	char buf[64];
	size_t n = 0;

	for (; *s && n + 1 < sizeof(buf); s++)
		if (*s != ',')
			buf[n++] = *s;
	buf[n] = '\0';
	return strtod(buf, NULL);
}

/* Tick k's value in l. */
static double tick(const struct chart_layout *l, int k)
{
	return l->tick_start + k * l->tick_step;
}

/* Both panels read one scale: the left panel labels every tick, at its
 * gridline; the right panel has a gridline at every tick value, evenly
 * spaced, its labels a subset of the left's, the first always labelled,
 * and none touching; every right-panel marker sits at its value on that
 * scale. */
static void check_shared_scale(const struct chart_layout *l)
{
	const struct chart_item *lt[16], *rt[16], *name, *m;
	double gx[16], x, span;
	size_t nl, nr, ng, i, k;

	assert_true(l->nticks >= 2 && l->nticks <= 16);
	assert_true(fabs(l->y_min - l->tick_start) < 1e-12);
	assert_true(fabs(l->y_max - tick(l, l->nticks - 1)) < 1e-9);
	nl = tick_labels(l, 0, lt, 16);
	assert_int_equal(nl, l->nticks);
	for (k = 0; k < nl; k++) {
		assert_true(fabs(tick_value(lt[k]->text) - tick(l, (int)k)) <
			    1e-9 + 0.5 * pow(10, -l->tick_decimals));
		assert_true(fabs(lt[k]->y - 0.35 * lt[k]->size -
				 chart_layout_ypos(l, tick(l, (int)k))) <
			    1e-9);
	}
	ng = right_grid(l, gx, 16);
	assert_int_equal(ng, l->nticks);
	span = gx[ng - 1] - gx[0];
	assert_true(span > 0);
	for (k = 0; k < ng; k++)
		assert_true(fabs(gx[k] - gx[0] - k * span / (ng - 1)) < 1e-9);
	nr = tick_labels(l, 1, rt, 16);
	assert_true(nr >= 1 && nr <= nl);
	assert_true(fabs(rt[0]->x - gx[0]) < 1e-9);
	assert_string_equal(rt[0]->text, lt[0]->text);
	for (i = 0; i < nr; i++) {
		/* at its own value's gridline, with the left's words */
		for (k = 0; k < ng; k++)
			if (fabs(rt[i]->x - gx[k]) < 1e-9)
				break;
		assert_true(k < ng);
		assert_string_equal(rt[i]->text, lt[k]->text);
		if (i)
			assert_true(text_left(rt[i]) > text_right(rt[i - 1]));
	}
	/* the markers on the same scale */
	for (i = 0; i < chart.nrows; i++) {
		const struct gap_row *r = &chart.rows[i];

		name = row_name(l, r->name);
		assert_non_null(name);
		if (isfinite(r->a)) {
			x = gx[0] + (r->a - l->y_min) /
				    (l->y_max - l->y_min) * span;
			m = row_mark(l, row_mid(name), A_INK, WHITE);
			assert_non_null(m);
			assert_true(fabs(m->x - x) < 1e-9);
		}
		if (isfinite(r->b)) {
			x = gx[0] + (r->b - l->y_min) /
				    (l->y_max - l->y_min) * span;
			m = row_mark(l, row_mid(name), WHITE, B_INK);
			assert_non_null(m);
			assert_true(fabs(m->x - x) < 1e-9);
		}
	}
}

static void test_order(void **state)
{
	static const char *const want[NR] = {
		"Cheshire West and Chester", "England", "North West",
		"Warrington", "Bristol, City of", "Halton", "Aardvark",
		"Wirral"
	};
	struct chart_layout l;
	const struct chart_item *t, *prev = NULL;
	size_t idx[GAP_MAX_ROWS], i;
	int seen[NR];

	(void)state;
	/* the area, the benchmarks as given, then by gap, widest first,
	 * ties by name, rows without a gap last by name */
	chart_gap_order(&chart, idx);
	for (i = 0; i < NR; i++)
		assert_string_equal(rows[idx[i]].name, want[i]);
	/* top to bottom in that order */
	lay(&l);
	for (i = 0; i < NR; i++) {
		t = row_name(&l, want[i]);
		assert_non_null(t);
		assert_true(t->x > l.plot_right);
		if (prev)
			assert_true(t->y > prev->y);
		prev = t;
	}
	chart_layout_release(&l);

	/* benchmarks keep the order given, not their names' or gaps' */
	rows[1].is_benchmark = 0;	/* England */
	rows[0].is_benchmark = 1;	/* Halton */
	chart_gap_order(&chart, idx);
	assert_string_equal(rows[idx[0]].name, "Cheshire West and Chester");
	assert_string_equal(rows[idx[1]].name, "Halton");
	assert_string_equal(rows[idx[2]].name, "North West");
	assert_string_equal(rows[idx[3]].name, "Warrington");
	assert_string_equal(rows[idx[4]].name, "England");
	assert_string_equal(rows[idx[5]].name, "Bristol, City of");

	/* the area a benchmark too: once, first; ties on the gap by name;
	 * rows without a gap last, whatever their name */
	sample_init();
	rows[3].is_area = 0;
	rows[3].gap = NAN;	/* Cheshire West and Chester */
	rows[2].gap = 15.1;	/* Warrington ties Bristol and Halton */
	rows[4].is_area = 1;	/* North West: the area, a benchmark too */
	chart_gap_order(&chart, idx);
	assert_string_equal(rows[idx[0]].name, "North West");
	assert_string_equal(rows[idx[1]].name, "England");
	assert_string_equal(rows[idx[2]].name, "Bristol, City of");
	assert_string_equal(rows[idx[3]].name, "Halton");
	assert_string_equal(rows[idx[4]].name, "Warrington");
	assert_string_equal(rows[idx[5]].name, "Aardvark");
	assert_string_equal(rows[idx[6]].name,
			    "Cheshire West and Chester");
	assert_string_equal(rows[idx[7]].name, "Wirral");
	/* every row once */
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < NR; i++) {
		assert_true(idx[i] < NR);
		assert_false(seen[idx[i]]);
		seen[idx[i]] = 1;
	}

	/* negative gaps: by value, the largest first */
	sample_init();
	rows[0].gap = -2.0;
	rows[5].gap = -0.5;
	rows[2].gap = 0.0;
	chart_gap_order(&chart, idx);
	assert_string_equal(rows[idx[3]].name, "Warrington");
	assert_string_equal(rows[idx[4]].name, "Bristol, City of");
	assert_string_equal(rows[idx[5]].name, "Halton");
}

static void test_lines(void **state)
{
	struct chart_layout l;
	const struct chart_item *la, *lb, *ma[NP + 1], *mb[NP + 1];
	size_t i;
	double dx;

	(void)state;
	lay(&l);
	assert_int_equal(l.nperiods, NP);
	dx = l.period_x[1] - l.period_x[0];
	for (i = 0; i < NP; i++) {
		/* evenly spaced inside the plot, half a step in */
		assert_true(fabs(l.period_x[i] - (l.plot_left +
						  (i + 0.5) * dx)) < 1e-9);
		/* labelled every label_every-th, back from the latest */
		if ((NP - 1 - i) % l.label_every)
			assert_null(find_text(&l, periods[i]));
		else
			assert_non_null(find_aligned(&l, periods[i],
						     CHART_ALIGN_CENTRE));
	}
	assert_true(l.period_x[NP - 1] < l.plot_right);

	la = series_line(&l, A_INK);
	lb = series_line(&l, B_INK);
	assert_non_null(la);
	assert_non_null(lb);
	assert_int_equal(la->dash, CHART_DASH_SOLID);
	assert_int_equal(lb->dash, CHART_DASH_DASHED);
	assert_true(fabs(la->width - 2.0) < 1e-9);
	assert_true(fabs(lb->width - 2.0) < 1e-9);
	assert_int_equal(la->npts, NP);
	assert_int_equal(lb->npts, NP);
	assert_int_equal(left_marks(&l, A_INK, WHITE, ma, NP + 1), NP);
	assert_int_equal(left_marks(&l, WHITE, B_INK, mb, NP + 1), NP);
	sort_by_x(ma, NP);
	sort_by_x(mb, NP);
	for (i = 0; i < NP; i++) {
		assert_true(fabs(la->pts[2 * i] - l.period_x[i]) < 1e-9);
		assert_true(fabs(lb->pts[2 * i] - l.period_x[i]) < 1e-9);
		assert_true(fabs(la->pts[2 * i + 1] -
				 chart_layout_ypos(&l, a[i])) < 1e-9);
		assert_true(fabs(lb->pts[2 * i + 1] -
				 chart_layout_ypos(&l, b[i])) < 1e-9);
		/* inside the plot, group A above group B here */
		assert_true(la->pts[2 * i + 1] >= l.plot_top - 1e-9);
		assert_true(lb->pts[2 * i + 1] <= l.plot_bottom + 1e-9);
		assert_true(la->pts[2 * i + 1] < lb->pts[2 * i + 1]);
		/* A: filled dark blue; B: white, ringed orange */
		assert_true(fabs(ma[i]->x - l.period_x[i]) < 1e-9);
		assert_true(fabs(ma[i]->y - la->pts[2 * i + 1]) < 1e-9);
		assert_true(fabs(mb[i]->x - l.period_x[i]) < 1e-9);
		assert_true(fabs(mb[i]->y - lb->pts[2 * i + 1]) < 1e-9);
		assert_int_equal(ma[i]->mark, CHART_MARK_CIRCLE);
		assert_int_equal(mb[i]->mark, CHART_MARK_CIRCLE);
	}
	/* the points drawn over the lines */
	assert_true(ma[0] > la && mb[0] > lb);
	/* the legend names both groups and the upright lines */
	assert_non_null(find_text(&l, GROUP_A));
	assert_non_null(find_text(&l, GROUP_B));
	assert_non_null(find_text(&l, "Upright lines: the gap"));
	assert_true(find_text(&l, GROUP_A)->y > l.plot_bottom);
	chart_layout_release(&l);
}

static void test_gap_segments(void **state)
{
	struct chart_layout l;
	const struct chart_item *it, *la;
	size_t i, j, n = 0;

	(void)state;
	a[1] = NAN;
	b[3] = NAN;
	gap[1] = gap[3] = NAN;
	lay(&l);
	la = series_line(&l, A_INK);
	assert_non_null(la);
	for (i = 0; i < l.nitems; i++) {
		it = &l.items[i];
		if (!is_upright(&l, it))
			continue;
		n++;
		for (j = 0; j < NP; j++)
			if (fabs(it->pts[0] - l.period_x[j]) < 1e-9)
				break;
		assert_true(j < NP);
		/* only where both groups have a value, from A to B */
		assert_true(j != 1 && j != 3);
		assert_true(fabs(it->pts[1] - chart_layout_ypos(&l, a[j])) <
			    1e-9);
		assert_true(fabs(it->pts[3] - chart_layout_ypos(&l, b[j])) <
			    1e-9);
		/* under the lines */
		assert_true(it < la);
	}
	assert_int_equal(n, NP - 2);
	chart_layout_release(&l);

	/* the upright needs both groups' values, not the gap's */
	sample_init();
	gap[2] = NAN;
	lay(&l);
	for (i = 0, n = 0; i < l.nitems; i++)
		if (is_upright(&l, &l.items[i]))
			n++;
	assert_int_equal(n, NP);
	chart_layout_release(&l);
}

/* t is the gap label of period: bold, right of its line, level with the
 * middle of the gap, on a white ground. */
static void check_label(const struct chart_layout *l,
			const struct chart_item *t, size_t period)
{
	const struct chart_item *r;
	double ya = chart_layout_ypos(l, chart.a[period]);
	double yb = chart_layout_ypos(l, chart.b[period]);

	assert_non_null(t);
	assert_true(t > l->items);
	r = t - 1;
	assert_int_equal(t->bold, 1);
	assert_int_equal(t->align, CHART_ALIGN_LEFT);
	assert_true(fabs(t->size - 8.5) < 1e-9);
	/* right of its period's line, level with the middle of the gap */
	assert_true(t->x > l->period_x[period] + POINT_R);
	assert_true(t->x < l->period_x[period] + 10.0);
	assert_true(t->y - 0.35 * t->size > fmin(ya, yb) &&
		    t->y - 0.35 * t->size < fmax(ya, yb));
	assert_true(fabs((t->y - 0.35 * t->size) - (ya + yb) / 2) < 1e-9);
	/* on a white rectangle, drawn first, that covers it */
	assert_int_equal(r->op, CHART_OP_RECT);
	assert_int_equal(r->fill, WHITE);
	assert_int_equal(r->stroke, CHART_NONE);
	assert_true(r->x <= t->x);
	assert_true(r->x + r->w >= text_right(t));
	assert_true(r->y <= t->y - 0.93 * t->size);
	assert_true(r->y + r->h >= t->y);
}

static void test_latest_label(void **state)
{
	struct chart_layout l;
	const struct chart_item *t, *f;
	size_t i, n;

	(void)state;
	lay(&l);
	t = find_aligned(&l, "16.3 pts", CHART_ALIGN_LEFT);
	check_label(&l, t, NP - 1);
	assert_true(t->x > l.period_x[NP - 1]);
	/* clear of the right panel */
	assert_true(text_right(t) + 1.0 < panel_left(&l));
	/* the first gap does not fit before the second period here */
	assert_true(est("15.9 pts", 8.5, 1) + 7.0 >
		    l.period_x[1] - l.period_x[0]);
	assert_null(find_aligned(&l, "15.9 pts", CHART_ALIGN_LEFT));
	/* one gap label only */
	for (i = 0, n = 0; i < l.nitems; i++)
		if (l.items[i].op == CHART_OP_TEXT &&
		    l.items[i].align == CHART_ALIGN_LEFT &&
		    strstr(l.items[i].text, " pts"))
			n++;
	assert_int_equal(n, 1);
	chart_layout_release(&l);

	/* no right panel: wide periods, and the first gap labelled too,
	 * before the second period's line */
	chart.nrows = 0;
	chart.rows = NULL;
	lay(&l);
	t = find_aligned(&l, "16.3 pts", CHART_ALIGN_LEFT);
	check_label(&l, t, NP - 1);
	assert_true(text_right(t) <= W - MARGIN + 1e-9);
	f = find_aligned(&l, "15.9 pts", CHART_ALIGN_LEFT);
	check_label(&l, f, 0);
	assert_true(f->x + est(f->text, f->size, 1) + 1.0 < l.period_x[1]);
	chart_layout_release(&l);

	/* the latest period without a gap: the latest one there is */
	sample_init();
	b[NP - 1] = NAN;
	gap[NP - 1] = NAN;
	lay(&l);
	assert_null(find_aligned(&l, "16.3 pts", CHART_ALIGN_LEFT));
	check_label(&l, find_aligned(&l, "16.1 pts", CHART_ALIGN_LEFT),
		    NP - 2);
	chart_layout_release(&l);

	/* two decimals, a unit in percentage points; none */
	sample_init();
	chart.decimals = 2;
	chart.gap_unit = "pp";
	lay(&l);
	check_label(&l, find_aligned(&l, "16.30 pp", CHART_ALIGN_LEFT),
		    NP - 1);
	chart_layout_release(&l);
	/* "16" is short enough for the first gap's label to fit too */
	chart.decimals = 0;
	chart.gap_unit = NULL;
	lay(&l);
	for (i = 0, n = 0; i < l.nitems; i++) {
		t = &l.items[i];
		if (t->op != CHART_OP_TEXT || t->align != CHART_ALIGN_LEFT ||
		    strcmp(t->text, "16"))
			continue;
		check_label(&l, t, n ? NP - 1 : 0);
		if (!n)
			assert_true(text_right(t) + 1.0 < l.period_x[1]);
		n++;
	}
	assert_int_equal(n, 2);
	chart_layout_release(&l);

	/* no gaps given: no labels, the lines still drawn */
	sample_init();
	chart.gap = NULL;
	lay(&l);
	assert_null(find_aligned(&l, "16.3 pts", CHART_ALIGN_LEFT));
	assert_non_null(series_line(&l, A_INK));
	chart_layout_release(&l);
}

static void test_missing(void **state)
{
	struct chart_layout l;
	const struct chart_item *la, *lb, *m[NP + 1], *t, *name;
	size_t i;

	(void)state;
	a[2] = NAN;
	b[0] = NAN;
	gap[0] = gap[2] = NAN;
	lay(&l);
	la = series_line(&l, A_INK);
	lb = series_line(&l, B_INK);
	assert_non_null(la);
	assert_non_null(lb);
	/* the line breaks where its group has no value */
	for (i = 0; i < NP; i++) {
		assert_true(fabs(la->pts[2 * i] - l.period_x[i]) < 1e-9);
		assert_int_equal(isnan(la->pts[2 * i + 1]), i == 2);
		assert_int_equal(isnan(lb->pts[2 * i + 1]), i == 0);
	}
	/* no marker there */
	assert_int_equal(left_marks(&l, A_INK, WHITE, m, NP + 1), NP - 1);
	for (i = 0; i < NP - 1; i++)
		assert_true(fabs(m[i]->x - l.period_x[2]) > 1e-6);
	assert_int_equal(left_marks(&l, WHITE, B_INK, m, NP + 1), NP - 1);
	for (i = 0; i < NP - 1; i++)
		assert_true(fabs(m[i]->x - l.period_x[0]) > 1e-6);
	/* the latest gap still labelled */
	check_label(&l, find_aligned(&l, "16.3 pts", CHART_ALIGN_LEFT),
		    NP - 1);
	check_finite(&l);

	/* Wirral's gap withheld: "c" in grey, its one value drawn, no bar */
	name = find_text(&l, "Wirral");
	assert_non_null(name);
	t = find_aligned(&l, "c", CHART_ALIGN_RIGHT);
	assert_non_null(t);
	assert_true(fabs(t->y - name->y) < 1e-9);
	assert_int_equal(t->stroke, INK2);
	assert_true(fabs(t->x - (W - MARGIN)) < 1e-9);
	assert_non_null(row_mark(&l, row_mid(name), A_INK, WHITE));
	assert_null(row_mark(&l, row_mid(name), WHITE, B_INK));
	assert_null(row_bar(&l, row_mid(name)));
	/* Aardvark: nothing at all, "no data" */
	name = find_text(&l, "Aardvark");
	assert_non_null(name);
	t = find_aligned(&l, "no data", CHART_ALIGN_RIGHT);
	assert_non_null(t);
	assert_true(fabs(t->y - name->y) < 1e-9);
	assert_int_equal(t->stroke, INK2);
	assert_null(row_mark(&l, row_mid(name), A_INK, WHITE));
	assert_null(row_mark(&l, row_mid(name), WHITE, B_INK));
	assert_null(row_bar(&l, row_mid(name)));
	chart_layout_release(&l);

	/* the note decides the word only when there is no gap */
	sample_init();
	rows[7].note = "c";	/* Aardvark */
	rows[6].note = "x";	/* Wirral */
	rows[0].note = "c";	/* Halton, whose gap is there */
	lay(&l);
	name = find_text(&l, "Aardvark");
	t = find_aligned(&l, "c", CHART_ALIGN_RIGHT);
	assert_non_null(name);
	assert_non_null(t);
	assert_true(fabs(t->y - name->y) < 1e-9);
	name = find_text(&l, "Wirral");
	assert_non_null(name);
	t = find_aligned(&l, "no data", CHART_ALIGN_RIGHT);
	assert_non_null(t);
	assert_true(fabs(t->y - name->y) < 1e-9);
	/* Halton's gap is there: the note does not hide it */
	name = find_text(&l, "Halton");
	assert_non_null(name);
	assert_null(find_aligned(&l, "withheld", CHART_ALIGN_RIGHT));
	for (i = 0; i < l.nitems; i++) {
		t = &l.items[i];
		if (t->op == CHART_OP_TEXT && t->align == CHART_ALIGN_RIGHT &&
		    fabs(t->y - name->y) < 1e-9)
			assert_string_equal(t->text, "15.1 pts, similar");
	}
	chart_layout_release(&l);
}

/* The sample cut to its latest period. */
static void single_period(void)
{
	chart.period_labels = &periods[NP - 1];
	chart.a = &a[NP - 1];
	chart.b = &b[NP - 1];
	chart.gap = &gap[NP - 1];
	chart.nperiods = 1;
}

static void test_single_period(void **state)
{
	struct chart_layout l;
	const struct chart_item *la, *lb, *m[4], *t;
	size_t i, n = 0;

	(void)state;
	/* A title of one line (test_line_after_grow() keeps the sample's
	 * two, where group B's line grows the display list). */
	chart.title = "A wide gap in one year";
	single_period();
	lay(&l);
	assert_int_equal(l.nperiods, 1);
	/* in the middle of the plot */
	assert_true(fabs(l.period_x[0] - (l.plot_left + l.plot_right) / 2) <
		    1e-9);
	la = series_line(&l, A_INK);
	lb = series_line(&l, B_INK);
	assert_non_null(la);
	assert_non_null(lb);
	assert_int_equal(la->npts, 1);
	assert_true(fabs(la->pts[1] - chart_layout_ypos(&l, a[NP - 1])) <
		    1e-9);
	assert_true(fabs(lb->pts[1] - chart_layout_ypos(&l, b[NP - 1])) <
		    1e-9);
	assert_int_equal(left_marks(&l, A_INK, WHITE, m, 4), 1);
	assert_int_equal(left_marks(&l, WHITE, B_INK, m, 4), 1);
	for (i = 0; i < l.nitems; i++)
		if (is_upright(&l, &l.items[i]))
			n++;
	assert_int_equal(n, 1);
	t = find_aligned(&l, periods[NP - 1], CHART_ALIGN_CENTRE);
	assert_non_null(t);
	assert_true(fabs(t->x - l.period_x[0]) < 1e-9);
	assert_non_null(find_text(&l, "Latest period, 2023/24"));
	check_shared_scale(&l);
	chart_layout_release(&l);
}

/* Group A's line keeps its points when adding group B's line grows the
 * list of items (a one-period chart puts B's line at item 21, past a
 * growth of the array): read under valgrind and ASan, a stale pointer
 * would show as an invalid read. */
static void test_line_after_grow(void **state)
{
	struct chart_layout l;
	const struct chart_item *la;

	(void)state;
	single_period();
	lay(&l);
	la = series_line(&l, A_INK);
	assert_non_null(la);
	assert_true(fabs(la->pts[1] - chart_layout_ypos(&l, a[NP - 1])) <
		    1e-9);
	chart_layout_release(&l);
}

/* A gap in one period only (a chart of one period, or a series with one
 * gap) is still labelled. */
static void test_single_period_label(void **state)
{
	struct chart_layout l;

	(void)state;
	chart.title = "A wide gap in one year";	/* see test_single_period */
	single_period();
	lay(&l);
	check_label(&l, find_aligned(&l, "16.3 pts", CHART_ALIGN_LEFT), 0);
	chart_layout_release(&l);

	/* five periods, a gap in the third only */
	sample_init();
	gap[0] = gap[1] = gap[3] = gap[4] = NAN;
	lay(&l);
	check_label(&l, find_aligned(&l, "16.5 pts", CHART_ALIGN_LEFT), 2);
	chart_layout_release(&l);
}

static void test_negative(void **state)
{
	static const double pa[NP] = { 0.28, 0.31, 0.30, 0.29, 0.30 };
	static const double pb[NP] = { -0.49, -0.52, -0.50, -0.47, -0.50 };
	struct chart_layout l;
	const struct chart_item *lt[16], *rt[16];
	size_t i, nl, zl = 0;
	int k, zero = -1;

	(void)state;
	/* Progress 8: the groups either side of zero */
	for (i = 0; i < NP; i++) {
		a[i] = pa[i];
		b[i] = pb[i];
		gap[i] = pa[i] - pb[i];
	}
	for (i = 0; i < NR; i++) {
		if (!isfinite(rows[i].gap))
			continue;
		rows[i].a = 0.1 + 0.02 * (double)i;
		rows[i].b = -0.60 + 0.03 * (double)i;
		rows[i].gap = rows[i].a - rows[i].b;
	}
	chart.decimals = 2;
	lay(&l);
	assert_true(l.y_min < -0.52 && l.y_max > 0.31);
	for (k = 0; k < l.nticks; k++)
		if (fabs(tick(&l, k)) < 1e-9)
			zero = k;
	/* zero is a tick inside the scale, not at its ends */
	assert_true(zero > 0 && zero < l.nticks - 1);
	/* one zero label, never "-0.0"; the negative ticks signed */
	nl = tick_labels(&l, 0, lt, 16);
	for (i = 0; i < nl; i++) {
		if (fabs(tick_value(lt[i]->text)) < 1e-12) {
			zl++;
			assert_null(strchr(lt[i]->text, '-'));
		}
		if ((int)i < zero)
			assert_int_equal(lt[i]->text[0], '-');
	}
	assert_int_equal(zl, 1);
	assert_true(tick_labels(&l, 1, rt, 16) >= 1);
	assert_int_equal(rt[0]->text[0], '-');
	/* B below zero, A above, on the left */
	assert_true(chart_layout_ypos(&l, b[0]) > chart_layout_ypos(&l, 0));
	assert_true(chart_layout_ypos(&l, a[0]) < chart_layout_ypos(&l, 0));
	check_label(&l, find_aligned(&l, "0.80 pts", CHART_ALIGN_LEFT),
		    NP - 1);
	check_shared_scale(&l);
	chart_layout_release(&l);
}

static void test_zero_floor(void **state)
{
	static const double pa[NP] = { 12.0, 11.4, 13.1, 12.6, 12.2 };
	static const double pb[NP] = { 1.2, 0.9, 1.6, 1.1, 0.8 };
	struct chart_layout l;
	const struct chart_item *lt[16], *rt[16];
	size_t i, n;
	double lo = INFINITY, hi = -INFINITY;

	(void)state;
	/* percentages close to zero: padding would take the scale below */
	for (i = 0; i < NP; i++) {
		a[i] = pa[i];
		b[i] = pb[i];
		gap[i] = pa[i] - pb[i];
	}
	for (i = 0; i < NR; i++) {
		if (isfinite(rows[i].a))
			rows[i].a = 10.0 + 0.5 * (double)i;
		if (isfinite(rows[i].b))
			rows[i].b = 0.5 + 0.1 * (double)i;
		if (isfinite(rows[i].gap))
			rows[i].gap = rows[i].a - rows[i].b;
	}
	for (i = 0; i < NP; i++) {
		lo = fmin(lo, fmin(a[i], b[i]));
		hi = fmax(hi, fmax(a[i], b[i]));
	}
	for (i = 0; i < NR; i++) {
		if (isfinite(rows[i].a)) {
			lo = fmin(lo, rows[i].a);
			hi = fmax(hi, rows[i].a);
		}
		if (isfinite(rows[i].b)) {
			lo = fmin(lo, rows[i].b);
			hi = fmax(hi, rows[i].b);
		}
	}
	assert_true(lo > 0 && lo - 0.05 * (hi - lo) < 0);
	lay(&l);
	assert_true(fabs(l.tick_start) < 1e-12);
	assert_true(fabs(l.y_min) < 1e-12);
	assert_true(fabs(chart_layout_ypos(&l, 0) - l.plot_bottom) < 1e-9);
	n = tick_labels(&l, 0, lt, 16);
	for (i = 0; i < n; i++)
		assert_null(strchr(lt[i]->text, '-'));
	assert_string_equal(lt[0]->text, "0");
	n = tick_labels(&l, 1, rt, 16);
	assert_true(n >= 1);
	assert_string_equal(rt[0]->text, "0");
	check_shared_scale(&l);
	chart_layout_release(&l);

	/* values far from zero are not pulled down to it */
	sample_init();
	lay(&l);
	assert_true(l.y_min > 0);
	chart_layout_release(&l);
}

/* Values all zero give a scale from 0 up, not -1 to 1. */
static void test_zero_floor_all_zero(void **state)
{
	struct chart_layout l;
	size_t i;

	(void)state;
	for (i = 0; i < NP; i++)
		a[i] = b[i] = gap[i] = 0.0;
	for (i = 0; i < NR; i++) {
		rows[i].a = rows[i].b = rows[i].gap = 0.0;
		rows[i].note = NULL;
	}
	lay(&l);
	assert_true(l.tick_start >= 0);
	assert_true(l.y_min >= 0);
	chart_layout_release(&l);
}

static void test_shared_scale(void **state)
{
	struct chart_layout l;

	(void)state;
	lay(&l);
	check_shared_scale(&l);
	chart_layout_release(&l);
}

static void test_right_panel(void **state)
{
	struct chart_layout l;
	const struct chart_item *t, *name, *g, *bar, *ma, *mb, *prev = NULL;
	size_t idx[GAP_MAX_ROWS], i, k, sep = 0;
	double left, pitch = 0, y;

	(void)state;
	lay(&l);
	t = find_text(&l, "Latest period, 2023/24");
	assert_non_null(t);
	assert_int_equal(t->bold, 1);
	assert_true(t->x > l.plot_right);
	left = t->x;
	g = find_text(&l, "Gap, against England's gap");
	assert_non_null(g);
	assert_null(find_text(&l, "Gap"));
	assert_int_equal(g->align, CHART_ALIGN_RIGHT);
	assert_true(fabs(g->x - (W - MARGIN)) < 1e-9);
	assert_true(g->y > t->y);
	chart_gap_order(&chart, idx);
	for (k = 0; k < NR; k++) {
		const struct gap_row *r = &rows[idx[k]];

		name = row_name(&l, r->name);
		assert_non_null(name);
		assert_true(fabs(name->x - left) < 1e-9);
		assert_int_equal(name->align, CHART_ALIGN_LEFT);
		assert_int_equal(name->bold, r->is_area);
		assert_true(name->y > g->y);
		assert_true(name->y < l.plot_bottom);
		/* evenly pitched rows */
		if (prev && k == 1)
			pitch = name->y - prev->y;
		if (prev)
			assert_true(fabs(name->y - prev->y - pitch) < 1e-9);
		prev = name;
		y = row_mid(name);
		ma = row_mark(&l, y, A_INK, WHITE);
		mb = row_mark(&l, y, WHITE, B_INK);
		bar = row_bar(&l, y);
		if (!isfinite(r->a) || !isfinite(r->b))
			continue;
		assert_non_null(ma);
		assert_non_null(mb);
		assert_int_equal(ma->mark, CHART_MARK_CIRCLE);
		/* the bar joins the two markers, thicker for the area */
		assert_non_null(bar);
		assert_true(fabs(bar->pts[0] - ma->x) < 1e-9);
		assert_true(fabs(bar->pts[2] - mb->x) < 1e-9);
		assert_true(fabs(bar->width - (r->is_area ? 1.6 : 0.9)) <
			    1e-9);
		assert_true(bar < ma && bar < mb);
		/* A's value is the higher here: further right */
		assert_true(ma->x > mb->x);
		assert_true(mb->x - POINT_R > text_right(name));
	}
	/* the gaps at the right, the tested ones in words */
	t = find_aligned(&l, "18.5 pts, worse", CHART_ALIGN_RIGHT);
	assert_non_null(t);
	assert_true(fabs(t->x - (W - MARGIN)) < 1e-9);
	assert_true(fabs(t->y - find_text(&l, "Warrington")->y) < 1e-9);
	assert_int_equal(t->bold, 0);
	t = find_aligned(&l, "16.3 pts", CHART_ALIGN_RIGHT);
	assert_non_null(t);
	assert_int_equal(t->bold, 1);
	assert_true(fabs(t->y - row_name(&l, rows[3].name)->y) < 1e-9);
	assert_non_null(find_aligned(&l, "15.7 pts", CHART_ALIGN_RIGHT));
	assert_non_null(find_aligned(&l, "15.1 pts, similar",
				     CHART_ALIGN_RIGHT));
	/* a rule under the pinned rows, across the panel */
	for (i = 0; i < l.nitems; i++) {
		t = &l.items[i];
		if (t->op == CHART_OP_LINE && t->stroke == GRID &&
		    t->npts == 2 && fabs(t->width - 0.75) < 1e-9 &&
		    fabs(t->pts[1] - t->pts[3]) < 1e-9 &&
		    fabs(t->pts[0] - left) < 1e-9 &&
		    fabs(t->pts[2] - (W - MARGIN)) < 1e-9) {
			sep++;
			assert_true(t->pts[1] > find_text(&l,
							  "North West")->y);
			assert_true(t->pts[1] < find_text(&l,
							  "Warrington")->y -
					       0.93 * 7.5);
		}
	}
	assert_int_equal(sep, 1);
	chart_layout_release(&l);

	/* no tested comparison with a gap: "Gap" alone; a tested outcome on
	 * a row without a gap does not count */
	for (i = 0; i < NR; i++)
		rows[i].cmp = CMP_NOT_COMPARED;
	rows[6].cmp = CMP_WORSE;	/* Wirral: withheld */
	rows[2].cmp = CMP_HIGHER_UNTESTED;	/* Warrington */
	chart.latest_label = NULL;	/* the last period's label */
	lay(&l);
	assert_null(find_text(&l, "Gap, against England's gap"));
	t = find_text(&l, "Gap");
	assert_non_null(t);
	assert_true(fabs(t->x - (W - MARGIN)) < 1e-9);
	assert_non_null(find_text(&l, "Latest period, 2023/24"));
	assert_non_null(find_aligned(&l, "18.5 pts", CHART_ALIGN_RIGHT));
	assert_null(find_aligned(&l, "18.5 pts, worse", CHART_ALIGN_RIGHT));
	assert_non_null(find_aligned(&l, "c", CHART_ALIGN_RIGHT));
	chart_layout_release(&l);

	/* the latest label is the caller's when given */
	chart.latest_label = "2022/23";
	lay(&l);
	assert_non_null(find_text(&l, "Latest period, 2022/23"));
	chart_layout_release(&l);

	/* only pinned rows: no rule */
	sample_init();
	chart.nrows = 2;
	chart.rows = &rows[1];	/* England, Warrington */
	rows[2].is_benchmark = 1;
	lay(&l);
	for (i = 0; i < l.nitems; i++) {
		t = &l.items[i];
		assert_false(t->op == CHART_OP_LINE && t->stroke == GRID &&
			     fabs(t->width - 0.75) < 1e-9);
	}
	chart_layout_release(&l);
}

static void test_most_rows(void **state)
{
	static char names[GAP_MAX_ROWS][32];
	struct chart_layout l;
	const struct chart_item *t, *prev = NULL;
	size_t idx[GAP_MAX_ROWS], i;

	(void)state;
	for (i = NR; i < GAP_MAX_ROWS; i++) {
		snprintf(names[i], sizeof(names[i]), "Neighbour %02zu", i);
		rows[i].name = names[i];
		rows[i].a = 45.0 + 0.5 * (double)i;
		rows[i].b = 30.0 + 0.25 * (double)i;
		rows[i].gap = rows[i].a - rows[i].b;
		rows[i].cmp = CMP_SIMILAR;
	}
	chart.nrows = GAP_MAX_ROWS;
	lay(&l);
	chart_gap_order(&chart, idx);
	for (i = 0; i < GAP_MAX_ROWS; i++) {
		t = row_name(&l, rows[idx[i]].name);
		assert_non_null(t);
		/* rows never overlap */
		if (prev)
			assert_true(t->y - prev->y >= t->size);
		assert_true(t->size >= 5.0);
		prev = t;
	}
	assert_true(prev->y < l.plot_bottom);
	check_shared_scale(&l);
	chart_layout_release(&l);
}

static void test_long_name(void **state)
{
	struct chart_layout l;
	const struct chart_item *it, *t;
	double gx[16], left;
	size_t i, j;

	(void)state;
	rows[3].name = "The Royal Borough of Windsor and Maidenhead, with a "
		       "name far longer than any real local authority's, "
		       "which must not push the chart off the page";
	rows[0].name = "Halton, a neighbour with a name much too long for "
		       "its column as well";
	lay(&l);
	left = panel_left(&l);
	assert_true(right_grid(&l, gx, 16) >= 2);
	/* cut with an ellipsis, bold, inside the right panel, clear of the
	 * dumbbells */
	t = find_prefix(&l, "The Royal Borough");
	assert_non_null(t);
	assert_non_null(strstr(t->text, ELLIPSIS));
	assert_int_equal(t->bold, 1);
	assert_true(strlen(t->text) < strlen(rows[3].name));
	assert_true(fabs(t->x - left) < 1e-9);
	assert_true(text_right(t) + POINT_R < gx[0]);
	t = find_prefix(&l, "Halton, a neighbour");
	assert_non_null(t);
	assert_non_null(strstr(t->text, ELLIPSIS));
	assert_int_equal(t->bold, 0);
	assert_true(text_right(t) + POINT_R < gx[0]);
	/* everything on the page */
	for (i = 0; i < l.nitems; i++) {
		it = &l.items[i];
		switch (it->op) {
		case CHART_OP_TEXT:
			assert_true(text_left(it) >= 0);
			assert_true(text_right(it) <= W + 1e-9);
			assert_true(it->y > 0 && it->y <= H);
			break;
		case CHART_OP_RECT:
			assert_true(it->x >= 0 && it->x + it->w <= W + 1e-9);
			assert_true(it->y >= 0 && it->y + it->h <= H + 1e-9);
			break;
		case CHART_OP_MARK:
			assert_true(it->x - it->size >= 0 &&
				    it->x + it->size <= W + 1e-9);
			break;
		case CHART_OP_LINE:
			for (j = 0; j < it->npts; j++) {
				if (!isfinite(it->pts[2 * j + 1]))
					continue;
				assert_true(it->pts[2 * j] >= 0 &&
					    it->pts[2 * j] <= W + 1e-9);
				assert_true(it->pts[2 * j + 1] >= 0 &&
					    it->pts[2 * j + 1] <= H + 1e-9);
			}
			break;
		}
	}
	check_shared_scale(&l);
	check_finite(&l);
	chart_layout_release(&l);
}

static void test_no_rows(void **state)
{
	struct chart_layout l, with;
	const struct chart_item *rt[16];
	size_t i;

	(void)state;
	lay(&with);
	chart.nrows = 0;
	chart.rows = NULL;
	lay(&l);
	assert_null(find_prefix(&l, "Latest period"));
	assert_null(find_text(&l, "Gap"));
	assert_null(find_text(&l, "Gap, against England's gap"));
	assert_null(find_text(&l, "Warrington"));
	assert_int_equal(tick_labels(&l, 1, rt, 16), 0);
	/* the left panel takes the page */
	assert_true(l.plot_right > with.plot_right + 100);
	assert_true(l.plot_right > 0.8 * W);
	for (i = 0; i < l.nitems; i++) {
		assert_false(l.items[i].op == CHART_OP_MARK &&
			     l.items[i].x > l.plot_right);
		if (l.items[i].op == CHART_OP_TEXT)
			assert_true(text_right(&l.items[i]) <= W - MARGIN +
				    1e-9);
	}
	/* the scale is the area's own */
	assert_true(l.y_min <= 33.9 && l.y_max >= 52.4);
	chart_layout_release(&l);
	chart_layout_release(&with);

	/* rows given but nrows 0: still none */
	chart.rows = rows;
	lay(&l);
	assert_null(find_prefix(&l, "Latest period"));
	chart_layout_release(&l);
}

static void test_tick_thinning(void **state)
{
	struct chart_layout l;
	const struct chart_item *rt[16];
	size_t i, n;

	(void)state;
	/* the sample: the dumbbells' strip is narrow, half the labels go */
	lay(&l);
	n = tick_labels(&l, 1, rt, 16);
	assert_true(n >= 2 && n < (size_t)l.nticks);
	for (i = 1; i < n; i++)
		assert_true(text_left(rt[i]) > text_right(rt[i - 1]));
	check_shared_scale(&l);
	chart_layout_release(&l);

	/* wide labels in thousands, the gaps untested to leave the strip
	 * some room: fewer labels still, none touching */
	for (i = 0; i < NP; i++) {
		a[i] *= 100;
		b[i] *= 100;
		gap[i] *= 100;
	}
	for (i = 0; i < NR; i++) {
		rows[i].a *= 100;
		rows[i].b *= 100;
		rows[i].gap *= 100;
		rows[i].cmp = CMP_NOT_COMPARED;
	}
	chart.decimals = 0;
	lay(&l);
	n = tick_labels(&l, 1, rt, 16);
	assert_true(n >= 1 && n < (size_t)l.nticks);
	assert_non_null(strchr(rt[0]->text, ','));
	for (i = 1; i < n; i++)
		assert_true(text_left(rt[i]) > text_right(rt[i - 1]));
	check_shared_scale(&l);
	chart_layout_release(&l);
}

static void test_rejects(void **state)
{
	static const char *const bad_labels[NP] = {
		"2019/20", "2020/21", NULL, "2022/23", "2023/24"
	};
	size_t i;

	(void)state;
	chart.title = NULL;
	assert_true(lay_fails(W, H));
	chart.title = "";
	assert_true(lay_fails(W, H));
	chart.title = "A title";
	assert_false(lay_fails(W, H));

	chart.nperiods = 0;
	assert_true(lay_fails(W, H));
	chart.nperiods = NP;
	chart.period_labels = NULL;
	assert_true(lay_fails(W, H));
	chart.period_labels = bad_labels;
	assert_true(lay_fails(W, H));
	chart.period_labels = periods;
	chart.a = NULL;
	assert_true(lay_fails(W, H));
	chart.a = a;
	chart.b = NULL;
	assert_true(lay_fails(W, H));
	chart.b = b;

	chart.group_a = NULL;
	assert_true(lay_fails(W, H));
	chart.group_a = GROUP_A;
	chart.group_b = NULL;
	assert_true(lay_fails(W, H));
	chart.group_b = GROUP_B;

	chart.decimals = -1;
	assert_true(lay_fails(W, H));
	chart.decimals = 7;
	assert_true(lay_fails(W, H));
	chart.decimals = 0;
	assert_false(lay_fails(W, H));
	chart.nrows = 0;	/* many decimals leave no room for rows */
	chart.decimals = 7;
	assert_true(lay_fails(W, H));
	chart.decimals = 6;
	assert_false(lay_fails(W, H));
	chart.nrows = NR;
	chart.decimals = 1;

	/* too many rows; rows said but not given; a row without a name */
	for (i = NR; i <= GAP_MAX_ROWS; i++)
		rows[i] = rows[0];
	chart.nrows = GAP_MAX_ROWS + 1;
	assert_true(lay_fails(W, H));
	chart.nrows = NR;
	chart.rows = NULL;
	assert_true(lay_fails(W, H));
	chart.rows = rows;
	rows[4].name = NULL;
	assert_true(lay_fails(W, H));
	rows[4].name = "North West";

	/* two areas (Warrington's gap text leaves the rows room in bold) */
	rows[2].is_area = 1;
	assert_true(lay_fails(W, H));
	rows[3].is_area = 0;
	assert_false(lay_fails(W, H));
	rows[3].is_area = 1;
	rows[2].is_area = 0;

	/* the page too small */
	assert_true(lay_fails(W, 90));
	assert_true(lay_fails(120, H));

	/* no value anywhere: the gaps alone are not enough */
	for (i = 0; i < NP; i++)
		a[i] = b[i] = NAN;
	for (i = 0; i < NR; i++)
		rows[i].a = rows[i].b = NAN;
	assert_true(lay_fails(W, H));
	chart.nrows = 0;
	assert_true(lay_fails(W, H));
	/* one value is enough, in a row or in a period */
	chart.nrows = NR;
	rows[5].b = 30.0;
	assert_false(lay_fails(W, H));
	rows[5].b = NAN;
	chart.nrows = 0;
	a[3] = 50.0;
	assert_false(lay_fails(W, H));
}

static void test_describe(void **state)
{
	static const char *const want_periods[NP] = {
		"\n2019/20: " GROUP_A " 49.8, " GROUP_B " 33.9, gap 15.9 "
		"pts.\n",
		"\n2020/21: " GROUP_A " no value, " GROUP_B " 36.0, gap no "
		"value.\n",
		"\n2021/22: " GROUP_A " 51.6, " GROUP_B " 35.1, gap 16.5 "
		"pts.\n",
		"\n2022/23: " GROUP_A " 50.9, " GROUP_B " 34.8, gap 16.1 "
		"pts.\n",
		"\n2023/24: " GROUP_A " 50.6, " GROUP_B " 34.3, gap 16.3 "
		"pts.\n",
	};
	struct buf b_ = BUF_INIT;
	size_t idx[GAP_MAX_ROWS], i;
	const char *p, *prev;
	char want[160];

	(void)state;
	a[1] = NAN;
	gap[1] = NAN;
	chart_describe_gap(&chart, &b_);
	assert_non_null(strstr(b_.buf, "A wide gap between pupils eligible "
				       "for free school meals and the "
				       "rest.\n"));
	assert_non_null(strstr(b_.buf, "Line chart, 2019/20 to 2023/24, of "
				       "two groups: " GROUP_A " and " GROUP_B
				       ", with the gap between them in each "
				       "period.\n"));
	/* every period, in order */
	prev = b_.buf;
	for (i = 0; i < NP; i++) {
		p = strstr(b_.buf, want_periods[i]);
		assert_non_null(p);
		assert_true(p > prev);
		prev = p;
	}
	p = strstr(b_.buf, "\nThe latest period, 2023/24, area by area:\n");
	assert_non_null(p);
	assert_true(p > prev);
	prev = p;
	/* every row, in the chart's order */
	chart_gap_order(&chart, idx);
	for (i = 0; i < NR; i++) {
		snprintf(want, sizeof(want), "\n%s%s: ", rows[idx[i]].name,
			 rows[idx[i]].is_area ? " (the area)" : "");
		p = strstr(prev, want);
		assert_non_null(p);
		prev = p;
	}
	assert_non_null(strstr(b_.buf, "\nCheshire West and Chester (the "
				       "area): " GROUP_A " 50.6, " GROUP_B
				       " 34.3, gap 16.3 pts.\n"));
	assert_non_null(strstr(b_.buf, "\nWarrington: " GROUP_A " 52.0, "
				       GROUP_B " 33.5, gap 18.5 pts, worse "
				       "than England's gap.\n"));
	assert_non_null(strstr(b_.buf, "\nEngland: " GROUP_A " 50.3, "
				       GROUP_B " 34.6, gap 15.7 pts.\n"));
	assert_non_null(strstr(b_.buf, "\nWirral: " GROUP_A " 49.5, "
				       GROUP_B " no value, gap withheld "
				       "(c).\n"));
	assert_non_null(strstr(b_.buf, "\nAardvark: " GROUP_A " no value, "
				       GROUP_B " no value, gap no value.\n"));
	/* the note, then the source, last */
	assert_non_null(strstr(prev, "\nValues from fewer than 10 are "
				     "suppressed (c).\nSource: DfE, Key "
				     "stage 4 performance.\n"));
	assert_int_equal(b_.buf[b_.len - 1], '\n');
	buf_release(&b_);

	/* no rows: no latest period; the last period's label when none */
	chart.nrows = 0;
	chart.latest_label = NULL;
	chart_describe_gap(&chart, &b_);
	assert_null(strstr(b_.buf, "area by area"));
	assert_non_null(strstr(b_.buf, "\n2023/24: "));
	buf_release(&b_);
	chart.nrows = NR;
	chart_describe_gap(&chart, &b_);
	assert_non_null(strstr(b_.buf, "\nThe latest period, 2023/24, area "
				       "by area:\n"));
	buf_release(&b_);

	/* an invalid chart still says its title, and nothing false */
	chart.nperiods = 0;
	chart_describe_gap(&chart, &b_);
	assert_non_null(strstr(b_.buf, "A wide gap"));
	assert_null(strstr(b_.buf, "Line chart"));
	buf_release(&b_);
}

/* Tested outcomes read as phrases: "similar to England's gap", "worse
 * than England's gap at the 99.8% level". */
static void test_describe_similar(void **state)
{
	struct buf b_ = BUF_INIT;

	(void)state;
	rows[2].cmp = CMP_WORST;	/* Warrington */
	chart_describe_gap(&chart, &b_);
	assert_null(strstr(b_.buf, "similar than"));
	assert_non_null(strstr(b_.buf, "\nHalton: " GROUP_A " 47.1, "
				       GROUP_B " 32.0, gap 15.1 pts, similar "
				       "to England's gap.\n"));
	assert_non_null(strstr(b_.buf, "gap 18.5 pts, worse than England's "
				       "gap at the 99.8% level.\n"));
	buf_release(&b_);
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | (unsigned long)p[3];
}

static void test_render(void **state)
{
	char dir[] = "/tmp/jsna-gap-XXXXXX", path[600];
	static const enum chart_format f[3] = { CHART_PNG, CHART_SVG,
						CHART_PDF };
	static const char *const ext[3] = { "png", "svg", "pdf" };
	unsigned char *p, *q;
	size_t len, len2, i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/g.%s", dir, ext[i]);
		assert_int_equal(chart_render_gap(&chart, f[i], path), 0);
		p = slurp(path, &len);
		assert_int_equal(chart_render_gap(&chart, f[i], path), 0);
		q = slurp(path, &len2);
		assert_int_equal(len, len2);
		assert_memory_equal(p, q, len);	/* the same bytes */
		if (f[i] == CHART_PNG) {
			assert_true(len > 24);
			assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
			assert_memory_equal(p + 12, "IHDR", 4);
			assert_int_equal(be32(p + 16), 1890);
			assert_int_equal(be32(p + 20), 1181);
		}
		if (f[i] == CHART_PDF)
			assert_memory_equal(p, "%PDF-", 5);
		if (f[i] == CHART_SVG) {
			p = realloc(p, len + 1);
			assert_non_null(p);
			p[len] = '\0';
			assert_non_null(strstr((char *)p, "<title>A wide gap "
					"between pupils eligible for free "
					"school meals and the rest</title>"));
			assert_non_null(strstr((char *)p, "<desc>"));
			assert_non_null(strstr((char *)p, "area by area"));
		}
		free(p);
		free(q);
	}
	/* a chart the layout rejects writes nothing */
	snprintf(path, sizeof(path), "%s/bad.png", dir);
	chart.nperiods = 0;
	assert_int_equal(chart_render_gap(&chart, CHART_PNG, path), -1);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(tmpdir_remove(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_order, setup),
		cmocka_unit_test_setup(test_lines, setup),
		cmocka_unit_test_setup(test_gap_segments, setup),
		cmocka_unit_test_setup(test_latest_label, setup),
		cmocka_unit_test_setup(test_missing, setup),
		cmocka_unit_test_setup(test_single_period, setup),
		cmocka_unit_test_setup(test_negative, setup),
		cmocka_unit_test_setup(test_zero_floor, setup),
		cmocka_unit_test_setup(test_shared_scale, setup),
		cmocka_unit_test_setup(test_right_panel, setup),
		cmocka_unit_test_setup(test_most_rows, setup),
		cmocka_unit_test_setup(test_long_name, setup),
		cmocka_unit_test_setup(test_no_rows, setup),
		cmocka_unit_test_setup(test_tick_thinning, setup),
		cmocka_unit_test_setup(test_rejects, setup),
		cmocka_unit_test_setup(test_describe, setup),
		cmocka_unit_test_setup(test_render, setup),
		cmocka_unit_test_setup(test_line_after_grow, setup),
		cmocka_unit_test_setup(test_single_period_label, setup),
		cmocka_unit_test_setup(test_zero_floor_all_zero, setup),
		cmocka_unit_test_setup(test_describe_similar, setup),
	};

	jsna_init("test_layout_gap");
	return cmocka_run_group_tests(tests, NULL, group_teardown);
}
