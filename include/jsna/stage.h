/* stage.h - what every jsna program does around its own work: options
 * common to all (-c, -q, -v, --help, --version), the configuration, the
 * warehouse lock, the run record and the output set.
 *
 *	struct stage s;
 *	stage_init(&s, "calc");
 *	... getopt_long loop, default: rc = stage_option(&s, c, optarg, usage) ...
 *	if ((rc = stage_start(&s, STAGE_STORE | STAGE_WRITE)) != 0) return rc;
 *	... work, ret = JSNA_EXIT_OK or _DATA ...
 *	return stage_finish(&s, ret);
 *
 * A stage run by `jsna refresh` joins the refresh's lock, run and output
 * set through the environment; run alone it takes its own.
 */
#ifndef JSNA_STAGE_H
#define JSNA_STAGE_H

#include <getopt.h>

#include "jsna/buf.h"
#include "jsna/config.h"
#include "jsna/lock.h"
#include "jsna/outset.h"
#include "jsna/store.h"

enum {
	STAGE_STORE = 1 << 0,	/* open the warehouse */
	STAGE_WRITE = 1 << 1,	/* take the lock and record a run */
	STAGE_OUTPUTS = 1 << 2	/* build into an output set */
};

struct stage {
	const char *name;	/* "calc": the run's command */
	const char *config_path;
	struct config cfg;
	struct store *st;
	struct lock lock;
	struct outset out;
	long long run;
	long long parent;	/* the refresh's run, or 0 */
	unsigned flags;
	int have_cfg, have_out;
};

#define STAGE_SHORT_OPTIONS "c:hqvV"
#define STAGE_LONG_OPTIONS \
	{ "config", required_argument, NULL, 'c' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "verbose", no_argument, NULL, 'v' }, \
	{ "version", no_argument, NULL, 'V' }

void stage_init(struct stage *s, const char *name);

/* Handles a common option. Returns 0 when handled, 1 when the program
 * should exit 0 (help or version printed), -1 for a usage error (the
 * usage text was printed to stderr). */
int stage_option(struct stage *s, int c, const char *arg, const char *usage);

/* Loads the configuration and takes what flags ask for. Returns 0 or the
 * exit status to return at once (everything is then released). */
int stage_start(struct stage *s, unsigned flags);

/* Records the end of the run, publishes the output set when the status is
 * 0 or 1 (or throws it away), releases everything. Returns the status to
 * exit with (a failure while finishing makes it 3). */
int stage_finish(struct stage *s, int status);

/* The output set's path for rel (made folders); caller frees; NULL on
 * failure (reported). */
char *stage_output(struct stage *s, const char *rel);

/* Empties a folder of the output set (a stage rewrites its own folder
 * whole, so files of removed indicators do not linger). */
int stage_clear_output(struct stage *s, const char *rel);
/* Writes b to rel of the output set, through a file renamed into place.
 * Returns 0 or -1 (reported). */
int stage_write_output(struct stage *s, const char *rel, const struct buf *b);

/* The program jsna-NAME ("report"): the one beside the running program
 * (found through /proc/self/exe) when it is there, else the bare name for
 * execvp(3) to look up on PATH. Never NULL; the caller frees it. */
char *stage_program(const char *name);

#endif
