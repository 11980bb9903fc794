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

#include "jsna/compute.h"
#include "jsna/indicator.h"
#include "jsna/neighbours.h"
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

static int wanted(const char *id, char **only, size_t nonly)
{
	size_t i;

	if (!nonly)
		return 1;
	for (i = 0; i < nonly; i++)
		if (strcmp(only[i], id) == 0)
			return 1;
	return 0;
}

static int put_meta(struct stage *s, const struct indicator_def *d)
{
	struct indicator_meta m;
	char unit[128];

	indicator_unit(d, unit, sizeof(unit));
	m.id = d->id;
	m.title = d->title;
	m.domain = d->domain;
	m.type = indicator_type_name(d->type);
	m.multiplier = d->multiplier;
	m.polarity = indicator_polarity_name(d->polarity);
	m.ci = indicator_ci_name(d->ci);
	m.decimals = d->decimals;
	m.unit = unit;
	m.count_label = d->numerator.label;
	m.sex = d->sex;
	m.age = d->age;
	m.source = d->source;
	m.definition = d->path;
	m.sha256 = d->sha256;
	return store_put_indicator(s->st, s->run, &m);
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
	if (compute_load_areas(s.st, &areas) < 0) {
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
	env.run = s.run;
	if (store_begin(s.st) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	for (i = 0; i < set.n; i++) {
		const struct indicator_def *d = &set.defs[i];
		struct compute_stats cs;

		if (!wanted(d->id, only, nonly))
			continue;
		if (store_savepoint(s.st) < 0 || put_meta(&s, d) < 0) {
			ret = JSNA_EXIT_SYSTEM;
			break;
		}
		switch (compute_indicator(&env, d, &cs)) {
		case COMPUTE_OK:
			if (store_savepoint_release(s.st) < 0) {
				ret = JSNA_EXIT_SYSTEM;
				break;
			}
			done++;
			note("%s: %lld values, %lld suppressed, %lld without a denominator",
			     d->id, cs.values, cs.suppressed,
			     cs.missing_denominator);
			continue;
		case COMPUTE_DATA:
			store_savepoint_rollback(s.st);
			error_at(d->path, 0, 0, "indicator '%s' left out", d->id);
			ret = JSNA_EXIT_DATA;
			continue;
		case COMPUTE_SYSTEM:
			ret = JSNA_EXIT_SYSTEM;
			break;
		}
		break;
	}
	if (ret == JSNA_EXIT_SYSTEM)
		store_rollback(s.st);
	else if (store_commit(s.st) < 0)
		ret = JSNA_EXIT_SYSTEM;
	else
		note("%zu indicator%s computed", done, done == 1 ? "" : "s");
out:
	neighbours_release(&nb);
	strmap_release(&areas, compute_free_area);
	indicator_set_release(&set);
	free(only);
	return stage_finish(&s, ret);
}
