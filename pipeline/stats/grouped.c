/* grouped.c - jsna-stats methods over groups of rows: directly and
 * indirectly standardised rates, and Fingertips' recent trend. */
#include "grouped.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/csvin.h"
#include "jsna/stats_std.h"
#include "jsna/stats_trend.h"
#include "jsna/strmap.h"
#include "jsna/util.h"

enum { G_DSR, G_ISR, G_ISRATE, G_TREND, G_COUNT };

#define MAXCOLS 5

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
};

struct group {
	char *key;
	double *v[MAXCOLS];	/* column values, row by row */
	size_t n, alloc;
	unsigned long first_line;
	int bad;
};

struct run {
	int m;
	int col[MAXCOLS];
	int area;		/* column of the group, or -1 */
	size_t nheader;
	struct strmap index;	/* key -> group number + 1 */
	struct group *groups;
	size_t ngroups, galloc;
	unsigned long *errors;
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
	return ret;
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
	for (i = 0; r->m != G_TREND && i < methods[r->m].ncols; i++) {
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
	if (g->n + 1 > g->alloc) {
		size_t a = g->alloc ? g->alloc * 2 : 32;

		for (i = 0; i < MAXCOLS; i++)
			g->v[i] = xrealloc(g->v[i], a * sizeof(double));
		g->alloc = a;
	}
	for (i = 0; i < MAXCOLS; i++)
		g->v[i][g->n] = v[i];
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
static void trend(struct run *r, struct group *g, enum stats_polarity pol,
		  struct buf *out)
{
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

static void compute(struct run *r, struct group *g, double conf,
		    double mult, struct buf *out)
{
	double res[5] = { NAN, NAN, NAN, NAN, NAN };
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

int grouped_run(int m, double conf, double mult, enum stats_polarity pol,
		const char *data, size_t len, struct buf *out,
		unsigned long *errors)
{
	struct run r;
	size_t i;
	int k, ret;

	memset(&r, 0, sizeof(r));
	r.m = m;
	r.errors = errors;
	ret = csvin_read_mem("<stdin>", data, len, on_row, &r);
	if (ret == 0) {
		if (r.area >= 0)
			buf_adds(out, "area,");
		buf_adds(out, methods[m].header);
		buf_addch(out, '\n');
		for (i = 0; i < r.ngroups; i++) {
			if (m == G_TREND)
				trend(&r, &r.groups[i], pol, out);
			else
				compute(&r, &r.groups[i], conf, mult, out);
		}
	}
	for (i = 0; i < r.ngroups; i++) {
		free(r.groups[i].key);
		for (k = 0; k < MAXCOLS; k++)
			free(r.groups[i].v[k]);
	}
	free(r.groups);
	strmap_release(&r.index, NULL);
	return ret < 0 ? -1 : 0;
}
