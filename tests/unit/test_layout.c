/* test_layout.c - chart layout arithmetic, the text alternative, and the
 * three renderers (file headers and byte-identical reruns). */
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

#define NP 10

static const char *const periods[NP] = {
	"2014/15", "2015/16", "2016/17", "2017/18", "2018/19",
	"2019/20", "2020/21", "2021/22", "2022/23", "2023/24"
};
static const double area_v[NP] = { 128.4, 131.0, 124.9, 119.6, 121.3,
				   NAN, 98.2, 104.5, 108.1, 112.6 };
static const double area_lo[NP] = { 121.5, 124.0, 118.1, 112.9, 114.6,
				    NAN, 92.1, 98.2, 101.7, 106.0 };
static const double area_hi[NP] = { 135.6, 138.3, 131.9, 126.6, 128.3,
				    NAN, 104.6, 111.1, 114.8, 119.5 };
static const enum stats_cmp area_cmp[NP] = {
	CMP_WORSE, CMP_WORSE, CMP_WORSE, CMP_SIMILAR, CMP_WORSE,
	CMP_NOT_COMPARED, CMP_BETTER, CMP_SIMILAR, CMP_SIMILAR, CMP_WORSE
};
static const double eng_v[NP] = { 113.5, 112.0, 110.1, 109.2, 108.0,
				  105.4, 91.2, 102.9, 100.5, 102.0 };
static const double reg_v[NP] = { 125.0, 124.1, 121.7, 120.0, 119.2,
				  117.5, 100.3, 110.1, 109.4, 110.8 };
static const double sn_v[NP] = { 119.0, 118.2, 117.9, 114.4, 115.0,
				 112.8, 96.0, 104.1, 105.2, NAN };

static struct chart_series sample_series[4];
static struct trend_chart sample;

static void sample_init(void)
{
	memset(sample_series, 0, sizeof(sample_series));
	sample_series[0].name = "Cheshire West and Chester";
	sample_series[0].is_area = 1;
	sample_series[0].value = area_v;
	sample_series[0].lower = area_lo;
	sample_series[0].upper = area_hi;
	sample_series[0].cmp = area_cmp;
	sample_series[1].name = "England";
	sample_series[1].value = eng_v;
	sample_series[2].name = "North West";
	sample_series[2].value = reg_v;
	sample_series[3].name = "Statistical neighbours";
	sample_series[3].value = sn_v;
	memset(&sample, 0, sizeof(sample));
	sample.title = "Injury admissions fell but stay above England";
	sample.subtitle = "Hospital admissions caused by injuries in children "
			  "aged 0 to 14, crude rate per 10,000, 2014/15 to "
			  "2023/24";
	sample.source = "Source: Hospital Episode Statistics from NHS "
			"England, via OHID Fingertips; extract 4 March 2025. "
			"Compared with England at 95% CI (Byar's method).";
	sample.note = "c = suppressed (fewer than 5 admissions): 2019/20 "
		      "is not shown for Cheshire West and Chester.";
	sample.y_label = "Rate per 10,000";
	sample.nperiods = NP;
	sample.period_labels = periods;
	sample.nseries = 4;
	sample.series = sample_series;
	sample.decimals = 1;
	sample.palette = PALETTE_GOVUK;
	sample.y_from_zero = 1;
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

/* The test's own width estimate, so it can check overlaps exactly as the
 * layout saw them. */
static double measure_est(void *ctx, const char *text, double size, int bold)
{
	(void)ctx;
	return (double)strlen(text) * size * (bold ? 0.66 : 0.60);
}

static int near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b));
}

/* fontconfig 2.14 loses 288 bytes while parsing its configuration, in a
 * thread pango starts, before any of our code runs; nothing we call can
 * free them. LeakSanitizer reads this hook; other builds ignore it. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* ---- nice ticks ---- */

static int is_round_step(double step)
{
	double e = floor(log10(step)), m = step / pow(10.0, e);

	return near(m, 1.0) || near(m, 2.0) || near(m, 5.0);
}

static void check_ticks(double lo, double hi, int max)
{
	double start, step;
	int n;

	assert_int_equal(chart_nice_ticks(lo, hi, max, &start, &step, &n), 0);
	assert_true(n >= 2 && n <= max);
	assert_true(step > 0);
	assert_true(is_round_step(step));
	assert_true(start <= lo + 1e-9 * fabs(lo));
	assert_true(start + (n - 1) * step >= hi - 1e-9 * fabs(hi));
	/* Ticks are multiples of the step. */
	assert_true(near(start / step, round(start / step)));
}

static void test_ticks_0_74(void **state)
{
	double start, step;
	int n;

	(void)state;
	assert_int_equal(chart_nice_ticks(0, 74, 6, &start, &step, &n), 0);
	assert_true(near(start, 0));
	assert_true(near(step, 20));
	assert_int_equal(n, 5);		/* 0, 20, 40, 60, 80 */
}

static void test_ticks_61_83(void **state)
{
	double start, step;
	int n;

	(void)state;
	assert_int_equal(chart_nice_ticks(61, 83, 6, &start, &step, &n), 0);
	assert_true(near(start, 60));
	assert_true(near(step, 5));
	assert_int_equal(n, 6);		/* 60, 65, ..., 85 */
	check_ticks(61, 83, 6);
	check_ticks(61, 83, 3);
	check_ticks(61, 83, 8);
}

static void test_ticks_other_ranges(void **state)
{
	(void)state;
	check_ticks(0.012, 0.087, 6);
	check_ticks(-3.2, 4.7, 5);
	check_ticks(-250, -10, 6);
	check_ticks(98.2, 138.3, 7);
	check_ticks(1234567, 9876543, 6);
	check_ticks(0, 1e-7, 4);
}

static void test_ticks_single_value(void **state)
{
	double start, step;
	int n;

	(void)state;
	check_ticks(42, 42, 6);
	check_ticks(0, 0, 6);
	check_ticks(-7.5, -7.5, 4);
	assert_int_equal(chart_nice_ticks(42, 42, 6, &start, &step, &n), 0);
	assert_true(start < 42 && start + (n - 1) * step > 42);
}

static void test_ticks_bad_input(void **state)
{
	double start, step;
	int n = 99;

	(void)state;
	assert_int_equal(chart_nice_ticks(NAN, NAN, 6, &start, &step, &n),
			 -1);
	assert_int_equal(n, 0);
	assert_int_equal(chart_nice_ticks(0, INFINITY, 6, &start, &step, &n),
			 -1);
	assert_int_equal(chart_nice_ticks(5, 1, 6, &start, &step, &n), -1);
	assert_int_equal(chart_nice_ticks(0, 1, 1, &start, &step, &n), -1);
}

/* ---- the layout ---- */

static void lay(const struct trend_chart *c, struct chart_layout *l)
{
	assert_int_equal(chart_layout_trend(c, CHART_WIDTH_PT,
					     CHART_HEIGHT_PT, measure_est,
					     NULL, l), 0);
}

static void test_range_covers_values(void **state)
{
	struct chart_layout l = CHART_LAYOUT_INIT;
	size_t i, j;
	int zero_tick = 0, k;

	(void)state;
	lay(&sample, &l);
	for (i = 0; i < sample.nseries; i++)
		for (j = 0; j < NP; j++) {
			const struct chart_series *s = &sample.series[i];

			if (isnan(s->value[j]))
				continue;
			assert_true(l.y_min <= s->value[j]);
			assert_true(l.y_max >= s->value[j]);
			if (s->lower && !isnan(s->lower[j]))
				assert_true(l.y_min <= s->lower[j]);
			if (s->upper && !isnan(s->upper[j]))
				assert_true(l.y_max >= s->upper[j]);
		}
	assert_true(near(l.y_min, 0));
	for (k = 0; k < l.nticks; k++)
		if (near(l.tick_start + k * l.tick_step, 0))
			zero_tick = 1;
	assert_true(zero_tick);
	assert_true(near(l.y_max, l.tick_start + (l.nticks - 1) * l.tick_step));
	assert_true(near(chart_layout_ypos(&l, l.y_min), l.plot_bottom));
	assert_true(near(chart_layout_ypos(&l, l.y_max), l.plot_top));
	chart_layout_release(&l);
	assert_null(l.items);
}

static void test_range_cropped(void **state)
{
	struct chart_layout l = CHART_LAYOUT_INIT;

	(void)state;
	sample.y_from_zero = 0;
	lay(&sample, &l);
	assert_true(l.y_min > 0);
	assert_true(l.y_min <= 91.2);	/* England's lowest */
	assert_true(l.y_max >= 138.3);	/* the area's highest upper limit */
	assert_true(l.nticks >= 3);
	chart_layout_release(&l);
}

static void test_x_positions(void **state)
{
	struct chart_layout l = CHART_LAYOUT_INIT;
	size_t i;

	(void)state;
	lay(&sample, &l);
	assert_int_equal(l.nperiods, NP);
	assert_true(l.plot_left < l.period_x[0]);
	for (i = 1; i < NP; i++)
		assert_true(l.period_x[i] > l.period_x[i - 1]);
	assert_true(l.period_x[NP - 1] < l.plot_right);
	assert_true(l.plot_top < l.plot_bottom);
	for (i = 0; i < l.nitems; i++)
		if (l.items[i].op == CHART_OP_MARK &&
		    l.items[i].y < l.plot_bottom) {
			assert_true(l.items[i].x > l.plot_left);
			assert_true(l.items[i].x < l.plot_right);
			assert_true(l.items[i].y >= l.plot_top);
		}
	chart_layout_release(&l);
}

/* Counts the period labels drawn, and checks the latest is one of them. */
static size_t count_period_labels(const struct chart_layout *l,
				  const char *const *labels, size_t n)
{
	size_t i, j, count = 0, latest = 0;

	for (i = 0; i < l->nitems; i++) {
		if (l->items[i].op != CHART_OP_TEXT)
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(l->items[i].text, labels[j]) == 0) {
				count++;
				latest |= j == n - 1;
			}
	}
	assert_true(latest);
	return count;
}

static void test_label_thinning(void **state)
{
	enum { MANY = 40 };
	char names[MANY][16];
	const char *labels[MANY];
	double v[MANY];
	struct chart_series s = { "England", 0, v, NULL, NULL, NULL, NULL };
	struct chart_layout l = CHART_LAYOUT_INIT;
	struct trend_chart c;
	size_t i, drawn;

	(void)state;
	for (i = 0; i < MANY; i++) {
		snprintf(names[i], sizeof(names[i]), "%zu/%02zu", 1985 + i,
			 (86 + i) % 100);
		labels[i] = names[i];
		v[i] = 50 + (double)(i % 7);
	}
	memset(&c, 0, sizeof(c));
	c.title = "Forty years";
	c.nperiods = MANY;
	c.period_labels = labels;
	c.nseries = 1;
	c.series = &s;
	lay(&c, &l);
	assert_true(l.label_every > 1);
	assert_true(l.label_angle > -1);	/* thinned labels stay level */
	drawn = count_period_labels(&l, labels, MANY);
	assert_int_equal(drawn, (MANY + l.label_every - 1) / l.label_every);
	/* Neighbouring labels drawn do not touch. */
	assert_true(l.label_every * (l.period_x[1] - l.period_x[0]) >
		    measure_est(NULL, labels[0], 8.5, 0));
	chart_layout_release(&l);

	/* Ten periods fit, level or turned, every one labelled. */
	lay(&sample, &l);
	assert_int_equal(l.label_every, 1);
	assert_int_equal(count_period_labels(&l, periods, NP), NP);
	chart_layout_release(&l);

	/* Four periods: level. */
	c.nperiods = 4;
	lay(&c, &l);
	assert_int_equal(l.label_every, 1);
	assert_true(near(l.label_angle, 0));
	chart_layout_release(&l);
}

struct box {
	double x0, y0, x1, y1;
};

static struct box text_box(const struct chart_item *it)
{
	struct box b;
	double w = measure_est(NULL, it->text, it->size, it->bold);

	b.x0 = it->x - (it->align == CHART_ALIGN_LEFT ? 0 :
			it->align == CHART_ALIGN_CENTRE ? w / 2 : w);
	b.x1 = b.x0 + w;
	b.y0 = it->y - 0.93 * it->size;
	b.y1 = it->y + 0.24 * it->size;
	return b;
}

/* Level text stays on the page and no two lines of text overlap. */
static void check_no_overlap(const struct trend_chart *c)
{
	struct chart_layout l = CHART_LAYOUT_INIT;
	size_t i, j;
	struct box a, b;

	lay(c, &l);
	for (i = 0; i < l.nitems; i++) {
		if (l.items[i].op != CHART_OP_TEXT ||
		    fabs(l.items[i].angle) > 0)
			continue;
		a = text_box(&l.items[i]);
		assert_true(a.x0 >= 0 && a.x1 <= l.width);
		assert_true(a.y0 >= 0 && a.y1 <= l.height);
		for (j = i + 1; j < l.nitems; j++) {
			if (l.items[j].op != CHART_OP_TEXT ||
			    fabs(l.items[j].angle) > 0)
				continue;
			b = text_box(&l.items[j]);
			if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 &&
			    b.y0 < a.y1)
				fail_msg("'%s' overlaps '%s'", l.items[i].text,
					 l.items[j].text);
		}
	}
	chart_layout_release(&l);
}

static void test_no_overlap(void **state)
{
	static const double close_v[NP] = { 50.0, 50.1, 50.0, 50.2, 50.1,
					    50.0, 50.1, 50.2, 50.0, 50.05 };

	(void)state;
	check_no_overlap(&sample);
	/* Lines ending at the same value: the end labels stack. */
	sample_series[1].value = close_v;
	sample_series[2].value = close_v;
	sample_series[3].value = close_v;
	check_no_overlap(&sample);
	/* A newline in the note starts a line of its own. */
	sample.note = "c = suppressed (fewer than 5).\nx = not collected.";
	check_no_overlap(&sample);
	/* No subtitle, source or note. */
	sample.subtitle = NULL;
	sample.source = NULL;
	sample.note = NULL;
	check_no_overlap(&sample);
}

static void test_no_overlap_many_periods(void **state)
{
	enum { MANY = 30 };
	char names[MANY][32];
	const char *labels[MANY];
	double v[MANY], w[MANY];
	struct chart_series s[2] = {
		{ "Kingston upon Hull, City of", 1, v, NULL, NULL, NULL, NULL },
		{ "England", 0, w, NULL, NULL, NULL, NULL }
	};
	struct trend_chart c;
	size_t i;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.title = "Quarterly";
	c.source = "Source: somewhere.";
	c.nseries = 2;
	c.series = s;
	c.period_labels = labels;
	for (i = 0; i < MANY; i++) {
		snprintf(names[i], sizeof(names[i]), "Q%zu %zu", i % 4 + 1,
			 2017 + i / 4);
		labels[i] = names[i];
		v[i] = 1234.5 + 100 * sin((double)i);
		w[i] = 1300 - (double)i;
	}
	for (c.nperiods = 1; c.nperiods <= MANY; c.nperiods++)
		check_no_overlap(&c);
	/* Long labels, thinned, stay on the page. */
	for (i = 0; i < MANY; i++) {
		snprintf(names[i], sizeof(names[i]), "April %zu to March %zu",
			 1990 + i, 1991 + i);
		labels[i] = names[i];
	}
	for (c.nperiods = 1; c.nperiods <= MANY; c.nperiods += 7)
		check_no_overlap(&c);
}

/* Progress 8 lives either side of zero: the axis covers every value,
 * zero is a tick with its darker line, and every point sits at its value. */
static void test_negative_values(void **state)
{
	static const double p8[NP] = { -0.08, 0.01, -0.06, 0.0, NAN, NAN,
				       0.0, 0.0, -0.03, -0.12 };
	static const double eng[NP] = { -0.04, -0.04, -0.04, -0.04, NAN, NAN,
					-0.04, -0.03, -0.04, -0.03 };
	struct chart_layout l = CHART_LAYOUT_INIT;
	size_t i, zero_line = 0, marks = 0;
	int zero_tick = 0;
	double y0;

	(void)state;
	sample_series[0].value = p8;
	sample_series[0].lower = NULL;
	sample_series[0].upper = NULL;
	sample_series[0].cmp = NULL;
	sample_series[1].value = eng;
	sample.nseries = 2;
	sample.decimals = 2;
	sample.y_from_zero = 0;
	lay(&sample, &l);
	assert_true(l.y_min <= -0.12);
	assert_true(l.y_max >= 0.01);
	y0 = chart_layout_ypos(&l, 0);
	for (i = 0; i < l.nitems; i++) {
		const struct chart_item *it = &l.items[i];

		if (it->op == CHART_OP_TEXT && !strcmp(it->text, "0.00"))
			zero_tick = 1;
		if (it->op == CHART_OP_TEXT)
			assert_null(strstr(it->text, "-0.00"));
		if (it->op == CHART_OP_LINE && it->npts == 2 &&
		    it->stroke == 0x8A8A8A && near(it->pts[1], y0) &&
		    near(it->pts[3], y0))
			zero_line++;
		/* the area's points: dark blue circles at their values */
		if (it->op == CHART_OP_MARK && it->fill == 0x12436D &&
		    it->y < l.plot_bottom) {
			size_t k;

			for (k = 0; k < NP; k++)
				if (near(it->x, l.period_x[k]))
					break;
			assert_true(k < NP);
			assert_true(near(it->y, chart_layout_ypos(&l, p8[k])));
			marks++;
		}
	}
	assert_true(zero_tick);
	assert_int_equal(zero_line, 1);
	assert_int_equal(marks, 8);
	chart_layout_release(&l);
	check_no_overlap(&sample);
}

/* A very long title wraps, a very long area name stays on the page, and
 * nothing overlaps. */
static void test_long_names(void **state)
{
	struct chart_layout l = CHART_LAYOUT_INIT;
	size_t i, title_lines = 0;

	(void)state;
	sample.title = "Hospital admissions caused by unintentional and "
		       "deliberate injuries in children and young people "
		       "aged 0 to 14 years, crude rate per 10,000";
	sample_series[0].name = "Bournemouth, Christchurch and Poole and "
				"every other authority of the South West";
	check_no_overlap(&sample);
	lay(&sample, &l);
	for (i = 0; i < l.nitems; i++)
		if (l.items[i].op == CHART_OP_TEXT && l.items[i].bold &&
		    near(l.items[i].size, 11.0))
			title_lines++;
	assert_true(title_lines >= 2);
	chart_layout_release(&l);
}

static void test_marks_and_colours(void **state)
{
	struct chart_layout l = CHART_LAYOUT_INIT;
	size_t i, j = 0, marks = 0;
	int legend_words = 0;

	(void)state;
	assert_int_equal(chart_cmp_colour(PALETTE_GOVUK, CMP_BETTER),
			 0x00703C);
	assert_int_equal(chart_cmp_colour(PALETTE_GOVUK, CMP_SIMILAR),
			 0xFFDD00);
	assert_int_equal(chart_cmp_colour(PALETTE_GOVUK, CMP_WORSE), 0xD4351C);
	assert_int_equal(chart_cmp_colour(PALETTE_GOVUK, CMP_LOWER), 0x5694CA);
	assert_int_equal(chart_cmp_colour(PALETTE_GOVUK, CMP_HIGHER),
			 0x003078);
	assert_int_equal(chart_cmp_colour(PALETTE_FINGERTIPS, CMP_BETTER),
			 0x92D050);
	assert_int_equal(chart_cmp_colour(PALETTE_FINGERTIPS, CMP_SIMILAR),
			 0xFFC000);
	assert_int_equal(chart_cmp_colour(PALETTE_FINGERTIPS, CMP_WORSE),
			 0xC00000);
	assert_int_equal(chart_cmp_colour(PALETTE_FINGERTIPS,
					  CMP_NOT_COMPARED), 0xC9C9C9);
	/* Shape as well as colour. */
	assert_int_not_equal(chart_cmp_mark(CMP_BETTER),
			     chart_cmp_mark(CMP_SIMILAR));
	assert_int_not_equal(chart_cmp_mark(CMP_WORSE),
			     chart_cmp_mark(CMP_SIMILAR));
	assert_int_not_equal(chart_cmp_mark(CMP_WORSE),
			     chart_cmp_mark(CMP_BETTER));
	assert_int_not_equal(chart_cmp_mark(CMP_NOT_COMPARED),
			     chart_cmp_mark(CMP_SIMILAR));
	assert_int_not_equal(chart_cmp_mark(CMP_HIGHER),
			     chart_cmp_mark(CMP_LOWER));
	/* A direction not tested: its shape, but no significance colour. */
	assert_int_equal(chart_cmp_mark(CMP_HIGHER_UNTESTED),
			 CHART_MARK_TRIANGLE_UP);
	assert_int_equal(chart_cmp_mark(CMP_LOWER_UNTESTED),
			 CHART_MARK_TRIANGLE_DOWN);
	assert_int_equal(chart_cmp_colour(PALETTE_GOVUK, CMP_HIGHER_UNTESTED),
			 chart_cmp_colour(PALETTE_GOVUK, CMP_NOT_COMPARED));
	assert_int_equal(chart_cmp_colour(PALETTE_FINGERTIPS,
					  CMP_LOWER_UNTESTED),
			 chart_cmp_colour(PALETTE_FINGERTIPS,
					  CMP_NOT_COMPARED));

	lay(&sample, &l);
	/* The area's markers, in period order, skipping the gap. */
	for (i = 0; i < l.nitems; i++) {
		const struct chart_item *it = &l.items[i];

		if (it->op == CHART_OP_TEXT &&
		    (!strcmp(it->text, "Better") ||
		     !strcmp(it->text, "Similar") ||
		     !strcmp(it->text, "Worse") ||
		     !strcmp(it->text, "Not compared") ||
		     !strcmp(it->text, "Compared with England:")))
			legend_words++;
		if (it->op != CHART_OP_MARK || fabs(it->size - 3.3) > 1e-9 ||
		    it->y > l.plot_bottom)
			continue;
		while (j < NP && isnan(area_v[j]))
			j++;
		assert_true(j < NP);
		assert_int_equal(it->mark, chart_cmp_mark(area_cmp[j]));
		assert_int_equal(it->fill,
				 chart_cmp_colour(PALETTE_GOVUK, area_cmp[j]));
		assert_true(near(it->x, l.period_x[j]));
		assert_true(near(it->y, chart_layout_ypos(&l, area_v[j])));
		marks++;
		j++;
	}
	assert_int_equal(marks, NP - 1);
	/* "Not compared" is not drawn: its only period has no value. */
	assert_int_equal(legend_words, 4);
	chart_layout_release(&l);
}

/* A count continued by its projection: the estimates solid with filled
 * points, the projection dashed from the last estimate on, with hollow
 * points, a legend entry and words in the text alternative. */
static void test_projection(void **state)
{
	static const char *const yrs[6] = { "2021", "2022", "2023", "2024",
					    "2025", "2026" };
	static const double v[6] = { 61000, 61500, 62100, 62400, 62300,
				     62000 };
	static const unsigned char proj[6] = { 0, 0, 0, 0, 1, 1 };
	struct chart_series s;
	struct trend_chart c;
	struct chart_layout l = CHART_LAYOUT_INIT;
	struct buf b = BUF_INIT;
	const struct chart_item *solid = NULL, *dashed = NULL;
	size_t i, hollow = 0, filled = 0;
	int legend = 0;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.name = "Cheshire West and Chester";
	s.is_area = 1;
	s.value = v;
	s.projected = proj;
	memset(&c, 0, sizeof(c));
	c.title = "Children aged 0 to 17";
	c.nperiods = 6;
	c.period_labels = yrs;
	c.nseries = 1;
	c.series = &s;
	c.palette = PALETTE_GOVUK;
	c.y_from_zero = 1;
	lay(&c, &l);
	for (i = 0; i < l.nitems; i++) {
		const struct chart_item *it = &l.items[i];

		if (it->op == CHART_OP_LINE && it->npts == 6 &&
		    it->stroke == 0x12436D)
			*(it->dash == CHART_DASH_DASHED ? &dashed : &solid) = it;
		if (it->op == CHART_OP_MARK && it->y < l.plot_bottom &&
		    it->x > l.plot_left) {
			if (it->fill == 0xFFFFFF && it->stroke == 0x12436D)
				hollow++;
			else
				filled++;
		}
		if (it->op == CHART_OP_TEXT && !strcmp(it->text, "Projection"))
			legend = 1;
	}
	assert_non_null(solid);
	assert_non_null(dashed);
	for (i = 0; i < 6; i++) {
		/* the solid line stops at the last estimate; the dashed one
		 * starts there */
		assert_int_equal(isnan(solid->pts[2 * i + 1]), i >= 4);
		assert_int_equal(isnan(dashed->pts[2 * i + 1]), i < 3);
		if (i >= 3)
			assert_true(near(dashed->pts[2 * i + 1],
					 chart_layout_ypos(&l, v[i])));
	}
	assert_int_equal(hollow, 2);
	assert_int_equal(filled, 4);
	assert_true(legend);
	chart_describe_trend(&c, &b);
	assert_non_null(strstr(b.buf, "From 2025 the values are projections."));
	assert_non_null(strstr(b.buf, "In 2026, Cheshire West and Chester is "
				      "projected to be 62,000"));
	assert_non_null(strstr(b.buf, "62,300 (projected)"));
	assert_null(strstr(b.buf, "62,400 (projected)"));
	buf_release(&b);
	chart_layout_release(&l);
}

static void test_rejects(void **state)
{
	static const double none[NP] = { NAN, NAN, NAN, NAN, NAN,
					 NAN, NAN, NAN, NAN, NAN };
	struct chart_layout l = CHART_LAYOUT_INIT;
	struct chart_series many[6];

	(void)state;
	sample_series[0].value = none;
	sample_series[1].value = none;
	sample_series[2].value = none;
	sample_series[3].value = none;
	assert_int_equal(chart_layout_trend(&sample, 400, 300, NULL, NULL, &l),
			 -1);
	chart_layout_release(&l);
	sample_init();
	sample_series[1].is_area = 1;
	assert_int_equal(chart_layout_trend(&sample, 400, 300, NULL, NULL, &l),
			 -1);
	chart_layout_release(&l);
	sample_init();
	memcpy(many, sample_series, sizeof(sample_series));
	memcpy(many + 4, sample_series + 1, 2 * sizeof(many[0]));
	sample.series = many;
	sample.nseries = 6;
	assert_int_equal(chart_layout_trend(&sample, 400, 300, NULL, NULL, &l),
			 -1);
	chart_layout_release(&l);
	sample_init();
	assert_int_equal(chart_layout_trend(&sample, 120, 80, NULL, NULL, &l),
			 -1);
	chart_layout_release(&l);
	sample.title = "";
	assert_int_equal(chart_layout_trend(&sample, 400, 300, NULL, NULL, &l),
			 -1);
	chart_layout_release(&l);
	/* Estimated widths (no measure) still give a layout. */
	sample_init();
	assert_int_equal(chart_layout_trend(&sample, 400, 300, NULL, NULL, &l),
			 0);
	assert_true(l.nitems > 0);
	chart_layout_release(&l);
}

static void test_describe(void **state)
{
	static const double big[NP] = { 12345.65, -0.04, NAN, NAN, NAN,
					NAN, NAN, NAN, NAN, 9876.25 };
	struct buf b = BUF_INIT;
	size_t i;

	(void)state;
	chart_describe_trend(&sample, &b);
	assert_non_null(strstr(b.buf, "Injury admissions fell but stay above "
				      "England.\n"));
	assert_non_null(strstr(b.buf, "Line chart, 2014/15 to 2023/24, of "
				      "Cheshire West and Chester, England, "
				      "North West and Statistical neighbours."
				      "\nUnit: Rate per 10,000.\n"));
	assert_non_null(strstr(b.buf, "In 2023/24, Cheshire West and Chester "
				      "was 112.6 (95% confidence interval "
				      "106.0 to 119.5), worse than England "
				      "(102.0)."));
	assert_non_null(strstr(b.buf, "fell from 128.4 in 2014/15 to 112.6 "
				      "in 2023/24 (up from 108.1 in "
				      "2022/23)."));
	assert_non_null(strstr(b.buf, "Compared with England, Cheshire West "
				      "and Chester was better in 1 period, "
				      "similar in 3 periods and worse in 5 "
				      "periods.\n"));
	assert_non_null(strstr(b.buf, "2019/20: Cheshire West and Chester no "
				      "value; England 105.4;"));
	for (i = 0; i < NP; i++)
		assert_non_null(strstr(b.buf, periods[i]));
	assert_non_null(strstr(b.buf, sample.source));
	buf_release(&b);

	/* Thousands separators, no "-0.0", half away from zero. */
	sample_series[1].value = big;
	sample.nseries = 2;
	chart_describe_trend(&sample, &b);
	assert_non_null(strstr(b.buf, "2014/15: Cheshire West and Chester "
				      "128.4 (121.5 to 135.6), worse than "
				      "England; England 12,345.7."));
	assert_non_null(strstr(b.buf, "England 0.0."));
	assert_null(strstr(b.buf, "-0.0"));
	assert_non_null(strstr(b.buf, "England 9,876.3."));
	buf_release(&b);
}

/* ---- rendering ---- */

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p = NULL;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	p = xmalloc((size_t)n + 1);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	p[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return p;
}

static int contains(const unsigned char *p, size_t len, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(p + i, s, n) == 0)
			return 1;
	return 0;
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

/* Renders c twice into dir as name, checks the bytes match and returns
 * them. */
static unsigned char *render_twice(const struct trend_chart *c,
				   enum chart_format f, const char *dir,
				   const char *name, size_t *len)
{
	char a[512], b[512];
	unsigned char *pa, *pb;
	size_t la, lb;

	snprintf(a, sizeof(a), "%s/1-%s", dir, name);
	snprintf(b, sizeof(b), "%s/2-%s", dir, name);
	assert_int_equal(chart_render_trend(c, f, a), 0);
	assert_int_equal(chart_render_trend(c, f, b), 0);
	pa = slurp(a, &la);
	pb = slurp(b, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(pa, pb, la);
	free(pb);
	assert_int_equal(unlink(a), 0);
	assert_int_equal(unlink(b), 0);
	*len = la;
	return pa;
}

static void test_render(void **state)
{
	char dir[] = "/tmp/jsna-chart-XXXXXX", bad[600];
	unsigned char *p;
	size_t len;
	const char *title, *root;

	(void)state;
	assert_non_null(mkdtemp(dir));

	p = render_twice(&sample, CHART_PNG, dir, "c.png", &len);
	assert_true(len > 33 + 21);
	assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
	assert_memory_equal(p + 12, "IHDR", 4);
	assert_int_equal(be32(p + 16), 1890);
	assert_int_equal(be32(p + 20), 1181);
	/* pHYs right after IHDR: 11811 px/m both ways, unit metre. */
	assert_int_equal(be32(p + 33), 9);
	assert_memory_equal(p + 37, "pHYs", 4);
	assert_int_equal(be32(p + 41), 11811);
	assert_int_equal(be32(p + 45), 11811);
	assert_int_equal(p[49], 1);
	assert_int_equal(be32(p + 50), 0x78A53F76UL);	/* its CRC-32 */
	free(p);

	p = render_twice(&sample, CHART_SVG, dir, "c.svg", &len);
	root = strstr((char *)p, "<svg");
	assert_non_null(root);
	title = strstr(root, "<title>Injury admissions fell but stay above "
			     "England</title>");
	assert_non_null(title);
	/* <title> is the root's first child, <desc> the second. */
	assert_ptr_equal(title, strchr(root, '>') + 2);
	assert_non_null(strstr(title, "</title>\n<desc>Injury admissions"));
	assert_non_null(strstr((char *)p, "Byar&#39;s method") ||
			strstr((char *)p, "Byar&apos;s method"));
	free(p);

	sample.palette = PALETTE_FINGERTIPS;
	p = render_twice(&sample, CHART_PDF, dir, "c.pdf", &len);
	assert_memory_equal(p, "%PDF", 4);
	assert_false(contains(p, len, "/CreationDate"));
	free(p);

	snprintf(bad, sizeof(bad), "%s/no/such/dir.png", dir);
	assert_int_equal(chart_render_trend(&sample, CHART_PNG, bad), -1);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_ticks_0_74, setup),
		cmocka_unit_test_setup(test_ticks_61_83, setup),
		cmocka_unit_test_setup(test_ticks_other_ranges, setup),
		cmocka_unit_test_setup(test_ticks_single_value, setup),
		cmocka_unit_test_setup(test_ticks_bad_input, setup),
		cmocka_unit_test_setup(test_range_covers_values, setup),
		cmocka_unit_test_setup(test_range_cropped, setup),
		cmocka_unit_test_setup(test_x_positions, setup),
		cmocka_unit_test_setup(test_label_thinning, setup),
		cmocka_unit_test_setup(test_no_overlap, setup),
		cmocka_unit_test_setup(test_no_overlap_many_periods, setup),
		cmocka_unit_test_setup(test_marks_and_colours, setup),
		cmocka_unit_test_setup(test_projection, setup),
		cmocka_unit_test_setup(test_negative_values, setup),
		cmocka_unit_test_setup(test_long_names, setup),
		cmocka_unit_test_setup(test_rejects, setup),
		cmocka_unit_test_setup(test_describe, setup),
		cmocka_unit_test_setup(test_render, setup),
	};

	jsna_init("test_layout");
	return cmocka_run_group_tests(tests, NULL, group_teardown);
}
