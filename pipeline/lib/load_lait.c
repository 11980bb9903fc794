/* load_lait.c - placeholder while the layout is written. */
#include "load_int.h"

static int header(struct load *l, const struct csvin_record *h)
{
	load_bad(l, h->line, 0, "the layout 'lait' is not available yet");
	return -1;
}

static int row(struct load *l, const struct csvin_record *r)
{
	(void)l;
	(void)r;
	return 0;
}

const struct load_layout load_lait = { "lait", NULL, header, row, NULL };
