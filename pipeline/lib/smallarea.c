/* smallarea.c - small areas added up into authorities, regions, England
 * and localities (smallarea.h).
 *
 * The reading goes block by block through the store: an observation of a
 * small area is added into a cell of its "context" (file, filters and
 * period: one per series and period, so a few hundred for a national
 * file) for each area it belongs to, and for its decile. The cells are
 * written out as observations when the reading moves on to the next
 * file, so that memory holds one file's sums, whatever the number of
 * files. Small areas are known by the store's text number of their code,
 * looked up by code once.
 *
 * Several selections often read the same series (the under-5s of every
 * small area, for five indicators): the first reading keeps its sums, of
 * every decile both ways, and the next ones are given them again without
 * reading (up to KEPT_BYTES in all).
 */
#include "jsna/smallarea.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/compute.h"
#include "jsna/util.h"

#define NTARGET 4		/* authority, region, England, locality */
/* Cells of a target: all its small areas; national deciles 1 .. 10; the
 * deciles of its authority's own small areas, 1 .. 10. */
#define NSLOT 21
#define LOCAL 10		/* slot of local decile k: LOCAL + k */

struct sa_info {
	int target[NTARGET];	/* indexes into targets; -1: none */
	int decile;		/* national, 1 .. 10; 0: not known */
	int local;		/* among its authority's, 1 .. 10; 0 */
	long rank;		/* IMD rank; 0: not known */
};

struct smallarea {
	struct sa_info *info;
	size_t n;
	struct strmap by_code;		/* code -> info + 1 (as a pointer) */
	char **targets;			/* codes of the areas summed into */
	size_t ntargets, targets_alloc;
	size_t *size;			/* small areas in each target */
	unsigned char *local_ok;	/* targets inside an authority (the
					 * authority, its localities) */
	struct strmap target_idx;	/* code -> index + 1 */
	/* By the store's text number: info + 1, NOT_SMALL, or 0 (not
	 * looked up yet). */
	uintptr_t *by_id;
	size_t by_id_alloc;
	struct strmap kept;		/* "dataset US measure US series..."
					 * -> struct kept */
	size_t kept_bytes;
};

#define NOT_SMALL ((uintptr_t)-1)
#define KEPT_BYTES (32u << 20)

/* One sum of a reading kept for the next. */
struct kept_obs {
	long long file;
	const char *filters;	/* interned in the struct kept */
	double value;
	int target, year;
	unsigned char slot, kind, month;
	char symbol[5];		/* the first few letters: c, x, low... */
};

struct kept {
	struct kept_obs *obs;
	size_t n, alloc;
	size_t bytes;			/* about what it holds */
	struct strmap filters;	/* interned: the string is the key */
};

struct cell {
	double sum;
	unsigned n;
	char symbol[8];		/* 'c' first, else the first one seen */
};

struct context {
	long long file;
	char *filters;
	struct period period;
	unsigned long block;	/* the last block read into it */
	struct cell *cells;	/* ntargets * NSLOT */
};

struct reading {
	struct smallarea *sa;
	int split;			/* the deciles added up */
	int want;			/* the deciles given to fn */
	struct kept *rec;		/* what is kept, or NULL */
	store_obs_fn *fn;
	void *ctx;
	struct context *ctxs;
	size_t nctx, ctx_alloc, last;
	long long file;			/* the file being read */
	unsigned char *direct;		/* targets with their own values */
	int direct_seen;		/* any observation not of a small
					 * area: nothing kept */
	struct buf filters;
	int ret;
};

static int target_of(struct smallarea *sa, const char *code)
{
	void **slot = strmap_put(&sa->target_idx, code);

	if (!*slot) {
		if (sa->ntargets == sa->targets_alloc)
			XGROW(sa->targets, sa->targets_alloc,
			      sa->ntargets + 1);
		sa->targets[sa->ntargets] = xstrdup(code);
		*slot = (void *)(uintptr_t)(++sa->ntargets);
	}
	return (int)(uintptr_t)*slot - 1;
}

static struct sa_info *info_of(const struct smallarea *sa, const char *code)
{
	uintptr_t v = (uintptr_t)strmap_get(&sa->by_code, code);

	return v ? &sa->info[v - 1] : NULL;
}

static int add_target(struct sa_info *in, int t)
{
	int k;

	for (k = 0; k < NTARGET; k++) {
		if (in->target[k] == t)
			return 0;
		if (in->target[k] < 0) {
			in->target[k] = t;
			return 0;
		}
	}
	return -1;
}

struct load_ctx {
	char **codes;			/* of each small area, borrowed */
	struct smallarea *sa;
	const struct strmap *areas;
	const char *england;
	size_t unplaced;
	const char *unplaced_example;
	unsigned long bad_decile;
	struct strmap uppers;		/* the lookup's upper tiers */
};

static void on_area(const char *code, void *value, void *vc)
{
	struct load_ctx *c = vc;
	struct smallarea *sa = c->sa;
	const struct area_rec *a = value, *d, *la = NULL, *reg;
	struct sa_info *in;
	size_t k;

	if (strcmp(a->level, "LSOA") != 0)
		return;
	c->codes[sa->n] = (char *)code;
	in = &sa->info[sa->n];
	for (k = 0; k < NTARGET; k++)
		in->target[k] = -1;
	in->decile = in->local = 0;
	in->rank = 0;
	*strmap_put(&sa->by_code, code) = (void *)(uintptr_t)(++sa->n);
	d = a->parent ? strmap_get(c->areas, a->parent) : NULL;
	if (d && !strcmp(d->level, "LA"))
		la = d;
	else if (d && !strcmp(d->level, "LAD") && d->parent)
		la = strmap_get(c->areas, d->parent);
	if (!la || strcmp(la->level, "LA") != 0) {
		if (!c->unplaced++)
			c->unplaced_example = code;
		return;
	}
	add_target(in, target_of(sa, la->code));
	reg = la->parent ? strmap_get(c->areas, la->parent) : NULL;
	if (reg && !strcmp(reg->level, "Region"))
		add_target(in, target_of(sa, reg->code));
	if (c->england)
		add_target(in, target_of(sa, c->england));
}

static int on_locality(const struct lookup_row *r, void *vc)
{
	struct load_ctx *c = vc;
	struct sa_info *in = info_of(c->sa, r->code);

	if (in && in->target[0] >= 0)	/* placed in an authority */
		add_target(in, target_of(c->sa, r->other));
	return 0;
}

static int on_parent(const struct lookup_row *r, void *vc)
{
	struct load_ctx *c = vc;
	const struct area_rec *a = strmap_get(c->areas, r->other);

	if (a && !strcmp(a->level, "LA"))
		*strmap_put(&c->uppers, r->other) = (void *)1;
	return 0;
}

/* A region's or England's sum is whole only when every authority in it
 * has its small areas: the current authorities are the upper tiers of
 * the LTLA-UTLA lookup (old ones, abolished or merged, have none). With
 * no lookup loaded there is no telling: such sums are never given. */
struct whole_ctx {
	struct load_ctx *c;
	unsigned char *broken;		/* [ntargets]: some authority lacks */
};

static void check_upper(const char *code, void *value, void *vw)
{
	struct whole_ctx *w = vw;
	struct smallarea *sa = w->c->sa;
	const struct area_rec *la = strmap_get(w->c->areas, code);
	uintptr_t t = (uintptr_t)strmap_get(&sa->target_idx, code);

	(void)value;
	if (t && sa->size[t - 1])
		return;		/* it has small areas */
	if (la && la->parent) {
		uintptr_t r = (uintptr_t)strmap_get(&sa->target_idx,
						    la->parent);

		if (r)
			w->broken[r - 1] = 1;
	}
	if (w->c->england) {
		uintptr_t e = (uintptr_t)strmap_get(&sa->target_idx,
						    w->c->england);

		if (e)
			w->broken[e - 1] = 1;
	}
}

static int on_imd(const struct lookup_row *r, void *vc)
{
	struct load_ctx *c = vc;
	struct sa_info *in = info_of(c->sa, r->code);
	char *end;
	long d = strtol(r->other, &end, 10);

	if (!in)
		return 0;
	if (*end || d < 1 || d > 10) {
		c->bad_decile++;
		return 0;
	}
	in->decile = (int)d;
	in->rank = r->rank;
	return 0;
}

/* Local deciles: an authority's small areas ranked by IMD rank (most
 * deprived first) and cut into ten groups as even as can be: small area
 * i of n (from 0) is in decile floor(10 i / n) + 1. Those without a rank
 * have none. */
struct by_rank {
	int la;
	long rank;
	const char *code;
	size_t i;
};

static int cmp_by_rank(const void *a, const void *b)
{
	const struct by_rank *x = a, *y = b;

	if (x->la != y->la)
		return x->la < y->la ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return strcmp(x->code, y->code);
}

static void local_deciles(struct smallarea *sa, char **codes)
{
	struct by_rank *v = xcalloc(sa->n + 1, sizeof(*v));
	size_t i, j, k, n = 0;

	for (i = 0; i < sa->n; i++)
		if (sa->info[i].rank > 0 && sa->info[i].target[0] >= 0) {
			v[n].la = sa->info[i].target[0];
			v[n].rank = sa->info[i].rank;
			v[n].code = codes[i];
			v[n++].i = i;
		}
	qsort(v, n, sizeof(*v), cmp_by_rank);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && v[j].la == v[i].la; j++)
			;
		for (k = i; k < j; k++)
			sa->info[v[k].i].local =
				(int)(10 * (k - i) / (j - i)) + 1;
	}
	free(v);
}

size_t smallarea_count(const struct smallarea *sa)
{
	return sa ? sa->n : 0;
}

int smallarea_load(struct store *st, const struct strmap *areas,
		   const char *england, struct smallarea **out)
{
	struct smallarea *sa = xcalloc(1, sizeof(*sa));
	struct load_ctx c;
	size_t i;
	int k;

	memset(&c, 0, sizeof(c));
	c.sa = sa;
	c.areas = areas;
	c.england = england;
	sa->info = xcalloc(areas->len + 1, sizeof(*sa->info));
	c.codes = xcalloc(areas->len + 1, sizeof(*c.codes));
	strmap_each(areas, on_area, &c);
	if (sa->n && (store_each_lookup(st, "locality", on_locality, &c) < 0 ||
		      store_each_lookup(st, "imd", on_imd, &c) < 0)) {
		free(c.codes);
		smallarea_free(sa);
		return -1;
	}
	local_deciles(sa, c.codes);
	free(c.codes);
	if (c.unplaced)
		warning("%zu small area%s (such as %s) in no upper-tier authority the warehouse knows: their district has no county recorded (load the LTLA-UTLA lookup); they are left out of every sum",
			c.unplaced, c.unplaced == 1 ? "" : "s",
			c.unplaced_example);
	if (c.bad_decile)
		warning("%lu deprivation decile%s not a whole number from 1 to 10 in the IMD lookup: those small areas have no decile",
			c.bad_decile, c.bad_decile == 1 ? "" : "s");
	sa->size = xcalloc(sa->ntargets + 1, sizeof(*sa->size));
	sa->local_ok = xcalloc(sa->ntargets + 1, 1);
	for (i = 0; i < sa->ntargets; i++) {
		const struct area_rec *a = strmap_get(areas, sa->targets[i]);

		sa->local_ok[i] = a && (!strcmp(a->level, "LA") ||
					!strcmp(a->level, "Locality"));
	}
	for (i = 0; i < sa->n; i++)
		for (k = 0; k < NTARGET; k++)
			if (sa->info[i].target[k] >= 0)
				sa->size[sa->info[i].target[k]]++;
	if (sa->n) {
		struct whole_ctx w = { &c, xcalloc(sa->ntargets + 1, 1) };
		const struct area_rec *a;

		if (store_each_lookup(st, "parent", on_parent, &c) < 0) {
			free(w.broken);
			strmap_release(&c.uppers, NULL);
			smallarea_free(sa);
			return -1;
		}
		strmap_each(&c.uppers, check_upper, &w);
		for (i = 0; i < sa->ntargets; i++) {
			a = strmap_get(areas, sa->targets[i]);
			/* Regions and England: whole, or never summed. */
			if (a && (!strcmp(a->level, "Region") ||
				  !strcmp(a->level, "England")) &&
			    (w.broken[i] || !c.uppers.len))
				sa->size[i] = SIZE_MAX;
		}
		free(w.broken);
	}
	strmap_release(&c.uppers, NULL);
	*out = sa;
	return 0;
}

static void kept_free(void *v)
{
	struct kept *k = v;

	if (!k)
		return;
	free(k->obs);
	strmap_release(&k->filters, free);
	free(k);
}

void smallarea_free(struct smallarea *sa)
{
	size_t i;

	if (!sa)
		return;
	strmap_release(&sa->kept, kept_free);
	for (i = 0; i < sa->ntargets; i++)
		free(sa->targets[i]);
	free(sa->targets);
	free(sa->size);
	free(sa->local_ok);
	free(sa->info);
	free(sa->by_id);
	strmap_release(&sa->by_code, NULL);
	strmap_release(&sa->target_idx, NULL);
	free(sa);
}

/* The small area an observation is of, or NULL. */
static struct sa_info *small_of(struct smallarea *sa,
				const struct observation *o)
{
	uintptr_t v;

	if (!o->area_id)
		return info_of(sa, o->area);
	if (o->area_id >= sa->by_id_alloc) {
		size_t was = sa->by_id_alloc;

		XGROW(sa->by_id, sa->by_id_alloc, (size_t)o->area_id + 1);
		memset(sa->by_id + was, 0,
		       (sa->by_id_alloc - was) * sizeof(*sa->by_id));
	}
	v = sa->by_id[o->area_id];
	if (!v) {
		struct sa_info *in = info_of(sa, o->area);

		v = in ? (uintptr_t)(in - sa->info) + 1 : NOT_SMALL;
		sa->by_id[o->area_id] = v;
	}
	return v == NOT_SMALL ? NULL : &sa->info[v - 1];
}

static void cell_add(struct cell *c, const struct observation *o)
{
	c->n++;
	if (o->symbol) {
		if (!c->symbol[0] || !strcmp(o->symbol, "c"))
			snprintf(c->symbol, sizeof(c->symbol), "%s",
				 o->symbol);
	} else if (isnan(o->value)) {
		if (!c->symbol[0])
			snprintf(c->symbol, sizeof(c->symbol), "x");
	} else {
		c->sum += o->value;
	}
}

static void contexts_free(struct reading *rd)
{
	size_t i;

	for (i = 0; i < rd->nctx; i++) {
		free(rd->ctxs[i].filters);
		free(rd->ctxs[i].cells);
	}
	rd->nctx = 0;
}

/* Gives fn one sum: of target t, for slot (0 all, 1 .. 10 national
 * deciles, LOCAL + 1 .. LOCAL + 10 the authority's), if the reading
 * wants that slot. */
static int give(struct reading *rd, long long file, size_t t, int slot,
		const struct period *period, const char *filters,
		double value, const char *symbol)
{
	struct observation o;

	if (slot && slot <= LOCAL && !(rd->want & SMALLAREA_SPLIT_NATIONAL))
		return 0;
	if (slot > LOCAL && !(rd->want & SMALLAREA_SPLIT_LOCAL))
		return 0;
	memset(&o, 0, sizeof(o));
	o.file = file;
	o.area = rd->sa->targets[t];
	o.period = *period;
	buf_reset(&rd->filters);
	buf_adds(&rd->filters, filters);
	if (slot) {
		if (rd->filters.len)
			buf_addch(&rd->filters, 0x1f);
		if (slot <= LOCAL)
			buf_addf(&rd->filters, SMALLAREA_DECILE "=%d", slot);
		else
			buf_addf(&rd->filters, SMALLAREA_LOCAL_DECILE "=%d",
				 slot - LOCAL);
	}
	o.filters = rd->filters.buf;
	o.symbol = symbol && *symbol ? symbol : NULL;
	o.value = o.symbol ? NAN : value;
	return rd->fn(&o, rd->ctx);
}

/* Keeps a sum for the next reading of the same series. */
static void keep_sum(struct reading *rd, long long file, size_t t,
		     int slot, const struct period *period,
		     const char *filters, const struct cell *c)
{
	struct kept *k = rd->rec;
	struct kept_obs *ko;
	void **interned = strmap_put(&k->filters, filters);
	size_t n;

	if (!*interned) {
		*interned = xstrdup(filters);
		k->bytes += strlen(filters) + 64;
	}
	if (k->n == k->alloc)
		XGROW(k->obs, k->alloc, k->n + 1);
	ko = &k->obs[k->n++];
	ko->file = file;
	ko->target = (int)t;
	ko->slot = (unsigned char)slot;
	ko->kind = (unsigned char)period->kind;
	ko->year = period->year;
	ko->month = (unsigned char)period->month;
	ko->filters = *interned;
	ko->value = c->sum;
	/* Its first letters, which is all a symbol needs to be told. */
	n = strnlen(c->symbol, sizeof(ko->symbol) - 1);
	memcpy(ko->symbol, c->symbol, n);
	ko->symbol[n] = '\0';
	k->bytes += sizeof(*ko);
}

/* Writes the sums of the file read so far, and forgets them. */
static int emit(struct reading *rd)
{
	struct smallarea *sa = rd->sa;
	size_t i, t;
	int slot;

	for (i = 0; i < rd->nctx && rd->ret == 0; i++) {
		struct context *cx = &rd->ctxs[i];

		for (t = 0; t < sa->ntargets && rd->ret == 0; t++) {
			struct cell *cells = cx->cells + t * NSLOT;

			/* Every small area of the target, and no value of
			 * its own in the file. */
			if (rd->direct[t] || sa->size[t] == SIZE_MAX ||
			    cells[0].n < sa->size[t])
				continue;
			for (slot = 0; slot < NSLOT && rd->ret == 0; slot++) {
				if (slot && slot <= LOCAL &&
				    !(rd->split & SMALLAREA_SPLIT_NATIONAL))
					continue;
				if (slot > LOCAL &&
				    (!(rd->split & SMALLAREA_SPLIT_LOCAL) ||
				     !sa->local_ok[t]))
					continue;
				/* A decile with no small areas in the target
				 * is a true nought: the target is whole. */
				if (!slot && !cells[slot].n)
					continue;
				if (rd->rec)
					keep_sum(rd, cx->file, t, slot,
						 &cx->period, cx->filters,
						 &cells[slot]);
				rd->ret = give(rd, cx->file, t, slot,
					       &cx->period, cx->filters,
					       cells[slot].sum,
					       cells[slot].symbol);
			}
		}
	}
	contexts_free(rd);
	memset(rd->direct, 0, sa->ntargets + 1);
	return rd->ret;
}

static struct context *context_of(struct reading *rd,
				  const struct observation *o)
{
	struct context *cx;
	size_t i;

	/* The last one, nearly always: a block is one series, mostly one
	 * period; within a block, its filters need no comparing. */
	if (rd->nctx) {
		cx = &rd->ctxs[rd->last];
		if (cx->period.year == o->period.year &&
		    cx->period.month == o->period.month &&
		    cx->period.kind == o->period.kind &&
		    ((o->block && cx->block == o->block) ||
		     !strcmp(cx->filters, o->filters))) {
			cx->block = o->block;
			return cx;
		}
	}
	for (i = 0; i < rd->nctx; i++) {
		cx = &rd->ctxs[i];
		if (cx->period.year == o->period.year &&
		    cx->period.month == o->period.month &&
		    cx->period.kind == o->period.kind &&
		    !strcmp(cx->filters, o->filters)) {
			cx->block = o->block;
			rd->last = i;
			return cx;
		}
	}
	if (rd->nctx == rd->ctx_alloc)
		XGROW(rd->ctxs, rd->ctx_alloc, rd->nctx + 1);
	rd->last = rd->nctx;
	cx = &rd->ctxs[rd->nctx++];
	cx->file = o->file;
	cx->filters = xstrdup(o->filters);
	cx->period = o->period;
	cx->block = o->block;
	cx->cells = xcalloc(rd->sa->ntargets * NSLOT + 1, sizeof(*cx->cells));
	return cx;
}

static int on_obs(const struct observation *o, void *vr)
{
	struct reading *rd = vr;
	struct smallarea *sa = rd->sa;
	struct sa_info *in;
	struct context *cx;
	int k;

	if (o->file != rd->file) {
		if (emit(rd) < 0)
			return -1;
		rd->file = o->file;
	}
	in = small_of(sa, o);
	if (!in) {
		uintptr_t t = (uintptr_t)strmap_get(&sa->target_idx,
						    o->area);

		if (t)
			rd->direct[t - 1] = 1;
		rd->direct_seen = 1;
		if ((rd->ret = rd->fn(o, rd->ctx)) < 0)
			return -1;
		return 0;
	}
	if (in->target[0] < 0)
		return 0;	/* in no authority: said when loading */
	cx = context_of(rd, o);
	for (k = 0; k < NTARGET && in->target[k] >= 0; k++) {
		struct cell *cells = cx->cells + (size_t)in->target[k] * NSLOT;

		cell_add(&cells[0], o);
		if ((rd->split & SMALLAREA_SPLIT_NATIONAL) && in->decile)
			cell_add(&cells[in->decile], o);
		if ((rd->split & SMALLAREA_SPLIT_LOCAL) && in->local)
			cell_add(&cells[LOCAL + in->local], o);
	}
	return 0;
}

/* The key of a reading: the dataset, the measure and each series the
 * selection keeps. */
struct key_ctx {
	struct buf *key;
	store_series_fn *keep;
	void *keep_ctx;
};

static int on_series(const char *filters, void *vk)
{
	struct key_ctx *k = vk;

	if (!k->keep || k->keep(filters, k->keep_ctx)) {
		buf_addch(k->key, 0x1f);
		buf_adds(k->key, filters);
	}
	return 0;
}

int smallarea_each_observation(struct smallarea *sa, struct store *st,
			       const char *dataset, const char *measure,
			       store_series_fn *keep, void *keep_ctx,
			       int split, store_obs_fn *fn, void *ctx)
{
	struct reading rd;
	struct buf key = BUF_INIT;
	struct key_ctx kc = { &key, keep, keep_ctx };
	struct kept *k;
	int rc;
	size_t i;

	if (!sa || !sa->n)
		return store_each_observation_where(st, dataset, measure,
						    keep, keep_ctx, fn, ctx);
	memset(&rd, 0, sizeof(rd));
	rd.sa = sa;
	rd.want = split;
	rd.fn = fn;
	rd.ctx = ctx;
	rd.file = -1;
	rd.direct = xcalloc(sa->ntargets + 1, 1);
	buf_init(&rd.filters, 64);
	buf_addf(&key, "%s\x1f%s", dataset, measure);
	if ((rc = store_each_series(st, dataset, measure, on_series,
				    &kc)) < 0)
		goto out;
	/* Read before: given again. */
	if ((k = strmap_get(&sa->kept, key.buf)) != NULL) {
		struct period p;

		memset(&p, 0, sizeof(p));
		for (i = 0; i < k->n && rc == 0; i++) {
			const struct kept_obs *ko = &k->obs[i];

			if (!i || p.year != ko->year || p.month != ko->month ||
			    p.kind != (enum period_kind)ko->kind) {
				p.kind = (enum period_kind)ko->kind;
				p.year = ko->year;
				p.month = ko->month;
				period_finish(&p);
			}
			rc = give(&rd, ko->file, (size_t)ko->target, ko->slot,
				  &p, ko->filters, ko->value, ko->symbol);
		}
		goto out;
	}
	/* Read now, every decile both ways, to keep for the next. */
	rd.split = SMALLAREA_SPLIT_NATIONAL | SMALLAREA_SPLIT_LOCAL;
	if (sa->kept_bytes < KEPT_BYTES)
		rd.rec = xcalloc(1, sizeof(*rd.rec));
	else
		rd.split = split;
	rc = store_each_observation_where(st, dataset, measure, keep, keep_ctx,
					  on_obs, &rd);
	if (rc == 0)
		rc = emit(&rd);
	else if (rd.ret < 0)
		rc = rd.ret;
	if (rc == 0 && rd.rec && !rd.direct_seen &&
	    sa->kept_bytes + rd.rec->bytes < KEPT_BYTES) {
		sa->kept_bytes += rd.rec->bytes;
		*strmap_put(&sa->kept, key.buf) = rd.rec;
		rd.rec = NULL;
	}
out:
	kept_free(rd.rec);
	contexts_free(&rd);
	free(rd.ctxs);
	free(rd.direct);
	buf_release(&rd.filters);
	buf_release(&key);
	return rc;
}
