/* compute.c - from observations to indicator values (indicators/
 * README.md, "What is computed"). */
#include "jsna/compute.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/smallarea.h"
#include "jsna/stats_sii.h"
#include "jsna/stats_trend.h"
#include "jsna/util.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* An aggregated value of one selection for one area and period: the sum
 * of its choices (and parts), or the symbol that stands instead. */
struct agg {
	double value;
	char symbol[8];
	struct period period;	/* the indicator's period */
	char *area;
	int ncombos;
};

/* One breakdown being read: the conditions that replace the selections'. */
struct variant {
	const struct ind_category *cat;	/* NULL: the indicator's own */
};

/* Reading one selection for every variant. */
struct read_ctx {
	const struct ind_selection *sel;
	const struct variant *vars;
	size_t nvars;
	const struct ind_where **eff;	/* [nvars * nwhere]: effective */
	struct strmap *combos;		/* [nvars]: key+combo -> agg */
	unsigned char *by_decile;	/* [nvars]: SMALLAREA_SPLIT_* of the
					 * small areas' decile its conditions
					 * name, or 0 */
	const struct ind_where **extra;	/* [nvars]: a category's decile
					 * condition the selection lacks */
	int split;			/* SMALLAREA_SPLIT_* read: rows
					 * differ by decile */
	int column_seen[IND_MAX_WHERE];
	long long rows;
	struct buf key;
};

struct row {
	char *area;			/* owned */
	size_t var;
	struct period period;
	double count, den;
	struct stats_ci ci95, ci998;
	char note[32];
	int from_fallback;
	int withheld;			/* 'c' by us or the publisher */
	const char *cmp_england, *cmp_parent, *cmp_goal;
	char cmp_england_buf[24], cmp_parent_buf[24];
	double nb_avg, change_prev, change_base;
	int rank, rank_of, rank_region, rank_region_of, rank_nb, rank_nb_of;
	char quartile[2];
	const char *trend;		/* static label, or NULL */
};

struct rows {
	struct row *r;
	size_t n, alloc;
};

/* A cached value for the gaps. */
struct cval {
	double value, count, den;
	double lower95, upper95;
	int from_counts;		/* value = count / den x multiplier */
	int withheld;
	char note[32];
	struct period period;
	double multiplier;
	int proportion;
};

static void free_agg(void *v)
{
	struct agg *a = v;

	if (a)
		free(a->area);
	free(a);
}

/* Appends a whole number: keys are built for every observation read, so
 * not through printf. */
static void add_long(struct buf *b, long v)
{
	char tmp[24];
	size_t n = sizeof(tmp);
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do {
		tmp[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--n] = '-';
	buf_add(b, tmp + n, sizeof(tmp) - n);
}

static void key_area(struct buf *b, const char *area, long sortable)
{
	buf_reset(b);
	buf_adds(b, area);
	buf_addch(b, 0x1f);
	add_long(b, sortable);
}

/* SMALLAREA_SPLIT_* for a filter column of small areas' deciles, else 0. */
static int decile_kind(const char *column)
{
	return !strcmp(column, SMALLAREA_DECILE) ? SMALLAREA_SPLIT_NATIONAL :
	       !strcmp(column, SMALLAREA_LOCAL_DECILE) ?
	       SMALLAREA_SPLIT_LOCAL : 0;
}

/* The value of column in "c1=v1 US c2=v2"; NULL when absent. Sets *len. */
static const char *filter_value(const char *filters, const char *col,
				size_t *len)
{
	size_t cl = strlen(col);
	const char *p = filters;

	while (*p) {
		const char *end = strchr(p, 0x1f);
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n > cl && strncmp(p, col, cl) == 0 && p[cl] == '=') {
			*len = n - cl - 1;
			return p + cl + 1;
		}
		p += n;
		if (*p)
			p++;
	}
	return NULL;
}

static int choice_of(const struct ind_where *w, const char *v, size_t len)
{
	size_t i;

	for (i = 0; i < w->nchoices; i++)
		if (strlen(w->choices[i]) == len &&
		    strncmp(w->choices[i], v, len) == 0)
			return 1;
	return 0;
}

/* The period of an observation as the indicator's: read as academic or
 * financial if asked, then shifted back by the selection's offset. */
static void indicator_period(const struct ind_selection *sel,
			     const struct period *in, struct period *out)
{
	struct period p = *in;

	if (sel->period_as != PERIOD_AS_YEAR &&
	    (p.kind == PERIOD_CALENDAR || p.kind == PERIOD_REPORTING)) {
		p.kind = sel->period_as == PERIOD_AS_ACADEMIC ?
			 PERIOD_ACADEMIC : PERIOD_FINANCIAL;
		p.year -= 1;
		p.month = 0;
		period_finish(&p);
	}
	if (sel->period_offset)
		period_shift(&p, -sel->period_offset, out);
	else
		*out = p;
}

static int on_obs(const struct observation *o, void *vc)
{
	struct read_ctx *c = vc;
	size_t v, i, nw = c->sel->nwhere;
	unsigned char decile = 0;

	c->rows++;
	for (i = 0; i < nw; i++) {
		size_t len;

		if (filter_value(o->filters, c->sel->where[i].column, &len))
			c->column_seen[i] = 1;
	}
	if (c->split) {
		size_t len;

		decile = filter_value(o->filters, SMALLAREA_DECILE, &len) ?
			 SMALLAREA_SPLIT_NATIONAL :
			 filter_value(o->filters, SMALLAREA_LOCAL_DECILE, &len) ?
			 SMALLAREA_SPLIT_LOCAL : 0;
	}
	for (v = 0; v < c->nvars; v++) {
		const struct ind_where **eff = c->eff + v * nw;
		struct agg *a;
		void **slot;
		struct period p;

		/* A sum by decile is for the variants that ask for one;
		 * the others take the total. */
		if (c->split && decile != c->by_decile[v])
			continue;

		for (i = 0; i < nw; i++) {
			size_t len;
			const char *val = filter_value(o->filters,
						       eff[i]->column, &len);

			if (!val || !choice_of(eff[i], val, len))
				break;
		}
		if (i < nw)
			continue;
		if (c->extra[v]) {
			size_t len;
			const char *val = filter_value(o->filters,
						       c->extra[v]->column,
						       &len);

			if (!val || !choice_of(c->extra[v], val, len))
				continue;
		}
		indicator_period(c->sel, &o->period, &p);
		key_area(&c->key, o->area, p.sortable);
		for (i = 0; i < nw; i++)
			if (eff[i]->nchoices > 1) {
				size_t len;
				const char *val = filter_value(
					o->filters, eff[i]->column, &len);

				buf_addch(&c->key, 0x1f);
				buf_add(&c->key, val, len);
			}
		if (c->extra[v] && c->extra[v]->nchoices > 1) {
			size_t len;
			const char *val = filter_value(o->filters,
						       c->extra[v]->column,
						       &len);

			buf_addch(&c->key, 0x1f);
			buf_add(&c->key, val, len);
		}
		slot = strmap_put(&c->combos[v], c->key.buf);
		/* Rows come by file: a later file's value replaces. */
		a = *slot;
		if (!a) {
			a = xcalloc(1, sizeof(*a));
			a->area = xstrdup(o->area);
			*slot = a;
		}
		a->value = o->value;
		snprintf(a->symbol, sizeof(a->symbol), "%s",
			 o->symbol ? o->symbol : "");
		a->period = p;
	}
	return 0;
}

/* Does a series (its filters) hold rows some variant can take? Each
 * condition of the selection must accept its value of that column, in
 * one variant or another: on_obs's test, once a block. */
static int keep_series(const char *filters, void *vc)
{
	struct read_ctx *c = vc;
	size_t i, v, nw = c->sel->nwhere;

	for (i = 0; i < nw; i++) {
		size_t len;
		const char *val;

		if (decile_kind(c->sel->where[i].column))
			continue;	/* added by the sums: in no series */
		val = filter_value(filters, c->sel->where[i].column, &len);
		if (!val)
			return 0;
		for (v = 0; v < c->nvars; v++)
			if (choice_of(c->eff[v * nw + i], val, len))
				break;
		if (v == c->nvars)
			return 0;
	}
	return 1;
}

/* The conditions of sel for a variant: the category's replace those on
 * the same column. */
static const struct ind_where *effective(const struct ind_selection *sel,
					 size_t i, const struct variant *v)
{
	size_t j;

	if (v->cat)
		for (j = 0; j < v->cat->nwhere; j++)
			if (!strcmp(v->cat->where[j].column,
				    sel->where[i].column))
				return &v->cat->where[j];
	return &sel->where[i];
}

/* Adds the combos of one selection into per-area-and-period sums. A sum
 * needs every combination of its choices; a symbol among them stands for
 * the sum ('c' first). */
static void sum_combos(const struct ind_selection *sel,
		       const struct ind_where *const *eff,
		       struct strmap *combos, struct strmap *out)
{
	size_t i, expected = 1;
	struct buf key = BUF_INIT;

	for (i = 0; i < sel->nwhere; i++)
		expected *= eff[i]->nchoices;
	for (i = 0; i < combos->cap; i++) {
		struct agg *c = combos->slots[i].value, *a;
		void **slot;

		if (!combos->slots[i].key)
			continue;
		key_area(&key, c->area, c->period.sortable);
		slot = strmap_put(out, key.buf);
		a = *slot;
		if (!a) {
			a = xcalloc(1, sizeof(*a));
			a->area = xstrdup(c->area);
			a->period = c->period;
			*slot = a;
		}
		a->ncombos++;
		if (c->symbol[0]) {
			if (!a->symbol[0] || !strcmp(c->symbol, "c"))
				snprintf(a->symbol, sizeof(a->symbol), "%s",
					 c->symbol);
		} else if (!isnan(c->value)) {
			a->value += c->value;
		} else if (!a->symbol[0]) {
			snprintf(a->symbol, sizeof(a->symbol), "x");
		}
	}
	/* An incomplete sum is no sum. */
	for (i = 0; i < out->cap; i++) {
		struct agg *a = out->slots[i].value;

		if (out->slots[i].key && a->ncombos != (int)expected &&
		    !a->symbol[0])
			snprintf(a->symbol, sizeof(a->symbol), "x");
		if (out->slots[i].key && a->symbol[0])
			a->value = NAN;
	}
	buf_release(&key);
}

/* Reads one selection for every variant into out[v] (sums by area and
 * period). Reports what makes it unusable. Returns COMPUTE_*; *unloaded
 * set (and COMPUTE_OK) when the dataset's measure is not loaded. */
static enum compute_status read_selection(const struct compute_env *env,
					  const struct indicator_def *d,
					  const struct ind_selection *sel,
					  const char *measure,
					  const struct variant *vars,
					  size_t nvars, struct strmap *out,
					  int *unloaded)
{
	struct read_ctx c;
	size_t v, i, nw = sel->nwhere;
	enum compute_status ret = COMPUTE_OK;

	memset(&c, 0, sizeof(c));
	c.sel = sel;
	c.vars = vars;
	c.nvars = nvars;
	c.eff = xcalloc(nvars * nw + 1, sizeof(*c.eff));
	c.combos = xcalloc(nvars, sizeof(*c.combos));
	c.by_decile = xcalloc(nvars + 1, 1);
	c.extra = xcalloc(nvars + 1, sizeof(*c.extra));
	for (v = 0; v < nvars; v++) {
		for (i = 0; i < nw; i++) {
			c.eff[v * nw + i] = effective(sel, i, &vars[v]);
			if (decile_kind(c.eff[v * nw + i]->column))
				c.by_decile[v] = (unsigned char)decile_kind(
					c.eff[v * nw + i]->column);
		}
		/* A decile breakdown of a selection with no condition on
		 * the decile: its condition is added. */
		if (!c.by_decile[v] && vars[v].cat) {
			size_t j;

			for (j = 0; j < vars[v].cat->nwhere; j++)
				if (decile_kind(vars[v].cat->where[j].column)) {
					c.extra[v] = &vars[v].cat->where[j];
					c.by_decile[v] = (unsigned char)
						decile_kind(c.extra[v]->column);
				}
		}
	}
	for (v = 0; v < nvars; v++)
		c.split |= c.by_decile[v];
	*unloaded = 0;
	/* Only the series some variant can take are read: a few ages of a
	 * table of 183 series read a few blocks. Nothing matched: read it
	 * all, to say why. */
	{
		int rc = smallarea_each_observation(env->sa, env->st,
						    sel->dataset, measure,
						    keep_series, &c, c.split,
						    on_obs, &c);

		if (rc == 0 && c.rows == 0)
			rc = smallarea_each_observation(env->sa, env->st,
							sel->dataset,
							measure, NULL, NULL,
							c.split, on_obs, &c);
		if (rc < 0) {
			ret = COMPUTE_SYSTEM;
			goto out;
		}
	}
	if (c.rows == 0) {
		int loaded = store_dataset_loaded(env->st, sel->dataset);

		if (loaded < 0) {
			ret = COMPUTE_SYSTEM;
		} else if (loaded && strchr(measure, ':')) {
			/* A Fingertips export holds the indicators that were
			 * exported: one it lacks is not loaded tonight. */
			*unloaded = 1;
		} else if (loaded) {
			error_at(d->path, sel->line, 0,
				 "[%s] dataset '%s' has no measure '%s' loaded ('jsna-check --datasets' lists what is loaded)",
				 sel->name, sel->dataset, measure);
			ret = COMPUTE_DATA;
		} else if (env->sources &&
			   !source_find(env->sources, sel->dataset)) {
			error_at(d->path, sel->line, 0,
				 "[%s] no source definition gives a dataset '%s' ('jsna-check --datasets' lists the datasets)",
				 sel->name, sel->dataset);
			ret = COMPUTE_DATA;
		} else {
			*unloaded = 1;	/* not among tonight's inputs */
		}
		goto out;
	}
	for (i = 0; i < nw; i++)
		if (!c.column_seen[i]) {
			error_at(d->path, sel->line, 0,
				 "[%s] dataset '%s' has no filter column '%s' ('jsna-check --datasets' lists its filters)",
				 sel->name, sel->dataset, sel->where[i].column);
			ret = COMPUTE_DATA;
			goto out;
		}
	for (v = 0; v < nvars; v++)
		sum_combos(sel, c.eff + v * nw, &c.combos[v], &out[v]);
	if (out[0].len == 0 && !vars[0].cat)
		warning_at(d->path, sel->line, 0,
			   "[%s] no rows of '%s' measure '%s' match the 'where' conditions",
			   sel->name, sel->dataset, measure);
out:
	for (v = 0; v < nvars; v++)
		strmap_release(&c.combos[v], free_agg);
	free(c.combos);
	free(c.eff);
	free(c.by_decile);
	free(c.extra);
	buf_release(&c.key);
	return ret;
}

/* Reads a term (its parts added) for every variant into out[v]. */
static enum compute_status read_term(const struct compute_env *env,
				     const struct indicator_def *d,
				     const struct ind_term *t,
				     const struct variant *vars, size_t nvars,
				     struct strmap *out,
				     struct compute_stats *st)
{
	size_t p, v, i;
	enum compute_status rc = COMPUTE_OK;

	for (p = 0; p < t->nparts && rc == COMPUTE_OK; p++) {
		struct strmap *part = xcalloc(nvars, sizeof(*part));
		int unloaded;

		rc = read_selection(env, d, &t->parts[p], t->parts[p].measure,
				    vars, nvars, part, &unloaded);
		if (unloaded) {
			st->unloaded++;
			/* A part not loaded leaves no sum. */
			for (v = 0; v < nvars; v++)
				strmap_release(&out[v], free_agg);
		}
		for (v = 0; v < nvars && rc == COMPUTE_OK && !unloaded; v++) {
			if (p == 0) {
				out[v] = part[v];
				memset(&part[v], 0, sizeof(part[v]));
				continue;
			}
			/* Keep the keys every part has; add the values. */
			for (i = 0; i < out[v].cap; i++) {
				struct agg *a = out[v].slots[i].value, *b;

				if (!out[v].slots[i].key)
					continue;
				b = strmap_get(&part[v], out[v].slots[i].key);
				if (!b) {
					if (!a->symbol[0])
						snprintf(a->symbol,
							 sizeof(a->symbol),
							 "x");
					a->value = NAN;
				} else if (b->symbol[0]) {
					if (!a->symbol[0] ||
					    !strcmp(b->symbol, "c"))
						snprintf(a->symbol,
							 sizeof(a->symbol),
							 "%s", b->symbol);
					a->value = NAN;
				} else if (!a->symbol[0]) {
					a->value += b->value;
				}
			}
		}
		for (v = 0; v < nvars; v++)
			strmap_release(&part[v], free_agg);
		free(part);
		if (unloaded)
			break;
	}
	return rc;
}

static void free_area(void *v)
{
	struct area_rec *a = v;

	if (!a)
		return;
	free(a->code);
	free(a->name);
	free(a->level);
	free(a->parent);
	free(a->la_number);
	free(a);
}

void compute_free_area(void *a)
{
	free_area(a);
}

static int on_area(const struct area *a, void *vm)
{
	struct area_rec *r = xcalloc(1, sizeof(*r));

	r->code = xstrdup(a->code);
	r->name = xstrdup(a->name);
	r->level = xstrdup(a->level);
	r->parent = a->parent ? xstrdup(a->parent) : NULL;
	r->la_number = a->la_number && *a->la_number ?
		       xstrdup(a->la_number) : NULL;
	*strmap_put(vm, a->code) = r;
	return 0;
}

int compute_load_areas(struct store *st, struct strmap *areas)
{
	return store_each_area(st, on_area, areas);
}

void compute_cache_release(struct compute_cache *c)
{
	strmap_release(&c->values, free);
}

static void nan_ci(struct stats_ci *ci)
{
	ci->value = ci->lower = ci->upper = NAN;
}

/* The value and intervals of a row with counts (numerator over
 * denominator, or a count). */
static void compute_value(const struct indicator_def *d, struct row *r)
{
	double m = d->multiplier;
	int s95 = STATS_OK, s998 = STATS_OK;

	nan_ci(&r->ci95);
	nan_ci(&r->ci998);
	switch (d->type) {
	case IND_COUNT:
	case IND_PROJECTION:
		r->ci95.value = r->ci998.value = r->count;
		return;
	case IND_RATE:
		if (d->ci == CI_BYAR) {
			s95 = stats_rate(r->count, r->den, m, 0.95, &r->ci95);
			s998 = stats_rate(r->count, r->den, m, 0.998,
					  &r->ci998);
		} else if (d->ci == CI_EXACT) {
			s95 = stats_rate_exact(r->count, r->den, m, 0.95,
					       &r->ci95);
			s998 = stats_rate_exact(r->count, r->den, m, 0.998,
						&r->ci998);
		} else if (r->den > 0) {
			r->ci95.value = r->ci998.value = r->count / r->den * m;
		} else {
			s95 = STATS_DOMAIN;
		}
		break;
	case IND_PROPORTION:
	case IND_SHARE:
		if (d->ci == CI_WILSON) {
			s95 = stats_proportion(r->count, r->den, m, 0.95,
					       &r->ci95);
			s998 = stats_proportion(r->count, r->den, m, 0.998,
						&r->ci998);
		} else if (r->den > 0 && r->count <= r->den) {
			r->ci95.value = r->ci998.value = r->count / r->den * m;
		} else {
			s95 = STATS_DOMAIN;
		}
		break;
	case IND_RATIO:
		if (r->den > 0)
			r->ci95.value = r->ci998.value = r->count / r->den * m;
		else
			s95 = STATS_DOMAIN;
		break;
	default:
		break;
	}
	if (s95 != STATS_OK || s998 != STATS_OK) {
		nan_ci(&r->ci95);
		nan_ci(&r->ci998);
		snprintf(r->note, sizeof(r->note), "%s",
			 r->count > r->den ? "count above denominator" :
			 "not computable");
	}
}

/* Index + 1 of each row by variant, area and period. */
static void key_row(struct buf *b, size_t var, const char *area,
		    long sortable)
{
	buf_reset(b);
	add_long(b, (long)var);
	buf_addch(b, 0x1f);
	buf_adds(b, area);
	buf_addch(b, 0x1f);
	add_long(b, sortable);
}

static size_t find_row(const struct strmap *idx, struct buf *key, size_t var,
		       const char *area, long sortable)
{
	key_row(key, var, area, sortable);
	return (size_t)(uintptr_t)strmap_get(idx, key->buf);
}

/* Index + 1 of the row of var, area and period among rows sorted by
 * cmp_row, or 0: a binary search. */
static size_t sorted_row(const struct rows *rs, size_t var, const char *area,
			 long sortable)
{
	size_t lo = 0, hi = rs->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct row *r = &rs->r[mid];
		int c = r->var != var ? (r->var < var ? -1 : 1) :
			strcmp(r->area, area);

		if (!c)
			c = (r->period.sortable > sortable) -
			    (r->period.sortable < sortable);
		if (!c)
			return mid + 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c;

	if (x->var != y->var)
		return x->var < y->var ? -1 : 1;
	c = strcmp(x->area, y->area);
	if (c)
		return c;
	return (x->period.sortable > y->period.sortable) -
	       (x->period.sortable < y->period.sortable);
}

static struct row *new_row(struct rows *rs, const char *area, size_t var,
			   const struct period *p)
{
	struct row *r;

	XGROW(rs->r, rs->alloc, rs->n + 1);
	r = &rs->r[rs->n++];
	memset(r, 0, sizeof(*r));
	r->area = xstrdup(area);
	r->var = var;
	r->period = *p;
	r->count = r->den = NAN;
	r->nb_avg = r->change_prev = r->change_base = NAN;
	nan_ci(&r->ci95);
	nan_ci(&r->ci998);
	return r;
}

static void withhold(struct row *r, const char *symbol)
{
	snprintf(r->note, sizeof(r->note), "%s", symbol);
	r->withheld = !strcmp(symbol, "c");
	r->count = NAN;
	nan_ci(&r->ci95);
	nan_ci(&r->ci998);
}

/* Is a count to be withheld as small? Inside an authority (a locality)
 * the threshold is stricter: fewer people can be told apart. */
static int small(const struct compute_env *env, const char *area,
		 double count)
{
	const struct area_rec *a = strmap_get(env->areas, area);
	int below = a && !strcmp(a->level, "Locality") ?
		    env->cfg->suppress_below_locality :
		    env->cfg->suppress_below;

	return count > 0 && count < below;
}

/* A symbol agg (or none). */
static const char *sym(const struct agg *a)
{
	return a && a->symbol[0] ? a->symbol : NULL;
}

/* Builds the rows of one variant from its terms (not gaps, not
 * averages). */
static void rows_from_terms(const struct compute_env *env,
			    const struct indicator_def *d, size_t var,
			    struct strmap *num, struct strmap *den,
			    struct strmap *val, struct strmap *sd,
			    struct rows *rs, struct compute_stats *st)
{
	struct strmap *primary = d->type == IND_MEAN ? val :
		d->type == IND_PREVALENCE ? den : num;
	size_t i;

	for (i = 0; i < primary->cap; i++) {
		struct agg *p = primary->slots[i].value, *n = NULL, *q = NULL,
			   *s = NULL;
		const char *k = primary->slots[i].key;
		struct row *r;

		if (!k)
			continue;
		r = new_row(rs, p->area, var, &p->period);
		if (d->type == IND_MEAN) {
			q = den->cap ? strmap_get(den, k) : NULL;
			s = sd->cap ? strmap_get(sd, k) : NULL;
			if (sym(p)) {
				withhold(r, p->symbol);
				continue;
			}
			r->count = q && !sym(q) ? q->value : NAN;
			r->ci95.value = r->ci998.value = p->value;
			if (d->ci == CI_T && s && !sym(s) && q && !sym(q)) {
				if (stats_mean(p->value, s->value, q->value,
					       0.95, &r->ci95) != STATS_OK ||
				    stats_mean(p->value, s->value, q->value,
					       0.998, &r->ci998) != STATS_OK) {
					nan_ci(&r->ci95);
					nan_ci(&r->ci998);
					r->ci95.value = r->ci998.value =
						p->value;
				}
			}
			continue;
		}
		if (d->type == IND_PREVALENCE) {
			if (sym(p)) {
				withhold(r, p->symbol);
				continue;
			}
			r->den = p->value;
			r->count = d->rate / d->rate_per * p->value;
			r->ci95.value = r->ci998.value = r->count;
			continue;
		}
		n = p;
		if (d->denominator.nparts) {
			q = strmap_get(den, k);
			if (q && !sym(q))
				r->den = q->value;
		}
		if (sym(n)) {
			withhold(r, n->symbol);
			if (r->withheld)
				st->suppressed++;
			continue;
		}
		r->count = n->value;
		if (isnan(r->count))
			continue;
		if (d->type != IND_PROJECTION && small(env, r->area, r->count)) {
			withhold(r, "c");
			st->suppressed++;
			continue;
		}
		if (d->denominator.nparts && isnan(r->den)) {
			snprintf(r->note, sizeof(r->note), "%s",
				 q && sym(q) ? q->symbol : "x");
			st->missing_denominator++;
			continue;
		}
		compute_value(d, r);
	}
}

/* The year an average's month falls in, for months[] ending in year 0:
 * going back from the last month, each step to a later month number is a
 * step into the year before. */
static int month_year_offset(const struct indicator_def *d, size_t i)
{
	int off = 0;
	size_t j;

	for (j = d->nmonths - 1; j > i; j--)
		if (d->months[j - 1] > d->months[j])
			off--;
	return off;
}

/* Averages over the months of each year (README: "an average over
 * months"). */
static void rows_from_months(const struct compute_env *env,
			     const struct indicator_def *d, size_t var,
			     struct strmap *num, struct strmap *den,
			     struct rows *rs, struct compute_stats *st)
{
	struct strmap years = STRMAP_INIT;	/* AREA\x1fYEAR -> 1 */
	struct buf key = BUF_INIT;
	size_t i, j;

	/* Each year whose last month is present in the numerator. */
	for (i = 0; i < num->cap; i++) {
		struct agg *a = num->slots[i].value;

		if (!num->slots[i].key || a->period.kind != PERIOD_MONTH ||
		    a->period.month != d->months[d->nmonths - 1])
			continue;
		buf_reset(&key);
		buf_addf(&key, "%s\x1f%d", a->area, a->period.year);
		*strmap_put(&years, key.buf) = a;
	}
	for (i = 0; i < years.cap; i++) {
		struct agg *last = years.slots[i].value;
		double sum_v = 0, sum_n = 0, sum_d = 0;
		const char *symbol = NULL;
		struct period p;
		struct row *r;

		if (!years.slots[i].key)
			continue;
		memset(&p, 0, sizeof(p));
		p.kind = PERIOD_CALENDAR;
		p.year = last->period.year;
		period_finish(&p);
		for (j = 0; j < d->nmonths; j++) {
			struct period mp;
			struct agg *n, *q = NULL;

			memset(&mp, 0, sizeof(mp));
			mp.kind = PERIOD_MONTH;
			mp.year = p.year + month_year_offset(d, j);
			mp.month = d->months[j];
			period_finish(&mp);
			key_area(&key, last->area, mp.sortable);
			n = strmap_get(num, key.buf);
			if (d->denominator.nparts)
				q = strmap_get(den, key.buf);
			if (!n || (d->denominator.nparts && !q)) {
				symbol = "x";
				break;
			}
			if (sym(n) || (q && sym(q))) {
				symbol = sym(n) ? n->symbol : q->symbol;
				break;
			}
			sum_n += n->value;
			if (q) {
				if (!(q->value > 0)) {
					symbol = "x";
					break;
				}
				sum_d += q->value;
				sum_v += n->value / q->value * d->multiplier;
			} else {
				sum_v += n->value;
			}
		}
		r = new_row(rs, last->area, var, &p);
		if (symbol) {
			withhold(r, symbol);
			continue;
		}
		r->count = sum_n / (double)d->nmonths;
		if (small(env, r->area, r->count)) {
			withhold(r, "c");
			st->suppressed++;
			continue;
		}
		if (d->denominator.nparts)
			r->den = sum_d / (double)d->nmonths;
		r->ci95.value = r->ci998.value = sum_v / (double)d->nmonths;
	}
	strmap_release(&years, NULL);
	buf_release(&key);
}

/* Fills in, from the fallbacks in order, the rows (and areas and periods)
 * the terms gave no value. */
static enum compute_status apply_fallbacks(const struct compute_env *env,
					   const struct indicator_def *d,
					   const struct variant *vars,
					   size_t nvars, struct rows *rs,
					   struct compute_stats *st)
{
	struct strmap idx = STRMAP_INIT, by_number = STRMAP_INIT;
	struct buf key = BUF_INIT;
	size_t f, v, i;
	enum compute_status rc = COMPUTE_OK;

	for (i = 0; i < rs->n; i++) {
		const struct area_rec *a = strmap_get(env->areas,
						      rs->r[i].area);

		key_row(&key, rs->r[i].var, rs->r[i].area,
			rs->r[i].period.sortable);
		*strmap_put(&idx, key.buf) = (void *)(uintptr_t)(i + 1);
		/* The council under its LA number: a recoded authority's
		 * old code may hold the value the fallback would repeat. */
		if (a && a->la_number &&
		    (!isnan(rs->r[i].ci95.value) || rs->r[i].withheld)) {
			key_row(&key, rs->r[i].var, a->la_number,
				rs->r[i].period.sortable);
			*strmap_put(&by_number, key.buf) = (void *)1;
		}
	}
	for (f = 0; f < d->nfallbacks && rc == COMPUTE_OK; f++) {
		const struct ind_selection *fb = &d->fallbacks[f];

		for (v = 0; v < nvars && rc == COMPUTE_OK; v++) {
			struct strmap got = STRMAP_INIT;
			const char *measure = fb->measure;
			int unloaded;

			if (vars[v].cat && vars[v].cat->no_fallback)
				continue;
			/* A category's own measure replaces the first
			 * fallback's; the others keep theirs. */
			if (vars[v].cat && vars[v].cat->fallback && f == 0)
				measure = vars[v].cat->fallback;
			rc = read_selection(env, d, fb, measure, &vars[v], 1,
					    &got, &unloaded);
			if (unloaded)
				st->unloaded++;
			for (i = 0; i < got.cap && rc == COMPUTE_OK; i++) {
				struct agg *a = got.slots[i].value;
				size_t k;
				struct row *r;

				if (!got.slots[i].key)
					continue;
				k = find_row(&idx, &key, v, a->area,
					     a->period.sortable);
				/* A publisher's "no value" adds nothing. */
				if (sym(a))
					continue;
				if (k) {
					r = &rs->r[k - 1];
					/* Only where the counts gave nothing,
					 * and never over a withheld count. */
					if (!isnan(r->ci95.value) ||
					    r->withheld)
						continue;
				} else {
					const struct area_rec *ar = strmap_get(
						env->areas, a->area);

					if (ar && ar->la_number) {
						key_row(&key, v, ar->la_number,
							a->period.sortable);
						if (strmap_get(&by_number,
							       key.buf))
							continue;
					}
					if (ar && ar->la_number)
						*strmap_put(&by_number,
							    key.buf) =
							(void *)1;
					r = new_row(rs, a->area, v,
						    &a->period);
					key_row(&key, v, a->area,
						a->period.sortable);
					*strmap_put(&idx, key.buf) =
						(void *)(uintptr_t)rs->n;
				}
				nan_ci(&r->ci95);
				nan_ci(&r->ci998);
				r->ci95.value = r->ci998.value = a->value;
				r->count = r->den = NAN;
				r->from_fallback = 1;
				snprintf(r->note, sizeof(r->note),
					 "published value");
				st->fallback++;
			}
			strmap_release(&got, free_agg);
		}
	}
	strmap_release(&idx, NULL);
	strmap_release(&by_number, NULL);
	buf_release(&key);
	return rc;
}

/* Secondary suppression: where one group of a category type whose groups
 * add up to the total is withheld and the total is not, the smallest
 * other group is withheld too. Rows are indexed. */
static void secondary_suppression(const struct variant *vars, size_t nvars,
				  struct rows *rs, struct compute_stats *st)
{
	size_t v, i, w;

	for (v = 1; v < nvars; v++) {
		const char *type = vars[v].cat->type;
		int first = 1;

		if (!vars[v].cat->secondary)
			continue;
		for (w = 1; w < v; w++)	/* each type once */
			if (vars[w].cat->secondary &&
			    !strcmp(vars[w].cat->type, type))
				first = 0;
		if (!first)
			continue;
		/* Each total row: look at its groups. */
		for (i = 0; i < rs->n; i++) {
			struct row *tot = &rs->r[i], *lone = NULL, *pick = NULL;
			int withheld = 0;

			if (tot->var != 0 || isnan(tot->count) || tot->withheld)
				continue;
			for (w = 1; w < nvars; w++) {
				size_t k;
				struct row *g;

				if (!vars[w].cat->secondary ||
				    strcmp(vars[w].cat->type, type))
					continue;
				k = sorted_row(rs, w, tot->area,
					       tot->period.sortable);
				if (!k)
					continue;
				g = &rs->r[k - 1];
				if (g->withheld) {
					withheld++;
					lone = g;
				} else if (!isnan(g->count) &&
					   (!pick || g->count < pick->count)) {
					pick = g;
				}
			}
			if (withheld == 1 && lone && pick) {
				withhold(pick, "c");
				st->suppressed++;
				st->secondary++;
			}
		}
	}
}

/* A comparison where there is no interval: the direction only. */
static const char *untested(double value, double bench,
			    enum stats_polarity pol)
{
	if (isnan(value) || isnan(bench) || pol == POLARITY_NOT_APPLICABLE)
		return "";
	return stats_cmp_label(value > bench ? CMP_HIGHER_UNTESTED :
			       value < bench ? CMP_LOWER_UNTESTED :
					       CMP_SAME_UNTESTED);
}

static const char *compare(const struct row *r, const struct row *b,
			   enum stats_polarity pol)
{
	double bv = b ? b->ci95.value : NAN;

	if (!isnan(r->ci95.value) && !isnan(bv) &&
	    (isnan(r->ci95.lower) || isnan(r->ci95.upper)))
		return untested(r->ci95.value, bv, pol);
	return stats_cmp_label(stats_compare(r->ci95.value, r->ci95.lower,
					     r->ci95.upper, bv, pol));
}

/* Compared to goal (README): Green meets it, Amber misses it within the
 * interval, Red misses it outside. */
static const char *compare_goal(const struct indicator_def *d,
				const struct row *r)
{
	double v = r->ci95.value, t = d->target;
	int meets;

	if (isnan(t) || isnan(v))
		return "";
	meets = d->polarity == POLARITY_HIGH_GOOD ? v >= t : v <= t;
	if (meets)
		return "Green";
	if (!isnan(r->ci95.lower) && !isnan(r->ci95.upper) &&
	    t >= r->ci95.lower && t <= r->ci95.upper)
		return "Amber";
	return "Red";
}

static int is_la(const struct compute_env *env, const char *code,
		 const struct area_rec **out)
{
	const struct area_rec *a = strmap_get(env->areas, code);

	if (out)
		*out = a;
	return a && !strcmp(a->level, "LA");
}

/* Ranks (1 = best by polarity, ties share the lowest) and LAIT quartile
 * bands among authorities, for each variant and period; and the rank in
 * the region. Rows sorted. */
static void rank_authorities(const struct compute_env *env,
			     const struct indicator_def *d, struct rows *rs)
{
	size_t n = rs->n, i, j, nv, nranked;
	double *vals = xcalloc(n + 1, sizeof(double));
	size_t *which = xcalloc(n + 1, sizeof(size_t));
	int *ranks = xcalloc(n + 1, sizeof(int));
	char *bands = xcalloc(n + 1, 1);
	char *done = xcalloc(n + 1, 1);

	for (i = 0; i < n; i++) {
		const struct row *first = &rs->r[i];

		if (done[i] || !is_la(env, first->area, NULL))
			continue;
		/* Every authority's row of this variant and period. */
		nv = 0;
		for (j = i; j < n; j++) {
			const struct row *r = &rs->r[j];

			if (r->var != first->var ||
			    r->period.sortable != first->period.sortable ||
			    !is_la(env, r->area, NULL))
				continue;
			done[j] = 1;
			vals[nv] = r->ci95.value;	/* NaN: no rank */
			which[nv++] = j;
		}
		if (stats_rank(vals, nv, d->polarity, ranks, &nranked) ==
		    STATS_OK &&
		    stats_quartiles(vals, nv, d->polarity, bands, NULL) ==
		    STATS_OK) {
			for (j = 0; j < nv; j++) {
				struct row *r = &rs->r[which[j]];

				r->rank = ranks[j];
				r->rank_of = ranks[j] ? (int)nranked : 0;
				r->quartile[0] = bands[j];
				r->quartile[1] = '\0';
			}
		}
		/* Within each region. */
		{
			size_t a, b, m;
			const struct area_rec *ra, *rb;
			double *rv = xcalloc(nv + 1, sizeof(double));
			size_t *rw = xcalloc(nv + 1, sizeof(size_t));
			int *rr = xcalloc(nv + 1, sizeof(int));
			char *seen = xcalloc(nv + 1, 1);

			for (a = 0; a < nv; a++) {
				if (seen[a])
					continue;
				is_la(env, rs->r[which[a]].area, &ra);
				m = 0;
				for (b = a; b < nv; b++) {
					is_la(env, rs->r[which[b]].area, &rb);
					if (!ra->parent || !rb->parent ||
					    strcmp(ra->parent, rb->parent))
						continue;
					seen[b] = 1;
					rv[m] = vals[b];
					rw[m++] = which[b];
				}
				if (m && stats_rank(rv, m, d->polarity, rr,
						    &nranked) == STATS_OK)
					for (b = 0; b < m; b++) {
						struct row *r = &rs->r[rw[b]];

						r->rank_region = rr[b];
						r->rank_region_of = rr[b] ?
							(int)nranked : 0;
					}
			}
			free(rv);
			free(rw);
			free(rr);
			free(seen);
		}
	}
	free(vals);
	free(which);
	free(ranks);
	free(bands);
	free(done);
}

/* Fingertips' recent trend, on each series' latest row: the five most
 * recent valid points (METHODS.md 9.3). Rows are sorted by variant, area,
 * then period. */
static void recent_trends(const struct indicator_def *d, struct rows *rs)
{
	struct stats_trend_point *pts = xcalloc(rs->n + 1, sizeof(*pts));
	size_t i = 0, j, k, n = rs->n;
	/* Fingertips tests proportions and crude rates only. */
	int eligible = d->type == IND_PROPORTION || d->type == IND_RATE;

	while (i < n) {
		struct stats_trend_result tr;
		int series_ok = eligible;

		for (j = i; j < n && rs->r[j].var == rs->r[i].var &&
		     !strcmp(rs->r[j].area, rs->r[i].area); j++) {
			const struct row *r = &rs->r[j];

			k = j - i;
			pts[k].value = r->ci95.value;
			pts[k].lower95 = r->ci95.lower;
			pts[k].upper95 = r->ci95.upper;
			pts[k].count = r->count;
			pts[k].denominator = r->den;
			if (r->period.kind == PERIOD_MONTH ||
			    r->period.kind == PERIOD_QUARTER)
				series_ok = 0;
		}
		if (stats_recent_trend(pts, j - i, series_ok, &tr) != STATS_OK)
			tr.marker = TREND_CANNOT_CALCULATE;
		rs->r[j - 1].trend = stats_trend_label(tr.marker, d->polarity);
		i = j;
	}
	free(pts);
}

/* Changes since the previous value of the series and since the base
 * year. Rows sorted. */
static void changes(const struct indicator_def *d, struct rows *rs)
{
	size_t i = 0, j, n = rs->n;

	while (i < n) {
		double base = NAN, prev = NAN;

		for (j = i; j < n && rs->r[j].var == rs->r[i].var &&
		     !strcmp(rs->r[j].area, rs->r[i].area); j++)
			if (d->base_year && rs->r[j].period.year ==
			    d->base_year && rs->r[j].period.month == 0)
				base = rs->r[j].ci95.value;
		/* The previous period is the series' row before: when it
		 * was withheld or missing there is no change to give. */
		for (j = i; j < n && rs->r[j].var == rs->r[i].var &&
		     !strcmp(rs->r[j].area, rs->r[i].area); j++) {
			struct row *r = &rs->r[j];

			if (!isnan(r->ci95.value)) {
				r->change_prev = r->ci95.value - prev;
				if (d->base_year)
					r->change_base = r->ci95.value - base;
			}
			prev = r->ci95.value;
		}
		i = j;
	}
}

/* The neighbour average and the area's rank among itself and its
 * neighbours. */
static void neighbours(const struct compute_env *env,
		       const struct indicator_def *d, struct rows *rs)
{
	double vals[64];
	int ranks[64];
	size_t i, j, nn, got, nranked;

	for (i = 0; i < rs->n; i++) {
		struct row *r = &rs->r[i];
		char *const *nbs = neighbours_of(env->nb, r->area, &nn);
		double sum = 0;

		if (!nn)
			continue;
		if (nn > NELEM(vals) - 1)
			nn = NELEM(vals) - 1;
		vals[0] = r->ci95.value;
		for (j = 0, got = 0; j < nn; j++) {
			size_t k = sorted_row(rs, r->var, nbs[j],
					      r->period.sortable);
			double v = k ? rs->r[k - 1].ci95.value : NAN;

			vals[j + 1] = v;
			if (!isnan(v)) {
				sum += v;
				got++;
			}
		}
		if (got)
			r->nb_avg = sum / (double)got;
		if (!isnan(r->ci95.value) &&
		    stats_rank(vals, nn + 1, d->polarity, ranks, &nranked) ==
		    STATS_OK && ranks[0]) {
			r->rank_nb = ranks[0];
			r->rank_nb_of = (int)nranked;
		}
	}
}

static void cache_key(struct buf *b, const char *id, const char *cat,
		      const char *area, long sortable)
{
	buf_reset(b);
	buf_adds(b, id);
	buf_addch(b, 0x1f);
	if (cat)
		buf_adds(b, cat);
	buf_addch(b, 0x1f);
	buf_adds(b, area);
	buf_addch(b, 0x1f);
	add_long(b, sortable);
}

/* The rows of a gap from its groups' cached values. */
static void rows_from_groups(const struct compute_env *env,
			     const struct indicator_def *d, struct rows *rs,
			     struct compute_stats *st)
{
	struct strmap *m = &env->cache->values;
	struct buf key = BUF_INIT, prefix = BUF_INIT;
	size_t i;

	buf_addf(&prefix, "%s\x1f%s\x1f", d->group_a.indicator,
		 d->group_a.category ? d->group_a.category : "");
	for (i = 0; i < m->cap; i++) {
		const char *k = m->slots[i].key, *rest;
		const struct cval *a = m->slots[i].value, *b;
		const char *sep;
		char *area;
		struct row *r;

		if (!k || strncmp(k, prefix.buf, prefix.len) != 0)
			continue;
		rest = k + prefix.len;
		sep = strchr(rest, 0x1f);
		if (!sep)
			continue;
		area = xstrndup(rest, (size_t)(sep - rest));
		cache_key(&key, d->group_b.indicator, d->group_b.category,
			  area, a->period.sortable);
		b = strmap_get(m, key.buf);
		if (!b) {
			free(area);
			continue;
		}
		r = new_row(rs, area, 0, &a->period);
		free(area);
		if (a->withheld || b->withheld) {
			withhold(r, "c");
			st->suppressed++;
			continue;
		}
		if (isnan(a->value) || isnan(b->value)) {
			withhold(r, a->note[0] ? a->note :
				 b->note[0] ? b->note : "x");
			continue;
		}
		if (d->ci == CI_NEWCOMBE && a->from_counts && b->from_counts &&
		    a->proportion && b->proportion &&
		    stats_gap(a->count, a->den, b->count, b->den,
			      a->multiplier, 0.95, &r->ci95) == STATS_OK &&
		    stats_gap(a->count, a->den, b->count, b->den,
			      a->multiplier, 0.998, &r->ci998) == STATS_OK)
			continue;
		nan_ci(&r->ci95);
		nan_ci(&r->ci998);
		r->ci95.value = r->ci998.value = a->value - b->value;
		if (a->from_counts != b->from_counts || !a->from_counts)
			snprintf(r->note, sizeof(r->note), "%s",
				 a->note[0] ? a->note : b->note);
	}
	buf_release(&key);
	buf_release(&prefix);
}

/* The rows of a slope index of inequality (stats_sii.h) from the cached
 * deciles of its indicator: where all ten deciles of an area and period
 * have a value, a 95% interval and a population (the denominator), the
 * SII with its 95% and 99.8% limits by simulation; withheld where a
 * decile is, "not computable" where one lacks what it needs. A proportion
 * is fitted as PHEindicatormethods' value type 2 (sampled on the logit
 * scale), a rate as type 1 (log), anything else as type 0. */
static void rows_from_deciles(const struct compute_env *env,
			      const struct indicator_def *d, struct rows *rs,
			      struct compute_stats *st)
{
	const struct indicator_def *src = indicator_find(env->set,
							 d->deciles.indicator);
	struct strmap *m = &env->cache->values;
	struct buf key = BUF_INIT, prefix = BUF_INIT;
	struct stats_sii_work work = STATS_SII_WORK_INIT;
	struct stats_sii_opts opts = STATS_SII_OPTS_INIT;
	double pop[10], val[10], lo[10], hi[10], scale = 1;
	size_t i;

	if (!src)
		return;
	opts.confidence[0] = 0.95;
	opts.confidence[1] = 0.998;
	opts.nconfidence = 2;
	opts.repetitions = d->repetitions;
	if (src->type == IND_PROPORTION || src->type == IND_SHARE) {
		opts.type = STATS_SII_PROPORTION;
		scale = src->multiplier;	/* percentages to 0..1 */
		opts.multiplier = src->multiplier;
	} else if (src->type == IND_RATE) {
		opts.type = STATS_SII_RATE;
	}
	buf_addf(&prefix, "%s\x1f" "decile1\x1f", src->id);
	for (i = 0; i < m->cap; i++) {
		const char *k = m->slots[i].key, *rest, *sep;
		const struct cval *first = m->slots[i].value;
		struct stats_sii sii;
		struct stats_sii_data data;
		char *area;
		struct row *r;
		int q, withheld = 0, missing = 0;

		if (!k || strncmp(k, prefix.buf, prefix.len) != 0)
			continue;
		rest = k + prefix.len;
		if (!(sep = strchr(rest, 0x1f)))
			continue;
		area = xstrndup(rest, (size_t)(sep - rest));
		for (q = 0; q < 10; q++) {
			const struct cval *c;
			char cat[24];

			snprintf(cat, sizeof(cat), "decile%d", q + 1);
			cache_key(&key, src->id, cat, area,
				  first->period.sortable);
			c = strmap_get(m, key.buf);
			if (!c || c->withheld)
				withheld |= c && c->withheld;
			if (!c || isnan(c->value) || isnan(c->lower95) ||
			    isnan(c->upper95) || !(c->den > 0))
				missing = 1;
			pop[q] = c ? c->den : NAN;
			val[q] = c ? c->value / scale : NAN;
			lo[q] = c ? c->lower95 / scale : NAN;
			hi[q] = c ? c->upper95 / scale : NAN;
		}
		r = new_row(rs, area, 0, &first->period);
		free(area);
		if (withheld) {
			withhold(r, "c");
			st->suppressed++;
			continue;
		}
		memset(&data, 0, sizeof(data));
		data.n = 10;
		data.population = pop;
		data.value = val;
		data.lower = lo;
		data.upper = hi;
		if (missing || stats_sii(&data, &opts, &work, &sii) != STATS_OK) {
			snprintf(r->note, sizeof(r->note), "not computable");
			continue;
		}
		r->ci95.value = r->ci998.value = sii.sii;
		r->ci95.lower = sii.sii_lower[0];
		r->ci95.upper = sii.sii_upper[0];
		r->ci998.lower = sii.sii_lower[1];
		r->ci998.upper = sii.sii_upper[1];
	}
	stats_sii_work_release(&work);
	buf_release(&key);
	buf_release(&prefix);
}

static void cache_rows(const struct compute_env *env,
		       const struct indicator_def *d,
		       const struct variant *vars, const struct rows *rs)
{
	struct buf key = BUF_INIT;
	size_t i;

	for (i = 0; i < rs->n; i++) {
		const struct row *r = &rs->r[i];
		struct cval *c = xcalloc(1, sizeof(*c));
		void **slot;

		c->value = r->ci95.value;
		c->lower95 = r->ci95.lower;
		c->upper95 = r->ci95.upper;
		c->count = r->count;
		c->den = r->den;
		c->from_counts = !r->from_fallback && !isnan(r->count) &&
				 !isnan(r->den);
		c->withheld = r->withheld;
		snprintf(c->note, sizeof(c->note), "%s", r->note);
		c->period = r->period;
		c->multiplier = d->multiplier;
		c->proportion = d->type == IND_PROPORTION ||
				d->type == IND_SHARE;
		cache_key(&key, d->id,
			  vars[r->var].cat ? vars[r->var].cat->name : NULL,
			  r->area, r->period.sortable);
		slot = strmap_put(&env->cache->values, key.buf);
		free(*slot);
		*slot = c;
	}
	buf_release(&key);
}

static void release_maps(struct strmap *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		strmap_release(&m[i], free_agg);
	free(m);
}

enum compute_status compute_indicator(const struct compute_env *env,
				      const struct indicator_def *d,
				      struct compute_stats *out)
{
	size_t nvars = d->ncategories + 1, v, i;
	struct variant *vars = xcalloc(nvars, sizeof(*vars));
	struct strmap *num = xcalloc(nvars, sizeof(*num));
	struct strmap *den = xcalloc(nvars, sizeof(*den));
	struct strmap *val = xcalloc(nvars, sizeof(*val));
	struct strmap *sd = xcalloc(nvars, sizeof(*sd));
	struct rows rs = { NULL, 0, 0 };
	enum compute_status ret = COMPUTE_OK;
	const char *england = env->cfg->benchmarks[0];

	memset(out, 0, sizeof(*out));
	for (v = 1; v < nvars; v++)
		vars[v].cat = &d->categories[v - 1];

	if (d->type == IND_GAP) {
		rows_from_groups(env, d, &rs, out);
	} else if (d->type == IND_SII) {
		rows_from_deciles(env, d, &rs, out);
	} else {
		ret = read_term(env, d, &d->numerator, vars, nvars, num, out);
		if (ret == COMPUTE_OK)
			ret = read_term(env, d, &d->denominator, vars, nvars,
					den, out);
		if (ret == COMPUTE_OK)
			ret = read_term(env, d, &d->value, vars, nvars, val,
					out);
		if (ret == COMPUTE_OK)
			ret = read_term(env, d, &d->sd, vars, nvars, sd, out);
		for (v = 0; v < nvars && ret == COMPUTE_OK; v++) {
			if (d->type == IND_AVERAGE)
				rows_from_months(env, d, v, &num[v], &den[v],
						 &rs, out);
			else
				rows_from_terms(env, d, v, &num[v], &den[v],
						&val[v], &sd[v], &rs, out);
		}
		if (ret == COMPUTE_OK && d->nfallbacks)
			ret = apply_fallbacks(env, d, vars, nvars, &rs, out);
	}
	if (ret != COMPUTE_OK)
		goto out;
	if (rs.n == 0) {
		warning_at(d->path, 0, 0,
			   "no values: none of the data it reads is loaded ('jsna-check --datasets' lists what is)");
		goto out;
	}

	qsort(rs.r, rs.n, sizeof(*rs.r), cmp_row);
	secondary_suppression(vars, nvars, &rs, out);

	/* Comparisons with England, the parent and the goal. */
	for (i = 0; i < rs.n; i++) {
		struct row *r = &rs.r[i];
		const struct area_rec *a = strmap_get(env->areas, r->area);
		size_t e, p;

		r->cmp_england = r->cmp_parent = "";
		r->cmp_goal = compare_goal(d, r);
		if (strcmp(r->area, england) == 0)
			continue;
		e = sorted_row(&rs, r->var, england, r->period.sortable);
		r->cmp_england = compare(r, e ? &rs.r[e - 1] : NULL,
					 d->polarity);
		/* The parent comparison is an authority's with its region
		 * (Fingertips does not compare a region with England
		 * twice), and a locality's with its authority. */
		if (a && a->parent && (!strcmp(a->level, "LA") ||
				       !strcmp(a->level, "Locality"))) {
			p = sorted_row(&rs, r->var, a->parent,
				       r->period.sortable);
			r->cmp_parent = compare(r, p ? &rs.r[p - 1] : NULL,
						d->polarity);
		}
	}
	neighbours(env, d, &rs);
	rank_authorities(env, d, &rs);
	recent_trends(d, &rs);
	changes(d, &rs);
	cache_rows(env, d, vars, &rs);

	for (i = 0; i < rs.n; i++) {
		struct row *r = &rs.r[i];
		struct value_row vr;
		const struct ind_category *cat = vars[r->var].cat;

		memset(&vr, 0, sizeof(vr));
		vr.indicator = d->id;
		vr.area = r->area;
		vr.period = r->period;
		vr.category_type = cat ? cat->type : "";
		vr.category = cat ? cat->label : "";
		vr.value = r->ci95.value;
		vr.lower95 = r->ci95.lower;
		vr.upper95 = r->ci95.upper;
		vr.lower998 = r->ci998.lower;
		vr.upper998 = r->ci998.upper;
		vr.count = d->type == IND_GAP || d->type == IND_SII ? NAN :
			   r->count;
		vr.denominator = d->type == IND_COUNT ||
				 d->type == IND_PROJECTION ? NAN : r->den;
		vr.note = r->note;
		vr.cmp_england = r->cmp_england;
		vr.cmp_parent = r->cmp_parent;
		vr.cmp_goal = r->cmp_goal;
		vr.trend = r->trend ? r->trend : "";
		vr.neighbour_avg = r->nb_avg;
		vr.rank = r->rank;
		vr.rank_of = r->rank_of;
		vr.rank_region = r->rank_region;
		vr.rank_region_of = r->rank_region_of;
		vr.rank_neighbours = r->rank_nb;
		vr.rank_neighbours_of = r->rank_nb_of;
		vr.quartile = r->quartile;
		vr.change_prev = r->change_prev;
		vr.change_base = r->change_base;
		vr.new_data = "";
		if (store_put_value(env->st, env->run, &vr) < 0) {
			ret = COMPUTE_SYSTEM;
			goto out;
		}
		out->values++;
	}
out:
	for (i = 0; i < rs.n; i++)
		free(rs.r[i].area);
	free(rs.r);
	release_maps(num, nvars);
	release_maps(den, nvars);
	release_maps(val, nvars);
	release_maps(sd, nvars);
	free(vars);
	return ret;
}

void compute_order(const struct indicator_set *set, size_t *order)
{
	size_t i, o = 0;

	/* Gaps and SIIs read the cached values of others: last. */
	for (i = 0; i < set->n; i++)
		if (set->defs[i].type != IND_GAP && set->defs[i].type != IND_SII)
			order[o++] = i;
	for (i = 0; i < set->n; i++)
		if (set->defs[i].type == IND_GAP || set->defs[i].type == IND_SII)
			order[o++] = i;
}
