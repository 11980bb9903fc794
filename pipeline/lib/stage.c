/* stage.c - the common frame of every jsna program. */
#include "jsna/stage.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/util.h"

void stage_init(struct stage *s, const char *name)
{
	const char *env = getenv("JSNA_CONFIG");

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->config_path = env && *env ? env : "jsna.ini";
	s->lock.fd = -1;
}

int stage_option(struct stage *s, int c, const char *arg, const char *usage)
{
	switch (c) {
	case 'c':	/* --config */
		s->config_path = arg;
		return 0;
	case 'h':	/* --help */
		fputs(usage, stdout);
		return 1;
	case 'q':	/* --quiet */
		jsna_set_verbosity(-1);
		return 0;
	case 'v':	/* --verbose */
		jsna_set_verbosity(jsna_verbosity() + 1);
		return 0;
	case 'V':	/* --version */
		printf("%s %s\n", jsna_progname(), JSNA_VERSION);
		return 1;
	default:
		fputs(usage, stderr);
		return -1;
	}
}

int stage_start(struct stage *s, unsigned flags)
{
	const char *parent = getenv("JSNA_RUN");
	int rc;

	s->flags = flags;
	if (config_load(s->config_path, &s->cfg) < 0)
		return JSNA_EXIT_USAGE;
	s->have_cfg = 1;
	if (flags & STAGE_WRITE) {
		rc = lock_take(s->cfg.warehouse, &s->lock);
		if (rc != 0) {
			stage_finish(s, rc);
			return rc;
		}
	}
	if (flags & (STAGE_STORE | STAGE_WRITE)) {
		if (store_open(s->cfg.warehouse, &s->st) < 0) {
			stage_finish(s, JSNA_EXIT_SYSTEM);
			return JSNA_EXIT_SYSTEM;
		}
	}
	if (flags & STAGE_WRITE) {
		if (parent && *parent)
			s->parent = atoll(parent);
		if (store_run_begin(s->st, s->name, s->parent, &s->run) < 0) {
			stage_finish(s, JSNA_EXIT_SYSTEM);
			return JSNA_EXIT_SYSTEM;
		}
	}
	if (flags & STAGE_OUTPUTS) {
		if (outset_open(s->cfg.outputs, &s->out) < 0) {
			stage_finish(s, JSNA_EXIT_SYSTEM);
			return JSNA_EXIT_SYSTEM;
		}
		s->have_out = 1;
	}
	return 0;
}

char *stage_output(struct stage *s, const char *rel)
{
	return outset_path(&s->out, rel);
}

int stage_write_output(struct stage *s, const char *rel, const struct buf *b)
{
	char *path = stage_output(s, rel);
	int ret;

	if (!path)
		return -1;
	ret = afile_write(path, b->buf, b->len);
	free(path);
	return ret;
}

int stage_clear_output(struct stage *s, const char *rel)
{
	struct buf p = BUF_INIT;
	int ret;

	buf_addf(&p, "%s/%s", s->out.dir, rel);
	ret = remove_tree(p.buf);
	buf_release(&p);
	return ret;
}

char *stage_program(const char *name)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	struct buf b = BUF_INIT;
	char *slash;

	if (n > 0) {
		path[n] = '\0';
		slash = strrchr(path, '/');
		if (slash) {
			*slash = '\0';
			buf_addf(&b, "%s/jsna-%s", path, name);
			if (access(b.buf, X_OK) == 0)
				return buf_detach(&b, NULL);
			buf_reset(&b);
		}
	}
	buf_addf(&b, "jsna-%s", name);
	return buf_detach(&b, NULL);
}

int stage_finish(struct stage *s, int status)
{
	if (s->have_out) {
		if (status <= JSNA_EXIT_DATA) {
			if (outset_publish(&s->out) < 0)
				status = JSNA_EXIT_SYSTEM;
		}
		outset_abort(&s->out);
		outset_release(&s->out);
		s->have_out = 0;
	}
	if (s->st && s->run > 0 && store_run_end(s->st, s->run, status) < 0)
		status = JSNA_EXIT_SYSTEM;
	store_close(s->st);
	s->st = NULL;
	lock_release(&s->lock);
	if (s->have_cfg)
		config_release(&s->cfg);
	s->have_cfg = 0;
	return jsna_finish(status);
}
