/* xlsx.c - the summary tables as one accessible workbook, through
 * libxlsxwriter (the only file that uses it): a cover sheet, a notes
 * sheet, then a sheet per table. Layout and rules in table.h. */
#include "jsna/table.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "jsna/outset.h"
#include "jsna/util.h"

#define ROW_HEIGHT 15.0		/* points, one line of 11 pt Calibri */
#define MIN_WIDTH 8		/* characters */
#define MAX_WIDTH 60
#define HEADER_WIDTH 24		/* a header wraps past this */
#define NOTE_WIDTH 110

/* The comparison fills: GOV.UK colours, white text on the dark ones. */
struct fill {
	lxw_color_t bg, fg;
};

static const struct fill fills[] = {
	{ 0x00703C, 0xFFFFFF },	/* better */
	{ 0xFFDD00, 0x0B0C0C },	/* similar */
	{ 0xD4351C, 0xFFFFFF },	/* worse */
	{ 0x003078, 0xFFFFFF },	/* higher */
	{ 0x5694CA, 0x0B0C0C },	/* lower */
};

static int fill_of(enum stats_cmp c)
{
	switch (c) {
	case CMP_BETTER:
	case CMP_BEST:
		return 0;
	case CMP_SIMILAR:
		return 1;
	case CMP_WORSE:
	case CMP_WORST:
		return 2;
	case CMP_HIGHER:
	case CMP_HIGHEST:
		return 3;
	case CMP_LOWER:
	case CMP_LOWEST:
		return 4;
	default:
		return -1;
	}
}

/* A cell format, made once per distinct look. */
struct look {
	char numfmt[64];	/* "" for text */
	int right, fill;	/* fill: index in fills, or -1 */
};

struct book {
	lxw_workbook *wb;
	struct {
		struct look k;
		lxw_format *f;
	} *looks;
	size_t nlooks, alloc;
	lxw_format *title, *heading, *header, *wrap;
	lxw_error err;		/* the first failure */
	const char *what;	/* what failed */
};

static void fail(struct book *bk, lxw_error err, const char *what)
{
	if (err != LXW_NO_ERROR && bk->err == LXW_NO_ERROR) {
		bk->err = err;
		bk->what = what;
	}
}

static lxw_format *look_format(struct book *bk, const struct look *k)
{
	lxw_format *f;
	size_t i;

	for (i = 0; i < bk->nlooks; i++)
		if (!memcmp(&bk->looks[i].k, k, sizeof(*k)))
			return bk->looks[i].f;
	f = workbook_add_format(bk->wb);
	if (k->numfmt[0])
		format_set_num_format(f, k->numfmt);
	if (k->right)
		format_set_align(f, LXW_ALIGN_RIGHT);
	if (k->fill >= 0) {
		format_set_pattern(f, LXW_PATTERN_SOLID);
		format_set_bg_color(f, fills[k->fill].bg);
		format_set_font_color(f, fills[k->fill].fg);
	}
	XGROW(bk->looks, bk->alloc, bk->nlooks + 1);
	bk->looks[bk->nlooks].k = *k;
	bk->looks[bk->nlooks++].f = f;
	return f;
}

/* The number format that shows a figure as the text does: decimals,
 * thousands, a sign on a change, "of N" after a rank. */
static void number_look(const struct table_cell *c, struct look *k)
{
	char dec[12] = "";
	int dp = c->dp < 0 ? 0 : c->dp > 10 ? 10 : c->dp;

	if (dp) {
		dec[0] = '.';
		memset(dec + 1, '0', (size_t)dp);
		dec[dp + 1] = '\0';
	}
	switch (c->style) {
	case TABLE_SIGNED:
		snprintf(k->numfmt, sizeof(k->numfmt),
			 "+#,##0%s;-#,##0%s;0%s", dec, dec, dec);
		break;
	case TABLE_RANK:
		snprintf(k->numfmt, sizeof(k->numfmt), "0\" of %d\"", c->of);
		break;
	case TABLE_PLAIN:
		snprintf(k->numfmt, sizeof(k->numfmt), "#,##0%s", dec);
		break;
	}
}

/* Characters of UTF-8 text (what a column's width counts). */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Lines s takes when wrapped at width characters, word by word. */
static size_t wrapped_lines(const char *s, size_t width)
{
	size_t lines = 1, used = 0;

	while (*s) {
		size_t w = strcspn(s, " "), n;
		char *word = xstrndup(s, w);

		n = chars(word);
		free(word);
		if (used && used + 1 + n > width) {
			lines++;
			used = n;
		} else {
			used += (used ? 1 : 0) + n;
		}
		s += w;
		s += strspn(s, " ");
	}
	return lines;
}

/* Characters of the longest word of s. */
static size_t longest_word(const char *s)
{
	size_t best = 0;

	while (*s) {
		size_t w = strcspn(s, " "), n;
		char *word = xstrndup(s, w);

		n = chars(word);
		free(word);
		if (n > best)
			best = n;
		s += w;
		s += strspn(s, " ");
	}
	return best;
}

/* What a cell shows in the workbook: its text, or its symbol in
 * brackets. Caller frees. */
static char *shown(const struct table_cell *c)
{
	struct buf b = BUF_INIT;

	switch (c->kind) {
	case TABLE_SYMBOL:
		buf_addf(&b, "[%s]", c->text);
		break;
	case TABLE_EMPTY:
		buf_addf(&b, "[%c]", c->absent ? c->absent : 'x');
		break;
	case TABLE_TEXT:
	case TABLE_NUMBER:
		buf_adds(&b, c->text);
		break;
	}
	return buf_detach(&b, NULL);
}

/* An Excel table's name from the sheet's: letters, digits and '_' only
 * ("Key stage 2" -> "Key_stage_2_table"). Caller frees. */
static char *table_name(const char *sheet)
{
	struct buf b = BUF_INIT;
	const char *p;

	for (p = sheet; *p; p++)
		buf_addch(&b, (*p >= 'a' && *p <= 'z') ||
			  (*p >= 'A' && *p <= 'Z') ||
			  (*p >= '0' && *p <= '9') ? *p : '_');
	buf_adds(&b, "_table");
	return buf_detach(&b, NULL);
}

/* Writes the header row at row 1 and rows below it as an Excel table
 * (or a plain header row when there are no rows, which Excel tables
 * cannot be). headers are made unique, as Excel requires. */
static void add_table(struct book *bk, lxw_worksheet *ws, const char *name,
		      const char *const *header, size_t ncols, size_t nrows)
{
	lxw_table_column *cols = xcalloc(ncols, sizeof(*cols));
	lxw_table_column **list = xcalloc(ncols + 1, sizeof(*list));
	char **unique = xcalloc(ncols, sizeof(*unique));
	lxw_table_options opt;
	size_t j, k;

	for (j = 0; j < ncols; j++) {
		struct buf b = BUF_INIT;
		int n;

		/* "England", then "England (2)", ... until no other has it */
		for (n = 1;; n++) {
			buf_reset(&b);
			buf_adds(&b, header[j]);
			if (n > 1)
				buf_addf(&b, " (%d)", n);
			for (k = 0; k < j && strcmp(unique[k], b.buf); k++)
				;
			if (k == j)
				break;
		}
		unique[j] = buf_detach(&b, NULL);
		cols[j].header = unique[j];
		cols[j].header_format = bk->header;
		list[j] = &cols[j];
	}
	if (nrows == 0) {
		for (j = 0; j < ncols; j++)
			fail(bk, worksheet_write_string(ws, 1, (lxw_col_t)j,
							unique[j], bk->header),
			     "a header");
	} else {
		memset(&opt, 0, sizeof(opt));
		opt.name = table_name(name);
		opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
		opt.style_type_number = 1;
		opt.columns = list;
		fail(bk, worksheet_add_table(ws, 1, 0, (lxw_row_t)(1 + nrows),
					     (lxw_col_t)(ncols - 1), &opt),
		     "a table");
		free(opt.name);
	}
	for (j = 0; j < ncols; j++)
		free(unique[j]);
	free(unique);
	free(list);
	free(cols);
}

/* The header row's height: the most lines a header wraps to. */
static void header_height(lxw_worksheet *ws, const char *const *header,
			  const double *width, size_t ncols)
{
	size_t j, lines = 1;

	for (j = 0; j < ncols; j++) {
		size_t n = wrapped_lines(header[j], (size_t)width[j] - 1);

		if (n > lines)
			lines = n;
	}
	worksheet_set_row(ws, 1, ROW_HEIGHT * (double)lines, NULL);
}

static void table_sheet(struct book *bk, const struct table *t)
{
	lxw_worksheet *ws = workbook_add_worksheet(bk->wb, t->name);
	double *width;
	size_t i, j;

	if (!ws) {
		fail(bk, LXW_ERROR_PARAMETER_VALIDATION, t->name);
		return;
	}
	width = xcalloc(t->ncols ? t->ncols : 1, sizeof(*width));
	fail(bk, worksheet_write_string(ws, 0, 0, t->caption, bk->title),
	     "a title");
	add_table(bk, ws, t->name, (const char *const *)t->header, t->ncols,
		  t->nrows);
	for (j = 0; j < t->ncols; j++) {
		size_t w = chars(t->header[j]);

		/* a long header wraps, but never inside a word */
		if (w > HEADER_WIDTH)
			w = HEADER_WIDTH;
		if (longest_word(t->header[j]) > w)
			w = longest_word(t->header[j]);
		for (i = 0; i < t->nrows; i++) {
			char *s = shown(table_cell(t, i, j));
			size_t n = chars(s);

			if (n > w)
				w = n;
			free(s);
		}
		if (w < MIN_WIDTH)
			w = MIN_WIDTH;
		if (w > MAX_WIDTH)
			w = MAX_WIDTH;
		width[j] = (double)w + 2;
		/* room for the filter button beside the header */
		if (t->nrows)
			width[j] += 2;
		worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j,
				     width[j], NULL);
	}
	header_height(ws, (const char *const *)t->header, width, t->ncols);
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			const struct table_cell *c = table_cell(t, i, j);
			lxw_row_t row = (lxw_row_t)(2 + i);
			lxw_col_t col = (lxw_col_t)j;
			struct look k;
			char *s;

			memset(&k, 0, sizeof(k));
			k.right = t->numeric[j];
			k.fill = fill_of(c->cmp);
			if (c->kind == TABLE_NUMBER) {
				number_look(c, &k);
				fail(bk, worksheet_write_number(ws, row, col,
						c->num, look_format(bk, &k)),
				     "a number");
				continue;
			}
			s = shown(c);
			fail(bk, worksheet_write_string(ws, row, col, s,
							look_format(bk, &k)),
			     "a cell");
			free(s);
		}
	}
	worksheet_freeze_panes(ws, 2, 0);
	free(width);
}

/* --- the cover and the notes --------------------------------------------- */

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* 1 when s is a date "YYYY-MM-DD". */
static int is_date(const char *s)
{
	int m, d;

	if (strlen(s) != 10 || str_digits(s, 4) < 0 || s[4] != '-' ||
	    s[7] != '-')
		return 0;
	m = str_digits(s + 5, 2);
	d = str_digits(s + 8, 2);
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* "27 November 2025" for "2025-11-27"; other text as it is. */
static void add_date(struct buf *b, const char *s)
{
	if (is_date(s))
		buf_addf(b, "%d %s %d", str_digits(s + 8, 2),
			 months[str_digits(s + 5, 2) - 1], str_digits(s, 4));
	else
		buf_adds(b, s);
}

/* The latest last_update of the indicators that give a date, or NULL. */
static const char *latest_update(const struct results *r)
{
	const char *best = NULL;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (is_date(r->ind[i].last_update) &&
		    (!best || strcmp(r->ind[i].last_update, best) > 0))
			best = r->ind[i].last_update;
	return best;
}

/* The document's creation time: fixed by its inputs (table.h). */
static time_t created_time(const struct results *r)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	const char *date = latest_update(r);
	struct tm tm;

	if (env && str_all_digits(env) && strlen(env) < 12)
		return (time_t)strtoll(env, NULL, 10);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 80;	/* 1980 */
	tm.tm_mday = 1;
	if (date) {
		tm.tm_year = str_digits(date, 4) - 1900;
		tm.tm_mon = str_digits(date + 5, 2) - 1;
		tm.tm_mday = str_digits(date + 8, 2);
	}
	return timegm(&tm);
}

static const char *region_name(const struct results *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->ind[i].series[SERIES_REGION].name)
			return r->ind[i].series[SERIES_REGION].name;
	return NULL;
}

static void cover_line(struct book *bk, lxw_worksheet *ws, lxw_row_t *row,
		       const char *s, lxw_format *f)
{
	fail(bk, worksheet_write_string(ws, (*row)++, 0, s, f), "the cover");
}

static void cover_sheet(struct book *bk, const struct results *r,
			const struct table *tables, size_t n)
{
	lxw_worksheet *ws = workbook_add_worksheet(bk->wb, "Cover");
	const char *region = region_name(r), *date = latest_update(r);
	struct buf b = BUF_INIT, url = BUF_INIT;
	lxw_row_t row = 0;
	size_t i;

	if (!ws) {
		fail(bk, LXW_ERROR_PARAMETER_VALIDATION, "Cover");
		return;
	}
	worksheet_set_column(ws, 0, 0, NOTE_WIDTH, NULL);
	buf_addf(&b, "Children and young people: population needs tables "
		 "for %s", r->area_name);
	cover_line(bk, ws, &row, b.buf, bk->title);
	buf_reset(&b);
	buf_addf(&b, "The summary tables of the population-needs section of "
		 "the Joint Strategic Needs Assessment for %s (%s), compared "
		 "with England", r->area_name, r->area_code);
	if (region)
		buf_addf(&b, ", the region (%s)", region);
	buf_adds(&b, " and its statistical neighbours.");
	cover_line(bk, ws, &row, b.buf, NULL);

	cover_line(bk, ws, &row, "Contents", bk->heading);
	cover_line(bk, ws, &row, "Each sheet holds one table; the links "
		   "below go to them.", NULL);
	fail(bk, worksheet_write_url_opt(ws, row++, 0, "internal:'Notes'!A1",
					 NULL, "Notes: symbols, rounding, "
					 "methods and the source of each "
					 "indicator", NULL), "a link");
	for (i = 0; i < n; i++) {
		if (table_empty(&tables[i]) && tables[i].kind != TABLE_SUMMARY)
			continue;
		buf_reset(&url);
		buf_addf(&url, "internal:'%s'!A1", tables[i].name);
		fail(bk, worksheet_write_url_opt(ws, row++, 0, url.buf, NULL,
						 tables[i].caption, NULL),
		     "a link");
	}

	cover_line(bk, ws, &row, "Data", bk->heading);
	if (date) {
		buf_reset(&b);
		buf_adds(&b, "Sources last updated: ");
		add_date(&b, date);
		buf_adds(&b, " (the latest publication among the "
			 "indicators' sources).");
		cover_line(bk, ws, &row, b.buf, NULL);
	}
	cover_line(bk, ws, &row, "Each table names its periods; the Notes "
		   "sheet names the source of each indicator and when it was "
		   "last updated.", NULL);
	cover_line(bk, ws, &row, "Produced by jsna " JSNA_VERSION " from the "
		   "published extracts.", NULL);
	buf_release(&b);
	buf_release(&url);
}

/* Does any table use symbol s? */
static int uses_symbol(const struct table *tables, size_t n, const char *s)
{
	size_t i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < tables[i].nrows * tables[i].ncols; k++)
			if (tables[i].cells[k].kind == TABLE_SYMBOL &&
			    !strcmp(tables[i].cells[k].text, s))
				return 1;
	return 0;
}

static void add_note(char ***notes, size_t *n, size_t *alloc, struct buf *b)
{
	XGROW(*notes, *alloc, *n + 1);
	(*notes)[(*n)++] = buf_detach(b, NULL);
}

/* The notes on methods, after those on symbols. */
static const char *const methods[] = {
	"Figures are rounded half away from zero to each indicator's decimal "
	"places (63.75 becomes 63.8, never 63.7) and stored as rounded, so "
	"they match the other tables. The change since the previous period "
	"is the difference of the two rounded figures.",

	"Compared with England: Better, Similar or Worse (Higher, Similar or "
	"Lower for an indicator with no better direction) says whether "
	"England's value lies outside the area's 95% confidence interval. "
	"\"Not tested\" means the indicator has no confidence interval, so "
	"only the direction is given; \"Not compared\" means a value is "
	"missing. The cell's colour repeats its word.",

	"Recent trend: the significance (at 95%) of the change over the five "
	"most recent values, as Fingertips tests it; \"Cannot be calculated\" "
	"where there are fewer than five or the method does not apply.",

	"Statistical neighbours: the average of the values of the area's "
	"statistical neighbours (the local authorities most similar to it, "
	"in the Department for Education's list) that have one.",

	"Rank: the area's place among the local authorities of England with "
	"a value, 1 the best (\"33 of 150\"). Quartile: A is the best quarter "
	"of those authorities and D the worst (cut at the 25th, 50th and 75th "
	"percentiles, as the Local Authority Interactive Tool does). Both "
	"only for indicators where higher or lower is better.",

	"Gaps: the free school meals gap is the value for pupils not eligible "
	"for free school meals minus the value for eligible pupils; the SEN "
	"gap is the value for pupils with no identified special educational "
	"needs minus the value for pupils with an education, health and care "
	"(EHC) plan. Gaps of percentages are in percentage points; gaps of "
	"Attainment 8 in score points.",

	"Attainment tables: each school stage is shown for the latest year in "
	"which the area has a value of its first measure.",
};

static void notes_sheet(struct book *bk, const struct results *r,
			const struct table *tables, size_t n,
			int suppress_below)
{
	static const char *const header[] = { "Note number", "Note text" };
	lxw_worksheet *ws = workbook_add_worksheet(bk->wb, "Notes");
	char **notes = NULL;
	size_t nn = 0, alloc = 0, i;
	struct buf b = BUF_INIT;

	if (!ws) {
		fail(bk, LXW_ERROR_PARAMETER_VALIDATION, "Notes");
		return;
	}
	buf_adds(&b, "[c] confidential: withheld to protect individuals.");
	if (suppress_below > 0)
		buf_addf(&b, " Counts under %d are withheld, with any figure "
			 "from which one could be worked out;",
			 suppress_below);
	buf_adds(&b, suppress_below > 0 ?
		 " the publisher may have withheld others." :
		 " The publisher or this pipeline withheld it.");
	add_note(&notes, &nn, &alloc, &b);
	buf_adds(&b, "[x] not available: no figure was published, or none "
		 "can be calculated, for this area and period.");
	add_note(&notes, &nn, &alloc, &b);
	buf_adds(&b, "[z] not applicable: the figure cannot exist for this "
		 "indicator, for example the count of a gap, the confidence "
		 "interval of an indicator without one, or the rank of an "
		 "indicator that has no better direction.");
	add_note(&notes, &nn, &alloc, &b);
	if (uses_symbol(tables, n, "low") || uses_symbol(tables, n, "k")) {
		buf_adds(&b, "[low] and [k]: the figure rounds to 0 but is "
			 "not 0 (the publisher's symbols).");
		add_note(&notes, &nn, &alloc, &b);
	}
	if (uses_symbol(tables, n, "u")) {
		buf_adds(&b, "[u] low reliability (the publisher's symbol).");
		add_note(&notes, &nn, &alloc, &b);
	}
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		buf_adds(&b, methods[i]);
		add_note(&notes, &nn, &alloc, &b);
	}
	for (i = 0; i < r->n; i++) {
		const struct result_indicator *ind = &r->ind[i];

		buf_addf(&b, "Source of \"%s\" (%s): %s", ind->title,
			 ind->id, ind->source[0] ? ind->source : "not given");
		if (ind->last_update[0]) {
			buf_adds(&b, "; last updated ");
			add_date(&b, ind->last_update);
		}
		if (ind->next_update[0]) {
			buf_adds(&b, "; next update due ");
			add_date(&b, ind->next_update);
		}
		buf_addch(&b, '.');
		add_note(&notes, &nn, &alloc, &b);
	}

	fail(bk, worksheet_write_string(ws, 0, 0, "Notes", bk->title),
	     "the notes");
	add_table(bk, ws, "Notes", header, 2, nn);
	worksheet_set_column(ws, 0, 0, 14, NULL);
	worksheet_set_column(ws, 1, 1, NOTE_WIDTH, bk->wrap);
	for (i = 0; i < nn; i++) {
		lxw_row_t row = (lxw_row_t)(2 + i);
		size_t lines = wrapped_lines(notes[i], NOTE_WIDTH - 4);

		buf_reset(&b);
		buf_addf(&b, "note %zu", i + 1);
		fail(bk, worksheet_write_string(ws, row, 0, b.buf, NULL),
		     "a note");
		fail(bk, worksheet_write_string(ws, row, 1, notes[i],
						bk->wrap), "a note");
		worksheet_set_row(ws, row, ROW_HEIGHT * (double)lines, NULL);
		free(notes[i]);
	}
	worksheet_freeze_panes(ws, 2, 0);
	free(notes);
	buf_release(&b);
}

/* --- the workbook -------------------------------------------------------- */

/* Reads a whole file. Returns 0 or -1 (reported). */
static int slurp(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t got;
	int ret = 0;

	if (!f)
		return error_errno("cannot read '%s'", path);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, got);
	if (ferror(f))
		ret = error_errno("cannot read '%s'", path);
	fclose(f);
	return ret;
}

int table_write_xlsx(const struct results *r, const struct table *tables,
		     size_t n, int suppress_below, const char *path)
{
	struct book bk;
	struct buf tmp = BUF_INIT, title = BUF_INIT, data = BUF_INIT;
	lxw_doc_properties props;
	lxw_error err;
	size_t i;
	int ret = -1;

	memset(&bk, 0, sizeof(bk));
	/* libxlsxwriter writes to a name, beside path; the result is then
	 * put in place atomically like every other output. */
	buf_adds(&tmp, path);
	if (strrchr(tmp.buf, '/') && strrchr(tmp.buf, '/') != tmp.buf) {
		buf_setlen(&tmp, (size_t)(strrchr(tmp.buf, '/') - tmp.buf));
		if (make_dirs(tmp.buf) < 0)
			goto out;
	}
	buf_reset(&tmp);
	buf_addf(&tmp, "%s.part", path);
	bk.wb = workbook_new(tmp.buf);
	if (!bk.wb) {
		error("cannot create '%s'", tmp.buf);
		goto out;
	}
	bk.title = workbook_add_format(bk.wb);
	format_set_bold(bk.title);
	format_set_font_size(bk.title, 15);
	bk.heading = workbook_add_format(bk.wb);
	format_set_bold(bk.heading);
	format_set_font_size(bk.heading, 13);
	bk.header = workbook_add_format(bk.wb);
	format_set_bold(bk.header);
	format_set_text_wrap(bk.header);
	format_set_align(bk.header, LXW_ALIGN_VERTICAL_TOP);
	bk.wrap = workbook_add_format(bk.wb);
	format_set_text_wrap(bk.wrap);
	format_set_align(bk.wrap, LXW_ALIGN_VERTICAL_TOP);

	buf_addf(&title, "Children and young people: population needs "
		 "tables, %s", r->area_name);
	memset(&props, 0, sizeof(props));
	props.title = title.buf;
	props.created = created_time(r);
	fail(&bk, workbook_set_properties(bk.wb, &props), "the properties");

	cover_sheet(&bk, r, tables, n);
	notes_sheet(&bk, r, tables, n, suppress_below);
	for (i = 0; i < n; i++)
		if (!table_empty(&tables[i]) || tables[i].kind == TABLE_SUMMARY)
			table_sheet(&bk, &tables[i]);

	err = workbook_close(bk.wb);
	if (bk.err != LXW_NO_ERROR) {
		error("cannot write '%s': %s: %s", path, bk.what,
		      lxw_strerror(bk.err));
		goto out;
	}
	if (err != LXW_NO_ERROR) {
		error("cannot write '%s': %s", path, lxw_strerror(err));
		goto out;
	}
	if (slurp(tmp.buf, &data) == 0 &&
	    afile_write(path, data.buf, data.len) == 0)
		ret = 0;
out:
	if (unlink(tmp.buf) < 0 && errno != ENOENT && ret == 0)
		ret = error_errno("cannot remove '%s'", tmp.buf);
	free(bk.looks);
	buf_release(&tmp);
	buf_release(&title);
	buf_release(&data);
	return ret;
}
