/* fuzz_csvin.c - the CSV reader on arbitrary bytes, read twice: simple
 * lines cut by csvin itself, then every line through libcsv
 * (JSNA_CSV_FAST=never). The rows must be the same: a difference aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "jsna/csvin.h"
#include "jsna/util.h"

/* FNV-1a over what a reading gave. */
static void mix(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++)
		*h = (*h ^ s[i]) * 0x100000001b3ULL;
}

static int on_row(const struct csvin_record *r, void *ctx)
{
	uint64_t *h = ctx;
	size_t i;
	double v;
	char sym[8];

	mix(h, &r->recno, sizeof(r->recno));
	mix(h, &r->line, sizeof(r->line));
	mix(h, &r->nfields, sizeof(r->nfields));
	/* Touch every byte the reader hands out. */
	for (i = 0; i < r->nfields; i++) {
		const struct csvin_field *f = &r->fields[i];

		mix(h, &f->len, sizeof(f->len));
		mix(h, &f->line, sizeof(f->line));
		mix(h, &f->quoted_empty, sizeof(f->quoted_empty));
		mix(h, f->ptr, f->len + 1);
		csvin_parse_double(f->ptr, &v);
		csvin_symbol(f->ptr, sym);
	}
	if (r->recno == 1)
		csvin_find(r, "time_period");
	return 0;
}

static uint64_t reading(const uint8_t *data, size_t size)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	int rc = csvin_read_mem("fuzz.csv", (const char *)data, size, on_row,
				&h);

	mix(&h, &rc, sizeof(rc));
	return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int quiet;
	uint64_t fast, slow;

	if (!quiet) {
		quiet = 1;
		if (!freopen("/dev/null", "w", stderr))
			return 0;
	}
	unsetenv("JSNA_CSV_FAST");
	fast = reading(data, size);
	setenv("JSNA_CSV_FAST", "never", 1);
	slow = reading(data, size);
	unsetenv("JSNA_CSV_FAST");
	if (fast != slow)
		abort();	/* read differently by the two ways */
	return 0;
}
