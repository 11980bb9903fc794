/* layout_spine.c - the summary spine's geometry and its text alternative;
 * see chart.h.
 *
 * Pure, like layout.c, whose builders, legend and wording it shares
 * (layout_int.h). One row per indicator at a fixed pitch: a small table on
 * the left (Indicator, Period, the area's value, England's value) and on
 * the right the spine, where the area's value sits in the range of every
 * authority's value. Each row has its own scale, symmetric about England,
 * which is the centre line; better values are always on the right (higher
 * values, for indicators where neither is better).
 *
 * The page grows with the rows: chart_spine_height() adds up the titles,
 * the header, the rows, the legend and the footer, with the text estimated
 * (no fonts) and wrapped to a narrower width than the layout uses, so the
 * real text fits in the height it gives. The layout may then squeeze the
 * rows a little (MIN_STRETCH) or spread them (MAX_STRETCH).
 *
 * Words and symbols in the table: the area's value prints "c" when it was
 * withheld (note "c"; the legend then says what c means) and "no data"
 * when there is none, and no marker is drawn. A row without a spine says
 * why in its spine column: "Insufficient data" (a quarter or more of the
 * authorities have no value, or the range is missing) or "No England
 * value".
 */
#include "jsna/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

#define ROW_SIZE 7.0		/* the table's text */
#define HEAD_SIZE 7.0		/* column headers, bold */
#define SECTION_SIZE 8.0	/* section headings, bold */
#define SPINE_PITCH 12.0	/* one row */
#define SECTION_PITCH 14.0	/* a section heading's line */
#define HEADER_H (2 * PITCH * HEAD_SIZE + 3.0)	/* two lines of headers */
#define BODY_GAP 6.0		/* under the titles */
#define LEGEND_GAP 8.0		/* between the rows and the legend */
#define FOOT_GAP 7.0		/* between the legend and the footer */
#define MIN_STRETCH 0.85	/* of the pitch, on a page a little short */
#define MAX_STRETCH 1.3		/* of the pitch, on a page with room */
#define HEIGHT_WRAP 0.8		/* the height wraps text this narrow */

#define COL_GAP 6.0
#define SECTION_INDENT 6.0	/* indicator names under a heading */
#define SPINE_SHARE 0.30	/* of the inner width */
/* Room for a marker at either end of the spine. */
#define SPINE_PAD (1.3 * POINT_R + 1.0)
#define VALUE_MIN_W 30.0
#define VALUE_HEAD_CAP 64.0	/* a value column's header wraps at this */
#define PERIOD_CAP 56.0
#define NAME_MIN_W 50.0

#define BAR_SHARE 0.55		/* of the pitch: the bar's height */
#define MARK_R (0.9 * POINT_R)

/* The bar: outer quarters and the middle half. FingertipsNext's middle is
 * the lighter grey, so on GOV.UK it is outlined in the outer grey to show
 * on white; the classic middle is the darker and needs no outline. */
#define GOVUK_OUTER 0xB1B4B6UL
#define GOVUK_INNER 0xF3F2F1UL
#define CLASSIC_OUTER 0xC9C9C9UL
#define CLASSIC_INNER 0x8B8B8BUL
/* England's centre line: near-black GOV.UK ink, or the classic dark red,
 * across the row; the region a thicker dark grey line, only a little
 * taller than the bar. */
#define GOVUK_CENTRE INK
#define CLASSIC_CENTRE 0x8B0000UL
#define CENTRE_W 1.0
#define REGION_INK 0x505A5FUL
#define REGION_W 2.0

/* Legend entries at most: the words, the outcomes, England, the region,
 * the bar's two, and c. */
#define LEGEND_MAX (NCMP + 6)

static unsigned long outer_ink(enum chart_palette p)
{
	return p == PALETTE_FINGERTIPS ? CLASSIC_OUTER : GOVUK_OUTER;
}

static unsigned long inner_ink(enum chart_palette p)
{
	return p == PALETTE_FINGERTIPS ? CLASSIC_INNER : GOVUK_INNER;
}

static unsigned long inner_outline(enum chart_palette p)
{
	return p == PALETTE_FINGERTIPS ? CHART_NONE : GOVUK_OUTER;
}

static unsigned long centre_ink(enum chart_palette p)
{
	return p == PALETTE_FINGERTIPS ? CLASSIC_CENTRE : GOVUK_CENTRE;
}

static const char *area_label(const struct spine_chart *c)
{
	return c->area_name && *c->area_name ? c->area_name : "Area";
}

static const char *bench_label(const struct spine_chart *c)
{
	return c->benchmark_name && *c->benchmark_name ? c->benchmark_name :
							 "England";
}

static int has_section(const struct spine_row *r)
{
	return r->section && *r->section;
}

static int withheld(const struct spine_row *r)
{
	return !isfinite(r->value) && r->note && !strcmp(r->note, "c");
}

static int has_spine(const struct spine_row *r)
{
	return !r->insufficient && isfinite(r->england) && isfinite(r->min) &&
	       isfinite(r->q25) && isfinite(r->q75) && isfinite(r->max);
}

/* +1: higher values to the right; -1 for low-is-good, so that the best
 * is always on the right. */
static double direction(const struct spine_row *r)
{
	return r->polarity == POLARITY_LOW_GOOD ? -1.0 : 1.0;
}

static int judged(const struct spine_row *r)
{
	return r->polarity == POLARITY_HIGH_GOOD ||
	       r->polarity == POLARITY_LOW_GOOD;
}

double chart_spine_xpos(const struct spine_row *r, double v, double mid,
			double half)
{
	double extent;

	if (!has_spine(r) || !isfinite(v))
		return NAN;
	extent = fmax(fabs(r->max - r->england), fabs(r->min - r->england));
	if (!(extent > 0))
		extent = 1.0;
	return mid + direction(r) * (v - r->england) / extent * half;
}

/* The words in the spine column of a row without a spine. */
static char *no_spine_words(const struct spine_chart *c,
			    const struct spine_row *r)
{
	struct buf b = BUF_INIT;

	if (!r->insufficient && !isfinite(r->england))
		buf_addf(&b, "No %s value", bench_label(c));
	else
		buf_adds(&b, "Insufficient data");
	return buf_detach(&b, NULL);
}

/* The table's text for the area's value. */
static char *area_text(const struct spine_row *r)
{
	if (isfinite(r->value))
		return lay_value_text(r->value, r->decimals);
	return xstrdup(withheld(r) ? "c" : "no data");
}

static char *bench_text(const struct spine_row *r)
{
	if (isfinite(r->england))
		return lay_value_text(r->england, r->decimals);
	return xstrdup("no data");
}

static int validate(const struct spine_chart *c)
{
	size_t i;

	if (!c->title || !*c->title)
		return error("chart: no title");
	if (!c->nrows || !c->rows)
		return error("chart '%s': no rows", c->title);
	for (i = 0; i < c->nrows; i++) {
		const struct spine_row *r = &c->rows[i];

		if (!r->name)
			return error("chart '%s': row %zu has no name",
				     c->title, i + 1);
		if (r->decimals < 0 || r->decimals > 6)
			return error("chart '%s': row %zu has %d decimals "
				     "(0 to 6 allowed)", c->title, i + 1,
				     r->decimals);
		if (has_spine(r) && !(r->min <= r->q25 && r->q25 <= r->q75 &&
				      r->q75 <= r->max))
			return error("chart '%s': row %zu ('%s'): the range "
				     "is out of order", c->title, i + 1,
				     r->name);
	}
	return 0;
}

/* ---- the legend ---- */

/* What each legend entry's swatch is; the shared legend keeps the places,
 * this file draws the swatches. */
enum spine_swatch {
	SS_TEXT,	/* words only */
	SS_MARK,	/* an outcome's marker */
	SS_CENTRE,	/* England's centre line */
	SS_REGION,	/* the region's short line */
	SS_RANGE,	/* a small bar: outer, middle, outer */
	SS_MIDDLE	/* the middle half's fill */
};

struct spine_legend {
	struct legend g;
	enum spine_swatch kind[LEGEND_MAX];
};

static struct entry *legend_add(struct spine_legend *sl,
				enum spine_swatch kind, char *text)
{
	enum swatch sw = kind == SS_TEXT ? SW_TEXT :
			 kind == SS_RANGE ? SW_LINE : SW_MARK;

	sl->kind[sl->g.n] = kind;
	return lay_legend_add(&sl->g, sw, text);
}

/* The outcomes of the markers drawn, England, the region when any row
 * draws it, the bar explained, and the symbol c when the table prints it;
 * flowed into rows of maxw, the outcomes on a row of their own. */
static void legend_build(const struct lay_text *t,
			 const struct spine_chart *c, double maxw,
			 struct spine_legend *sl)
{
	int seen[NCMP] = { 0 }, any = 0, levels = 0, region = 0, cut = 0;
	size_t i, j, first_break = 0;
	struct entry *e;
	struct buf b = BUF_INIT;

	for (i = 0; i < c->nrows; i++) {
		const struct spine_row *r = &c->rows[i];

		if (withheld(r))
			cut = 1;
		if (!has_spine(r))
			continue;
		if (isfinite(r->region))
			region = 1;
		if (!isfinite(r->value))
			continue;
		for (j = 0; j < NCMP; j++)
			if (lay_cmp_order[j] == r->cmp)
				seen[j] = any = 1;
		if (lay_cmp_is_998(r->cmp))
			levels = 1;
	}
	if (any) {
		buf_addf(&b, "Area compared with %s:", bench_label(c));
		legend_add(sl, SS_TEXT, lay_fit_text(t, b.buf, LEGEND_SIZE, 0,
						     maxw / 2));
		buf_reset(&b);
		for (j = 0; j < NCMP; j++) {
			if (!seen[j])
				continue;
			lay_add_cmp_word(&b, lay_cmp_order[j], levels);
			e = legend_add(sl, SS_MARK, buf_detach(&b, NULL));
			e->mark = chart_cmp_mark(lay_cmp_order[j]);
			e->fill = chart_cmp_colour(c->palette,
						   lay_cmp_order[j]);
			e->ink = INK;
		}
		first_break = sl->g.n;
	}
	legend_add(sl, SS_CENTRE, lay_fit_text(t, bench_label(c), LEGEND_SIZE,
					       0, maxw / 3));
	if (region)
		legend_add(sl, SS_REGION,
			   lay_fit_text(t, c->region_name && *c->region_name ?
					   c->region_name : "Region",
					LEGEND_SIZE, 0, maxw / 3));
	legend_add(sl, SS_RANGE,
		   xstrdup("Range of authorities, worst to best"));
	legend_add(sl, SS_MIDDLE,
		   xstrdup("Middle half (25th to 75th percentile)"));
	if (cut)
		legend_add(sl, SS_TEXT,
			   xstrdup("c = withheld for confidentiality"));
	buf_release(&b);
	lay_legend_flow(t, &sl->g, maxw, first_break);
}

/* Draws the legend with its first row's text top at top, as
 * lay_legend_emit() would, with this chart's swatches. */
static void legend_emit(struct chart_layout *l, struct spine_legend *sl,
			enum chart_palette p, double left, double top)
{
	size_t i;
	struct entry *e;
	double base, mid, x, s;

	for (i = 0; i < sl->g.n; i++) {
		e = &sl->g.v[i];
		base = top + e->row * ROW_PITCH + ASCENT * LEGEND_SIZE;
		mid = base - 0.35 * LEGEND_SIZE;
		x = left + e->x;
		switch (sl->kind[i]) {
		case SS_TEXT:
			break;
		case SS_MARK:
			lay_add_mark(l, e->mark, x + SWATCH_MARK / 2, mid,
				     MARK_R, e->fill, e->ink, 0.6);
			break;
		case SS_CENTRE:
			lay_add_segment(l, x + SWATCH_MARK / 2, mid - 5.0,
					x + SWATCH_MARK / 2, mid + 5.0,
					centre_ink(p), CENTRE_W);
			break;
		case SS_REGION:
			lay_add_segment(l, x + SWATCH_MARK / 2, mid - 3.5,
					x + SWATCH_MARK / 2, mid + 3.5,
					REGION_INK, REGION_W);
			break;
		case SS_RANGE:
			s = SWATCH_LINE / 4;
			lay_add_rect(l, x, mid - 3.0, s, 6.0, outer_ink(p),
				     CHART_NONE, 0);
			lay_add_rect(l, x + s, mid - 3.0, 2 * s, 6.0,
				     inner_ink(p), inner_outline(p), 0.5);
			lay_add_rect(l, x + 3 * s, mid - 3.0, s, 6.0,
				     outer_ink(p), CHART_NONE, 0);
			break;
		case SS_MIDDLE:
			lay_add_rect(l, x, mid - 3.0, SWATCH_MARK, 6.0,
				     inner_ink(p), inner_outline(p), 0.5);
			break;
		}
		if (sl->kind[i] == SS_RANGE)
			x += SWATCH_LINE + SWATCH_GAP;
		else if (sl->kind[i] != SS_TEXT)
			x += SWATCH_MARK + SWATCH_GAP;
		lay_add_text(l, e->text, x, base, LEGEND_SIZE, e->bold,
			     CHART_ALIGN_LEFT, INK);
		e->text = NULL;
	}
}

/* ---- heights ---- */

/* The rows at the nominal pitch, with their section headings. */
static double rows_height(const struct spine_chart *c)
{
	double h = 0;
	size_t i;

	for (i = 0; c->rows && i < c->nrows; i++)
		h += (has_section(&c->rows[i]) ? SECTION_PITCH : 0) +
		     SPINE_PITCH;
	return h;
}

static double title_height(size_t ntitle, size_t nsub)
{
	return ntitle * PITCH * TITLE_SIZE +
	       (nsub ? 1.0 + nsub * PITCH * SUB_SIZE : 0);
}

static double legend_height(size_t nrows)
{
	return nrows ? (nrows - 1) * ROW_PITCH +
			       (ASCENT + DESCENT) * LEGEND_SIZE :
		       0;
}

static double foot_height(size_t nfoot)
{
	return nfoot ? nfoot * PITCH * FOOT_SIZE -
			       (PITCH - ASCENT - DESCENT) * FOOT_SIZE :
		       0;
}

/* Everything but the rows. */
static double chrome_height(size_t ntitle, size_t nsub, size_t nlegend,
			    size_t nfoot)
{
	return MARGIN + title_height(ntitle, nsub) + BODY_GAP + HEADER_H +
	       LEGEND_GAP + legend_height(nlegend) +
	       (nfoot ? FOOT_GAP + foot_height(nfoot) : 0) + MARGIN;
}

/* Wraps s (when given) and counts its lines. */
static size_t count_lines(const struct lay_text *t, const char *s,
			  double size, int bold, double maxw)
{
	struct lines ls = { 0, 0, NULL };
	size_t n;

	if (!s || !*s)
		return 0;
	lay_wrap(t, s, size, bold, maxw, &ls);
	n = ls.n;
	lay_lines_release(&ls);
	return n;
}

double chart_spine_height(const struct spine_chart *c)
{
	struct lay_text T = { NULL, NULL };
	struct spine_legend sl;
	double maxw = HEIGHT_WRAP * (CHART_WIDTH_PT - 2 * MARGIN), h;
	size_t nlegend = 0;

	memset(&sl, 0, sizeof(sl));
	if (c->rows && c->nrows) {
		legend_build(&T, c, maxw, &sl);
		nlegend = sl.g.nrows;
		lay_legend_release(&sl.g);
	}
	h = chrome_height(count_lines(&T, c->title, TITLE_SIZE, 1, maxw),
			  count_lines(&T, c->subtitle, SUB_SIZE, 0, maxw),
			  nlegend,
			  count_lines(&T, c->source, FOOT_SIZE, 0, maxw) +
				  count_lines(&T, c->note, FOOT_SIZE, 0,
					      maxw)) +
	    rows_height(c);
	return fmax(h, CHART_HEIGHT_PT);
}

/* ---- the table's columns ---- */

struct cols {
	double name_x, name_w;		/* the indicator, left aligned */
	double period_x, period_w;	/* left aligned */
	double area_r, area_w;		/* values, right aligned at _r */
	double bench_r, bench_w;
	double spine_l, spine_r;	/* the spine's column */
	double mid, half;		/* the spine's scale */
};

/* A value column's width: its values, its header up to a cap. */
static double value_width(const struct lay_text *t, const char *head,
			  double widest)
{
	double w = fmin(lay_text_width(t, head, HEAD_SIZE, 1), VALUE_HEAD_CAP);

	return fmax(fmax(widest, w), VALUE_MIN_W);
}

static int place_cols(const struct lay_text *t, const struct spine_chart *c,
		      double width, struct cols *k)
{
	double inner = width - 2 * MARGIN, vw = 0, ew = 0, pw, indent = 0;
	size_t i;
	char *s;

	pw = lay_text_width(t, "Period", HEAD_SIZE, 1);
	for (i = 0; i < c->nrows; i++) {
		const struct spine_row *r = &c->rows[i];

		s = area_text(r);
		vw = fmax(vw, lay_text_width(t, s, ROW_SIZE, 0));
		free(s);
		s = bench_text(r);
		ew = fmax(ew, lay_text_width(t, s, ROW_SIZE, 0));
		free(s);
		if (r->period)
			pw = fmax(pw, lay_text_width(t, r->period, ROW_SIZE,
						     0));
		if (has_section(r))
			indent = SECTION_INDENT;
	}
	k->period_w = fmin(pw, PERIOD_CAP);
	k->area_w = value_width(t, area_label(c), vw);
	k->bench_w = value_width(t, bench_label(c), ew);
	k->spine_r = width - MARGIN;
	k->spine_l = k->spine_r - SPINE_SHARE * inner;
	k->bench_r = k->spine_l - COL_GAP;
	k->area_r = k->bench_r - k->bench_w - COL_GAP;
	k->period_x = k->area_r - k->area_w - COL_GAP - k->period_w;
	k->name_x = MARGIN + indent;
	k->name_w = k->period_x - COL_GAP - k->name_x;
	k->mid = (k->spine_l + k->spine_r) / 2;
	k->half = (k->spine_r - k->spine_l) / 2 - SPINE_PAD;
	if (k->name_w < NAME_MIN_W)
		return error("chart '%s': a page %.0f pt wide leaves no room "
			     "for the indicators' names", c->title, width);
	return 0;
}

/* A value column's header, right aligned at x, on the header's two lines
 * (one line sits on the lower), each cut to fit w. */
static void value_header(struct chart_layout *l, const struct lay_text *t,
			 const char *head, double x, double w, double base1,
			 double base2)
{
	struct lines ls = { 0, 0, NULL };
	struct buf rest = BUF_INIT;
	size_t i;

	lay_wrap(t, head, HEAD_SIZE, 1, w, &ls);
	if (ls.n == 1) {
		lay_add_text(l, lay_fit_text(t, ls.v[0], HEAD_SIZE, 1, w), x,
			     base2, HEAD_SIZE, 1, CHART_ALIGN_RIGHT, INK);
	} else if (ls.n > 1) {
		for (i = 1; i < ls.n; i++) {
			if (i > 1)
				buf_addch(&rest, ' ');
			buf_adds(&rest, ls.v[i]);
		}
		lay_add_text(l, lay_fit_text(t, ls.v[0], HEAD_SIZE, 1, w), x,
			     base1, HEAD_SIZE, 1, CHART_ALIGN_RIGHT, INK);
		lay_add_text(l, lay_fit_text(t, rest.buf, HEAD_SIZE, 1, w), x,
			     base2, HEAD_SIZE, 1, CHART_ALIGN_RIGHT, INK);
	}
	buf_release(&rest);
	lay_lines_release(&ls);
}

static void emit_header(struct chart_layout *l, const struct lay_text *t,
			const struct spine_chart *c, const struct cols *k,
			double top)
{
	double base1 = top + ASCENT * HEAD_SIZE;
	double base2 = base1 + PITCH * HEAD_SIZE;
	double sw = k->spine_r - k->spine_l;
	const char *lo = "Worst / lowest", *hi = "Best / highest";

	lay_add_text(l, xstrdup("Indicator"), MARGIN, base2, HEAD_SIZE, 1,
		     CHART_ALIGN_LEFT, INK);
	lay_add_text(l, xstrdup("Period"), k->period_x, base2, HEAD_SIZE, 1,
		     CHART_ALIGN_LEFT, INK);
	value_header(l, t, area_label(c), k->area_r, k->area_w, base1, base2);
	value_header(l, t, bench_label(c), k->bench_r, k->bench_w, base1,
		     base2);
	if (lay_text_width(t, lo, HEAD_SIZE, 0) +
		    lay_text_width(t, hi, HEAD_SIZE, 0) + 4.0 > sw) {
		lo = "Worst";
		hi = "Best";
	}
	lay_add_text(l, xstrdup(lo), k->spine_l, base2, HEAD_SIZE, 0,
		     CHART_ALIGN_LEFT, INK2);
	lay_add_text(l, xstrdup(hi), k->spine_r, base2, HEAD_SIZE, 0,
		     CHART_ALIGN_RIGHT, INK2);
	lay_add_segment(l, MARGIN, top + HEADER_H, k->spine_r,
			top + HEADER_H, AXIS, 0.75);
}

/* x of v in row r, held inside the spine's column (a value outside the
 * authorities' range, which should not happen, sits at the end). */
static double spine_x(const struct spine_row *r, double v,
		      const struct cols *k)
{
	double x = chart_spine_xpos(r, v, k->mid, k->half);

	return fmin(fmax(x, k->mid - k->half), k->mid + k->half);
}

/* The bar, England's line, the region's and the area's marker. */
static void emit_spine(struct chart_layout *l, const struct spine_chart *c,
		       const struct spine_row *r, const struct cols *k,
		       double top, double pitch)
{
	double mid = top + pitch / 2, bh = BAR_SHARE * pitch, x[4], t;
	enum chart_palette p = c->palette;

	x[0] = chart_spine_xpos(r, r->min, k->mid, k->half);
	x[1] = chart_spine_xpos(r, r->q25, k->mid, k->half);
	x[2] = chart_spine_xpos(r, r->q75, k->mid, k->half);
	x[3] = chart_spine_xpos(r, r->max, k->mid, k->half);
	if (x[0] > x[3]) {	/* flipped: worst (the highest) on the left */
		t = x[0];
		x[0] = x[3];
		x[3] = t;
		t = x[1];
		x[1] = x[2];
		x[2] = t;
	}
	lay_add_rect(l, x[0], mid - bh / 2, x[1] - x[0], bh, outer_ink(p),
		     CHART_NONE, 0);
	lay_add_rect(l, x[1], mid - bh / 2, x[2] - x[1], bh, inner_ink(p),
		     inner_outline(p), 0.5);
	lay_add_rect(l, x[2], mid - bh / 2, x[3] - x[2], bh, outer_ink(p),
		     CHART_NONE, 0);
	lay_add_segment(l, k->mid, top + 1.0, k->mid, top + pitch - 1.0,
			centre_ink(p), CENTRE_W);
	if (isfinite(r->region)) {
		/* a white halo parts it from the dark classic middle */
		t = spine_x(r, r->region, k);
		lay_add_segment(l, t, mid - bh / 2 - 1.5, t, mid + bh / 2 + 1.5,
				0xFFFFFFUL, REGION_W + 1.5);
		lay_add_segment(l, t, mid - bh / 2 - 1.5, t, mid + bh / 2 + 1.5,
				REGION_INK, REGION_W);
	}
	if (isfinite(r->value))
		lay_add_mark(l, chart_cmp_mark(r->cmp), spine_x(r, r->value, k),
			     mid, MARK_R, chart_cmp_colour(p, r->cmp),
			     0x000000UL, 0.6);
}

static void emit_row(struct chart_layout *l, const struct lay_text *t,
		     const struct spine_chart *c, const struct spine_row *r,
		     const struct cols *k, double top, double pitch)
{
	double base = top + pitch / 2 + 0.35 * ROW_SIZE;

	lay_add_segment(l, MARGIN, top + pitch, k->spine_r, top + pitch, GRID,
			0.5);
	lay_add_text(l, lay_fit_text(t, r->name, ROW_SIZE, 0, k->name_w),
		     k->name_x, base, ROW_SIZE, 0, CHART_ALIGN_LEFT, INK);
	if (r->period)
		lay_add_text(l, lay_fit_text(t, r->period, ROW_SIZE, 0,
					     k->period_w),
			     k->period_x, base, ROW_SIZE, 0, CHART_ALIGN_LEFT,
			     INK);
	lay_add_text(l, area_text(r), k->area_r, base, ROW_SIZE, 0,
		     CHART_ALIGN_RIGHT, isfinite(r->value) ? INK : INK2);
	lay_add_text(l, bench_text(r), k->bench_r, base, ROW_SIZE, 0,
		     CHART_ALIGN_RIGHT, isfinite(r->england) ? INK : INK2);
	if (has_spine(r))
		emit_spine(l, c, r, k, top, pitch);
	else
		lay_add_text(l, no_spine_words(c, r), k->mid, base, ROW_SIZE,
			     0, CHART_ALIGN_CENTRE, INK2);
}

int chart_layout_spine(const struct spine_chart *c, double width,
		       double height, chart_measure_fn *measure, void *ctx,
		       struct chart_layout *out)
{
	struct lay_text T = { measure, ctx };
	struct lines title = { 0, 0, NULL }, sub = { 0, 0, NULL },
		     src = { 0, 0, NULL }, note = { 0, 0, NULL };
	struct spine_legend sl;
	struct cols k;
	double inner = width - 2 * MARGIN, top, foot_top, legend_top;
	double stretch, y, pitch, base;
	size_t i, nfoot;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	memset(&sl, 0, sizeof(sl));
	out->width = width;
	out->height = height;
	if (validate(c) < 0)
		return -1;
	if (place_cols(&T, c, width, &k) < 0)
		return -1;

	lay_wrap(&T, c->title, TITLE_SIZE, 1, inner, &title);
	if (c->subtitle && *c->subtitle)
		lay_wrap(&T, c->subtitle, SUB_SIZE, 0, inner, &sub);
	if (c->source && *c->source)
		lay_wrap(&T, c->source, FOOT_SIZE, 0, inner, &src);
	if (c->note && *c->note)
		lay_wrap(&T, c->note, FOOT_SIZE, 0, inner, &note);
	nfoot = src.n + note.n;
	legend_build(&T, c, inner, &sl);

	/* The rows take what the rest leaves, near their nominal pitch. */
	stretch = (height - chrome_height(title.n, sub.n, sl.g.nrows, nfoot)) /
		  rows_height(c);
	if (!(stretch >= MIN_STRETCH)) {
		error("chart '%s': a page of %.0f x %.0f pt leaves no room "
		      "for %zu rows (it needs %.0f pt)", c->title, width,
		      height, c->nrows, chart_spine_height(c));
		goto out;
	}
	stretch = fmin(stretch, MAX_STRETCH);

	/* Top: title and subtitle. */
	top = lay_emit_lines(out, &title, MARGIN, MARGIN, TITLE_SIZE, 1, INK);
	if (sub.n)
		top = lay_emit_lines(out, &sub, MARGIN, top + 1.0, SUB_SIZE, 0,
				     INK2);
	top += BODY_GAP;

	/* The spine's scale maps -1 (worst) .. 1 (best) of England's
	 * extent to the plot's width: chart_layout_xpos(out, 0) is the
	 * centre line. */
	out->plot_left = k.mid - k.half;
	out->plot_right = k.mid + k.half;
	out->plot_top = top + HEADER_H;
	out->y_min = -1.0;
	out->y_max = 1.0;
	emit_header(out, &T, c, &k, top);

	y = out->plot_top;
	for (i = 0; i < c->nrows; i++) {
		const struct spine_row *r = &c->rows[i];

		if (has_section(r)) {
			pitch = stretch * SECTION_PITCH;
			base = y + pitch - DESCENT * SECTION_SIZE - 1.5;
			lay_add_text(out, lay_fit_text(&T, r->section,
						       SECTION_SIZE, 1,
						       k.spine_r - MARGIN),
				     MARGIN, base, SECTION_SIZE, 1,
				     CHART_ALIGN_LEFT, INK);
			y += pitch;
		}
		pitch = stretch * SPINE_PITCH;
		emit_row(out, &T, c, r, &k, y, pitch);
		y += pitch;
	}
	out->plot_bottom = y;

	/* Bottom up: the note, the source, the legend. */
	foot_top = height - MARGIN - foot_height(nfoot);
	legend_top = foot_top - (nfoot ? FOOT_GAP : 0) -
		     legend_height(sl.g.nrows);
	legend_emit(out, &sl, c->palette, MARGIN, legend_top);
	top = lay_emit_lines(out, &src, MARGIN, foot_top, FOOT_SIZE, 0, INK2);
	lay_emit_lines(out, &note, MARGIN, top, FOOT_SIZE, 0, INK2);
	ret = 0;
out:
	lay_legend_release(&sl.g);
	lay_lines_release(&title);
	lay_lines_release(&sub);
	lay_lines_release(&src);
	lay_lines_release(&note);
	return ret;
}

/* ---- the text alternative ---- */

/* Where v sits among the authorities, by the quarter cut-offs, each
 * band's upper limit inclusive (as LAIT's quartiles): "in the best
 * quarter of authorities". Without the median, the two middle quarters
 * are one: "the middle half". */
static void add_quarter(struct buf *b, const struct spine_row *r, double v)
{
	int band = v <= r->q25 ? 0 : v <= r->q75 ? 1 : 2;	/* by value */
	static const char *const high[3] = { "lowest quarter", "middle half",
					     "highest quarter" };
	static const char *const good[3] = { "worst quarter", "middle half",
					     "best quarter" };

	if (r->polarity == POLARITY_LOW_GOOD)
		band = 2 - band;
	buf_addf(b, "in the %s of authorities",
		 judged(r) ? good[band] : high[band]);
}

static void describe_row(struct buf *b, const struct spine_chart *c,
			 const struct spine_row *r)
{
	int dp = r->decimals < 0 ? 0 : r->decimals > 6 ? 6 : r->decimals;

	buf_adds(b, r->name);
	if (r->period && *r->period)
		buf_addf(b, ", %s", r->period);
	buf_addf(b, ": %s ", area_label(c));
	if (isfinite(r->value)) {
		lay_add_value(b, r->value, dp);
		buf_adds(b, " (");
		lay_add_cmp_phrase(b, r->cmp, bench_label(c));
		buf_addch(b, ')');
	} else {
		buf_adds(b, withheld(r) ? "withheld (c)" : "no data");
	}
	buf_addf(b, "; %s ", bench_label(c));
	lay_add_value(b, r->england, dp);
	if (!has_spine(r)) {
		if (!r->insufficient && !isfinite(r->england))
			buf_addf(b, "; no range is drawn as there is no %s "
				 "value", bench_label(c));
		else
			buf_adds(b, "; too few authorities have a value to "
				    "show their range");
		buf_adds(b, ".\n");
		return;
	}
	buf_adds(b, "; authorities range from ");
	lay_add_value(b, r->min, dp);
	buf_adds(b, " to ");
	lay_add_value(b, r->max, dp);
	buf_adds(b, ", middle half ");
	lay_add_value(b, r->q25, dp);
	buf_adds(b, " to ");
	lay_add_value(b, r->q75, dp);
	if (isfinite(r->region)) {
		buf_addf(b, "; %s ", c->region_name && *c->region_name ?
				      c->region_name : "region");
		lay_add_value(b, r->region, dp);
	}
	if (isfinite(r->value)) {
		buf_adds(b, "; ");
		add_quarter(b, r, r->value);
	}
	buf_adds(b, ".\n");
}

void chart_describe_spine(const struct spine_chart *c, struct buf *out)
{
	size_t i;

	lay_add_sentence(out, c->title ? c->title : "Summary spine chart");
	if (c->subtitle && *c->subtitle)
		lay_add_sentence(out, c->subtitle);
	if (!c->nrows || !c->rows)
		return;
	for (i = 0; i < c->nrows; i++)
		if (!c->rows[i].name)
			return;
	buf_addf(out, "Spine chart of %zu indicator%s for %s: each row places "
		 "the area's value within the range of every authority's "
		 "value, with %s at the centre and the better end on the "
		 "right (the higher end where neither is better).\n",
		 c->nrows, c->nrows == 1 ? "" : "s", area_label(c),
		 bench_label(c));
	for (i = 0; i < c->nrows; i++) {
		if (has_section(&c->rows[i]))
			buf_addf(out, "%s:\n", c->rows[i].section);
		describe_row(out, c, &c->rows[i]);
	}
	if (c->note && *c->note)
		lay_add_sentence(out, c->note);
	if (c->source && *c->source)
		lay_add_sentence(out, c->source);
}
