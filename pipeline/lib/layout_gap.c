/* layout_gap.c - the gap chart's geometry and its text alternative; see
 * chart.h.
 *
 * Pure, like layout.c, whose builders, legend and wording it shares
 * (layout_int.h). Two panels under one title: on the left the area's two
 * groups over time, each period's gap an upright line between them; on
 * the right the latest period, one dumbbell per area. Both panels read
 * values on one scale: upwards on the left, rightwards on the right.
 */
#include "jsna/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

#define A_INK 0x12436DUL	/* group A: the area's dark blue */
#define B_INK 0xF46A25UL	/* group B: orange (UX.md series colours) */
#define GAP_INK 0x505A5FUL	/* the gap's upright line */
#define LINE_W 2.0
#define PANEL_GAP 16.0
#define LABEL_GAP 4.0
#define LABEL_DROP 5.5
#define ROW_SIZE 7.5		/* names and gaps of the right panel */

static int finite2(double a, double b)
{
	return isfinite(a) && isfinite(b);
}

/* 1 when row a comes before row b among the unpinned rows: by gap,
 * widest first; rows without a gap last; ties by name. */
static int before(const struct gap_row *a, const struct gap_row *b)
{
	int ha = isfinite(a->gap), hb = isfinite(b->gap);

	if (ha != hb)
		return ha;
	if (ha && (a->gap > b->gap || a->gap < b->gap))
		return a->gap > b->gap;
	return strcmp(a->name, b->name) < 0;
}

static int pinned(const struct gap_row *r)
{
	return r->is_area || r->is_benchmark;
}

void chart_gap_order(const struct gap_chart *c, size_t *idx)
{
	size_t i, j, n = 0, t;

	for (i = 0; i < c->nrows; i++)
		if (c->rows[i].is_area)
			idx[n++] = i;
	for (i = 0; i < c->nrows; i++)
		if (!c->rows[i].is_area && c->rows[i].is_benchmark)
			idx[n++] = i;
	for (i = 0; i < c->nrows; i++) {
		if (pinned(&c->rows[i]))
			continue;
		idx[n] = i;
		for (j = n++; j > 0 && !pinned(&c->rows[idx[j - 1]]) &&
			      before(&c->rows[idx[j]], &c->rows[idx[j - 1]]);
		     j--) {
			t = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	}
}

static int validate(const struct gap_chart *c)
{
	size_t i, nvalues = 0, nareas = 0;

	if (!c->title || !*c->title)
		return error("gap chart: no title");
	if (!c->nperiods || !c->period_labels || !c->a || !c->b)
		return error("gap chart '%s': no periods", c->title);
	if (!c->group_a || !c->group_b)
		return error("gap chart '%s': the groups have no names",
			     c->title);
	if (c->nrows > GAP_MAX_ROWS)
		return error("gap chart '%s': %zu rows (at most %d)", c->title,
			     c->nrows, GAP_MAX_ROWS);
	if (c->nrows && !c->rows)
		return error("gap chart '%s': %zu rows said, none given",
			     c->title, c->nrows);
	if (c->decimals < 0 || c->decimals > 6)
		return error("gap chart '%s': %d decimals", c->title,
			     c->decimals);
	for (i = 0; i < c->nperiods; i++) {
		if (!c->period_labels[i])
			return error("gap chart '%s': period %zu has no label",
				     c->title, i + 1);
		nvalues += isfinite(c->a[i]) + isfinite(c->b[i]);
	}
	for (i = 0; i < c->nrows; i++) {
		if (!c->rows[i].name)
			return error("gap chart '%s': row %zu has no name",
				     c->title, i + 1);
		nareas += c->rows[i].is_area;
		nvalues += isfinite(c->rows[i].a) + isfinite(c->rows[i].b);
	}
	if (nareas > 1)
		return error("gap chart '%s': %zu rows are the area", c->title,
			     nareas);
	if (!nvalues)
		return error("gap chart '%s': no values to plot", c->title);
	return 0;
}

/* "16 pts", "-2.5 pp": the gap as printed. */
static char *gap_text(const struct gap_chart *c, double g)
{
	struct buf b = BUF_INIT;

	lay_add_value(&b, g, c->decimals);
	if (c->gap_unit && *c->gap_unit)
		buf_addf(&b, " %s", c->gap_unit);
	return buf_detach(&b, NULL);
}

/* The gap at the right of a row: "16.0 pts", with the outcome in words
 * when it was tested ("16.0 pts, worse"); "c" or "no data" when none. */
static char *row_gap_text(const struct gap_chart *c, const struct gap_row *r)
{
	struct buf b = BUF_INIT;
	char *s;

	if (!isfinite(r->gap))
		return xstrdup(r->note && !strcmp(r->note, "c") ? "c" :
							      "no data");
	s = gap_text(c, r->gap);
	buf_adds(&b, s);
	free(s);
	if (stats_cmp_tested(r->cmp)) {
		buf_adds(&b, ", ");
		lay_add_cmp_lower(&b, r->cmp);
	}
	return buf_detach(&b, NULL);
}

static void legend_build(const struct lay_text *t, const struct gap_chart *c,
			 double maxw, struct legend *g)
{
	struct entry *e;

	e = lay_legend_add(g, SW_LINE, xstrdup(c->group_a));
	e->ink = A_INK;
	e->width = LINE_W;
	e->mark = CHART_MARK_CIRCLE;
	e->point = 1;
	e->fill = A_INK;
	e->ring = 0xFFFFFFUL;
	e = lay_legend_add(g, SW_LINE, xstrdup(c->group_b));
	e->ink = B_INK;
	e->width = LINE_W;
	e->dash = CHART_DASH_DASHED;
	e->mark = CHART_MARK_CIRCLE;
	e->point = 1;
	e->fill = 0xFFFFFFUL;
	e->ring = B_INK;
	e = lay_legend_add(g, SW_TEXT, xstrdup("Upright lines: the gap"));
	lay_legend_flow(t, g, maxw, 0);
}

/* The value range of both panels. */
static void data_range(const struct gap_chart *c, double *lo, double *hi)
{
	size_t i;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (i = 0; i < c->nperiods; i++) {
		if (isfinite(c->a[i])) {
			*lo = fmin(*lo, c->a[i]);
			*hi = fmax(*hi, c->a[i]);
		}
		if (isfinite(c->b[i])) {
			*lo = fmin(*lo, c->b[i]);
			*hi = fmax(*hi, c->b[i]);
		}
	}
	for (i = 0; i < c->nrows; i++) {
		if (isfinite(c->rows[i].a)) {
			*lo = fmin(*lo, c->rows[i].a);
			*hi = fmax(*hi, c->rows[i].a);
		}
		if (isfinite(c->rows[i].b)) {
			*lo = fmin(*lo, c->rows[i].b);
			*hi = fmax(*hi, c->rows[i].b);
		}
	}
}

/* Group B's marker: white, ringed in orange; A's: filled dark blue. */
static void mark_a(struct chart_layout *l, double x, double y)
{
	lay_add_mark(l, CHART_MARK_CIRCLE, x, y, POINT_R, A_INK, 0xFFFFFFUL,
		     0.6);
}

static void mark_b(struct chart_layout *l, double x, double y)
{
	lay_add_mark(l, CHART_MARK_CIRCLE, x, y, POINT_R, 0xFFFFFFUL, B_INK,
		     1.6);
}

/* A label on a white ground, so lines under it do not strike it out. */
static void add_label(struct chart_layout *l, const struct lay_text *t,
		      char *s, double x, double y, double size, int bold,
		      enum chart_align align)
{
	double w = lay_text_width(t, s, size, bold);
	double x0 = align == CHART_ALIGN_LEFT ? x :
		    align == CHART_ALIGN_RIGHT ? x - w : x - w / 2;

	lay_add_rect(l, x0 - 1.0, y - ASCENT * size - 0.5, w + 2.0,
		     (ASCENT + DESCENT) * size + 1.0, 0xFFFFFFUL, CHART_NONE,
		     0);
	lay_add_text(l, s, x, y, size, bold, align, INK);
}

/* The left panel: the area's groups over time. */
static int emit_time(const struct gap_chart *c, const struct lay_text *T,
		     struct chart_layout *l, double left, double right,
		     double top, double bottom)
{
	size_t i, n = c->nperiods, every = 1, first = n, last = n;
	double tickw = 0, labw = 0, gapw = 0, dx, x, ya, yb, y, w;
	struct chart_item *la, *lb;
	int k;
	char *s;

	for (k = 0; k < l->nticks; k++) {
		s = lay_tick_text(l, k);
		tickw = fmax(tickw, lay_text_width(T, s, AXIS_SIZE, 0));
		free(s);
	}
	for (i = 0; i < n; i++) {
		labw = fmax(labw, lay_text_width(T, c->period_labels[i],
						 AXIS_SIZE, 0));
		if (finite2(c->a[i], c->b[i]) && c->gap &&
		    isfinite(c->gap[i])) {
			if (first == n)
				first = i;
			last = i;
		}
	}
	if (last < n) {
		s = gap_text(c, c->gap[last]);
		gapw = lay_text_width(T, s, AXIS_SIZE, 1);
		free(s);
	}
	l->plot_left = left + tickw + 5.0;
	/* The latest gap's label sits right of the last period. */
	l->plot_right = right - fmax(0.0, gapw + LABEL_GAP + 2.0 -
					      (right - l->plot_left) / n / 2);
	l->plot_top = top;
	l->plot_bottom = bottom - LABEL_DROP - (ASCENT + DESCENT) * AXIS_SIZE;
	if (l->plot_right - l->plot_left < 40.0 ||
	    l->plot_bottom - l->plot_top < 30.0)
		return -1;
	dx = (l->plot_right - l->plot_left) / n;
	while (every < n && every * dx < labw + 6.0)
		every++;
	l->nperiods = n;
	l->period_x = xcalloc(n, sizeof(double));
	l->label_every = every;
	for (i = 0; i < n; i++)
		l->period_x[i] = l->plot_left + (i + 0.5) * dx;

	for (k = 0; k < l->nticks; k++) {
		y = chart_layout_ypos(l, l->tick_start + k * l->tick_step);
		lay_add_segment(l, l->plot_left, y, l->plot_right, y, GRID,
				0.5);
		lay_add_text(l, lay_tick_text(l, k), l->plot_left - 5.0,
			     y + 0.35 * AXIS_SIZE, AXIS_SIZE, 0,
			     CHART_ALIGN_RIGHT, INK);
	}
	lay_add_segment(l, l->plot_left, l->plot_bottom, l->plot_right,
			l->plot_bottom, AXIS, 0.75);
	for (i = 0; i < n; i++) {
		if ((n - 1 - i) % every)
			continue;
		x = l->period_x[i];
		lay_add_segment(l, x, l->plot_bottom, x, l->plot_bottom + 3.0,
				AXIS, 0.75);
		lay_add_text(l, xstrdup(c->period_labels[i]), x,
			     l->plot_bottom + LABEL_DROP + ASCENT * AXIS_SIZE,
			     AXIS_SIZE, 0, CHART_ALIGN_CENTRE, INK);
	}

	/* The gaps, then the lines, then the points over them. */
	for (i = 0; i < n; i++)
		if (finite2(c->a[i], c->b[i]))
			lay_add_segment(l, l->period_x[i],
					chart_layout_ypos(l, c->a[i]),
					l->period_x[i],
					chart_layout_ypos(l, c->b[i]),
					GAP_INK, 0.9);
	/* Each line filled before the next is added: adding an item may
	 * move l->items. */
	la = lay_add_line(l, n, A_INK, LINE_W, CHART_DASH_SOLID);
	for (i = 0; i < n; i++) {
		la->pts[2 * i] = l->period_x[i];
		la->pts[2 * i + 1] = isfinite(c->a[i]) ?
			chart_layout_ypos(l, c->a[i]) : NAN;
	}
	lb = lay_add_line(l, n, B_INK, LINE_W, CHART_DASH_DASHED);
	for (i = 0; i < n; i++) {
		lb->pts[2 * i] = l->period_x[i];
		lb->pts[2 * i + 1] = isfinite(c->b[i]) ?
			chart_layout_ypos(l, c->b[i]) : NAN;
	}
	for (i = 0; i < n; i++) {
		if (isfinite(c->a[i]))
			mark_a(l, l->period_x[i], chart_layout_ypos(l, c->a[i]));
		if (isfinite(c->b[i]))
			mark_b(l, l->period_x[i], chart_layout_ypos(l, c->b[i]));
	}
	/* The latest gap labelled beside its line, and the first one too
	 * when its label clears the next period's line. */
	for (k = 0; k < 2 && last < n; k++) {
		i = k ? last : first;
		if (!k) {
			s = gap_text(c, c->gap[i]);
			w = lay_text_width(T, s, AXIS_SIZE, 1);
			free(s);
			if (i == last || LABEL_GAP + 1.0 + w + 2.0 > dx)
				continue;
		}
		ya = chart_layout_ypos(l, c->a[i]);
		yb = chart_layout_ypos(l, c->b[i]);
		add_label(l, T, gap_text(c, c->gap[i]),
			  l->period_x[i] + LABEL_GAP + 1.0,
			  (ya + yb) / 2 + 0.35 * AXIS_SIZE, AXIS_SIZE, 1,
			  CHART_ALIGN_LEFT);
	}
	return 0;
}

/* The right panel: the latest period, one dumbbell per area. The value
 * scale is the left panel's, now along x. */
static int emit_rows(const struct gap_chart *c, const struct lay_text *T,
		     struct chart_layout *l, double left, double right,
		     double top, double bottom)
{
	size_t idx[GAP_MAX_ROWS], i, k, npinned = 0;
	double namew = 0, gapw = 0, rh, size, x0, x1, mid, base, xa, xb, y;
	double w = 0;
	double v0 = l->y_min, v1 = l->y_max;
	struct buf b = BUF_INIT;
	int t, every = 1, tested = 0;
	char *s;

	chart_gap_order(c, idx);
	buf_addf(&b, "Latest period, %s", c->latest_label ? c->latest_label :
			 c->period_labels[c->nperiods - 1]);
	lay_add_text(l, buf_detach(&b, NULL), left, top + ASCENT * SUB_SIZE,
		     SUB_SIZE, 1, CHART_ALIGN_LEFT, INK);
	top += PITCH * SUB_SIZE;
	for (i = 0; i < c->nrows; i++)
		if (isfinite(c->rows[i].gap) && stats_cmp_tested(c->rows[i].cmp))
			tested = 1;
	lay_add_text(l, xstrdup(tested ? "Gap, against England's gap" :
					 "Gap"),
		     right, top + ASCENT * ROW_SIZE, ROW_SIZE, 0,
		     CHART_ALIGN_RIGHT, INK2);
	top += PITCH * ROW_SIZE + 2.0;
	bottom -= LABEL_DROP + (ASCENT + DESCENT) * AXIS_SIZE;
	rh = (bottom - top) / c->nrows;
	size = fmin(ROW_SIZE, 0.8 * rh);
	if (size < 5.0)
		return -1;
	for (i = 0; i < c->nrows; i++) {
		const struct gap_row *r = &c->rows[i];

		namew = fmax(namew, lay_text_width(T, r->name, size,
						   r->is_area));
		s = row_gap_text(c, r);
		gapw = fmax(gapw, lay_text_width(T, s, size, r->is_area));
		free(s);
	}
	namew = fmin(namew, 0.40 * (right - left));
	x0 = left + namew + LABEL_GAP + POINT_R + 1.0;
	x1 = right - gapw - LABEL_GAP - POINT_R - 1.0;
	/* Names give way (cut shorter) before the dumbbells do. */
	if (x1 - x0 < 40.0 && namew > 30.0) {
		namew = fmax(30.0, namew - (40.0 - (x1 - x0)));
		x0 = left + namew + LABEL_GAP + POINT_R + 1.0;
	}
	if (x1 - x0 < 40.0)
		return -1;

	/* Ticks along the bottom, on the left panel's values; on a narrow
	 * plot only every k-th is labelled (the first always), so that no
	 * two labels touch. */
	for (t = 0; t < l->nticks; t++) {
		s = lay_tick_text(l, t);
		w = fmax(w, lay_text_width(T, s, AXIS_SIZE, 0));
		free(s);
	}
	while (every < l->nticks - 1 &&
	       every * (x1 - x0) / (l->nticks - 1) < w + 4.0)
		every++;
	for (t = 0; t < l->nticks; t++) {
		double v = l->tick_start + t * l->tick_step;
		double x = x0 + (v - v0) / (v1 - v0) * (x1 - x0);

		lay_add_segment(l, x, top, x, bottom, GRID, 0.5);
		if (t % every == 0)
			lay_add_text(l, lay_tick_text(l, t), x,
				     bottom + LABEL_DROP + ASCENT * AXIS_SIZE,
				     AXIS_SIZE, 0, CHART_ALIGN_CENTRE, INK);
	}
	lay_add_segment(l, x0, bottom, x1, bottom, AXIS, 0.75);
	for (i = 0; i < c->nrows; i++)
		if (pinned(&c->rows[i]))
			npinned++;
	if (npinned && npinned < c->nrows) {
		y = top + npinned * rh;
		lay_add_segment(l, left, y, right, y, GRID, 0.75);
	}
	for (k = 0; k < c->nrows; k++) {
		const struct gap_row *r = &c->rows[idx[k]];

		mid = top + (k + 0.5) * rh;
		base = mid + 0.35 * size;
		lay_add_text(l, lay_fit_text(T, r->name, size, r->is_area,
					     namew),
			     left, base, size, r->is_area, CHART_ALIGN_LEFT,
			     INK);
		xa = x0 + (r->a - v0) / (v1 - v0) * (x1 - x0);
		xb = x0 + (r->b - v0) / (v1 - v0) * (x1 - x0);
		if (finite2(r->a, r->b))
			lay_add_segment(l, xa, mid, xb, mid, GAP_INK,
					r->is_area ? 1.6 : 0.9);
		if (isfinite(r->a))
			mark_a(l, xa, mid);
		if (isfinite(r->b))
			mark_b(l, xb, mid);
		lay_add_text(l, row_gap_text(c, r), right, base, size,
			     r->is_area, CHART_ALIGN_RIGHT,
			     isfinite(r->gap) ? INK : INK2);
	}
	return 0;
}

int chart_layout_gap(const struct gap_chart *c, double width, double height,
		     chart_measure_fn *measure, void *ctx,
		     struct chart_layout *out)
{
	struct lay_text T = { measure, ctx };
	struct lay_foot foot = { { 0, 0, NULL }, { 0, 0, NULL }, 0 };
	struct legend g = { 0, 0, 0, NULL };
	double inner = width - 2 * MARGIN, top, legend_top, bottom;
	double lo, hi, pad, split;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	out->width = width;
	out->height = height;
	if (validate(c) < 0)
		return -1;

	top = lay_titles(out, &T, c->title, c->subtitle, inner);
	top += 6.0;

	lay_foot_wrap(&T, c->source, c->note, inner, height, &foot);
	legend_build(&T, c, inner, &g);
	legend_top = lay_legend_top(&g, &foot);
	bottom = legend_top - 7.0;

	/* One scale: round ticks over every value, a little room around. */
	data_range(c, &lo, &hi);
	pad = 0.05 * (hi - lo);
	/* Padding never takes the scale below zero for values that are not
	 * (percentages, scores): "-20" on an axis of percentages misleads. */
	lo = lo >= 0 ? fmax(0.0, lo - pad) : lo - pad;
	hi += pad;
	if (hi <= 0 && lo >= 0)	/* all zero: 0 to 1, not -1 to 1 */
		hi = 1.0;
	lay_set_ticks(out, lo, hi, bottom - top, 26.0, 7);

	split = c->nrows ? MARGIN + 0.44 * inner : width - MARGIN;
	if (emit_time(c, &T, out, MARGIN, split, top + 0.6 * AXIS_SIZE,
		      bottom) < 0 ||
	    (c->nrows && emit_rows(c, &T, out, split + PANEL_GAP,
				   width - MARGIN, top, bottom) < 0)) {
		error("chart '%s': a page of %.0f x %.0f pt leaves no room for "
		      "the plot", c->title, width, height);
		goto out;
	}
	lay_legend_emit(out, &g, MARGIN, legend_top);
	lay_foot_emit(out, &foot);
	ret = 0;
out:
	lay_legend_release(&g);
	lay_foot_release(&foot);
	return ret;
}

/* ---- the text alternative ---- */

static void add_pair(struct buf *out, const struct gap_chart *c, double a,
		     double b, double gap, const char *note)
{
	char *s;

	buf_addf(out, "%s ", c->group_a);
	lay_add_value(out, a, c->decimals);
	buf_addf(out, ", %s ", c->group_b);
	lay_add_value(out, b, c->decimals);
	buf_adds(out, ", gap ");
	if (isfinite(gap)) {
		s = gap_text(c, gap);
		buf_adds(out, s);
		free(s);
	} else {
		buf_adds(out, note && !strcmp(note, "c") ? "withheld (c)" :
							   "no value");
	}
}

void chart_describe_gap(const struct gap_chart *c, struct buf *out)
{
	size_t idx[GAP_MAX_ROWS], i;

	lay_add_sentence(out, c->title ? c->title : "Gap chart");
	if (c->subtitle && *c->subtitle)
		lay_add_sentence(out, c->subtitle);
	if (!c->nperiods || !c->period_labels || !c->a || !c->b ||
	    !c->group_a || !c->group_b || c->nrows > GAP_MAX_ROWS)
		return;
	for (i = 0; i < c->nperiods; i++)
		if (!c->period_labels[i])
			return;
	buf_addf(out, "Line chart, %s to %s, of two groups: %s and %s, with "
		 "the gap between them in each period.\n",
		 c->period_labels[0], c->period_labels[c->nperiods - 1],
		 c->group_a, c->group_b);
	for (i = 0; i < c->nperiods; i++) {
		buf_addf(out, "%s: ", c->period_labels[i]);
		add_pair(out, c, c->a[i], c->b[i],
			 c->gap ? c->gap[i] : NAN, NULL);
		buf_adds(out, ".\n");
	}
	if (c->nrows && c->rows) {
		for (i = 0; i < c->nrows; i++)
			if (!c->rows[i].name)
				return;
		chart_gap_order(c, idx);
		buf_addf(out, "The latest period, %s, area by area:\n",
			 c->latest_label ? c->latest_label :
			 c->period_labels[c->nperiods - 1]);
		for (i = 0; i < c->nrows; i++) {
			const struct gap_row *r = &c->rows[idx[i]];

			buf_addf(out, "%s%s: ", r->name,
				 r->is_area ? " (the area)" : "");
			add_pair(out, c, r->a, r->b, r->gap, r->note);
			if (isfinite(r->gap) && stats_cmp_tested(r->cmp)) {
				buf_adds(out, ", ");
				lay_add_cmp_phrase(out, r->cmp,
						   "England's gap");
			}
			buf_adds(out, ".\n");
		}
	}
	if (c->note && *c->note)
		lay_add_sentence(out, c->note);
	if (c->source && *c->source)
		lay_add_sentence(out, c->source);
}
