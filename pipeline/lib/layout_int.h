/* layout_int.h - what layout.c shares with the other chart layouts
 * (layout_compare.c), private to libjsna: sizes and inks, display-list
 * builders, wrapped text, the legend, and the wording of values and
 * outcomes. Pure, like the layouts: no cairo, no files.
 */
#ifndef JSNA_LAYOUT_INT_H
#define JSNA_LAYOUT_INT_H

#include <stddef.h>

#include "jsna/buf.h"
#include "jsna/chart.h"
#include "jsna/stats.h"
#include "jsna/util.h"

#define MARGIN 8.0
#define TITLE_SIZE 11.0
#define SUB_SIZE 9.0
#define AXIS_SIZE 8.5
#define LEGEND_SIZE 8.5
#define FOOT_SIZE 8.0
#define PITCH 1.25		/* line spacing, times the font size */
#define ASCENT 0.93
#define DESCENT 0.24

#define INK 0x0B0C0CUL		/* GOV.UK text */
#define INK2 0x505A5FUL		/* GOV.UK secondary text */
#define GRID 0xDDDDDDUL
#define AXIS 0x505A5FUL
#define CI_INK 0x505A5FUL

#define POINT_R 3.3
#define BENCH_R 1.7
#define CI_CAP 2.2

/* Legend order of the outcomes. */
#define NCMP 13
extern const enum stats_cmp lay_cmp_order[NCMP];

/* How text is measured: measure(ctx, ...), or estimated when NULL. */
struct lay_text {
	chart_measure_fn *measure;
	void *ctx;
};

double lay_text_width(const struct lay_text *t, const char *s, double size,
		      int bold);

/* Display-list items; text is taken (owned by the layout). */
struct chart_item *lay_add_item(struct chart_layout *l, enum chart_op op);
void lay_add_text(struct chart_layout *l, char *text, double x, double y,
		  double size, int bold, enum chart_align align,
		  unsigned long ink);
struct chart_item *lay_add_line(struct chart_layout *l, size_t npts,
				unsigned long ink, double width,
				enum chart_dash dash);
void lay_add_segment(struct chart_layout *l, double x0, double y0, double x1,
		     double y1, unsigned long ink, double width);
/* A vertical 95% CI bar at x from y0 (top) to y1, with caps. */
void lay_add_ci_bar(struct chart_layout *l, double x, double y0, double y1);
/* A level one, black (UX.md: compare-areas error bars), at y from x0
 * (left) to x1. */
void lay_add_ci_hbar(struct chart_layout *l, double y, double x0, double x1);
void lay_add_mark(struct chart_layout *l, enum chart_mark m, double x,
		  double y, double r, unsigned long fill, unsigned long stroke,
		  double width);
void lay_add_rect(struct chart_layout *l, double x, double y, double w,
		  double h, unsigned long fill, unsigned long stroke,
		  double width);

/* Lines of wrapped text, owned. */
struct lines {
	size_t n, alloc;
	char **v;
};

void lay_lines_release(struct lines *ls);
/* Word-wraps s to maxw, breaking at spaces and newlines, into ls. */
void lay_wrap(const struct lay_text *t, const char *s, double size, int bold,
	      double maxw, struct lines *ls);
/* Places the lines (taking their strings) from top; returns the y under
 * the block. */
double lay_emit_lines(struct chart_layout *l, struct lines *ls, double x,
		      double top, double size, int bold, unsigned long ink);

/* ---- the frame every chart shares ---- */

/* The title (bold) and subtitle from the top margin, wrapped to maxw;
 * returns the y under them. */
double lay_titles(struct chart_layout *l, const struct lay_text *t,
		  const char *title, const char *subtitle, double maxw);

/* The source and the note at the foot of the page, wrapped to maxw. */
struct lay_foot {
	struct lines src, note;
	double top;		/* where the first line starts */
};
void lay_foot_wrap(const struct lay_text *t, const char *source,
		   const char *note, double maxw, double height,
		   struct lay_foot *f);
/* Draws the source and note (taking their lines). */
void lay_foot_emit(struct chart_layout *l, struct lay_foot *f);
void lay_foot_release(struct lay_foot *f);

/* ---- legend ---- */

enum swatch { SW_TEXT, SW_LINE, SW_MARK, SW_CI, SW_RECT };

struct entry {
	enum swatch sw;
	unsigned long ink, fill;
	double width;
	enum chart_dash dash;
	enum chart_mark mark;
	char *text;		/* owned */
	int bold;
	int horizontal;		/* SW_CI: drawn level, as on a bar chart */
	int point;		/* SW_LINE: the mark full size, in fill,
				 * ringed in ring */
	unsigned long ring;
	double w;		/* whole entry width */
	double x;		/* left, from the legend's left */
	size_t row;
};

struct legend {
	size_t n, alloc, nrows;
	struct entry *v;
};

#define SWATCH_LINE 20.0
#define SWATCH_MARK 9.0
#define SWATCH_GAP 4.0
#define ENTRY_GAP 12.0
#define ROW_PITCH (1.45 * LEGEND_SIZE)

struct entry *lay_legend_add(struct legend *g, enum swatch sw, char *text);
/* Measures the entries and flows them into rows of width maxw, starting a
 * new row at entry first_break (when not 0). */
void lay_legend_flow(const struct lay_text *t, struct legend *g, double maxw,
		     size_t first_break);
/* Draws the legend with its first row's text top at top. */
void lay_legend_emit(struct chart_layout *l, struct legend *g, double left,
		     double top);
void lay_legend_release(struct legend *g);
/* The top of legend g above the foot f, 7 pt apart when there is one. */
double lay_legend_top(const struct legend *g, const struct lay_foot *f);

/* ---- words ---- */

int lay_cmp_is_998(enum stats_cmp c);
/* 1 for the directions known without a test ("Higher, not tested"). */
int lay_cmp_is_untested(enum stats_cmp c);
/* The legend word of an outcome ("Better (95%)" when levels is 1). */
void lay_add_cmp_word(struct buf *b, enum stats_cmp c, int levels);
/* v as readers see it, or "no value". */
void lay_add_value(struct buf *b, double v, int dp);
char *lay_value_text(double v, int dp);
/* "similar", "better", "not compared"... */
void lay_add_cmp_lower(struct buf *b, enum stats_cmp c);
/* "similar to England", "better than England at the 99.8% level"... */
void lay_add_cmp_phrase(struct buf *b, enum stats_cmp c, const char *bench);
/* s and a full stop unless it ends with one, then a newline. */
void lay_add_sentence(struct buf *b, const char *s);
/* Decimals of a tick step. */
int lay_step_decimals(double step);
/* Round ticks over [lo, hi] for a scale of length len points, one tick
 * per pitch points at most, between 3 and most: sets l's ticks, their
 * decimals and y_min / y_max (the scale's ends). */
void lay_set_ticks(struct chart_layout *l, double lo, double hi, double len,
		   double pitch, int most);
/* The label of tick i of l (start + i * step, -0 as 0). */
char *lay_tick_text(const struct chart_layout *l, int i);
/* s cut to fit maxw, ending in an ellipsis when cut. */
char *lay_fit_text(const struct lay_text *t, const char *s, double size,
		   int bold, double maxw);

#endif
