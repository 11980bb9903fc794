/* neighbours.c - reading DfE's statistical-neighbour list. */
#include "jsna/neighbours.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/csvin.h"
#include "jsna/util.h"

struct ctx {
	struct neighbours *nb;
	struct strmap by_number;	/* LA number -> GSS code (char *) */
	int col_la;
	int col_sn[NEIGHBOURS_MAX];
	int nsn;
	int failed;
	unsigned long unknown;
};

static int on_area(const struct area *a, void *vc)
{
	struct ctx *c = vc;

	if (a->la_number && *a->la_number && strcmp(a->level, "LA") == 0)
		*strmap_put(&c->by_number, a->la_number) = xstrdup(a->code);
	return 0;
}

static int on_row(const struct csvin_record *r, void *vc)
{
	struct ctx *c = vc;
	struct neighbour_list *l;
	const char *code;
	int i;

	if (r->recno == 1) {
		c->col_la = csvin_find(r, "LA num");
		if (c->col_la < 0) {
			c->failed = 1;
			return error_at(r->path, r->line, 0,
					"no 'LA num' column: expected DfE's statistical-neighbour layout (LA num, LA Name, ..., SN1, SNP, ...)");
		}
		for (i = 0; i < NEIGHBOURS_MAX; i++) {
			char name[16];

			snprintf(name, sizeof(name), "SN%d", i + 1);
			c->col_sn[i] = csvin_find(r, name);
			if (c->col_sn[i] < 0)
				break;
		}
		c->nsn = i;
		if (c->nsn == 0) {
			c->failed = 1;
			return error_at(r->path, r->line, 0,
					"no 'SN1' column: expected DfE's statistical-neighbour layout");
		}
		return 0;
	}
	if ((size_t)c->col_la >= r->nfields)
		return 0;
	code = strmap_get(&c->by_number, r->fields[c->col_la].ptr);
	if (!code) {
		/* An authority with no data loaded (a predecessor, Wales...). */
		c->unknown++;
		return 0;
	}
	l = xcalloc(1, sizeof(*l));
	for (i = 0; i < c->nsn; i++) {
		const char *nc;

		if ((size_t)c->col_sn[i] >= r->nfields)
			break;
		nc = strmap_get(&c->by_number, r->fields[c->col_sn[i]].ptr);
		if (nc)
			l->code[l->n++] = xstrdup(nc);
	}
	{
		void **slot = strmap_put(&c->nb->by_code, code);

		if (*slot) {
			struct neighbour_list *old = *slot;
			size_t k;

			for (k = 0; k < old->n; k++)
				free(old->code[k]);
			free(old);
		}
		*slot = l;
	}
	return 0;
}

int neighbours_load(const char *path, struct store *st, struct neighbours *nb)
{
	struct ctx c;
	int ret;

	memset(&c, 0, sizeof(c));
	c.nb = nb;
	if (store_each_area(st, on_area, &c) < 0) {
		strmap_release(&c.by_number, free);
		return -1;
	}
	ret = csvin_read_file(path, on_row, &c, NULL);
	strmap_release(&c.by_number, free);
	if (ret < 0 || c.failed)
		return -1;
	return 0;
}

char *const *neighbours_of(const struct neighbours *nb, const char *code,
			   size_t *n)
{
	struct neighbour_list *l = strmap_get(&nb->by_code, code);

	*n = l ? l->n : 0;
	return l ? l->code : NULL;
}

static void free_list(void *v)
{
	struct neighbour_list *l = v;
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++)
		free(l->code[i]);
	free(l);
}

void neighbours_release(struct neighbours *nb)
{
	strmap_release(&nb->by_code, free_list);
}
