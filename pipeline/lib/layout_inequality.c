/* layout_inequality.c - the inequality chart's geometry (an indicator by
 * deprivation quantile) and its text alternative; see chart.h.
 *
 * Pure, like layout.c, whose builders, legend and wording it shares
 * (layout_int.h). Upright bars from a zero line, the most deprived on the
 * left; round value ticks on the left; the area's own value a line across
 * the plot, named at its right end; the fitted line of the slope index of
 * inequality over the bars. Bottom up: the source and note, the SII
 * sentence, the legend, then the quantiles' numbers and the words under
 * the ends.
 */
#include "jsna/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

#define LABEL_DROP 5.5		/* plot bottom to the numbers' tops */
#define VALUE_GAP 2.5		/* a bar's end (or its CI's) to its label */
#define REF_GAP 4.0		/* the plot's right edge to the line's label */
#define MAX_REF_SHARE 0.22	/* of the inner width, for that label */
#define BAR_SHARE 0.62		/* of a quantile's slot */
#define MAX_BAR_W 36.0
#define AREA_WIDTH 1.5
#define FIT_WIDTH 1.25
#define MIN_LABEL_SIZE 5.0

static int has_value(const struct inequality_bar *b)
{
	return isfinite(b->value);
}

static int has_ci(const struct inequality_bar *b)
{
	return has_value(b) && isfinite(b->lower) && isfinite(b->upper);
}

static int is_withheld(const struct inequality_bar *b)
{
	return !has_value(b) && b->note && !strcmp(b->note, "c");
}

static int has_line(const struct inequality_chart *c)
{
	return isfinite(c->overall);
}

static int validate(const struct inequality_chart *c)
{
	size_t i, nvalues = 0;

	if (!c->title || !*c->title)
		return error("chart: no title");
	if (!c->bars || c->nbars < 2 || c->nbars > INEQUALITY_MAX_BARS)
		return error("chart '%s': %zu bars (2 to %d allowed)", c->title,
			     c->nbars, INEQUALITY_MAX_BARS);
	if (c->decimals < 0 || c->decimals > 6)
		return error("chart '%s': %d decimals (0 to 6 allowed)",
			     c->title, c->decimals);
	if (has_line(c) && (!c->area_name || !*c->area_name))
		return error("chart '%s': the area's line has no name",
			     c->title);
	for (i = 0; i < c->nbars; i++) {
		if (!c->bars[i].label)
			return error("chart '%s': bar %zu has no label",
				     c->title, i + 1);
		if (has_value(&c->bars[i]))
			nvalues++;
	}
	if (!nvalues)
		return error("chart '%s': no values to plot", c->title);
	if (!c->fit)
		return 0;
	if (!c->rank || !isfinite(c->fit_start) || !isfinite(c->fit_end))
		return error("chart '%s': a fitted line without its ranks or "
			     "ends", c->title);
	for (i = 0; i < c->nbars; i++)
		if (!isfinite(c->fit[i]) || !(c->rank[i] > 0) ||
		    !(c->rank[i] < 1) || (i && !(c->rank[i] > c->rank[i - 1])))
			return error("chart '%s': the fitted line's rank "
				     "%zu is not in (0, 1) and ascending",
				     c->title, i + 1);
	return 0;
}

/* Where the layout is, between the passes that size it. */
struct ineq {
	const struct inequality_chart *c;
	struct chart_layout *l;
	struct lay_text t;
	double slot;		/* a quantile's width */
	double size;		/* of the value labels */
};

static double centre(const struct ineq *Q, size_t i)
{
	return Q->l->plot_left + (i + 0.5) * Q->slot;
}

/* The room a value label takes past its bar's end, in points. */
static double label_room(const struct ineq *Q)
{
	return VALUE_GAP + (ASCENT + 0.1) * Q->size;
}

/* The font size that lets the widest value label fit its slot; 0 when
 * even the smallest would not. */
static double label_size(const struct ineq *Q)
{
	const struct inequality_chart *c = Q->c;
	double w = 0, size = AXIS_SIZE;
	size_t i;
	char *s;

	for (i = 0; i < c->nbars; i++) {
		if (!has_value(&c->bars[i]))
			continue;
		s = lay_value_text(c->bars[i].value, c->decimals);
		w = fmax(w, lay_text_width(&Q->t, s, AXIS_SIZE, 0));
		free(s);
	}
	if (w > Q->slot - 2.0)
		size = AXIS_SIZE * (Q->slot - 2.0) / w;
	return size < MIN_LABEL_SIZE ? 0 : size;
}

/* The value axis: zero, every bar's end and interval, the area's line
 * and the fitted line, with room past the bars' ends for their labels;
 * returns the widest tick label. */
static double place_ticks(const struct ineq *Q)
{
	const struct inequality_chart *c = Q->c;
	struct chart_layout *l = Q->l;
	double lo = 0, hi = 0, top = 0, bottom = 0, span, lo1, hi1, w = 0;
	double h = l->plot_bottom - l->plot_top, room = label_room(Q);
	size_t i;
	int k, up = 0, down = 0;
	char *s;

	for (i = 0; i < c->nbars; i++) {
		const struct inequality_bar *b = &c->bars[i];

		if (!has_value(b))
			continue;
		if (b->value >= 0) {
			up = 1;
			top = fmax(top, has_ci(b) ? fmax(b->value, b->upper) :
						    b->value);
		} else {
			down = 1;
			bottom = fmin(bottom, has_ci(b) ?
					      fmin(b->value, b->lower) :
					      b->value);
		}
		if (has_ci(b)) {
			lo = fmin(lo, b->lower);
			hi = fmax(hi, b->upper);
		}
		lo = fmin(lo, b->value);
		hi = fmax(hi, b->value);
	}
	if (has_line(c)) {
		lo = fmin(lo, c->overall);
		hi = fmax(hi, c->overall);
	}
	for (i = 0; c->fit && i < c->nbars; i++) {
		lo = fmin(lo, c->fit[i]);
		hi = fmax(hi, c->fit[i]);
	}
	if (c->fit) {
		lo = fmin(lo, fmin(c->fit_start, c->fit_end));
		hi = fmax(hi, fmax(c->fit_start, c->fit_end));
	}
	if (!(hi > lo))
		hi = lo + 1;
	/* The labels' room in values: a share of the final span, which the
	 * room itself widens; three rounds settle it, and the round ticks
	 * only ever widen the scale. */
	span = hi - lo;
	lo1 = lo;
	hi1 = hi;
	for (k = 0; k < 3 && h > 2 * room; k++) {
		double v = span * room / h;

		hi1 = up ? fmax(hi, top + v) : hi;
		lo1 = down ? fmin(lo, bottom - v) : lo;
		span = hi1 - lo1;
	}
	lay_set_ticks(l, lo1, hi1, h, 26.0, 8);
	for (k = 0; k < l->nticks; k++) {
		s = lay_tick_text(l, k);
		w = fmax(w, lay_text_width(&Q->t, s, AXIS_SIZE, 0));
		free(s);
	}
	return w;
}

static void legend_build(const struct lay_text *t,
			 const struct inequality_chart *c, double maxw,
			 struct legend *g)
{
	struct entry *e;
	size_t i;

	for (i = 0; i < c->nbars; i++)
		if (has_ci(&c->bars[i]))
			break;
	if (i < c->nbars) {
		e = lay_legend_add(g, SW_CI,
				   xstrdup("95% confidence interval"));
		e->ink = CI_INK;
	}
	if (c->fit) {
		e = lay_legend_add(g, SW_LINE,
				   xstrdup(c->fit_label && *c->fit_label ?
					   c->fit_label :
					   "Fitted line (slope index of "
					   "inequality)"));
		e->ink = INEQUALITY_FIT_INK;
		e->width = FIT_WIDTH;
		e->dash = CHART_DASH_DASHED;
	}
	lay_legend_flow(t, g, maxw, 0);
}

/* The area's name wrapped to at most maxw, then its value in bold: the
 * label at the right end of its line. Returns the block's width. */
static double ref_label(const struct ineq *Q, double maxw, struct lines *ls)
{
	const struct inequality_chart *c = Q->c;
	double w = 0;
	size_t i;
	char *s;

	lay_wrap(&Q->t, c->area_name, AXIS_SIZE, 0, maxw, ls);
	for (i = 0; i < ls->n; i++) {
		if (lay_text_width(&Q->t, ls->v[i], AXIS_SIZE, 0) > maxw) {
			s = lay_fit_text(&Q->t, ls->v[i], AXIS_SIZE, 0, maxw);
			free(ls->v[i]);
			ls->v[i] = s;
		}
		w = fmax(w, lay_text_width(&Q->t, ls->v[i], AXIS_SIZE, 0));
	}
	s = lay_value_text(c->overall, c->decimals);
	w = fmax(w, lay_text_width(&Q->t, s, AXIS_SIZE, 1));
	XGROW(ls->v, ls->alloc, ls->n + 1);
	ls->v[ls->n++] = s;
	return w;
}

/* The label of the area's line, its middle at y when it fits. */
static void emit_ref_label(struct chart_layout *l, struct lines *ls, double y)
{
	double h = ls->n * PITCH * AXIS_SIZE, top = y - h / 2;
	size_t i;

	top = fmin(top, l->plot_bottom - h);
	top = fmax(top, l->plot_top - 0.5 * AXIS_SIZE);
	for (i = 0; i < ls->n; i++) {
		lay_add_text(l, ls->v[i], l->plot_right + REF_GAP,
			     top + ASCENT * AXIS_SIZE + i * PITCH * AXIS_SIZE,
			     AXIS_SIZE, i + 1 == ls->n, CHART_ALIGN_LEFT,
			     INEQUALITY_AREA_INK);
		ls->v[i] = NULL;
	}
	lay_lines_release(ls);
}

static void emit_bars(const struct ineq *Q)
{
	const struct inequality_chart *c = Q->c;
	struct chart_layout *l = Q->l;
	double y0 = chart_layout_ypos(l, 0), bw, x, y;
	size_t i;

	bw = fmin(BAR_SHARE * Q->slot, MAX_BAR_W);
	for (i = 0; i < c->nbars; i++) {
		const struct inequality_bar *b = &c->bars[i];

		x = centre(Q, i);
		if (is_withheld(b)) {
			/* Above the zero line, or under it when the axis has
			 * nothing above zero. */
			int up = l->y_max > 0;

			lay_add_text(l, xstrdup("c"), x,
				     up ? y0 - VALUE_GAP - DESCENT * Q->size :
					  y0 + VALUE_GAP + ASCENT * Q->size,
				     Q->size, 0, CHART_ALIGN_CENTRE, INK2);
			continue;
		}
		if (!has_value(b))
			continue;
		/* A zero is its label alone. */
		y = chart_layout_ypos(l, b->value);
		if (fabs(y - y0) > 1e-9)
			lay_add_rect(l, x - bw / 2, fmin(y, y0), bw,
				     fabs(y - y0), INEQUALITY_BAR,
				     INEQUALITY_BAR_OUTLINE, 0.5);
	}
	for (i = 0; i < c->nbars; i++)
		if (has_ci(&c->bars[i]))
			lay_add_ci_bar(l, centre(Q, i),
				       chart_layout_ypos(l, c->bars[i].upper),
				       chart_layout_ypos(l, c->bars[i].lower));
	/* The zero line over the bars' feet. */
	lay_add_segment(l, l->plot_left, y0, l->plot_right, y0, AXIS, 0.75);
}

/* The fitted line: rank 0 at the plot's left edge, each bar's rank at
 * its centre, rank 1 at the right edge (see chart.h). */
static void emit_fit(const struct ineq *Q)
{
	const struct inequality_chart *c = Q->c;
	struct chart_layout *l = Q->l;
	struct chart_item *it;
	size_t i, n = c->nbars;

	it = lay_add_line(l, n + 2, INEQUALITY_FIT_INK, FIT_WIDTH,
			  CHART_DASH_DASHED);
	it->pts[0] = l->plot_left;
	it->pts[1] = chart_layout_ypos(l, c->fit_start);
	for (i = 0; i < n; i++) {
		it->pts[2 * (i + 1)] = centre(Q, i);
		it->pts[2 * (i + 1) + 1] = chart_layout_ypos(l, c->fit[i]);
	}
	it->pts[2 * (n + 1)] = l->plot_right;
	it->pts[2 * (n + 1) + 1] = chart_layout_ypos(l, c->fit_end);
}

static void emit_values(const struct ineq *Q)
{
	const struct inequality_chart *c = Q->c;
	struct chart_layout *l = Q->l;
	size_t i;

	for (i = 0; i < c->nbars; i++) {
		const struct inequality_bar *b = &c->bars[i];
		double end, y, w;
		char *s;

		if (!has_value(b))
			continue;
		if (b->value >= 0) {
			end = has_ci(b) ? fmax(b->value, b->upper) : b->value;
			y = chart_layout_ypos(l, end) - VALUE_GAP -
			    DESCENT * Q->size;
		} else {
			end = has_ci(b) ? fmin(b->value, b->lower) : b->value;
			y = chart_layout_ypos(l, end) + VALUE_GAP +
			    ASCENT * Q->size;
		}
		/* A white ground, so that a line crossing the label leaves
		 * it readable. */
		s = lay_value_text(b->value, c->decimals);
		w = lay_text_width(&Q->t, s, Q->size, 0) + 2.0;
		lay_add_rect(l, centre(Q, i) - w / 2, y - ASCENT * Q->size, w,
			     (ASCENT + DESCENT) * Q->size, 0xFFFFFFUL,
			     CHART_NONE, 0);
		lay_add_text(l, s, centre(Q, i), y, Q->size, 0,
			     CHART_ALIGN_CENTRE, INK);
	}
}

/* Gridlines and tick labels on the left. */
static void emit_ticks(struct chart_layout *l)
{
	double y;
	int k;

	for (k = 0; k < l->nticks; k++) {
		y = chart_layout_ypos(l, l->tick_start + k * l->tick_step);
		lay_add_segment(l, l->plot_left, y, l->plot_right, y, GRID,
				0.5);
		lay_add_text(l, lay_tick_text(l, k), l->plot_left - 5.0,
			     y + 0.35 * AXIS_SIZE, AXIS_SIZE, 0,
			     CHART_ALIGN_RIGHT, INK);
	}
}

/* Under the plot: each quantile's number, then the words under the first
 * and last bars, and the axis's name between them (or on a row of its
 * own when they would touch). */
static void emit_quantiles(const struct ineq *Q, int own_row)
{
	const struct inequality_chart *c = Q->c;
	struct chart_layout *l = Q->l;
	double base = l->plot_bottom + LABEL_DROP + ASCENT * AXIS_SIZE;
	size_t i;

	for (i = 0; i < c->nbars; i++)
		lay_add_text(l, xstrdup(c->bars[i].label), centre(Q, i), base,
			     AXIS_SIZE, 0, CHART_ALIGN_CENTRE, INK);
	base += PITCH * AXIS_SIZE;
	if (c->first_end && *c->first_end)
		lay_add_text(l, xstrdup(c->first_end), l->plot_left, base,
			     AXIS_SIZE, 0, CHART_ALIGN_LEFT, INK2);
	if (c->last_end && *c->last_end)
		lay_add_text(l, xstrdup(c->last_end), l->plot_right, base,
			     AXIS_SIZE, 0, CHART_ALIGN_RIGHT, INK2);
	if (c->axis_label && *c->axis_label) {
		double w = l->plot_right - l->plot_left, e = 0;

		/* Between the end words (cut to fit, should the plot be
		 * narrower than first thought), or across the plot. */
		if (!own_row) {
			if (c->first_end)
				e = lay_text_width(&Q->t, c->first_end,
						   AXIS_SIZE, 0);
			if (c->last_end)
				e = fmax(e, lay_text_width(&Q->t, c->last_end,
							   AXIS_SIZE, 0));
			w -= 2 * (e + 8.0);
		}
		lay_add_text(l, lay_fit_text(&Q->t, c->axis_label, AXIS_SIZE, 0,
					     fmax(w, 0.0)),
			     (l->plot_left + l->plot_right) / 2,
			     base + (own_row ? PITCH * AXIS_SIZE : 0),
			     AXIS_SIZE, 0, CHART_ALIGN_CENTRE, INK);
	}
}

/* 1 when the axis's name needs a row of its own under the end words,
 * in a plot of width w. */
static int axis_own_row(const struct ineq *Q, double w)
{
	const struct inequality_chart *c = Q->c;
	double a, e1 = 0, e2 = 0;

	if (!c->axis_label || !*c->axis_label)
		return 0;
	a = lay_text_width(&Q->t, c->axis_label, AXIS_SIZE, 0);
	if (c->first_end)
		e1 = lay_text_width(&Q->t, c->first_end, AXIS_SIZE, 0);
	if (c->last_end)
		e2 = lay_text_width(&Q->t, c->last_end, AXIS_SIZE, 0);
	return w / 2 - a / 2 < fmax(e1, e2) + 8.0;
}

int chart_layout_inequality(const struct inequality_chart *c, double width,
			    double height, chart_measure_fn *measure,
			    void *ctx, struct chart_layout *out)
{
	struct ineq Q = { c, out, { measure, ctx }, 0, AXIS_SIZE };
	struct lines ls = { 0, 0, NULL }, ref = { 0, 0, NULL };
	struct lines sii = { 0, 0, NULL };
	struct lay_foot foot = { { 0, 0, NULL }, { 0, 0, NULL }, 0 };
	struct legend g = { 0, 0, 0, NULL };
	double inner = width - 2 * MARGIN, top, y, legend_top = 0, sii_top = 0;
	double refw = 0, right, tickw = 30.0, rows;
	int ret = -1, own_row, k;

	memset(out, 0, sizeof(*out));
	out->width = width;
	out->height = height;
	if (validate(c) < 0)
		return -1;

	/* Top: title, subtitle, the unit over the value axis. */
	top = lay_titles(out, &Q.t, c->title, c->subtitle, inner) + 5.0;
	if (c->y_label && *c->y_label) {
		lay_wrap(&Q.t, c->y_label, AXIS_SIZE, 0, inner, &ls);
		top = lay_emit_lines(out, &ls, MARGIN, top, AXIS_SIZE, 0, INK);
	}
	out->plot_top = top + 0.6 * AXIS_SIZE;

	/* Bottom up: the note and source, the SII sentence, the legend. */
	lay_foot_wrap(&Q.t, c->source, c->note, inner, height, &foot);
	y = foot.top - (foot.src.n + foot.note.n ? 7.0 : 0.0);
	if (c->sii_text && *c->sii_text) {
		lay_wrap(&Q.t, c->sii_text, LEGEND_SIZE, 0, inner, &sii);
		y -= sii.n * PITCH * LEGEND_SIZE;
		sii_top = y;
		y -= 3.0;
	}
	legend_build(&Q.t, c, inner, &g);
	if (g.nrows) {
		y -= (g.nrows - 1) * ROW_PITCH +
		     (ASCENT + DESCENT) * LEGEND_SIZE;
		legend_top = y;
	}
	y -= 7.0;

	/* The right: the label of the area's line. */
	if (has_line(c))
		refw = ref_label(&Q, MAX_REF_SHARE * inner, &ref) + REF_GAP;
	right = width - MARGIN - refw;
	own_row = axis_own_row(&Q, right - MARGIN - tickw - 5.0);
	rows = LABEL_DROP + (ASCENT + DESCENT) * AXIS_SIZE;
	if ((c->first_end && *c->first_end) || (c->last_end && *c->last_end) ||
	    (c->axis_label && *c->axis_label))
		rows += PITCH * AXIS_SIZE * (own_row ? 2 : 1);
	out->plot_bottom = y - rows;
	out->plot_right = right;
	if (out->plot_bottom - out->plot_top < 40.0) {
		error("chart '%s': a page of %.0f x %.0f pt leaves no room for "
		      "the bars", c->title, width, height);
		goto out;
	}

	/* The plot's left edge, the label size and the ticks depend on
	 * each other: the tick labels' width settles in a few rounds. */
	for (k = 0; k < 3; k++) {
		out->plot_left = MARGIN + tickw + 5.0;
		Q.slot = (out->plot_right - out->plot_left) / c->nbars;
		Q.size = Q.slot < 8.0 ? 0 : label_size(&Q);
		if (!(Q.size > 0)) {
			error("chart '%s': a page of %.0f x %.0f pt leaves no "
			      "room for %zu bars", c->title, width, height,
			      c->nbars);
			goto out;
		}
		tickw = place_ticks(&Q);
	}
	out->plot_left = MARGIN + tickw + 5.0;
	Q.slot = (out->plot_right - out->plot_left) / c->nbars;

	emit_ticks(out);
	emit_bars(&Q);
	if (has_line(c)) {
		y = chart_layout_ypos(out, c->overall);
		lay_add_segment(out, out->plot_left, y, out->plot_right, y,
				INEQUALITY_AREA_INK, AREA_WIDTH);
		emit_ref_label(out, &ref, y);
	}
	if (c->fit)
		emit_fit(&Q);
	emit_values(&Q);
	emit_quantiles(&Q, own_row);
	if (g.nrows)
		lay_legend_emit(out, &g, MARGIN, legend_top);
	if (sii.n)
		lay_emit_lines(out, &sii, MARGIN, sii_top, LEGEND_SIZE, 0, INK);
	lay_foot_emit(out, &foot);
	ret = 0;
out:
	lay_lines_release(&ref);
	lay_lines_release(&sii);
	lay_legend_release(&g);
	lay_foot_release(&foot);
	return ret;
}

/* ---- the text alternative ---- */

/* s with its first letter in lower case ("most deprived"), unless it
 * opens an acronym; def when s is NULL or empty. */
static void add_lower(struct buf *out, const char *s, const char *def)
{
	if (!s || !*s)
		s = def;
	if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
		buf_addch(out, (char)(s[0] - 'A' + 'a'));
	else
		buf_addch(out, s[0]);
	buf_adds(out, s + 1);
}

static void add_ci(struct buf *out, double lo, double hi, int dp)
{
	buf_adds(out, " (95% confidence interval ");
	lay_add_value(out, lo, dp);
	buf_adds(out, " to ");
	lay_add_value(out, hi, dp);
	buf_addch(out, ')');
}

void chart_describe_inequality(const struct inequality_chart *c,
			       struct buf *out)
{
	int dp = c->decimals < 0 ? 0 : c->decimals > 6 ? 6 : c->decimals;
	size_t i, missing = 0;

	lay_add_sentence(out, c->title ? c->title : "Inequality chart");
	if (c->subtitle && *c->subtitle)
		lay_add_sentence(out, c->subtitle);
	if (!c->bars || c->nbars < 2 || c->nbars > INEQUALITY_MAX_BARS)
		return;
	buf_addf(out, "Bar chart of %zu groups, from the ", c->nbars);
	add_lower(out, c->first_end, "first");
	buf_addf(out, " (%s) on the left to the ",
		 c->bars[0].label ? c->bars[0].label : "");
	add_lower(out, c->last_end, "last");
	buf_addf(out, " (%s) on the right",
		 c->bars[c->nbars - 1].label ? c->bars[c->nbars - 1].label :
					       "");
	if (has_line(c) && c->area_name)
		buf_addf(out, "; a line across the bars marks %s's own value",
			 c->area_name);
	if (c->fit)
		buf_adds(out, "; a dashed line is the line fitted across them "
			 "for the slope index of inequality");
	buf_adds(out, ".\n");
	for (i = 0; i < c->nbars; i++) {
		const struct inequality_bar *b = &c->bars[i];

		buf_addf(out, "%s", b->label ? b->label : "");
		if (b->name && *b->name)
			buf_addf(out, ", %s", b->name);
		buf_adds(out, ": ");
		if (is_withheld(b)) {
			buf_adds(out, "withheld (c).\n");
			continue;
		}
		if (!has_value(b)) {
			buf_adds(out, "no value.\n");
			missing++;
			continue;
		}
		lay_add_value(out, b->value, dp);
		if (has_ci(b))
			add_ci(out, b->lower, b->upper, dp);
		buf_adds(out, ".\n");
	}
	if (missing)
		buf_addf(out, "%zu of the %zu groups %s no value and no bar.\n",
			 missing, c->nbars, missing == 1 ? "has" : "have");
	if (has_line(c) && c->area_name) {
		buf_addf(out, "%s overall: ", c->area_name);
		lay_add_value(out, c->overall, dp);
		buf_adds(out, ".\n");
	}
	if (c->fit) {
		buf_adds(out, "The fitted line runs from ");
		lay_add_value(out, c->fit_start, dp);
		buf_adds(out, " at the ");
		add_lower(out, c->first_end, "first");
		buf_adds(out, " end to ");
		lay_add_value(out, c->fit_end, dp);
		buf_adds(out, " at the ");
		add_lower(out, c->last_end, "last");
		buf_adds(out, " end.\n");
	}
	if (c->sii_text && *c->sii_text)
		lay_add_sentence(out, c->sii_text);
	if (c->note && *c->note)
		lay_add_sentence(out, c->note);
	if (c->source && *c->source)
		lay_add_sentence(out, c->source);
}
