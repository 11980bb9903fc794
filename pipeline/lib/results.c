/* results.c - reading computed values back for the renderers. */
#include "jsna/results.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/number.h"
#include "jsna/strmap.h"
#include "jsna/util.h"

struct load {
	struct results *r;
	const struct config *cfg;
	struct strmap names;		/* area code -> name */
	struct strmap parents;		/* area code -> parent code */
};

static int on_area(const struct area *a, void *vl)
{
	struct load *l = vl;

	*strmap_put(&l->names, a->code) = xstrdup(a->name);
	if (a->parent)
		*strmap_put(&l->parents, a->code) = xstrdup(a->parent);
	return 0;
}

static int on_indicator(const struct indicator_meta *m, void *vl)
{
	struct load *l = vl;
	struct results *r = l->r;
	struct result_indicator *ind;

	r->ind = xrealloc(r->ind, (r->n + 1) * sizeof(*r->ind));
	ind = &r->ind[r->n++];
	memset(ind, 0, sizeof(*ind));
	ind->id = xstrdup(m->id);
	ind->title = xstrdup(m->title);
	ind->domain = xstrdup(m->domain);
	ind->type = xstrdup(m->type);
	ind->polarity = xstrdup(m->polarity);
	ind->ci = xstrdup(m->ci);
	ind->unit = xstrdup(m->unit);
	ind->count_label = xstrdup(m->count_label);
	ind->source = xstrdup(m->source);
	ind->group_a = xstrdup(m->group_a ? m->group_a : "");
	ind->group_b = xstrdup(m->group_b ? m->group_b : "");
	ind->continues = xstrdup(m->continues ? m->continues : "");
	ind->last_update = xstrdup(m->last_update ? m->last_update : "");
	ind->next_update = xstrdup(m->next_update ? m->next_update : "");
	ind->denominator_label = xstrdup(m->denominator_label ?
					 m->denominator_label : "");
	ind->datasets = xstrdup(m->datasets ? m->datasets : "");
	ind->base_year = m->base_year;
	ind->target = m->target;
	ind->multiplier = m->multiplier;
	ind->decimals = m->decimals;
	ind->latest = -1;
	return 0;
}

struct collect {
	struct result_indicator *ind;
	const char *codes[SERIES_COUNT];
	int pass;		/* 0: gather periods, 1: fill points */
	size_t alloc;
};

static int period_index(const struct result_indicator *ind, long sortable)
{
	size_t i;

	for (i = 0; i < ind->nperiods; i++)
		if (ind->periods[i].sortable == sortable)
			return (int)i;
	return -1;
}

static void put_point(struct result_point *p, const struct value_row *v)
{
	p->present = 1;
	p->value = v->value;
	p->lower95 = v->lower95;
	p->upper95 = v->upper95;
	p->lower998 = v->lower998;
	p->upper998 = v->upper998;
	p->count = v->count;
	p->denominator = v->denominator;
	p->neighbour_avg = v->neighbour_avg;
	p->rank = v->rank;
	p->rank_of = v->rank_of;
	snprintf(p->quartile, sizeof(p->quartile), "%s", v->quartile);
	snprintf(p->note, sizeof(p->note), "%s", v->note);
	snprintf(p->cmp_england, sizeof(p->cmp_england), "%s",
		 v->cmp_england);
	snprintf(p->cmp_parent, sizeof(p->cmp_parent), "%s", v->cmp_parent);
	snprintf(p->trend, sizeof(p->trend), "%s", v->trend);
	p->change_prev = v->change_prev;
	p->change_base = v->change_base;
}

static int on_value(const struct value_row *v, void *vc)
{
	struct collect *c = vc;
	struct result_indicator *ind = c->ind;
	int k, j;

	/* The indicator's own values; its breakdowns are read elsewhere. */
	if (v->category && *v->category)
		return 0;
	for (k = 0; k < SERIES_COUNT; k++)
		if (c->codes[k] && strcmp(c->codes[k], v->area) == 0)
			break;
	if (k == SERIES_COUNT)
		return 0;
	j = period_index(ind, v->period.sortable);
	if (c->pass == 0) {
		if (j < 0) {
			XGROW(ind->periods, c->alloc, ind->nperiods + 1);
			ind->periods[ind->nperiods++] = v->period;
		}
		return 0;
	}
	put_point(&ind->series[k].pt[j], v);
	return 0;
}

static int cmp_period(const void *a, const void *b)
{
	const struct period *x = a, *y = b;

	return (x->sortable > y->sortable) - (x->sortable < y->sortable);
}

static void empty_point(struct result_point *p)
{
	memset(p, 0, sizeof(*p));
	p->value = p->lower95 = p->upper95 = p->lower998 = p->upper998 = NAN;
	p->count = p->denominator = p->neighbour_avg = NAN;
	p->change_prev = p->change_base = NAN;
}

/* A year missing inside a yearly series (no exams in 2019/20 and 2020/21)
 * is a period without values, so that charts show a gap there rather
 * than join the years either side. */
static void fill_years(struct result_indicator *ind, size_t *alloc)
{
	size_t i, k, gap;

	for (i = 1; i < ind->nperiods; i++) {
		const struct period *a = &ind->periods[i - 1];
		const struct period *b = &ind->periods[i];

		if (a->kind != b->kind || a->month || b->month ||
		    b->year - a->year < 2 || b->year - a->year > 10)
			continue;
		gap = (size_t)(b->year - a->year - 1);
		XGROW(ind->periods, *alloc, ind->nperiods + gap);
		memmove(&ind->periods[i + gap], &ind->periods[i],
			(ind->nperiods - i) * sizeof(*ind->periods));
		for (k = 0; k < gap; k++)
			period_shift(&ind->periods[i - 1], (int)k + 1,
				     &ind->periods[i + k]);
		ind->nperiods += gap;
		i += gap;
	}
}

static int fill(struct load *l, struct store *st, struct result_indicator *ind)
{
	struct collect c;
	size_t k, j;
	const char *region;

	memset(&c, 0, sizeof(c));
	c.ind = ind;
	c.codes[SERIES_AREA] = l->r->area_code;
	c.codes[SERIES_ENGLAND] = l->cfg->benchmarks[0];
	region = l->cfg->nbenchmarks > 1 ? l->cfg->benchmarks[1] :
		 strmap_get(&l->parents, l->r->area_code);
	c.codes[SERIES_REGION] = region;
	for (k = 0; k < SERIES_COUNT; k++) {
		const char *name;

		if (!c.codes[k])
			continue;
		ind->series[k].code = xstrdup(c.codes[k]);
		name = strmap_get(&l->names, c.codes[k]);
		ind->series[k].name = xstrdup(name ? name : c.codes[k]);
	}
	if (store_each_value(st, l->r->run, ind->id, NULL, on_value, &c) < 0)
		return -1;
	if (ind->nperiods)
		qsort(ind->periods, ind->nperiods, sizeof(*ind->periods),
		      cmp_period);
	fill_years(ind, &c.alloc);
	for (k = 0; k < SERIES_COUNT; k++) {
		ind->series[k].pt = xcalloc(ind->nperiods + 1,
					    sizeof(struct result_point));
		for (j = 0; j < ind->nperiods; j++)
			empty_point(&ind->series[k].pt[j]);
	}
	c.pass = 1;
	if (store_each_value(st, l->r->run, ind->id, NULL, on_value, &c) < 0)
		return -1;
	for (j = ind->nperiods; j-- > 0;)
		if (ind->series[SERIES_AREA].pt[j].present) {
			ind->latest = (int)j;
			break;
		}
	return 0;
}

int results_load(struct store *st, const struct config *cfg,
		 struct results *r)
{
	struct load l;
	const char *name;
	size_t i;
	int ret = -1;

	memset(r, 0, sizeof(*r));
	memset(&l, 0, sizeof(l));
	l.r = r;
	l.cfg = cfg;
	r->area_code = xstrdup(cfg->area_code);
	if (store_latest_calc(st, &r->run) < 0 ||
	    store_each_area(st, on_area, &l) < 0)
		goto out;
	name = strmap_get(&l.names, cfg->area_code);
	r->area_name = xstrdup(name ? name : cfg->area_code);
	if (!r->run) {
		ret = 0;
		goto out;
	}
	if (store_each_indicator(st, r->run, on_indicator, &l) < 0)
		goto out;
	for (i = 0; i < r->n; i++)
		if (fill(&l, st, &r->ind[i]) < 0)
			goto out;
	ret = 0;
out:
	if (ret < 0)
		strmap_release(&l.names, free);
	else
		r->names = l.names;	/* the compare chart names any area */
	strmap_release(&l.parents, free);
	return ret;
}

void results_release(struct results *r)
{
	size_t i, k;

	for (i = 0; i < r->n; i++) {
		struct result_indicator *ind = &r->ind[i];

		free(ind->id);
		free(ind->title);
		free(ind->domain);
		free(ind->type);
		free(ind->polarity);
		free(ind->ci);
		free(ind->unit);
		free(ind->count_label);
		free(ind->source);
		free(ind->group_a);
		free(ind->group_b);
		free(ind->continues);
		free(ind->last_update);
		free(ind->next_update);
		free(ind->denominator_label);
		free(ind->datasets);
		free(ind->periods);
		for (k = 0; k < SERIES_COUNT; k++) {
			free(ind->series[k].code);
			free(ind->series[k].name);
			free(ind->series[k].pt);
		}
	}
	free(r->ind);
	strmap_release(&r->names, free);
	free(r->area_code);
	free(r->area_name);
	memset(r, 0, sizeof(*r));
}

const char *results_area_name(const struct results *r, const char *code)
{
	const char *name = strmap_get(&r->names, code);

	return name ? name : code;
}

struct compare_load {
	long period;
	const char *const *codes;
	size_t n;
	struct result_point *out;
};

static int on_compare_value(const struct value_row *v, void *vc)
{
	struct compare_load *c = vc;
	size_t i;

	if ((v->category && *v->category) || v->period.sortable != c->period)
		return 0;
	for (i = 0; i < c->n; i++)
		if (c->codes[i] && !strcmp(c->codes[i], v->area))
			put_point(&c->out[i], v);
	return 0;
}

int results_load_compare(struct store *st, const struct results *r,
			 const char *indicator_id, long period,
			 const char *const *codes, size_t n,
			 struct result_point *out)
{
	struct compare_load c = { period, codes, n, out };
	size_t i;

	for (i = 0; i < n; i++)
		empty_point(&out[i]);
	return store_each_value(st, r->run, indicator_id, NULL,
				on_compare_value, &c);
}

struct group_load {
	const char *indicator, *name;	/* what is looked for */
	char *type, *category;		/* what the breakdown is */
	const struct period *periods;
	size_t np;
	const char *const *codes;
	size_t n;
	double *out;
};

static int on_group_category(const char *indicator, const char *name,
			     const char *category_type, const char *category,
			     void *vg)
{
	struct group_load *g = vg;

	if (!g->category && !strcmp(indicator, g->indicator) &&
	    !strcmp(name, g->name)) {
		g->type = xstrdup(category_type);
		g->category = xstrdup(category);
	}
	return 0;
}

static int on_group_value(const struct value_row *v, void *vg)
{
	struct group_load *g = vg;
	const char *cat = v->category ? v->category : "";
	const char *type = v->category_type ? v->category_type : "";
	size_t i, j;

	if (strcmp(cat, g->category ? g->category : "") ||
	    strcmp(type, g->type ? g->type : ""))
		return 0;
	for (j = 0; j < g->np; j++)
		if (g->periods[j].sortable == v->period.sortable)
			break;
	if (j == g->np)
		return 0;
	for (i = 0; i < g->n; i++)
		if (g->codes[i] && !strcmp(g->codes[i], v->area))
			g->out[i * g->np + j] = v->value;
	return 0;
}

int results_load_group(struct store *st, const struct results *r,
		       const char *group, const struct period *periods,
		       size_t np, const char *const *codes, size_t n,
		       double *out, char **label)
{
	struct group_load g;
	char *id = xstrdup(group), *slash = strchr(id, '/');
	size_t i;
	int ret = -1;

	memset(&g, 0, sizeof(g));
	*label = NULL;
	for (i = 0; i < n * np; i++)
		out[i] = NAN;
	if (slash)
		*slash++ = '\0';
	g.indicator = id;
	g.name = slash;
	g.periods = periods;
	g.np = np;
	g.codes = codes;
	g.n = n;
	g.out = out;
	if (slash) {
		if (store_each_category(st, r->run, on_group_category, &g) < 0)
			goto out;
		if (!g.category) {
			error("no breakdown '%s' of indicator '%s' in the "
			      "latest calculation", slash, id);
			goto out;
		}
		*label = xstrdup(g.category);
	} else {
		for (i = 0; i < r->n; i++)
			if (!strcmp(r->ind[i].id, id))
				*label = xstrdup(r->ind[i].title);
		if (!*label) {
			error("no indicator '%s' in the latest calculation",
			      id);
			goto out;
		}
	}
	ret = store_each_value(st, r->run, id, NULL, on_group_value, &g);
	if (ret < 0) {
		free(*label);
		*label = NULL;
	}
out:
	free(g.type);
	free(g.category);
	free(id);
	return ret;
}

/* ---- below the area ---- */

struct below_load {
	const struct results *r;
	struct result_below *b;
	struct result_deciles *d;	/* the indicator read, or NULL */
	size_t ind;			/* and its index */
	size_t loc;			/* the locality read */
	size_t alloc;
};

/* "decile7" -> 7; 0 for any other name. */
static int decile_number(const char *name)
{
	char *end;
	long k;

	if (strncmp(name, "decile", 6) || name[6] < '1' || name[6] > '9')
		return 0;
	k = strtol(name + 6, &end, 10);
	return *end || k < 1 || k > RESULT_DECILES ? 0 : (int)k;
}

static int on_below_category(const char *indicator, const char *name,
			     const char *category_type, const char *category,
			     void *vb)
{
	struct below_load *l = vb;
	struct result_below *b = l->b;
	struct result_deciles *d = NULL;
	int k = decile_number(name);
	size_t i;

	if (!k)
		return 0;
	for (i = 0; i < l->r->n; i++)
		if (!strcmp(l->r->ind[i].id, indicator))
			break;
	if (i == l->r->n)
		return 0;
	if (b->ndeciles && b->deciles[b->ndeciles - 1].ind == i) {
		d = &b->deciles[b->ndeciles - 1];
	} else {
		XGROW(b->deciles, l->alloc, b->ndeciles + 1);
		d = &b->deciles[b->ndeciles++];
		memset(d, 0, sizeof(*d));
		d->ind = i;
		d->category_type = xstrdup(category_type);
	}
	if (!d->category[k - 1])
		d->category[k - 1] = xstrdup(category);
	return 0;
}

static int cmp_deciles(const void *a, const void *b)
{
	const struct result_deciles *x = a, *y = b;

	return (x->ind > y->ind) - (x->ind < y->ind);
}

static int on_decile_value(const struct value_row *v, void *vb)
{
	struct below_load *l = vb;
	const struct result_indicator *ind = &l->r->ind[l->ind];
	struct result_deciles *d = l->d;
	int j, k;

	if (!v->category || !*v->category ||
	    strcmp(v->category_type ? v->category_type : "",
		   d->category_type))
		return 0;
	for (k = 0; k < RESULT_DECILES; k++)
		if (d->category[k] && !strcmp(d->category[k], v->category))
			break;
	if (k == RESULT_DECILES ||
	    (j = period_index(ind, v->period.sortable)) < 0)
		return 0;
	put_point(&d->pt[(size_t)j * RESULT_DECILES + k], v);
	return 0;
}

static int on_below_area(const struct area *a, void *vb)
{
	struct below_load *l = vb;
	struct result_below *b = l->b;

	if (strcmp(a->level, "Locality") || !a->parent ||
	    strcmp(a->parent, l->r->area_code))
		return 0;
	XGROW(b->loc, l->alloc, b->nloc + 1);
	b->loc[b->nloc].code = xstrdup(a->code);
	b->loc[b->nloc++].name = xstrdup(a->name);
	return 0;
}

static int cmp_locality(const void *a, const void *b)
{
	const struct result_locality *x = a, *y = b;

	return strcmp(x->code, y->code);
}

static int on_locality_value(const struct value_row *v, void *vb)
{
	struct below_load *l = vb;
	const struct result_indicator *ind = &l->r->ind[l->ind];
	struct result_below *b = l->b;
	struct result_point **pt = &b->loc_pt[l->ind];
	size_t k, n = ind->nperiods * b->nloc;
	int j;

	if ((v->category && *v->category) ||
	    (j = period_index(ind, v->period.sortable)) < 0)
		return 0;
	if (!*pt) {
		*pt = xcalloc(n, sizeof(**pt));
		for (k = 0; k < n; k++)
			empty_point(&(*pt)[k]);
	}
	put_point(&(*pt)[(size_t)j * b->nloc + l->loc], v);
	return 0;
}

int results_load_below(struct store *st, const struct results *r,
		       struct result_below *out)
{
	struct below_load l;
	size_t i, k, n;

	memset(out, 0, sizeof(*out));
	memset(&l, 0, sizeof(l));
	l.r = r;
	l.b = out;
	if (!r->run || !r->n)
		return 0;
	out->n = r->n;
	out->loc_pt = xcalloc(r->n, sizeof(*out->loc_pt));

	/* The deciles: the categories the definitions name decile1 to
	 * decile10, then the area's rows of each such indicator. */
	if (store_each_category(st, r->run, on_below_category, &l) < 0)
		return -1;
	if (out->ndeciles)
		qsort(out->deciles, out->ndeciles, sizeof(*out->deciles),
		      cmp_deciles);
	for (i = 0; i < out->ndeciles; i++) {
		l.d = &out->deciles[i];
		l.ind = l.d->ind;
		n = r->ind[l.ind].nperiods * RESULT_DECILES;
		l.d->pt = xcalloc(n + 1, sizeof(*l.d->pt));
		for (k = 0; k < n; k++)
			empty_point(&l.d->pt[k]);
		if (store_each_value(st, r->run, r->ind[l.ind].id,
				     r->area_code, on_decile_value, &l) < 0)
			return -1;
	}

	/* The localities, and each one's rows of each indicator: a lookup
	 * by (indicator, area), the warehouse's key. */
	l.alloc = 0;
	if (store_each_area(st, on_below_area, &l) < 0)
		return -1;
	if (out->nloc)
		qsort(out->loc, out->nloc, sizeof(*out->loc), cmp_locality);
	for (i = 0; i < r->n; i++) {
		l.ind = i;
		for (k = 0; k < out->nloc; k++) {
			l.loc = k;
			if (store_each_value(st, r->run, r->ind[i].id,
					     out->loc[k].code,
					     on_locality_value, &l) < 0)
				return -1;
		}
	}
	return 0;
}

void results_below_release(struct result_below *b)
{
	size_t i;
	int k;

	for (i = 0; i < b->ndeciles; i++) {
		free(b->deciles[i].category_type);
		for (k = 0; k < RESULT_DECILES; k++)
			free(b->deciles[i].category[k]);
		free(b->deciles[i].pt);
	}
	free(b->deciles);
	for (i = 0; i < b->nloc; i++) {
		free(b->loc[i].code);
		free(b->loc[i].name);
	}
	free(b->loc);
	for (i = 0; b->loc_pt && i < b->n; i++)
		free(b->loc_pt[i]);
	free(b->loc_pt);
	memset(b, 0, sizeof(*b));
}

const struct result_deciles *results_deciles_of(const struct result_below *b,
						size_t i)
{
	size_t k;

	for (k = 0; k < b->ndeciles; k++)
		if (b->deciles[k].ind == i)
			return &b->deciles[k];
	return NULL;
}

enum stats_cmp results_cmp(const char *label)
{
	static const struct { const char *s; enum stats_cmp c; } map[] = {
		{ "Similar", CMP_SIMILAR }, { "Better", CMP_BETTER },
		{ "Worse", CMP_WORSE }, { "Higher", CMP_HIGHER },
		{ "Lower", CMP_LOWER },
		{ "Higher, not tested", CMP_HIGHER_UNTESTED },
		{ "Lower, not tested", CMP_LOWER_UNTESTED },
		{ "Same, not tested", CMP_SAME_UNTESTED },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(label, map[i].s) == 0)
			return map[i].c;
	return CMP_NOT_COMPARED;
}

char *results_format(double v, int dp, char *out, size_t n)
{
	struct buf b = BUF_INIT;

	number_format(&b, v, dp);
	snprintf(out, n, "%s", b.buf);
	buf_release(&b);
	return out;
}
