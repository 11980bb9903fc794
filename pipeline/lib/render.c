/* render.c - draws a chart layout with cairo and pango (chart.h), and
 * printed documents of text, tables and charts (doc.h).
 *
 * The only file that includes cairo, pango and zlib's crc32. Every format
 * is drawn into memory, finished, checked once, then written to the path:
 * PNG gains a pHYs chunk (300 dpi), SVG gains <title> and <desc>, PDF
 * loses its creation date so the same chart gives the same bytes.
 */
#include "jsna/chart.h"
#include "jsna/doc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <zlib.h>

#define FONT_FAMILY "DejaVu Sans"

struct pen {
	PangoLayout *layout;
	PangoFontDescription *font;
};

static void pen_set(struct pen *p, const char *text, double size, int bold)
{
	pango_font_description_set_weight(p->font, bold ? PANGO_WEIGHT_BOLD :
					  PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(p->font, size * PANGO_SCALE);
	pango_layout_set_font_description(p->layout, p->font);
	pango_layout_set_text(p->layout, text, -1);
}

static double pen_measure(void *ctx, const char *text, double size, int bold)
{
	struct pen *p = ctx;
	PangoRectangle logical;

	pen_set(p, text, size, bold);
	pango_layout_get_extents(p->layout, NULL, &logical);
	return (double)logical.width / PANGO_SCALE;
}

/* Unhinted outlines and metrics: the same widths in every format, and
 * grey antialiasing (subpixel colour fringes look wrong once pasted). */
static void pen_init(struct pen *p, cairo_t *cr)
{
	static int warned;
	cairo_font_options_t *fo = cairo_font_options_create();
	PangoContext *pc;
	PangoFont *font;
	PangoFontDescription *got;
	const char *family;

	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	p->layout = pango_cairo_create_layout(cr);
	/* Each item is one line: a stray newline shows, it does not break. */
	pango_layout_set_single_paragraph_mode(p->layout, TRUE);
	pc = pango_layout_get_context(p->layout);
	pango_cairo_context_set_font_options(pc, fo);
	pango_layout_context_changed(p->layout);
	cairo_font_options_destroy(fo);
	p->font = pango_font_description_from_string(FONT_FAMILY);

	/* A substitute font would change every size and byte: say so, once
	 * per process. */
	font = warned ? NULL : pango_context_load_font(pc, p->font);
	if (font) {
		got = pango_font_describe(font);
		family = pango_font_description_get_family(got);
		if (!family || !str_ieq(family, FONT_FAMILY)) {
			warning("font '%s' not found (install "
				"fonts-dejavu-core); using '%s'", FONT_FAMILY,
				family ? family : "?");
			warned = 1;
		}
		pango_font_description_free(got);
		g_object_unref(font);
	}
}

static void pen_release(struct pen *p)
{
	if (p->layout)
		g_object_unref(p->layout);
	if (p->font)
		pango_font_description_free(p->font);
}

static void set_rgb(cairo_t *cr, unsigned long rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0,
			     ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
}

static void draw_line(cairo_t *cr, const struct chart_item *it)
{
	static const double dashed[] = { 4.0, 2.5 };
	static const double dotted[] = { 0.1, 2.6 };
	static const double dashdot[] = { 5.0, 2.0, 0.1, 2.0 };
	size_t i;
	int pen_down = 0;
	double x, y;

	cairo_set_line_width(cr, it->width);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, it->dash == CHART_DASH_SOLID ?
			   CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
	switch (it->dash) {
	case CHART_DASH_SOLID:
		cairo_set_dash(cr, NULL, 0, 0);
		break;
	case CHART_DASH_DASHED:
		cairo_set_dash(cr, dashed, 2, 0);
		break;
	case CHART_DASH_DOTTED:
		cairo_set_dash(cr, dotted, 2, 0);
		break;
	case CHART_DASH_DASHDOT:
		cairo_set_dash(cr, dashdot, 4, 0);
		break;
	}
	cairo_new_path(cr);
	for (i = 0; i < it->npts; i++) {
		x = it->pts[2 * i];
		y = it->pts[2 * i + 1];
		if (!isfinite(x) || !isfinite(y)) {
			pen_down = 0;
			continue;
		}
		if (pen_down)
			cairo_line_to(cr, x, y);
		else
			cairo_move_to(cr, x, y);
		pen_down = 1;
	}
	set_rgb(cr, it->stroke);
	cairo_stroke(cr);
}

/* Shapes of equal visual weight about (x, y) for a radius r. */
static void draw_mark(cairo_t *cr, const struct chart_item *it)
{
	double x = it->x, y = it->y, r = it->size;

	cairo_new_path(cr);
	switch (it->mark) {
	case CHART_MARK_NONE:
		return;
	case CHART_MARK_CIRCLE:
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		break;
	case CHART_MARK_TRIANGLE_UP:
		cairo_move_to(cr, x, y - 1.3 * r);
		cairo_line_to(cr, x + 1.2 * r, y + 0.8 * r);
		cairo_line_to(cr, x - 1.2 * r, y + 0.8 * r);
		cairo_close_path(cr);
		break;
	case CHART_MARK_TRIANGLE_DOWN:
		cairo_move_to(cr, x, y + 1.3 * r);
		cairo_line_to(cr, x + 1.2 * r, y - 0.8 * r);
		cairo_line_to(cr, x - 1.2 * r, y - 0.8 * r);
		cairo_close_path(cr);
		break;
	case CHART_MARK_DIAMOND:
		cairo_move_to(cr, x, y - 1.25 * r);
		cairo_line_to(cr, x + 1.25 * r, y);
		cairo_line_to(cr, x, y + 1.25 * r);
		cairo_line_to(cr, x - 1.25 * r, y);
		cairo_close_path(cr);
		break;
	}
	if (it->fill != CHART_NONE) {
		set_rgb(cr, it->fill);
		cairo_fill_preserve(cr);
	}
	if (it->stroke != CHART_NONE) {
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_set_line_width(cr, it->width);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		set_rgb(cr, it->stroke);
		cairo_stroke(cr);
	}
	cairo_new_path(cr);
}

/* A rectangle as cairo_rectangle draws it: in the SVG a path
 * "M x y L x+w y L x+w y+h L x y+h Z" (or a <rect>), so its width can be
 * read back. */
static void draw_rect(cairo_t *cr, const struct chart_item *it)
{
	cairo_new_path(cr);
	cairo_rectangle(cr, it->x, it->y, it->w, it->h);
	if (it->fill != CHART_NONE) {
		set_rgb(cr, it->fill);
		cairo_fill_preserve(cr);
	}
	if (it->stroke != CHART_NONE && it->width > 0) {
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_set_line_width(cr, it->width);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		set_rgb(cr, it->stroke);
		cairo_stroke(cr);
	}
	cairo_new_path(cr);
}

static void draw_text(cairo_t *cr, struct pen *p, const struct chart_item *it)
{
	double w = pen_measure(p, it->text, it->size, it->bold);
	double base = (double)pango_layout_get_baseline(p->layout) /
		      PANGO_SCALE;
	double shift = it->align == CHART_ALIGN_LEFT ? 0 :
		       it->align == CHART_ALIGN_CENTRE ? w / 2 : w;

	cairo_save(cr);
	cairo_translate(cr, it->x, it->y);
	if (it->angle < 0 || it->angle > 0)
		cairo_rotate(cr, it->angle * M_PI / 180.0);
	cairo_move_to(cr, -shift, -base);
	set_rgb(cr, it->stroke);
	pango_cairo_show_layout(cr, p->layout);
	cairo_restore(cr);
}

static void draw_layout(cairo_t *cr, struct pen *p,
			const struct chart_layout *l)
{
	size_t i;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	for (i = 0; i < l->nitems; i++) {
		const struct chart_item *it = &l->items[i];

		switch (it->op) {
		case CHART_OP_LINE:
			draw_line(cr, it);
			break;
		case CHART_OP_MARK:
			draw_mark(cr, it);
			break;
		case CHART_OP_TEXT:
			draw_text(cr, p, it);
			break;
		case CHART_OP_RECT:
			draw_rect(cr, it);
			break;
		}
	}
}

static cairo_status_t to_buf(void *closure, const unsigned char *data,
			     unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void put_be32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void png_chunk(struct buf *out, const char *type,
		      const unsigned char *data, size_t len)
{
	unsigned char be[4];
	uLong crc = crc32(0L, Z_NULL, 0);

	put_be32(be, len);
	buf_add(out, be, 4);
	buf_add(out, type, 4);
	if (len)	/* IEND has no data: NULL, which memcpy must not see */
		buf_add(out, data, len);
	crc = crc32(crc, (const Bytef *)type, 4);
	if (len)
		crc = crc32(crc, data, (uInt)len);
	put_be32(be, crc);
	buf_add(out, be, 4);
}

/* Writes an RGB24 image surface as a PNG of 8-bit RGB with a pHYs chunk
 * of dpi (so Word pastes 160 mm, not 667). Cairo's own writer deflates at
 * zlib's default level with libpng's adaptive filters, which took half of
 * the chart stage's time; a chart is flat colour, which the Sub filter
 * turns into runs of noughts, and zlib's level 3 packs those within a
 * fifth of level 6's size in well under half its time (measured on the
 * bundled charts). The same pixels give the same bytes. */
static int png_write(cairo_surface_t *s, int dpi, struct buf *out)
{
	static const unsigned char sig[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
	};
	int w, h, stride, y, x, zrc = Z_OK;
	const unsigned char *data;
	unsigned char ihdr[13], phys[9], *row;
	unsigned long ppm = lround(dpi / 0.0254);
	struct buf z = BUF_INIT;
	z_stream zs;

	cairo_surface_flush(s);
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	stride = cairo_image_surface_get_stride(s);
	data = cairo_image_surface_get_data(s);
	if (!data || w <= 0 || h <= 0)
		return error("chart: no image to write as PNG");
	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 3, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return error("chart: zlib: cannot start a PNG stream");
	row = xmalloc((size_t)w * 3 + 1);
	buf_grow(&z, (size_t)w * (size_t)h / 8 + 1024);
	for (y = 0; y < h && zrc == Z_OK; y++) {
		const uint32_t *px = (const uint32_t *)(const void *)
				     (data + (size_t)y * (size_t)stride);
		unsigned char *o = row + 1;
		unsigned pr = 0, pg = 0, pb = 0;

		row[0] = 1;	/* Sub: each byte less the one 3 before */
		for (x = 0; x < w; x++) {
			unsigned r = (px[x] >> 16) & 0xff, g = (px[x] >> 8) & 0xff,
				 b = px[x] & 0xff;

			*o++ = (unsigned char)(r - pr);
			*o++ = (unsigned char)(g - pg);
			*o++ = (unsigned char)(b - pb);
			pr = r;
			pg = g;
			pb = b;
		}
		zs.next_in = row;
		zs.avail_in = (uInt)((size_t)w * 3 + 1);
		do {
			buf_grow(&z, 65536);
			zs.next_out = (Bytef *)z.buf + z.len;
			zs.avail_out = (uInt)(z.alloc - z.len - 1);
			zrc = deflate(&zs, y == h - 1 ? Z_FINISH : Z_NO_FLUSH);
			z.len = z.alloc - 1 - zs.avail_out;
		} while (zrc == Z_OK && (zs.avail_in || (y == h - 1 &&
							 zrc != Z_STREAM_END)));
		if (zrc == Z_BUF_ERROR)
			zrc = Z_OK;	/* no progress possible: fine */
	}
	deflateEnd(&zs);
	free(row);
	if (zrc != Z_STREAM_END) {
		buf_release(&z);
		return error("chart: zlib could not compress the PNG");
	}
	put_be32(ihdr, (unsigned long)w);
	put_be32(ihdr + 4, (unsigned long)h);
	ihdr[8] = 8;		/* bits per sample */
	ihdr[9] = 2;		/* RGB */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	put_be32(phys, ppm);
	put_be32(phys + 4, ppm);
	phys[8] = 1;		/* unit: metre */
	buf_add(out, sig, sizeof(sig));
	png_chunk(out, "IHDR", ihdr, sizeof(ihdr));
	png_chunk(out, "pHYs", phys, sizeof(phys));
	png_chunk(out, "IDAT", (const unsigned char *)z.buf, z.len);
	png_chunk(out, "IEND", NULL, 0);
	buf_release(&z);
	return 0;
}

/* Cairo names the page group "surfaceN" after a process-wide counter, so
 * a second chart in one process came out different: number the surfaces
 * of each document from 1, in order of first mention (id= or #). */
static void svg_renumber_surfaces(struct buf *svg)
{
	struct buf out = BUF_INIT;
	unsigned long *seen = NULL, num;
	size_t nseen = 0, alloc = 0, i, k;
	const char *p = svg->buf, *end = svg->buf + svg->len;
	char *digits_end;

	while (p < end) {
		const char *hit = strstr(p, "surface");

		if (!hit)
			break;
		i = (size_t)(hit - svg->buf);
		buf_add(&out, p, (size_t)(hit - p) + 7);
		p = hit + 7;
		if (!(*p >= '0' && *p <= '9') ||
		    !((i >= 4 && memcmp(hit - 4, "id=\"", 4) == 0) ||
		      (i >= 1 && hit[-1] == '#')))
			continue;
		num = strtoul(p, &digits_end, 10);
		for (k = 0; k < nseen && seen[k] != num; k++)
			;
		if (k == nseen) {
			XGROW(seen, alloc, nseen + 1);
			seen[nseen++] = num;
		}
		buf_addf(&out, "%zu", k + 1);
		p = digits_end;
	}
	buf_add(&out, p, (size_t)(end - p));
	free(seen);
	buf_release(svg);
	*svg = out;
}

/* Adds <title> and <desc> as the first children of the root <svg>, and
 * role="img" on it, so a screen reader finds the alternative. */
static int svg_add_title(struct buf *svg, const char *title,
			 const struct buf *desc)
{
	struct buf out = BUF_INIT;
	const char *root = strstr(svg->buf, "<svg"), *end;

	if (!root || !(end = strchr(root, '>')))
		return error("cairo wrote an SVG without a root element");
	buf_add(&out, svg->buf, (size_t)(end - svg->buf));
	buf_adds(&out, " role=\"img\">\n<title>");
	buf_add_html(&out, title ? title : "");
	buf_adds(&out, "</title>\n<desc>");
	buf_add_html(&out, desc->len ? desc->buf : "");
	buf_adds(&out, "</desc>");
	end++;
	buf_add(&out, end, svg->len - (size_t)(end - svg->buf));
	buf_release(svg);
	*svg = out;
	return 0;
}

static int write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return error_errno("cannot create %s", path);
	if (fwrite(b->buf, 1, b->len, f) != b->len) {
		error_errno("cannot write %s", path);
		fclose(f);
		return -1;
	}
	if (fclose(f) != 0)
		return error_errno("cannot write %s", path);
	return 0;
}

/* What a renderer lays out and describes: one chart of any kind, behind
 * two adapters that know its struct. */
typedef int src_layout_fn(const void *chart, double w, double h,
			  struct pen *pen, struct chart_layout *l);
typedef void src_describe_fn(const void *chart, struct buf *out);

struct chart_src {
	const char *title;
	const void *chart;
	double height;		/* of the page, in points */
	src_layout_fn *layout;
	src_describe_fn *describe;
};

#define ADAPTERS(kind)							\
static int layout_##kind(const void *c, double w, double h,		\
			 struct pen *pen, struct chart_layout *l)	\
{									\
	return chart_layout_##kind(c, w, h, pen_measure, pen, l);	\
}									\
static void describe_##kind(const void *c, struct buf *out)		\
{									\
	chart_describe_##kind(c, out);					\
}
ADAPTERS(trend)
ADAPTERS(compare)
ADAPTERS(gap)
ADAPTERS(spine)
ADAPTERS(pyramid)
ADAPTERS(inequality)

static int render_chart(const struct chart_src *c, enum chart_format f,
			const char *path)
{
	struct buf desc = BUF_INIT;
	struct chart_layout l = CHART_LAYOUT_INIT;
	struct pen pen = { NULL, NULL };
	struct buf out = BUF_INIT;
	cairo_surface_t *s = NULL;
	cairo_t *cr = NULL;
	cairo_status_t st;
	double w = CHART_WIDTH_PT, h = c->height;
	double scale = CHART_PNG_DPI / 72.0;
	int ret = -1;

	switch (f) {
	case CHART_PNG:
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
					       (int)lround(w * scale),
					       (int)lround(h * scale));
		break;
	case CHART_SVG:
		s = cairo_svg_surface_create_for_stream(to_buf, &out, w, h);
		cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
		cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
		break;
	case CHART_PDF:
		s = cairo_pdf_surface_create_for_stream(to_buf, &out, w, h);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
					       c->title ? c->title : "");
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
					       "jsna");
		/* An empty date is no date: cairo then leaves it out. */
		cairo_pdf_surface_set_metadata(s,
					       CAIRO_PDF_METADATA_CREATE_DATE,
					       "");
		break;
	default:
		return error("chart: unknown format %d", (int)f);
	}
	cr = cairo_create(s);
	if (f == CHART_PNG)
		cairo_scale(cr, scale, scale);
	pen_init(&pen, cr);
	if (c->layout(c->chart, w, h, &pen, &l) < 0)
		goto out;
	draw_layout(cr, &pen, &l);
	cairo_show_page(cr);
	st = cairo_status(cr);
	if (st == CAIRO_STATUS_SUCCESS && f != CHART_PNG)
		cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		error("%s: cairo: %s", path, cairo_status_to_string(st));
		goto out;
	}
	if (f == CHART_PNG && png_write(s, CHART_PNG_DPI, &out) < 0)
		goto out;
	if (f == CHART_SVG) {
		svg_renumber_surfaces(&out);
		c->describe(c->chart, &desc);
		if (svg_add_title(&out, c->title, &desc) < 0)
			goto out;
	}
	ret = write_file(path, &out);
out:
	pen_release(&pen);
	if (cr)
		cairo_destroy(cr);
	cairo_surface_destroy(s);
	chart_layout_release(&l);
	buf_release(&out);
	buf_release(&desc);
	return ret;
}

#define RENDERER(kind, height)						\
int chart_render_##kind(const struct kind##_chart *c,			\
			enum chart_format f, const char *path)		\
{									\
	struct chart_src src = { c->title, c, height, layout_##kind,	\
				 describe_##kind };			\
									\
	return render_chart(&src, f, path);				\
}
RENDERER(trend, CHART_HEIGHT_PT)
RENDERER(compare, CHART_HEIGHT_PT)
RENDERER(gap, CHART_HEIGHT_PT)
RENDERER(spine, chart_spine_height(c))
RENDERER(pyramid, CHART_HEIGHT_PT)
RENDERER(inequality, CHART_HEIGHT_PT)

void chart_render_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
}

/* ---- printed documents (doc.h) ---- */

#define DOC_TEXT_W (DOC_WIDTH_PT - 2 * DOC_MARGIN_PT)
#define DOC_BOTTOM (DOC_HEIGHT_PT - DOC_MARGIN_PT - 14.0)	/* footer */
#define DOC_INK 0x0B0C0CUL
#define DOC_INK2 0x505A5FUL
#define DOC_RULE 0xB1B4B6UL
#define DOC_ACCENT 0x12436DUL
#define CELL_PAD 3.0

struct doc {
	cairo_surface_t *s;
	cairo_t *cr;
	PangoLayout *lay;
	PangoFontDescription *font;
	struct buf out;
	char *path, *footer;
	double y;		/* the top of what comes next */
	int page;		/* pages finished */
	int empty;		/* nothing on this page yet */
	int failed;
};

static void doc_free(struct doc *d)
{
	if (d->lay)
		g_object_unref(d->lay);
	if (d->font)
		pango_font_description_free(d->font);
	cairo_destroy(d->cr);
	cairo_surface_destroy(d->s);
	buf_release(&d->out);
	free(d->path);
	free(d->footer);
	free(d);
}

struct doc *doc_open(const char *path, const char *title,
		     const char *footer)
{
	struct doc *d = xcalloc(1, sizeof(*d));
	cairo_font_options_t *fo;
	PangoContext *pc;

	d->path = xstrdup(path);
	d->footer = xstrdup(footer ? footer : "");
	d->s = cairo_pdf_surface_create_for_stream(to_buf, &d->out,
						   DOC_WIDTH_PT,
						   DOC_HEIGHT_PT);
	cairo_pdf_surface_set_metadata(d->s, CAIRO_PDF_METADATA_TITLE,
				       title ? title : "");
	cairo_pdf_surface_set_metadata(d->s, CAIRO_PDF_METADATA_CREATOR,
				       "jsna");
	cairo_pdf_surface_set_metadata(d->s, CAIRO_PDF_METADATA_CREATE_DATE,
				       "");
	d->cr = cairo_create(d->s);
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS) {
		error("%s: cairo: %s", path,
		      cairo_status_to_string(cairo_status(d->cr)));
		doc_free(d);
		return NULL;
	}
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	d->lay = pango_cairo_create_layout(d->cr);
	pc = pango_layout_get_context(d->lay);
	pango_cairo_context_set_font_options(pc, fo);
	pango_layout_context_changed(d->lay);
	cairo_font_options_destroy(fo);
	pango_layout_set_wrap(d->lay, PANGO_WRAP_WORD_CHAR);
	d->font = pango_font_description_from_string(FONT_FAMILY);
	d->y = DOC_MARGIN_PT;
	d->empty = 1;
	return d;
}

/* Sets the layout to text at size (bold or not), wrapped to width (0: no
 * wrapping); returns its height in points. */
static double doc_set(struct doc *d, const char *text, double size, int bold,
		      double width)
{
	PangoRectangle r;

	pango_font_description_set_weight(d->font, bold ? PANGO_WEIGHT_BOLD :
					  PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(d->font, size * PANGO_SCALE);
	pango_layout_set_font_description(d->lay, d->font);
	pango_layout_set_width(d->lay, width > 0 ?
			       (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_spacing(d->lay, (int)(0.25 * size * PANGO_SCALE));
	pango_layout_set_text(d->lay, text, -1);
	pango_layout_get_extents(d->lay, NULL, &r);
	return (double)r.height / PANGO_SCALE;
}

static double doc_width(struct doc *d)
{
	PangoRectangle r;

	pango_layout_get_extents(d->lay, NULL, &r);
	return (double)r.width / PANGO_SCALE;
}

static void doc_show(struct doc *d, double x, double y, unsigned long ink)
{
	set_rgb(d->cr, ink);
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, d->lay);
}

/* The footer and page number, then a new page. */
static void doc_finish_page(struct doc *d)
{
	char num[32];

	d->page++;
	snprintf(num, sizeof(num), "Page %d", d->page);
	doc_set(d, d->footer, 8.0, 0, DOC_TEXT_W - 60.0);
	doc_show(d, DOC_MARGIN_PT, DOC_HEIGHT_PT - DOC_MARGIN_PT, DOC_INK2);
	doc_set(d, num, 8.0, 0, 0);
	doc_show(d, DOC_WIDTH_PT - DOC_MARGIN_PT - doc_width(d),
		 DOC_HEIGHT_PT - DOC_MARGIN_PT, DOC_INK2);
	cairo_show_page(d->cr);
	d->y = DOC_MARGIN_PT;
	d->empty = 1;
}

void doc_need(struct doc *d, double h)
{
	if (d && !d->failed && !d->empty && d->y + h > DOC_BOTTOM)
		doc_finish_page(d);
}

double doc_picture_height(double w, double h)
{
	return w > 0 ? DOC_TEXT_W * h / w : 0;
}

void doc_page_break(struct doc *d)
{
	if (d && !d->failed && !d->empty)
		doc_finish_page(d);
}

/* Makes room for h points (a new page when they do not fit, unless the
 * page is empty: then it is drawn and runs over). */
static void doc_room(struct doc *d, double h)
{
	if (!d->empty && d->y + h > DOC_BOTTOM)
		doc_finish_page(d);
	d->empty = 0;
}

void doc_heading(struct doc *d, int level, const char *text)
{
	double size = level <= 1 ? 18.0 : level == 2 ? 14.0 : 11.5;
	double before = level <= 1 ? 0.0 : level == 2 ? 14.0 : 10.0;
	double h;

	if (!d || d->failed)
		return;
	h = doc_set(d, text, size, 1, DOC_TEXT_W);
	/* Never alone at the foot of a page: keep 80 pt under it. */
	if (!d->empty && d->y + before + h + 80.0 > DOC_BOTTOM)
		doc_finish_page(d);
	if (!d->empty)
		d->y += before;
	doc_room(d, h);
	doc_set(d, text, size, 1, DOC_TEXT_W);
	doc_show(d, DOC_MARGIN_PT, d->y, level == 2 ? DOC_ACCENT : DOC_INK);
	d->y += h + 4.0;
	if (level == 2) {	/* a rule under a section's heading */
		set_rgb(d->cr, DOC_ACCENT);
		cairo_set_line_width(d->cr, 1.0);
		cairo_move_to(d->cr, DOC_MARGIN_PT, d->y - 1.0);
		cairo_line_to(d->cr, DOC_WIDTH_PT - DOC_MARGIN_PT, d->y - 1.0);
		cairo_stroke(d->cr);
		d->y += 4.0;
	}
}

void doc_text(struct doc *d, enum doc_style style, const char *text)
{
	double size = style == DOC_SMALL ? 8.0 :
		      style == DOC_STATEMENT ? 10.5 : 10.0;
	double indent = style == DOC_BULLET ? 12.0 : 0.0;
	double h;

	if (!d || d->failed)
		return;
	h = doc_set(d, text, size, 0, DOC_TEXT_W - indent);
	doc_room(d, h);
	if (style == DOC_BULLET) {
		cairo_new_path(d->cr);
		cairo_arc(d->cr, DOC_MARGIN_PT + 4.0, d->y + 0.62 * size,
			  1.6, 0, 2 * M_PI);
		set_rgb(d->cr, DOC_INK);
		cairo_fill(d->cr);
		doc_set(d, text, size, 0, DOC_TEXT_W - indent);
	}
	doc_show(d, DOC_MARGIN_PT + indent, d->y,
		 style == DOC_SMALL ? DOC_INK2 : DOC_INK);
	d->y += h + (style == DOC_BULLET ? 3.0 : 6.0);
}

void doc_picture(struct doc *d, const char *png_path, const char *caption)
{
	cairo_surface_t *img;
	double w, h, scale, ch = 0;

	if (!d || d->failed)
		return;
	img = cairo_image_surface_create_from_png(png_path);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		error("%s: cannot read the picture for the document: %s",
		      png_path, cairo_status_to_string(
				      cairo_surface_status(img)));
		cairo_surface_destroy(img);
		d->failed = 1;
		return;
	}
	w = cairo_image_surface_get_width(img);
	h = cairo_image_surface_get_height(img);
	scale = DOC_TEXT_W / w;
	if (caption && *caption)
		ch = doc_set(d, caption, 8.0, 0, DOC_TEXT_W) + 4.0;
	/* A picture taller than a page is shrunk to fit one. */
	if (h * scale + ch > DOC_BOTTOM - DOC_MARGIN_PT)
		scale = (DOC_BOTTOM - DOC_MARGIN_PT - ch) / h;
	doc_room(d, h * scale + ch);
	cairo_save(d->cr);
	cairo_translate(d->cr, DOC_MARGIN_PT, d->y);
	cairo_scale(d->cr, scale, scale);
	cairo_set_source_surface(d->cr, img, 0, 0);
	cairo_paint(d->cr);
	cairo_restore(d->cr);
	/* A thin frame, as the chart pasted into a paper would have. */
	set_rgb(d->cr, DOC_RULE);
	cairo_set_line_width(d->cr, 0.5);
	cairo_rectangle(d->cr, DOC_MARGIN_PT, d->y, w * scale, h * scale);
	cairo_stroke(d->cr);
	d->y += h * scale + 3.0;
	if (ch > 0) {
		doc_set(d, caption, 8.0, 0, DOC_TEXT_W);
		doc_show(d, DOC_MARGIN_PT, d->y, DOC_INK2);
		d->y += ch;
	}
	d->y += 6.0;
	cairo_surface_destroy(img);
}

/* The width of s on one line at the table's size. */
static double line_width(struct doc *d, const char *s, int bold)
{
	doc_set(d, s ? s : "", 8.0, bold, 0);
	return doc_width(d);
}

/* The width of the longest word of s. */
static double word_width(struct doc *d, const char *s, int bold)
{
	struct buf word = BUF_INIT;
	double w = 0;
	size_t n;

	while (s && *s) {
		n = strcspn(s, " ");
		buf_reset(&word);
		buf_add(&word, s, n);
		w = fmax(w, line_width(d, word.buf, bold));
		s += n;
		s += strspn(s, " ");
	}
	buf_release(&word);
	return w;
}

/* The height of one table row at widths w[ncols]. */
static double row_height(struct doc *d, size_t ncols,
			 const char *const *cells, const double *w, int bold)
{
	double h = 0;
	size_t c;

	for (c = 0; c < ncols; c++)
		h = fmax(h, doc_set(d, cells[c] ? cells[c] : "", 8.0, bold,
				    w[c] - 2 * CELL_PAD));
	return h + 2 * CELL_PAD;
}

static void draw_row(struct doc *d, size_t ncols, const char *const *cells,
		     const double *w, const int *numeric, int bold, double h)
{
	double x = DOC_MARGIN_PT;
	size_t c;

	for (c = 0; c < ncols; c++) {
		const char *s = cells[c] ? cells[c] : "";

		doc_set(d, s, 8.0, bold, w[c] - 2 * CELL_PAD);
		pango_layout_set_alignment(d->lay, numeric && numeric[c] ?
					   PANGO_ALIGN_RIGHT :
					   PANGO_ALIGN_LEFT);
		doc_show(d, x + CELL_PAD, d->y + CELL_PAD, DOC_INK);
		pango_layout_set_alignment(d->lay, PANGO_ALIGN_LEFT);
		x += w[c];
	}
	set_rgb(d->cr, bold ? DOC_INK : DOC_RULE);
	cairo_set_line_width(d->cr, bold ? 0.8 : 0.4);
	cairo_move_to(d->cr, DOC_MARGIN_PT, d->y + h);
	cairo_line_to(d->cr, x, d->y + h);
	cairo_stroke(d->cr);
	d->y += h;
}

void doc_table(struct doc *d, const char *caption, size_t ncols,
	       const char *const *header, size_t nrows,
	       const char *const *cells, const int *numeric)
{
	double *w, *minw, total = 0, least = 0, hh, h;
	size_t r, c;

	if (!d || d->failed || !ncols)
		return;
	w = xcalloc(ncols, sizeof(*w));
	minw = xcalloc(ncols, sizeof(*minw));
	/* Each column's natural width (its text on one line) and its least
	 * (its longest word, so "2019/20" never breaks); every column gets
	 * its least, the rest of the text width goes in proportion to what
	 * each would still like. */
	for (c = 0; c < ncols; c++) {
		w[c] = fmin(line_width(d, header[c], 1), 110.0);
		minw[c] = word_width(d, header[c], 1);
		for (r = 0; r < nrows; r++) {
			const char *s = cells[r * ncols + c];

			w[c] = fmax(w[c], fmin(line_width(d, s, 0), 200.0));
			minw[c] = fmax(minw[c], word_width(d, s, 0));
		}
		minw[c] = fmin(minw[c], 120.0) + 2 * CELL_PAD;
		w[c] = fmax(w[c] + 2 * CELL_PAD, minw[c]);
		total += w[c];
		least += minw[c];
	}
	for (c = 0; c < ncols; c++)
		w[c] = least >= DOC_TEXT_W || total <= least ?
			       minw[c] * DOC_TEXT_W / least :
			       minw[c] + (w[c] - minw[c]) *
						 (DOC_TEXT_W - least) /
						 (total - least);
	if (caption && *caption) {
		h = doc_set(d, caption, 9.0, 1, DOC_TEXT_W);
		hh = row_height(d, ncols, header, w, 1);
		doc_room(d, h + hh + 20.0);
		doc_set(d, caption, 9.0, 1, DOC_TEXT_W);
		doc_show(d, DOC_MARGIN_PT, d->y, DOC_INK);
		d->y += h + 3.0;
	}
	hh = row_height(d, ncols, header, w, 1);
	doc_room(d, hh);
	draw_row(d, ncols, header, w, numeric, 1, hh);
	for (r = 0; r < nrows; r++) {
		h = row_height(d, ncols, cells + r * ncols, w, 0);
		if (d->y + h > DOC_BOTTOM) {	/* the header again */
			doc_finish_page(d);
			doc_room(d, hh);
			draw_row(d, ncols, header, w, numeric, 1, hh);
		}
		draw_row(d, ncols, cells + r * ncols, w, numeric, 0, h);
	}
	d->y += 10.0;
	free(w);
	free(minw);
}

int doc_close(struct doc *d)
{
	cairo_status_t st;
	int ret = -1;

	if (!d)
		return -1;
	if (!d->failed) {
		if (!d->empty || !d->page)
			doc_finish_page(d);
		cairo_surface_finish(d->s);
		st = cairo_surface_status(d->s);
		if (st != CAIRO_STATUS_SUCCESS)
			error("%s: cairo: %s", d->path,
			      cairo_status_to_string(st));
		else
			ret = write_file(d->path, &d->out);
	}
	doc_free(d);
	return ret;
}
