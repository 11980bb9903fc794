/* layout.c - trend chart geometry and text alternative; see chart.h.
 *
 * Pure: no cairo, no files. Every size is in points on a page whose
 * origin is the top left corner. Text is placed by its baseline; a line of
 * DejaVu Sans reaches ASCENT * size above it and DESCENT * size below.
 */
#include "jsna/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/number.h"
#include "layout_int.h"

#define MAX_SERIES 5
#define AREA_INK 0x12436DUL	/* AF dark blue */
#define BENCH_INK 0x000000UL

#define AREA_WIDTH 2.0
#define SERIES_WIDTH 1.5
#define END_GAP (POINT_R + 8.0)	/* last point to its end label */

/* The non-area series after the benchmark, in AF categorical order, and
 * darker shades of the same hues for their text (4.5:1 on white). */
static const unsigned long other_ink[] = { 0x28A197UL, 0x801650UL,
					   0xA285D1UL };
static const unsigned long other_text[] = { 0x17756EUL, 0x801650UL,
					    0x6F4FA8UL };
static const enum chart_dash other_dash[] = { CHART_DASH_DASHED,
					      CHART_DASH_DOTTED,
					      CHART_DASH_DASHDOT };

/* Legend order of the outcomes. */
const enum stats_cmp lay_cmp_order[NCMP] = {
	CMP_BEST, CMP_BETTER, CMP_SIMILAR, CMP_WORSE, CMP_WORST,
	CMP_HIGHEST, CMP_HIGHER, CMP_LOWER, CMP_LOWEST, CMP_HIGHER_UNTESTED,
	CMP_SAME_UNTESTED, CMP_LOWER_UNTESTED, CMP_NOT_COMPARED
};

int chart_nice_ticks(double lo, double hi, int max_ticks, double *start,
		     double *step, int *n)
{
	static const double mult[] = { 1.0, 2.0, 5.0 };
	double mag, s, first, last;
	int e, i;
	long k;

	*start = NAN;
	*step = NAN;
	*n = 0;
	if (!isfinite(lo) || !isfinite(hi) || lo > hi || max_ticks < 2)
		return -1;
	if (!(hi > lo)) {
		double d = fabs(lo) > 0 ? fabs(lo) * 0.1 : 1.0;

		lo -= d;
		hi += d;
	}
	if (!isfinite(hi - lo))
		return -1;
	/* Start one decade below the step that would give max_ticks. */
	mag = floor(log10((hi - lo) / (max_ticks - 1))) - 1;
	for (e = (int)mag; e < (int)mag + 4; e++) {
		for (i = 0; i < 3; i++) {
			s = mult[i] * pow(10.0, e);
			first = floor(lo / s + 1e-9) * s;
			last = ceil(hi / s - 1e-9) * s;
			k = lround((last - first) / s) + 1;
			if (k < 2)
				k = 2;
			if (k <= max_ticks) {
				*start = first;
				*step = s;
				*n = (int)k;
				return 0;
			}
		}
	}
	return -1;
}

unsigned long chart_cmp_colour(enum chart_palette p, enum stats_cmp cmp)
{
	int classic = p == PALETTE_FINGERTIPS;

	switch (cmp) {
	case CMP_SIMILAR:
		return classic ? 0xFFC000UL : 0xFFDD00UL;
	case CMP_BETTER:
		return classic ? 0x92D050UL : 0x00703CUL;
	case CMP_WORSE:
		return classic ? 0xC00000UL : 0xD4351CUL;
	case CMP_BEST:
		return classic ? 0x00B092UL : 0x85994BUL;
	case CMP_WORST:
		return classic ? 0x821733UL : 0x831504UL;
	case CMP_HIGHER:
		return classic ? 0xC2CCFFUL : 0x003078UL;
	case CMP_LOWER:
		return classic ? 0x5555E6UL : 0x5694CAUL;
	case CMP_HIGHEST:
		return classic ? 0xC1F4F0UL : 0x1D70B8UL;
	case CMP_LOWEST:
		return classic ? 0x252563UL : 0xAFCFE5UL;
	case CMP_HIGHER_UNTESTED:	/* no significance: no colour */
	case CMP_LOWER_UNTESTED:
	case CMP_SAME_UNTESTED:
	case CMP_NOT_COMPARED:
		break;
	}
	return classic ? 0xC9C9C9UL : 0xFFFFFFUL;
}

enum chart_mark chart_cmp_mark(enum stats_cmp cmp)
{
	switch (cmp) {
	case CMP_SIMILAR:
	case CMP_SAME_UNTESTED:
		return CHART_MARK_CIRCLE;
	case CMP_BETTER:
	case CMP_BEST:
	case CMP_HIGHER:
	case CMP_HIGHEST:
	case CMP_HIGHER_UNTESTED:
		return CHART_MARK_TRIANGLE_UP;
	case CMP_WORSE:
	case CMP_WORST:
	case CMP_LOWER:
	case CMP_LOWEST:
	case CMP_LOWER_UNTESTED:
		return CHART_MARK_TRIANGLE_DOWN;
	case CMP_NOT_COMPARED:
		break;
	}
	return CHART_MARK_DIAMOND;
}

int lay_cmp_is_untested(enum stats_cmp c)
{
	return c != CMP_NOT_COMPARED && !stats_cmp_tested(c);
}

int lay_cmp_is_998(enum stats_cmp c)
{
	return c == CMP_BEST || c == CMP_WORST || c == CMP_HIGHEST ||
	       c == CMP_LOWEST;
}

/* The legend word of an outcome. When levels is 1 (some point is at the
 * 99.8% level) the judgements say which level: "Better (95%)". */
void lay_add_cmp_word(struct buf *b, enum stats_cmp c, int levels)
{
	buf_adds(b, stats_cmp_label(c));
	if (levels && c != CMP_SIMILAR && c != CMP_NOT_COMPARED &&
	    !lay_cmp_is_untested(c))
		buf_adds(b, lay_cmp_is_998(c) ? " (99.8%)" : " (95%)");
}

/* Appends v as readers see it, or "no value". */
void lay_add_value(struct buf *b, double v, int dp)
{
	if (!isfinite(v))
		buf_adds(b, "no value");
	else
		number_format(b, v, dp);
}

char *lay_value_text(double v, int dp)
{
	struct buf b = BUF_INIT;

	lay_add_value(&b, v, dp);
	return buf_detach(&b, NULL);
}

/* s cut to fit maxw, ending in an ellipsis when cut. */
char *lay_fit_text(const struct lay_text *t, const char *s, double size,
		      int bold, double maxw)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(s), m;

	if (lay_text_width(t, s, size, bold) <= maxw)
		return xstrdup(s);
	while (n > 0) {
		/* back one code point */
		do
			n--;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80);
		for (m = n; m > 0 && s[m - 1] == ' '; m--)
			;
		buf_reset(&b);
		buf_add(&b, s, m);
		buf_adds(&b, "\xE2\x80\xA6");	/* ... */
		if (lay_text_width(t, b.buf, size, bold) <= maxw)
			return buf_detach(&b, NULL);
	}
	buf_release(&b);
	return xstrdup("\xE2\x80\xA6");
}

char *lay_tick_text(const struct chart_layout *l, int i)
{
	double v = l->tick_start + i * l->tick_step;

	if (fabs(v) < l->tick_step * 1e-6)
		v = 0;
	return lay_value_text(v, l->tick_decimals);
}

/* ---- layout state ---- */

struct lay {
	const struct trend_chart *c;
	struct chart_layout *l;
	struct lay_text t;
	const struct chart_series *area;	/* or NULL */
	const struct chart_series *bench;	/* or NULL */
};

double lay_text_width(const struct lay_text *t, const char *s,
		      double size, int bold)
{
	size_t n = 0;

	if (t->measure)
		return t->measure(t->ctx, s, size, bold);
	for (; *s; s++)		/* code points: skip UTF-8 continuations */
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return (double)n * size * (bold ? 0.66 : 0.60);
}

struct chart_item *lay_add_item(struct chart_layout *l, enum chart_op op)
{
	struct chart_item *it;

	XGROW(l->items, l->alloc, l->nitems + 1);
	it = &l->items[l->nitems++];
	memset(it, 0, sizeof(*it));
	it->op = op;
	it->stroke = CHART_NONE;
	it->fill = CHART_NONE;
	return it;
}

/* Takes ownership of text. */
void lay_add_text(struct chart_layout *l, char *text, double x, double y,
		     double size, int bold, enum chart_align align,
		     unsigned long ink)
{
	struct chart_item *it = lay_add_item(l, CHART_OP_TEXT);

	it->text = text;
	it->x = x;
	it->y = y;
	it->size = size;
	it->bold = bold;
	it->align = align;
	it->stroke = ink;
}

struct chart_item *lay_add_line(struct chart_layout *l, size_t npts,
				   unsigned long ink, double width,
				   enum chart_dash dash)
{
	struct chart_item *it = lay_add_item(l, CHART_OP_LINE);

	it->npts = npts;
	it->pts = xcalloc(2 * npts, sizeof(double));
	it->stroke = ink;
	it->width = width;
	it->dash = dash;
	return it;
}

void lay_add_segment(struct chart_layout *l, double x0, double y0,
			double x1, double y1, unsigned long ink, double width)
{
	struct chart_item *it = lay_add_line(l, 2, ink, width, CHART_DASH_SOLID);

	it->pts[0] = x0;
	it->pts[1] = y0;
	it->pts[2] = x1;
	it->pts[3] = y1;
}

/* A 95% CI bar at x from y0 (top) to y1, with caps. */
void lay_add_ci_bar(struct chart_layout *l, double x, double y0, double y1)
{
	struct chart_item *it = lay_add_line(l, 8, CI_INK, 0.8, CHART_DASH_SOLID);
	const double pts[16] = { x - CI_CAP, y0, x + CI_CAP, y0, NAN, NAN,
				 x, y0, x, y1, NAN, NAN,
				 x - CI_CAP, y1, x + CI_CAP, y1 };

	memcpy(it->pts, pts, sizeof(pts));
}

void lay_add_rect(struct chart_layout *l, double x, double y, double w,
		  double h, unsigned long fill, unsigned long stroke,
		  double width)
{
	struct chart_item *it = lay_add_item(l, CHART_OP_RECT);

	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->fill = fill;
	it->stroke = stroke;
	it->width = width;
}

void lay_add_ci_hbar(struct chart_layout *l, double y, double x0, double x1)
{
	struct chart_item *it = lay_add_line(l, 8, 0x000000UL, 0.8,
					     CHART_DASH_SOLID);
	const double pts[16] = { x0, y - CI_CAP, x0, y + CI_CAP, NAN, NAN,
				 x0, y, x1, y, NAN, NAN,
				 x1, y - CI_CAP, x1, y + CI_CAP };

	memcpy(it->pts, pts, sizeof(pts));
}

void lay_add_mark(struct chart_layout *l, enum chart_mark m, double x,
		     double y, double r, unsigned long fill,
		     unsigned long stroke, double width)
{
	struct chart_item *it = lay_add_item(l, CHART_OP_MARK);

	it->mark = m;
	it->x = x;
	it->y = y;
	it->size = r;
	it->fill = fill;
	it->stroke = stroke;
	it->width = width;
}


void lay_lines_release(struct lines *ls)
{
	size_t i;

	for (i = 0; i < ls->n; i++)
		free(ls->v[i]);
	free(ls->v);
	memset(ls, 0, sizeof(*ls));
}

/* Word-wraps s to maxw, breaking at spaces and at every newline; the
 * lines are appended to ls. */
void lay_wrap(const struct lay_text *T, const char *s, double size, int bold,
		 double maxw, struct lines *ls)
{
	struct buf line = BUF_INIT, trial = BUF_INIT;
	const char *w, *end;

	for (w = s; *w;) {
		while (*w == ' ')
			w++;
		if (*w == '\n') {
			XGROW(ls->v, ls->alloc, ls->n + 1);
			ls->v[ls->n++] = buf_detach(&line, NULL);
			w++;
			continue;
		}
		if (!*w)
			break;
		end = w + strcspn(w, " \n");
		buf_reset(&trial);
		buf_add(&trial, line.buf, line.len);
		if (line.len)
			buf_addch(&trial, ' ');
		buf_add(&trial, w, (size_t)(end - w));
		if (line.len && lay_text_width(T, trial.buf, size, bold) > maxw) {
			XGROW(ls->v, ls->alloc, ls->n + 1);
			ls->v[ls->n++] = buf_detach(&line, NULL);
			buf_add(&line, w, (size_t)(end - w));
		} else {
			buf_reset(&line);
			buf_add(&line, trial.buf, trial.len);
		}
		w = end;
	}
	if (line.len) {
		XGROW(ls->v, ls->alloc, ls->n + 1);
		ls->v[ls->n++] = buf_detach(&line, NULL);
	}
	buf_release(&line);
	buf_release(&trial);
}

/* Places the lines (taking their strings) from top; returns the y under
 * the block. */
double lay_emit_lines(struct chart_layout *l, struct lines *ls, double x,
			 double top, double size, int bold, unsigned long ink)
{
	size_t i;

	for (i = 0; i < ls->n; i++) {
		lay_add_text(l, ls->v[i], x, top + ASCENT * size + i * PITCH * size,
			 size, bold, CHART_ALIGN_LEFT, ink);
		ls->v[i] = NULL;
	}
	top += ls->n * PITCH * size;
	lay_lines_release(ls);
	return top;
}

/* ---- the frame every chart shares ---- */

double lay_titles(struct chart_layout *l, const struct lay_text *t,
		  const char *title, const char *subtitle, double maxw)
{
	struct lines ls = { 0, 0, NULL };
	double top;

	lay_wrap(t, title, TITLE_SIZE, 1, maxw, &ls);
	top = lay_emit_lines(l, &ls, MARGIN, MARGIN, TITLE_SIZE, 1, INK);
	if (subtitle && *subtitle) {
		lay_wrap(t, subtitle, SUB_SIZE, 0, maxw, &ls);
		top = lay_emit_lines(l, &ls, MARGIN, top + 1.0, SUB_SIZE, 0,
				     INK2);
	}
	return top;
}

void lay_foot_wrap(const struct lay_text *t, const char *source,
		   const char *note, double maxw, double height,
		   struct lay_foot *f)
{
	size_t n;

	memset(f, 0, sizeof(*f));
	if (source && *source)
		lay_wrap(t, source, FOOT_SIZE, 0, maxw, &f->src);
	if (note && *note)
		lay_wrap(t, note, FOOT_SIZE, 0, maxw, &f->note);
	n = f->src.n + f->note.n;
	f->top = height - MARGIN;
	if (n)
		f->top -= n * PITCH * FOOT_SIZE -
			  (PITCH - ASCENT - DESCENT) * FOOT_SIZE;
}

void lay_foot_emit(struct chart_layout *l, struct lay_foot *f)
{
	double top = lay_emit_lines(l, &f->src, MARGIN, f->top, FOOT_SIZE, 0,
				    INK2);

	lay_emit_lines(l, &f->note, MARGIN, top, FOOT_SIZE, 0, INK2);
}

void lay_foot_release(struct lay_foot *f)
{
	lay_lines_release(&f->src);
	lay_lines_release(&f->note);
}

double lay_legend_top(const struct legend *g, const struct lay_foot *f)
{
	return f->top - (f->src.n + f->note.n ? 7.0 : 0.0) -
	       (g->nrows ? (g->nrows - 1) * ROW_PITCH +
				   (ASCENT + DESCENT) * LEGEND_SIZE :
			   0.0);
}

/* ---- legend ---- */


struct entry *lay_legend_add(struct legend *g, enum swatch sw, char *text)
{
	struct entry *e;

	XGROW(g->v, g->alloc, g->n + 1);
	e = &g->v[g->n++];
	memset(e, 0, sizeof(*e));
	e->sw = sw;
	e->text = text;
	return e;
}

/* Line colour, width and dash of series s, and the colour of its text. */
static void series_style(const struct lay *L, const struct chart_series *s,
			 unsigned long *ink, double *width,
			 enum chart_dash *dash, unsigned long *text)
{
	size_t i, k = 0;

	*width = SERIES_WIDTH;
	*dash = CHART_DASH_SOLID;
	if (s == L->area || s == L->bench) {
		*ink = *text = s == L->area ? AREA_INK : BENCH_INK;
		if (s == L->area)
			*width = AREA_WIDTH;
		return;
	}
	for (i = 0; &L->c->series[i] != s; i++)
		if (&L->c->series[i] != L->area && &L->c->series[i] != L->bench)
			k++;
	*ink = other_ink[k];
	*dash = other_dash[k];
	*text = other_text[k];
}

static int point_ok(const struct chart_series *s, size_t i)
{
	return isfinite(s->value[i]);
}

static int is_projected(const struct chart_series *s, size_t i)
{
	return s->projected && s->projected[i];
}

static int has_limits(const struct chart_series *s, size_t i)
{
	return s->lower && s->upper && isfinite(s->lower[i]) &&
	       isfinite(s->upper[i]);
}

/* Builds the legend entries and flows them into rows of width maxw: the
 * series first, then (on a new row) the outcomes drawn. */
static void legend_build(const struct lay *L, double maxw, struct legend *g)
{
	const struct trend_chart *c = L->c;
	int seen[NCMP] = { 0 }, any = 0, levels = 0, has_ci = 0;
	size_t i, j, first_cmp;
	unsigned long text;
	struct entry *e;
	struct buf b = BUF_INIT;

	for (i = 0; i < c->nseries; i++) {
		e = lay_legend_add(g, SW_LINE, xstrdup(c->series[i].name));
		series_style(L, &c->series[i], &e->ink, &e->width, &e->dash,
			     &text);
		e->bold = &c->series[i] == L->area;
		if (&c->series[i] == L->bench)
			e->mark = CHART_MARK_CIRCLE;
	}
	for (i = 0; L->area && L->area->projected && i < c->nperiods; i++)
		if (is_projected(L->area, i) && point_ok(L->area, i))
			break;
	if (L->area && i < c->nperiods && L->area->projected) {
		e = lay_legend_add(g, SW_LINE, xstrdup("Projection"));
		e->ink = AREA_INK;
		e->width = AREA_WIDTH;
		e->dash = CHART_DASH_DASHED;
		e->mark = CHART_MARK_CIRCLE;
		e->point = 1;
		e->fill = 0xFFFFFFUL;
		e->ring = AREA_INK;
	}
	first_cmp = g->n;
	for (i = 0; L->area && i < c->nperiods; i++) {
		if (!point_ok(L->area, i))
			continue;
		if (has_limits(L->area, i))
			has_ci = 1;
		for (j = 0; L->area->cmp && j < NCMP; j++)
			if (lay_cmp_order[j] == L->area->cmp[i])
				seen[j] = any = 1;
		if (L->area->cmp && lay_cmp_is_998(L->area->cmp[i]))
			levels = 1;
	}
	if (any) {
		buf_addf(&b, "Compared with %s:",
			 L->bench ? L->bench->name : "the benchmark");
		lay_legend_add(g, SW_TEXT, buf_detach(&b, NULL));
		for (j = 0; j < NCMP; j++) {
			if (!seen[j])
				continue;
			lay_add_cmp_word(&b, lay_cmp_order[j], levels);
			e = lay_legend_add(g, SW_MARK, buf_detach(&b, NULL));
			e->mark = chart_cmp_mark(lay_cmp_order[j]);
			e->fill = chart_cmp_colour(c->palette, lay_cmp_order[j]);
			e->ink = INK;
		}
	}
	/* The interval belongs with the markers it is drawn on. */
	if (has_ci) {
		e = lay_legend_add(g, SW_CI, xstrdup("95% confidence interval"));
		e->ink = CI_INK;
	}
	lay_legend_flow(&L->t, g, maxw, first_cmp);
}

void lay_legend_flow(const struct lay_text *t, struct legend *g, double maxw,
		     size_t first_break)
{
	size_t i, row = 0;
	double x = 0;
	struct entry *e;

	for (i = 0; i < g->n; i++) {
		double sw;
		char *cut;

		e = &g->v[i];
		sw = e->sw == SW_LINE ? SWATCH_LINE + SWATCH_GAP :
		     e->sw != SW_TEXT ? SWATCH_MARK + SWATCH_GAP : 0.0;
		/* An entry wider than a row is cut to fit, with an ellipsis. */
		if (lay_text_width(t, e->text, LEGEND_SIZE, e->bold) + sw > maxw) {
			cut = lay_fit_text(t, e->text, LEGEND_SIZE, e->bold,
					   maxw - sw);
			free(e->text);
			e->text = cut;
		}
		e->w = lay_text_width(t, e->text, LEGEND_SIZE, e->bold) + sw;
		if ((i == first_break && i > 0) ||
		    (x > 0 && x + e->w > maxw)) {
			row++;
			x = 0;
		}
		e->x = x;
		e->row = row;
		x += e->w + (e->sw == SW_TEXT ? 6.0 : ENTRY_GAP);
	}
	g->nrows = g->n ? row + 1 : 0;
}

/* Draws the legend with its first row's text top at top. */
void lay_legend_emit(struct chart_layout *l, struct legend *g, double left,
			double top)
{
	size_t i;
	struct entry *e;
	double base, mid, x;
	struct chart_item *it;

	for (i = 0; i < g->n; i++) {
		e = &g->v[i];
		base = top + e->row * ROW_PITCH + ASCENT * LEGEND_SIZE;
		mid = base - 0.35 * LEGEND_SIZE;
		x = left + e->x;
		switch (e->sw) {
		case SW_LINE:
			it = lay_add_line(l, 2, e->ink, e->width, e->dash);
			it->pts[0] = x;
			it->pts[1] = mid;
			it->pts[2] = x + SWATCH_LINE;
			it->pts[3] = mid;
			if (e->point)
				lay_add_mark(l, e->mark, x + SWATCH_LINE / 2, mid,
					 POINT_R, e->fill, e->ring,
					 e->ring == 0xFFFFFFUL ? 0.6 : 1.6);
			else if (e->mark != CHART_MARK_NONE)
				lay_add_mark(l, e->mark, x + SWATCH_LINE / 2, mid,
					 BENCH_R, e->ink, CHART_NONE, 0);
			x += SWATCH_LINE + SWATCH_GAP;
			break;
		case SW_MARK:
			lay_add_mark(l, e->mark, x + SWATCH_MARK / 2, mid, POINT_R,
				 e->fill, e->ink, 0.6);
			x += SWATCH_MARK + SWATCH_GAP;
			break;
		case SW_CI:
			if (e->horizontal)
				lay_add_ci_hbar(l, mid, x, x + SWATCH_MARK);
			else
				lay_add_ci_bar(l, x + SWATCH_MARK / 2, mid - 4,
					       mid + 4);
			x += SWATCH_MARK + SWATCH_GAP;
			break;
		case SW_RECT:
			lay_add_rect(l, x, mid - SWATCH_MARK / 2, SWATCH_MARK,
				     SWATCH_MARK, e->fill, e->ink, 0.6);
			x += SWATCH_MARK + SWATCH_GAP;
			break;
		case SW_TEXT:
			break;
		}
		lay_add_text(l, e->text, x, base, LEGEND_SIZE, e->bold,
			 CHART_ALIGN_LEFT, INK);
		e->text = NULL;
	}
}

void lay_legend_release(struct legend *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		free(g->v[i].text);
	free(g->v);
	memset(g, 0, sizeof(*g));
}

/* ---- the chart ---- */

static int validate(const struct trend_chart *c, struct lay *L)
{
	size_t i, j, nvalues = 0;

	if (!c->title || !*c->title)
		return error("chart: no title");
	if (!c->nperiods || !c->period_labels)
		return error("chart '%s': no periods", c->title);
	if (!c->nseries || !c->series || c->nseries > MAX_SERIES)
		return error("chart '%s': %zu series (1 to %d allowed)",
			     c->title, c->nseries, MAX_SERIES);
	if (c->decimals < 0 || c->decimals > 6)
		return error("chart '%s': %d decimals (0 to 6 allowed)",
			     c->title, c->decimals);
	for (i = 0; i < c->nperiods; i++)
		if (!c->period_labels[i])
			return error("chart '%s': period %zu has no label",
				     c->title, i + 1);
	for (i = 0; i < c->nseries; i++) {
		const struct chart_series *s = &c->series[i];

		if (!s->name || !s->value)
			return error("chart '%s': series %zu has no %s",
				     c->title, i + 1,
				     s->name ? "values" : "name");
		if (s->is_area) {
			if (L->area)
				return error("chart '%s': more than one area "
					     "series", c->title);
			L->area = s;
		} else if (!L->bench) {
			L->bench = s;
		}
		for (j = 0; j < c->nperiods; j++)
			if (isfinite(s->value[j]))
				nvalues++;
	}
	if (!nvalues)
		return error("chart '%s': no values to plot", c->title);
	return 0;
}

/* The data range: every value, and the area's drawn CI limits. */
static void data_range(const struct lay *L, double *lo, double *hi)
{
	const struct trend_chart *c = L->c;
	size_t i, j;
	double v;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (i = 0; i < c->nseries; i++) {
		const struct chart_series *s = &c->series[i];

		for (j = 0; j < c->nperiods; j++) {
			if (!isfinite(v = s->value[j]))
				continue;
			*lo = fmin(*lo, v);
			*hi = fmax(*hi, v);
			if (s != L->area || !s->lower || !s->upper)
				continue;
			if (isfinite(s->lower[j]))
				*lo = fmin(*lo, s->lower[j]);
			if (isfinite(s->upper[j]))
				*hi = fmax(*hi, s->upper[j]);
		}
	}
	if (c->y_from_zero) {
		*lo = fmin(*lo, 0.0);
		*hi = fmax(*hi, 0.0);
	}
}

double chart_layout_ypos(const struct chart_layout *l, double v)
{
	return l->plot_bottom - (v - l->y_min) / (l->y_max - l->y_min) *
				(l->plot_bottom - l->plot_top);
}

void lay_set_ticks(struct chart_layout *l, double lo, double hi, double len,
		   double pitch, int most)
{
	int max_ticks = (int)(len / pitch) + 1;

	if (max_ticks > most)
		max_ticks = most;
	if (max_ticks < 3)
		max_ticks = 3;
	chart_nice_ticks(lo, hi, max_ticks, &l->tick_start, &l->tick_step,
			 &l->nticks);
	l->tick_decimals = lay_step_decimals(l->tick_step);
	l->y_min = l->tick_start;
	l->y_max = l->tick_start + (l->nticks - 1) * l->tick_step;
}

int lay_step_decimals(double step)
{
	int d = (int)-floor(log10(step) + 1e-9);

	return d < 0 ? 0 : d;
}

/* The value of s in the latest period (NaN: no end label). */
static double end_value(const struct trend_chart *c,
			const struct chart_series *s)
{
	return s->value[c->nperiods - 1];
}

/* End labels: each series' value in the latest period, right of its last
 * point, in its colour, pushed apart vertically so they never overlap; a
 * label moved off its point gets a leader line, since colour alone must
 * not say which line it belongs to. */
static void emit_end_labels(const struct lay *L)
{
	const struct trend_chart *c = L->c;
	struct chart_layout *l = L->l;
	struct end {
		double y, at;	/* label's middle; the point's y */
		const struct chart_series *s;
	} e[MAX_SERIES], t;
	size_t n = 0, i, j;
	double gap = 1.2 * AXIS_SIZE, x0, x, d, width;
	unsigned long ink, text;
	enum chart_dash dash;

	for (i = 0; i < c->nseries; i++) {
		double v = end_value(c, &c->series[i]);

		if (!isfinite(v))
			continue;
		e[n].y = e[n].at = chart_layout_ypos(l, v);
		e[n++].s = &c->series[i];
	}
	/* Top to bottom (insertion sort: at most five), then spread. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && e[j].y < e[j - 1].y; j--) {
			t = e[j];
			e[j] = e[j - 1];
			e[j - 1] = t;
		}
	for (i = 1; i < n; i++)
		e[i].y = fmax(e[i].y, e[i - 1].y + gap);
	/* Pushed below the plot: shift the stack back up. */
	d = n ? e[n - 1].y - l->plot_bottom : 0;
	for (i = 0; d > 0 && i < n; i++)
		e[i].y -= d;
	x0 = l->period_x[c->nperiods - 1];
	x = x0 + END_GAP;
	for (i = 0; i < n; i++) {
		series_style(L, e[i].s, &ink, &width, &dash, &text);
		if (fabs(e[i].y - e[i].at) > 3.0)
			lay_add_segment(l, x0 + POINT_R + 1.5, e[i].at, x - 1.5,
				    e[i].y, text, 0.5);
		lay_add_text(l, lay_value_text(end_value(c, e[i].s), c->decimals), x,
			 e[i].y + 0.35 * AXIS_SIZE, AXIS_SIZE,
			 e[i].s == L->area, CHART_ALIGN_LEFT, text);
	}
}

static double end_labels_width(const struct lay *L)
{
	const struct trend_chart *c = L->c;
	double w = 0;
	size_t i;
	char *t;

	for (i = 0; i < c->nseries; i++) {
		double v = end_value(c, &c->series[i]);

		if (!isfinite(v))
			continue;
		t = lay_value_text(v, c->decimals);
		w = fmax(w, lay_text_width(&L->t, t, AXIS_SIZE,
				       &c->series[i] == L->area));
		free(t);
	}
	return w;
}

/* Chooses ticks for a plot of height h; returns the widest tick label. */
static double place_ticks(const struct lay *L, double lo, double hi,
			  double h)
{
	struct chart_layout *l = L->l;
	double w = 0;
	char *t;
	int i;

	lay_set_ticks(l, lo, hi, h, 26.0, 8);
	for (i = 0; i < l->nticks; i++) {
		t = lay_tick_text(l, i);
		w = fmax(w, lay_text_width(&L->t, t, AXIS_SIZE, 0));
		free(t);
	}
	return w;
}

static void emit_series(const struct lay *L, const struct chart_series *s)
{
	const struct trend_chart *c = L->c;
	struct chart_layout *l = L->l;
	struct chart_item *it;
	unsigned long ink, text;
	double width;
	enum chart_dash dash;
	size_t i, n = c->nperiods;

	series_style(L, s, &ink, &width, &dash, &text);
	it = lay_add_line(l, n, ink, width, dash);
	for (i = 0; i < n; i++) {
		it->pts[2 * i] = l->period_x[i];
		it->pts[2 * i + 1] = point_ok(s, i) && !is_projected(s, i) ?
			chart_layout_ypos(l, s->value[i]) : NAN;
	}
	/* Projections carry the line on, dashed, from the last estimate. */
	if (s->projected) {
		it = lay_add_line(l, n, ink, width, CHART_DASH_DASHED);
		for (i = 0; i < n; i++) {
			int join = i + 1 < n && is_projected(s, i + 1) &&
				   !is_projected(s, i);

			it->pts[2 * i] = l->period_x[i];
			it->pts[2 * i + 1] = point_ok(s, i) &&
					     (is_projected(s, i) || join) ?
				chart_layout_ypos(l, s->value[i]) : NAN;
		}
	}
	if (s == L->area)
		return;
	/* Small points: on every benchmark value, and on any other series'
	 * isolated values, which no line would show. */
	for (i = 0; i < n; i++) {
		int alone = (!i || !point_ok(s, i - 1)) &&
			    (i + 1 == n || !point_ok(s, i + 1));

		if (point_ok(s, i) && (s == L->bench || alone))
			lay_add_mark(l, CHART_MARK_CIRCLE, l->period_x[i],
				 chart_layout_ypos(l, s->value[i]), BENCH_R,
				 ink, CHART_NONE, 0);
	}
}

static void emit_area(const struct lay *L)
{
	const struct trend_chart *c = L->c;
	const struct chart_series *s = L->area;
	struct chart_layout *l = L->l;
	size_t i;

	for (i = 0; i < c->nperiods; i++)
		if (point_ok(s, i) && has_limits(s, i))
			lay_add_ci_bar(l, l->period_x[i],
				   chart_layout_ypos(l, s->upper[i]),
				   chart_layout_ypos(l, s->lower[i]));
	emit_series(L, s);
	/* Without comparisons the points are plain dark blue circles. */
	for (i = 0; i < c->nperiods; i++) {
		enum chart_mark m = CHART_MARK_CIRCLE;
		unsigned long fill = AREA_INK;

		if (!point_ok(s, i))
			continue;
		if (is_projected(s, i)) {
			lay_add_mark(l, CHART_MARK_CIRCLE, l->period_x[i],
				 chart_layout_ypos(l, s->value[i]), 0.8 * POINT_R,
				 0xFFFFFFUL, AREA_INK, 1.0);
			continue;
		}
		if (s->cmp) {
			m = chart_cmp_mark(s->cmp[i]);
			fill = chart_cmp_colour(c->palette, s->cmp[i]);
		}
		lay_add_mark(l, m, l->period_x[i],
			 chart_layout_ypos(l, s->value[i]), POINT_R, fill, INK,
			 0.6);
	}
}

/* Period labels are level (LABELS_LEVEL), turned -45 degrees when they do
 * not fit side by side, or level and thinned to every k-th when even
 * turned ones would crowd (or be too long). */
enum label_mode { LABELS_LEVEL, LABELS_TURNED, LABELS_THINNED };

#define SIN45 0.70710678118654752

/* Level labels' tops clear the descent of the lowest tick label, which
 * is centred on plot_bottom. */
#define LABEL_DROP 5.5

static double period_labels_height(enum label_mode m, double maxlabw)
{
	if (m == LABELS_TURNED)
		return LABEL_DROP + 0.75 * AXIS_SIZE + maxlabw * SIN45 +
		       DESCENT * AXIS_SIZE;
	return LABEL_DROP + (ASCENT + DESCENT) * AXIS_SIZE;
}

static enum label_mode label_mode_for(double maxlabw, double dx)
{
	if (maxlabw + 6.0 <= dx)
		return LABELS_LEVEL;
	if (dx >= 2.0 * AXIS_SIZE && maxlabw * SIN45 <= 45.0)
		return LABELS_TURNED;
	return LABELS_THINNED;
}

static void emit_axes(const struct lay *L)
{
	const struct trend_chart *c = L->c;
	struct chart_layout *l = L->l;
	size_t i, n = c->nperiods;
	int k, turned = l->label_angle < 0;
	double y, x;

	for (k = 0; k < l->nticks; k++) {
		y = chart_layout_ypos(l, l->tick_start + k * l->tick_step);
		if (k > 0)
			lay_add_segment(l, l->plot_left, y, l->plot_right, y,
				    GRID, 0.5);
		lay_add_text(l, lay_tick_text(l, k), l->plot_left - 5.0,
			 y + 0.35 * AXIS_SIZE, AXIS_SIZE, 0, CHART_ALIGN_RIGHT,
			 INK);
	}
	/* Zero inside the range gets a darker line. */
	if (l->y_min < 0 && l->y_max > 0) {
		y = chart_layout_ypos(l, 0);
		lay_add_segment(l, l->plot_left, y, l->plot_right, y, 0x8A8A8AUL,
			    0.75);
	}
	lay_add_segment(l, l->plot_left, l->plot_bottom, l->plot_right,
		    l->plot_bottom, AXIS, 0.75);
	for (i = 0; i < n; i++) {
		if ((n - 1 - i) % l->label_every)
			continue;
		x = l->period_x[i];
		lay_add_segment(l, x, l->plot_bottom, x, l->plot_bottom + 3.0,
			    AXIS, 0.75);
		/* Turned labels end at their tick, reading up to it. */
		lay_add_text(l, xstrdup(c->period_labels[i]),
			 turned ? x + 0.3 * AXIS_SIZE : x,
			 l->plot_bottom + LABEL_DROP +
				 (turned ? 0.75 : ASCENT) * AXIS_SIZE,
			 AXIS_SIZE, 0,
			 turned ? CHART_ALIGN_RIGHT : CHART_ALIGN_CENTRE, INK);
		l->items[l->nitems - 1].angle = l->label_angle;
	}
}

int chart_layout_trend(const struct trend_chart *c, double width,
		       double height, chart_measure_fn *measure, void *ctx,
		       struct chart_layout *out)
{
	struct lay L = { c, out, { measure, ctx }, NULL, NULL };
	struct lines ls = { 0, 0, NULL };
	struct lay_foot foot = { { 0, 0, NULL }, { 0, 0, NULL }, 0 };
	struct legend g = { 0, 0, 0, NULL };
	double top, bottom, legend_top, lo, hi, pad, maxlabw = 0;
	double tickw, endw, dx, inner = width - 2 * MARGIN, ext_left, ext_right;
	enum label_mode mode = LABELS_LEVEL, want;
	size_t i, k, n = c->nperiods;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	out->width = width;
	out->height = height;
	if (validate(c, &L) < 0)
		return -1;
	out->nperiods = c->nperiods;
	out->period_x = xcalloc(c->nperiods, sizeof(double));

	/* Top: title, subtitle, the unit over the y axis. */
	top = lay_titles(out, &L.t, c->title, c->subtitle, inner);
	top += 5.0;
	if (c->y_label && *c->y_label) {
		lay_wrap(&L.t, c->y_label, AXIS_SIZE, 0, inner, &ls);
		top = lay_emit_lines(out, &ls, MARGIN, top, AXIS_SIZE, 0, INK);
	}
	out->plot_top = top + 0.6 * AXIS_SIZE;

	/* Bottom up: the note, the source, the legend. */
	lay_foot_wrap(&L.t, c->source, c->note, inner, height, &foot);
	legend_build(&L, inner, &g);
	legend_top = lay_legend_top(&g, &foot);
	bottom = legend_top - 7.0;

	for (i = 0; i < c->nperiods; i++)
		maxlabw = fmax(maxlabw, lay_text_width(&L.t, c->period_labels[i],
						   AXIS_SIZE, 0));
	data_range(&L, &lo, &hi);
	/* A little room above and below data not anchored at zero. */
	pad = 0.04 * (hi - lo);
	if (!(c->y_from_zero && lo >= 0))
		lo -= pad;
	if (!(c->y_from_zero && hi <= 0))
		hi += pad;
	endw = end_labels_width(&L) + END_GAP;
	dx = inner / n;
	/* The plot's height, the ticks' width and the label mode depend on
	 * each other. The mode only ever escalates, so this ends within
	 * three passes. */
	for (;;) {
		out->plot_bottom = bottom - period_labels_height(mode, maxlabw);
		tickw = place_ticks(&L, lo, hi,
				    out->plot_bottom - out->plot_top);
		/* The first and last points sit half a period in from the
		 * plot's sides; what sticks out past them (period labels,
		 * end labels) must stay on the page. Each round halves the
		 * error at least. */
		ext_left = mode == LABELS_TURNED ?
				   maxlabw * SIN45 + 0.4 * AXIS_SIZE :
				   maxlabw / 2;
		ext_right = mode == LABELS_TURNED ? endw :
						    fmax(endw, maxlabw / 2);
		for (k = 0; k < 6; k++) {
			out->plot_left = fmax(MARGIN + tickw + 5.0,
					      MARGIN + ext_left - dx / 2);
			out->plot_right = width - MARGIN -
					  fmax(0.0, ext_right - dx / 2);
			dx = (out->plot_right - out->plot_left) / n;
		}
		want = label_mode_for(maxlabw, dx);
		if (want <= mode)
			break;
		mode = want;
	}
	if (out->plot_bottom - out->plot_top < 30.0 || !(dx > 0)) {
		error("chart '%s': a page of %.0f x %.0f pt leaves no room for "
		      "the plot", c->title, width, height);
		goto out;
	}
	out->label_angle = mode == LABELS_TURNED ? -45.0 : 0.0;
	out->label_every = mode == LABELS_THINNED ?
				   (size_t)ceil((maxlabw + 6.0) / dx) : 1;
	for (i = 0; i < n; i++)
		out->period_x[i] = out->plot_left + (i + 0.5) * dx;

	emit_axes(&L);
	for (i = c->nseries; i-- > 0;)
		if (&c->series[i] != L.area)
			emit_series(&L, &c->series[i]);
	if (L.area)
		emit_area(&L);
	emit_end_labels(&L);
	lay_legend_emit(out, &g, MARGIN, legend_top);
	lay_foot_emit(out, &foot);
	ret = 0;
out:
	lay_legend_release(&g);
	lay_foot_release(&foot);
	return ret;
}

void chart_layout_release(struct chart_layout *l)
{
	size_t i;

	for (i = 0; i < l->nitems; i++) {
		free(l->items[i].pts);
		free(l->items[i].text);
	}
	free(l->items);
	free(l->period_x);
	memset(l, 0, sizeof(*l));
}

/* ---- the text alternative ---- */

/* "similar", "better", "not compared"... */
void lay_add_cmp_lower(struct buf *b, enum stats_cmp c)
{
	const char *w = stats_cmp_label(c);

	buf_addch(b, w[0] | 0x20);
	buf_adds(b, w + 1);
}

/* "similar to England", "better than England at the 99.8% level"... */
void lay_add_cmp_phrase(struct buf *b, enum stats_cmp c,
			   const char *bench)
{
	if (lay_cmp_is_untested(c)) {
		buf_addf(b, "%s %s %s (not tested: no interval)",
			 c == CMP_HIGHER_UNTESTED ? "higher" :
			 c == CMP_LOWER_UNTESTED ? "lower" : "the same",
			 c == CMP_SAME_UNTESTED ? "as" : "than", bench);
		return;
	}
	lay_add_cmp_lower(b, c);
	buf_addf(b, c == CMP_NOT_COMPARED ? " with %s" :
		    c == CMP_SIMILAR ? " to %s" : " than %s", bench);
	if (lay_cmp_is_998(c))
		buf_adds(b, " at the 99.8% level");
}

/* " (lower to upper)" when both limits are there. */
static void add_limits(struct buf *b, const struct chart_series *s,
		       size_t i, const char *lead, int dp)
{
	if (!has_limits(s, i))
		return;
	buf_addf(b, " (%s", lead);
	lay_add_value(b, s->lower[i], dp);
	buf_adds(b, " to ");
	lay_add_value(b, s->upper[i], dp);
	buf_addch(b, ')');
}

/* Appends s and a full stop unless s ends with one already. */
void lay_add_sentence(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	buf_adds(b, s);
	if (n && !strchr(".!?", s[n - 1]))
		buf_addch(b, '.');
	buf_addch(b, '\n');
}

static void add_names(struct buf *b, const struct trend_chart *c)
{
	size_t i;

	for (i = 0; i < c->nseries; i++) {
		if (i)
			buf_adds(b, i + 1 == c->nseries ? " and " : ", ");
		buf_adds(b, c->series[i].name);
	}
}

static void add_trend(struct buf *b, const struct trend_chart *c,
		      const struct chart_series *s, size_t first,
		      size_t last)
{
	int dp = c->decimals;
	char *a = lay_value_text(s->value[first], dp);
	char *z = lay_value_text(s->value[last], dp);
	size_t prev;
	double va = stats_round(s->value[first], dp);
	double vz = stats_round(s->value[last], dp);

	if (strcmp(a, z) == 0)
		buf_addf(b, "%s was %s in %s and in %s", s->name, a,
			 c->period_labels[first], c->period_labels[last]);
	else
		buf_addf(b, "%s %s from %s in %s to %s in %s", s->name,
			 vz > va ? "rose" : "fell", a, c->period_labels[first],
			 z, c->period_labels[last]);
	for (prev = last - 1; prev > first && !isfinite(s->value[prev]);
	     prev--)
		;
	if (prev > first) {
		char *p = lay_value_text(s->value[prev], dp);
		double vp = stats_round(s->value[prev], dp);

		if (strcmp(p, z) == 0)
			buf_addf(b, " (the same as in %s)",
				 c->period_labels[prev]);
		else
			buf_addf(b, " (%s from %s in %s)",
				 vz > vp ? "up" : "down", p,
				 c->period_labels[prev]);
		free(p);
	}
	buf_adds(b, ".\n");
	free(a);
	free(z);
}

void chart_describe_trend(const struct trend_chart *c, struct buf *out)
{
	const struct chart_series *s = NULL, *bench = NULL;
	const char *bname;
	size_t i, j, first = 0, last = 0, nvalues = 0;
	size_t count[NCMP] = { 0 }, kinds = 0, done = 0;
	int dp = c->decimals < 0 ? 0 : c->decimals;

	lay_add_sentence(out, c->title ? c->title : "Trend chart");
	if (!c->nperiods || !c->nseries)
		return;
	/* The focus is the area (else the first series); the benchmark is
	 * the first other series, as on the chart. */
	for (i = 0; i < c->nseries && !s; i++)
		if (c->series[i].is_area)
			s = &c->series[i];
	if (!s)
		s = &c->series[0];
	for (i = 0; i < c->nseries && !bench; i++)
		if (&c->series[i] != s && !c->series[i].is_area)
			bench = &c->series[i];
	bname = bench ? bench->name : "the benchmark";

	if (c->subtitle && *c->subtitle)
		lay_add_sentence(out, c->subtitle);
	buf_addf(out, "Line chart, %s to %s, of ", c->period_labels[0],
		 c->period_labels[c->nperiods - 1]);
	add_names(out, c);
	buf_adds(out, ".\n");
	if (c->y_label && *c->y_label)
		buf_addf(out, "Unit: %s.\n", c->y_label);

	for (i = 0; i < c->nperiods; i++) {
		if (!isfinite(s->value[i]))
			continue;
		if (!nvalues++)
			first = i;
		last = i;
		for (j = 0; s->cmp && j < NCMP; j++)
			if (lay_cmp_order[j] == s->cmp[i] && !count[j]++)
				kinds++;
	}
	if (!nvalues) {
		buf_addf(out, "%s has no values.\n", s->name);
	} else {
		for (i = 0; i < c->nperiods && !is_projected(s, i); i++)
			;
		if (i < c->nperiods)
			buf_addf(out, "From %s the values are projections.\n",
				 c->period_labels[i]);
		buf_addf(out, "In %s, %s %s ", c->period_labels[last],
			 s->name, is_projected(s, last) ?
			 "is projected to be" : "was");
		lay_add_value(out, s->value[last], dp);
		add_limits(out, s, last, "95% confidence interval ", dp);
		if (s->cmp) {
			buf_adds(out, ", ");
			lay_add_cmp_phrase(out, s->cmp[last], bname);
		}
		if (bench && isfinite(bench->value[last])) {
			if (s->cmp)
				buf_adds(out, " (");
			else
				buf_addf(out, "; %s was ", bench->name);
			lay_add_value(out, bench->value[last], dp);
			if (s->cmp)
				buf_addch(out, ')');
		}
		buf_adds(out, ".\n");
		if (last + 1 < c->nperiods)
			buf_addf(out, "There is no value for %s.\n",
				 c->period_labels[c->nperiods - 1]);
		if (last > first)
			add_trend(out, c, s, first, last);
	}
	if (kinds) {
		buf_addf(out, "Compared with %s, %s was ", bname, s->name);
		for (j = 0; j < NCMP; j++) {
			if (!count[j])
				continue;
			if (done++)
				buf_adds(out, done == kinds ? " and " : ", ");
			lay_add_cmp_lower(out, lay_cmp_order[j]);
			if (lay_cmp_is_998(lay_cmp_order[j]))
				buf_adds(out, " at the 99.8% level");
			buf_addf(out, " in %zu period%s", count[j],
				 count[j] == 1 ? "" : "s");
		}
		buf_adds(out, ".\n");
	}

	buf_adds(out, "Values by period:\n");
	for (i = 0; i < c->nperiods; i++) {
		buf_addf(out, "%s: ", c->period_labels[i]);
		for (j = 0; j < c->nseries; j++) {
			const struct chart_series *t = &c->series[j];

			if (j)
				buf_adds(out, "; ");
			buf_addf(out, "%s ", t->name);
			lay_add_value(out, t->value[i], dp);
			if (t != s || !isfinite(t->value[i]))
				continue;
			if (is_projected(t, i))
				buf_adds(out, " (projected)");
			add_limits(out, t, i, "", dp);
			if (t->cmp) {
				buf_adds(out, ", ");
				lay_add_cmp_phrase(out, t->cmp[i], bname);
			}
		}
		buf_adds(out, ".\n");
	}
	if (c->note && *c->note)
		lay_add_sentence(out, c->note);
	if (c->source && *c->source)
		lay_add_sentence(out, c->source);
}
