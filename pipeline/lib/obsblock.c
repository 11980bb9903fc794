/* obsblock.c - the packing of observation blocks (obsblock.h).
 *
 * A block is: a version byte (1); the number of rows; the row tags as
 * runs (length, tag); then each row's bytes as its tag says, in order.
 * Numbers are unsigned LEB128 varints; signed ones are zigzag-coded
 * first. A tag says which parts a row writes:
 *	AREA	the area, as the difference from the last row's (else +1)
 *	PERIOD	kind (a byte), year (signed), month (a byte) (else the last)
 *	INT	the value, a whole number (signed varint)
 *	DOUBLE	the value, eight bytes, little-endian IEEE 754
 *	(neither: no value, NaN)
 *	SYMBOL, NOTE	a text number each
 */
#include "jsna/obsblock.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/util.h"

#define BLOCK_VERSION	1

enum {
	T_AREA = 0x01,
	T_PERIOD = 0x02,
	T_INT = 0x04,
	T_DOUBLE = 0x08,
	T_SYMBOL = 0x10,
	T_NOTE = 0x20,
	T_ALL = 0x3f
};

/* Whole numbers written as varints: within 2^53, so exact either way. */
#define INT_LIMIT 9007199254740992.0

void obsblock_init(struct obsblock_enc *e)
{
	memset(e, 0, sizeof(*e));
	buf_init(&e->payload, 0);
}

/* Writes v at p (room for 10 bytes); returns the bytes written. */
static size_t varint_at(unsigned char *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

static void put_varint(struct buf *b, uint64_t v)
{
	buf_grow(b, 10);
	b->len += varint_at((unsigned char *)b->buf + b->len, v);
	b->buf[b->len] = '\0';
}

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static int64_t unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

void obsblock_add(struct obsblock_enc *e, const struct obsblock_row *r)
{
	unsigned char tag = 0, *p;
	struct buf *b = &e->payload;

	if (e->nrows == e->alloc)
		XGROW(e->tags, e->alloc, e->nrows + 1);
	/* At most 10 + 12 + 10 + 10 + 10 bytes: room once, then straight
	 * writes (a national file adds some 6 million rows). */
	buf_grow(b, 64);
	p = (unsigned char *)b->buf + b->len;
	if (r->area != e->last_area + 1) {
		tag |= T_AREA;
		p += varint_at(p, zigzag((int64_t)r->area -
					 (int64_t)e->last_area));
	}
	e->last_area = r->area;
	if (r->kind != e->last_kind || r->year != e->last_year ||
	    r->month != e->last_month) {
		tag |= T_PERIOD;
		*p++ = (unsigned char)r->kind;
		p += varint_at(p, zigzag(r->year));
		*p++ = (unsigned char)r->month;
		e->last_kind = r->kind;
		e->last_year = r->year;
		e->last_month = r->month;
	}
	if (!isnan(r->value)) {
		double v = r->value;
		int64_t i = fabs(v) < INT_LIMIT ? (int64_t)v : 0;

		/* A whole number (but -0, whose sign a varint loses). */
		if (fabs(v) < INT_LIMIT && !(v < (double)i) &&
		    !(v > (double)i) && !(i == 0 && signbit(v))) {
			tag |= T_INT;
			p += varint_at(p, zigzag(i));
		} else {
			uint64_t u;
			int k;

			tag |= T_DOUBLE;
			memcpy(&u, &v, sizeof(u));
			for (k = 0; k < 8; k++)
				*p++ = (unsigned char)(u >> (8 * k));
		}
	}
	if (r->symbol) {
		tag |= T_SYMBOL;
		p += varint_at(p, r->symbol);
	}
	if (r->note) {
		tag |= T_NOTE;
		p += varint_at(p, r->note);
	}
	b->len = (size_t)(p - (unsigned char *)b->buf);
	b->buf[b->len] = '\0';
	if (e->nrows == 0 || r->year < e->min_year)
		e->min_year = r->year;
	if (e->nrows == 0 || r->year > e->max_year)
		e->max_year = r->year;
	e->tags[e->nrows++] = tag;
}

/* A whole number as a row of its own: the general way. */
static void add_one_whole(struct obsblock_enc *e, uint32_t area,
			  enum period_kind kind, int year, int month,
			  uint32_t value)
{
	struct obsblock_row r;

	memset(&r, 0, sizeof(r));
	r.area = area;
	r.kind = kind;
	r.year = year;
	r.month = month;
	r.value = value;
	obsblock_add(e, &r);
}

void obsblock_add_whole(struct obsblock_enc *e, uint32_t area,
			enum period_kind kind, int year, int month,
			uint32_t value)
{
	obsblock_add_wholes(e, &area, &value, 1, kind, year, month,
			    SIZE_MAX);
}

size_t obsblock_add_wholes(struct obsblock_enc *e, const uint32_t *area,
			   const uint32_t *value, size_t n,
			   enum period_kind kind, int year, int month,
			   size_t limit)
{
	struct buf *b = &e->payload;
	size_t i = 0;

	while (i < n && obsblock_size(e) < limit) {
		unsigned char *p;
		size_t j, room;

		if (!(area[i] == e->last_area + 1 && year == e->last_year &&
		      kind == e->last_kind && month == e->last_month &&
		      e->nrows)) {
			add_one_whole(e, area[i], kind, year, month,
				      value[i]);
			i++;
			continue;
		}
		/* A run of next areas: room for all once (a varint of 32
		 * bits shifted is at most 5 bytes), then straight writes
		 * until the block is full. */
		room = n - i;
		if (e->nrows + room > e->alloc)
			XGROW(e->tags, e->alloc, e->nrows + room);
		buf_grow(b, 5 * room);
		p = (unsigned char *)b->buf + b->len;
		for (j = i; j < n && area[j] == e->last_area + 1; j++) {
			p += varint_at(p, (uint64_t)value[j] << 1);
			e->last_area = area[j];
			e->tags[e->nrows++] = T_INT;
			if ((size_t)(p - (unsigned char *)b->buf) + e->nrows >=
			    limit) {
				j++;
				break;
			}
		}
		b->len = (size_t)(p - (unsigned char *)b->buf);
		b->buf[b->len] = '\0';
		i = j;
	}
	return i;
}

size_t obsblock_size(const struct obsblock_enc *e)
{
	return e->payload.len + e->nrows;
}

void obsblock_finish(struct obsblock_enc *e, struct buf *out)
{
	size_t i, j, runs = 0;

	buf_addch(out, BLOCK_VERSION);
	put_varint(out, e->nrows);
	for (i = 0; i < e->nrows; i = j) {
		for (j = i + 1; j < e->nrows && e->tags[j] == e->tags[i]; j++)
			;
		runs++;
	}
	put_varint(out, runs);
	for (i = 0; i < e->nrows; i = j) {
		for (j = i + 1; j < e->nrows && e->tags[j] == e->tags[i]; j++)
			;
		put_varint(out, j - i);
		buf_addch(out, e->tags[i]);
	}
	buf_add(out, e->payload.buf, e->payload.len);
	buf_reset(&e->payload);
	e->nrows = 0;
	e->last_area = 0;
	e->last_kind = PERIOD_CALENDAR;
	e->last_year = e->last_month = 0;
	e->min_year = e->max_year = 0;
}

void obsblock_release(struct obsblock_enc *e)
{
	buf_release(&e->payload);
	free(e->tags);
	memset(e, 0, sizeof(*e));
}

struct reader {
	const unsigned char *p, *end;
	int bad;
};

static uint64_t get_varint(struct reader *rd)
{
	uint64_t v = 0;
	int shift = 0;

	while (rd->p < rd->end && shift < 64) {
		unsigned char c = *rd->p++;

		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
		shift += 7;
	}
	rd->bad = 1;
	return 0;
}

static int get_byte(struct reader *rd)
{
	if (rd->p >= rd->end) {
		rd->bad = 1;
		return 0;
	}
	return *rd->p++;
}

int obsblock_decode(const void *data, size_t len, obsblock_fn *fn,
		    void *ctx)
{
	struct reader rd = { data, (const unsigned char *)data + len, 0 };
	struct reader runs;
	struct obsblock_row r;
	uint64_t nrows, nruns, done = 0, k;
	int ret;

	if (get_byte(&rd) != BLOCK_VERSION || rd.bad)
		return -2;
	nrows = get_varint(&rd);
	nruns = get_varint(&rd);
	if (rd.bad || nruns > nrows)
		return -2;
	/* The runs come first; the rows' bytes follow them. */
	runs = rd;
	for (k = 0; k < nruns; k++) {
		get_varint(&rd);
		get_byte(&rd);
	}
	if (rd.bad)
		return -2;
	memset(&r, 0, sizeof(r));
	r.kind = PERIOD_CALENDAR;
	for (k = 0; k < nruns; k++) {
		uint64_t n = get_varint(&runs), i;
		int tag = get_byte(&runs);

		if (runs.bad || n > nrows - done || (tag & ~T_ALL) ||
		    (tag & T_INT && tag & T_DOUBLE))
			return -2;
		for (i = 0; i < n; i++) {
			if (tag & T_AREA) {
				int64_t a = (int64_t)r.area +
					    unzigzag(get_varint(&rd));

				if (a < 0 || a > UINT32_MAX)
					return -2;
				r.area = (uint32_t)a;
			} else {
				r.area++;
			}
			if (tag & T_PERIOD) {
				int kind = get_byte(&rd);
				int64_t y = unzigzag(get_varint(&rd));

				r.month = get_byte(&rd);
				if (kind > PERIOD_MONTH || y < -99999 ||
				    y > 99999 || r.month > 12)
					return -2;
				r.kind = (enum period_kind)kind;
				r.year = (int)y;
			}
			if (tag & T_INT) {
				r.value = (double)unzigzag(get_varint(&rd));
			} else if (tag & T_DOUBLE) {
				uint64_t u = 0;
				int b;

				if (rd.end - rd.p < 8)
					return -2;
				for (b = 0; b < 8; b++)
					u |= (uint64_t)rd.p[b] << (8 * b);
				rd.p += 8;
				memcpy(&r.value, &u, sizeof(u));
			} else {
				r.value = NAN;
			}
			r.symbol = tag & T_SYMBOL ?
				   (uint32_t)get_varint(&rd) : 0;
			r.note = tag & T_NOTE ? (uint32_t)get_varint(&rd) : 0;
			if (rd.bad)
				return -2;
			if ((ret = fn(&r, ctx)) < 0)
				return ret;
		}
		done += n;
	}
	if (done != nrows || rd.p != rd.end)
		return -2;
	return 0;
}
