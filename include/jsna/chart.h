/* chart.h - trend charts for Word papers: a pure layout, drawn by cairo.
 *
 *	struct trend_chart c = { .title = "...", .nperiods = 10, ... };
 *	if (chart_render_trend(&c, CHART_PNG, "charts/x.png") < 0)
 *		return -1;                    already reported with error()
 *	chart_describe_trend(&c, &alt);   plain-text alternative into a buf
 *
 * Inputs are borrowed for a call; a chart_layout owns its items and strings
 * until chart_layout_release(). Errors: error() and -1, never an exit.
 */
#ifndef JSNA_CHART_H
#define JSNA_CHART_H

#include <stddef.h>

#include "jsna/buf.h"
#include "jsna/stats.h"

/* Half an A4 page, 160 mm x 100 mm, in points (the layout's unit). PNG is
 * the same picture at 300 dpi: 1890 x 1181 pixels. */
#define CHART_WIDTH_PT (160.0 * 72.0 / 25.4)
#define CHART_HEIGHT_PT (100.0 * 72.0 / 25.4)
#define CHART_PNG_DPI 300

enum chart_format { CHART_PNG, CHART_SVG, CHART_PDF };

/* Significance fills: GOV.UK / FingertipsNext (the default) or the
 * Fingertips classic red-amber-green (UX.md 1.2). */
enum chart_palette { PALETTE_GOVUK, PALETTE_FINGERTIPS };

/* One line of a trend chart. The area is drawn dark blue #12436D with its
 * points filled by comparison and 95% CI bars. Of the other series, the
 * first is the benchmark (England): black, with small black points, named
 * in the comparison legend; the rest are dashed, dotted and dash-dotted in
 * #28A197, #801650 and #A285D1. Each series' value in the latest period is
 * printed right of its line end (a leader line joins it when moved). */
struct chart_series {
	const char *name;	/* legend text: "Cheshire West and Chester" */
	int is_area;		/* 1: the focus area (at most one series) */
	const double *value;	/* [nperiods], NaN = no value (a gap) */
	const double *lower, *upper;	/* [nperiods] 95% limits or NULL;
					 * drawn for the area only */
	const enum stats_cmp *cmp;	/* [nperiods] against the benchmark,
					 * or NULL; used for the area only */
	const unsigned char *projected;	/* [nperiods] 1: a projection,
					 * or NULL; the area only: drawn
					 * dashed, with hollow points */
};

struct trend_chart {
	const char *title;	/* the message, at most ten words */
	const char *subtitle;	/* measure, area and period, or NULL */
	const char *source;	/* "Source: ..." with the vintage, or NULL */
	const char *note;	/* suppression or other note, or NULL */
	const char *y_label;	/* unit, e.g. "Rate per 10,000", or NULL */
	size_t nperiods;	/* 1 or more */
	const char *const *period_labels;	/* "2017/18", "2018", ... */
	size_t nseries;		/* 1 to 5: the area, England and three more */
	const struct chart_series *series;
	int decimals;		/* of value labels and the description, 0..6 */
	enum chart_palette palette;
	int y_from_zero;	/* 1: the axis includes zero */
};

/* Marker shapes. Colour is never the only carrier of an outcome: similar
 * is a circle, better / best / higher / highest a triangle pointing up,
 * worse / worst / lower / lowest a triangle pointing down, and not
 * compared a diamond; the legend words each outcome drawn. */
enum chart_mark {
	CHART_MARK_NONE,
	CHART_MARK_CIRCLE,
	CHART_MARK_TRIANGLE_UP,
	CHART_MARK_TRIANGLE_DOWN,
	CHART_MARK_DIAMOND
};

enum chart_dash { CHART_DASH_SOLID, CHART_DASH_DASHED, CHART_DASH_DOTTED,
		  CHART_DASH_DASHDOT };

enum chart_align { CHART_ALIGN_LEFT, CHART_ALIGN_CENTRE, CHART_ALIGN_RIGHT };

enum chart_op {
	CHART_OP_LINE,		/* a polyline through pts; a NaN breaks it */
	CHART_OP_MARK,		/* a marker centred on (x, y) */
	CHART_OP_TEXT,		/* one line of text */
	CHART_OP_RECT		/* a rectangle: x, y (top left), w, h */
};

/* Colours are 0xRRGGBB; CHART_NONE means "not drawn". */
#define CHART_NONE 0x1000000UL

/* One drawing instruction, in points from the top left corner. */
struct chart_item {
	enum chart_op op;
	unsigned long stroke;	/* LINE, MARK outline, TEXT colour */
	unsigned long fill;	/* MARK, RECT fill */
	double width;		/* stroke width (LINE, MARK, RECT) */
	enum chart_dash dash;	/* LINE */
	size_t npts;		/* LINE: number of (x, y) pairs in pts */
	double *pts;		/* LINE: owned */
	double x, y;		/* MARK: centre; TEXT: anchor on the baseline;
				 * RECT: top left corner */
	double w, h;		/* RECT: width and height */
	enum chart_mark mark;	/* MARK */
	double size;		/* MARK: radius; TEXT: font size */
	char *text;		/* TEXT: UTF-8, owned */
	int bold;		/* TEXT */
	enum chart_align align;	/* TEXT: x is the left end, middle, right end */
	double angle;		/* TEXT: degrees clockwise about (x, y) */
};

/* Measures the advance width of one line of text in points, in DejaVu Sans
 * (bold when bold is 1) at size points. */
typedef double chart_measure_fn(void *ctx, const char *text, double size,
				int bold);

/* One bar of a compare-areas chart. */
struct compare_bar {
	const char *name;	/* "Cheshire West and Chester" */
	double value;		/* NaN: no value ("no data", or the note) */
	double lower, upper;	/* 95% limits, NaN when none */
	enum stats_cmp cmp;	/* against the comparator (England) */
	int is_area;		/* 1: the focus area: bold label, dark outline */
	int is_benchmark;	/* 1: pinned at the top, in the given order */
	const char *note;	/* "c": the bar says "withheld" (or the
				 * chart's withheld words); or NULL */
};

/* A compare-areas chart (UX.md 1.1 "Compare areas"): horizontal bars, the
 * benchmarks pinned at the top in their order, then the other bars by
 * value descending, or ascending (ties by name, bars with no value
 * last). The first benchmark is the comparator: its bar is grey #B1B4B6
 * and it names the legend, "Area compared to England"; every other bar is
 * filled with chart_cmp_colour(palette, cmp) and carries its outcome's
 * marker. The value axis always includes zero: bars grow from the zero
 * line. The locality chart is one too: the authority the comparator, its
 * localities the other bars. */
struct compare_chart {
	const char *title;	/* the indicator's title */
	const char *subtitle;	/* unit, period and areas, or NULL */
	const char *source;	/* or NULL */
	const char *note;	/* or NULL */
	size_t nbars;		/* 1 to COMPARE_MAX_BARS */
	const struct compare_bar *bars;
	int decimals;		/* of value labels, 0..6 */
	enum chart_palette palette;
	/* Left zero (the compare-areas chart), these make the locality
	 * chart of the same layout: */
	const char *compared;	/* what the legend says is compared,
				 * NULL: "Area" ("Locality compared to
				 * Cheshire West and Chester:") */
	const char *withheld;	/* what a bar whose note is "c" says,
				 * NULL: "withheld" */
	int ascending;		/* 1: the unpinned bars by value ascending,
				 * the lowest at the top (the best first
				 * when low is good) */
};
#define COMPARE_MAX_BARS 24
#define COMPARE_GREY 0xB1B4B6UL	/* the comparator's bar (UX.md) */

/* A chart placed on a page, with every string, ready to draw. A compare
 * chart's value axis is horizontal: y_min and y_max are the values at
 * plot_left and plot_right, and there are no periods. */
struct chart_layout {
	double width, height;	/* the page */
	double plot_left, plot_top, plot_right, plot_bottom;
	double y_min, y_max;	/* values at plot_bottom and plot_top */
	double tick_start, tick_step;	/* y ticks: start + i * step */
	int nticks;
	int tick_decimals;
	size_t nperiods;
	double *period_x;	/* [nperiods] x of each period, owned */
	double label_angle;	/* period labels: 0 or -45 degrees */
	size_t label_every;	/* 1, or k: every k-th, counted back from the
				 * latest period, which is always labelled */
	size_t nitems, alloc;
	struct chart_item *items;	/* in drawing order, owned */
};
#define CHART_LAYOUT_INIT { 0 }

/* Chooses round y ticks covering [lo, hi]: start + i * step for i < n,
 * step 1, 2 or 5 times a power of ten, the smallest giving at most
 * max_ticks (2 or more) ticks, start <= lo and start + (n-1) step >= hi.
 * lo == hi is widened by 10% of its size (or by 1 about zero).
 * E.g. 0..74, 6 -> 0, 20, 40, 60, 80.
 * Returns: 0, or -1 (n = 0) when lo or hi is not finite, lo > hi or
 * max_ticks < 2. Pure: no message. */
int chart_nice_ticks(double lo, double hi, int max_ticks, double *start,
		     double *step, int *n);

/* The fill of a point with outcome cmp in palette p (UX.md 1.2): GOV.UK
 * better #00703C, similar #FFDD00, worse #D4351C...; not compared is
 * white in GOV.UK (its "transparent") and #C9C9C9 in Fingertips. */
unsigned long chart_cmp_colour(enum chart_palette p, enum stats_cmp cmp);

/* The marker shape of outcome cmp (see enum chart_mark). */
enum chart_mark chart_cmp_mark(enum stats_cmp cmp);

/* Lays c out on a page of width x height points: title and subtitle at the
 * top left, the unit over the y axis, round y ticks with light gridlines,
 * period labels (turned -45 degrees or thinned when crowded), the lines,
 * the area's CI bars and outcome markers, the latest values labelled at
 * the right, then the legends, the source and the note. Text is measured
 * with measure(ctx, ...), or estimated when measure is NULL.
 * out: initialised with CHART_LAYOUT_INIT or released; the caller releases
 * it with chart_layout_release() after success or failure.
 * Returns: 0, or -1 with error() when c is invalid (no title, no periods,
 * more than one area, no value at all...) or the page is too small. */
int chart_layout_trend(const struct trend_chart *c, double width,
		       double height, chart_measure_fn *measure, void *ctx,
		       struct chart_layout *out);

/* Lays a compare-areas chart c out on a page of width x height points:
 * title and subtitle, the bars with their names on the left (the area's in
 * bold), outcome markers, CI bars and value labels, round ticks along the
 * top of the plot, the legend of the outcomes drawn, the source and note.
 * A bar with no value gets the words "no data" (c->withheld, else
 * "withheld", when its note is "c"). Same contract as chart_layout_trend().
 * Returns: 0, or -1 with error(). */
int chart_layout_compare(const struct compare_chart *c, double width,
			 double height, chart_measure_fn *measure, void *ctx,
			 struct chart_layout *out);

/* The drawing order of c's bars, top to bottom, into idx[c->nbars]:
 * indexes into c->bars. */
void chart_compare_order(const struct compare_chart *c, size_t *idx);

/* The device x of value v in a laid-out compare chart. */
double chart_layout_xpos(const struct chart_layout *l, double v);

/* The device y of value v in a laid-out chart. */
double chart_layout_ypos(const struct chart_layout *l, double v);

/* Frees what a layout owns and leaves it as CHART_LAYOUT_INIT. */
void chart_layout_release(struct chart_layout *l);

/* Draws c into one file at path (written directly: the caller renames):
 * PDF and SVG at 160 x 100 mm in points, PNG at 1890 x 1181 pixels with a
 * pHYs chunk of 300 dpi. The SVG starts with <title> and <desc> (the text
 * of chart_describe_trend). The same input gives the same bytes.
 * Returns: 0, or -1 with error() (bad chart, cairo or I/O failure). */
int chart_render_trend(const struct trend_chart *c, enum chart_format f,
		       const char *path);

/* Appends to out the plain-text alternative of c: what it shows, the
 * latest value and its comparison, the trend in words and every period's
 * values, with the note and source. Values use c->decimals, rounded half
 * away from zero, with thousands separators. */
void chart_describe_trend(const struct trend_chart *c, struct buf *out);

/* Draws c into one file at path, as chart_render_trend(). */
int chart_render_compare(const struct compare_chart *c, enum chart_format f,
			 const char *path);

/* Appends to out the plain-text alternative of c: what it shows, then
 * every bar in the chart's order with its value, limits and outcome in
 * words, with the note and source. */
void chart_describe_compare(const struct compare_chart *c, struct buf *out);

/* ---- the gap chart ---- */

/* One row of a gap chart's latest-year view: an area's two groups joined
 * by a line (a dumbbell), its gap printed at the right. */
struct gap_row {
	const char *name;
	double a, b;		/* the two groups' values, NaN = none */
	double gap;		/* the gap indicator's value, NaN = none */
	const char *note;	/* "c": the gap is withheld; or NULL */
	enum stats_cmp cmp;	/* the gap against England's; said in words
				 * after the gap when it was tested */
	int is_area;		/* 1: the focus area: bold, on top */
	int is_benchmark;	/* 1: under the area, in the given order;
				 * the rest follow by gap, widest first */
};

/* A gap chart (UX.md 5.2): on the left the area's two groups over time,
 * group A a filled dark blue circle #12436D on a solid line, group B a
 * white circle ringed in orange #F46A25 on a dashed line, each period's
 * gap a thin upright line between them, the first and the latest gap
 * labelled ("16 pts"); on the right the latest period's view, one row per
 * area. Both panels share one value scale. */
struct gap_chart {
	const char *title;
	const char *subtitle;
	const char *source;
	const char *note;
	const char *group_a;	/* "Not eligible for free school meals" */
	const char *group_b;	/* "Eligible for free school meals" */
	const char *gap_unit;	/* "pts" or "pp" after each gap */
	size_t nperiods;	/* 1 or more */
	const char *const *period_labels;
	const double *a, *b;	/* [nperiods] the area's groups */
	const double *gap;	/* [nperiods] the area's gap */
	const char *latest_label;	/* the period of the rows */
	size_t nrows;		/* 0 (no right panel) to GAP_MAX_ROWS */
	const struct gap_row *rows;
	int decimals;		/* of values and gaps, 0..6 */
	enum chart_palette palette;
};
#define GAP_MAX_ROWS 16

/* The drawing order of c's rows, top to bottom, into idx[c->nrows]. */
void chart_gap_order(const struct gap_chart *c, size_t *idx);

/* Same contract as chart_layout_trend(). */
int chart_layout_gap(const struct gap_chart *c, double width, double height,
		     chart_measure_fn *measure, void *ctx,
		     struct chart_layout *out);
int chart_render_gap(const struct gap_chart *c, enum chart_format f,
		     const char *path);
void chart_describe_gap(const struct gap_chart *c, struct buf *out);

/* ---- the summary spine ---- */

/* One row of the summary spine: an indicator's latest value for the area
 * placed in the range of every authority's value (fingertipscharts' and
 * Fingertips' spine chart, UX.md 1.1 and 5.2). */
struct spine_row {
	const char *section;	/* a heading drawn above this row, or NULL */
	const char *name;	/* the indicator's title */
	const char *period;	/* "2023/24" */
	int decimals;		/* of the printed values, 0..6 */
	enum stats_polarity polarity;	/* POLARITY_HIGH_GOOD: best on the right;
					 * POLARITY_LOW_GOOD: flipped, best on
					 * the right; otherwise (no polarity)
					 * lowest left, highest right */
	double value;		/* the area's, NaN = none (then note says
				 * why: "c" withheld, else "no data") */
	const char *note;	/* "c" or NULL */
	enum stats_cmp cmp;	/* the area against England */
	double england;		/* the centre line; NaN: no spine drawn */
	double region;		/* NaN = none */
	/* Every authority's value in the period: the lowest, the 25th and
	 * 75th percentiles and the highest (as values, not yet flipped).
	 * NaN, or insufficient = 1 (a quarter or more of the authorities have
	 * no value): no spine, the words "Insufficient data" instead. */
	double min, q25, q75, max;
	int insufficient;
};

/* The summary spine: one row per indicator, a data table on the left
 * (Indicator, Period, the area's value, England's value) and the spine on
 * the right. Each row's scale is symmetric about England (the centre
 * line): the side further from England sets the extent. The bar runs
 * worst to 25th percentile to 75th percentile to best (GOV.UK: #B1B4B6
 * outside, the middle half lighter #F3F2F1 outlined in #B1B4B6; classic:
 * #C9C9C9 outside, the middle half darker #8B8B8B);
 * the area is its outcome's marker in its outcome's fill with a black
 * outline; the region a short dark grey upright line. The page is
 * CHART_WIDTH_PT wide and chart_spine_height() tall. */
struct spine_chart {
	const char *title;
	const char *subtitle;
	const char *source;
	const char *note;
	const char *area_name;		/* "Cheshire West and Chester" */
	const char *region_name;	/* for the legend, or NULL */
	const char *benchmark_name;	/* "England" */
	size_t nrows;			/* 1 or more */
	const struct spine_row *rows;
	enum chart_palette palette;
};

/* The height in points of the page that holds c: its rows, headings,
 * titles, legend and footer at a fixed row pitch; never less than
 * CHART_HEIGHT_PT. */
double chart_spine_height(const struct spine_chart *c);

/* The x of value v in a row's spine, in points: the centre (England) at
 * mid, best (or highest) at mid + half, worst (or lowest) at mid - half.
 * NaN when the row has no spine. For layouts and tests. */
double chart_spine_xpos(const struct spine_row *r, double v, double mid,
			double half);

/* Same contract as chart_layout_trend(). */
int chart_layout_spine(const struct spine_chart *c, double width,
		       double height, chart_measure_fn *measure, void *ctx,
		       struct chart_layout *out);
int chart_render_spine(const struct spine_chart *c, enum chart_format f,
		       const char *path);
/* Every row in words: value, England, the range of authorities, where the
 * area sits (for example "in the best quarter of authorities"). */
void chart_describe_spine(const struct spine_chart *c, struct buf *out);

/* ---- the population pyramid ---- */

/* The area's children by age band and sex as a percentage of all its
 * children in the range drawn (males left, females right, the youngest at
 * the bottom), with the comparator (England) as an outline in black. */
struct pyramid_chart {
	const char *title;
	const char *subtitle;
	const char *source;
	const char *note;
	const char *area_name;
	const char *comparator_name;	/* "England", or NULL: no outline */
	size_t nbands;			/* 1 to PYRAMID_MAX_BANDS */
	const char *const *band_labels;	/* "0", "1", ... or "0-4", ... */
	const double *male, *female;	/* [nbands] %, NaN = no value */
	const double *cmp_male, *cmp_female;	/* [nbands] % or NULL */
	int decimals;			/* of the percentages in the text */
	enum chart_palette palette;	/* GOV.UK: male #57AEF8, female
					 * #5352BE; classic: male #5555E6,
					 * female #C2CCFF */
};
#define PYRAMID_MAX_BANDS 30

/* Same contract as chart_layout_trend(). The axis is symmetric about the
 * centre, ticks in absolute percentages on both sides. */
int chart_layout_pyramid(const struct pyramid_chart *c, double width,
			 double height, chart_measure_fn *measure, void *ctx,
			 struct chart_layout *out);
int chart_render_pyramid(const struct pyramid_chart *c, enum chart_format f,
			 const char *path);
void chart_describe_pyramid(const struct pyramid_chart *c, struct buf *out);

/* ---- the inequality chart ---- */

/* One quantile of an inequality chart. */
struct inequality_bar {
	const char *label;	/* under the bar: "1" */
	const char *name;	/* in the text alternative: "Most deprived
				 * decile (IMD2025)" */
	double value;		/* NaN: no bar (a note "c" says withheld) */
	double lower, upper;	/* 95% limits, NaN when none */
	const char *note;	/* "c": withheld, drawn as a "c" on the zero
				 * line instead of a bar; or NULL */
};

/* An inequality chart (UX.md 1.1 "Inequalities", Fingertips' inequality
 * bars): one indicator in one area by deprivation quantile, the most
 * deprived on the left, each an upright bar from zero in one colour,
 * INEQUALITY_BAR (Fingertips does not colour inequality breakdowns), with
 * its 95% interval and its value above it; the area's own value a dark
 * blue #12436D line across the plot, labelled at the right with the
 * area's name and the value; and the line fitted for the slope index of
 * inequality, dashed, black. The value axis always includes zero. */
struct inequality_chart {
	const char *title;
	const char *subtitle;
	const char *source;
	const char *note;
	const char *y_label;	/* the unit over the value axis, or NULL */
	const char *axis_label;	/* under the quantiles' numbers, centred:
				 * "Deprivation decile (IMD2025)", or NULL */
	const char *first_end;	/* under the first bar: "Most deprived" */
	const char *last_end;	/* under the last: "Least deprived"; either
				 * may be NULL */
	size_t nbars;		/* 2 to INEQUALITY_MAX_BARS */
	const struct inequality_bar *bars;	/* the most deprived first */
	const char *area_name;	/* the line's label; NULL with no line */
	double overall;		/* the area's own value; NaN: no line */
	/* The fitted line (stats_sii_line), or fit NULL for none: each
	 * quantile's relative rank and the line's value there, and its
	 * values at the ends, ranks 0 and 1. Rank 0 is the plot's left edge,
	 * rank 1 its right, and each bar's rank its centre: between them
	 * the rank runs evenly, so the line passes over each bar at the
	 * bar's own fitted value. */
	const double *rank;	/* [nbars], ascending in (0, 1) */
	const double *fit;	/* [nbars] */
	double fit_start, fit_end;
	const char *fit_label;	/* the line's legend words, NULL:
				 * "Fitted line (slope index of inequality)" */
	const char *sii_text;	/* a sentence under the legend: "Slope
				 * index of inequality: -82.5 percentage
				 * points (...)", or NULL */
	int decimals;		/* of value labels, 0..6 */
};
#define INEQUALITY_MAX_BARS 20
/* The bars: a 40% tint of the area's dark blue #12436D (with a thin
 * outline in the blue itself, for 3:1 against white), light enough that
 * the area's line in the full blue and the black dashed fitted line stay
 * readable where they cross the bars. */
#define INEQUALITY_BAR 0xA0B4C5UL
#define INEQUALITY_BAR_OUTLINE 0x12436DUL
#define INEQUALITY_AREA_INK 0x12436DUL
#define INEQUALITY_FIT_INK 0x0B0C0CUL

/* Same contract as chart_layout_trend(). Too many or too few bars, no
 * title, a fit without ranks or a line without a name: -1 with error(). */
int chart_layout_inequality(const struct inequality_chart *c, double width,
			    double height, chart_measure_fn *measure,
			    void *ctx, struct chart_layout *out);
int chart_render_inequality(const struct inequality_chart *c,
			    enum chart_format f, const char *path);
/* Every bar in words, with its interval; a withheld one "withheld (c)",
 * a missing one "no value"; the area's line, the fitted line's ends, the
 * SII sentence, the note and the source. */
void chart_describe_inequality(const struct inequality_chart *c,
			       struct buf *out);

/* Drops pango's default font map and cairo's static caches; call once
 * before exit in tests and debug builds so leak checkers stay quiet. */
void chart_render_shutdown(void);

#endif
