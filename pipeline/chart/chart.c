/* chart.c - jsna-chart: indicator values -> PNG, SVG and PDF charts.
 *
 * usage: jsna-chart [-c jsna.ini] [--only ID...] [--format png,svg,pdf]
 * For each indicator of the latest calculation, the configured area's
 * trend against England, the region and the statistical-neighbour
 * average, with 95% intervals and points marked by their comparison with
 * England; and, in the latest period where the area has a value, a
 * compare-areas bar chart of England, the region, the area and its
 * statistical neighbours, bars filled by their comparison with England;
 * for an indicator with deprivation deciles, the area's deciles with its
 * own value and the fitted line of the slope index of inequality; and for
 * one with values for the area's localities, each locality against the
 * authority. Beside each chart the plotted data (CSV) and a plain-text
 * alternative (TXT). A chart whose digest (below) is that of the set
 * before is kept, not drawn again: a night when one source changed
 * redraws its charts only. JSNA_FORCE=1 in the environment (jsna refresh --force) or
 * --redraw draws every chart.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/chart.h"
#include "jsna/export.h"
#include "jsna/neighbours.h"
#include "jsna/progress.h"
#include "jsna/results.h"
#include "jsna/sections.h"
#include "jsna/sha256.h"
#include "jsna/store.h"
#include "jsna/stage.h"
#include "jsna/stats_sii.h"
#include "jsna/strmap.h"
#include "jsna/util.h"

static const char usage[] =
	"usage: jsna-chart [-c jsna.ini] [--only ID...] [--format png,svg,pdf]\n"
	"Draws the configured area's charts from the latest calculation.\n"
	"  -c, --config FILE    configuration (default jsna.ini)\n"
	"  -o, --only ID        only this indicator (may be repeated)\n"
	"  -f, --format LIST    chart formats (default: [publish] formats)\n"
	"      --redraw         draw every chart, even those whose data,\n"
	"                       words, palette and program are unchanged\n"
	"  -q, --quiet          only errors\n"
	"  -v, --verbose        say what was drawn\n"
	"  -h, --help           this text\n"
	"      --version        the program's version\n";

/* The data of one trend chart, in the arrays chart.h borrows: the
 * indicator's periods, then (for estimates a projection continues) the
 * projection's later periods. */
struct trend_data {
	size_t n;
	const char **labels;
	long *sortable;
	const char **cmp_word;		/* the export's words, per period */
	double *v[4], *lo, *hi;
	enum stats_cmp *cmp;
	unsigned char *projected;
	int any_projected;
	struct chart_series series[4];
	size_t nseries;
	int suppressed;
};

static void trend_data_release(struct trend_data *t)
{
	int k;

	free(t->labels);
	free(t->sortable);
	free(t->cmp_word);
	for (k = 0; k < 4; k++)
		free(t->v[k]);
	free(t->lo);
	free(t->hi);
	free(t->cmp);
	free(t->projected);
}

/* Counts and other totals (a projection, a prevalence's estimated
 * number) are not set beside England's or the region's: a county's
 * children on the scale of the country's would be a flat line at zero. */
static int is_total(const struct result_indicator *ind)
{
	return !strcmp(ind->type, "count") ||
	       !strcmp(ind->type, "projection") ||
	       !strcmp(ind->type, "prevalence");
}

/* The projection that carries on ind's estimates, or NULL. */
static const struct result_indicator *
projection_of(const struct results *r, const struct result_indicator *ind)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->ind[i].continues, ind->id) &&
		    r->ind[i].nperiods)
			return &r->ind[i];
	return NULL;
}

/* Periods before the first value or after the last one (of any line
 * drawn) would only stretch the axis: they go. */
static void trim(struct trend_data *t, int total)
{
	size_t first = t->n, last = 0, j, k, m;

	for (j = 0; j < t->n; j++)
		for (k = 0; k < (total ? 1u : 4u); k++)
			if (isfinite(t->v[k][j])) {
				if (first == t->n)
					first = j;
				last = j;
			}
	if (first == t->n)
		return;
	m = last - first + 1;
#define SHIFT(a) memmove((a), (a) + first, m * sizeof(*(a)))
	SHIFT(t->labels);
	SHIFT(t->sortable);
	SHIFT(t->cmp_word);
	for (k = 0; k < 4; k++)
		SHIFT(t->v[k]);
	SHIFT(t->lo);
	SHIFT(t->hi);
	SHIFT(t->cmp);
	SHIFT(t->projected);
#undef SHIFT
	t->n = m;
	t->any_projected = 0;
	for (j = 0; j < m; j++)
		t->any_projected |= t->projected[j];
}

static void build(const struct results *r,
		  const struct result_indicator *ind, struct trend_data *t)
{
	const struct result_indicator *proj = NULL;
	const struct result_series *area = &ind->series[SERIES_AREA];
	size_t n = ind->nperiods, first = 0, j, k;
	int have_nb = 0, total = is_total(ind);

	memset(t, 0, sizeof(*t));
	if (total && (proj = projection_of(r, ind)) != NULL) {
		/* The projection's periods after the last estimate. */
		while (first < proj->nperiods &&
		       proj->periods[first].sortable <=
			       ind->periods[n - 1].sortable)
			first++;
		n += proj->nperiods - first;
	}
	t->n = n;
	t->labels = xcalloc(n + 1, sizeof(*t->labels));
	t->sortable = xcalloc(n + 1, sizeof(*t->sortable));
	t->cmp_word = xcalloc(n + 1, sizeof(*t->cmp_word));
	for (k = 0; k < 4; k++)
		t->v[k] = xcalloc(n + 1, sizeof(double));
	t->lo = xcalloc(n + 1, sizeof(double));
	t->hi = xcalloc(n + 1, sizeof(double));
	t->cmp = xcalloc(n + 1, sizeof(*t->cmp));
	t->projected = xcalloc(n + 1, 1);
	for (j = 0; j < n; j++) {
		const struct result_indicator *from = ind;
		size_t i = j;
		const struct result_point *p;

		if (j >= ind->nperiods) {
			from = proj;
			i = first + j - ind->nperiods;
		}
		p = &from->series[SERIES_AREA].pt[i];
		t->labels[j] = from->periods[i].label;
		t->sortable[j] = from->periods[i].sortable;
		t->cmp_word[j] = p->cmp_england;
		t->v[0][j] = p->value;
		t->lo[j] = p->lower95;
		t->hi[j] = p->upper95;
		t->cmp[j] = results_cmp(p->cmp_england);
		t->projected[j] = !strcmp(from->type, "projection");
		t->any_projected |= t->projected[j];
		t->v[1][j] = from->series[SERIES_ENGLAND].pt[i].value;
		t->v[2][j] = from->series[SERIES_REGION].pt[i].value;
		t->v[3][j] = p->neighbour_avg;
		if (!isnan(p->neighbour_avg))
			have_nb = 1;
		if (p->present && !strcmp(p->note, "c"))
			t->suppressed = 1;
	}
	trim(t, total);
	t->series[0].name = area->name;
	t->series[0].is_area = 1;
	t->series[0].value = t->v[0];
	t->series[0].lower = t->lo;
	t->series[0].upper = t->hi;
	t->series[0].cmp = total ? NULL : t->cmp;
	t->series[0].projected = t->any_projected ? t->projected : NULL;
	t->nseries = 1;
	if (total)
		return;
	t->series[1].name = ind->series[SERIES_ENGLAND].name;
	t->series[1].value = t->v[1];
	t->nseries = 2;
	if (ind->series[SERIES_REGION].name &&
	    strcmp(ind->series[SERIES_REGION].code,
		   ind->series[SERIES_AREA].code) != 0) {
		t->series[t->nseries].name = ind->series[SERIES_REGION].name;
		t->series[t->nseries++].value = t->v[2];
	}
	if (have_nb) {
		t->series[t->nseries].name = "Statistical neighbours (average)";
		t->series[t->nseries++].value = t->v[3];
	}
}

/* The plotted data beside the chart. */
static void plotted_csv(const struct trend_data *t, struct buf *b)
{
	size_t j, k;

	buf_adds(b, "Time period,Time period Sortable");
	for (k = 0; k < t->nseries; k++) {
		buf_addch(b, ',');
		buf_add_csv(b, t->series[k].name);
		if (k == 0)
			buf_adds(b, ",Lower CI 95.0 limit,Upper CI 95.0 limit,Compared to England");
	}
	if (t->any_projected)
		buf_adds(b, ",Projection");
	buf_addch(b, '\n');
	for (j = 0; j < t->n; j++) {
		buf_add_csv(b, t->labels[j]);
		buf_addf(b, ",%ld", t->sortable[j]);
		for (k = 0; k < t->nseries; k++) {
			buf_addch(b, ',');
			export_number(b, t->series[k].value[j]);
			if (k == 0) {
				buf_addch(b, ',');
				export_number(b, t->lo[j]);
				buf_addch(b, ',');
				export_number(b, t->hi[j]);
				buf_addch(b, ',');
				buf_add_csv(b, t->cmp_word[j]);
			}
		}
		if (t->any_projected)
			buf_adds(b, t->projected[j] ? ",yes" : ",");
		buf_addch(b, '\n');
	}
}

/* Each kind of chart behind one pair of adapters. */
typedef int render_fn(const void *chart, enum chart_format f,
		      const char *path);
typedef void describe_fn(const void *chart, struct buf *out);

#define ADAPTERS(kind)							\
static int render_##kind(const void *c, enum chart_format f,		\
			 const char *path)				\
{									\
	return chart_render_##kind(c, f, path);				\
}									\
static void describe_##kind(const void *c, struct buf *out)		\
{									\
	chart_describe_##kind(c, out);					\
}
ADAPTERS(trend)
ADAPTERS(compare)
ADAPTERS(gap)
ADAPTERS(spine)
ADAPTERS(pyramid)
ADAPTERS(inequality)

/* Where the charts go, and what can be kept from the set before.
 * charts/.keys holds a line "STEM DIGEST" per chart: the SHA-256 of all
 * the chart shows (its plotted data and its text alternative, which name
 * every value, interval, comparison, label and source line), of the
 * palette and formats, and of this program's own file. A chart whose
 * digest is as recorded and whose files are all in the set (the set
 * starts as links to the one before) is not drawn again. */
#define KEYS_FILE "charts/.keys"

struct chart_out {
	struct stage *s;
	struct strmap old;	/* stem -> digest, from the set before */
	struct strmap made;	/* stems drawn or kept this run */
	struct buf keys;	/* the new KEYS_FILE */
	char program[65];	/* "": keep nothing, draw all */
	size_t kept, drawn;
	/* Drawing in child processes, one a processor: a chart's data is
	 * built here, then a child renders its formats from its copy. */
	int jobs;		/* at most this many children at once */
	int running;
	int child_failed;
};

/* How many charts to draw at once: JSNA_JOBS if set (1: all in this
 * process), else one a processor, at most 8. */
static int chart_jobs(void)
{
	const char *e = getenv("JSNA_JOBS");
	long n;

	if (e && *e) {
		n = strtol(e, NULL, 10);
		return n < 1 ? 1 : n > 64 ? 64 : (int)n;
	}
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

/* Waits for one child (any, when block). A child that failed has said
 * why on stderr; the stage then fails. Returns 0, or -1 when none ran. */
static int reap(struct chart_out *o, int block)
{
	int st;
	pid_t pid;

	if (!o->running)
		return -1;
	do
		pid = waitpid(-1, &st, block ? 0 : WNOHANG);
	while (pid < 0 && errno == EINTR);
	if (pid <= 0)
		return -1;
	o->running--;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		if (!o->child_failed)
			error("a chart could not be drawn (its process %s %d)",
			      WIFEXITED(st) ? "exited" : "was killed by signal",
			      WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
		o->child_failed = 1;
	}
	return 0;
}

/* Waits for every child; -1 when one failed. */
static int reap_all(struct chart_out *o)
{
	while (o->running)
		if (reap(o, 1) < 0)
			break;
	return o->child_failed ? -1 : 0;
}

static void out_init(struct chart_out *o, struct stage *s, int redraw)
{
	struct buf b = BUF_INIT;
	char *path, *line, *next;
	long long size;
	FILE *f;

	memset(o, 0, sizeof(*o));
	o->s = s;
	o->jobs = chart_jobs();
	buf_init(&o->keys, 0);
	if (redraw || sha256_file("/proc/self/exe", o->program, &size) < 0) {
		o->program[0] = '\0';
		return;
	}
	path = stage_output(s, KEYS_FILE);
	f = path ? fopen(path, "r") : NULL;
	free(path);
	if (!f)
		return;
	{
		char block[8192];
		size_t n;

		while ((n = fread(block, 1, sizeof(block), f)) > 0)
			buf_add(&b, block, n);
	}
	fclose(f);
	for (line = b.buf; line && *line; line = next) {
		char *sp;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		sp = strchr(line, ' ');
		if (sp && strlen(sp + 1) == 64) {
			*sp = '\0';
			*strmap_put(&o->old, line) = xstrdup(sp + 1);
		}
	}
	buf_release(&b);
}

static void out_release(struct chart_out *o)
{
	strmap_release(&o->old, free);
	strmap_release(&o->made, NULL);
	buf_release(&o->keys);
}

static void chart_digest(const struct chart_out *o, const char *stem,
			 unsigned formats, const struct buf *csv,
			 const struct buf *txt, char hex[65])
{
	struct sha256 c;
	char head[64];

	snprintf(head, sizeof(head), "palette=%d formats=%u",
		 o->s->cfg.palette, formats);
	sha256_init(&c);
	sha256_update(&c, o->program, 64);
	sha256_update(&c, head, strlen(head) + 1);
	sha256_update(&c, stem, strlen(stem) + 1);
	sha256_update(&c, csv->buf, csv->len);
	sha256_update(&c, "\0", 1);
	sha256_update(&c, txt->buf, txt->len);
	sha256_final(&c, hex);
}

static const struct { unsigned bit; enum chart_format f;
		      const char *ext; } fmts[] = {
	{ FORMAT_PNG, CHART_PNG, "png" },
	{ FORMAT_SVG, CHART_SVG, "svg" },
	{ FORMAT_PDF, CHART_PDF, "pdf" },
};
#define NFMTS (sizeof(fmts) / sizeof(fmts[0]))

/* Are charts/STEM.EXT there in the set for every format, CSV and TXT? */
static int all_there(struct chart_out *o, const char *stem, unsigned formats)
{
	static const char *const always[] = { "csv", "txt" };
	struct buf rel = BUF_INIT;
	char *path;
	size_t i;
	int ok = 1;

	for (i = 0; ok && i < NFMTS + 2; i++) {
		if (i < NFMTS && !(formats & fmts[i].bit))
			continue;
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s.%s", stem,
			 i < NFMTS ? fmts[i].ext : always[i - NFMTS]);
		path = stage_output(o->s, rel.buf);
		ok = path && access(path, F_OK) == 0;
		free(path);
	}
	buf_release(&rel);
	return ok;
}

/* Renders charts/STEM.{png,svg,pdf} (those in formats), each through a
 * temporary file renamed into place. */
static int render_formats(struct stage *s, const char *stem,
			  unsigned formats, const void *chart,
			  render_fn *render)
{
	struct buf rel = BUF_INIT, tmp = BUF_INIT;
	char *path;
	size_t i;
	int ret = 0;

	for (i = 0; i < NFMTS && ret == 0; i++) {
		if (!(formats & fmts[i].bit))
			continue;
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s.%s", stem, fmts[i].ext);
		if (!(path = stage_output(s, rel.buf))) {
			ret = -1;
			break;
		}
		buf_reset(&tmp);
		buf_addf(&tmp, "%s.tmp", path);
		ret = render(chart, fmts[i].f, tmp.buf);
		if (ret == 0 && rename(tmp.buf, path) < 0)
			ret = error_errno("cannot replace '%s'", path);
		if (ret < 0)
			remove(tmp.buf);
		free(path);
	}
	buf_release(&rel);
	buf_release(&tmp);
	return ret;
}

/* The same in a child process, while this one builds the next chart;
 * here when a child cannot be started. */
static int render_later(struct chart_out *o, const char *stem,
			unsigned formats, const void *chart, render_fn *render)
{
	pid_t pid;

	if (o->jobs < 2)
		return render_formats(o->s, stem, formats, chart, render);
	while (o->running >= o->jobs)
		if (reap(o, 1) < 0)
			break;
	fflush(NULL);	/* nothing buffered written twice */
	pid = fork();
	if (pid < 0)
		return render_formats(o->s, stem, formats, chart, render);
	if (pid == 0)
		_exit(render_formats(o->s, stem, formats, chart, render) < 0 ?
		      JSNA_EXIT_SYSTEM : 0);
	o->running++;
	return 0;
}

/* Writes charts/STEM.{png,svg,pdf} (render_later), then the plotted data
 * STEM.csv and the text alternative STEM.txt; or keeps them as they are
 * when their digest has not changed. */
static int publish(struct chart_out *o, const char *stem, unsigned formats,
		   const void *chart, render_fn *render,
		   describe_fn *describe, const struct buf *csv)
{
	struct stage *s = o->s;
	struct buf rel = BUF_INIT, txt = BUF_INIT;
	const char *was;
	char key[65];
	int ret = 0;

	describe(chart, &txt);
	chart_digest(o, stem, formats, csv, &txt, key);
	*strmap_put(&o->made, stem) = o;
	was = strmap_get(&o->old, stem);
	if (o->program[0] && was && !strcmp(was, key) &&
	    all_there(o, stem, formats)) {
		o->kept++;
		buf_addf(&o->keys, "%s %s\n", stem, key);
		buf_release(&txt);
		return 0;
	}
	ret = render_later(o, stem, formats, chart, render);
	if (ret == 0) {
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s.csv", stem);
		ret = stage_write_output(s, rel.buf, csv);
	}
	if (ret == 0) {
		buf_reset(&rel);
		buf_addf(&rel, "charts/%s.txt", stem);
		ret = stage_write_output(s, rel.buf, &txt);
	}
	if (ret == 0) {
		o->drawn++;
		if (o->program[0])
			buf_addf(&o->keys, "%s %s\n", stem, key);
	}
	buf_release(&rel);
	buf_release(&txt);
	return ret;
}

static void keep_old(const char *stem, void *digest, void *ctx)
{
	struct chart_out *o = ctx;

	if (!strmap_has(&o->made, stem))
		buf_addf(&o->keys, "%s %s\n", stem, (const char *)digest);
}

/* Writes the digests, and with every chart drawn (no --only) removes the
 * files of charts not made this time (an indicator taken out). */
static int out_finish(struct chart_out *o, int all)
{
	struct buf rel = BUF_INIT;
	char *dir;
	DIR *dp;
	struct dirent *e;
	int ret = 0;

	if (!all)
		strmap_each(&o->old, keep_old, o);
	dir = stage_output(o->s, KEYS_FILE);
	if (dir)
		*strrchr(dir, '/') = '\0';
	if (dir && all && (dp = opendir(dir)) != NULL) {
		while ((e = readdir(dp)) != NULL) {
			char *stem = xstrdup(e->d_name), *dot;
			int tmp;

			dot = strrchr(stem, '.');
			tmp = dot && !strcmp(dot, ".tmp");
			if (dot && dot != stem)
				*dot = '\0';
			if (e->d_name[0] != '.' &&
			    (tmp || !strmap_has(&o->made, stem))) {
				buf_reset(&rel);
				buf_addf(&rel, "%s/%s", dir, e->d_name);
				if (unlink(rel.buf) < 0)
					ret = error_errno("cannot remove '%s'",
							  rel.buf);
			}
			free(stem);
		}
		closedir(dp);
	}
	free(dir);
	buf_release(&rel);
	if (ret == 0 && o->program[0]) {
		buf_reset(&rel);
		ret = stage_write_output(o->s, KEYS_FILE, &o->keys);
	}
	return ret;
}

/* "Source: DfE, Key stage 4 performance, published 16 October 2025." The
 * vintage of the data: an ISO date in words, another date as written. */
static void add_source(struct buf *b, const struct result_indicator *ind)
{
	static const char *const month[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	int y, m, d, n = 0;

	buf_addf(b, "Source: %s", ind->source);
	if (sscanf(ind->last_update, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    !ind->last_update[n] && m >= 1 && m <= 12 && d >= 1 && d <= 31)
		buf_addf(b, ", published %d %s %d", d, month[m - 1], y);
	else if (ind->last_update[0])
		buf_addf(b, ", published %s", ind->last_update);
	buf_addch(b, '.');
}

/* What the y axis measures: "Rate per 10,000 children aged under 18". */
static void measure_name(const struct result_indicator *ind, struct buf *b)
{
	if (!strcmp(ind->unit, "%"))
		buf_adds(b, "Percentage");
	else if (!strcmp(ind->type, "rate"))
		buf_addf(b, "Rate %s", ind->unit);
	else if (!strcmp(ind->type, "count"))
		buf_adds(b, ind->count_label[0] ? "Number" : "Count");
	else if (ind->unit[0])	/* "score points": a subtitle's start */
		buf_addf(b, "%c%s", toupper((unsigned char)ind->unit[0]),
			 ind->unit + 1);
	else
		buf_adds(b, "Value");
}


static int draw_trend(struct chart_out *o, const struct results *r,
		      const struct result_indicator *ind, unsigned formats)
{
	struct stage *s = o->s;
	struct trend_data t;
	struct trend_chart tc;
	struct buf subtitle = BUF_INIT, source = BUF_INIT, ylab = BUF_INIT;
	struct buf notes = BUF_INIT, b = BUF_INIT, rel = BUF_INIT;
	int ret = 0, j;

	if (ind->nperiods == 0 || ind->latest < 0) {
		warning("%s: no values for %s; no chart drawn", ind->id,
			r->area_name);
		return 0;
	}
	build(r, ind, &t);
	/* Every value withheld, and no benchmark beside it: nothing to
	 * draw (the area's rows say "c"; the table and report say so). */
	for (j = 0; j < (int)(t.nseries * t.n); j++)
		if (isfinite(t.series[j / t.n].value[j % t.n]))
			break;
	if (j == (int)(t.nseries * t.n)) {
		note("%s: no value to plot for %s (all withheld); no trend "
		     "chart drawn", ind->id, r->area_name);
		trend_data_release(&t);
		return 0;
	}
	measure_name(ind, &ylab);
	buf_addf(&subtitle, "%s, %s, %s to %s", ylab.buf, r->area_name,
		 t.labels[0], t.labels[t.n - 1]);
	for (j = ind->latest; j > 0 && isnan(ind->series[SERIES_AREA].pt[j].value);
	     j--)
		;
	add_source(&source, ind);
	buf_addf(&source, " Latest period %s.", ind->periods[j].label);
	if (t.any_projected && strcmp(ind->type, "projection")) {
		const struct result_indicator *p = projection_of(r, ind);
		size_t k = 0;

		while (!t.projected[k])
			k++;
		buf_addf(&subtitle, " (projected from %s)", t.labels[k]);
		buf_addf(&source, " Projection: %s.", p->source);
	}
	if (t.suppressed)
		buf_addf(&notes, "Values from fewer than %d are suppressed (c).",
			 s->cfg.suppress_below);

	memset(&tc, 0, sizeof(tc));
	tc.title = ind->title;
	tc.subtitle = subtitle.buf;
	tc.source = source.buf;
	tc.note = notes.len ? notes.buf : NULL;
	tc.y_label = ylab.buf;
	tc.nperiods = t.n;
	tc.period_labels = t.labels;
	tc.nseries = t.nseries;
	tc.series = t.series;
	tc.decimals = ind->decimals;
	tc.palette = s->cfg.palette ? PALETTE_FINGERTIPS : PALETTE_GOVUK;
	tc.y_from_zero = 1;

	plotted_csv(&t, &b);
	buf_addf(&rel, "%s_trend", ind->id);
	ret = publish(o, rel.buf, formats, &tc, render_trend, describe_trend,
		      &b);
	if (ret == 0)
		note("%s: trend chart drawn", ind->id);
	buf_release(&subtitle);
	buf_release(&source);
	buf_release(&ylab);
	buf_release(&notes);
	buf_release(&b);
	buf_release(&rel);
	trend_data_release(&t);
	return ret;
}

/* The areas of one compare chart: codes, names and values, in the order
 * loaded (England, the region, the area, its neighbours). */
struct compare_data {
	size_t n;
	const char *code[COMPARE_MAX_BARS];
	struct result_point pt[COMPARE_MAX_BARS];
	struct compare_bar bar[COMPARE_MAX_BARS];
};

static void compare_add(struct compare_data *d, const struct results *r,
			const char *code, int is_area, int is_benchmark)
{
	size_t i;

	if (!code || d->n == COMPARE_MAX_BARS)
		return;
	for (i = 0; i < d->n; i++)
		if (!strcmp(d->code[i], code))
			return;
	d->code[d->n] = code;
	d->bar[d->n].name = results_area_name(r, code);
	d->bar[d->n].is_area = is_area;
	d->bar[d->n].is_benchmark = is_benchmark;
	d->n++;
}

/* The plotted data beside the compare chart, in the chart's order, with
 * the long export's column names and numbers. */
static void compare_csv(const struct result_indicator *ind, size_t j,
			const struct compare_data *d,
			const struct compare_chart *cc, struct buf *b)
{
	size_t idx[COMPARE_MAX_BARS], k;

	chart_compare_order(cc, idx);
	buf_adds(b, "Area Code,Area Name,Time period,Time period Sortable,"
		    "Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Value note,"
		    "Compared to England value or percentiles\n");
	for (k = 0; k < d->n; k++) {
		const struct result_point *p = &d->pt[idx[k]];

		buf_add_csv(b, d->code[idx[k]]);
		buf_addch(b, ',');
		buf_add_csv(b, d->bar[idx[k]].name);
		buf_addch(b, ',');
		buf_add_csv(b, ind->periods[j].label);
		buf_addf(b, ",%ld,", ind->periods[j].sortable);
		export_number(b, p->value);
		buf_addch(b, ',');
		export_number(b, p->lower95);
		buf_addch(b, ',');
		export_number(b, p->upper95);
		buf_addch(b, ',');
		buf_add_csv(b, p->note);
		buf_addch(b, ',');
		buf_add_csv(b, p->cmp_england);
		buf_addch(b, '\n');
	}
}

static int draw_compare(struct chart_out *o, const struct results *r,
			const struct result_indicator *ind,
			const struct neighbours *nb, unsigned formats)
{
	struct stage *s = o->s;
	struct compare_data d;
	struct compare_chart cc;
	struct buf subtitle = BUF_INIT, source = BUF_INIT, what = BUF_INIT;
	struct buf notes = BUF_INIT, b = BUF_INIT, rel = BUF_INIT;
	const char *region = ind->series[SERIES_REGION].code;
	char *const *nbs;
	size_t nnb = 0, i;
	int j, ret = 0, suppressed = 0, tested = 0;

	if (is_total(ind))	/* see is_total() */
		return 0;
	/* The latest period where the area has a value. */
	for (j = ind->latest; j >= 0; j--)
		if (!isnan(ind->series[SERIES_AREA].pt[j].value))
			break;
	if (j < 0) {
		note("%s: no value for %s; no compare chart drawn", ind->id,
		     r->area_name);
		return 0;
	}
	memset(&d, 0, sizeof(d));
	if (region && !strcmp(region, r->area_code))
		region = NULL;
	compare_add(&d, r, ind->series[SERIES_ENGLAND].code, 0, 1);
	compare_add(&d, r, region, 0, 1);
	compare_add(&d, r, r->area_code, 1, 0);
	nbs = neighbours_of(nb, r->area_code, &nnb);
	for (i = 0; i < nnb; i++)
		compare_add(&d, r, nbs[i], 0, 0);
	if (results_load_compare(s->st, r, ind->id, ind->periods[j].sortable,
				 d.code, d.n, d.pt) < 0)
		return -1;
	for (i = 0; i < d.n; i++) {
		d.bar[i].value = d.pt[i].value;
		d.bar[i].lower = d.pt[i].lower95;
		d.bar[i].upper = d.pt[i].upper95;
		d.bar[i].cmp = results_cmp(d.pt[i].cmp_england);
		d.bar[i].note = d.pt[i].note;
		if (!strcmp(d.pt[i].note, "c"))
			suppressed = 1;
		if (stats_cmp_tested(d.bar[i].cmp))
			tested = 1;
	}

	measure_name(ind, &what);
	buf_addf(&subtitle, "%s, %s: %s", what.buf, ind->periods[j].label,
		 r->area_name);
	if (nnb)
		buf_adds(&subtitle, ", its statistical neighbours");
	if (region)
		buf_addf(&subtitle, ", %s (region)",
			 results_area_name(r, region));
	buf_addf(&subtitle, " and %s", results_area_name(r,
			 ind->series[SERIES_ENGLAND].code));
	add_source(&source, ind);
	if (tested)
		buf_adds(&source, " Compared with England at the 95% level.");
	if (suppressed)
		buf_addf(&notes, "Values from fewer than %d are suppressed: "
			 "\"withheld\".", s->cfg.suppress_below);

	memset(&cc, 0, sizeof(cc));
	cc.title = ind->title;
	cc.subtitle = subtitle.buf;
	cc.source = source.buf;
	cc.note = notes.len ? notes.buf : NULL;
	cc.nbars = d.n;
	cc.bars = d.bar;
	cc.decimals = ind->decimals;
	cc.palette = s->cfg.palette ? PALETTE_FINGERTIPS : PALETTE_GOVUK;

	compare_csv(ind, (size_t)j, &d, &cc, &b);
	buf_addf(&rel, "%s_compare", ind->id);
	ret = publish(o, rel.buf, formats, &cc, render_compare,
		      describe_compare, &b);
	if (ret == 0)
		note("%s: compare chart drawn", ind->id);
	buf_release(&subtitle);
	buf_release(&source);
	buf_release(&what);
	buf_release(&notes);
	buf_release(&b);
	buf_release(&rel);
	return ret;
}

/* ---- gap charts ---- */

static const struct result_indicator *find_indicator(const struct results *r,
						     const char *id)
{
	size_t i, n = strcspn(id, "/");

	for (i = 0; i < r->n; i++)
		if (strlen(r->ind[i].id) == n && !strncmp(r->ind[i].id, id, n))
			return &r->ind[i];
	return NULL;
}

/* s with its first letter in lower case, unless it opens an acronym
 * ("EHC plan" stays as it is). */
static void add_lower_first(struct buf *b, const char *s)
{
	if (s[0] && !isupper((unsigned char)s[1]))
		buf_addch(b, (char)tolower((unsigned char)s[0]));
	else if (s[0])
		buf_addch(b, s[0]);
	if (s[0])
		buf_adds(b, s + 1);
}

/* One row of a gap chart's plotted data, in the long export's words. */
static void gap_csv_row(struct buf *b, const char *indicator,
			const char *code, const char *name,
			const char *category, const struct period *p,
			double value, const char *note)
{
	buf_add_csv(b, indicator);
	buf_addch(b, ',');
	buf_add_csv(b, code);
	buf_addch(b, ',');
	buf_add_csv(b, name);
	buf_addch(b, ',');
	buf_add_csv(b, category);
	buf_addch(b, ',');
	buf_add_csv(b, p->label);
	buf_addf(b, ",%ld,", p->sortable);
	export_number(b, value);
	buf_addch(b, ',');
	buf_add_csv(b, note ? note : "");
	buf_addch(b, '\n');
}

/* For a gap indicator: the area's two groups over time and the latest
 * period's gap for the area, England, the region and the neighbours. */
static int draw_gap(struct chart_out *o, const struct results *r,
		    const struct result_indicator *ind,
		    const struct neighbours *nb, unsigned formats)
{
	struct stage *s = o->s;
	const struct result_indicator *group = find_indicator(r, ind->group_a);
	const struct result_series *area = &ind->series[SERIES_AREA];
	const char *region = ind->series[SERIES_REGION].code;
	const char *codes[GAP_MAX_ROWS];
	struct result_point pts[GAP_MAX_ROWS];
	struct gap_row rows[GAP_MAX_ROWS];
	double *a = NULL, *b = NULL, *gap = NULL, ra[GAP_MAX_ROWS],
	       rb[GAP_MAX_ROWS];
	char *label_a = NULL, *label_b = NULL;
	const char **labels = NULL;
	struct buf subtitle = BUF_INIT, source = BUF_INIT, what = BUF_INIT;
	struct buf notes = BUF_INIT, csv = BUF_INIT, stem = BUF_INIT;
	struct gap_chart gc;
	char *const *nbs;
	size_t n = ind->nperiods, nrows = 0, nnb = 0, i, k;
	int j, ret = -1, suppressed = 0;

	if (!group || !ind->group_b[0]) {
		warning("%s: its groups are not in the latest calculation; no "
			"gap chart drawn", ind->id);
		return 0;
	}
	if (!n || ind->latest < 0) {
		note("%s: no values for %s; no gap chart drawn", ind->id,
		     r->area_name);
		return 0;
	}
	a = xcalloc(n, sizeof(double));
	b = xcalloc(n, sizeof(double));
	gap = xcalloc(n, sizeof(double));
	labels = xcalloc(n, sizeof(*labels));
	if (results_load_group(s->st, r, ind->group_a, ind->periods, n,
			       (const char *const *)&r->area_code, 1, a,
			       &label_a) < 0 ||
	    results_load_group(s->st, r, ind->group_b, ind->periods, n,
			       (const char *const *)&r->area_code, 1, b,
			       &label_b) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		labels[i] = ind->periods[i].label;
		gap[i] = area->pt[i].value;
		if (area->pt[i].present && !strcmp(area->pt[i].note, "c"))
			suppressed = 1;
	}

	/* The latest period with the area's gap (else its latest row). */
	for (j = ind->latest; j >= 0 && isnan(gap[j]); j--)
		;
	if (j < 0)
		j = ind->latest;
	if (region && !strcmp(region, r->area_code))
		region = NULL;
	codes[nrows++] = r->area_code;
	codes[nrows++] = ind->series[SERIES_ENGLAND].code;
	if (region)
		codes[nrows++] = region;
	nbs = neighbours_of(nb, r->area_code, &nnb);
	for (i = 0; i < nnb && nrows < GAP_MAX_ROWS; i++)
		codes[nrows++] = nbs[i];
	free(label_a);
	free(label_b);
	label_a = label_b = NULL;
	if (results_load_compare(s->st, r, ind->id, ind->periods[j].sortable,
				 codes, nrows, pts) < 0 ||
	    results_load_group(s->st, r, ind->group_a, &ind->periods[j], 1,
			       codes, nrows, ra, &label_a) < 0 ||
	    results_load_group(s->st, r, ind->group_b, &ind->periods[j], 1,
			       codes, nrows, rb, &label_b) < 0)
		goto out;
	memset(rows, 0, sizeof(rows));
	for (k = 0; k < nrows; k++) {
		rows[k].name = results_area_name(r, codes[k]);
		rows[k].a = ra[k];
		rows[k].b = rb[k];
		rows[k].gap = pts[k].value;
		rows[k].note = pts[k].note;
		rows[k].cmp = k == 1 ? CMP_NOT_COMPARED :
				       results_cmp(pts[k].cmp_england);
		rows[k].is_area = k == 0;
		rows[k].is_benchmark = k == 1 || (region && k == 2);
		if (!strcmp(pts[k].note, "c"))
			suppressed = 1;
	}

	measure_name(group, &what);
	buf_addf(&subtitle, "%s, %s, %s to %s. The gap: ", what.buf,
		 r->area_name, labels[0], labels[n - 1]);
	add_lower_first(&subtitle, label_a);
	buf_adds(&subtitle, " minus ");
	add_lower_first(&subtitle, label_b);
	buf_addf(&subtitle, ", in %s", strcmp(group->unit, "%") ? "points" :
				       "percentage points");
	add_source(&source, ind);
	buf_addf(&source, " Latest period %s.", labels[j]);
	if (suppressed)
		buf_addf(&notes, "Values from fewer than %d are suppressed (c).",
			 s->cfg.suppress_below);

	memset(&gc, 0, sizeof(gc));
	gc.title = ind->title;
	gc.subtitle = subtitle.buf;
	gc.source = source.buf;
	gc.note = notes.len ? notes.buf : NULL;
	gc.group_a = label_a;
	gc.group_b = label_b;
	gc.gap_unit = strcmp(group->unit, "%") ? "pts" : "pp";
	gc.nperiods = n;
	gc.period_labels = labels;
	gc.a = a;
	gc.b = b;
	gc.gap = gap;
	gc.latest_label = labels[j];
	gc.nrows = nrows;
	gc.rows = rows;
	gc.decimals = ind->decimals;
	gc.palette = s->cfg.palette ? PALETTE_FINGERTIPS : PALETTE_GOVUK;

	/* The plotted data: the export's rows behind each mark. */
	buf_adds(&csv, "Indicator ID,Area Code,Area Name,Category,"
		       "Time period,Time period Sortable,Value,Value note\n");
	for (i = 0; i < n; i++) {
		gap_csv_row(&csv, group->id, r->area_code, r->area_name,
			    label_a, &ind->periods[i], a[i], NULL);
		gap_csv_row(&csv, group->id, r->area_code, r->area_name,
			    label_b, &ind->periods[i], b[i], NULL);
		gap_csv_row(&csv, ind->id, r->area_code, r->area_name, "",
			    &ind->periods[i], gap[i], area->pt[i].note);
	}
	for (k = 1; k < nrows; k++) {
		gap_csv_row(&csv, group->id, codes[k], rows[k].name, label_a,
			    &ind->periods[j], ra[k], NULL);
		gap_csv_row(&csv, group->id, codes[k], rows[k].name, label_b,
			    &ind->periods[j], rb[k], NULL);
		gap_csv_row(&csv, ind->id, codes[k], rows[k].name, "",
			    &ind->periods[j], pts[k].value, pts[k].note);
	}
	buf_addf(&stem, "%s_gap", ind->id);
	ret = publish(o, stem.buf, formats, &gc, render_gap, describe_gap,
		      &csv);
	if (ret == 0)
		note("%s: gap chart drawn", ind->id);
out:
	free(a);
	free(b);
	free(gap);
	free(labels);
	free(label_a);
	free(label_b);
	buf_release(&subtitle);
	buf_release(&source);
	buf_release(&what);
	buf_release(&notes);
	buf_release(&csv);
	buf_release(&stem);
	return ret;
}

/* ---- the summary spine ---- */

struct la_codes {
	const char **code;
	size_t n, alloc;
};

static int on_la(const struct area *a, void *vc)
{
	struct la_codes *c = vc;

	if (strcmp(a->level, "LA") != 0)
		return 0;
	XGROW(c->code, c->alloc, c->n + 1);
	c->code[c->n++] = xstrdup(a->code);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Fingertips' percentile: linear interpolation at position (N - 1) f + 1
 * of the sorted values v[n] (1-based). */
static double percentile(const double *v, size_t n, double f)
{
	double pos = (n - 1) * f;
	size_t k = (size_t)floor(pos);

	if (k + 1 >= n)
		return v[n - 1];
	return v[k] + (pos - k) * (v[k + 1] - v[k]);
}

static enum stats_polarity polarity_of(const char *s)
{
	if (!strcmp(s, "high_is_good"))
		return POLARITY_HIGH_GOOD;
	if (!strcmp(s, "low_is_good"))
		return POLARITY_LOW_GOOD;
	if (!strcmp(s, "none"))
		return POLARITY_NONE;
	return POLARITY_NOT_APPLICABLE;
}

/* Fills row from ind's latest period with an area value, and appends its
 * plotted data to csv. Returns 1 when the row belongs on the spine, 0 when
 * not (a total, not compared with England, no value), -1 on error. */
static int spine_row(struct stage *s, const struct results *r,
		     const struct result_indicator *ind,
		     const struct la_codes *las, struct result_point *pts,
		     double *vals, struct spine_row *row, struct buf *csv)
{
	const struct result_series *area = &ind->series[SERIES_AREA];
	size_t i, nv = 0;
	int j;

	/* Totals and indicators not compared with England (context, such
	 * as the age make-up of children in care) have no place on it. */
	if (is_total(ind) || ind->latest < 0 ||
	    polarity_of(ind->polarity) == POLARITY_NOT_APPLICABLE)
		return 0;
	for (j = ind->latest; j >= 0 && isnan(area->pt[j].value); j--)
		;
	if (j < 0)
		j = ind->latest;
	if (results_load_compare(s->st, r, ind->id, ind->periods[j].sortable,
				 las->code, las->n, pts) < 0)
		return -1;
	for (i = 0; i < las->n; i++)
		if (isfinite(pts[i].value))
			vals[nv++] = pts[i].value;
	qsort(vals, nv, sizeof(*vals), cmp_double);
	memset(row, 0, sizeof(*row));
	row->name = ind->title;
	row->period = ind->periods[j].label;
	row->decimals = ind->decimals;
	row->polarity = polarity_of(ind->polarity);
	row->value = area->pt[j].value;
	row->note = area->pt[j].note;
	row->cmp = results_cmp(area->pt[j].cmp_england);
	row->england = ind->series[SERIES_ENGLAND].pt[j].value;
	row->region = ind->series[SERIES_REGION].code &&
		      strcmp(ind->series[SERIES_REGION].code, r->area_code) ?
		      ind->series[SERIES_REGION].pt[j].value : NAN;
	/* Fingertips leaves the spine out when a quarter of the areas or
	 * more have no value. */
	row->insufficient = !nv || 4 * nv < 3 * las->n;
	row->min = nv ? vals[0] : NAN;
	row->q25 = nv ? percentile(vals, nv, 0.25) : NAN;
	row->q75 = nv ? percentile(vals, nv, 0.75) : NAN;
	row->max = nv ? vals[nv - 1] : NAN;

	buf_add_csv(csv, ind->id);
	buf_addch(csv, ',');
	buf_add_csv(csv, ind->title);
	buf_addch(csv, ',');
	buf_add_csv(csv, row->period);
	buf_addf(csv, ",%ld,", ind->periods[j].sortable);
	export_number(csv, row->value);
	buf_addch(csv, ',');
	buf_add_csv(csv, row->note);
	buf_addch(csv, ',');
	buf_add_csv(csv, area->pt[j].cmp_england);
	buf_addch(csv, ',');
	export_number(csv, row->england);
	buf_addch(csv, ',');
	export_number(csv, row->region);
	buf_addf(csv, ",%zu,", nv);
	export_number(csv, row->min);
	buf_addch(csv, ',');
	export_number(csv, row->q25);
	buf_addch(csv, ',');
	export_number(csv, row->q75);
	buf_addch(csv, ',');
	export_number(csv, row->max);
	buf_addch(csv, '\n');
	return 1;
}

/* One row per indicator with a latest value, in the order of
 * sections.ini (a heading per section), where the area sits among all
 * authorities. */
static int draw_spine(struct chart_out *o, const struct results *r,
		      unsigned formats)
{
	struct stage *s = o->s;
	struct la_codes las = { NULL, 0, 0 };
	struct sections secs = { NULL, 0 };
	struct spine_row *rows = NULL;
	struct result_point *pts = NULL;
	double *vals = NULL;
	struct buf path = BUF_INIT, csv = BUF_INIT, subtitle = BUF_INIT;
	struct spine_chart sc;
	size_t nrows = 0, i, k, *order = NULL, norder = 0;
	const char **heading = NULL;
	int ret = -1, rc;

	if (!r->n)
		return 0;
	if (store_each_area(s->st, on_la, &las) < 0)
		goto out;
	pts = xcalloc(las.n + 1, sizeof(*pts));
	vals = xcalloc(las.n + 1, sizeof(*vals));
	rows = xcalloc(r->n, sizeof(*rows));
	order = xcalloc(r->n, sizeof(*order));
	heading = xcalloc(r->n, sizeof(*heading));
	/* The indicators in the order of the sections, else by id. */
	buf_addf(&path, "%s/sections.ini", s->cfg.indicators);
	if (access(path.buf, F_OK) == 0 &&
	    sections_load(path.buf, NULL, &secs) < 0)
		goto out;
	for (i = 0; i < secs.n; i++) {
		const char *first = secs.sec[i].title;

		for (k = 0; k < secs.sec[i].nids; k++) {
			const struct result_indicator *ind =
				find_indicator(r, secs.sec[i].ids[k]);

			if (!ind || norder == r->n)
				continue;
			heading[norder] = first;
			order[norder++] = (size_t)(ind - r->ind);
			first = NULL;
		}
	}
	if (!secs.n)
		for (i = 0; i < r->n; i++)
			order[norder++] = i;

	buf_adds(&csv, "Indicator ID,Indicator Name,Time period,"
		       "Time period Sortable,Value,Value note,"
		       "Compared to England value or percentiles,England,"
		       "Region,Authorities with a value,Lowest,"
		       "25th percentile,75th percentile,Highest\n");
	for (i = 0; i < norder; i++) {
		rc = spine_row(s, r, &r->ind[order[i]], &las, pts, vals,
			       &rows[nrows], &csv);
		if (rc < 0)
			goto out;
		if (rc == 0) {	/* the heading goes to the next row drawn */
			if (heading[i] && i + 1 < norder && !heading[i + 1])
				heading[i + 1] = heading[i];
			continue;
		}
		rows[nrows++].section = heading[i];
	}
	if (!nrows) {
		ret = 0;
		goto out;
	}
	buf_addf(&subtitle, "%s: the latest value of each indicator against "
		 "England and the range of all %zu authorities", r->area_name,
		 las.n);
	memset(&sc, 0, sizeof(sc));
	sc.title = "Summary: where the area sits among authorities";
	sc.subtitle = subtitle.buf;
	sc.source = "Source: the indicators' publishers (see each "
		    "indicator). Compared with England at the 95% level where "
		    "an interval exists.";
	sc.area_name = r->area_name;
	sc.region_name = nrows && r->ind[0].series[SERIES_REGION].name ?
			 r->ind[0].series[SERIES_REGION].name : NULL;
	sc.benchmark_name = r->ind[0].series[SERIES_ENGLAND].name;
	sc.nrows = nrows;
	sc.rows = rows;
	sc.palette = s->cfg.palette ? PALETTE_FINGERTIPS : PALETTE_GOVUK;
	ret = publish(o, "summary_spine", formats, &sc, render_spine,
		      describe_spine, &csv);
	if (ret == 0)
		note("summary spine drawn: %zu indicators", nrows);
out:
	for (i = 0; i < las.n; i++)
		free((char *)las.code[i]);
	free(las.code);
	sections_release(&secs);
	free(rows);
	free(pts);
	free(vals);
	free(order);
	free(heading);
	buf_release(&path);
	buf_release(&csv);
	buf_release(&subtitle);
	return ret;
}

/* ---- the population pyramid ---- */

/* The single years of age by sex: ONS mid-year estimates (MYE2), as the
 * bundled source definitions name them. */
#define PYRAMID_DATASET "ons_mye2"
#define PYRAMID_MEASURE "population"
#define PYRAMID_AGES 18		/* 0 to 17 */

struct pyramid_load {
	const char *area, *england;
	int year;			/* the latest year of the area */
	struct pyr_obs { int year, who, sex, age; double v; } *obs;
	size_t n, alloc;
};

/* "age=5" in a filters string, or -1. */
static int filter_int(const char *filters, const char *key)
{
	const char *p = filters;
	size_t kl = strlen(key);
	char *end;
	long v;

	while (p && *p) {
		if (!strncmp(p, key, kl) && p[kl] == '=') {
			v = strtol(p + kl + 1, &end, 10);
			if (end != p + kl + 1 && (*end == '\0' || *end == 0x1f))
				return (int)v;
			return -1;
		}
		p = strchr(p, 0x1f);
		if (p)
			p++;
	}
	return -1;
}

static int on_pyramid_obs(const struct observation *o, void *vp)
{
	struct pyramid_load *p = vp;
	int who = !strcmp(o->area, p->area) ? 0 :
		  p->england && !strcmp(o->area, p->england) ? 1 : -1;
	int sex = strstr(o->filters, "sex=Male") ? 0 :
		  strstr(o->filters, "sex=Female") ? 1 : -1;
	int age = filter_int(o->filters, "age");

	if (who < 0 || sex < 0 || age < 0 || age >= PYRAMID_AGES ||
	    !isfinite(o->value) || o->period.month != 0)
		return 0;
	XGROW(p->obs, p->alloc, p->n + 1);
	p->obs[p->n].year = o->period.year;
	p->obs[p->n].who = who;
	p->obs[p->n].sex = sex;
	p->obs[p->n].age = age;
	p->obs[p->n++].v = o->value;
	if (who == 0 && o->period.year > p->year)
		p->year = o->period.year;
	return 0;
}

static int draw_pyramid(struct chart_out *o, const struct results *r,
			unsigned formats)
{
	struct stage *s = o->s;
	struct pyramid_load p;
	double v[2][2][PYRAMID_AGES], total[2] = { 0, 0 };
	double pc[2][2][PYRAMID_AGES];
	char labels[PYRAMID_AGES][12];
	const char *lp[PYRAMID_AGES];
	struct buf csv = BUF_INIT, subtitle = BUF_INIT, source = BUF_INIT;
	struct pyramid_chart pc_chart;
	size_t i;
	int who, sex, age, complete[2] = { 1, 1 }, ret = 0;

	memset(&p, 0, sizeof(p));
	p.area = r->area_code;
	p.england = s->cfg.nbenchmarks ? s->cfg.benchmarks[0] : NULL;
	for (sex = 0; sex < 2 && ret == 0; sex++)
		ret = store_each_observation_with(s->st, PYRAMID_DATASET,
				PYRAMID_MEASURE, sex ? "sex=Female" : "sex=Male",
				NULL, on_pyramid_obs, &p);
	if (ret < 0)
		goto out;
	if (!p.year) {
		note("no single years of age for %s (%s); no population "
		     "pyramid drawn", r->area_name, PYRAMID_DATASET);
		goto out;
	}
	for (who = 0; who < 2; who++)
		for (sex = 0; sex < 2; sex++)
			for (age = 0; age < PYRAMID_AGES; age++)
				v[who][sex][age] = NAN;
	for (i = 0; i < p.n; i++)
		if (p.obs[i].year == p.year)
			v[p.obs[i].who][p.obs[i].sex][p.obs[i].age] = p.obs[i].v;
	for (who = 0; who < 2; who++)
		for (sex = 0; sex < 2; sex++)
			for (age = 0; age < PYRAMID_AGES; age++) {
				if (isnan(v[who][sex][age]))
					complete[who] = 0;
				else
					total[who] += v[who][sex][age];
			}
	for (who = 0; who < 2; who++)
		for (sex = 0; sex < 2; sex++)
			for (age = 0; age < PYRAMID_AGES; age++)
				pc[who][sex][age] = complete[who] ?
					100.0 * v[who][sex][age] / total[who] :
					NAN;
	for (age = 0; age < PYRAMID_AGES; age++) {
		snprintf(labels[age], sizeof(labels[age]), "%d", age);
		lp[age] = labels[age];
	}
	buf_addf(&subtitle, "Percentage of all children aged 0 to 17 by "
		 "single year of age and sex, %s, mid-%d", r->area_name,
		 p.year);
	if (complete[1])
		buf_addf(&subtitle, "; %s as an outline",
			 results_area_name(r, p.england));
	buf_addf(&source, "Source: ONS, mid-year population estimates, "
		 "mid-%d.", p.year);

	memset(&pc_chart, 0, sizeof(pc_chart));
	pc_chart.title = "Children and young people by age and sex";
	pc_chart.subtitle = subtitle.buf;
	pc_chart.source = source.buf;
	pc_chart.area_name = r->area_name;
	pc_chart.comparator_name = complete[1] ?
				   results_area_name(r, p.england) : NULL;
	pc_chart.nbands = PYRAMID_AGES;
	pc_chart.band_labels = lp;
	pc_chart.male = pc[0][0];
	pc_chart.female = pc[0][1];
	pc_chart.cmp_male = complete[1] ? pc[1][0] : NULL;
	pc_chart.cmp_female = complete[1] ? pc[1][1] : NULL;
	pc_chart.decimals = 1;
	pc_chart.palette = s->cfg.palette ? PALETTE_FINGERTIPS : PALETTE_GOVUK;

	buf_adds(&csv, "Area Code,Area Name,Year,Age,Males,Females,"
		       "Males (%),Females (%)\n");
	for (who = 0; who < 2; who++) {
		const char *code = who ? p.england : r->area_code;

		if (!complete[who])
			continue;
		for (age = 0; age < PYRAMID_AGES; age++) {
			buf_add_csv(&csv, code);
			buf_addch(&csv, ',');
			buf_add_csv(&csv, results_area_name(r, code));
			buf_addf(&csv, ",%d,%d,", p.year, age);
			export_number(&csv, v[who][0][age]);
			buf_addch(&csv, ',');
			export_number(&csv, v[who][1][age]);
			buf_addch(&csv, ',');
			export_number(&csv, pc[who][0][age]);
			buf_addch(&csv, ',');
			export_number(&csv, pc[who][1][age]);
			buf_addch(&csv, '\n');
		}
	}
	if (!complete[0]) {
		note("%s: ages missing in mid-%d; no population pyramid drawn",
		     r->area_name, p.year);
		goto out;
	}
	ret = publish(o, "population_pyramid", formats, &pc_chart,
		      render_pyramid, describe_pyramid, &csv);
	if (ret == 0)
		note("population pyramid drawn: mid-%d", p.year);
out:
	free(p.obs);
	buf_release(&csv);
	buf_release(&subtitle);
	buf_release(&source);
	return ret;
}

/* ---- inequality: the area by deprivation decile ---- */

/* The first indicator of type sii over the deciles of ind, or NULL. */
static const struct result_indicator *sii_of(const struct results *r,
					     const struct result_indicator *ind)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->ind[i].type, "sii") &&
		    !strcmp(r->ind[i].group_a, ind->id))
			return &r->ind[i];
	return NULL;
}

/* The index of the period with sortable key p in ind, or -1. */
static int period_of(const struct result_indicator *ind, long p)
{
	size_t j;

	for (j = 0; j < ind->nperiods; j++)
		if (ind->periods[j].sortable == p)
			return (int)j;
	return -1;
}

/* "percentage points" for a difference of percentages, else the unit. */
static const char *difference_unit(const struct result_indicator *ind)
{
	return !strcmp(ind->unit, "%") ? "percentage points" : ind->unit;
}

/* What a breakdown's bars measure: "Under-5s reached as a percentage of
 * children aged under 5" where the definition names both, else the y
 * axis's words. */
static void breakdown_measure(const struct result_indicator *ind,
			      struct buf *b)
{
	if ((!strcmp(ind->type, "proportion") || !strcmp(ind->type, "share")) &&
	    !strcmp(ind->unit, "%") && ind->count_label[0] &&
	    ind->denominator_label[0]) {
		buf_addf(b, "%c%s as a percentage of %s",
			 toupper((unsigned char)ind->count_label[0]),
			 ind->count_label + 1, ind->denominator_label);
	} else if (!strcmp(ind->type, "count") && ind->count_label[0]) {
		buf_addf(b, "Number of %s", ind->count_label);
	} else {
		measure_name(ind, b);
	}
}

/* The fitted line of the slope index of inequality, as jsna-calc fits it
 * (compute.c, rows_from_deciles): each decile weighted by its denominator,
 * a percentage as a proportion of 1 and the SII times the multiplier.
 * Only where the SII means something (not for counts and other totals)
 * and every decile has a value and a denominator. fit[k] and the ends in
 * the indicator's unit. Returns 1 with a line, 0 without. */
static int decile_fit(const struct result_indicator *ind,
		      const struct result_point *p, double *rank, double *fit,
		      double *start, double *end, double *sii)
{
	struct stats_sii_opts opts = STATS_SII_OPTS_INIT;
	struct stats_sii_data data;
	struct stats_sii_fit f;
	double pop[RESULT_DECILES], val[RESULT_DECILES], scale = 1;
	int k;

	if (!strcmp(ind->type, "proportion") || !strcmp(ind->type, "share")) {
		opts.type = STATS_SII_PROPORTION;
		scale = ind->multiplier;
		opts.multiplier = ind->multiplier;
	} else if (!strcmp(ind->type, "rate")) {
		opts.type = STATS_SII_RATE;
	} else if (strcmp(ind->type, "mean") != 0) {
		return 0;
	}
	if (!(scale > 0))
		return 0;
	for (k = 0; k < RESULT_DECILES; k++) {
		if (!isfinite(p[k].value) || !(p[k].denominator > 0))
			return 0;
		pop[k] = p[k].denominator;
		val[k] = p[k].value / scale;
	}
	memset(&data, 0, sizeof(data));
	data.n = RESULT_DECILES;
	data.population = pop;
	data.value = val;
	if (stats_sii_line(&data, &opts, rank, &f) != STATS_OK)
		return 0;
	for (k = 0; k < RESULT_DECILES; k++)
		fit[k] = stats_sii_fitted(&f, rank[k]) * scale;
	*start = stats_sii_fitted(&f, 0) * scale;
	*end = stats_sii_fitted(&f, 1) * scale;
	*sii = f.sii;
	return isfinite(*start) && isfinite(*end);
}

/* "Slope index of inequality: -82.5 percentage points (95% confidence
 * interval -84.4 to -80.5)": the SII indicator's value for the area in
 * period p, else (with a line) the fitted line's own. */
static void sii_sentence(const struct results *r,
			 const struct result_indicator *ind, long p,
			 int have_fit, double fit_sii, struct buf *b)
{
	const struct result_indicator *s = sii_of(r, ind);
	const struct result_point *pt = NULL;
	char v[64], lo[64], hi[64];
	int j = s ? period_of(s, p) : -1;

	if (j >= 0)
		pt = &s->series[SERIES_AREA].pt[j];
	if (pt && pt->present && !strcmp(pt->note, "c")) {
		buf_adds(b, "Slope index of inequality: withheld (c).");
		return;
	}
	if (pt && isfinite(pt->value)) {
		buf_addf(b, "Slope index of inequality: %s%s%s",
			 results_format(pt->value, s->decimals, v, sizeof(v)),
			 s->unit[0] ? " " : "", s->unit);
		if (isfinite(pt->lower95) && isfinite(pt->upper95))
			buf_addf(b, " (95%% confidence interval %s to %s)",
				 results_format(pt->lower95, s->decimals, lo,
						sizeof(lo)),
				 results_format(pt->upper95, s->decimals, hi,
						sizeof(hi)));
		buf_addch(b, '.');
		return;
	}
	if (!have_fit)
		return;
	buf_addf(b, "Slope index of inequality (the fitted line's least "
		 "deprived end less its most deprived end): %s%s%s.",
		 results_format(fit_sii, ind->decimals < 6 ? ind->decimals + 1 :
					 6, v, sizeof(v)),
		 difference_unit(ind)[0] ? " " : "", difference_unit(ind));
}

/* "(IMD2025)" from a category type "LSOA deprivation deciles within the
 * authority (IMD2025)"; "" when it has none. */
static const char *index_of(const char *type)
{
	const char *p = strrchr(type, '(');

	return p ? p : "";
}

/* The start of a row of an inequality chart's plotted data: the
 * indicator, the area, the category type and category. */
static void ineq_row_start(struct buf *b, const struct results *r,
			   const char *id, const char *type, const char *cat)
{
	buf_add_csv(b, id);
	buf_addch(b, ',');
	buf_add_csv(b, r->area_code);
	buf_addch(b, ',');
	buf_add_csv(b, r->area_name);
	buf_addch(b, ',');
	buf_add_csv(b, type);
	buf_addch(b, ',');
	buf_add_csv(b, cat);
	buf_addch(b, ',');
}

/* The period and the export's columns of one value. */
static void ineq_row_point(struct buf *b, const struct period *per,
			   const struct result_point *pt)
{
	buf_add_csv(b, per->label);
	buf_addf(b, ",%ld,", per->sortable);
	export_number(b, pt->value);
	buf_addch(b, ',');
	export_number(b, pt->lower95);
	buf_addch(b, ',');
	export_number(b, pt->upper95);
	buf_addch(b, ',');
	export_number(b, pt->count);
	buf_addch(b, ',');
	export_number(b, pt->denominator);
	buf_addch(b, ',');
	buf_add_csv(b, pt->note);
}

/* The plotted data: each decile's row of the export, with its relative
 * rank and the fitted line's value there, the area's own row, the line's
 * ends, and the SII's row. */
static void inequality_csv(const struct results *r,
			   const struct result_indicator *ind,
			   const struct result_deciles *d, int j,
			   const struct inequality_chart *ic, struct buf *b)
{
	const struct result_point *p = &d->pt[(size_t)j * RESULT_DECILES];
	const struct result_indicator *s = sii_of(r, ind);
	const struct period *per = &ind->periods[j];
	static const char *const end[2] = {
		"Fitted line, most deprived end",
		"Fitted line, least deprived end"
	};
	int k, js;

	buf_adds(b, "Indicator ID,Area Code,Area Name,Category Type,Category,"
		    "Decile,Time period,Time period Sortable,Value,"
		    "Lower CI 95.0 limit,Upper CI 95.0 limit,Count,"
		    "Denominator,Value note,Relative rank,Fitted value\n");
	for (k = 0; k < RESULT_DECILES; k++) {
		ineq_row_start(b, r, ind->id, d->category_type,
			       d->category[k] ? d->category[k] : "");
		buf_addf(b, "%d,", k + 1);
		ineq_row_point(b, per, &p[k]);
		buf_addch(b, ',');
		if (ic->fit) {
			export_number(b, ic->rank[k]);
			buf_addch(b, ',');
			export_number(b, ic->fit[k]);
		} else {
			buf_addch(b, ',');
		}
		buf_addch(b, '\n');
	}
	ineq_row_start(b, r, ind->id, "", "");
	buf_addch(b, ',');
	ineq_row_point(b, per, &ind->series[SERIES_AREA].pt[j]);
	buf_adds(b, ",,\n");
	for (k = 0; ic->fit && k < 2; k++) {
		ineq_row_start(b, r, ind->id, "", end[k]);
		buf_addch(b, ',');
		buf_add_csv(b, per->label);
		buf_addf(b, ",%ld,,,,,,,%d,", per->sortable, k);
		export_number(b, k ? ic->fit_end : ic->fit_start);
		buf_addch(b, '\n');
	}
	if (s && (js = period_of(s, per->sortable)) >= 0 &&
	    s->series[SERIES_AREA].pt[js].present) {
		ineq_row_start(b, r, s->id, "", "");
		buf_addch(b, ',');
		ineq_row_point(b, per, &s->series[SERIES_AREA].pt[js]);
		buf_adds(b, ",,\n");
	}
}

/* For an indicator broken down by deprivation decile: the area's ten
 * deciles in the latest period that has them. */
static int draw_inequality(struct chart_out *o, const struct results *r,
			   const struct result_below *below, size_t i,
			   unsigned formats)
{
	struct stage *s = o->s;
	const struct result_indicator *ind = &r->ind[i];
	const struct result_deciles *d = results_deciles_of(below, i);
	const struct result_point *p = NULL;
	struct inequality_bar bars[RESULT_DECILES];
	char labels[RESULT_DECILES][12];
	double rank[RESULT_DECILES], fit[RESULT_DECILES];
	double start = NAN, end = NAN, sii = NAN;
	struct inequality_chart ic;
	struct buf subtitle = BUF_INIT, source = BUF_INIT, ylab = BUF_INIT;
	struct buf notes = BUF_INIT, csv = BUF_INIT, stem = BUF_INIT;
	struct buf axis = BUF_INIT, siit = BUF_INIT;
	int j, k, withheld = 0, have_fit, local, ret;
	char total[64];

	if (!d)
		return 0;
	/* The latest period with a decile's value or a withheld one. */
	for (j = (int)ind->nperiods - 1; j >= 0; j--) {
		p = &d->pt[(size_t)j * RESULT_DECILES];
		for (k = 0; k < RESULT_DECILES; k++)
			if (isfinite(p[k].value))
				break;
		if (k < RESULT_DECILES)
			break;
	}
	if (j < 0) {
		note("%s: no deprivation deciles for %s; no inequality chart "
		     "drawn", ind->id, r->area_name);
		return 0;
	}
	local = strstr(d->category_type, "within the authority") != NULL;
	memset(bars, 0, sizeof(bars));
	for (k = 0; k < RESULT_DECILES; k++) {
		snprintf(labels[k], sizeof(labels[k]), "%d", k + 1);
		bars[k].label = labels[k];
		bars[k].name = d->category[k];
		bars[k].value = p[k].value;
		bars[k].lower = p[k].lower95;
		bars[k].upper = p[k].upper95;
		bars[k].note = p[k].note;
		if (p[k].present && !strcmp(p[k].note, "c"))
			withheld = 1;
	}
	have_fit = decile_fit(ind, p, rank, fit, &start, &end, &sii);

	breakdown_measure(ind, &subtitle);
	buf_addf(&subtitle, ", %s, %s, by %s", r->area_name,
		 ind->periods[j].label,
		 local ? "deprivation decile of the authority's small areas" :
			 "national deprivation decile of the small areas");
	if (*index_of(d->category_type))
		buf_addf(&subtitle, " %s", index_of(d->category_type));
	if (is_total(ind) && isfinite(ind->series[SERIES_AREA].pt[j].value))
		buf_addf(&subtitle, ": %s in all",
			 results_format(ind->series[SERIES_AREA].pt[j].value,
					ind->decimals, total, sizeof(total)));
	measure_name(ind, &ylab);
	buf_addf(&axis, "Deprivation decile%s%s%s",
		 local ? " within the authority" : " in England",
		 *index_of(d->category_type) ? " " : "",
		 index_of(d->category_type));
	sii_sentence(r, ind, ind->periods[j].sortable, have_fit, sii, &siit);
	add_source(&source, ind);
	if (withheld)
		buf_addf(&notes, "c: withheld; values from fewer than %d are "
			 "suppressed.", s->cfg.suppress_below);

	memset(&ic, 0, sizeof(ic));
	ic.title = ind->title;
	ic.subtitle = subtitle.buf;
	ic.source = source.buf;
	ic.note = notes.len ? notes.buf : NULL;
	ic.y_label = ylab.buf;
	ic.axis_label = axis.buf;
	ic.first_end = "Most deprived";
	ic.last_end = "Least deprived";
	ic.nbars = RESULT_DECILES;
	ic.bars = bars;
	/* A total's own value is the deciles added up: no line to set
	 * beside them. */
	ic.area_name = r->area_name;
	ic.overall = is_total(ind) ? NAN :
				     ind->series[SERIES_AREA].pt[j].value;
	if (have_fit) {
		ic.rank = rank;
		ic.fit = fit;
		ic.fit_start = start;
		ic.fit_end = end;
	}
	ic.sii_text = siit.len ? siit.buf : NULL;
	ic.decimals = ind->decimals;

	inequality_csv(r, ind, d, j, &ic, &csv);
	buf_addf(&stem, "%s_inequality", ind->id);
	ret = publish(o, stem.buf, formats, &ic, render_inequality,
		      describe_inequality, &csv);
	if (ret == 0)
		note("%s: inequality chart drawn", ind->id);
	buf_release(&subtitle);
	buf_release(&source);
	buf_release(&ylab);
	buf_release(&notes);
	buf_release(&csv);
	buf_release(&stem);
	buf_release(&axis);
	buf_release(&siit);
	return ret;
}

/* ---- localities: the area's own places against it ---- */

/* For an indicator with values for the area's localities: the latest
 * period that has them, the authority pinned at the top (the comparator,
 * grey), each locality filled by its comparison with the authority. */
static int draw_localities(struct chart_out *o, const struct results *r,
			   const struct result_below *below, size_t i,
			   unsigned formats)
{
	struct stage *s = o->s;
	const struct result_indicator *ind = &r->ind[i];
	const struct result_point *pts = below->loc_pt ? below->loc_pt[i] :
					 NULL;
	const struct result_point *p[COMPARE_MAX_BARS];
	const char *code[COMPARE_MAX_BARS];
	struct compare_bar bars[COMPARE_MAX_BARS];
	size_t idx[COMPARE_MAX_BARS], n, m, k, nloc = below->nloc;
	struct compare_chart cc;
	struct buf subtitle = BUF_INIT, source = BUF_INIT, what = BUF_INIT;
	struct buf notes = BUF_INIT, csv = BUF_INIT, stem = BUF_INIT;
	int j, ret, withheld = 0, tested = 0;

	if (!pts || !nloc)
		return 0;
	for (j = (int)ind->nperiods - 1; j >= 0; j--) {
		for (m = 0; m < nloc; m++) {
			const struct result_point *q =
				&pts[(size_t)j * nloc + m];

			if (isfinite(q->value) ||
			    (q->present && !strcmp(q->note, "c")))
				break;
		}
		if (m < nloc)
			break;
	}
	/* Withheld everywhere (an SII of small numbers): nothing to draw. */
	for (m = 0; j >= 0 && m < nloc; m++)
		if (isfinite(pts[(size_t)j * nloc + m].value))
			break;
	if (j < 0 || (m == nloc &&
		      !isfinite(ind->series[SERIES_AREA].pt[j].value))) {
		note("%s: no values for the localities of %s; no locality "
		     "chart drawn", ind->id, r->area_name);
		return 0;
	}
	if (nloc + 1 > COMPARE_MAX_BARS) {
		warning("%s: %zu localities; the locality chart shows the "
			"first %d", ind->id, nloc, COMPARE_MAX_BARS - 1);
		nloc = COMPARE_MAX_BARS - 1;
	}
	memset(bars, 0, sizeof(bars));
	n = 0;
	code[n] = r->area_code;
	p[n] = &ind->series[SERIES_AREA].pt[j];
	bars[n].name = r->area_name;
	bars[n].is_area = 1;
	bars[n].is_benchmark = 1;
	bars[n].cmp = CMP_NOT_COMPARED;
	n++;
	for (m = 0; m < nloc; m++, n++) {
		code[n] = below->loc[m].code;
		p[n] = &pts[(size_t)j * below->nloc + m];
		bars[n].name = below->loc[m].name;
		bars[n].cmp = results_cmp(p[n]->cmp_parent);
		if (stats_cmp_tested(bars[n].cmp))
			tested = 1;
	}
	for (k = 0; k < n; k++) {
		bars[k].value = p[k]->value;
		bars[k].lower = p[k]->lower95;
		bars[k].upper = p[k]->upper95;
		bars[k].note = p[k]->note;
		if (p[k]->present && !strcmp(p[k]->note, "c"))
			withheld = 1;
	}

	measure_name(ind, &what);
	buf_addf(&subtitle, "%s, %s: %s and its localities, each locality "
		 "%s", what.buf, ind->periods[j].label, r->area_name,
		 tested ? "compared with the authority (95% confidence "
			  "intervals)" :
			  "beside the authority (not compared)");
	add_source(&source, ind);
	if (tested)
		buf_addf(&source, " Compared with %s at the 95%% level.",
			 r->area_name);
	if (withheld)
		buf_addf(&notes, "c: withheld; inside the authority values "
			 "from fewer than %d are suppressed.",
			 s->cfg.suppress_below_locality);

	memset(&cc, 0, sizeof(cc));
	cc.title = ind->title;
	cc.subtitle = subtitle.buf;
	cc.source = source.buf;
	cc.note = notes.len ? notes.buf : NULL;
	cc.nbars = n;
	cc.bars = bars;
	cc.decimals = ind->decimals;
	cc.palette = s->cfg.palette ? PALETTE_FINGERTIPS : PALETTE_GOVUK;
	cc.compared = "Locality";
	cc.withheld = "c";
	/* The best at the top: the lowest when low is good. */
	cc.ascending = !strcmp(ind->polarity, "low_is_good");

	/* The plotted data, in the chart's order, in the export's words. */
	chart_compare_order(&cc, idx);
	buf_adds(&csv, "Area Code,Area Name,Parent Code,Time period,"
		       "Time period Sortable,Value,Lower CI 95.0 limit,"
		       "Upper CI 95.0 limit,Value note,"
		       "Compared to percentiles\n");
	for (k = 0; k < n; k++) {
		const struct result_point *q = p[idx[k]];

		buf_add_csv(&csv, code[idx[k]]);
		buf_addch(&csv, ',');
		buf_add_csv(&csv, bars[idx[k]].name);
		buf_addch(&csv, ',');
		buf_add_csv(&csv, idx[k] ? r->area_code : "");
		buf_addch(&csv, ',');
		buf_add_csv(&csv, ind->periods[j].label);
		buf_addf(&csv, ",%ld,", ind->periods[j].sortable);
		export_number(&csv, q->value);
		buf_addch(&csv, ',');
		export_number(&csv, q->lower95);
		buf_addch(&csv, ',');
		export_number(&csv, q->upper95);
		buf_addch(&csv, ',');
		buf_add_csv(&csv, q->note);
		buf_addch(&csv, ',');
		buf_add_csv(&csv, idx[k] ? q->cmp_parent : "");
		buf_addch(&csv, '\n');
	}
	buf_addf(&stem, "%s_localities", ind->id);
	ret = publish(o, stem.buf, formats, &cc, render_compare,
		      describe_compare, &csv);
	if (ret == 0)
		note("%s: locality chart drawn", ind->id);
	buf_release(&subtitle);
	buf_release(&source);
	buf_release(&what);
	buf_release(&notes);
	buf_release(&csv);
	buf_release(&stem);
	return ret;
}

/* The charts of indicator i: its trend, its comparison, for a gap the
 * gap, with deciles the inequality chart and with localities theirs; none
 * when --only names others. */
static size_t charts_of(const struct results *r,
			const struct result_below *below, size_t i,
			char *const *only, size_t nonly)
{
	const struct result_indicator *ind = &r->ind[i];
	size_t j;
	int want = !nonly;

	for (j = 0; j < nonly; j++)
		if (!strcmp(ind->id, only[j]))
			want = 1;
	if (!want)
		return 0;
	return (strcmp(ind->type, "gap") ? 2 : 3) +
	       (results_deciles_of(below, i) != NULL) +
	       (below->loc_pt && below->loc_pt[i] != NULL);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		STAGE_LONG_OPTIONS,
		{ "only", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "redraw", no_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct stage s;
	struct chart_out o;
	const char *force = getenv("JSNA_FORCE");
	int redraw = force && !strcmp(force, "1");

	memset(&o, 0, sizeof(o));
	struct results r;
	struct result_below below = RESULT_BELOW_INIT;
	struct neighbours nb = NEIGHBOURS_INIT;
	struct progress bar = PROGRESS_INIT;
	char **only = NULL;
	size_t nonly = 0, oalloc = 0, i, j, total, drawn = 0;
	unsigned formats = 0;
	int c, rc, ret = JSNA_EXIT_OK;

	jsna_init_args(argc, argv);
	stage_init(&s, "chart");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS "o:f:",
				longopts, NULL)) != -1) {
		switch (c) {
		case 'o':	/* --only */
			XGROW(only, oalloc, nonly + 1);
			only[nonly++] = optarg;
			break;
		case 'R':	/* --redraw */
			redraw = 1;
			break;
		case 'f':	/* --format */
			if (config_parse_formats(optarg, "--format",
						 FORMAT_PNG | FORMAT_SVG |
						 FORMAT_PDF, &formats) < 0) {
				free(only);
				return jsna_finish(JSNA_EXIT_USAGE);
			}
			break;
		default:
			rc = stage_option(&s, c, optarg, usage);
			if (rc) {
				free(only);
				return jsna_finish(rc > 0 ? JSNA_EXIT_OK :
						   JSNA_EXIT_USAGE);
			}
		}
	}
	if (optind < argc) {
		fputs(usage, stderr);
		free(only);
		return jsna_finish(JSNA_EXIT_USAGE);
	}
	if ((rc = stage_start(&s, STAGE_STORE | STAGE_WRITE |
			      STAGE_OUTPUTS)) != 0) {
		free(only);
		return rc;
	}
	if (!formats)
		formats = s.cfg.formats;
	if (results_load(s.st, &s.cfg, &r) < 0) {
		free(only);
		return stage_finish(&s, JSNA_EXIT_SYSTEM);
	}
	if (results_load_below(s.st, &r, &below) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	/* Without a list, the compare charts show the area, region and
	 * England only (jsna-calc has said so already). */
	if (s.cfg.neighbours && neighbours_load(s.cfg.neighbours, s.st,
						 &nb) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	for (i = 0; i < nonly; i++) {
		for (j = 0; j < r.n; j++)
			if (!strcmp(r.ind[j].id, only[i]))
				break;
		if (j == r.n) {
			error("no indicator '%s' in the latest calculation",
			      only[i]);
			ret = JSNA_EXIT_USAGE;
			goto out;
		}
	}
	out_init(&o, &s, redraw);
	total = nonly ? 0 : 2;	/* the profile's spine and pyramid */
	for (i = 0; i < r.n; i++)
		total += charts_of(&r, &below, i, only, nonly);
	progress_begin(&bar, "charts", total);
	for (i = 0; i < r.n; i++) {
		size_t want = charts_of(&r, &below, i, only, nonly);

		if (want && (draw_trend(&o, &r, &r.ind[i], formats) < 0 ||
			     draw_compare(&o, &r, &r.ind[i], &nb,
					  formats) < 0 ||
			     (!strcmp(r.ind[i].type, "gap") &&
			      draw_gap(&o, &r, &r.ind[i], &nb, formats) < 0) ||
			     draw_inequality(&o, &r, &below, i, formats) < 0 ||
			     draw_localities(&o, &r, &below, i, formats) < 0)) {
			ret = JSNA_EXIT_SYSTEM;
			break;
		}
		progress_step(&bar, drawn += want);
	}
	/* The charts of the whole profile. */
	if (ret == JSNA_EXIT_OK && !nonly &&
	    (draw_spine(&o, &r, formats) < 0 ||
	     draw_pyramid(&o, &r, formats) < 0))
		ret = JSNA_EXIT_SYSTEM;
	/* Every chart drawn before the list of what is there is written. */
	if (reap_all(&o) < 0 && ret == JSNA_EXIT_OK)
		ret = JSNA_EXIT_SYSTEM;
	if (ret == JSNA_EXIT_OK && out_finish(&o, !nonly) < 0)
		ret = JSNA_EXIT_SYSTEM;
	if (ret == JSNA_EXIT_OK) {
		progress_step(&bar, total);
		note("%zu chart%s drawn, %zu kept as they were (nothing they "
		     "show changed)", o.drawn, o.drawn == 1 ? "" : "s",
		     o.kept);
	}
out:
	reap_all(&o);
	out_release(&o);
	progress_end(&bar);
	chart_render_shutdown();
	neighbours_release(&nb);
	results_below_release(&below);
	results_release(&r);
	free(only);
	return stage_finish(&s, ret);
}
