/* test_layout_spine.c - the summary spine: the scale about England and its
 * flip for low-is-good, the bar, England's line, the area's marker, rows
 * without a spine, withheld values, long names, section headings, the
 * page's height, the text alternative, and the three renderers. */
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
#define NROWS 8
#define MANY 60
#define ELLIPSIS "\xE2\x80\xA6"

#define GOVUK_OUTER 0xB1B4B6UL
#define GOVUK_INNER 0xF3F2F1UL
#define CLASSIC_OUTER 0xC9C9C9UL
#define CLASSIC_INNER 0x8B8B8BUL
#define GOVUK_CENTRE 0x0B0C0CUL
#define CLASSIC_CENTRE 0x8B0000UL
#define REGION_INK 0x505A5FUL

static struct spine_row rows[NROWS];
static struct spine_row many[MANY];
static struct spine_chart chart;

static const char long_name[] =
	"Emergency hospital admissions caused by unintentional and "
	"deliberate injuries in children and young people aged 0 to 24 "
	"years, crude rate per 10,000 resident population";

static void sample_init(void)
{
	static const struct spine_row init[NROWS] = {
		{ "Early years", "Good level of development at age 5",
		  "2023/24", 1, POLARITY_HIGH_GOOD, 66.1, NULL, CMP_SIMILAR,
		  67.7, 65.9, 58.0, 64.9, 69.0, 75.9, 0 },
		{ NULL, "Children in care per 10,000 children aged under 18",
		  "2024", 0, POLARITY_LOW_GOOD, 95.0, NULL, CMP_WORSE,
		  70.0, 87.6, 25.0, 55.0, 90.0, 160.0, 0 },
		{ NULL, "Hospital admissions for asthma, under 19s",
		  "2022/23", 1, POLARITY_LOW_GOOD, 1150.3, NULL, CMP_BETTER,
		  1512.0, NAN, 700.0, 1300.0, 1900.0, 2500.0, 0 },
		{ "Education", "Pupils with an education, health and care plan",
		  "2023/24", 1, POLARITY_NONE, 5.2, NULL, CMP_HIGHER,
		  4.3, 4.5, 2.9, 3.8, 4.8, 6.6, 0 },
		{ NULL, "Key stage 4 attainment 8 score", "2023/24", 1,
		  POLARITY_HIGH_GOOD, NAN, "c", CMP_NOT_COMPARED,
		  46.1, 45.2, 38.0, 43.5, 48.2, 60.1, 0 },
		{ NULL, "Persistent absence, secondary schools", "2023/24", 1,
		  POLARITY_LOW_GOOD, 26.0, NULL, CMP_SIMILAR,
		  25.6, 26.3, 15.0, 22.0, 29.0, 35.0, 1 },
		{ "Health", "Smoking in early pregnancy", "2023/24", 1,
		  POLARITY_LOW_GOOD, 8.0, NULL, CMP_SIMILAR,
		  NAN, 9.1, 2.0, 6.0, 11.0, 19.0, 0 },
		{ NULL, long_name, "2022/23", 1, POLARITY_LOW_GOOD, 101.2, NULL,
		  CMP_BETTER, 94.0, 110.0, 50.0, 80.0, 120.0, 200.0, 0 },
	};
	size_t i;

	memcpy(rows, init, sizeof(rows));
	for (i = 0; i < MANY; i++) {
		many[i] = init[i % NROWS];
		many[i].section = i % 10 ? NULL : "Ten more indicators";
	}
	memset(&chart, 0, sizeof(chart));
	chart.title = "Cheshire West and Chester: children's health and "
		      "education at a glance";
	chart.subtitle = "Latest period for each indicator; the range of "
			 "all upper-tier local authorities in England";
	chart.source = "Source: OHID Fingertips and DfE explore education "
		       "statistics, extract 1 May 2025.";
	chart.note = "c = suppressed (fewer than 10 pupils).";
	chart.area_name = "Cheshire West and Chester";
	chart.region_name = "North West";
	chart.benchmark_name = "England";
	chart.nrows = NROWS;
	chart.rows = rows;
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

/* Wider than the estimate chart_spine_height() uses: the page must still
 * hold the chart. */
static double measure_wide(void *ctx, const char *text, double size,
			   int bold)
{
	(void)ctx;
	return (double)strlen(text) * size * (bold ? 0.72 : 0.66);
}

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

static void lay(struct chart_layout *l)
{
	*l = (struct chart_layout)CHART_LAYOUT_INIT;
	assert_int_equal(chart_layout_spine(&chart, W,
					    chart_spine_height(&chart),
					    measure_est, NULL, l), 0);
}

static double mid_of(const struct chart_layout *l)
{
	return (l->plot_left + l->plot_right) / 2;
}

static double half_of(const struct chart_layout *l)
{
	return (l->plot_right - l->plot_left) / 2;
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

/* The first text item starting with prefix. */
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

/* The middle (y) of the row whose indicator name starts like r's. */
static double row_mid(const struct chart_layout *l,
		      const struct spine_row *r)
{
	char prefix[24];
	const struct chart_item *t;

	snprintf(prefix, sizeof(prefix), "%s", r->name);
	t = find_prefix(l, prefix);
	assert_non_null(t);
	return t->y - 0.35 * t->size;
}

static double item_mid_y(const struct chart_item *it)
{
	switch (it->op) {
	case CHART_OP_RECT:
		return it->y + it->h / 2;
	case CHART_OP_MARK:
		return it->y;
	case CHART_OP_LINE:
		return (it->pts[1] + it->pts[2 * it->npts - 1]) / 2;
	case CHART_OP_TEXT:
		return it->y - 0.35 * it->size;
	}
	return NAN;
}

/* Items of kind op centred within 4 pt of the row's middle, left to right,
 * into v[]; returns how many. */
static size_t in_row(const struct chart_layout *l, enum chart_op op,
		     double mid, const struct chart_item **v, size_t max)
{
	size_t i, j, n = 0;
	const struct chart_item *t;

	for (i = 0; i < l->nitems && n < max; i++)
		if (l->items[i].op == op &&
		    fabs(item_mid_y(&l->items[i]) - mid) < 4.0)
			v[n++] = &l->items[i];
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j]->x < v[j - 1]->x; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return n;
}

/* An upright line at x in ink crossing y. */
static const struct chart_item *upright(const struct chart_layout *l,
					double x, double y, unsigned long ink)
{
	size_t i;
	const struct chart_item *it;

	for (i = 0; i < l->nitems; i++) {
		it = &l->items[i];
		if (it->op != CHART_OP_LINE || it->npts != 2 ||
		    it->stroke != ink)
			continue;
		if (fabs(it->pts[0] - x) < 1e-9 &&
		    fabs(it->pts[2] - x) < 1e-9 &&
		    fmin(it->pts[1], it->pts[3]) < y &&
		    fmax(it->pts[1], it->pts[3]) > y)
			return it;
	}
	return NULL;
}

static void test_xpos(void **state)
{
	const double mid = 200, half = 100;
	struct spine_row flat;
	double d;

	(void)state;
	/* England at the centre; the far side sets the extent. */
	assert_true(fabs(chart_spine_xpos(&rows[0], 67.7, mid, half) - mid) <
		    1e-9);
	assert_true(fabs(chart_spine_xpos(&rows[0], 58.0, mid, half) -
			 (mid - half)) < 1e-9);
	assert_true(chart_spine_xpos(&rows[0], 75.9, mid, half) < mid + half);
	/* Symmetric: equal steps either side of England. */
	for (d = 0.5; d < 9; d += 2.5)
		assert_true(fabs(chart_spine_xpos(&rows[0], 67.7 + d, mid,
						  half) - mid -
				 (mid - chart_spine_xpos(&rows[0], 67.7 - d,
							 mid, half))) < 1e-9);
	/* High is good: the lowest (worst) on the left. */
	assert_true(chart_spine_xpos(&rows[0], rows[0].min, mid, half) <
		    chart_spine_xpos(&rows[0], rows[0].max, mid, half));
	/* Low is good: flipped, the highest (worst) on the left at the
	 * end, as it is furthest from England. */
	assert_true(fabs(chart_spine_xpos(&rows[1], 160.0, mid, half) -
			 (mid - half)) < 1e-9);
	assert_true(fabs(chart_spine_xpos(&rows[1], 70.0, mid, half) - mid) <
		    1e-9);
	assert_true(chart_spine_xpos(&rows[1], 25.0, mid, half) > mid);
	assert_true(fabs(chart_spine_xpos(&rows[1], 70.0 + 45.0, mid, half) -
			 mid + (chart_spine_xpos(&rows[1], 70.0 - 45.0, mid,
						 half) - mid)) < 1e-9);
	/* No polarity: lowest left, highest right. */
	assert_true(chart_spine_xpos(&rows[3], rows[3].min, mid, half) <
		    chart_spine_xpos(&rows[3], rows[3].max, mid, half));
	/* No spine, no value: NaN. */
	assert_true(isnan(chart_spine_xpos(&rows[5], 26.0, mid, half)));
	assert_true(isnan(chart_spine_xpos(&rows[6], 8.0, mid, half)));
	assert_true(isnan(chart_spine_xpos(&rows[0], NAN, mid, half)));
	/* Every authority equal to England: an extent of 1. */
	flat = rows[0];
	flat.min = flat.q25 = flat.q75 = flat.max = flat.england;
	assert_true(fabs(chart_spine_xpos(&flat, flat.england + 0.5, mid,
					  half) - (mid + half / 2)) < 1e-9);
}

static void check_centre_lines(enum chart_palette p, unsigned long ink)
{
	struct chart_layout l;
	size_t i;
	const struct chart_item *it;

	chart.palette = p;
	lay(&l);
	/* chart_layout_xpos maps England (0) to the centre. */
	assert_true(fabs(chart_layout_xpos(&l, 0) - mid_of(&l)) < 1e-9);
	for (i = 0; i < NROWS; i++) {
		double mid = row_mid(&l, &rows[i]);

		it = upright(&l, mid_of(&l), mid, ink);
		if (i == 5 || i == 6) {
			assert_null(it);
			continue;
		}
		assert_non_null(it);
		assert_true(fabs(it->pts[3] - it->pts[1]) > 8.0);
		/* the region's shorter, thicker line */
		if (isfinite(rows[i].region)) {
			it = upright(&l, chart_spine_xpos(&rows[i],
					 rows[i].region, mid_of(&l),
					 half_of(&l)), mid, REGION_INK);
			assert_non_null(it);
			assert_true(it->width > 1.0);
		}
	}
	chart_layout_release(&l);
}

static void test_centre_line(void **state)
{
	(void)state;
	check_centre_lines(PALETTE_GOVUK, GOVUK_CENTRE);
	check_centre_lines(PALETTE_FINGERTIPS, CLASSIC_CENTRE);
}

static void test_marker(void **state)
{
	struct chart_layout l;
	const struct chart_item *m[8];
	size_t i, n, drawn = 0;

	(void)state;
	lay(&l);
	for (i = 0; i < NROWS; i++) {
		const struct spine_row *r = &rows[i];

		n = in_row(&l, CHART_OP_MARK, row_mid(&l, r), m, 8);
		if (i == 4 || i == 5 || i == 6) {
			assert_int_equal(n, 0);
			continue;
		}
		assert_int_equal(n, 1);
		drawn++;
		assert_true(fabs(m[0]->x - chart_spine_xpos(r, r->value,
				 mid_of(&l), half_of(&l))) < 1e-9);
		assert_int_equal(m[0]->mark, chart_cmp_mark(r->cmp));
		assert_int_equal(m[0]->fill,
				 chart_cmp_colour(PALETTE_GOVUK, r->cmp));
		assert_int_equal(m[0]->stroke, 0x000000UL);
		assert_true(m[0]->size > 2.0);
	}
	assert_int_equal(drawn, 5);
	/* the worse row's marker left of centre, the better right */
	assert_true(in_row(&l, CHART_OP_MARK, row_mid(&l, &rows[1]), m, 8) &&
		    m[0]->x < mid_of(&l));
	assert_true(in_row(&l, CHART_OP_MARK, row_mid(&l, &rows[2]), m, 8) &&
		    m[0]->x > mid_of(&l));
	chart_layout_release(&l);
}

static void check_bars(enum chart_palette p, unsigned long outer,
		       unsigned long inner)
{
	struct chart_layout l;
	const struct chart_item *b[8];
	double mid, half;
	size_t i;

	chart.palette = p;
	lay(&l);
	mid = mid_of(&l);
	half = half_of(&l);
	for (i = 0; i < 2; i++) {
		const struct spine_row *r = &rows[i];
		/* worst, 25th or 75th, 75th or 25th, best */
		double lo = i ? r->max : r->min, q1 = i ? r->q75 : r->q25;
		double q2 = i ? r->q25 : r->q75, hi = i ? r->min : r->max;

		assert_int_equal(in_row(&l, CHART_OP_RECT, row_mid(&l, r), b,
					8), 3);
		assert_true(fabs(b[0]->x - chart_spine_xpos(r, lo, mid,
							    half)) < 1e-9);
		assert_true(fabs(b[1]->x - chart_spine_xpos(r, q1, mid,
							    half)) < 1e-9);
		assert_true(fabs(b[2]->x - chart_spine_xpos(r, q2, mid,
							    half)) < 1e-9);
		assert_true(fabs(b[2]->x + b[2]->w - chart_spine_xpos(r, hi,
				 mid, half)) < 1e-9);
		assert_true(fabs(b[0]->x + b[0]->w - b[1]->x) < 1e-9);
		assert_true(fabs(b[1]->x + b[1]->w - b[2]->x) < 1e-9);
		assert_true(b[0]->w > 0 && b[1]->w > 0 && b[2]->w > 0);
		assert_int_equal(b[0]->fill, outer);
		assert_int_equal(b[1]->fill, inner);
		assert_int_equal(b[2]->fill, outer);
		/* the light GOV.UK middle is outlined to show on white */
		if (p == PALETTE_GOVUK)
			assert_int_equal(b[1]->stroke, GOVUK_OUTER);
		/* within the spine's column */
		assert_true(b[0]->x >= l.plot_left - 1e-9);
		assert_true(b[2]->x + b[2]->w <= l.plot_right + 1e-9);
	}
	/* The low-is-good row: the worst end (the highest, furthest from
	 * England) at the left edge. */
	assert_true(fabs(b[0]->x - l.plot_left) < 1e-9);
	chart_layout_release(&l);
}

static void test_bars(void **state)
{
	(void)state;
	check_bars(PALETTE_GOVUK, GOVUK_OUTER, GOVUK_INNER);
	check_bars(PALETTE_FINGERTIPS, CLASSIC_OUTER, CLASSIC_INNER);
}

static void test_no_spine(void **state)
{
	struct chart_layout l;
	const struct chart_item *v[8], *t;
	size_t i, n;
	double mid;

	(void)state;
	lay(&l);
	for (i = 5; i <= 6; i++) {
		mid = row_mid(&l, &rows[i]);
		assert_int_equal(in_row(&l, CHART_OP_RECT, mid, v, 8), 0);
		assert_int_equal(in_row(&l, CHART_OP_MARK, mid, v, 8), 0);
		n = in_row(&l, CHART_OP_TEXT, mid, v, 8);
		assert_true(n >= 4);
		t = v[n - 1];	/* the rightmost: the spine's words */
		assert_string_equal(t->text, i == 5 ? "Insufficient data" :
						      "No England value");
		assert_int_equal(t->align, CHART_ALIGN_CENTRE);
		assert_true(fabs(t->x - mid_of(&l)) < 1e-9);
		assert_int_equal(t->stroke, 0x505A5FUL);
	}
	/* no England value prints "no data" in England's column */
	assert_int_equal(in_row(&l, CHART_OP_TEXT, row_mid(&l, &rows[6]), v,
				8), 5);
	assert_string_equal(v[3]->text, "no data");
	chart_layout_release(&l);

	/* Insufficient data wins over a missing England value. */
	rows[5].england = NAN;
	lay(&l);
	assert_non_null(find_text(&l, "Insufficient data"));
	chart_layout_release(&l);
}

static void test_withheld(void **state)
{
	struct chart_layout l;
	const struct chart_item *v[8], *c;
	size_t n;
	double mid;

	(void)state;
	rows[0].value = NAN;	/* no data, no note */
	lay(&l);
	mid = row_mid(&l, &rows[4]);
	assert_int_equal(in_row(&l, CHART_OP_MARK, mid, v, 8), 0);
	assert_int_equal(in_row(&l, CHART_OP_RECT, mid, v, 8), 3);
	n = in_row(&l, CHART_OP_TEXT, mid, v, 8);
	assert_int_equal(n, 4);	/* name, period, c, England */
	c = v[2];
	assert_string_equal(c->text, "c");
	assert_int_equal(c->align, CHART_ALIGN_RIGHT);
	assert_string_equal(v[3]->text, "46.1");
	/* the legend says what c means */
	assert_non_null(find_text(&l, "c = withheld for confidentiality"));
	mid = row_mid(&l, &rows[0]);
	assert_int_equal(in_row(&l, CHART_OP_MARK, mid, v, 8), 0);
	assert_int_equal(in_row(&l, CHART_OP_TEXT, mid, v, 8), 4);
	assert_string_equal(v[2]->text, "no data");
	assert_true(fabs(v[2]->x - c->x) < 1e-9);	/* the same column */
	chart_layout_release(&l);

	/* Nothing withheld: no key. */
	rows[4].value = 45.0;
	lay(&l);
	assert_null(find_text(&l, "c = withheld for confidentiality"));
	chart_layout_release(&l);
}

static void check_long_name(chart_measure_fn *measure)
{
	struct chart_layout l = CHART_LAYOUT_INIT;
	const struct chart_item *t, *period;
	double w;

	assert_int_equal(chart_layout_spine(&chart, W,
					    chart_spine_height(&chart),
					    measure, NULL, &l), 0);
	t = find_prefix(&l, "Emergency hospital");
	period = find_text(&l, "Period");
	assert_non_null(t);
	assert_non_null(period);
	assert_non_null(strstr(t->text, ELLIPSIS));
	assert_true(strlen(t->text) < strlen(long_name));
	/* by the estimate (as NULL measures) or measure_est: the same */
	w = measure_est(NULL, t->text, t->size, t->bold) -
	    2 * t->size * 0.60;	/* an ellipsis: 3 bytes, 1 code point */
	assert_true(t->x + w < period->x);
	assert_true(t->x + w > period->x - 40.0);	/* not cut short */
	chart_layout_release(&l);
}

static void test_long_name(void **state)
{
	struct chart_layout l;
	size_t i;
	const struct chart_item *it;
	double right;

	(void)state;
	check_long_name(measure_est);
	check_long_name(NULL);
	/* Nothing leaves the page. */
	lay(&l);
	for (i = 0; i < l.nitems; i++) {
		it = &l.items[i];
		if (it->op == CHART_OP_RECT)
			assert_true(it->x >= 0 && it->x + it->w <= W + 1e-9);
		if (it->op != CHART_OP_TEXT)
			continue;
		right = it->x;
		if (it->align == CHART_ALIGN_LEFT)
			right += measure_est(NULL, it->text, it->size,
					     it->bold);
		else if (it->align == CHART_ALIGN_CENTRE)
			right += measure_est(NULL, it->text, it->size,
					     it->bold) / 2;
		if (!strstr(it->text, ELLIPSIS))
			assert_true(right <= W - 7.9);
		assert_true(it->x >= 0);
	}
	chart_layout_release(&l);
}

static void test_sections(void **state)
{
	static const char *const heads[3] = { "Early years", "Education",
					      "Health" };
	static const size_t first[3] = { 0, 3, 6 };
	struct chart_layout l;
	const struct chart_item *h, *name, *prev = NULL;
	char prefix[16];
	size_t i;

	(void)state;
	lay(&l);
	for (i = 0; i < 3; i++) {
		h = find_text(&l, heads[i]);
		assert_non_null(h);
		assert_int_equal(h->bold, 1);
		/* (a long name may be cut: its first words) */
		snprintf(prefix, sizeof(prefix), "%s", rows[first[i]].name);
		name = find_prefix(&l, prefix);
		assert_non_null(name);
		assert_int_equal(name->bold, 0);
		/* above its first row, under the previous section */
		assert_true(h->y < name->y && name->y - h->y < 20.0);
		if (prev)
			assert_true(h->y > prev->y);
		/* the names indented under their headings */
		assert_true(name->x > h->x);
		prev = h;
	}
	chart_layout_release(&l);
}

static void test_height(void **state)
{
	struct chart_layout l = CHART_LAYOUT_INIT;
	double h1, h8, h59, h60, hs;
	size_t i;

	(void)state;
	h8 = chart_spine_height(&chart);
	assert_true(h8 >= CHART_HEIGHT_PT);
	chart.nrows = 1;
	h1 = chart_spine_height(&chart);
	assert_true(fabs(h1 - CHART_HEIGHT_PT) < 1e-9);
	chart.rows = many;
	chart.nrows = MANY - 1;
	h59 = chart_spine_height(&chart);
	chart.nrows = MANY;
	h60 = chart_spine_height(&chart);
	assert_true(h59 > h8 && h59 > CHART_HEIGHT_PT);
	assert_true(h60 - h59 > 10.0 && h60 - h59 < 16.0);
	/* A heading takes a line of its own. */
	many[MANY - 1].section = "A last section";
	hs = chart_spine_height(&chart);
	assert_true(hs - h60 > 10.0);
	/* Safe on what the layout rejects. */
	chart.rows = NULL;
	assert_true(chart_spine_height(&chart) >= CHART_HEIGHT_PT);
	chart.rows = many;

	/* The page holds the chart, whatever the measure; the rows keep to
	 * the page, above the legend. */
	assert_int_equal(chart_layout_spine(&chart, W, hs, measure_wide, NULL,
					    &l), 0);
	for (i = 0; i < l.nitems; i++)
		if (l.items[i].op == CHART_OP_TEXT)
			assert_true(l.items[i].y + 0.24 * l.items[i].size <=
				    hs - 7.9);
	assert_true(l.plot_bottom < hs - 30.0);
	chart_layout_release(&l);
	assert_int_equal(chart_layout_spine(&chart, W, hs, NULL, NULL, &l), 0);
	chart_layout_release(&l);
	/* The one row of a small chart keeps near its pitch: the room left
	 * over stays under the rows. */
	chart.rows = rows;
	chart.nrows = 1;
	rows[0].section = NULL;
	assert_int_equal(chart_layout_spine(&chart, W, CHART_HEIGHT_PT,
					    measure_est, NULL, &l), 0);
	assert_true(l.plot_bottom - l.plot_top > 11.0);
	assert_true(l.plot_bottom - l.plot_top < 17.0);
	chart_layout_release(&l);
	chart.rows = many;
	chart.nrows = MANY;
	/* A taller page spreads the rows a little, never past the page. */
	assert_int_equal(chart_layout_spine(&chart, W, 2 * hs, measure_est,
					    NULL, &l), 0);
	assert_true(l.plot_bottom < 2 * hs - 30.0);
	chart_layout_release(&l);
}

static void test_rejects(void **state)
{
	struct chart_layout l = CHART_LAYOUT_INIT;

	(void)state;
	chart.title = NULL;
	assert_int_equal(chart_layout_spine(&chart, W, CHART_HEIGHT_PT, NULL,
					    NULL, &l), -1);
	chart_layout_release(&l);
	chart.title = "";
	assert_int_equal(chart_layout_spine(&chart, W, CHART_HEIGHT_PT, NULL,
					    NULL, &l), -1);
	chart_layout_release(&l);
	chart.title = "Spine";
	chart.nrows = 0;
	assert_int_equal(chart_layout_spine(&chart, W, CHART_HEIGHT_PT, NULL,
					    NULL, &l), -1);
	chart_layout_release(&l);
	chart.nrows = NROWS;
	chart.rows = NULL;
	assert_int_equal(chart_layout_spine(&chart, W, CHART_HEIGHT_PT, NULL,
					    NULL, &l), -1);
	chart_layout_release(&l);
	chart.rows = rows;
	/* too short a page for the rows, or too narrow for the names */
	assert_int_equal(chart_layout_spine(&chart, W, 120, NULL, NULL, &l),
			 -1);
	chart_layout_release(&l);
	assert_int_equal(chart_layout_spine(&chart, 200, CHART_HEIGHT_PT,
					    NULL, NULL, &l), -1);
	chart_layout_release(&l);
	rows[2].decimals = 7;
	assert_int_equal(chart_layout_spine(&chart, W, CHART_HEIGHT_PT, NULL,
					    NULL, &l), -1);
	chart_layout_release(&l);
	rows[2].decimals = 1;
	rows[2].q25 = 2000;	/* above the 75th percentile */
	assert_int_equal(chart_layout_spine(&chart, W, CHART_HEIGHT_PT, NULL,
					    NULL, &l), -1);
	chart_layout_release(&l);
	rows[2].q25 = 1300;
	assert_int_equal(chart_layout_spine(&chart, W, CHART_HEIGHT_PT, NULL,
					    NULL, &l), 0);
	chart_layout_release(&l);
}

static void test_legend(void **state)
{
	struct chart_layout l;
	const struct chart_item *t;
	size_t i, nmarks = 0;

	(void)state;
	lay(&l);
	assert_non_null(t = find_text(&l, "Area compared with England:"));
	assert_true(t->y > l.plot_bottom);
	assert_non_null(find_text(&l, "Similar"));
	assert_non_null(find_text(&l, "Worse"));
	assert_non_null(find_text(&l, "Better"));
	assert_non_null(find_text(&l, "Higher"));
	assert_null(find_text(&l, "Lower"));
	/* the withheld value draws no marker, so no outcome */
	assert_null(find_text(&l, "Not compared"));
	assert_non_null(find_text(&l, "Range of authorities, worst to best"));
	assert_non_null(find_text(&l, "Middle half (25th to 75th "
				      "percentile)"));
	assert_non_null(t = find_text(&l, "North West"));
	assert_true(t->y > l.plot_bottom);
	/* England's swatch: an upright line in the centre's ink */
	for (i = 0; i < l.nitems; i++)
		if (l.items[i].op == CHART_OP_MARK &&
		    l.items[i].y > l.plot_bottom)
			nmarks++;
	assert_int_equal(nmarks, 4);
	for (i = 0; i < l.nitems; i++) {
		t = &l.items[i];
		if (t->op == CHART_OP_TEXT && !strcmp(t->text, "England") &&
		    t->y > l.plot_bottom)
			break;
	}
	assert_true(i < l.nitems);
	assert_non_null(upright(&l, t->x - 4.0 - 4.5, t->y - 0.35 * t->size,
				GOVUK_CENTRE));
	/* the headers: the area, England, the spine's ends */
	assert_non_null(find_text(&l, "Indicator"));
	assert_non_null(find_text(&l, "Worst / lowest"));
	assert_non_null(t = find_text(&l, "Best / highest"));
	assert_true(fabs(t->x - (W - 8.0)) < 1e-9);
	assert_true(find_prefix(&l, "Cheshire") != NULL);
	chart_layout_release(&l);

	/* No region value anywhere: no region in the legend. */
	for (i = 0; i < NROWS; i++)
		rows[i].region = NAN;
	lay(&l);
	assert_null(find_text(&l, "North West"));
	chart_layout_release(&l);
}

static void test_describe(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	chart_describe_spine(&chart, &b);
	assert_ptr_equal(strstr(b.buf, "Cheshire West and Chester: "
				"children's health and education at a "
				"glance.\n"), b.buf);
	assert_non_null(strstr(b.buf, "Spine chart of 8 indicators for "
				      "Cheshire West and Chester:"));
	assert_non_null(strstr(b.buf, "Early years:\nGood level of "
		"development at age 5, 2023/24: Cheshire West and Chester "
		"66.1 (similar to England); England 67.7; authorities range "
		"from 58.0 to 75.9, middle half 64.9 to 69.0; North West "
		"65.9; in the middle half of authorities.\n"));
	assert_non_null(strstr(b.buf, "Children in care per 10,000 children "
		"aged under 18, 2024: Cheshire West and Chester 95 (worse "
		"than England); England 70; authorities range from 25 to "
		"160, middle half 55 to 90; North West 88; in the worst "
		"quarter of authorities.\n"));
	assert_non_null(strstr(b.buf, "Hospital admissions for asthma, "
		"under 19s, 2022/23: Cheshire West and Chester 1,150.3 "
		"(better than England); England 1,512.0; authorities range "
		"from 700.0 to 2,500.0, middle half 1,300.0 to 1,900.0; in "
		"the best quarter of authorities.\n"));
	assert_non_null(strstr(b.buf, "Education:\nPupils with an "
		"education, health and care plan, 2023/24: Cheshire West and "
		"Chester 5.2 (higher than England); England 4.3; "
		"authorities range from 2.9 to 6.6, middle half 3.8 to 4.8; "
		"North West 4.5; in the highest quarter of authorities.\n"));
	assert_non_null(strstr(b.buf, "Key stage 4 attainment 8 score, "
		"2023/24: Cheshire West and Chester withheld (c); England "
		"46.1; authorities range from 38.0 to 60.1"));
	assert_non_null(strstr(b.buf, "Persistent absence, secondary "
		"schools, 2023/24: Cheshire West and Chester 26.0 (similar to "
		"England); England 25.6; too few authorities have a value to "
		"show their range.\n"));
	assert_non_null(strstr(b.buf, "Health:\nSmoking in early pregnancy, "
		"2023/24: Cheshire West and Chester 8.0 (similar to "
		"England); England no value; no range is drawn as there is "
		"no England value.\n"));
	assert_non_null(strstr(b.buf, long_name));
	assert_non_null(strstr(b.buf, "\nc = suppressed (fewer than 10 "
				      "pupils).\nSource: OHID"));
	buf_release(&b);

	/* Half away from zero; the lowest quarter with no polarity; the
	 * upper limit of a band belongs to it. */
	rows[3].value = 3.8;
	rows[3].england = 4.25;
	rows[3].decimals = 1;
	chart_describe_spine(&chart, &b);
	assert_non_null(strstr(b.buf, "Chester 3.8 (higher than England); "
				      "England 4.3;"));
	assert_non_null(strstr(b.buf, "4.5; in the lowest quarter of "
				      "authorities.\n"));
	buf_release(&b);

	/* Invalid charts still say what they can. */
	chart.rows = NULL;
	chart_describe_spine(&chart, &b);
	assert_string_equal(b.buf, "Cheshire West and Chester: children's "
			    "health and education at a glance.\nLatest "
			    "period for each indicator; the range of all "
			    "upper-tier local authorities in England.\n");
	buf_release(&b);
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

static void test_render(void **state)
{
	char dir[] = "/tmp/jsna-spine-XXXXXX", path[600];
	static const enum chart_format f[3] = { CHART_PNG, CHART_SVG,
						CHART_PDF };
	static const char *const ext[3] = { "png", "svg", "pdf" };
	unsigned char *p, *q;
	size_t len, len2, i;
	double h;

	(void)state;
	chart.rows = many;
	chart.nrows = 30;
	h = chart_spine_height(&chart);
	assert_true(h > CHART_HEIGHT_PT);
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/s.%s", dir, ext[i]);
		assert_int_equal(chart_render_spine(&chart, f[i], path), 0);
		p = slurp(path, &len);
		assert_int_equal(chart_render_spine(&chart, f[i], path), 0);
		q = slurp(path, &len2);
		assert_int_equal(len, len2);
		assert_memory_equal(p, q, len);	/* the same bytes */
		if (f[i] == CHART_PNG) {
			assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
			/* 160 mm wide, as tall as the rows need */
			assert_int_equal(be32(p + 16), 1890);
			assert_int_equal(be32(p + 20),
					 lround(h * CHART_PNG_DPI / 72.0));
		}
		if (f[i] == CHART_PDF)
			assert_memory_equal(p, "%PDF", 4);
		if (f[i] == CHART_SVG) {
			assert_non_null(strstr((char *)p, "<title>Cheshire "
					"West and Chester: children&#39;s "
					"health and education at a "
					"glance</title>\n<desc>"));
			assert_non_null(strstr((char *)p, "Spine chart of 30 "
					       "indicators"));
			/* the outer bar: grey #B1B4B6 */
			assert_non_null(strstr((char *)p,
				"fill:rgb(69.411765%,70.588235%,71.372549%)"));
		}
		free(p);
		free(q);
	}
	assert_int_equal(tmpdir_remove(dir), 0);
	/* an invalid chart writes nothing */
	chart.title = NULL;
	assert_int_equal(chart_render_spine(&chart, CHART_SVG, "/tmp/jsna-"
					    "spine-never.svg"), -1);
	assert_int_equal(access("/tmp/jsna-spine-never.svg", F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_xpos, setup),
		cmocka_unit_test_setup(test_centre_line, setup),
		cmocka_unit_test_setup(test_marker, setup),
		cmocka_unit_test_setup(test_bars, setup),
		cmocka_unit_test_setup(test_no_spine, setup),
		cmocka_unit_test_setup(test_withheld, setup),
		cmocka_unit_test_setup(test_long_name, setup),
		cmocka_unit_test_setup(test_sections, setup),
		cmocka_unit_test_setup(test_height, setup),
		cmocka_unit_test_setup(test_rejects, setup),
		cmocka_unit_test_setup(test_legend, setup),
		cmocka_unit_test_setup(test_describe, setup),
		cmocka_unit_test_setup(test_render, setup),
	};

	jsna_init("test_layout_spine");
	return cmocka_run_group_tests(tests, NULL, group_teardown);
}
