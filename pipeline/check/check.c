/* check.c - jsna-check: validate definitions; list loaded datasets.
 *
 * usage: jsna-check [-c jsna.ini] [DEFINITION...]
 *        jsna-check [-c jsna.ini] --datasets
 *        jsna-check [-c jsna.ini] --values [DATASET...]
 * Reads each indicator definition named (default: every one in the
 * configured indicators folder) and reports every problem as FILE:LINE,
 * computing nothing; exits 1 when any definition is wrong. With
 * --datasets, lists each dataset in the warehouse with its measures,
 * years and filters; with --values, writes every loaded value of the
 * datasets named (default all) as CSV.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/indicator.h"
#include "jsna/sections.h"
#include "jsna/stage.h"
#include "jsna/strmap.h"
#include "jsna/util.h"

static const char usage[] =
	"usage: jsna-check [-c jsna.ini] [DEFINITION...]\n"
	"       jsna-check [-c jsna.ini] --datasets\n"
	"       jsna-check [-c jsna.ini] --values [DATASET...]\n"
	"Checks indicator definitions (default: the configured folder), or\n"
	"lists the datasets loaded in the warehouse, or writes their values.\n"
	"  -c, --config FILE  configuration (default jsna.ini)\n"
	"  -d, --datasets     list the datasets, measures and filters loaded\n"
	"      --values       write the values loaded (of the datasets named)\n"
	"                     as CSV: file,path,dataset,measure,area,period,\n"
	"                     kind,year,month,filters,value,symbol,note\n"
	"                     (filters: col=value pairs joined by 0x1f)\n"
	"  -q, --quiet        only errors\n"
	"  -h, --help         this text\n"
	"      --version      the program's version\n";

struct list_ctx {
	struct store *st;
	char *last;
};

static int on_filter(const char *filters, void *unused)
{
	const char *p = filters;

	(void)unused;
	printf("    filter");
	while (*p) {
		const char *end = strchr(p, 0x1f);
		size_t len = end ? (size_t)(end - p) : strlen(p);

		printf(" %.*s%s", (int)len, p, end ? ";" : "");
		p += len;
		if (*p)
			p++;
	}
	putchar('\n');
	return 0;
}

static int on_dataset(const struct dataset_info *d, void *vc)
{
	struct list_ctx *c = vc;

	if (!c->last || strcmp(c->last, d->id) != 0) {
		if (c->last && store_each_filter(c->st, c->last, on_filter,
						 NULL) < 0)
			return -1;
		free(c->last);
		c->last = xstrdup(d->id);
		printf("%s\t%s (%s)\n", d->id, d->title, d->publisher);
	}
	if (!strncmp(d->measure, "lookup:", 7))
		printf("    reference list '%s': %lld rows from %lld file%s\n",
		       d->measure + 7, d->rows, d->files,
		       d->files == 1 ? "" : "s");
	else
		printf("    measure %s: %lld values from %lld file%s, %d to %d\n",
		       d->measure, d->rows, d->files,
		       d->files == 1 ? "" : "s", d->first_year,
		       d->last_year);
	return 0;
}

static int list_datasets(struct stage *s)
{
	struct list_ctx c = { s->st, NULL };
	int ret = store_each_dataset(s->st, on_dataset, &c);

	if (ret == 0 && c.last)
		ret = store_each_filter(s->st, c.last, on_filter, NULL);
	if (ret == 0 && !c.last)
		printf("no datasets loaded: run jsna-ingest first\n");
	free(c.last);
	return ret;
}

/* --values: every observation of the datasets asked for, as CSV. */
struct values_ctx {
	struct store *st;
	char *const *only;
	size_t nonly;
	struct strmap paths;		/* file id -> path */
	struct buf row;
	int ret;
};

static int on_source_file(const struct source_file_info *f, void *vc)
{
	struct values_ctx *c = vc;
	char id[24];

	snprintf(id, sizeof(id), "%lld", f->id);
	*strmap_put(&c->paths, id) = xstrdup(f->path);
	return 0;
}

static int on_value(const struct observation *o, void *vc)
{
	struct values_ctx *c = vc;
	char id[24];
	const char *path;

	snprintf(id, sizeof(id), "%lld", o->file);
	path = strmap_get(&c->paths, id);
	buf_reset(&c->row);
	buf_addf(&c->row, "%lld,", o->file);
	buf_add_csv(&c->row, path ? path : "");
	buf_addch(&c->row, ',');
	buf_add_csv(&c->row, o->dataset);
	buf_addch(&c->row, ',');
	buf_add_csv(&c->row, o->measure);
	buf_addch(&c->row, ',');
	buf_add_csv(&c->row, o->area);
	buf_addch(&c->row, ',');
	buf_add_csv(&c->row, o->period.label);
	buf_addf(&c->row, ",%d,%d,%d,", (int)o->period.kind, o->period.year,
		 o->period.month);
	buf_add_csv(&c->row, o->filters);
	buf_addch(&c->row, ',');
	if (!isnan(o->value))
		buf_addf(&c->row, "%.17g", o->value);
	buf_addch(&c->row, ',');
	buf_add_csv(&c->row, o->symbol ? o->symbol : "");
	buf_addch(&c->row, ',');
	buf_add_csv(&c->row, o->note ? o->note : "");
	buf_addch(&c->row, '\n');
	if (fwrite(c->row.buf, 1, c->row.len, stdout) != c->row.len)
		return error_errno("cannot write the values");
	return 0;
}

static int on_value_series(const struct dataset_info *d, void *vc)
{
	struct values_ctx *c = vc;
	size_t i;

	if (!strncmp(d->measure, "lookup:", 7))
		return 0;
	for (i = 0; i < c->nonly; i++)
		if (!strcmp(c->only[i], d->id))
			break;
	if (c->nonly && i == c->nonly)
		return 0;
	return store_each_observation(c->st, d->id, d->measure, on_value, c);
}

static int list_values(struct stage *s, char *const *only, size_t nonly)
{
	struct values_ctx c;
	int ret;

	memset(&c, 0, sizeof(c));
	c.st = s->st;
	c.only = only;
	c.nonly = nonly;
	buf_init(&c.row, 256);
	printf("file,path,dataset,measure,area,period,kind,year,month,"
	       "filters,value,symbol,note\n");
	ret = store_each_source_file(s->st, on_source_file, &c);
	if (ret == 0)
		ret = store_each_dataset(s->st, on_value_series, &c);
	if (ret == 0 && fflush(stdout) != 0)
		ret = error_errno("cannot write the values");
	strmap_release(&c.paths, free);
	buf_release(&c.row);
	return ret;
}

/* The folder of path, "." when it has none. Caller frees. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

/* Is path a sections.ini (the report's sections, not a definition)? */
static int is_sections(const char *path)
{
	const char *base = strrchr(path, '/');

	return !strcmp(base ? base + 1 : path, "sections.ini");
}

/* Checks a sections.ini: its ids name definitions given, or files beside
 * it. Returns 0 or -1 (reported). */
static int check_sections(const char *path, const struct indicator_set *given)
{
	struct sections secs;
	char *dir = folder_of(path);
	size_t i, j;
	int ret = sections_load(path, NULL, &secs);

	for (i = 0; i < secs.n; i++)
		for (j = 0; j < secs.sec[i].nids; j++) {
			const char *id = secs.sec[i].ids[j];
			struct buf p = BUF_INIT;

			buf_addf(&p, "%s/%s.ini", dir, id);
			if (!indicator_find(given, id) &&
			    access(p.buf, R_OK) != 0)
				ret = error_at(path, secs.sec[i].line, 0,
					       "[section %s] lists '%s', which has no definition",
					       secs.sec[i].id, id);
			buf_release(&p);
		}
	if (ret == 0)
		note("%s: %zu report section%s", path, secs.n,
		     secs.n == 1 ? "" : "s");
	sections_release(&secs);
	free(dir);
	return ret;
}

/* Checks the definitions named, and the indicators they name (a gap's
 * groups, a projection's estimates) against the definitions beside them
 * (DIR/ID.ini). Returns the exit status. */
static int check_files(char **files, int n)
{
	struct indicator_set set = { NULL, 0 };
	size_t alloc = 0, i, given;
	int ret = JSNA_EXIT_OK, k;

	for (k = 0; k < n; k++) {
		struct indicator_def d;

		if (is_sections(files[k]))
			continue;	/* after the definitions */
		if (indicator_load(files[k], &d) < 0) {
			ret = JSNA_EXIT_DATA;
			continue;
		}
		XGROW(set.defs, alloc, set.n + 1);
		set.defs[set.n++] = d;
	}
	given = set.n;
	/* What each names, from its own folder. */
	for (i = 0; i < given; i++) {
		const struct indicator_def *d = &set.defs[i];
		const char *ids[3] = { d->group_a.indicator,
				       d->group_b.indicator, d->continues };
		int g;

		for (g = 0; g < 3; g++) {
			struct buf p = BUF_INIT;
			char *dir;
			struct indicator_def o;

			if (!ids[g] || indicator_find(&set, ids[g]))
				continue;
			dir = folder_of(d->path);
			buf_addf(&p, "%s/%s.ini", dir, ids[g]);
			free(dir);
			if (access(p.buf, R_OK) == 0 &&
			    indicator_load(p.buf, &o) == 0) {
				XGROW(set.defs, alloc, set.n + 1);
				set.defs[set.n++] = o;
				d = &set.defs[i];
			}
			buf_release(&p);
		}
	}
	if (indicator_check_links(&set) < 0)
		ret = JSNA_EXIT_DATA;
	for (k = 0; k < n; k++)
		if (is_sections(files[k]) && check_sections(files[k], &set) < 0)
			ret = JSNA_EXIT_DATA;
	for (i = 0; i < set.n; i++) {
		int named = 0;

		for (k = 0; k < n; k++)
			if (!strcmp(files[k], set.defs[i].path))
				named = 1;
		if (named)
			note("%s: '%s' is a valid %s", set.defs[i].path,
			     set.defs[i].id,
			     indicator_type_name(set.defs[i].type));
	}
	indicator_set_release(&set);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		STAGE_LONG_OPTIONS,
		{ "datasets", no_argument, NULL, 'd' },
		{ "values", no_argument, NULL, 0x100 },
		{ NULL, 0, NULL, 0 }
	};
	struct stage s;
	int c, rc, datasets = 0, values = 0, ret = JSNA_EXIT_OK;

	jsna_init_args(argc, argv);
	stage_init(&s, "check");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS "d", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'd':	/* --datasets */
			datasets = 1;
			break;
		case 0x100:	/* --values */
			values = 1;
			break;
		default:
			rc = stage_option(&s, c, optarg, usage);
			if (rc)
				return jsna_finish(rc > 0 ? JSNA_EXIT_OK :
						   JSNA_EXIT_USAGE);
		}
	}
	if (values) {
		if (datasets) {
			fputs(usage, stderr);
			return jsna_finish(JSNA_EXIT_USAGE);
		}
		if ((rc = stage_start(&s, STAGE_STORE)) != 0)
			return rc;
		if (list_values(&s, argv + optind, (size_t)(argc - optind)) < 0)
			ret = JSNA_EXIT_SYSTEM;
		return stage_finish(&s, ret);
	}
	if (datasets) {
		if (optind < argc) {
			fputs(usage, stderr);
			return jsna_finish(JSNA_EXIT_USAGE);
		}
		if ((rc = stage_start(&s, STAGE_STORE)) != 0)
			return rc;
		if (list_datasets(&s) < 0)
			ret = JSNA_EXIT_SYSTEM;
		return stage_finish(&s, ret);
	}
	if (optind < argc)
		return jsna_finish(check_files(argv + optind, argc - optind));
	if ((rc = stage_start(&s, 0)) != 0)
		return rc;
	{
		struct indicator_set set;
		struct sections secs;
		struct buf path = BUF_INIT;

		if (indicator_load_dir(s.cfg.indicators, &set) < 0)
			ret = JSNA_EXIT_DATA;
		buf_addf(&path, "%s/sections.ini", s.cfg.indicators);
		if (access(path.buf, F_OK) == 0) {
			if (sections_load(path.buf, &set, &secs) < 0)
				ret = JSNA_EXIT_DATA;
			else
				note("%zu report section%s in '%s'", secs.n,
				     secs.n == 1 ? "" : "s", path.buf);
			sections_release(&secs);
		}
		buf_release(&path);
		note("%zu valid definition%s in '%s'", set.n,
		     set.n == 1 ? "" : "s", s.cfg.indicators);
		indicator_set_release(&set);
	}
	return stage_finish(&s, ret);
}
