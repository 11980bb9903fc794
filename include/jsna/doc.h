/* doc.h - a printed document: A4 pages of headings, paragraphs, tables
 * and chart pictures, drawn with cairo and pango into one PDF.
 *
 *	struct doc *d = doc_open("report.pdf.tmp", "Population needs",
 *				 "Cheshire West and Chester");
 *	doc_heading(d, 1, "Children in care");
 *	doc_text(d, DOC_BODY, "In 2025 there were 496 children in care...");
 *	doc_picture(d, "charts/cla_rate_trend.png", "Children in care...");
 *	if (doc_close(d) < 0) ...	reported; the file is incomplete
 *
 * Text flows down the page and onto the next; a heading is never left at
 * the foot of a page without what follows it, a picture or a table row is
 * never split. Every page carries the footer and its number. The same
 * content gives the same bytes (no creation date). Errors are reported
 * once, with error(), by doc_close(); the calls before it do nothing
 * after an error.
 */
#ifndef JSNA_DOC_H
#define JSNA_DOC_H

#include <stddef.h>

/* A4 portrait in points, and its margins. */
#define DOC_WIDTH_PT (210.0 * 72.0 / 25.4)
#define DOC_HEIGHT_PT (297.0 * 72.0 / 25.4)
#define DOC_MARGIN_PT (18.0 * 72.0 / 25.4)

struct doc;

enum doc_style {
	DOC_BODY,		/* 10 pt */
	DOC_STATEMENT,		/* 10.5 pt, the generated statements */
	DOC_BULLET,		/* 10 pt, a bullet point */
	DOC_SMALL		/* 8 pt grey: sources, notes, captions */
};

/* Starts a document written to path at doc_close(). title goes in the
 * PDF's metadata; footer on every page, beside the page number. Returns
 * NULL after error() when cairo cannot start. */
struct doc *doc_open(const char *path, const char *title,
		     const char *footer);

/* A heading of level 1 (the document's title), 2 (a section) or 3. */
void doc_heading(struct doc *d, int level, const char *text);

/* A paragraph, wrapped to the text width; newlines start new lines. */
void doc_text(struct doc *d, enum doc_style style, const char *text);

/* A PNG picture (a chart at 300 dpi) scaled to the text width, with its
 * caption under it in DOC_SMALL; a picture that cannot be read is an
 * error. */
void doc_picture(struct doc *d, const char *png_path, const char *caption);

/* A table: a caption, a header row and nrows rows of ncols cells
 * (cells[r * ncols + c], "" for none), numeric[c] right-aligned. Column
 * widths follow the content; cells wrap; the header row repeats on each
 * page the table reaches. */
void doc_table(struct doc *d, const char *caption, size_t ncols,
	       const char *const *header, size_t nrows,
	       const char *const *cells, const int *numeric);

/* Starts a new page unless h points are left on this one: what must not
 * be parted (a heading, its statement and its first chart) asks first. */
void doc_need(struct doc *d, double h);

/* The height of a picture w x h pixels drawn at the text width. */
double doc_picture_height(double w, double h);

/* Starts a new page (nothing when the page is still empty). */
void doc_page_break(struct doc *d);

/* Finishes the PDF and writes it. Returns 0, or -1 when anything failed
 * (reported); the document is freed either way. */
int doc_close(struct doc *d);

#endif
