/* export.c - writing the long export. */
#include "jsna/export.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/strmap.h"
#include "jsna/util.h"

const char export_header[] =
	"Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,"
	"Area Name,Area Type,Sex,Age,Category Type,Category,Time period,"
	"Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,"
	"Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,"
	"Compared to England value or percentiles,Compared to percentiles,"
	"Time period Sortable,New data,Compared to goal,Time period range,"
	"Neighbour average,Rank,Rank of,Quartile";

struct area_info {
	char *name, *level, *parent;
};

struct ind_info {
	char *title, *sex, *age;
};

struct ctx {
	struct strmap areas;
	struct strmap inds;
	const struct config *cfg;
	struct buf line;
	FILE *f;
	int failed;
};

void export_number(struct buf *b, double v)
{
	char s[40];
	int prec;

	if (isnan(v))
		return;
	/* Whole numbers (counts, denominators), the most common: their
	 * digits, as %.15g would write them. */
	if (fabs(v) < 1e15 && !(v < (double)(long long)v) &&
	    !(v > (double)(long long)v) &&
	    !((long long)v == 0 && signbit(v))) {
		long long n = (long long)v;
		unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n :
				       (unsigned long long)n;
		size_t k = sizeof(s);

		s[--k] = '\0';
		do {
			s[--k] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		if (n < 0)
			s[--k] = '-';
		buf_adds(b, s + k);
		return;
	}
	for (prec = 15; prec <= 17; prec++) {
		double back;

		snprintf(s, sizeof(s), "%.*g", prec, v);
		back = strtod(s, NULL);
		if ((!(back < v) && !(back > v)) || prec == 17)
			break;
	}
	buf_adds(b, s);
}

static void free_area(void *v)
{
	struct area_info *a = v;

	if (!a)
		return;
	free(a->name);
	free(a->level);
	free(a->parent);
	free(a);
}

static void free_ind(void *v)
{
	struct ind_info *i = v;

	if (!i)
		return;
	free(i->title);
	free(i->sex);
	free(i->age);
	free(i);
}

static int on_area(const struct area *a, void *vc)
{
	struct ctx *c = vc;
	struct area_info *ai = xcalloc(1, sizeof(*ai));

	ai->name = xstrdup(a->name);
	ai->level = xstrdup(a->level);
	ai->parent = a->parent ? xstrdup(a->parent) : NULL;
	*strmap_put(&c->areas, a->code) = ai;
	return 0;
}

static int on_ind(const struct indicator_meta *m, void *vc)
{
	struct ctx *c = vc;
	struct ind_info *ii = xcalloc(1, sizeof(*ii));

	ii->title = xstrdup(m->title);
	ii->sex = xstrdup(m->sex);
	ii->age = xstrdup(m->age);
	*strmap_put(&c->inds, m->id) = ii;
	return 0;
}

/* Fingertips' names of the area types. */
static const char *area_type(const char *level)
{
	if (!strcmp(level, "England"))
		return "England";
	if (!strcmp(level, "Region"))
		return "Regions (statistical)";
	/* Parts of an authority added up from its small areas: no
	 * Fingertips area type, the council's own word. */
	if (!strcmp(level, "Locality"))
		return "Locality";
	return "Counties & UAs (from Apr 2023)";
}

static void field(struct buf *b, const char *s)
{
	buf_add_csv(b, s ? s : "");
	buf_addch(b, ',');
}

static void number(struct buf *b, double v)
{
	export_number(b, v);
	buf_addch(b, ',');
}

static int on_value(const struct value_row *v, void *vc)
{
	struct ctx *c = vc;
	struct buf *b = &c->line;
	const struct area_info *a = strmap_get(&c->areas, v->area);
	const struct ind_info *ind = strmap_get(&c->inds, v->indicator);
	const struct area_info *p = NULL;
	const char *parent = a ? a->parent : NULL;

	/* An England row has no parent; a region's is England. */
	if (a && !strcmp(a->level, "England"))
		parent = NULL;
	if (parent)
		p = strmap_get(&c->areas, parent);
	buf_reset(b);
	field(b, v->indicator);
	field(b, ind ? ind->title : "");
	field(b, parent);
	field(b, p ? p->name : "");
	field(b, v->area);
	field(b, a ? a->name : "");
	field(b, a ? area_type(a->level) : "");
	field(b, ind ? ind->sex : "");
	field(b, ind ? ind->age : "");
	field(b, v->category_type);
	field(b, v->category);
	field(b, v->period.label);
	number(b, v->value);
	number(b, v->lower95);
	number(b, v->upper95);
	number(b, v->lower998);
	number(b, v->upper998);
	number(b, v->count);
	number(b, v->denominator);
	field(b, v->note);
	field(b, v->trend);
	field(b, v->cmp_england);
	field(b, v->cmp_parent);
	buf_addf(b, "%ld,", v->period.sortable);
	field(b, v->new_data);
	field(b, v->cmp_goal);
	field(b, v->period.range);
	number(b, v->neighbour_avg);
	if (v->rank > 0)
		buf_addf(b, "%d,%d,", v->rank, v->rank_of);
	else
		buf_adds(b, ",,");
	buf_add_csv(b, v->quartile);
	buf_addch(b, '\n');
	if (fwrite(b->buf, 1, b->len, c->f) != b->len) {
		c->failed = 1;
		return -1;
	}
	return 0;
}

int export_long(struct store *st, const struct config *cfg, long long run,
		FILE *f)
{
	struct ctx c;
	int ret = -1;

	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	c.f = f;
	if (store_each_area(st, on_area, &c) < 0 ||
	    store_each_indicator(st, run, on_ind, &c) < 0)
		goto out;
	if (fprintf(f, "%s\n", export_header) < 0) {
		error_errno("cannot write the long export");
		goto out;
	}
	if (run && store_each_value(st, run, NULL, NULL, on_value, &c) < 0) {
		if (c.failed)
			error_errno("cannot write the long export");
		goto out;
	}
	ret = 0;
out:
	strmap_release(&c.areas, free_area);
	strmap_release(&c.inds, free_ind);
	buf_release(&c.line);
	return ret;
}
