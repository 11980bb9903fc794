/* publish.c - jsna-publish: signed-off editions of the outputs.
 *
 * usage: jsna-publish --edition NAME | --list | --verify NAME
 * --edition freezes the outputs readers are shown (OUTPUTS/.current) as
 * OUTPUTS/editions/NAME: a real copy of every file, the edition's record
 * (EDITION.md: the refresh, the program, the area and the data vintage)
 * and MANIFEST.sha256, all made read-only, then put in place in one
 * rename. It holds the warehouse lock throughout, then publishes the
 * outputs again with an index that lists the new edition (jsna-report
 * --index-only, run beside this program on the same lock and set).
 * Refreshes never touch OUTPUTS/editions, so an edition never changes.
 * Exit codes: see util.h; 1 is --verify finding a file not as frozen.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/edition.h"
#include "jsna/results.h"
#include "jsna/stage.h"
#include "jsna/store.h"
#include "jsna/util.h"

static const char usage[] =
	"usage: jsna-publish --edition NAME [-c jsna.ini] [-q] [-v]\n"
	"       jsna-publish --list [-c jsna.ini]\n"
	"       jsna-publish --verify NAME [-c jsna.ini]\n"
	"Signs off an edition: freezes the outputs readers are shown as\n"
	"OUTPUTS/editions/NAME, a read-only copy of every file with its record\n"
	"(EDITION.md: refresh, program, data vintage, inputs) and\n"
	"MANIFEST.sha256. Refreshes never change an edition, and the index of\n"
	"the outputs lists every edition. Also run as `jsna publish`.\n"
	"      --edition NAME  freeze the current outputs as NAME: 1 to 64\n"
	"                      letters, digits, '.', '_' or '-', not starting\n"
	"                      with '.' and not ending in '.tmp'; an edition\n"
	"                      is never replaced\n"
	"      --list          one line per edition, tab-separated: name, when\n"
	"                      frozen (UTC), refresh run, number of files\n"
	"      --verify NAME   check NAME's files against its manifest\n"
	"  -c, --config FILE   configuration (default jsna.ini)\n"
	"  -q, --quiet         only errors (else it says what it froze)\n"
	"  -v, --verbose       say more\n"
	"  -h, --help          this text\n"
	"      --version       the program's version\n"
	"Exit status: 0 done; 1 --verify found a file changed, missing or\n"
	"added; 2 usage: a bad name, a name in use, or nothing published yet\n"
	"to freeze (run `jsna refresh` first); 3 system error; 4 another jsna\n"
	"process holds the warehouse lock.\n";

enum { OPT_EDITION = 256, OPT_LIST, OPT_VERIFY };

static int list_editions(struct stage *s)
{
	struct edition_list l;
	size_t i;
	int rc;

	if ((rc = stage_start(s, 0)) != 0)
		return rc;
	if (edition_list(s->cfg.outputs, &l) < 0)
		return stage_finish(s, JSNA_EXIT_SYSTEM);
	for (i = 0; i < l.n; i++) {
		printf("%s\t%s\t", l.e[i].name,
		       *l.e[i].frozen ? l.e[i].frozen : "-");
		if (l.e[i].run > 0)
			printf("%lld", l.e[i].run);
		else
			putchar('-');
		printf("\t%zu\n", l.e[i].nfiles);
	}
	edition_list_release(&l);
	return stage_finish(s, JSNA_EXIT_OK);
}

static int verify_edition(struct stage *s, const char *name)
{
	struct buf dir = BUF_INIT;
	struct stat st;
	size_t n, bad;
	int rc, ret = JSNA_EXIT_OK;

	if ((rc = stage_start(s, 0)) != 0)
		return rc;
	buf_addf(&dir, "%s/%s/%s", s->cfg.outputs, EDITIONS_DIR, name);
	if (lstat(dir.buf, &st) < 0 || !S_ISDIR(st.st_mode)) {
		error("no edition '%s' in '%s/%s' (jsna publish --list lists them)",
		      name, s->cfg.outputs, EDITIONS_DIR);
		ret = JSNA_EXIT_USAGE;
	} else if (edition_verify(dir.buf, &n, &bad) < 0) {
		ret = JSNA_EXIT_SYSTEM;
	} else if (bad) {
		error("edition '%s' is not as it was frozen: %zu problem%s",
		      name, bad, bad == 1 ? "" : "s");
		ret = JSNA_EXIT_DATA;
	} else {
		note("edition '%s': all %zu files match %s", name, n,
		     EDITION_MANIFEST);
	}
	buf_release(&dir);
	return stage_finish(s, ret);
}

/* Copies the current set into editions/NAME.tmp, writes the record and
 * the manifest, seals it and renames it to editions/NAME. */
static int freeze(struct stage *s, const char *name)
{
	struct buf editions = BUF_INIT, final = BUF_INIT, tmp = BUF_INIT;
	struct buf path = BUF_INIT, md = BUF_INIT, sums = BUF_INIT;
	struct edition_meta m;
	struct results r;
	struct stat st;
	char frozen[32], ended[32], last_ended[32], *set = NULL;
	long long run, last;
	int status, last_status, ret = JSNA_EXIT_SYSTEM, made = 0;
	int loaded = 0;
	size_t nfiles, stale;

	buf_addf(&editions, "%s/%s", s->cfg.outputs, EDITIONS_DIR);
	buf_addf(&final, "%s/%s", editions.buf, name);
	buf_addf(&tmp, "%s.tmp", final.buf);
	if (lstat(final.buf, &st) == 0) {
		error("edition '%s' exists; editions are never replaced",
		      name);
		ret = JSNA_EXIT_USAGE;
		goto out;
	}
	buf_addf(&path, "%s/.current", s->cfg.outputs);
	set = realpath(path.buf, NULL);
	if (!set) {
		if (errno != ENOENT) {
			error_errno("cannot read '%s'", path.buf);
			goto out;
		}
		error("nothing to freeze: no outputs are published in '%s' yet; run 'jsna refresh' first",
		      s->cfg.outputs);
		ret = JSNA_EXIT_USAGE;
		goto out;
	}
	if (edition_timestamp(frozen) < 0) {
		ret = JSNA_EXIT_USAGE;
		goto out;
	}
	loaded = 1;
	if (store_latest_run(s->st, "refresh", 1, &run, &status, ended) < 0 ||
	    store_latest_run(s->st, "refresh", 0, &last, &last_status,
			     last_ended) < 0 ||
	    results_load(s->st, &s->cfg, &r) < 0)
		goto out;
	if (last > run)
		warning("the last refresh (run %lld) published nothing: the edition holds the outputs of %s%lld, with the data vintage the warehouse holds now",
			last, run ? "run " : "no refresh, run ", run);
	if (edition_remove_stale(editions.buf, &stale) < 0)
		goto out;
	if (stale)
		note("removed %zu unfinished edition%s left by a publish that was stopped",
		     stale, stale == 1 ? "" : "s");

	made = 1;
	if (edition_copy(set, tmp.buf) < 0)
		goto out;
	m.name = name;
	m.frozen = frozen;
	m.run = run;
	m.run_ended = ended;
	m.version = JSNA_VERSION;
	if (edition_record(&m, &r, s->st, &md) < 0)
		goto out;
	buf_reset(&path);
	buf_addf(&path, "%s/%s", tmp.buf, EDITION_RECORD);
	if (afile_write(path.buf, md.buf, md.len) < 0)
		goto out;
	if (edition_manifest(tmp.buf, &sums, &nfiles) < 0)
		goto out;
	buf_reset(&path);
	buf_addf(&path, "%s/%s", tmp.buf, EDITION_MANIFEST);
	if (afile_write(path.buf, sums.buf, sums.len) < 0 ||
	    edition_seal(tmp.buf) < 0 ||
	    edition_install(tmp.buf, final.buf) < 0)
		goto out;
	made = 0;
	note("edition '%s' frozen: %zu files, %s", name, nfiles, final.buf);
	ret = JSNA_EXIT_OK;
out:
	if (made)
		edition_remove(tmp.buf);
	if (loaded)
		results_release(&r);
	free(set);
	buf_release(&editions);
	buf_release(&final);
	buf_release(&tmp);
	buf_release(&path);
	buf_release(&md);
	buf_release(&sums);
	return ret;
}

/* Rewrites the index of the output set so that it lists the new edition:
 * jsna-report --index-only, sharing this run's lock and set. */
static int refresh_index(struct stage *s)
{
	const char *args[6];
	char runid[32], *prog;
	int status, ret = JSNA_EXIT_SYSTEM;
	pid_t pid;

	snprintf(runid, sizeof(runid), "%lld", s->run);
	if (lock_share(&s->lock) < 0 || outset_export(&s->out) < 0 ||
	    setenv("JSNA_RUN", runid, 1) < 0)
		return JSNA_EXIT_SYSTEM;
	prog = stage_program("report");
	args[0] = prog;
	args[1] = "-c";
	args[2] = s->config_path;
	args[3] = "-q";
	args[4] = "--index-only";
	args[5] = NULL;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		error_errno("cannot run '%s'", prog);
	} else if (pid == 0) {
		execvp(prog, (char *const *)args);
		fprintf(stderr, "%s: cannot run '%s': %s\n", jsna_progname(),
			prog, strerror(errno));
		_exit(JSNA_EXIT_SYSTEM);
	} else {
		pid_t w;

		while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
			;
		if (w == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0)
			ret = JSNA_EXIT_OK;
	}
	if (ret != JSNA_EXIT_OK)
		error("the index of the outputs was not rewritten ('%s' failed): it lists the new edition after the next refresh",
		      prog);
	unsetenv("JSNA_OUTSET");
	unsetenv("JSNA_RUN");
	unsetenv("JSNA_LOCK_FD");
	free(prog);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		STAGE_LONG_OPTIONS,
		{ "edition", required_argument, NULL, OPT_EDITION },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "verify", required_argument, NULL, OPT_VERIFY },
		{ NULL, 0, NULL, 0 }
	};
	struct stage s;
	const char *name = NULL;
	int c, rc, mode = 0, modes = 0, ret;

	jsna_init_args(argc, argv);
	jsna_set_verbosity(1);	/* says what it froze, unless -q */
	stage_init(&s, "publish");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS, longopts,
				NULL)) != -1) {
		switch (c) {
		case OPT_EDITION:	/* --edition */
		case OPT_VERIFY:	/* --verify */
			name = optarg;
			mode = c;
			modes++;
			break;
		case OPT_LIST:		/* --list */
			mode = c;
			modes++;
			break;
		default:
			rc = stage_option(&s, c, optarg, usage);
			if (rc)
				return jsna_finish(rc > 0 ? JSNA_EXIT_OK :
						   JSNA_EXIT_USAGE);
		}
	}
	if (modes != 1 || optind < argc) {
		error("give one of --edition NAME, --list or --verify NAME");
		fputs(usage, stderr);
		return jsna_finish(JSNA_EXIT_USAGE);
	}
	if (name && !edition_name_ok(name)) {
		error("'%s' cannot name an edition: use 1 to 64 letters, digits, '.', '_' or '-', not starting with '.' and not ending in '.tmp'",
		      name);
		return jsna_finish(JSNA_EXIT_USAGE);
	}
	if (mode == OPT_LIST)
		return list_editions(&s);
	if (mode == OPT_VERIFY)
		return verify_edition(&s, name);

	if ((rc = stage_start(&s, STAGE_STORE | STAGE_WRITE |
			      STAGE_OUTPUTS)) != 0)
		return rc;
	ret = freeze(&s, name);
	if (ret == JSNA_EXIT_OK)
		ret = refresh_index(&s);
	if (ret == JSNA_EXIT_OK) {
		/* The set it publishes holds the last refresh's outputs: a
		 * refresh with nothing new leaves it as it is. */
		struct buf what = BUF_INIT;
		char *set = outset_name(&s.out);

		buf_addf(&what, "edition %s", name);
		if (store_run_record(s.st, s.run, NULL, set, what.buf) < 0)
			ret = JSNA_EXIT_SYSTEM;
		free(set);
		buf_release(&what);
	}
	return stage_finish(&s, ret);
}
