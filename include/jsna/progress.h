/* progress.h - a progress bar per stage, shown on a terminal only.
 *
 *	struct progress bar = PROGRESS_INIT;
 *	progress_begin(&bar, "indicators", n);     the stage is the program
 *	for (i = 0; i < n; i++) { ...; progress_step(&bar, i + 1); }
 *	progress_end(&bar);                        on every path, like free()
 *
 * progress_begin decides once where the bar goes, and it goes nowhere
 * unless someone is watching: with JSNA_PROGRESS_FD=N in the environment
 * (`jsna refresh` on a terminal sets it for its stages) the stage writes
 * records "STAGE DONE TOTAL UNIT\n" on descriptor N for the driver to
 * draw; else, when progress_terminal(), it draws its own bar on stderr,
 * one line rewritten with '\r', which error()/warning()/note() clear and
 * redraw around their messages; else nothing. Both are throttled to ten a
 * second, and the last step is always shown. All state is in the struct;
 * nothing here allocates or fails (a write error turns the bar off).
 */
#ifndef JSNA_PROGRESS_H
#define JSNA_PROGRESS_H

#include <stddef.h>

enum progress_mode {
	PROGRESS_OFF = 0,	/* nobody watching: nothing written */
	PROGRESS_TERMINAL,	/* our own bar on stderr */
	PROGRESS_PIPE		/* records for the driver on fd */
};

struct progress {
	const char *stage;	/* "calc": the program's name less "jsna-" */
	const char *unit;	/* "indicators": borrowed until progress_end */
	size_t total, done;
	enum progress_mode mode;
	int fd;			/* PROGRESS_PIPE: the records' descriptor */
	int shown;		/* PROGRESS_TERMINAL: the bar is on the line */
	size_t sent;		/* done as last written or drawn */
	double start, last;	/* progress_now() at begin, at the last write */
};

#define PROGRESS_INIT { NULL, NULL, 0, 0, PROGRESS_OFF, -1, 0, 0, 0.0, 0.0 }

/* The longest stage name and unit a record carries. */
#define PROGRESS_NAME_MAX 31

/* One record of the pipe, as progress_parse reads it. */
struct progress_record {
	char stage[PROGRESS_NAME_MAX + 1];
	size_t done, total;
	char unit[PROGRESS_NAME_MAX + 1];
};

/* Starts a bar of total steps of unit (a plural noun, no spaces) on p,
 * which is PROGRESS_INIT (or all zero) or ended. Shows 0 of total at once
 * where anyone watches. */
void progress_begin(struct progress *p, const char *unit, size_t total);

/* done steps of total are done (more than total counts as total). */
void progress_step(struct progress *p, size_t done);

/* One more step done. */
void progress_next(struct progress *p);

/* Ends the bar: a terminal keeps its last state as a line with the time
 * taken; a pipe gets the last state. Does nothing on a bar that was never
 * begun (PROGRESS_INIT) or already ended. */
void progress_end(struct progress *p);

/* Whether a bar may be drawn on stderr: it is a terminal, TERM is not
 * "dumb", and messages are not quietened (verbosity >= 0). */
int progress_terminal(void);

/* Seconds on the monotonic clock, for timing a stage. */
double progress_now(void);

/* Writes the bar line into out (n bytes, always terminated) for a
 * terminal of width columns (<= 0: 80); the line never takes the last
 * column, so it never wraps, and drops the bar itself when too narrow:
 *	"calc    [##########..........]  29/58 indicators"
 * Returns: the line's length. */
size_t progress_format(char *out, size_t n, const char *stage, size_t done,
		       size_t total, const char *unit, int width);

/* Reads one record line (without its '\n') into rec. Returns 0, or -1
 * when the line is not a record (wrong fields, control bytes, names
 * longer than PROGRESS_NAME_MAX). */
int progress_parse(const char *line, struct progress_record *rec);

/* Draws a bar line on stderr: over the current line when elapsed < 0,
 * else as a finished line ending with the time taken and a newline. */
void progress_draw(const char *stage, size_t done, size_t total,
		   const char *unit, double elapsed);

/* Clears the current line of stderr (the bar, before a message). */
void progress_clear(void);

#endif
