/* fuzz_load.c - whole extracts through ingest: recognition by header
 * against the shipped source definitions (inputs/sources, read from the
 * folder the target runs in), then the matched layout's reader, into a
 * warehouse in memory. Nothing may crash, leak or hang; a rejected file
 * must leave the warehouse as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"
#include "jsna/load.h"
#include "jsna/source.h"
#include "jsna/store.h"
#include "jsna/util.h"

static struct store *st;
static struct source_registry reg;

static void shut(void)
{
	store_close(st);
	source_registry_release(&reg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/jsna-fuzz-load-XXXXXX";
	struct load_result res;
	long long run;
	int fd;

	if (!st) {
		if (!freopen("/dev/null", "w", stderr))
			return 0;
		if (store_open(":memory:", &st) < 0 ||
		    source_registry_load("inputs/sources", &reg) < 0)
			abort();
		atexit(shut);
	}
	fd = mkstemp(path);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size &&
	    store_run_begin(st, "ingest", 0, &run) == 0 &&
	    store_begin(st) == 0) {
		/* A name that layouts reading the year and sex from the file
		 * name (ONS MYE2) accept, so the fuzzer gets past them. */
		load_file(st, &reg, path, "mye22final_MYE2_Persons.csv", run,
			  1, &res);
		store_commit(st);
	}
	close(fd);
	unlink(path);
	return 0;
}
