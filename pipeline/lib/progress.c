/* progress.c - the progress bar: drawn on a terminal, or sent as records
 * to the driver that draws it; never anywhere else. */
#include "jsna/progress.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "jsna/util.h"

/* At most ten updates a second: a bar is for the eye, and a stage that
 * steps a million times must not spend its time drawing. */
#define PROGRESS_INTERVAL 0.1

/* The bar itself, between its brackets, at its widest and narrowest. */
#define BAR_MAX 20
#define BAR_MIN 5

/* The stage's name column: "ingest  [". */
#define STAGE_COLUMN 7

double progress_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 0.0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int progress_terminal(void)
{
	const char *term = getenv("TERM");

	return jsna_verbosity() >= 0 && isatty(2) &&
	       !(term && strcmp(term, "dumb") == 0);
}

static int terminal_width(void)
{
	struct winsize ws;

	if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* The number of decimal digits of v. */
static int digits(size_t v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

size_t progress_format(char *out, size_t n, const char *stage, size_t done,
		       size_t total, const char *unit, int width)
{
	char count[64], bar[BAR_MAX + 1];
	size_t avail, text, barw = 0, fill, len;
	int w;

	if (!n)
		return 0;
	if (done > total)
		done = total;
	if (width <= 0)
		width = 80;
	w = digits(total);
	snprintf(count, sizeof(count), "%*zu/%zu%s%s", w, done, total,
		 unit && *unit ? " " : "", unit ? unit : "");
	/* The last column stays empty: writing there wraps on some
	 * terminals, and a wrapped line cannot be redrawn with '\r'. */
	avail = (size_t)width - 1;
	text = STAGE_COLUMN + 1 + strlen(count);
	if (avail > text + 4)	/* "[" "]" and two spaces */
		barw = avail - text - 4;
	if (barw > BAR_MAX)
		barw = BAR_MAX;
	if (barw >= BAR_MIN) {
		fill = total ? done * barw / total : barw;
		memset(bar, '#', fill);
		memset(bar + fill, '.', barw - fill);
		bar[barw] = '\0';
		snprintf(out, n, "%-*s [%s]  %s", STAGE_COLUMN, stage, bar,
			 count);
	} else {
		snprintf(out, n, "%-*s %s", STAGE_COLUMN, stage, count);
	}
	len = strlen(out);
	if (len > avail) {
		out[avail] = '\0';
		len = avail;
	}
	return len;
}

/* Copies one field of at most PROGRESS_NAME_MAX printable bytes. */
static int name_field(char *dst, const char *src, size_t len)
{
	size_t i;

	if (len > PROGRESS_NAME_MAX)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];

		if (c <= ' ' || c >= 0x7f)
			return -1;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
	return 0;
}

/* Reads the digits at *s, leaving *s after them. */
static int count_field(const char **s, size_t *out)
{
	const char *p = *s;
	size_t v = 0;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		size_t d = (size_t)(*p - '0');

		if (v > ((size_t)-1 - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	*s = p;
	return 0;
}

int progress_parse(const char *line, struct progress_record *rec)
{
	const char *sp = strchr(line, ' '), *p;

	if (!sp || sp == line ||
	    name_field(rec->stage, line, (size_t)(sp - line)) < 0)
		return -1;
	p = sp + 1;
	if (count_field(&p, &rec->done) < 0 || *p++ != ' ' ||
	    count_field(&p, &rec->total) < 0)
		return -1;
	if (!*p) {
		rec->unit[0] = '\0';
		return 0;
	}
	if (*p++ != ' ')
		return -1;
	return name_field(rec->unit, p, strlen(p));
}

/* stderr is unbuffered: one fwrite, so one write(2) per update. */
static void put(const char *s, size_t len)
{
	fwrite(s, 1, len, stderr);
}

void progress_draw(const char *stage, size_t done, size_t total,
		   const char *unit, double elapsed)
{
	char line[256], secs[24];
	size_t len;
	int width = terminal_width(), tlen;

	line[0] = '\r';
	if (elapsed < 0) {
		len = progress_format(line + 1, sizeof(line) - 4, stage, done,
				      total, unit, width);
		memcpy(line + 1 + len, "\033[K", 3);
		put(line, len + 4);
		return;
	}
	/* The finished line, with the time it took when there is room. */
	tlen = snprintf(secs, sizeof(secs), "  %.1fs",
			elapsed < 99999.0 ? elapsed : 99999.0);
	if (tlen < 0 || width - tlen < 20)
		tlen = 0;
	len = progress_format(line + 1, sizeof(line) - 32, stage, done, total,
			      unit, width - tlen);
	memcpy(line + 1 + len, secs, (size_t)tlen);
	len += (size_t)tlen;
	memcpy(line + 1 + len, "\033[K\n", 4);
	put(line, len + 5);
}

void progress_clear(void)
{
	put("\r\033[K", 4);
}

/* The message hook: the bar leaves the line for a message and comes
 * back under it. */
static void around_message(int after, void *ctx)
{
	struct progress *p = ctx;

	if (!after) {
		if (p->shown)
			progress_clear();
		p->shown = 0;
		return;
	}
	progress_draw(p->stage, p->done, p->total, p->unit, -1.0);
	p->shown = 1;
	p->sent = p->done;
	p->last = progress_now();
}

/* The descriptor jsna refresh passes, if it is a pipe. */
static int inherited_fd(void)
{
	const char *env = getenv("JSNA_PROGRESS_FD");
	struct stat st;
	char *end;
	long fd;

	if (!env || !*env)
		return -1;
	errno = 0;
	fd = strtol(env, &end, 10);
	if (errno || *end || fd < 3 || fd > 65535)
		return -1;
	if (fstat((int)fd, &st) < 0 || !S_ISFIFO(st.st_mode))
		return -1;
	return (int)fd;
}

/* Writes or draws the current state. */
static void show(struct progress *p, double now)
{
	char rec[2 * PROGRESS_NAME_MAX + 64];
	int len;

	p->sent = p->done;
	p->last = now;
	if (p->mode == PROGRESS_TERMINAL) {
		progress_draw(p->stage, p->done, p->total, p->unit, -1.0);
		p->shown = 1;
		return;
	}
	len = snprintf(rec, sizeof(rec), "%s %zu %zu %s\n", p->stage,
		       p->done, p->total, p->unit);
	if (len <= 0 || (size_t)len >= sizeof(rec))
		return;
	/* A record is shorter than PIPE_BUF: written whole or not at all.
	 * A driver gone away turns the bar off, not the stage. */
	while (write(p->fd, rec, (size_t)len) < 0) {
		if (errno != EINTR) {
			p->mode = PROGRESS_OFF;
			break;
		}
	}
}

void progress_begin(struct progress *p, const char *unit, size_t total)
{
	const char *name = jsna_progname();
	int fd;

	progress_end(p);
	if (strncmp(name, "jsna-", 5) == 0)
		name += 5;
	p->stage = name;
	p->unit = unit ? unit : "";
	p->total = total;
	p->done = 0;
	p->sent = 0;
	p->shown = 0;
	p->fd = -1;
	p->mode = PROGRESS_OFF;
	p->start = progress_now();
	if (jsna_verbosity() < 0)
		return;
	if ((fd = inherited_fd()) >= 0) {
		p->mode = PROGRESS_PIPE;
		p->fd = fd;
	} else if (progress_terminal()) {
		p->mode = PROGRESS_TERMINAL;
		jsna_set_message_hook(around_message, p);
	} else {
		return;
	}
	show(p, p->start);
}

void progress_step(struct progress *p, size_t done)
{
	double now;

	if (p->mode == PROGRESS_OFF)
		return;
	p->done = done < p->total ? done : p->total;
	if (p->done == p->sent)
		return;
	now = progress_now();
	if (p->done == p->total || now - p->last >= PROGRESS_INTERVAL)
		show(p, now);
}

void progress_next(struct progress *p)
{
	progress_step(p, p->done + 1);
}

void progress_end(struct progress *p)
{
	if (p->mode == PROGRESS_PIPE && p->done != p->sent)
		show(p, progress_now());
	if (p->mode == PROGRESS_TERMINAL) {
		jsna_set_message_hook(NULL, NULL);
		progress_draw(p->stage, p->done, p->total, p->unit,
			      progress_now() - p->start);
		p->shown = 0;
	}
	p->mode = PROGRESS_OFF;
	p->fd = -1;
}
