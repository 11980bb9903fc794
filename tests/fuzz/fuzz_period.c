/* fuzz_period.c - period parsing on arbitrary text: the first line is the
 * time period, the second the time identifier. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "jsna/period.h"
#include "jsna/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size), *nl;
	struct period p, q;

	nl = strchr(text, '\n');
	if (nl)
		*nl = '\0';
	if (period_parse(text, nl ? nl + 1 : NULL, &p) == 0) {
		period_shift(&p, -1, &q);
		if (strlen(p.label) >= sizeof(p.label))
			abort();
	}
	free(text);
	return 0;
}
