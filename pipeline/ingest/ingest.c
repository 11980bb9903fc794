/* ingest.c - jsna-ingest: source extracts -> warehouse.
 *
 * usage: jsna-ingest [-c jsna.ini] [--force] [FILE...]
 * Loads every CSV under the configured inputs folder (or the files named),
 * each recognised from its header by a source definition of the configured
 * sources folder (INPUTS/sources unless jsna.ini says). All loads are
 * one transaction with a savepoint per file: a file with a bad row is
 * rolled back whole and keeps its last good load, the others go in, and
 * the exit status is 1. An unchanged file (same SHA-256) is skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jsna/buf.h"
#include "jsna/load.h"
#include "jsna/progress.h"
#include "jsna/stage.h"
#include "jsna/util.h"

static const char usage[] =
	"usage: jsna-ingest [-c jsna.ini] [--force] [FILE...]\n"
	"Loads the extracts under the configured inputs folder (or the FILEs\n"
	"named) into the warehouse.\n"
	"  -c, --config FILE  configuration (default jsna.ini)\n"
	"  -f, --force        load files even when unchanged\n"
	"  -q, --quiet        only errors\n"
	"  -v, --verbose      say what each file gave\n"
	"  -h, --help         this text\n"
	"      --version      the program's version\n";

struct file_list {
	char **path;
	size_t n, alloc;
};

static void list_add(struct file_list *l, const char *p)
{
	XGROW(l->path, l->alloc, l->n + 1);
	l->path[l->n++] = xstrdup(p);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder of source definitions, which the walk leaves out. */
struct skip {
	struct stat st;		/* the configured folder's, when it exists */
	int found;
	int named;		/* also every folder named "sources": the
				 * configured one is INPUTS/sources */
};

/* Is the folder at path (st) the configured one? */
static int is_sources(const struct skip *k, const struct stat *st,
		      const char *name)
{
	if (k->found && st->st_dev == k->st.st_dev &&
	    st->st_ino == k->st.st_ino)
		return 1;
	return k->named && strcmp(name, "sources") == 0;
}

/* Finds the configured sources folder (cfg.sources) for the walk. When it
 * is inputs' own sources folder, the default, every folder named sources
 * is left out, as before the folder could be set; when it lies elsewhere,
 * only that folder is, and inputs/sources is an extracts folder like any
 * other. */
static void skip_init(struct skip *k, const char *sources, const char *inputs)
{
	struct buf own = BUF_INIT;
	struct stat st;

	buf_addf(&own, "%s/sources", inputs);
	k->found = stat(sources, &k->st) == 0;
	k->named = strcmp(sources, own.buf) == 0 ||
		   (k->found && stat(own.buf, &st) == 0 &&
		    st.st_dev == k->st.st_dev && st.st_ino == k->st.st_ino);
	buf_release(&own);
}

/* Collects the CSV files under dir, but source definitions (the sources
 * folder), EES companion metadata and hidden entries. Reference lists
 * (reference/, the neighbour list among them) are loaded like extracts,
 * by the source definitions of the lookup layout. */
static int walk(const char *dir, const struct skip *skip,
		struct file_list *out)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int ret = 0;

	if (!dp)
		return error_errno("cannot read the inputs folder '%s'", dir);
	while ((e = readdir(dp)) != NULL) {
		struct buf p = BUF_INIT;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		buf_addf(&p, "%s/%s", dir, e->d_name);
		if (stat(p.buf, &st) < 0) {
			ret = error_errno("cannot read '%s'", p.buf);
		} else if (S_ISDIR(st.st_mode)) {
			/* Definitions are not extracts. */
			if (!is_sources(skip, &st, e->d_name) &&
			    walk(p.buf, skip, out) < 0)
				ret = -1;
		} else if (str_ends_with(e->d_name, ".csv") &&
			   !str_ends_with(e->d_name, ".meta.csv")) {
			list_add(out, p.buf);
		}
		buf_release(&p);
	}
	closedir(dp);
	return ret;
}

/* The name a file is recorded under: relative to the inputs folder. */
static const char *record_name(const char *path, const char *inputs)
{
	size_t n = strlen(inputs);

	if (strncmp(path, inputs, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		STAGE_LONG_OPTIONS,
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct stage s;
	struct source_registry reg = { NULL, 0 };
	struct file_list files = { NULL, 0, 0 };
	struct skip skip;
	struct progress bar = PROGRESS_INIT;
	int c, rc, ret = JSNA_EXIT_OK, force = 0, whole = 0;
	size_t i, loaded = 0, unchanged = 0, rejected = 0;

	jsna_init_args(argc, argv);
	stage_init(&s, "ingest");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS "f", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'f':	/* --force */
			force = 1;
			break;
		default:
			rc = stage_option(&s, c, optarg, usage);
			if (rc)
				return jsna_finish(rc > 0 ? JSNA_EXIT_OK :
						   JSNA_EXIT_USAGE);
		}
	}
	if ((rc = stage_start(&s, STAGE_STORE | STAGE_WRITE)) != 0)
		return rc;

	skip_init(&skip, s.cfg.sources, s.cfg.inputs);
	if (!skip.found && !skip.named) {
		/* Set in jsna.ini and not there: a typo, most likely, that
		 * would leave every file unrecognised. */
		error("the source definitions folder '%s' ([paths] sources in '%s') does not exist",
		      s.cfg.sources, s.cfg.path);
		ret = JSNA_EXIT_USAGE;
		goto out;
	}
	if (source_registry_load(s.cfg.sources, &reg) < 0)
		ret = JSNA_EXIT_DATA;
	if (optind < argc) {
		for (i = (size_t)optind; i < (size_t)argc; i++)
			list_add(&files, argv[i]);
	} else {
		whole = 1;
		if (walk(s.cfg.inputs, &skip, &files) < 0) {
			ret = JSNA_EXIT_SYSTEM;
			goto out;
		}
		qsort(files.path, files.n, sizeof(*files.path), cmp_str);
	}

	if (store_begin(s.st) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	progress_begin(&bar, "files", files.n);
	for (i = 0; i < files.n; i++) {
		const char *name = record_name(files.path[i], s.cfg.inputs);
		struct load_result res;

		enum load_status st = load_file(s.st, &reg, files.path[i],
						name, s.run, force, &res);

		if (st != LOAD_SYSTEM &&
		    store_put_file_status(s.st, s.run, name, res.sha256,
					  load_status_name(st), res.dataset,
					  res.rows, res.errors) < 0)
			st = LOAD_SYSTEM;
		switch (st) {
		case LOAD_OK:
			loaded++;
			note("%s: loaded %lld rows (%lld values) as '%s'%s",
			     name, res.rows, res.values, res.dataset,
			     res.skipped ? "; rows of other geographies skipped" : "");
			break;
		case LOAD_UNCHANGED:
			unchanged++;
			note("%s: unchanged since its last load", name);
			break;
		case LOAD_UNKNOWN:
			warning_at(name, 0, 0,
				   "no source definition recognises this file's header; skipped (see inputs/sources/README.md)");
			break;
		case LOAD_EMPTY:
			error_at(name, 0, 0,
				 "the file is empty: rejected; its last good load, if any, is kept");
			rejected++;
			ret = JSNA_EXIT_DATA;
			break;
		case LOAD_REJECTED:
			rejected++;
			if (res.no_rows)
				error_at(name, 0, 0,
					 "a header but no data rows: rejected; its last good load is kept");
			else
				error_at(name, 0, 0,
					 "file rejected (%lu bad row%s); its last good load is kept",
					 res.errors, res.errors == 1 ? "" : "s");
			ret = JSNA_EXIT_DATA;
			break;
		case LOAD_SYSTEM:
			store_rollback(s.st);
			ret = JSNA_EXIT_SYSTEM;
			goto out;
		}
		progress_step(&bar, i + 1);
	}
	if (whole) {
		const char **keep = xcalloc(files.n + 1, sizeof(*keep));
		size_t dropped;

		for (i = 0; i < files.n; i++)
			keep[i] = record_name(files.path[i], s.cfg.inputs);
		rc = store_file_prune(s.st, keep, files.n, &dropped);
		free(keep);
		if (rc < 0) {
			store_rollback(s.st);
			ret = JSNA_EXIT_SYSTEM;
			goto out;
		}
		if (dropped)
			warning("%zu file%s no longer in '%s': their loads were dropped",
				dropped, dropped == 1 ? " is" : "s are",
				s.cfg.inputs);
	}
	if (store_commit(s.st) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	note("%zu file%s loaded, %zu unchanged, %zu rejected", loaded,
	     loaded == 1 ? "" : "s", unchanged, rejected);
out:
	progress_end(&bar);
	for (i = 0; i < files.n; i++)
		free(files.path[i]);
	free(files.path);
	source_registry_release(&reg);
	return stage_finish(&s, ret);
}
