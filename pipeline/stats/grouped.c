/* grouped.c - jsna-stats methods over groups of rows: directly and
 * indirectly standardised rates, Fingertips' recent trend, and the slope
 * and relative indices of inequality across deprivation quantiles. */
#include "grouped.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/csvin.h"
#include "jsna/stats_sii.h"
#include "jsna/stats_std.h"
#include "jsna/stats_trend.h"
#include "jsna/strmap.h"
#include "jsna/util.h"

enum { G_DSR, G_ISR, G_ISRATE, G_TREND, G_SII, G_COUNT };

#define MAXCOLS 7

/* The columns of sii, in the order of its row of methods[]. */
enum { S_QUANTILE, S_POP, S_VALUE, S_COUNT, S_SE, S_LOWER, S_UPPER };

/* Columns a method reads (required first), what an empty cell means, and
 * the columns it writes. */
static const struct {
	const char *name;
	const char *cols[MAXCOLS];
	int nrequired, ncols;
	int empty_is_zero[MAXCOLS];	/* PHEindicatormethods' NA rules */
	double multiplier;
	const char *header;
} methods[G_COUNT] = {
	[G_DSR] = { "dsr", { "count", "pop", "stdpop" }, 2, 3, { 1, 0, 0 },
		    100000, "total_count,total_pop,value,lowercl,uppercl" },
	[G_ISR] = { "isr", { "count", "pop", "refcount", "refpop" }, 4, 4,
		    { 1, 1, 1, 0 }, 1,
		    "observed,expected,value,lowercl,uppercl" },
	[G_ISRATE] = { "israte", { "count", "pop", "refcount", "refpop" }, 4,
		       4, { 1, 1, 1, 0 }, 100000,
		       "observed,expected,value,lowercl,uppercl" },
	/* Missing values are invalid points, not errors. */
	[G_TREND] = { "trend", { "value", "lowercl", "uppercl", "count",
				 "denominator" }, 5, 5, { 0, 0, 0, 0, 0 }, 1,
		      "points,chi2,slope,trend" },
	/* Which of value/count and se/limits are read is decided from the
	 * header (sii_header); an empty cell leaves its group without a
	 * result. */
	[G_SII] = { "sii", { "quantile", "population", "value", "count", "se",
			     "lowercl", "uppercl" }, 2, 7, { 0 }, 1,
		    "sii,sii_lowercl,sii_uppercl,rii,rii_lowercl,rii_uppercl,"
		    "intercept" },
};

/* The columns a second confidence level adds to sii's, after the first
 * seven so that those stay where they are. */
static const char sii_header2[] =
	",sii_lowercl_2,sii_uppercl_2,rii_lowercl_2,rii_uppercl_2";

struct group {
	char *key;
	double *v[MAXCOLS];	/* column values, row by row */
	unsigned long *line;	/* each row's line */
	size_t n, alloc;
	unsigned long first_line;
	int bad;
};

struct run {
	int m;
	const struct grouped_opts *o;
	int col[MAXCOLS];
	int area;		/* column of the group, or -1 */
	size_t nheader;
	struct strmap index;	/* key -> group number + 1 */
	struct group *groups;
	size_t ngroups, galloc;
	unsigned long *errors;
	/* sii */
	int use_value;		/* value, else count / population */
	int use_se;		/* se, else the limits */
	size_t nquantiles;	/* distinct quantiles in the whole input */
	struct stats_sii_work work;
};

int grouped_find(const char *name)
{
	int i;

	for (i = 0; i < G_COUNT; i++)
		if (!strcmp(name, methods[i].name))
			return i;
	return -1;
}

void grouped_names(struct buf *b)
{
	int i;

	for (i = 0; i < G_COUNT; i++)
		buf_addf(b, ", %s", methods[i].name);
}

double grouped_multiplier(int m)
{
	return methods[m].multiplier;
}

int grouped_is_sii(int m)
{
	return m == G_SII;
}

static struct group *group_of(struct run *r, const char *key,
			      unsigned long line)
{
	void **slot = strmap_put(&r->index, key);
	struct group *g;

	if (*slot)
		return &r->groups[(size_t)*slot - 1];
	XGROW(r->groups, r->galloc, r->ngroups + 1);
	g = &r->groups[r->ngroups++];
	memset(g, 0, sizeof(*g));
	g->key = xstrdup(key);
	g->first_line = line;
	*slot = (void *)r->ngroups;
	return g;
}

/*
 * Which columns sii reads, as phe_sii's arguments would be given: the
 * value, else (a proportion) count / population; the standard error,
 * else the 95% limits, which --transform needs (PIM will not take an se
 * then).
 */
static int sii_header(struct run *r, const struct csvin_record *h)
{
	const struct stats_sii_opts *o = &r->o->sii;
	int ret = 0;

	r->use_value = r->col[S_VALUE] >= 0;
	if (!r->use_value &&
	    !(o->type == STATS_SII_PROPORTION && r->col[S_COUNT] >= 0))
		ret = error_at(h->path, h->line, 0,
			       o->type == STATS_SII_PROPORTION ?
			       "no 'value' column, nor 'count': 'sii' needs one or the other" :
			       "no 'value' column: 'sii' needs it (or 'count' with --value-type proportion)");
	r->use_se = r->col[S_SE] >= 0 && !o->transform;
	if (!r->use_se && (r->col[S_LOWER] < 0 || r->col[S_UPPER] < 0))
		ret = error_at(h->path, h->line, 0, o->transform ?
			       "no 'lowercl' and 'uppercl' columns: 'sii --transform' needs the limits" :
			       "no 'se' column, nor 'lowercl' and 'uppercl': 'sii' needs one or the other");
	return ret;
}

static int on_header(struct run *r, const struct csvin_record *h)
{
	int i, ret = 0;

	r->nheader = h->nfields;
	r->area = csvin_find(h, "area");
	for (i = 0; i < methods[r->m].ncols; i++) {
		r->col[i] = csvin_find(h, methods[r->m].cols[i]);
		if (r->col[i] < 0 && i < methods[r->m].nrequired)
			ret = error_at(h->path, h->line, 0,
				       "no '%s' column: '%s' needs it",
				       methods[r->m].cols[i], methods[r->m].name);
	}
	if (r->m == G_SII && sii_header(r, h) < 0)
		ret = -1;
	return ret;
}

/* What a value or limit must be on the scale sii samples it on, or NULL
 * when x is fine. */
static const char *sii_scale_rule(enum stats_sii_type t, double x)
{
	if (t == STATS_SII_RATE && !(x > 0))
		return "above 0 for a rate (its log is sampled)";
	if (t == STATS_SII_PROPORTION && !(x > 0 && x < 1))
		return "above 0 and below 1 for a proportion (its logit is sampled)";
	return NULL;
}

/*
 * Checks the cells of one sii row that the method reads, and names the
 * first that is empty or out of range. Returns 0 when the row is usable,
 * -1 when it was reported (its group then gets no result).
 */
static int sii_row(struct run *r, const struct csvin_record *rec,
		   const double *v)
{
	enum stats_sii_type t = r->o->sii.type;
	int used[MAXCOLS] = { 1, 1, r->use_value, !r->use_value, r->use_se,
			      !r->use_se, !r->use_se };
	const char *rule = NULL;
	int i, bad = -1;

	for (i = 0; i < MAXCOLS; i++) {
		if (!used[i] || !isnan(v[i]))
			continue;
		return error_at(rec->path, rec->line,
				(unsigned long)r->col[i] + 1,
				"column '%s' is empty: the group has no result",
				methods[G_SII].cols[i]);
	}
	if (!(v[S_POP] > 0)) {
		bad = S_POP;
		rule = "above 0";
	} else if (r->use_se && !(v[S_SE] >= 0)) {
		bad = S_SE;
		rule = "0 or more";
	} else if (!r->use_value && !(v[S_COUNT] > 0)) {
		bad = S_COUNT;
		rule = "above 0";
	} else if (!r->use_value && v[S_COUNT] > v[S_POP]) {
		bad = S_COUNT;
		rule = "at most the population";
	}
	/* the value and the limits on the scale they are sampled on */
	for (i = S_VALUE; bad < 0 && i <= S_UPPER; i++) {
		if (!used[i] || i == S_COUNT || i == S_SE)
			continue;
		rule = sii_scale_rule(t, v[i]);
		if (rule)
			bad = i;
	}
	if (bad >= 0)
		return error_at(rec->path, rec->line,
				(unsigned long)r->col[bad] + 1,
				"column '%s' must be %s, not '%s'",
				methods[G_SII].cols[bad], rule,
				rec->fields[r->col[bad]].ptr);
	if (!r->use_se && v[S_LOWER] > v[S_UPPER])
		return error_at(rec->path, rec->line, 0,
				"lowercl is above uppercl: not an interval");
	return 0;
}

static int on_row(const struct csvin_record *rec, void *vr)
{
	struct run *r = vr;
	struct group *g;
	double v[MAXCOLS];
	int i;

	if (rec->recno == 1)
		return on_header(r, rec);
	g = group_of(r, r->area >= 0 && (size_t)r->area < rec->nfields ?
		     rec->fields[r->area].ptr : "", rec->line);
	if (rec->nfields != r->nheader) {
		(*r->errors)++;
		g->bad = 1;
		return error_at(rec->path, rec->line, 0,
				"row has %zu fields but the header has %zu",
				rec->nfields, r->nheader), 0;
	}
	for (i = 0; i < methods[r->m].ncols; i++) {
		const char *s;

		v[i] = NAN;
		if (r->col[i] < 0)
			continue;
		s = rec->fields[r->col[i]].ptr;
		if (!*s || !strcmp(s, "NA")) {
			if (methods[r->m].empty_is_zero[i])
				v[i] = 0;
			continue;
		}
		if (csvin_parse_double(s, &v[i]) < 0) {
			(*r->errors)++;
			g->bad = 1;
			error_at(rec->path, rec->line,
				 (unsigned long)r->col[i] + 1,
				 "column '%s': expected a number, got '%s'",
				 methods[r->m].cols[i], s);
			return 0;
		}
	}
	/* Values out of range are named where they are. */
	for (i = 0; r->m != G_TREND && r->m != G_SII &&
		    i < methods[r->m].ncols; i++) {
		int positive = (r->m == G_DSR && i == 1) ||
			       (r->m != G_DSR && i == 3);

		if (isnan(v[i]) || (positive ? v[i] > 0 : v[i] >= 0))
			continue;
		(*r->errors)++;
		g->bad = 1;
		error_at(rec->path, rec->line, (unsigned long)r->col[i] + 1,
			 "column '%s' must be %s, not '%s'",
			 methods[r->m].cols[i],
			 positive ? "above 0" : "0 or more",
			 rec->fields[r->col[i]].ptr);
		return 0;
	}
	if (r->m == G_SII && sii_row(r, rec, v) < 0) {
		(*r->errors)++;
		g->bad = 1;
		/* kept: its quantile still counts among the input's */
	}
	if (g->n + 1 > g->alloc) {
		size_t a = g->alloc ? g->alloc * 2 : 32;

		for (i = 0; i < MAXCOLS; i++)
			g->v[i] = xrealloc(g->v[i], a * sizeof(double));
		g->line = xrealloc(g->line, a * sizeof(*g->line));
		g->alloc = a;
	}
	for (i = 0; i < MAXCOLS; i++)
		g->v[i][g->n] = v[i];
	g->line[g->n] = rec->line;
	g->n++;
	return 0;
}

/* Why a group could not be computed. */
static const char *refusal(int m, int status)
{
	if (status == STATS_SUPPRESSED)
		return NULL;	/* the method's own rule: not an error */
	if (m == G_DSR)
		return "without a stdpop column a group needs the 19 age bands of ESP2013, in order";
	return "the expected count is 0: no reference events in the bands where the group has population";
}

/* The recent trend of a group's rows, in time order. */
static void trend(struct run *r, struct group *g, struct buf *out)
{
	enum stats_polarity pol = r->o->polarity;
	struct stats_trend_point *pts = xcalloc(g->n + 1, sizeof(*pts));
	struct stats_trend_result tr;
	size_t i;
	int st = STATS_DOMAIN;

	for (i = 0; i < g->n; i++) {
		pts[i].value = g->v[0][i];
		pts[i].lower95 = g->v[1][i];
		pts[i].upper95 = g->v[2][i];
		pts[i].count = g->v[3][i];
		pts[i].denominator = g->v[4][i];
	}
	if (!g->bad) {
		st = stats_recent_trend(pts, g->n, 1, &tr);
		if (st != STATS_OK) {
			(*r->errors)++;
			error_at("<stdin>", g->first_line, 0,
				 "group '%s' starting here: a count below 0, a lower limit above the upper, or equal limits",
				 g->key);
		}
	}
	if (r->area >= 0) {
		buf_add_csv(out, g->key);
		buf_addch(out, ',');
	}
	if (st == STATS_OK) {
		buf_addf(out, "%zu,", tr.nused);
		if (!isnan(tr.chi2))
			buf_addf(out, "%.17g", tr.chi2);
		buf_addch(out, ',');
		if (!isnan(tr.slope))
			buf_addf(out, "%.17g", tr.slope);
		buf_addf(out, ",%s\n", stats_trend_label(tr.marker, pol));
	} else {
		buf_adds(out, ",,,\n");
	}
	free(pts);
}

static void compute(struct run *r, struct group *g, struct buf *out)
{
	double res[5] = { NAN, NAN, NAN, NAN, NAN };
	double conf = r->o->confidence, mult = r->o->multiplier;
	int i, st = STATS_DOMAIN;

	if (g->bad) {
		/* Already reported, row by row. */
	} else if (g->n > 0) {
		if (r->m == G_DSR) {
			struct stats_dsr d;
			const double *std = g->v[2];

			if (r->col[2] < 0)
				std = g->n == STATS_ESP2013_BANDS ?
				      stats_esp2013 : NULL;
			if (std)
				st = stats_dsr(g->v[0], g->v[1], std, g->n,
					       mult, conf, &d);
			if (std && (st == STATS_OK || st == STATS_SUPPRESSED)) {
				res[0] = d.total_count;
				res[1] = d.total_pop;
				res[2] = d.value;
				res[3] = d.lower;
				res[4] = d.upper;
			}
		} else {
			struct stats_isr d;

			st = (r->m == G_ISR ? stats_isratio : stats_israte)(
				g->v[0], NAN, g->v[1], g->v[2], g->v[3],
				g->n, mult, conf, &d);
			if (st == STATS_OK) {
				res[0] = d.observed;
				res[1] = d.expected;
				res[2] = d.value;
				res[3] = d.lower;
				res[4] = d.upper;
			}
		}
		if (st != STATS_OK && refusal(r->m, st)) {
			(*r->errors)++;
			error_at("<stdin>", g->first_line, 0,
				 "group '%s' starting here: %s", g->key,
				 refusal(r->m, st));
		}
	}
	if (r->area >= 0) {
		buf_add_csv(out, g->key);
		buf_addch(out, ',');
	}
	for (i = 0; i < 5; i++) {
		if (i)
			buf_addch(out, ',');
		if (!isnan(res[i]))
			buf_addf(out, "%.17g", res[i]);
	}
	buf_addch(out, '\n');
}

/* A quantile and where its row is, to put a group's rows in order. */
struct qrow {
	double q;
	size_t row;
};

static int qrow_cmp(const void *pa, const void *pb)
{
	const struct qrow *a = pa, *b = pb;

	if (a->q < b->q)
		return -1;
	if (a->q > b->q)
		return 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

static int double_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

/* How many distinct quantiles the whole input has: phe_sii's number of
 * quantiles, which every group must have all of. */
static size_t count_quantiles(const struct run *r)
{
	size_t n = 0, i, k, distinct = 0;
	double *all;

	for (i = 0; i < r->ngroups; i++)
		n += r->groups[i].n;
	all = xcalloc(n + 1, sizeof(*all));
	n = 0;
	for (i = 0; i < r->ngroups; i++)
		for (k = 0; k < r->groups[i].n; k++)
			if (!isnan(r->groups[i].v[S_QUANTILE][k]))
				all[n++] = r->groups[i].v[S_QUANTILE][k];
	qsort(all, n, sizeof(*all), double_cmp);
	for (i = 0; i < n; i++)
		if (i == 0 || all[i - 1] < all[i])
			distinct++;
	free(all);
	return distinct;
}

/* "group 'A'", or "the group" when the input has no area column. */
static void group_subject(const struct run *r, const struct group *g,
			  struct buf *b)
{
	if (r->area >= 0)
		buf_addf(b, "group '%s'", g->key);
	else
		buf_adds(b, "the group");
}

/*
 * The SII and RII of one group: its rows in quantile order (1, the most
 * deprived, first), every quantile of the input present once. A group
 * that lacks some gets no result, as phe_sii drops it.
 */
static void sii_group(struct run *r, struct group *g, struct buf *out)
{
	const struct stats_sii_opts *so = &r->o->sii;
	struct stats_sii s = { NAN, NAN, NAN, { NAN, NAN }, { NAN, NAN },
			       { NAN, NAN }, { NAN, NAN } };
	size_t i, k;
	int st = STATS_DOMAIN;

	if (!g->bad && g->n > 0) {
		struct qrow *ord = xcalloc(g->n, sizeof(*ord));
		struct buf who = BUF_INIT;
		double *col[MAXCOLS];
		int dup = 0;

		group_subject(r, g, &who);
		for (i = 0; i < g->n; i++) {
			ord[i].q = g->v[S_QUANTILE][i];
			ord[i].row = i;
		}
		qsort(ord, g->n, sizeof(*ord), qrow_cmp);
		for (i = 1; i < g->n && !dup; i++) {
			if (ord[i - 1].q < ord[i].q)
				continue;
			dup = 1;
			(*r->errors)++;
			error_at("<stdin>", g->line[ord[i].row],
				 (unsigned long)r->col[S_QUANTILE] + 1,
				 "quantile '%.15g' of %s is also on line %lu: the group has no result",
				 ord[i].q, who.buf, g->line[ord[i - 1].row]);
		}
		if (!dup && g->n != r->nquantiles) {
			(*r->errors)++;
			error_at("<stdin>", g->first_line, 0,
				 "%s starting here has %zu of the %zu quantiles of the input: no result",
				 who.buf, g->n, r->nquantiles);
		} else if (!dup && (g->n < STATS_SII_MIN_QUANTILES ||
				    g->n > STATS_SII_MAX_QUANTILES)) {
			(*r->errors)++;
			error_at("<stdin>", g->first_line, 0,
				 "%s starting here has %zu quantiles: the SII needs %d to %d",
				 who.buf, g->n, STATS_SII_MIN_QUANTILES,
				 STATS_SII_MAX_QUANTILES);
		} else if (!dup) {
			struct stats_sii_data d;
			struct stats_sii_opts o = *so;

			for (k = 0; k < MAXCOLS; k++) {
				col[k] = xcalloc(g->n, sizeof(double));
				for (i = 0; i < g->n; i++)
					col[k][i] = g->v[k][ord[i].row];
			}
			d.n = g->n;
			d.population = col[S_POP];
			d.value = r->use_value ? col[S_VALUE] : NULL;
			d.count = r->use_value ? NULL : col[S_COUNT];
			d.se = r->use_se ? col[S_SE] : NULL;
			d.lower = r->use_se ? NULL : col[S_LOWER];
			d.upper = r->use_se ? NULL : col[S_UPPER];
			o.multiplier = r->o->multiplier;
			st = stats_sii(&d, &o, &r->work, &s);
			if (st != STATS_OK) {
				/* the rows were checked one by one: what is
				 * left is the group as a whole */
				(*r->errors)++;
				error_at("<stdin>", g->first_line, 0,
					 "%s starting here: the SII cannot be computed from its values",
					 who.buf);
			}
			for (k = 0; k < MAXCOLS; k++)
				free(col[k]);
		}
		free(ord);
		buf_release(&who);
	}
	if (r->area >= 0) {
		buf_add_csv(out, g->key);
		buf_addch(out, ',');
	}
	{
		double res[11] = { s.sii, s.sii_lower[0], s.sii_upper[0],
				   s.rii, s.rii_lower[0], s.rii_upper[0],
				   s.intercept, s.sii_lower[1], s.sii_upper[1],
				   s.rii_lower[1], s.rii_upper[1] };
		size_t nres = so->nconfidence == 2 ? 11 : 7;

		for (i = 0; i < nres; i++) {
			if (i)
				buf_addch(out, ',');
			if (!isnan(res[i]))
				buf_addf(out, "%.17g", res[i]);
		}
	}
	buf_addch(out, '\n');
}

int grouped_run(int m, const struct grouped_opts *o, const char *data,
		size_t len, struct buf *out, unsigned long *errors)
{
	struct run r;
	size_t i;
	int k, ret;

	memset(&r, 0, sizeof(r));
	r.m = m;
	r.o = o;
	r.errors = errors;
	ret = csvin_read_mem("<stdin>", data, len, on_row, &r);
	if (ret == 0) {
		if (r.area >= 0)
			buf_adds(out, "area,");
		buf_adds(out, methods[m].header);
		if (m == G_SII && o->sii.nconfidence == 2)
			buf_adds(out, sii_header2);
		buf_addch(out, '\n');
		if (m == G_SII) {
			r.nquantiles = count_quantiles(&r);
			if (r.nquantiles > STATS_SII_MANY_QUANTILES &&
			    r.nquantiles <= STATS_SII_MAX_QUANTILES)
				warning("%zu quantiles: small values can make the SII unstable with more than %d",
					r.nquantiles, STATS_SII_MANY_QUANTILES);
		}
		for (i = 0; i < r.ngroups; i++) {
			if (m == G_TREND)
				trend(&r, &r.groups[i], out);
			else if (m == G_SII)
				sii_group(&r, &r.groups[i], out);
			else
				compute(&r, &r.groups[i], out);
		}
	}
	for (i = 0; i < r.ngroups; i++) {
		free(r.groups[i].key);
		for (k = 0; k < MAXCOLS; k++)
			free(r.groups[i].v[k]);
		free(r.groups[i].line);
	}
	free(r.groups);
	strmap_release(&r.index, NULL);
	stats_sii_work_release(&r.work);
	return ret < 0 ? -1 : 0;
}
