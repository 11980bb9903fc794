/* layout_compare.c - compare-areas bar chart geometry and its text
 * alternative; see chart.h.
 *
 * Pure, like layout.c, whose builders, legend and wording it shares
 * (layout_int.h). The value axis runs left to right and always includes
 * zero; each bar is one row, names on the left, outcome markers between
 * the names and the plot, value labels past each bar's end (or its CI).
 */
#include "jsna/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

#define AREA_OUTLINE 0x0B0C0CUL	/* the area's bar: a dark outline */
#define BAR_OUTLINE 0x505A5FUL	/* the others: thin, so white shows */
#define LABEL_GAP 4.0
#define VALUE_GAP 3.0
#define LABEL_DROP 5.5
#define MAX_NAME_SHARE 0.38	/* of the page's inner width */

static int has_value(const struct compare_bar *b)
{
	return isfinite(b->value);
}

static int has_ci(const struct compare_bar *b)
{
	return has_value(b) && isfinite(b->lower) && isfinite(b->upper);
}

/* 1 when bar a comes before bar b among the unpinned bars: by value
 * descending (ascending when up), ties (and bars without values, which
 * come last) by name. */
static int before(const struct compare_bar *a, const struct compare_bar *b,
		  int up)
{
	if (has_value(a) != has_value(b))
		return has_value(a);
	if (has_value(a) && (a->value > b->value || a->value < b->value))
		return up ? a->value < b->value : a->value > b->value;
	return strcmp(a->name, b->name) < 0;
}

/* Insertion sort: a few bars. */
void chart_compare_order(const struct compare_chart *c, size_t *idx)
{
	size_t i, j, n = 0, t;

	for (i = 0; i < c->nbars; i++)
		if (c->bars[i].is_benchmark)
			idx[n++] = i;
	for (i = 0; i < c->nbars; i++) {
		if (c->bars[i].is_benchmark)
			continue;
		idx[n] = i;
		for (j = n++; j > 0 && !c->bars[idx[j - 1]].is_benchmark &&
			      before(&c->bars[idx[j]], &c->bars[idx[j - 1]],
				     c->ascending);
		     j--) {
			t = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	}
}

/* The comparator: the first benchmark, or NULL. */
static const struct compare_bar *comparator(const struct compare_chart *c)
{
	size_t i;

	for (i = 0; i < c->nbars; i++)
		if (c->bars[i].is_benchmark)
			return &c->bars[i];
	return NULL;
}

static const char *missing_words(const struct compare_chart *c,
				 const struct compare_bar *b)
{
	if (!b->note || strcmp(b->note, "c"))
		return "no data";
	return c->withheld && *c->withheld ? c->withheld : "withheld";
}

static int validate(const struct compare_chart *c)
{
	size_t i, areas = 0;

	if (!c->title || !*c->title)
		return error("chart: no title");
	if (!c->nbars || !c->bars || c->nbars > COMPARE_MAX_BARS)
		return error("chart '%s': %zu bars (1 to %d allowed)", c->title,
			     c->nbars, COMPARE_MAX_BARS);
	if (c->decimals < 0 || c->decimals > 6)
		return error("chart '%s': %d decimals (0 to 6 allowed)",
			     c->title, c->decimals);
	for (i = 0; i < c->nbars; i++) {
		if (!c->bars[i].name)
			return error("chart '%s': bar %zu has no name",
				     c->title, i + 1);
		if (c->bars[i].is_area && ++areas > 1)
			return error("chart '%s': more than one area bar",
				     c->title);
	}
	return 0;
}

double chart_layout_xpos(const struct chart_layout *l, double v)
{
	return l->plot_left + (v - l->y_min) / (l->y_max - l->y_min) *
				      (l->plot_right - l->plot_left);
}

static void place_ticks(struct chart_layout *l, double lo, double hi,
			double w)
{
	lay_set_ticks(l, lo, hi, w, 45.0, 8);
}

static void legend_build(const struct lay_text *t,
			 const struct compare_chart *c, double maxw,
			 struct legend *g)
{
	const struct compare_bar *cmp = comparator(c);
	int seen[NCMP] = { 0 }, any = 0, levels = 0, ci = 0;
	size_t i, j;
	struct entry *e;
	struct buf b = BUF_INIT;

	for (i = 0; i < c->nbars; i++) {
		const struct compare_bar *bar = &c->bars[i];

		if (!has_value(bar))
			continue;
		if (has_ci(bar))
			ci = 1;
		if (bar == cmp)
			continue;
		for (j = 0; j < NCMP; j++)
			if (lay_cmp_order[j] == bar->cmp)
				seen[j] = any = 1;
		if (lay_cmp_is_998(bar->cmp))
			levels = 1;
	}
	buf_addf(&b, "%s compared to %s:",
		 c->compared && *c->compared ? c->compared : "Area",
		 cmp ? cmp->name : "benchmark");
	lay_legend_add(g, SW_TEXT, buf_detach(&b, NULL));
	if (cmp) {
		e = lay_legend_add(g, SW_RECT, xstrdup(cmp->name));
		e->fill = COMPARE_GREY;
		e->ink = BAR_OUTLINE;
	}
	for (j = 0; any && j < NCMP; j++) {
		if (!seen[j])
			continue;
		lay_add_cmp_word(&b, lay_cmp_order[j], levels);
		e = lay_legend_add(g, SW_MARK, buf_detach(&b, NULL));
		e->mark = chart_cmp_mark(lay_cmp_order[j]);
		e->fill = chart_cmp_colour(c->palette, lay_cmp_order[j]);
		e->ink = INK;
	}
	if (ci) {
		e = lay_legend_add(g, SW_CI, xstrdup("95% confidence interval"));
		e->horizontal = 1;
	}
	lay_legend_flow(t, g, maxw, 0);
}

int chart_layout_compare(const struct compare_chart *c, double width,
			 double height, chart_measure_fn *measure, void *ctx,
			 struct chart_layout *out)
{
	struct lay_text T = { measure, ctx };
	struct lay_foot foot = { { 0, 0, NULL }, { 0, 0, NULL }, 0 };
	struct legend g = { 0, 0, 0, NULL };
	const struct compare_bar *cmp;
	size_t idx[COMPARE_MAX_BARS], i, k, npinned = 0;
	double inner = width - 2 * MARGIN, top, legend_top, bottom;
	double lo = 0, hi = 0, namew = 0, valw = 0, size, rh, bh, markw;
	double base_left, x0, x, y, left, right, w, end;
	int ret = -1, t;
	char *s;

	memset(out, 0, sizeof(*out));
	out->width = width;
	out->height = height;
	if (validate(c) < 0)
		return -1;
	cmp = comparator(c);
	chart_compare_order(c, idx);

	/* Top: title and subtitle. */
	top = lay_titles(out, &T, c->title, c->subtitle, inner);
	out->plot_top = top + 8.0;

	/* Bottom up: the note, the source, the legend, the tick labels. */
	lay_foot_wrap(&T, c->source, c->note, inner, height, &foot);
	legend_build(&T, c, inner, &g);
	legend_top = lay_legend_top(&g, &foot);
	bottom = legend_top - 7.0;
	out->plot_bottom = bottom - LABEL_DROP - (ASCENT + DESCENT) * AXIS_SIZE;

	rh = (out->plot_bottom - out->plot_top) / c->nbars;
	size = fmin(AXIS_SIZE, 0.8 * rh);
	if (size < 5.0) {
		error("chart '%s': a page of %.0f x %.0f pt leaves no room for "
		      "%zu bars", c->title, width, height, c->nbars);
		goto out;
	}
	bh = fmin(0.62 * rh, 16.0);

	/* The range: zero, every value and CI limit. */
	for (i = 0; i < c->nbars; i++) {
		const struct compare_bar *b = &c->bars[i];

		if (!has_value(b))
			continue;
		lo = fmin(lo, b->value);
		hi = fmax(hi, b->value);
		if (has_ci(b)) {
			lo = fmin(lo, b->lower);
			hi = fmax(hi, b->upper);
		}
		s = lay_value_text(b->value, c->decimals);
		valw = fmax(valw, lay_text_width(&T, s, size, b->is_area));
		free(s);
	}
	for (i = 0; i < c->nbars; i++)
		namew = fmax(namew, lay_text_width(&T, c->bars[i].name, size,
						   c->bars[i].is_area));
	namew = fmin(namew, MAX_NAME_SHARE * inner);
	markw = 2.6 * POINT_R;
	base_left = MARGIN + namew + LABEL_GAP + markw + LABEL_GAP;
	/* The plot's ends: from the names to the margin, then narrowed
	 * only as far as the value labels past the extreme bars and the end
	 * ticks' labels need. The round ticks often leave room inside the
	 * plot for the labels (-0.21 on an axis to -0.3); the ends only ever
	 * move in, so this settles, and after a few rounds the labels get
	 * their full room. */
	left = base_left;
	right = width - MARGIN;
	for (k = 0; k < 8; k++) {
		double need, nl, nr, lab = valw + VALUE_GAP + 2.0;

		out->plot_left = left;
		out->plot_right = right;
		place_ticks(out, lo, hi, right - left);
		nl = left;
		nr = right;
		if (lo < 0) {
			need = lab - (chart_layout_xpos(out, lo) - left);
			nl = fmax(nl, base_left + need);
		}
		if (hi > 0) {
			need = lab - (right - chart_layout_xpos(out, hi));
			nr = fmin(nr, width - MARGIN - need);
		}
		s = lay_tick_text(out, out->nticks - 1);
		w = lay_text_width(&T, s, AXIS_SIZE, 0) / 2;
		free(s);
		nr = fmin(nr, width - MARGIN - w);
		s = lay_tick_text(out, 0);
		w = lay_text_width(&T, s, AXIS_SIZE, 0) / 2;
		free(s);
		nl = fmax(nl, MARGIN + w);
		if (k == 7) {	/* not settled: the full room */
			nl = fmax(nl, base_left + (lo < 0 ? lab : 0.0));
			nr = fmin(nr, width - MARGIN - (hi > 0 ? lab : 0.0));
		}
		if (nl - left < 0.01 && right - nr < 0.01)
			break;
		left = nl;
		right = nr;
	}
	out->plot_left = left;
	out->plot_right = right;
	place_ticks(out, lo, hi, right - left);
	if (out->plot_right - out->plot_left < 40.0) {
		error("chart '%s': a page of %.0f x %.0f pt leaves no room for "
		      "the bars", c->title, width, height);
		goto out;
	}

	/* Gridlines and tick labels; the zero line over them. */
	for (t = 0; t < out->nticks; t++) {
		x = chart_layout_xpos(out, out->tick_start + t * out->tick_step);
		lay_add_segment(out, x, out->plot_top, x, out->plot_bottom,
				GRID, 0.5);
		lay_add_text(out, lay_tick_text(out, t), x,
			     out->plot_bottom + LABEL_DROP + ASCENT * AXIS_SIZE,
			     AXIS_SIZE, 0, CHART_ALIGN_CENTRE, INK);
	}
	lay_add_segment(out, out->plot_left, out->plot_bottom, out->plot_right,
			out->plot_bottom, AXIS, 0.75);
	x0 = chart_layout_xpos(out, 0);

	for (i = 0; i < c->nbars; i++)
		if (c->bars[i].is_benchmark)
			npinned++;
	/* A rule under the pinned benchmarks. */
	if (npinned && npinned < c->nbars) {
		y = out->plot_top + npinned * rh;
		lay_add_segment(out, MARGIN, y, out->plot_right, y, GRID, 0.75);
	}

	for (k = 0; k < c->nbars; k++) {
		const struct compare_bar *b = &c->bars[idx[k]];
		double mid = out->plot_top + (k + 0.5) * rh;
		double base = mid + 0.35 * size;

		lay_add_text(out, lay_fit_text(&T, b->name, size, b->is_area, namew),
			     MARGIN, base, size, b->is_area, CHART_ALIGN_LEFT,
			     INK);
		if (!has_value(b)) {
			int rightwards = out->y_max > 0;

			lay_add_text(out, xstrdup(missing_words(c, b)),
				     rightwards ? x0 + VALUE_GAP :
						  x0 - VALUE_GAP,
				     base, size, 0,
				     rightwards ? CHART_ALIGN_LEFT :
						  CHART_ALIGN_RIGHT,
				     INK2);
			continue;
		}
		x = chart_layout_xpos(out, b->value);
		lay_add_rect(out, fmin(x, x0), mid - bh / 2, fabs(x - x0), bh,
			     b == cmp ? COMPARE_GREY :
					chart_cmp_colour(c->palette, b->cmp),
			     b->is_area ? AREA_OUTLINE : BAR_OUTLINE,
			     b->is_area ? 1.5 : 0.5);
		if (b != cmp)
			lay_add_mark(out, chart_cmp_mark(b->cmp),
				     MARGIN + namew + LABEL_GAP + markw / 2,
				     mid, POINT_R,
				     chart_cmp_colour(c->palette, b->cmp), INK,
				     0.6);
		end = x;
		if (has_ci(b)) {
			double xl = chart_layout_xpos(out, b->lower);
			double xu = chart_layout_xpos(out, b->upper);

			lay_add_ci_hbar(out, mid, xl, xu);
			end = b->value < 0 ? fmin(x, xl) : fmax(x, xu);
		}
		if (b->value < 0)
			lay_add_text(out, lay_value_text(b->value, c->decimals),
				     end - VALUE_GAP, base, size, b->is_area,
				     CHART_ALIGN_RIGHT, INK);
		else
			lay_add_text(out, lay_value_text(b->value, c->decimals),
				     end + VALUE_GAP, base, size, b->is_area,
				     CHART_ALIGN_LEFT, INK);
	}
	/* The zero line, over the bars' ends. */
	lay_add_segment(out, x0, out->plot_top, x0, out->plot_bottom, AXIS,
			0.75);

	lay_legend_emit(out, &g, MARGIN, legend_top);
	lay_foot_emit(out, &foot);
	ret = 0;
out:
	lay_legend_release(&g);
	lay_foot_release(&foot);
	return ret;
}

/* ---- the text alternative ---- */

void chart_describe_compare(const struct compare_chart *c, struct buf *out)
{
	const struct compare_bar *cmp;
	size_t idx[COMPARE_MAX_BARS], k, n;
	int dp = c->decimals < 0 ? 0 : c->decimals > 6 ? 6 : c->decimals;

	lay_add_sentence(out, c->title ? c->title : "Compare areas chart");
	if (c->subtitle && *c->subtitle)
		lay_add_sentence(out, c->subtitle);
	if (!c->nbars || !c->bars || c->nbars > COMPARE_MAX_BARS)
		return;
	for (k = 0; k < c->nbars; k++)
		if (!c->bars[k].name)
			return;
	n = c->nbars;
	cmp = comparator(c);
	chart_compare_order(c, idx);
	buf_addf(out, "Bar chart of %zu area%s, benchmarks first, then by "
		 "value from %s", n, n == 1 ? "" : "s",
		 c->ascending ? "lowest to highest" : "highest to lowest");
	if (cmp)
		buf_addf(out, "; bars coloured by comparison with %s",
			 cmp->name);
	buf_adds(out, ".\n");
	for (k = 0; k < n; k++) {
		const struct compare_bar *b = &c->bars[idx[k]];

		buf_addf(out, "%s%s: ", b->name,
			 b->is_area ? " (the area)" : "");
		if (!has_value(b)) {
			if (b->note && !strcmp(b->note, "c") && c->withheld &&
			    *c->withheld)
				buf_addf(out, "withheld (%s).\n", c->withheld);
			else
				buf_addf(out, "%s.\n", missing_words(c, b));
			continue;
		}
		lay_add_value(out, b->value, dp);
		if (has_ci(b)) {
			buf_adds(out, " (95% confidence interval ");
			lay_add_value(out, b->lower, dp);
			buf_adds(out, " to ");
			lay_add_value(out, b->upper, dp);
			buf_addch(out, ')');
		}
		if (b == cmp) {
			buf_adds(out, ", the benchmark");
		} else {
			buf_adds(out, ", ");
			lay_add_cmp_phrase(out, b->cmp,
					   cmp ? cmp->name : "the benchmark");
		}
		buf_adds(out, ".\n");
	}
	if (c->note && *c->note)
		lay_add_sentence(out, c->note);
	if (c->source && *c->source)
		lay_add_sentence(out, c->source);
}
