/* jsna.c - the driver.
 *
 * usage: jsna refresh [-c jsna.ini] [-q] [-v]
 *        jsna STAGE [ARGS...]      runs jsna-STAGE (ingest, calc, chart,
 *                                  table, report, check, stats)
 * `jsna refresh` takes the warehouse lock, records the run, runs the
 * stages in order into one new output set and publishes it in one step;
 * the stages inherit the lock, the run and the set. Each stage's messages
 * go to stderr and to outputs/logs/RUN.log. A stage that rejects data
 * (exit 1) does not stop the refresh; a usage, system or lock failure
 * does, and nothing is published.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/config.h"
#include "jsna/lock.h"
#include "jsna/outset.h"
#include "jsna/stage.h"
#include "jsna/store.h"
#include "jsna/util.h"

static const char usage[] =
	"usage: jsna refresh [-c jsna.ini] [-q] [-v]\n"
	"       jsna STAGE [ARGS...]\n"
	"Stages: ingest, calc, chart, table, report, check, stats (each also\n"
	"runs as jsna-STAGE; see jsna-STAGE --help).\n"
	"  refresh            ingest, calc, chart, table and report in order,\n"
	"                     then publish the outputs as one set\n"
	"  -c, --config FILE  configuration (default jsna.ini)\n"
	"  -q, --quiet        only errors\n"
	"  -v, --verbose      say what each stage did\n"
	"  -h, --help         this text\n"
	"      --version      the program's version\n";

static const char *const stages[] = {
	"ingest", "calc", "chart", "table", "report", "check", "stats", NULL
};
static const char *const refresh_order[] = {
	"ingest", "calc", "chart", "table", "report", NULL
};

/* The folder of this program, to find its stages beside it. */
static char *self_dir(const char *argv0)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char *slash;

	if (n > 0) {
		path[n] = '\0';
	} else if (strchr(argv0, '/')) {
		snprintf(path, sizeof(path), "%s", argv0);
	} else {
		return NULL;
	}
	slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(path);
}

static char *stage_program(const char *dir, const char *stage)
{
	struct buf b = BUF_INIT;

	if (dir) {
		buf_addf(&b, "%s/jsna-%s", dir, stage);
		if (access(b.buf, X_OK) == 0)
			return buf_detach(&b, NULL);
		buf_reset(&b);
	}
	buf_addf(&b, "jsna-%s", stage);
	return buf_detach(&b, NULL);
}

static int dispatch(const char *dir, int argc, char **argv)
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
	prog = stage_program(dir, argv[0]);
	(void)argc;
	argv[0] = prog;
	execvp(prog, argv);
	error_errno("cannot run '%s'", prog);
	free(prog);
	return JSNA_EXIT_SYSTEM;
}

/* Runs one stage, copying its stderr to ours and to the log. Returns its
 * exit status, or JSNA_EXIT_SYSTEM when it could not run or was killed. */
static int run_stage(const char *prog, const char *stage,
		     const char *config, int verbosity, FILE *log)
{
	int fds[2], status;
	pid_t pid;
	char block[4096];
	ssize_t n;

	if (pipe(fds) < 0)
		return error_errno("cannot start '%s'", prog), JSNA_EXIT_SYSTEM;
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return error_errno("cannot start '%s'", prog), JSNA_EXIT_SYSTEM;
	}
	if (pid == 0) {
		const char *args[6];
		int k = 0;

		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
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
	if (log)
		fprintf(log, "== %s\n", stage);
	while ((n = read(fds[0], block, sizeof(block))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		fwrite(block, 1, (size_t)n, stderr);
		if (log)
			fwrite(block, 1, (size_t)n, log);
	}
	close(fds[0]);
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

static int refresh(const char *dir, int argc, char **argv)
{
	static const struct option longopts[] = {
		STAGE_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct stage s;
	char runid[32];
	FILE *log = NULL;
	int c, rc, ret = JSNA_EXIT_OK;
	size_t i;

	stage_init(&s, "refresh");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS, longopts,
				NULL)) != -1) {
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
	snprintf(runid, sizeof(runid), "%lld", s.run);
	if (lock_share(&s.lock) < 0 || outset_export(&s.out) < 0 ||
	    setenv("JSNA_RUN", runid, 1) < 0) {
		return stage_finish(&s, JSNA_EXIT_SYSTEM);
	}
	log = open_log(&s.cfg, s.run);
	for (i = 0; refresh_order[i]; i++) {
		char *prog = stage_program(dir, refresh_order[i]);

		rc = run_stage(prog, refresh_order[i], s.config_path,
			       jsna_verbosity(), log);
		free(prog);
		if (rc == JSNA_EXIT_DATA) {
			ret = JSNA_EXIT_DATA;
			continue;
		}
		if (rc != JSNA_EXIT_OK) {
			error("stage '%s' failed (exit %d): nothing published; the previous outputs stay",
			      refresh_order[i], rc);
			ret = rc;
			break;
		}
	}
	if (log) {
		fprintf(log, "== refresh ended with status %d\n", ret);
		fclose(log);
	}
	unsetenv("JSNA_OUTSET");
	unsetenv("JSNA_RUN");
	unsetenv("JSNA_LOCK_FD");
	return stage_finish(&s, ret);
}

int main(int argc, char **argv)
{
	char *dir;
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
	dir = self_dir(argv[0]);
	if (!strcmp(argv[1], "refresh")) {
		ret = refresh(dir, argc - 1, argv + 1);
		free(dir);
		return ret;
	}
	ret = dispatch(dir, argc - 1, argv + 1);
	free(dir);
	return ret;
}
