/* compute.c - from observations to indicator values. */
#include "jsna/compute.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/stats_trend.h"
#include "jsna/util.h"

/* One selected observation. */
struct cell {
	double value;
	char symbol[8];
	struct period period;
	char *area;
};

struct select_ctx {
	const struct ind_selection *sel;
	struct strmap cells;		/* "AREA\x1fSORTABLE" -> struct cell */
	int column_seen[IND_MAX_WHERE];
	long long rows;
};

/* One computed value. */
struct row {
	const char *area;		/* borrowed from the numerator cell */
	struct period period;
	double count, den;
	struct stats_ci ci95, ci998;
	char note[32];
	const char *cmp_england, *cmp_parent;
	double nb_avg;
	int rank, rank_of;
	char quartile[2];
	const char *trend;		/* static label, or NULL */
};

static void cell_key(struct buf *b, const char *area, long sortable)
{
	buf_reset(b);
	buf_addf(b, "%s\x1f%ld", area, sortable);
}

/* Does "c1=v1 US c2=v2 ..." satisfy every condition? Marks the columns
 * seen so that a misspelt column can be told apart from no match. */
static int matches(struct select_ctx *c, const char *filters)
{
	size_t i;
	int ok = 1;

	for (i = 0; i < c->sel->nwhere; i++) {
		const char *col = c->sel->where[i].column;
		const char *val = c->sel->where[i].value;
		size_t cl = strlen(col), vl = strlen(val);
		const char *p = filters;
		int found = 0;

		while (*p) {
			const char *end = strchr(p, 0x1f);
			size_t len = end ? (size_t)(end - p) : strlen(p);

			if (len > cl && strncmp(p, col, cl) == 0 && p[cl] == '=') {
				c->column_seen[i] = 1;
				found = len - cl - 1 == vl &&
					strncmp(p + cl + 1, val, vl) == 0;
				break;
			}
			p += len;
			if (*p)
				p++;
		}
		if (!found)
			ok = 0;
	}
	return ok;
}

static int on_obs(const struct observation *o, void *vc)
{
	struct select_ctx *c = vc;
	struct buf key = BUF_INIT;
	struct cell *cell;
	void **slot;

	c->rows++;
	if (!matches(c, o->filters))
		return 0;
	cell_key(&key, o->area, o->period.sortable);
	slot = strmap_put(&c->cells, key.buf);
	buf_release(&key);
	/* Rows come by file: a later file's value replaces an earlier one. */
	cell = *slot;
	if (!cell) {
		cell = xcalloc(1, sizeof(*cell));
		cell->area = xstrdup(o->area);
		*slot = cell;
	}
	cell->value = o->value;
	snprintf(cell->symbol, sizeof(cell->symbol), "%s",
		 o->symbol ? o->symbol : "");
	cell->period = o->period;
	return 0;
}

static void free_cell(void *v)
{
	struct cell *c = v;

	if (c)
		free(c->area);
	free(c);
}

/* Reads a selection; reports with the definition's line what makes it
 * unusable. Returns COMPUTE_*. */
static enum compute_status select_cells(const struct compute_env *env,
					const struct indicator_def *d,
					const struct ind_selection *sel,
					const char *section,
					struct select_ctx *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->sel = sel;
	if (store_each_observation(env->st, sel->dataset, sel->measure,
				   on_obs, c) < 0)
		return COMPUTE_SYSTEM;
	if (c->rows == 0) {
		error_at(d->path, sel->line, 0,
			 "[%s] dataset '%s' has no measure '%s' loaded ('jsna-check --datasets' lists what is loaded)",
			 section, sel->dataset, sel->measure);
		return COMPUTE_DATA;
	}
	for (i = 0; i < sel->nwhere; i++)
		if (!c->column_seen[i]) {
			error_at(d->path, sel->line, 0,
				 "[%s] dataset '%s' has no filter column '%s'",
				 section, sel->dataset, sel->where[i].column);
			return COMPUTE_DATA;
		}
	if (c->cells.len == 0) {
		error_at(d->path, sel->line, 0,
			 "[%s] no rows of '%s' match the 'where' conditions",
			 section, sel->dataset);
		return COMPUTE_DATA;
	}
	return COMPUTE_OK;
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
	*strmap_put(vm, a->code) = r;
	return 0;
}

int compute_load_areas(struct store *st, struct strmap *areas)
{
	return store_each_area(st, on_area, areas);
}

static void compute_value(const struct indicator_def *d, struct row *r)
{
	double m = d->multiplier;
	int s95 = STATS_OK, s998 = STATS_OK;

	r->ci95.value = r->ci95.lower = r->ci95.upper = NAN;
	r->ci998 = r->ci95;
	switch (d->type) {
	case IND_COUNT:
		r->ci95.value = r->count;
		r->ci998.value = r->count;
		return;
	case IND_RATE:
		if (d->ci == CI_BYAR) {
			s95 = stats_rate(r->count, r->den, m, 0.95, &r->ci95);
			s998 = stats_rate(r->count, r->den, m, 0.998,
					  &r->ci998);
		} else if (r->den > 0) {
			r->ci95.value = r->count / r->den * m;
		}
		break;
	case IND_PROPORTION:
		if (d->ci == CI_WILSON) {
			s95 = stats_proportion(r->count, r->den, m, 0.95,
					       &r->ci95);
			s998 = stats_proportion(r->count, r->den, m, 0.998,
						&r->ci998);
		} else if (r->den > 0) {
			r->ci95.value = r->count / r->den * m;
		}
		break;
	}
	if (s95 != STATS_OK || s998 != STATS_OK) {
		r->ci95.value = r->ci95.lower = r->ci95.upper = NAN;
		r->ci998 = r->ci95;
		snprintf(r->note, sizeof(r->note), "%s",
			 d->type == IND_PROPORTION && r->count > r->den ?
			 "count above denominator" : "not computable");
	}
}

/* Index + 1 of each row by area and period, for the comparisons. */
static size_t find_row(const struct strmap *idx, struct buf *key,
		       const char *area, long sortable)
{
	cell_key(key, area, sortable);
	return (size_t)(uintptr_t)strmap_get(idx, key->buf);
}

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->area, y->area);

	if (c)
		return c;
	return (x->period.sortable > y->period.sortable) -
	       (x->period.sortable < y->period.sortable);
}

/* Ranks and LAIT quartile bands among authorities, period by period
 * (stats_trend.h: 1 = best by polarity, ties share the lowest rank). */
static void rank_authorities(const struct compute_env *env,
			     const struct indicator_def *d, struct row *rows,
			     size_t n)
{
	long *periods = NULL;
	size_t np = 0, palloc = 0, i, j, nv, nranked;
	double *vals = xcalloc(n + 1, sizeof(double));
	size_t *which = xcalloc(n + 1, sizeof(size_t));
	int *ranks = xcalloc(n + 1, sizeof(int));
	char *bands = xcalloc(n + 1, 1);

	for (i = 0; i < n; i++) {
		for (j = 0; j < np; j++)
			if (periods[j] == rows[i].period.sortable)
				break;
		if (j == np) {
			XGROW(periods, palloc, np + 1);
			periods[np++] = rows[i].period.sortable;
		}
	}
	for (j = 0; j < np; j++) {
		nv = 0;
		for (i = 0; i < n; i++) {
			const struct area_rec *a = strmap_get(env->areas,
							      rows[i].area);

			if (rows[i].period.sortable != periods[j] || !a ||
			    strcmp(a->level, "LA") != 0)
				continue;
			vals[nv] = rows[i].ci95.value;	/* NaN: no rank */
			which[nv++] = i;
		}
		if (nv == 0 ||
		    stats_rank(vals, nv, d->polarity, ranks, &nranked) !=
		    STATS_OK ||
		    stats_quartiles(vals, nv, d->polarity, bands, NULL) !=
		    STATS_OK)
			continue;
		for (i = 0; i < nv; i++) {
			struct row *r = &rows[which[i]];

			r->rank = ranks[i];
			r->rank_of = ranks[i] ? (int)nranked : 0;
			r->quartile[0] = bands[i];
			r->quartile[1] = '\0';
		}
	}
	free(vals);
	free(which);
	free(ranks);
	free(bands);
	free(periods);
}

/* Fingertips' recent trend, on each area's latest row: the five most
 * recent valid points (METHODS.md 9.3). Rows are sorted by area, then
 * period. */
static void recent_trends(const struct indicator_def *d, struct row *rows,
			  size_t n)
{
	struct stats_trend_point *pts = xcalloc(n + 1, sizeof(*pts));
	size_t i = 0, j, k;
	/* Fingertips tests proportions and crude rates only. */
	int eligible = d->type == IND_PROPORTION || d->type == IND_RATE;

	while (i < n) {
		struct stats_trend_result tr;

		for (j = i; j < n && !strcmp(rows[j].area, rows[i].area); j++) {
			k = j - i;
			pts[k].value = rows[j].ci95.value;
			pts[k].lower95 = rows[j].ci95.lower;
			pts[k].upper95 = rows[j].ci95.upper;
			pts[k].count = rows[j].count;
			pts[k].denominator = rows[j].den;
		}
		if (stats_recent_trend(pts, j - i, eligible, &tr) != STATS_OK)
			tr.marker = TREND_CANNOT_CALCULATE;
		rows[j - 1].trend = stats_trend_label(tr.marker, d->polarity);
		i = j;
	}
	free(pts);
}

enum compute_status compute_indicator(const struct compute_env *env,
				      const struct indicator_def *d,
				      struct compute_stats *out)
{
	struct select_ctx num, den;
	struct strmap idx = STRMAP_INIT;
	struct buf key = BUF_INIT;
	struct row *rows = NULL;
	size_t n = 0, alloc = 0, i, j;
	enum compute_status ret;
	const char *england = env->cfg->benchmarks[0];
	int suppress = env->cfg->suppress_below;

	memset(out, 0, sizeof(*out));
	memset(&den, 0, sizeof(den));
	ret = select_cells(env, d, &d->numerator, "numerator", &num);
	if (ret == COMPUTE_OK && d->has_denominator)
		ret = select_cells(env, d, &d->denominator, "denominator",
				   &den);
	if (ret != COMPUTE_OK)
		goto out;

	/* The values. */
	for (i = 0; i < num.cells.cap; i++) {
		struct cell *c = num.cells.slots[i].value;
		struct row *r;

		if (!num.cells.slots[i].key)
			continue;
		XGROW(rows, alloc, n + 1);
		r = &rows[n++];
		memset(r, 0, sizeof(*r));
		r->area = c->area;
		r->period = c->period;
		r->count = c->value;
		r->den = NAN;
		r->nb_avg = NAN;
		r->ci95.value = r->ci95.lower = r->ci95.upper = NAN;
		r->ci998 = r->ci95;
		if (d->has_denominator) {
			struct period dp;
			struct cell *dc;

			period_shift(&c->period, d->denominator.period_offset,
				     &dp);
			cell_key(&key, c->area, dp.sortable);
			dc = strmap_get(&den.cells, key.buf);
			if (dc && !isnan(dc->value))
				r->den = dc->value;
		}
		if (c->symbol[0]) {
			/* The publisher withheld it: say so as it did. */
			snprintf(r->note, sizeof(r->note), "%s", c->symbol);
			r->count = NAN;
			if (!strcmp(c->symbol, "c"))
				out->suppressed++;
			continue;
		}
		if (isnan(r->count))
			continue;
		if (r->count > 0 && r->count < suppress) {
			snprintf(r->note, sizeof(r->note), "c");
			r->count = NAN;
			out->suppressed++;
			continue;
		}
		if (d->has_denominator && isnan(r->den)) {
			snprintf(r->note, sizeof(r->note), "x");
			out->missing_denominator++;
			continue;
		}
		compute_value(d, r);
	}
	qsort(rows, n, sizeof(*rows), cmp_row);
	for (i = 0; i < n; i++) {
		cell_key(&key, rows[i].area, rows[i].period.sortable);
		*strmap_put(&idx, key.buf) = (void *)(uintptr_t)(i + 1);
	}

	/* Comparisons with England and the parent, and the neighbours. */
	for (i = 0; i < n; i++) {
		struct row *r = &rows[i];
		const struct area_rec *a = strmap_get(env->areas, r->area);
		size_t e, p, nn;
		char *const *nbs;

		r->cmp_england = r->cmp_parent = "";
		if (strcmp(r->area, england) != 0) {
			e = find_row(&idx, &key, england, r->period.sortable);
			r->cmp_england = stats_cmp_label(stats_compare(
				r->ci95.value, r->ci95.lower, r->ci95.upper,
				e ? rows[e - 1].ci95.value : NAN, d->polarity));
			if (a && a->parent) {
				p = find_row(&idx, &key, a->parent,
					     r->period.sortable);
				r->cmp_parent = stats_cmp_label(stats_compare(
					r->ci95.value, r->ci95.lower,
					r->ci95.upper,
					p ? rows[p - 1].ci95.value : NAN,
					d->polarity));
			}
		}
		nbs = neighbours_of(env->nb, r->area, &nn);
		if (nn) {
			double sum = 0;
			size_t got = 0;

			for (j = 0; j < nn; j++) {
				size_t k = find_row(&idx, &key, nbs[j],
						    r->period.sortable);

				if (k && !isnan(rows[k - 1].ci95.value)) {
					sum += rows[k - 1].ci95.value;
					got++;
				}
			}
			if (got)
				r->nb_avg = sum / (double)got;
		}
	}
	rank_authorities(env, d, rows, n);
	recent_trends(d, rows, n);

	for (i = 0; i < n; i++) {
		struct row *r = &rows[i];
		struct value_row v;

		memset(&v, 0, sizeof(v));
		v.indicator = d->id;
		v.area = r->area;
		v.period = r->period;
		v.category_type = "";
		v.category = "";
		v.value = r->ci95.value;
		v.lower95 = r->ci95.lower;
		v.upper95 = r->ci95.upper;
		v.lower998 = r->ci998.lower;
		v.upper998 = r->ci998.upper;
		v.count = r->count;
		v.denominator = d->type == IND_COUNT ? NAN : r->den;
		v.note = r->note;
		v.cmp_england = r->cmp_england;
		v.cmp_parent = r->cmp_parent;
		v.trend = r->trend ? r->trend : "";
		v.neighbour_avg = r->nb_avg;
		v.rank = r->rank;
		v.rank_of = r->rank_of;
		v.quartile = r->quartile;
		if (store_put_value(env->st, env->run, &v) < 0) {
			ret = COMPUTE_SYSTEM;
			goto out;
		}
		out->values++;
	}
out:
	strmap_release(&num.cells, free_cell);
	strmap_release(&den.cells, free_cell);
	strmap_release(&idx, NULL);
	buf_release(&key);
	free(rows);
	return ret;
}
