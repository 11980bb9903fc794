/* fuzz_indicator.c - indicator definitions on arbitrary bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"
#include "jsna/indicator.h"
#include "jsna/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/jsna-fuzz-XXXXXX";
	struct indicator_def d;
	static int quiet;
	int fd;

	if (!quiet) {
		quiet = 1;
		freopen("/dev/null", "w", stderr);
	}
	fd = mkstemp(path);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size &&
	    indicator_load(path, &d) == 0)
		indicator_release(&d);
	close(fd);
	unlink(path);
	return 0;
}
