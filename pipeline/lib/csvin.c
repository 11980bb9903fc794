/* csvin.c - the only file that includes libcsv's <csv.h>.
 *
 * libcsv is a push parser that knows nothing of lines, so the input is fed
 * one physical line at a time: every field or row that completes while a
 * line is being fed ends on that line, which gives line numbers for
 * messages without a second pass.
 *
 * Most lines are simple: no quote, no tab, no carriage return but the
 * one that may end the line, no blank at either end of a field. libcsv
 * reads such a line exactly as its commas cut it, so when the parser is
 * between rows (nothing of a row fed yet) the line is cut here, at a
 * fraction of the cost of libcsv's state machine, and its fields go to
 * the same callbacks libcsv would have called; every other line goes
 * through libcsv. JSNA_CSV_FAST=never sends every line through libcsv.
 *
 * A big file is read by a second thread: it reads, parses and checks the
 * text into batches of rows, while the caller's thread takes each row
 * through the callback (mapping and storing it), so the two halves of the
 * work run side by side on two processors. Messages the reading gives (a
 * parse error, text converted from Windows-1252) travel in the batches and
 * are said by the caller's thread at their place between the rows, so
 * what is said, and in what order, is the same either way; the reading
 * thread calls nothing of the caller's.
 */
#include "jsna/csvin.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/util.h"

/* A field larger than this is taken as a broken file, not data. */
#define CSVIN_MAX_FIELD (1u << 20)

/* Files from this size are read by a second thread (JSNA_CSV_THREAD
 * = always or never says otherwise); a batch holds about this much. */
#define THREAD_MIN (1u << 20)
#define BATCH_BYTES (256u << 10)
#define BATCH_ROWS 4096
#define QUEUE_MAX 3

/* A batch of rows read, and the messages at their places. */
struct batch {
	struct buf text;		/* every field's bytes and a NUL */
	/* A plain row's fields follow one another in text, each with its
	 * NUL, all on the row's line: their lengths say the rest, a
	 * fraction of the bytes of whole fields for the other thread to
	 * take in. */
	uint32_t *len;
	size_t nlen, lalloc;
	/* The other rows' fields, ready when pushed, and where each
	 * starts in text. */
	struct csvin_field *f;
	size_t *off;
	size_t nf, falloc;
	struct brow {
		size_t first, nf;	/* its fields: len[first ..] or
					 * f[first ..] */
		size_t start;		/* a plain row's first byte in text */
		int plain;
		unsigned long recno, line;
	} *rows;
	size_t nrows, ralloc;
	struct bmsg {
		size_t before;		/* said before row [before] */
		int kind;		/* SAY_* */
		unsigned long line, col;
		char *text;
	} *msgs;
	size_t nmsgs, malloc_;
	int last;			/* the reading is over: */
	int rc, io_error;		/* run()'s status */
	struct batch *next;
};

/* Batches from the reading thread to the caller's. */
struct queue {
	pthread_mutex_t mu;
	pthread_cond_t more, room;
	struct batch *head, *tail, *spare;
	int queued;
	int stop;			/* the caller wants no more */
};

enum { SAY_WARNING, SAY_ERROR, SAY_PLAIN };

struct reader {
	const char *path;
	csvin_record_fn *fn;
	void *ctx;
	struct buf text;		/* the current row's field bytes, when
					 * not straight into the batch */
	size_t row_start;		/* where the row starts in the batch */
	int row_plain;			/* every byte printable ASCII so far */
	int row_simple;			/* one line, no "" field, in order */
	/* The current row's fields: pointers set once the row's text is
	 * complete, from where each field starts in it. */
	struct csvin_field *fields;
	size_t *off;
	size_t nf, falloc;
	unsigned long line;		/* line being fed, from 1 */
	unsigned long field_line;	/* line where the next field starts */
	unsigned long row_line;		/* line where the current row starts */
	unsigned long recno;
	unsigned long ends;		/* rows ended (blank lines too) */
	int between;			/* libcsv is between rows */
	int fast;			/* simple lines are cut here */
	int stop;			/* callback's negative return */
	size_t pending;			/* bytes fed since a field ended */
	int binary;			/* stopped on binary data */
	int warned_1252;
	struct buf scratch;		/* a field converted to UTF-8 */
	size_t too_big;			/* column of a field too long, or 0 */
	unsigned long big_line;		/* and the line where it starts */
	struct queue *q;		/* a reading thread's, or NULL */
	struct batch *b;		/* the batch being filled */
};

static void batch_reset(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->nmsgs; i++)
		free(b->msgs[i].text);
	buf_reset(&b->text);
	b->nlen = b->nf = b->nrows = b->nmsgs = 0;
	b->last = b->rc = b->io_error = 0;
	b->next = NULL;
}

static void batch_free(struct batch *b)
{
	if (!b)
		return;
	batch_reset(b);
	buf_release(&b->text);
	free(b->len);
	free(b->f);
	free(b->off);
	free(b->rows);
	free(b->msgs);
	free(b);
}

/* The text is complete: the fields can point into it. */
static void batch_seal(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->nf; i++)
		b->f[i].ptr = b->text.buf + b->off[i];
}

/* Hands the batch being filled to the caller's thread, and starts the
 * next; -1 when the caller wants no more. */
static int batch_push(struct reader *r)
{
	struct queue *q = r->q;
	struct batch *b = r->b;
	int stop;

	batch_seal(b);
	pthread_mutex_lock(&q->mu);
	while (q->queued >= QUEUE_MAX && !q->stop)
		pthread_cond_wait(&q->room, &q->mu);
	stop = q->stop;
	if (q->tail)
		q->tail->next = b;
	else
		q->head = b;
	q->tail = b;
	q->queued++;
	r->b = q->spare;
	if (r->b)
		q->spare = r->b->next;
	pthread_cond_signal(&q->more);
	pthread_mutex_unlock(&q->mu);
	if (!r->b) {
		r->b = xcalloc(1, sizeof(*r->b));
		buf_init(&r->b->text, BATCH_BYTES + 4096);
	}
	batch_reset(r->b);
	return stop ? -1 : 0;
}

/* Says what the reading found: here, or at its place in the batch. */
static void say(struct reader *r, int kind, unsigned long line,
		unsigned long col, const char *fmt, ...) JSNA_PRINTF(5, 6);
static void say(struct reader *r, int kind, unsigned long line,
		unsigned long col, const char *fmt, ...)
{
	struct buf text = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&text, fmt, ap);
	va_end(ap);
	if (r->q) {
		struct batch *b = r->b;

		XGROW(b->msgs, b->malloc_, b->nmsgs + 1);
		b->msgs[b->nmsgs].before = b->nrows;
		b->msgs[b->nmsgs].kind = kind;
		b->msgs[b->nmsgs].line = line;
		b->msgs[b->nmsgs].col = col;
		b->msgs[b->nmsgs++].text = buf_detach(&text, NULL);
		return;
	}
	if (kind == SAY_WARNING)
		warning_at(r->path, line, col, "%s", text.buf);
	else if (kind == SAY_ERROR)
		error_at(r->path, line, col, "%s", text.buf);
	else
		error("%s", text.buf);
	buf_release(&text);
}

/* A row read: to the callback, or into the batch. */
static int deliver(struct reader *r, const struct csvin_record *rec)
{
	struct batch *b = r->b;
	struct brow *br;
	size_t i, n = rec->nfields;

	if (!r->q)
		return r->fn(rec, r->ctx);
	if (b->nrows == b->ralloc)
		XGROW(b->rows, b->ralloc, b->nrows + 1);
	br = &b->rows[b->nrows++];
	br->nf = rec->nfields;
	br->recno = rec->recno;
	br->line = rec->line;
	br->start = r->row_start;
	br->plain = r->row_simple;
	/* The bytes are in the batch's text already. */
	if (br->plain) {
		if (b->nlen + n > b->lalloc)
			XGROW(b->len, b->lalloc, b->nlen + n);
		br->first = b->nlen;
		for (i = 0; i < n; i++)
			b->len[b->nlen + i] = (uint32_t)rec->fields[i].len;
		b->nlen += n;
	} else {
		if (b->nf + n > b->falloc) {
			size_t had = b->falloc;

			XGROW(b->f, b->falloc, b->nf + n);
			XGROW(b->off, had, b->falloc);
		}
		br->first = b->nf;
		memcpy(b->f + b->nf, rec->fields, n * sizeof(*b->f));
		memcpy(b->off + b->nf, r->off, n * sizeof(*b->off));
		b->nf += n;
	}
	if (b->text.len >= BATCH_BYTES || b->nrows >= BATCH_ROWS)
		return batch_push(r);
	return 0;
}

/* 1 when every byte is printable ASCII (0x20 to 0x7E): the common case,
 * which needs neither the UTF-8 nor the binary check. */
static int plain_ascii(const unsigned char *s, size_t n)
{
	unsigned char bad = 0;
	size_t i;

	for (i = 0; i < n; i++)
		bad |= (unsigned char)(s[i] - 0x20) >= 0x5f;
	return !bad;
}

/* Where the row's bytes go: straight into the batch for a reading
 * thread, so that they are copied once. */
static struct buf *row_text(struct reader *r)
{
	return r->q ? &r->b->text : &r->text;
}

/* Forgets the bytes of a row not delivered. */
static void row_drop(struct reader *r)
{
	struct buf *t = row_text(r);

	if (r->q) {
		t->len = r->row_start;
		t->buf[t->len] = '\0';
	} else {
		buf_reset(t);
	}
}

static void on_field(void *data, size_t len, void *vr)
{
	struct reader *r = vr;
	struct csvin_field *f;
	struct buf *t;
	size_t n = r->nf;

	r->pending = 0;
	if (r->stop || r->too_big)
		return;
	t = row_text(r);
	if (n == 0) {
		r->row_line = r->field_line;
		r->row_start = t->len;
		r->row_plain = 1;
		r->row_simple = 1;
	}
	if (len > CSVIN_MAX_FIELD) {
		/* Its row is not delivered: reading stops with an error. */
		r->too_big = n + 1;
		r->big_line = r->field_line;
		return;
	}
	if (n + 1 > r->falloc) {
		size_t had = r->falloc;

		XGROW(r->fields, r->falloc, n + 1);
		XGROW(r->off, had, r->falloc);
	}
	f = &r->fields[n];
	f->ptr = NULL;
	f->len = data ? len : 0;
	f->quoted_empty = data && len == 0;
	f->line = r->field_line;
	if (f->quoted_empty || f->line != r->row_line)
		r->row_simple = 0;
	r->off[n] = t->len;
	/* The bytes and a NUL, in one go. */
	if (len + 1 >= t->alloc - t->len)
		buf_grow(t, len + 1);
	if (data && len <= 16) {
		/* A cell of a few characters, the most common: copied and
		 * checked in one pass, without a call. */
		const unsigned char *from = data;
		unsigned char *to = (unsigned char *)t->buf + t->len;
		unsigned char bad = 0;
		size_t i;

		for (i = 0; i < len; i++) {
			to[i] = from[i];
			bad |= (unsigned char)(from[i] - 0x20) >= 0x5f;
		}
		if (bad)
			r->row_plain = 0;
	} else if (data) {
		if (!plain_ascii(data, len))
			r->row_plain = 0;
		memcpy(t->buf + t->len, data, len);
	} else {
		len = 0;
	}
	t->len += len + 1;
	t->buf[t->len - 1] = '\0';
	t->buf[t->len] = '\0';
	r->nf++;
	r->field_line = r->line;
}

/* Windows-1252 bytes 0x80-0x9F as Unicode (0: unassigned); the rest of
 * the high half is Latin-1. */
static const unsigned short cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6,
	0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019,
	0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
	0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* Length of a valid UTF-8 sequence at s (of n bytes), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

static void add_utf8(struct buf *b, unsigned cp)
{
	if (cp < 0x80) {
		buf_addch(b, (int)cp);
	} else if (cp < 0x800) {
		buf_addch(b, (int)(0xC0 | cp >> 6));
		buf_addch(b, (int)(0x80 | (cp & 0x3F)));
	} else {
		buf_addch(b, (int)(0xE0 | cp >> 12));
		buf_addch(b, (int)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addch(b, (int)(0x80 | (cp & 0x3F)));
	}
}

/* Checks a field's bytes: 0 when it is UTF-8 text; 1 when it is not UTF-8
 * but reads as Windows-1252 (then converted into out); -1 for binary
 * data (control characters other than tab, CR and LF, or a byte that is
 * not a character in Windows-1252 either). */
static int check_text(const char *p, size_t n, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i, k;
	int utf8 = 1;

	for (i = 0; i < n; i++)
		if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\r' &&
		     s[i] != '\n') || s[i] == 0x7F)
			return -1;
	for (i = 0; i < n; i += k) {
		k = utf8_seq(s + i, n - i);
		if (!k) {
			utf8 = 0;
			break;
		}
	}
	if (utf8)
		return 0;
	buf_reset(out);
	for (i = 0; i < n; i++) {
		if (s[i] < 0x80) {
			buf_addch(out, s[i]);
		} else if (s[i] < 0xA0) {
			if (!cp1252[s[i] - 0x80])
				return -1;
			add_utf8(out, cp1252[s[i] - 0x80]);
		} else {
			add_utf8(out, s[i]);
		}
	}
	return 1;
}

static void on_row(int c, void *vr)
{
	struct reader *r = vr;
	struct csvin_record rec;
	struct buf *text;
	size_t i;
	int ret;

	(void)c;
	r->ends++;
	if (r->stop || r->too_big) {
		if (r->nf)
			row_drop(r);
		r->nf = 0;
		return;
	}
	if (r->nf == 0) {
		/* A blank line (CSV_REPALL_NL reports it): not a row, but
		 * the next row starts after it. */
		r->field_line = r->line + 1;
		return;
	}
	text = row_text(r);
	/* Text must be UTF-8: Windows-1252 (Excel's "CSV") is converted,
	 * said once per file, and put after the row's bytes; binary bytes
	 * stop the reading. */
	for (i = 0; i < r->nf && !r->row_plain; i++) {
		const char *p = text->buf + r->off[i];
		size_t len = r->fields[i].len;
		int k;

		if (plain_ascii((const unsigned char *)p, len))
			continue;
		k = check_text(p, len, &r->scratch);
		if (k < 0) {
			say(r, SAY_ERROR, r->fields[i].line, i + 1,
			    "binary data (a control character or an undefined byte): not a CSV text file");
			r->stop = -1;
			r->binary = 1;
			break;
		}
		if (k > 0) {
			if (!r->warned_1252++)
				say(r, SAY_WARNING, r->fields[i].line, i + 1,
				    "not UTF-8: read as Windows-1252 and converted");
			r->off[i] = text->len;
			r->fields[i].len = r->scratch.len;
			r->row_simple = 0;
			buf_add(text, r->scratch.buf, r->scratch.len);
			buf_addch(text, '\0');
		}
	}
	if (r->stop) {
		row_drop(r);
		r->nf = 0;
		return;
	}
	if (!r->q)
		for (i = 0; i < r->nf; i++)
			r->fields[i].ptr = text->buf + r->off[i];
	rec.path = r->path;
	rec.recno = ++r->recno;
	rec.line = r->row_line;
	rec.nfields = r->nf;
	rec.fields = r->fields;
	ret = deliver(r, &rec);
	if (ret < 0)
		r->stop = ret;
	r->nf = 0;
	r->row_line = 0;
	if (!r->q)
		buf_reset(&r->text);
	/* The next row starts where this one ended, or on a later line. */
	r->field_line = r->line + 1;
}

static void reader_release(struct reader *r)
{
	buf_release(&r->text);
	buf_release(&r->scratch);
	free(r->off);
	free(r->fields);
}

/* What a byte is to a simple line: text; a comma; a blank, which must not
 * begin or end a field; a byte that makes the row not plain ASCII (its
 * text is checked as UTF-8 with the row); one that libcsv must read (a
 * quote, a tab, a carriage return). */
enum { B_TEXT, B_COMMA, B_BLANK, B_HIGH, B_LIBCSV };

#define H_ B_HIGH
static const unsigned char byte_class[256] = {
	H_, H_, H_, H_, H_, H_, H_, H_, H_, B_LIBCSV, H_, H_, H_, B_LIBCSV, H_, H_,
	H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
	B_BLANK, 0, B_LIBCSV, 0, 0, 0, 0, 0, 0, 0, 0, 0, B_COMMA, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, H_,
	H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
	H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
	H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
	H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
	H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
	H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
	H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
	H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_,
};
#undef H_

/* Notes field k of the row being cut, bytes [from, to) of its line, whose
 * copy starts at base in the row's text; 0 when it is too long for the
 * cutting (libcsv's reading then reports it). */
static int fast_field(struct reader *r, size_t k, size_t base, size_t from,
		      size_t to)
{
	struct csvin_field *f;

	if (to - from > CSVIN_MAX_FIELD)
		return 0;
	if (k + 1 > r->falloc) {
		size_t had = r->falloc;

		XGROW(r->fields, r->falloc, k + 1);
		XGROW(r->off, had, r->falloc);
	}
	f = &r->fields[k];
	f->ptr = NULL;
	f->len = to - from;
	f->quoted_empty = 0;	/* an empty field unquoted: libcsv's NULL */
	f->line = r->line;
	r->off[k] = base + from;
	return 1;
}

/* A simple line (n bytes, its newline the last) from between rows, read
 * as libcsv would read it: cut at its commas and copied into the row's
 * text in one pass, a NUL for each comma, then the row ended as libcsv's
 * callback would end it. 0, with nothing done, for any other line. */
static int fast_line(struct reader *r, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	struct buf *t = row_text(r);
	size_t end = n - 1, i, from = 0, nf = 0, base;
	unsigned char *to, high = 0;

	if (end && s[end - 1] == '\r')
		end--;
	if (!end || r->nf)
		return 0;	/* a blank line: libcsv's, with its rules */
	if (end + 2 >= t->alloc - t->len)
		buf_grow(t, end + 2);
	base = t->len;
	to = (unsigned char *)t->buf + base;
	for (i = 0; i < end; i++) {
		unsigned char c = u[i], k = byte_class[c];

		to[i] = c;
		if (k == B_TEXT)
			continue;
		switch (k) {
		case B_COMMA:
			if (!fast_field(r, nf++, base, from, i))
				return 0;
			to[i] = '\0';
			from = i + 1;
			break;
		case B_BLANK:
			if (i == from || i + 1 == end || u[i + 1] == ',')
				return 0;
			break;
		case B_HIGH:
			high = 1;
			break;
		default:
			return 0;
		}
	}
	if (!fast_field(r, nf++, base, from, end))
		return 0;
	to[end] = '\0';
	t->len += end + 1;
	t->buf[t->len] = '\0';
	r->row_line = r->line;
	r->row_start = base;
	r->row_plain = !high;
	r->row_simple = 1;
	r->nf = nf;
	r->field_line = r->line;
	on_row('\n', r);
	r->pending = 0;
	return 1;
}

/* Feeds one block; returns 0, or -1 after reporting a parse error. */
static int feed(struct csv_parser *p, struct reader *r, const char *data,
		size_t len)
{
	while (len > 0 && !r->stop) {
		const char *nl = memchr(data, '\n', len);
		size_t n = nl ? (size_t)(nl - data) + 1 : len;
		unsigned long ends;

		/* (A field too long for the cutting goes to libcsv, which
		 * reports it.) */
		if (nl && r->between && r->fast && fast_line(r, data, n)) {
			r->line++;
			data += n;
			len -= n;
			continue;
		}
		ends = r->ends;
		r->pending += n;
		if (csv_parse(p, data, n, on_field, on_row, r) != n) {
			/* Point at where the broken field starts: that is
			 * where a quote was opened and not closed properly. */
			if (csv_error(p) == CSV_EPARSE)
				say(r, SAY_ERROR, r->field_line, r->nf + 1,
				    "malformed quoted field: a quote is not closed, or text follows a closing quote (line %lu)",
				    r->line);
			else
				say(r, SAY_ERROR, r->line, r->nf + 1, "%s",
				    csv_strerror(csv_error(p)));
			return -1;
		}
		if (r->too_big) {
			say(r, SAY_ERROR, r->big_line, r->too_big,
			    "field longer than %u bytes", CSVIN_MAX_FIELD);
			return -1;
		}
		/* A field still growing past the cap: stop now rather than
		 * let libcsv gather the rest of it. */
		if (r->pending > CSVIN_MAX_FIELD + 1) {
			say(r, SAY_ERROR, r->field_line, r->nf + 1,
			    "field longer than %u bytes", CSVIN_MAX_FIELD);
			return -1;
		}
		/* Between rows again when a row ended on this line and
		 * could end only at its end: no carriage return but one just
		 * before the newline. */
		if (nl && r->ends != ends) {
			const char *cr = memchr(data, '\r', n);

			r->between = !cr || cr == nl - 1;
		} else {
			r->between = 0;
		}
		if (nl)
			r->line++;
		data += n;
		len -= n;
	}
	return 0;
}

static int run(const char *name, int fd, const char *mem, size_t memlen,
	       csvin_record_fn *fn, void *ctx, int *io_error, struct queue *q,
	       struct batch **batch)
{
	struct csv_parser p;
	struct reader r;
	char block[65536];
	int ret = -1, first = 1;

	memset(&r, 0, sizeof(r));
	r.q = q;
	r.b = batch ? *batch : NULL;
	r.path = name;
	r.fn = fn;
	r.ctx = ctx;
	r.line = 1;
	r.field_line = 1;
	r.between = 1;
	r.fast = !(getenv("JSNA_CSV_FAST") &&
		   !strcmp(getenv("JSNA_CSV_FAST"), "never"));
	buf_init(&r.text, 256);
	buf_init(&r.scratch, 0);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
		     CSV_EMPTY_IS_NULL | CSV_REPALL_NL) != 0)
		die(JSNA_EXIT_SYSTEM, "out of memory");
	/* libcsv grows a field's buffer by this much at a time. */
	csv_set_blk_size(&p, 16384);

	for (;;) {
		const char *data;
		size_t n;

		if (mem) {
			if (!first)
				break;
			data = mem;
			n = memlen;
		} else {
			ssize_t got = read(fd, block, sizeof(block));

			if (got < 0) {
				if (errno == EINTR)
					continue;
				if (io_error)
					*io_error = 1;
				say(&r, SAY_PLAIN, 0, 0, "cannot read '%s': %s",
				    name, strerror(errno));
				goto out;
			}
			if (got == 0)
				break;
			data = block;
			n = (size_t)got;
		}
		if (first && n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
			data += 3;
			n -= 3;
		}
		if (first) {
			/* A binary file says so in its first bytes (a NUL or
			 * another control character): refuse it before any
			 * row is read, whatever its name. */
			size_t i;

			for (i = 0; i < n; i++) {
				unsigned char b = (unsigned char)data[i];

				if ((b < 0x20 && b != '\t' && b != '\r' &&
				     b != '\n') || b == 0x7F)
					break;
			}
			if (i < n) {
				unsigned long ln = 1;
				size_t j;

				for (j = 0; j < i; j++)
					ln += data[j] == '\n';
				say(&r, SAY_ERROR, ln, 0,
				    "binary data (a control character at byte %zu): not a CSV text file",
				    i + 1);
				goto out;
			}
		}
		first = 0;
		if (feed(&p, &r, data, n) < 0)
			goto out;
		if (r.stop)
			break;
	}
	if (!r.stop && csv_fini(&p, on_field, on_row, &r) != 0) {
		say(&r, SAY_ERROR, r.row_line ? r.row_line : r.field_line,
		    r.nf + 1,
		    "unterminated quoted field (the closing quote is missing)");
		goto out;
	}
	if (!r.stop && r.too_big) {
		say(&r, SAY_ERROR, r.big_line, r.too_big,
		    "field longer than %u bytes", CSVIN_MAX_FIELD);
		goto out;
	}
	ret = r.stop ? r.stop : 0;
out:
	csv_free(&p);
	if (batch)
		*batch = r.b;
	reader_release(&r);
	return ret;
}

/* --- the reading thread ------------------------------------------------ */

struct job {
	const char *name;
	int fd;
	struct queue q;
};

static void *reading(void *vj)
{
	struct job *j = vj;
	struct batch *b = xcalloc(1, sizeof(*b));
	int io = 0, rc;

	buf_init(&b->text, BATCH_BYTES + 4096);
	rc = run(j->name, j->fd, NULL, 0, NULL, NULL, &io, &j->q, &b);
	/* The last batch says how the reading ended. */
	batch_seal(b);
	b->last = 1;
	b->rc = rc;
	b->io_error = io;
	pthread_mutex_lock(&j->q.mu);
	if (j->q.tail)
		j->q.tail->next = b;
	else
		j->q.head = b;
	j->q.tail = b;
	j->q.queued++;
	pthread_cond_signal(&j->q.more);
	pthread_mutex_unlock(&j->q.mu);
	return NULL;
}

static struct batch *queue_pop(struct queue *q)
{
	struct batch *b;

	pthread_mutex_lock(&q->mu);
	while (!q->head)
		pthread_cond_wait(&q->more, &q->mu);
	b = q->head;
	q->head = b->next;
	if (!q->head)
		q->tail = NULL;
	q->queued--;
	pthread_cond_signal(&q->room);
	pthread_mutex_unlock(&q->mu);
	return b;
}

static void queue_recycle(struct queue *q, struct batch *b)
{
	pthread_mutex_lock(&q->mu);
	b->next = q->spare;
	q->spare = b;
	pthread_mutex_unlock(&q->mu);
}

/* The caller's side: each batch's rows through fn and its messages said
 * at their places; after fn stops the reading, nothing more. */
static int run_threaded(const char *name, int fd, csvin_record_fn *fn,
			void *ctx, int *io_error)
{
	struct job j;
	pthread_t t;
	struct csvin_field *fields = NULL;
	size_t falloc = 0;
	int stopped = 0, ret = 0, done = 0;

	memset(&j, 0, sizeof(j));
	j.name = name;
	j.fd = fd;
	pthread_mutex_init(&j.q.mu, NULL);
	pthread_cond_init(&j.q.more, NULL);
	pthread_cond_init(&j.q.room, NULL);
	if (pthread_create(&t, NULL, reading, &j) != 0) {
		pthread_mutex_destroy(&j.q.mu);
		pthread_cond_destroy(&j.q.more);
		pthread_cond_destroy(&j.q.room);
		return run(name, fd, NULL, 0, fn, ctx, io_error, NULL, NULL);
	}
	while (!done) {
		struct batch *b = queue_pop(&j.q);
		size_t ri, mi = 0, k;

		for (ri = 0; ri <= b->nrows; ri++) {
			for (; mi < b->nmsgs && b->msgs[mi].before <= ri; mi++) {
				const struct bmsg *m = &b->msgs[mi];

				if (stopped)
					continue;
				if (m->kind == SAY_WARNING)
					warning_at(name, m->line, m->col, "%s",
						   m->text);
				else if (m->kind == SAY_ERROR)
					error_at(name, m->line, m->col, "%s",
						 m->text);
				else
					error("%s", m->text);
			}
			if (ri == b->nrows || stopped)
				continue;
			{
				const struct brow *br = &b->rows[ri];
				struct csvin_record rec;
				int rc;

				rec.path = name;
				rec.recno = br->recno;
				rec.line = br->line;
				rec.nfields = br->nf;
				if (br->plain) {
					const uint32_t *len =
						&b->len[br->first];
					const char *p = b->text.buf +
							br->start;

					if (br->nf > falloc)
						XGROW(fields, falloc, br->nf);
					for (k = 0; k < br->nf; k++) {
						fields[k].ptr = p;
						fields[k].len = len[k];
						fields[k].quoted_empty = 0;
						fields[k].line = br->line;
						p += len[k] + 1;
					}
					rec.fields = fields;
				} else {
					rec.fields = &b->f[br->first];
				}
				rc = fn(&rec, ctx);
				if (rc < 0) {
					stopped = rc;
					pthread_mutex_lock(&j.q.mu);
					j.q.stop = 1;
					pthread_cond_signal(&j.q.room);
					pthread_mutex_unlock(&j.q.mu);
				}
			}
		}
		if (b->last) {
			done = 1;
			if (!stopped && io_error && b->io_error)
				*io_error = 1;
			ret = stopped ? stopped : b->rc;
			batch_free(b);
		} else {
			queue_recycle(&j.q, b);
		}
	}
	pthread_join(t, NULL);
	free(fields);
	while (j.q.spare) {
		struct batch *b = j.q.spare;

		j.q.spare = b->next;
		batch_free(b);
	}
	pthread_mutex_destroy(&j.q.mu);
	pthread_cond_destroy(&j.q.more);
	pthread_cond_destroy(&j.q.room);
	return ret;
}

/* Is the file worth a reading thread? */
static int threaded(int fd)
{
	const char *e = getenv("JSNA_CSV_THREAD");
	struct stat st;

	if (e && !strcmp(e, "always"))
		return 1;
	if (e && !strcmp(e, "never"))
		return 0;
	return fstat(fd, &st) == 0 && st.st_size >= (off_t)THREAD_MIN;
}

int csvin_read_file(const char *path, csvin_record_fn *fn, void *ctx,
		    int *io_error)
{
	return csvin_read_named(path, path, fn, ctx, io_error);
}

int csvin_read_named(const char *path, const char *name, csvin_record_fn *fn,
		     void *ctx, int *io_error)
{
	int fd, ret;

	if (io_error)
		*io_error = 0;
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		if (io_error)
			*io_error = 1;
		return error_errno("cannot open '%s'", path);
	}
	if (threaded(fd))
		ret = run_threaded(name, fd, fn, ctx, io_error);
	else
		ret = run(name, fd, NULL, 0, fn, ctx, io_error, NULL, NULL);
	close(fd);
	return ret;
}

int csvin_read_mem(const char *name, const char *data, size_t len,
		   csvin_record_fn *fn, void *ctx)
{
	return run(name, -1, data, len, fn, ctx, NULL, NULL, NULL);
}

int csvin_find(const struct csvin_record *h, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < h->nfields; i++) {
		const char *s = h->fields[i].ptr;
		size_t len = h->fields[i].len;

		while (len && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len == n && memcmp(s, name, n) == 0)
			return (int)i;
	}
	return -1;
}

/* Plain decimals, [+-]digits[.digits] with at most 15 digits, the cells
 * of nearly every extract: the digits as a whole number m (exact in a
 * double) divided by 10^k (exact for k <= 22) is one correctly rounded
 * operation, so the result is strtod's (Clinger's fast path). Returns -1
 * to leave anything else to strtod. */
static int fast_decimal(const char *s, double *out)
{
	static const double pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
		1e11, 1e12, 1e13, 1e14, 1e15
	};
	const char *p = s;
	uint64_t m = 0;
	int digits = 0, frac = 0, neg = 0, dot = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (;; p++) {
		if (*p >= '0' && *p <= '9') {
			if (++digits > 15)
				return -1;
			m = m * 10 + (uint64_t)(*p - '0');
			frac += dot;
		} else if (*p == '.' && !dot) {
			dot = 1;
		} else {
			break;
		}
	}
	if (*p || !digits)
		return -1;
	*out = (double)m / pow10[frac];
	if (neg)
		*out = -*out;
	return 0;
}

int csvin_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return -1;
	if (fast_decimal(s, out) == 0)
		return 0;
	/* Decimal numbers only: strtod would also take "0x1A", "inf" and
	 * "nan", which no published extract means as a number. */
	if (s[strspn(s, "0123456789+-.eE \t")] != '\0')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno == ERANGE || !isfinite(v))
		return -1;
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end)
		return -1;
	*out = v;
	return 0;
}

int csvin_symbol(const char *s, char sym[8])
{
	static const char *const symbols[] = {
		"c", "x", "z", "u", "low", "k", ":", "~", "-", "NULL", "..",
		NULL
	};
	size_t i;

	while (*s == ' ')
		s++;
	for (i = 0; symbols[i]; i++) {
		size_t n = strlen(symbols[i]);

		if (strncmp(s, symbols[i], n) == 0 &&
		    s[n + strspn(s + n, " ")] == '\0') {
			memcpy(sym, symbols[i], n + 1);
			return 1;
		}
	}
	return 0;
}
