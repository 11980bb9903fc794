/* test_layout_compare.c - the compare-areas bar chart: bar geometry and
 * order, missing and negative values, long names, the text alternative,
 * and the three renderers. */
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

/* Given out of order on purpose: the layout sorts. */
static struct compare_bar bars[7];
static struct compare_chart chart;

static void sample_init(void)
{
	static const struct compare_bar init[7] = {
		{ "Warrington", 2.0, 0.9, 3.9, CMP_LOWER, 0, 0, NULL },
		{ "Cheshire West and Chester", 74.2, 67.8, 81.0, CMP_HIGHER,
		  1, 0, NULL },
		{ "England", 65.4, 65.0, 65.9, CMP_NOT_COMPARED, 0, 1, NULL },
		{ "Halton", 132.3, 119.1, 146.6, CMP_HIGHER, 0, 0, NULL },
		{ "North West", 87.6, 86.1, 89.0, CMP_HIGHER, 0, 1, NULL },
		{ "Bristol, City of", 76.2, 70.7, 82.2, CMP_SIMILAR, 0, 0,
		  NULL },
		{ "Aardvark", 76.2, NAN, NAN, CMP_SIMILAR, 0, 0, NULL },
	};

	memcpy(bars, init, sizeof(bars));
	memset(&chart, 0, sizeof(chart));
	chart.title = "Children in care per 10,000 children aged under 18";
	chart.subtitle = "Rate per 10,000 children aged under 18, 2025: "
			 "Cheshire West and Chester, its statistical "
			 "neighbours, North West (region) and England";
	chart.source = "Source: DfE, Children looked after in England.";
	chart.nbars = 7;
	chart.bars = bars;
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

static void lay(struct chart_layout *l)
{
	*l = (struct chart_layout)CHART_LAYOUT_INIT;
	assert_int_equal(chart_layout_compare(&chart, W, H, measure_est, NULL,
					      l), 0);
}

/* The bars (RECT items that are not legend swatches: those sit below the
 * plot), top to bottom, into r[]; returns how many. */
static size_t bar_rects(const struct chart_layout *l,
			const struct chart_item **r, size_t max)
{
	size_t i, n = 0, j;
	const struct chart_item *t;

	for (i = 0; i < l->nitems && n < max; i++)
		if (l->items[i].op == CHART_OP_RECT &&
		    l->items[i].y < l->plot_bottom)
			r[n++] = &l->items[i];
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && r[j]->y < r[j - 1]->y; j--) {
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

static void test_from_zero_proportional(void **state)
{
	struct chart_layout l;
	const struct chart_item *r[16];
	size_t n, i, idx[COMPARE_MAX_BARS];
	double x0, k;

	(void)state;
	lay(&l);
	assert_true(fabs(l.y_min) < 1e-12);
	x0 = chart_layout_xpos(&l, 0);
	assert_true(fabs(x0 - l.plot_left) < 1e-9);
	n = bar_rects(&l, r, 16);
	assert_int_equal(n, 7);
	chart_compare_order(&chart, idx);
	k = r[0]->w / bars[idx[0]].value;
	for (i = 0; i < n; i++) {
		assert_true(fabs(r[i]->x - x0) < 1e-9);
		assert_true(fabs(r[i]->w - k * bars[idx[i]].value) < 1e-6);
		assert_true(r[i]->w > 0);
	}
	/* Round ticks from zero. */
	assert_true(fabs(l.tick_start) < 1e-12);
	assert_true(l.nticks >= 2);
	chart_layout_release(&l);
}

static void test_order(void **state)
{
	static const char *const want[7] = {
		"England", "North West", "Halton", "Aardvark",
		"Bristol, City of", "Cheshire West and Chester", "Warrington"
	};
	struct chart_layout l;
	const struct chart_item *r[16], *t;
	size_t idx[COMPARE_MAX_BARS], i, n;

	(void)state;
	chart_compare_order(&chart, idx);
	for (i = 0; i < 7; i++)
		assert_string_equal(bars[idx[i]].name, want[i]);
	lay(&l);
	n = bar_rects(&l, r, 16);
	assert_int_equal(n, 7);
	for (i = 0; i < n; i++) {
		/* each name on its bar's row */
		t = find_text(&l, want[i]);
		assert_non_null(t);
		assert_true(t->y > r[i]->y && t->y < r[i]->y + r[i]->h + 4);
	}
	/* England grey; the others by comparison; the area outlined dark. */
	assert_int_equal(r[0]->fill, COMPARE_GREY);
	assert_int_equal(r[1]->fill,
			 chart_cmp_colour(PALETTE_GOVUK, CMP_HIGHER));
	assert_int_equal(r[6]->fill,
			 chart_cmp_colour(PALETTE_GOVUK, CMP_LOWER));
	assert_int_equal(r[4]->fill,
			 chart_cmp_colour(PALETTE_GOVUK, CMP_SIMILAR));
	assert_true(r[5]->width > r[4]->width);
	chart_layout_release(&l);
}

static void test_area_bold(void **state)
{
	struct chart_layout l;
	const struct chart_item *t;

	(void)state;
	lay(&l);
	t = find_text(&l, "Cheshire West and Chester");
	assert_non_null(t);
	assert_int_equal(t->bold, 1);
	assert_int_equal(find_text(&l, "Halton")->bold, 0);
	assert_int_equal(find_text(&l, "England")->bold, 0);
	/* The legend says what the colours are, in words. */
	assert_non_null(find_text(&l, "Area compared to England:"));
	assert_non_null(find_text(&l, "Higher"));
	assert_non_null(find_text(&l, "Lower"));
	assert_non_null(find_text(&l, "Similar"));
	assert_null(find_text(&l, "Worse"));
	chart_layout_release(&l);
}

static void test_missing(void **state)
{
	struct chart_layout l;
	const struct chart_item *r[16], *t;

	(void)state;
	bars[3].value = NAN;	/* Halton */
	bars[5].value = NAN;	/* Bristol: withheld */
	bars[5].note = "c";
	lay(&l);
	assert_int_equal(bar_rects(&l, r, 16), 5);
	t = find_text(&l, "no data");
	assert_non_null(t);
	assert_true(t->x >= chart_layout_xpos(&l, 0));
	assert_non_null(find_text(&l, "withheld"));
	chart_layout_release(&l);
}

static void test_negative(void **state)
{
	struct chart_layout l;
	const struct chart_item *r[16];
	size_t i, n, idx[COMPARE_MAX_BARS];
	double x0;

	(void)state;
	for (i = 0; i < 7; i++) {
		bars[i].value = -bars[i].value / 100;
		bars[i].lower = bars[i].upper = NAN;
	}
	lay(&l);
	assert_true(fabs(l.y_max) < 1e-12);
	x0 = chart_layout_xpos(&l, 0);
	assert_true(fabs(x0 - l.plot_right) < 1e-9);
	n = bar_rects(&l, r, 16);
	assert_int_equal(n, 7);
	chart_compare_order(&chart, idx);
	for (i = 0; i < n; i++) {
		/* grows left from the zero line */
		assert_true(fabs(r[i]->x + r[i]->w - x0) < 1e-9);
		assert_true(fabs(r[i]->x - chart_layout_xpos(&l,
				 bars[idx[i]].value)) < 1e-9);
	}
	/* Sorted by value descending: the least negative first. */
	assert_string_equal(bars[idx[2]].name, "Warrington");
	for (i = 0; i < l.nitems; i++)
		if (l.items[i].op == CHART_OP_TEXT)
			assert_true(l.items[i].x >= 0);
	chart_layout_release(&l);
}

static void test_single(void **state)
{
	struct chart_layout l;
	const struct chart_item *r[4];
	struct buf b = BUF_INIT;

	(void)state;
	chart.bars = &bars[1];
	chart.nbars = 1;
	lay(&l);
	assert_int_equal(bar_rects(&l, r, 4), 1);
	assert_true(r[0]->w > 0.5 * (l.plot_right - l.plot_left));
	assert_true(r[0]->y + r[0]->h <= l.plot_bottom);
	chart_layout_release(&l);
	chart_describe_compare(&chart, &b);
	assert_non_null(strstr(b.buf, "Bar chart of 1 area,"));
	buf_release(&b);
}

static void test_long_name(void **state)
{
	struct chart_layout l;
	size_t i;
	double right;
	const struct chart_item *it;

	(void)state;
	bars[1].name = "The Royal Borough of Windsor and Maidenhead, with a "
		       "name far longer than any real local authority's, "
		       "which must not push the chart off the page";
	lay(&l);
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
		assert_true(right <= W + 1e-9);
		assert_true(it->x >= 0);
	}
	/* cut with an ellipsis, still bold */
	for (i = 0; i < l.nitems; i++)
		if (l.items[i].op == CHART_OP_TEXT &&
		    !strncmp(l.items[i].text, "The Royal Borough", 17)) {
			assert_non_null(strstr(l.items[i].text,
					       "\xE2\x80\xA6"));
			assert_int_equal(l.items[i].bold, 1);
			break;
		}
	assert_true(i < l.nitems);
	chart_layout_release(&l);
}

static void test_rejects(void **state)
{
	struct chart_layout l = CHART_LAYOUT_INIT;

	(void)state;
	chart.nbars = 0;
	assert_int_equal(chart_layout_compare(&chart, W, H, NULL, NULL, &l),
			 -1);
	chart_layout_release(&l);
	chart.nbars = 7;
	bars[2].is_area = 1;	/* two areas */
	assert_int_equal(chart_layout_compare(&chart, W, H, NULL, NULL, &l),
			 -1);
	chart_layout_release(&l);
	bars[2].is_area = 0;
	assert_int_equal(chart_layout_compare(&chart, W, 60, NULL, NULL, &l),
			 -1);
	chart_layout_release(&l);
}

static void test_describe(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	bars[3].value = NAN;
	chart_describe_compare(&chart, &b);
	assert_non_null(strstr(b.buf, "England: 65.4 (95% confidence "
				      "interval 65.0 to 65.9), the "
				      "benchmark.\n"));
	assert_non_null(strstr(b.buf, "Cheshire West and Chester (the area): "
				      "74.2 (95% confidence interval 67.8 to "
				      "81.0), higher than England.\n"));
	assert_non_null(strstr(b.buf, "Bristol, City of: 76.2 (95% "
				      "confidence interval 70.7 to 82.2), "
				      "similar to England.\n"));
	assert_non_null(strstr(b.buf, "Halton: no data.\n"));
	/* England, the region, then by value */
	assert_true(strstr(b.buf, "North West:") < strstr(b.buf, "Aardvark:"));
	assert_true(strstr(b.buf, "Aardvark:") < strstr(b.buf, "Bristol"));
	buf_release(&b);
}

/* The locality chart's options: the authority pinned as the comparator,
 * the rest lowest first (low is good), "c" for a withheld bar, the
 * legend's words. */
static void test_locality_options(void **state)
{
	static const char *const want[7] = {
		"England", "North West", "Warrington",
		"Cheshire West and Chester", "Aardvark", "Halton",
		"Bristol, City of"
	};
	struct chart_layout l;
	const struct chart_item *r[16], *t;
	struct buf b = BUF_INIT;
	size_t idx[COMPARE_MAX_BARS], i;

	(void)state;
	chart.compared = "Locality";
	chart.withheld = "c";
	chart.ascending = 1;
	bars[5].value = NAN;	/* Bristol: withheld, so last */
	bars[5].note = "c";
	chart_compare_order(&chart, idx);
	for (i = 0; i < 7; i++)
		assert_string_equal(bars[idx[i]].name, want[i]);
	lay(&l);
	assert_int_equal(bar_rects(&l, r, 16), 6);
	/* Each bar's row from the top: Warrington's the shortest first. */
	assert_true(r[2]->w < r[3]->w && r[3]->w < r[4]->w &&
		    r[4]->w <= r[5]->w);
	assert_non_null(find_text(&l, "Locality compared to England:"));
	assert_null(find_text(&l, "Area compared to England:"));
	t = find_text(&l, "c");
	assert_non_null(t);
	assert_true(t->y > r[5]->y + r[5]->h);
	assert_null(find_text(&l, "withheld"));
	chart_layout_release(&l);
	chart_describe_compare(&chart, &b);
	assert_non_null(strstr(b.buf, "then by value from lowest to highest"));
	assert_non_null(strstr(b.buf, "\nBristol, City of: withheld (c).\n"));
	buf_release(&b);
}

static void test_render(void **state)
{
	char dir[] = "/tmp/jsna-compare-XXXXXX", path[600];
	static const enum chart_format f[3] = { CHART_PNG, CHART_SVG,
						CHART_PDF };
	static const char *const ext[3] = { "png", "svg", "pdf" };
	unsigned char *p, *q;
	size_t len, len2, i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/c.%s", dir, ext[i]);
		assert_int_equal(chart_render_compare(&chart, f[i], path), 0);
		p = slurp(path, &len);
		assert_int_equal(chart_render_compare(&chart, f[i], path), 0);
		q = slurp(path, &len2);
		assert_int_equal(len, len2);
		assert_memory_equal(p, q, len);	/* the same bytes */
		if (f[i] == CHART_PNG)
			assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
		if (f[i] == CHART_PDF)
			assert_memory_equal(p, "%PDF", 4);
		if (f[i] == CHART_SVG) {
			assert_non_null(strstr((char *)p, "<title>Children "
					"in care per 10,000 children aged "
					"under 18</title>\n<desc>"));
			/* the England bar: grey #B1B4B6 */
			assert_non_null(strstr((char *)p,
				"fill:rgb(69.411765%,70.588235%,71.372549%)"));
		}
		free(p);
		free(q);
	}
	assert_int_equal(tmpdir_remove(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_from_zero_proportional, setup),
		cmocka_unit_test_setup(test_order, setup),
		cmocka_unit_test_setup(test_area_bold, setup),
		cmocka_unit_test_setup(test_missing, setup),
		cmocka_unit_test_setup(test_negative, setup),
		cmocka_unit_test_setup(test_single, setup),
		cmocka_unit_test_setup(test_long_name, setup),
		cmocka_unit_test_setup(test_rejects, setup),
		cmocka_unit_test_setup(test_describe, setup),
		cmocka_unit_test_setup(test_locality_options, setup),
		cmocka_unit_test_setup(test_render, setup),
	};

	jsna_init("test_layout_compare");
	return cmocka_run_group_tests(tests, NULL, group_teardown);
}
