/* changes.c - what changed between two refreshes, in words. */
#include "jsna/changes.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/number.h"
#include "jsna/util.h"

struct ch_ind {
	char *id, *title, *type, *unit;
	int decimals;
};

struct ch_val {
	char *ind;
	long sortable;
	char label[32];
	double value;		/* NaN: none */
	char *note;
	char *cmp;
};

/* One refresh's side: its values run, indicators and headline values. */
struct side {
	long long run;
	struct ch_ind *ind;
	size_t nind, aind;
	struct ch_val *val;
	size_t nval, aval;
};

struct ch_file {
	char *kind, *path, *sha;
};

struct files {
	struct ch_file *f;
	size_t n, alloc;
};

/* A heading's lines, counted, the rest beyond the limit only counted. */
struct section {
	struct buf lines;
	size_t n;
};

static void section_add(struct section *s, const char *fmt, ...)
	JSNA_PRINTF(2, 3);

static void section_add(struct section *s, const char *fmt, ...)
{
	va_list ap;

	s->n++;
	if (s->n > CHANGES_MAX_LINES)
		return;
	buf_adds(&s->lines, "- ");
	va_start(ap, fmt);
	buf_vaddf(&s->lines, fmt, ap);
	va_end(ap);
	buf_addch(&s->lines, '\n');
}

static void section_emit(struct section *s, struct buf *md,
			 const char *heading, const char *none)
{
	buf_addf(md, "\n## %s\n\n", heading);
	if (!s->n) {
		buf_addf(md, "%s\n", none);
	} else {
		buf_add(md, s->lines.buf, s->lines.len);
		if (s->n > CHANGES_MAX_LINES)
			buf_addf(md, "- and %zu more: the long export "
				 "(indicators.csv) holds every value.\n",
				 s->n - CHANGES_MAX_LINES);
	}
	buf_release(&s->lines);
	s->n = 0;
}

static int on_indicator(const struct indicator_meta *m, void *ctx)
{
	struct side *sd = ctx;
	struct ch_ind *i;

	XGROW(sd->ind, sd->aind, sd->nind + 1);
	i = &sd->ind[sd->nind++];
	i->id = xstrdup(m->id);
	i->title = xstrdup(m->title);
	i->type = xstrdup(m->type);
	i->unit = xstrdup(m->unit);
	i->decimals = m->decimals;
	return 0;
}

static int on_value(const struct value_row *v, void *ctx)
{
	struct side *sd = ctx;
	struct ch_val *c;

	if (*v->category_type || *v->category)
		return 0;	/* breakdowns are in the long export */
	XGROW(sd->val, sd->aval, sd->nval + 1);
	c = &sd->val[sd->nval++];
	c->ind = xstrdup(v->indicator);
	c->sortable = v->period.sortable;
	snprintf(c->label, sizeof(c->label), "%s", v->period.label);
	c->value = v->value;
	c->note = xstrdup(v->note ? v->note : "");
	c->cmp = xstrdup(v->cmp_england ? v->cmp_england : "");
	return 0;
}

static int cmp_val(const void *a, const void *b)
{
	const struct ch_val *x = a, *y = b;
	int c = strcmp(x->ind, y->ind);

	if (c)
		return c;
	return (x->sortable > y->sortable) - (x->sortable < y->sortable);
}

static int load_side(struct store *st, long long run, const char *area,
		     struct side *sd)
{
	memset(sd, 0, sizeof(*sd));
	sd->run = run;
	if (!run)
		return 0;
	if (store_each_indicator(st, run, on_indicator, sd) < 0 ||
	    store_each_value(st, run, NULL, area, on_value, sd) < 0)
		return -1;
	if (sd->nval)
		qsort(sd->val, sd->nval, sizeof(*sd->val), cmp_val);
	return 0;
}

static void release_side(struct side *sd)
{
	size_t i;

	for (i = 0; i < sd->nind; i++) {
		free(sd->ind[i].id);
		free(sd->ind[i].title);
		free(sd->ind[i].type);
		free(sd->ind[i].unit);
	}
	for (i = 0; i < sd->nval; i++) {
		free(sd->val[i].ind);
		free(sd->val[i].note);
		free(sd->val[i].cmp);
	}
	free(sd->ind);
	free(sd->val);
}

static const struct ch_ind *find_ind(const struct side *sd, const char *id)
{
	size_t i;

	for (i = 0; i < sd->nind; i++)
		if (!strcmp(sd->ind[i].id, id))
			return &sd->ind[i];
	return NULL;
}

/* The values of one indicator: [*first, *first + *n). */
static void ind_values(const struct side *sd, const char *id, size_t *first,
		       size_t *n)
{
	size_t lo = 0, hi = sd->nval;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(sd->val[mid].ind, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (hi < sd->nval && !strcmp(sd->val[hi].ind, id))
		hi++;
	*n = hi - lo;
}

static int has_figure(const struct ch_val *v)
{
	return !isnan(v->value) || *v->note;
}

/* The value as readers see it: "74 per 10,000 ...", "63.8%", "withheld
 * (c)", "no value". */
static void figure(struct buf *b, const struct ch_ind *ind,
		   const struct ch_val *v)
{
	if (!v || isnan(v->value)) {
		if (v && !strcmp(v->note, "c"))
			buf_adds(b, "withheld (c)");
		else
			buf_adds(b, "no value");
		return;
	}
	number_format(b, v->value, ind->decimals);
	if (!strcmp(ind->unit, "%"))
		buf_addch(b, '%');
	else if (*ind->unit)
		buf_addf(b, " %s", ind->unit);
}

/* The figure without its unit's words ("76", "63.8%", "withheld (c)"),
 * for the value it was revised from. */
static void bare_figure(struct buf *b, const struct ch_ind *ind,
			const struct ch_val *v)
{
	if (!v || isnan(v->value)) {
		figure(b, ind, v);
		return;
	}
	number_format(b, v->value, ind->decimals);
	if (!strcmp(ind->unit, "%"))
		buf_addch(b, '%');
}

/* The rounded figure, to tell whether a reader would see a change. */
static void rounded(struct buf *b, const struct ch_ind *ind,
		    const struct ch_val *v)
{
	buf_reset(b);
	figure(b, ind, v);
}

/* "similar to England" for the export's comparison words; "" for none. */
static const char *cmp_words(const char *cmp)
{
	static const struct { const char *label, *words; } map[] = {
		{ "Better", "better than England" },
		{ "Worse", "worse than England" },
		{ "Similar", "similar to England" },
		{ "Higher", "higher than England" },
		{ "Lower", "lower than England" },
		{ "Higher, not tested", "above England (not tested)" },
		{ "Lower, not tested", "below England (not tested)" },
		{ "Same, not tested", "the same as England (not tested)" },
		{ "Not compared", "not compared with England" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(cmp, map[i].label))
			return map[i].words;
	return "";
}

static const struct ch_val *find_period(const struct side *sd,
					size_t first, size_t n, long sortable)
{
	size_t i;

	for (i = first; i < first + n; i++)
		if (sd->val[i].sortable == sortable)
			return &sd->val[i];
	return NULL;
}

/* The newest period with a value or a symbol, or NULL. */
static const struct ch_val *latest(const struct side *sd, size_t first,
				   size_t n)
{
	size_t i;

	for (i = first + n; i-- > first;)
		if (has_figure(&sd->val[i]))
			return &sd->val[i];
	return NULL;
}

struct sections {
	struct section fresh, flipped, gaps, moved, inds;
};

/* A gap in its latest period beside the period before it. */
static void gap_line(struct sections *s, const struct ch_ind *ind,
		     const struct side *now, size_t first, size_t n,
		     const struct ch_val *last)
{
	const struct ch_val *prev = NULL;
	struct buf a = BUF_INIT, b = BUF_INIT;
	double x, y;
	size_t i;

	for (i = first; i < first + n; i++)
		if (now->val[i].sortable < last->sortable &&
		    !isnan(now->val[i].value))
			prev = &now->val[i];
	if (!prev || isnan(last->value))
		return;
	/* Compared as shown: rounded to the indicator's decimals. */
	x = fabs(round(last->value * pow(10, ind->decimals)));
	y = fabs(round(prev->value * pow(10, ind->decimals)));
	figure(&a, ind, last);
	figure(&b, ind, prev);
	section_add(&s->gaps, "%s: %s in %s, %s %s in %s.", ind->title, a.buf,
		    last->label,
		    x > y ? "wider than" : x < y ? "narrower than" :
		    "the same as", b.buf, prev->label);
	buf_release(&a);
	buf_release(&b);
}

static void compare_indicator(struct sections *s, const struct ch_ind *ind,
			      const struct side *now, const struct side *then)
{
	size_t f1, n1, f0, n0, i;
	const struct ch_val *l1, *l0;
	struct buf a = BUF_INIT, b = BUF_INIT;

	ind_values(now, ind->id, &f1, &n1);
	ind_values(then, ind->id, &f0, &n0);
	l1 = latest(now, f1, n1);
	l0 = latest(then, f0, n0);
	if (l1 && (!l0 || l1->sortable > l0->sortable)) {
		const char *w = cmp_words(l1->cmp);

		figure(&a, ind, l1);
		if (l0)
			section_add(&s->fresh, "%s: %s is new (the latest "
				    "before was %s): %s%s%s.", ind->title,
				    l1->label, l0->label, a.buf,
				    *w ? ", " : "", w);
		else
			section_add(&s->fresh, "%s: %s is new: %s%s%s.",
				    ind->title, l1->label, a.buf,
				    *w ? ", " : "", w);
		if (!strcmp(ind->type, "gap"))
			gap_line(s, ind, now, f1, n1, l1);
	}
	/* Periods in both: revised figures and flipped comparisons. */
	for (i = f1; i < f1 + n1; i++) {
		const struct ch_val *v1 = &now->val[i];
		const struct ch_val *v0 = find_period(then, f0, n0,
						      v1->sortable);

		if (!v0 || (!has_figure(v0) && !has_figure(v1)))
			continue;
		rounded(&a, ind, v1);
		rounded(&b, ind, v0);
		if (strcmp(a.buf, b.buf)) {
			buf_reset(&b);
			bare_figure(&b, ind, v0);
			if (!strcmp(ind->type, "gap") && !isnan(v1->value) &&
			    !isnan(v0->value))
				section_add(&s->moved, "%s, %s: revised from "
					    "%s to %s (the gap %s).",
					    ind->title, v1->label, b.buf,
					    a.buf,
					    fabs(v1->value) > fabs(v0->value) ?
					    "wider" : "narrower");
			else
				section_add(&s->moved, "%s, %s: revised from "
					    "%s to %s.", ind->title, v1->label,
					    b.buf, a.buf);
		}
		if (strcmp(v1->cmp, v0->cmp) && *v1->cmp && *v0->cmp)
			section_add(&s->flipped, "%s, %s: now %s; it was %s.",
				    ind->title, v1->label,
				    cmp_words(v1->cmp), cmp_words(v0->cmp));
	}
	buf_release(&a);
	buf_release(&b);
}

static int on_file(const char *kind, const char *path, const char *sha,
		   long long size, void *ctx)
{
	struct files *fs = ctx;
	struct ch_file *f;

	(void)size;
	XGROW(fs->f, fs->alloc, fs->n + 1);
	f = &fs->f[fs->n++];
	f->kind = xstrdup(kind);
	f->path = xstrdup(path);
	f->sha = xstrdup(sha);
	return 0;
}

static void release_files(struct files *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		free(fs->f[i].kind);
		free(fs->f[i].path);
		free(fs->f[i].sha);
	}
	free(fs->f);
}

static int cmp_file(const struct ch_file *a, const struct ch_file *b)
{
	int c = strcmp(a->kind, b->kind);

	return c ? c : strcmp(a->path, b->path);
}

static const char *kind_words(const char *kind)
{
	if (!strcmp(kind, "definition"))
		return "indicator definition";
	if (!strcmp(kind, "source"))
		return "source definition";
	if (!strcmp(kind, "config"))
		return "configuration";
	if (!strcmp(kind, "neighbours"))
		return "statistical neighbour list";
	if (!strcmp(kind, "program"))
		return "program";
	return "input";
}

/* Files in one list and not the other, or with other contents. */
static void diff_files(const struct files *now, const struct files *then,
		       struct section *inputs, struct section *setup)
{
	size_t i = 0, j = 0;

	while (i < now->n || j < then->n) {
		const struct ch_file *a = i < now->n ? &now->f[i] : NULL;
		const struct ch_file *b = j < then->n ? &then->f[j] : NULL;
		int c = !a ? 1 : !b ? -1 : cmp_file(a, b);
		const struct ch_file *f = c <= 0 ? a : b;
		struct section *s = !strcmp(f->kind, "input") ? inputs : setup;
		const char *what = kind_words(f->kind);

		if (c < 0)
			section_add(s, "New %s: %s.", what, f->path);
		else if (c > 0)
			section_add(s, "Gone: the %s %s.", what, f->path);
		else if (strcmp(a->sha, b->sha))
			section_add(s, "Changed %s: %s.", what, f->path);
		i += c <= 0;
		j += c >= 0;
	}
}

struct status_ctx {
	struct section *s;
};

static int on_status(const char *path, const char *status,
		     const char *dataset, long long rows, long long errors,
		     void *ctx)
{
	struct status_ctx *c = ctx;

	(void)dataset;
	(void)rows;
	if (!strcmp(status, "rejected"))
		section_add(c->s, "**Rejected**: %s, %lld row%s could not be "
			    "read; its last good load is used. The run log "
			    "names each row.", path, errors,
			    errors == 1 ? "" : "s");
	else if (!strcmp(status, "unknown"))
		section_add(c->s, "Not recognised by any source definition, "
			    "so not read: %s.", path);
	return 0;
}

struct area_ctx {
	const char *code;
	char *name;
};

static int area_name(const struct area *a, void *ctx)
{
	struct area_ctx *c = ctx;

	if (!c->name && !strcmp(a->code, c->code) && a->name && *a->name)
		c->name = xstrdup(a->name);
	return 0;
}

/* "24 November 2026 at 02:00 UTC" from "2026-11-24T02:00:11Z". */
static void when(struct buf *b, const char *iso)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November",
		"December"
	};
	int y, m, d, hh, mm;

	if (sscanf(iso, "%d-%d-%dT%d:%d", &y, &m, &d, &hh, &mm) == 5 &&
	    m >= 1 && m <= 12)
		buf_addf(b, "%d %s %d at %02d:%02d UTC", d, months[m - 1], y,
			 hh, mm);
	else
		buf_adds(b, iso);
}

int changes_write(struct store *st, const struct config *cfg, long long now,
		  long long then, struct buf *md)
{
	struct run_info rn, rt;
	struct side s1, s0;
	struct files f1 = { 0 }, f0 = { 0 };
	struct sections s;
	struct section inputs = { BUF_INIT, 0 }, setup = { BUF_INIT, 0 };
	struct status_ctx sc = { &inputs };
	struct area_ctx an = { cfg->area_code, NULL };
	long long v1 = 0, v0 = 0;
	int found;
	size_t i;

	memset(&s, 0, sizeof(s));
	memset(&s0, 0, sizeof(s0));
	memset(&s1, 0, sizeof(s1));
	if (store_run_info(st, now, &rn, &found) < 0)
		return -1;
	if (!found)
		return error("there is no refresh %lld in the warehouse", now);
	buf_adds(md, "# What changed\n\n");
	if (!then) {
		buf_addf(md, "Refresh %lld, ", now);
		when(md, rn.started);
		buf_adds(md, ", is the first: there is no earlier refresh to "
			     "compare with.\n");
		return 0;
	}
	if (store_run_info(st, then, &rt, &found) < 0)
		return -1;
	if (!found)
		return error("there is no refresh %lld in the warehouse", then);
	buf_addf(md, "Refresh %lld, ", now);
	when(md, rn.started);
	buf_addf(md, ", compared with refresh %lld, ", then);
	when(md, rt.started);
	buf_adds(md, ".\n");

	if (store_values_run(st, now, &v1) < 0 ||
	    store_values_run(st, then, &v0) < 0 ||
	    store_each_run_file(st, now, on_file, &f1) < 0 ||
	    store_each_run_file(st, then, on_file, &f0) < 0)
		goto fail;
	if (v1 == v0 && rn.fingerprint[0] &&
	    !strcmp(rn.fingerprint, rt.fingerprint)) {
		struct run_info calc;

		buf_addf(md, "\nNothing changed: no input, definition, "
			 "configuration, neighbour list or program is "
			 "different, so nothing was recomputed or redrawn. "
			 "The outputs are those of refresh %lld.\n", then);
		/* Rejections stand while the rejected files are unchanged. */
		if (v1 && store_run_info(st, v1, &calc, &found) == 0 &&
		    found && calc.parent &&
		    store_each_file_status(st, calc.parent, on_status,
					   &sc) == 0 && inputs.n)
			section_emit(&inputs, md, "Inputs still rejected", "");
		buf_release(&inputs.lines);
		release_files(&f1);
		release_files(&f0);
		return 0;
	}
	if (v1 && v0 && v1 != v0 &&
	    (load_side(st, v1, cfg->area_code, &s1) < 0 ||
	     load_side(st, v0, cfg->area_code, &s0) < 0))
		goto fail;
	if (v1 && v0 && v1 != v0) {
		for (i = 0; i < s1.nind; i++) {
			if (!find_ind(&s0, s1.ind[i].id))
				section_add(&s.inds, "New indicator: %s.",
					    s1.ind[i].title);
			else
				compare_indicator(&s, &s1.ind[i], &s1, &s0);
		}
		for (i = 0; i < s0.nind; i++)
			if (!find_ind(&s1, s0.ind[i].id))
				section_add(&s.inds, "No longer calculated: "
					    "%s.", s0.ind[i].title);
	} else if (!v0 && v1) {
		buf_addf(md, "\nRefresh %lld has no values kept to compare "
			 "with (the warehouse keeps the values of the last "
			 "%d refreshes).\n", then, cfg->history_runs);
	}
	diff_files(&f1, &f0, &inputs, &setup);
	if (store_each_file_status(st, now, on_status, &sc) < 0)
		goto fail;
	section_emit(&inputs, md, "Inputs", "No input file changed.");
	section_emit(&setup, md, "Definitions, configuration and programs",
		     "No definition, configuration, neighbour list or "
		     "program changed.");
	section_emit(&s.fresh, md, "New data",
		     "No new period arrived.");
	section_emit(&s.flipped, md, "Comparisons with England that changed",
		     "No comparison with England changed.");
	section_emit(&s.gaps, md, "Gaps that widened or narrowed",
		     "No gap has a new period.");
	section_emit(&s.moved, md, "Values that moved",
		     "No value already published moved.");
	if (s.inds.n)
		section_emit(&s.inds, md, "Indicators", "");
	buf_adds(md, "\nValues are those of ");
	if (store_each_area(st, area_name, &an) < 0)
		goto fail;
	if (an.name)
		buf_adds(md, an.name);
	else
		buf_addf(md, "the report's area (%s)", cfg->area_code);
	buf_adds(md, ", as rounded for readers; England, the region, other "
		     "areas and breakdowns are in the long export "
		     "(indicators.csv).\n");
	free(an.name);
	release_side(&s1);
	release_side(&s0);
	release_files(&f1);
	release_files(&f0);
	return 0;
fail:
	buf_release(&inputs.lines);
	buf_release(&setup.lines);
	buf_release(&s.fresh.lines);
	buf_release(&s.flipped.lines);
	buf_release(&s.gaps.lines);
	buf_release(&s.moved.lines);
	buf_release(&s.inds.lines);
	release_side(&s1);
	release_side(&s0);
	release_files(&f1);
	release_files(&f0);
	return -1;
}
