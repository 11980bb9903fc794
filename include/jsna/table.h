/* table.h - the summary tables of the population-needs section, and their
 * writers.
 *
 *	struct table t;
 *	table_summary(&results, &t);
 *	table_write_csv(&t, &buf);    or _md, _html
 *	table_release(&t);
 *
 *	struct table all[TABLE_KINDS];
 *	for (k = 0; k < TABLE_KINDS; k++)
 *		if (table_build(st, &results, k, &all[k]) < 0) ...
 *	table_write_xlsx(&results, all, TABLE_KINDS, 5, path);
 *
 * The tables, in the workbook's order:
 *  - the summary: one row per indicator for the area's latest period, with
 *    its count, value and interval, England, the region and the average
 *    of its statistical neighbours, the comparison with England, the
 *    recent trend, the change since the period before, the rank and
 *    quartile among authorities, and the source (columns COL_*);
 *  - the attainment tables, one per school stage (Early Years Foundation
 *    Stage: eyfs_gld, eyfs_comm_lang; Key Stage 2: ks2_rwm; Key Stage 4:
 *    ks4_att8, ks4_p8), for the latest period in which the area has a
 *    value of the stage's first indicator (of the next when the first
 *    was not calculated): a row per pupil group (all pupils, then the
 *    breakdowns fsm, ehc and sen_support of each indicator) and, per
 *    indicator, a column for the area and one for England. An indicator
 *    not calculated has no columns;
 *  - the gap tables, free school meals and SEN: a row per academic year
 *    (ascending) in which any gap has a row, and per stage (the gap
 *    indicators eyfs_gld_*_gap, ks2_rwm_*_gap, ks4_att8_*_gap) a column
 *    for the area and one for England, the unit in the header;
 *  - the localities table: a row per indicator with figures for the
 *    area's localities (areas of level Locality inside it, added up from
 *    their small areas), in the order of the results, for its latest
 *    period with a locality's figure: the period, the unit, the area's
 *    figure, then one column per locality (by name), each figure with
 *    its comparison with the area (for the fill).
 * A table with nothing to show (no row, or no column but the first) is
 * empty: table_empty() says so and the stage writes no file for it, but
 * for the summary, which is always written.
 *
 * Cells are built once, so every writer shows the same figures: the text
 * is already rounded (half away from zero to the indicator's decimals,
 * stats_round: never banker's rounding, never a binary-floating-point tie
 * surprise), with thousands separators, and a symbol where a figure is
 * withheld ("c") or missing ("x"); a number keeps its rounded value and
 * decimals for the workbook, which stores it as a number. A value note
 * that is not one of DfE's symbols (c, x, z, low, k, u) shows as "x". An
 * empty cell (no row for that area, no interval for a count) is blank in
 * CSV, Markdown and HTML and a bracketed symbol in the workbook: "[z]"
 * where nothing can be there by the indicator's nature (a gap's count,
 * the interval of an indicator without one, the rank of an indicator
 * without a good direction), "[x]" otherwise. The table owns its strings.
 *
 * The HTML page, the Markdown file and the workbook's sheets show the
 * tables in the order of enum table_kind; the files are named by stem:
 * tables/summary.csv, attainment_eyfs.csv, attainment_ks2.csv,
 * attainment_ks4.csv, gap_fsm.csv, gap_sen.csv, localities.csv
 * (pipeline/table/table.c).
 */
#ifndef JSNA_TABLE_H
#define JSNA_TABLE_H

#include <stddef.h>

#include "jsna/buf.h"
#include "jsna/results.h"
#include "jsna/stats.h"
#include "jsna/store.h"

/* The summary's columns. */
enum {
	COL_ID, COL_INDICATOR, COL_PERIOD, COL_COUNT, COL_VALUE, COL_UNIT,
	COL_LOWER, COL_UPPER, COL_ENGLAND, COL_REGION, COL_NEIGHBOURS,
	COL_COMPARED, COL_TREND, COL_CHANGE, COL_RANK, COL_QUARTILE,
	COL_SOURCE, TABLE_NCOLS
};

/* The tables, in the workbook's order. */
enum table_kind {
	TABLE_SUMMARY, TABLE_EYFS, TABLE_KS2, TABLE_KS4, TABLE_FSM_GAP,
	TABLE_SEN_GAP, TABLE_LOCALITIES, TABLE_KINDS
};

enum table_cell_kind {
	TABLE_EMPTY,	/* nothing there */
	TABLE_TEXT,	/* words: a name, a period, a comparison */
	TABLE_NUMBER,	/* a figure: num, dp and style say how */
	TABLE_SYMBOL	/* a symbol in place of a figure: "c", "x", ... */
};

enum table_style {
	TABLE_PLAIN,	/* 1,234.5 */
	TABLE_SIGNED,	/* a change: +4.3, -2, 0 */
	TABLE_RANK	/* 33 of 150: num 33, of 150 */
};

struct table_cell {
	char *text;		/* as CSV, Markdown and HTML show it; "" when
				 * empty */
	enum table_cell_kind kind;
	double num;		/* TABLE_NUMBER: the value rounded to dp */
	int dp;
	enum table_style style;
	int of;			/* TABLE_RANK: of how many */
	char absent;		/* TABLE_EMPTY: 'x' or 'z' in the book */
	enum stats_cmp cmp;	/* a comparison's outcome, for its fill */
};

struct table {
	enum table_kind kind;
	const char *name;	/* the sheet's name: "Summary"; static */
	const char *stem;	/* its files' name: "summary"; static */
	const char *title;	/* a heading: "Key Stage 2"; static */
	char *caption;		/* what it shows: measure, area, period */
	char *source;		/* "DfE, Key stage 2 attainment", or
				 * NULL when a column names the source */
	size_t nrows, ncols;
	char **header;		/* [ncols] */
	unsigned char *numeric;	/* [ncols]: 1 for a column of figures */
	size_t rowhead;		/* the column whose cells head rows */
	int idcol;		/* a column compact HTML leaves out, or -1 */
	struct table_cell *cells;	/* [nrows * ncols], row by row */
	char ***cell;		/* [nrows][ncols]: each cell's text, the
				 * strings of cells[] (for callers that want
				 * text only: t->cell[i][COL_VALUE]) */
	int suppress_below;	/* for the key under the table ("c = ...
				 * fewer than 5"); 0: not said */
};

/* The cell at row i, column j. */
struct table_cell *table_cell(const struct table *t, size_t i, size_t j);
/* Nothing to show: no rows, or no column of figures. */
int table_empty(const struct table *t);

void table_summary(const struct results *r, struct table *t);
/* kind TABLE_EYFS, _KS2 or _KS4: reads the pupil groups from the
 * warehouse (st, run r->run). Returns 0, or -1 (reported; t is still to
 * be released). */
int table_attainment(struct store *st, const struct results *r,
		     enum table_kind kind, struct table *t);
/* The localities table (above); empty when the area has none. */
int table_localities(struct store *st, const struct results *r,
		     struct table *t);
/* kind TABLE_FSM_GAP or TABLE_SEN_GAP. */
void table_gaps(const struct results *r, enum table_kind kind,
		struct table *t);
/* Any kind. Returns 0 or -1 (reported; t is still to be released). */
int table_build(struct store *st, const struct results *r,
		enum table_kind kind, struct table *t);
void table_release(struct table *t);

/* The header row, then a row per row of the table. */
void table_write_csv(const struct table *t, struct buf *out);
/* The caption, the table, then the source and the key to the symbols
 * used, each on a line of its own. */
void table_write_md(const struct table *t, struct buf *out);
/* An HTML <table class="summary"> with a <caption>, scoped header cells
 * and the comparison cells classed by outcome (class="cmp better"),
 * then the source and the key, each a <p>. compact leaves out the id
 * column and every column empty in all rows (for the report's page
 * width). */
void table_write_html(const struct table *t, int compact, struct buf *out);
/* The key to the symbols the table uses ("c = confidential ...; x = not
 * available"), or nothing. */
void table_write_key(const struct table *t, struct buf *out);

/*
 * The workbook (pipeline/lib/xlsx.c, libxlsxwriter), laid out as the
 * government's guidance on releasing statistics in spreadsheets asks: a
 * "Cover" sheet (title, area, what each sheet holds, the data's latest
 * update), a "Notes" sheet (a table of numbered notes: the symbols,
 * rounding, the comparison with England, trends, ranks and quartiles, the
 * gaps, then the source of each indicator), then one sheet per non-empty
 * table of tables[n], named by its name. Each table sheet has a title row
 * (the caption) in A1 and the table from A2 as an Excel table with one
 * bold header row: no merged cells, no blank rows, figures stored as
 * numbers formatted to their decimals, symbols as text in brackets ("[c]"),
 * the comparison word in its cell, filled with its GOV.UK colour (Better
 * #00703C, Similar #FFDD00, Worse #D4351C, Higher #003078, Lower #5694CA),
 * columns wide enough to read. suppress_below is the threshold the notes
 * name.
 *
 * The same results give the same bytes: the document's creation time is
 * not the clock's but SOURCE_DATE_EPOCH when set, else the latest of the
 * indicators' last_update dates (midnight UTC), else 1 January 1980 (the
 * zip format's first date). The workbook is written beside path and put
 * in place with afile_write. Returns 0 or -1 (reported).
 */
int table_write_xlsx(const struct results *r, const struct table *tables,
		     size_t n, int suppress_below, const char *path);

#endif
