/* test_layout_pyramid.c - the population pyramid: the halves and their
 * scale, band order, the mirrored ticks, the comparator's outline, missing
 * values, thinned age labels, palettes, the text alternative, and the
 * three renderers. */
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
#define NB 18

#define MALE_GOVUK 0x57AEF8UL
#define FEMALE_GOVUK 0x5352BEUL
#define MALE_CLASSIC 0x5555E6UL
#define FEMALE_CLASSIC 0xC2CCFFUL

static char labels_buf[PYRAMID_MAX_BANDS + 1][8];
static const char *labels[PYRAMID_MAX_BANDS + 1];
static double male[PYRAMID_MAX_BANDS + 1], female[PYRAMID_MAX_BANDS + 1];
static double cmale[PYRAMID_MAX_BANDS + 1], cfemale[PYRAMID_MAX_BANDS + 1];
static struct pyramid_chart chart;

/* About 5.5% of the children in each single year, a few more boys than
 * girls; England a little younger. Band 0 holds values exact in binary
 * that round half away from zero at one decimal. */
static void sample_init(size_t n)
{
	size_t i;

	for (i = 0; i <= PYRAMID_MAX_BANDS; i++) {
		snprintf(labels_buf[i], sizeof(labels_buf[i]), "%zu", i);
		labels[i] = labels_buf[i];
		male[i] = 2.60 + 0.03 * (double)i - 0.0012 * (double)(i * i);
		female[i] = male[i] - 0.12 - 0.002 * (double)i;
		cmale[i] = male[i] + 0.12 - 0.012 * (double)i;
		cfemale[i] = female[i] + 0.10 - 0.010 * (double)i;
	}
	male[0] = 2.25;
	female[0] = 2.125;
	cmale[0] = 2.75;
	cfemale[0] = 2.625;
	memset(&chart, 0, sizeof(chart));
	chart.title = "Fewer young children than in England";
	chart.subtitle = "Percentage of children aged 0 to 17 by single year "
			 "of age and sex, mid-2023: Cheshire West and Chester "
			 "and England";
	chart.source = "Source: ONS, mid-year population estimates.";
	chart.note = "No bar: no value for that age.";
	chart.area_name = "Cheshire West and Chester";
	chart.comparator_name = "England";
	chart.nbands = n;
	chart.band_labels = labels;
	chart.male = male;
	chart.female = female;
	chart.cmp_male = cmale;
	chart.cmp_female = cfemale;
	chart.decimals = 1;
	chart.palette = PALETTE_GOVUK;
}

static int setup(void **state)
{
	(void)state;
	sample_init(NB);
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
	assert_int_equal(chart_layout_pyramid(&chart, W, H, measure_est, NULL,
					      l), 0);
}

/* The bars of one fill inside the plot (legend swatches sit below it),
 * bottom to top, into r[]; returns how many. */
static size_t bars(const struct chart_layout *l, unsigned long fill,
		   const struct chart_item **r, size_t max)
{
	size_t i, n = 0, j;
	const struct chart_item *t;

	for (i = 0; i < l->nitems && n < max; i++)
		if (l->items[i].op == CHART_OP_RECT &&
		    l->items[i].fill == fill &&
		    l->items[i].y < l->plot_bottom)
			r[n++] = &l->items[i];
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && r[j]->y > r[j - 1]->y; j--) {
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

/* The age label of band text s: centred on the page, inside the plot. */
static const struct chart_item *age_label(const struct chart_layout *l,
					  const char *s)
{
	size_t i;
	const struct chart_item *it;

	for (i = 0; i < l->nitems; i++) {
		it = &l->items[i];
		if (it->op == CHART_OP_TEXT && !strcmp(it->text, s) &&
		    fabs(it->x - W / 2) < 1e-9 && it->y > l->plot_top &&
		    it->y < l->plot_bottom)
			return it;
	}
	return NULL;
}

/* The comparator's outlines: black 1 pt lines inside the plot, of more
 * than two points (the legend's swatch is two points below the plot). */
static size_t outlines(const struct chart_layout *l,
		       const struct chart_item **r, size_t max)
{
	size_t i, j, n = 0;
	const struct chart_item *it;
	int inside;

	for (i = 0; i < l->nitems && n < max; i++) {
		it = &l->items[i];
		if (it->op != CHART_OP_LINE || it->stroke != 0 ||
		    fabs(it->width - 1.0) > 1e-9 || it->npts < 3)
			continue;
		inside = 1;
		for (j = 0; j < it->npts; j++)
			if (isfinite(it->pts[2 * j + 1]) &&
			    it->pts[2 * j + 1] > l->plot_bottom + 1e-9)
				inside = 0;
		if (inside)
			r[n++] = it;
	}
	return n;
}

/* The centre column's edges, from the bars. */
static void column(const struct chart_layout *l, double *cl, double *cr)
{
	const struct chart_item *m[PYRAMID_MAX_BANDS], *f[PYRAMID_MAX_BANDS];

	assert_true(bars(l, MALE_GOVUK, m, PYRAMID_MAX_BANDS) > 0);
	assert_true(bars(l, FEMALE_GOVUK, f, PYRAMID_MAX_BANDS) > 0);
	*cl = m[0]->x + m[0]->w;
	*cr = f[0]->x;
}

static void test_halves_one_scale(void **state)
{
	struct chart_layout l;
	const struct chart_item *m[NB + 1], *f[NB + 1];
	size_t i;
	double cl, cr, k, hi = 0;

	(void)state;
	lay(&l);
	assert_int_equal(bars(&l, MALE_GOVUK, m, NB + 1), NB);
	assert_int_equal(bars(&l, FEMALE_GOVUK, f, NB + 1), NB);
	column(&l, &cl, &cr);
	/* the column is centred and the halves are as wide */
	assert_true(cl < W / 2 && cr > W / 2);
	assert_true(fabs((cl + cr) / 2 - W / 2) < 1e-9);
	assert_true(fabs((cl - l.plot_left) - (l.plot_right - cr)) < 1e-9);
	assert_true(fabs(l.y_min) < 1e-12);
	k = (cl - l.plot_left) / l.y_max;
	for (i = 0; i < NB; i++) {
		hi = fmax(hi, fmax(fmax(male[i], female[i]),
				   fmax(cmale[i], cfemale[i])));
		/* males grow left from the column, females right */
		assert_true(fabs(m[i]->x + m[i]->w - cl) < 1e-9);
		assert_true(fabs(f[i]->x - cr) < 1e-9);
		assert_true(m[i]->x + m[i]->w < W / 2);
		assert_true(f[i]->x > W / 2);
		assert_true(fabs(m[i]->w - k * male[i]) < 0.01);
		assert_true(fabs(f[i]->w - k * female[i]) < 0.01);
		assert_true(m[i]->x >= l.plot_left - 1e-9);
		assert_true(f[i]->x + f[i]->w <= l.plot_right + 1e-9);
		/* thin white edges part the bars */
		assert_int_equal(m[i]->stroke, 0xFFFFFFUL);
		assert_true(m[i]->width > 0 && m[i]->width <= 0.75);
	}
	assert_true(l.y_max >= hi);
	chart_layout_release(&l);
}

static void test_youngest_lowest(void **state)
{
	struct chart_layout l;
	const struct chart_item *m[NB + 1], *t0, *t17;
	size_t i;
	double rh, cl, cr, k;

	(void)state;
	lay(&l);
	assert_int_equal(bars(&l, MALE_GOVUK, m, NB + 1), NB);
	column(&l, &cl, &cr);
	k = (cl - l.plot_left) / l.y_max;
	rh = (l.plot_bottom - l.plot_top) / NB;
	for (i = 0; i < NB; i++) {
		/* bottom to top: band 0, band 1, ... */
		assert_true(fabs(m[i]->w - k * male[i]) < 0.01);
		assert_true(fabs(m[i]->y + m[i]->h -
				 (l.plot_bottom - i * rh)) < 1e-9);
		/* every band labelled on its row at this size */
		t0 = age_label(&l, labels[i]);
		assert_non_null(t0);
		assert_true(t0->y > m[i]->y && t0->y < m[i]->y + m[i]->h);
	}
	t0 = age_label(&l, "0");
	t17 = age_label(&l, "17");
	assert_true(t0->y > t17->y);
	chart_layout_release(&l);
}

static void test_ticks_mirrored(void **state)
{
	struct chart_layout l;
	const struct chart_item *t[32], *tmp;
	size_t i, j, n = 0, zeros = 0;
	double cl, cr, x0;

	(void)state;
	lay(&l);
	column(&l, &cl, &cr);
	for (i = 0; i < l.nitems && n < 32; i++)
		if (l.items[i].op == CHART_OP_TEXT &&
		    l.items[i].y > l.plot_bottom &&
		    l.items[i].y < l.plot_bottom + 20 &&
		    strchr(l.items[i].text, '%'))
			t[n++] = &l.items[i];
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && t[j]->x < t[j - 1]->x; j--) {
			tmp = t[j];
			t[j] = t[j - 1];
			t[j - 1] = tmp;
		}
	assert_int_equal(n, 2 * (size_t)l.nticks);
	assert_true(l.nticks >= 3);
	for (i = 0; i < n; i++) {
		/* absolute values, mirrored about the centre */
		assert_null(strchr(t[i]->text, '-'));
		assert_string_equal(t[i]->text, t[n - 1 - i]->text);
		assert_true(fabs(t[i]->x + t[n - 1 - i]->x - W) < 1e-9);
		assert_int_equal(t[i]->align, CHART_ALIGN_CENTRE);
		if (!strcmp(t[i]->text, "0%"))
			zeros++;
	}
	/* 0 at both edges of the column, the maximum at the outer ends */
	assert_int_equal(zeros, 2);
	assert_string_equal(t[n / 2 - 1]->text, "0%");
	assert_true(fabs(t[n / 2 - 1]->x - cl) < 1e-9);
	assert_true(fabs(t[n / 2]->x - cr) < 1e-9);
	assert_true(fabs(t[0]->x - l.plot_left) < 1e-9);
	assert_true(fabs(l.tick_start) < 1e-12);
	x0 = strtod(t[0]->text, NULL);
	assert_true(fabs(x0 - l.y_max) < 1e-9);
	assert_true(l.y_max >= 2.6 && l.y_max <= 5);
	/* the outer tick inside the page */
	assert_true(t[0]->x - measure_est(NULL, t[0]->text, t[0]->size, 0) / 2
		    >= 0);
	chart_layout_release(&l);
}

/* 1 when line it has consecutive points (x, y0) and (x, y1). */
static int has_upright(const struct chart_item *it, double x, double y0,
		       double y1)
{
	size_t j;

	for (j = 0; j + 1 < it->npts; j++)
		if (fabs(it->pts[2 * j] - x) < 0.01 &&
		    fabs(it->pts[2 * j + 2] - x) < 0.01 &&
		    fabs(it->pts[2 * j + 1] - y0) < 1e-6 &&
		    fabs(it->pts[2 * j + 3] - y1) < 1e-6)
			return 1;
	return 0;
}

static size_t nan_points(const struct chart_item *it)
{
	size_t j, n = 0;

	for (j = 0; j < it->npts; j++)
		if (isnan(it->pts[2 * j]))
			n++;
	return n;
}

static void test_outline(void **state)
{
	struct chart_layout l;
	const struct chart_item *o[4], *lm, *lf;
	size_t i, j;
	double cl, cr, k, rh, yb;

	(void)state;
	lay(&l);
	column(&l, &cl, &cr);
	k = (cl - l.plot_left) / l.y_max;
	rh = (l.plot_bottom - l.plot_top) / NB;
	assert_int_equal(outlines(&l, o, 4), 2);
	lm = o[0]->pts[0] < W / 2 ? o[0] : o[1];
	lf = o[0]->pts[0] < W / 2 ? o[1] : o[0];
	assert_true(lm->pts[0] < W / 2 && lf->pts[0] > W / 2);
	for (i = 0; i < NB; i++) {
		yb = l.plot_bottom - i * rh;
		assert_true(has_upright(lm, cl - k * cmale[i], yb, yb - rh));
		assert_true(has_upright(lf, cr + k * cfemale[i], yb, yb - rh));
	}
	/* unbroken, and each step shares its band edge */
	assert_int_equal(nan_points(lm), 0);
	assert_int_equal(lm->npts, 2 * NB);
	for (j = 1; j + 1 < lm->npts; j += 2)
		assert_true(fabs(lm->pts[2 * j + 1] - lm->pts[2 * j + 3]) <
			    1e-9);
	/* drawn over the bars: after every bar */
	assert_true(lm > &l.items[0]);
	for (i = 0; i < l.nitems; i++)
		if (l.items[i].op == CHART_OP_RECT &&
		    l.items[i].y < l.plot_bottom)
			assert_true(&l.items[i] < lm);
	/* in the legend as a line */
	assert_non_null(find_text(&l, "England"));
	chart_layout_release(&l);

	/* no comparator value for the males: the females' outline only */
	for (i = 0; i < NB; i++)
		cmale[i] = NAN;
	lay(&l);
	assert_int_equal(outlines(&l, o, 4), 1);
	assert_true(o[0]->pts[0] > W / 2);
	assert_non_null(find_text(&l, "England"));
	chart_layout_release(&l);

	/* no comparator: no outline, no legend entry */
	chart.comparator_name = NULL;
	lay(&l);
	assert_int_equal(outlines(&l, o, 4), 0);
	assert_null(find_text(&l, "England"));
	chart_layout_release(&l);
}

static void test_missing(void **state)
{
	struct chart_layout l;
	const struct chart_item *m[NB + 1], *f[NB + 1], *o[4], *lm, *lf, *t;
	struct buf b = BUF_INIT;
	double cl, cr, k, rh, yb, y;
	size_t i, nno = 0;

	(void)state;
	male[3] = NAN;
	cfemale[5] = NAN;
	lay(&l);
	assert_int_equal(bars(&l, MALE_GOVUK, m, NB + 1), NB - 1);
	assert_int_equal(bars(&l, FEMALE_GOVUK, f, NB + 1), NB);
	column(&l, &cl, &cr);
	k = (cl - l.plot_left) / l.y_max;
	rh = (l.plot_bottom - l.plot_top) / NB;
	/* no male bar on band 3's row */
	for (i = 0; i < NB - 1; i++)
		assert_true(fabs(m[i]->y - (l.plot_bottom - 4 * rh)) > 1e-6);
	/* "no value" on the males' side of that row */
	for (i = 0; i < l.nitems; i++) {
		t = &l.items[i];
		if (t->op != CHART_OP_TEXT || strcmp(t->text, "no value"))
			continue;
		nno++;
		assert_true(t->x <= cl);
		assert_true(t->y > l.plot_bottom - 4 * rh &&
			    t->y < l.plot_bottom - 3 * rh);
	}
	assert_int_equal(nno, 1);
	/* the females' outline breaks at band 5, the males' does not */
	assert_int_equal(outlines(&l, o, 4), 2);
	lm = o[0]->pts[0] < W / 2 ? o[0] : o[1];
	lf = o[0]->pts[0] < W / 2 ? o[1] : o[0];
	assert_int_equal(nan_points(lm), 0);
	assert_int_equal(nan_points(lf), 1);
	/* nothing drawn across band 5: no point inside it, no upright
	 * from its bottom edge to its top */
	yb = l.plot_bottom - 5 * rh;
	for (i = 0; i < lf->npts; i++) {
		y = lf->pts[2 * i + 1];
		if (isfinite(y))
			assert_false(y < yb - 1e-6 && y > yb - rh + 1e-6);
		if (i + 1 < lf->npts && isfinite(y) &&
		    isfinite(lf->pts[2 * i + 3]))
			assert_false(fabs(y - yb) < 1e-6 &&
				     fabs(lf->pts[2 * i + 3] - yb + rh) <
					     1e-6);
	}
	assert_true(has_upright(lf, cr + k * cfemale[4], yb + rh, yb));
	assert_true(has_upright(lf, cr + k * cfemale[6], yb - rh,
				yb - 2 * rh));
	chart_layout_release(&l);

	chart_describe_pyramid(&chart, &b);
	assert_non_null(strstr(b.buf, "Age 3: males no value, females "));
	assert_non_null(strstr(b.buf, "(England: males 2.8%, females no "
				      "value).\nAge 6:"));
	buf_release(&b);
}

static void test_thinned_labels(void **state)
{
	struct chart_layout l;
	const struct chart_item *t, *prev = NULL;
	size_t i, n = 0;

	(void)state;
	sample_init(25);
	lay(&l);
	for (i = 0; i < 25; i++) {
		t = age_label(&l, labels[i]);
		if (!t)
			continue;
		n++;
		/* never touching: a label's size apart at least */
		if (prev)
			assert_true(prev->y - t->y >= t->size);
		assert_true(t->size >= 6.5);
		prev = t;
	}
	assert_true(n >= 5 && n < 25);
	assert_non_null(age_label(&l, "0"));
	assert_non_null(age_label(&l, "24"));
	assert_null(age_label(&l, "1"));
	chart_layout_release(&l);

	/* 30 bands, the most allowed, still lay out, first and last kept */
	sample_init(PYRAMID_MAX_BANDS);
	lay(&l);
	assert_non_null(age_label(&l, "0"));
	assert_non_null(age_label(&l, "29"));
	chart_layout_release(&l);
}

static void test_palettes(void **state)
{
	struct chart_layout l;
	const struct chart_item *r[NB + 1];
	size_t i, sw = 0;

	(void)state;
	lay(&l);
	assert_int_equal(bars(&l, MALE_GOVUK, r, NB + 1), NB);
	assert_int_equal(bars(&l, FEMALE_GOVUK, r, NB + 1), NB);
	assert_int_equal(bars(&l, MALE_CLASSIC, r, NB + 1), 0);
	chart_layout_release(&l);

	chart.palette = PALETTE_FINGERTIPS;
	lay(&l);
	assert_int_equal(bars(&l, MALE_CLASSIC, r, NB + 1), NB);
	assert_int_equal(bars(&l, FEMALE_CLASSIC, r, NB + 1), NB);
	assert_int_equal(bars(&l, MALE_GOVUK, r, NB + 1), 0);
	/* the legend's swatches below the plot, in the same fills */
	for (i = 0; i < l.nitems; i++)
		if (l.items[i].op == CHART_OP_RECT &&
		    l.items[i].y > l.plot_bottom &&
		    (l.items[i].fill == MALE_CLASSIC ||
		     l.items[i].fill == FEMALE_CLASSIC))
			sw++;
	assert_int_equal(sw, 2);
	chart_layout_release(&l);
}

static void test_headings_legend(void **state)
{
	struct chart_layout l;
	const struct chart_item *t, *lm, *lf, *le;
	size_t i, swatch = 0;

	(void)state;
	lay(&l);
	t = find_text(&l, "Males");
	assert_non_null(t);
	assert_true(t->x < W / 2 && t->y < l.plot_top);
	assert_int_equal(t->bold, 1);
	t = find_text(&l, "Females");
	assert_non_null(t);
	assert_true(t->x > W / 2 && t->y < l.plot_top);
	lm = find_text(&l, "Males (Cheshire West and Chester)");
	lf = find_text(&l, "Females (Cheshire West and Chester)");
	le = find_text(&l, "England");
	assert_non_null(lm);
	assert_non_null(lf);
	assert_non_null(le);
	/* at the bottom, in order, above the source and the note */
	assert_true(lm->y > l.plot_bottom + 10);
	assert_true(lm->x < lf->x && fabs(lm->y - lf->y) < 1e-9);
	assert_true(le->y > lf->y + 1e-9 || le->x > lf->x);
	t = find_text(&l, "Source: ONS, mid-year population estimates.");
	assert_non_null(t);
	assert_true(t->y > le->y);
	t = find_text(&l, "No bar: no value for that age.");
	assert_non_null(t);
	assert_true(t->y > le->y && t->y <= H);
	/* England's swatch is a black line */
	for (i = 0; i < l.nitems; i++)
		if (l.items[i].op == CHART_OP_LINE && l.items[i].npts == 2 &&
		    l.items[i].stroke == 0 &&
		    l.items[i].pts[1] > l.plot_bottom &&
		    l.items[i].pts[2] < le->x)
			swatch++;
	assert_int_equal(swatch, 1);
	chart_layout_release(&l);
}

static void test_inside_page(void **state)
{
	struct chart_layout l;
	const struct chart_item *it;
	size_t i;
	double left, w;

	(void)state;
	chart.area_name = "The Royal Borough of Windsor and Maidenhead, with a "
			  "name far longer than any real local authority's";
	labels[NB - 1] = "17 and over, a label too long for the column";
	lay(&l);
	for (i = 0; i < l.nitems; i++) {
		it = &l.items[i];
		if (it->op == CHART_OP_RECT) {
			assert_true(it->x >= 0 && it->x + it->w <= W + 1e-9);
			assert_true(it->y >= 0 && it->y + it->h <= H + 1e-9);
		}
		if (it->op != CHART_OP_TEXT)
			continue;
		w = measure_est(NULL, it->text, it->size, it->bold);
		left = it->align == CHART_ALIGN_LEFT ? it->x :
		       it->align == CHART_ALIGN_CENTRE ? it->x - w / 2 :
							 it->x - w;
		assert_true(left >= 0);
		assert_true(left + w <= W + 1e-9);
		assert_true(it->y > 0 && it->y <= H);
	}
	/* the long label is cut, not the column widened past its share */
	assert_null(age_label(&l, labels[NB - 1]));
	chart_layout_release(&l);
}

static void test_rejects(void **state)
{
	struct chart_layout l = CHART_LAYOUT_INIT;
	size_t i;

	(void)state;
#define REJECT(w, h)							\
	do {								\
		assert_int_equal(chart_layout_pyramid(&chart, w, h, NULL, \
						      NULL, &l), -1);	\
		chart_layout_release(&l);				\
	} while (0)
	chart.title = NULL;
	REJECT(W, H);
	chart.title = "";
	REJECT(W, H);
	chart.title = "A title";
	chart.nbands = 0;
	REJECT(W, H);
	chart.nbands = PYRAMID_MAX_BANDS + 1;
	REJECT(W, H);
	chart.nbands = NB;
	male[4] = -0.1;
	REJECT(W, H);
	male[4] = 2.5;
	cfemale[2] = -1;
	REJECT(W, H);
	cfemale[2] = 2.5;
	male[1] = INFINITY;
	REJECT(W, H);
	male[1] = 2.5;
	chart.male = NULL;
	REJECT(W, H);
	chart.male = male;
	chart.band_labels = NULL;
	REJECT(W, H);
	chart.band_labels = labels;
	labels[7] = NULL;
	REJECT(W, H);
	labels[7] = "7";
	REJECT(W, 90);		/* no room */
	REJECT(100, H);
	/* every value missing (the comparator's do not count) */
	for (i = 0; i < NB; i++)
		male[i] = female[i] = NAN;
	REJECT(W, H);
	female[9] = 2.9;
	assert_int_equal(chart_layout_pyramid(&chart, W, H, NULL, NULL, &l),
			 0);
	assert_true(l.nitems > 0);
	chart_layout_release(&l);
#undef REJECT
}

static void test_describe(void **state)
{
	struct buf b = BUF_INIT;
	char want[64];
	const char *p, *prev;
	size_t i;

	(void)state;
	chart_describe_pyramid(&chart, &b);
	assert_non_null(strstr(b.buf, "Fewer young children than in "
				      "England.\n"));
	assert_non_null(strstr(b.buf, "Population pyramid of the children in "
				      "Cheshire West and Chester by age and "
				      "sex"));
	assert_non_null(strstr(b.buf, "18 age bands shown (0 to 17)"));
	assert_non_null(strstr(b.buf, "with England as a black outline"));
	/* half away from zero: 2.25 -> 2.3, 2.75 -> 2.8 */
	assert_non_null(strstr(b.buf, "\nAge 0: males 2.3%, females 2.1% "
				      "(England: males 2.8%, females "
				      "2.6%).\n"));
	/* every band, youngest first */
	prev = b.buf;
	for (i = 0; i < NB; i++) {
		snprintf(want, sizeof(want), "\nAge %zu: males ", i);
		p = strstr(b.buf, want);
		assert_non_null(p);
		assert_true(p > prev);
		prev = p;
	}
	assert_non_null(strstr(prev, "No bar: no value for that age.\n"
				     "Source: ONS, mid-year population "
				     "estimates.\n"));
	buf_release(&b);

	/* no comparator: no parentheses */
	chart.cmp_female = NULL;
	chart_describe_pyramid(&chart, &b);
	assert_null(strstr(b.buf, "(England"));
	assert_non_null(strstr(b.buf, "\nAge 0: males 2.3%, females 2.1%.\n"));
	buf_release(&b);
}

static void test_render(void **state)
{
	char dir[] = "/tmp/jsna-pyramid-XXXXXX", path[600];
	static const enum chart_format f[3] = { CHART_PNG, CHART_SVG,
						CHART_PDF };
	static const char *const ext[3] = { "png", "svg", "pdf" };
	unsigned char *p, *q;
	size_t len, len2, i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/p.%s", dir, ext[i]);
		assert_int_equal(chart_render_pyramid(&chart, f[i], path), 0);
		p = slurp(path, &len);
		assert_int_equal(chart_render_pyramid(&chart, f[i], path), 0);
		q = slurp(path, &len2);
		assert_int_equal(len, len2);
		assert_memory_equal(p, q, len);	/* the same bytes */
		if (f[i] == CHART_PNG)
			assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
		if (f[i] == CHART_PDF)
			assert_memory_equal(p, "%PDF", 4);
		if (f[i] == CHART_SVG) {
			assert_non_null(strstr((char *)p, "<title>Fewer young "
					"children than in England</title>\n"
					"<desc>"));
			assert_non_null(strstr((char *)p, "Age 17: males "));
			/* the males' bars: #57AEF8 */
			assert_non_null(strstr((char *)p,
				"fill:rgb(34.117647%,68.235294%,97.254902%)"));
		}
		free(p);
		free(q);
	}
	/* a chart the layout rejects writes nothing */
	snprintf(path, sizeof(path), "%s/bad.png", dir);
	chart.nbands = 0;
	assert_int_equal(chart_render_pyramid(&chart, CHART_PNG, path), -1);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(tmpdir_remove(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_halves_one_scale, setup),
		cmocka_unit_test_setup(test_youngest_lowest, setup),
		cmocka_unit_test_setup(test_ticks_mirrored, setup),
		cmocka_unit_test_setup(test_outline, setup),
		cmocka_unit_test_setup(test_missing, setup),
		cmocka_unit_test_setup(test_thinned_labels, setup),
		cmocka_unit_test_setup(test_palettes, setup),
		cmocka_unit_test_setup(test_headings_legend, setup),
		cmocka_unit_test_setup(test_inside_page, setup),
		cmocka_unit_test_setup(test_rejects, setup),
		cmocka_unit_test_setup(test_describe, setup),
		cmocka_unit_test_setup(test_render, setup),
	};

	jsna_init("test_layout_pyramid");
	return cmocka_run_group_tests(tests, NULL, group_teardown);
}
