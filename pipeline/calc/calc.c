/* calc.c - jsna-calc: indicator definitions + warehouse -> values.
 *
 * usage: jsna-calc [-c jsna.ini] [--only ID...]
 * Computes every indicator of the definitions folder (or those named)
 * for every area and period, in one transaction under a new run. A
 * definition that cannot be read or computed is reported and left out
 * (exit 1); the others are written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/compute.h"
#include "jsna/indicator.h"
#include "jsna/neighbours.h"
#include "jsna/progress.h"
#include "jsna/smallarea.h"
#include "jsna/stage.h"
#include "jsna/util.h"

static const char usage[] =
	"usage: jsna-calc [-c jsna.ini] [--only ID...]\n"
	"Computes the indicators of the definitions folder from the warehouse.\n"
	"  -c, --config FILE  configuration (default jsna.ini)\n"
	"  -o, --only ID      only this indicator (may be repeated)\n"
	"  -q, --quiet        only errors\n"
	"  -v, --verbose      say what each indicator gave\n"
	"  -h, --help         this text\n"
	"      --version      the program's version\n";

/* Is id wanted: named by --only, or a group of a gap named, or the
 * indicator by decile of an SII named? */
static int wanted(const struct indicator_set *set, const char *id,
		  char **only, size_t nonly)
{
	size_t i;

	if (!nonly)
		return 1;
	for (i = 0; i < nonly; i++) {
		const struct indicator_def *g;

		if (strcmp(only[i], id) == 0)
			return 1;
		g = indicator_find(set, only[i]);
		if (g && g->type == IND_GAP &&
		    (!strcmp(g->group_a.indicator, id) ||
		     !strcmp(g->group_b.indicator, id)))
			return 1;
		if (g && g->type == IND_SII &&
		    !strcmp(g->deciles.indicator, id))
			return 1;
	}
	return 0;
}

static void add_dataset(struct buf *b, const char *id)
{
	const char *p = b->buf;
	size_t n = strlen(id);

	while (p && *p) {
		if (!strncmp(p, id, n) && (p[n] == ',' || !p[n]))
			return;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	if (b->len)
		buf_addf(b, ",");
	buf_addf(b, "%s", id);
}

static void add_term(struct buf *b, const struct ind_term *t)
{
	size_t i;

	for (i = 0; i < t->nparts; i++)
		add_dataset(b, t->parts[i].dataset);
}

static int put_meta(struct stage *s, const struct indicator_set *set,
		    const struct indicator_def *d)
{
	struct indicator_meta m;
	struct buf ga = BUF_INIT, gb = BUF_INIT, ds = BUF_INIT;
	char unit[128];
	size_t i;
	int ret;

	indicator_unit(d, set, unit, sizeof(unit));
	memset(&m, 0, sizeof(m));
	m.id = d->id;
	m.title = d->title;
	m.domain = d->domain;
	m.type = indicator_type_name(d->type);
	m.multiplier = d->multiplier;
	m.polarity = indicator_polarity_name(d->polarity);
	m.ci = indicator_ci_name(d->ci);
	m.decimals = d->decimals;
	m.unit = unit;
	m.count_label = indicator_count_label(d);
	m.denominator_label = d->denominator.nparts &&
		d->denominator.parts[0].label ?
		d->denominator.parts[0].label : "";
	m.sex = d->sex;
	m.age = d->age;
	m.source = d->source;
	m.definition = d->path;
	m.sha256 = d->sha256;
	m.target = d->target;
	m.base_year = d->base_year;
	m.last_update = d->last_update;
	m.next_update = d->next_update;
	m.continues = d->continues;
	if (d->type == IND_GAP) {
		buf_addf(&ga, "%s%s%s", d->group_a.indicator,
			 d->group_a.category ? "/" : "",
			 d->group_a.category ? d->group_a.category : "");
		buf_addf(&gb, "%s%s%s", d->group_b.indicator,
			 d->group_b.category ? "/" : "",
			 d->group_b.category ? d->group_b.category : "");
	}
	/* An SII's indicator by decile, as a gap's first group. */
	if (d->type == IND_SII)
		buf_addf(&ga, "%s", d->deciles.indicator);
	add_term(&ds, &d->numerator);
	add_term(&ds, &d->denominator);
	add_term(&ds, &d->value);
	add_term(&ds, &d->sd);
	for (i = 0; i < d->nfallbacks; i++)
		add_dataset(&ds, d->fallbacks[i].dataset);
	m.group_a = ga.len ? ga.buf : "";
	m.group_b = gb.len ? gb.buf : "";
	m.datasets = ds.len ? ds.buf : "";
	ret = store_put_indicator(s->st, s->run, &m);
	for (i = 0; i < d->ncategories && ret == 0; i++)
		ret = store_put_category(s->st, s->run, d->id,
					 d->categories[i].name,
					 d->categories[i].type,
					 d->categories[i].label, (int)i);
	buf_release(&ga);
	buf_release(&gb);
	buf_release(&ds);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		STAGE_LONG_OPTIONS,
		{ "only", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct stage s;
	struct indicator_set set = { NULL, 0 };
	struct neighbours nb = NEIGHBOURS_INIT;
	struct strmap areas = STRMAP_INIT;
	struct compute_env env;
	struct smallarea *sa = NULL;
	struct compute_cache cache = COMPUTE_CACHE_INIT;
	struct progress bar = PROGRESS_INIT;
	struct source_registry reg;
	int have_reg = 0;
	size_t *order = NULL;
	char **only = NULL;
	size_t nonly = 0, oalloc = 0, i, done = 0;
	int c, rc, ret = JSNA_EXIT_OK;

	jsna_init_args(argc, argv);
	stage_init(&s, "calc");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS "o:",
				longopts, NULL)) != -1) {
		switch (c) {
		case 'o':	/* --only */
			XGROW(only, oalloc, nonly + 1);
			only[nonly++] = optarg;
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
	if ((rc = stage_start(&s, STAGE_STORE | STAGE_WRITE)) != 0) {
		free(only);
		return rc;
	}
	if (access(s.cfg.indicators, R_OK | X_OK) < 0) {
		error_errno("cannot read the indicators folder '%s' (set 'indicators' in [paths])",
			    s.cfg.indicators);
		ret = JSNA_EXIT_USAGE;
		goto out;
	}
	if (indicator_load_dir(s.cfg.indicators, &set) < 0)
		ret = JSNA_EXIT_DATA;
	for (i = 0; i < nonly; i++) {
		size_t j;

		for (j = 0; j < set.n; j++)
			if (strcmp(set.defs[j].id, only[i]) == 0)
				break;
		if (j == set.n) {
			error("no indicator '%s' in '%s'", only[i],
			      s.cfg.indicators);
			ret = JSNA_EXIT_USAGE;
			goto out;
		}
	}
	if (compute_load_areas(s.st, &areas) < 0 ||
	    smallarea_load(s.st, &areas, s.cfg.benchmarks[0], &sa) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	if (s.cfg.neighbours) {
		if (neighbours_load(s.cfg.neighbours, s.st, &nb) < 0)
			ret = JSNA_EXIT_DATA;
	} else {
		warning("no statistical-neighbour list configured ('neighbours' in [area]): neighbour averages are left out");
	}

	env.st = s.st;
	env.cfg = &s.cfg;
	env.nb = &nb;
	env.areas = &areas;
	{
		/* To tell a misspelt dataset from one not loaded tonight. */
		if (access(s.cfg.sources, R_OK | X_OK) == 0 &&
		    source_registry_load(s.cfg.sources, &reg) == 0)
			have_reg = 1;
	}
	env.sources = have_reg ? &reg : NULL;
	env.set = &set;
	env.cache = &cache;
	env.run = s.run;
	env.sa = sa;
	order = xcalloc(set.n + 1, sizeof(*order));
	compute_order(&set, order);
	if (store_begin(s.st) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	progress_begin(&bar, "indicators", set.n);
	for (i = 0; i < set.n; i++) {
		const struct indicator_def *d = &set.defs[order[i]];
		struct compute_stats cs;

		progress_step(&bar, i);
		if (!wanted(&set, d->id, only, nonly))
			continue;
		/* An indicator that cannot be computed writes nothing (its
		 * values are written once all are computed), so no savepoint
		 * is needed around it: a statement inside one costs SQLite a
		 * statement journal, a third of a national calc's time. Its
		 * record follows its values. */
		switch (compute_indicator(&env, d, &cs)) {
		case COMPUTE_OK:
			if (put_meta(&s, &set, d) < 0) {
				ret = JSNA_EXIT_SYSTEM;
				break;
			}
			done++;
			note("%s: %lld values, %lld withheld (%lld to protect another), %lld published values taken, %lld without a denominator",
			     d->id, cs.values, cs.suppressed, cs.secondary,
			     cs.fallback, cs.missing_denominator);
			continue;
		case COMPUTE_DATA:
			error_at(d->path, 0, 0, "indicator '%s' left out", d->id);
			ret = JSNA_EXIT_DATA;
			continue;
		case COMPUTE_SYSTEM:
			ret = JSNA_EXIT_SYSTEM;
			break;
		}
		break;
	}
	progress_step(&bar, i);
	if (ret == JSNA_EXIT_SYSTEM)
		store_rollback(s.st);
	else if (store_commit(s.st) < 0)
		ret = JSNA_EXIT_SYSTEM;
	else
		note("%zu indicator%s computed", done, done == 1 ? "" : "s");
out:
	progress_end(&bar);
	if (have_reg)
		source_registry_release(&reg);
	free(order);
	compute_cache_release(&cache);
	neighbours_release(&nb);
	smallarea_free(sa);
	strmap_release(&areas, compute_free_area);
	indicator_set_release(&set);
	free(only);
	return stage_finish(&s, ret);
}
