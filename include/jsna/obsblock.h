/* obsblock.h - observations packed into blocks, as the warehouse keeps
 * them.
 *
 *	struct obsblock_enc e;
 *	obsblock_init(&e);
 *	obsblock_add(&e, &row); ...
 *	obsblock_finish(&e, &blob);        blob.buf, blob.len: the block
 *	obsblock_decode(blob.buf, blob.len, on_row, ctx);
 *	obsblock_release(&e);
 *
 * A block holds the rows of one series (one file's dataset, measure and
 * filter values), so a row is only its area, period, value, symbol and
 * note; texts (area codes, symbols, notes) are numbers given by the
 * warehouse (0: none). Rows are packed by what changes from one to the
 * next: a run of rows whose area is the next number, whose period is the
 * last one and whose value is a small whole number (the cells of a
 * population table) takes one byte each. Pure functions: no I/O; the
 * encoder owns its buffers until obsblock_release().
 */
#ifndef JSNA_OBSBLOCK_H
#define JSNA_OBSBLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "jsna/buf.h"
#include "jsna/period.h"

struct obsblock_row {
	uint32_t area;		/* text number of the area code */
	enum period_kind kind;
	int year, month;
	double value;		/* NaN: none */
	uint32_t symbol;	/* text number, 0: none */
	uint32_t note;		/* text number, 0: none */
};

struct obsblock_enc {
	struct buf payload;	/* each row's bytes, as its tag says */
	unsigned char *tags;	/* one per row */
	size_t nrows, alloc;
	uint32_t last_area;
	enum period_kind last_kind;
	int last_year, last_month;
	int min_year, max_year;
};

void obsblock_init(struct obsblock_enc *e);
void obsblock_add(struct obsblock_enc *e, const struct obsblock_row *r);
/* The same for a whole number with no symbol or note, faster. */
void obsblock_add_whole(struct obsblock_enc *e, uint32_t area,
			enum period_kind kind, int year, int month,
			uint32_t value);
/* The same for n rows (area[i], value[i]) of one period, until the
 * block holds limit bytes; returns the rows added. */
size_t obsblock_add_wholes(struct obsblock_enc *e, const uint32_t *area,
			   const uint32_t *value, size_t n,
			   enum period_kind kind, int year, int month,
			   size_t limit);
/* Appends the block to out; the encoder is then empty again. */
void obsblock_finish(struct obsblock_enc *e, struct buf *out);
/* Bytes held so far (to decide when to write a block out). */
size_t obsblock_size(const struct obsblock_enc *e);
void obsblock_release(struct obsblock_enc *e);

/* Calls fn for each row in order; stops at fn's negative value and
 * returns it. Returns 0, or -2 when the bytes are not a block (a damaged
 * warehouse). */
typedef int obsblock_fn(const struct obsblock_row *r, void *ctx);
int obsblock_decode(const void *data, size_t len, obsblock_fn *fn,
		    void *ctx);

#endif
