/* fuzz_csvin.c - the CSV reader on arbitrary bytes. */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "jsna/csvin.h"
#include "jsna/util.h"

static int on_row(const struct csvin_record *r, void *ctx)
{
	size_t *total = ctx, i;
	double v;
	char sym[8];

	/* Touch every byte the reader hands out. */
	for (i = 0; i < r->nfields; i++) {
		*total += strlen(r->fields[i].ptr) + r->fields[i].len;
		csvin_parse_double(r->fields[i].ptr, &v);
		csvin_symbol(r->fields[i].ptr, sym);
	}
	if (r->recno == 1)
		csvin_find(r, "time_period");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t total = 0;
	static int quiet;

	if (!quiet) {
		quiet = 1;
		freopen("/dev/null", "w", stderr);
	}
	csvin_read_mem("fuzz.csv", (const char *)data, size, on_row, &total);
	return 0;
}
