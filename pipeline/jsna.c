/* jsna.c - the driver.
 *
 * usage: jsna refresh [-c jsna.ini] [-f] [-q] [-v]
 *        jsna changes [--since RUN]
 *        jsna STAGE [ARGS...]      runs jsna-STAGE (ingest, calc, chart,
 *                                  table, report, check, stats)
 * `jsna refresh` takes the warehouse lock and records the run with the
 * hash of everything it reads (fingerprint.h). When that equals the last
 * good refresh's and its set is still the one published, nothing is
 * recomputed or redrawn: the set is published again with a changes.md
 * that says so. Otherwise it runs the stages in order into one new output
 * set, writes changes.md after calc, and publishes the set in one step;
 * the stages inherit the lock, the run and the set. Each stage's messages
 * go to stderr and to outputs/logs/STAMP-runN.log. A stage that rejects
 * data (exit 1) does not stop the refresh; a usage, system or lock
 * failure does, and nothing is published. Values, run records and logs
 * of the last [history] runs refreshes are kept.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/changes.h"
#include "jsna/config.h"
#include "jsna/fingerprint.h"
#include "jsna/lock.h"
#include "jsna/outset.h"
#include "jsna/progress.h"
#include "jsna/stage.h"
#include "jsna/store.h"
#include "jsna/util.h"

static const char usage[] =
	"usage: jsna refresh [-c jsna.ini] [-f] [-q] [-v]\n"
	"       jsna changes [-c jsna.ini] [--since RUN]\n"
	"       jsna publish --edition NAME | --list | --verify NAME\n"
	"       jsna STAGE [ARGS...]\n"
	"Stages: ingest, calc, chart, table, report, check, stats (each also\n"
	"runs as jsna-STAGE; see jsna-STAGE --help).\n"
	"  refresh            ingest, calc, chart, table and report in order,\n"
	"                     then publish the outputs as one set; when no\n"
	"                     input, definition, configuration, neighbour\n"
	"                     list or program changed since the last good\n"
	"                     refresh, nothing is recomputed or redrawn\n"
	"  changes            what changed in the last refresh (changes.md)\n"
	"  publish            sign off the current outputs as an edition that\n"
	"                     never changes (see jsna publish --help)\n"
	"  -f, --force        refresh even when nothing changed\n"
	"  -c, --config FILE  configuration (default jsna.ini)\n"
	"  -q, --quiet        only errors\n"
	"  -v, --verbose      say what each stage did\n"
	"  -h, --help         this text\n"
	"      --version      the program's version\n";

static const char changes_usage[] =
	"usage: jsna changes [-c jsna.ini] [--since RUN]\n"
	"What changed in the last refresh that published, as Markdown on\n"
	"standard output (the same page as outputs/changes.md).\n"
	"  -s, --since RUN    compare with refresh RUN instead of the one\n"
	"                     before (run numbers are in the run logs)\n"
	"  -c, --config FILE  configuration (default jsna.ini)\n"
	"  -h, --help         this text\n";

static const char *const stages[] = {
	"ingest", "calc", "chart", "table", "report", "check", "stats",
	"publish", NULL
};
static const char *const refresh_order[] = {
	"ingest", "calc", "chart", "table", "report", NULL
};

static int dispatch(int argc, char **argv)
{
	char *prog;
	size_t i;

	for (i = 0; stages[i]; i++)
		if (!strcmp(argv[0], stages[i]))
			break;
	if (!stages[i]) {
		error("'%s' is not a jsna command", argv[0]);
		fputs(usage, stderr);
		return JSNA_EXIT_USAGE;
	}
	prog = stage_program(argv[0]);
	(void)argc;
	argv[0] = prog;
	execvp(prog, argv);
	error_errno("cannot run '%s'", prog);
	free(prog);
	return JSNA_EXIT_SYSTEM;
}

/* The bar the driver draws on its terminal for the stage it runs, from
 * the records the stage writes on its progress pipe (progress.h). The
 * bar never goes to the log: only the stage's messages do. */
struct stage_bar {
	struct progress_record rec;	/* the last record read */
	int have;		/* a record came */
	int shown;		/* the bar is on the terminal's last line */
	int midline;		/* a message is copied up to mid-line */
	char line[128];		/* a record being read */
	size_t len;
	int overlong;		/* it is too long to be a record: dropped */
	double start;
};

static void bar_redraw(struct stage_bar *bar)
{
	if (!bar->have || bar->midline)
		return;
	progress_draw(bar->rec.stage, bar->rec.done, bar->rec.total,
		      bar->rec.unit, -1.0);
	bar->shown = 1;
}

/* Copies a block of the stage's messages to stderr and the log, with the
 * bar (bar may be NULL) moved out of the way and drawn again below. */
static void copy_messages(struct stage_bar *bar, const char *block, size_t n,
			  FILE *log)
{
	if (bar && bar->shown) {
		progress_clear();
		bar->shown = 0;
	}
	fwrite(block, 1, n, stderr);
	if (log)
		fwrite(block, 1, n, log);
	if (bar) {
		bar->midline = block[n - 1] != '\n';
		bar_redraw(bar);
	}
}

/* Reads progress records out of a block; draws the last whole one. */
static void read_records(struct stage_bar *bar, const char *block, size_t n)
{
	struct progress_record rec;
	size_t i;
	int got = 0;

	for (i = 0; i < n; i++) {
		if (block[i] != '\n') {
			if (bar->len + 1 < sizeof(bar->line))
				bar->line[bar->len++] = block[i];
			else
				bar->overlong = 1;
			continue;
		}
		bar->line[bar->len] = '\0';
		if (!bar->overlong && progress_parse(bar->line, &rec) == 0) {
			bar->rec = rec;
			bar->have = got = 1;
		}
		bar->len = 0;
		bar->overlong = 0;
	}
	if (got)
		bar_redraw(bar);
}

/* The stage is over: its bar stays as a line with the time it took. */
static void bar_finish(struct stage_bar *bar)
{
	if (!bar->have)
		return;
	if (bar->midline)
		fputc('\n', stderr);
	progress_draw(bar->rec.stage, bar->rec.done, bar->rec.total,
		      bar->rec.unit, progress_now() - bar->start);
	bar->shown = 0;
}

/* Runs one stage, copying its stderr to ours and to the log. When our
 * stderr is a terminal (and not -q), the stage also gets a progress pipe
 * (JSNA_PROGRESS_FD) and its bar is drawn here, between its messages.
 * Returns its exit status, or JSNA_EXIT_SYSTEM when it could not run or
 * was killed. */
static int run_stage(const char *prog, const char *stage,
		     const char *config, int verbosity, FILE *log)
{
	int fds[2], pfds[2] = { -1, -1 }, status, k;
	struct stage_bar bar;
	struct pollfd pf[2];
	char block[4096], fdtext[16];
	pid_t pid, driver;
	ssize_t n;

	memset(&bar, 0, sizeof(bar));
	if (pipe(fds) < 0)
		return error_errno("cannot start '%s'", prog), JSNA_EXIT_SYSTEM;
	/* No bar is no reason to stop: without the pipe, none is drawn. */
	if (verbosity >= 0 && progress_terminal() && pipe(pfds) < 0)
		pfds[0] = pfds[1] = -1;
	snprintf(fdtext, sizeof(fdtext), "%d", pfds[1]);
	fflush(stderr);
	bar.start = progress_now();
	driver = getpid();
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		if (pfds[0] >= 0) {
			close(pfds[0]);
			close(pfds[1]);
		}
		return error_errno("cannot start '%s'", prog), JSNA_EXIT_SYSTEM;
	}
	if (pid == 0) {
		const char *args[6];

		k = 0;
		/* A stage outlives no driver: stopped with a plain kill, the
		 * driver takes its stage with it, and the lock is free. */
		if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 || getppid() != driver)
			_exit(JSNA_EXIT_SYSTEM);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		if (pfds[0] >= 0) {
			close(pfds[0]);
			setenv("JSNA_PROGRESS_FD", fdtext, 1);
		} else {
			unsetenv("JSNA_PROGRESS_FD");
		}
		args[k++] = prog;
		args[k++] = "-c";
		args[k++] = config;
		if (verbosity < 0)
			args[k++] = "-q";
		else if (verbosity > 0)
			args[k++] = "-v";
		args[k] = NULL;
		execvp(prog, (char *const *)args);
		fprintf(stderr, "jsna: cannot run '%s': %s\n", prog,
			strerror(errno));
		_exit(JSNA_EXIT_SYSTEM);
	}
	close(fds[1]);
	if (pfds[1] >= 0)
		close(pfds[1]);
	if (log)
		fprintf(log, "== %s\n", stage);
	pf[0].fd = fds[0];
	pf[1].fd = pfds[0];	/* -1: poll leaves it alone */
	pf[0].events = pf[1].events = POLLIN;
	while (pf[0].fd >= 0 || pf[1].fd >= 0) {
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (k = 0; k < 2; k++) {
			if (pf[k].fd < 0 || !pf[k].revents)
				continue;
			n = read(pf[k].fd, block, sizeof(block));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				close(pf[k].fd);
				pf[k].fd = -1;
			} else if (k == 0) {
				copy_messages(pfds[0] >= 0 ? &bar : NULL,
					      block, (size_t)n, log);
			} else {
				read_records(&bar, block, (size_t)n);
			}
		}
	}
	for (k = 0; k < 2; k++)
		if (pf[k].fd >= 0)
			close(pf[k].fd);
	bar_finish(&bar);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return JSNA_EXIT_SYSTEM;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	error("stage '%s' was killed by signal %d", stage, WTERMSIG(status));
	return JSNA_EXIT_SYSTEM;
}

static FILE *open_log(const struct config *cfg, long long run)
{
	struct buf dir = BUF_INIT, path = BUF_INIT;
	char stamp[32];
	time_t t = time(NULL);
	struct tm tm;
	FILE *f = NULL;

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	buf_addf(&dir, "%s/logs", cfg->outputs);
	buf_addf(&path, "%s/%s-run%lld.log", dir.buf, stamp, run);
	if (make_dirs(dir.buf) == 0) {
		f = fopen(path.buf, "w");
		if (!f)
			warning("cannot write the run log '%s': %s", path.buf,
				strerror(errno));
	}
	buf_release(&dir);
	buf_release(&path);
	return f;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keeps the newest `keep` run logs (their names sort by time). */
static void prune_logs(const char *outputs, int keep)
{
	struct buf dir = BUF_INIT;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	struct dirent *e;
	DIR *dp;

	buf_addf(&dir, "%s/logs", outputs);
	dp = opendir(dir.buf);
	while (dp && (e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.' || !str_ends_with(e->d_name, ".log"))
			continue;
		XGROW(names, alloc, n + 1);
		names[n++] = xstrdup(e->d_name);
	}
	if (dp)
		closedir(dp);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		if (i + (size_t)keep < n) {
			struct buf p = BUF_INIT;

			buf_addf(&p, "%s/%s", dir.buf, names[i]);
			if (unlink(p.buf) < 0 && errno != ENOENT)
				warning("cannot remove the old log '%s': %s",
					p.buf, strerror(errno));
			buf_release(&p);
		}
		free(names[i]);
	}
	free(names);
	buf_release(&dir);
}

/* Is the set named `name` the one readers are shown? */
static int is_current(const char *outputs, const char *name)
{
	struct buf cur = BUF_INIT;
	char target[4096];
	const char *base;
	ssize_t n;

	buf_addf(&cur, "%s/.current", outputs);
	n = readlink(cur.buf, target, sizeof(target) - 1);
	buf_release(&cur);
	if (n <= 0 || !*name)
		return 0;
	target[n] = '\0';
	base = strrchr(target, '/');
	return !strcmp(base ? base + 1 : target, name);
}

/* Writes changes.md into the set: this refresh against the last good. */
static int write_changes(struct stage *s, long long then)
{
	struct buf md = BUF_INIT;
	int ret;

	ret = changes_write(s->st, &s->cfg, s->run, then, &md);
	if (ret == 0)
		ret = stage_write_output(s, "changes.md", &md);
	buf_release(&md);
	return ret;
}

/* Tee a line to stderr (as a note) and to the run log. */
static void say(FILE *log, int always, const char *fmt, ...)
	JSNA_PRINTF(3, 4);

static void say(FILE *log, int always, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (always ? jsna_verbosity() >= 0 : jsna_verbosity() > 0)
		fprintf(stderr, "%s: %s\n", jsna_progname(), b.buf);
	if (log)
		fprintf(log, "%s\n", b.buf);
	buf_release(&b);
}

static int refresh(int argc, char **argv)
{
	static const struct option longopts[] = {
		STAGE_LONG_OPTIONS,
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct stage s;
	struct fingerprint fp = { 0 };
	struct run_info prev;
	char runid[32], *programs[8] = { NULL }, *name = NULL;
	FILE *log = NULL;
	char note_text[64] = "", last_set[128] = "";
	int c, rc, ret = JSNA_EXIT_OK, force = 0, found = 0, skip = 0;
	size_t i, np = 0;

	stage_init(&s, "refresh");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS "f", longopts,
				NULL)) != -1) {
		if (c == 'f') {
			force = 1;
			continue;
		}
		rc = stage_option(&s, c, optarg, usage);
		if (rc)
			return rc > 0 ? JSNA_EXIT_OK : JSNA_EXIT_USAGE;
	}
	if (optind < argc) {
		fputs(usage, stderr);
		return JSNA_EXIT_USAGE;
	}
	if ((rc = stage_start(&s, STAGE_STORE | STAGE_WRITE |
			      STAGE_OUTPUTS)) != 0)
		return rc;
	log = open_log(&s.cfg, s.run);

	/* The run record: what this refresh reads, hashed. */
	programs[np++] = xstrdup("/proc/self/exe");
	for (i = 0; refresh_order[i]; i++) {
		char *prog = stage_program(refresh_order[i]);

		if (strchr(prog, '/'))
			programs[np++] = prog;
		else
			free(prog);	/* found on PATH at run time */
	}
	if (fingerprint_take(&fp, s.st, &s.cfg,
			     (const char *const *)programs) < 0 ||
	    fingerprint_record(&fp, s.st, s.run) < 0 ||
	    store_last_refresh(s.st, s.run, &prev, &found) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	/* The set published last (by that refresh, or by a publish after
	 * it) must still be the one shown: a stage run alone since has
	 * published another. */
	if (found && store_last_outset(s.st, last_set) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	skip = !force && found && !strcmp(prev.fingerprint, fp.digest) &&
	       is_current(s.cfg.outputs, last_set);
	say(log, 0, "refresh %lld: %zu files read, %zu of them hashed "
	    "(the rest known unchanged)", s.run, fp.n, fp.hashed);
	if (skip) {
		say(log, 0, "nothing changed since refresh %lld: no input, "
		    "definition, configuration, neighbour list or program is "
		    "different; the outputs stay as they are", prev.id);
		ret = prev.status;
		snprintf(note_text, sizeof(note_text),
			 "unchanged since refresh %lld", prev.id);
		if (ret == JSNA_EXIT_DATA)
			warning("input files rejected before are unchanged "
				"and still rejected: see changes.md");
		if (write_changes(&s, prev.id) < 0)
			ret = JSNA_EXIT_SYSTEM;
		goto out;
	}

	snprintf(runid, sizeof(runid), "%lld", s.run);
	if (lock_share(&s.lock) < 0 || outset_export(&s.out) < 0 ||
	    setenv("JSNA_RUN", runid, 1) < 0 ||
	    (force && setenv("JSNA_FORCE", "1", 1) < 0)) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	for (i = 0; refresh_order[i]; i++) {
		char *prog = stage_program(refresh_order[i]);

		rc = run_stage(prog, refresh_order[i], s.config_path,
			       jsna_verbosity(), log);
		free(prog);
		if (rc == JSNA_EXIT_DATA) {
			ret = JSNA_EXIT_DATA;
		} else if (rc != JSNA_EXIT_OK) {
			error("stage '%s' failed (exit %d): nothing published; the previous outputs stay",
			      refresh_order[i], rc);
			ret = rc;
			break;
		}
		/* What changed, once the values are in: the index that the
		 * report writes links it. */
		if (!strcmp(refresh_order[i], "calc") &&
		    write_changes(&s, found ? prev.id : 0) < 0) {
			ret = JSNA_EXIT_SYSTEM;
			break;
		}
	}
	unsetenv("JSNA_OUTSET");
	unsetenv("JSNA_RUN");
	unsetenv("JSNA_LOCK_FD");
	unsetenv("JSNA_FORCE");
out:
	if (ret <= JSNA_EXIT_DATA &&
	    store_prune_history(s.st, s.cfg.history_runs, s.run) < 0)
		ret = JSNA_EXIT_SYSTEM;
	if (ret <= JSNA_EXIT_DATA) {
		name = outset_name(&s.out);
		if (store_run_record(s.st, s.run, fp.digest, name,
				     note_text) < 0)
			ret = JSNA_EXIT_SYSTEM;
	}
	if (log) {
		fprintf(log, "== refresh ended with status %d\n", ret);
		if (fclose(log) != 0)
			warning("the run log of refresh %lld is incomplete: %s",
				s.run, strerror(errno));
	}
	prune_logs(s.cfg.outputs, s.cfg.history_runs);
	free(name);
	for (i = 0; i < np; i++)
		free(programs[i]);
	fingerprint_release(&fp);
	return stage_finish(&s, ret);
}

/* jsna changes [--since RUN]: the last good refresh against RUN (by
 * default the good refresh before it), on stdout. */
static int changes_cmd(int argc, char **argv)
{
	static const struct option longopts[] = {
		STAGE_LONG_OPTIONS,
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct stage s;
	struct run_info last, then;
	struct buf md = BUF_INIT;
	long long since = 0;
	int c, rc, found, ret = JSNA_EXIT_OK;
	char *end;

	stage_init(&s, "changes");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS "s:",
				longopts, NULL)) != -1) {
		if (c == 's') {
			since = strtoll(optarg, &end, 10);
			if (!*optarg || *end || since < 1) {
				error("--since takes a refresh number, not '%s'",
				      optarg);
				return JSNA_EXIT_USAGE;
			}
			continue;
		}
		rc = stage_option(&s, c, optarg, changes_usage);
		if (rc)
			return rc > 0 ? JSNA_EXIT_OK : JSNA_EXIT_USAGE;
	}
	if (optind < argc) {
		fputs(changes_usage, stderr);
		return JSNA_EXIT_USAGE;
	}
	if ((rc = stage_start(&s, STAGE_STORE)) != 0)
		return rc;
	if (store_last_refresh(s.st, 0, &last, &found) < 0)
		return stage_finish(&s, JSNA_EXIT_SYSTEM);
	if (!found) {
		error("no refresh has published outputs yet: run 'jsna refresh' first");
		return stage_finish(&s, JSNA_EXIT_USAGE);
	}
	if (since) {
		if (store_run_info(s.st, since, &then, &found) < 0)
			return stage_finish(&s, JSNA_EXIT_SYSTEM);
		if (!found || strcmp(then.command, "refresh") ||
		    (then.status != 0 && then.status != 1) ||
		    since >= last.id) {
			error("run %lld is not a refresh that published before the last one (%lld)",
			      since, last.id);
			return stage_finish(&s, JSNA_EXIT_USAGE);
		}
	} else if (store_last_refresh(s.st, last.id, &then, &found) < 0) {
		return stage_finish(&s, JSNA_EXIT_SYSTEM);
	}
	if (changes_write(s.st, &s.cfg, last.id, since ? since :
			  found ? then.id : 0, &md) < 0)
		ret = JSNA_EXIT_SYSTEM;
	else
		fwrite(md.buf, 1, md.len, stdout);
	buf_release(&md);
	return stage_finish(&s, ret);
}

int main(int argc, char **argv)
{
	int ret;

	jsna_init_args(argc, argv);
	if (argc < 2) {
		fputs(usage, stderr);
		return JSNA_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, stdout);
		return jsna_finish(JSNA_EXIT_OK);
	}
	if (!strcmp(argv[1], "--version")) {
		printf("jsna %s\n", JSNA_VERSION);
		return jsna_finish(JSNA_EXIT_OK);
	}
	if (!strcmp(argv[1], "refresh"))
		return refresh(argc - 1, argv + 1);
	if (!strcmp(argv[1], "changes"))
		return changes_cmd(argc - 1, argv + 1);
	ret = dispatch(argc - 1, argv + 1);
	return ret;
}
