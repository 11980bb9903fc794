/* layout_pyramid.c - the population pyramid's geometry and its text
 * alternative; see chart.h.
 *
 * Pure, like layout.c, whose builders, legend and wording it shares
 * (layout_int.h). One row per age band, the youngest at the bottom. A
 * narrow column in the middle of the page holds the age labels; the
 * males' bars grow leftwards from its left edge and the females' bars
 * rightwards from its right edge, both on one scale. The comparator is a
 * black stepped outline on each side, drawn over the bars.
 *
 * In the layout, y_min (0) is the value at the column's two edges and
 * y_max the value at both outer ends of the axis, plot_left and
 * plot_right; the ticks, tick_start + i * tick_step, repeat on each side.
 */
#include "jsna/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

#define MALE_GOVUK 0x57AEF8UL	/* FingertipsNext */
#define FEMALE_GOVUK 0x5352BEUL
#define MALE_CLASSIC 0x5555E6UL	/* fingertipscharts */
#define FEMALE_CLASSIC 0xC2CCFFUL
#define BAR_EDGE 0xFFFFFFUL	/* thin white edges part adjacent bars */
#define BAR_EDGE_W 0.5
#define OUTLINE_INK 0x000000UL	/* the comparator */
#define OUTLINE_W 1.0
#define HEAD_SIZE 9.0		/* "Males" and "Females" */
#define COL_PAD 5.0		/* either side of the widest age label */
#define LABEL_DROP 4.0		/* from the axis to the tick labels' top */
#define LABEL_MIN 6.5		/* the smallest age label, in points */
#define LABEL_PITCH 1.1		/* age labels' spacing, times their size */
#define MIN_ROW 2.5		/* a band's height, at the least */
#define MIN_HALF 40.0		/* each half's width, at the least */
#define MAX_LABEL_SHARE 0.2	/* of the page's inner width */
#define NO_VALUE_GAP 3.0

static unsigned long male_fill(enum chart_palette p)
{
	return p == PALETTE_FINGERTIPS ? MALE_CLASSIC : MALE_GOVUK;
}

static unsigned long female_fill(enum chart_palette p)
{
	return p == PALETTE_FINGERTIPS ? FEMALE_CLASSIC : FEMALE_GOVUK;
}

/* 1 when c has a comparator to draw: a name and both sexes' values. */
static int has_cmp(const struct pyramid_chart *c)
{
	return c->comparator_name && c->cmp_male && c->cmp_female;
}

/* Checks n values of one series: NaN (no value), or finite and not
 * negative. Counts the finite ones into *nvalues. */
static int check_values(const struct pyramid_chart *c, const double *v,
			const char *what, size_t *nvalues)
{
	size_t i;

	for (i = 0; i < c->nbands; i++) {
		if (isnan(v[i]))
			continue;
		if (!isfinite(v[i]) || v[i] < 0)
			return error("chart '%s': the %s value at age %s is "
				     "%g, not a percentage", c->title, what,
				     c->band_labels[i], v[i]);
		(*nvalues)++;
	}
	return 0;
}

static int validate(const struct pyramid_chart *c)
{
	size_t i, n = 0, ncmp = 0;

	if (!c->title || !*c->title)
		return error("chart: no title");
	if (!c->nbands || c->nbands > PYRAMID_MAX_BANDS)
		return error("chart '%s': %zu age bands (1 to %d allowed)",
			     c->title, c->nbands, PYRAMID_MAX_BANDS);
	if (!c->band_labels || !c->male || !c->female)
		return error("chart '%s': no age labels or no values",
			     c->title);
	if (c->decimals < 0 || c->decimals > 6)
		return error("chart '%s': %d decimals (0 to 6 allowed)",
			     c->title, c->decimals);
	for (i = 0; i < c->nbands; i++)
		if (!c->band_labels[i])
			return error("chart '%s': age band %zu has no label",
				     c->title, i + 1);
	if (check_values(c, c->male, "male", &n) < 0 ||
	    check_values(c, c->female, "female", &n) < 0)
		return -1;
	if (!n)
		return error("chart '%s': no value at all", c->title);
	if (has_cmp(c) &&
	    (check_values(c, c->cmp_male, "comparator male", &ncmp) < 0 ||
	     check_values(c, c->cmp_female, "comparator female", &ncmp) < 0))
		return -1;
	return 0;
}

/* The largest value drawn, the comparator's included; 0 when all are 0. */
static double data_max(const struct pyramid_chart *c)
{
	double hi = 0;
	size_t i;

	for (i = 0; i < c->nbands; i++) {
		if (isfinite(c->male[i]))
			hi = fmax(hi, c->male[i]);
		if (isfinite(c->female[i]))
			hi = fmax(hi, c->female[i]);
		if (!has_cmp(c))
			continue;
		if (isfinite(c->cmp_male[i]))
			hi = fmax(hi, c->cmp_male[i]);
		if (isfinite(c->cmp_female[i]))
			hi = fmax(hi, c->cmp_female[i]);
	}
	return hi;
}

/* 1 when the comparator has a value to draw. */
static int cmp_drawn(const struct pyramid_chart *c)
{
	size_t i;

	if (!has_cmp(c))
		return 0;
	for (i = 0; i < c->nbands; i++)
		if (isfinite(c->cmp_male[i]) || isfinite(c->cmp_female[i]))
			return 1;
	return 0;
}

/* Round ticks from 0 to at least hi on one half of width w. */
static void place_ticks(struct chart_layout *l, double hi, double w)
{
	if (!(hi > 0))
		hi = 1.0;	/* every value 0: an axis of 0 to 1% */
	lay_set_ticks(l, 0, hi, w, 40.0, 6);
}

/* Tick i's label: its absolute value with a percent sign, "2%". */
static char *tick_label(const struct chart_layout *l, int i)
{
	struct buf b = BUF_INIT;
	char *s = lay_tick_text(l, i);

	buf_adds(&b, s);
	buf_addch(&b, '%');
	free(s);
	return buf_detach(&b, NULL);
}

/* "Males (Cheshire West and Chester)", or "Males" with no area name,
 * cut to fit maxw. */
static char *sex_name(const struct lay_text *t, const char *sex,
		      const char *area, double maxw)
{
	struct buf b = BUF_INIT;
	char *s;

	buf_adds(&b, sex);
	if (area && *area)
		buf_addf(&b, " (%s)", area);
	s = lay_fit_text(t, b.buf, LEGEND_SIZE, 0, maxw);
	buf_release(&b);
	return s;
}

static void legend_build(const struct lay_text *t,
			 const struct pyramid_chart *c, double maxw,
			 struct legend *g)
{
	struct entry *e;

	double markw = maxw - SWATCH_MARK - SWATCH_GAP;

	e = lay_legend_add(g, SW_RECT, sex_name(t, "Males", c->area_name,
						markw));
	e->fill = male_fill(c->palette);
	e->ink = CHART_NONE;
	e = lay_legend_add(g, SW_RECT, sex_name(t, "Females", c->area_name,
						markw));
	e->fill = female_fill(c->palette);
	e->ink = CHART_NONE;
	if (cmp_drawn(c)) {
		e = lay_legend_add(g, SW_LINE,
				   lay_fit_text(t, c->comparator_name,
						LEGEND_SIZE, 0,
						maxw - SWATCH_LINE -
							SWATCH_GAP));
		e->ink = OUTLINE_INK;
		e->width = OUTLINE_W;
		e->dash = CHART_DASH_SOLID;
		e->mark = CHART_MARK_NONE;
	}
	lay_legend_flow(t, g, maxw, 0);
}

/* How many bands apart the age labels stand: 1, 2, 5 or 10 (or more on
 * a page far too short), so that labels of size points on rows rh high
 * never touch. *need: the fewest bands between two labels. */
static size_t label_every(double rh, double size, size_t *need)
{
	static const size_t steps[] = { 1, 2, 5, 10 };
	size_t j;

	*need = (size_t)ceil(LABEL_PITCH * size / rh - 1e-9);
	if (*need < 1)
		*need = 1;
	for (j = 0; j < sizeof(steps) / sizeof(steps[0]); j++)
		if (steps[j] >= *need)
			return steps[j];
	return *need;
}

/* 1 when band i of n carries its label: the youngest and the oldest
 * always, every every-th band from the youngest unless it would crowd
 * the oldest's. */
static int labelled(size_t i, size_t n, size_t every, size_t need)
{
	if (i == 0 || i + 1 == n)
		return 1;
	return i % every == 0 && n - 1 - i >= need;
}

/* One side's comparator outline: up each band at its value, from the
 * band's bottom edge to its top, then across to the next band's value
 * along the edge they share; a band with no value breaks the line. dir is
 * -1 for the males (leftwards from x0), 1 for the females (rightwards). */
static void emit_outline(struct chart_layout *l, const struct pyramid_chart *c,
			 const double *v, double x0, double dir, double k,
			 double rh)
{
	struct chart_item *it;
	size_t i, n = 0;
	double x, y;

	for (i = 0; i < c->nbands && !isfinite(v[i]); i++)
		;
	if (i == c->nbands)
		return;		/* no value on this side: no line */
	it = lay_add_line(l, 2 * c->nbands, OUTLINE_INK, OUTLINE_W,
			  CHART_DASH_SOLID);
	for (i = 0; i < c->nbands; i++) {
		y = l->plot_bottom - i * rh;
		if (!isfinite(v[i])) {
			if (n && isfinite(it->pts[2 * n - 2])) {
				it->pts[2 * n] = NAN;
				it->pts[2 * n + 1] = NAN;
				n++;
			}
			continue;
		}
		x = x0 + dir * v[i] * k;
		it->pts[2 * n] = x;
		it->pts[2 * n + 1] = y;
		it->pts[2 * n + 2] = x;
		it->pts[2 * n + 3] = y - rh;
		n += 2;
	}
	it->npts = n;
}

int chart_layout_pyramid(const struct pyramid_chart *c, double width,
			 double height, chart_measure_fn *measure, void *ctx,
			 struct chart_layout *out)
{
	struct lay_text T = { measure, ctx };
	struct lay_foot foot = { { 0, 0, NULL }, { 0, 0, NULL }, 0 };
	struct legend g = { 0, 0, 0, NULL };
	double inner = width - 2 * MARGIN, top, legend_top;
	double head_base, rh, size, colw = 0, edge = 0, hw = 0, cl, cr, k;
	double hi, y, base, w, mid = width / 2;
	unsigned long mf, ff;
	size_t i, every, need, pass;
	int ret = -1, t;
	char *s;

	memset(out, 0, sizeof(*out));
	out->width = width;
	out->height = height;
	if (validate(c) < 0)
		return -1;
	mf = male_fill(c->palette);
	ff = female_fill(c->palette);

	/* Top: title and subtitle, then the halves' headings. */
	top = lay_titles(out, &T, c->title, c->subtitle, inner);
	head_base = top + 6.0 + ASCENT * HEAD_SIZE;
	out->plot_top = head_base + DESCENT * HEAD_SIZE + 4.0;

	/* Bottom up: the note, the source, the legend, the tick labels. */
	lay_foot_wrap(&T, c->source, c->note, inner, height, &foot);
	legend_build(&T, c, inner, &g);
	legend_top = lay_legend_top(&g, &foot);
	out->plot_bottom = legend_top - 7.0 - LABEL_DROP -
			   (ASCENT + DESCENT) * AXIS_SIZE;

	rh = (out->plot_bottom - out->plot_top) / c->nbands;
	if (rh < MIN_ROW) {
		error("chart '%s': a page of %.0f x %.0f pt leaves no room for "
		      "%zu age bands", c->title, width, height, c->nbands);
		goto out;
	}
	/* Age labels as large as the rows allow, thinned below LABEL_MIN. */
	size = fmin(AXIS_SIZE, fmax(LABEL_MIN, rh / LABEL_PITCH));
	every = label_every(rh, size, &need);

	/* The centre column: the widest label, the heading "Age", and room
	 * for the two "0%" tick labels at its edges. */
	for (i = 0; i < c->nbands; i++)
		colw = fmax(colw, lay_text_width(&T, c->band_labels[i], size,
						 0));
	colw = fmin(colw, MAX_LABEL_SHARE * inner);
	colw = fmax(colw, lay_text_width(&T, "Age", AXIS_SIZE, 0));
	colw = fmax(colw, lay_text_width(&T, "0%", AXIS_SIZE, 0));
	colw += 2 * COL_PAD;

	/* The halves, then room outside them for the last tick's label. */
	hi = data_max(c);
	for (pass = 0; pass < 2; pass++) {
		out->plot_left = MARGIN + edge;
		out->plot_right = width - MARGIN - edge;
		hw = (out->plot_right - out->plot_left - colw) / 2;
		if (hw < MIN_HALF)
			break;
		place_ticks(out, hi, hw);
		s = tick_label(out, out->nticks - 1);
		edge = fmax(edge, lay_text_width(&T, s, AXIS_SIZE, 0) / 2);
		free(s);
	}
	out->plot_left = MARGIN + edge;
	out->plot_right = width - MARGIN - edge;
	hw = (out->plot_right - out->plot_left - colw) / 2;
	if (hw < MIN_HALF) {
		error("chart '%s': a page of %.0f x %.0f pt leaves no room for "
		      "the bars", c->title, width, height);
		goto out;
	}
	cl = out->plot_left + hw;
	cr = out->plot_right - hw;
	k = hw / out->y_max;

	/* Gridlines and tick labels, mirrored. */
	y = out->plot_bottom + LABEL_DROP + ASCENT * AXIS_SIZE;
	for (t = 0; t < out->nticks; t++) {
		w = (out->tick_start + t * out->tick_step) * k;
		if (t > 0) {
			lay_add_segment(out, cl - w, out->plot_top, cl - w,
					out->plot_bottom, GRID, 0.5);
			lay_add_segment(out, cr + w, out->plot_top, cr + w,
					out->plot_bottom, GRID, 0.5);
		}
		lay_add_text(out, tick_label(out, t), cl - w, y, AXIS_SIZE, 0,
			     CHART_ALIGN_CENTRE, INK);
		lay_add_text(out, tick_label(out, t), cr + w, y, AXIS_SIZE, 0,
			     CHART_ALIGN_CENTRE, INK);
	}

	/* Headings over the halves and the column. */
	lay_add_text(out, xstrdup("Males"), (out->plot_left + cl) / 2,
		     head_base, HEAD_SIZE, 1, CHART_ALIGN_CENTRE, INK);
	lay_add_text(out, xstrdup("Age"), mid, head_base, AXIS_SIZE, 0,
		     CHART_ALIGN_CENTRE, INK2);
	lay_add_text(out, xstrdup("Females"), (cr + out->plot_right) / 2,
		     head_base, HEAD_SIZE, 1, CHART_ALIGN_CENTRE, INK);

	/* The bars, youngest at the bottom, and the age labels. */
	for (i = 0; i < c->nbands; i++) {
		y = out->plot_bottom - (i + 1) * rh;
		base = y + rh / 2 + 0.35 * size;
		if (isfinite(c->male[i]) && c->male[i] > 0)
			lay_add_rect(out, cl - c->male[i] * k, y,
				     c->male[i] * k, rh, mf, BAR_EDGE,
				     BAR_EDGE_W);
		else if (!isfinite(c->male[i]))
			lay_add_text(out, xstrdup("no value"),
				     cl - NO_VALUE_GAP, base, size, 0,
				     CHART_ALIGN_RIGHT, INK2);
		if (isfinite(c->female[i]) && c->female[i] > 0)
			lay_add_rect(out, cr, y, c->female[i] * k, rh, ff,
				     BAR_EDGE, BAR_EDGE_W);
		else if (!isfinite(c->female[i]))
			lay_add_text(out, xstrdup("no value"),
				     cr + NO_VALUE_GAP, base, size, 0,
				     CHART_ALIGN_LEFT, INK2);
		if (labelled(i, c->nbands, every, need))
			lay_add_text(out, lay_fit_text(&T, c->band_labels[i],
						       size, 0,
						       colw - 2 * COL_PAD),
				     mid, base, size, 0, CHART_ALIGN_CENTRE,
				     INK);
	}

	/* The comparator over the bars. */
	if (cmp_drawn(c)) {
		emit_outline(out, c, c->cmp_male, cl, -1, k, rh);
		emit_outline(out, c, c->cmp_female, cr, 1, k, rh);
	}

	/* The axis: the column's edges and the baseline of each half. */
	lay_add_segment(out, cl, out->plot_top, cl, out->plot_bottom, AXIS,
			0.75);
	lay_add_segment(out, cr, out->plot_top, cr, out->plot_bottom, AXIS,
			0.75);
	lay_add_segment(out, out->plot_left, out->plot_bottom, cl,
			out->plot_bottom, AXIS, 0.75);
	lay_add_segment(out, cr, out->plot_bottom, out->plot_right,
			out->plot_bottom, AXIS, 0.75);

	lay_legend_emit(out, &g, MARGIN, legend_top);
	lay_foot_emit(out, &foot);
	ret = 0;
out:
	lay_legend_release(&g);
	lay_foot_release(&foot);
	return ret;
}

/* ---- the text alternative ---- */

/* v with a percent sign, or "no value". */
static void add_pct(struct buf *b, double v, int dp)
{
	lay_add_value(b, v, dp);
	if (isfinite(v))
		buf_addch(b, '%');
}

void chart_describe_pyramid(const struct pyramid_chart *c, struct buf *out)
{
	int dp = c->decimals < 0 ? 0 : c->decimals > 6 ? 6 : c->decimals;
	int cmp = has_cmp(c);
	size_t i, n = c->nbands;

	lay_add_sentence(out, c->title ? c->title : "Population pyramid");
	if (c->subtitle && *c->subtitle)
		lay_add_sentence(out, c->subtitle);
	if (!n || n > PYRAMID_MAX_BANDS || !c->band_labels || !c->male ||
	    !c->female)
		return;
	for (i = 0; i < n; i++)
		if (!c->band_labels[i])
			return;
	buf_adds(out, "Population pyramid of the children");
	if (c->area_name && *c->area_name)
		buf_addf(out, " in %s", c->area_name);
	buf_addf(out, " by age and sex: each bar is the percentage of all "
		 "the area's children in the %zu age band%s shown (%s to %s) "
		 "who are of that age and sex, males on the left and females "
		 "on the right, the youngest at the bottom", n,
		 n == 1 ? "" : "s", c->band_labels[0], c->band_labels[n - 1]);
	if (cmp)
		buf_addf(out, ", with %s as a black outline for comparison",
			 c->comparator_name);
	buf_adds(out, ".\n");
	for (i = 0; i < n; i++) {
		buf_addf(out, "Age %s: males ", c->band_labels[i]);
		add_pct(out, c->male[i], dp);
		buf_adds(out, ", females ");
		add_pct(out, c->female[i], dp);
		if (cmp) {
			buf_addf(out, " (%s: males ", c->comparator_name);
			add_pct(out, c->cmp_male[i], dp);
			buf_adds(out, ", females ");
			add_pct(out, c->cmp_female[i], dp);
			buf_addch(out, ')');
		}
		buf_adds(out, ".\n");
	}
	if (c->note && *c->note)
		lay_add_sentence(out, c->note);
	if (c->source && *c->source)
		lay_add_sentence(out, c->source);
}
